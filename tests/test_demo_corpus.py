"""The bundled demo corpus reads and cleans as its ground truth (examples/truth.json) says."""
from __future__ import annotations


import pytest

from newsloom import Store, ingest

from .conftest import DEMO_FLAGS, EXAMPLES, TRUTH, demo_source_name




@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """Every report key -> its stored article, after one ingest of the whole demo folder."""
    db = tmp_path_factory.mktemp("demo") / "db.sqlite"
    with Store(db) as store:
        report = ingest([str(EXAMPLES)], store, DEMO_FLAGS, progress=False)
        by_source = {a.source: a for a in store.articles()}
    articles = {key: by_source.get(demo_source_name(r)) for key, r in TRUTH["reports"].items()}
    return report, articles


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_every_report_is_read_and_nothing_is_skipped(demo):
    report, articles = demo
    assert report.skipped == []
    missing = [key for key, article in articles.items() if article is None]
    assert missing == []
    assert report.added == len(TRUTH["reports"])


def test_metadata_matches_the_truth(demo):
    _, articles = demo
    for key, truth in TRUTH["reports"].items():
        article = articles[key]
        if truth.get("metadata") == "none":
            assert article.published == "2026-03-14"  # from the flags
            assert article.outlet == truth["outlet"]
            continue
        assert article.published[:10] == truth["published"], key
        assert _norm(article.title) == _norm(truth["title"]), key
        assert article.outlet == truth["outlet"], key


def test_every_debris_line_is_removed(demo):
    _, articles = demo
    left = [(d["report"], d["family"], d["line"]) for d in TRUTH["debris"]
            if _norm(d["line"]) in _norm(articles[d["report"]].text)]
    assert left == []


def test_prose_that_looks_like_debris_is_kept(demo):
    _, articles = demo
    for trap in TRUTH["prose_traps"]:
        assert _norm(trap["sentence"]) in _norm(articles[trap["report"]].text), trap["why"]


def test_planted_sentences_survive_cleaning(demo):
    _, articles = demo
    for item in TRUTH["disagreements"]:
        for key, sentence in item["sentences"].items():
            assert _norm(sentence) in _norm(articles[key].text), (item["slot"], key)
    for item in TRUTH["unique"]:
        assert _norm(item["fact"]) in _norm(articles[item["report"]].text), item["report"]


def test_agency_credits_become_metadata(demo):
    _, articles = demo
    for credit in TRUTH["agency_credits"]:
        article = articles[credit["report"]]
        assert credit["line"] not in article.text.split("\n\n")  # not as a paragraph of its own
        if article.format == "html" and credit["line"] not in article.raw_text:
            continue  # outside the page's main text: the HTML reader never takes it in
        assert credit["line"] in article.metadata.get("credit", ""), credit["report"]


def test_paragraph_counts(demo):
    _, articles = demo
    wrong = {}
    for key, r in TRUTH["reports"].items():
        prose = [p for p in articles[key].text.split("\n\n") if p not in r.get("headings", [])]
        if len(prose) != r["paragraphs"]:
            wrong[key] = (len(prose), r["paragraphs"])
    assert wrong == {}
