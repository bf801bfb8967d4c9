"""Quantities with the thing counted: "26 sea-based cruise missiles" → 26 "cruise missile".

`extract_quantities(doc)` finds numbers with one regular expression over the
cleaned text, takes the tokens under each match from the parse, and reads the
counted thing from the dependency tree. Work is per number found, never per
token of the article.

Decisions (see also the tests):

* The counted noun is the noun the number modifies in the parse (climbing a
  chain of compounds: in "26 missile strikes" the model attaches 26 to
  "missile", the thing counted is "strikes"), with the noun compounds directly
  before it kept ("cruise missile", "air strike", "insurgent position").
  Adjectives, participles and hyphenated modifiers are dropped ("sea-based",
  "rebel-held", "new"), as are proper-noun modifiers ("four Russian warships",
  "two US jets" → "warship", "jet": the owner, not the kind); a quote mark or
  any other token between the modifier and the noun ends the compound
  ("at least one "safe separation" manoeuvre" → "manoeuvre").
* `unit` is lower case and singular: the head noun's lemma, with "people" as
  "person" and measurement abbreviations as written ("km", "m", "ft"); money
  has the ISO currency code (USD, GBP, EUR, ...), percentages "%".
* `value` is the number itself (money with its scale: "$2.5m" → 2500000), an
  int when whole; ranges give the lower bound in `value` and the upper in
  `value_max`. Vague plurals give a floor, approximate=True, and reach five
  times it in `value_max`: dozens 24 (to 120), hundreds 200 (to 1,000),
  thousands 2000, tens of thousands 20000 ...; "a dozen" is 12,
  approximate=True, "a couple of" 2, approximate=True.
* `qualifier` keeps the words as written, lower case ("at least", "more than",
  "up to", "about"); about/around/approximately/roughly/some/nearly/almost/
  close to/an estimated also set approximate=True; bounds (at least, more
  than, up to ...) do not.
* `kind`: count, measure (a unit of measurement), percent, money, duration
  (time units: "more than four years"), age ("a 16-year-old").
* Left out: years and dates ("30 September", "2015", "in 2015"), "N days ago"
  (a date, which times.py gives), ordinals ("30th", "first"), clock times,
  numbers in identifiers ("F-16", "Resolution 2254", "No. 10", "Route 66"),
  "one" with nothing counted ("no one", "one said"), a "from 10 to 12" after a
  verb of change (two values, not a range).
* `movement` sets apart an amount of change, "by" ("fell 92,000", "up 51,000",
  "revised down by 1,000", "a drop of 34,000"), and a starting level, "from" ("fell
  to 498,000 from 590,000"), from a level (None: "fell to 498,000"); "by 1,000 to
  405,000" is a change and a level, not a range.
* "about 1,500km (930 miles)" gives two quantities; the parenthesised
  conversion is not linked to the first.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from spacy.attrs import LIKE_NUM, PREFIX
from spacy.tokens import Doc, Token

from ..model import Quantity

__all__ = ["extract_quantities"]

ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
        "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "dozen": 12}
VAGUE = {"dozens": 24, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000,
         "billions": 2_000_000_000, "tens": 20}
# a vague plural reaches from its floor to about the next power of ten ("thousands": 2,000 to
# 10,000; "hundreds": 200 to 1,000): its value_max (checked on the dev half of bench/compare_conflicts.py)
VAGUE_REACH = 5
SUFFIX_SCALES = {"m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3, "tn": 1e12, "trn": 1e12}

CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₽": "RUB", "₹": "INR",
                    "a$": "AUD", "c$": "CAD", "hk$": "HKD", "nz$": "NZD", "r$": "BRL", "₺": "TRY", "₩": "KRW"}
CURRENCY_CODES = {"usd", "gbp", "eur", "jpy", "rub", "cny", "inr", "aud", "cad", "chf", "try", "sar", "aed",
                  "irr", "syp", "uah", "brl", "krw", "hkd"}
CURRENCY_WORDS = {"dollar": "USD", "euro": "EUR", "rouble": "RUB", "ruble": "RUB", "yen": "JPY",
                  "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "riyal": "SAR", "lira": "TRY",
                  "franc": "CHF", "hryvnia": "UAH", "sterling": "GBP", "dirham": "AED", "rial": "IRR",
                  "cent": "USD"}
TIME_UNITS = {"second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year", "decade",
              "century"}
MEASURE_UNITS = {
    "km", "m", "mm", "cm", "ft", "mi", "yd", "kg", "g", "mg", "t", "lb", "lbs", "oz", "l", "ml", "ha", "kph",
    "mph", "km/h", "kmh", "kw", "mw", "gw", "kwh", "mwh", "gwh", "bpd", "°c", "°f", "sq", "nm", "mt",
    "kilometre", "kilometer", "metre", "meter", "mile", "foot", "feet", "inch", "yard", "kilogram", "kilo",
    "gram", "tonne", "ton", "pound", "ounce", "litre", "liter", "gallon", "barrel", "acre", "hectare",
    "degree", "knot", "watt", "kilowatt", "megawatt", "gigawatt", "calorie", "centimetre", "centimeter",
    "millimetre", "millimeter", "nautical", "square", "cubic", "megaton", "kiloton", "decibel", "volt",
}
# "square" and "cubic" before a length make an area or a volume: a square kilometre is no kilometre
POWERS = {"square": "square", "sq": "square", "cubic": "cubic", "cu": "cubic"}
LENGTHS = {"km": "kilometre", "kilometre": "kilometre", "kilometer": "kilometre", "m": "metre", "metre": "metre",
           "meter": "metre", "cm": "centimetre", "centimetre": "centimetre", "centimeter": "centimetre",
           "mile": "mile", "mi": "mile", "ft": "foot", "foot": "foot", "feet": "foot", "yard": "yard",
           "yd": "yard", "inch": "inch"}
APPROX = {"about", "around", "approximately", "roughly", "some", "nearly", "almost", "close to",
          "an estimated", "estimated", "circa", "c.", "approx.", "approx", "around about", "upwards of"}
CHANGE_VERBS = {"rise", "fall", "increase", "decrease", "drop", "grow", "climb", "jump", "cut", "raise",
                "reduce", "lower", "go", "soar", "plunge", "slip", "decline", "shrink", "swell", "double",
                "revise", "gain", "lose", "shed", "surge", "tumble"}
IDENTIFIER_BEFORE = re.compile(
    r"(?i:\b(?:no|nos|number|article|section|chapter|page|resolution|flight|route|highway|room|level|phase"
    r"|category|grade|paragraph|clause|platform|gate|title|amendment|rule|stage|round|tier|ward|precinct"
    r"|block|apartment|suite|box|row|seat|exit|interstate|channel|version|model|type|class|code|line|bus"
    r"|pier|terminal|unit|district|squad|battalion|brigade|division|regiment|corps|fleet|army|group)\.?\s*"
    r"|[#№+]\s*)$")
GROUP_NAME_BEFORE = re.compile(r"\bGroup of\s*$")
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
          "nov", "dec"}
QUALIFIER_BEFORE = re.compile(
    r"(?i:\b(?P<q>no\s+more\s+than|no\s+fewer\s+than|no\s+less\s+than|not\s+more\s+than|more\s+than"
    r"|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|as\s+many\s+as|as\s+much\s+as|as\s+few\s+as"
    r"|as\s+little\s+as|close\s+to|nearly|almost|about|around|approximately|roughly|some|just\s+over"
    r"|just\s+under|well\s+over|over|under|an\s+estimated|estimated|upwards\s+of|in\s+excess\s+of|exactly"
    r"|circa|approx\.?|c\.|between|from)\s+)$")

# Number words the model's like_num does not cover, found with str.find on the lowered text.
_EXTRA_WORDS = ("dozen", "hundreds", "thousands", "millions", "billions", "tens", "couple")
_DIGITS = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")
_GLUED = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)([A-Za-z%°][A-Za-z/°]*)")
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")


def _word_value(tok: Token) -> float | None:
    """The value of one number token, or None when it is not one."""
    t = tok.text
    if _DIGITS.fullmatch(t):
        return float(t.replace(",", "").replace("−", "-"))
    low = tok.lower_
    if low in ONES:
        return ONES[low]
    if low in SCALES:
        return SCALES[low]
    return None


def _combine(values: list[tuple[str, float]]) -> float:
    """Word-number arithmetic: three hundred and fifty → 350; 1.2 billion → 1.2e9; a dozen → 12."""
    total, current = 0.0, 0.0
    for low, v in values:
        if low in ("hundred", "dozen"):
            current = (current or 1) * v
        elif low in SCALES:
            total += (current or 1) * v
            current = 0.0
        else:
            current += v
    return total + current


def _num(v: float) -> float | int:
    """The number as written: 8.2 x 1e12 is 8199999999999.999 in binary floating point, so the
    value is cut to 12 significant digits (more than any report writes) before it is stored."""
    v = float(f"{float(v):.12g}")
    return int(v) if v.is_integer() else round(v, 6)


class _Phrase:
    __slots__ = ("i", "j", "value", "vague", "suffix", "value_max")

    def __init__(self, i, j, value, vague, suffix=None, value_max=None):
        self.i, self.j = i, j          # tokens [i, j)
        self.value, self.vague = value, vague
        self.suffix = suffix           # letters glued to the digits: "bn" in "5bn"
        self.value_max = value_max     # how far a vague plural reaches


def _phrase(doc: Doc, i: int) -> _Phrase | None:
    """The number phrase starting at token i."""
    n = len(doc)
    tok = doc[i]
    low = tok.lower_
    m = _GLUED.fullmatch(tok.text)
    if m and not _DIGITS.fullmatch(tok.text):
        if m.group(2) == "s" or m.group(2).lower() in ("st", "nd", "rd", "th"):
            return None  # "1990s", "30th"
        return _Phrase(i, i + 1, float(m.group(1).replace(",", "")), False, m.group(2))
    if low == "couple":  # "a couple of"
        if i > 0 and doc[i - 1].lower_ == "a" and i + 1 < n and doc[i + 1].lower_ == "of":
            return _Phrase(i - 1, i + 1, 2, True)
        return None
    if low in VAGUE:  # "hundreds of", "tens of thousands of", "hundreds of thousands"
        j, value = i + 1, VAGUE[low]
        if j + 1 < n and doc[j].lower_ == "of" and doc[j + 1].lower_ in ("thousands", "millions", "billions"):
            value = (10 if low == "tens" else VAGUE[low] / 2) * VAGUE[doc[j + 1].lower_]
            j += 2
        elif low == "tens":
            return None
        return _Phrase(i, j, value, True, value_max=value * VAGUE_REACH)
    parts: list[tuple[str, float]] = []
    j = i
    while j < n:
        t = doc[j]
        v = _word_value(t)
        if v is None:
            # "twenty-five", "three hundred and fifty"
            if t.text == "-" and parts and j + 1 < n and not t.whitespace_ and doc[j - 1].lower_ in ONES \
                    and doc[j + 1].lower_ in ONES and ONES[doc[j - 1].lower_] >= 20:
                j += 1
                continue
            if t.lower_ == "and" and parts and parts[-1][0] in ("hundred", "thousand") and j + 1 < n \
                    and doc[j + 1].lower_ in ONES:
                j += 1
                continue
            break
        is_digit = t.text[-1].isdigit()
        if parts and is_digit:
            break  # "2015 26": two numbers
        if parts and parts[-1][0][-1].isdigit() and t.lower_ not in SCALES:
            break
        parts.append((t.lower_, v))
        j += 1
    if not parts:
        return None
    return _Phrase(i, j, _combine(parts), parts[0][0] == "dozen")


def doc_text(doc: Doc) -> str:
    """doc.text, joined once per Doc (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get("newsloom.text")
    if text is None:
        text = doc.user_data["newsloom.text"] = doc.text
    return text


def _candidates(doc: Doc, text: str) -> list[int]:
    """Indices of tokens that may start a number: like_num, a leading digit ("5bn"), or a number word."""
    arr = doc.to_array([LIKE_NUM, PREFIX])
    mask = arr[:, 0] != 0
    prefixes = arr[:, 1]
    for h in _digit_hashes(doc.vocab.strings):
        mask |= prefixes == h
    found = set(np.flatnonzero(mask).tolist())
    low = text.lower()
    for w in _EXTRA_WORDS:
        k = low.find(w)
        while k != -1:
            if (k == 0 or not low[k - 1].isalpha()):
                span = doc.char_span(k, k + len(w), alignment_mode="expand")
                if span is not None and len(span):
                    found.add(span.start)
            k = low.find(w, k + len(w))
    return sorted(found)


@lru_cache(maxsize=8)
def _digit_hashes(strings) -> tuple[int, ...]:
    return tuple(strings[str(d)] for d in range(10))


def extract_quantities(doc: Doc, text: str | None = None) -> list[Quantity]:
    """Numbers with the thing they count (see the module notes).

    `text` is doc.text when the caller has it already (joining it costs about as
    much as the rest of this function on a long article).
    """
    text = doc_text(doc) if text is None else text
    starts = _candidates(doc, text)
    starts.sort()
    phrases: list[_Phrase] = []
    done = -1
    for i in starts:
        if i < done:
            continue
        ph = _phrase(doc, i)
        if ph is None:
            continue
        phrases.append(ph)
        done = ph.j
    out: list[Quantity] = []
    k = 0
    while k < len(phrases):
        ph = phrases[k]
        nxt = phrases[k + 1] if k + 1 < len(phrases) else None
        q = None
        if nxt is not None and _range_between(doc, ph, nxt):
            q = _quantity(doc, text, ph, upper=nxt)
            if q is not None:
                k += 2
                out.append(q)
                continue
        q = _quantity(doc, text, ph)
        if q is not None:
            out.append(q)
        k += 1
    return out


def _range_between(doc: Doc, a: _Phrase, b: _Phrase) -> bool:
    if b.i - a.j != 1:
        return False
    mid = doc[a.j].lower_
    before = doc[a.i - 1].lower_ if a.i > 0 else ""
    if mid == "and":
        return before == "between"
    if mid in ("-", "–", "—", "to"):
        if mid == "-" and (doc[a.j - 1].whitespace_ or doc[a.j].whitespace_) and before != "from":
            return False
        if a.value > b.value:
            return False  # "254-175", "65-35": a tally or a score, not a range
        if before == "from" and a.i > 1 and doc[a.i - 1].head.lemma_.lower() in CHANGE_VERBS:
            return False
        if before == "by":
            return False  # "revised down by 1,000 to 405,000": a change, then the new level
        return True
    return False


def _excluded(doc: Doc, text: str, ph: _Phrase) -> bool:
    """Years, dates, times, ordinals and identifiers: not quantities."""
    first = doc[ph.i]
    t = first.text
    if ":" in t or "/" in t:
        return True
    if first.ent_type_ == "ORDINAL" and not t[0].isdigit() and first.lower_ not in ONES:
        return True
    if re.fullmatch(r"\d+(?:st|nd|rd|th)", t, re.I):
        return True
    s = first.idx
    before = text[max(0, s - 24):s]
    # glued to letters: "F-16", "Su 24" is rare; "COVID-19"; "+44"
    if s > 1 and text[s - 1] == "-" and text[s - 2].isalnum():
        return True
    if IDENTIFIER_BEFORE.search(before) and not (ph.j < len(doc) and doc[ph.j].pos_ == "NOUN"):
        return True
    if GROUP_NAME_BEFORE.search(before):
        return True  # "the Group of 7 wealthy nations", "a Group of 20 summit": a name, not 7 nations
    # the number follows the proper noun it names: "Resolution 2254", "Route 66"
    if ph.j - ph.i == 1 and first.dep_ in ("nummod", "appos", "npadvmod", "compound") \
            and first.head.i < first.i and first.head.pos_ == "PROPN":
        return True
    # dates: a month next to the number; a year
    prev = doc[ph.i - 1] if ph.i > 0 else None
    if prev is not None and prev.lower_.rstrip(".") in MONTHS:
        return True
    after = doc[ph.j] if ph.j < len(doc) else None
    if after is not None:
        nxt = after if after.lower_ != "of" or ph.j + 1 >= len(doc) else doc[ph.j + 1]
        if nxt.lower_.rstrip(".") in MONTHS and nxt.text[:1].isupper():
            return True
        if after.lower_ in ("am", "pm", "a.m.", "p.m.", "gmt", "bst", "utc", "o'clock", "o’clock", "hrs"):
            return True
        if after.lower_ in ("%", "percent") or (after.lower_ == "per" and ph.j + 1 < len(doc)
                                                 and doc[ph.j + 1].lower_ == "cent"):
            return False
    if ph.j - ph.i == 1 and _YEAR.fullmatch(t) and not ph.suffix:
        head = first.head
        counts_noun = first.dep_ == "nummod" and head.i > first.i and head.tag_ == "NNS" \
            and first.ent_type_ != "DATE"
        if not counts_noun and not (prev is not None and prev.text in CURRENCY_SYMBOLS):
            return True
    return False


def _unit_of(doc: Doc, ph: _Phrase) -> tuple[Token | None, list[Token]]:
    """The noun the phrase counts and the compounds kept before it."""
    root = doc[ph.j - 1]
    for t in doc[ph.i:ph.j]:
        if not (ph.i <= t.head.i < ph.j):
            root = t
            break
    head = root.head
    if head.i > root.i and root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "advmod") \
            and (head.pos_ in ("NOUN", "PROPN") or _bare(head) in MEASURE_UNITS) and head.i - ph.j < 8:
        # climb "missile" → "strikes" in "26 missile strikes"
        while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head
        if head.pos_ == "PROPN" and head.tag_ != "NNPS":
            return _plural_before(doc, ph.j, head), []  # none: a name, not a thing counted
        mods: list[Token] = []
        k = head.i - 1
        while k >= ph.j:
            t = doc[k]
            if t.dep_ in ("compound", "amod", "nmod") and t.tag_ in ("NN", "NNS") and not t.whitespace_ == "" \
                    and t.head.i <= head.i:
                mods.append(t)
                k -= 1
                continue
            break
        mods.reverse()
        return head, mods
    # "one of the targets", "hundreds of others"
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ == "of" and c.i == ph.j:
            for p in c.children:
                if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN"):
                    plural = _plural_before(doc, c.i + 1, p) if p.tag_ == "NNP" else None
                    return (p if plural is None else plural), []
    # spaCy sometimes hangs the unit elsewhere: "up to 50m" (50 ← m as pobj)
    if ph.j < len(doc):
        nxt = doc[ph.j]
        if _bare(nxt) in MEASURE_UNITS or nxt.lemma_.lower() in MEASURE_UNITS or nxt.lower_ in TIME_UNITS \
                or nxt.lemma_.lower() in TIME_UNITS:
            return nxt, []
    return None, []


