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
