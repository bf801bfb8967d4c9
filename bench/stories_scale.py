"""Speed and memory of the two online stages (dedup, story clustering) as the store grows.

Data: the ECB+ and AllSides articles (../shared/data), cleaned with `newsloom.clean.clean`
as in the pipeline, replayed into a long dated stream:

* **Timeline.** The base set (2,461 articles) gets one date per article: AllSides keeps
  its publication date (2021-01-26 .. 2021-10-18); an undated AllSides article takes a
  dated article of its story's date, else one seeded random day of that span per story;
  ECB+ (undated) gets one seeded random day per gold event, plus 0-2 days per document.
  Replay round r shifts every date by r x SHIFT days (SHIFT = the base span + the
  clusterer's close_after_days + 1), so each round's stories open, go quiet and close
  before the next round's start: the stream is a long timeline at a constant rate, and
  the number of *open* stories stays bounded while the store grows.
* **Text.** Round 0 is the cleaned text itself; every later copy drops / duplicates /
  swaps ~3% of its words (`dedup_precision.vary`), so copies are near-duplicates of their
  source, not identical. Titles and outlets are kept.
* **Vectors.** MiniLM (all-MiniLM-L6-v2) encodes the base set's title + lead once; every
  replayed copy reuses its source's vector plus Gaussian noise (sigma 0.01 per dimension,
  cosine ~0.98 to the source), re-normalised. The encoding throughput on the base set is
  reported separately: in the pipeline every new article is embedded once.
* **Not included.** No NER: items carry no entities or places (the entity and place
  signals score 0), and no copy is withheld from clustering (the pipeline clusters only
  dedup originals): every replayed article goes through both stages, the worst case.
* **Dedup age window.** `DedupIndex()` with its defaults, as in `newsloom run`: an entry
  leaves the LSH once it has met `KEEP_ARTICLES` (2,000) later arrivals and is more than
  `WINDOW_DAYS` (30) days behind the newest date. The replay's dates do spread (100k
  articles cover ~40 rounds x SHIFT days, about 33 years, ~8 articles a day), so the date
  window alone would hold ~250 articles; at this rate the 2,000-arrival floor is what
  bounds the index (reported: live entries at the end and at most). A round's copy of the
  previous round's article is 2,461 arrivals and SHIFT days back, past both bounds: it is
  a new original, not a copy (without the window every round linked to every earlier one:
  45,696 copies and 2.1M overlap pairs at 100k, 1.8 GB).

Measured per size (the first N articles of the stream, in date order), each stage in a
fresh Python process (so one stage's memory does not count in the other's):

* articles/s of `DedupIndex.add` and of `StoryClusterer.add` (precomputed vector,
  `DEFAULTS`, as `newsloom run` places articles): only the add calls are timed
  (perf_counter around each), not building the replayed text or item;
* articles/s for the last 10% of the stream alone (flat cost per article = about the same
  figure as overall) and per tenth of the stream;
* peak RSS (the worker process's VmHWM from /proc/self/status, MB; ru_maxrss is not used
  because on Linux a child inherits the parent's figure there) and the RSS before the stage
  started (interpreter + libraries): RSS only, no tracemalloc (it would slow the timed
  pass down);
* open stories at the end and at most during the run; at the end: all stories, duplicate groups, copies, overlap pairs;
  for dedup, the entries in the window (live) at the end and at most, and all entries held (live + settled).

A run stops a stage early when it passes --budget-s seconds and says so (partial: true).

    python bench/stories_scale.py [--sizes 1000,10000,100000] [--budget-s 600]
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import pickle
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402
from dedup_precision import load, vary  # noqa: E402

from newsloom.stories import DEFAULTS, StoryItem, lead_of  # noqa: E402

NOISE_SIGMA = 0.01
VARY_RATE = 0.03


def _rss_now_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # pragma: no cover - not Linux
        return float("nan")


def _peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM). Not ru_maxrss: on Linux a child started
    by a large parent reports the parent's size there, exec or not."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:  # pragma: no cover - not Linux
        pass
    return common._peak_rss_mb()


def _seeded(key: str, modulo: int) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % modulo


def build_base() -> tuple[list[dict], int]:
    """Base articles with a day offset each (0 = the earliest AllSides date), and the span in days."""
    ecb = load("ecbplus", "event")
    alls = load("allsides", "story")
    dated = [dt.date.fromisoformat(r["published"][:10]) for r in alls if r.get("published")]
    start, end = min(dated), max(dated)
    span = (end - start).days
    story_day: dict[str, int] = {}
    for r in alls:
        if r.get("published"):
            story_day.setdefault(r["gold"], (dt.date.fromisoformat(r["published"][:10]) - start).days)
    base = []
    for r in alls:
        if r.get("published"):
            day = (dt.date.fromisoformat(r["published"][:10]) - start).days
        else:
            day = story_day.get(r["gold"], _seeded("allsides:" + r["gold"], span + 1))
        base.append({"id": r["id"], "title": r.get("title"), "text": r["clean"], "outlet": r.get("outlet"),
                     "day": day})
    for r in ecb:
        day = min(span, _seeded("ecb:" + str(r["gold"]), span + 1) + _seeded("ecbdoc:" + r["id"], 3))
        base.append({"id": r["id"], "title": r.get("title"), "text": r["clean"], "outlet": None, "day": day})
    base.sort(key=lambda b: (b["day"], b["id"]))
    return base, span


def stream(base: list[dict], n: int, shift: int, start: dt.date, seed: int = 7):
    """The first n articles of the replayed stream, in date order: (id, title, text, published, outlet, base_index)."""
    rng = random.Random(seed)
    for i in range(n):
        rnd, j = divmod(i, len(base))
        b = base[j]
        text = b["text"] if rnd == 0 else vary(b["text"], rng, VARY_RATE)
        day = start + dt.timedelta(days=b["day"] + rnd * shift)
        yield f"r{rnd:03d}-{b['id']}", b["title"], text, day.isoformat(), b["outlet"], j


def _deciles(marks: list[float], n: int) -> list[float]:
    """articles/s in each tenth of the stream, from the cumulative add time at each tenth."""
    out, prev_t, prev_i = [], 0.0, 0
    for k, t in enumerate(marks, 1):
        i = round(n * k / 10)
        out.append((i - prev_i) / (t - prev_t) if t > prev_t else float("nan"))
        prev_t, prev_i = t, i
    return out


def worker(stage: str, n: int, cache: Path, budget: float) -> dict:
    with open(cache, "rb") as fh:
        data = pickle.load(fh)
    base, shift, start = data["base"], data["shift"], data["start"]
    vectors = data["vectors"]
    rng = np.random.default_rng(11)
    if stage == "dedup":
        from newsloom.dedup import DedupIndex
        target = DedupIndex()
    else:
        from newsloom.embed import MiniLMEmbedder
        from newsloom.stories import StoryClusterer

        class _Dim:  # the clusterer only asks a precomputed-vector run for the name and dimension
            name, dim = MiniLMEmbedder.name, MiniLMEmbedder.dim

            def encode(self, texts):  # pragma: no cover - vectors are always given
                raise RuntimeError("vectors are precomputed")

        target = StoryClusterer(_Dim())
    rss_before = _rss_now_mb()
    tenths = {round(n * k / 10): k for k in range(1, 11)}
    marks: list[float] = []
    spent, done, partial = 0.0, 0, False
    max_open = 0
    wall0 = time.perf_counter()
    clock = time.perf_counter
    for aid, title, text, published, outlet, j in stream(base, n, shift, start):
        if stage == "dedup":
            t0 = clock()
            target.add(aid, text, published)
            spent += clock() - t0
            max_open = max(max_open, target.live_count())  # entries in the window, not timed
        else:
            if aid.startswith("r000-"):
                vec = vectors[j]
            else:
                vec = vectors[j] + rng.normal(0.0, NOISE_SIGMA, vectors.shape[1]).astype(np.float32)
                vec /= np.linalg.norm(vec)
            item = StoryItem(id=aid, title=title, lead=lead_of(text), text=text, published=published,
                             outlet=outlet)
            t0 = clock()
            target.add(item, vec)
            spent += clock() - t0
            max_open = max(max_open, len(target._open))  # noqa: SLF001 - a benchmark may look inside
        done += 1
        if done in tenths:
            marks.append(spent)
        if clock() - wall0 > budget:
            partial = done < n
            break
    rec = {"stage": stage, "articles": done, "requested": n, "partial": partial,
           "add_seconds": spent, "wall_seconds": time.perf_counter() - wall0,
           "articles_per_s": done / spent if spent else None,
           "rss_before_mb": rss_before, "peak_rss_mb": _peak_rss_mb()}
    if not partial and len(marks) == 10:
        rec["last_10pct_articles_per_s"] = (n - round(n * 0.9)) / (marks[-1] - marks[-2])
        rec["articles_per_s_by_tenth"] = _deciles(marks, n)
    if stage == "dedup":
        rec["duplicate_groups"] = len(target.groups())
        rec["copies"] = len(target.mapping())
        rec["overlap_pairs"] = len(target.overlap_pairs())
        rec["live_entries"] = target.live_count()
        rec["max_live_entries"] = max_open
        rec["held_entries"] = len(target)
        rec["window"] = {"window_days": target.window_days, "keep_articles": target.keep_articles}
    else:
        rec["stories"] = len(target.stories)
        rec["open_stories"] = sum(1 for s in target.stories.values() if s.open)
        rec["max_open_stories"] = max_open
        rec["clock"] = target.clock.isoformat() if target.clock else None
    return rec


def encode_base(base: list[dict]) -> tuple[np.ndarray, dict]:
    from newsloom.embed import MiniLMEmbedder

    emb = MiniLMEmbedder()
    heads = [StoryItem(id=b["id"], title=b["title"], lead=lead_of(b["text"]), text=b["text"]).headline_and_lead
             for b in base]
    emb.encode(heads[:8])  # load the model outside the timing
    with common.timed() as t:
        vecs = emb.encode(heads)
    import torch

    info = {"articles": len(heads), "seconds": t.seconds, "articles_per_s": len(heads) / t.seconds,
            "batch_size": emb.batch_size, "device": "cpu", "torch_threads": torch.get_num_threads(),
            "input": "title + lead (2 sentences, <= 600 chars)"}
    return vecs, info


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="stream sizes (articles)")
    ap.add_argument("--budget-s", type=float, default=600.0, help="stop one stage at one size after this long")
    ap.add_argument("--worker", nargs=3, metavar=("STAGE", "N", "CACHE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        stage, n, cache = args.worker
        print(json.dumps(worker(stage, int(n), Path(cache), args.budget_s)))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]

    base, span = build_base()
    close_after = int(DEFAULTS["close_after_days"])
    shift = span + close_after + 1
    start = dt.date(2021, 1, 26)
    print(f"base: {len(base)} cleaned ECB+ and AllSides articles over {span} days; replay round r is "
          f"shifted by r x {shift} days, copies have ~{VARY_RATE:.0%} of words dropped/duplicated/swapped",
          flush=True)
    vectors, enc = encode_base(base)
    print(f"MiniLM encoding (title + lead, CPU, {enc['torch_threads']} threads): "
          f"{enc['articles_per_s']:.0f} articles/s on {enc['articles']} articles", flush=True)

    curve: dict[str, list[dict]] = {"dedup": [], "clustering": []}
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "base.pkl"
        with open(cache, "wb") as fh:
            pickle.dump({"base": base, "shift": shift, "start": start, "vectors": vectors}, fh)
        for n in sizes:
            for stage in ("dedup", "clustering"):
                proc = subprocess.run([sys.executable, __file__, "--budget-s", str(args.budget_s),
                                       "--worker", stage, str(n), str(cache)],
                                      capture_output=True, text=True)
                if proc.returncode != 0:
                    print(proc.stderr, file=sys.stderr)
                    raise SystemExit(f"{stage} worker failed at {n}")
                rec = json.loads(proc.stdout.strip().splitlines()[-1])
                curve[stage].append(rec)
                extra = (f"{rec['open_stories']} open at the end (at most {rec['max_open_stories']}) / "
                         f"{rec['stories']} stories" if stage == "clustering"
                         else f"{rec['copies']} copies in {rec['duplicate_groups']} groups, "
                              f"{rec['overlap_pairs']} overlap pairs; {rec['live_entries']} live "
                              f"(at most {rec['max_live_entries']}) / {rec['held_entries']} held")
                tail = rec.get("last_10pct_articles_per_s")
                print(f"  {stage:<10} {rec['articles']:>7}{' (partial, budget hit)' if rec['partial'] else ''}: "
                      f"{rec['articles_per_s']:.0f} articles/s overall, "
                      f"{'%.0f' % tail if tail else '-'}/s last 10%, peak RSS {rec['peak_rss_mb']:.0f} MB "
                      f"(before: {rec['rss_before_mb']:.0f} MB); {extra}", flush=True)

    figures = {
        "note": ("ECB+ and AllSides cleaned texts replayed: round r shifted by r x "
                 f"{shift} days; every copy after round 0 has ~{VARY_RATE:.0%} of its words "
                 "dropped/duplicated/swapped; clustering uses the source's MiniLM title+lead vector plus "
                 f"N(0, {NOISE_SIGMA}) noise per dimension, re-normalised; no entities/places; every "
                 "article goes through both stages; only the add calls are timed; memory = peak RSS "
                 "(VmHWM) of a fresh worker process per stage and size, no tracemalloc; dedup with its "
                 "default age window (see newsloom.dedup WINDOW_DAYS, KEEP_ARTICLES)"),
        "base_articles": len(base), "base_span_days": span, "shift_days": shift,
        "clusterer_params": dict(DEFAULTS),
        "minilm_encoding": enc, "curve": curve,
    }
    rows = [common.row("MiniLM encoding (title+lead, CPU)", "articles/s", enc["articles_per_s"])]
    for stage, label in (("dedup", "dedup"), ("clustering", "clustering")):
        for rec in curve[stage]:
            size = f"{rec['requested'] // 1000}k" if rec["requested"] % 1000 == 0 else str(rec["requested"])
            name = f"{label} scale, replayed stream ({size} articles)"
            if rec["partial"]:
                name += f" [stopped at {rec['articles']:,}]"
            rows.append(common.row(name, f"{label} articles/s at {size}", rec["articles_per_s"]))
            if rec.get("last_10pct_articles_per_s"):
                rows.append(common.row(name, f"{label} articles/s at {size}, last 10%",
                                       rec["last_10pct_articles_per_s"]))
            rows.append(common.row(name, f"{label} peak RSS MB at {size}", rec["peak_rss_mb"]))
            if stage == "dedup":
                rows.append(common.row(name, f"dedup entries in the window at most ({size})",
                                       rec["max_live_entries"]))
            if stage == "clustering":
                rows.append(common.row(name, f"open stories at end ({size})", rec["open_stories"]))
                rows.append(common.row(name, f"open stories at most ({size})", rec["max_open_stories"]))
    common.report("stories_scale", figures, rows)


if __name__ == "__main__":
    main()
