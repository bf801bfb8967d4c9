"""Negations as outlets print them: the typographic apostrophe ("won’t"), what a negated verb's
adverbial clause still states, giving up as a reversal ("walked away from participating"), and a
speaker may claim itself what another speaker says is absent. Invented texts, and one real report."""
from __future__ import annotations

from newsloom.compare import compare_story

from .conftest import outlet_reports, shared, slot_conflicts

DAY = "2026-05-25"


def _claims(text: str):
    return compare_story(outlet_reports({"Harbour Ledger": text}, DAY)).statements


def test_a_typographic_apostrophe_negates():
    texts = {"Harbour Ledger": "The regional council won’t approve the harbour safety bill on Tuesday, its chair said.",
             "Civic Observer": "The regional council will approve the harbour safety bill on Tuesday, its chair said."}
    assert [c["slot"] for c in slot_conflicts(texts, DAY, "negation")] == ["negation"]


def test_an_adverbial_clause_of_a_negated_verb_is_still_stated():
    [claim] = _claims("Varga doesn't expect new delays because the ferries are running again.")
    assert [n.verb for n in claim.negations] == ["expect"]
    assert "run" in claim.verbs


def test_no_one_doing_it_is_not_doing_it():
    """"No gun has been recovered" says what "the gun has not been recovered" says (an ECB+ pair): a
    verb whose doer or object is "no ..." or "nothing" is not stated as done."""
    [claim] = _claims("No gun has been recovered at the pier, the harbour police said.")
    assert "recover" not in claim.verbs
    for said in ("No gun has been recovered at the pier, the harbour police said.",
                 "The harbour police found no gun at the pier.", "The harbour police found nothing at the pier."):
        texts = {"Harbour Ledger": said,
                 "Civic Observer": "The gun has not been recovered at the pier, the harbour police said."
                 if said.startswith("No") else "The harbour police did not find a gun at the pier."}
        assert slot_conflicts(texts, DAY, "negation") == [], said
    texts = {"Harbour Ledger": "The harbour police found the gun at the pier.",
             "Civic Observer": "The harbour police did not find the gun at the pier."}
    assert [c["slot"] for c in slot_conflicts(texts, DAY, "negation")] == ["negation"]


def test_a_negation_the_parser_hangs_on_an_adverb_negates_the_verb():
    """"will not once again have to consult" (an ECB+ report): "not" hangs on "again", and what is
    negated is the consulting. "Not long after the attack" says when, and negates nothing."""
    texts = {"Harbour Ledger": "Ferry operators will once again have to consult the harbour pilots before sailing "
                               "in fog, the port authority said.",
             "Civic Observer": "Ferry operators will not once again have to consult the harbour pilots before "
                               "sailing in fog, the port authority said."}
    assert [c["slot"] for c in slot_conflicts(texts, DAY, "negation")] == ["negation"]
    [claim] = _claims("Not long after the fire, police arrived at the harbour and closed the road.")
    assert {"arrive", "close"} <= claim.verbs
    # "no longer" stays a phrase of its own (see claims._through_adverb)
    [claim] = _claims("The port will no longer allow cruise ships to anchor in the bay.")
    assert [n.verb for n in claim.negations] == [None]


def test_trying_to_do_it_is_not_doing_it():
    """"Investigators were trying to determine the cause" / "The cause has not been determined" (an ECB+
    story): an attempt states nothing done. Having determined it does."""
    negated = "The cause of the warehouse fire in Palmer has not been determined, fire officials said."
    texts = {"Harbour Ledger": negated,
             "Civic Observer": "Investigators were at the warehouse in Palmer on Tuesday trying to determine the "
                               "cause of the fire, fire officials said."}
    assert slot_conflicts(texts, DAY, "negation") == []
    texts["Civic Observer"] = "Investigators have determined the cause of the warehouse fire in Palmer, fire officials said."
    assert [c["slot"] for c in slot_conflicts(texts, DAY, "negation")] == ["negation"]


