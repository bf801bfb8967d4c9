"""What the renderers show, gathered from the store once."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Article
from ..store import Store

_PLURALS = {"story": "stories", "piece of debris": "pieces of debris"}


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
