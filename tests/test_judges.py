"""Pluggable judges: compare_story takes any object with `related` and `conflicts`."""
from __future__ import annotations

import numpy as np
import pytest

from newsloom.compare import NLIJudge, compare_story
from newsloom.embed import HashingEmbedder

from .conftest import outlet_reports, slot_conflicts

TEXTS = {
    "Lakeside Times": "The ferry Aurora ran aground off Port Ellin on Sunday with 240 passengers on board, "
                      "the coastguard said. Nobody was hurt.",
    "Valley Courier": "The ferry Aurora ran aground off Port Ellin on Sunday with 310 passengers on board, "
                      "the coastguard said. The cause is not yet known.",
}


@pytest.fixture(scope="module")
def reports():
    return outlet_reports(TEXTS, "2026-05-04")


def test_fact_judge_finds_the_number(reports):
    comparison = compare_story(reports, embedder=HashingEmbedder())
    (conflict,) = [c for c in comparison.claims if c["status"] == "conflicting"]
    assert conflict["slot"] == "quantity"
    assert sorted(v["value"] for v in conflict["values"]) == ["240 passengers", "310 passengers"]


class NeverRelated:
    name = "never"

    def related(self, a, b, scores):
        return False

    def conflicts(self, a, b, scores):
        return []


def test_a_custom_judge_drops_in(reports):
    comparison = compare_story(reports, embedder=HashingEmbedder(), judge=NeverRelated())
    assert {c["status"] for c in comparison.claims} == {"unique"}


class FakeCrossEncoder:
    """Scores (contradiction, entailment, neutral): contradiction whenever the numbers differ."""

    def predict(self, pairs):
        (a, b), = pairs
        return np.array([4.0, 0.0, 0.0]) if ("240" in a) != ("240" in b) else np.array([0.0, 4.0, 0.0])


def test_an_nli_judge_names_the_slot_through_the_facts(reports):
    comparison = compare_story(reports, embedder=HashingEmbedder(), judge=NLIJudge(FakeCrossEncoder(), embedder=HashingEmbedder()))
    slots = [c["slot"] for c in comparison.claims if c["status"] == "conflicting"]
    assert slots == ["quantity"]


def _counted_conflicts(texts: dict[str, str]) -> list[dict]:
    return [c for c in compare_story(outlet_reports(texts, "2026-05-04")).claims if c["status"] == "conflicting" and c.get("note") == "counted thing"]


def test_one_number_for_two_names_of_one_group_of_people_agrees():
    """"13 troops" and "13 service members" count one group; "40 homes" and "40 buildings" do not."""
    people = _counted_conflicts({
        "Lakeside Times": "The blast at the airport gate killed 13 U.S. troops on Thursday, officials said.",
        "Valley Courier": "Thirteen American service members died in Thursday's blast at the airport gate, officials said.",
    })
    assert people == []
    things = _counted_conflicts({
        "Lakeside Times": "At least 40 homes were destroyed in the valley villages, according to the mayor's office.",
        "Valley Courier": "Officials said on Tuesday that 40 buildings had been damaged by the earthquake in the valley.",
    })
    assert [sorted(v["value"] for v in c["values"]) for c in things] == [["40 buildings", "At least 40 homes"]]


def test_a_court_refusing_in_two_words_is_no_denial_against_an_affirmation():
    texts = {"Lakeside Times": "The Supreme Court on Monday rejected the school board's appeal to reinstate its ban.",
             "Valley Courier": "The Supreme Court on Monday declined to take up the school board's appeal over its ban."}
    claims = compare_story(outlet_reports(texts, "2026-05-04")).claims
    assert not [c for c in claims if c["status"] == "conflicting"]
    assert any(c["status"] == "corroborated" for c in claims)


def test_a_negated_condition_is_not_a_negated_claim():
    """"unless governments restore" and "if governments do not restore" state one condition."""
    texts = {"Lakeside Times": "Shipping groups warned that supply chains could collapse if governments do not restore "
                               "free movement for crews before the winter.",
             "Valley Courier": "Supply chains could collapse unless governments restore free movement for crews before "
                               "the winter, shipping groups warned."}
    claims = compare_story(outlet_reports(texts, "2026-05-04")).claims
    assert [c["status"] for c in claims] == ["corroborated"]


def test_two_vague_amounts_agree():
    from newsloom.compare.facts import values_agree

    assert values_agree({"text": "tens of millions of Americans", "value": 20e6}, {"text": "millions more", "value": 2e6})
    # the analyser's reach of a vague plural (value_max) against a number
    assert values_agree({"text": "thousands of migrants", "value": 2000, "value_max": 10000},
                        {"text": "about 10,000 migrants", "value": 10000, "approximate": True})
    assert not values_agree({"text": "hundreds of rockets", "value": 200, "value_max": 1000},
                            {"text": "2,500 rockets", "value": 2500})


@pytest.mark.parametrize("first, second, disagree", [
    ("The 15,800-square-metre depot", "The 170,000-square-foot depot", False),  # 170,070 square feet
    ("40 square kilometres of forest", "15 square miles of forest", False),       # 15.4 square miles
    ("40 square kilometres of forest", "25 square miles of forest", True),
])
def test_an_area_converts_as_an_area(first, second, disagree):
    """A square kilometre is no kilometre: read as lengths, the first pair would be 40 km against 24 km."""
    texts = {"Lakeside Times": f"{first} near Port Ellin burned down on Sunday, the fire service said.",
             "Valley Courier": f"{second} near Port Ellin burned down on Sunday, the fire service said."}
    assert bool(slot_conflicts(texts, "2026-05-04", "quantity")) is disagree


@pytest.mark.parametrize("span, day, differ", [
    ({"text": "from July 3 to 17", "granularity": "range"}, {"text": "July 4", "granularity": "day"}, False),
    ({"text": "from July 3 to 17", "granularity": "range", "resolved": "2021-07-03", "end_date": "2021-07-17"},
     {"text": "July 4", "granularity": "day", "resolved": "2021-07-04"}, False),
    ({"text": "from July 3 to 17", "granularity": "range"}, {"text": "Aug. 4", "granularity": "day"}, True),
    ({"text": "July 3", "granularity": "day"}, {"text": "July 4", "granularity": "day"}, True),
])
def test_a_span_of_days_holds_the_days_inside_it(span, day, differ):
    from newsloom.compare.facts import date_keys, dates_differ

    assert dates_differ(date_keys(span), date_keys(day)) is differ


def test_two_deadlines_are_compared_and_a_deadline_is_not_a_day():
    from newsloom.compare.facts import date_keys, dates_differ

    by_7 = date_keys({"text": "by Oct. 7", "granularity": "day", "resolved": "2021-10-07", "relation": "by"})
    by_19 = date_keys({"text": "by Oct. 19", "granularity": "day", "resolved": "2021-10-19", "relation": "by"})
    on_19 = date_keys({"text": "Oct. 19", "granularity": "day", "resolved": "2021-10-19"})
    assert dates_differ(by_7, by_19) is True
    assert dates_differ(by_19, by_19) is False
    assert dates_differ(by_7, on_19) is None


