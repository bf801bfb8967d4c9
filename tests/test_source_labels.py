"""Reports whose input names no outlet are told apart by their URL host or file in what people
read (report.md, report.html, `newsloom story`), while stories.json keeps `outlet` null.
Invented texts."""
from __future__ import annotations

import json

import lxml.html

from newsloom.model import Article
from newsloom.render.data import source_labels, with_labels

FERRY_A = """Ferry strands 300 passengers off Lindholm

A ferry carrying 300 passengers lost power off the island of Lindholm on Tuesday and drifted
for six hours before tugs towed it into port, the coastguard said.

The coastguard said nobody was hurt. Engineers found a fault in the ferry's main switchboard.
"""

FERRY_B = """The ferry that lost power off Lindholm on Tuesday was carrying 340 passengers, the
operator said, and drifted for six hours before tugs reached it.

The operator said the ship would stay in port until engineers had replaced the switchboard.
"""


def _article(id_, outlet=None, url=None, source=None):
    return Article(id=id_, content_hash=id_, source=source, format="text", raw_text="", text="", removed=[],
                   outlet=outlet, url=url)


def test_labels_come_from_the_outlet_then_the_url_host_then_the_file():
    labels = source_labels([
        _article("a1", outlet="Harbour Ledger", url="https://ledger.example/x"),
        _article("a2", url="https://www.coastline.example/news/1"),
        _article("a3", url="https://coastline.example/news/2"),
        _article("a4", source="/in/feeds/wire.jsonl:3"),
        _article("a5", source="/in/one/report.txt"),
        _article("a6", source="/in/two/report.txt"),
        _article("a7")])
    assert labels["a1"] == "Harbour Ledger"
    assert labels["a2"] == labels["a3"] == "coastline.example"  # one host, one source
    assert labels["a4"] == "wire.jsonl:3"
    assert labels["a5"] == "report.txt (a5)" and labels["a6"] == "report.txt (a6)"  # two files, one name
    assert labels["a7"] == "report a7"


def test_with_labels_fills_only_missing_outlets_and_the_outlet_list():
    record = {"outlets": ["Harbour Ledger"],
              "articles": [{"id": "a1", "outlet": "Harbour Ledger"}, {"id": "a2", "outlet": None}],
              "claims": [{"id": "c1", "sources": [{"article": "a2", "outlet": None, "text": "x"}],
                          "values": [{"article": "a1", "outlet": "Harbour Ledger", "value": "3"}]}]}
    shown = with_labels(record, {"a1": "Harbour Ledger", "a2": "b.txt"})
    assert shown["outlets"] == ["Harbour Ledger", "b.txt"]
    assert shown["claims"][0]["sources"][0]["outlet"] == "b.txt"
    assert shown["claims"][0]["values"][0]["outlet"] == "Harbour Ledger"
    assert record["articles"][1]["outlet"] is None  # a copy: the record itself is untouched


def test_two_files_without_an_outlet_are_two_columns_and_two_citations(tmp_path, capsys):
    from newsloom import run
    from newsloom.cli import main
    from newsloom.pipeline import Defaults

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ferry-first.txt").write_text(FERRY_A, encoding="utf-8")
    (tmp_path / "in" / "ferry-second.txt").write_text(FERRY_B, encoding="utf-8")
    out = tmp_path / "out"
    run([str(tmp_path / "in")], db=tmp_path / "db.sqlite", out=out, defaults=Defaults(published="2026-04-08"),
        progress=False)

    [story] = json.loads((out / "stories.json").read_text())["stories"]
    assert [a["outlet"] for a in story["articles"]] == [None, None]
    [conflict] = [c for c in story["claims"] if c["status"] == "conflicting"]
    assert {v["outlet"] for v in conflict["values"]} == {None}

    report = (out / "report.md").read_text()
    assert "2 reports from 2 sources" in report
    assert "ferry-first.txt: 300 passengers" in report and "ferry-second.txt: 340 passengers" in report
    page = lxml.html.fromstring((out / "report.html").read_text())
    columns = page.xpath('//table[@class="matrix"]//th[@class="outlet"]/text()')
    assert sorted(columns) == ["ferry-first.txt", "ferry-second.txt"]

    assert main(["story", story["id"], "--db", str(tmp_path / "db.sqlite")]) == 0
    printed = capsys.readouterr().out
    assert "ferry-first.txt" in printed and "ferry-second.txt" in printed and "?:" not in printed
