"""Two figures measured over different periods are two measures, not two readings of one.

The Harbor Tribune gives a price index's rise over a year, the Ridge Gazette its rise within the
month: each names its period, and no period is named by both, so 5.1% and 0.7% do not disagree.
The Coast Herald's 4.2% over the same year as the Tribune's 5.1% still does.
"""
from __future__ import annotations

import pytest

from newsloom.compare.claims import Claim
from newsloom.compare.slots import periods, periods_apart

from .conftest import conflict_values, slot_conflicts

DAY = "2026-06-11"
YEAR = "Consumer prices rose 5.1% in May on a year-over-year basis, the statistics office said on Thursday."
MONTH = "In the month of May alone, consumer prices rose 0.7%, the statistics office said on Thursday."
OTHER_YEAR = "Consumer prices rose 4.2% in May on a year-over-year basis, the statistics office said on Thursday."


def test_figures_over_two_named_periods_do_not_disagree():
    assert slot_conflicts({"Harbor Tribune": YEAR, "Ridge Gazette": MONTH}, DAY, "quantity") == []


def test_figures_over_one_named_period_still_disagree():
    conflicts = slot_conflicts({"Harbor Tribune": YEAR, "Coast Herald": OTHER_YEAR}, DAY, "quantity")
    values = conflict_values(conflicts)
    assert {("Harbor Tribune", "5.1%"), ("Coast Herald", "4.2%")} <= values


def _claim(text: str) -> Claim:
    return Claim(id="c", article="a", outlet="o", start=0, end=len(text), text=text)


@pytest.mark.parametrize("text, expected", [
    ("Sales rose 8% from a year earlier.", {"year"}),
    ("The annualized rate was 6.4%.", {"year"}),
    ("Over the past 12 months, rents climbed 7%.", {"year"}),
    ("Revenue fell 3% in the quarter.", {"quarter"}),
    ("A quarter of adults said prices rose 5%.", set()),  # a share, not a period
    ("Prices rose 0.6% month-over-month.", {"month"}),
    ("Weekly jobless claims fell to 412,000.", {"week"}),
    ("Prices rose 5% in May.", set()),               # a month named is a date, not a period
    ("Talks will resume in three months.", set()),   # a span of time is no period of a figure
])
def test_the_period_a_claim_names(text, expected):
    assert periods(_claim(text)) == expected


def test_periods_are_apart_only_when_both_are_named_and_none_is_shared():
    year, month, both, none = (_claim(t) for t in ("up 5% year-on-year", "up 0.6% monthly",
                                                   "up 5% annually and 0.6% monthly", "up 5%"))
    assert periods_apart(year, month)
    assert not periods_apart(year, both) and not periods_apart(year, none) and not periods_apart(year, year)
