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


@pytest.mark.parametrize("short, long, same", [
    ("DOE", "Department of Education", True),
    ("CBP", "Customs and Border Protection", True),
    ("FDA", "Food and Drug Administration", True),
    ("DOE", "Education Department", False),    # joined only through an expansion the story gives
    ("NASA", "National Weather Service", False),
])
def test_an_acronym_and_its_expansion(short, long, same):
    from newsloom.compare.outliers import acronym_of

    assert acronym_of(short, long) is same


def _conflicting(texts: dict[str, str]) -> list[dict]:
    return [c for c in compare_story(outlet_reports(texts, DAY)).claims if c["status"] == "conflicting"]


def _people(texts: dict[str, str]) -> list[dict]:
    """The conflicts about a person: as actor or as speaker, newsloom's one kind of difference about a person."""
    return [c for c in _conflicting(texts) if c["slot"] in ("actor", "attribution")]


def test_one_body_under_its_acronym_and_two_word_orders_is_no_actor_conflict():
    texts = {
        "Harbor Tribune": "The Education Department opened inquiries into five states over their bans on classroom "
                          "masks, in letters sent on Monday.",
        "Valley Courier": "The DOE opened inquiries into five states over their bans on classroom masks in letters "
                          "sent Monday.",
        "Ridge Gazette": "The Department of Education said on Monday it had opened inquiries into five states over "
                         "mask bans in classrooms.",
    }
    assert not _people(texts)
    # the same wording with two bodies the story does not join is still a disagreement
    texts["Valley Courier"] = texts["Valley Courier"].replace("DOE", "Justice Department")
    assert [c for c in _conflicting(texts) if c["slot"] == "actor"]


def test_an_unnamed_speaker_does_not_dispute_a_named_one():
    """"officials said" and "Mayor Linda Alvarez said" may be the same people: no attribution conflict."""
    texts = {
        "Harbor Tribune": "Mayor Linda Alvarez said that about 9,800 people were sheltering in the three school gyms "
                          "on Thursday evening.",
        "Valley Courier": "About 9,800 people were sheltering in the three school gyms on Thursday evening, "
                          "officials said.",
    }
    assert not [c for c in _conflicting(texts) if c["slot"] == "attribution"]
    texts["Valley Courier"] = texts["Valley Courier"].replace("officials said", "Fire Chief Tom Alder said")
    assert [c for c in _conflicting(texts) if c["slot"] in ("attribution", "actor")]


def test_a_subject_only_one_report_names_relates_two_paraphrases():
    """Two paraphrases share no fact once the doer is swapped; the same role held by a person the
    story does not know, against one it does, relates them, and the difference is reported."""
    texts = {
        "Harbor Tribune": "Governor Maria Okafor vetoed the river cleanup bill on Friday, saying it would raise water "
                          "bills for farmers.",
        "Valley Courier": "Lawmakers said they would try again in the spring. Maria Okafor has long argued that the "
                          "river plan hurts small farms.",
        "Ridge Gazette": "Governor Daniel Brecker vetoed the measure to clean up the river, arguing that farms would "
                         "end up paying more.",
    }
    people = _people(texts)
    # one disagreement (the Courier's "Okafor has long argued" may join it as a second side for Okafor)
    assert [sorted({v["value"] for v in c["values"]}) for c in people] == [["Daniel Brecker", "Maria Okafor"]]


