"""The slot checks: where two claims differ, one rule per kind of difference.

Each check takes two claims (and their similarity, or the story's mentions) and returns the
`Conflict`s it finds: a number for the same counted thing, a day, a place, an actor, who is
credited with the statement, a negation. `FactJudge` (judges.py) asks them for each pair of
claims the comparison aligns, and for the pairs it does not align (`counts_apart`,
`negations_apart`, `offices_apart`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..analyse.times import SPEAKERS_DAYS
from ..geo import load_gazetteer
from .claims import LIGHT_VERBS, REVERSING_WORDS, Claim, Fact, Negation
from .facts import (counts_people, date_keys, dates_differ, per_unit, places_agree, quantities_comparable, same_class,
                    same_movement, same_name, town_against_region, values_agree)
from .outliers import (PERSON_LABELS, StoryMentions, claim_names, known_to_story, located, lone_names, names_place,
                       of_a_former_office, part_of_a_body_name, person_outlier)
from .thresholds import (ACTOR_RELATED, ACTOR_RELATED_LEXICAL, ALIGN_WITH_FACT, ASSERTING, CLAIMING, COUNTED_KINDS,
                         DATE_PARAPHRASE, DENY_VERBS, DIFFERENT_VERBS_RELATED, DISPUTE_RELATED, DISTINCTIVE_NUMBER,
                         FORECASTING, GENERIC_TITLES, LEXICAL_WITH_FACT, LIST_OF_PLACES, NAMED_BODIES, NEGATION_RELATED,
                         NEGATION_RELATED_LEXICAL, PUBLISHING, QUOTE_SHARED_WORDS, RETRACTING_NOUNS, RETRACTING_VERBS,
                         ROUND_FIGURE, SAME_DOER_RELATED, SAME_STATEMENT, SAYING_VERBS, TENURE_WORDS,
                         TWO_NOUNS_ONE_COUNT, WHEN_WHERE_RELATED)


@dataclass
class Conflict:
    slot: str                       # quantity | date | place | actor | attribution | negation
    values: list[tuple[Claim, str, int, int]]  # (claim, value as written, start, end) per side
    note: str = ""                  # "counted thing" for one number counting different things


Offsets = tuple[int, int]  # (start, end) of characters in an article's cleaned text


@dataclass(frozen=True)
class Scores:
    """How alike two claims read: by meaning (embeddings) and by their rare words."""

    dense: float
    lexical: float


def one_per_slot(conflicts: list[Conflict]) -> list[Conflict]:
    """Two checks may find the same difference (a swapped speaker is an actor and an attribution)."""
    kept: dict[str, Conflict] = {}
    for conflict in conflicts:
        kept.setdefault(difference_kind(conflict.slot), conflict)
    return list(kept.values())


def speaks(claim: Claim, name: str) -> bool:
    """The person is the claim's speaker or says something in it ("John Lamb ... told Reuters")."""
    return name == claim.speaker or claim.subjects.get(name) in ASSERTING


def swapped_subject(x: Claim, y: Claim, mentions: StoryMentions) -> bool:
    """x's doer is a person the story does not know, y's (in the same role of the same verb, or the
    speaker of each: "X announced" / "Y said") one it does: a swapped name, the one fact two
    paraphrases would otherwise share (dev half)."""
    found = person_outlier(x, y, mentions)
    if not found:
        return False
    slot, _, name_x, _, name_y = found
    role = x.roles.get(name_x)
    return slot == "attribution" or role is not None and role[0] == "subject" and role == y.roles.get(name_y)


def office_swapped(x: Claim, y: Claim, mentions: StoryMentions) -> bool:
    """x and y give the very same office to two people, and neither report names the other's person,
    or one of them is a name only its own report gives where the other is one the story shares
    ("Senate Majority Leader X" / "Senate Majority Leader Chuck Schumer"): at least two specific words,
    all alike, and neither a former holder. (Any one word in common, "Senate Budget Chair" / "Senate
    Majority Leader", or "Biden administration" / "Trump administration", linked different people on
    the dev half.)"""
    for name_x in x.titles:
        office = _office(x, name_x)
        if len(office) < 2 or x.entities.get(name_x) not in PERSON_LABELS:
            continue
        for name_y in y.titles:
            if (office == _office(y, name_y) and not same_name(name_x, name_y)
                    and _holders_apart(x, name_x, y, name_y, office, mentions)):
                return True
    return False


def _holders_apart(x: Claim, name_x: str, y: Claim, name_y: str, office: set[str], mentions: StoryMentions) -> bool:
    """Two holders of one office the story keeps apart: neither a former holder, and neither report
    names the other's person; or one is a name no other report gives, the other one the story shares,
    and the stranger's report never gives the office to the known holder (a report that gives it to
    both tells of a succession)."""
    if "former" in x.titles.get(name_x, ()) or "former" in y.titles.get(name_y, ()):
        return False
    if x.article not in mentions.naming(name_y) and y.article not in mentions.naming(name_x):
        return True
    return any(mentions.naming(lone) == {c.article} and known_to_story(mentions.naming(known), c.article)
               and not office <= mentions.titling(c.article, known)
               for c, lone, known in ((x, name_x, name_y), (y, name_y, name_x)))


def _predicates_compatible(fa: Fact, a: Claim, fb: Fact, b: Claim) -> bool:
    """Two facts hang on the same event unless each claim names the other's event apart.

    "killing 12 and injuring 87" vs "killed 14": 87 hangs on injure, which the other
    claim does not use for its number, but 12 hangs on kill, which it does. Only verbs count:
    "35 Republicans supporting" meets "with 105 Republicans joining ... in support". A fact on a
    light verb ("the toll stood at 12") only meets another on a light verb.
    """
    pa, pb = fa.predicate, fb.predicate
    light_a, light_b = not pa or pa in LIGHT_VERBS, not pb or pb in LIGHT_VERBS
    if pa == pb or (light_a and light_b):
        return True
    if light_a or light_b:
        return False
    return pa not in _verbs(b) and pb not in _verbs(a)


def _verbs(claim: Claim) -> set[str]:
    """Every verb of the claim, stated or negated, without particles."""
    return {v.split()[0] for v in claim.verbs} | {n.verb.split()[0] for n in claim.negations if n.verb}


def _same_event(fa: Fact, a: Claim, fb: Fact, b: Claim, similarity: float) -> bool:
    """Same verb; or different verbs neither claim uses for the other's fact, in closely related claims."""
    if fa.predicate == fb.predicate or (fa.anchor and fa.anchor == fb.anchor):
        return True
    light = {fa.predicate, fb.predicate} & (LIGHT_VERBS | {None})
    same_noun = (fa.kind == "quantity" and fa.data.get("kind") == fb.data.get("kind") == "count"
                 and fa.data.get("unit") and fa.data.get("unit") == fb.data.get("unit") and not counts_people(fa.data))
    # two event verbs ("killed 12 people" / "600 people would spend the night") only in near-paraphrases,
    # unless they count the same noun, one that is not just people ("gathered 4,500 tips" / "received 2,250 tips"),
    # or one named doer gives both ("Republicans unveiled a $40m plan" / "Republicans called for spending $65m")
    same_doer = _same_doer(a, b) and not counts_people(fa.data)
    needed = ALIGN_WITH_FACT if light or same_noun or same_doer else DIFFERENT_VERBS_RELATED
    return similarity >= needed and _predicates_compatible(fa, a, fb, b)


def same_fact_frame(a: Claim, b: Claim) -> bool:
    """Both count the same thing with the same verb ("killed 12 people" / "killed 14 people"), or date
    the same deed with the same day ("signed into law Tuesday" / "signed the measure into law on
    Tuesday"): comparable whatever else the sentences say."""
    return any(quantities_comparable(fa.data, fb.data) and fa.predicate and fa.predicate == fb.predicate
               and fa.predicate not in LIGHT_VERBS for fa in a.of_kind("quantity") for fb in b.of_kind("quantity")
               ) or _one_deed_one_day(a, b)