def test_two_days_a_figure_holds_on_are_a_date_conflict():
    """"As of 4 pm ET Thursday" parses as two times, the day without the "as of"."""
    texts = {"Harbor Tribune": "As of Tuesday afternoon, nearly 8 percent of gas stations in Marlow County had run "
                               "dry, according to the fuel tracker PumpWatch. Queues formed at the few stations "
                               "still selling.",
             "Valley Courier": "As of 4 pm ET Thursday, 8% of gas stations in Marlow County had run out of fuel, "
                               "according to figures from the fuel tracker PumpWatch."}
    assert _values(_in_slot(texts, "date")) == [["As of Tuesday afternoon", "Thursday"]]


def test_a_day_of_a_while_clause_dates_its_verb_too():
    """"attacked while opening a clinic on Friday": the attack was on Friday as well."""
    texts = {"Harbor Tribune": "Police are questioning a suspect after the mayor of Dunmore, Alma Reyes, was attacked "
                               "while opening a new clinic on the harbour front on Friday.",
             "Valley Courier": "Dunmore mayor Alma Reyes was attacked Tuesday by a man who rushed the stage where "
                               "she was opening a new clinic."}
    assert _values(_in_slot(texts, "date")) == [["Friday", "Tuesday"]]


def test_a_clause_day_meets_only_the_verb_it_runs_with():
    """"save the ferry on Thursday, as unions haggle": a day for haggling, not for the council's vote."""
    from newsloom.compare.claims import Claim, Fact
    from newsloom.compare.slots import _at_the_same_time

    def dated(text: str, predicate: str, during: str | None = None) -> tuple[Fact, Claim]:
        fact = Fact("date", text, 0, len(text), predicate, {"text": text}, during=during)
        return fact, Claim(id=text, article=text, outlet=None, start=0, end=len(text), text=text, facts=[fact])

    (thursday, a), (wednesday, b), (friday, c) = (dated("Thursday", "save", during="haggle"),
                                                   dated("Wednesday", "vote"), dated("Friday", "haggle"))
    assert _at_the_same_time([(thursday, wednesday)], a, b) == []
    assert [v[1] for v in _at_the_same_time([(thursday, friday)], a, c)[0].values] == ["Thursday", "Friday"]


def _in_slot(texts: dict[str, str], slot: str | None = None) -> list[dict]:
    """The conflicts (of one slot, or all) between the texts as reports of one day."""
    claims = compare_story(outlet_reports(texts, "2026-05-08")).claims
    return [c for c in claims if c["status"] == "conflicting" and (slot is None or c.get("slot") == slot)]


def _values(conflicts: list[dict]) -> list[list[str]]:
    return [sorted(v["value"] for v in c["values"]) for c in conflicts]


def test_one_counted_event_on_two_days_is_a_date_conflict():
    texts = {"Lakeside Times": "A Wednesday attack outside the airport gate killed 13 soldiers and wounded dozens.",
             "Valley Courier": "The 13 soldiers were killed at the airport gate on Thursday in a suicide bombing."}
    dates = _in_slot(texts, "date")
    assert _values(dates) == [["Thursday", "Wednesday"]]


def test_a_calendar_date_on_the_same_weekday_does_not_settle_a_bare_weekday():
    """An undated report's "Wednesday" is a day of the news week: it does not agree with "Jan. 6"
    (a Wednesday in 2021, months before), so the announcement's two days still conflict."""
    from newsloom.analyse import Analyzer
    from newsloom.compare import StoryReport
    from newsloom.compare.facts import date_keys, dates_differ

    texts = {"Lakeside Times": ("Governor Maria Okafor on Wednesday announced an inquiry into the Jan. 6 flood "
                                "at the river dam, after the county board failed to order one last month.", None),
             "Valley Courier": ("Governor Maria Okafor announced on Thursday that she would open an inquiry into "
                                "the Jan. 6 flood at the river dam, after the county board refused to order one.",
                                "2021-06-24")}
    analyzer = Analyzer()
    reports = [StoryReport(o, o, t, analyzer.analyse(o, t, day).to_dict(), day) for o, (t, day) in texts.items()]
    dates = [c for c in compare_story(reports).claims if c["status"] == "conflicting" and c.get("slot") == "date"]
    assert _values(dates) == [["Thursday", "Wednesday"]]
    # the calendar date keeps its day, month and day-of-month, the weekday word its weekday
    jan_6 = date_keys({"text": "Jan. 6", "granularity": "day", "resolved": "2021-01-06"})
    assert "weekday" not in jan_6
    assert dates_differ(jan_6, date_keys({"text": "Wednesday", "granularity": "day"})) is None
    thursday = date_keys({"text": "Thursday", "granularity": "day", "resolved": "2021-06-24"})
    assert dates_differ(thursday, date_keys({"text": "Wednesday", "granularity": "day"})) is True


@pytest.mark.parametrize("texts, slot, values, swap, control_slot", [
    # the day on a verb of saying is when the speaker said it: one speaker, one statement, two days;
    # two speakers may say one thing on two days
    ({"Lakeside Times": "Governor Maria Okafor announced an agreement on the river cleanup plan Monday, giving her "
                        "approval to a deal drafted by ten county mayors.",
      "Valley Courier": "Governor Maria Okafor said Thursday she had agreed to a deal on the river cleanup plan with "
                        "a group of ten county mayors."},
     "date", ["Monday", "Thursday"], ("Governor Maria Okafor said", "Mayor Tom Alder said"), "date"),
    # two places that name who did one thing; one place is no conflict at all
    ({"Lakeside Times": "Calling the old ruling badly wrong, Oregon's attorney general urged the Supreme Court on "
                        "Thursday to let the state keep its river permits.",
      "Valley Courier": "The state of Nevada on Thursday urged the Supreme Court to let it keep its river permits, "
                        "calling the old ruling badly wrong."},
     "place", ["Nevada", "Oregon"], ("Nevada", "Oregon"), None),
], ids=["one speaker, two days", "two places naming the doer"])
def test_a_conflict_and_its_control(texts, slot, values, swap, control_slot):
    assert _values(_in_slot(texts, slot)) == [values]
    control = {**texts, "Valley Courier": texts["Valley Courier"].replace(*swap)}
    assert not _in_slot(control, control_slot)


def test_one_number_for_two_things_and_a_disputed_closest_match_make_no_agreement():
    """"killed 14 people" does not agree with "14 buildings" (one number, two things), nor with the
    next-closest sentence of a report whose closest sentence disputes its toll."""
    texts = {"Lakeside Times": "The earthquake that shook the valley early on Tuesday killed 14 people, the regional "
                               "governor told reporters.",
             "Valley Courier": "The earthquake struck the valley before dawn on Tuesday, killing 12 people, the fire "
                               "service said. The valley lies on several active faults and records many small tremors "
                               "every year. Schools will reopen on Monday, except 14 buildings that remain under "
                               "inspection."}
    claims = compare_story(outlet_reports(texts, "2026-05-08")).claims
    toll = [c for c in claims if any("killed 14 people" in s["text"] for s in c["sources"])]
    assert [c["status"] for c in toll] == ["conflicting"], [(c["status"], [s["text"][:40] for s in c["sources"]]) for c in toll]


