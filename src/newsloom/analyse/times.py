"""Time expressions, normalised against the article's publication date.

`extract_times(doc, published)` finds time expressions with a handful of regular
expressions over the cleaned text (what the small model misses or mis-bounds),
adds the model's own DATE/TIME entities where no rule fired, and resolves each
against the publication date. dateparser is used only for absolute numeric
forms no rule settles ("10/07/2015", "7.10.2015"), through a cache; it is
imported on first use.

Decisions (see also the tests):

* Evidence: `text[start:end]` is the expression, including a relation word
  ("since 30 September", "after 1 October"), a range's "between"/"from", and
  approximators ("about two weeks ago", "early March"); a bare "on"/"in"/"at" is
  not part of it.
* Tense comes from the governing verb: an aux "will"/"shall"/"'ll" (or "would"
  without "have") makes it future, a past form (VBD, "was"/"has" + participle)
  past; "last"/"next" in the expression override the verb. Weaker cues only
  lean: the verb is reached through a noun ("announced a hearing on Oct. 20") or
  an infinitive ("agreed to hear arguments on 1 November"), where only a future
  or a plan carries over ("were expected to inspect the blocks on Sunday"); "due to"/"plans to",
  "is scheduled for"; "by"/"until" (future), "since" (past); and a past verb
  bounding the event with "by"/"until"/"before" ("called for a pause until the
  end of September"), or a future one with "after"/"since". A present tense
  governing a weekday leans future, as news writes a schedule ("the order takes
  effect Saturday"), except for being, having and saying; otherwise a present
  tense says nothing; no verb, or a date naming an event ("the Jan. 6 riot"),
  leans past. Weekdays, seasons and the rest read a lean as the tense; with neither
  they count as past. "until at least Friday" is an end still to come: future.
* Recurrences ("every Monday", "each spring", "every other January") are kept
  with resolved None and granularity "unknown", as the model's "every week" is:
  they name no one day.
* Weekdays: past → the most recent such day on or before publication, the
  publication day included ("on Wednesday" published Wednesday 2015-10-07 →
  2015-10-07; dateparser says 2015-09-30 there); future → the next such day on or
  after publication (the same day included). "last Friday" is strictly before,
  "next Friday" strictly after publication.
* Day and month without a year ("30 September", "September 30th"), and months
  alone ("in March"): the nearest one to publication (previous, same or next
  year), as reporters add the year to far dates. A strict tense puts it on its
  side of publication (on or before for past, on or after for future: "took
  place on 30 October" published 7 October is last year's) unless the nearest
  is within 3 days (publication stamps run a day off); a lean does so only when
  the nearest is more than about two months (61 days) away. A month's part is
  measured as such: "until the end of September" published 4 August 2021 is
  2021-09-21 to 2021-09-30 (granularity "month", as for "late September").
* Parts of a day ("Wednesday morning", "this morning", "tonight") resolve to
  their day with granularity "time" and `time_of_day` naming the part;
  clock times ("10:30 GMT", "3pm") alone keep `resolved: None` unless joined to
  a day ("10:30 on Wednesday").
* "overnight" (past) is the night before publication: resolved = the day before
  publication, end_date = the publication day, granularity "time",
  time_of_day "night" (future: publication day to the next). "last night" is the
  day before publication.
* "a week ago", "N days/weeks ago" → the day that many days before publication,
  granularity "day"; "N months ago"/"N years ago" → that month/year.
  A preceding "about"/"some"/"nearly"/"more than"... marks it approximate.
* "last week"/"this week"/"next week": the calendar week (Monday to Sunday),
  granularity "week"; "last/this/next month/year" likewise. "the past week",
  "the last two weeks": the days up to publication, granularity "range".
* "early"/"mid"/"late" (and "the start/middle/end of"): days 1-10/11-20/21-end of
  a month, January-April/May-August/September-December of a year, years 0-3/
  4-6/7-9 of a decade; approximate=True, granularity of the unit named (month,
  year; decades are "range").
* Decades ("the 1990s") and year spans are granularity "range"; seasons (northern
  hemisphere: spring = March-May, ...) are "range".
* Durations ("more than four years", "months", "its week of strikes") are kept,
  with granularity "duration" and resolved None; quantities.py gives their
  number as kind "duration".
* Without a publication date everything relative keeps resolved None, as do a
  day or month without a year; absolute dates and years still resolve.
* Numeric dates go to dateparser with its English default order (month first:
  "10/07/2015" → 2015-10-07).
* Relation words: since (also "from" without "to", "as from"), after, before
  (also "prior to", "ahead of"), until (also "till", "through", "up to"), by.
  "As of Tuesday" is kept in the text with no relation: the day a figure holds
  ("as of Tuesday, 8% of stations were dry"), not a bound.
* Expressions anchored on another event of the story ("the next day", "six
  months later", "the previous year") and the model's other DATE/TIME entities
  ("the weekend", "Election Day") are kept with resolved None, granularity
  "unknown".
* Bare month names and years need a date context ("in May", "since 2011", a
  DATE entity): "Theresa May" and "$2015" are not dates. Weekday names in names
  ("Good Friday", "the Mail on Sunday") are not days.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Doc

from ..model import TimeRef
from .quantities import doc_text

__all__ = ["extract_times"]

# ---------------------------------------------------------------------------
# vocabulary

_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
MONTHS: dict[str, int] = {}
for _i, _name in enumerate(_MONTH_NAMES, 1):
    MONTHS[_name.lower()] = _i
    MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                "a couple of": 2, "a few": 3, "several": 3}
VAGUE_NUMBERS = {"a couple of", "a few", "several"}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
PARTS_OF_DAY = ("morning", "afternoon", "evening", "night", "lunchtime", "midday")

# ---------------------------------------------------------------------------
# patterns (case matters for month and day names: "may", "march", "sun")

_MON_FULL = "|".join(_MONTH_NAMES)
_MON_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MON = rf"(?:{_MON_FULL}|{_MON_ABBR})"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_NOTNUM = r"(?![\d,.:]?\d)"  # not followed by more digits ("30,000", "3.5", "10:30")
_Y = rf"(?:,?\s+(?P<y>{_YEAR}){_NOTNUM})?"
_NUMW = r"(?:\d+|(?i:a\s+couple\s+of|a\s+few|several|an?|one|two|three|four|five|six|seven|eight" \
        r"|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty))"
_UNIT = r"(?i:(?P<unit>day|week|fortnight|month|year|decade)s?)"
_PART = rf"(?i:{'|'.join(PARTS_OF_DAY)})"
_DASH = r"\s*(?:-|–|—|(?i:to|until|till|through|and))\s*"

_TOD = r"(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*(?i:am|pm|a\.m\.|p\.m\.))?|(?:1[0-2]|0?[1-9])(?:[.:][0-5]\d)?\s*" \
       r"(?i:am|pm|a\.m\.|p\.m\.)"
_TZ = r"(?:\s+(?P<tz>GMT|BST|UTC|EST|EDT|CET|CEST|(?i:local\s+time)))?"


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern)


# Each pattern starts at an anchor (a digit run, a month or day name, a keyword)
# and is tried there with .match; what may stand before an anchor ("between",
# "early", "last", "the") is read by the _PRE_* patterns. Scanning the text once
# for anchors keeps this well under a millisecond on a long article.
DIGIT_PATTERNS = [(name, _rx(rx)) for name, rx in [
    ("drange", rf"(?P<d1>{_DAY})\b{_DASH}(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m>{_MON})(?!\w){_Y}"),
    ("dmy", rf"(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MON})(?!\w){_Y}"),
    ("iso", rf"(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"),
    ("numeric", r"\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b(?![\d.,/]\d)"),
    ("yrange", rf"(?P<y1>{_YEAR})(?:\s*[-–—]\s*|\s+(?i:to|and|until)\s+)(?P<y2>{_YEAR}|\d\d)\b{_NOTNUM}"),
    ("year", rf"(?P<y>{_YEAR})\b{_NOTNUM}(?!\s*(?:%|per\s*cent|percent))"),
    ("decade", r"(?P<dec>(?:1[5-9]|20)\d0)s\b"),
    ("century", r"(?P<c>1\d|2[01])(?:st|nd|rd|th)\s+(?i:century)\b"),
    ("tod", rf"(?P<t>{_TOD})(?!\w){_TZ}"),
]]
MONTH_PATTERNS = [(name, _rx(rx)) for name, rx in [
    ("mdrange", rf"(?P<m>{_MON})\s+(?P<d1>{_DAY})\b{_DASH}(?P<d2>{_DAY})\b{_NOTNUM}{_Y}"),
    ("mdy", rf"(?P<m>{_MON})\s+(?:the\s+)?(?P<d>{_DAY})\b{_NOTNUM}(?!\s*(?:%|per|percent)){_Y}"),
    ("my", rf"(?P<m>{_MON_FULL})(?:\s+of)?\s+(?P<y>{_YEAR}){_NOTNUM}"),
    ("month", rf"(?P<m>{_MON_FULL})\b(?!\s*\d)"),
]]
WEEKDAY_PATTERNS = [("weekday", _rx(rf"(?P<wd>{_WD})\b(?:\s+(?P<part>{_PART})\b)?"))]
DECADE2_PATTERNS = [("decade", _rx(r"[’'](?P<dec2>\d0)s\b"))]
DEICTIC_PATTERNS = [("deictic", _rx(r"(?P<w>(?i:today|tonight|overnight|(?:yesterday|tomorrow)"
                                    r"(?:\s+(?:morning|afternoon|evening))?))\b"))]
_RELPERIOD = ("relperiod", _rx(rf"(?P<rel>(?i:last|this|next|past|coming))\s+(?:(?P<n>{_NUMW})\s+)?"
                               rf"(?P<unit>(?i:weekend|week|fortnight|month|year|decade|day)s?)\b"))
KEYWORD_PATTERNS = {
    "last": [("deictic", _rx(r"(?P<w>(?i:last)\s+night)\b")), _RELPERIOD],
    "this": [("deictic", _rx(r"(?P<w>(?i:this)\s+(?:morning|afternoon|evening))\b")), _RELPERIOD],
    "next": [_RELPERIOD], "past": [_RELPERIOD], "coming": [_RELPERIOD],
    "season": [("season", _rx(rf"(?P<s>(?i:spring|summer|autumn|fall|winter))"
                              rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR}){_NOTNUM})?\b"))],
    "noon": [("tod", _rx(rf"(?P<t>(?i:noon|midnight))\b{_TZ}"))],
}
_AGO = _rx(rf"(?:(?P<q>(?i:about|around|approximately|roughly|nearly|almost|some|more\s+than|over|"
           rf"less\s+than|just\s+over|just\s+under|at\s+least))\s+)?\b(?P<n>{_NUMW})\s+{_UNIT}\s+(?i:ago)$")
_KEYWORDS = ("today", "yesterday", "tomorrow", "tonight", "overnight", "last", "this", "next", "past", "coming",
             "spring", "summer", "autumn", "fall", "winter", "noon", "midnight", "ago")
_MONTH_ABBRS = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]
_ANCHOR_DIGITS = re.compile(r"[’']?\d+")
_ANCHOR_NAMES = re.compile("(?:" + "|".join(sorted(_MONTH_NAMES + _MONTH_ABBRS + list(WEEKDAY_NAMES),
                                                   key=len, reverse=True)) + ")")
_ANCHOR_KIND = {w: "month" for w in _MONTH_NAMES + _MONTH_ABBRS}
_ANCHOR_KIND.update({w: "weekday" for w in WEEKDAY_NAMES})
for _w in ("today", "yesterday", "tomorrow", "tonight", "overnight"):
    _ANCHOR_KIND[_w] = _ANCHOR_KIND[_w.capitalize()] = "deictic"
for _w in ("last", "this", "next", "past", "coming", "noon", "midnight"):
    _ANCHOR_KIND[_w] = _ANCHOR_KIND[_w.capitalize()] = "noon" if _w == "midnight" else _w
for _w in SEASONS:
    _ANCHOR_KIND[_w] = _ANCHOR_KIND[_w.capitalize()] = "season"
_ANCHOR_KIND["ago"] = "ago"

_PRE_RANGE = re.compile(r"\b(?P<pre>[Bb]etween|[Ff]rom)\s+$")
_PRE_MOD = re.compile(r"\b(?P<mod>[Ee]arly|[Mm]id|[Ll]ate|[Tt]he\s+end\s+of|[Tt]he\s+start\s+of|"
                      r"[Tt]he\s+beginning\s+of|[Tt]he\s+middle\s+of|[Ee]nd)(?:\s+|-)$")
_PRE_REL = re.compile(r"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)\s+$")
_PRE_THE = re.compile(r"\b(?P<the>[Tt]he|[Oo]ver\s+the|[Ii]n\s+the|[Dd]uring\s+the|[Ff]or\s+the)\s+$")
_PRE_THE_ONLY = re.compile(r"\b[Tt]he\s+$")

# Weekday names that are something else ("Good Friday", "the Mail on Sunday").
_WD_BEFORE_BAD = re.compile(r"(?:Good|Black|Super|Ash|Bloody|Holy|Palm|Easter|Cyber|Maundy|Shrove|Mail\s+on)\s+$")
_WD_AFTER_BAD = re.compile(r"\s+(?:Times|Telegraph|Express|Mirror|Mail|People|Herald|Post|Star|Independent"
                           r"|Night\s+Live|School|League|Club)\b")
# Words that make a bare month name or a bare year a date ("in May", "since 2011").
_CONTEXT_BEFORE = re.compile(
    r"(?i:\b(?:in|since|by|until|till|from|of|during|before|after|to|and|between|early|late|end|around"
    r"|last|next|this|every|each|through|throughout|on|for|the|until|as\s+of|prior\s+to|ahead\s+of|"
    r"beginning|start|middle|mid))(?:\s+|-)$")
_REL_BEFORE = re.compile(
    r"(?i:\b(?P<r>since|after|before|until|till|up\s+to|up\s+until|by|from|as\s+of|as\s+from|prior\s+to"
    r"|ahead\s+of|through|no\s+later\s+than|not\s+before|no\s+earlier\s+than)\s+(?:at\s+least\s+)?)$")
# "every Monday", "each spring": a recurrence, not one day to resolve
_EVERY_BEFORE = re.compile(r"(?i:\b(?:every|each)\s+(?:other\s+|single\s+)?)$")
_RECURRING_KINDS = ("weekday", "season", "month")
_APPROX_BEFORE = re.compile(
    r"(?i:\b(?P<a>about|around|approximately|roughly|nearly|almost|circa|c\.|some\s*time\s+in|sometime\s+in)\s+)$")
_REL_MAP = {"since": "since", "from": "since", "as of": None, "as from": "since", "after": "after",
            "no earlier than": "after", "not before": "after", "before": "before", "prior to": "before",
            "ahead of": "before", "until": "until", "till": "until", "up to": "until", "up until": "until",
            "through": "until", "by": "by", "no later than": "by"}
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|(?i:to|until|till|through|and))\s*$")
_TOD_AFTER_DAY_GAP = re.compile(r"\s*,?\s*(?i:at\s+|from\s+)?$")
_DAY_AFTER_TOD_GAP = re.compile(r"\s*,?\s*(?i:on\s+)?$")
_WD_DATE_GAP = re.compile(r",?\s*(?i:the\s+)?$")
_TEMPORAL_WORD = re.compile(
    rf"(?i:\b(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies)"
    rf"|weekends?|today|tonight|tomorrow|yesterday|morning|afternoon|evening|noon|midnight|annual|spring|summer"
    rf"|autumn|winter|{_MON_FULL}|{'|'.join(WEEKDAY_NAMES)})\b)|\b{_YEAR}\b")
_DURATION_UNIT = re.compile(r"(?i:\b(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?"
                            r"|decades?|centur(?:y|ies))\b)")
_QUANTIFIED = re.compile(r"(?i:\b(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                         r"|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?"
                         r"|few|several|many|more|some|couple|dozens?|half|whole|entire|its|their|his|her)\b)")
_NUMERIC_DATE = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\b" + _YEAR + r"\b")


# ---------------------------------------------------------------------------
# specs: what an expression says, before it is resolved against a date


@dataclass
class _Spec:
    kind: str
    start: int
    end: int
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y2: int | None = None
    d2: int | None = None
    wd: int | None = None
    n: int | None = None
    unit: str | None = None
    rel: str | None = None          # last | this | next | past | coming ...
    mod: str | None = None          # early | mid | late
    part: str | None = None         # part of day or clock time
    word: str | None = None
    approx: bool = False
    relation: str | None = None
    open_end: bool = False          # "until at least Friday": the end is not known yet
    text: str = ""
    sub: list["_Spec"] = field(default_factory=list)


def _int(s: str | None) -> int | None:
    if s is None:
        return None
    return int(re.sub(r"\D", "", s))


def _month(s: str) -> int:
    key = s.lower().rstrip(".")
    return MONTHS.get(key) or MONTHS[key[:3]]


def _mod(s: str | None) -> str | None:
    if not s:
        return None
    s = " ".join(s.lower().split())
    if s in ("early", "the start of", "the beginning of"):
        return "early"
    if s in ("mid", "the middle of"):
        return "mid"
    return "late"  # late, end, the end of


def _number(s: str) -> tuple[int, bool]:
    s = " ".join(s.lower().split())
    if s.isdigit():
        return int(s), False
    return NUMBER_WORDS.get(s, 1), s in VAGUE_NUMBERS


_PREFIXES = {
    "drange": (_PRE_RANGE,), "mdrange": (_PRE_RANGE,), "yrange": (_PRE_RANGE,), "dmy": (_PRE_THE_ONLY,),
    "my": (_PRE_MOD,), "year": (_PRE_MOD,), "month": (_PRE_MOD, _PRE_REL), "decade": (_PRE_MOD, _PRE_THE_ONLY),
    "century": (_PRE_MOD, _PRE_THE_ONLY), "weekday": (_PRE_REL,), "season": (_PRE_REL, _PRE_THE_ONLY),
    "relperiod": (_PRE_THE,),
}


def _prefix(name: str, text: str, s: int, g: dict) -> int:
    """Read the words allowed before this kind of expression into g; the new start."""
    for rx in _PREFIXES.get(name, ()):
        m = rx.search(text, max(0, s - 24), s)
        if m is None:
            continue
        g.update({k: v for k, v in m.groupdict().items() if v})
        s = m.start()
        if rx is _PRE_REL or rx is _PRE_MOD and name == "month":
            break  # "last March" or "early March", not both
    return s


def _spec_from(name: str, m: re.Match, s: int, g: dict, text: str, ents: bytearray) -> _Spec | None:
    e = m.end()
    if name in ("drange", "mdrange"):
        spec = _Spec("drange", s, e, y=_int(g.get("y")), m=_month(g["m"]), d=_int(g["d1"]), d2=_int(g["d2"]))
        joined_by_and = re.search(r"(?i)\band\b", m.group(0)) is not None
        pre = (g.get("pre") or "").lower()
        if spec.d > spec.d2 or (joined_by_and and pre != "between") or (pre == "between" and not joined_by_and):
            return None  # "3 and 5 March" without "between" is a list, not a range
        return spec
    if name in ("dmy", "mdy", "iso"):
        mon = int(g["m"]) if name == "iso" else _month(g["m"])
        return _Spec("date", s, e, y=_int(g.get("y")), m=mon, d=_int(g["d"]))
    if name == "numeric":
        return _Spec("numeric", s, e, text=m.group(0))
    if name == "my":
        return _Spec("month", s, e, y=int(g["y"]), m=_month(g["m"]), mod=_mod(g.get("mod")),
                     approx=bool(g.get("mod")))
    if name == "season":
        if not (g.get("rel") or g.get("y") or ents[m.start()]):
            return None
        return _Spec("season", s, e, y=_int(g.get("y")), word=g["s"].lower().replace("fall", "autumn"),
                     rel=(g.get("rel") or "").lower() or None)
    if name == "decade":
        y = int(g["dec"]) if g.get("dec") else 1900 + int(g["dec2"])
        return _Spec("decade", s, e, y=y, mod=_mod(g.get("mod")), approx=bool(g.get("mod")))
    if name == "century":
        y = (int(g["c"]) - 1) * 100  # the 20th century: 1900-1999, as it is spoken of
        return _Spec("decade", s, e, y=y, mod=_mod(g.get("mod")), approx=bool(g.get("mod")), unit="century")
    if name == "yrange":
        y1, y2s = int(g["y1"]), g["y2"]
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        if y2 <= y1 or y2 - y1 > 200:
            return None
        pre = (g.get("pre") or "").lower()
        word = re.search(r"(?i)\b(and|to|until)\b", m.group(0))
        by_and = word is not None and word.group(1).lower() == "and"
        if by_and != (pre == "between"):
            return None
        return _Spec("yrange", s, e, y=y1, y2=y2)
    if name == "year":
        ys = m.start()
        if ys > 0 and text[ys - 1] in "$£€.,#/-" and not g.get("mod"):
            return None
        if not (g.get("mod") or ents[ys] or _CONTEXT_BEFORE.search(text, max(0, ys - 24), ys)):
            return None
        return _Spec("year", s, e, y=int(g["y"]), mod=_mod(g.get("mod")), approx=bool(g.get("mod")))
    if name == "month":
        ms = m.start()
        if not (g.get("rel") or g.get("mod") or ents[ms] or _CONTEXT_BEFORE.search(text, max(0, ms - 24), ms)):
            return None
        return _Spec("month", s, e, m=_month(g["m"]), rel=(g.get("rel") or "").lower() or None,
                     mod=_mod(g.get("mod")), approx=bool(g.get("mod")))
    if name == "weekday":
        ws = m.start()
        if _WD_BEFORE_BAD.search(text, max(0, ws - 16), ws) or _WD_AFTER_BAD.match(text, m.end("wd")):
            return _Spec("skip", ws, m.end("wd"))  # a name, not a day: keeps the model's entity out too
        part = g.get("part")
        return _Spec("weekday", s, e, wd=WEEKDAYS[g["wd"].lower()], rel=(g.get("rel") or "").lower() or None,
                     part=part.lower() if part else None)
    if name == "deictic":
        return _Spec("deictic", s, e, word=" ".join(g["w"].lower().split()))
    if name == "relperiod":
        unit = g["unit"].lower().rstrip("s")
        rel = g["rel"].lower()
        n, vague = _number(g["n"]) if g.get("n") else (1, False)
        the = bool(g.get("the")) or (bool(g.get("n")) and rel in ("last", "past", "next", "coming"))
        if (g.get("n") and not the) or (unit == "day" and not g.get("n")):
            return None  # "the next day" points at another day in the story, not at publication
        if g.get("the"):  # "over the past week": the evidence starts at "the"
            s += g["the"].lower().rindex("the")
        return _Spec("relperiod", s, e, rel=rel, unit=unit, n=n, approx=vague, word="the" if the else None)
    if name == "tod":
        return _Spec("tod", s, e, part=_clock(g["t"]))
    return None


def _clock(t: str) -> str:
    t = t.lower().replace(".", "").replace(" ", "")
    if t in ("noon", "midnight"):
        return "12:00" if t == "noon" else "00:00"
    mm = re.match(r"(\d{1,2})(?::?(\d{2}))?(am|pm)?$", t)
    if not mm:
        return t
    h, mi, ap = int(mm.group(1)), int(mm.group(2) or 0), mm.group(3)
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    return f"{h:02d}:{mi:02d}"


# ---------------------------------------------------------------------------
# finding


def _ent_mask(doc: Doc, size: int) -> tuple[bytearray, list]:
    mask = bytearray(size + 1)
    ents = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            mask[ent.start_char:ent.end_char] = b"\x01" * (ent.end_char - ent.start_char)
            ents.append(ent)
    return mask, ents


def _anchors(text: str) -> list[tuple[int, str]]:
    """Where an expression may start: digit runs, month and day names, keywords (one cheap pass each)."""
    out = [(m.start(), m.group(0)) for m in _ANCHOR_DIGITS.finditer(text)]
    out.extend((m.start(), m.group(0)) for m in _ANCHOR_NAMES.finditer(text))
    low = text.lower()
    for w in _KEYWORDS:
        k = low.find(w)
        while k != -1:
            e = k + len(w)
            if (k == 0 or not low[k - 1].isalpha()) and (e == len(low) or not low[e].isalpha()):
                out.append((k, w))
            k = low.find(w, e)
    return out


def _find_specs(text: str, mask: bytearray) -> list[_Spec]:
    found: list[_Spec] = []
    for pos, word in _anchors(text):
        before = text[pos - 1] if pos else " "
        if word[0] in "’'" and text.startswith("0s", pos + 2):
            patterns = DECADE2_PATTERNS
        elif word[0] in "’'" or word[0].isdigit():
            if word[0] in "’'":
                pos, word, before = pos + 1, word[1:], word[0]
            if before.isalnum() or (before in ",." and pos > 1 and text[pos - 2].isdigit()):
                continue  # "MH17", the "500" of "1,500"
            patterns = DIGIT_PATTERNS
        else:
            if before.isalpha() or (pos + len(word) < len(text) and text[pos + len(word)].isalpha()):
                continue
            kind = _ANCHOR_KIND[word]
            if kind == "ago":
                am2 = _AGO.search(text, max(0, pos - 48), pos + 3)
                if am2:
                    n, vague = _number(am2.group("n"))
                    found.append(_Spec("ago", am2.start(), am2.end(), n=n, unit=am2.group("unit").lower(),
                                       approx=vague or bool(am2.group("q"))))
                continue
            patterns = (MONTH_PATTERNS if kind == "month" else WEEKDAY_PATTERNS if kind == "weekday" else
                        DEICTIC_PATTERNS if kind == "deictic" else KEYWORD_PATTERNS[kind])
        for name, rx in patterns:
            m = rx.match(text, pos)
            if m is None:
                continue
            g = m.groupdict()
            s = _prefix(name, text, pos, g)
            spec = _spec_from(name, m, s, g, text, mask)
            if spec is not None:
                found.append(spec)
    # longest first, then earliest; keep what does not overlap something kept
    found.sort(key=lambda sp: (-(sp.end - sp.start), sp.start))
    kept: list[_Spec] = []
    taken = bytearray(len(text) + 1)
    for sp in found:
        if any(taken[sp.start:sp.end]):
            continue
        taken[sp.start:sp.end] = b"\x01" * (sp.end - sp.start)
        kept.append(sp)
    kept.sort(key=lambda sp: sp.start)
    return _merge(kept, text)


_DAYLIKE = {"date", "weekday", "deictic"}
_RANGEABLE = {"date", "weekday", "month", "year", "numeric"}


def _merge(specs: list[_Spec], text: str) -> list[_Spec]:
    """Join neighbours: "Wednesday, 7 October"; "Wednesday at 10:30"; "from Monday to Wednesday"."""
    out: list[_Spec] = []
    i = 0
    while i < len(specs):
        a = specs[i]
        b = specs[i + 1] if i + 1 < len(specs) else None
        if b is not None:
            gap = text[a.end:b.start]
            if a.kind == "weekday" and a.rel is None and a.part is None and b.kind == "date" \
                    and _WD_DATE_GAP.fullmatch(gap):
                out.append(replace(b, start=a.start))
                i += 2
                continue
            if a.kind in _DAYLIKE and b.kind == "tod" and a.part is None and _TOD_AFTER_DAY_GAP.fullmatch(gap):
                out.append(replace(a, end=b.end, part=b.part))
                i += 2
                continue
            if a.kind == "tod" and b.kind in _DAYLIKE and b.part is None and _DAY_AFTER_TOD_GAP.fullmatch(gap):
                out.append(replace(b, start=a.start, part=a.part))
                i += 2
                continue
            if a.kind in _RANGEABLE and b.kind in _RANGEABLE and _RANGE_GAP.fullmatch(gap) \
                    and len(gap) < 12:
                word = gap.strip().lower()
                pre = re.search(r"(?i)\b(between|from)\s+$", text[max(0, a.start - 10):a.start])
                ok = (word == "and" and pre and pre.group(1).lower() == "between") or \
                     (word != "and" and not (pre and pre.group(1).lower() == "between"))
                if ok and (a.kind == b.kind or {a.kind, b.kind} <= {"date", "numeric"}):
                    start = a.start - (len(pre.group(0)) if pre else 0)
                    out.append(_Spec("range", start, b.end, sub=[a, b]))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _extend_left(spec: _Spec, text: str) -> None:
    """Take in "about" and relation words just before the expression."""
    if spec.kind in ("range", "drange", "yrange") and re.match(r"(?i)between|from", text[spec.start:]):
        return
    lo = max(0, spec.start - 24)
    if text[spec.end:spec.end + 2] in ("'s", "’s"):
        return  # "before Wednesday's vote": the possessive modifies the noun, not the clause
    a = _APPROX_BEFORE.search(text, lo, spec.start)
    if a:
        spec.start = a.start()
        spec.approx = True
        lo = max(0, spec.start - 24)
    r = _REL_BEFORE.search(text, lo, spec.start)
    if r:
        spec.relation = _REL_MAP[" ".join(r.group("r").lower().split())]
        spec.open_end = spec.relation == "until" and "least" in r.group(0).lower()
        spec.start = r.start()


# ---------------------------------------------------------------------------
# tense


_FUTURE_AUX = {"will", "shall", "'ll", "wo", "’ll"}
_FUTURE_HEADS = {"due", "set", "plan", "expect", "schedule", "go", "intend", "prepare", "aim"}
_SCHEDULED = {"schedule", "set", "slate", "plan", "expect", "due", "postpone", "reschedule", "delay"}
_MODALS = {"must", "can", "should", "may", "might", "could", "need", "ca"}
# present-tense verbs that date nothing ahead: being, having, saying, showing and standing ("is in
# Geneva on Tuesday", "says on Tuesday", "data show", "remains closed Monday")
_PRESENT_SAYS_NOTHING = {"be", "have", "say", "tell", "report", "show", "remain", "stand"}
_REL_LEAN = {"by": "future", "until": "future", "since": "past"}
# An event bounded by the date says nothing of the date's own side: "called for a pause until
# the end of September" (past verb, coming date), "will reopen after 1 October" (future verb, past date).
_BOUNDS_ONLY = {"past": ("by", "until", "before"), "future": ("after", "since")}
_NAMING_DEPS = {"compound", "nmod", "amod", "npadvmod", "nummod", "poss"}


@dataclass(frozen=True)
class _Tense:
    """strict: a verb that fixes the side of publication; lean: a weaker cue, for far dates only."""
    strict: str | None = None       # "past" | "future"
    lean: str | None = None

    @property
    def future(self) -> bool:
        return self.strict == "future" or (self.strict is None and self.lean == "future")


_PAST_T, _FUTURE_T, _OPEN_T = _Tense("past"), _Tense("future"), _Tense()


def _tense(doc: Doc, spec: _Spec) -> _Tense:
    """The tense of the verb the expression hangs on; a noun or an infinitive between weakens it to a lean."""
    if spec.rel in ("next", "coming"):
        return _FUTURE_T
    if spec.rel in ("last", "past"):
        return _PAST_T
    if spec.open_end:  # "suspended sailings until at least Friday": an end still to come
        return _FUTURE_T
    rel_lean = _REL_LEAN.get(spec.relation or "")
    default = _Tense(None, rel_lean or "past")  # news mostly looks back
    span = doc.char_span(spec.start, spec.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return default
    tok, weak = span.root, False
    if tok.dep_ in _NAMING_DEPS and tok.head.i >= span.end and tok.head.pos_ in ("NOUN", "PROPN"):
        return default  # "the Jan. 6 riot": a date naming an event, whatever the clause's tense
    for _ in range(8):
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _FUTURE_HEADS and tok.pos_ != "VERB":
            return _weigh("lean-future", weak, spec.relation, rel_lean)  # "was due to end" (end tagged a noun)
        if tok.pos_ in ("VERB", "AUX"):
            got = _verb_tense(tok)
            if (got == "present" and not weak and spec.wd is not None
                    and tok.lemma_.lower() not in _PRESENT_SAYS_NOTHING):
                got = "lean-future"  # "takes effect Saturday", "gets underway on Friday": a schedule
            if got == "infinitive":
                weak = True  # "agreed to hear arguments on Nov. 1": the hearing is not the agreeing
            elif got is not None:
                return _weigh(got, weak, spec.relation, rel_lean)
        elif tok.i not in range(span.start, span.end) and tok.pos_ in ("NOUN", "PROPN", "PRON"):
            weak = True  # "announced a hearing on Oct. 20": the date belongs to the hearing
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return default


def _weigh(got: str, weak: bool, relation: str | None, rel_lean: str | None) -> _Tense:
    """A verb's tense as found: strict when it governs the date itself, else a lean."""
    if weak:  # only a future carries over the noun or infinitive between ("plans to hold a vote on Sunday")
        return _Tense(None, rel_lean or ("future" if got in ("future", "lean-future") else "past"))
    if got == "lean-future":
        return _Tense(None, rel_lean or "future")
    if got == "present":  # "takes effect in March", but also "is stalled after a vote in March"
        return _Tense(None, rel_lean)
    if relation in _BOUNDS_ONLY[got]:
        return _Tense(None, got)
    return _Tense(got)


