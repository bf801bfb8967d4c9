"""Judges: does a pair of claims speak of the same thing, and where do they differ?

A judge has two questions to answer about two claims and their embedding
similarity: `related` (do they state the same fact, so they can be compared?)
and `conflicts` (in which slot do they disagree: quantity, date, place, actor,
attribution, negation). The default `FactJudge` answers from the claims' facts
alone and works offline with what the project ships. Another judge — a natural
language inference model, a language model — drops in by having the same two
methods (see `NLIJudge`), and may defer to the fact judge for the slots.
"""
from __future__ import annotations

import re
from typing import Iterable, Protocol, runtime_checkable

from ..analyse.places import PERSON_TITLES
from .claims import Claim, Fact
from .facts import same_class, same_figure, shared_facts
from .outliers import StoryMentions, outlying_people, outlying_places, things_named
from .slots import (Conflict, Offsets, Scores, actor_conflicts, attribution_conflicts, counts_apart, date_conflicts,
                    difference_kind, fact_pair, gives_counts, listed_apart, lone_name_conflicts, name_value,
                    negation_conflicts, negations_apart, office_place_conflicts, office_swapped, offices_apart,
                    one_number_two_things, one_per_slot, periods_apart, place_conflicts, prior_weeks_apart,
                    quantity_conflicts, records_since_apart,
                    same_fact_frame, speaks, swapped_subject)
from .thresholds import (ALIGN_ALONE, ALIGN_WITH_FACT, ALIGN_WITH_FACTS, COMMON_NAME_MIN_CLAIMS, COMMON_NAME_SHARE,
                         LEXICAL_ALONE, LEXICAL_WITH_FACT, OWN_SWAP_GAIN, SPELT_OUT_TITLES, SWAP_CLOSE, SWAP_FLOOR,
                         SWAP_GAIN, UNITS_ALIKE)

__all__ = ["Conflict", "FactJudge", "Judge", "NLIJudge", "Scores"]


@runtime_checkable
class Judge(Protocol):
    name: str

    def related(self, a: Claim, b: Claim, scores: Scores) -> bool: ...

    def conflicts(self, a: Claim, b: Claim, scores: Scores) -> list[Conflict]: ...


def _surname_in(text: str, name: str, bodies: Iterable[str] = ()) -> bool:
    """The text has the person's surname, or a part of a double one ("Greene" of "Taylor-Greene"),
    as a word: it speaks of that person, whether or not the parser found the name. Not a word of the
    name of a body or thing the text gives (`bodies`): "the creator of McAfee antivirus software"
    speaks of a firm, not of John McAfee."""
    taken = {word for body in bodies for word in body.split()}
    parts = [p for p in re.split(r"[-\u2010\u2011]", name.split()[-1]) if len(p) > 2 and p not in taken]
    return any(re.search(rf"\b{re.escape(p)}\b", text) for p in parts)