def _one_deed_one_day(a: Claim, b: Claim) -> bool:
    """The same deed (a verb neither light nor of saying) dated the same day, to the day, in both."""
    for fa in a.of_kind("date"):
        if not fa.predicate or fa.predicate in LIGHT_VERBS or fa.predicate in SAYING_VERBS:
            continue
        keys_a = date_keys(fa.data)
        if not ({"day", "weekday", "monthday"} & set(keys_a)):
            continue
        if any(fb.predicate == fa.predicate and dates_differ(keys_a, date_keys(fb.data)) is False
               for fb in b.of_kind("date")):
            return True
    return False


def counts_apart(a: Claim, b: Claim, found: list[Conflict]) -> list[Conflict]:
    """Of the conflicts between two claims close in meaning that share no fact, the counts and shares
    of one thing on one verb, or on none of their own ("there were more than 400 shootings" / "more
    than 640 shootings", "fired 250 rockets" / "fired 750 missiles"): the number they would share may
    be the very fact that differs. Not where one tells of a forecast ("the consensus was 400,000"),
    two named doers give the numbers ("the G7 pledged 1 billion doses" / "the U.S. will buy 500
    million"), or the numbers, joined to their nouns, qualify two others ("a 50-seat bloc" / "a 60-seat
    majority"); sums and spans of time say how much, not of what (dev half)."""
    if _forecast(a) or _forecast(b) or _two_doers(a, b):
        return []
    kept = [c for c in found if c.slot == "quantity"
            and _one_count([(claim, claim.fact_at("quantity", start, end)) for claim, _, start, end in c.values])]
    return kept[:1]


def _one_count(sides: list[tuple[Claim, Fact | None]]) -> bool:
    """Counts or shares on one event verb (or on light verbs only), of one subject on two verbs
    ("inflation stood at 6.1%" / "core inflation rose 3.8%": dev half), or counts of one noun that is
    not people on two verbs ("there were 540 shootings" / "in 400 shootings that occurred": dev half;
    people are counted on many verbs in one story, the killed and the evacuated; and only where each
    claim counts that noun once: "200 million doses this year and 300 million next year" are parts
    of "the 500 million doses"), not two compounds on two nouns."""
    facts = [f for _, f in sides]
    if not all(f is not None and f.data.get("kind") in COUNTED_KINDS for f in facts):
        return False
    verbs = {f.predicate if f.predicate not in LIGHT_VERBS else None for f in facts}
    compounds_apart = any("-" in f.text for f in facts) and len({f.anchor for f in facts}) > 1
    one_subject = len({f.subject for f in facts}) == 1 and facts[0].subject is not None
    one_noun = (len({f.data.get("unit") for f in facts}) == 1 and facts[0].data.get("unit")
                and facts[0].data.get("kind") == "count" and not counts_people(facts[0].data)
                and all(sum(f.data.get("unit") == facts[0].data["unit"] for f in claim.of_kind("quantity")) == 1
                        for claim, _ in sides))
    return (len(verbs) == 1 or one_subject or one_noun) and not compounds_apart


def gives_counts(claim: Claim) -> bool:
    """A count or a share in the claim: the cheap test before `counts_apart` asks for its conflicts."""
    return any(f.data.get("kind") in COUNTED_KINDS for f in claim.of_kind("quantity"))


def _forecast(claim: Claim) -> bool:
    return bool(claim.all_lemmas & FORECASTING)


def _two_doers(a: Claim, b: Claim) -> bool:
    """Each claim has a named subject, and none is the other's."""
    return bool(a.subjects) and bool(b.subjects) and not _same_doer(a, b)


def one_number_two_things(a: Claim, b: Claim) -> bool:
    """One distinctive number for two different things ("112 targets" / "112 air strikes"): worth
    checking for a counted-thing conflict, but no sign that the claims agree ("14 people" / "14 buildings")."""
    return any(_same_distinctive_number(fa.data, fb.data) and quantities_comparable(fa.data, fb.data) is False
               for fa in a.of_kind("quantity") for fb in b.of_kind("quantity"))


def fact_pair(fa: Fact, a: Claim, fb: Fact, b: Claim) -> list[tuple[Claim, str, int, int]]:
    return [(a, fa.text, fa.start, fa.end), (b, fb.text, fb.start, fb.end)]


def quantity_conflicts(a: Claim, b: Claim, similarity: float, units_alike=None, known_apart=None) -> list[Conflict]:
    """A different number for the same thing, or the same distinctive number for a different thing.
    `known_apart(fa, fb)`, where given, says the story knows two differing numbers as two figures."""
    internal = a.article == b.article
    if internal and similarity < ALIGN_WITH_FACT:
        return []  # two speakers in one report: only a close pair of statements can be a dispute
    matched: set[int] = set()
    candidates: list[tuple[Fact, Fact, Conflict]] = []
    for fa in a.of_kind("quantity"):
        for fb in b.of_kind("quantity"):
            comparable = quantities_comparable(fa.data, fb.data, people_alike=internal)
            if comparable is None and _bare_numbers_alike(fa, fb, similarity):
                comparable = True  # "fell below 60,000" / "fell below 30,000": no noun, one verb
            one_move = comparable is None and not internal and _changes_to_one_level(fa, a, fb, b)
            if one_move:
                comparable = True  # "increased by 102,000 to 419,000" / "totaled 419,000, up 51,000", and back
            if (comparable is False and not internal and similarity >= TWO_NOUNS_ONE_COUNT
                    and fa.predicate == fb.predicate and fa.predicate not in LIGHT_VERBS and fa.predicate
                    and _one_count_each_on(fa.predicate, a, b) and not values_agree(fa.data, fb.data)):
                comparable = True  # "about 3,000 Americans remain" / "about 1,500 American citizens remain"
            if per_unit(fa, a) or per_unit(fb, b) or _part_and_whole(fa, fb) or _series_apart(fa, a, fb, b):
                continue
            if comparable is None or internal and min(fa.data["value"], fb.data["value"]) < DISTINCTIVE_NUMBER:
                continue  # "two officials" / "one official" inside a report: no dispute worth a verdict
            if fa.data.get("kind") == "measure" and fa.predicate != fb.predicate:
                continue  # a rocket's 28 metres and an orbit's 550 km are both lengths, not one fact
            if comparable and (internal or one_move or _same_event(fa, a, fb, b, similarity)):
                if values_agree(fa.data, fb.data):
                    matched.update((id(fa), id(fb)))
                elif not (_stated_by_both(fa, b) or _stated_by_both(fb, a)
                          or known_apart is not None and known_apart(fa, fb)):
                    candidates.append((fa, fb, Conflict("quantity", fact_pair(fa, a, fb, b))))
            elif (not comparable and not internal and similarity >= ALIGN_WITH_FACT
                  and _counted_apart(fa.data, fb.data, units_alike)):
                candidates.append((fa, fb, Conflict("quantity", fact_pair(fa, a, fb, b), note="counted thing")))
    # a number that agrees with the other claim elsewhere is not in conflict with it
    return [c for fa, fb, c in candidates if id(fa) not in matched and id(fb) not in matched][:1]


# "Eight of the jurors", "two of the bombs": a count of part of a group the story has counted or named.
# Not "2,300 of its members" (the demo's planted dispute): a part of a body's whole membership is
# the crowd that did something, as "fewer than 900 employees" is.
PARTITIVE = re.compile(r"^\S+(?:\s+\S+)?\s+of\s+(?:the|those|these|them)\b", re.I)