def _verb_tense(tok) -> str | None:
    """future | past | present | lean-future | infinitive, or None for a form that takes its head's tense."""
    auxes = {c.lower_: c for c in tok.children if c.dep_ in ("aux", "auxpass")}
    for a in list(auxes.values()):  # "have stayed shut": the small model hangs "have" on "stayed"
        auxes.update({c.lower_: c for c in a.children if c.dep_ in ("aux", "auxpass")})
    if auxes.keys() & _FUTURE_AUX or ("would" in auxes and "have" not in auxes):
        return "future"
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _FUTURE_HEADS:
        return "lean-future"  # "due to resume", "plans to hold"
    if tok.tag_ == "VBN" and tok.lemma_.lower() in _SCHEDULED:
        return "lean-future"  # "is scheduled for", "was set for": a date named ahead
    if tok.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes.values()):
        return "past"
    if auxes.keys() & _MODALS or any(a.tag_ in ("VBZ", "VBP") for a in auxes.values()):
        return "present"
    if "to" in auxes:
        return "infinitive"
    if tok.tag_ == "VBN" and not auxes:
        return "past"  # "the bill passed on 3 March"
    if tok.tag_ in ("VBZ", "VBP") or "Fin" in tok.morph.get("VerbForm"):
        return "present"
    return None  # "be vaccinated", "sending": a participle or bare form joined to a governing verb