class FactJudge:
    """Rules over the claims' facts: offline, deterministic, explainable."""

    name = "facts"

    def __init__(self, embedder=None):
        self._embedder = embedder
        self._alike: dict[tuple[str, str], bool] = {}
        self.common: frozenset[str] = frozenset()
        self._vectors: dict[str, object] = {}
        self._sentences: dict[str, object] = {}  # claim texts, and claim texts with a name swapped
        self._swaps: dict[tuple[str, str, float], Conflict | None] = {}
        self.mentions = StoryMentions([])
        self._by_report: dict[str, list[Claim]] = {}  # claims per report, for the two-figures rule

    def prepare(self, claims: list[Claim], vectors=None) -> None:
        """Learn the story: its common names (too many of its claims mention them to link two of
        them), which reports name each person and place and give each count, and its nouns' vectors
        (and the claims', where the caller has them: `vectors`, one row per claim)."""
        self._swaps = {}  # what a swap finds depends on the story's mentions
        if vectors is not None:
            self._sentences.update(zip((c.text for c in claims), vectors))
        counts: dict[str, int] = {}
        for claim in claims:
            for name in claim.entities:
                counts[name] = counts.get(name, 0) + 1
        limit = max(COMMON_NAME_MIN_CLAIMS, COMMON_NAME_SHARE * len(claims))
        self.common = frozenset(name for name, n in counts.items() if n >= limit)
        self.mentions = StoryMentions(claims)
        self._by_report = {}
        for claim in claims:
            self._by_report.setdefault(claim.article, []).append(claim)
        nouns = {noun for claim in claims for fact in claim.facts
                 for noun in (fact.data.get("unit"), fact.subject) if noun}
        missing = sorted(nouns - set(self._vectors))
        if missing:
            self._embed(missing)

    def _two_figures(self, fact_a: Fact, a: Claim, fact_b: Fact, b: Claim) -> bool:
        """Some report gives both differing numbers, each exactly, for the same kind of thing: to it they
        can be two figures (core and headline inflation, one senator's price tag and his party's, two
        donations of doses), so another report giving one of them need not dispute the other (dev
        half's untouched stories). Exactly: "nearly 32%" is no second figure beside "35%". Kept apart
        where that report is a third one, or one of the two whose other claim, giving the other side's
        figure, reads closer to that side than its disagreeing claim does; where the disagreeing claim
        is the closer one, the report says one thing two ways and the pair stands (a report that gives
        a figure in one sentence and another in its paraphrase contradicts itself: dev half, an
        injected figure its quote still restates). Never inside one report, where a dispute between
        two of its speakers is just such a pair."""
        if a.article == b.article:
            return False
        reports = self.mentions.giving_exactly(fact_a.data) & self.mentions.giving_exactly(fact_b.data)
        return any(report not in (a.article, b.article)
                   or report == b.article and self._closer_agreement(a, fact_a, b)
                   or report == a.article and self._closer_agreement(b, fact_b, a) for report in reports)

    def _closer_agreement(self, x: Claim, fact: Fact, y: Claim) -> bool:
        """Another claim of y's report gives x's figure exactly and reads at least as close to x as y does."""
        agreeing = [c for c in self._by_report.get(y.article, ())
                    if c is not y and any(same_figure(f.data, fact.data) for f in c.of_kind("quantity"))]
        if not agreeing:
            return False
        vectors = self._sentence_vectors([x.text, y.text] + [c.text for c in agreeing])
        close = float(vectors[0] @ vectors[1])
        return any(float(vectors[0] @ v) >= close for v in vectors[2:])

    def _sentence_vectors(self, texts: list[str]) -> list:
        """The claims' vectors (`prepare` keeps them), encoding any text it was not given."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._sentences]
        if missing:
            self._sentences.update(zip(missing, self._encoder().encode(missing)))
        return [self._sentences[t] for t in texts]

    def units_alike(self, unit_a: str, unit_b: str) -> bool:
        """Synonymous nouns (ship / vessel, fire / blaze), by their embeddings; cached per pair."""
        key = tuple(sorted((unit_a, unit_b)))
        if key not in self._alike:
            missing = [w for w in key if w not in self._vectors]
            if missing:
                self._embed(missing)
            self._alike[key] = float(self._vectors[key[0]] @ self._vectors[key[1]]) >= UNITS_ALIKE
        return self._alike[key]

    def swapped(self, a: Claim, b: Claim, scores: Scores) -> Conflict | None:
        """One claim names a person or a place no other report names where the other names one the
        story shares, and with the story's name in the stranger's place the two claims read as one
        statement (as close as `ALIGN_ALONE`; a person also where the name alone brings them
        `SWAP_GAIN` closer, to `SWAP_CLOSE`): who or where is what they disagree on. Two doers each
        named by one report only are read one for the other too (`_own_people_swapped`)."""
        if a.article == b.article or scores.dense < SWAP_FLOOR:
            return None
        key = (a.id, b.id, scores.dense)  # asked by `related` and again by `conflicts` for the same pair
        if key not in self._swaps:
            found = None
            for x, y in ((a, b), (b, a)):
                found = self._person_swapped(x, y, scores.dense) or self._place_swapped(x, y)
                if found:
                    break
            self._swaps[key] = found
        return self._swaps[key]

    def _person_swapped(self, x: Claim, y: Claim, dense: float) -> Conflict | None:
        lone, known = outlying_people(x, y, self.mentions)
        if len(lone) != 1:
            return None
        bodies = things_named(x)
        for name_y in known:
            if (speaks(x, lone[0]) != speaks(y, name_y) or not self._surely_a_person(y, name_y)
                    or _surname_in(x.text, name_y, bodies)):  # x speaks of y's person too: no one is replaced
                continue
            swapped = self._swapped_similarity(x, x.name_spans.get(lone[0]), y, y.name_spans.get(name_y))
            # a lone surname ("Gao delivered the apology") may be a firm the parser took for a person
            # ("Moderna"); only a name that alone keeps two claims apart is taken as one swapped
            if (swapped >= ALIGN_ALONE and self._surely_a_person(x, lone[0])
                    or swapped >= SWAP_CLOSE and swapped - dense >= SWAP_GAIN):
                slot = "attribution" if lone[0] == x.speaker and name_y == y.speaker else "actor"
                return Conflict(slot, [name_value(x, lone[0]), name_value(y, name_y)])
        return self._own_people_swapped(x, lone[0], y, dense)

    def _own_people_swapped(self, x: Claim, name_x: str, y: Claim, dense: float) -> Conflict | None:
        """Each claim names one person no other report names ("an offer from Kaitlan Collins" / "a proposal
        by Mitch McConnell", where only these two reports tell of the offer), and with one name read as
        the other the claims read as one, and closer than before: the names part them. Not for speakers:
        two outlets often quote two people saying alike things."""
        others = outlying_people(y, x, self.mentions)[0]
        if len(others) != 1 or speaks(x, name_x) or speaks(y, others[0]):
            return None
        name_y = others[0]
        if not (self._surely_a_person(x, name_x) and self._surely_a_person(y, name_y)):
            return None
        swapped = self._swapped_similarity(x, x.name_spans.get(name_x), y, y.name_spans.get(name_y))
        if swapped < ALIGN_ALONE or swapped - dense < OWN_SWAP_GAIN:
            return None
        return Conflict("actor", [name_value(x, name_x), name_value(y, name_y)])

    def _place_swapped(self, x: Claim, y: Claim) -> Conflict | None:
        lone, known = outlying_places(x, y, self.mentions)
        if len(lone) != 1:
            return None
        fx = lone[0]
        for fy in known:
            if (same_class(fx.data, fy.data)
                    and self._swapped_similarity(x, (fx.start, fx.end), y, (fy.start, fy.end)) >= ALIGN_ALONE):
                return Conflict("place", fact_pair(fx, x, fy, y))
        return None

    def _surely_a_person(self, claim: Claim, name: str) -> bool:
        """A name in full ("Kaitlan Collins") or with a title its report gives ("President McKenzie"):
        a lone word the parser called a person is as often a firm ("Pfizer") or a product."""
        words = name.split()
        in_full = len(words) >= 2 and all(w[:1].isupper() for w in words) and not re.search(r"['’]s\b", name)
        return in_full or bool(self.mentions.titling(claim.article, name) & (PERSON_TITLES | SPELT_OUT_TITLES))

    def _swapped_similarity(self, x: Claim, span_x: Offsets | None, y: Claim, span_y: Offsets | None) -> float:
        """How close x, with the words at span_x read as y's words at span_y, reads to y (-1 where a
        span is missing or outside its claim)."""
        if not (span_x and span_y and x.start <= span_x[0] < span_x[1] <= x.end
                and y.start <= span_y[0] < span_y[1] <= y.end):
            return -1.0
        words_y = y.text[span_y[0] - y.start:span_y[1] - y.start]
        swapped = x.text[:span_x[0] - x.start] + words_y + x.text[span_x[1] - x.start:]
        vector_x, vector_y = self._sentence_vectors([swapped, y.text])
        return float(vector_x @ vector_y)

    def _encoder(self):
        """The claims' embedder, loaded on first use where the caller gave none."""
        if self._embedder is None:
            from ..embed import default_embedder

            self._embedder = default_embedder()
        return self._embedder

    def _embed(self, words: list[str]) -> None:
        """One batch for many nouns: a call per pair would cost more than the nouns themselves."""
        self._vectors.update(zip(words, self._encoder().encode(words)))

    def related(self, a: Claim, b: Claim, scores: Scores) -> bool:
        if scores.dense >= ALIGN_ALONE or scores.lexical >= LEXICAL_ALONE or same_fact_frame(a, b):
            return True
        if office_swapped(a, b, self.mentions):
            return True  # who holds one office is one fact, however unlike the sentences read
        shared = shared_facts(a, b, self.common)
        if (scores.dense >= ALIGN_WITH_FACT or scores.lexical >= LEXICAL_WITH_FACT) and not shared:
            shared += bool(swapped_subject(a, b, self.mentions) or swapped_subject(b, a, self.mentions)
                           or listed_apart(a, b, self.mentions) or listed_apart(b, a, self.mentions))
        return ((scores.dense >= ALIGN_WITH_FACT or scores.lexical >= LEXICAL_WITH_FACT) and shared >= 1
                or scores.dense >= ALIGN_WITH_FACTS and shared >= 2
                or self.swapped(a, b, scores) is not None)  # the stranger's name is what keeps them apart

    def conflicts(self, a: Claim, b: Claim, scores: Scores) -> list[Conflict]:
        found = quantity_conflicts(a, b, scores.dense, self.units_alike,
                                   known_apart=lambda fa, fb: periods_apart(a, b) or self._two_figures(fa, a, fb, b))
        found = found or prior_weeks_apart(a, b, scores)
        found += date_conflicts(a, b, scores.dense, self.units_alike)
        found += place_conflicts(a, b, scores.dense, self.units_alike)
        found += actor_conflicts(a, b, scores, self.mentions) or office_place_conflicts(a, b)
        swapped = self.swapped(a, b, scores)
        if swapped and difference_kind(swapped.slot) not in {difference_kind(c.slot) for c in found}:
            found.append(swapped)
        found += self._lone_conflicts(a, b, scores, found)
        found += attribution_conflicts(a, b, scores.dense, self.mentions)
        found += negation_conflicts(a, b, scores)
        return found

    def _lone_conflicts(self, a: Claim, b: Claim, scores: Scores, found: list[Conflict]) -> list[Conflict]:
        """What the story sets apart (a name or count only one report gives) where the claims' own
        facts found no difference of that kind; a lone count only in claims close in meaning."""
        kinds = {difference_kind(c.slot) for c in found}
        return [c for c in lone_name_conflicts(a, b, self.mentions) if difference_kind(c.slot) not in kinds
                and (c.slot != "quantity" or scores.dense >= ALIGN_WITH_FACT)]

    def unaligned(self, a: Claim, b: Claim, scores: Scores, conflicts=None) -> list[Conflict]:
        """What two claims of two reports that are not related still disagree on: the one fact they
        would share may be the very one that differs. `conflicts` finds a pair's conflicts (this
        judge's own by default; the NLI judge passes its own)."""
        conflicts = conflicts or self.conflicts
        apart = prior_weeks_apart(a, b, scores) or records_since_apart(a, b, scores.dense)
        if apart:  # a prior week's figure, a record's date: stated apart from what the claims share
            return apart
        if one_number_two_things(a, b):  # a counted-thing conflict or nothing: never agreement
            return one_per_slot(conflicts(a, b, scores))
        if scores.dense >= ALIGN_WITH_FACT and gives_counts(a) and gives_counts(b):
            return counts_apart(a, b, conflicts(a, b, scores))
        if not (a.negations or b.negations or a.titles and b.titles):
            return []  # the cheap test before asking for a pair's conflicts
        found = conflicts(a, b, scores)
        return negations_apart(a, b, found) + offices_apart(found, self.mentions)