def _plural_before(doc: Doc, start: int, head: Token) -> Token | None:
    """The first plural noun between a number and the proper noun the parser hung it on: in "two of the
    five Republicans House Minority Leader Kevin McCarthy tapped" it ran the counted noun into the name
    of the clause that follows."""
    return next((t for t in doc[start:head.i] if t.tag_ in ("NNS", "NNPS")), None)


def _quantity(doc: Doc, text: str, ph: _Phrase, upper: _Phrase | None = None) -> Quantity | None:
    if _excluded(doc, text, ph):
        return None
    n = len(doc)
    first = doc[ph.i]
    start_tok, end_tok = ph.i, (upper or ph).j  # token bounds of the evidence
    value = ph.value
    value_max = upper.value if upper is not None else ph.value_max
    approximate = ph.vague
    kind = "count"
    unit: str | None = None
    qualifier: str | None = None

    # a/an/half before a scale word: "a dozen", "a hundred", "half a million"
    if start_tok > 0 and doc[start_tok - 1].lower_ in ("a", "an") and first.lower_ in SCALES:
        start_tok -= 1
        if start_tok > 0 and doc[start_tok - 1].lower_ == "half":
            start_tok -= 1
            value = value / 2
    # currency before: "$2.5m", "US$5", "£300,000", "EUR 5"
    currency = None
    if start_tok > 0:
        p = doc[start_tok - 1]
        sym = p.lower_
        if sym in CURRENCY_SYMBOLS:
            currency = CURRENCY_SYMBOLS[sym]
            if sym == "$" and start_tok > 1 and not doc[start_tok - 2].whitespace_ \
                    and doc[start_tok - 2].lower_ + "$" in CURRENCY_SYMBOLS:
                currency = CURRENCY_SYMBOLS[doc[start_tok - 2].lower_ + "$"]
                start_tok -= 1
            start_tok -= 1
        elif sym in CURRENCY_CODES and p.text.isupper():
            currency = sym.upper()
            start_tok -= 1
    # scale glued or following: "5bn", "$2.5 m", "1.5bn"
    if ph.suffix:
        suf = ph.suffix.lower()
        if suf in SUFFIX_SCALES and (currency or suf in ("bn", "mn", "tn", "trn", "mln") or _counted_after(doc, end_tok)):
            value *= SUFFIX_SCALES[suf]
            if value_max is not None:
                value_max *= SUFFIX_SCALES[suf]
        elif suf == "%":
            kind, unit = "percent", "%"
        elif suf in MEASURE_UNITS:
            kind, unit = "measure", suf
        elif suf in TIME_UNITS:
            kind, unit = "duration", suf
    elif end_tok < n and currency and _bare(doc[end_tok]) in SUFFIX_SCALES:
        scale_tok = doc[end_tok]
        value *= SUFFIX_SCALES[_bare(scale_tok)]
        if value_max is not None:
            value_max *= SUFFIX_SCALES[_bare(scale_tok)]
        end_tok += 1
    elif end_tok < n and doc[end_tok].lower_ in ("bn", "mn", "mln", "tn", "trn"):
        value *= SUFFIX_SCALES[doc[end_tok].lower_]
        end_tok += 1
    elif end_tok < n and not doc[end_tok - 1].whitespace_ and doc[end_tok].lower_ in ("m", "k", "b"):
        # the tokenizer splits "60m": a scale before things counted, else a length ("50m pool")
        counted = _counted_after(doc, end_tok + 1)
        if counted is not None:
            value *= SUFFIX_SCALES[doc[end_tok].lower_]
            if value_max is not None:
                value_max *= SUFFIX_SCALES[doc[end_tok].lower_]
            unit = _singular(counted)  # the parser hangs the noun on the letter, not the number
            end_tok = counted.i
        elif doc[end_tok].lower_ in MEASURE_UNITS:
            kind, unit = "measure", doc[end_tok].lower_
        end_tok += 1
    if not currency and end_tok < n and doc[end_tok].lower_ in CURRENCY_CODES and doc[end_tok].text.isupper():
        currency = doc[end_tok].text  # "5 USD"
        end_tok += 1
    if currency:
        kind, unit = "money", currency

    after = doc[end_tok] if end_tok < n else None
    if kind == "count" and after is not None:
        low = after.lower_
        if low == "°":  # "5°C", "40 °F", "30°"
            nxt = doc[end_tok + 1] if end_tok + 1 < n else None
            kind, unit = "measure", "degree"
            end_tok += 1
            if nxt is not None and nxt.text in ("C", "F") and not after.whitespace_:
                unit = "°" + nxt.text.lower()
                end_tok += 1
        elif low in ("%", "percent", "pc") or (low == "per" and end_tok + 1 < n and doc[end_tok + 1].lower_ == "cent"):
            kind, unit = "percent", "%"
            end_tok += 2 if low == "per" else 1
        elif low == "percentage" and end_tok + 1 < n and doc[end_tok + 1].lemma_.lower() == "point":
            kind, unit = "percent", "percentage point"
            end_tok += 2
        elif low == "-" and not after.whitespace_ and end_tok + 1 < n:
            # "16-year-old", "two-day", "50-mile", "three-judge"
            w = doc[end_tok + 1]
            wl = w.lemma_.lower()
            if end_tok + 3 < n and doc[end_tok + 2].text == "-" and doc[end_tok + 3].lower_ == "old" \
                    and wl in TIME_UNITS:
                kind, unit = "age", wl
                end_tok += 4
            elif wl in TIME_UNITS:
                kind, unit = "duration", wl
                end_tok += 2
            elif w.lower_ in MEASURE_UNITS or wl in MEASURE_UNITS:
                kind, unit = "measure", w.lower_ if w.lower_ in MEASURE_UNITS else wl
                end_tok += 2
            elif wl in CURRENCY_WORDS:
                kind, unit = "money", CURRENCY_WORDS[wl]
                end_tok += 2
            elif w.pos_ == "NOUN":
                unit = wl
                end_tok += 2
            else:
                return None

    if unit is None and kind == "count":
        head, mods = _unit_of(doc, upper or ph)
        if head is None and upper is not None:
            head, mods = _unit_of(doc, ph)
        if head is not None:
            lemma = _singular(head)
            hl = _bare(head)
            if hl in MEASURE_UNITS or hl.rstrip("s") in MEASURE_UNITS and len(hl) <= 4:
                lemma = hl if hl in MEASURE_UNITS else hl.rstrip("s")
            if lemma in CURRENCY_WORDS and (lemma != "pound" and lemma != "cent"):
                kind, unit = "money", CURRENCY_WORDS[lemma]
            elif lemma in ("pound", "pounds") and (head.ent_type_ == "MONEY" or _next_lower(doc, head) == "sterling"):
                kind, unit = "money", "GBP"
            elif lemma in TIME_UNITS:
                if _next_lower(doc, head) == "ago":
                    return None  # a date: times.py has it
                if _next_lower(doc, head) == "old":
                    kind = "age"
                else:
                    kind = "duration"
                unit = lemma
            elif lemma in MEASURE_UNITS:
                kind, unit = "measure", lemma
            else:
                unit = " ".join([m.lower_ for m in mods] + [lemma])
                if unit.endswith("percentage point"):
                    kind, unit = "percent", "percentage point"
            if head.i >= end_tok:
                end_tok = head.i + 1
            if head.head.lower_ == "of" and head.head.head.i in range(ph.i, (upper or ph).j):
                end_tok = max(end_tok, head.i + 1)
        elif ph.j - ph.i == 1 and first.lower_ in SCALES and not ph.vague:
            return None  # "a hundred" with nothing counted is rare; "thousand" alone is noise
    # qualifier before
    lo = doc[start_tok].idx
    m = QUALIFIER_BEFORE.search(text, max(0, lo - 24), lo)
    if m:
        word = " ".join(m.group("q").lower().split())
        if word == "up to" and _to_a_new_level(doc, m.end("q") - 2):
            pass  # "was revised up to 590,000": a new level, not a ceiling
        elif word in ("between", "from"):
            if upper is not None:
                lo = m.start()
        else:
            qualifier = word
            lo = m.start()
            if word in APPROX:
                approximate = True
    if kind == "measure":
        unit, end_tok = _area_or_volume(doc, start_tok, end_tok, unit)
    last = doc[end_tok - 1]
    if unit is None and first.lower_ == "one" and upper is None and qualifier is None:
        return None  # "no one", "one said"; "at least one" stays
    hi = last.idx + len(last.text)
    if last.text.endswith(".") and len(last.text) > 1 and _bare(last) != last.lower_:
        hi -= 1  # "$2.5m." at the end of a sentence: the full stop is not part of it
    so = re.match(r"\s+or\s+so\b", text[hi:hi + 8])  # "100 or so"
    if so and unit is None:
        hi += so.end()
        approximate = True
    return Quantity(text=text[lo:hi], start=lo, end=hi, value=_num(value), unit=unit, approximate=approximate,
                    value_max=_num(value_max) if value_max is not None else None, qualifier=qualifier,
                    kind=kind, movement=_movement_part(doc, start_tok, end_tok) if qualifier is None else None)


