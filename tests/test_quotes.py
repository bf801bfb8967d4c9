"""One quotation, two people: reports that put the same words in different people's mouths.

The Lakeside Herald credits a remark to the harbour master; the Northgate Daily prints the
same words (a quote that runs on past its sentence) as the port director's. The sentences frame
the remark unlike each other ("said ... was" / "called ..."), too unlike for "the same statement
from two speakers" (SAME_STATEMENT), so only the shared quotation shows that they disagree on
who spoke.
"""
from __future__ import annotations

import pytest

from newsloom.compare import compare_story
from newsloom.compare.slots import _share_a_quotation
from newsloom.compare.thresholds import QUOTE_SHARED_WORDS

from .conftest import outlet_reports

DAY = "2026-03-14"
QUOTE = "a turning point for every family that has waited years for the ferry to return to the island"
TEXTS = {
    "Lakeside Herald": f'Harbour master Maria Santos said the first sailing was "{QUOTE}." The ferry left at '
                       "nine with 140 passengers aboard.",
    "Northgate Daily": f'Port director David Miller called the first sailing "{QUOTE}, and a promise kept to the '
                       'fishermen who never stopped asking. The ferry carried 140 passengers on its first trip.',
    "Coastal Wire": "The ferry to the island resumed on Saturday after four years, carrying 140 passengers.",
}


@pytest.fixture(scope="module")
def comparison():
    return compare_story(outlet_reports(TEXTS, DAY))


def test_one_quotation_credited_to_two_people_is_an_attribution_conflict(comparison):
    (found,) = [c for c in comparison.claims if c["status"] == "conflicting" and c.get("slot") == "attribution"]
    values = {v["outlet"]: v["value"] for v in found["values"]}
    assert values == {"Lakeside Herald": "Maria Santos", "Northgate Daily": "David Miller"}
    for value in found["values"]:  # each name is the evidence, where its report gives it
        assert TEXTS[value["outlet"]][value["start"]:value["end"]] == value["value"]


def test_the_agreeing_count_stays_corroborated(comparison):
    conflicts = [c for c in comparison.claims if c["status"] == "conflicting"]
    assert all(c.get("slot") != "quantity" for c in conflicts)
    counted = [c for c in comparison.claims if c["status"] == "corroborated"
               and all("140" in s["text"] for s in c["sources"])]
    assert counted and {s["outlet"] for c in counted for s in c["sources"]} == set(TEXTS)


def test_the_same_speaker_quoted_twice_is_no_conflict():
    texts = {
        "Lakeside Herald": f'Harbour master Maria Santos said the first sailing was "{QUOTE}."',
        "Northgate Daily": f'Maria Santos, the harbour master, called the first sailing "{QUOTE}."',
    }
    comparison = compare_story(outlet_reports(texts, DAY))
    assert not [c for c in comparison.claims if c["status"] == "conflicting"]


def test_a_shared_stock_phrase_is_no_shared_quotation():
    from newsloom.compare.claims import Claim

    def claim(article: str, text: str) -> Claim:
        return Claim(id=f"{article}:0", article=article, outlet=article, start=0, end=len(text), text=text, index=0)

    phrase = "in the coming weeks and months"  # shorter than QUOTE_SHARED_WORDS
    assert len(phrase.split()) < QUOTE_SHARED_WORDS
    short_a = claim("a", f'Santos said talks would go on "{phrase}" with the unions.')
    short_b = claim("b", f'Miller promised "more sailings {phrase}" for the island.')
    assert not _share_a_quotation(short_a, short_b)
    long_a = claim("a", f'Santos said it was "{QUOTE}."')
    long_b = claim("b", f'Miller called it "{QUOTE}')  # a quotation left open to the claim's end
    assert _share_a_quotation(long_a, long_b)
    guillemets = claim("b", f"Miller called it «{QUOTE}»")
    assert _share_a_quotation(long_a, guillemets)


def test_a_speaker_described_then_named_is_the_person_named():
    """"according to the county's health officer, Dr. Muntu Davis": the speaker is Muntu Davis (the
    attribution's source is the description), so another report crediting the same statement to
    another doctor disagrees on who said it."""
    texts = {"Harbour Ledger": "The new mask order will go into effect at 11:59 p.m. Saturday, according to the "
                               "county's health officer, Dr. Muntu Davis.",
             "Civic Observer": "Dr. Lena Park said at a press conference that the new mask order will go into "
                               "effect on Saturday night."}
    comparison = compare_story(outlet_reports(texts, "2026-07-01"))
    ledger = next(c for c in comparison.statements if c.outlet == "Harbour Ledger")
    assert ledger.speaker == "Muntu Davis"
    (conflict,) = [c for c in comparison.claims if c["status"] == "conflicting"]
    assert conflict["slot"] == "attribution"
    assert {(v["outlet"], v["value"]) for v in conflict["values"]} == {("Harbour Ledger", "Muntu Davis"),
                                                                       ("Civic Observer", "Lena Park")}


def test_a_body_named_after_a_person_stays_the_speaker():
    texts = {"Harbour Ledger": "Ferry crews will be paid for overtime again, the Okafor administration announced on "
                               "Monday, reversing a rule from last year."}
    comparison = compare_story(outlet_reports(texts, "2026-07-01"))
    (claim,) = comparison.statements
    assert claim.speaker != "Okafor"


def _claims_of(text: str):
    from newsloom.analyse import Analyzer
    from newsloom.compare.claims import extract_claims

    analyzer = Analyzer()
    return extract_claims("x", "o", text, analyzer.analyse("x", text, DAY).to_dict(), analyzer.nlp(text))


def test_a_quotation_the_parser_cuts_stays_one_claim_with_its_speaker():
    # The parser ends a sentence after "tax."; alone, 'Nobody," Mayor ... said' is a fragment and
    # the first half of the quotation has no speaker.
    claims = _claims_of('The council met late on Tuesday. "Nobody on this council wanted a new tax. Nobody," '
                        'Mayor Lena Ortiz said, adding that the budget "left no other choice."')
    (quoted,) = [c for c in claims if "wanted a new tax" in c.text]
    assert quoted.text.endswith('"left no other choice."') and quoted.speaker == "Lena Ortiz"
    assert not any(c.text.startswith('Nobody,"') for c in claims)


def test_a_quotation_running_on_into_the_next_paragraph_keeps_its_paragraphs():
    # News style leaves a quotation open at a paragraph's end when the next paragraph goes on with it.
    claims = _claims_of('"We did not want this tax.\n\n"We had no other choice," Mayor Lena Ortiz said.')
    assert [c.text for c in claims] == ['"We did not want this tax.', '"We had no other choice," Mayor Lena Ortiz said.']