def test_a_day_naming_a_deadline_is_no_day_of_the_event():
    texts = {"Lakeside Times": "French anti-missile defences intercepted as many as five rockets fired at the airport in "
                               "Tripoli early on Monday, an official said, as France rushed to finish the evacuation.",
             "Valley Courier": "France reportedly shot down multiple rockets targeting the airport as its military "
                               "races against a Tuesday deadline to withdraw from Libya."}
    assert not _in_slot(texts, "date")
    texts["Valley Courier"] = ("French anti-missile defences intercepted several rockets fired at the airport in Tripoli "
                               "early on Tuesday, an official said.")  # the same with a day of the event
    assert _in_slot(texts, "date")


def test_people_counted_by_a_participle_are_counted_on_it():
    """"The 21 firefighters killed in the blaze died ..." counts the killed, as "killed 13 firefighters" does."""
    texts = {"Lakeside Times": "The 21 firefighters killed in the warehouse blaze on Friday died when the roof gave "
                               "way, officials said.",
             "Valley Courier": "A warehouse blaze on Friday killed 13 firefighters who had gone in to search for "
                               "trapped workers."}
    assert _values(_in_slot(texts, "quantity")) == [["13 firefighters", "21 firefighters"]]


def test_bare_levels_on_one_verb_are_compared_and_a_change_is_no_level():
    """"applications fell to 4,730" / "the number of applications fell to 7,568": two levels of one
    figure, whatever the subjects. "fell 920" is by how much."""
    texts = {"Lakeside Times": "Applications for river permits fell to 4,730 last month, the agency said.",
             "Valley Courier": "The number of people applying for river permits fell last month to 7,568, the agency "
                               "reported."}
    assert _values(_in_slot(texts, "quantity")) == [["4,730", "7,568"]]
    texts["Valley Courier"] = ("The number of people applying for river permits fell 920 last month, the agency "
                               "reported.")
    assert not _in_slot(texts, "quantity")


def test_two_days_in_near_paraphrases_are_a_date_conflict_whatever_the_verbs():
    """"Asked on Wednesday" / "requested ..., the companies announced Thursday": two verbs, two words
    for the doers, one request."""
    texts = {"Lakeside Times": "The two airlines asked regulators on Wednesday to approve a shared daily route between "
                               "Port Ellin and Cardow for the summer.",
             "Valley Courier": "The carriers requested regulators' approval of a shared daily route between Port Ellin "
                               "and Cardow for the summer, the companies announced Thursday."}
    assert _values(_in_slot(texts, "date")) == [["Thursday", "Wednesday"]]


def test_one_office_given_to_a_name_no_other_report_knows_is_an_actor_conflict():
    """Two reports name the harbour commissioner Lena Marsh; a third gives her office to Piet Vogel in a
    sentence that reads unlike theirs. "Harbour Commissioner" is one office: an actor conflict."""
    texts = {"Lakeside Times": "The storm surge wrecked three piers overnight, Harbour Commissioner Lena Marsh said "
                               "on Monday.",
             "Valley Courier": "Harbour Commissioner Lena Marsh said the piers would take a month to rebuild.",
             "Coastline Post": "Fishing crews were told to stay ashore until Friday by Harbour Commissioner Piet "
                               "Vogel, who blamed the surge."}
    assert _values(_in_slot(texts, "actor")) == [["Lena Marsh", "Lena Marsh", "Piet Vogel"]]
    texts["Coastline Post"] = texts["Coastline Post"].replace("Harbour Commissioner", "Deputy Mayor")
    assert not _in_slot(texts, "actor")


def test_the_place_an_office_names_is_no_part_of_the_office():
    """"the Lisbon harbour commissioner" and "Harbour Commissioner" are one office; where it sits is a
    fact of its own."""
    texts = {"Lakeside Times": "The storm surge wrecked three piers overnight, the Lisbon harbour commissioner, Lena "
                               "Marsh, said on Monday.",
             "Valley Courier": "The piers would take a month to rebuild, the Lisbon harbour commissioner, Lena Marsh, "
                               "said.",
             "Coastline Post": "Fishing crews were told to stay ashore until Friday by Harbour Commissioner Piet "
                               "Vogel, who blamed the surge."}
    assert _values(_in_slot(texts, "actor")) == [["Lena Marsh", "Lena Marsh", "Piet Vogel"]]


def test_two_reports_giving_one_office_to_two_people_disagree_unless_one_names_both():
    texts = {"Lakeside Times": "The storm surge wrecked three piers overnight, Harbour Commissioner Lena Marsh said.",
             "Valley Courier": "Fishing crews were told to stay ashore until Friday by Harbour Commissioner Piet "
                               "Vogel, who blamed the surge."}
    assert _values(_in_slot(texts, "actor")) == [["Lena Marsh", "Piet Vogel"]]
    texts["Valley Courier"] += " Vogel took over from Harbour Commissioner Lena Marsh in March."
    assert not _in_slot(texts, "actor")


@pytest.mark.parametrize("moved, level, comparable", [
    ({"value": 920, "unit": "permit", "kind": "count", "movement": "by"},
     {"value": 4730, "unit": "permit", "kind": "count"}, None),
    ({"value": 3.8, "unit": "%", "kind": "percent", "movement": "by"},
     {"value": 1.9, "unit": "%", "kind": "percent"}, True),
], ids=["a change and a level", "a rate that rose and a rate"])
def test_a_change_is_compared_with_a_level_only_for_rates(moved, level, comparable):
    """"fell 920" / "fell to 4,730" are two figures; "prices rose 3.8%" is the rate "at 1.9%" disputes."""
    from newsloom.compare.facts import quantities_comparable

    assert quantities_comparable(moved, level) is comparable


def test_one_doer_giving_an_amount_on_two_verbs_is_a_quantity_conflict():
    """"Republicans unveiled a $40 million plan" / "Republicans called for spending $65 million": one
    doer, one plan, two verbs, in claims not close enough for two verbs alone."""
    texts = {"Lakeside Times": "Republicans in the Ardell Assembly unveiled a $40 million harbour plan on Monday, "
                               "limited to piers and sea walls, countering the governor's own proposal.",
             "Valley Courier": "Republicans in the Ardell Assembly on Monday called for spending $65 million to "
                               "rebuild the piers, in sharp contrast to the $300 million desired by Governor Okafor."}
    assert _values(_in_slot(texts, "quantity")) == [["$40 million", "$65 million"]]


def test_two_lists_of_places_that_differ_in_one_disagree_on_it():
    texts = {"Lakeside Times": "The ministry will review school mask rules in Iowa, Oklahoma, South Carolina, "
                               "Tennessee and Utah, it said.",
             "Valley Courier": "Letters went out to education chiefs in Iowa, Oklahoma, South Carolina, Tennessee and "
                               "New York, the ministry announced."}
    # the odd ones out disagree even where one resolves to a city ("New York") and the other to a state
    assert _values(_in_slot(texts, "place")) == [["New York", "Utah"]]
    texts["Valley Courier"] = texts["Valley Courier"].replace("New York", "Utah")
    assert not _in_slot(texts, "place")


