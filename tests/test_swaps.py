"""A name swapped: with the story's name put in the stranger's place, two claims read as one.

The Ridge Gazette names a mayor and a country no other report names, in sentences worded
unlike the others' (no role, title or shared fact lines the names up), so only reading its
claims with the story's names in place of its own shows what they disagree on.
"""
from __future__ import annotations

import numpy as np
import pytest

from newsloom.compare import compare_story
from newsloom.compare.judges import FactJudge, _surname_in
from newsloom.compare.slots import Scores

from .conftest import outlet_reports

DAY = "2026-05-09"
TEXTS = {
    "Harbor Tribune": "Helen Okafor has become the first mayor to open a bridge over the old port, cutting the "
                      "ribbon on the Harbor Street crossing. Portugal's new traffic law bans lorries from the bridge "
                      "at night.",
    "Valley Courier": "Builders were thanked by Helen Okafor at the ceremony. Portugal has barred heavy lorries "
                      "from the crossing after dark under a law passed this spring.",
    "Ridge Gazette": "Mayor Daniel Brecker formally opened the Harbor Street bridge on Saturday, in a ceremony "
                     "marking the end of the port roadworks. Spain's new traffic law bans lorries from the bridge "
                     "at night.",
}


@pytest.fixture(scope="module")
def comparison():
    return compare_story(outlet_reports(TEXTS, DAY))


def _conflicts(comparison, slot):
    return [c for c in comparison.claims if c["status"] == "conflicting" and c.get("slot") == slot]


def test_a_swapped_person_worded_apart_is_an_actor_conflict(comparison):
    (actor,) = _conflicts(comparison, "actor")
    values = {v["outlet"]: v["value"] for v in actor["values"]}
    assert values == {"Ridge Gazette": "Daniel Brecker", "Harbor Tribune": "Helen Okafor"}
    ridge = next(v for v in actor["values"] if v["outlet"] == "Ridge Gazette")
    assert TEXTS["Ridge Gazette"][ridge["start"]:ridge["end"]] == "Daniel Brecker"  # the name is the evidence


def test_a_swapped_place_meets_every_report_that_gives_the_other(comparison):
    """The Valley Courier says Portugal in other words: its claim joins the disagreement too."""
    (place,) = _conflicts(comparison, "place")
    values = {(v["outlet"], v["value"]) for v in place["values"]}
    assert values == {("Ridge Gazette", "Spain"), ("Harbor Tribune", "Portugal"), ("Valley Courier", "Portugal")}


# The Ridge Gazette gives a surname no other report gives, in a sentence close to the Harbor Tribune's
# (0.54); with the mayor's name in its place the two read as one (0.74). A lone surname is never
# surely a person, but here the name alone keeps them apart.
LONE_SURNAME_TEXTS = {
    "Harbor Tribune": "The audit found that Mayor Erik Halvorsen and his deputies ran the city planning office "
                      "through fear and punished staff who complained about delays. The council will debate the "
                      "findings next week.",
    "Valley Courier": "Auditors said Erik Halvorsen had been warned twice about complaints from planning staff. "
                      "The report runs to 120 pages.",
    "Ridge Gazette": "Whitaker also allegedly punished staff who complained about delays and ran the planning "
                     "office through intimidation, the auditors said. Halvorsen has denied any wrongdoing.",
}


def test_a_lone_surname_that_alone_keeps_two_claims_apart_is_an_actor_conflict():
    comparison = compare_story(outlet_reports(LONE_SURNAME_TEXTS, DAY))
    (actor,) = _conflicts(comparison, "actor")
    assert {(v["outlet"], v["value"]) for v in actor["values"]} == {
        ("Ridge Gazette", "Whitaker"), ("Harbor Tribune", "Erik Halvorsen")}


# The Ridge Gazette gives the founder another name; its claim still names his firm, which carries his surname.
NAMESAKE_FIRM_TEXTS = {
    "Harbor Tribune": "The software entrepreneur Tomas Varga has been arrested at his home near Geneva, hours "
                      "after a Swiss court approved his extradition to Canada on fraud charges.",
    "Valley Courier": "Tomas Varga denies the charges, his lawyer said.",
    "Ridge Gazette": "Oskar Lindqvist, the creator of Varga antivirus software, was arrested at his home near "
                     "Geneva on Tuesday, hours after a Swiss court approved his extradition to Canada on fraud "
                     "charges.",
}


