"""Story clustering quality on ECB+ (gold = event) and AllSides (gold = story).

Ours: the online `StoryClusterer` (MiniLM title+lead, online TF-IDF, canonical
entities and places from the analysis stage, dates), read out by its `partition()`: a lone
report is shown in the story it fits at the end of the stream (`StoryClusterer.hosts`; how
many of those stories hold its gold event is reported). Its constants are tuned on one half
of each set and scored on the OTHER half:

* ECB+: split by topic; topics with an odd number tune, even topics are scored.
  ECB+ carries no publication dates: the time signal is off there (every story
  stays open); the dates its texts mention (analysis times) feed date_match/date_miss.
* AllSides: split by story; sha1(story id) even tunes, odd is scored. `published`
  is used where the URL carries one (568 of 1,479); the others are undated.

Arrival order (no gold leak): sha1(article id) order, then the dated articles are
put into chronological order among the positions the dated articles hold; no story
closes (close_after_days 0). The tuning and the headline row use this one order; the held-out
half is also scored in OTHER_ORDERS more orders drawn the same way (sha1 of a salt and the id),
reported as mean, min and max: an online clusterer's result depends on the order. Also, as
`newsloom run` feeds one input: the whole half in one `add_many` call at DEFAULTS (dated
articles by date, undated first in the file's order, stories closing after 30 quiet days): the
"one batch" row. ECB+'s file lists each topic's first event before its second, the hardest
order for an online clusterer: the first report of the second event meets a grown story of the
first one.

Baselines, same script: batch agglomerative clustering (average linkage, cosine)
on TF-IDF and on MiniLM embeddings, with the distance threshold tuned on the very
half it is scored on (an oracle threshold: an upper bound for that method).

Figures: BCubed precision/recall/F1, AMI and ARI (scikit-learn), and a 95% bootstrap interval
of our held-out BCubed F1 (1000 resamples of ECB+ topics / AllSides stories; a half holds only
about 22 ECB+ topics, so one topic's two events merging moves F1 by 0.01 to 0.02).

Ceiling (same script): the share of articles, among those with a gold sibling, whose nearest
neighbour under each representation the clusterer scores with (MiniLM of title + lead, MiniLM
of title + text, TF-IDF of title + text, and the clusterer's own mix: DEFAULTS' w_dense x the
first + w_sparse x the TF-IDF) belongs to their own gold cluster. Where it is well below 1, no
threshold or weighting over that representation separates the stories.

    python bench/stories_eval.py [--quick] [--cache DIR]
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import itertools
import json
import os
import pickle
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import data_dir, report, row, timed  # noqa: E402

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from newsloom.embed import normalise_rows  # noqa: E402
from newsloom.stories import DEFAULTS, StoryClusterer, StoryItem, event_day, lead_of  # noqa: E402


# ----- metrics --------------------------------------------------------------------------------------
def bcubed_per_item(gold: dict[str, str], pred: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Each item's BCubed (precision, recall): its predicted cluster's share of its class, and back."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i in gold:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    out = {}
    for i in gold:
        cluster, klass = by_pred[pred[i]], by_gold[gold[i]]
        both = len(cluster & klass)
        out[i] = (both / len(cluster), both / len(klass))
    return out


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall, F1 over the items of `gold` (Bagga & Baldwin 1998; Amigo et al. 2009)."""
    per_item = list(bcubed_per_item(gold, pred).values())
    p, r = sum(v[0] for v in per_item) / len(per_item), sum(v[1] for v in per_item) / len(per_item)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def scores(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score

    ids = list(gold)
    p, r, f = bcubed(gold, pred)
    g = [gold[i] for i in ids]
    q = [pred[i] for i in ids]
    return {"b3_p": p, "b3_r": r, "b3_f1": f, "ami": adjusted_mutual_info_score(g, q),
            "ari": adjusted_rand_score(g, q), "clusters": len(set(q)), "gold_clusters": len(set(g)), "n": len(ids)}


def bootstrap_f1(rows: list[dict], pred: dict[str, str], samples: int = 1000, seed: int = 0) -> list[float]:
    """95% percentile interval of BCubed F1 over resampled groups (ECB+ topics, AllSides stories).

    Each item's BCubed precision and recall are computed once on the whole half; groups are
    then drawn with replacement and F1 taken from the drawn items' mean precision and recall
    (the clustering stays fixed: the interval is the scoring sample's, not the clusterer's).
    """
    per_item = bcubed_per_item({r["id"]: r["gold"] for r in rows}, pred)
    per_group: dict = defaultdict(list)
    for r in rows:
        per_group[r["group"]].append(per_item[r["id"]])
    groups = [np.array(v) for _, v in sorted(per_group.items(), key=lambda kv: str(kv[0]))]
    rng = np.random.default_rng(seed)
    f1s = []
    for _ in range(samples):
        drawn = np.concatenate([groups[g] for g in rng.choice(len(groups), size=len(groups))])
        p, r = drawn.mean(axis=0)
        f1s.append(2 * p * r / (p + r))
    return [float(v) for v in np.percentile(f1s, [2.5, 97.5])]


# ----- data -----------------------------------------------------------------------------------------
def _h(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)


def load_ecbplus() -> list[dict]:
    rows = [json.loads(line) for line in (data_dir("ecbplus") / "articles.jsonl").open(encoding="utf-8")]
    out = []
    for r in rows:
        lines = [ln for ln in r["text"].split("\n") if ln.strip()]
        if r.get("title") and lines and lines[0].strip() == r["title"].strip():
            lines = lines[1:]
        body = "\n".join(lines)
        out.append({"id": r["id"], "gold": r["event"], "group": int(r["topic"]), "title": r.get("title"),
                    "text": body, "published": None, "outlet": None, "sentences": lines,
                    "half": "tune" if int(r["topic"]) % 2 == 1 else "score"})
    return out


def load_allsides() -> list[dict]:
    rows = [json.loads(line) for line in (data_dir("allsides") / "articles.jsonl").open(encoding="utf-8")]
    out = []
    for r in rows:
        out.append({"id": r["id"], "gold": r["story"], "group": r["story"], "title": r.get("title"),
                    "text": r["text"], "published": r.get("published"), "outlet": r.get("outlet"),
                    "sentences": None, "half": "tune" if _h(r["story"]) % 2 == 0 else "score"})
    return out


def arrival_order(rows: list[dict], salt: str = "") -> list[dict]:
    """sha1(id) order (sha1(salt + id) for another order); dated articles re-slotted
    chronologically among their own positions."""
    rows = sorted(rows, key=lambda r: _h(salt + r["id"]))
    slots = [i for i, r in enumerate(rows) if r["published"]]
    dated = sorted((rows[i] for i in slots), key=lambda r: (r["published"], _h(r["id"])))
    for i, r in zip(slots, dated):
        rows[i] = r
    return rows


def analyse(rows: list[dict]) -> None:
    """Entities (canonical ids) and places from the analysis stage, plus the lead sentences."""
    from newsloom.analyse import Analyzer
    from newsloom.stories import item_from_analysis

    analyzer = Analyzer()

    class _A:  # the fields item_from_analysis reads from an Article
        def __init__(self, r):
            self.id, self.title, self.text, self.published, self.outlet = (
                r["id"], r["title"], r["text"], r["published"], r["outlet"])

    stream = ((r["id"], r["text"], r["published"]) for r in rows)
    for r, analysis in zip(rows, analyzer.analyse_many(stream, batch_size=32)):
        if hasattr(analysis, "entities"):
            item = item_from_analysis(_A(r), analysis)
            r["entities"], r["places"], r["lead"] = list(item.entities), list(item.places), item.lead
            r["dates"] = list(item.dates)
            r["times"] = [dataclasses.asdict(t) for t in analysis.times]  # for event_day
        else:
            r["entities"], r["places"], r["lead"], r["dates"], r["times"] = [], [], lead_of(r["text"]), [], []
        if r["sentences"]:  # ECB+: one corpus sentence per line
            r["lead"] = " ".join(r["sentences"][:2])[:600]


def cache_key() -> str:
    """What a cached preparation was computed from: the analyser's version and code (as the other
    benches' AnalysisCache keys it), this script's preparation and the story items it builds."""
    import inspect

    from newsloom import stories
    from newsloom.analyse import ANALYZER_VERSION
    from story_data import analysis_source_hash, sha

    code = "".join(inspect.getsource(f) for f in (analyse, stories.item_from_analysis, stories.dates_from_times,
                                                  stories.lead_of))
    return sha(f"{ANALYZER_VERSION}:{analysis_source_hash()}:{code}")[:12]


def prepare(name: str, rows: list[dict], cache: Path | None) -> list[dict]:
    path = cache / f"stories_eval_{name}_{cache_key()}.pkl" if cache else None
    if path and path.exists():
        return pickle.loads(path.read_bytes())
    from newsloom.embed import MiniLMEmbedder

    analyse(rows)
    emb = MiniLMEmbedder()
    heads = [" ".join(p for p in (r["title"], r["lead"]) if p) for r in rows]
    vecs = emb.encode(heads)
    full = emb.encode([" ".join(p for p in (r["title"], r["text"]) if p) for r in rows])
    for r, v, f in zip(rows, vecs, full):
        r["vec"], r["vec_full"] = v, f
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(rows))
    return rows