def test_one_doer_in_two_places_for_one_act_is_a_place_conflict():
    """"Okafor hailed the board ... during a rally in Tucson" / "Speaking in Phoenix, Okafor hailed":
    the places hang on two verbs, the doer is one."""
    texts = {"Lakeside Times": "Former governor Maria Okafor on Saturday hailed the county board for its review of "
                               "the 2024 vote in Pima County during a rally in Tucson.",
             "Valley Courier": "Speaking in Phoenix at a River Party gathering, Okafor hailed what she called the "
                               "county board's full review of results in Pima County."}
    assert _values(_in_slot(texts, "place")) == [["Phoenix", "Tucson"]]


def test_a_place_inside_the_other_in_another_role_does_not_name_it():
    """"A jury in eastern Oklahoma convicted a Spiro man" / "A jury in eastern North Carolina convicted a
    Spiro man" (an ECB+ pair with a state put in): Spiro lies in Oklahoma, but it is where the man is
    from; where the jury sat the two disagree. A jury in Spiro sits in Oklahoma."""
    texts = {"Lakeside Times": "A jury in eastern Oklahoma has convicted a Spiro man of two counts of murder in the "
                               "shooting death of his girlfriend.",
             "Valley Courier": "A jury in eastern North Carolina has convicted a Spiro man of two counts of murder "
                               "in the shooting death of his girlfriend."}
    assert _values(_in_slot(texts, "place")) == [["North Carolina", "Oklahoma"]]
    texts["Valley Courier"] = ("A jury in Spiro has convicted a local man of two counts of murder in the shooting "
                               "death of his girlfriend.")
    assert not _in_slot(texts, "place")


def test_a_deputy_holds_another_office_than_the_one_above():
    """"Deputy District Attorney X" / "District Attorney Y" (ECB+ stories) are two offices and two
    people, not one office given to two; two deputies of one office still are."""
    texts = {"Lakeside Times": "Deputy District Attorney Mara Lind filed murder charges against the harbour pilot "
                               "on Monday.",
             "Valley Courier": "District Attorney Tomas Berg announced murder charges against the harbour pilot on "
                               "Monday."}
    assert not _in_slot(texts, "actor")
    texts["Valley Courier"] = "Deputy " + texts["Valley Courier"]
    assert _values(_in_slot(texts, "actor")) == [["Mara Lind", "Tomas Berg"]]


def test_a_part_of_a_group_is_no_second_count_of_the_group():
    """"Two of the bombs fell inside the camp" / "At least four bombs were dropped" (an ECB+ story):
    part of the bombs against all of them. On one verb the counts are one: "one bomb fell"."""
    part = "Two of the bombs fell inside the Yida refugee camp near the school, the UN said."
    texts = {"Lakeside Times": part,
             "Valley Courier": "At least four bombs were dropped on the Yida refugee camp near the school, the UN said."}
    assert not _in_slot(texts, "quantity")
    texts["Valley Courier"] = "One bomb fell inside the Yida refugee camp near the school, the UN said."
    assert _values(_in_slot(texts, "quantity")) == [["One bomb", "Two of the bombs"]]


def test_the_one_count_on_one_verb_of_two_close_claims_is_one_figure_whatever_its_noun():
    """"About 3,000 nationals remain" / "About 1,500 citizens remain": each claim counts one thing on
    "remain"; two nouns for it, two numbers. (One number for two nouns stays a counted-thing check.)"""
    texts = {"Lakeside Times": "About 3,000 Ardell nationals remain in the capital and are waiting to be evacuated, "
                               "the foreign minister said on Wednesday.",
             "Valley Courier": "About 1,500 Ardell citizens remain in the capital and hope to leave in the coming "
                               "days, the foreign minister said."}
    assert _values(_in_slot(texts, "quantity")) == [["About 1,500 Ardell citizens", "About 3,000 Ardell nationals"]]


def test_the_numbers_table_keeps_a_change_apart_from_a_level():
    from newsloom.brief import brief_story

    texts = {"Lakeside Times": "Applications for river permits fell 920 last month to 4,730, the agency said.",
             "Valley Courier": "The number of people applying for river permits fell to 4,730 last month, the agency "
                               "reported."}
    rows = {(n["thing"], n["event"], n["movement"]): sorted(r["value"] for r in n["rows"])
            for n in brief_story(outlet_reports(texts, "2026-05-08"))["numbers"]}
    assert rows[("(no unit)", "fall", "by")] == [920]
    assert rows[("(no unit)", "fall", None)] == [4730, 4730]


def test_not_having_to_do_a_thing_negates_the_thing():
    """"has not had to spend" / "has spent": the negation is on spend, not on have."""
    texts = {"Lakeside Times": "The council has not had to spend money on emergency shelters this winter, the mayor "
                               "told reporters.",
             "Valley Courier": "The council has spent money on emergency shelters this winter, the mayor said."}
    assert _in_slot(texts, "negation")


def test_a_round_figure_for_two_nouns_is_no_counted_thing_conflict():
    """"35,000 new applications" / "35,000 new claims": one round forecast named twice. A precise
    figure for two nouns ("112 targets" / "112 air strikes", the seeds) stays a counted-thing check."""
    texts = {"Lakeside Times": "The median estimate in a survey of economists called for 35,000 new applications "
                               "for river permits.",
             "Valley Courier": "Economists had forecast 35,000 new claims for river permits, a decline of 1,000 from "
                               "the previous month."}
    assert not _in_slot(texts, "quantity")
    texts = {name: text.replace("35,000", "35,112") for name, text in texts.items()}
    assert _in_slot(texts, "quantity")


def test_two_days_one_body_put_out_its_figures_are_a_date_conflict_two_people_are_not():
    """"Office data showed Friday" / "the Office reported on Thursday": one release, two days, in
    claims too far apart for a paraphrase. Two people speaking on two days are two statements."""
    texts = {"Lakeside Times": "Applications for river permits rose by 370 to 4,120, Ardell Statistics Office data "
                               "showed Friday.",
             "Valley Courier": "Farmers rushed to apply for river permits before the summer deadline, pushing the "
                               "total to 4,120, the Ardell Statistics Office reported on Thursday."}
    assert _values(_in_slot(texts, "date")) == [["Friday", "Thursday"]]
    # one body named two ways ("Statistics Office" / "Office of Statistics") is still one body
    texts["Lakeside Times"] = ("Applications for river permits rose by 370 to 4,120, data from the Ardell Office of "
                               "Statistics showed Friday.")
    assert _values(_in_slot(texts, "date")) == [["Friday", "Thursday"]]
    texts = {"Lakeside Times": "Speaker Ana Ruiz on Thursday said the harbour panel would not let the Ardell Assembly's "
                               "delays stand in the way of its inquiry.",
             "Valley Courier": "Assembly leader Tom Alder said on Wednesday that the Ardell Assembly would not take "
                               "part after Ruiz rejected two of the members he chose for the harbour panel."}
    assert not _in_slot(texts, "date")


def test_two_changes_to_one_level_disagree():
    """"rose by 370 to 4,120" / "totaled 4,120, up 520": one move to one figure, two sizes."""
    texts = {"Lakeside Times": "The statistics office said applications for river permits increased by 370 to 4,120 "
                               "in the month to May 2.",
             "Valley Courier": "Applications for river permits totaled 4,120 in the month to May 2, up 520 from the "
                               "month before, office data showed."}
    assert _values(_in_slot(texts, "quantity")) == [["370", "520"]]


