"""The comparison stage: a story's reports broken into claims, aligned, and judged.

1. Claims: every sentence of every independent report (copies count once) with
   its facts and its speaker (claims.py).
2. Alignment: candidate pairs across reports by embedding similarity, kept when
   the judge finds them related (similar enough, and sharing facts); a claim may
   align with several.
3. Verdicts: aligned pairs that differ in a slot form `conflicting` groups (one
   per claim and slot, with each source's value); the other aligned pairs join
   into `corroborated` groups; a claim aligned with nothing is `unique`. Two
   speakers inside one report who contradict each other make an internal
   conflict.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import numpy as np

from .claims import Claim, extract_claims
from .facts import share_anchor
from .judges import FactJudge, Judge, NLIJudge
from .slots import Conflict, Scores, one_per_slot
from .thresholds import DISPUTE_RELATED

__all__ = ["COMPARE_VERSION", "Comparison", "Group", "Judge", "FactJudge", "NLIJudge", "StoryReport", "compare_story"]

STATUS_ORDER = {"conflicting": 0, "corroborated": 1, "unique": 2}
# Bump when claims, alignment or verdicts change what comes out, so stored comparisons are redone.
COMPARE_VERSION = 79


@dataclass
class StoryReport:
    """One report of a story as the comparison needs it: cleaned text plus its stored analysis."""

    id: str
    outlet: str | None
    text: str
    analysis: dict
    published: str | None = None
    title: str | None = None
    duplicate_of: str | None = None


@dataclass
class Group:
    status: str                     # corroborated | conflicting | unique
    members: list[Claim]
    conflict: Conflict | None = None
    internal: bool = False


@dataclass
class Comparison:
    reports: list[StoryReport]              # the independent reports, in story order
    statements: list[Claim]                 # every claim of those reports
    groups: list[Group]
    similarity: np.ndarray                  # claims x claims cosine similarity of their embeddings
    lexical: np.ndarray                     # claims x claims cosine of their rare words (TF-IDF)
    copies: dict[str, list[str]] = field(default_factory=dict)  # original id -> outlets carrying a copy
    claims: list[dict] = field(default_factory=list)            # the stories.json records

    def index(self, claim: Claim | str) -> int:
        """A claim's row in `statements` and in the similarity matrices."""
        return self._index[claim if isinstance(claim, str) else claim.id]

    def __post_init__(self) -> None:
        self._index = {c.id: i for i, c in enumerate(self.statements)}


def compare_story(reports: Iterable[StoryReport], *, embedder=None, judge: Judge | None = None,
                  nlp=None) -> Comparison:
    reports = sorted(reports, key=lambda r: (r.published or "", r.id))
    independent = [r for r in reports if not r.duplicate_of]
    copies: dict[str, list[str]] = {}
    for r in reports:
        if r.duplicate_of:
            copies.setdefault(r.duplicate_of, []).append(r.outlet or r.id)
    if embedder is None:
        from ..embed import default_embedder

        embedder = default_embedder()
    statements = _claims_of(independent, nlp)
    vectors = embedder.encode([c.text for c in statements])
    similarity = vectors @ vectors.T if len(statements) else np.zeros((0, 0), dtype=np.float32)
    lexical = _lexical_similarity(statements)
    judge = judge or FactJudge(embedder)  # one embedder for claims and for the judge's nouns
    if hasattr(judge, "prepare"):
        judge.prepare(statements, vectors)
    groups = _judge_pairs(statements, similarity, lexical, judge)
    comparison = Comparison(independent, statements, groups, similarity, lexical, copies)
    comparison.claims = [_record(i, group, comparison) for i, group in enumerate(groups, 1)]
    return comparison


def _claims_of(reports: list[StoryReport], nlp) -> list[Claim]:
    if nlp is None:
        from ..analyse import analysis_pipeline

        nlp = analysis_pipeline()
    off = [name for name in ("ner", "newsloom_aliases") if name in nlp.pipe_names]
    docs = nlp.pipe((r.text for r in reports), disable=off)
    return [claim for r, doc in zip(reports, docs) for claim in extract_claims(r.id, r.outlet, r.text, r.analysis, doc)]


