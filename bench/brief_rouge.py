"""The brief's summary against the AllSides editors' roundups: ROUGE-1/2/L F1, next to LEAD and CENTROID.

Data: ../shared/data/allsides/articles.jsonl (reports grouped by `story`, cleaned as the
pipeline's `prepare` does, analysed by the analysis stage) and roundups.jsonl (the
editors' summary of each story, the reference). Every story with two or more reports.

Systems, all on the same stories:
  brief     `build_brief(compare_story(reports))["summary"]`, item texts joined.
  LEAD      first sentences of the reports taken round-robin (report 1 sentence 1,
            report 2 sentence 1, ..., report 1 sentence 2, ...), report order as in the file.
  CENTROID  Radev-style centroid selection: TF-IDF sentence vectors (IDF fitted on every
            AllSides sentence), the story centroid keeps its CENTROID_TERMS heaviest terms;
            sentences ranked by cosine to it, a sentence within REDUNDANCY cosine of one
            already chosen is skipped; chosen sentences put back in report/text order.
Budget: the brief's own length in words, story by story. LEAD and CENTROID are cut to
exactly that many words (the brief is never cut), so the three are the same length.
Sentences are the analysis stage's sentences for all three.

Scoring: rouge-score (Google's package), use_stemmer=True, F1 of rouge1, rouge2 and rougeL
(rougeL = LCS over the whole text, no sentence split), reference = the roundup as given
(its closing note on how coverage differed included). Means over stories; stories whose
brief is empty score 0 for all three systems and are counted. A seeded paired bootstrap
(2,000 rounds over stories) gives a 95% interval for brief minus LEAD and minus CENTROID.

    python bench/brief_rouge.py [--limit N] [--half even|odd]

--half keeps the stories whose numeric id is even or odd: the brief's summary constants are
tuned on the even half only, so the odd half is the held-out figure (default: all stories).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import story_data as sd  # noqa: E402
from common import report, row  # noqa: E402

CENTROID_TERMS = 30   # MEAD keeps the top words of the centroid; 30 suits 3 excerpts of ~100 words
REDUNDANCY = 0.6      # cosine above which a sentence repeats one already chosen
METRICS = ("rouge1", "rouge2", "rougeL")


def sentences(report: dict, analysis: dict) -> list[str]:
    text = report["text"]
    spans = analysis.get("sentences") or [(0, len(text))]
    return [" ".join(text[s:e].split()) for s, e in spans if text[s:e].strip()]


def cut(words_of: list[str], budget: int) -> str:
    """Sentences joined, then cut to `budget` words."""
    return " ".join(" ".join(words_of).split()[:budget])


def lead(sents_per_report: list[list[str]], budget: int) -> str:
    picked, depth = [], 0
    while sum(len(s.split()) for s in picked) < budget and any(depth < len(s) for s in sents_per_report):
        picked.extend(s[depth] for s in sents_per_report if depth < len(s))
        depth += 1
    return cut(picked, budget)


def centroid(sents_per_report: list[list[str]], budget: int, vectorizer) -> str:
    flat = [(i, j, s) for i, sents in enumerate(sents_per_report) for j, s in enumerate(sents)]
    if not flat:
        return ""
    mat = vectorizer.transform([s for _, _, s in flat]).toarray()
    cen = mat.mean(axis=0)
    cen[np.argsort(cen)[:-CENTROID_TERMS]] = 0.0
    norms = np.linalg.norm(mat, axis=1) * (np.linalg.norm(cen) or 1.0)
    scores = mat @ cen / np.where(norms == 0, 1.0, norms)
    chosen, words = [], 0
    for k in np.argsort(-scores, kind="stable"):
        if words >= budget:
            break
        if any(_cos(mat[k], mat[c]) > REDUNDANCY for c in chosen):
            continue
        chosen.append(k)
        words += len(flat[k][2].split())
    return cut([flat[k][2] for k in sorted(chosen, key=lambda k: flat[k][:2])], budget)


def _cos(a, b) -> float:
    n = np.linalg.norm(a) * np.linalg.norm(b)
    return float(a @ b / n) if n else 0.0


def brief_text(rows: list[dict], analyses: list[dict], embedder) -> tuple[str, int, int]:
    """The summary's texts joined, its item count, and how many items are cut-off excerpt ends ("...")."""
    from newsloom.brief import build_brief
    from newsloom.compare import compare_story

    reports = sd.story_reports(rows, analyses)
    brief = build_brief(compare_story(reports, embedder=embedder))
    items = [" ".join(item["text"].split()) for item in brief.get("summary", [])]
    return " ".join(items), len(items), sum(t.endswith(("...", "…")) for t in items)


