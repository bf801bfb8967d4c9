"""Renderers: stories.json (the DESIGN.md contract), report.md and report.html."""
from __future__ import annotations

from pathlib import Path

from ..store import Store
from .html import render_html
from .json import render_json
from .markdown import render_markdown

__all__ = ["write_reports", "render_html", "render_json", "render_markdown"]


def write_reports(store: Store, out: Path, run_report=None) -> dict[str, str]:
    """Write the three reports for everything in the store; returns their paths by name."""
    out.mkdir(parents=True, exist_ok=True)
    articles = store.articles()
    analyses = store.analyses()
    outputs = {
        "stories.json": (render_json, out / "stories.json"),
        "report.md": (render_markdown, out / "report.md"),
        "report.html": (render_html, out / "report.html"),
    }
    for render, path in outputs.values():
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(render(articles, analyses, run_report), encoding="utf-8")
        tmp.replace(path)  # readers never see a half-written report
    return {name: str(path) for name, (_, path) in outputs.items()}