class NLIJudge:
    """A natural-language-inference cross-encoder decides relatedness and contradiction.

    `model` is any object with `predict(list[tuple[str, str]]) -> scores` over the labels
    (contradiction, entailment, neutral) in `labels` order — e.g. a sentence-transformers
    CrossEncoder loaded from an installed package. The fact judge still names the slot;
    a contradiction it cannot place in a slot is reported as a negation.
    """

    name = "nli"

    def __init__(self, model, labels=("contradiction", "entailment", "neutral"), threshold: float = 0.5,
                 embedder=None):
        self.model, self.labels, self.threshold = model, list(labels), threshold
        self.facts = FactJudge(embedder)  # give it the claims' embedder to compare nouns with the same model

    def prepare(self, claims: list[Claim], vectors=None) -> None:
        self.facts.prepare(claims, vectors)  # the fact judge names the slots, with what the story tells it

    def _scores(self, a: Claim, b: Claim) -> dict[str, float]:
        import numpy as np

        row = np.asarray(self.model.predict([(a.text, b.text)]), dtype=float).reshape(-1)
        exp = np.exp(row - row.max())
        return dict(zip(self.labels, exp / exp.sum()))

    def related(self, a: Claim, b: Claim, scores: Scores) -> bool:
        return self._scores(a, b)["neutral"] < self.threshold or self.facts.related(a, b, scores)

    def unaligned(self, a: Claim, b: Claim, scores: Scores) -> list[Conflict]:
        return self.facts.unaligned(a, b, scores, self.conflicts)

    def conflicts(self, a: Claim, b: Claim, scores: Scores) -> list[Conflict]:
        if self._scores(a, b)["contradiction"] < self.threshold:
            return []
        return self.facts.conflicts(a, b, scores) or [
            Conflict("negation", [(a, a.text, a.start, a.end), (b, b.text, b.start, b.end)])]