# ---------------------------------------------------------------------------
# resolving


def _month_last(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _thirds(first: date, last: date, mod: str | None, unit: str) -> tuple[date, date]:
    if not mod:
        return first, last
    if unit == "month":
        bounds = {"early": (1, 10), "mid": (11, 20), "late": (21, last.day)}[mod]
        return first.replace(day=bounds[0]), first.replace(day=bounds[1])
    if unit == "year":
        months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[mod]
        return date(first.year, months[0], 1), _month_last(first.year, months[1])
    if unit == "century":
        years = {"early": (0, 32), "mid": (33, 66), "late": (67, 99)}[mod]
    else:
        years = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[mod]  # decade
    return date(first.year + years[0], 1, 1), date(first.year + years[1], 12, 31)


# A month-day without a year names the nearest such date: reporters add the year when it is far.
_NEAR_DAYS = 61   # within about two months only a verb's tense can move the date to the other side
_SLACK_DAYS = 3   # publication stamps run a day or so off: this close, not even the tense flips the year


def _side_year(m: int, d: int | None, ref: date, future: bool) -> int:
    """The year that puts month (and day) on the asked side of ref, ref's own day or month included."""
    key, refkey = (m, d or 0), (ref.month, ref.day if d else 0)
    if future:
        return ref.year if key >= refkey else ref.year + 1
    return ref.year if key <= refkey else ref.year - 1


def _gap(first: date, last: date, ref: date) -> int:
    """Signed days from ref to a period: 0 inside it, positive ahead."""
    return (first - ref).days if ref < first else (last - ref).days if ref > last else 0


def _pick_year(m: int, d: int | None, ref: date, tense: _Tense, mod: str | None = None) -> int | None:
    """The year of a month (and day) stated without one (see the module notes); None for 29 February alone."""
    gaps = {}
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            first, last = (date(y, m, d),) * 2 if d else _thirds(date(y, m, 1), _month_last(y, m), mod, "month")
        except ValueError:  # 29 February outside a leap year
            continue
        gaps[y] = _gap(first, last, ref)
    if not gaps:
        return None
    ahead_first = tense.future
    nearest = min(gaps, key=lambda y: (abs(gaps[y]), (gaps[y] < 0) == ahead_first))
    far = abs(gaps[nearest]) > _NEAR_DAYS
    side = tense.strict or (tense.lean if far else None)
    if side is None or abs(gaps[nearest]) <= _SLACK_DAYS:
        return nearest
    y = _side_year(m, d, ref, side == "future")
    return y if y in gaps else nearest


_Res = tuple[date | None, date | None, str]


def _resolve(spec: _Spec, pub: date | None, tense: _Tense, anchor: date | None = None) -> _Res:
    """(start, end, granularity); anchor: the later end of a range, for its first half (on or before it)."""
    ref = anchor or pub
    future = tense.future
    side = _PAST_T if anchor is not None else tense
    k = spec.kind
    if k == "date":
        if spec.y is None:
            if ref is None:
                return None, None, "day"
            y = _pick_year(spec.m, spec.d, ref, side)
            return (date(y, spec.m, spec.d) if y else None), None, "day"
        try:
            return date(spec.y, spec.m, spec.d), None, "day"
        except ValueError:
            return None, None, "day"
    if k == "drange":
        y = spec.y
        if y is None:
            if ref is None:
                return None, None, "range"
            y = _pick_year(spec.m, spec.d2, ref, tense) or ref.year
        try:
            return date(y, spec.m, spec.d), date(y, spec.m, spec.d2), "range"
        except ValueError:
            return None, None, "range"
    if k == "month":
        y = spec.y
        if y is None:
            if ref is None:
                return None, None, "month"
            if spec.rel == "last":
                y = ref.year if spec.m < ref.month else ref.year - 1
            elif spec.rel == "next":
                y = ref.year if spec.m > ref.month else ref.year + 1
            elif spec.rel == "this":
                y = ref.year
            else:
                y = _pick_year(spec.m, None, ref, side, spec.mod)
        first, last = _thirds(date(y, spec.m, 1), _month_last(y, spec.m), spec.mod, "month")
        return first, last, "month"
    if k == "year":
        first, last = _thirds(date(spec.y, 1, 1), date(spec.y, 12, 31), spec.mod, "year")
        return first, last, "year"
    if k == "yrange":
        return date(spec.y, 1, 1), date(spec.y2, 12, 31), "range"
    if k == "decade":  # and centuries
        span = 99 if spec.unit == "century" else 9
        first, last = _thirds(date(spec.y, 1, 1), date(spec.y + span, 12, 31), spec.mod,
                              spec.unit or "decade")
        return first, last, "range"
    if k == "season":
        return _season(spec, pub, future)
    if k == "weekday":
        gran = "time" if spec.part else "day"
        if ref is None:
            return None, None, gran
        if anchor is not None:  # "from Monday to Wednesday": Monday on or before Wednesday
            return anchor - timedelta(days=(anchor.weekday() - spec.wd) % 7), None, gran
        if spec.rel == "last":
            delta = (ref.weekday() - spec.wd) % 7 or 7
            return ref - timedelta(days=delta), None, gran
        if spec.rel in ("next", "coming"):
            delta = (spec.wd - ref.weekday()) % 7 or 7
            return ref + timedelta(days=delta), None, gran
        if future:
            return ref + timedelta(days=(spec.wd - ref.weekday()) % 7), None, gran
        return ref - timedelta(days=(ref.weekday() - spec.wd) % 7), None, gran
    if k == "deictic":
        w = spec.word
        gran = "time" if (" " in w or w in ("tonight", "overnight") or spec.part) else "day"
        if pub is None:
            return None, None, gran
        if w == "overnight":
            if future:
                return pub, pub + timedelta(days=1), gran
            return pub - timedelta(days=1), pub, gran
        if w.startswith("yesterday") or w == "last night":
            return pub - timedelta(days=1), None, gran
        if w.startswith("tomorrow"):
            return pub + timedelta(days=1), None, gran
        return pub, None, gran
    if k == "relperiod":
        return _relperiod(spec, pub, future)
    if k == "ago":
        if pub is None:
            return None, None, {"month": "month", "year": "year", "decade": "range"}.get(spec.unit, "day")
        n = spec.n or 1
        if spec.unit in ("day", "week", "fortnight"):
            days = n * {"day": 1, "week": 7, "fortnight": 14}[spec.unit]
            return pub - timedelta(days=days), None, "day"
        if spec.unit == "month":
            mi = pub.year * 12 + pub.month - 1 - n
            y, mo = divmod(mi, 12)
            return date(y, mo + 1, 1), _month_last(y, mo + 1), "month"
        if spec.unit == "year":
            return date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), "year"
        y = pub.year - 10 * n  # decades ago
        return date(y - y % 10, 1, 1), date(y - y % 10 + 9, 12, 31), "range"
    if k == "numeric":
        got = _dateparser(spec.text, pub.isoformat() if pub else None, future)
        if got is None:
            return None, None, "unknown"
        return got
    if k == "tod":
        return None, None, "time"
    if k == "range":
        a, b = spec.sub
        b_start, b_end, _ = _resolve(b, pub, tense)
        # A lacking a year takes B's
        if a.kind == "date" and a.y is None and b.kind == "date" and b.y is not None and b_start is not None:
            a_start, a_end, _ = _resolve(a, b_start, _PAST_T, anchor=b_start)
        elif b_start is not None and a.kind in ("date", "month", "weekday") and a.y is None:
            a_start, a_end, _ = _resolve(a, pub, _PAST_T, anchor=b_start)
        else:
            a_start, a_end, _ = _resolve(a, pub, tense)
        if a_start is None or b_start is None:
            return None, None, "range"
        return a_start, b_end or b_start, "range"
    return None, None, "unknown"


