"""RSS and Atom feeds (feedparser): one article per entry, the full content when present."""
from __future__ import annotations

import calendar
import re
from datetime import datetime, timezone
from typing import Iterator
from xml.sax import SAXException, SAXParseException

import feedparser

from ..model import Document, Problem
from .errors import ReadError
from .html import fragment_text
from .source import Source

SUFFIXES = (".rss", ".atom", ".xml", ".rdf")
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)


def sniff(head: bytes) -> bool:
    return bool(_FEED_ROOT.search(head[:2048]))


def read(source: Source, options) -> Iterator[Document | Problem]:
    data = source.read_all(options.max_bytes)
    if not data.strip():
        raise ReadError("empty file")
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.bozo:
            raise ReadError(f"not a valid feed: {_one_line(parsed.bozo_exception)}")
        raise ReadError("feed has no entries")
    # Broken XML still gives entries (feedparser's lenient parser): keep them, report the break.
    if isinstance(parsed.get("bozo_exception"), SAXException):
        yield Problem(source.name, f"malformed or truncated feed XML ({_one_line(parsed.bozo_exception)}); "
                                   f"entries recovered: {len(parsed.entries)}")
    outlet = outlet_name(parsed.feed.get("title"))
    for index, entry in enumerate(parsed.entries):
        where = f"{source.name}#{index}"
        text = _entry_text(entry)
        if not text:
            yield Problem(where, "feed entry has no text")
            continue
        yield Document(
            text=text, source=where, format="feed", title=entry.get("title") or None,
            outlet=outlet, url=entry.get("link") or None, published=_entry_date(entry),
            metadata={k: v for k, v in {"guid": entry.get("id"), "author": entry.get("author")}.items() if v},
        )


# Feed titles name a section after the outlet: "Radio Meridian - News", "Daily X | Latest".
_SECTION_SUFFIX = re.compile(
    r"\s*[-–—|:·]\s*(latest|news|latest news|top stories|headlines|home|front page|world|all stories|"
    r"rss|feed|rss feed|breaking news|most recent|articles)\s*$", re.I)


def outlet_name(feed_title: str | None) -> str | None:
    if not feed_title:
        return None
    return _SECTION_SUFFIX.sub("", feed_title.strip()) or feed_title.strip()


def _entry_text(entry) -> str:
    """Full content when the feed carries it, else the summary."""
    for content in entry.get("content") or []:
        if text := fragment_text(content.get("value", "")):
            return text
    return fragment_text(entry.get("summary", ""))


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        if parsed := entry.get(key):
            moment = datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
            return moment.replace(tzinfo=timezone.utc).isoformat()
    return None


def _one_line(error: Exception) -> str:
    if isinstance(error, SAXParseException):  # expat's own message names no file: '<unknown>:1:77: ...'
        return f"{error.getMessage()} at line {error.getLineNumber()} column {error.getColumnNumber()}"
    return " ".join(str(error).split()) or type(error).__name__
