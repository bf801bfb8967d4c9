"""Renderers: stories.json (the DESIGN.md contract), report.md and report.html."""
from __future__ import annotations

from pathlib import Path

from ..store import Store
from .data import ReportData
from .html import render_html
from .json import render_json
from .markdown import render_markdown

__all__ = ["ReportData", "write_reports", "render_html", "render_json", "render_markdown"]


def write_reports(store: Store, out: Path, run_report=None) -> dict[str, str]:
    """Write the three reports for everything in the store; returns their paths by name."""
    out.mkdir(parents=True, exist_ok=True)
    data = ReportData.from_store(store, run_report)
    outputs = {
        "stories.json": (render_json, out / "stories.json"),
        "report.md": (render_markdown, out / "report.md"),
        "report.html": (render_html, out / "report.html"),
    }
    for render, path in outputs.values():
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(render(data), encoding="utf-8")
        tmp.replace(path)  # readers never see a half-written report
    return {name: str(path) for name, (_, path) in outputs.items()}