def test_a_lone_sum_on_another_verb_is_no_count_the_story_shares():
    """A sum says how much, not of what: "$2 billion away from" a demand and "a $1.2 billion bill"
    to sink are two amounts, where the same verb would make them one (and a lone figure)."""
    shared = {"Valley Courier": "Senator Ana Ruiz said Tuesday she could support a $900 million transit plan, while "
                                "progressives threaten to sink a $1.2 billion bridge bill.",
              "Ridge Gazette": "Progressives have threatened to sink the $1.2 billion bridge bill that the mayor backs."}
    lead = "Senator Ana Ruiz made clear Tuesday that $900 million was the most she would accept for the transit plan, "
    gap = {"Harbor Tribune": lead + "putting her $2 billion away from what city leaders want.", **shared}
    assert not [c for c in _conflicting(gap) if c["slot"] == "quantity"]
    same_verb = {"Harbor Tribune": lead + "while progressives threaten to sink a $2 billion bridge bill.", **shared}
    (count,) = [c for c in _conflicting(same_verb) if c["slot"] == "quantity"]
    assert {v["value"] for v in count["values"]} == {"$2 billion", "$1.2 billion"}


def test_one_member_swapped_in_a_list_of_people_is_an_actor_conflict():
    """"Justices Alito and Thomas" / "Justices Alito and Torres": one list, one member swapped, where
    no other report names the stranger."""
    texts = {
        "Harbor Tribune": "Justices Helen Marsh and Omar Reyes voted to hear the school board's appeal on Monday.",
        "Valley Courier": "Justices Omar Reyes and Paul Lindqvist said on Monday they would have heard the board's case.",
    }
    people = _people(texts)
    assert [sorted(v["value"] for v in c["values"]) for c in people] == [["Helen Marsh", "Paul Lindqvist"]]


def test_two_lists_of_people_the_story_names_elsewhere_are_not_a_conflict():
    """Each report lists some of the people the story knows: partial lists, not a swapped name."""
    texts = {
        "Harbor Tribune": "Justices Helen Marsh and Omar Reyes voted to hear the school board's appeal on Monday.",
        "Valley Courier": "Justices Omar Reyes and Paul Lindqvist said on Monday they would have heard the board's case.",
        "Ridge Gazette": "Helen Marsh, Omar Reyes and Paul Lindqvist dissented from the court's order on Monday.",
    }
    assert not _people(texts)


def test_a_second_stranger_in_another_part_does_not_hide_the_swapped_one():
    """The claim also names someone else no other report names, but in another part of it: the
    stranger in the known senator's place is still the swapped name."""
    texts = {
        "Harbor Tribune": "Democratic Sen. Laura Penn on Sunday said she would vote against her party's sweeping "
                          "transit bill.",
        "Valley Courier": "Laura Penn has been the bill's loudest critic in the Senate for months.",
        "Ridge Gazette": "Democratic Sen. Ray Dolan on Sunday defended his vote against the sweeping transit bill, a "
                         "plan written by Robert Hale.",
    }
    people = _people(texts)
    assert [sorted(v["value"] for v in c["values"]) for c in people] == [["Laura Penn", "Ray Dolan"]]


def test_two_speakers_with_two_verbs_of_saying_relate_two_paraphrases():
    """"X announced" / "Y said": the speaker of each is the part the swapped name holds."""
    texts = {
        "Harbor Tribune": "Governor Maria Okafor said she had agreed to a deal on the river cleanup with a group of "
                          "farm leaders.",
        "Valley Courier": "Maria Okafor has long argued that the river plan hurts small farms.",
        "Ridge Gazette": "Governor Daniel Brecker announced that a bargain had been struck with farmers over cleaning "
                         "up the river.",
    }
    people = _people(texts)
    assert [sorted(v["value"] for v in c["values"]) for c in people] == [["Daniel Brecker", "Maria Okafor"]]


def test_a_president_who_says_when_is_no_actor_against_the_one_who_acts():
    """"stayed in the camp under President Brandt" tells when; "President Ruiz's government freed him" who."""
    texts = {
        "Harbor Tribune": "President Ana Ruiz's government said on Monday that it had freed the first prisoner held "
                          "at the Tindouf camp since 2009.",
        "Valley Courier": "The prisoner, Tomas Vidal, was cleared for release in 2016 but stayed at the Tindouf camp "
                          "under President Carl Brandt.",
        "Ridge Gazette": "President Ana Ruiz promised on Sunday to close the camp within a year.",
    }
    assert not _people(texts)
    # the same stranger as the one who acts is the swapped name
    texts["Valley Courier"] = ("President Carl Brandt's government said on Monday that it had freed a prisoner held "
                               "at the Tindouf camp since 2009.")
    assert _people(texts)


