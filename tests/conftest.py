"""Shared fixtures: the real data sets beside the repository, skipped cleanly when absent."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsloom.pipeline import Defaults

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
EXAMPLES = REPO / "examples" / "demo"
# The demo corpus's ground truth, and the flags `make demo` passes for its one file without metadata.
TRUTH = json.loads((EXAMPLES.parent / "truth.json").read_text(encoding="utf-8"))
DEMO_FLAGS = Defaults(published="2026-03-14", outlet="The Civic Observer")


def demo_source_name(report: dict) -> str:
    """The `source` a reader gives the truth file's report: a path, plus :line or #entry."""
    path = str(EXAMPLES / report["file"])
    if report["entry"] is None:
        return path
    return f"{path}:{report['entry'] + 1}" if report["file"].endswith(".jsonl") else f"{path}#{report['entry']}"


def shared(*parts: str) -> Path:
    """A path under ../shared/data; skips the test with a clear message when it is missing."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: the real data sets live in ../shared/data beside the repository")
    return path


@pytest.fixture
def seeds() -> Path:
    return shared("seeds")


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """The demo corpus run once through every stage: (folder with db.sqlite and out/, truth key -> article id)."""
    from newsloom import Store, run

    root = tmp_path_factory.mktemp("demo")
    run([str(EXAMPLES)], db=root / "db.sqlite", out=root / "out", defaults=DEMO_FLAGS, progress=False)
    with Store(root / "db.sqlite") as store:
        ids = {a.source: a.id for a in store.articles()}
    keys = {key: ids[demo_source_name(r)] for key, r in TRUTH["reports"].items()}
    return root, keys


def outlet_reports(texts: dict[str, str], published: str):
    """One StoryReport per outlet (its name as id and outlet), each text analysed as published that day."""
    from newsloom.analyse import Analyzer
    from newsloom.compare import StoryReport

    analyzer = Analyzer()
    return [StoryReport(outlet, outlet, text, analyzer.analyse(outlet, text, published).to_dict(), published)
            for outlet, text in texts.items()]


def slot_conflicts(texts: dict[str, str], published: str, slot: str) -> list[dict]:
    """The conflicting groups of one slot when the outlets' texts are compared as one story."""
    from newsloom.compare import compare_story

    comparison = compare_story(outlet_reports(texts, published))
    return [c for c in comparison.claims if c["status"] == "conflicting" and c.get("slot") == slot]


def conflict_values(conflicts: list[dict]) -> set[tuple[str, str]]:
    """(outlet, value) of every side of the given conflicting groups."""
    return {(v["outlet"], v["value"]) for c in conflicts for v in c["values"]}
