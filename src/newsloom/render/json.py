"""stories.json: the contract of DESIGN.md, plus every article with its cleaning record.

Until the story stage exists, `stories` is empty rather than faked; `articles`
is an extension of the contract.
"""
from __future__ import annotations

import json

from ..model import Article


def article_record(article: Article) -> dict:
    return {
        "id": article.id, "title": article.title, "outlet": article.outlet, "url": article.url,
        "published": article.published, "source": article.source, "format": article.format,
        "text": article.text, "metadata": article.metadata,
        "removed": [{"rule": r.rule, "text": r.text, "start": r.start, "end": r.end} for r in article.removed],
    }


def render_json(articles: list[Article], run_report=None) -> str:
    data = {"stories": [], "articles": [article_record(a) for a in articles]}
    if run_report is not None:
        data["run"] = run_report.to_dict()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
