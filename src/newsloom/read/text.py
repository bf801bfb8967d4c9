"""Plain text: one article per file, metadata from a sidecar, front matter or flags."""
from __future__ import annotations

from typing import Iterator

from ..model import Document
from .encoding import decode
from .errors import ReadError
from .meta import apply_fields, read_sidecar, sidecar_for, split_front_matter
from .source import Source

SUFFIXES = (".txt", ".text")


def sniff(head: bytes) -> bool:
    return False  # plain text is what is left when nothing else matches


def read(source: Source, options) -> Iterator[Document]:
    text, encoding = decode(source.read_all(options.max_bytes))
    text = normalize_newlines(text)
    front, body, _ = split_front_matter(text)
    if not body.strip():
        raise ReadError("empty file" if not text.strip() else "no text after the front matter")
    doc = Document(text=body, source=source.name, format="text", metadata={"encoding": encoding})
    if source.path is not None and (sidecar := sidecar_for(source.path)):
        apply_fields(doc, read_sidecar(sidecar))
    apply_fields(doc, front)
    yield doc


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