def _part_and_whole(fa: Fact, fb: Fact) -> bool:
    """A part of a group against a count on another verb is no second count of one thing ("Two of the
    bombs fell within the camp" / "four bombs were dropped"; ECB+ untouched stories). On one verb
    the two counts are one ("two of the bombs fell" / "one bomb fell")."""
    return bool(PARTITIVE.match(fa.text)) != bool(PARTITIVE.match(fb.text)) and fa.predicate != fb.predicate


# Words that name another series of one measure: "continuing claims" are not the week's new claims,
# "core inflation" is not inflation (AllSides dev half: two untouched stories of weekly jobless claims).
SERIES = {"continuing": "continuing", "continued": "continuing", "core": "core"}


def _series_apart(fa: Fact, a: Claim, fb: Fact, b: Claim) -> bool:
    """The counted noun (or the subject of the verb the count hangs on) is named with a series word in
    one claim and not, or with another, in the other: "Continuing claims fell to 3,655,000" / "Jobless
    claims fell to 473,000" give two series, not two levels of one."""
    return _series_of(fa, a) != _series_of(fb, b)


PERIOD_NOUNS = {"week", "month", "quarter", "year"}  # "the week ended July 10": the day that ends a count's period


def _periods_of_two_series(fa: Fact, a: Claim, fb: Fact, b: Claim) -> bool:
    """Two days that each end the period of a count ("in the week ended July 10"), where the claims count
    two series: "continuing claims fell to 3.24 million in the week ended July 10" / "new claims rose to
    419,000 for the week ended July 17" (continuing claims come a week behind: AllSides dev half)."""
    if fa.subject not in PERIOD_NOUNS or fb.subject not in PERIOD_NOUNS:
        return False
    counts_a, counts_b = a.of_kind("quantity"), b.of_kind("quantity")
    return bool(counts_a and counts_b) and all(_series_apart(qa, a, qb, b) for qa in counts_a for qb in counts_b)


def _series_of(fact: Fact, claim: Claim) -> str | None:
    noun = fact.data.get("unit") or fact.subject
    if not noun or not re.fullmatch(r"[a-z]+", noun):
        return None
    found = re.search(rf"\b({'|'.join(SERIES)})\s+{noun}", claim.text, re.I)
    return SERIES[found.group(1).lower()] if found else None


# Words that give the period a figure is measured over. A rise "on a year-over-year basis" and
# one "in the month of May alone" are two measures of one price index, not two readings of one
# (dev half, an untouched story).
PERIODS = {
    "year": re.compile(r"\b(?:year[- ](?:over|on)[- ]year|from a year (?:earlier|ago|before)|annual(?:ly|i[sz]ed)?|"
                       r"yearly|(?:past|last|previous) (?:12|twelve) months|for the (?:full |whole |entire )?year|"
                       r"full[- ]year)\b", re.I),
    "quarter": re.compile(r"\b(?:quarterly|(?:first|second|third|fourth|last|previous|prior|this|that|the|same|latest|"
                          r"current|next)[- ]quarter\b(?! of))", re.I),  # not "a quarter of adults": a share
    "month": re.compile(r"\b(?:month[- ](?:over|on)[- ]month|monthly|in the month of|from (?:the previous|the prior|a) "
                        r"month|for the month)\b", re.I),
    "week": re.compile(r"\b(?:week[- ](?:over|on)[- ]week|weekly)\b", re.I),
}


# The week before the one a weekly figure is for ("from 405,000 the prior week", "the week before, which
# saw 375,000 filings"), and the words of a first reading that a revision replaces ("the previous week's
# initial estimate of 360,000": the revised figure differs from it, and both are right).
PRIOR_WEEK = re.compile(r"\b(?:prior|previous|preceding)\s+week\b|\bweek\s+(?:before|earlier)\b", re.I)
FIRST_READING = re.compile(r"\b(?:initial(?:ly)?|original(?:ly)?|first\s+reported|previously\s+reported|unrevised|"
                           r"preliminary)\b", re.I)
PRIOR_WEEK_GAP = 12  # characters between a figure and the words after it that say it is the prior week's


def prior_weeks_apart(a: Claim, b: Claim, scores: Scores) -> list[Conflict]:
    """Two reports of a weekly figure (jobless claims) giving two levels for the week before: "fell to
    385,000 from a revised 405,000 the prior week" / "The prior week's reading was revised down to
    410,000". The figure for the current week is the story's main fact; the prior week's is stated
    apart from it, with no verb the two claims share, and often in a sentence of its own: related by
    meaning or by their rare words (dev half)."""
    if a.article == b.article or scores.dense < WHEN_WHERE_RELATED and scores.lexical < LEXICAL_WITH_FACT:
        return []
    fa, fb = _prior_week_figure(a), _prior_week_figure(b)
    if fa is None or fb is None or values_agree(fa.data, fb.data):
        return []
    return [Conflict("quantity", fact_pair(fa, a, fb, b))]


def _prior_week_figure(claim: Claim) -> Fact | None:
    """The level the claim gives for the week before: the figure the words follow ("405,000 the prior
    week"), or where they come first, the claim's one level ("The prior week's reading was revised
    down to 405,000"). None for a first reading."""
    if "week" not in claim.text or FIRST_READING.search(claim.text):  # asked for every pair: cheap first
        return None
    levels = [f for f in claim.of_kind("quantity") if f.data.get("kind") == "count"
              and f.data.get("movement") != "by" and (f.data.get("value") or 0) >= DISTINCTIVE_NUMBER]
    for match in PRIOR_WEEK.finditer(claim.text):
        at = claim.start + match.start()
        before = [f for f in levels if 0 <= at - f.end <= PRIOR_WEEK_GAP]
        if before:
            return before[0]
        if len(levels) == 1 and levels[0].start > at:
            return levels[0]
    return None


def periods(claim: Claim) -> frozenset[str]:
    return _periods_in(claim.text)


@lru_cache(maxsize=4096)
def _periods_in(text: str) -> frozenset[str]:  # asked for each differing pair of a claim's figures
    return frozenset(name for name, words in PERIODS.items() if words.search(text))


def periods_apart(a: Claim, b: Claim) -> bool:
    """Both claims name the period their figures cover, and no period is named by both."""
    pa, pb = periods(a), periods(b)
    return bool(pa and pb) and not pa & pb


def _changes_to_one_level(fa: Fact, a: Claim, fb: Fact, b: Claim) -> bool:
    """One move to one figure, whatever verbs carry it: two amounts of change ("by") of one kind in
    claims that give one distinctive level, or two levels in claims that give one distinctive change
    ("soared by 51,000 to 419,000" / "totaled 209,500, up 51,000", dev half)."""
    movement = fa.data.get("movement")
    if movement != fb.data.get("movement") or fa.data.get("kind") != fb.data.get("kind") or movement not in ("by", None):
        return False
    shared = None if movement == "by" else "by"
    return any(qa.data.get("movement") == qb.data.get("movement") == shared
               and qa.data.get("kind") == qb.data.get("kind") and _one_distinctive_value(qa.data, qb.data)
               for qa in a.of_kind("quantity") for qb in b.of_kind("quantity"))


def _one_count_each_on(verb: str, a: Claim, b: Claim) -> bool:
    """Each claim counts one thing on this verb: "eleven targets were killed" / "two militants were killed"."""
    return all(sum(f.data.get("kind") == "count" and f.predicate == verb for f in c.of_kind("quantity")) == 1
               and all(f.data.get("kind") == "count" for f in c.of_kind("quantity") if f.predicate == verb)
               for c in (a, b))