def test_two_levels_of_one_change_disagree():
    """"rose by 520 to 4,120" / "totaled 2,060, up 520": one move, two figures it ends at; a
    figure the move starts from ("from 3,600") is another week's and no part of it."""
    texts = {"Lakeside Times": "The statistics office said applications for river permits soared by 520 to 4,120 "
                               "in the month to May 2.",
             "Valley Courier": "Applications for river permits totaled 2,060 in the month to May 2, up 520 from the "
                               "month before, office data showed."}
    assert _values(_in_slot(texts, "quantity")) == [["2,060", "4,120"]]
    texts["Valley Courier"] = ("Applications for river permits rose by 520 in the month to May 2 from 3,600 the "
                               "month before, office data showed.")
    assert not _in_slot(texts, "quantity")


def test_one_office_given_to_a_stranger_by_a_report_naming_its_holder_elsewhere_is_an_actor_conflict():
    """The Valley Courier names the harbour commissioner Lena Marsh elsewhere, yet gives her office to
    Piet Vogel (a name no other report gives) in a sentence unlike the others'; a party code is no
    part of the office. A report giving the office to both tells of a succession, not a disagreement."""
    texts = {"Lakeside Times": "Harbour Commissioner Lena Marsh will force a vote next Wednesday on the dredging "
                               "package, a hardball tactic aimed at moving the port budget before the winter recess.",
             "Coastline Post": "Lena Marsh, who runs the harbour board, wants the port budget passed before winter.",
             "Valley Courier": "Harbour Commissioner Piet Vogel (D-AR) told reporters that members would get their "
                               "first say on the spending within days. Lena Marsh has long backed the plan."}
    assert _values(_in_slot(texts, "actor")) == [["Lena Marsh", "Piet Vogel"]]
    texts["Valley Courier"] = texts["Valley Courier"].replace("Lena Marsh has", "Former Harbour Commissioner Lena Marsh had")
    assert not _in_slot(texts, "actor")


def test_one_office_with_two_holders_is_an_actor_conflict_even_where_both_speak():
    """Who holds the office is the difference, not only who said the words."""
    texts = {"Lakeside Times": "\u201cIt is simply wrong that county leaders are putting politics over the safety of "
                               "the harbour,\u201d Harbour Commissioner Lena Marsh said in a statement.",
             "Valley Courier": "Harbour Commissioner Piet Vogel accused the county leaders of \u201cputting politics "
                               "over the safety of the harbour.\u201d"}
    assert _values(_in_slot(texts, "actor")) == [["Lena Marsh", "Piet Vogel"]]


def _place_claim(article: str, text: str, place: str, data: dict, entities: dict[str, str]):
    from newsloom.compare.claims import Claim, Fact

    start = text.index(place)
    fact = Fact("place", place, start, start + len(place), "visit", {"text": place, "name": place, **data},
                subject="senator", locative=True, anchor="club")
    return Claim(f"{article}:0", article, article, 0, len(text), text, facts=[fact], entities=entities)


def test_a_place_the_other_claim_gives_inside_a_body_name_is_named_there():
    """"Carver's Yacht Club" read as a town Carver and a club: the other report names the club, so
    there is no place of its own to set against the town where the club is."""
    from newsloom.compare.slots import place_conflicts

    town = {"lat": 41.0, "lon": -71.0, "geonameid": 1, "feature": "city", "country": "US"}
    other_town = {"lat": 39.0, "lon": -104.0, "geonameid": 2, "feature": "city", "country": "US"}
    harbor = _place_claim("harbor", "The senator visited Carver's Yacht Club in Marblehead.", "Marblehead", town,
                          {"Carver's Yacht Club": "ORG", "Marblehead": "GPE"})
    valley = _place_claim("valley", "The senator visited Carver's Yacht Club again.", "Carver", other_town,
                          {"Carver": "GPE", "Yacht Club": "ORG"})
    assert place_conflicts(harbor, valley, 0.8) == []
    # without the club's full name in the first report, the two towns are set against each other
    apart = _place_claim("harbor", "The senator visited a yacht club in Marblehead.", "Marblehead", town,
                         {"Marblehead": "GPE"})
    (conflict,) = place_conflicts(apart, valley, 0.8)
    assert sorted(value for _, value, _, _ in conflict.values) == ["Carver", "Marblehead"]


def test_one_doer_sets_two_places_apart_only_where_each_is_the_place_of_what_that_doer_did():
    """"Ruiz said she raised Norway's hostility toward Iceland" / "Ruiz told reporters her meeting in
    Denmark was good": one doer in both, but Iceland hangs on "include", not on what Ruiz did; "Ruiz
    met Dahl in Denmark" / "Ruiz held talks in Iceland" are two places for her one act of meeting."""
    from newsloom.compare.claims import Claim, Fact
    from newsloom.compare.slots import place_conflicts

    def claim(article: str, text: str, place: str, data: dict, predicate: str, subjects: dict[str, str]):
        start = text.index(place)
        fact = Fact("place", place, start, start + len(place), predicate, {"text": place, "name": place, **data},
                    subject=None, locative=True, anchor=predicate)
        entities = {name: "PERSON" for name in subjects} | {place: "GPE"}
        return Claim(f"{article}:0", article, article, 0, len(text), text, facts=[fact], entities=entities,
                     subjects=subjects, roles={name: ("subject", verb) for name, verb in subjects.items()},
                     verbs=set(subjects.values()) | {predicate})

    iceland = {"lat": 64.9, "lon": -18.6, "geonameid": 1, "feature": "country", "country": "IS"}
    denmark = {"lat": 56.0, "lon": 10.0, "geonameid": 2, "feature": "country", "country": "DK"}
    raised = claim("lakeside", "Prime Minister Ana Ruiz said she raised issues, including Norway's hostility toward "
                   "Iceland.", "Iceland", iceland, "include", {"Ana Ruiz": "say"})
    told = claim("valley", "Prime Minister Ana Ruiz told reporters that her meeting in Denmark was good.", "Denmark",
                 denmark, "tell", {"Ana Ruiz": "tell"})
    assert place_conflicts(raised, told, 0.6) == []
    met = claim("lakeside", "Prime Minister Ana Ruiz met Erik Dahl in Iceland.", "Iceland", iceland, "meet",
                {"Ana Ruiz": "meet"})
    held = claim("valley", "Prime Minister Ana Ruiz held talks with Erik Dahl in Denmark.", "Denmark", denmark,
                 "hold", {"Ana Ruiz": "hold"})
    (conflict,) = place_conflicts(met, held, 0.6)
    assert sorted(value for _, value, _, _ in conflict.values) == ["Denmark", "Iceland"]


def test_a_report_and_its_correction_are_two_events_on_two_days():
    report = ("The Riverside Herald reported on Thursday that Mayor Tom Alder had been warned by the police that he "
              "was the target of a smear campaign.")
    correction = ("The Riverside Herald on Saturday issued a correction, retracting its earlier report that Mayor Tom "
                  "Alder had been warned by the police that he was the target of a smear campaign.")
    assert not _in_slot({"Lakeside Times": report, "Valley Courier": correction}, "date")
    # the same report on another day is still a date conflict
    second = ("The Riverside Herald on Saturday published a report saying Mayor Tom Alder had been warned by the "
              "police that he was the target of a smear campaign.")
    assert _values(_in_slot({"Lakeside Times": report, "Valley Courier": second}, "date")) == [["Saturday", "Thursday"]]


