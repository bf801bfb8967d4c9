"""Rewrite the benchmark table in README.md from bench/results/*.json.

The table goes between the lines `<!-- bench:start -->` and `<!-- bench:end -->`.
When README.md lacks them, the table is printed and the README left alone.

Usage: python bench/update_readme.py [--print]
"""
from __future__ import annotations

import argparse
import json
import re
import sys

from common import REPO, RESULTS, TABLE_HEADER, rows_markdown

README = REPO / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def table() -> str:
    lines = [TABLE_HEADER]
    for path in sorted(RESULTS.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            print(f"skipping {path.name}: {err}", file=sys.stderr)
            continue
        lines += rows_markdown(record)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--print", action="store_true", help="print the table, do not touch README.md")
    args = parser.parse_args()
    text = table()
    readme = README.read_text(encoding="utf-8") if README.exists() else ""
    block = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if args.print or not block.search(readme):
        if not args.print:
            print(f"{README.name} has no {START} ... {END} markers; the table is:\n", file=sys.stderr)
        print(text)
        return 0
    README.write_text(block.sub(lambda _: f"{START}\n{text}\n{END}", readme, count=1), encoding="utf-8")
    print(f"updated {README.relative_to(REPO)} ({text.count(chr(10)) - 1} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
