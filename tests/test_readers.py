"""Each reader on real files of its format, written here with the format's own tools."""
from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsloom.model import Document, Problem
from newsloom.read import read_inputs

BODY = [
    "Firefighters in Porto battled a warehouse blaze for six hours on Tuesday, the city's civil protection agency said.",
    "No one was injured, but 40 workers were evacuated from neighbouring buildings as a precaution.",
    "The cause of the fire is under investigation, according to the regional fire commander.",
]
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Warehouse fire in Porto | The Harbour Ledger</title>
<link rel="canonical" href="https://harbourledger.example/news/porto-fire">
<meta property="og:site_name" content="The Harbour Ledger">
<meta property="og:title" content="Warehouse fire in Porto">
<meta property="article:published_time" content="2026-03-11T08:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<main><article><h1>Warehouse fire in Porto</h1>
""" + "\n".join(f"<p>{p}</p>" for p in BODY) + """
</article></main>
<footer>Copyright 2026 The Harbour Ledger. All rights reserved.</footer>
</body></html>"""


def docs(paths) -> tuple[list[Document], list[Problem]]:
    items = list(read_inputs([str(p) for p in paths]))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Problem)]


def test_plain_text_with_sidecar(tmp_path):
    (tmp_path / "fire.txt").write_text("\n\n".join(BODY), encoding="utf-8")
    (tmp_path / "fire.meta.json").write_text(json.dumps(
        {"title": "Porto fire", "outlet": "Coastline Post", "published": "2026-03-11", "desk": "metro"}))
    [doc], problems = docs([tmp_path])
    assert problems == []
    assert (doc.title, doc.outlet, doc.published, doc.format) == ("Porto fire", "Coastline Post", "2026-03-11", "text")
    assert doc.metadata["desk"] == "metro" and doc.text.startswith("Firefighters")


def test_plain_text_with_front_matter(tmp_path):
    path = tmp_path / "fire.txt"
    path.write_text("---\ntitle: Porto fire\noutlet: Radio Meridian\npublished: 2026-03-11T09:00:00+01:00\n---\n"
                    + "\n\n".join(BODY), encoding="utf-8")
    [doc], _ = docs([path])
    assert (doc.title, doc.outlet, doc.published) == ("Porto fire", "Radio Meridian", "2026-03-11T08:00:00+00:00")
    assert doc.text.startswith("Firefighters")


def test_html_page_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc], _ = docs([path])
    assert doc.format == "html"
    assert doc.title == "Warehouse fire in Porto"
    assert doc.outlet == "The Harbour Ledger"
    assert doc.url == "https://harbourledger.example/news/porto-fire"
    assert doc.published == "2026-03-11"
    for paragraph in BODY:
        assert paragraph in doc.text
    assert "All rights reserved" not in doc.text and "Sport" not in doc.text


def test_html_is_recognised_by_content_whatever_its_name(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    [doc], _ = docs([path])
    assert doc.format == "html"


def _rss(entries: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Northgate Daily</title><link>https://northgate.example/</link><description>News</description>
{entries}</channel></rss>"""


def test_rss_feed_one_article_per_entry_with_full_content(tmp_path):
    item = """<item><title>Porto fire {n}</title><link>https://northgate.example/{n}</link>
<pubDate>Wed, 11 Mar 2026 09:15:00 +0100</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[<p>{a}</p><p>{b}</p>]]></content:encoded></item>"""
    path = tmp_path / "feed.rss"
    path.write_text(_rss(item.format(n=1, a=BODY[0], b=BODY[1]) + item.format(n=2, a=BODY[1], b=BODY[2])))
    found, problems = docs([path])
    assert problems == [] and len(found) == 2
    first = found[0]
    assert (first.title, first.outlet, first.url) == ("Porto fire 1", "Northgate Daily", "https://northgate.example/1")
    assert first.published == "2026-03-11T08:15:00+00:00"
    assert first.text == f"{BODY[0]}\n\n{BODY[1]}"
    assert first.source.endswith("feed.rss#0") and found[1].source.endswith("feed.rss#1")


def test_atom_feed(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Radio Meridian</title><id>urn:rm</id>
<updated>2026-03-12T10:00:00Z</updated>
<entry><title>Porto fire update</title><id>urn:rm:1</id><link href="https://rm.example/1"/>
<published>2026-03-12T10:00:00Z</published><updated>2026-03-12T10:00:00Z</updated>
<content type="html">&lt;p&gt;{BODY[2]}&lt;/p&gt;</content></entry></feed>""")
    [doc], _ = docs([path])
    assert (doc.title, doc.outlet, doc.published, doc.text) == (
        "Porto fire update", "Radio Meridian", "2026-03-12T10:00:00+00:00", BODY[2])


def test_json_lines_contract_keeps_unknown_fields(tmp_path):
    path = tmp_path / "articles.jsonl"
    rows = [{"id": "a1", "text": BODY[0], "title": "T1", "outlet": "O1", "url": "u1", "published": "2026-03-11",
             "lang": "en", "section": "world"},
            {"id": 2, "text": BODY[1]}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    found, problems = docs([path])
    assert problems == []
    assert [d.id for d in found] == ["a1", "2"]
    assert found[0].metadata == {"section": "world"} and found[0].lang == "en"
    assert found[0].source.endswith("articles.jsonl:1")


def test_json_array_file(tmp_path):
    path = tmp_path / "articles.json"
    path.write_text(json.dumps({"articles": [{"id": "x", "text": BODY[0]}, {"id": "y", "text": BODY[1]}]}))
    found, _ = docs([path])
    assert [d.id for d in found] == ["x", "y"] and found[0].format == "json"


def _warc(path, pages: list[tuple[str, str]]) -> None:
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=str(path).endswith(".gz"))
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                               http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2026-03-11T12:00:00Z"})
            writer.write_record(record)


def test_warc_gz_html_responses_with_record_url(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    no_meta = PAGE.replace('<link rel="canonical" href="https://harbourledger.example/news/porto-fire">', "")
    no_meta = no_meta.replace('<meta property="article:published_time" content="2026-03-11T08:30:00Z">', "")
    _warc(path, [("https://harbourledger.example/a", PAGE), ("https://harbourledger.example/b", no_meta)])
    found, problems = docs([path])
    assert problems == [] and len(found) == 2
    assert found[0].url == "https://harbourledger.example/news/porto-fire"  # the page's canonical link wins
    assert found[1].url == "https://harbourledger.example/b"  # else the record's URL
    assert found[1].metadata["captured"] == "2026-03-11T12:00:00Z"
    assert all(d.format == "warc" and BODY[1] in d.text for d in found)


def test_gzipped_text_is_read_by_its_inner_name(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress("\n\n".join(BODY).encode()))
    [doc], _ = docs([path])
    assert doc.text.startswith("Firefighters") and doc.format == "text"


def test_standard_input(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "newsloom", "ingest", "-", "--db", str(tmp_path / "db.sqlite"), "--json",
         "--outlet", "Stdin Times", "--published", "2026-03-11"],
        input="\n\n".join(BODY).encode(), capture_output=True, check=True)
    report = json.loads(out.stdout)
    assert report["added"] == 1 and report["skipped"] == 0


def test_folders_are_read_recursively_in_sorted_order(tmp_path):
    for name in ("b/2.txt", "a/1.txt", "a/deeper/3.txt"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Article {name} reports that {BODY[0]}")
    found, _ = docs([tmp_path])
    assert [d.source.removeprefix(str(tmp_path) + "/") for d in found] == ["a/1.txt", "a/deeper/3.txt", "b/2.txt"]
