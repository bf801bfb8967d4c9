"""Main-text extraction quality on ../shared/data/html (117 pages, trafilatura's evaluation set).

For each page, expected.jsonl lists `with` fragments a good extraction keeps and
`without` fragments (navigation, footers, comments, related links) it drops.
Scored here:

  keep   = share of `with` fragments present in the output
  remove = share of `without` fragments absent from the output

for (1) trafilatura.extract() with default settings on the raw bytes (the published
reference) and (2) newsloom: the HTML reader (newsloom.read.read_source) and the
cleaner (newsloom.pipeline.prepare). newsloom's output is the stored article: its
title, a blank line, then its cleaned text. The title counts because the cleaner
moves a headline that opens the text into the title field, so a headline fragment
is kept, not lost; it counts for both `with` and `without` fragments.

Fragments and outputs are compared after whitespace normalisation (runs of
whitespace to one space), the same way for both, as trafilatura's own
tests/eval_common.py does. The published reference figures (338/354 kept,
310/345 removed) were counted on raw substrings; both countings are reported
for trafilatura so that the reference can be checked.

Usage: python bench/html_quality.py [--verbose]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from common import data_dir, normalize_space, report, row

# Published on ../shared/data/README.md (trafilatura 2.3.1, raw substring matching).
REFERENCE = {"kept": 338, "with": 354, "removed": 310, "without": 345}


def load_items(html_dir: Path) -> list[dict]:
    with open(html_dir / "expected.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def trafilatura_output(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data) or ""


def newsloom_articles(path: Path) -> list:
    from newsloom.model import Problem
    from newsloom.pipeline import prepare
    from newsloom.read import read_source
    from newsloom.read.source import Source

    return [prepare(item) for item in read_source(Source(name=str(path), path=path))
            if not isinstance(item, Problem)]


def newsloom_output(path: Path, with_title: bool = True) -> str:
    """Title and cleaned text of the article newsloom stores for this page ('' when none)."""
    parts = [f"{a.title}\n\n{a.text}" if a.title and with_title else a.text for a in newsloom_articles(path)]
    return "\n\n".join(parts)


def score(items: list[dict], outputs: dict[str, str], normalise: bool = True) -> dict:
    kept = removed = 0
    misses: dict[str, dict[str, list[str]]] = {}
    for item in items:
        out = outputs[item["file"]]
        out = normalize_space(out) if normalise else out
        lost = [f for f in item["with"] if (normalize_space(f) if normalise else f) not in out]
        left = [f for f in item["without"] if (normalize_space(f) if normalise else f) in out]
        kept += len(item["with"]) - len(lost)
        removed += len(item["without"]) - len(left)
        if lost or left:
            misses[item["file"]] = {"lost": lost, "left": left}
    n_with = sum(len(i["with"]) for i in items)
    n_without = sum(len(i["without"]) for i in items)
    return {"kept": kept, "with": n_with, "keep": kept / n_with,
            "removed": removed, "without": n_without, "remove": removed / n_without,
            "misses": misses}


def run(items: list[dict], pages: Path, system: str) -> dict[str, str]:
    """Output per page (speed is measured by bench/read_clean.py, not here)."""
    outputs = {}
    for item in items:
        path = pages / item["file"]
        outputs[item["file"]] = (trafilatura_output(path.read_bytes()) if system == "trafilatura"
                                 else newsloom_output(path))
    return outputs


def print_misses(name: str, result: dict) -> None:
    print(f"\n== {name}: per-page misses ==")
    for file, miss in sorted(result["misses"].items()):
        print(f"- {file}")
        for fragment in miss["lost"]:
            print(f"    lost (with):    {fragment!r}")
        for fragment in miss["left"]:
            print(f"    left (without): {fragment!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print the misses of each page")
    args = parser.parse_args()

    html_dir = data_dir("html")
    pages = html_dir / "pages"
    items = load_items(html_dir)

    traf_out = run(items, pages, "trafilatura")
    ours_out = run(items, pages, "newsloom")
    traf = score(items, traf_out)
    traf_raw = score(items, traf_out, normalise=False)
    ours = score(items, ours_out)
    ours_text = score(items, {i["file"]: newsloom_output(pages / i["file"], with_title=False) for i in items})

    print(f"{len(items)} pages, {traf['with']} `with` and {traf['without']} `without` fragments")
    print(f"trafilatura.extract (defaults), raw substrings:   kept {traf_raw['kept']}/{traf_raw['with']} "
          f"({traf_raw['keep']:.3f}), removed {traf_raw['removed']}/{traf_raw['without']} ({traf_raw['remove']:.3f})"
          f"   [published: {REFERENCE['kept']}/{REFERENCE['with']}, {REFERENCE['removed']}/{REFERENCE['without']}]")
    for name, res in (("trafilatura.extract (defaults)", traf), ("newsloom (reader + cleaner)", ours)):
        print(f"{name}, normalised: kept {res['kept']}/{res['with']} ({res['keep']:.3f}), "
              f"removed {res['removed']}/{res['without']} ({res['remove']:.3f})")
    print(f"newsloom, cleaned text only (title not counted): kept {ours_text['kept']}/{ours_text['with']} "
          f"({ours_text['keep']:.3f}), removed {ours_text['removed']}/{ours_text['without']} ({ours_text['remove']:.3f})")
    if args.verbose:
        print_misses("trafilatura", traf)
        print_misses("newsloom", ours)

    figures = {
        "pages": len(items),
        "trafilatura": {k: v for k, v in traf.items() if k != "misses"},
        "trafilatura_raw_substrings": {k: v for k, v in traf_raw.items() if k != "misses"},
        "trafilatura_published": REFERENCE,
        "newsloom": {k: v for k, v in ours.items() if k != "misses"},
        "newsloom_text_only": {k: v for k, v in ours_text.items() if k != "misses"},
        "newsloom_misses": ours["misses"],
        "matching": "whitespace-normalised substrings; newsloom output = title + cleaned text",
    }
    report("html_quality", figures, [
        row("html quality (117 pages)", "`with` kept", round(ours["keep"], 3), round(traf["keep"], 3)),
        row("html quality (117 pages)", "`without` removed", round(ours["remove"], 3), round(traf["remove"], 3)),
    ])


if __name__ == "__main__":
    sys.exit(main())
