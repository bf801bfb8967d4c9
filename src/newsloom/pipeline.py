"""Runs the stages over batches: read -> clean -> store (-> later stages) -> render.

One input's failure is one line in the run report; articles are committed in
batches, so a killed run keeps what it committed and a re-run adds only the rest.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

from tqdm import tqdm

from .clean import CLEANER_VERSION, clean
from .model import Article, Document, Problem, content_hash
from .render.data import counted
from .read import Options, expand_inputs, read_source
from .store import Store

# Articles per transaction: large enough to amortise commits, small enough that a
# killed run loses little work.
BATCH_SIZE = 200


@dataclass(frozen=True)
class Defaults:
    """Metadata from the command line, used where an input does not carry its own."""

    published: str | None = None
    outlet: str | None = None
    title: str | None = None


@dataclass
class RunReport:
    run_id: int
    inputs: list[str]
    sources: int = 0
    added: int = 0
    unchanged: int = 0
    skipped: list[Problem] = field(default_factory=list)
    stored_total: int = 0
    analysed: int = 0
    stories: int = 0
    duplicates: int = 0
    outputs: dict[str, str] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return {"sources": self.sources, "added": self.added, "unchanged": self.unchanged,
                "skipped": len(self.skipped), "stored_total": self.stored_total, "analysed": self.analysed,
                "stories": self.stories, "duplicates": self.duplicates}

    def to_dict(self) -> dict[str, Any]:
        return {"run": self.run_id, "inputs": self.inputs, **self.counts,
                "skipped_inputs": [asdict(p) for p in self.skipped], "outputs": self.outputs}

    def summary(self) -> str:
        lines = [
            f"run {self.run_id}: {counted(self.sources, 'input')} read, {counted(self.added, 'article')} added, "
            f"{self.unchanged} unchanged, {len(self.skipped)} skipped; {self.stored_total} in the store"
            + (f"; {self.analysed} analysed" if self.analysed else "")
            + (f"; {counted(self.stories, 'story')}, {counted(self.duplicates, 'copy')}" if self.stories else ""),
        ]
        shown = self.skipped[:15]
        lines += [f"  skipped {p.source}: {p.reason}" for p in shown]
        if len(self.skipped) > len(shown):
            lines.append(f"  ... and {len(self.skipped) - len(shown)} more (see --json)")
        lines += [f"  {name}: {path}" for name, path in self.outputs.items()]
        return "\n".join(lines)


def prepare(doc: Document, defaults: Defaults = Defaults()) -> Article:
    """Clean one document and give it its identity."""
    cleaned = clean(doc.text, title=doc.title)
    title = cleaned.title or defaults.title
    outlet = doc.outlet or defaults.outlet
    metadata = dict(doc.metadata)
    if cleaned.credit:
        metadata["credit"] = cleaned.credit
    digest = content_hash(doc.text, outlet, doc.url)
    return Article(
        id=doc.id or digest[:16], content_hash=digest, source=doc.source, format=doc.format,
        raw_text=doc.text, text=cleaned.text, removed=cleaned.removed, title=title, outlet=outlet,
        url=doc.url, published=doc.published or defaults.published, lang=doc.lang,
        metadata=metadata, cleaner_version=CLEANER_VERSION,
    )


def ingest(
    inputs: Iterable[str],
    store: Store,
    defaults: Defaults = Defaults(),
    options: Options = Options(),
    progress: bool = True,
) -> RunReport:
    """Read, clean and store every input; returns the run report."""
    inputs = list(inputs)
    report = RunReport(run_id=store.begin_run(inputs), inputs=inputs)
    try:
        sources = list(expand_inputs(inputs))
        bar = tqdm(sources, desc="reading", unit="file", disable=None if progress else True, file=sys.stderr)
        for source in bar:
            if isinstance(source, Problem):
                _store_batch(store, report, [source])
                continue
            report.sources += 1
            _ingest_source(store, report, source, defaults, options)
    except BaseException:
        report.stored_total = store.count_articles()
        store.finish_run(report.run_id, report.counts, status="interrupted")
        raise
    report.stored_total = store.count_articles()
    store.finish_run(report.run_id, report.counts)
    return report


def _ingest_source(store: Store, report: RunReport, source, defaults: Defaults, options: Options) -> None:
    batch: list[Article | Problem] = []
    try:
        for item in read_source(source, options):
            batch.append(item if isinstance(item, Problem) else _prepare_safely(item, defaults))
            if len(batch) >= BATCH_SIZE:
                _store_batch(store, report, batch)
                batch = []
    except Exception as err:  # a library crashing on odd input must not end the run
        batch.append(Problem(source.name, f"unexpected error while reading: {_one_line(err)}"))
    _store_batch(store, report, batch)


def _prepare_safely(doc: Document, defaults: Defaults) -> Article | Problem:
    try:
        article = prepare(doc, defaults)
    except Exception as err:
        return Problem(doc.source, f"unexpected error while cleaning: {_one_line(err)}")
    if not article.text.strip():
        return Problem(doc.source, "no text left after removing debris")
    if not re.search(r"\w", article.text):  # markup debris such as '>' is not an article
        return Problem(doc.source, "no words in the text, only punctuation")
    return article


def _one_line(err: Exception) -> str:
    """A run-report line: the error's type and message, its newlines folded."""
    return " ".join(f"{type(err).__name__}: {err}".split())


