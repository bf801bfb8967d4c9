"""report.html from story records shaped as stories.json has them: structure, map, and escaping.

The story below is fictional, written for these tests; its offsets are computed from its texts.
"""
from __future__ import annotations

import copy

import lxml.html
import pytest

from newsloom.model import Article
from newsloom.render import html as html_render
from newsloom.render.data import ReportData
from newsloom.render.geomap import countries, story_map
from newsloom.render.html import marked, number, render_html, render_story_records

STORY = "sferry01"
TEXTS = {
    "lantern1": ("The Morning Lantern", "Ferry Aurora Nord burns off Visby",
                 "The ferry Aurora Nord caught fire on Tuesday evening off Visby. "
                 "Crew evacuated 212 passengers to lifeboats, the operator said. "
                 "Captain Elin Berg said the fire started in the engine room. "
                 "A port official later said the fire started in the galley."),
    "kestrel1": ("Radio Kestrel", "Fire on Gotland ferry, passengers safe",
                 "Fire broke out on the ferry Aurora Nord on Tuesday evening near Visby. "
                 "All 240 passengers were taken off the ship, according to the coastguard. "
                 "The ferry was heading to Nynäshamn."),
    "courier1": ("Valley Courier", "Helicopters sent to burning ferry",
                 "The coastguard sent two helicopters to the burning ferry Aurora Nord. "
                 "Ships from Ventspils joined the rescue."),
}
HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</script>")


def article(aid: str) -> Article:
    outlet, title, text = TEXTS[aid]
    return Article(id=aid, content_hash=aid, source=f"{aid}.txt", format="text", raw_text=text, text=text,
                   removed=[], title=title, outlet=outlet, published="2026-05-12")


def at(aid: str, phrase: str) -> tuple[int, int]:
    start = TEXTS[aid][2].index(phrase)
    return start, start + len(phrase)


def source(aid: str, sentence: str, speaker: str | None = None) -> dict:
    start, end = at(aid, sentence)
    return {"article": aid, "outlet": TEXTS[aid][0], "start": start, "end": end, "text": sentence, "speaker": speaker}


def value(aid: str, text: str) -> dict:
    start, end = at(aid, text)
    return {"article": aid, "outlet": TEXTS[aid][0], "value": text, "start": start, "end": end}