def test_a_negation_inside_an_indirect_question_asserts_nothing():
    lead = "Health Secretary Nora Vance said on Monday that the state has a duty to know which teachers have "
    asked = {"Lakeside Times": lead + "not been vaccinated against measles.",
             "Valley Courier": lead + "been vaccinated against measles."}
    assert not _in_slot(asked, "negation")
    stated = {outlet: text.replace("the state has a duty to know which teachers", "most teachers in the state")
              for outlet, text in asked.items()}
    assert [c["values"][0]["outlet"] for c in _in_slot(stated, "negation")] == ["Lakeside Times"]


def test_troops_withdrawing_on_two_days_is_still_a_date_conflict():
    # "withdraw" most often tells of troops or candidates leaving, not of a statement taken back
    texts = {"Lakeside Times": "The last Marvalian troops withdrew from the northern border town of Osk on Tuesday.",
             "Valley Courier": "The last Marvalian troops pulled out of the northern border town of Osk on Friday."}
    assert _values(_in_slot(texts, "date")) == [["Friday", "Tuesday"]]


COUNT_SAID = "By Sunday night there were more than 300 wildfires across the northern hills, the forest service said."


def _quantity_conflicts(other: str, said: str = COUNT_SAID) -> list[dict]:
    comparison = compare_story(outlet_reports({"Harbor Tribune": said, "Valley Courier": other}, "2026-04-14"))
    return [c for c in comparison.claims if c["status"] == "conflicting" and c["slot"] == "quantity"]


def test_two_counts_of_one_thing_are_a_conflict_where_the_count_is_all_they_would_share():
    """Close in meaning, no fact in common but the count of wildfires, which differs."""
    (conflict,) = _quantity_conflicts("In total, there were more than 520 wildfires over the dry holiday weekend.")
    assert sorted(v["value"] for v in conflict["values"]) == ["more than 300 wildfires", "more than 520 wildfires"]


@pytest.mark.parametrize("other, said", [
    ("The forecast was for more than 520 wildfires over the dry holiday weekend.", COUNT_SAID),  # a forecast
    ("The consensus was that there would be more than 520 wildfires over the dry holiday weekend.", COUNT_SAID),
    ("In the end there was a 60-seat majority for the opposition.",  # two nouns qualified: a bloc, a majority
     "After the vote the coalition was a 50-seat bloc, the party whip said."),
])
def test_a_forecast_or_two_things_qualified_is_no_count_to_set_apart(other, said):
    assert not _quantity_conflicts(other, said)


@pytest.mark.parametrize("a, b, agree", [
    (("Guantánamo", 20.144, -75.209), ("Guantanamo Bay", 19.916, -75.144), True),   # the bay beside the town
    (("Washington", 38.895, -77.036), ("Washington Heights", 40.841, -73.939), False),  # a namesake far away
])
def test_a_place_named_after_a_town_beside_it_is_that_place(a, b, agree):
    from newsloom.compare.facts import places_agree

    place = [{"text": text, "name": text, "lat": lat, "lon": lon, "country": "XX", "feature": "city"}
             for text, lat, lon in (a, b)]
    assert places_agree(*place) is agree


CITIES = {"New York City": (5128581, 40.71427, -74.00597), "Manhattan": (5125771, 40.78343, -73.96625),
          "Brooklyn": (5110302, 40.6501, -73.94958), "Newark": (5101798, 40.73566, -74.17237),
          "Paris": (2988507, 48.85341, 2.3488), "Versailles": (2969679, 48.80359, 2.13424),
          "Porto": (2735943, 41.1485, -8.61097), "Vila Nova de Gaia": (2732544, 41.12401, -8.61241)}


@pytest.mark.parametrize("a, b, agree", [
    ("Manhattan", "New York City", True),   # 8 km from the centre of a city of 8.8 million: a part of it
    ("New York City", "Brooklyn", True),
    ("Manhattan", "Brooklyn", False),       # two parts of it, 15 km apart, neither holding the other
    ("New York City", "Newark", False),     # another city beside it, 15 km away
    ("Paris", "Versailles", False),         # 17 km from a city of 2.1 million: outside its area
    ("Porto", "Vila Nova de Gaia", False),  # 3 km across the river from a city of 250,000: a town of its own
])
def test_a_town_inside_a_big_city_s_area_is_part_of_it(a, b, agree):
    from newsloom.compare.facts import places_agree

    place = [{"text": name, "name": name, "geonameid": CITIES[name][0], "lat": CITIES[name][1],
              "lon": CITIES[name][2], "country": "XX", "feature": "city"} for name in (a, b)]
    assert places_agree(*place) is agree
    assert places_agree(*reversed(place)) is agree


@pytest.mark.parametrize("town, geonameid, region, alike", [
    ("New York", 5128581, "Nangarhar", True),   # the city the gazetteer picks, called by its state's name
    ("Kabul", 1138958, "Nangarhar", False),     # a city that has its province's name is still a city
    ("Havana", 3553478, "Caribbean", False),
])
def test_a_town_called_by_its_region_s_name_is_of_both_classes(town, geonameid, region, alike):
    from newsloom.compare.facts import same_class

    city = {"text": town, "name": town, "geonameid": geonameid, "feature": "city", "lat": 0.0, "lon": 0.0}
    other = {"text": region, "name": region, "geonameid": None, "feature": "admin1", "lat": 0.0, "lon": 0.0}
    assert same_class(city, other) is alike
    assert same_class(city, dict(city, text="Albany", name="Albany")) is True  # and a town still a town


@pytest.mark.parametrize("region, country, town, geonameid, alike", [
    ("Kunduz", "AF", "Kabul", 1138958, True),         # the province and its capital share a name
    ("Helmand", "AF", "Kabul", 1138958, False),       # no town of that name: a province only
    ("New York", "US", "Buffalo", 5110629, False),    # the state holds the town: no disagreement of class
    ("Gazan", "SA", "Kabul", 1138958, False),         # a town's other spelling ("Jizan") is not its name
])
def test_a_region_called_by_its_town_s_name_may_mean_the_town(region, country, town, geonameid, alike):
    from newsloom.compare.facts import town_against_region

    area = {"text": region, "name": "Jazan Region" if region == "Gazan" else region, "country": country,
            "geonameid": None, "feature": "admin1", "lat": 0.0, "lon": 0.0}
    city = {"text": town, "name": town, "country": "US" if town == "Buffalo" else "AF", "geonameid": geonameid,
            "feature": "city", "lat": 0.0, "lon": 0.0}
    assert town_against_region(area, city) is alike
    assert town_against_region(city, area) is alike


def test_one_doer_in_a_town_and_in_a_region_of_a_town_s_name_is_a_place_conflict():
    """The gazetteer reads "Kunduz" as the province; the envoy met the minister in one town or the other."""
    texts = {"Harbor Tribune": "Aid envoy Marta Lindqvist met in person with the Taliban's health minister during "
                               "a low-key visit to Kunduz on Monday.",
             "Valley Courier": "UN aid envoy Marta Lindqvist held a private meeting Monday in Kabul with the "
                               "Taliban's health minister, according to officials."}
    assert _values(_in_slot(texts, "place")) == [["Kabul", "Kunduz"]]


