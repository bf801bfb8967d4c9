"""What two claims share: one actor under two forms of its name, and a place that belongs to an office
held before, which says nothing of where the story happens. Invented texts."""
from __future__ import annotations

from newsloom.compare.claims import Claim
from newsloom.compare.facts import shared_facts

from .conftest import slot_conflicts

DAY = "2026-06-11"


def _claim(article: str, entities: dict[str, str]) -> Claim:
    return Claim(id=f"{article}:0", article=article, outlet=article, start=0, end=10, text="x" * 10, index=0,
                 entities=entities)


def test_one_actor_under_two_forms_of_its_name_is_shared():
    """'Joe Biden' in one claim, 'Biden' (labelled a place by the parser) in the other: one actor,
    whether or not the story's linking gave both one name."""
    a = _claim("a", {"Joe Biden": "PERSON", "White House": "ORG"})
    b = _claim("b", {"Biden": "GPE"})
    assert shared_facts(a, b) == 1
    assert shared_facts(a, _claim("c", {"Kamala Harris": "PERSON"})) == 0
    assert shared_facts(a, b, common=frozenset({"Joe Biden"})) == 0  # a name most claims give links nothing


def test_the_place_of_a_former_office_is_no_place_of_the_story():
    texts = {"Harbour Ledger": "Ferry commissioner Lena Park resigned in Norway on Thursday, saying she would not "
                               "defend the new port fees.",
             "Civic Observer": "Lena Park, the Norway ferry commissioner, resigned on Thursday over the new port fees.",
             "Fjord Gazette": "Ms. Park, a former ambassador to Zambia, resigned on Thursday over the new port fees."}
    assert slot_conflicts(texts, DAY, "place") == []