def fixture_record() -> dict:
    fire_l = source("lantern1", "The ferry Aurora Nord caught fire on Tuesday evening off Visby.")
    fire_k = source("kestrel1", "Fire broke out on the ferry Aurora Nord on Tuesday evening near Visby.")
    crew_l = source("lantern1", "Crew evacuated 212 passengers to lifeboats, the operator said.")
    crew_k = source("kestrel1", "All 240 passengers were taken off the ship, according to the coastguard.", "coastguard")
    heli = source("courier1", "The coastguard sent two helicopters to the burning ferry Aurora Nord.", "coastguard")
    bound = source("kestrel1", "The ferry was heading to Nynäshamn.")
    engine = source("lantern1", "Captain Elin Berg said the fire started in the engine room.", "Elin Berg")
    galley = source("lantern1", "A port official later said the fire started in the galley.", "port official")
    return {
        "id": STORY, "title": "Ferry Aurora Nord burns off Visby", "first_seen": "2026-05-12",
        "last_seen": "2026-05-12", "outlets": ["Radio Kestrel", "The Morning Lantern", "Valley Courier"],
        "articles": [{"id": aid, "outlet": o, "title": t, "published": "2026-05-12", "duplicate_of": None,
                      "overlaps": []} for aid, (o, t, _) in TEXTS.items()],
        "claims": [
            {"id": "c1", "text": "The ferry Aurora Nord caught fire on Tuesday evening near Visby",
             "status": "corroborated", "sources": [fire_l, fire_k]},
            {"id": "c2", "text": "Passengers were evacuated from the ferry", "status": "conflicting",
             "sources": [crew_l, crew_k], "slot": "quantity", "internal": False,
             "values": [value("lantern1", "212"), value("kestrel1", "240")]},
            {"id": "c3", "text": "The coastguard sent two helicopters", "status": "unique", "sources": [heli]},
            {"id": "c4", "text": "Where the fire started", "status": "conflicting", "sources": [engine, galley],
             "slot": "place", "internal": True,
             "values": [value("lantern1", "engine room"), value("lantern1", "galley")]},
            {"id": "c5", "text": "The ferry was bound for Nynäshamn", "status": "unique", "sources": [bound]},
        ],
        "summary": [{"text": "The ferry Aurora Nord caught fire off Visby on Tuesday evening.", "sources": [fire_l, fire_k]},
                    {"text": "Between 212 and 240 passengers were evacuated.", "sources": [crew_l, crew_k]}],
        "timeline": [{"date": "2026-05-12", "text": "The Aurora Nord catches fire off Visby.", "sources": [fire_l, fire_k]},
                     {"date": "2026-05-01", "until": "2026-05-31", "shown": "2026-05",
                      "text": "Between 212 and 240 passengers were evacuated.", "sources": [crew_l]}],
        "attributions": [],
        "who_said_what": [
            {"speaker": "Elin Berg", "label": "PERSON", "statements": [
                {"article": "lantern1", "outlet": "The Morning Lantern", "cue": "said",
                 "content": "the fire started in the engine room", "start": engine["start"], "end": engine["end"],
                 "stance": ["claim"]}]}],
        "numbers": [
            {"thing": "passenger", "discrepancy": True, "rows": [
                {"article": "lantern1", "outlet": "The Morning Lantern", "value": 212.0, "text": "212 passengers",
                 "start": at("lantern1", "212 passengers")[0], "end": at("lantern1", "212 passengers")[1]},
                {"article": "kestrel1", "outlet": "Radio Kestrel", "value": 240.0, "text": "240 passengers",
                 "start": at("kestrel1", "240 passengers")[0], "end": at("kestrel1", "240 passengers")[1]}]},
            {"thing": "helicopter", "discrepancy": False, "rows": [
                {"article": "courier1", "outlet": "Valley Courier", "value": 2.0, "text": "two helicopters",
                 "start": at("courier1", "two helicopters")[0], "end": at("courier1", "two helicopters")[1]}]}],
        "coverage": [
            {"outlet": "Radio Kestrel", "article": "kestrel1", "unique_claims": 1,
             "examples": [{"text": bound["text"], "start": bound["start"], "end": bound["end"]}]},
            {"outlet": "The Morning Lantern", "article": "lantern1", "unique_claims": 0, "examples": []},
            {"outlet": "Valley Courier", "article": "courier1", "unique_claims": 1,
             "examples": [{"text": heli["text"], "start": heli["start"], "end": heli["end"]}]}],
        "places": [
            {"name": "Visby", "lat": 57.6348, "lon": 18.2948, "country": "SE", "outlets": ["Radio Kestrel", "The Morning Lantern"], "mentions": 2},
            {"name": "Nynäshamn", "lat": 58.9034, "lon": 17.9479, "country": "SE", "outlets": ["Radio Kestrel"], "mentions": 1},
            {"name": "Ventspils", "lat": 57.3894, "lon": 21.5606, "country": "LV", "outlets": ["Valley Courier"], "mentions": 1}],
    }


def fixture_articles() -> list[Article]:
    return [article(aid) for aid in TEXTS]


def render_fixture(record: dict | None = None) -> str:
    return render_story_records([record or fixture_record()], fixture_articles(), {}, None)


@pytest.fixture(scope="module")
def page():
    return lxml.html.fromstring(render_fixture())


def row(page, claim: str):
    [tr] = page.xpath(f'//tr[@id="s-{STORY}-{claim}"]')
    return tr