def _lexical_similarity(claims: list[Claim]) -> np.ndarray:
    """Cosine of the claims' content lemmas and numbers, weighted by rarity within this story."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [" ".join(sorted(c.all_lemmas) + [f"#{f.data.get('value')}" for f in c.of_kind("quantity")])
            for c in claims]
    if not any(docs):
        return np.zeros((len(claims), len(claims)))
    matrix = TfidfVectorizer(sublinear_tf=True, token_pattern=r"\S+", lowercase=False).fit_transform(docs)
    return (matrix @ matrix.T).toarray()


def _judge_pairs(claims: list[Claim], similarity: np.ndarray, lexical: np.ndarray, judge: Judge) -> list[Group]:
    """Every candidate pair judged; the pairs become conflict, corroboration and unique groups."""
    agreeing: list[tuple[int, int]] = []
    conflicts: list[tuple[int, int, Conflict]] = []
    for i, j in _candidates(claims, similarity, lexical):
        a, b = claims[i], claims[j]
        scores = Scores(float(similarity[i, j]), float(lexical[i, j]))
        if a.article == b.article:
            conflicts += [(i, j, c) for c in judge.conflicts(a, b, scores) if c.slot in ("quantity", "negation")]
            continue
        if not judge.related(a, b, scores):
            unaligned = getattr(judge, "unaligned", None)  # optional: what a judge finds in pairs it does not relate
            conflicts += [(i, j, c) for c in unaligned(a, b, scores)] if unaligned else []
            continue
        found = one_per_slot(judge.conflicts(a, b, scores))
        if found:
            conflicts += [(i, j, c) for c in found]
        else:
            agreeing.append((i, j))
    common = getattr(judge, "common", frozenset())
    anchored = [pair for pair in agreeing if share_anchor(claims[pair[0]], claims[pair[1]], common)]
    related = agreeing + [(i, j) for i, j, _ in conflicts if claims[i].article != claims[j].article]
    agreeing = sorted(set(_best_matches(claims, agreeing, related, similarity + lexical)) | set(anchored))
    groups = _conflict_groups(claims, conflicts) + _corroborated_groups(claims, agreeing)
    seen = {c.id for g in groups for c in g.members}
    groups += [Group("unique", [c]) for c in claims if c.id not in seen]
    position = {c.id: i for i, c in enumerate(claims)}
    return sorted(groups, key=lambda g: (STATUS_ORDER[g.status], min(position[c.id] for c in g.members)))


def _candidates(claims: list[Claim], similarity: np.ndarray, lexical: np.ndarray) -> list[tuple[int, int]]:
    """Pairs worth judging: other reports' claims that share something, and two speakers in one report."""
    pairs = []
    close = (similarity >= DISPUTE_RELATED) | (lexical > 0)
    rows, cols = np.nonzero(np.triu(close, k=1))
    for i, j in zip(rows.tolist(), cols.tolist()):
        a, b = claims[i], claims[j]
        if a.article != b.article or _two_named_speakers(a, b):
            pairs.append((i, j))
    return pairs


def _two_named_speakers(a: Claim, b: Claim) -> bool:
    """Two people or bodies credited in one report: a dispute needs two named sides, not "the data"."""
    return bool(a.speaker and b.speaker and a.speaker != b.speaker and a.speaker_label and b.speaker_label)


def _best_matches(claims: list[Claim], pairs: list[tuple[int, int]], related: list[tuple[int, int]],
                  score: np.ndarray) -> list[tuple[int, int]]:
    """Agreeing pairs that are each other's closest related partner in the other's report, so that
    agreement does not chain through loosely related sentences into one group for the whole
    story (the caller keeps pairs anchored on a day, a number or two people besides). Conflicting
    pairs count as partners: a claim whose closest match disputes it does not agree with the next."""
    best: dict[tuple[int, str], int] = {}
    for i, j in related:
        for k, other in ((i, j), (j, i)):
            key = (k, claims[other].article)
            if key not in best or score[k, other] > score[k, best[key]]:
                best[key] = other
    return sorted((i, j) for i, j in pairs if best[(i, claims[j].article)] == j and best[(j, claims[i].article)] == i)


def _conflict_groups(claims: list[Claim], conflicts: list[tuple[int, int, Conflict]]) -> list[Group]:
    """Conflicts sharing a value (the same fact of the same claim) are one disagreement with several sides."""
    groups: list[Group] = []
    for i, j, conflict in conflicts:
        values = {(c.id, start) for c, _, start, _ in conflict.values}
        home = next((g for g in groups if g.conflict.slot == conflict.slot
                     and values & {(c.id, start) for c, _, start, _ in g.conflict.values}), None)
        if home is None:
            groups.append(Group("conflicting", [claims[i], claims[j]], conflict,
                                internal=claims[i].article == claims[j].article))
            continue
        for claim, value, start, end in conflict.values:
            if claim.id not in {c.id for c in home.members}:
                home.members.append(claim)
                home.conflict.values.append((claim, value, start, end))
    return groups


def _corroborated_groups(claims: list[Claim], pairs: list[tuple[int, int]]) -> list[Group]:
    """Claims joined by agreeing pairs (connected components), in text order."""
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[find(i)] = find(j)
    components: dict[int, list[int]] = {}
    for i, j in pairs:
        for k in (i, j):
            members = components.setdefault(find(k), [])
            if k not in members:
                members.append(k)
    return [Group("corroborated", [claims[k] for k in sorted(members)]) for members in components.values()]


def _record(number: int, group: Group, comparison: Comparison) -> dict:
    """One claim group as stories.json has it."""
    lead = _representative(group, comparison)
    record = {"id": f"c{number}", "text": lead.text, "status": group.status,
              "sources": [_source(c, comparison) for c in group.members]}
    if group.conflict is not None:
        record["slot"] = group.conflict.slot
        if group.conflict.note:
            record["note"] = group.conflict.note
        record["values"] = [{"article": c.article, "outlet": c.outlet, "value": value, "start": start, "end": end}
                            for c, value, start, end in group.conflict.values]
        record["internal"] = group.internal
    return record


def _source(claim: Claim, comparison: Comparison) -> dict:
    record = claim.source_record()
    if comparison.copies.get(claim.article):
        record["copies"] = comparison.copies[claim.article]
    return record


def _representative(group: Group, comparison: Comparison) -> Claim:
    """The member closest to the others (ties: the earliest in its report)."""
    if len(group.members) < 3:
        return min(group.members, key=lambda c: (c.index, c.article))
    idx = [comparison.index(c) for c in group.members]
    sub = comparison.similarity[np.ix_(idx, idx)]
    best = int(np.argmax(sub.sum(axis=1)))
    return group.members[best]
