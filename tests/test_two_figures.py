"""A report that gives both numbers knows them as two figures, not two versions of one.

The Harbor Tribune gives the headline rate (4.6%) and the core rate (3.1%) of one release. The
Valley Courier gives only the core rate, the Ridge Gazette only the headline rate, each worded
so that the two read as one statement. The Harbor Tribune's own two sentences say they are two
figures, so the Courier's 3.1% does not dispute the Gazette's 4.6%, nor the Tribune's 4.6%: the
Tribune's closest sentence to the Courier's is its own 3.1%. The Coast Herald's 4.9% for
the headline rate is a number no report gives beside 4.6%: that disagreement stands. (Its group
also holds the Courier's 3.1%: no report gives 4.9% beside 3.1% either, and which of the two
figures 4.9% belongs with is not something the numbers say.)
"""
from __future__ import annotations

import pytest

from newsloom.compare import compare_story

from .conftest import conflict_values, outlet_reports, slot_conflicts

DAY = "2026-04-14"
AGREEING = {
    "Harbor Tribune": "Consumer prices rose 4.6% in March from a year earlier, the statistics office said on Tuesday. "
                      "Excluding food and fuel, core prices rose 3.1% over the same period.",
    "Valley Courier": "Excluding food and fuel, core prices rose 3.1% in the year to March.",
    "Ridge Gazette": "Prices rose 4.6% in the year to March, the statistics office said on Tuesday.",
}
DISPUTED = {**AGREEING, "Coast Herald": "Prices rose 4.9% in the year to March, the statistics office said on Tuesday."}
# a report that gives one figure and, in a paraphrase of it, another: it contradicts itself, and its
# sentence closest to the other report's is the one that disagrees
SELF_CONTRADICTING = {
    "Harbor Tribune": "The council will spend 40 million euros on the new bridge, the mayor said on Monday. "
                      "She told reporters the council was putting 25 million euros into the crossing.",
    "Ridge Gazette": "The council will spend 25 million euros on the new bridge, the mayor said on Monday.",
}


def _quantity_conflicts(texts):
    return slot_conflicts(texts, DAY, "quantity")


def test_two_figures_one_report_gives_are_no_disagreement():
    assert _quantity_conflicts(AGREEING) == []


def test_a_figure_no_report_gives_beside_the_other_still_disagrees():
    conflicts = _quantity_conflicts(DISPUTED)
    assert conflicts, "4.9% against 4.6% for the same rate should be a conflict"
    values = conflict_values(conflicts)
    assert ("Coast Herald", "4.9%") in values
    assert ("Ridge Gazette", "4.6%") in values or ("Harbor Tribune", "4.6%") in values


@pytest.mark.parametrize("outlet", ["Valley Courier", "Ridge Gazette"])
def test_each_single_figure_report_is_corroborated_by_the_report_giving_both(outlet):
    comparison = compare_story(outlet_reports(AGREEING, DAY))
    agreeing = [c for c in comparison.claims if c["status"] == "corroborated"
                and {s["outlet"] for s in c["sources"]} >= {outlet, "Harbor Tribune"}]
    assert agreeing, f"{outlet}'s figure is not corroborated by the Harbor Tribune"


def test_a_report_contradicting_itself_still_disagrees_where_its_closest_sentence_does():
    conflicts = _quantity_conflicts(SELF_CONTRADICTING)
    values = conflict_values(conflicts)
    assert {("Harbor Tribune", "40 million euros"), ("Ridge Gazette", "25 million euros")} <= values