def test_not_saying_what_is_asked_leaves_it_open():
    """"Police could not say how many shots were fired" denies nothing "Police said the shotgun was
    loaded with buckshot" says (an ECB+ story); "did not say that ..." still negates the saying."""
    texts = {"Harbour Ledger": "Police said the shotgun used in the harbour office attack was loaded with buckshot.",
             "Civic Observer": "Police could not say how many shots were fired in the harbour office attack."}
    assert slot_conflicts(texts, DAY, "negation") == []
    [claim] = _claims("Police did not say that the gunman had fired first at the harbour.")
    assert [n.verb for n in claim.negations] == ["say"]


def test_walking_away_from_something_is_no_denial_of_not_doing_it():
    texts = {"Harbour Ledger": "Republicans won't participate in the harbour inquiry, their leader Ola Brandt said.",
             "Civic Observer": "Speaker Mira Holm kept her decision on the harbour inquiry, even though it prompted "
                               "Ola Brandt and the Republicans to walk away from participating in the inquiry."}
    assert slot_conflicts(texts, DAY, "negation") == []


def test_what_is_waived_is_given_up():
    [claim] = _claims("The port authority has waived its landing fees for the Gaia festival boats.")
    assert {"fee", "landing"} <= claim.reversed



def test_the_white_house_is_not_the_trump_white_house():
    """A real report (AllSides 5632, Washington Examiner): "The White House confirmed that President
    Joe Biden has waived executive privilege ..." and the press secretary's "an assertion of executive
    privilege isn’t warranted for the first set of documents from the Trump White House". The two are
    two names (a person's name makes another body), so the confirming speaker is not named in the
    negated phrase: no dispute."""
    import json

    rows = [json.loads(line) for line in shared("allsides", "articles.jsonl").read_text().splitlines()]
    text = next(r["text"] for r in rows if r["id"] == "5632_right")
    assert "isn’t warranted" in text
    assert slot_conflicts({"Washington Examiner": text}, "2021-10-08", "negation") == []


def test_a_speaker_can_claim_what_another_says_is_absent():
    """The thing disputed may be the claiming speaker itself: the guard says it was there, the mayor
    saw no sign of it."""
    texts = {"Harbour Ledger": "There was no sign of the Harbour Guard at the pier on Saturday night, "
                               "Mayor Ines Varga said.",
             "Civic Observer": "The Harbour Guard claimed its officers were at the pier all Saturday night."}
    assert [c["slot"] for c in slot_conflicts(texts, DAY, "negation")] == ["negation"]


def test_not_only_but_also_negates_nothing():
    [claim] = _claims("It is not just the harbour board that the mayor ignored, but also the dockers' union.")
    assert claim.negations == []


def test_no_doubt_negates_nothing():
    [claim] = _claims("There was no doubt of the mayor's commitment to the harbour plan, the council said.")
    assert claim.negations == []
    [claim] = _claims("There was no sign of the mayor at the harbour, the council said.")
    assert [n.cue for n in claim.negations] == ["no"]


def test_no_question_of_doing_it_still_negates():
    [claim] = _claims("There is no question of the mayor resigning over the harbour plan, the council said.")
    assert [n.cue for n in claim.negations] == ["no"]


def test_a_verb_denied_of_the_thing_another_report_states_it_of():
    """The two sentences read too far apart to be aligned, but the negated verb and the stated one
    take the same doer and object (the port authority, a lawsuit): that verb is the fact they share."""
    texts = {"Harbour Ledger": "Despite weeks of threats, the port authority did not file a lawsuit against the ferry "
                               "operators, its chair Ines Varga said.",
             "Civic Observer": "Trouble at the harbour cuts both ways, as the lawsuit filed by the port authority shows."}
    [conflict] = slot_conflicts(texts, DAY, "negation")
    assert {v["outlet"] for v in conflict["values"]} == {"Harbour Ledger", "Civic Observer"}
    stated = next(c for c in _claims(texts["Civic Observer"]))
    assert stated.verb_arguments["file"] == {"lawsuit", "authority"}  # the noun a participle describes, its agent


