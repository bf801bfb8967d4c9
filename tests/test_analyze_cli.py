"""`newsloom analyze`: the seeds' facts with their evidence, JSON Lines in, --raw offsets."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import shared

SEEDS = {"000": "000_2bd50fe8baa70bde.txt", "004": "004_1ef7e32c50d6147d.txt"}
TOWNS = {"Kafr Zita", "Kafr Nabudah", "al-Sayyad", "al-Latamneh", "Khan Shaykhun", "Alhbit"}


def analyze(*args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "newsloom", "analyze", *args],
                         capture_output=True, text=True, check=True)
    return out.stdout


@pytest.fixture(scope="module")
def seeds():
    return {key: json.loads(analyze(str(shared("seeds", name)), "--published", "2015-10-07", "--format", "json"))
            for key, name in SEEDS.items()}


def test_the_contract_fields_and_their_evidence(seeds):
    for record in seeds.values():
        assert {"id", "published", "text", "entities", "places", "times", "quantities", "attributions"} <= set(record)
        text = record["text"]
        for key, fields in {"entities": {"text", "canonical", "label"},
                            "places": {"text", "name", "country", "lat", "lon", "precision"},
                            "times": {"text", "resolved", "granularity"},
                            "quantities": {"text", "value", "unit", "approximate"}}.items():
            for item in record[key]:
                assert fields <= set(item)
                assert text[item["start"]:item["end"]] == item["text"]
        for a in record["attributions"]:
            assert {"source", "cue", "content", "kind", "source_span", "cue_span", "content_span"} <= set(a)
            assert text[a["cue_span"][0]:a["cue_span"][1]] == a["cue"]
            start, end = a["content_span"]
            assert text[start:end] in a["content"]


def test_the_six_towns_are_places_with_coordinates(seeds):
    places = {p["text"]: p for p in seeds["004"]["places"]}
    assert TOWNS <= set(places)
    for town in TOWNS:
        place = places[town]
        assert place["country"] == "SY" and place["lat"] is not None
        assert place["precision"] in ("exact", "region")
        if place["precision"] == "region":
            assert place["name"] in ("Hama", "Idlib")
    assert not TOWNS & {e["text"] for e in seeds["004"]["entities"] if e["label"] == "PERSON"}


def test_on_wednesday_is_the_publication_day(seeds):
    for record in seeds.values():
        wednesdays = [t for t in record["times"] if t["text"].startswith("Wednesday")]
        assert wednesdays and all(t["resolved"] == "2015-10-07" for t in wednesdays)
    resolved = {t["text"]: t["resolved"] for t in seeds["000"]["times"]}
    assert resolved["30 September"] == "2015-09-30"


def test_quantities_with_their_counted_noun(seeds):
    found = {(q["value"], q["unit"]) for r in seeds.values() for q in r["quantities"]}
    assert {(26, "cruise missile"), (4, "warship"), (11, "target"), (112, "target"),
            (112, "air strike"), (26, "missile strike"), (1500, "km")} <= found


def test_sources_of_who_said_what(seeds):
    sources = {a["source"] for r in seeds.values() for a in r["attributions"]}
    assert {"Sergei Shoigu", "Ash Carter", "Rami Abdulrahman", "Syrian Observatory for Human Rights",
            "Ahmet Davutoglu", "Russia"} <= sources
    leader = [a for a in seeds["004"]["attributions"] if "Tajammu Alezzah" in (a["source"] or "")]
    assert leader and any(a["content"].startswith("there were Russian and Iranian soldiers") for a in leader)


def test_json_lines_in_gives_one_object_per_line_and_raw_keeps_offsets(tmp_path):
    raw = "Image copyright Example\nThe mayor said on Monday that 12 bridges were closed."
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": raw, "published": "2026-03-11"}) for i in ("a", "b")))
    lines = analyze(str(path), "--format", "json", "--raw").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["a", "b"]
    for record in records:
        assert record["text"] == raw  # --raw: nothing cleaned away, offsets index the input
        [quantity] = [q for q in record["quantities"] if q["unit"] == "bridge"]
        assert raw[quantity["start"]:quantity["end"]].startswith("12")
    cleaned = json.loads(analyze(str(path), "--format", "json").splitlines()[0])
    assert cleaned["text"].startswith("The mayor said")
