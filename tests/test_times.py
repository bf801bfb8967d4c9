"""Time expressions normalised against the publication date: the seed reports and written sentences."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from newsloom.analyse.nlp import load_nlp
from newsloom.analyse.times import extract_times
from newsloom.clean import clean

from .conftest import shared

PUB = date(2015, 10, 7)  # both seeds; a Wednesday


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def times(nlp, text, published=PUB):
    refs = extract_times(nlp(text), published)
    for r in refs:
        assert text[r.start:r.end] == r.text
    return refs


def one(nlp, text, expr, published=PUB):
    refs = times(nlp, text, published)
    found = [r for r in refs if r.text == expr]
    assert len(found) == 1, f"{expr!r} in {[r.text for r in refs]}"
    return found[0]


def seed_text(name):
    return clean(shared("seeds", name).read_text(encoding="utf-8")).text


# (text, resolved, end_date, granularity, approximate, relation, time_of_day), in text order
SEED_000 = [
    ("week", None, None, "duration", False, None, None),          # "its week of strikes"
    ("months", None, None, "duration", False, None, None),        # "the most intense fighting in months"
    ("30 September", "2015-09-30", None, "day", False, None, None),
    ("after 1 October", "2015-10-01", None, "day", False, "after", None),
    ("overnight", "2015-10-06", "2015-10-07", "time", False, None, "night"),
    ("Wednesday morning", "2015-10-07", None, "time", False, None, "morning"),
]
SEED_004 = [
    ("Wednesday morning", "2015-10-07", None, "time", False, None, "morning"),
    ("September 30th", "2015-09-30", None, "day", False, None, None),
    ("Wednesday", "2015-10-07", None, "day", False, None, None),    # "on Wednesday backed by"
    ("Wednesday", "2015-10-07", None, "day", False, None, None),    # "Wednesday’s combined assault"
    ("more than four years", None, None, "duration", False, None, None),
    ("last week", "2015-09-28", "2015-10-04", "week", False, None, None),
    ("this year", "2015-01-01", "2015-12-31", "year", False, None, None),
    ("a week ago", "2015-09-30", None, "day", False, None, None),
    ("Wednesday", "2015-10-07", None, "day", False, None, None),    # "Russia's strikes on Wednesday"
]


def as_rows(refs):
    return [(r.text, r.resolved, r.end_date, r.granularity, r.approximate, r.relation, r.time_of_day)
            for r in refs]


@pytest.mark.parametrize("name, expected", [("000_2bd50fe8baa70bde.txt", SEED_000),
                                            ("004_1ef7e32c50d6147d.txt", SEED_004)])
def test_seed_times(nlp, name, expected):
    text = seed_text(name)
    assert as_rows(times(nlp, text)) == expected


def test_seed_on_wednesday_is_the_publication_day(nlp):
    text = seed_text("004_1ef7e32c50d6147d.txt")
    refs = times(nlp, text)
    start = text.index("on Wednesday backed") + len("on ")
    ref = next(r for r in refs if r.start == start)
    assert (ref.text, ref.resolved, ref.granularity) == ("Wednesday", "2015-10-07", "day")


def test_seed_offsets_point_at_the_evidence(nlp):
    text = seed_text("000_2bd50fe8baa70bde.txt")
    ref = one(nlp, text, "after 1 October")
    assert text[ref.start - len("happened "):ref.end] == "happened after 1 October"


def test_seeds_without_a_publication_date_resolve_nothing(nlp):
    # neither seed names a year, so nothing can be pinned without the publication date
    for name in ("000_2bd50fe8baa70bde.txt", "004_1ef7e32c50d6147d.txt"):
        refs = times(nlp, seed_text(name), None)
        assert refs and all(r.resolved is None for r in refs)
        assert {r.text for r in refs} >= {"Wednesday morning"}


def test_published_may_be_a_datetime(nlp):
    ref = one(nlp, "Russia launched strikes on Wednesday.", "Wednesday", datetime(2015, 10, 7, 18, 30))
    assert ref.resolved == "2015-10-07"


# sentence, expression, resolved, end_date, granularity, and other fields that must match
CASES = [
    # weekdays: past (the publication day included), future (the next one, the same day included)
    ("Russia launched strikes on Wednesday.", "Wednesday", "2015-10-07", None, "day", {}),
    ("Russia says its jets struck on Wednesday.", "Wednesday", "2015-10-07", None, "day", {}),
    ("They met on Friday.", "Friday", "2015-10-02", None, "day", {}),
    ("The ministers will meet on Friday.", "Friday", "2015-10-09", None, "day", {}),
    ("The ministers will meet on Wednesday.", "Wednesday", "2015-10-07", None, "day", {}),
    ("He said talks would resume on Monday.", "Monday", "2015-10-12", None, "day", {}),
    ("The talks are due to resume on Monday.", "Monday", "2015-10-12", None, "day", {}),
    ("He arrived last Friday.", "last Friday", "2015-10-02", None, "day", {}),
    ("He leaves next Wednesday.", "next Wednesday", "2015-10-14", None, "day", {}),
    ("The jets struck on Wednesday morning.", "Wednesday morning", "2015-10-07", None, "time",
     {"time_of_day": "morning"}),
    ("The attack happened at 10:30 GMT on Tuesday.", "10:30 GMT on Tuesday", "2015-10-06", None, "time",
     {"time_of_day": "10:30"}),
    ("The ceasefire was signed on Wednesday, October 7, 2015.", "Wednesday, October 7, 2015", "2015-10-07",
     None, "day", {}),
    # the night before publication; the coming night for the future
    ("The missiles were fired overnight.", "overnight", "2015-10-06", "2015-10-07", "time",
     {"time_of_day": "night"}),
    ("The ships will sail overnight.", "overnight", "2015-10-07", "2015-10-08", "time", {}),
    ("Talks ended yesterday.", "yesterday", "2015-10-06", None, "day", {}),
    ("More talks are planned for tomorrow.", "tomorrow", "2015-10-08", None, "day", {}),
    ("Markets fell this morning.", "this morning", "2015-10-07", None, "time", {"time_of_day": "morning"}),
    # relative periods
    ("Russia started air strikes a week ago.", "a week ago", "2015-09-30", None, "day", {}),
    ("It began about two weeks ago.", "about two weeks ago", "2015-09-23", None, "day", {"approximate": True}),
    ("The plant closed three months ago.", "three months ago", "2015-07-01", "2015-07-31", "month", {}),
    ("Reuters reported last week that allies were preparing.", "last week", "2015-09-28", "2015-10-04",
     "week", {}),
    ("Sales fell this week.", "this week", "2015-10-05", "2015-10-11", "week", {}),
    ("Prices will rise next month.", "next month", "2015-11-01", "2015-11-30", "month", {}),
    ("Rebels advanced this year.", "this year", "2015-01-01", "2015-12-31", "year", {}),
    ("Growth slowed last year.", "last year", "2014-01-01", "2014-12-31", "year", {}),
    ("Sales fell in the past two weeks.", "the past two weeks", "2015-09-23", "2015-10-07", "range", {}),
    # day and month: year from the publication date and the tense
    ("The campaign began on 30 September.", "30 September", "2015-09-30", None, "day", {}),
    ("The summit took place on 30 October.", "30 October", "2014-10-30", None, "day", {}),
    ("The summit will take place on 30 October.", "30 October", "2015-10-30", None, "day", {}),
    ("Strikes have continued since September 30th.", "since September 30th", "2015-09-30", None, "day",
     {"relation": "since"}),
    ("They said this happened after 1 October.", "after 1 October", "2015-10-01", None, "day",
     {"relation": "after"}),
    ("As of 30 September, 8% of stations were dry.", "As of 30 September", "2015-09-30", None, "day", {}),
    ("The law must pass before 1 December 2015.", "before 1 December 2015", "2015-12-01", None, "day",
     {"relation": "before"}),
    ("The deal was agreed on 10/07/2015.", "10/07/2015", "2015-10-07", None, "day", {}),  # dateparser
    ("It was signed on 2015-03-04.", "2015-03-04", "2015-03-04", None, "day", {}),
    # ranges
    ("The vote was held between 3 and 5 March.", "between 3 and 5 March", "2015-03-03", "2015-03-05",
     "range", {}),
    ("It ran 3-5 March 2014.", "3-5 March 2014", "2014-03-03", "2014-03-05", "range", {}),
    ("Protests ran from Monday to Wednesday.", "from Monday to Wednesday", "2015-10-05", "2015-10-07",
     "range", {}),
    ("The fair ran September 28 to October 2.", "September 28 to October 2", "2015-09-28", "2015-10-02",
     "range", {}),
    ("Between 2010 and 2014 the economy grew.", "Between 2010 and 2014", "2010-01-01", "2014-12-31",
     "range", {}),
    # approximate
    ("The plant opened in early March.", "early March", "2015-03-01", "2015-03-10", "month",
     {"approximate": True}),
    ("Output peaked in mid-2015.", "mid-2015", "2015-05-01", "2015-08-31", "year", {"approximate": True}),
    ("The boom ended in late 2014.", "late 2014", "2014-09-01", "2014-12-31", "year", {"approximate": True}),
    ("The truce held until around 30 September.", "until around 30 September", "2015-09-30", None, "day",
     {"approximate": True, "relation": "until"}),
    # months, years, decades, seasons
    ("Prices rose in March.", "March", "2015-03-01", "2015-03-31", "month", {}),
    ("Prices fell in May 2014.", "May 2014", "2014-05-01", "2014-05-31", "month", {}),
    ("Prices have been falling since 2011.", "since 2011", "2011-01-01", "2011-12-31", "year",
     {"relation": "since"}),
    ("The group was founded in the 1990s.", "the 1990s", "1990-01-01", "1999-12-31", "range", {}),
    ("The fighting last summer was heavy.", "last summer", "2015-06-01", "2015-08-31", "range", {}),
    # durations are not dates
    ("The war has lasted more than four years.", "more than four years", None, None, "duration", {}),
    ("The siege lasted several weeks.", "several weeks", None, None, "duration", {"approximate": True}),
]


@pytest.mark.parametrize("sentence, expr, resolved, end_date, granularity, extra", CASES,
                         ids=[c[1] for c in CASES])
def test_written_sentences(nlp, sentence, expr, resolved, end_date, granularity, extra):
    ref = one(nlp, sentence, expr)
    assert (ref.resolved, ref.end_date, ref.granularity) == (resolved, end_date, granularity)
    for name, value in extra.items():
        assert getattr(ref, name) == value, name
    if "approximate" not in extra:
        assert ref.approximate is False
    if "relation" not in extra:
        assert ref.relation is None


NO_DATE_CASES = [
    ("Russia launched strikes on Wednesday.", "Wednesday", None, "day"),
    ("The missiles were fired overnight.", "overnight", None, "time"),
    ("Reuters reported last week.", "last week", None, "week"),
    ("Rebels advanced this year.", "this year", None, "year"),
    ("It began a week ago.", "a week ago", None, "day"),
    ("The campaign began on 30 September.", "30 September", None, "day"),
    ("The campaign began on 30 September 2015.", "30 September 2015", "2015-09-30", "day"),
    ("Prices fell in May 2014.", "May 2014", "2014-05-01", "month"),
    ("It was signed in 2014.", "2014", "2014-01-01", "year"),
    ("The group was founded in the 1990s.", "the 1990s", "1990-01-01", "range"),
]


@pytest.mark.parametrize("sentence, expr, resolved, granularity", NO_DATE_CASES, ids=[c[1] for c in NO_DATE_CASES])
def test_without_a_publication_date_relative_expressions_stay_unresolved(nlp, sentence, expr, resolved,
                                                                          granularity):
    ref = one(nlp, sentence, expr, published=None)
    assert (ref.resolved, ref.granularity) == (resolved, granularity)


@pytest.mark.parametrize("sentence", [
    "The storm hit on Good Friday.",
    "The Mail on Sunday reported it.",
    "Theresa May spoke to reporters.",
    "Flight MH17 was shot down with a Buk missile.",
    "Between 10 and 12 people were killed.",
    "The fund raised $2015 from 2,015 donors.",
])
def test_not_dates(nlp, sentence):
    assert times(nlp, sentence) == []


def test_the_next_day_is_not_resolved_against_publication(nlp):
    ref = one(nlp, "The rebels withdrew, and the army entered the next day.", "the next day")
    assert ref.resolved is None


# A month-day without a year is the nearest such date; a verb's tense moves it across publication only
# when it governs the date itself, or when the date is more than about two months away.
YEARLESS_CASES = [
    # coming dates a few weeks ahead, without a past verb fixing them
    ("The committee announced a hearing on Oct. 20.", "Oct. 20", date(2021, 10, 12), "2021-10-20", None),
    ("Voters head to the polls Oct. 20.", "Oct. 20", date(2021, 10, 12), "2021-10-20", None),
    ("Staff must be fully vaccinated by Nov. 4, officials said.", "by Nov. 4", date(2021, 9, 17),
     "2021-11-04", None),
    ("Customers will have to show one dose by Oct. 7 and be fully vaccinated by Nov. 4.", "by Nov. 4",
     date(2021, 9, 17), "2021-11-04", None),
    ("The agency called on Wednesday for a pause on booster shots until the end of September.",
     "until the end of September", date(2021, 8, 4), "2021-09-21", "2021-09-30"),
    ("The court agreed on Friday to hear arguments on Nov. 1.", "Nov. 1", date(2021, 10, 22), "2021-11-01", None),
    ("The deadline is Jan. 15.", "Jan. 15", date(2021, 12, 20), "2022-01-15", None),
    ("The vote is scheduled for March 3.", "March 3", date(2021, 10, 12), "2022-03-03", None),
    ("The law, which takes effect in September, was signed on Monday.", "September", date(2021, 5, 19),
     "2021-09-01", "2021-09-30"),
    # past statements stay past
    ("The vote was held on Dec. 28.", "Dec. 28", date(2022, 1, 2), "2021-12-28", None),
    ("Officials said the attack happened on Dec. 28.", "Dec. 28", date(2022, 1, 2), "2021-12-28", None),
    ("Prices rose sharply last March.", "last March", date(2021, 10, 12), "2021-03-01", "2021-03-31"),
    ("Prices rose sharply last March.", "last March", date(2021, 2, 10), "2020-03-01", "2020-03-31"),
    ("The summit took place on 30 October.", "30 October", date(2021, 10, 7), "2020-10-30", None),
    ("Shops have stayed shut since Nov. 4.", "since Nov. 4", date(2021, 9, 17), "2020-11-04", None),
    ("The ceasefire held until Jan. 3.", "until Jan. 3", date(2021, 10, 12), "2021-01-03", None),
    ("A committee will investigate the Jan. 6 riot.", "Jan. 6", date(2021, 10, 7), "2021-01-06", None),
    # a future verb keeps a far date ahead; a date just behind publication is the one meant
    ("The talks will resume on 5 March.", "5 March", date(2021, 10, 12), "2022-03-05", None),
    ("The embassy will reopen after 1 October.", "after 1 October", date(2021, 10, 7), "2021-10-01", None),
    ("The result of the Oct. 10 vote will be announced today.", "Oct. 10", date(2021, 10, 12),
     "2021-10-10", None),
    # a stamp a day behind the text: the tense does not throw the date a year away
    ("The vote was held on Oct. 13.", "Oct. 13", date(2021, 10, 12), "2021-10-13", None),
    # 29 February takes the leap year nearest publication
    ("The deal was signed on 29 February.", "29 February", date(2021, 3, 10), "2020-02-29", None),
]


@pytest.mark.parametrize("sentence, expr, published, resolved, end_date", YEARLESS_CASES,
                         ids=[f"{c[1]}@{c[2]}" for c in YEARLESS_CASES])
def test_dates_without_a_year_take_the_nearest_year(nlp, sentence, expr, published, resolved, end_date):
    ref = one(nlp, sentence, expr, published)
    assert (ref.resolved, ref.end_date) == (resolved, end_date)


@pytest.mark.parametrize("sentence, expr", [("Staff must be vaccinated by Friday.", "by Friday"),
                                            ("The vote was rescheduled for Friday.", "Friday"),
                                            # reported speech: "was due to" still looks ahead
                                            ("She said the walkout was due to end on Friday morning.",
                                             "Friday morning"),
                                            # the present tense of a schedule
                                            ("The new mask order takes effect on Friday.", "Friday"),
                                            ("The harbour committee meets again on Friday.", "Friday"),
                                            # a bound with "at least" between is still a bound
                                            ("Ferry operators suspended sailings until at least Friday.",
                                             "until at least Friday"),
                                            # a plan or expectation carries over the noun the parser
                                            # hung the day on
                                            ("Divers were expected to inspect the river bed around the jetty's "
                                             "concrete anchor blocks on Friday morning, when the tide is at its "
                                             "lowest.",
                                             "Friday morning")])
def test_a_deadline_or_a_new_schedule_puts_a_weekday_ahead(nlp, sentence, expr):
    assert one(nlp, sentence, expr).resolved == "2015-10-09"  # published Wednesday 7 October


@pytest.mark.parametrize("sentence", ["The minister is in Geneva on Friday.", "The agency says on Friday that the "
                                      "talks failed.", "They met on Friday."])
def test_being_saying_or_a_past_verb_keeps_a_weekday_behind(nlp, sentence):
    assert one(nlp, sentence, "Friday").resolved == "2015-10-02"  # published Wednesday 7 October


@pytest.mark.parametrize("sentence, expected", [
    # Published Wednesday 2026-03-18: a quoted day counts from the dated day the words were said.
    ('"Tomorrow morning I am announcing my plan for the harbour," Mayor Lena Ortiz wrote on Monday.',
     "2026-03-17"),
    ('Mayor Lena Ortiz wrote on Monday: "Today the harbour opens again."', "2026-03-16"),
    # No day of saying, or reported speech in the reporter's words: counted from publication.
    ('"Tomorrow I will announce my plan," Mayor Lena Ortiz said.', "2026-03-19"),
    ("Mayor Lena Ortiz said on Monday that she would announce her plan tomorrow.", "2026-03-19"),
])
def test_a_quoted_day_counts_from_the_day_it_was_said(sentence, expected):
    from newsloom.analyse import Analyzer

    (quoted,) = [t for t in Analyzer().analyse("x", sentence, "2026-03-18").times
                 if t.text.split()[0].lower() in ("tomorrow", "today")]
    assert quoted.resolved == expected


@pytest.mark.parametrize("sentence, expr", [("The fish market opens every Friday.", "every Friday"),
                                            ("The festival draws crowds to the quay every spring.", "every spring"),
                                            ("Ferry fares rise each January.", "each January"),
                                            ("Every other Monday morning the council meets.",
                                             "Every other Monday morning")])
def test_a_recurrence_is_kept_but_names_no_day(nlp, sentence, expr):
    ref = one(nlp, sentence, expr)
    assert (ref.resolved, ref.granularity) == (None, "unknown")
