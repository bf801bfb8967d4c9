"""Rejoin hard-wrapped lines into paragraphs, keeping real breaks and headings.

Scraped and e-mailed text often breaks lines at a fixed width, and blog
templates split off a paragraph's first word or two (drop caps). A line break is
kept when the line ends a sentence, or when a short unpunctuated line stands
before another short line (a heading); otherwise the lines are one paragraph.
No library does this (textwrap only wraps), hence the rules here.
"""
from __future__ import annotations

import re
import statistics

_ENDS_SENTENCE = re.compile(r"""[.!?…:]["'”’)\]]*$""")
_JOINING_END = re.compile(r"""([,;(/–—-]|\b(the|a|an|of|and|or|but|to|in|on|at|by|for|with|from|that|as|than|into|over|after|before|its|their|his|her|said|says|is|are|was|were|has|have|had))$""", re.I)
_FIRST_LETTER = re.compile(r"[^\W\d_]")
# A line this close to the wrap width was broken by the width, not by the writer.
_NEAR_WIDTH = 0.8
# A line this much longer than the wrap width was never wrapped: it is a whole paragraph.
_OVER_WIDTH = 1.25


def wrap_width(lines: list[str]) -> float | None:
    """The width the text was wrapped at, from lines that clearly continue mid-sentence."""
    widths = [
        len(a) for a, b in zip(lines, lines[1:])
        if a and b and not _ENDS_SENTENCE.search(a) and _starts_lower(b)
    ]
    if len(widths) < 3:
        return None
    return statistics.quantiles(widths, n=4)[2]  # upper quartile: full lines, not fragments


def joins(line: str, following: str, width: float | None) -> bool:
    """Does `following` continue the paragraph that `line` is in?"""
    if _starts_lower(following):
        return True
    if _ENDS_SENTENCE.search(line):
        return False
    if _JOINING_END.search(line):
        return True
    if width is None:
        return False
    if _NEAR_WIDTH * width <= len(line) <= _OVER_WIDTH * width:
        return True
    # A short unpunctuated line: a drop-cap fragment when a full-width line follows,
    # a heading when another short line does.
    return len(line) < _NEAR_WIDTH * width <= len(following)


def paragraphs(lines: list[str], width: float | None) -> list[list[int]]:
    """Group line indexes (of non-empty lines; empty ones always break) into paragraphs."""
    groups: list[list[int]] = []
    previous: str | None = None
    for index, line in enumerate(lines):
        if not line:
            previous = None
            continue
        if previous is not None and joins(previous, line, width):
            groups[-1].append(index)
        else:
            groups.append([index])
        previous = line
    return groups


def join_lines(parts: list[str]) -> str:
    text = ""
    for part in parts:
        if text.endswith("-") and _starts_lower(part) and not text.endswith(" -"):
            text += part  # a word hyphenated across the break
        else:
            text = f"{text} {part}" if text else part
    return re.sub(r"[ \t\u00a0]{2,}", " ", text)


def _starts_lower(line: str) -> bool:
    match = _FIRST_LETTER.search(line[:3])
    return bool(match) and match.group().islower()