def _bare_numbers_alike(fa: Fact, fb: Fact, similarity: float) -> bool:
    """Two numbers with no noun on one verb: "claims fell to 473,000" / "fell to 756,800": one
    subject, or closely related claims."""
    qa, qb = fa.data, fb.data
    if qa.get("unit") or qb.get("unit") or qa.get("value") is None or qb.get("value") is None:
        return False
    if qa.get("kind") != qb.get("kind") or qa.get("kind") not in ("count", "money", "percent"):
        return False
    if not same_movement(qa, qb):
        return False
    same_verb = fa.predicate and fa.predicate == fb.predicate and fa.predicate not in LIGHT_VERBS
    return bool(same_verb and (fa.subject and fa.subject == fb.subject or similarity >= ALIGN_WITH_FACT))


def _stated_by_both(fact: Fact, other: Claim) -> bool:
    """The other claim also gives this number: "23 hurt, four in hospital" / "four remained in hospital"."""
    return any(f.data.get("value") == fact.data.get("value") for f in other.of_kind("quantity"))


def _counted_apart(qa: dict, qb: dict, units_alike) -> bool:
    """One exact, distinctive number counting two different things ("112 targets" / "112 air strikes")."""
    if not _same_distinctive_number(qa, qb):
        return False
    if _loose(qa) and _loose(qb) or qa["value"] >= ROUND_FIGURE and qa["value"] % ROUND_FIGURE == 0:
        return False  # "about 30 ships" / "some 30 vessels", "350,000 applications" / "350,000 claims",
        # "1 billion doses" / "1 billion vaccines": a round figure for two names of one thing
    if counts_people(qa) and counts_people(qb):
        return False  # "13 U.S. troops" / "13 service members": one group of people, two names for it
    return units_alike is None or not units_alike(qa["unit"], qb["unit"])


def _loose(q: dict) -> bool:
    return bool(q.get("approximate") or q.get("qualifier"))


def _same_distinctive_number(qa: dict, qb: dict) -> bool:
    return _one_distinctive_value(qa, qb) and qa.get("kind") == qb.get("kind") == "count"


def _one_distinctive_value(qa: dict, qb: dict) -> bool:
    """One value in both, large enough not to recur by chance and not a year."""
    value = qa.get("value")
    return value is not None and value == qb.get("value") and value >= DISTINCTIVE_NUMBER and not 1800 <= value <= 2100


def date_conflicts(a: Claim, b: Claim, similarity: float, alike=None) -> list[Conflict]:
    """A day (or month, or weekday) of one claim that no date of the other agrees with."""
    dates_a = [(f, _date_keys(f, a)) for f in a.of_kind("date")]
    dates_b = [(f, _date_keys(f, b)) for f in b.of_kind("date")]
    dates_a, dates_b = [d for d in dates_a if d[1]], [d for d in dates_b if d[1]]

    def agreed(keys, others) -> bool:
        return any(dates_differ(keys, k) is False for _, k in others)

    if _takes_back(a) != _takes_back(b):
        return []  # "reported on Thursday" / "issued a correction on Saturday": a report and its correction
    pairs = [(fa, fb) for fa, ka in dates_a for fb, kb in dates_b
             if dates_differ(ka, kb) and not agreed(ka, dates_b) and not agreed(kb, dates_a)
             and not _periods_of_two_series(fa, a, fb, b)]
    return (_first_same_event("date", pairs, a, b, similarity, alike) or _at_the_same_time(pairs, a, b)
            or _one_figure_one_day(pairs, len(dates_a), len(dates_b), a, b, similarity)
            or records_since_apart(a, b, similarity))


def _one_figure_one_day(pairs: list[tuple[Fact, Fact]], n_a: int, n_b: int, a: Claim, b: Claim,
                        similarity: float) -> list[Conflict]:
    """Each claim gives one date, and both give one distinctive figure of one kind of thing ("a $568
    billion infrastructure plan Thursday" / "on Monday called for spending upward of $568 billion"):
    the figure makes them one event, whichever verbs the parser hung the days on (dev half). Not two
    days on which two doers spoke ("senators said Wednesday" there was a deal with "10 senators" /
    "Biden announced [it] Thursday": dev half, an untouched story)."""
    if n_a != 1 or n_b != 1 or len(pairs) != 1 or similarity < ALIGN_WITH_FACT:
        return []
    fa, fb = pairs[0]
    if fa.predicate in ASSERTING and fb.predicate in ASSERTING and fa.subject != fb.subject:
        return []
    if not any(_one_distinctive_value(qa.data, qb.data) and quantities_comparable(qa.data, qb.data)
               for qa in a.of_kind("quantity") for qb in b.of_kind("quantity")):
        return []
    return [Conflict("date", fact_pair(fa, a, fb, b))]


# A record set against a date: "the quickest since June 1992", "the biggest increase ... since September 1992".
SINCE_CLAUSE = re.compile(r"\bsince\s+(?:the\s+)?\w+(?:\s+\w+){0,3}\s*$", re.I)  # "since the pandemic struck" + date
RECORD = re.compile(r"\b(?:highest|lowest|biggest|largest|smallest|fastest|quickest|slowest|strongest|weakest|sharpest|"
                    r"steepest|greatest|deepest|most|least|best|worst)\b", re.I)


def records_since_apart(a: Claim, b: Claim, similarity: float) -> list[Conflict]:
    """Two claims close in meaning that each measure a record against one date, two dates: how far back
    the record reaches is the one fact they share, whatever else each says of it (dev half: "core
    inflation rose 3.8%, the quickest since June 1992" / "the biggest increase in core inflation since
    ..."). A record with no date ("the lowest since the pandemic began") is left alone."""
    if a.article == b.article or similarity < ALIGN_WITH_FACT:
        return []
    record_a, record_b = _record_since(a), _record_since(b)
    if record_a is None or record_b is None or not dates_differ(record_a[1], record_b[1]):
        return []
    return [Conflict("date", fact_pair(record_a[0], a, record_b[0], b))]


def _record_since(claim: Claim) -> tuple[Fact, dict] | None:
    """The claim's one "since" date that follows a superlative, with its date keys: "since June 1992",
    or the date of a short "since" clause ("the lowest since the pandemic struck last March")."""
    if "since" not in claim.text.lower():  # asked for every pair: cheap first
        return None
    found = []
    for fact in claim.of_kind("date"):
        keys, before = date_keys(fact.data), claim.text[:fact.start - claim.start]
        if not keys or not RECORD.search(before):
            continue
        if keys.get("relation") == "since":
            found.append((fact, keys))
        elif not keys.get("relation") and SINCE_CLAUSE.search(before):
            found.append((fact, {**keys, "relation": "since"}))
    return found[0] if len(found) == 1 else None


def _at_the_same_time(pairs: list[tuple[Fact, Fact]], a: Claim, b: Claim) -> list[Conflict]:
    """One claim dates the very verb the other dates a clause of ("stabbed to death Tuesday" /
    "stabbed while meeting constituents on Friday": `claims._simultaneous`). Only the same verb:
    "prevent a shutdown on Thursday, as Democrats wade through impediments" says nothing of
    when anyone else waded."""
    for fa, fb in pairs:
        if any(x.during and x.during == y.predicate and y.predicate not in LIGHT_VERBS
               for x, y in ((fa, fb), (fb, fa))):
            return [Conflict("date", fact_pair(fa, a, fb, b))]
    return []


def _date_keys(fact: Fact, claim: Claim) -> dict:
    """A day that names a deadline ("a Tuesday deadline") is a bound, like "by Tuesday"; a quoted
    "tomorrow" counts from the day the words were said (`_from_the_day_said`)."""
    keys = _from_the_day_said(fact, claim) or date_keys(fact.data)
    if keys and fact.anchor == "deadline" and not keys.get("relation"):
        keys = {**keys, "relation": "by"}
    return keys


