"""When two facts are the same fact, and when two values agree.

Compatible is not conflicting: "26 missiles" and "26 cruise missiles" count the
same thing; "about 1,500km" and "930 miles" are one distance; "at least 12" and
"12" are one toll; Hama province holds Kafr Zita.
"""
from __future__ import annotations

import math
import re
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache

from ..analyse.quantities import VAGUE
from ..geo import haversine_km, name_key
from .claims import Claim, Fact

# two spellings of one name, by difflib's ratio: "Zelensky" / "Zelenskyy" 0.94, while
# "Jon Tester" / "Jon Fester" (0.90) stay two people (set on the dev half's controls)
SPELLING_ALIKE = 0.92
SPELLING_MIN_LENGTH = 8

# metres, kilograms, litres, seconds per unit: measures convert before they are compared
UNIT_SCALE = {
    "km": ("length", 1000.0), "kilometre": ("length", 1000.0), "kilometer": ("length", 1000.0),
    "m": ("length", 1.0), "metre": ("length", 1.0), "meter": ("length", 1.0),
    "mile": ("length", 1609.344), "mi": ("length", 1609.344), "ft": ("length", 0.3048),
    "foot": ("length", 0.3048), "feet": ("length", 0.3048), "cm": ("length", 0.01), "yard": ("length", 0.9144),
    "nautical mile": ("length", 1852.0),
    "kg": ("mass", 1.0), "kilogram": ("mass", 1.0), "tonne": ("mass", 1000.0), "ton": ("mass", 1000.0),
    "lb": ("mass", 0.45359237), "pound": ("mass", 0.45359237), "g": ("mass", 0.001), "gram": ("mass", 0.001),
    "litre": ("volume", 1.0), "liter": ("volume", 1.0), "gallon": ("volume", 3.785411784),
    "hectare": ("area", 10000.0), "acre": ("area", 4046.8564224), "square kilometre": ("area", 1e6),
    "square metre": ("area", 1.0), "square centimetre": ("area", 1e-4), "square mile": ("area", 2589988.110336),
    "square yard": ("area", 0.83612736), "square foot": ("area", 0.09290304), "square inch": ("area", 0.00064516),
    "cubic metre": ("volume", 1000.0), "cubic centimetre": ("volume", 0.001), "cubic foot": ("volume", 28.316846592),
    "cubic yard": ("volume", 764.554857984), "cubic inch": ("volume", 0.016387064),
}
# nouns that all count people: "2,300 members" and "900 employees" count the same crowd
PEOPLE = {"people", "person", "member", "employee", "worker", "staff", "resident", "civilian", "soldier",
          "troop", "passenger", "tourist", "student", "patient", "victim", "adult", "child", "dockworker",
          "protester", "migrant", "refugee", "voter", "fighter", "militant", "officer", "individual",
          "american", "citizen", "crosser", "immigrant", "military", "personnel", "man", "woman", "athlete",
          "detainee", "prisoner", "survivor", "casualty", "official", "lawmaker", "senator", "agent"}
EXACT_TOLERANCE = 0.005   # rounding in a conversion ("930 miles" for 1,497 km) is not a difference
APPROX_TOLERANCE = 0.10   # "about", "nearly", "at least": within a tenth
MEASURE_TOLERANCE = 0.05  # a converted measure ("about 1,500km (930 miles)")
# "dozens", "hundreds", "thousands" (read as 24, 200, 2,000) reach up to the next order: up to 120, 1,000, 10,000
VAGUE_NUMBER = re.compile(r"\b(?:%s)\b" % "|".join(VAGUE), re.IGNORECASE)  # the analyser's vague plurals
ANCHOR_NAMES = 2          # two shared people/bodies that most of the story's claims do not name (seeds)
ANCHOR_NUMBER = 10        # smaller numbers recur by chance in one story ("four warships", "four areas")
NEAR_KM = 1.0             # two resolutions of one place name may differ by this much
NAMED_AFTER_KM = 50.0     # a bay or a base named after a town lies beside it (Guantánamo / Guantanamo Bay: 26 km)
URBAN_DENSITY = 5000.0    # people per km² of a big city's built-up area: New York City's 8.8 million reach 24 km
BIG_CITY = 1_000_000      # a city with parts (boroughs, districts) that reports name as places of their own; smaller
                          # neighbours are towns of their own (Porto / Vila Nova de Gaia, 3 km apart: the demo)


def _words(unit: str | None) -> set[str]:
    return {w for w in (unit or "").lower().replace("-", " ").split() if len(w) > 1}


def _dimension(unit: str | None) -> str | None:
    entry = UNIT_SCALE.get((unit or "").lower())
    return entry[0] if entry else None


