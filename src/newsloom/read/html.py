"""HTML pages: trafilatura finds the main text, title, date, site name and canonical URL."""
from __future__ import annotations

import re
from typing import Iterator

import lxml.html
import trafilatura
from htmldate import find_date
from trafilatura.metadata import (
    META_URL, examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url, set_date_params,
)
from trafilatura.settings import DEFAULT_CONFIG, Document as TrafilaturaDocument
from trafilatura.utils import load_html

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


# An article has at least one line this long; a page whose longest line is shorter
# is navigation or a script shell.
_MIN_SENTENCE_WORDS = 8


def extract(html_text: str, name: str, *, url: str | None = None, fmt: str = "html") -> Document:
    """Main text and metadata of one page; raises ReadError when there is no main text."""
    try:
        # Parsed once here: the metadata look-ups and the extraction share the tree
        # (bare_extraction works on its own copy).
        tree = load_html(html_text)
        if tree is None:
            raise ReadError("no main text found in the HTML")
        meta = _metadata(tree, url)
        result = trafilatura.bare_extraction(
            tree, url=meta.url or url, with_metadata=False, include_comments=False,
            include_tables=True, deduplicate=False, **_EXTRACTION,
        )
    except (ValueError, TypeError, lxml.etree.ParserError) as err:
        raise ReadError(f"HTML could not be parsed: {err}") from None
    if result is None or not (result.text or "").strip():
        raise ReadError("no main text found in the HTML")
    # trafilatura puts one block per line; blank lines make the paragraphs explicit.
    lines = [line.strip() for line in normalize_newlines(result.text).split("\n") if line.strip()]
    if not any(len(line.split()) >= _MIN_SENTENCE_WORDS for line in lines):
        # favor_recall hands back menus and "Enable JavaScript" when a page has no article
        raise ReadError("no main text found in the HTML (only short fragments such as menus)")
    text = "\n\n".join(lines)
    return Document(
        text=text, source=name, format=fmt, title=meta.title or None,
        outlet=meta.sitename or None, url=meta.url or url, published=_date(meta.date),
        lang=meta.language or None,
        metadata={k: v for k, v in {"author": meta.author, "description": meta.description}.items() if v},
    )


# Tuned on ../shared/data/html (bench/html_quality.py, bench/read_clean.py):
# favor_recall keeps as much of the main text as the default "balanced" focus
# (341 vs 342 of 354 `with` fragments, trafilatura alone) and lets no more
# boilerplate through (322 vs 320 of 345 `without` fragments removed), and it
# skips the balanced mode's second pass (recall retry + justext), which makes it
# about 1.8x faster. The cleaner (newsloom.clean) is the precision stage.
_EXTRACTION = {"favor_recall": True}
_EXTENSIVE_DATE_SEARCH = DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH")


def _metadata(tree, url: str | None) -> TrafilaturaDocument:
    """Title, date, site name, canonical URL, author and description of a page.

    trafilatura.metadata.extract_metadata, less the parts newsloom does not use:
    its author search in the page body (a deep copy and many XPath passes: more
    than half of the metadata time), categories, tags and licence. The author
    still comes from meta tags and JSON-LD, where news sites put it.
    """
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a single word is a handle or a site, as trafilatura decides
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # malformed JSON-LD must not cost the page
        pass
    if not meta.title:
        meta.title = extract_title(tree)
    if not meta.url:
        meta.url = extract_url(tree, url)
    # The htmldate settings bare_extraction(with_metadata=True) uses by default.
    meta.date = find_date(tree, **{**set_date_params(_EXTENSIVE_DATE_SEARCH), "url": meta.url})
    if not meta.sitename:
        meta.sitename = extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url:
        found = META_URL.match(meta.url)
        if found:
            meta.sitename = found[1]
    meta.clean_and_trim()
    return meta


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
