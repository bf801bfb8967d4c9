"""The two reference reports come out as clean prose, checked line by line."""
from __future__ import annotations

import re

import pytest

from newsloom.clean import clean

from .conftest import shared

BBC = "000_2bd50fe8baa70bde.txt"
REUTERS = "004_1ef7e32c50d6147d.txt"

# The debris named in ../shared/data/seeds/README.md, by the start of its line, with the rule
# family that must take it out.
DEBRIS = {
    BBC: {
        "No comments:": "comment-widget",
        "Post a Comment": "comment-widget",
        "Are you affected by the issues raised in this story?": "call-out",
        "Please include a contact number": "call-out",
        "Image copyrightYoutube/Russian Defence Ministry": "image-credit",
        "More from Jonathan Marcus:": "link-label",
    },
    REUTERS: {
        "A frame grab taken from footage": "photo-caption",
        "READ MORE": "link-label",
        "Reuters and PA": "agency-credit",
    },
}
# Paragraphs that rightly end without a full stop: headings, a standfirst, and two
# paragraphs whose final stop is missing in the source itself.
UNPUNCTUATED = {
    "New twist: By BBC defence correspondent Jonathan Marcus",
    "Turkish warning",
    "Russia's Caspian fleet",
    "Ground attacks",
    "Assad allies",
    "Ground attacks, air strikes in Syria hit four insurgent-held areas, according to monitor",
}
SOURCE_WITHOUT_STOP = ("coastal troop units", "exploitation of natural resources")


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(params=[BBC, REUTERS])
def seed(request):
    path = shared("seeds", request.param)
    raw = path.read_text(encoding="utf-8")
    return request.param, raw, clean(raw)


def test_every_named_debris_line_is_removed_by_its_rule(seed):
    name, raw, cleaned = seed
    for start, rule in DEBRIS[name].items():
        assert start not in cleaned.text, f"debris left in {name}: {start!r}"
        hits = [r for r in cleaned.removed if r.text.startswith(start)]
        assert hits, f"no removal recorded for {start!r}"
        assert {r.rule for r in hits} == {rule}
        for r in hits:
            assert raw[r.start:r.end] == r.text  # the record points at the raw text


def test_no_real_line_is_lost(seed):
    """Every line that is not debris survives, word for word, in the cleaned text."""
    name, raw, cleaned = seed
    body = _norm(cleaned.text)
    removed_lines = {r.text for r in cleaned.removed}
    for line in raw.splitlines():
        line = line.strip()
        if not line or line in removed_lines:
            continue
        assert _norm(line) in body, f"line lost from {name}: {line!r}"


def test_only_debris_and_the_headline_are_removed(seed):
    name, _, cleaned = seed
    expected = set(DEBRIS[name])
    for removal in cleaned.removed:
        if removal.rule == "headline":
            assert removal.text == cleaned.title
            continue
        assert any(removal.text.startswith(start) for start in expected), f"real text removed: {removal}"


def test_no_line_break_inside_a_sentence(seed):
    name, _, cleaned = seed
    assert "\n" not in cleaned.text.replace("\n\n", "")
    for paragraph in cleaned.text.split("\n\n"):
        assert paragraph == paragraph.strip() and "  " not in paragraph
        assert not re.match(r"^[a-z]", paragraph), f"paragraph starts mid-sentence: {paragraph[:60]!r}"
        ends_sentence = re.search(r"""[.!?]["'”’)]*$""", paragraph)
        assert ends_sentence or paragraph in UNPUNCTUATED or paragraph.endswith(SOURCE_WITHOUT_STOP), (
            f"paragraph ends mid-sentence: ...{paragraph[-60:]!r}")


def test_hard_wrapped_paragraphs_are_rejoined():
    raw = shared("seeds", BBC).read_text(encoding="utf-8")
    paragraphs = clean(raw).text.split("\n\n")
    assert paragraphs[0] == ("Russia says it has launched rocket strikes on Islamic State group targets in Syria "
                             "from warships in the Caspian Sea - about 1,500km (930 miles) away.")
    assert paragraphs[1].startswith("Defence Minister Sergei Shoigu said four warships fired 26 sea-based cruise "
                                    "missiles at 11 targets")
    # a heading stays a paragraph of its own; the drop-cap fragment after it joins its sentence
    turkish = paragraphs.index("Turkish warning")
    assert paragraphs[turkish + 1].startswith("During a televised meeting with Russian President Vladimir Putin")


def test_headline_and_agency_credit_become_metadata():
    cleaned = clean(shared("seeds", REUTERS).read_text(encoding="utf-8"))
    assert cleaned.title == "Russia claims its warships are targeting Islamic State"
    assert cleaned.credit == "Reuters and PA"
    assert cleaned.text.startswith("Ground attacks, air strikes in Syria")
    assert cleaned.text.count("A frame grab") == 0
    assert cleaned.text.endswith("on matters concerning its border security.")