def quantities_comparable(qa: dict, qb: dict, people_alike: bool = False) -> bool | None:
    """True: the same kind of thing counted; False: different things; None: cannot tell.

    With `people_alike`, any two nouns for people count the same crowd (two speakers in
    one report: "2,300 members walked out" / "fewer than 900 employees failed to turn up").
    """
    if qa.get("value") is None or qb.get("value") is None:
        return None
    if qa.get("kind") in ("ordinal", "age") or qb.get("kind") in ("ordinal", "age"):
        return None
    if not same_movement(qa, qb):
        return None
    ua, ub = qa.get("unit"), qb.get("unit")
    if not ua or not ub:
        return None
    if _dimension(ua) and _dimension(ua) == _dimension(ub):
        return True
    if ua.lower() == ub.lower():
        return True  # "%" and "%", "USD" and "USD"
    wa, wb = _words(ua), _words(ub)
    if wa & wb or _members_of_group(qa, qb) or _members_of_group(qb, qa):
        return True
    heads = {ua.split()[-1].lower(), ub.split()[-1].lower()}
    return people_alike and heads <= PEOPLE


def _members_of_group(group: dict, members: dict) -> bool:
    """One count names people by their group ("two Republicans"), the other by a noun the group's word
    qualifies ("two Republican nominees", "five Republican appointees"): one kind of thing counted."""
    word = (group.get("unit") or "").lower()
    noun = (members.get("unit") or "").lower()
    text = (members.get("text") or "").lower()
    if not word or " " in word or word == noun or word not in text:  # asked for every pair of counts: cheap first
        return False
    words = re.findall(r"[\w-]+", text)
    return any(w in (word, word + "s") and following.startswith(noun) for w, following in zip(words, words[1:]))


def same_movement(qa: dict, qb: dict) -> bool:
    """"fell 92,000" is by how much, "fell to 498,000" where to: never one figure. A rate is its
    own change ("prices rose 5%" is the 5% rate), so percentages compare whatever their part."""
    return qa.get("movement") == qb.get("movement") or qa.get("kind") == qb.get("kind") == "percent"


def counts_people(quantity: dict) -> bool:
    """The noun counted is people ("13 U.S. troops", "13 service members", "4,500 Americans")."""
    unit = (quantity.get("unit") or "").lower().split()
    return bool(unit) and unit[-1] in PEOPLE


def per_unit(fact: Fact, claim: Claim) -> bool:
    """"1 million doses each", "$5 per share": a rate, not the total another report gives."""
    after = claim.text[fact.end - claim.start:fact.end - claim.start + 6].lower()
    before = claim.text[max(0, fact.start - claim.start - 4):fact.start - claim.start].lower()
    return after.strip().startswith("each") or before.strip().endswith("per")


def same_figure(qa: dict, qb: dict) -> bool:
    """The very same value, no rounding allowed, for the same kind of thing."""
    return qa.get("value") == qb.get("value") and bool(quantities_comparable(qa, qb))


def _interval(q: dict) -> tuple[float, float]:
    """The values a quantity allows, in base units, widened by what its wording admits."""
    scale = UNIT_SCALE.get((q.get("unit") or "").lower(), (None, 1.0))[1]
    lo = float(q["value"]) * scale
    hi = float(q.get("value_max") or q["value"]) * scale  # a range's end, a vague plural's reach
    slack = EXACT_TOLERANCE
    if q.get("approximate") or q.get("qualifier"):
        slack = APPROX_TOLERANCE
    elif q.get("kind") == "measure":
        slack = MEASURE_TOLERANCE
    return lo * (1 - slack), hi * (1 + slack)


def values_agree(qa: dict, qb: dict) -> bool:
    if VAGUE_NUMBER.search(qa.get("text") or "") and VAGUE_NUMBER.search(qb.get("text") or ""):
        return True  # "tens of millions" / "millions more": two impressions of size, not two counts
    lo_a, hi_a = _interval(qa)
    lo_b, hi_b = _interval(qb)
    return lo_a <= hi_b and lo_b <= hi_a


def dates_agree(ta: dict, tb: dict) -> bool:
    """The same day, or overlapping periods."""
    a_lo, a_hi = ta["resolved"], ta.get("end_date") or ta["resolved"]
    b_lo, b_hi = tb["resolved"], tb.get("end_date") or tb["resolved"]
    return a_lo <= b_hi and b_lo <= a_hi