def _store_batch(store: Store, report: RunReport, batch: list[Article | Problem]) -> None:
    if not batch:
        return
    with store.transaction() as conn:
        outcomes = []
        for item in batch:
            if isinstance(item, Problem):
                store.record_input(conn, report.run_id, item.source, "skipped", item.reason)
                outcomes.append(("skipped", item))
                continue
            status, reason = store.add_article(conn, item, report.run_id)
            article_id = item.id if status == "added" else store.article_id_for_hash(item.content_hash)
            store.record_input(conn, report.run_id, item.source, status, reason, article_id)
            outcomes.append((status, Problem(item.source, reason or "")))
    # Counted only once the transaction has committed.
    for status, problem in outcomes:
        if status == "added":
            report.added += 1
        elif status == "unchanged":
            report.unchanged += 1
        else:
            report.skipped.append(problem)


# Articles analysed per transaction (and per spaCy batch group).
ANALYSIS_BATCH = 64
# Below this many articles, starting spaCy worker processes costs more than it saves
# (bench/analysis_speed.py: 2 processes give 1.9x on 500 AllSides texts).
AUTO_JOBS_MIN_ARTICLES = 200


def analyse_stored(store: Store, report: RunReport | None = None, progress: bool = True, jobs: int = 0) -> int:
    """Analyse every stored article that has no current analysis; returns how many were analysed."""
    from .analyse import ANALYZER_VERSION, Analyzer

    pending = store.articles_needing_analysis(ANALYZER_VERSION)
    if not pending:
        return 0
    analyzer = Analyzer()
    if jobs <= 0:  # auto: worker processes pay once their start-up is small next to the work
        jobs = min(os.cpu_count() or 1, 2) if len(pending) >= AUTO_JOBS_MIN_ARTICLES else 1
    results = analyzer.analyse_many(pending, n_process=jobs)
    bar = tqdm(results, total=len(pending), desc="analysing", unit="article",
               disable=None if progress else True, file=sys.stderr)
    done, batch = 0, []
    for result in bar:
        batch.append(result)
        if len(batch) >= ANALYSIS_BATCH:
            done += _save_analyses(store, report, batch, ANALYZER_VERSION)
            batch = []
    done += _save_analyses(store, report, batch, ANALYZER_VERSION)
    if report is not None:
        report.analysed += done
    return done


def _save_analyses(store: Store, report: RunReport | None, batch: list, version: int) -> int:
    saved = 0
    with store.transaction() as conn:
        for result in batch:
            if isinstance(result, Problem):
                if report is not None:
                    report.skipped.append(result)
                continue
            data = result.to_dict()
            data.pop("text")  # the article row holds it
            store.save_analysis(conn, result.id, version, data)
            saved += 1
    return saved


