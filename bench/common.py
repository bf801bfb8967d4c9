"""Shared helpers for the benchmarks: data location, timing, result files, README rows.

Every benchmark reads the public evaluation data in ../shared/data (beside the
repository), times with time.perf_counter, writes bench/results/<name>.json and
prints the Markdown rows that bench/update_readme.py puts into README.md.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import re
import resource
import shlex
import sys
import time
import tracemalloc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
RESULTS = BENCH / "results"

# Make `import newsloom` work from a plain checkout (no editable install needed).
_SRC = REPO / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

TABLE_HEADER = (
    "| benchmark | figure | ours | reference | ratio | command | date |\n"
    "|---|---|---|---|---|---|---|"
)


def data_dir(*parts: str) -> Path:
    """A folder or file under ../shared/data; exits 0 with a clear message when absent."""
    path = DATA.joinpath(*parts)
    if not DATA.is_dir():
        print("skipped: ../shared/data not found", file=sys.stderr)
        raise SystemExit(0)
    if not path.exists():
        print(f"skipped: ../shared/data/{'/'.join(parts)} not found", file=sys.stderr)
        raise SystemExit(0)
    return path


def command_line() -> str:
    """The command that ran this benchmark, relative to the repository root."""
    script = Path(sys.argv[0]).resolve()
    try:
        shown = str(script.relative_to(REPO))
    except ValueError:
        shown = str(script)
    return " ".join(["python", shown, *map(shlex.quote, sys.argv[1:])])


@dataclass
class Timing:
    seconds: float = 0.0
    peak_rss_mb: float | None = None      # peak resident memory of the whole process so far
    peak_traced_mb: float | None = None   # peak Python allocations inside the block (tracemalloc)


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@contextmanager
def timed(trace_memory: bool = False) -> Iterator[Timing]:
    """Wall seconds of the block; peak RSS after it; tracemalloc peak when asked.

    tracemalloc slows Python code down a lot: never time and trace in the same
    run whose seconds you report.
    """
    timing = Timing()
    if trace_memory:
        tracemalloc.start()
    start = time.perf_counter()
    try:
        yield timing
    finally:
        timing.seconds = time.perf_counter() - start
        if trace_memory:
            timing.peak_traced_mb = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
        timing.peak_rss_mb = _peak_rss_mb()


def utc_now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def environment() -> dict:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
    }


def write_result(name: str, figures: dict, command: str, rows: list[dict] | None = None) -> Path:
    """bench/results/<name>.json: date (UTC ISO), command, environment and figures.

    `rows` are the README rows as dicts (see `row`); update_readme.py renders them.
    """
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = environment()
    record = {
        "name": name,
        "date": utc_now(),
        "command": command,
        "python": env["python"],
        "cpu_count": env["cpu_count"],
        "platform": env["platform"],
        "figures": figures,
        "rows": rows or [],
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def row(benchmark: str, figure: str, ours, reference=None, ratio=None) -> dict:
    """One README row before rendering; `ratio` defaults to ours/reference when both are numbers."""
    if ratio is None and isinstance(ours, (int, float)) and isinstance(reference, (int, float)) and reference:
        ratio = ours / reference
    return {"benchmark": benchmark, "figure": figure, "ours": ours, "reference": reference, "ratio": ratio}


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        if abs(value) >= 100:
            return f"{value:,.0f}"
        if abs(value) >= 10:
            return f"{value:.1f}"
        return f"{value:.3f}"
    return str(value).replace("|", "\\|")


def readme_row(benchmark: str, figure: str, ours, reference=None, ratio=None,
               command: str = "", date: str = "") -> str:
    """| benchmark | figure | ours | reference | ratio | command | date |"""
    ratio_text = "–" if ratio is None else f"{ratio:.2f}x" if isinstance(ratio, float) else _fmt(ratio)
    cmd = f"`{command}`" if command else "–"
    day = date[:10] if date else "–"
    cells = [_fmt(benchmark), _fmt(figure), _fmt(ours), _fmt(reference), ratio_text, cmd, day]
    return "| " + " | ".join(cells) + " |"


def rows_markdown(record: dict) -> list[str]:
    """The README rows of one result record."""
    return [
        readme_row(r["benchmark"], r["figure"], r["ours"], r.get("reference"), r.get("ratio"),
                   command=record.get("command", ""), date=record.get("date", ""))
        for r in record.get("rows", [])
    ]


def report(name: str, figures: dict, rows: list[dict]) -> None:
    """Write the result file and print its README rows."""
    command = command_line()
    path = write_result(name, figures, command, rows)
    record = json.loads(path.read_text(encoding="utf-8"))
    print(f"\nwrote {path.relative_to(REPO)}")
    print(TABLE_HEADER)
    for line in rows_markdown(record):
        print(line)


_SPACE = re.compile(r"\s+")


def normalize_space(text: str) -> str:
    """Whitespace runs to one space, as trafilatura's own evaluation does."""
    return _SPACE.sub(" ", text).strip()
