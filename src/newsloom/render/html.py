"""report.html: one self-contained page; Jinja2 auto-escaping keeps article text inert."""
from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from ..model import Article

_ENV = Environment(
    loader=PackageLoader("newsloom.render", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_html(articles: list[Article], run_report=None) -> str:
    template = _ENV.get_template("report.html.j2")
    return template.render(articles=articles, run=run_report)