def _from_the_day_said(fact: Fact, claim: Claim) -> dict:
    """"'Tomorrow morning I'm announcing ...,' she tweeted on Monday": the quoted day is Tuesday,
    counted from the day of the tweet. The analysis reads dated reports so already
    (`analyse.times.from_the_day_said`); here an undated report's weekday of saying gives the quoted
    weekday too. Empty where the words are not quoted or the saying has no day."""
    first = fact.text.lower().split()[0] if fact.text.split() else ""
    if first not in SPEAKERS_DAYS or not _quoted(claim.text, fact.start - claim.start):
        return {}
    said = [date_keys(f.data) for f in claim.of_kind("date") if f.predicate in SAYING_VERBS
            and not _quoted(claim.text, f.start - claim.start)]
    said = [k for k in said if k and not k.get("relation")]
    if len(said) != 1:
        return {}
    keys, shift = said[0], SPEAKERS_DAYS[first]
    if "day" in keys:
        day = date.fromisoformat(keys["day"]) + timedelta(days=shift)
        return {"day": day.isoformat(), "monthday": (day.month, day.day), "month": day.month,
                "weekday": day.weekday()}
    return {"weekday": (keys["weekday"] + shift) % 7} if "weekday" in keys else {}


def _quoted(text: str, offset: int) -> bool:
    """The offset lies inside a quotation (`_QUOTATION`, the one the quote checks read)."""
    return any(m.start(1) <= offset < m.end(1) for m in _QUOTATION.finditer(text))


def place_conflicts(a: Claim, b: Claim, similarity: float, alike=None) -> list[Conflict]:
    """A place where something happens that the other claim neither names nor contains."""
    located_a, located_b = located(a), located(b)
    unnamed_a = [f for f in located_a if not names_place(b, f, regions_name=False) and not of_a_former_office(a, f)]
    unnamed_b = [f for f in located_b if not names_place(a, f, regions_name=False) and not of_a_former_office(b, f)]
    if len(unnamed_a) == len(unnamed_b) == 1 and min(len(located_a), len(located_b)) >= LIST_OF_PLACES:
        fa, fb = unnamed_a[0], unnamed_b[0]  # "Iowa, Oklahoma, Tennessee and Utah" / "... and New York"
        return [Conflict("place", fact_pair(fa, a, fb, b))]
    pairs = [(fa, fb) for fa in unnamed_a for fb in unnamed_b
             if (fa.locative and fb.locative or _agents_of_one_verb(fa, fb))
             and same_class(fa.data, fb.data)]
    pairs += _one_role_apart(a, located_a, b, located_b)
    found = _first_same_event("place", pairs, a, b, similarity, alike)
    return found or _town_or_region(unnamed_a, unnamed_b, a, b, similarity)


def _one_role_apart(a: Claim, located_a: list[Fact], b: Claim, located_b: list[Fact]) -> list[tuple[Fact, Fact]]:
    """Two places of one kind in one role ("A jury in eastern Oklahoma has convicted a Spiro man" / "A
    jury in eastern North Carolina has convicted ..."; an ECB+ pair) that the other claim names neither
    in that role nor inside a body's name: Spiro lies in Oklahoma, but it is where the man is from, not
    where the jury sits."""
    def named_in_role(fact: Fact, other: Claim, others: list[Fact]) -> bool:
        return part_of_a_body_name(fact, other) or any(
            o.anchor == fact.anchor and places_agree(fact.data, o.data) for o in others)

    return [(fa, fb) for fa in located_a for fb in located_b
            if fa.locative and fb.locative and fa.anchor and fa.anchor == fb.anchor and fa.predicate == fb.predicate
            and same_class(fa.data, fb.data) and not named_in_role(fa, b, located_b)
            and not named_in_role(fb, a, located_a)]


def _town_or_region(unnamed_a: list[Fact], unnamed_b: list[Fact], a: Claim, b: Claim, similarity: float) -> list[Conflict]:
    """"met Baradar in Kabul" / "met Baradar in Kunduz", where the gazetteer took Kunduz for the province:
    a town against a region of a town's name, only where one doer does it in closely related claims (a
    region meets a town in lists of places, and in far looser pairs: "Moscow's involvement" / "in Idlib")."""
    if similarity < SAME_DOER_RELATED or not _same_doer(a, b):
        return []
    return next(([Conflict("place", fact_pair(fa, a, fb, b))] for fa in unnamed_a for fb in unnamed_b
                 if fa.locative and fb.locative and town_against_region(fa.data, fb.data)), [])


def _agents_of_one_verb(fa: Fact, fb: Fact) -> bool:
    """Both places name who does one thing: "Montana's attorney general urged" / "the state of
    Mississippi urged" (the place hangs on the subject of the same verb)."""
    return (fa.predicate == fb.predicate and fa.predicate not in LIGHT_VERBS and bool(fa.subject)
            and fa.anchor == fa.subject and bool(fb.subject) and fb.anchor == fb.subject)


def _first_same_event(slot: str, pairs: list[tuple[Fact, Fact]], a: Claim, b: Claim,
                      similarity: float, alike) -> list[Conflict]:
    """A different day or place for one event: the same verb, or like verbs with like subjects."""
    for fa, fb in pairs:
        if fa.anchor and fa.anchor == fb.anchor and fa.anchor not in LIGHT_VERBS:
            return [Conflict(slot, fact_pair(fa, a, fb, b))]  # "the Oct. 5 release" / "the Oct. 23 release"
        if similarity >= SAME_DOER_RELATED and _same_doer(a, b) and fa.locative and fb.locative:
            return [Conflict(slot, fact_pair(fa, a, fb, b))]  # "Republicans on Monday blocked" / "... on Tuesday sank"
        if _same_count_on(fa, a, fb, b):
            return [Conflict(slot, fact_pair(fa, a, fb, b))]  # "a Wednesday attack killed 13" / "13 killed on Thursday"
        if slot == "place" and similarity >= WHEN_WHERE_RELATED and _agents_of_one_verb(fa, fb):
            return [Conflict(slot, fact_pair(fa, a, fb, b))]  # the doers differ by their place, not their noun
        if slot == "date" and similarity >= DATE_PARAPHRASE:
            return [Conflict(slot, fact_pair(fa, a, fb, b))]  # "asked on Wednesday" / "requested ..., announced Thursday"
        if slot == "date" and similarity >= SAME_DOER_RELATED and _said_by_one(fa, fb):
            return [Conflict(slot, fact_pair(fa, a, fb, b))]  # "Biden announced the deal Monday" / "Biden said Thursday"
        if slot == "date" and similarity >= WHEN_WHERE_RELATED and _released_by_one(fa, a, fb, b):
            return [Conflict(slot, fact_pair(fa, a, fb, b))]  # "Labor Department data showed Friday" / "... said Thursday"
        if not (fa.predicate and fb.predicate and _predicates_compatible(fa, a, fb, b)):
            continue
        if fa.subject and fb.subject:
            same = fa.subject == fb.subject or (alike is not None and alike(fa.subject, fb.subject))
        else:  # the parser found no subject for one: the same verb, or claims about one doer
            same = similarity >= WHEN_WHERE_RELATED and (fa.predicate == fb.predicate
                                                         or _same_doer(a, b, fa.predicate, fb.predicate))
        if same:
            return [Conflict(slot, fact_pair(fa, a, fb, b))]
    return []


def _same_count_on(fa: Fact, a: Claim, fb: Fact, b: Claim) -> bool:
    """Each fact hangs on the verb of one distinctive count the two claims share: they tell of one event."""
    if not (fa.predicate and fb.predicate):
        return False
    return any(fa.predicate in (qa.predicate, qa.clause_verb) and fb.predicate in (qb.predicate, qb.clause_verb)
               and _same_distinctive_number(qa.data, qb.data) and quantities_comparable(qa.data, qb.data)
               for qa in a.of_kind("quantity") for qb in b.of_kind("quantity"))


