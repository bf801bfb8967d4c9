"""A name only one report uses, where the others name another: the story lines the two up."""
from __future__ import annotations

import pytest

from newsloom.compare import compare_story

from .conftest import outlet_reports

DAY = "2026-04-14"
# Three reports of one (fictional) signing. The Ridge Gazette names another governor and another
# city in sentences worded unlike the others', so no role lines the names up.
TEXTS = {
    "Harbor Tribune": "Governor Maria Okafor signed the river cleanup bill in Sacramento on Tuesday, "
                      "ending a two-year fight over the plan. Okafor called the law a promise kept to "
                      "farmers downstream.",
    "Valley Courier": "Okafor put her name to the cleanup measure in Sacramento on Tuesday after lawmakers "
                      "passed it last week. Farm groups praised the governor's decision.",
    "Ridge Gazette": "The river cleanup bill became law on Tuesday with the signature of Governor Daniel "
                     "Brecker at a Fresno ceremony. Okafor's office said the plan had taken two years.",
}


@pytest.fixture(scope="module")
def comparison():
    return compare_story(outlet_reports(TEXTS, DAY))


def _conflict(comparison, slot):
    return [c for c in comparison.claims if c["status"] == "conflicting" and c.get("slot") == slot]


def test_a_person_no_other_report_names_is_a_conflict(comparison):
    (actor,) = _conflict(comparison, "actor")
    values = {v["outlet"]: v["value"] for v in actor["values"]}
    assert values["Ridge Gazette"] == "Daniel Brecker"
    ridge = next(v for v in actor["values"] if v["outlet"] == "Ridge Gazette")
    assert TEXTS["Ridge Gazette"][ridge["start"]:ridge["end"]] == "Daniel Brecker"  # the name, not the sentence
    assert "Okafor" in values[next(o for o in values if o != "Ridge Gazette")]


def test_a_place_no_other_report_names_is_a_conflict(comparison):
    (place,) = _conflict(comparison, "place")
    values = {(v["outlet"], v["value"]) for v in place["values"]}
    assert ("Ridge Gazette", "Fresno") in values
    assert any(value == "Sacramento" for outlet, value in values if outlet != "Ridge Gazette")
    # the evidence is the Ridge Gazette's sentence, the value its span
    ridge = next(v for v in place["values"] if v["outlet"] == "Ridge Gazette")
    assert TEXTS["Ridge Gazette"][ridge["start"]:ridge["end"]] == "Fresno"


def test_names_the_story_shares_are_not_conflicts(comparison):
    """Okafor is named by every report: her own sentences agree with each other."""
    assert any(claim["status"] == "conflicting" for claim in comparison.claims)  # not true of an empty list
    for claim in comparison.claims:
        if claim["status"] == "conflicting":
            assert any(v["outlet"] == "Ridge Gazette" for v in claim["values"]), claim


COUNT_TEXTS = {
    "Harbor Tribune": "The wildfire destroyed 1,200 homes in the hillside district as the blaze spread on Sunday.",
    "Valley Courier": "About 1,200 homes burned down in the hillside district on Sunday as the fire spread.",
    "Ridge Gazette": "Some 4,500 homes of the hillside district were lost on Sunday while the blaze spread.",
}


def test_a_count_no_other_report_gives_is_a_conflict():
    from newsloom.compare.judges import FactJudge
    from newsloom.compare.outliers import lone_names

    comparison = compare_story(outlet_reports(COUNT_TEXTS, DAY))
    (count,) = _conflict(comparison, "quantity")
    values = {(v["outlet"], v["value"]) for v in count["values"]}
    assert ("Ridge Gazette", "Some 4,500 homes") in values
    assert {outlet for outlet, _ in values} >= {"Ridge Gazette", "Harbor Tribune"} or \
        {outlet for outlet, _ in values} >= {"Ridge Gazette", "Valley Courier"}
    judge = FactJudge()
    judge.prepare(comparison.statements)
    ridge, harbor = (next(c for c in comparison.statements if c.article == name)
                     for name in ("Ridge Gazette", "Harbor Tribune"))
    assert [found[0] for found in lone_names(ridge, harbor, judge.mentions)] == ["quantity"]
    # the two reports that agree on 1,200 are not in conflict with each other
    assert not any({v["outlet"] for v in c["values"]} == {"Harbor Tribune", "Valley Courier"}
                   for c in _conflict(comparison, "quantity"))


@pytest.mark.parametrize("x, y, same", [
    ("Zabiullah Mujahid", "Zabihullah Mujahid", True),   # two transliterations
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy", True),
    ("Biden", "President Joe Biden", True),
    ("Chuck Schumer", "Charles E. Schumer", True),
    ("Jon Tester", "Jon Fester", False),                 # two people, one letter apart
    ("Mitch McConnell", "Michael McCaul", False),
])
def test_one_name_in_two_spellings(x, y, same):
    from newsloom.compare.outliers import same_name

    assert same_name(x, y) is same