def _season(spec: _Spec, pub: date | None, future: bool) -> _Res:
    first_month = SEASONS[spec.word]

    def bounds(y: int) -> tuple[date, date]:  # winter y: December y to February y+1
        if first_month == 12:
            return date(y, 12, 1), _month_last(y + 1, 2)
        return date(y, first_month, 1), _month_last(y, first_month + 2)

    if spec.y is not None:
        s, e = bounds(spec.y)
        return s, e, "range"
    if pub is None:
        return None, None, "range"
    candidates = [bounds(y) for y in (pub.year - 2, pub.year - 1, pub.year, pub.year + 1)]
    current = [c for c in candidates if c[0] <= pub <= c[1]]
    past = [c for c in candidates if c[1] < pub]
    coming = [c for c in candidates if c[0] > pub]
    if spec.rel == "last" or (spec.rel in (None, "this", "past") and not current and not future):
        s, e = past[-1]
    elif spec.rel in ("next", "coming") or (not current and future):
        s, e = coming[0]
    else:
        s, e = current[0]
    return s, e, "range"


def _relperiod(spec: _Spec, pub: date | None, future: bool) -> _Res:
    unit, rel, n = spec.unit, spec.rel, spec.n or 1
    if spec.word == "the" and rel in ("past", "last", "previous", "next", "coming") and unit != "weekend":
        if pub is None or spec.approx:
            return None, None, "range"
        if unit in ("day", "week", "fortnight"):
            days = n * {"day": 1, "week": 7, "fortnight": 14}[unit]
            delta = timedelta(days=days)
        elif unit == "month":
            delta = timedelta(days=round(30.44 * n))
        elif unit == "year":
            delta = timedelta(days=round(365.25 * n))
        else:
            delta = timedelta(days=round(3652.5 * n))
        if rel in ("next", "coming"):
            return pub, pub + delta, "range"
        return pub - delta, pub, "range"
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[rel]
    if unit in ("week", "weekend", "fortnight"):
        gran = "week" if unit != "weekend" else "range"
        if pub is None:
            return None, None, gran
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=step)
        if unit == "weekend":
            return monday + timedelta(days=5), monday + timedelta(days=6), gran
        return monday, monday + timedelta(days=6), gran
    if unit == "month":
        if pub is None:
            return None, None, "month"
        mi = pub.year * 12 + pub.month - 1 + step
        y, mo = divmod(mi, 12)
        return date(y, mo + 1, 1), _month_last(y, mo + 1), "month"
    if unit == "year":
        if pub is None:
            return None, None, "year"
        return date(pub.year + step, 1, 1), date(pub.year + step, 12, 31), "year"
    if pub is None:
        return None, None, "range"
    y0 = pub.year - pub.year % 10 + 10 * step  # decade
    return date(y0, 1, 1), date(y0 + 9, 12, 31), "range"