def _released_by_one(fa: Fact, a: Claim, fb: Fact, b: Claim) -> bool:
    """Both days are when one body put something out: on verbs of saying or publishing, in claims
    that both name that body, in either form ("Labor Department data showed Friday" / "the
    Department of Labor said on Thursday")."""
    if fa.predicate not in PUBLISHING or fb.predicate not in PUBLISHING:
        return False
    if _said_by_a_person(fa, a) or _said_by_a_person(fb, b):
        return False  # "Pelosi on Thursday said" / "McCarthy said on Wednesday": two people, two days
    bodies = [name for name, label in a.entities.items() if label == "ORG"]
    return any(label == "ORG" and any(same_name(name, body, people=False) for body in bodies)
               for name, label in b.entities.items())


def _takes_back(claim: Claim) -> bool:
    """The claim tells of a statement withdrawn or corrected: a later event than the statement itself, so
    its day is not the day of the other claim's statement."""
    return bool(_verbs(claim) & RETRACTING_VERBS or claim.all_lemmas & RETRACTING_NOUNS)


def _said_by_a_person(fact: Fact, claim: Claim) -> bool:
    return bool(fact.subject) and any(fact.subject in name.lower().split()
                                      for name, label in claim.entities.items() if label in PERSON_LABELS)


def _said_by_one(fa: Fact, fb: Fact) -> bool:
    """Both days are when one speaker said it: on a verb of saying with the same subject."""
    return fa.predicate in ASSERTING and fb.predicate in ASSERTING and bool(fa.subject) and fa.subject == fb.subject


def _same_doer(a: Claim, b: Claim, verb_a: str | None = None, verb_b: str | None = None) -> bool:
    """A subject named in both ("Biden" / "Joe Biden"; bodies by the body rules: "Justice
    Department" and "Education Department" are two doers); where verbs are given, the subject of
    those verbs: the day or place of what that doer did ("Biden met Putin in Geneva" / "Biden held
    talks in Bern"), not of another verb of its claim ("Biden said he raised Moscow's aggression
    toward Ukraine")."""
    subjects_a = {name for name, role in a.roles.items() if role[0] == "subject" and verb_a in (None, role[1])}
    subjects_b = {name for name, role in b.roles.items() if role[0] == "subject" and verb_b in (None, role[1])}
    return any(same_name(x, y, people=a.entities.get(x) in PERSON_LABELS and b.entities.get(y) in PERSON_LABELS)
               for x in subjects_a for y in subjects_b)


def actor_conflicts(a: Claim, b: Claim, scores: Scores, mentions: StoryMentions) -> list[Conflict]:
    """Two names in the same part of the same statement: "Thomas wrote the opinion" /
    "Alito wrote the opinion", or given the same specific office; two speakers of it make an
    attribution conflict."""
    close = scores.dense >= ACTOR_RELATED or scores.lexical >= ACTOR_RELATED_LEXICAL
    for x, y in ((a, b), (b, a)):
        listed = listed_apart(x, y, mentions)
        if listed:
            return [Conflict("actor", [name_value(x, listed[0]), name_value(y, listed[1])])]
    for name_a, label in a.entities.items():
        if mentions.claim_names(b, name_a):
            continue
        role_a = a.roles.get(name_a)
        for name_b, label_b in b.entities.items():
            kind = label if label == label_b else "PERSON" if (
                label_b == "PERSON" and _misread_person(a, name_a, label, mentions)
                or label == "PERSON" and _misread_person(b, name_b, label_b, mentions)) else None
            if kind is None or mentions.claim_names(a, name_b):
                continue
            # subjects and owners, not objects: "told CNN" / "told NPR" are two interviews
            same_role = close and role_a is not None and role_a == b.roles.get(name_b) and role_a[1] not in ("be", "have")
            one_office = _same_office(a, name_a, b, name_b)
            if (kind in ("PERSON", "ORG") and (same_role and role_a[0] != "object" or one_office)
                    and not _chamber_of(name_a, name_b)):
                # one office, two holders: who holds it differs, even where both speak
                speakers = name_a == a.speaker and name_b == b.speaker and not one_office
                return [Conflict("attribution" if speakers else "actor", [name_value(a, name_a), name_value(b, name_b)])]
            if kind in ("GPE", "LOC") and same_role and _places_apart(a, name_a, b, name_b):
                return [Conflict("place", fact_pair(_place_fact(a, name_a), a, _place_fact(b, name_b), b))]
    return []


def _misread_person(claim: Claim, name: str, label: str, mentions: StoryMentions) -> bool:
    """Maybe a lone surname the parser called an organisation ("As Noem tried to speak" beside "As
    Kaitlan Collins tried to speak"): one capitalised word, not an acronym, that no other report gives in
    any name (dev half: about one in five missed swapped people was labelled so). Only ever set against a
    person."""
    return (label == "ORG" and re.fullmatch(r"[A-Z][a-z]+", name) is not None
            and mentions.giving_word(name) == {claim.article})


# A legislature and one of its chambers are one doer at two levels: "Congress passed the bill" /
# "the House passed the bill" tell the same vote's outcome (dev half, an untouched story).
CHAMBERS = {"congress": {"house", "senate", "house of representatives"},
            "parliament": {"house of commons", "commons", "house of lords", "lords"}}


def _chamber_of(x: str, y: str) -> bool:
    """One name is a legislature and the other one of its chambers."""
    def plain(name: str) -> str:
        return re.sub(r"^(?:the\s+)?(?:u\.?s\.?\s+|us\s+|uk\s+|british\s+)?", "", name.lower()).strip()
    px, py = plain(x), plain(y)
    return py in CHAMBERS.get(px, ()) or px in CHAMBERS.get(py, ())


def listed_apart(x: Claim, y: Claim, mentions: StoryMentions) -> tuple[str, str] | None:
    """(x's name, y's name) where both list one person with another ("Justices Alito and Thomas" /
    "Justices Alito and Torres"), x's other being a person no other report names and y's one x's
    report never names: the same list with one member swapped."""
    for shared, others_x in x.partners.items():
        others_y = next((names for name, names in y.partners.items() if same_name(shared, name)), None)
        if others_y is None:
            continue
        lone = [n for n in others_x if mentions.naming(n) == {x.article} and not claim_names(y, n)]
        absent = [n for n in others_y if x.article not in mentions.naming(n) and not claim_names(x, n)]
        if len(lone) == 1 and absent:
            return lone[0], absent[0]
    return None


def office_place_conflicts(a: Claim, b: Claim) -> list[Conflict]:
    """One person given offices in two places: "Texas Gov. Greg Abbott" / "Minnesota Governor Greg Abbott".
    An office held before is no other place: "U.S. envoy Daniel Foote" / "Foote, a former ambassador to Zambia"."""
    for name_a, words_a in a.titles.items():
        for name_b, words_b in b.titles.items():
            if not same_name(name_a, name_b) or ("former" in words_a) != ("former" in words_b):
                continue
            places_a, places_b = _title_places(a, words_a), _title_places(b, words_b)
            if places_a and places_b and not any(places_agree(x.data, y.data) for x in places_a for y in places_b):
                fa, fb = places_a[0], places_b[0]
                return [Conflict("place", fact_pair(fa, a, fb, b))]
            states_a, states_b = _home_states(a, name_a, places_a), _home_states(b, name_b, places_b)
            if states_a and states_b and not states_a.keys() & states_b.keys():
                return [Conflict("place", [next(iter(states_a.values())), next(iter(states_b.values()))])]
    return []


# Right after a name: ", R-Nevada," / " (D-N.Y.)" / " (R-South Carolina)"; the party letter is required.
_PARTY_CODE = re.compile(r"\s*[,(]\s*[RDI]\s*[-\u2013]\s*([A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)")