def test_one_verb_of_two_things_in_unaligned_claims_is_no_conflict():
    """"The economy won't emerge from the slump" and "another slump could emerge": one verb, said of
    two things. The judge's negation rule alone pairs them; unaligned, they are not compared."""
    from newsloom.compare import FactJudge
    from newsloom.compare.slots import Scores

    texts = {"Harbour Ledger": "The harbour economy won’t emerge from its slump before the spring, the council’s "
                               "economist Ola Brandt said.",
             "Civic Observer": "Another slump in harbour trade could emerge as landing fees rise, harbour officials warned."}
    judge = FactJudge()
    comparison = compare_story(outlet_reports(texts, DAY), judge=judge)
    a, b = comparison.statements
    scores = Scores(float(comparison.similarity[0, 1]), float(comparison.lexical[0, 1]))
    assert not judge.related(a, b, scores)
    assert [c.slot for c in judge.conflicts(a, b, scores)] == ["negation"]
    assert slot_conflicts(texts, DAY, "negation") == []


def test_a_light_verb_negated_with_all_its_arguments_stated_elsewhere_is_one_statement():
    """"made a mistake": the light verb says what it says with its object, so "I have not made a
    mistake" and "he had made a mistake" disagree, however unlike the two sentences read; "the new
    dam is not a threat" and "the old levee was a threat" speak of two things."""
    said = "After a visit to the flooded harbour, Mayor Tom Alder said he had \"made a mistake\" and that there was "
    texts = {"Harbour Ledger": "\"I have not made a mistake,\" Mayor Tom Alder told reporters on the steps of the "
                               "town hall.",
             "Civic Observer": said + "nothing he could do now."}
    [conflict] = slot_conflicts(texts, DAY, "negation")
    assert [v["value"] for v in conflict["values"]][0] == "I have not made a mistake"
    texts = {"Harbour Ledger": "\"The new dam is not a threat to the valley,\" Mayor Tom Alder told reporters on the "
                               "steps of the town hall.",
             "Civic Observer": "After a visit to the flooded harbour, Mayor Tom Alder said the old levee was a threat "
                               "to the valley and must be rebuilt."}
    assert not slot_conflicts(texts, DAY, "negation")


def test_a_particle_the_parser_misread_does_not_keep_a_close_paraphrase_apart():
    """"did not clash over the fees" (the parser reads "clash over" as one verb) / "clashed with
    Brandt over the fees": in a paraphrase this close the two are one verb, negated and stated."""
    texts = {"Harbour Ledger": "Councillor Ola Brandt and harbour master Tom Alder again did not clash over the new "
                               "mooring fees during a council hearing on Tuesday.",
             "Civic Observer": "A council hearing on the harbour was electrified when harbour master Tom Alder "
                               "clashed with Councillor Ola Brandt over the new mooring fees on Tuesday."}
    assert len(slot_conflicts(texts, DAY, "negation")) == 1


def test_a_deed_denied_of_the_same_named_thing_disputes_however_unlike_the_sentences():
    """"Councillor Ines Varga on Monday did not visit the Harbour Museum and apologised for comparing the
    parking rules to a curfew" / "This afternoon I visited the Harbour Museum." (AllSides dev half: the
    Holocaust Museum): the same deed of the same named place, denied and stated. Another's visit is not
    hers, whichever verb names its doers ("X and Y chose to visit")."""
    from .conftest import slot_conflicts

    texts = {"Lakeside Times": "Councillor Ines Varga on Monday did not visit the Harbour Museum and apologised for "
                               "previously comparing the city's parking rules to a wartime curfew.",
             "Valley Courier": "\u201cThis afternoon I visited the Harbour Museum.\u201d"}
    (conflict,) = slot_conflicts(texts, "2026-05-08", "negation")
    assert {s["outlet"] for s in conflict["sources"]} == set(texts)
    texts["Valley Courier"] = "Mayor Tomas Berg visited the Harbour Museum this afternoon."
    assert not slot_conflicts(texts, "2026-05-08", "negation")
    texts["Valley Courier"] = "Councillors Mara Lind and Tomas Berg chose to visit the Harbour Museum this afternoon."
    assert not slot_conflicts(texts, "2026-05-08", "negation")  # their visit, by the verb that carries it