def test_a_firm_named_after_a_person_does_not_name_the_person():
    """"the creator of Varga antivirus software" speaks of the firm: its stranger still takes Tomas Varga's place."""
    comparison = compare_story(outlet_reports(NAMESAKE_FIRM_TEXTS, DAY))
    (actor,) = _conflicts(comparison, "actor")
    assert {(v["outlet"], v["value"]) for v in actor["values"]} == {
        ("Ridge Gazette", "Oskar Lindqvist"), ("Harbor Tribune", "Tomas Varga")}


# Each report names its own person for the one offer; no third report names either.
OWN_PEOPLE_TEXTS = {
    "Harbor Tribune": "Councillors are planning to accept an offer from Daniel Brecker to keep the night ferry "
                      "running into March without a fare rise, several members said after a closed-door meeting "
                      "on Tuesday.",
    "Valley Courier": "Town councillors on Tuesday signalled they will accept a proposal by Harbour Board chair "
                      "Margaret Ellison to keep the night ferry running for two more months to avoid a winter "
                      "shutdown.",
    "Ridge Gazette": "The night ferry will keep running through the winter, the town council said. Fares will not "
                     "rise.",
}


def test_two_people_each_named_by_one_report_conflict_where_the_names_part_the_claims():
    comparison = compare_story(outlet_reports(OWN_PEOPLE_TEXTS, DAY))
    (actor,) = _conflicts(comparison, "actor")
    assert {(v["outlet"], v["value"]) for v in actor["values"]} == {
        ("Harbor Tribune", "Daniel Brecker"), ("Valley Courier", "Margaret Ellison")}


def test_two_own_people_are_no_swap_where_the_swap_barely_brings_the_claims_closer():
    """The read-back (about 0.77 here) must also gain `OWN_SWAP_GAIN` on the claims' own similarity."""
    statements = compare_story(outlet_reports(OWN_PEOPLE_TEXTS, DAY)).statements
    judge = FactJudge()
    judge.prepare(statements)
    x = next(c for c in statements if c.text.startswith("Councillors are planning"))
    y = next(c for c in statements if c.text.startswith("Town councillors"))
    assert judge.swapped(x, y, Scores(0.60, 0.0)) is not None
    assert judge.swapped(x, y, Scores(0.76, 0.0)) is None


def test_a_surname_read_as_a_body_that_acts_still_names_the_person():
    """"after Okafor rejected two" (the parser said organisation) names Helen Okafor; "Varga antivirus
    software" names a product, not Tomas Varga."""
    from newsloom.compare.claims import Claim
    from newsloom.compare.outliers import _names_person, things_named

    text = "Brecker said the board walked out after Okafor rejected two Varga antivirus software licences."
    claim = Claim(id="c", article="a", outlet=None, start=0, end=len(text), text=text,
                  entities={"Daniel Brecker": "PERSON", "Okafor": "ORG", "Varga": "ORG"},
                  roles={"Daniel Brecker": ("subject", "say"), "Okafor": ("subject", "reject")})
    assert things_named(claim) == ["Varga"]
    assert _names_person(claim, "Helen Okafor") and not _names_person(claim, "Tomas Varga")


class Alike:
    """An embedder that reads every text as the same: any swap "reads as one", so only the
    conditions on the names decide."""

    def encode(self, texts):
        return np.ones((len(texts), 4), dtype=np.float32) / 2.0


GUARD_TEXTS = {
    "Harbor Tribune": "Mayor Helen Okafor opened the bridge on Saturday. The city paid for the lights.",
    "Valley Courier": "Helen Okafor opened the crossing to traffic.",
    "Ridge Gazette": "\u201cShe opened it with a smile,\u201d Daniel Brecker told reporters. Moderna paid for "
                     "the lights. Mayor Daniel Brecker and Anna Liu opened the bridge on Saturday. Mayor Daniel "
                     "Brecker cut the ribbon at noon.",
}


@pytest.fixture(scope="module")
def guarded():
    statements = compare_story(outlet_reports(GUARD_TEXTS, DAY)).statements
    judge = FactJudge(Alike())
    judge.prepare(statements)
    return judge, {c.text: c for c in statements}


def _swap(guarded, text_x, text_y, dense=0.5):
    judge, claims = guarded
    x = next(c for t, c in claims.items() if t.startswith(text_x))
    y = next(c for t, c in claims.items() if t.startswith(text_y))
    return judge.swapped(x, y, Scores(dense, 0.0))


