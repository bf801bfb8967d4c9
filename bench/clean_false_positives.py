"""How much real prose does the cleaner remove? Debris rules run over article text
that is already clean (or nearly so), where almost every removal is a false positive.

Corpora: the texts of ../shared/data/allsides/articles.jsonl (outlet excerpts, no
debris expected) and ../shared/data/polnear/train.jsonl (full articles; the
annotators marked boilerplate as `Discard` spans, e.g. "Follow ... on Twitter").
A removal that overlaps a Discard span is counted as confirmed debris; the rest
are listed for a human to judge (--show N prints N of each rule per corpus).

Removals by the "headline" rule (a first line that repeats the title) and by
"agency-credit" (a closing credit moved to metadata) are counted apart: they move
text into metadata rather than deleting it.

Usage: python bench/clean_false_positives.py [--show N]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict

import common  # noqa: F401  (sets sys.path for newsloom)
from common import data_dir, report, row

MOVED = {"headline", "agency-credit"}


def scan(path, with_spans: bool):
    from newsloom.clean import clean

    lines_total = 0
    removed = defaultdict(list)   # rule -> [(id, text, confirmed)]
    for line in open(path, encoding="utf-8"):
        record = json.loads(line)
        text = record["text"]
        lines_total += sum(1 for part in text.split("\n") if part.strip())
        discard = [span for s in record.get("other_spans", []) if s.get("type") == "Discard"
                   for span in s["spans"]] if with_spans else []
        for removal in clean(text, title=record.get("title")).removed:
            confirmed = any(a < removal.end and removal.start < b for a, b in discard)
            removed[removal.rule].append((record["id"], removal.text, confirmed))
    return lines_total, removed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=5, help="removed lines to print per rule and corpus")
    args = parser.parse_args()

    figures, rows = {}, []
    for name, file, spans in (("allsides", "articles.jsonl", False), ("polnear", "train.jsonl", True)):
        path = data_dir(name, file)
        total, removed = scan(path, spans)
        deleted = {rule: items for rule, items in removed.items() if rule not in MOVED}
        n_deleted = sum(len(v) for v in deleted.values())
        n_confirmed = sum(c for v in deleted.values() for _, _, c in v)
        print(f"\n== {name}: {total} non-empty lines; {n_deleted} deleted by debris rules"
              + (f" ({n_confirmed} inside annotators' Discard spans)" if spans else "")
              + "; moved to metadata: " + ", ".join(f"{r} {len(removed.get(r, []))}" for r in sorted(MOVED)))
        for rule, items in sorted(deleted.items(), key=lambda kv: -len(kv[1])):
            confirmed = sum(c for _, _, c in items)
            print(f"  {rule}: {len(items)}" + (f" ({confirmed} in Discard spans)" if spans else ""))
            for doc_id, text, c in items[: args.show]:
                print(f"      {'[discard] ' if c else ''}{doc_id}: {text[:160]!r}")
        figures[name] = {"lines": total, "deleted": n_deleted, "confirmed_by_discard_spans": n_confirmed if spans else None,
                         "by_rule": dict(Counter({r: len(v) for r, v in deleted.items()})),
                         "moved": {r: len(removed.get(r, [])) for r in MOVED}}
        detail = [f"{len(deleted.get('duplicate-line', []))} by duplicate-line"]
        if spans:
            detail.insert(0, f"{n_confirmed} inside Discard spans")
        rows.append(row(f"cleaner on clean text ({name}, {total} lines)", "lines deleted",
                        f"{n_deleted} ({', '.join(detail)})"))
    report("clean_false_positives", figures, rows)


if __name__ == "__main__":
    sys.exit(main())