def places_agree(pa: dict, pb: dict) -> bool:
    """The same place, or one holds the other (a country or a state/province and a town in it)."""
    if pa.get("geonameid") is not None and pa.get("geonameid") == pb.get("geonameid"):
        return True
    if (pa.get("name") or pa["text"]).lower() == (pb.get("name") or pb["text"]).lower():
        return True
    if pa.get("country") and pa.get("country") == pb.get("country") and (is_country(pa) or is_country(pb)):
        return True
    if _holds(pa, pb) or _holds(pb, pa):
        return True
    distance = haversine_km(pa["lat"], pa["lon"], pb["lat"], pb["lon"])
    if _part_of_city(pa, pb, distance) or _part_of_city(pb, pa, distance):
        return True
    return distance <= NEAR_KM or distance <= NAMED_AFTER_KM and _named_after(pa, pb)


def _part_of_city(city: dict, place: dict, distance: float) -> bool:
    """A smaller town inside a big city's built-up area (BIG_CITY or more) is a part of it, not another
    town: Manhattan, 8 km from New York City's centre ("the Manhattan DA" / "filed in New York", dev
    half). The area is the city's population at URBAN_DENSITY, taken as a disc, in the city's own
    state or province; Brooklyn and Manhattan (15 km apart) stay two places."""
    if city.get("feature") != "city" or place.get("feature") != "city":
        return False
    if city.get("geonameid") is None or place.get("geonameid") is None:
        return False
    from ..geo import load_gazetteer

    gazetteer = load_gazetteer()
    outer, inner = gazetteer.entry_for_geonameid(city["geonameid"]), gazetteer.entry_for_geonameid(place["geonameid"])
    if outer is None or inner is None or gazetteer.population(outer) <= max(gazetteer.population(inner), BIG_CITY):
        return False
    if gazetteer.admin1_of(outer) != gazetteer.admin1_of(inner):
        return False  # Newark, New Jersey, 14 km from New York City's centre, is a city of its own
    return distance <= math.sqrt(gazetteer.population(outer) / URBAN_DENSITY / math.pi)


def _named_after(pa: dict, pb: dict) -> bool:
    """One name is the other's with words added ("Guantánamo" / "Guantanamo Bay"), accents aside."""
    words_a, words_b = (set(name_key(p.get("text") or p.get("name") or "").split()) for p in (pa, pb))
    return bool(words_a and words_b) and (words_a < words_b or words_b < words_a)


def place_class(place: dict) -> str:
    """Country, region or town: a place conflict sets like against like (Havana is not "the Caribbean")."""
    if is_country(place):
        return "country"
    feature = place.get("feature") or ""
    return "region" if feature.startswith("admin") or feature in ("region", "continent") else feature or "other"


def same_class(pa: dict, pb: dict) -> bool:
    """Like against like. A town called by its region's name, not its own ("New York" for New York
    City: the law of the city, or of the state) is of both classes; a town that has its region's
    name ("Kabul", city and province) is a town (dev half)."""
    classes_a, classes_b = ({place_class(p)} | ({"region"} if _named_as_its_region(p) else set()) for p in (pa, pb))
    return bool(classes_a & classes_b)


def town_against_region(pa: dict, pb: dict) -> bool:
    """One is a town, the other a region that has the name of a town in it and does not hold the first
    ("in Kabul" / "in Kunduz", the province and its capital): the region's name may mean the town."""
    return any(place_class(town) == "city" and _named_as_its_town(region, town) for town, region in ((pa, pb), (pb, pa)))


def _named_as_its_town(region: dict, other: dict) -> bool:
    if place_class(region) != "region" or not region.get("country"):
        return False
    region_key = name_key(region.get("name") or region.get("text") or "")
    return (_town_in_region(region.get("text") or "", region["country"], region_key)
            and not _lies_in_region(other, region["country"], region_key))


@lru_cache(maxsize=4096)
def _town_in_region(text: str, country: str, region_key: str) -> bool:
    from ..geo import PRIMARY, load_gazetteer

    gazetteer = load_gazetteer()  # the town's own name, not one of its other spellings ("Gazan" / Jizan)
    return any(how == PRIMARY and gazetteer.feature(eid) == "city" and gazetteer.country(eid) == country
               and _region_key(gazetteer, eid) == region_key for eid, how in gazetteer.lookup(text))


def _lies_in_region(place: dict, country: str, region_key: str) -> bool:
    if place.get("geonameid") is None or place.get("country") != country:
        return False
    from ..geo import load_gazetteer

    gazetteer = load_gazetteer()
    entry = gazetteer.entry_for_geonameid(place["geonameid"])
    return entry is not None and _region_key(gazetteer, entry) == region_key


def _region_key(gazetteer, entry: int) -> str | None:
    region = gazetteer.admin1_of(entry)
    return name_key(gazetteer.entry(region).name) if region is not None else None


