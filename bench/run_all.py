"""Run every benchmark (one process each), then rewrite the README table.

Usage: python bench/run_all.py   (make bench)
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Every script in bench/ is a benchmark except these helpers.
HELPERS = {"common.py", "update_readme.py", "run_all.py", "story_data.py", "show_injections.py"}
BENCHMARKS = sorted(p.name for p in HERE.glob("*.py") if p.name not in HELPERS and not p.name.startswith("_"))
# Runs with arguments that write a results file of their own (the README table has their rows too).
EXTRA_RUNS = [("compare_conflicts.py", "--half", "test")]


def main() -> int:
    failed = []
    for script, *args in [(name,) for name in BENCHMARKS] + EXTRA_RUNS:
        print(f"\n### {' '.join([script, *args])}", flush=True)
        if subprocess.run([sys.executable, str(HERE / script), *args]).returncode != 0:
            failed.append(" ".join([script, *args]))
    subprocess.run([sys.executable, str(HERE / "update_readme.py")])
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
