"""HTML pages: trafilatura finds the main text, title, date, site name and canonical URL."""
from __future__ import annotations

import re
from typing import Iterator

import lxml.html
import trafilatura

from ..model import Document
from .encoding import decode
from .errors import ReadError
from .meta import normalize_date
from .source import Source
from .text import normalize_newlines

SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)


def sniff(head: bytes) -> bool:
    return bool(_HTML_START.match(head.lstrip(b"\xef\xbb\xbf")))


def read(source: Source, options) -> Iterator[Document]:
    html_text, _ = decode(source.read_all(options.max_bytes))
    if not html_text.strip():
        raise ReadError("empty file")
    yield extract(html_text, source.name, fmt="html")


def extract(html_text: str, name: str, *, url: str | None = None, fmt: str = "html") -> Document:
    """Main text and metadata of one page; raises ReadError when there is no main text."""
    try:
        result = trafilatura.bare_extraction(
            html_text, url=url, with_metadata=True, include_comments=False,
            include_tables=True, deduplicate=False,
        )
    except (ValueError, TypeError, lxml.etree.ParserError) as err:
        raise ReadError(f"HTML could not be parsed: {err}") from None
    if result is None or not (result.text or "").strip():
        raise ReadError("no main text found in the HTML")
    # trafilatura puts one block per line; blank lines make the paragraphs explicit.
    text = "\n\n".join(line.strip() for line in normalize_newlines(result.text).split("\n") if line.strip())
    return Document(
        text=text, source=name, format=fmt, title=result.title or None,
        outlet=result.sitename or None, url=result.url or url, published=_date(result.date),
        lang=result.language or None,
        metadata={k: v for k, v in {"author": result.author, "description": result.description}.items() if v},
    )


def _date(value: str | None) -> str | None:
    try:
        return normalize_date(value)
    except ValueError:
        return None


_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "section", "article", "tr", "pre", "figure", "figcaption", "ul", "ol", "table"}


def fragment_text(html_fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's body): one paragraph per block element.

    trafilatura is built for whole pages and drops short fragments, so feed
    bodies, which are already the article, are flattened here directly.
    """
    if "<" not in html_fragment:
        return html_fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(html_fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(node) -> None:
        block = isinstance(node.tag, str) and node.tag.lower() in _BLOCKS
        if block:
            parts.append("\n\n")
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n\n")

    walk(root)
    paragraphs = (" ".join(p.split()) for p in "".join(parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
