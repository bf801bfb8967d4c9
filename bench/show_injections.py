"""Print the injections of a recorded conflict benchmark with their sentences.

The results in bench/results/compare_conflicts*.json hold no article text: each injection is
its report, the offsets of the changed sentence and of its partner sentence, and the edits
made. This reads the reports from ../shared/data (cleaned as the benchmark cleans them) and
prints, per injection, the partner sentence (A), the sentence as written (B) and as changed (B').

    python bench/show_injections.py [bench/results/compare_conflicts_test.json] [--slot date] [--missed]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare_conflicts as cc  # noqa: E402
from common import RESULTS  # noqa: E402


def changed(text: str, inj: dict) -> str:
    """The changed sentence: the edits (absolute offsets, in order) applied inside it."""
    out, pos = "", inj["sentence_start"]
    for start, end, new in inj["edits"]:
        out += text[pos:start] + new
        pos = end
    return out + text[pos:inj["sentence_end"]]


def sentences(inj: dict, texts: dict[str, str]) -> dict[str, str]:
    own, partner = texts[inj["article"]], texts[inj["partner"]]
    return {"A": partner[inj["partner_start"]:inj["partner_end"]],
            "B": own[inj["sentence_start"]:inj["sentence_end"]], "B'": changed(own, inj)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("results", nargs="?", default=str(RESULTS / "compare_conflicts_test.json"))
    ap.add_argument("--slot", choices=cc.SLOTS)
    ap.add_argument("--missed", action="store_true", help="only the injections not found")
    args = ap.parse_args()
    injections = json.loads(Path(args.results).read_text(encoding="utf-8"))["figures"]["injections"]
    texts = {r["id"]: r["text"] for rows in cc.load(None).values() for r in rows}
    for inj in injections:
        if args.slot and inj["slot"] != args.slot or args.missed and inj["found"]:
            continue
        print(f"[{inj['slot']}] {inj['article']} found={inj['found']} {inj['edit']}")
        for label, sentence in sentences(inj, texts).items():
            print(f"  {label:2s}: {' '.join(sentence.split())}")


if __name__ == "__main__":
    main()