@lru_cache(maxsize=4096)
def _dateparser(text: str, pub: str | None, future: bool) -> _Res | None:
    """Absolute dates in forms the rules do not read; imported and built on first use."""
    parser = _date_data_parser(pub, future)
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31), "year"
    if period == "month":
        return date(d.year, d.month, 1), _month_last(d.year, d.month), "month"
    if period == "week":
        return d - timedelta(days=d.weekday()), d - timedelta(days=d.weekday()) + timedelta(days=6), "week"
    if period == "time":
        return d, None, "time"
    return d, None, "day"


@lru_cache(maxsize=64)
def _date_data_parser(pub: str | None, future: bool):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "future" if future else "past", "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False}
    if pub:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(pub)
    return DateDataParser(languages=["en"], settings=settings)


# ---------------------------------------------------------------------------
# the model's own entities, where no rule fired


def _from_entity(ent, pub: date | None) -> tuple[_Spec, _Res] | None:
    text = ent.text
    if not _TEMPORAL_WORD.search(text):
        return None  # "Between 10 and 12": a count the model took for a date
    low = text.lower()
    if re.search(r"\bold\b|-year-old|\bage[ds]?\b", low):
        return None
    spec = _Spec("entity", ent.start_char, ent.end_char, text=text)
    if re.search(r"\bago\b", low):
        spec.approx = True
        return spec, (None, None, "unknown")
    if re.search(r"\b(?:earlier|later|before|after|previous|following)\b", low):
        return spec, (None, None, "unknown")  # "six months later": relative to something else
    if _DURATION_UNIT.search(low):
        dets = [t for t in ent if t.dep_ == "det" and t.lower_ in ("the", "that", "this", "those", "these")]
        bare = all(t.pos_ in ("NOUN", "ADJ", "NUM", "ADV", "ADP", "PRON", "DET", "CCONJ", "PART", "PUNCT")
                   for t in ent)
        counted = any(c.dep_ == "poss" or c.lower_ in ("a", "an") for c in ent.root.children)
        if not dets and bare and (_QUANTIFIED.search(low) or ent.root.tag_ == "NNS" or counted):
            spec.approx = bool(re.search(r"(?i)\b(about|around|nearly|almost|roughly|approximately|some|few"
                                         r"|several|many|dozens|hundreds|thousands)\b", low))
            return spec, (None, None, "duration")
    if _NUMERIC_DATE.search(text):
        got = _dateparser(text, pub.isoformat() if pub else None, False)
        if got is not None and pub is not None:
            return spec, got
    if ent.label_ == "TIME":
        part = next((p for p in PARTS_OF_DAY if p in low), None)
        spec.part = part
        return spec, (None, None, "time")
    return spec, (None, None, "unknown")