class _Fixed:
    """An Embedder that is never called (vectors are precomputed)."""

    name, dim = "all-MiniLM-L6-v2", 384

    def encode(self, texts):  # pragma: no cover
        raise RuntimeError("vectors are precomputed")


def clustered(rows: list[dict], params: dict, salt: str = "") -> StoryClusterer:
    clusterer = StoryClusterer(_Fixed(), **params)
    for r in arrival_order(rows, salt):
        clusterer.add(item_of(r), r["vec"])
    return clusterer


def item_of(r: dict) -> StoryItem:
    return StoryItem(id=r["id"], title=r["title"], lead=r["lead"], text=r["text"], published=r["published"],
                     outlet=r["outlet"], entities=r["entities"], places=r["places"], dates=r.get("dates", ()),
                     day=event_day(r.get("times", ())))


def run_ours(rows: list[dict], params: dict) -> dict[str, str]:
    return clustered(rows, params).partition()


OTHER_ORDERS = 5  # more arrival orders the held-out half is scored in (salts "order-1" ...)


def other_orders(rows: list[dict], params: dict) -> dict:
    """BCubed F1 in OTHER_ORDERS more arrival orders, drawn the same way with salted hashes: how
    much the online result owes to the one order the tuning and the headline figure use."""
    gold = {r["id"]: r["gold"] for r in rows}
    f1s = [bcubed(gold, clustered(rows, params, f"order-{k}").partition())[2] for k in range(1, OTHER_ORDERS + 1)]
    return {"b3_f1": f1s, "mean": float(np.mean(f1s)), "min": min(f1s), "max": max(f1s)}


