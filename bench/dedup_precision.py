"""Pairwise same-story precision of the dedup stage, and its speed as the index grows.

Precision: every pair the dedup stage links as a duplicate (and, separately, every pair it
links as an overlap) is checked against the gold clusters: ECB+ (gold = event) and
AllSides (gold = story). Recall check: the ECB+ README counts 35 document pairs with word
5-gram Jaccard >= 0.5, all inside one event; we recompute that set exactly (brute force
over all pairs) and report how many of them the stage links (as duplicate or overlap).

Speed: `DedupIndex.add` over 1k / 10k (and, with --sizes, more) articles built by
replaying the ECB+ and AllSides texts with light random variation (every replay after the
first drops/duplicates/swaps ~3% of words, so replays are near-duplicates of their source
but not identical): articles/s per size, and peak memory (tracemalloc, in a separate run
from the timing).

    python bench/dedup_precision.py [--sizes 1000,10000]
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

from newsloom.clean import clean  # noqa: E402
from newsloom.dedup import DedupIndex, jaccard, shingles  # noqa: E402


def load(name: str, gold_field: str) -> list[dict]:
    path = common.data_dir(name, "articles.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        r["gold"] = r[gold_field]
        # The stage runs on cleaned text, as in the pipeline.
        r["clean"] = clean(r["text"], title=r.get("title")).text
    return rows


def precision(rows: list[dict]) -> tuple[dict, DedupIndex, float]:
    gold = {r["id"]: r["gold"] for r in rows}
    index = DedupIndex()
    with common.timed() as t:
        for r in rows:
            index.add(r["id"], r["clean"], r.get("published"))
    out = {"articles": len(rows), "articles_per_s": len(rows) / t.seconds}
    for kind, pairs in (("duplicate", index.duplicate_pairs()), ("overlap", index.overlap_pairs())):
        same = sum(gold[a] == gold[b] for a, b, _ in pairs)
        out[f"{kind}_pairs"] = len(pairs)
        out[f"{kind}_same_story"] = same
        out[f"{kind}_precision"] = same / len(pairs) if pairs else None
        out[f"{kind}_wrong"] = [(a, b, round(v, 3)) for a, b, v in pairs if gold[a] != gold[b]][:10]
    # group-level: every (copy, root) pair of the final mapping
    mapping = index.mapping()
    out["copy_to_root_pairs"] = len(mapping)
    out["copy_to_root_precision"] = (sum(gold[c] == gold[r] for c, r in mapping.items()) / len(mapping)
                                     if mapping else None)
    return out, index, t.seconds


def near_duplicate_recall(rows: list[dict], index: DedupIndex, threshold: float = 0.5) -> dict:
    """Brute-force 5-shingle Jaccard >= threshold pairs (on raw text, as the README counted)
    and how many the stage links."""
    sh = {r["id"]: shingles(r["text"]) for r in rows}
    gold = {r["id"]: r["gold"] for r in rows}
    ids = sorted(sh)
    near = [(a, b) for a, b in itertools.combinations(ids, 2) if jaccard(sh[a], sh[b]) >= threshold]
    linked = {(a, b) for a, b, _ in index.duplicate_pairs()} | {(a, b) for a, b, _ in index.overlap_pairs()}
    found = [p for p in near if p in linked]
    return {"near_pairs": len(near), "near_same_gold": sum(gold[a] == gold[b] for a, b in near),
            "near_linked": len(found), "near_recall": len(found) / len(near) if near else None,
            "near_missed": [p for p in near if p not in linked][:10]}


def vary(text: str, rng: random.Random, rate: float = 0.03) -> str:
    words = text.split(" ")
    out = []
    for w in words:
        x = rng.random()
        if x < rate / 3:
            continue                      # drop
        out.append(w)
        if x < 2 * rate / 3:
            out.append(w)                 # duplicate
        elif x < rate and len(out) > 1:
            out[-1], out[-2] = out[-2], out[-1]  # swap
    return " ".join(out)


def replay(texts: list[str], n: int, seed: int = 7) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    items = []
    for i in range(n):
        base = texts[i % len(texts)]
        text = base if i < len(texts) else vary(base, rng)
        day = 1 + (i // len(texts)) % 28
        items.append((f"r{i:07d}", text, f"2025-01-{day:02d}"))
    return items


def speed(texts: list[str], sizes: list[int]) -> list[dict]:
    out = []
    for n in sizes:
        items = replay(texts, n)
        index = DedupIndex()
        with common.timed() as t:
            for aid, text, pub in items:
                index.add(aid, text, pub)
        # last 10% alone: is the per-article cost flat when the index is full?
        tail = items[-max(1, n // 10):]
        index2 = DedupIndex()
        for aid, text, pub in items[:-len(tail)]:
            index2.add(aid, text, pub)
        with common.timed() as t_tail:
            for aid, text, pub in tail:
                index2.add(aid, text, pub)
        del index2
        index3 = DedupIndex()
        with common.timed(trace_memory=True) as m:
            for aid, text, pub in items:
                index3.add(aid, text, pub)
        del index3
        rec = {"articles": n, "seconds": t.seconds, "articles_per_s": n / t.seconds,
               "last_10pct_articles_per_s": len(tail) / t_tail.seconds,
               "peak_traced_mb": m.peak_traced_mb, "kb_per_article": m.peak_traced_mb * 1000 / n,
               "peak_rss_mb": m.peak_rss_mb, "duplicate_groups": len(index.groups()),
               "copies": len(index.mapping())}
        print(f"  {n:>7} articles: {rec['articles_per_s']:.0f} articles/s overall, "
              f"{rec['last_10pct_articles_per_s']:.0f}/s for the last 10%, "
              f"peak {rec['peak_traced_mb']:.0f} MB traced ({rec['kb_per_article']:.1f} kB/article)")
        out.append(rec)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="replayed index sizes for the speed curve")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]

    figures: dict = {}
    rows: list[dict] = []
    texts: list[str] = []
    for name, gold_field in (("ecbplus", "event"), ("allsides", "story")):
        data = load(name, gold_field)
        texts += [r["clean"] for r in data]
        res, index, _ = precision(data)
        if name == "ecbplus":
            res.update(near_duplicate_recall(data, index))
        figures[name] = res
        print(f"{name}: {json.dumps({k: v for k, v in res.items() if not k.endswith(('wrong', 'missed'))})}")
        label = f"dedup {name} ({'event' if name == 'ecbplus' else 'story'})"
        rows.append(common.row(label, "duplicate pairs: same-story precision", res["duplicate_precision"]))
        rows.append(common.row(label, "duplicate pairs found", res["duplicate_pairs"]))
        rows.append(common.row(label, "overlap pairs: same-story precision", res["overlap_precision"]))
        rows.append(common.row(label, "overlap pairs found", res["overlap_pairs"]))
        if name == "ecbplus":
            rows.append(common.row(label, "near-dup pairs (5-gram J>=0.5) linked", res["near_linked"],
                                   res["near_pairs"]))
        rows.append(common.row(label, "articles/s (add)", res["articles_per_s"]))

    print("speed: replayed ECB+ and AllSides cleaned texts, ~3% words varied per replay, dates shifted")
    curve = speed(texts, sizes)
    figures["speed"] = {"note": "replayed ECB+ and AllSides cleaned texts; every replay after the first "
                                "has ~3% of its words dropped/duplicated/swapped and a shifted date",
                        "curve": curve}
    for rec in curve:
        rows.append(common.row(f"dedup add, {rec['articles']:,} replayed articles", "articles/s",
                               rec["articles_per_s"]))
        rows.append(common.row(f"dedup add, {rec['articles']:,} replayed articles", "peak MB (tracemalloc)",
                               rec["peak_traced_mb"]))
    common.report("dedup_precision", figures, rows)


if __name__ == "__main__":
    main()
