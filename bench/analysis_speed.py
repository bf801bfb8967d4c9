"""Speed of the whole analysis stage next to plain spaCy on the same texts.

Both sides parse the same cleaned texts with the same model, in one process, with
nlp.pipe and the same batch size: (1) plain `nlp.pipe` (the lower bound of our cost:
the parse alone) and (2) newsloom's Analyzer (the parse plus the alias ruler, entity
canonicalisation, place repair and geocoding, dates, quantities, attributions).
Reported: articles/s and tokens/s for both, and their ratio, from one run.

Texts: ../shared/data/allsides/articles.jsonl (real multi-outlet news excerpts),
cleaned by newsloom first (cleaning is measured in bench/read_clean.py).

Usage: python bench/analysis_speed.py [--limit N] [--batch-size B]
"""
from __future__ import annotations

import argparse
import json

import common  # noqa: F401  (sets sys.path for newsloom)
from common import data_dir, report, row, timed

# The analysis stage must run at no less than this share of plain spaCy's speed (issue 3).
TARGET_RATIO = 0.6


def load_texts(limit: int) -> list[tuple[str, str, str | None]]:
    from newsloom.clean import clean

    items = []
    with open(data_dir("allsides", "articles.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = clean(record["text"]).text
            if text.strip():
                items.append((str(record.get("id", len(items))), text, (record.get("published") or None)))
            if len(items) >= limit:
                break
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=2, help="processes for the multi-process run")
    args = parser.parse_args()

    import spacy

    from newsloom.analyse import Analyzer, analysis_pipeline
    from newsloom.analyse.nlp import resolve_model_name

    items = load_texts(args.limit)
    texts = [text for _, text, _ in items]
    plain = spacy.load(resolve_model_name())
    analyzer = Analyzer(analysis_pipeline())
    # warm up both (model caches, gazetteer, dateparser) on a few texts
    list(plain.pipe(texts[:8], batch_size=args.batch_size))
    list(analyzer.analyse_many(items[:8], batch_size=args.batch_size))

    with timed() as spacy_time:
        tokens = sum(len(doc) for doc in plain.pipe(texts, batch_size=args.batch_size))
    with timed() as ours_time:
        results = list(analyzer.analyse_many(items, batch_size=args.batch_size))
    # Several processes: spaCy parses in workers, our components run in this process.
    with timed() as jobs_time:
        list(analyzer.analyse_many(items, batch_size=args.batch_size, n_process=args.jobs))

    n = len(items)
    figures = {
        "articles": n, "tokens": tokens, "batch_size": args.batch_size,
        "spacy_seconds": spacy_time.seconds, "ours_seconds": ours_time.seconds,
        "spacy_articles_per_s": n / spacy_time.seconds, "ours_articles_per_s": n / ours_time.seconds,
        "spacy_tokens_per_s": tokens / spacy_time.seconds, "ours_tokens_per_s": tokens / ours_time.seconds,
        "ratio": spacy_time.seconds / ours_time.seconds, "target_ratio": TARGET_RATIO,
        "jobs": args.jobs, "ours_jobs_seconds": jobs_time.seconds,
        "ours_jobs_articles_per_s": n / jobs_time.seconds,
        "items": {key: sum(len(getattr(r, key)) for r in results if hasattr(r, key))
                  for key in ("entities", "places", "times", "quantities", "attributions")},
        "peak_rss_mb": ours_time.peak_rss_mb,
    }
    report("analysis_speed", figures, [
        row(f"analysis stage vs plain spaCy nlp.pipe ({n} AllSides texts)", "articles/s",
            figures["ours_articles_per_s"], figures["spacy_articles_per_s"]),
        row(f"analysis stage vs plain spaCy nlp.pipe ({n} AllSides texts)", "tokens/s",
            figures["ours_tokens_per_s"], figures["spacy_tokens_per_s"]),
        row(f"analysis stage, {args.jobs} processes vs 1 ({n} AllSides texts)", "articles/s",
            figures["ours_jobs_articles_per_s"], figures["ours_articles_per_s"]),
    ])


if __name__ == "__main__":
    main()
