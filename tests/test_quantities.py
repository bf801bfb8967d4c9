"""Quantities with the thing counted: the seed reports and written sentences."""
from __future__ import annotations

import pytest

from newsloom.analyse.nlp import load_nlp
from newsloom.analyse.quantities import extract_quantities
from newsloom.clean import clean

from .conftest import shared


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def quantities(nlp, text):
    found = extract_quantities(nlp(text))
    for q in found:
        assert text[q.start:q.end] == q.text
    return found


def one(nlp, text, expr):
    found = quantities(nlp, text)
    hits = [q for q in found if q.text == expr]
    assert len(hits) == 1, f"{expr!r} in {[q.text for q in found]}"
    return hits[0]


def seed_text(name):
    return clean(shared("seeds", name).read_text(encoding="utf-8")).text


def rows(found):
    return [(q.text, q.value, q.unit, q.kind, q.approximate, q.qualifier) for q in found]


# (evidence, value, unit, kind, approximate, qualifier), in text order: every number in the seeds
# that counts or measures something; "30 September", "1 October" and "first" are not among them
SEED_000 = [
    ("about 1,500km", 1500, "km", "measure", True, "about"),
    ("930 miles", 930, "mile", "measure", False, None),
    ("four warships", 4, "warship", "count", False, None),
    ("26 sea-based cruise missiles", 26, "cruise missile", "count", False, None),
    ("11 targets", 11, "target", "count", False, None),
    ('at least one "safe separation" manoeuvre', 1, "manoeuvre", "count", False, "at least"),
    ("up to 50m", 50, "m", "measure", False, "up to"),
    ("160ft", 160, "ft", "measure", False, None),
    ("about 55km", 55, "km", "measure", True, "about"),
    ("112 targets", 112, "target", "count", False, None),
]
SEED_004 = [
    ("four insurgent-held areas", 4, "area", "count", False, None),
    ("26 missile strikes", 26, "missile strike", "count", False, None),
    ("four warships", 4, "warship", "count", False, None),
    ("112 air strikes", 112, "air strike", "count", False, None),
    ("at least four insurgent positions", 4, "insurgent position", "count", False, "at least"),
    ("more than four years", 4, "year", "duration", False, "more than"),
    ("four rebel-held areas", 4, "area", "count", False, None),
]


@pytest.mark.parametrize("name, expected", [("000_2bd50fe8baa70bde.txt", SEED_000),
                                            ("004_1ef7e32c50d6147d.txt", SEED_004)])
def test_seed_quantities(nlp, name, expected):
    assert rows(quantities(nlp, seed_text(name))) == expected


def test_seed_same_number_different_things(nlp):
    # 000: "112 targets had been hit"; 004: "112 air strikes on Islamic State positions"
    a = one(nlp, seed_text("000_2bd50fe8baa70bde.txt"), "112 targets")
    b = one(nlp, seed_text("004_1ef7e32c50d6147d.txt"), "112 air strikes")
    assert a.value == b.value == 112 and (a.unit, b.unit) == ("target", "air strike")


def test_seed_offsets(nlp):
    text = seed_text("000_2bd50fe8baa70bde.txt")
    q = one(nlp, text, "26 sea-based cruise missiles")
    assert text[q.start - len("fired "):q.start] == "fired "


