"""Attribution extraction on PolNeAR (train and dev): source, cue and content span F1.

Data: ../shared/data/polnear/{train,dev}.jsonl (PolNeAR v1.0.0; there is no test split
there). Each article's text is parsed by spaCy exactly as given (not cleaned: the gold
offsets index the raw text), `extract_attributions` runs on the parse, and the result is
scored against the gold `attributions` of the first annotator (the record's `annotator`;
the other annotators in `other_annotations` are ignored). Train and dev are reported
separately. The rules were developed looking at train only; dev is scored, never read.

Span roles. Every gold attribution has up to three roles, each a list of character
fragments: source, cue, content. A predicted attribution gives `source_span`, `cue_span`
and `content_spans`. Before scoring, predicted records that share a cue span (a quote
continued after "he said" is a record of its own) are merged into one attribution with
their content pieces pooled, as PolNeAR annotates such quotes as one discontinuous content.
Per article and role, the gold spans and the predicted spans are each a set (one source
linked to several statements counts once).

PolNeAR conventions our spans are mapped to (chosen on train): the cue takes in the
auxiliaries, negation and adverbs right next to the verb ("has said", "did not deny",
"also announced", "noted repeatedly") and a following "in a statement"; the content takes
in a complementiser "that" right before it.

Exact match: a role span is normalised by stripping whitespace and punctuation (quote
marks included) at both edges of every fragment, dropping fragments left empty and joining
fragments separated only by whitespace or punctuation; a predicted span matches a gold
span when the normalised fragment lists are identical.

Overlap match: two spans overlap when their fragments share at least one alphanumeric
character position of the text (sharing only spaces or punctuation does not count, except
for a span with no alphanumeric character at all, such as the colon cue of a headline
"Trump: ...", which overlaps whatever shares a character with it; such a span is also
exempt from the edge stripping of exact match).
Predicted and gold spans of the same role are paired one-to-one, greedily by the number of
shared alphanumeric characters (largest first); precision = paired predicted / predicted,
recall = paired gold / gold, F1 their harmonic mean.

Attribution level: a gold attribution is found when some predicted attribution's cue
overlaps its cue and its content overlaps its content (a gold attribution without a cue
or without a content is judged on the role it has); a predicted attribution is correct
when it matches some gold attribution that way (not one-to-one). Source linking: of the
found gold attributions that have a source, the share whose matching prediction's source
overlaps the gold source.

Reference point, not a like-for-like comparison: BBC Citron's published PARC 3.0 figures
(source exact-match F1 82.0, content overlap F1 83.3; `bbc/citron` models/en_2021-11-15
README) were measured on a different corpus (Wall Street Journal text, PARC's guidelines)
with a trained model.

Speed: extraction alone (parse excluded) in ms/article on PolNeAR, on the two seed reports
and on 200 AllSides excerpts (budget: about 1.5 ms/article).

Usage: python bench/attribution_polnear.py [--limit N] [--split train|dev|both]
                                           [--n-process 2] [--batch-size 4]
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict

import common  # noqa: F401  (sets sys.path for newsloom)
from common import data_dir, report, row, timed

# BBC Citron on PARC 3.0 (README of models/en_2021-11-15): a reference point, other corpus.
CITRON_SOURCE_EXACT_F1 = 82.0
CITRON_CONTENT_OVERLAP_F1 = 83.3

# Dependents of a cue verb that PolNeAR's cue spans take in when they stand right before it
# (chosen on train: auxiliaries, negation, adverbs).
CUE_LEFT_DEPS = ("aux", "auxpass", "neg", "advmod")

_EDGE = set(" \t\r\n\xa0.,;:!?\"'“”‘’„«»()[]{}-–—…`*")


def load(split: str, limit: int | None) -> list[dict]:
    records = []
    with open(data_dir("polnear", f"{split}.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            records.append(json.loads(line))
            if limit and len(records) >= limit:
                break
    return records


# --- span normalisation and matching ----------------------------------------------


def normalise(text: str, frags) -> tuple[tuple[int, int], ...]:
    """Fragments stripped of edge whitespace/punctuation, empties dropped, touching ones joined.

    A span that is punctuation only (the colon cue of "Trump: ...") is kept as it is."""
    out: list[list[int]] = []
    frags = sorted(tuple(f) for f in frags)
    if not any(ch.isalnum() for s, e in frags for ch in text[s:e]):
        return tuple((s, e) for s, e in frags if text[s:e].strip())
    for s, e in frags:
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        if s >= e:
            continue
        if out and all(ch in _EDGE for ch in text[out[-1][1]:s]):
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple((s, e) for s, e in out)


def shared_alnum(text: str, a, b) -> int:
    """Alphanumeric characters covered by both fragment lists (any characters when one of
    them has no alphanumeric character at all, like a colon cue)."""
    n = raw = 0
    for s1, e1 in a:
        for s2, e2 in b:
            lo, hi = max(s1, s2), min(e1, e2)
            if lo < hi:
                n += sum(ch.isalnum() for ch in text[lo:hi])
                raw += hi - lo
    if n == 0 and raw and not (_has_alnum(text, a) and _has_alnum(text, b)):
        return raw
    return n


def _has_alnum(text: str, frags) -> bool:
    return any(ch.isalnum() for s, e in frags for ch in text[s:e])


def match_counts(text: str, gold: set, pred: set) -> tuple[int, int]:
    """(exact matches, one-to-one overlap pairs) between two sets of normalised spans."""
    exact = len(gold & pred)
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            n = shared_alnum(text, g, p)
            if n:
                pairs.append((n, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p = set(), set()
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
    return exact, len(used_g)


# --- predictions in PolNeAR's conventions ---------------------------------------------


def predicted(doc, attributions) -> list[dict]:
    """Our records as role fragment lists, merged by cue, in PolNeAR's conventions."""
    text = doc.text
    merged: dict[tuple[int, int], dict] = {}
    for a in attributions:
        key = tuple(a.cue_span)
        pieces = list(a.content_spans or [a.content_span])
        if key in merged:
            merged[key]["content"].extend(pieces)
            continue
        merged[key] = {"source": [tuple(a.source_span)] if a.source_span else None,
                       "cue": [cue_with_auxiliaries(doc, a.cue_span)],
                       "content": pieces}
    for item in merged.values():
        item["content"] = [with_complementiser(text, s, e) for s, e in item["content"]]
    return list(merged.values())