def _home_states(claim: Claim, name: str, places: list[Fact]) -> dict[int, tuple[Claim, str, int, int]]:
    """The US states a person's title gives (geonameid -> its words in the claim): from the title's places
    ("an Alaska Republican") or from a party-and-state code after the name, where the parser read no
    place ("Sen. Lisa Murkowski, R-Nevada", "(D-Calif.)", "R-CA": the gazetteer knows the abbreviations)."""
    gazetteer = load_gazetteer()
    states = {}
    for f in places:
        entry = gazetteer.entry_for_geonameid(f.data["geonameid"]) if f.data.get("geonameid") else None
        if entry is not None and _us_state(gazetteer, entry):
            states[f.data["geonameid"]] = (claim, f.text, f.start, f.end)
    span = claim.name_spans.get(name)
    if states or not span or not claim.start <= span[1] <= claim.end:
        return states
    code = _PARTY_CODE.match(claim.text, span[1] - claim.start)
    for text in (code.group(1), code.group(1).split()[0]) if code else ():  # or its first word: "Nevada Democrat"
        entry = next((e for e, _ in gazetteer.lookup(text) if _us_state(gazetteer, e)), None)
        if entry is not None:
            start = claim.start + code.start(1)
            return {gazetteer.entry(entry).geonameid: (claim, text, start, start + len(text))}
    return states


def _us_state(gazetteer, entry: int) -> bool:
    return gazetteer.feature(entry) == "admin1" and gazetteer.country(entry) == "US"


def name_value(claim: Claim, name: str) -> tuple[Claim, str, int, int]:
    """A name as a conflict's value, with the span of its mention in the claim (else the claim's)."""
    start, end = claim.name_spans.get(name, (claim.start, claim.end))
    return (claim, name, start, end)


def difference_kind(slot: str) -> str:
    """A person found apart as actor or as speaker is one difference, not two."""
    return "person" if slot in ("actor", "attribution") else slot


def lone_name_conflicts(a: Claim, b: Claim, mentions: StoryMentions) -> list[Conflict]:
    """A person, place or count only one report gives, where the other claim gives one the story
    shares. (Days are left to the date check: stories run over several days, each with its own
    events, and a day only one report gives was as often another event as a wrong day on the dev half.)"""
    if a.article == b.article:
        return []
    conflicts = []
    for slot, x, value_x, y, value_y in lone_names(a, b, mentions):
        if slot in ("place", "quantity"):
            conflicts.append(Conflict(slot, fact_pair(value_x, x, value_y, y)))
        else:
            conflicts.append(Conflict(slot, [name_value(x, value_x), name_value(y, value_y)]))
    return conflicts


def offices_apart(found: list[Conflict], mentions: StoryMentions) -> list[Conflict]:
    """Of the actor conflicts between two claims the judge does not relate, one where the two people
    are given one specific office, the words of one person's title all in the other's ("Justice X" /
    "Justice Y", "Homeland Security Secretary X" / "Secretary Y"), and the story keeps them apart
    (`_holders_apart`: no former holder, and a report giving the office to both tells of a succession): who holds it is the
    fact they would share. Not two people in the same part of unlike sentences by any other sign, nor
    two offices that merely share a word ("House Speaker" / "White House press secretary"): stories
    name many people in like roles (dev half's untouched stories: two spokesmen, two governors, two
    Senate leaders)."""
    for conflict in found:
        if conflict.slot != "actor" or len(conflict.values) != 2:
            continue
        (x, name_x, *_), (y, name_y, *_) = conflict.values
        office_x, office_y = _office(x, name_x) - NAMED_BODIES, _office(y, name_y) - NAMED_BODIES
        if (office_x and office_y and (office_x <= office_y or office_y <= office_x)
                and _holders_apart(x, name_x, y, name_y, office_x & office_y, mentions)):
            return [conflict]
    return []


def _title_places(claim: Claim, words: set[str]) -> list[Fact]:
    return [f for f in claim.of_kind("place") if f.data.get("lat") is not None
            and set(f.text.lower().replace(".", "").split()) <= words]


def _places_apart(a: Claim, name_a: str, b: Claim, name_b: str) -> bool:
    """Two resolved places in the same role ("New York's law" / "Texas's law"), neither holding the other
    nor named by the other claim."""
    fa, fb = _place_fact(a, name_a), _place_fact(b, name_b)
    if fa is None or fb is None or not same_class(fa.data, fb.data):
        return False
    return not any(places_agree(fa.data, o.data) for o in located(b)) and not any(
        places_agree(fb.data, o.data) for o in located(a))


def _place_fact(claim: Claim, name: str) -> Fact | None:
    return next((f for f in claim.of_kind("place") if f.data.get("lat") is not None
                 and (f.text in name or name in f.text)), None)


# words that make an office the one below another: a deputy district attorney is not the district attorney
RANKS = {"deputy", "assistant", "associate", "vice", "under"}


def _same_office(a: Claim, name_a: str, b: Claim, name_b: str) -> bool:
    """Two people given the same specific office ("Treasury Secretary X" / "Treasury Secretary Y"), at
    the same rank ("Deputy District Attorney X" / "District Attorney Y" are two offices; ECB+ stories)."""
    office_a, office_b = _office(a, name_a), _office(b, name_b)
    return bool((office_a & office_b) - RANKS) and office_a & RANKS == office_b & RANKS


def _office(claim: Claim, name: str) -> set[str]:
    """The specific words of a person's title ("Senate Majority Leader" -> senate, majority); a party
    or state code the parse hangs on a name ("(D-N.Y.)", "R-CA": d, ca) is no office, nor is the place
    the title names ("New York State attorney general" -> attorney, general): where is its own fact."""
    words = claim.titles.get(name, set())
    where = {w for f in _title_places(claim, words) for w in f.text.lower().replace(".", "").split()}
    return {w for w in words - GENERIC_TITLES - TENURE_WORDS - where if len(w) > 2}


def attribution_conflicts(a: Claim, b: Claim, similarity: float, mentions: StoryMentions) -> list[Conflict]:
    """The same statement credited to two different named people."""
    quoted = _one_quote_two_people(a, b, mentions)
    if quoted:
        return [quoted]
    if (similarity < SAME_STATEMENT or not a.speaker or not b.speaker or a.speaker == b.speaker
            or a.speaker_label != "PERSON" or b.speaker_label != "PERSON" or a.article == b.article
            or not mentions.named_speaker(a) or not mentions.named_speaker(b)
            or claim_names(b, a.speaker) or claim_names(a, b.speaker) or same_name(a.speaker, b.speaker)):
        return []
    return [Conflict("attribution", [_speaker_value(a), _speaker_value(b)])]


# the quotation marks the attribution step knows (its _QUOTE_RE); a quote may stay open to the
# claim's end when it runs over sentences
_QUOTATION = re.compile(r"[\"“„«]([^\"“”„«»]+)(?:[\"”»]|$)")
_WORD = re.compile(r"\w+(?:['’]\w+)?")


def _one_quote_two_people(a: Claim, b: Claim, mentions: StoryMentions) -> Conflict | None:
    """One quotation (QUOTE_SHARED_WORDS words in a row alike) that two reports put in two named
    people's mouths, neither report naming the other's: "President X said the arrivals were 'an
    important milestone as we ...'" / "President Y called their arrival 'an important milestone as
    we ...'". Who said it is what they disagree on, however differently the sentences frame it."""
    if a.article == b.article or not _share_a_quotation(a, b):
        return None
    name_a, name_b = _quoted_person(a, mentions), _quoted_person(b, mentions)
    if not (name_a and name_b) or same_name(name_a, name_b) or claim_names(b, name_a) or claim_names(a, name_b):
        return None
    return Conflict("attribution", [name_value(a, name_a), name_value(b, name_b)])