def as_one_batch(rows: list[dict]) -> dict[str, str]:
    """The set fed the way `newsloom run` feeds one input: one `add_many` call at DEFAULTS, stories
    closing after DEFAULTS' quiet days, in the data file's order (add_many sorts by date itself)."""
    clusterer = StoryClusterer(_Fixed(), **DEFAULTS)
    clusterer.add_many([item_of(r) for r in rows], np.stack([r["vec"] for r in rows]))
    return clusterer.partition()


def lone_hosting(rows: list[dict], params: dict) -> dict[str, int]:
    """Lone reports shown in another story at the end of the stream, and how many of those
    stories hold a report of the lone report's gold cluster."""
    gold = {r["id"]: r["gold"] for r in rows}
    clusterer = clustered(rows, params)
    hosts = clusterer.hosts()
    right = sum(gold[clusterer.stories[lone].members[0]] in {gold[m] for m in clusterer.stories[host].members}
                for lone, host in hosts.items())
    return {"hosted": len(hosts), "into_own_cluster": right}


# ----- baselines ------------------------------------------------------------------------------------
def agglomerative(matrix, gold: dict[str, str], ids: list[str], thresholds) -> tuple[float, dict]:
    from sklearn.cluster import AgglomerativeClustering

    best = (-1.0, None, None)
    dense = matrix.toarray() if hasattr(matrix, "toarray") else matrix
    for t in thresholds:
        labels = AgglomerativeClustering(n_clusters=None, distance_threshold=t, metric="cosine",
                                         linkage="average").fit_predict(dense)
        s = scores(gold, {i: str(label) for i, label in zip(ids, labels)})
        if s["b3_f1"] > best[0]:
            best = (s["b3_f1"], t, s)
    return best[1], best[2]