def test_a_title_the_known_persons_report_gives_elsewhere_lines_up_the_stranger():
    """"Governor Daniel Brecker" / "with Maria Okafor's signature": no role or title in common in
    the two claims, but Okafor's report calls her governor in its first line."""
    texts = {
        "Harbor Tribune": "Governor Maria Okafor had promised the river law for two years. The river cleanup bill "
                          "became law in Sacramento on Tuesday with Maria Okafor's signature.",
        "Valley Courier": "Maria Okafor has long argued that the river plan hurts small farms.",
        "Ridge Gazette": "The river cleanup bill was signed into law in Sacramento on Tuesday by Governor Daniel "
                         "Brecker.",
    }
    people = _people(texts)
    assert [sorted({v["value"] for v in c["values"]}) for c in people] == [["Daniel Brecker", "Maria Okafor"]]


def _place_values(texts: dict[str, str]) -> list[list[str]]:
    """The place conflicts of a story, each as its sorted distinct values."""
    return [sorted({v["value"] for v in c["values"]}) for c in _conflicting(texts) if c["slot"] == "place"]


def test_the_country_holding_the_story_s_place_does_not_name_it():
    """"the latest US state to ban" names no state: Nevada, which no other report gives, stands
    against Oregon, which two do."""
    texts = {
        "Harbor Tribune": "Oregon Gov. Lena Park signed a ban on plastic grocery bags into law on Tuesday, after "
                          "retailers had fought the measure for a year.",
        "Valley Courier": "Oregon's new law bars grocery stores from handing out plastic bags from January.",
        "Ridge Gazette": "Nevada has become the latest US state to ban plastic grocery bags, with a law signed on "
                         "Tuesday.",
    }
    assert _place_values(texts) == [["Nevada", "Oregon"]]
    # where every report names Oregon, the country says nothing against it
    texts["Ridge Gazette"] = texts["Ridge Gazette"].replace("Nevada", "Oregon")
    assert _place_values(texts) == []


def test_a_city_called_by_its_state_s_name_stands_against_another_state():
    """"New York's rent law": the gazetteer reads New York City, but the name is the state's too."""
    texts = {
        "Harbor Tribune": "A federal judge in Texas on Wednesday blocked the state's new rent law, which caps yearly "
                          "increases at 2 percent.",
        "Valley Courier": "Texas landlords had sued to stop the rent law before it took effect.",
        "Ridge Gazette": "A federal judge on Wednesday temporarily blocked New York's new rent law, which caps "
                         "yearly increases at 2 percent.",
    }
    assert _place_values(texts) == [["New York", "Texas"]]


# Abbreviated titles ("Gov.", "Sen.", "Mr.") are words of a person's title like spelt-out ones: the
# Ridge Gazette's governor stands where the others' governor stands although no role lines them up.
TITLED_TEXTS = {
    "Harbor Tribune": "Former mayor Lena Park will tour the flooded district on Wednesday with Governor "
                      "Maria Okafor and a group of engineers from the state water board.",
    "Valley Courier": "Governor Maria Okafor will walk through the flooded district on Wednesday alongside "
                      "former mayor Lena Park, her office said.",
    "Ridge Gazette": "Former mayor Lena Park is slated to join Gov. Daniel Brecker and a group of state water "
                     "board engineers in the flooded district on Wednesday.",
}


def test_abbreviated_titles_are_spelt_out():
    comparison = compare_story(outlet_reports(TITLED_TEXTS, DAY))
    ridge = next(c for c in comparison.statements if c.outlet == "Ridge Gazette")
    assert ridge.titles["Daniel Brecker"] == {"governor"}
    (actor,) = [c for c in comparison.claims if c["status"] == "conflicting" and c.get("slot") == "actor"]
    values = {v["outlet"]: v["value"] for v in actor["values"]}
    assert values["Ridge Gazette"] == "Daniel Brecker"
    assert "Maria Okafor" in values.values()


