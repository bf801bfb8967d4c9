"""report.html: one self-contained page; Jinja2 auto-escaping keeps article text inert."""
from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from .data import ReportData

_ENV = Environment(
    loader=PackageLoader("newsloom.render", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def sentence_of(text: str, sentences: list, offset: int) -> str:
    """The sentence holding a character offset: the evidence shown beside an item."""
    for start, end in sentences:
        if start <= offset < end:
            return text[start:end]
    return ""


def unique_places(places: list[dict]) -> list[dict]:
    """One row per place as written and resolved, with how often the article names it."""
    rows: dict[tuple, dict] = {}
    for place in places:
        key = (place["text"], place.get("name"), place.get("lat"), place.get("lon"))
        if key in rows:
            rows[key]["mentions"] += 1
        else:
            rows[key] = {**place, "mentions": 1}
    return list(rows.values())


_ENV.globals["sentence_of"] = sentence_of
_ENV.filters["unique_places"] = unique_places
_ENV.filters["zip"] = lambda a, b: list(zip(a, b))


def render_html(data: ReportData) -> str:
    template = _ENV.get_template("report.html.j2")
    return template.render(data=data, articles=data.articles, analyses=data.analyses, run=data.run)