def _area_or_volume(doc: Doc, start_tok: int, end_tok: int, unit: str | None) -> tuple[str | None, int]:
    """"40 square kilometres", "a 15,800-square-metre building", "2,000 sq ft", "500 cubic metres": the
    power word and the length it raises make one unit, which may follow the word read as the unit."""
    window = [t for t in doc[start_tok:min(len(doc), end_tok + 2)] if t.text != "-"]
    for power, length in zip(window, window[1:]):
        raised = POWERS.get(_bare(power))
        base = LENGTHS.get(_bare(length)) or LENGTHS.get(length.lemma_.lower())
        if raised and base:
            return f"{raised} {base}", max(end_tok, length.i + 1)
    return unit, end_tok


def _movement_part(doc: Doc, start_tok: int, end_tok: int) -> str | None:
    """Which part of a movement the number is: "by" how much ("fell 92,000", "rose 5%", "revised
    down by 1,000", "up 51,000", "a drop of 34,000") or "from" where ("fell to 498,000 from a
    revised 590,000"); None for a level ("fell to 498,000", "totaled 419,000")."""
    before = doc[start_tok - 1] if start_tok > 0 else None
    if before is None:
        return None
    if before.lower_ in ("up", "down") or before.lower_ == "by" and before.head.lemma_.lower() in CHANGE_VERBS:
        return "by"
    if before.lower_ == "of" and before.head.pos_ == "NOUN" and before.head.lemma_.lower() in CHANGE_VERBS:
        return "by"
    root = doc[start_tok:end_tok].root
    if root.dep_ in ("dobj", "npadvmod") and root.head.lemma_.lower() in CHANGE_VERBS and before.i == root.head.i:
        return "by"
    head = root.head if root.dep_ == "pobj" else None
    if head is not None and head.lower_ == "from" and head.head.lemma_.lower() in CHANGE_VERBS:
        return "from"
    return None