def group_stories(store: Store) -> set[str]:
    """Find copies and place every article no story holds yet; returns the stories whose members changed.

    Both stages are online: their state is kept in the store, so a later run
    continues where this one stopped. Copies join their original's story and are
    not clustered themselves: they count as one source.
    """
    import base64

    from .dedup import DedupIndex
    from .embed import default_embedder
    from .stories import DEFAULTS, StoryClusterer

    new = store.articles_without_story()
    if not new:
        return set()
    dedup_state = store.load_state("dedup")
    index = DedupIndex.from_state(dedup_state) if dedup_state else DedupIndex()
    story_state = store.load_state("stories") or {}
    clusterer = (StoryClusterer.loads(base64.b64decode(story_state["clusterer"]), default_embedder())
                 if "clusterer" in story_state else StoryClusterer(default_embedder()))
    # new articles are placed by this version's constants, whatever a store's older state was built with
    clusterer.params = dict(DEFAULTS)
    # copy id -> the original whose story it shares (older states kept story ids under "copies")
    copy_of: dict[str, str] = story_state.get("copy_of") or _first_members(story_state.get("copies", {}), clusterer)

    for article in new:
        index.add(article.id, article.text, article.published)
    analyses = store.analyses([a.id for a in new])
    originals = [a for a in new if index.duplicate_of(a.id) is None]
    clusterer.add_many([_story_item(a, analyses.get(a.id)) for a in originals])
    groups = index.groups()
    for article in new:
        if article.id not in clusterer.assignment:
            group = [m for m in groups.get(index.root(article.id), []) if m in clusterer.assignment]
            if group:
                copy_of[article.id] = group[0]
            else:  # its whole copy group is new and it came first: it stands for the group
                clusterer.add(_story_item(article, analyses.get(article.id)))

    before = {story["id"]: story["members"] for story in store.stories()}
    stories = [s.to_dict() for s in clusterer.story_list()]
    # a copy is in its original's story as shown now (a lone original can move: see StoryClusterer.hosts)
    shown = {member: story["id"] for story in stories for member in story["members"]}
    for story in stories:
        story["members"] += sorted(c for c, original in copy_of.items() if shown[original] == story["id"])
    # each partial copy both ways, so either article finds the other
    overlaps = [pair for a, b, share in index.overlap_pairs() for pair in ((a, b, share), (b, a, share))]
    with store.transaction() as conn:
        store.replace_copies(conn, index.mapping(), overlaps)
        store.replace_stories(conn, stories)
        store.save_state(conn, "dedup", index.state())
        store.save_state(conn, "stories", {"clusterer": base64.b64encode(clusterer.dumps()).decode("ascii"),
                                           "copy_of": copy_of})
    return {story["id"] for story in stories if before.get(story["id"]) != story["members"]}


def _first_members(copies: dict[str, str], clusterer: Any) -> dict[str, str]:
    """Copy id -> story id, as older states kept copies, turned into copy id -> that story's first member."""
    return {c: clusterer.stories[sid].members[0] for c, sid in copies.items() if sid in clusterer.stories}


def link_story_entities(store: Store, story_ids: set[str]) -> int:
    """One canonical name per thing across each story's reports; returns how many analyses changed.

    An article that only says "Shoigu" takes the full name another report of its story
    gives; its attributions' speakers follow. Idempotent: a second pass changes nothing.
    """
    from .analyse.entities import link_analyses

    stories = [story for story in store.stories() if story["id"] in story_ids]
    analyses = store.analyses([m for story in stories for m in story["members"]])
    changed: dict[str, dict] = {}
    for story in stories:
        members = [m for m in story["members"] if m in analyses]
        linked = link_analyses([analyses[m] for m in members])
        changed.update((member, data) for member, data in zip(members, linked) if data is not None)
    if changed:
        with store.transaction() as conn:
            for article_id, data in changed.items():
                store.update_analysis(conn, article_id, data)
    return len(changed)