# ---------------------------------------------------------------------------


def extract_times(doc: Doc, published: date | datetime | None, text: str | None = None) -> list[TimeRef]:
    """Time expressions in `doc` with ISO dates resolved against `published` (see the module notes).

    `text` is doc.text when the caller has it already (spaCy joins it anew on every access).
    """
    text = doc_text(doc) if text is None else text
    pub = published.date() if isinstance(published, datetime) else published
    mask, ents = _ent_mask(doc, len(text))
    specs = _find_specs(text, mask)
    out: list[TimeRef] = []
    covered = bytearray(len(text) + 1)
    for spec in specs:
        if spec.kind == "skip":
            covered[spec.start:spec.end] = b"\x01" * (spec.end - spec.start)
            continue
        _extend_left(spec, text)
        every = _EVERY_BEFORE.search(text, max(0, spec.start - 16), spec.start)
        if every and spec.kind in _RECURRING_KINDS and spec.y is None and spec.rel is None:
            spec.start = every.start()
            covered[spec.start:spec.end] = b"\x01" * (spec.end - spec.start)
            out.append(_ref(text, spec, None, None, "unknown", spec.part))
            continue
        covered[spec.start:spec.end] = b"\x01" * (spec.end - spec.start)
        needs_tense = spec.kind in ("weekday", "deictic", "season", "range", "drange") or \
            (spec.kind in ("date", "month") and spec.y is None)
        tense = _tense(doc, spec) if needs_tense and pub is not None else _OPEN_T
        start_d, end_d, gran = _resolve(spec, pub, tense)
        part = spec.part
        if spec.kind == "deictic":
            w = spec.word
            part = part or ("night" if w in ("overnight", "tonight", "last night") else
                            w.split()[-1] if " " in w else None)
        out.append(_ref(text, spec, start_d, end_d, gran, part))
    for ent in ents:
        if any(covered[ent.start_char:ent.end_char]):
            continue
        got = _from_entity(ent, pub)
        if got is None:
            continue
        spec, (start_d, end_d, gran) = got
        out.append(_ref(text, spec, start_d, end_d, gran, spec.part))
    out.sort(key=lambda r: r.start)
    return out