def test_one_thing_counted_on_two_verbs_is_one_count():
    """A real story (AllSides 5892, the July Fourth weekend shootings): NPR's "there were more than 540
    shootings" and Fox News's "killed in more than 400 shootings that occurred across the country" read
    too unlike to be aligned, and hang their counts on two verbs, but count one thing that is not
    people: the count is the fact they would share, and it differs (as NPR's does from Slate's 400)."""
    import json

    from .conftest import shared, slot_conflicts

    rows = [json.loads(line) for line in shared("allsides", "articles.jsonl").read_text().splitlines()]
    texts = {r["outlet"]: r["text"] for r in rows if r["story"] == "5892"}
    assert "more than 400 shootings that occurred" in texts["Fox News (Online News)"]
    sides = [{(v["outlet"], v["value"]) for v in c["values"]} for c in slot_conflicts(texts, "2021-07-06", "quantity")]
    assert any({("Fox News (Online News)", "more than 400 shootings"), ("NPR (Online News)", "more than 540 shootings")}
               <= side for side in sides)


def test_a_count_given_in_parts_is_no_other_count_of_the_whole():
    """A real story (AllSides 5966, the 500 million vaccine doses the U.S. buys to donate): CBS News's
    "donating 200 million doses this year and 300 million doses in the first half of 2022" gives the
    parts of Reuters's "the 500 million doses": a claim counting the noun twice gives no one count
    of it to set against the other's."""
    import json

    from .conftest import shared, slot_conflicts

    rows = [json.loads(line) for line in shared("allsides", "articles.jsonl").read_text().splitlines()]
    texts = {r["outlet"]: r["text"] for r in rows if r["story"] == "5966"}
    assert "200 million doses this year and 300 million doses" in texts["CBS News (Online)"]
    assert not slot_conflicts(texts, "2021-06-10", "quantity")


def test_one_rate_on_two_verbs_of_one_subject_is_one_figure():
    """A real story (AllSides 5965, CNN Business and Fox Business on May 2021 core inflation), with
    CNN's "inflation stood at 3.8%" changed to 6.1%: the sentences are too unlike to be aligned, but
    both give the rate of one subject ("inflation stood at" / "core inflation rose"), so that rate is
    the fact they would share and its two values disagree."""
    import json

    from .conftest import shared, slot_conflicts

    rows = [json.loads(line) for line in shared("allsides", "articles.jsonl").read_text().splitlines()]
    texts = {r["outlet"]: r["text"] for r in rows if r["story"] == "5965"}
    assert "inflation stood at 3.8%" in texts["CNN Business"]
    assert not [c for c in slot_conflicts(texts, "2021-06-10", "quantity")
                if {"6.1%", "3.8%"} <= {v["value"] for v in c["values"]}]
    texts["CNN Business"] = texts["CNN Business"].replace("inflation stood at 3.8%", "inflation stood at 6.1%")
    assert [c for c in slot_conflicts(texts, "2021-06-10", "quantity")
            if {"6.1%", "3.8%"} <= {v["value"] for v in c["values"]}]


def test_one_distinctive_figure_makes_two_days_one_event_whatever_verbs_they_hang_on():
    """"a $48 million plan Thursday limited to ..." (the parser hangs the day on "limited") / "on Monday
    called for spending $48 million": the figure makes the two claims one event."""
    texts = {"Lakeside Times": "Harbour commissioners unveiled a $48 million repair plan Thursday limited to piers, "
                               "seawalls and the old ferry ramp, countering the mayor's far larger proposal.",
             "Valley Courier": "Harbour commissioners on Monday called for spending $48 million to rebuild the town's "
                               "piers and seawalls, far short of the mayor's proposal."}
    assert _values(_in_slot(texts, "date")) == [["Monday", "Thursday"]]


def test_two_doers_speaking_of_one_figure_on_two_days_do_not_disagree():
    """"councillors said Wednesday" there was a deal with 12 of them / "the mayor announced [it]
    Thursday": one figure, two statements on two days."""
    texts = {"Lakeside Times": "Mayor Alma Reyes announced an agreement on the harbour repairs Thursday, backing a plan "
                               "drawn up by 12 councillors.",
             "Valley Courier": "Councillors from both parties said Wednesday evening that an agreement had been reached "
                               "with the mayor's office and 12 councillors on the harbour repairs."}
    assert not _in_slot(texts, "date")




def test_a_name_put_beside_a_listed_noun_stands_in_the_list():
    """"Jessica Martin and her lawyer, Tom Baker" lists Baker with Martin, as "Maria Lopez and lawyer Tom
    Baker" lists him with Lopez: one list, one member swapped (`listed_apart` reads the lists)."""
    texts = {"Lakeside Times": "Jessica Martin and her lawyer, Tom Baker, filed a complaint with the harbour "
                               "board on Monday over the crane collapse.",
             "Valley Courier": "Crane operator Maria Lopez and lawyer Tom Baker lodged a complaint with the harbour "
                               "board over the crane collapse, the board confirmed."}
    claims = {c.article: c for c in compare_story(outlet_reports(texts, "2026-05-08")).statements}
    assert claims["Lakeside Times"].partners == {"Jessica Martin": {"Tom Baker"}, "Tom Baker": {"Jessica Martin"}}
    assert claims["Valley Courier"].partners["Tom Baker"] == {"Maria Lopez"}


def test_two_levels_for_the_prior_week_of_a_weekly_figure_disagree():
    """"from a revised 41,000 the prior week" / "The prior week's reading was revised down to 44,000":
    the week before's level, stated apart from the current week's."""
    texts = {"Lakeside Times": "New claims for harbour unemployment benefits fell to 38,500 last week from a revised "
                               "41,000 the prior week, the labour office said on Thursday.",
             "Valley Courier": "Harbour unemployment claims dropped to 38,500 in the week to Saturday, the labour "
                               "office said. The prior week's reading was revised down to 44,000."}
    assert _values(_in_slot(texts, "quantity")) == [["41,000", "44,000"]]


def test_a_first_reading_of_the_prior_week_is_no_level_against_its_revision():
    """"claims for the previous week were initially put at 44,000" / "revised 41,000": both right, one replaced."""
    texts = {"Lakeside Times": "New claims for harbour unemployment benefits fell to 38,500 last week from a revised "
                               "41,000 the prior week, the labour office said on Thursday.",
             "Valley Courier": "Harbour unemployment claims dropped to 38,500 in the week to Saturday, the labour "
                               "office said. Harbour unemployment claims for the previous week were initially put "
                               "at 44,000."}
    assert not _in_slot(texts, "quantity")


def test_members_named_by_their_group_and_by_a_noun_it_qualifies_are_one_count():
    """"two Liberal nominees" / "five Liberals": one kind of people counted, two numbers."""
    texts = {"Lakeside Times": "Council leader Alma Reyes rejected two Liberal nominees to the harbour inquiry panel "
                               "on Tuesday.",
             "Valley Courier": "Council leader Alma Reyes rejected five Liberals named to the harbour inquiry panel, "
                               "the council said."}
    assert _values(_in_slot(texts, "quantity")) == [["five Liberals", "two Liberal nominees"]]