def cue_with_auxiliaries(doc, span):
    """PolNeAR's cue takes in the auxiliaries, negation and adverbs next to the verb ("has said",
    "also announced", "noted repeatedly") and a following "in a statement"."""
    start, end = span
    toks = doc.char_span(start, end, alignment_mode="expand")
    if toks is None:
        return (start, end)
    verb = toks[0]
    i = verb.i - 1
    while i >= 0 and doc[i].head.i == verb.i and doc[i].dep_ in CUE_LEFT_DEPS and doc[i].lower_ != "to":
        start = doc[i].idx
        i -= 1
    j = toks[-1].i + 1
    if j < len(doc) and doc[j].head.i == verb.i and doc[j].dep_ == "advmod" and doc[j].pos_ == "ADV":
        end = doc[j].idx + len(doc[j])
    elif j + 2 < len(doc) and doc[j].lower_ == "in" and doc[j].head.i == verb.i \
            and doc[j + 2].lower_ in ("statement", "interview", "tweet", "post", "email", "letter"):
        end = doc[j + 2].idx + len(doc[j + 2])
    return (start, end)


def with_complementiser(text: str, start: int, end: int):
    """PolNeAR's content includes a "that" right before the clause (and the quote mark after it)."""
    i = start
    if i > 0 and text[i - 1] in "\"“‘'":
        i -= 1
    before = text[max(0, i - 6):i]
    if before.lower().endswith("that ") and (i - 5 == 0 or not text[i - 6].isalnum()):
        return (i - 5, end)
    return (start, end)


# --- scoring ---------------------------------------------------------------------------


class Score:
    def __init__(self):
        self.counts = defaultdict(int)

    def add_article(self, text: str, gold: list[dict], pred: list[dict]) -> None:
        c = self.counts
        for role in ("source", "cue", "content"):
            g = {normalise(text, a[role]) for a in gold if a[role]}
            p = {normalise(text, a[role]) for a in pred if a[role]}
            g.discard(())
            p.discard(())
            exact, overlap = match_counts(text, g, p)
            c[f"{role}_gold"] += len(g)
            c[f"{role}_pred"] += len(p)
            c[f"{role}_exact"] += exact
            c[f"{role}_overlap"] += overlap

        def hits(a, b, role):
            if not a[role] or not b[role]:
                return None
            return shared_alnum(text, normalise(text, a[role]), normalise(text, b[role])) > 0

        def same(g, p):
            checks = [hits(g, p, "cue"), hits(g, p, "content")]
            checks = [x for x in checks if x is not None]
            return bool(checks) and all(checks)

        c["attr_gold"] += len(gold)
        c["attr_pred"] += len(pred)
        for g in gold:
            found = [p for p in pred if same(g, p)]
            if found:
                c["attr_found"] += 1
                if g["source"]:
                    c["linked_gold"] += 1
                    if any(hits(g, p, "source") for p in found):
                        c["linked_right"] += 1
        c["attr_correct"] += sum(1 for p in pred if any(same(g, p) for g in gold))

    def figures(self) -> dict:
        c = self.counts
        out: dict = {"counts": dict(c)}

        def prf(tp_p, n_p, tp_g, n_g):
            p = 100 * tp_p / n_p if n_p else 0.0
            r = 100 * tp_g / n_g if n_g else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return {"precision": round(p, 1), "recall": round(r, 1), "f1": round(f, 1)}

        for role in ("source", "cue", "content"):
            for how in ("exact", "overlap"):
                tp = c[f"{role}_{how}"]
                out[f"{role}_{how}"] = prf(tp, c[f"{role}_pred"], tp, c[f"{role}_gold"])
        out["attribution"] = prf(c["attr_correct"], c["attr_pred"], c["attr_found"], c["attr_gold"])
        out["source_linking"] = round(100 * c["linked_right"] / c["linked_gold"], 1) if c["linked_gold"] else 0.0
        return out