def _named_as_its_region(place: dict) -> bool:
    if place.get("geonameid") is None or place_class(place) in ("country", "region"):
        return False
    return _region_named(place["geonameid"], place.get("text") or "")


@lru_cache(maxsize=4096)
def _region_named(geonameid: int, text: str) -> bool:
    from ..geo import load_gazetteer

    gazetteer = load_gazetteer()
    entry = gazetteer.entry_for_geonameid(geonameid)
    return (entry is not None and _region_key(gazetteer, entry) == name_key(text)
            and name_key(gazetteer.entry(entry).name) != name_key(text))


def holds(outer: dict, inner: dict) -> bool:
    """`outer` is a larger place holding `inner` (its country, or its first-level region)."""
    if outer.get("geonameid") is not None and outer.get("geonameid") == inner.get("geonameid"):
        return False
    if is_country(outer) and not is_country(inner) and outer.get("country") == inner.get("country"):
        return True
    return _holds(outer, inner)


def is_country(place: dict) -> bool:
    return place.get("precision") == "country" or place.get("feature") == "country"


def _holds(region: dict, place: dict) -> bool:
    """A first-level region (Texas, Idlib province) and a place the gazetteer puts inside it."""
    if region.get("feature") != "admin1" or region.get("geonameid") is None or place.get("geonameid") is None:
        return False
    from ..geo import load_gazetteer

    gazetteer = load_gazetteer()
    inner, outer = gazetteer.entry_for_geonameid(place["geonameid"]), gazetteer.entry_for_geonameid(region["geonameid"])
    return inner is not None and outer is not None and gazetteer.admin1_of(inner) == outer


def shared_facts(a: Claim, b: Claim, common: frozenset[str] = frozenset()) -> int:
    """How many kinds of fact two claims share: a number, a day, a place, a named actor, the wording.

    Names in `common` (those most of the story's claims mention: "Russia" in a story about
    Russian strikes, "Syria" in one about Syria) are no evidence that two claims say the same
    thing, as people or bodies and as places alike.
    """
    shared = 0
    qa, qb = a.of_kind("quantity"), b.of_kind("quantity")
    shared += any(_same_number_of_one_thing(x.data, y.data) for x in qa for y in qb)
    da = [f for f in a.of_kind("date") if f.data.get("resolved")]
    db = [f for f in b.of_kind("date") if f.data.get("resolved")]
    shared += any(dates_agree(x.data, y.data) for x in da for y in db)
    pa = [f for f in a.of_kind("place") if f.data.get("lat") is not None]
    pb = [f for f in b.of_kind("place") if f.data.get("lat") is not None]
    shared += any(places_agree(x.data, y.data) for x in pa for y in pb if x.text not in common)
    shared += _share_a_name(a, b, common)
    union = a.all_lemmas | b.all_lemmas
    shared += bool(union) and len(a.all_lemmas & b.all_lemmas) / len(union) >= 0.25
    return shared


def _share_a_name(a: Claim, b: Claim, common: frozenset[str]) -> bool:
    """One actor named in both, in full or in part ("Biden" / "Joe Biden", whatever label the parser
    gave each: a name another report links to its full form is still the same name)."""
    if (set(a.entities) & set(b.entities)) - common:
        return True  # one canonical name: the common case, without comparing names pair by pair
    return any(x not in common and y not in common
               and same_name(x, y, people=a.entities[x] == b.entities[y] == "PERSON")
               for x in a.entities for y in b.entities)


def share_anchor(a: Claim, b: Claim, common: frozenset[str] = frozenset()) -> bool:
    """The same calendar day, the same distinctive number, or two of the same uncommon people or
    bodies ("Shoigu" and "Putin"): two related claims that share it agree on it, whichever
    sentences each one's closest match is."""
    people = {n for n, label in a.entities.items() if label in ("PERSON", "ORG") and b.entities.get(n) == label}
    if len(people - common) >= ANCHOR_NAMES:
        return True  # people and bodies, not places: a story's places recur in most of its sentences
    days_a = {f.data["resolved"] for f in a.of_kind("date") if f.data.get("resolved")
              and f.data.get("granularity") in ("day", "time")}
    days_b = {f.data["resolved"] for f in b.of_kind("date") if f.data.get("resolved")
              and f.data.get("granularity") in ("day", "time")}
    numbers = any(_same_number_of_one_thing(x.data, y.data) and x.data["value"] >= ANCHOR_NUMBER
                  for x in a.of_kind("quantity") for y in b.of_kind("quantity"))
    return bool(days_a & days_b) or numbers