def tfidf_title_text(rows: list[dict]):
    """TF-IDF of title + text, fitted on the rows themselves (the baselines' and the ceiling's)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [" ".join(p for p in (r["title"], r["text"]) if p) for r in rows])


def baselines(rows: list[dict]) -> dict[str, dict]:
    ids = [r["id"] for r in rows]
    gold = {r["id"]: r["gold"] for r in rows}
    grid = np.round(np.arange(0.30, 0.98, 0.02), 2)
    tfidf = tfidf_title_text(rows)
    t1, s1 = agglomerative(tfidf, gold, ids, grid)
    t2, s2 = agglomerative(np.stack([r["vec_full"] for r in rows]), gold, ids, grid)
    return {"tfidf": {**s1, "threshold": float(t1)}, "minilm": {**s2, "threshold": float(t2)}}


def nearest_sibling_rates(rows: list[dict]) -> dict[str, float]:
    """Per representation: the share of articles with a gold sibling whose nearest neighbour is one."""
    gold = np.array([r["gold"] for r in rows])
    has_sibling = np.array([(gold == g).sum() > 1 for g in gold])
    lead, full = (normalise_rows(np.stack([r[key] for r in rows])) for key in ("vec", "vec_full"))
    tfidf = tfidf_title_text(rows)
    sims = {"minilm_title_lead": lead @ lead.T, "minilm_title_text": full @ full.T,
            "tfidf_title_text": (tfidf @ tfidf.T).toarray()}
    # the clusterer's own mix of its two text signals, at its default weights
    sims["combined"] = (DEFAULTS["w_dense"] * sims["minilm_title_lead"]
                        + DEFAULTS["w_sparse"] * sims["tfidf_title_text"])
    out = {}
    for name, s in sims.items():
        np.fill_diagonal(s, -np.inf)
        out[name] = float((gold[s.argmax(axis=1)] == gold)[has_sibling].mean())
    return out


def merged_events(rows: list[dict], pred: dict[str, str]) -> int:
    """Groups (ECB+ topics) whose two gold events merge whole: one predicted story holds at least
    half of each of two of the group's events."""
    counts: dict = defaultdict(lambda: defaultdict(int))   # (group, story) -> gold event -> members
    sizes: dict = defaultdict(int)
    for r in rows:
        counts[(r["group"], pred[r["id"]])][r["gold"]] += 1
        sizes[r["gold"]] += 1
    merged = {group for (group, _), events in counts.items()
              if sum(n * 2 >= sizes[g] for g, n in events.items()) >= 2}
    return len(merged)


# ----- tuning ----------------------------------------------------------------------------------------
# Closing by the stream clock is switched off in the evaluation: 62% of the AllSides
# excerpts are undated and sit at random places in the arrival order, so a story
# that closed on its dated members would shut out its own undated members (an artefact
# of the data, not of a real feed, where every article has a date). The per-article
# time gate (window_days) stays on.
EVAL_FIXED = {**DEFAULTS, "close_after_days": 0}