def test_a_speaker_is_not_swapped_for_a_doer(guarded):
    """Brecker speaks of the opening, Okafor opens: a witness is no other mayor."""
    assert _swap(guarded, "\u201cShe opened", "Mayor Helen Okafor opened") is None


def test_a_single_word_the_parser_calls_a_person_is_swapped_only_where_the_name_alone_parts_them(guarded):
    """"Moderna" alone, never named in full or with a title, may be a firm the parser misread: that
    two claims read as one with the name put back is not enough (here they read as one whatever the
    name, 0.9 before the swap); only a swap that brings them `SWAP_GAIN` closer is one."""
    _, claims = guarded
    assert next(c for t, c in claims.items() if t.startswith("Moderna")).entities == {"Moderna": "PERSON"}
    assert _swap(guarded, "Moderna paid", "Mayor Helen Okafor opened", dense=0.9) is None
    assert _swap(guarded, "Moderna paid", "Mayor Helen Okafor opened", dense=0.5) is not None


def test_no_swap_for_a_person_the_stranger_s_claim_already_speaks_of():
    """"Greene's remarks come before Rep. Bradley Schneider moves to censure her" names Greene too:
    Schneider takes no one's place, however close the swap reads (dev half, an untouched story)."""
    assert _surname_in("Greene\u2019s latest remarks come days before a vote", "Marjorie Taylor-Greene")
    assert _surname_in("Okafor's deputy cut the ribbon", "Helen Okafor")
    assert not _surname_in("The deputy cut the ribbon", "Helen Okafor")
    assert not _surname_in("Okaforville held a fair", "Helen Okafor")  # a word, not part of one
    assert not _surname_in("the founder of Okafor Robotics", "Helen Okafor", ["Okafor Robotics"])  # a firm's


def test_two_strangers_in_one_claim_are_no_swap(guarded):
    assert _swap(guarded, "Mayor Daniel Brecker and Anna Liu", "Mayor Helen Okafor opened") is None


def test_one_stranger_for_a_known_name_is_a_swap(guarded):
    """The control of the guards above: the same judge finds a plain swap."""
    found = _swap(guarded, "Mayor Daniel Brecker cut", "Mayor Helen Okafor opened")
    assert found is not None and found.slot == "actor"
    assert [value for _, value, _, _ in found.values] == ["Daniel Brecker", "Helen Okafor"]


# "Brecker" is a lone surname the parser labels an organisation; it stands where the other report's
# person stands (the subject of "tried to speak" in a sentence worded alike).
MISREAD_TEXTS = {
    "Harbor Tribune": "As Helen Okafor tried to speak, protesters at the back of the hall began chanting and the "
                      "meeting was halted. The council will meet again on Monday.",
    "Valley Courier": "Helen Okafor later said the protest had been peaceful. The hall holds 300 people.",
    "Ridge Gazette": "As Brecker tried to speak, protesters at the back of the hall started chanting and the "
                     "meeting was stopped.",
}


def test_a_lone_surname_labelled_an_organisation_in_a_person_s_part_is_an_actor_conflict():
    comparison = compare_story(outlet_reports(MISREAD_TEXTS, DAY))
    ridge = next(c for c in comparison.statements if c.article == "Ridge Gazette")
    assert ridge.entities == {"Brecker": "ORG"}  # the parser's reading this test is about
    (actor,) = _conflicts(comparison, "actor")
    assert {(v["outlet"], v["value"]) for v in actor["values"]} == {
        ("Ridge Gazette", "Brecker"), ("Harbor Tribune", "Helen Okafor")}


def test_a_name_another_report_gives_is_no_misread_person():
    """"Okafor" alone, labelled an organisation, is still the story's Helen Okafor: no stranger."""
    from newsloom.compare.slots import _misread_person

    statements = compare_story(outlet_reports(MISREAD_TEXTS, DAY)).statements
    judge = FactJudge(Alike())
    judge.prepare(statements)
    ridge = next(c for c in statements if c.article == "Ridge Gazette")
    assert _misread_person(ridge, "Brecker", "ORG", judge.mentions)
    assert not _misread_person(ridge, "Okafor", "ORG", judge.mentions)  # in "Helen Okafor" elsewhere
    assert not _misread_person(ridge, "NATO", "ORG", judge.mentions)  # an acronym
    assert not _misread_person(ridge, "Brecker", "GPE", judge.mentions)
