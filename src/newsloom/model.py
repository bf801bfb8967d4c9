"""The records that flow between stages: plain, typed, serialisable dataclasses."""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Document:
    """One article as a reader found it, before cleaning.

    `source` names where it came from (a path, plus `#N` for the N-th entry of a
    feed, JSON Lines file or WARC), so every error and every record can point back
    to the input.
    """

    text: str
    source: str
    format: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class Removal:
    """A piece of debris the cleaner took out: which rule, what text, where in the raw text."""

    rule: str
    text: str
    start: int
    end: int


@dataclass
class Cleaned:
    """The cleaner's output: prose with paragraphs separated by blank lines."""

    text: str
    removed: list[Removal]
    title: str | None = None
    credit: str | None = None


@dataclass
class Article:
    """A stored article: the document's metadata, raw and cleaned text, and its removals."""

    id: str
    content_hash: str
    source: str
    format: str
    raw_text: str
    text: str
    removed: list[Removal]
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    cleaner_version: int = 0

    def to_dict(self, *, raw: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not raw:
            data.pop("raw_text")
        return data


@dataclass
class Problem:
    """One input that could not be read, or one part of it: a line in the run report."""

    source: str
    reason: str


def content_hash(text: str, outlet: str | None = None, url: str | None = None) -> str:
    """Identity of an article: its normalised text plus where it was published.

    Whitespace and Unicode normalisation keep a re-encoded or re-wrapped copy of
    the same file from counting twice; outlet and URL keep two outlets carrying
    the same wire text as two articles (the dedup stage links them later).
    """
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    key = "\x1f".join([norm, outlet or "", url or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


# Analysis records. Every item carries `start`/`end` offsets into the article's
# cleaned text, so `text[start:end]` is its evidence (DESIGN.md contract).


@dataclass
class Entity:
    text: str
    start: int
    end: int
    label: str                  # PERSON, ORG, GPE, LOC, NORP, FAC, ...
    canonical: str              # one name for every mention of the same thing
    entity_id: str = ""         # stable within a story: slug of the canonical name


@dataclass
class Place:
    text: str
    start: int
    end: int
    name: str | None            # gazetteer name (or region name) it resolved to
    country: str | None         # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    precision: str | None       # exact | region | country | None when unresolved
    geonameid: int | None = None
    feature: str | None = None  # city, admin1, country, ...


@dataclass
class TimeRef:
    text: str
    start: int
    end: int
    resolved: str | None        # ISO date (start of the period); None when it cannot be resolved
    granularity: str            # day | week | month | year | range | time | duration | unknown
    end_date: str | None = None  # last day of a range or period, when known
    approximate: bool = False
    relation: str | None = None  # before | after | since | until | by, when the text says so
    time_of_day: str | None = None  # "morning", "night", "14:30": the part of the day, when named


@dataclass
class Quantity:
    text: str
    start: int
    end: int
    value: float | None         # the number (the lower bound of a range)
    unit: str | None            # the counted noun (lemma, singular) or measurement unit
    approximate: bool = False
    value_max: float | None = None  # upper bound of a range
    qualifier: str | None = None  # at least | more than | up to | about | ...
    kind: str = "count"         # count | measure | percent | money | duration | ordinal
    movement: str | None = None  # "by": how much something moved ("fell 92,000"); "from": where it started


@dataclass
class Attribution:
    source: str | None          # canonical name of who said it; None when implicit
    cue: str                    # the cue text ("said", "according to")
    content: str
    kind: str                   # direct | indirect
    start: int                  # the whole attribution: from its first to last span
    end: int
    source_span: tuple[int, int] | None
    cue_span: tuple[int, int]
    content_span: tuple[int, int]
    stance: list[str] = field(default_factory=list)  # claim, deny, insist, confirm, ...
    source_text: str | None = None  # the source as written ("Mr Shoigu")
    source_label: str | None = None  # PERSON, ORG, GPE, ...
    # every piece of a discontinuous content, in text order; content_span is the longest piece
    content_spans: list[tuple[int, int]] = field(default_factory=list)
    # where a pronoun or relative source ("he said", "who said") was resolved to: the speaker's span
    antecedent_span: tuple[int, int] | None = None


@dataclass
class Analysis:
    id: str
    published: str | None
    text: str
    sentences: list[tuple[int, int]]
    entities: list[Entity]
    places: list[Place]
    times: list[TimeRef]
    quantities: list[Quantity]
    attributions: list[Attribution]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