def test_a_group_word_makes_one_count_only_where_it_qualifies_the_other_noun():
    from newsloom.compare.facts import quantities_comparable

    liberals = {"value": 5, "unit": "liberal", "text": "five Liberals", "kind": "count"}
    nominees = {"value": 2, "unit": "nominee", "text": "two Liberal nominees", "kind": "count"}
    seats = {"value": 2, "unit": "seat", "text": "two seats", "kind": "count"}
    assert quantities_comparable(liberals, nominees) is True
    assert quantities_comparable(liberals, seats) is not True


def test_two_dates_a_record_reaches_back_to_disagree():
    """"the steepest since June 1998" / "the biggest rise in ferry fares since September 1998"."""
    texts = {"Lakeside Times": "Leaving out fuel surcharges, ferry fares rose 9.2% from a year earlier, the steepest "
                               "since June 1998.",
             "Valley Courier": "It was the biggest increase in so-called core ferry fares since September 1998."}
    assert _values(_in_slot(texts, "date")) == [["since June 1998", "since September 1998"]]



def test_only_a_since_date_after_a_superlative_is_a_record():
    from newsloom.compare.slots import _record_since

    texts = {"Lakeside Times": "Ferry fares rose 9.2% from a year earlier, the steepest since June 1998.",
             "Valley Courier": "Ferry fares have been rising on every lake route since September 1998."}
    claims = {c.article: c for c in compare_story(outlet_reports(texts, "2026-05-08")).statements}
    assert _record_since(claims["Lakeside Times"])[0].text == "since June 1998"
    assert _record_since(claims["Valley Courier"]) is None


def test_the_date_of_a_short_since_clause_after_a_superlative_is_a_record():
    """"the lowest since the storm struck last March": the record reaches back to March."""
    from newsloom.compare.slots import _record_since

    texts = {"Lakeside Times": "Ferry bookings fell to 4,100, the lowest since the storm struck last March.",
             "Valley Courier": "Ferry bookings are now at the lowest level since mid-July 2025, when the storm hit."}
    claims = {c.article: c for c in compare_story(outlet_reports(texts, "2026-05-08")).statements}
    fact, keys = _record_since(claims["Lakeside Times"])
    assert (fact.text, keys["relation"], keys["month"]) == ("last March", "since", 3)
    assert _values(_in_slot(texts, "date")) == [["last March", "since mid-July 2025"]]


def test_one_vote_tally_makes_a_negated_and_a_stated_passing_one_vote():
    """"The measure did not pass 31-24" / "In a 31-24 party-line vote, the chamber passed ...": the tally
    is the fact the two claims share."""
    texts = {"Lakeside Times": "The harbour budget measure did not pass 31-24, after moderate councillors led a "
                               "revolt.",
             "Valley Courier": "In a 31-24 party-line vote, the council passed a harbour budget and advanced a "
                               "dredging plan."}
    assert len(_in_slot(texts, "negation")) == 1


def test_small_pairs_of_numbers_are_no_vote_tallies():
    from newsloom.compare.claims import Claim
    from newsloom.compare.slots import _tallies

    def tallies(text: str) -> set:
        return _tallies(Claim(id=text, article="a", outlet=None, start=0, end=len(text), text=text))

    assert tallies("The 220-to-212 vote came after days of delay.") == {(220, 212)}
    assert tallies("Senators voted 68 to 30 on Tuesday.") == {(68, 30)}
    assert tallies("Shots for children aged 5-11 are due in November.") == set()


def test_a_continuing_series_is_another_count_than_the_new_one():
    """"Continuing claims fell to 3,655,000" / "Jobless claims fell to 473,000" (AllSides dev half, an
    untouched story): two weekly series of one measure, not two readings of one. The same series with
    two levels still disagrees."""
    texts = {"Lakeside Times": "Jobless claims in the state fell to 14,200 last week, the labour office said on Thursday.",
             "Valley Courier": "Continuing claims in the state fell to 52,800 last week, the labour office said on "
                               "Thursday."}
    assert not _in_slot(texts, "quantity")
    texts["Lakeside Times"] = "Continuing claims in the state fell to 14,200 last week, the labour office said on Thursday."
    assert _values(_in_slot(texts, "quantity")) == [["14,200", "52,800"]]


def test_a_day_named_from_the_day_of_saying_is_no_other_day():
    """"I'm announcing tomorrow", tweeted on Monday, / "she announced Tuesday" (AllSides dev half, an
    untouched story): the tweet dates the announcement from the day it was sent, in words no calendar
    places for an undated report; the day of the tweet is not the day of the announcement. Where both
    name a weekday for the announcement, the days still differ."""
    texts = {"Lakeside Times": "Governor Ana Ruiz is sending 40 state troopers to the border, she announced Tuesday.",
             "Valley Courier": "\"Tomorrow morning I'm announcing up to 40 state troopers for the border,\" Governor "
                               "Ana Ruiz wrote on Monday."}
    assert not _in_slot(texts, "date")
    texts["Valley Courier"] = texts["Valley Courier"].replace("Tomorrow morning", "On Thursday")
    assert _values(_in_slot(texts, "date")) == [["Thursday", "Tuesday"]]


def test_the_weeks_of_two_series_are_two_weeks():
    """Continuing claims are counted a week behind new claims: "the week ended July 10" for one and
    "the week ended July 17" for the other (AllSides dev half, an untouched story) are no dispute over
    the week. Two weeks for one series still are."""
    texts = {"Lakeside Times": "Continuing claims in the state fell to 52,800 in the week ended July 10.",
             "Valley Courier": "New claims in the state rose to 14,200 in the week ended July 17, the labour office said "
                               "on Thursday."}
    assert not _in_slot(texts, "date")
    texts["Lakeside Times"] = "New claims in the state rose to 14,200 in the week ended July 10."
    assert _values(_in_slot(texts, "date")) == [["July 10", "July 17"]]


def test_one_deed_on_one_day_relates_two_unlike_sentences():
    """"Gov. X signed into law Tuesday a policy banning ..." / "The state's Republican governor Ron
    Castle signed the measure into law on Tuesday", in undated excerpts (AllSides dev half, an injected
    name): worded unlike, but the same deed on the same weekday, so the person only one report names
    is the story's governor swapped. Another deed on that day relates nothing."""
    texts = {"Lakeside Times": "Harbour State Gov. Barbara Ferrer signed into law Tuesday a policy banning transgender "
                               "athletes from playing girls' and women's sports that opponents have condemned as "
                               "deeply discriminatory against students.",
             "Valley Courier": "The state's Republican governor Ron Castle signed the measure into law on Tuesday.",
             "Harbour Post": "Ron Castle, the state's governor, said on Tuesday that he would sign any law that keeps "
                             "girls' sports fair."}

    def actors() -> list[dict]:
        claims = compare_story(outlet_reports(texts, None)).claims
        return [c for c in claims if c["status"] == "conflicting" and c.get("slot") == "actor"]

    (conflict,) = actors()
    assert {v["value"] for v in conflict["values"]} == {"Barbara Ferrer", "Ron Castle"}
    texts["Valley Courier"] = "The state's Republican governor Ron Castle vetoed a budget measure on Tuesday."
    assert not actors()