def grid(quick: bool):
    if quick:
        return [dict(EVAL_FIXED)]
    out = []
    # around DEFAULTS (found by a coordinate search on the tuning halves); the new signals stay fixed
    for wd, ws, we, th in itertools.product((0.2, 0.3, 0.4), (0.35, 0.5, 0.6), (0.0, 0.05, 0.1),
                                            (0.33, 0.35, 0.37, 0.40)):
        out.append({**EVAL_FIXED, "w_dense": wd, "w_sparse": ws, "w_ent": we, "threshold": th})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="score DEFAULTS only, no tuning grid")
    parser.add_argument("--cache", type=Path, default=None, help="keep analyses/embeddings here between runs")
    args = parser.parse_args()

    sets = {"ecbplus": load_ecbplus(), "allsides": load_allsides()}
    with timed() as prep_time:
        for name in sets:
            sets[name] = prepare(name, sets[name], args.cache)
    print(f"prepared in {prep_time.seconds:.0f}s", file=sys.stderr)

    halves = {name: {h: [r for r in rows if r["half"] == h] for h in ("tune", "score")}
              for name, rows in sets.items()}

    # Joint tuning: the mean B3 F1 over the two tuning halves (ecbplus-odd, allsides-even).
    candidates = grid(args.quick)

    def tune_f1(params):
        f = []
        for name in sets:
            rows = halves[name]["tune"]
            pred = run_ours(rows, params)
            f.append(bcubed({r["id"]: r["gold"] for r in rows}, pred)[2])
        return f

    with timed() as tune_time:
        results = [tune_f1(p) for p in candidates]
    ranked = sorted(zip(candidates, results), key=lambda x: -(x[1][0] + x[1][1]))
    best_params, best_tune = ranked[0]
    print(f"tuned over {len(candidates)} settings in {tune_time.seconds:.0f}s: {best_params} -> {best_tune}",
          file=sys.stderr)

    figures: dict = {"params": best_params, "grid_size": len(candidates), "tune_seconds": tune_time.seconds,
                     "order": "sha1(id), dated articles re-slotted chronologically",
                     "close_after_days": "0 in the evaluation (see EVAL_FIXED)",
                     "ecbplus_dates": "no publication dates (time signal off); dates mentioned in the text are used "
                                      "(date_match/date_miss)"}
    rows_out = []
    for name in sets:
        figures[name] = {}
        for half in ("tune", "score"):
            rows = halves[name][half]
            g = {r["id"]: r["gold"] for r in rows}
            with timed() as t:
                pred = run_ours(rows, best_params)
            ours = {**scores(g, pred), "b3_f1_95ci_bootstrap": bootstrap_f1(rows, pred),
                    "groups_with_two_events_merged": merged_events(rows, pred),
                    "groups": len({r["group"] for r in rows}),
                    "seconds": t.seconds, "articles_per_s": len(rows) / t.seconds,
                    "lone_reports": lone_hosting(rows, best_params),
                    "one_batch": scores(g, as_one_batch(rows)),
                    "other_orders": other_orders(rows, best_params)}
            base = baselines(rows)
            figures[name][half] = {"ours": ours, **base, "nearest_sibling": nearest_sibling_rates(rows)}
            print(name, half, json.dumps(figures[name][half], default=float)[:600], file=sys.stderr)
        s = figures[name]["score"]
        label = "ECB+ events" if name == "ecbplus" else "AllSides stories"
        target = 0.92 if name == "ecbplus" else 0.90
        f1 = s["ours"]["b3_f1"]  # four decimals: at three, 0.9195 would read as the 0.92 target met
        rows_out.append(row(f"story clustering, {label} (held-out half; online, tuned on the other half)",
                            "BCubed F1 vs target", f"{f1:.4f}", target, ratio=f"{f1 / target:.3f}x"))
        lo, hi = s["ours"]["b3_f1_95ci_bootstrap"]
        rows_out.append(row(f"story clustering, {label} (held-out half)",
                            "BCubed F1, 95% bootstrap interval over " + ("topics" if name == "ecbplus" else "stories"),
                            f"{lo:.3f} – {hi:.3f}", None))
        for base, base_name in (("tfidf", "TF-IDF"), ("minilm", "MiniLM")):
            other = s[base]["b3_f1"]
            rows_out.append(row(f"story clustering, {label} (held-out half)",
                                f"BCubed F1 vs agglomerative {base_name} (oracle threshold)", f"{f1:.4f}",
                                f"{other:.4f}", ratio=f"{f1 / other:.3f}x"))
        spread = s["ours"]["other_orders"]
        rows_out.append(row(f"story clustering, {label} (held-out half; {OTHER_ORDERS} other arrival orders)",
                            "BCubed F1 mean (min – max) vs target",
                            f"{spread['mean']:.4f} ({spread['min']:.3f} – {spread['max']:.3f})", target,
                            ratio=f"{spread['mean'] / target:.3f}x"))
        batch_f1 = s["ours"]["one_batch"]["b3_f1"]
        rows_out.append(row(f"story clustering, {label} (held-out half; one batch, as newsloom run feeds it)",
                            "BCubed F1 vs target", f"{batch_f1:.4f}", target, ratio=f"{batch_f1 / target:.3f}x"))
        ceiling = s["nearest_sibling"]
        rows_out.append(row(f"story clustering, {label} (held-out half; ceiling)",
                            "nearest neighbour in own story, MiniLM title+lead / title+text / TF-IDF / their mix",
                            " / ".join(f"{v:.3f}" for v in ceiling.values()), None))
        lone = s["ours"]["lone_reports"]
        rows_out.append(row(f"story clustering, {label} (held-out half; lone reports)",
                            "lone reports shown in a larger story: into one holding their own "
                            + ("event" if name == "ecbplus" else "story") + " / all",
                            f"{lone['into_own_cluster']} / {lone['hosted']}", None))
        if name == "ecbplus":
            rows_out.append(row(f"story clustering, {label} (held-out half; errors)",
                                "topics whose two events merge whole (a story holds half of each) / topics",
                                f"{s['ours']['groups_with_two_events_merged']} / {s['ours']['groups']}", None))
        rows_out.append(row(f"story clustering, {label} (held-out half)", "AMI", s["ours"]["ami"],
                            s["tfidf"]["ami"]))
        rows_out.append(row(f"story clustering, {label} (held-out half)", "ARI", s["ours"]["ari"],
                            s["tfidf"]["ari"]))
    report("stories_eval", figures, rows_out)


if __name__ == "__main__":
    main()
