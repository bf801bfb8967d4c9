"""Seconds per story for compare + brief, by story size (2, 5, 10, 30 reports); analysis timed apart.

Data: ../shared/data/ecbplus/articles.jsonl (full news articles, median ~1,400 characters;
AllSides stories have at most 3 short excerpts). Texts cleaned as `prepare` does.
Stories built from the gold clusters:
  2, 5, 10 reports  the first N documents (sha1 of the id order) of one ECB+ event, for the
                    first STORIES_PER_SIZE events (sha1 order) that have at least N documents;
  30 reports        the first 30 documents of one ECB+ topic (its two seminal events together:
                    the same kind of event, e.g. two rehab entries), for the topics with 30+
                    documents (there are 3).
Timing: each story's reports are analysed by the analysis stage (Analyzer.analyse_many,
batch 16, one process; no cache), then `compare_story` and `build_brief` run on them.
REPEATS runs per story; the per-story median of each, then the median over the stories of
a size. One warm-up story (2 reports) runs first so model loading is not counted; its
seconds are reported as the cold start.

    python bench/compare_speed.py [--repeats 3] [--stories-per-size 4]
"""
from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import story_data as sd  # noqa: E402
from common import report, row, timed  # noqa: E402

SIZES = (2, 5, 10, 30)
REPEATS = 3
STORIES_PER_SIZE = 4


def build_stories(per_size: int) -> dict[int, list[list[dict]]]:
    docs = sd.ecbplus_articles()
    by_event, by_topic = defaultdict(list), defaultdict(list)
    for d in sorted(docs, key=lambda d: sd.sha(d["id"])):
        by_event[d["event"]].append(d)
        by_topic[d["topic"]].append(d)
    out = {}
    for size in SIZES:
        groups = by_topic if size > 22 else by_event  # the largest ECB+ event has 22 documents
        fits = [g[:size] for _, g in sorted(groups.items(), key=lambda kv: sd.sha(kv[0])) if len(g) >= size]
        out[size] = fits[:per_size]
    return out


def time_story(rows: list[dict], analyzer, repeats: int) -> dict:
    from newsloom.brief import build_brief
    from newsloom.compare import compare_story

    analyse_s, compare_s, brief_s = [], [], []
    for _ in range(repeats):
        with timed() as t:
            analyses = sd.analyse_rows(rows, analyzer)
        analyse_s.append(t.seconds)
        reports = sd.story_reports(rows, analyses)
        with timed() as t:
            comparison = compare_story(reports)
        compare_s.append(t.seconds)
        with timed() as t:
            build_brief(comparison)
        brief_s.append(t.seconds)
    return {"reports": len(rows), "characters": sum(len(r["text"]) for r in rows),
            "claims": len(comparison.claims), "analyse_s": statistics.median(analyse_s),
            "compare_s": statistics.median(compare_s), "brief_s": statistics.median(brief_s),
            "compare_brief_s": statistics.median(c + b for c, b in zip(compare_s, brief_s))}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=REPEATS)
    ap.add_argument("--stories-per-size", type=int, default=STORIES_PER_SIZE)
    args = ap.parse_args()
    from newsloom.analyse import Analyzer

    stories = build_stories(args.stories_per_size)
    analyzer = Analyzer()
    with timed() as cold:
        time_story(stories[2][0], analyzer, 1)
    results = {size: [time_story(rows, analyzer, args.repeats) for rows in group] for size, group in stories.items()}
    figures, rows = summarise(results, cold.seconds, args)
    report("compare_speed", figures, rows)


def summarise(results: dict[int, list[dict]], cold: float, args):
    per_size, rows = {}, []
    for size, items in results.items():
        med = {k: statistics.median(i[k] for i in items) for k in ("analyse_s", "compare_s", "brief_s", "compare_brief_s")}
        per_size[size] = {"stories": len(items), **med, "claims_median": statistics.median(i["claims"] for i in items),
                          "characters_median": statistics.median(i["characters"] for i in items), "each": items}
        label = f"compare+brief speed, ECB+ stories of {size} reports ({len(items)} stories)"
        rows.append(row(label, "s/story compare+brief (median)", med["compare_brief_s"]))
        rows.append(row(label, "s/story analysis, for scale (median)", med["analyse_s"]))
    figures = {"repeats": args.repeats, "stories_per_size": args.stories_per_size, "cold_start_s": cold,
               "how": "2/5/10: first N docs of one ECB+ event; 30: first 30 docs of one ECB+ topic (two events)",
               "per_size": per_size}
    return figures, rows


if __name__ == "__main__":
    main()
