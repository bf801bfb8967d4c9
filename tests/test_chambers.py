"""A legislature and one of its chambers are one doer at two levels.

The Harbor Tribune says Congress passed the stopgap bill, the Ridge Gazette that the House did:
the same vote's outcome told at two levels, no disagreement about who acted. The Coast
Herald's Senate against the Gazette's House is two chambers: that still disagrees.
"""
from __future__ import annotations

import pytest

from newsloom.compare.slots import _chamber_of

from .conftest import conflict_values, slot_conflicts

DAY = "2026-09-30"
CONGRESS = ("Congress passed a stopgap bill on Thursday extending government funding through Dec. 3, "
            "sending it to the president hours before the deadline.")
HOUSE = ("The House passed a stopgap bill on Thursday extending government funding through Dec. 3, "
         "sending it to the president hours before the deadline.")
SENATE = ("The Senate passed a stopgap bill on Thursday extending government funding through Dec. 3, "
          "sending it to the president hours before the deadline.")


def test_a_legislature_and_its_chamber_do_not_disagree():
    assert slot_conflicts({"Harbor Tribune": CONGRESS, "Ridge Gazette": HOUSE}, DAY, "actor") == []


def test_two_chambers_still_disagree():
    conflicts = slot_conflicts({"Ridge Gazette": HOUSE, "Coast Herald": SENATE}, DAY, "actor")
    values = conflict_values(conflicts)
    assert {("Ridge Gazette", "House"), ("Coast Herald", "Senate")} <= values


@pytest.mark.parametrize("x, y, expected", [
    ("Congress", "House", True), ("the U.S. Senate", "Congress", True), ("House", "Senate", False),
    ("Parliament", "the House of Commons", True), ("Congress", "Parliament", False),
])
def test_a_chamber_of_a_legislature(x, y, expected):
    assert _chamber_of(x, y) is expected
