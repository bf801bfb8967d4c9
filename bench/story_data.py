"""Shared helpers for the compare/brief benchmarks: multi-report stories and cached analyses.

Not a benchmark itself (run_all.py skips it). Texts are cleaned exactly as the pipeline's
`prepare` does (`newsloom.clean.clean(text, title=title)`), so offsets index the same text
the pipeline would analyse. Analyses are cached on disk (a pickle keyed by a hash of id,
text, publication date and ANALYZER_VERSION) so that re-runs do not re-parse.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections import defaultdict
from pathlib import Path

import common  # noqa: F401  (sets sys.path for newsloom)
from common import data_dir

os.environ.setdefault("HF_HUB_OFFLINE", "1")

CACHE = Path(os.environ.get("NEWSLOOM_BENCH_CACHE", "/tmp/newsloom_bench_cache"))


def _clean(text: str, title: str | None) -> str:
    from newsloom.clean import clean

    return clean(text, title=title).text


def allsides_stories() -> dict[str, list[dict]]:
    """story id -> its reports (id, outlet, title, published, text cleaned), in file order."""
    stories: dict[str, list[dict]] = defaultdict(list)
    with open(data_dir("allsides", "articles.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            stories[r["story"]].append({"id": r["id"], "outlet": r.get("outlet"), "title": r.get("title"),
                                        "published": r.get("published"), "text": _clean(r["text"], r.get("title"))})
    return dict(stories)


def allsides_roundups() -> dict[str, dict]:
    with open(data_dir("allsides", "roundups.jsonl"), encoding="utf-8") as handle:
        return {r["story"]: r for r in map(json.loads, handle)}


def ecbplus_articles() -> list[dict]:
    """ECB+ documents cleaned (the headline line goes to `title`, as prepare does), with event and topic."""
    out = []
    with open(data_dir("ecbplus", "articles.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            out.append({"id": r["id"], "outlet": None, "title": r.get("title"), "published": None,
                        "event": r["event"], "topic": r["topic"], "text": _clean(r["text"], r.get("title"))})
    return out


def _write_pickle(path: Path, data) -> None:
    """Write beside, then rename: an interrupted run never leaves a half-written cache."""
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(path)


def sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class AnalysisCache:
    """Analysis dicts by (id, text, published, analyser version), kept in one pickle file."""

    def __init__(self, name: str = "analyses"):
        from newsloom.analyse import ANALYZER_VERSION

        # the version is bumped by hand; the sources' hash also catches edits made without a bump
        self.version = f"{ANALYZER_VERSION}:{analysis_source_hash()}"
        self.path = CACHE / f"{name}.pkl"
        self.store: dict[str, dict] = pickle.loads(self.path.read_bytes()) if self.path.exists() else {}
        self.dirty = False
        self._analyzer = None

    def key(self, r: dict) -> str:
        return sha("\x1f".join([r["id"], r["text"], r.get("published") or "", str(self.version)]))

    def get(self, rows: list[dict]) -> list[dict]:
        """Analysis dicts for the rows (id, text, published), parsing only the ones not cached."""
        missing = [r for r in rows if self.key(r) not in self.store]
        if missing:
            for r, a in zip(missing, analyse_rows(missing, self.analyzer())):
                self.store[self.key(r)] = a
            self.dirty = True
        return [self.store[self.key(r)] for r in rows]

    def analyzer(self):
        if self._analyzer is None:
            from newsloom.analyse import Analyzer

            self._analyzer = Analyzer()
        return self._analyzer

    def save(self) -> None:
        if self.dirty:
            _write_pickle(self.path, self.store)
            self.dirty = False


def analysis_source_hash() -> str:
    """Hash of the analysis stage's code (analyse/, geo.py, clean/): a change there redoes the cache."""
    import newsloom

    root = Path(newsloom.__file__).parent
    files = sorted([*root.joinpath("analyse").glob("*.py"), root / "geo.py", *root.joinpath("clean").glob("*.py")])
    return sha("".join(f.read_text(encoding="utf-8") for f in files))[:12]


def analyse_rows(rows: list[dict], analyzer) -> list[dict]:
    """Analysis dicts in row order; an article the analyser refuses gets an empty analysis."""
    out = []
    stream = ((r["id"], r["text"], r.get("published")) for r in rows)
    for r, a in zip(rows, analyzer.analyse_many(stream, batch_size=16)):
        out.append(a.to_dict() if hasattr(a, "to_dict") else empty_analysis(r))
    return out


def empty_analysis(r: dict) -> dict:
    return {"id": r["id"], "published": r.get("published"), "text": r["text"], "sentences": [],
            "entities": [], "places": [], "times": [], "quantities": [], "attributions": []}


def story_reports(rows: list[dict], analyses: list[dict]) -> list:
    """StoryReport objects for compare_story / build_brief, names linked across the story's reports
    as `newsloom run` links them before comparing."""
    from newsloom.analyse.entities import link_analyses
    from newsloom.compare import StoryReport

    analyses = [linked or a for a, linked in zip(analyses, link_analyses(analyses))]
    return [StoryReport(id=r["id"], outlet=r.get("outlet"), text=r["text"], analysis=a,
                        published=r.get("published"), title=r.get("title"), duplicate_of=None)
            for r, a in zip(rows, analyses)]


class CachedEmbedder:
    """The default embedder with a memo of text -> vector, kept on disk between runs.

    Quality benchmarks re-compare the same sentences many times (an injected story differs
    from its untouched run in one sentence); vectors are identical, so caching changes no
    result, only the time. Never used for timings.
    """

    def __init__(self, name: str = "embeddings"):
        from newsloom.embed import default_embedder

        self.inner = default_embedder()
        self.name, self.dim = self.inner.name, self.inner.dim
        self.path = CACHE / f"{name}_{self.inner.name}.pkl"
        self.memo: dict[str, object] = pickle.loads(self.path.read_bytes()) if self.path.exists() else {}
        self.dirty = False

    def encode(self, texts: list[str]):
        import numpy as np

        missing = sorted({t for t in texts if t not in self.memo})
        if missing:
            self.memo.update(zip(missing, self.inner.encode(missing)))
            self.dirty = True
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.memo[t] for t in texts])

    def save(self) -> None:
        if self.dirty:
            _write_pickle(self.path, self.memo)
            self.dirty = False
