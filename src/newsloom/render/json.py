"""stories.json: the contract of DESIGN.md, plus every article with its cleaning record.

`articles` (every article with its cleaning record and analysis) is an extension
of the contract.
"""
from __future__ import annotations

import json

from ..model import Article
from .data import ReportData


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


# what the comparison stage adds to each story (claims, summary and timeline are the contract's)
COMPARISON_KEYS = ("claims", "summary", "timeline", "who_said_what", "numbers", "coverage", "places")


def story_record(story: dict, data: ReportData) -> dict:
    """One story as DESIGN.md's stories.json contract has it, plus the rest of its brief."""
    comparison = data.comparisons.get(story["id"], {})
    return {
        "id": story["id"],
        "title": story["title"],
        "first_seen": story["first_seen"],
        "last_seen": story["last_seen"],
        "outlets": sorted({a.outlet for a in data.story_articles(story) if a.outlet}),
        "articles": [
            {"id": a.id, "outlet": a.outlet, "title": a.title, "published": a.published,
             "duplicate_of": data.duplicates.get(a.id),
             "overlaps": [{"article": other, "share": round(share, 3)}
                          for aid, other, share in data.overlaps if aid == a.id]}
            for a in data.story_articles(story)
        ],
        **{key: comparison.get(key, []) for key in COMPARISON_KEYS},
        "attributions": [
            {"article": at["article"], "outlet": at["outlet"], "source": at["source"], "cue": at["cue"],
             "content": at["content"], "kind": at["kind"], "stance": at.get("stance", []),
             "start": at["start"], "end": at["end"]}
            for at in data.story_attributions(story)
        ],
    }


def render_json(data: ReportData) -> str:
    out = {
        "stories": [story_record(story, data) for story in data.stories],
        "articles": [article_record(a, data.analyses.get(a.id)) for a in data.articles],
    }
    if data.run is not None:
        out["run"] = data.run.to_dict()
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