# sentence, evidence, value, unit, kind, and other fields that must match
CASES = [
    # the counted noun is the head in the parse, with its noun compounds
    ("Four warships fired 26 sea-based cruise missiles at 11 targets.", "26 sea-based cruise missiles", 26,
     "cruise missile", "count", {}),
    ("Four warships fired 26 sea-based cruise missiles at 11 targets.", "11 targets", 11, "target", "count", {}),
    ("Russia carried out 26 missile strikes from four warships.", "26 missile strikes", 26, "missile strike",
     "count", {}),
    ("Russia carried out 26 missile strikes from four warships.", "four warships", 4, "warship", "count", {}),
    ("Shoigu said 112 targets had been hit.", "112 targets", 112, "target", "count", {}),
    ("Russia has carried out 112 air strikes on Islamic State positions.", "112 air strikes", 112,
     "air strike", "count", {}),
    ("Four Russian warships and two US jets took part.", "Four Russian warships", 4, "warship", "count", {}),
    ("Four Russian warships and two US jets took part.", "two US jets", 2, "jet", "count", {}),
    ("Between 10 and 12 people were killed.", "Between 10 and 12 people", 10, "person", "count",
     {"value_max": 12}),
    ("Officials said 10-12 soldiers died.", "10-12 soldiers", 10, "soldier", "count", {"value_max": 12}),
    ("Officials said 10 to 12 soldiers died.", "10 to 12 soldiers", 10, "soldier", "count", {"value_max": 12}),
    ("Only one of the guards survived.", "one of the guards", 1, "guard", "count", {}),
    # the parser runs the counted noun into the name of the clause after it
    ("The mayor rejected two of the five Democrats Council Leader Ana Ruiz picked for the board.",
     "two of the five Democrats", 2, "democrat", "count", {}),
    ("Democrats need 64 House Democrats.", "64 House Democrats", 64, "democrat", "count", {}),
    # qualifiers and approximation
    ("They had to carry out at least one \"safe separation\" manoeuvre.", 'at least one "safe separation" manoeuvre',
     1, "manoeuvre", "count", {"qualifier": "at least"}),
    ("At least one was killed.", "At least one", 1, None, "count", {"qualifier": "at least"}),
    ("Attacks targeted at least four insurgent positions.", "at least four insurgent positions", 4,
     "insurgent position", "count", {"qualifier": "at least"}),
    ("The conflict has dragged on for more than four years.", "more than four years", 4, "year", "duration",
     {"qualifier": "more than"}),
    ("Nearly 5,000 troops crossed the border.", "Nearly 5,000 troops", 5000, "troop", "count",
     {"qualifier": "nearly", "approximate": True}),
    ("Some 200 families fled.", "Some 200 families", 200, "family", "count",
     {"qualifier": "some", "approximate": True}),
    # measures
    ("Strikes from the Caspian Sea - about 1,500km (930 miles) away.", "about 1,500km", 1500, "km", "measure",
     {"qualifier": "about", "approximate": True}),
    ("Strikes from the Caspian Sea - about 1,500km (930 miles) away.", "930 miles", 930, "mile", "measure", {}),
    ("They flew at up to 50m (160ft) over the desert.", "up to 50m", 50, "m", "measure",
     {"qualifier": "up to"}),
    ("The town lies about 55km west of Raqqa.", "about 55km", 55, "km", "measure",
     {"qualifier": "about", "approximate": True}),
    ("The convoy carried 1.5 tonnes of aid.", "1.5 tonnes", 1.5, "tonne", "measure", {}),
    # an area or a volume is its own unit, not the length it raises
    ("The fire burned 40 square kilometres of forest.", "40 square kilometres", 40, "square kilometre", "measure", {}),
    ("The 15,800-square-metre depot was empty.", "15,800-square-metre", 15800, "square metre", "measure", {}),
    ("The 170,000-square-foot depot was empty.", "170,000-square-foot", 170000, "square foot", "measure", {}),
    ("The shop has 2,000 sq ft of floor space.", "2,000 sq ft", 2000, "square foot", "measure", {}),
    ("The tank holds 500 cubic metres of water.", "500 cubic metres", 500, "cubic metre", "measure", {}),
    ("The car stopped 50 metres from the square.", "50 metres", 50, "metre", "measure", {}),
    ("They drove for three hours.", "three hours", 3, "hour", "duration", {}),
    ("It was -5 degrees at night and 30°C by noon.", "-5 degrees", -5, "degree", "measure", {}),
    ("It was -5 degrees at night and 30°C by noon.", "30°C", 30, "°c", "measure", {}),
    ("A 16-year-old boy was hurt.", "16-year-old", 16, "year", "age", {}),
    # number words
    ("A dozen soldiers died.", "A dozen soldiers", 12, "soldier", "count", {"approximate": True}),
    ("Hundreds of civilians fled.", "Hundreds of civilians", 200, "civilian", "count",
     {"approximate": True, "value_max": 1000}),  # a vague plural reaches about the next power of ten
    ("Dozens of homes burned.", "Dozens of homes", 24, "home", "count", {"approximate": True, "value_max": 120}),
    ("Tens of thousands of refugees arrived.", "Tens of thousands of refugees", 20000, "refugee", "count",
     {"approximate": True, "value_max": 100000}),
    ("Three hundred and fifty men marched.", "Three hundred and fifty men", 350, "man", "count", {}),
    ("Twenty-five jets flew.", "Twenty-five jets", 25, "jet", "count", {}),
    ("Half a million people voted.", "Half a million people", 500000, "person", "count", {}),
    ("A couple of jets flew over.", "A couple of jets", 2, "jet", "count", {"approximate": True}),
    # percentages
    ("Unemployment rose to 40%.", "40%", 40, "%", "percent", {}),
    ("Unemployment rose to 40 per cent.", "40 per cent", 40, "%", "percent", {}),
    ("Turnout was about 55 percent.", "about 55 percent", 55, "%", "percent",
     {"qualifier": "about", "approximate": True}),
    ("They flew at 50m.", "50m", 50, "m", "measure", {}),
    ("The rate rose 3 percentage points.", "3 percentage points", 3, "percentage point", "percent", {}),
    # money
    ("The fund raised $2.5m.", "$2.5m", 2_500_000, "USD", "money", {}),
    ("The club paid £300,000.", "£300,000", 300_000, "GBP", "money", {}),
    ("The EU pledged €1.2 billion.", "€1.2 billion", 1_200_000_000, "EUR", "money", {}),
    ("The deal is worth US$5bn.", "US$5bn", 5_000_000_000, "USD", "money", {}),
    ("He paid 2.5 million dollars.", "2.5 million dollars", 2_500_000, "USD", "money", {}),
    ("Russia spent 300 billion roubles.", "300 billion roubles", 300_000_000_000, "RUB", "money", {}),
]


