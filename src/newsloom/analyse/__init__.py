"""The analysis stage: clean prose in, facts with their evidence out.

One spaCy pipeline per process (the model plus an alias ruler) parses the
text; the components then read the parse: entities with canonical names,
places with coordinates, dates, quantities and attributions. Every item's
`start`/`end` index the cleaned text the pipeline was given.
"""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..geo import load_gazetteer
from ..model import Analysis, Problem
from .attributions import extract_attributions
from .entities import add_alias_ruler, canonical_lookup, extract_entities
from .nlp import ModelMissing, resolve_model_name
from .places import extract_places, fix_place_labels
from .quantities import extract_quantities
from .times import extract_times, from_the_day_said

__all__ = ["ANALYZER_VERSION", "Analyzer", "ModelMissing", "analysis_pipeline", "publication_date"]

# Bump when a component changes what comes out, so stored analyses are redone.
ANALYZER_VERSION = 16


@lru_cache(maxsize=None)
def analysis_pipeline(model: str | None = None) -> Language:
    """A separate copy of the model with the alias ruler, loaded once per process."""
    import spacy

    return add_alias_ruler(spacy.load(model or resolve_model_name()))


def publication_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00")).date()
    except ValueError:
        return date.fromisoformat(published[:10])


class Analyzer:
    def __init__(self, nlp: Language | None = None):
        self.nlp = nlp or analysis_pipeline()
        self.gazetteer = load_gazetteer()

    def analyse(self, article_id: str, text: str, published: str | None = None) -> Analysis:
        return self.from_doc(self.nlp(text), article_id, published)

    def analyse_many(self, items: Iterable[tuple[str, str, str | None]], batch_size: int = 16,
                     n_process: int = 1) -> Iterator[Analysis | Problem]:
        """(id, text, published) triples in, analyses out in the same order; the model parses in batches.

        A component failing on one article yields a Problem for it and the rest go on.
        """
        stream = ((text, (article_id, published)) for article_id, text, published in items)
        for doc, (article_id, published) in self.nlp.pipe(stream, as_tuples=True, batch_size=batch_size,
                                                          n_process=n_process):
            try:
                yield self.from_doc(doc, article_id, published)
            except Exception as err:  # one odd article must not end the run
                yield Problem(article_id, f"analysis failed: {type(err).__name__}: {err}")

    def from_doc(self, doc: Doc, article_id: str, published: str | None) -> Analysis:
        fix_place_labels(doc, self.gazetteer)
        entities = extract_entities(doc)
        day = publication_date(published)
        text = doc.text
        attributions = extract_attributions(doc, canonical_lookup(entities, text))
        quotes = [(a.content_spans or [a.content_span], a.cue_span) for a in attributions if a.kind == "direct"]
        return Analysis(
            id=article_id, published=published, text=text,
            sentences=[(s.start_char, s.end_char) for s in doc.sents],
            entities=entities,
            places=extract_places(doc, self.gazetteer, day),
            times=from_the_day_said(doc, extract_times(doc, day, text), quotes),
            quantities=extract_quantities(doc, text),
            attributions=attributions,
        )
