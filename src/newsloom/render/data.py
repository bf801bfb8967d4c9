"""What the renderers show, gathered from the store once."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from ..model import Article
from ..store import Store

_PLURALS = {"story": "stories", "copy": "copies", "piece of debris": "pieces of debris"}


def counted(n: int, noun: str) -> str:
    """"1 claim", "3 claims", "2 stories": a count as a reader writes it."""
    return f"{n} {noun if n == 1 else _PLURALS.get(noun, noun + 's')}"


def shown_title(title: str | None, text: str | None = None, words: int = 10) -> str:
    """An article's title as a reader sees it; an untitled one (plain text often has none) shows
    "(untitled)" and its first words, so a list of reports never holds a blank line."""
    if title and title.strip():
        return title.strip()
    head = (text or "").split()
    return "(untitled)" + (" " + " ".join(head[:words]) + (" …" if len(head) > words else "") if head else "")


def source_labels(articles: list[Article]) -> dict[str, str]:
    """Article id -> the name a reader tells its report by: its outlet; where the input names none,
    the host of its URL (one host, one source) or else the file it came from ("a.txt", "feed.jsonl:3";
    two files of one name in different folders add the article id). `stories.json` keeps `outlet`
    null; only what people read is labelled, so two outlet-less reports never share one "?"."""
    labels: dict[str, str] = {}
    by_file: dict[str, list[Article]] = {}
    for a in articles:
        if a.outlet:
            labels[a.id] = a.outlet
        elif a.url and urlsplit(a.url).hostname:
            labels[a.id] = urlsplit(a.url).hostname.removeprefix("www.")
        elif a.source:
            by_file.setdefault(PurePath(a.source).name, []).append(a)
        else:
            labels[a.id] = f"report {a.id[:8]}"
    for name, group in by_file.items():
        one_file = len({a.source for a in group}) == 1
        for a in group:
            labels[a.id] = name if one_file else f"{name} ({a.id[:8]})"
    return labels


def with_labels(value: Any, labels: dict[str, str]) -> Any:
    """A copy of a story record (or any part of one) where each null `outlet` beside an `article`
    (or an article's `id`) is that report's label, and `outlets` lists the labels too."""
    if isinstance(value, list):
        return [with_labels(v, labels) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: with_labels(v, labels) for k, v in value.items()}
    if "outlet" in out and out["outlet"] is None:
        out["outlet"] = labels.get(out.get("article") or out.get("id"))
    if isinstance(out.get("outlets"), list) and isinstance(out.get("articles"), list):
        named = [a["outlet"] for a in out["articles"] if isinstance(a, dict) and a.get("outlet")]
        out["outlets"] = sorted(set(out["outlets"]) | set(named))
    return out


@dataclass
class ReportData:
    articles: list[Article]
    analyses: dict[str, dict[str, Any]] = field(default_factory=dict)
    stories: list[dict[str, Any]] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)      # copy -> original
    overlaps: list[tuple[str, str, float]] = field(default_factory=list)
    comparisons: dict[str, dict[str, Any]] = field(default_factory=dict)  # story id -> claims and brief
    run: Any = None

    @classmethod
    def from_store(cls, store: Store, run=None) -> ReportData:
        return cls(articles=store.articles(), analyses=store.analyses(), stories=store.stories(),
                   duplicates=store.duplicates(), overlaps=store.overlaps(), comparisons=store.comparisons(),
                   run=run)

    def __post_init__(self) -> None:
        self.by_id = {a.id: a for a in self.articles}
        self.labels = source_labels(self.articles)

    def story_articles(self, story: dict[str, Any]) -> list[Article]:
        return [self.by_id[i] for i in story["members"] if i in self.by_id]

    def story_attributions(self, story: dict[str, Any]) -> list[dict[str, Any]]:
        """Who said what across a story's reports, each with its article and outlet (copies left out)."""
        out = []
        for article in self.story_articles(story):
            if article.id in self.duplicates:
                continue  # a copy says nothing its original does not
            for a in self.analyses.get(article.id, {}).get("attributions", []):
                out.append({"article": article.id, "outlet": article.outlet, **a})
        return out

    def unassigned(self) -> list[Article]:
        held = {i for story in self.stories for i in story["members"]}
        return [a for a in self.articles if a.id not in held]