def fit_vectorizer(stories, cache):
    from sklearn.feature_extraction.text import TfidfVectorizer

    sents = [s for rows in stories.values() for r, a in zip(rows, cache.get(rows)) for s in sentences(r, a)]
    return TfidfVectorizer(stop_words="english", sublinear_tf=True).fit(sents)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None, help="first N stories (by sha1 of the id)")
    ap.add_argument("--half", choices=("even", "odd"), default=None,
                    help="only even- or odd-numbered story ids (even = tuning half, odd = held out)")
    args = ap.parse_args()
    from rouge_score import rouge_scorer

    roundups = sd.allsides_roundups()
    stories = {k: v for k, v in sd.allsides_stories().items() if len(v) >= 2 and k in roundups}
    if args.half:
        stories = {k: v for k, v in stories.items() if int(k) % 2 == (args.half == "odd")}
    if args.limit:
        stories = dict(sorted(stories.items(), key=lambda kv: sd.sha(kv[0]))[:args.limit])
    cache = sd.AnalysisCache()
    vectorizer = fit_vectorizer(stories, cache)
    cache.save()
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    embedder = sd.CachedEmbedder()  # same vectors as the default embedder, memoised across runs
    per_story = [score_story(sid, rows, cache, embedder, vectorizer, scorer, roundups[sid]["roundup"])
                 for sid, rows in sorted(stories.items())]
    embedder.save()
    figures, rows = summarise(per_story, args.half)
    if args.half:  # a tuning or held-out check: printed, the result file stays the all-stories run
        print(json.dumps({k: figures[k] for k in ("stories", "half", "mean_f1", "mean_precision_recall",
                                                  "brief_minus_lead_95ci", "brief_minus_centroid_95ci")}, indent=1))
        return
    report("brief_rouge", figures, rows)


def score_story(sid, rows, cache, embedder, vectorizer, scorer, reference) -> dict:
    analyses = cache.get(rows)
    summary, n_items, n_cut = brief_text(rows, analyses, embedder)
    budget = len(summary.split())
    sents = [sentences(r, a) for r, a in zip(rows, analyses)]
    systems = {"brief": summary, "lead": lead(sents, budget), "centroid": centroid(sents, budget, vectorizer)}
    out = {"story": sid, "budget_words": budget, "summary": summary, "items": n_items, "cut_items": n_cut}
    for name, text in systems.items():
        scores = scorer.score(reference, text) if text.strip() else None
        out[name] = {m: (scores[m].fmeasure if scores else 0.0) for m in METRICS}
        out[name + "_pr"] = {m: ((scores[m].precision, scores[m].recall) if scores else (0.0, 0.0)) for m in METRICS}
    return out


def _half_figures(per_story: list[dict]) -> dict:
    """Mean F1 and the paired intervals on one half (even ids: the summary's tuning half; odd: held out)."""
    return {"stories": len(per_story),
            "mean_f1": {s: {m: statistics.fmean(p[s][m] for p in per_story) for m in METRICS}
                        for s in ("brief", "lead", "centroid")},
            "brief_minus_lead_95ci": {m: paired_ci(per_story, "brief", "lead", m) for m in METRICS},
            "brief_minus_centroid_95ci": {m: paired_ci(per_story, "brief", "centroid", m) for m in METRICS}}


def paired_ci(per_story: list[dict], a: str, b: str, metric: str, rounds: int = 2000) -> list[float]:
    """95% paired bootstrap interval of mean(a - b) over stories (seeded): is a gap real?"""
    diffs = np.array([p[a][metric] - p[b][metric] for p in per_story])
    rng = np.random.default_rng(7)
    means = diffs[rng.integers(0, len(diffs), size=(rounds, len(diffs)))].mean(axis=1)
    return [float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))]


def summarise(per_story: list[dict], half: str | None = None):
    n = len(per_story)
    means = {s: {m: statistics.fmean(p[s][m] for p in per_story) for m in METRICS} for s in ("brief", "lead", "centroid")}
    budgets = [p["budget_words"] for p in per_story]
    which = f"{half}-numbered " if half else ""
    label = f"brief vs AllSides roundups ({n} {which}stories, budget = brief length)"
    rows = []
    for m, shown in zip(METRICS, ("ROUGE-1", "ROUGE-2", "ROUGE-L")):
        rows.append(row(label, f"{shown} F1 vs LEAD", means["brief"][m], means["lead"][m]))
        rows.append(row(label, f"{shown} F1 vs CENTROID", means["brief"][m], means["centroid"][m]))
    figures = {"stories": n, "half": half or "all", "budget": "the brief's own word count, story by story; LEAD/CENTROID cut to it",
               "empty_briefs": sum(b == 0 for b in budgets), "budget_words_median": statistics.median(budgets),
               "budget_words_range": [min(budgets), max(budgets)], "mean_f1": means,
               "summary_items": sum(p["items"] for p in per_story),
               "summary_items_ending_in_ellipsis": sum(p["cut_items"] for p in per_story),
               "ratio_brief_over_lead": {m: (means["brief"][m] / means["lead"][m] if means["lead"][m] else None) for m in METRICS},
                              "centroid_terms": CENTROID_TERMS, "redundancy_cosine": REDUNDANCY,
               "brief_minus_lead_95ci": {m: paired_ci(per_story, "brief", "lead", m) for m in METRICS},
               "brief_minus_centroid_95ci": {m: paired_ci(per_story, "brief", "centroid", m) for m in METRICS},
               "mean_precision_recall": {s: {m: [statistics.fmean(p[s + "_pr"][m][0] for p in per_story),
                                                statistics.fmean(p[s + "_pr"][m][1] for p in per_story)]
                                                for m in METRICS} for s in ("brief", "lead", "centroid")},
               "by_half": {h: _half_figures(part) for h in ("even", "odd")
                           if (part := [p for p in per_story if int(p["story"]) % 2 == (h == "odd")])},
               # by story id and scores only: the brief's sentences are the outlets' text, kept out of the repository
               "examples": [{k: p[k] for k in ("story", "budget_words", "items", "brief", "lead")}
                            for p in per_story[:5]]}
    return figures, rows


if __name__ == "__main__":
    main()
