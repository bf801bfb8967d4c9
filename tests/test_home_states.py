"""A person's home state in a party-and-state code ("Sen. X, R-Nevada", "(D-Calif.)"), which the
parser reads no place in, is still the state the title gives: another report's "an Alaska
Republican" for the same person is a place conflict, "a California Democrat" for "(D-Calif.)" is not."""
from __future__ import annotations

import pytest

from newsloom.compare import compare_story
from newsloom.compare.slots import _home_states

from .conftest import outlet_reports

DAY = "2026-05-09"
CALIFORNIA = 5332921  # the state's GeoNames id


def _places(texts):
    comparison = compare_story(outlet_reports(texts, DAY))
    return [c for c in comparison.claims if c["status"] == "conflicting" and c.get("slot") == "place"], comparison


@pytest.mark.parametrize("written, code", [(", R-Nevada,", "Nevada"), (" (R-N.Y.)", "N.Y.")],
                         ids=["state name", "abbreviation with inner dots"])
def test_a_code_s_state_against_another_report_s_state_is_a_place_conflict(written, code):
    texts = {"Harbor Tribune": f"Sen. Dana Whitfield{written} wrote a letter Monday urging Congress to restore "
                               "the rural broadband fund.",
             "Valley Courier": "Whitfield, an Alaska Republican, wrote to congressional leaders on Monday urging "
                               "them to restore the rural broadband fund."}
    (place,), _ = _places(texts)
    values = {(v["outlet"], v["value"]) for v in place["values"]}
    assert values == {("Harbor Tribune", code), ("Valley Courier", "Alaska")}
    harbor = next(v for v in place["values"] if v["outlet"] == "Harbor Tribune")
    assert texts["Harbor Tribune"][harbor["start"]:harbor["end"]] == code  # the code's word is the evidence


def test_one_state_written_two_ways_is_no_conflict():
    texts = {"Harbor Tribune": "Rep. Marco Delgado (D-Calif.) wrote a letter Monday urging Congress to restore "
                               "the rural broadband fund.",
             "Valley Courier": "Delgado, a California Democrat, wrote to congressional leaders on Monday urging "
                               "them to restore the rural broadband fund.",
             "Ridge Gazette": "Rep. Marco Delgado (D-CA) wrote on Monday to urge that the rural broadband fund "
                              "be restored."}
    places, comparison = _places(texts)
    assert places == []
    for outlet, code in (("Harbor Tribune", "Calif."), ("Ridge Gazette", "CA")):  # the codes were read, and agree
        claim = next(c for c in comparison.statements if c.article == outlet)
        states = _home_states(claim, "Marco Delgado", [])
        assert list(states) == [CALIFORNIA]
        assert [text for _, text, _, _ in states.values()] == [code]


def test_a_state_before_the_name_or_without_a_party_letter_is_no_code():
    """"Nevada Sen. X" is left to the place facts; "X (Nevada)" names no party."""
    texts = {"Harbor Tribune": "Nevada Sen. Dana Whitfield wrote a letter Monday. Dana Whitfield (Nevada) agreed."}
    comparison = compare_story(outlet_reports(texts, DAY))
    for claim in comparison.statements:
        assert _home_states(claim, "Dana Whitfield", []) == {}