def _counted_after(doc: Doc, end_tok: int) -> Token | None:
    """The plural noun a scale letter counts: "60m doses", "60m active users", "10k runners"
    (a "100m sprint" or a "50m pool" is a length)."""
    for token in doc[end_tok:end_tok + 3]:
        if token.tag_ == "NNS":
            return token
        if token.tag_ not in ("JJ", "NN", "VBN"):
            return None
    return None


def _to_a_new_level(doc: Doc, char: int) -> bool:
    """"to" at this offset leads where a verb moved to ("revised up to", "climbed up to"),
    not a ceiling ("up to 50 inches", "affects up to 2,000 people")."""
    span = doc.char_span(char, char + 2)
    return span is not None and span[0].dep_ == "prep" and span[0].head.pos_ == "VERB"


_LEMMA_FIXES = {"dos": "dose", "people": "person", "others": "other"}


def _singular(tok: Token) -> str:
    """The lemma, lower case and singular; plural proper nouns ("Democrats") lose their s."""
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if tok.tag_ in ("NNS", "NNPS") and lemma == low and low.endswith("s") and not low.endswith("ss"):
        lemma = low[:-3] + "y" if low.endswith("ies") else low[:-1]
    return _LEMMA_FIXES.get(lemma, lemma)


def _bare(tok: Token) -> str:
    """Lower-case text, less a sentence's full stop the tokenizer left on a unit ("m." in "50m.")."""
    low = tok.lower_
    if low.endswith(".") and len(low) > 1 and (low[:-1] in MEASURE_UNITS or low[:-1] in SUFFIX_SCALES):
        return low[:-1]
    return low


def _next_lower(doc: Doc, tok: Token) -> str:
    return doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
