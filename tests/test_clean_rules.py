"""Cleaner behaviour on written examples: families of debris, not one site's lines."""
from __future__ import annotations

import pytest

from newsloom.clean import clean

PROSE = "The council approved the budget on Tuesday after a long debate."


@pytest.mark.parametrize("line, rule", [
    ("3 comments:", "comment-widget"),
    ("Leave a reply", "comment-widget"),
    ("Read more: Floods close the ring road", "link-label"),
    ("Related: Mayor defends spending plan", "link-label"),
    ("Image caption Firefighters at the scene", "image-credit"),
    ("Image copyrightGetty Images", "image-credit"),
    ("Residents queue for water on Monday. Photograph: Lena Ortiz/Halden Wire", "photo-caption"),
    ("Share on Facebook Share on Twitter", "share"),
    ("Sign up for our daily newsletter", "subscribe"),
    ("Have you been affected by the floods? Email us at news@example.org", "call-out"),
    ("Advertisement", "advertisement"),
])
def test_debris_families_are_removed(line, rule):
    cleaned = clean(f"{PROSE}\n\n{line}\n\n{PROSE.replace('Tuesday', 'Friday')}")
    assert line not in cleaned.text
    assert [r.rule for r in cleaned.removed] == [rule]
    assert cleaned.text.count("The council approved") == 2


@pytest.mark.parametrize("line", [
    "Share prices fell sharply on Monday as investors weighed the news.",
    "Related talks are expected to resume next week, officials said.",
    "The photo, taken on Monday, shows the damaged bridge.",
    "Readers commented widely on the decision.",
    "Reuters reported last week that the talks had stalled.",
])
def test_prose_that_resembles_debris_is_kept(line):
    cleaned = clean(f"{PROSE}\n\n{line}")
    assert line in cleaned.text
    assert cleaned.removed == []


@pytest.mark.parametrize("credit", [
    "Reporting by Anna Berg; Editing by Tom Hale",
    "Additional reporting by Halden Wire Service",
    "Halden Wire/AP",
    "AFP contributed to this report.",
])
def test_agency_credits_at_the_end_become_metadata(credit):
    cleaned = clean(f"{PROSE}\n\n{credit}")
    assert cleaned.text == PROSE
    assert cleaned.credit == credit


def test_duplicated_paragraph_is_removed_once():
    para = "Rescue teams worked through the night to reach the stranded villagers."
    cleaned = clean(f"{PROSE}\n\n{para}\n\n{para}")
    assert cleaned.text.count(para) == 1
    assert [r.rule for r in cleaned.removed] == ["duplicate-line"]


def test_known_title_repeated_as_first_line_is_dropped():
    cleaned = clean(f"Budget approved\n\n{PROSE}", title="Budget Approved")
    assert cleaned.text == PROSE and cleaned.title == "Budget Approved"


def test_text_without_wrapping_keeps_its_lines_as_paragraphs():
    text = "Flood warning\nThe river rose overnight.\nSchools closed on Monday."
    assert clean(text).text.split("\n\n") == ["Flood warning", "The river rose overnight.", "Schools closed on Monday."]