def _same_number_of_one_thing(qa: dict, qb: dict) -> bool:
    """One value, not given for two different things ("14 people" / "14 buildings" share nothing)."""
    return (qa.get("value") is not None and qa.get("value") == qb.get("value")
            and quantities_comparable(qa, qb) is not False)


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {m: i for i, names in enumerate((("jan", "january"), ("feb", "february"), ("mar", "march"),
                                          ("apr", "april"), ("may",), ("jun", "june"), ("jul", "july"),
                                          ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
                                          ("nov", "november"), ("dec", "december")), 1) for m in names}
_WORD = re.compile(r"[a-z]+|\d+")


def date_keys(time: dict) -> dict:
    """What a date says, in forms two reports can be compared on even when one is undated:
    the day, the month and day, the month, the weekday ("Monday" in an undated excerpt). A bound
    ("by Oct. 7", "since March") keeps its relation: it meets only a bound of the same kind."""
    keys = _day_keys(time)
    return {**keys, "relation": time["relation"]} if keys and time.get("relation") else keys


def _day_keys(time: dict) -> dict:
    resolved, granularity = time.get("resolved"), time.get("granularity")
    if resolved and granularity in ("day", "time"):
        day = date.fromisoformat(resolved[:10])
        keys = {"day": day.isoformat(), "monthday": (day.month, day.day), "month": day.month}
        if _in_the_news_week(time.get("text") or ""):
            keys["weekday"] = day.weekday()
        return keys
    if resolved and granularity == "month":
        return {"month": int(resolved[5:7])}
    if granularity == "range":  # "from July 3 to 17" holds July 4: only its month can differ
        if resolved:
            end = time.get("end_date") or resolved
            return {"month": int(resolved[5:7])} if end[:7] == resolved[:7] else {}
        months = {MONTHS[w] for w in _WORD.findall(time["text"].lower()) if w in MONTHS}
        return {"month": months.pop()} if len(months) == 1 else {}
    return _keys_from_words(_WORD.findall(time["text"].lower()))


def _in_the_news_week(text: str) -> bool:
    """A day written by its weekday or relative to the report ("Thursday", "yesterday"), not as a
    calendar date: only such a day is the one a bare weekday in an undated report may name. "Jan. 6"
    falls on a Wednesday, but "Pelosi on Wednesday announced" does not agree with it."""
    words = _WORD.findall(text.lower())
    return any(w in WEEKDAYS for w in words) or not any(w in MONTHS for w in words)


def _keys_from_words(words: list[str]) -> dict:
    keys: dict = {}
    weekday = next((WEEKDAYS.index(w) for w in words if w in WEEKDAYS), None)
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    number = next((int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31), None)
    if weekday is not None:
        keys["weekday"] = weekday
    if month is not None:
        keys["month"] = month
        if number is not None:
            keys["monthday"] = (month, number)
    return keys


def dates_differ(keys_a: dict, keys_b: dict) -> bool | None:
    """Compared on the most precise form both have; None when they share none (or one is a bound,
    "by Oct. 7", and the other a day or another kind of bound)."""
    if keys_a.get("relation") != keys_b.get("relation"):
        return None
    for form in ("day", "monthday", "month", "weekday"):
        if form in keys_a and form in keys_b:
            return keys_a[form] != keys_b[form]
    return None


@lru_cache(maxsize=1 << 16)  # asked for every pair of names of every candidate pair of claims
def same_name(x: str, y: str, people: bool = True) -> bool:
    """"the agency" / "the national civil defence agency", "Biden" / "Joe Biden",
    "John Warner" / "John W. Warner" and "Chuck Schumer" / "Charles E. Schumer" are one name.
    The last two rules (a shared surname, a close spelling) hold for people only: "Justice
    Department" and "Education Department" are two bodies."""
    wx, wy = set(x.lower().replace(".", " ").split()), set(y.lower().replace(".", " ").split())
    wx, wy = {w for w in wx if len(w) > 1}, {w for w in wy if len(w) > 1}
    if not (wx and wy):
        return False
    if wx <= wy or wy <= wx:
        return True
    if not people:
        return False
    # "Chuck Schumer" / "Charles E. Schumer": one surname, two forms of the first name
    if x.split()[-1].lower() == y.split()[-1].lower() and len(x.split()) > 1 and len(y.split()) > 1:
        return True
    # two spellings of one name ("Zabiullah Mujahid" / "Zabihullah Mujahid", "Zelensky" / "Zelenskyy")
    return min(len(x), len(y)) >= SPELLING_MIN_LENGTH and SequenceMatcher(None, x.lower(), y.lower()).ratio() >= SPELLING_ALIKE