def compare_stories(store: Store, report: RunReport | None = None, progress: bool = True) -> int:
    """Compare and brief every story whose members or analyses changed; returns how many were done.

    A story's signature covers its members, their copies, what their analyses were computed
    from (text, date, analyser version: the analyses themselves are only loaded for the
    stories to redo; the story stage's entity linking depends on the members, which the
    signature holds) and the stage's version, so a re-run on the same inputs recomputes
    nothing. One story failing is one line in the run report; the others go on.
    """
    from .brief import brief_story
    from .compare import COMPARE_VERSION

    duplicates, done, stamps = store.duplicates(), store.comparison_signatures(), store.analysis_stamps()
    todo = []
    for story in store.stories():
        signature = _signature(story["members"], duplicates, stamps, COMPARE_VERSION)
        if done.get(story["id"]) != signature:
            todo.append((story, signature))
    count = 0
    for story, signature in tqdm(todo, desc="comparing", unit="story", file=sys.stderr,
                                 disable=None if progress else True):
        analyses = store.analyses(story["members"])
        reports = _story_reports(store.articles(story["members"]), analyses, duplicates)
        try:
            data = brief_story(reports)
        except Exception as err:  # one odd story must not end the run
            if report is not None:
                report.skipped.append(Problem(f"story {story['id']}", f"comparison failed: {_one_line(err)}"))
            continue
        with store.transaction() as conn:
            store.save_comparison(conn, story["id"], signature, data)
        count += 1
    return count


def _signature(members: list[str], duplicates: dict[str, str], stamps: dict[str, tuple], version: int) -> str:
    basis = json.dumps([version, sorted(members), sorted((m, duplicates.get(m)) for m in members),
                        [stamps.get(m) for m in sorted(members)]], sort_keys=True, default=str)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def _story_reports(articles: list[Article], analyses: dict, duplicates: dict[str, str]):
    from .compare import StoryReport

    return [StoryReport(id=a.id, outlet=a.outlet, text=a.text, analysis=analyses.get(a.id, {}),
                        published=a.published, title=a.title, duplicate_of=duplicates.get(a.id))
            for a in articles]


def _story_item(article: Article, analysis: dict | None):
    """What the clusterer needs of a stored article and its stored analysis."""
    from .stories import ENTITY_LABELS, StoryItem, dates_from_times, event_day, lead_of

    analysis = analysis or {}
    sentences = [tuple(s) for s in analysis.get("sentences", [])] or None
    entities = sorted({(e.get("entity_id") or e["canonical"]).lower() for e in analysis.get("entities", [])
                       if e["label"] in ENTITY_LABELS})
    places = sorted({str(p["geonameid"]) if p.get("geonameid") is not None else (p.get("name") or p["text"]).lower()
                     for p in analysis.get("places", [])})
    return StoryItem(id=article.id, title=article.title, lead=lead_of(article.text, sentences), text=article.text,
                     published=article.published, outlet=article.outlet, entities=entities, places=places,
                     dates=dates_from_times(analysis.get("times", [])), day=event_day(analysis.get("times", [])))


def run(
    inputs: Iterable[str],
    db: str | Path = "newsloom.sqlite",
    out: str | Path = "out",
    defaults: Defaults = Defaults(),
    options: Options = Options(),
    progress: bool = True,
    jobs: int = 0,
) -> RunReport:
    """Every stage over the inputs, then the reports in `out`."""
    from .render import write_reports

    with Store(db) as store:
        report = ingest(inputs, store, defaults, options, progress)
        analyse_stored(store, report, progress, jobs)
        link_story_entities(store, group_stories(store))
        compare_stories(store, report, progress)
        report.stories, report.duplicates = len(store.stories()), len(store.duplicates())
        store.finish_run(report.run_id, report.counts)
        report.outputs = write_reports(store, Path(out), report)
    return report
