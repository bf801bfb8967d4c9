"""report.md: the same content as the HTML report, for terminals and diffs."""
from __future__ import annotations

from ..model import Article


def _escape(text: str) -> str:
    """Article text is data: neutralise Markdown and HTML syntax that would render."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def render_markdown(articles: list[Article], run_report=None) -> str:
    lines = ["# newsloom report", ""]
    if run_report is not None:
        lines += ["```", run_report.summary(), "```", ""]
    lines += [f"{len(articles)} article(s).", ""]
    for article in articles:
        lines += [f"## {_escape(article.title or article.id)}", ""]
        lines.append(f"- id: `{article.id}`")
        for label, value in (("outlet", article.outlet), ("published", article.published),
                             ("url", article.url), ("source", article.source)):
            if value:
                lines.append(f"- {label}: {_escape(value)}")
        if credit := article.metadata.get("credit"):
            lines.append(f"- credit: {_escape(credit)}")
        lines.append("")
        lines += [_escape(p) + "\n" for p in article.text.split("\n\n")]
        if article.removed:
            lines += [f"Removed ({len(article.removed)}):", ""]
            lines += [f"- {r.rule}: {_escape(r.text)}" for r in article.removed]
            lines.append("")
    return "\n".join(lines)