def test_story_list_links_each_story_with_its_counts(page):
    [link] = page.xpath('//nav//a[@href="#s-%s"]' % STORY)
    assert link.text_content() == "Ferry Aurora Nord burns off Visby"
    cells = [td.text_content().strip() for td in link.getparent().getparent().xpath("td")]
    assert cells[1:] == ["3", "3", "2026-05-12", "2026-05-12", "1", "2", "2"]  # reports, outlets, dates, ✓ ≠ ◆
    assert page.xpath(f'//section[@id="s-{STORY}"]')


def test_matrix_has_a_cell_per_outlet_coloured_by_verdict(page):
    outlets = [th.text_content() for th in page.xpath('//table[@class="matrix"]//th[@class="outlet"]')]
    assert outlets == ["Radio Kestrel", "The Morning Lantern", "Valley Courier"]
    statuses = {c: [td.get("class").split()[1] for td in row(page, c).xpath('td[contains(@class, "cell")]')]
                for c in ("c1", "c2", "c3", "c4")}
    assert statuses == {"c1": ["corroborated", "corroborated", "absent"],
                        "c2": ["conflicting", "conflicting", "absent"],
                        "c3": ["absent", "absent", "unique"],
                        "c4": ["absent", "conflicting", "absent"]}
    kestrel = row(page, "c2").xpath('td[@data-outlet="Radio Kestrel"]')[0]
    assert "240" in kestrel.text_content()  # the value each outlet gives, in its cell


def test_evidence_per_outlet_marks_the_conflicting_values(page):
    details = row(page, "c2").xpath('.//details[contains(@class, "evidence")]')[0]
    assert "quantity" in details.xpath('.//p[@class="conflict"]')[0].text_content()
    evidence = {ev.get("data-outlet"): ev for ev in details.xpath('.//div[@class="ev"]')}
    assert set(evidence) == {"Radio Kestrel", "The Morning Lantern"}
    assert evidence["Radio Kestrel"].xpath(".//mark/text()") == ["240"]
    assert "All 240 passengers were taken off the ship" in evidence["Radio Kestrel"].text_content()
    assert "said by coastguard" in evidence["Radio Kestrel"].text_content()
    internal = row(page, "c4").xpath('.//p[@class="conflict"]')[0].text_content()
    assert "inside one report" in internal and "galley" in internal


def test_brief_timeline_who_and_coverage(page):
    section = page.xpath(f'//section[@id="s-{STORY}"]')[0]
    brief = section.xpath('.//ol[@class="brief"]/li')
    assert len(brief) == 2 and brief[1].xpath('span[@class="src"]/text()') == ["The Morning Lantern", "Radio Kestrel"]
    first_cells = section.xpath('.//table[@class="timeline"]//tr/td[1]/text()')
    assert first_cells == ["2026-05-12", "2026-05"]  # a span shown as precise as its text
    assert "Elin Berg" in section.xpath('.//details[@class="speaker"]')[0].text_content()
    coverage = section.xpath('.//ul[@class="coverage"]')[0].text_content()
    assert "The ferry was heading to Nynäshamn." in coverage and "nothing the others omit" in coverage


def test_numbers_table_marks_the_discrepancy(page):
    rows = page.xpath('//table[@class="numbers"]/tbody/tr')
    passenger = next(r for r in rows if "passenger" in r.text_content())
    assert "discrepancy" in passenger.get("class")
    odd = passenger.xpath('td[contains(@class, "odd")]')
    assert [td.text_content() for td in odd] == ["240", "212"]  # a tie: no value is the usual one
    helicopter = next(r for r in rows if "helicopter" in r.text_content())
    assert not helicopter.get("class") and not helicopter.xpath('td[contains(@class, "odd")]')


def test_map_draws_outlines_and_a_point_per_place(page):
    [svg] = page.xpath(f'//section[@id="s-{STORY}"]//svg')
    titles = [t.text_content() for t in svg.xpath(".//circle/title")]
    assert any(t.startswith("Visby") for t in titles) and len(titles) == 3
    lands = {p.xpath("title")[0].text: p.get("class") for p in svg.xpath(".//path")}
    assert lands["Sweden"] == "land involved" and lands["Latvia"] == "land involved"
    assert lands["Norway"] == "land"  # a neighbour in view, drawn for context


