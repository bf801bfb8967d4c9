"""stories.json: the contract of DESIGN.md, plus every article with its cleaning record.

Until the story stage exists, `stories` is empty rather than faked; `articles`
is an extension of the contract.
"""
from __future__ import annotations

import json

from ..model import Article


def article_record(article: Article, analysis: dict | None = None) -> dict:
    record = {
        "id": article.id, "title": article.title, "outlet": article.outlet, "url": article.url,
        "published": article.published, "source": article.source, "format": article.format,
        "text": article.text, "metadata": article.metadata,
        "removed": [{"rule": r.rule, "text": r.text, "start": r.start, "end": r.end} for r in article.removed],
    }
    if analysis is not None:
        record["analysis"] = {k: analysis[k] for k in ANALYSIS_KEYS if k in analysis}
    return record


ANALYSIS_KEYS = ("entities", "places", "times", "quantities", "attributions")


def render_json(articles: list[Article], analyses: dict | None = None, run_report=None) -> str:
    analyses = analyses or {}
    data = {"stories": [], "articles": [article_record(a, analyses.get(a.id)) for a in articles]}
    if run_report is not None:
        data["run"] = run_report.to_dict()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
