"""The brief's timeline dates a statement by the day it names: not by a background span it
also names, and not by a forecast's horizon. Invented texts."""
from __future__ import annotations

from newsloom.brief import brief_story

from .conftest import outlet_reports

PUBLISHED = "2026-05-22"  # a Friday


def _timeline(texts: dict[str, str]) -> list[tuple[str, str]]:
    return [(item["date"], item["text"]) for item in brief_story(outlet_reports(texts, PUBLISHED))["timeline"]]


def test_a_day_dates_the_statement_not_a_span_beside_it():
    timeline = _timeline({
        "Harbour Ledger": "Daily flu admissions in Lindqvist County fell to 212 on Thursday, a tenth of the level "
                          "seen during the winter peak, the county health board said.",
        "Civic Observer": "The county health board said admissions fell to 212 on Thursday."})
    assert [day for day, _ in timeline] == ["2026-05-21"]  # not also the winter's start, 2025-12-01


def test_a_day_naming_a_thing_gives_way_to_the_statements_own_day():
    timeline = _timeline({
        "Harbour Ledger": "The port authority said on Thursday that 40 boats had been damaged by Wednesday's storm "
                          "in the outer harbour.",
        "Civic Observer": "Forty boats were damaged in the storm, the port authority said on Thursday."})
    assert [day for day, _ in timeline] == ["2026-05-21"]  # not also Wednesday, 2026-05-20


def test_a_day_naming_a_thing_alone_still_dates_its_statement():
    timeline = _timeline({
        "Harbour Ledger": "Wednesday's storm damaged 40 boats in the outer harbour, the port authority said.",
        "Civic Observer": "The storm damaged forty boats in the outer harbour, according to the port authority."})
    assert [day for day, _ in timeline] == ["2026-05-20"]


def test_a_span_alone_still_dates_its_statement():
    timeline = _timeline({
        "Harbour Ledger": "The county recorded 4,800 flu admissions over the winter, the health board said.",
        "Civic Observer": "Admissions in the county reached 4,800 over the winter, according to the board."})
    assert any("over the winter" in text for _, text in timeline)


def test_a_forecast_horizon_dates_nothing():
    timeline = _timeline({
        "Harbour Ledger": "Admissions fell to 212 on Thursday. Forecasts for the coming weeks are even better, "
                          "the board said.",
        "Civic Observer": "The board said admissions fell to 212 on Thursday."})
    assert not [text for _, text in timeline if "coming weeks" in text]
    assert any("212 on Thursday" in text for _, text in timeline)


def test_a_span_is_shown_as_precise_as_the_text():
    from newsloom.render.markdown import brief_lines

    texts = {"Harbour Ledger": "Aldo Varga chaired the harbour board from 1979 through 2009, the council said.",
             "Civic Observer": "Varga led the harbour board from 1979 through 2009, according to the council."}
    brief = brief_story(outlet_reports(texts, PUBLISHED))
    [item] = brief["timeline"]
    assert (item["date"], item["until"], item["shown"]) == ("1979-01-01", "2009-12-31", "1979–2009")
    assert any(line.startswith("- 1979–2009: ") for line in brief_lines(brief))


def test_span_labels():
    from newsloom.brief import span_label

    assert span_label("2020-12-01", "2021-02-28") == "2020-12 – 2021-02"
    assert span_label("2021-05-01", "2021-05-31") == "2021-05"
    assert span_label("2021-01-01", "2021-12-31") == "2021"
    assert span_label("2021-05-03", "2021-05-07") == "2021-05-03 – 2021-05-07"