def test_map_geometry_fits_the_places():
    m = story_map(fixture_record()["places"])
    assert all(0 < p["x"] < m["width"] and 0 < p["y"] < m["height"] for p in m["points"])
    visby, nynashamn = m["points"][0], m["points"][1]
    assert nynashamn["y"] < visby["y"] and nynashamn["x"] < visby["x"]  # north-west of Visby
    assert story_map([{"name": "Nowhere", "lat": None, "lon": None}]) is None
    stray = story_map(fixture_record()["places"] + [{"name": "Lima", "lat": -12.05, "lon": -77.04, "mentions": 1}])
    assert stray["elsewhere"] == ["Lima"] and len(stray["points"]) == 3  # one far place does not stretch the map
    assert len(countries()) > 150  # outlines read once from countryinfo's data


def test_the_page_is_self_contained(page):
    assert not page.xpath("//link|//img|//iframe|//script[@src]")
    html = render_fixture()
    assert "http://" not in html and "https://" not in html
    [csp] = page.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert "script-src 'sha256-" in csp and "default-src 'none'" in csp


def test_an_empty_story_renders_short_notes():
    record = {"id": "s0", "title": None, "first_seen": None, "last_seen": None, "outlets": [], "articles": []}
    page = lxml.html.fromstring(render_story_records([record], [], {}, None))
    notes = page.xpath('//p[@class="none"]/text()')
    assert "No claims compared for this story." in notes and not page.xpath("//svg")