def _ref(text: str, spec: _Spec, start_d: date | None, end_d: date | None, gran: str,
         part: str | None) -> TimeRef:
    if end_d is not None and start_d is not None and end_d == start_d and gran in ("day", "time"):
        end_d = None
    return TimeRef(
        text=text[spec.start:spec.end], start=spec.start, end=spec.end,
        resolved=start_d.isoformat() if start_d else None, granularity=gran,
        end_date=end_d.isoformat() if end_d else None, approximate=spec.approx,
        relation=spec.relation, time_of_day=part,
    )


# ---------------------------------------------------------------------------
# quoted days


SPEAKERS_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}


def from_the_day_said(doc: Doc, refs: list[TimeRef], quotes: list[tuple[list[tuple[int, int]], tuple[int, int]]]
                      ) -> list[TimeRef]:
    """A "tomorrow" inside a quotation counts from the day the words were said, where the verb of
    saying has one dated day of its own ("'Tomorrow I'm announcing ...,' she tweeted on Monday" in a
    Wednesday report is Tuesday, not Thursday). `quotes`: (content spans, cue span) of each direct
    quotation. Other references are returned as they are."""
    out = []
    for ref in refs:
        day = _counted_from_saying(doc, ref, refs, quotes)
        out.append(replace(ref, resolved=day.isoformat(), end_date=None) if day else ref)
    return out


def _counted_from_saying(doc: Doc, ref: TimeRef, refs: list[TimeRef], quotes) -> date | None:
    words = ref.text.lower().split()
    shift = SPEAKERS_DAYS.get(words[0]) if words else None
    cue = next((cue for spans, cue in quotes if any(lo <= ref.start and ref.end <= hi for lo, hi in spans)), None)
    if shift is None or cue is None or not ref.resolved:
        return None
    said = [r for r in refs if r is not ref and r.resolved and r.granularity in ("day", "time")
            and r.relation is None and _governed_within(doc, r, cue)]
    return date.fromisoformat(said[0].resolved) + timedelta(days=shift) if len(said) == 1 else None


def _governed_within(doc: Doc, ref: TimeRef, span: tuple[int, int]) -> bool:
    """The verb `ref` hangs on ("tweeted on Monday": tweeted) lies inside `span`."""
    found = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    tok = found.root if found is not None and len(found) else None
    for _ in range(4):
        if tok is None or tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok is not None and tok.pos_ in ("VERB", "AUX") and span[0] <= tok.idx < span[1]