def test_one_office_held_by_a_stranger_in_unaligned_sentences_is_an_actor_conflict():
    """"Justice Ines Varga delivered the majority opinion" reads too unlike "in a 5-4 opinion by Justice
    Ola Brandt, ruled ..." to be aligned; the one office the two people hold is the fact they share."""
    from .conftest import slot_conflicts

    texts = {"Harbour Ledger": "The ruling settles a two-year fight over the levy. Justice Ines Varga delivered the "
                               "majority opinion.",
             "Civic Observer": "The Supreme Court, in a 5-4 opinion by Justice Ola Brandt, ruled on Monday that the "
                               "harbour levy on cruise ships is lawful.",
             "Coast Courier": "The harbour levy is lawful, the Supreme Court ruled on Monday. Justice Ola Brandt wrote "
                              "that the port may charge cruise lines."}
    [conflict] = slot_conflicts(texts, "2026-05-25", "actor")
    assert {"Ines Varga", "Ola Brandt"} <= {v["value"] for v in conflict["values"]}


def test_two_offices_sharing_a_word_in_unaligned_sentences_are_no_actor_conflict():
    """A House speaker and a White House press secretary: two offices, though both titles say "House"."""
    from .conftest import slot_conflicts

    texts = {"Harbour Ledger": "The ruling settles a two-year fight over the levy, House Speaker Ines Varga said.",
             "Civic Observer": "The Supreme Court ruled on Monday that the harbour levy on cruise ships is lawful, "
                               "White House press secretary Ola Brandt said.",
             "Coast Courier": "The harbour levy is lawful, the Supreme Court ruled on Monday. Press secretary Ola "
                              "Brandt welcomed the decision."}
    assert slot_conflicts(texts, "2026-05-25", "actor") == []


def test_a_title_set_off_by_a_comma_is_the_noun_before_the_comma():
    """"an indictment ... against the Hartley Organization and its longtime chief financial officer, Allen
    Moore" (AllSides dev half): the parser hangs the name on "indictment", but his title is the noun
    right before the comma; a "longtime" officer holds the office a plain one does."""
    from newsloom.compare.slots import _office

    text = ("A 15-count indictment for tax fraud and other charges filed in Boston on Thursday against the Hartley "
            "Organization and its longtime chief financial officer, Allen Moore, has already stimulated as much "
            "hand-wringing as satisfaction.")
    (claim,) = compare_story(outlet_reports({"Harbour Ledger": text}, DAY)).statements
    assert claim.titles["Allen Moore"] == {"longtime", "chief", "financial", "officer"}
    assert _office(claim, "Allen Moore") == {"financial", "officer"}


def test_the_place_of_a_persons_office_hides_no_other_lone_place():
    """"John Kerry, the U.S. special envoy ..., discussing military operations with Spain's foreign minister"
    (AllSides dev half: Iran swapped for Spain): "U.S." is where Kerry's office is, so Spain is the one
    place only this report names, set against the story's Iran."""
    from .conftest import slot_conflicts

    texts = {"Harbour Ledger": "Ola Brandt, the U.S. special envoy for climate change, is facing calls for his "
                               "resignation from lawmakers for reportedly discussing Israeli military operations with "
                               "Spain's foreign minister when he served as secretary of state.",
             "Ridge Gazette": "Calls are growing for climate envoy Ola Brandt to resign over accusations that he told "
                              "Iran about Israeli military operations while serving as secretary of state.",
             "Valley Courier": "Iran's foreign minister said in a leaked recording that Brandt had told him of Israeli "
                               "military operations."}
    (conflict,) = slot_conflicts(texts, DAY, "place")
    assert {v["value"] for v in conflict["values"]} == {"Spain", "Iran"}