def gold_of(record: dict) -> list[dict]:
    return [{"source": a["source"], "cue": a["cue"], "content": a["content"]} for a in record["attributions"]]


def run_split(nlp, split: str, args) -> dict:
    from newsloom.analyse.attributions import extract_attributions

    records = load(split, args.limit)
    texts = [r["text"] for r in records]
    # parse everything first, then extract in this process alone: the extraction time is not
    # inflated by parser workers running beside it
    with timed() as parse_time:
        docs = list(nlp.pipe(texts, batch_size=args.batch_size, n_process=args.n_process))
    with timed() as extract_time:
        results = [extract_attributions(doc) for doc in docs]
    score = Score()
    for record, doc, attributions in zip(records, docs, results):
        score.add_article(doc.text, gold_of(record), predicted(doc, attributions))
    n_attr = sum(map(len, results))
    figures = score.figures()
    figures.update({
        "articles": len(records), "predicted_records": n_attr,
        "parse_seconds": round(parse_time.seconds, 1),
        "extract_ms_per_article": round(1000 * extract_time.seconds / max(1, len(records)), 3),
        "tokens_per_article": round(sum(map(len, docs)) / max(1, len(docs))),
    })
    return figures


def extraction_speed(nlp, n_allsides: int = 200, repeats: int = 5) -> dict:
    """ms/article of extract_attributions alone (parse excluded, best of `repeats`) on the two
    seed reports and the first `n_allsides` AllSides excerpts, cleaned as newsloom cleans them."""
    from newsloom.analyse.attributions import extract_attributions
    from newsloom.clean import clean

    sets = {"seeds": [clean(p.read_text(encoding="utf-8")).text
                      for p in sorted(data_dir("seeds").glob("*.txt"))]}
    texts = []
    with open(data_dir("allsides", "articles.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            text = clean(json.loads(line)["text"]).text
            if text.strip():
                texts.append(text)
            if len(texts) >= n_allsides:
                break
    sets[f"allsides_{n_allsides}"] = texts
    out = {}
    for name, group in sets.items():
        docs = list(nlp.pipe(group, batch_size=16))
        for doc in docs:
            extract_attributions(doc)  # warm-up
        best = float("inf")
        for _ in range(repeats):
            with timed() as t:
                for doc in docs:
                    extract_attributions(doc)
            best = min(best, t.seconds)
        out[name] = {"articles": len(docs), "tokens_per_article": round(sum(map(len, docs)) / len(docs)),
                     "ms_per_article": round(1000 * best / len(docs), 3)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each split")
    parser.add_argument("--split", choices=("train", "dev", "both"), default="both")
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--n-process", type=int, default=2)
    args = parser.parse_args()

    from newsloom.analyse.nlp import load_nlp

    nlp = load_nlp()
    splits = ["train", "dev"] if args.split == "both" else [args.split]
    figures: dict = {"limit": args.limit, "batch_size": args.batch_size, "n_process": args.n_process}
    rows = []
    for split in splits:
        f = run_split(nlp, split, args)
        figures[split] = f
        name = f"attributions PolNeAR {split} ({f['articles']} articles)"
        print(f"\n{name}: parse {f['parse_seconds']} s, extraction {f['extract_ms_per_article']} ms/article "
              f"({f['tokens_per_article']} tokens/article)")
        for key in ("source_exact", "source_overlap", "cue_exact", "cue_overlap", "content_exact",
                    "content_overlap", "attribution"):
            print(f"  {key:16} P {f[key]['precision']:5.1f}  R {f[key]['recall']:5.1f}  F1 {f[key]['f1']:5.1f}")
        print(f"  source linking   {f['source_linking']:5.1f}")
        ref = " (ref: Citron, PARC 3.0 — other corpus)"
        rows += [
            row(name, "source exact F1" + ref, f["source_exact"]["f1"], CITRON_SOURCE_EXACT_F1),
            row(name, "content overlap F1" + ref, f["content_overlap"]["f1"], CITRON_CONTENT_OVERLAP_F1),
            row(name, "source overlap F1", f["source_overlap"]["f1"]),
            row(name, "cue exact / overlap F1", f"{f['cue_exact']['f1']} / {f['cue_overlap']['f1']}"),
            row(name, "content exact F1", f["content_exact"]["f1"]),
            row(name, "attribution F1 (cue and content overlap)", f["attribution"]["f1"]),
        ]
    if args.limit:
        print("\n(--limit given: bench/results/attribution_polnear.json left as it was)")
        return
    speed = extraction_speed(nlp)
    figures["extraction_speed"] = speed
    for name, f in speed.items():
        print(f"extraction alone on {name}: {f['ms_per_article']} ms/article ({f['tokens_per_article']} tokens/article)")
        rows.append(row(f"attribution extraction, spaCy parse excluded ({name.replace('_', ' ')})",
                        "ms/article", f["ms_per_article"]))
    report("attribution_polnear", figures, rows)


if __name__ == "__main__":
    main()
