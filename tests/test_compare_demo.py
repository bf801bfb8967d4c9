"""The demo corpus compared: every disagreement planted in it (examples/truth.json) is found,
with the right slot, the sentences as evidence and each source's value."""
from __future__ import annotations

import json

import pytest

from .conftest import TRUTH

SLOT = {"counted_thing": "quantity"}  # one number counting two things is a quantity conflict


def conflicts(root) -> list[dict]:
    stories = json.loads((root / "out" / "stories.json").read_text())["stories"]
    return [c for s in stories for c in s["claims"] if c["status"] == "conflicting"]


def _found(found: list[dict], slot: str, sentences: dict[str, str], keys: dict[str, str]) -> dict | None:
    """A conflict in the slot whose sources hold at least two of the planted sentences."""
    for claim in found:
        if claim["slot"] != slot:
            continue
        hits = {name for name, sentence in sentences.items()
                for s in claim["sources"] if s["article"] == keys[name] and s["text"] in sentence}
        if len(hits) >= 2:
            return claim
    return None


@pytest.mark.parametrize("planted", TRUTH["disagreements"], ids=lambda d: f"{d['event']}-{d['slot']}")
def test_planted_disagreement_is_found(demo, planted):
    root, keys = demo
    claim = _found(conflicts(root), SLOT.get(planted["slot"], planted["slot"]), planted["sentences"], keys)
    assert claim is not None, f"{planted['thing']}: not found"
    assert len(_opposed(claim, planted["sentences"], keys)) >= 2  # the check the agreements are held to
    # and nothing else joins the disagreement ("600 people would spend the night" is not the toll)
    planted_spans = [(keys[name], sentence) for name, sentence in planted["sentences"].items()]
    for value in claim["values"]:
        assert any(value["article"] == article and any(s["article"] == article and s["text"] in sentence
                                                       and s["start"] <= value["start"] < s["end"]
                                                       for s in claim["sources"]) or value["value"] in ("denied", "affirmed")
                   for article, sentence in planted_spans), value
    if planted["slot"] == "negation":
        return  # its values are "denied" / "affirmed", not words of the sentences
    for name, expected in planted["values"].items():
        given = [v["value"] for v in claim["values"] if v["article"] == keys[name]]
        if given:
            assert any(value in expected or expected in value for value in given), (name, given, expected)


@pytest.mark.parametrize("dispute", TRUTH["internal_disputes"], ids=lambda d: d["report"])
def test_dispute_inside_one_report_is_found(demo, dispute):
    root, keys = demo
    claim = _found(conflicts(root), dispute["slot"], {f"{dispute['report']}#{i}": s for i, s in
                                                     enumerate(dispute["sentences"].values())},
                   {f"{dispute['report']}#{i}": keys[dispute["report"]] for i in range(len(dispute["sentences"]))})
    assert claim is not None and claim["internal"]
    assert {v["value"] for v in claim["values"]} >= {"2,300 of its members", "fewer than 900 employees"}


def _opposed(claim: dict, sentences: dict[str, str], keys: dict[str, str]) -> set[str]:
    """The different values a conflict gives to the planted sentences (two sentences on the same
    side of a disagreement with a third report agree with each other)."""
    values = set()
    for value in claim.get("values", []):
        for name, sentence in sentences.items():
            inside = [s for s in claim["sources"] if s["article"] == keys[name] == value["article"]
                      and s["text"] in sentence and s["start"] <= value["start"] < s["end"]]
            if inside or (value["article"] == keys[name] and value["value"] in ("denied", "affirmed")
                          and any(s["article"] == keys[name] and s["text"] in sentence for s in claim["sources"])):
                values.add(value["value"].lower())
    return values


def test_agreements_are_not_conflicts(demo):
    """No planted agreement ends up as a conflict between its own sentences: they never carry
    different values of one conflict."""
    root, keys = demo
    found = conflicts(root)
    for agreement in TRUTH["agreements"]:
        for claim in found:
            assert len(_opposed(claim, agreement["sentences"], keys)) < 2, (agreement["fact"], claim["values"])


def test_every_story_has_a_cited_brief(demo):
    root, _ = demo
    stories = json.loads((root / "out" / "stories.json").read_text())["stories"]
    for story in stories:
        assert story["summary"] and story["timeline"] and story["numbers"] and story["places"]
        for item in story["summary"] + story["timeline"]:
            assert item["sources"] and all(s["text"] for s in item["sources"])
        dates = [t["date"] for t in story["timeline"]]
        assert dates == sorted(dates)


def test_a_summary_line_is_not_cited_to_the_outlets_that_dispute_it(demo):
    """The toll line ("killed 12 people") cites the outlets that give 12, and names Radio Meridian's
    14 as disputing it; no summary line cites an outlet on the other side of its disagreement."""
    root, keys = demo
    stories = json.loads((root / "out" / "stories.json").read_text())["stories"]
    items = [item for story in stories for item in story["summary"]]
    for item in items:
        cited = {s["article"] for s in item["sources"]}
        assert not cited & {d["article"] for d in item.get("disputed_by", [])}, item
    toll = next(d for d in TRUTH["disagreements"] if d["slot"] == "quantity" and d["event"] == "e1")
    twelve = {keys[name] for name, value in toll["values"].items() if "12" in value}
    line = next(item for item in items if item.get("disputed_by") and "12 people" in item["text"])
    assert {s["article"] for s in line["sources"]} <= twelve
    assert [(d["article"], d["value"]) for d in line["disputed_by"]] == [(keys["e1_meridian"], "14 people")]