def _hostile(record: dict) -> dict:
    """Every string that comes from an article, with markup appended."""
    bad = " " + " ".join(HOSTILE)

    def walk(node):
        if isinstance(node, dict):
            return {k: (v + bad if isinstance(v, str) and k in TEXT_KEYS else walk(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node
    return walk(copy.deepcopy(record))


TEXT_KEYS = {"title", "text", "outlet", "speaker", "value", "thing", "content", "cue", "name", "label"}


def test_markup_in_article_text_stays_text(monkeypatch):
    record = _hostile(fixture_record())
    articles = fixture_articles()
    articles[0].text += " " + " ".join(HOSTILE)
    articles[0].title = HOSTILE[0]
    monkeypatch.setattr(html_render, "story_record", lambda story, data: record)
    data = ReportData(articles=articles, stories=[{"id": STORY, "members": list(TEXTS)}])
    out = render_html(data)
    for bad in HOSTILE[:2]:
        assert bad not in out
    assert "<img" not in out.lower()
    assert out.count("</script>") == 1 and out.count("<script") == 1  # the page's own script only
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    page = lxml.html.fromstring(out)
    assert page.xpath("//script/@id") == ["newsloom-report-script"] and not page.xpath("//img")
    assert not [a for el in page.iter() if isinstance(el.tag, str) for a in el.attrib if a.startswith("on")]
    # the hostile outlet name is a real attribute value, so the script still finds its cells
    assert page.xpath('//td[@data-outlet="Radio Kestrel %s"]' % " ".join(HOSTILE))


def test_helpers():
    assert number(1200.0) == "1,200" and number(2.5) == "2.5" and number(None) == ""
    assert marked("All 240 passengers", 10, [(14, 17)]) == [("All ", False), ("240", True), (" passengers", False)]
    assert marked("abc", None, [(0, 1)]) == [("abc", False)]


def _with_a_copy() -> dict:
    """The fixture story plus the Harbour Echo, which runs Radio Kestrel's report word for word."""
    record = fixture_record()
    record["outlets"] = record["outlets"] + ["Harbour Echo"]
    record["articles"].append({"id": "echo1", "outlet": "Harbour Echo", "title": "Fire on Gotland ferry",
                               "published": "2026-05-12", "duplicate_of": "kestrel1", "overlaps": []})
    return record


def test_a_copy_column_shows_the_claims_of_the_report_it_carries():
    page = lxml.html.fromstring(render_story_records([_with_a_copy()], fixture_articles(), {}, None))
    [header] = [th for th in page.xpath('//table[@class="matrix"]//th[@class="outlet"]')
                if th.text_content().startswith("Harbour Echo")]
    assert "copy of Radio Kestrel" in header.text_content()
    cells = {c: row(page, c).xpath('td[@data-outlet="Harbour Echo"]')[0] for c in ("c1", "c2", "c3", "c4")}
    assert {c: td.get("class").split()[1] for c, td in cells.items()} == {
        "c1": "copy", "c2": "copy", "c3": "absent", "c4": "absent"}  # Kestrel states c1 and c2 only
    assert cells["c2"].get("title") == "Harbour Echo: copy of Radio Kestrel"
    [listed] = [li for li in page.xpath(f'//section[@id="s-{STORY}"]/ul[@class="reports"]/li')
                if "Harbour Echo" in li.text_content()]
    assert "copy of Radio Kestrel's report" in listed.text_content()
    assert listed.xpath('.//a[@href="#a-kestrel1"]')
    # the numbers table: the copy carries Kestrel's 240 passengers, not Valley Courier's helicopters
    table = page.xpath('//table[contains(@class, "numbers")]')[0]
    echo = [th.text_content() for th in table.xpath('.//thead//th')].index("Harbour Echo")
    cells = {tr.xpath('th')[0].text_content().strip(): tr.xpath('th|td')[echo].text_content().strip()
             for tr in table.xpath('.//tbody/tr')}
    assert cells["≠ passenger"] == "=" and cells["helicopter"] == "–"


def test_an_outlet_with_an_own_report_is_no_copy_column():
    from newsloom.render.html import copy_outlets

    record = _with_a_copy()
    assert copy_outlets(record) == {"Harbour Echo": "Radio Kestrel"}
    record["articles"].append({"id": "echo2", "outlet": "Harbour Echo", "title": "Ferry towed to Visby",
                               "published": "2026-05-13", "duplicate_of": None, "overlaps": []})
    assert copy_outlets(record) == {}


def test_counts_read_as_written_in_both_reports(page):
    from newsloom.render.data import counted
    from newsloom.render.markdown import brief_lines

    assert [counted(1, "claim"), counted(3, "claim"), counted(2, "story")] == ["1 claim", "3 claims", "2 stories"]
    section = page.xpath(f'//section[@id="s-{STORY}"]')[0]
    meta = section.xpath('.//p[@class="meta"]')[0].text_content()
    assert "3 reports" in meta and "3 outlets" in meta and "(s)" not in meta
    assert "1 claim no other outlet reports" in section.xpath('.//ul[@class="coverage"]')[0].text_content()
    lines = brief_lines(fixture_record())
    assert any(line.startswith("Only Radio Kestrel (1 claim), e.g.: ") for line in lines)


def test_two_sentences_of_one_outlet_are_cited_once():
    from newsloom.render.html import by_outlet

    cited = by_outlet([{"outlet": "Radio Kestrel", "text": "The ferry caught fire."},
                       {"outlet": "The Morning Lantern", "text": "A fire broke out on the ferry."},
                       {"outlet": "Radio Kestrel", "text": "All passengers were taken off."}])
    assert cited == [{"outlet": "Radio Kestrel", "text": "The ferry caught fire. / All passengers were taken off."},
                     {"outlet": "The Morning Lantern", "text": "A fire broke out on the ferry."}]
    record = fixture_record()
    item = record["summary"][0]
    item["sources"] = item["sources"] + [{**item["sources"][0], "start": 999, "text": "Another sentence."}]
    page = lxml.html.fromstring(render_story_records([record], fixture_articles(), {}, None))
    names = page.xpath(f'//section[@id="s-{STORY}"]//ol[@class="brief"]/li[1]/span[@class="src"]/text()')
    assert len(names) == len(set(names))
