"""The cleaner: debris out (with a record of each removal and its rule), lines rejoined.

`clean(text)` returns prose with one paragraph per block, blocks separated by a
blank line, plus every removed piece with its rule and its offsets in the input,
the headline when the text opens with one, and agency credits as metadata.
"""
from __future__ import annotations

import re
import unicodedata

from ..model import Cleaned, Removal
from .rules import CREDIT_RULES, LINE_RULES
from .unwrap import join_lines, paragraphs, wrap_width

__all__ = ["clean", "CLEANER_VERSION"]

# Bump when a rule changes what comes out, so stored articles can be re-cleaned.
CLEANER_VERSION = 1
_HEADLINE_MAX_WORDS = 25
# A repeated line shorter than this may repeat on purpose ("Yes.", a refrain).
_DUPLICATE_MIN_CHARS = 30
# Scraped captions and pull quotes repeat within a few lines; a sentence repeated far
# away (a live blog's recap, a table row) is the writer's own.
_DUPLICATE_WINDOW = 6
_COMMENT_HEADER = re.compile(r"(one|\d+) (comments?|responses?|replies)( to .{1,200})?:?|comments? \(\d+\)", re.I)


def clean(text: str, *, title: str | None = None) -> Cleaned:
    lines = _lines_with_offsets(text)
    removed: list[Removal] = []
    keep = _drop_debris(lines, removed)
    credit = _take_credits(lines, keep, removed)
    found_title = _take_headline(lines, keep, removed, title)
    kept_lines = [line if keep[i] else None for i, (line, _) in enumerate(lines)]
    body = _rejoin(kept_lines)
    removed.sort(key=lambda r: r.start)
    return Cleaned(text=body, removed=removed, title=found_title, credit=credit)


def _lines_with_offsets(text: str) -> list[tuple[str, int]]:
    """Each line stripped of surrounding blanks, with the offset of its first kept character."""
    out, offset = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        out.append((stripped, offset + (raw.find(stripped) if stripped else 0)))
        offset += len(raw) + 1
    return out


def _remove(removed: list[Removal], rule: str, line: str, start: int) -> None:
    removed.append(Removal(rule=rule, text=line, start=start, end=start + len(line)))


def _drop_debris(lines: list[tuple[str, int]], removed: list[Removal]) -> list[bool]:
    keep = [True] * len(lines)
    seen: dict[str, int] = {}
    comments_from = _comment_section_start(lines)
    for index, (line, start) in enumerate(lines):
        if not line:
            continue
        if index > comments_from:
            keep[index] = False
            _remove(removed, "comment-section", line, start)
            continue
        rule = next((r.name for r in LINE_RULES if r.matches(line)), None)
        key = _norm(line)
        if rule is None and len(line) >= _DUPLICATE_MIN_CHARS and index - seen.get(key, -_DUPLICATE_WINDOW) < _DUPLICATE_WINDOW:
            rule = "duplicate-line"
        seen[key] = index
        if rule:
            keep[index] = False
            _remove(removed, rule, line, start)
    return keep


def _comment_section_start(lines: list[tuple[str, int]]) -> int:
    """Index of a comment-count header ("2 comments:") in the second half of the text, else past the end.

    Scraped blog pages end with their reader comments: everything after such a
    header is other people's text, not the article's.
    """
    filled = [i for i, (line, _) in enumerate(lines) if line]
    for position, index in enumerate(filled):
        if position >= len(filled) / 2 and _COMMENT_HEADER.fullmatch(lines[index][0]):
            return index
    return len(lines)


def _take_credits(lines, keep: list[bool], removed: list[Removal]) -> str | None:
    """Agency and reporting credits at the end of the text become metadata."""
    credits: list[str] = []
    for index in range(len(lines) - 1, -1, -1):
        line, start = lines[index]
        if not line or not keep[index]:
            continue
        if not any(rule.matches(line) for rule in CREDIT_RULES):
            break
        keep[index] = False
        credits.insert(0, line)
        _remove(removed, "agency-credit", line, start)
    return "; ".join(credits) or None


def _take_headline(lines, keep: list[bool], removed: list[Removal], title: str | None) -> str | None:
    """A first line that repeats the known title, or looks like a headline when none is known."""
    first = next((i for i, (line, _) in enumerate(lines) if line and keep[i]), None)
    if first is None:
        return title
    line, start = lines[first]
    if title is not None:
        if _norm(line) == _norm(title):
            keep[first] = False
            _remove(removed, "headline", line, start)
        return title
    following = lines[first + 1][0] if first + 1 < len(lines) else ""
    has_body = any(keep[i] and lines[i][0] for i in range(first + 1, len(lines)))
    if (not following and has_body and not re.search(r"[.!?…:,;]$", line)
            and len(line.split()) <= _HEADLINE_MAX_WORDS):
        keep[first] = False
        _remove(removed, "headline", line, start)
        return line
    return None


def _rejoin(kept_lines: list[str | None]) -> str:
    """Debris lines vanish without breaking a paragraph; blank lines and headings do break."""
    lines = [line for line in kept_lines if line is not None]
    width = wrap_width(lines)
    groups = paragraphs(lines, width)
    return "\n\n".join(join_lines([lines[i] for i in group]) for group in groups)


def _norm(line: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", line).casefold().split())