def test_a_timeline_entry_takes_the_day_it_names_not_a_bound(demo):
    """"said on Thursday that ... 1,140 buildings since Tuesday" is Thursday's statement only."""
    root, _ = demo
    stories = json.loads((root / "out" / "stories.json").read_text())["stories"]
    dates = [t["date"] for s in stories for t in s["timeline"] if "1,140 buildings since Tuesday" in t["text"]]
    assert dates == ["2026-03-12"]


def test_a_sentence_is_listed_once_a_day_in_the_timeline(demo):
    """The Civic Observer's "said on Tuesday that 40 buildings had been damaged by Monday's
    earthquake" sits in two aligned groups; it was listed twice under Tuesday."""
    root, _ = demo
    stories = json.loads((root / "out" / "stories.json").read_text())["stories"]
    for story in stories:
        listed = [(t["date"], s["article"], s["start"]) for t in story["timeline"] for s in t["sources"]]
        assert len(listed) == len(set(listed)), story["title"]
        assert all(t["sources"] and t["text"] in {s["text"] for s in t["sources"]} for t in story["timeline"])


def test_the_story_command_shows_the_brief_and_the_disagreement(demo, capsys):
    """`newsloom story ID` prints the cited summary (with the disputed toll) and the disagreements."""
    from newsloom.cli import main

    root, keys = demo
    stories = json.loads((root / "out" / "stories.json").read_text())["stories"]
    quake = next(s for s in stories if any(a["id"] == keys["e1_meridian"] for a in s["articles"]))
    assert main(["story", quake["id"], "--db", str(root / "db.sqlite")]) == 0
    out = capsys.readouterr().out
    assert "Summary:" in out and "(disputed: Radio Meridian: 14 people)" in out
    assert "- quantity: " in out and "Radio Meridian: 14 people" in out.split("Disagreements:")[1]
    assert "\\" not in out  # plain text: no Markdown escapes in the terminal


def test_an_untitled_report_is_listed_by_its_first_words(demo, capsys):
    """The demo's plain-text pontoon report has no headline: every list shows its opening words."""
    from newsloom.cli import main

    root, _ = demo
    stories = json.loads((root / "out" / "stories.json").read_text())["stories"]
    story, untitled = next((s, a) for s in stories for a in s["articles"] if not a["title"])
    shown = "(untitled) The floating walkway that collapsed into the Douro in Vila …"
    report = (root / "out" / "report.md").read_text()
    assert f"- `{untitled['id']}` {untitled['outlet']}: {shown}" in report
    assert f">{shown}</a>" in (root / "out" / "report.html").read_text()
    assert main(["story", story["id"], "--db", str(root / "db.sqlite")]) == 0
    assert shown in capsys.readouterr().out


def test_shown_title():
    from newsloom.render.data import shown_title

    assert shown_title("  Pontoon collapses ", "ignored") == "Pontoon collapses"
    assert shown_title(None, "Twenty-three people were hurt.") == "(untitled) Twenty-three people were hurt."
    assert shown_title("", "one two three four", words=2) == "(untitled) one two …"
    assert shown_title(None, None) == "(untitled)"


def test_the_numbers_table_counts_each_thing_on_its_verb(demo):
    """People killed, treated and spending the night are three rows; only the toll is a discrepancy;
    "thousands of small tremors" shows as written, not as its floor of 2,000."""
    root, keys = demo
    stories = json.loads((root / "out" / "stories.json").read_text())["stories"]
    quake = next(s for s in stories if any(a["id"] == keys["e1_meridian"] for a in s["articles"]))
    people = {n["event"]: n for n in quake["numbers"] if n["thing"] == "person"}
    assert {"kill", "treat", "spend"} <= set(people)
    assert [n["event"] for n in quake["numbers"] if n["discrepancy"]] == ["kill"]
    assert sorted({r["value"] for r in people["kill"]["rows"]}) == [12, 14]
    tremors = [r for n in quake["numbers"] if n["thing"] == "tremor" for r in n["rows"]]
    assert [r["shown"] for r in tremors] == ["thousands"]
    html = (root / "out" / "report.html").read_text()
    assert "· kill" in html and ">thousands<" in html


def test_one_name_resolved_twice_close_together_is_one_place_on_the_map(demo):
    """Porto the city and Porto the district (20 km apart) are one point; Arequipa the region and the
    city (about 160 km apart) stay two."""
    root, keys = demo
    stories = json.loads((root / "out" / "stories.json").read_text())["stories"]
    def names(event):
        story = next(s for s in stories if any(a["id"] == keys[f"{event}_civic"] for a in s["articles"]))
        return [p["name"] for p in story["places"]]
    assert names("e3").count("Porto") == 1
    assert names("e2").count("Arequipa") == 2