@pytest.mark.parametrize("sentence, expr, value, unit, kind, extra", CASES, ids=[c[1] for c in CASES])
def test_written_sentences(nlp, sentence, expr, value, unit, kind, extra):
    q = one(nlp, sentence, expr)
    assert (q.value, q.unit, q.kind) == (value, unit, kind)
    for name, expected in extra.items():
        assert getattr(q, name) == expected, name
    if "approximate" not in extra:
        assert q.approximate is False
    if "qualifier" not in extra:
        assert q.qualifier is None
    if "value_max" not in extra:
        assert q.value_max is None


@pytest.mark.parametrize("sentence", [
    "The air campaign began on 30 September.",
    "Fighting resumed on September 30th.",
    "The war started in 2011.",
    "It happened after 1 October 2015.",
    "The first co-ordinated offensive was the 30th of its kind.",
    "The jets left at 10:30 and returned at 3pm.",
    "F-16 jets and Su-24 bombers flew; MH17 was shot down on 9/11.",
    "Under Resolution 2254 the council met at No. 10.",
    "Russia started air strikes four years ago.",
    "No one was hurt, one said.",
    "The House voted 254-175.",
    "The Group of 20 summit in Rome ended.",   # a name, not 20 summits
])
def test_not_quantities(nlp, sentence):
    assert quantities(nlp, sentence) == []


def test_a_group_named_by_its_number_counts_nothing_but_a_group_of_people_counts(nlp):
    assert [q.text for q in quantities(nlp, "The Group of 7 wealthy nations pledged 1 billion doses.")] == [
        "1 billion doses"]
    assert [q.text for q in quantities(nlp, "A group of 20 students marched.")] == ["20 students"]


def test_a_change_is_two_values_not_a_range(nlp):
    found = quantities(nlp, "The toll rose from 10 to 12.")
    assert [(q.value, q.value_max) for q in found] == [(10, None), (12, None)]


@pytest.mark.parametrize("sentence, expected", [
    ("The figure was revised down by 1,000 to 40,500.", [("1,000", 1000, None, "by"), ("40,500", 40500, None, None)]),
    ("Filings fell 9,200 last week from 59,000 the week before.", [("9,200", 9200, None, "by"),
                                                                  ("59,000", 59000, None, "from")]),
    ("Filings totaled 41,900, up 5,100 from the week before.", [("41,900", 41900, None, None),
                                                              ("5,100", 5100, None, "by")]),
    ("The count fell to 75,680, a drop of 3,400.", [("75,680", 75680, None, None), ("3,400", 3400, None, "by")]),
    ("The storm killed 12 to 15 people.", [("12 to 15 people", 12, 15, None)]),
], ids=["by, then a level", "by and from", "up", "a drop of", "a range"])
def test_a_change_is_marked_apart_from_a_level(nlp, sentence, expected):
    assert [(q.text, q.value, q.value_max, q.movement) for q in quantities(nlp, sentence)] == expected


def test_up_to_after_a_verb_is_where_it_went_not_a_ceiling(nlp):
    assert one(nlp, "Last week's figure was revised up to 59,000.", "59,000").qualifier is None
    assert one(nlp, "The plan affects up to 2,000 people.", "up to 2,000 people").qualifier == "up to"


def test_a_scale_letter_before_things_counted_is_millions_and_before_a_thing_a_length(nlp):
    doses = one(nlp, "The country will share up to 60m doses of its vaccine.", "up to 60m doses")
    assert (doses.value, doses.unit, doses.kind) == (60_000_000, "dose", "count")
    pool = one(nlp, "She swam the length of a 50m pool.", "50m")
    assert (pool.value, pool.unit, pool.kind) == (50, "m", "measure")


def test_text_may_be_passed_in(nlp):
    text = "Four warships fired 26 missiles."
    doc = nlp(text)
    assert rows(extract_quantities(doc, text)) == rows(extract_quantities(doc))


@pytest.mark.parametrize("sentence, expr, value", [
    ("Federal spending would hit $8.2 trillion by 2031.", "$8.2 trillion", 8_200_000_000_000),
    ("Sales rose to 4.1 million units last year.", "4.1 million units", 4_100_000),
    ("The index fell 0.7 percent in May.", "0.7 percent", 0.7),
])
def test_a_scaled_value_is_the_number_as_written(nlp, sentence, expr, value):
    """8.2 x 1e12 is 8199999999999.999 in binary floating point: the stored value is 8.2 trillion."""
    found = one(nlp, sentence, expr)
    assert found.value == value and type(found.value) is type(value)