def _share_a_quotation(a: Claim, b: Claim) -> bool:
    runs_b = {tuple(words[i:i + QUOTE_SHARED_WORDS]) for words in _quotations(b)
              for i in range(len(words) - QUOTE_SHARED_WORDS + 1)}
    return any(tuple(words[i:i + QUOTE_SHARED_WORDS]) in runs_b for words in _quotations(a)
               for i in range(len(words) - QUOTE_SHARED_WORDS + 1))


def _quotations(claim: Claim) -> list[list[str]]:
    return [[w.lower() for w in _WORD.findall(q)] for q in _QUOTATION.findall(claim.text)]


def _quoted_person(claim: Claim, mentions: StoryMentions) -> str | None:
    """Whom the claim credits with its words: its speaker, where its report names that person, or
    else the one person it makes the subject of a verb ("Y called their arrival '...'": a verb the
    attribution step does not take for saying)."""
    if claim.speaker_label == "PERSON" and mentions.named_speaker(claim):
        return claim.speaker
    people = [name for name in claim.subjects if claim.entities.get(name) in PERSON_LABELS]
    return people[0] if len(people) == 1 else None


def _speaker_value(claim: Claim) -> tuple[Claim, str, int, int]:
    start, end = claim.speaker_span or (claim.start, claim.end)
    return (claim, claim.speaker, start, end)


def negation_conflicts(a: Claim, b: Claim, scores: Scores) -> list[Conflict]:
    for x, y in ((a, b), (b, a)):
        found = _denied_vs_affirmed(x, y, scores.dense) or _negated_vs_stated(x, y, scores)
        if found:
            return [found]
    return []


def negations_apart(a: Claim, b: Claim, found: list[Conflict]) -> list[Conflict]:
    """Of the negation conflicts between two claims the judge does not relate, those whose negated and
    stated verb have a doer or an object in common ("the government did not file a lawsuit" / "the
    lawsuit filed by the government"): the verb they would share may be the very fact that differs.
    Not one verb of two things ("the U.S. won't emerge from the pandemic" / "another variant could
    emerge"; dev half's untouched stories)."""
    for conflict in found:
        if conflict.slot != "negation":
            continue
        (x, _, lo, hi), (y, *_) = conflict.values
        negation = next((n for n in x.negations if n.scope == (lo, hi) and n.verb), None)
        if negation and (negation.arguments & y.verb_arguments.get(negation.verb, set()) or _tallies(x) & _tallies(y)):
            return [conflict]
    return []


# A vote's tally: "passed 220-212", "the 220-to-212 vote" (the larger side first).
TALLY = re.compile(r"\b(\d{1,3})\s*(?:-|\u2013|-to-|\sto\s)\s*(\d{1,3})\b")
MIN_TALLY_VOTES = 10  # smaller pairs are as often ages or scores ("children 5-11") as votes


def _tallies(claim: Claim) -> set[tuple[int, int]]:
    """The vote tallies a claim gives: one tally in two claims makes them one vote, whatever else differs
    ("The measure passed 220-212" / "In a 220-212 party-line vote, the chamber passed a budget")."""
    found = set()
    for match in TALLY.finditer(claim.text):
        yes, no = int(match.group(1)), int(match.group(2))
        if MIN_TALLY_VOTES <= no <= yes:
            found.add((yes, no))
    return found


def _denied_vs_affirmed(x: Claim, y: Claim, similarity: float) -> Conflict | None:
    """One person both denies and affirms the same statement, as two reports tell it."""
    if similarity < SAME_STATEMENT or x.article == y.article:
        return None
    for person in _deniers(x):
        if person in _affirmers(y):
            return Conflict("negation", [(x, "denied", x.start, x.end), (y, "affirmed", y.start, y.end)])
    return None


def _deniers(claim: Claim) -> set[str]:
    named = {s for s, verb in claim.subjects.items() if verb in DENY_VERBS}
    return named | ({claim.speaker} if claim.speaker and "deny" in claim.stance else set())


def _affirmers(claim: Claim) -> set[str]:
    """Who asserts the claim: its speaker, or the subject of a verb of saying ("the court declined
    the case" asserts nothing another report's "the court rejected it" could contradict)."""
    named = {s for s, verb in claim.subjects.items() if verb in ASSERTING}
    speaker = claim.speaker
    if speaker and ("deny" in claim.stance or claim.subjects.get(speaker) in DENY_VERBS | REVERSING_WORDS):
        speaker = None  # "the court declined the case": a refusal, whoever reports it
    return named | ({speaker} if speaker else set())


def _negated_vs_stated(x: Claim, y: Claim, scores: Scores) -> Conflict | None:
    """x negates what y states: the same verb negated, or a named thing said to be absent."""
    for negation in x.negations:
        # the same verb (with its particle) negated here and stated there: "will not go" / "will go"
        same_verb = (negation.verb is not None
                     and (negation.target not in LIGHT_VERBS or _one_light_statement(negation, y))
                     and negation.verb not in x.verbs  # x states it too ("visited, after criticism for not having visited")
                     and (scores.dense >= NEGATION_RELATED or scores.lexical >= NEGATION_RELATED_LEXICAL
                          or _said_of_the_same(negation, y))
                     and _states(y, negation.verb, scores.dense) and negation.target not in y.reversed
                     # y negating the verb too is ambiguous, unless the two claims say the same thing
                     # ("did not visit the border" / "visited the border, after criticism for not having visited")
                     and (scores.dense >= SAME_STATEMENT or not any(n.verb == negation.verb for n in y.negations)))
        # a named thing one speaker says is absent and another speaker claims is there
        disputed = (scores.dense >= DISPUTE_RELATED and x.speaker and y.speaker and x.speaker != y.speaker
                    and CLAIMING & set(y.stance) and "deny" not in y.stance
                    and any(e in y.entities and not _negates(y, e) for e in negation.scope_entities))
        if same_verb or disputed:
            lo, hi = negation.scope
            return Conflict("negation", [(x, x.text[lo - x.start:hi - x.start], lo, hi), (y, y.text, y.start, y.end)])
    return None


def _said_of_the_same(negation: Negation, y: Claim) -> bool:
    """y states the negated verb of a named doer or thing the negation names too, of nothing else, and
    names no doer of its own: "Greene on Monday did not visit the Holocaust Museum" / "This afternoon I
    visited the Holocaust Museum" (AllSides dev half) are one deed however unlike they read; "Harris
    visited the border" is not Biden's visit, nor "Justices Alito and Thomas voted to hear the board's
    appeal" (an appeal, no name) the court's refusal to hear it."""
    stated = y.verb_arguments.get(negation.verb, set())
    doers = {name for name, (role, _) in y.roles.items() if role == "subject"}
    return (stated <= negation.arguments and doers <= negation.arguments
            and any(name in y.entities for name in stated))


def _states(claim: Claim, verb: str, similarity: float) -> bool:
    """The claim states this verb with this particle; in a paraphrase this close, with another particle
    or none, which the parser may have read into a preposition ("did not clash over the funding" /
    "clashed with Paul")."""
    if verb in claim.verbs:
        return True
    return similarity >= SAME_STATEMENT and verb.split()[0] in {v.split()[0] for v in claim.verbs}


def _one_light_statement(negation: Negation, y: Claim) -> bool:
    """A light verb says what it says with its arguments: "I have not made a mistake" / "she had
    made a mistake" is one statement (y's same verb takes every argument the negated one has), "Russia
    is not a threat" / "China is a threat" two."""
    return bool(negation.arguments) and negation.arguments <= y.verb_arguments.get(negation.verb, set())


def _negates(claim: Claim, entity: str) -> bool:
    return any(entity in n.scope_entities for n in claim.negations)

