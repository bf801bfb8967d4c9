"""Pluggable judges: compare_story takes any object with `related` and `conflicts`."""
from __future__ import annotations

import numpy as np
import pytest

from newsloom.analyse import Analyzer
from newsloom.compare import NLIJudge, StoryReport, compare_story
from newsloom.embed import HashingEmbedder

TEXTS = {
    "Lakeside Times": "The ferry Aurora ran aground off Port Ellin on Sunday with 240 passengers on board, "
                      "the coastguard said. Nobody was hurt.",
    "Valley Courier": "The ferry Aurora ran aground off Port Ellin on Sunday with 310 passengers on board, "
                      "the coastguard said. The cause is not yet known.",
}


@pytest.fixture(scope="module")
def reports():
    analyzer = Analyzer()
    return [StoryReport(outlet, outlet, text, analyzer.analyse(outlet, text, "2026-05-04").to_dict(), "2026-05-04")
            for outlet, text in TEXTS.items()]


def test_fact_judge_finds_the_number(reports):
    comparison = compare_story(reports, embedder=HashingEmbedder())
    (conflict,) = [c for c in comparison.claims if c["status"] == "conflicting"]
    assert conflict["slot"] == "quantity"
    assert sorted(v["value"] for v in conflict["values"]) == ["240 passengers", "310 passengers"]


class NeverRelated:
    name = "never"

    def related(self, a, b, scores):
        return False

    def conflicts(self, a, b, scores):
        return []


def test_a_custom_judge_drops_in(reports):
    comparison = compare_story(reports, embedder=HashingEmbedder(), judge=NeverRelated())
    assert {c["status"] for c in comparison.claims} == {"unique"}


class FakeCrossEncoder:
    """Scores (contradiction, entailment, neutral): contradiction whenever the numbers differ."""

    def predict(self, pairs):
        (a, b), = pairs
        return np.array([4.0, 0.0, 0.0]) if ("240" in a) != ("240" in b) else np.array([0.0, 4.0, 0.0])


def test_an_nli_judge_names_the_slot_through_the_facts(reports):
    comparison = compare_story(reports, embedder=HashingEmbedder(), judge=NLIJudge(FakeCrossEncoder(), embedder=HashingEmbedder()))
    slots = [c["slot"] for c in comparison.claims if c["status"] == "conflicting"]
    assert slots == ["quantity"]
