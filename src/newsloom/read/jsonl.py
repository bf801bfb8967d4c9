"""JSON Lines (one article per line) and JSON (an article, a list, or {"articles": [...]}).

The record contract (DESIGN.md): `id` and `text` required; `title`, `outlet`, `url`,
`published`, `lang` optional; any other field is kept as metadata. A bad line is one
problem in the run report; the other lines are still read.
"""
from __future__ import annotations

import codecs
import json
from typing import Any, Iterator

from ..model import Document, Problem
from .encoding import decode, is_binary
from .errors import ReadError
from .meta import apply_fields
from .source import Source
from .text import normalize_newlines

SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
JSON_SUFFIXES = (".json",)


def sniff(head: bytes) -> bool:
    first_line = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip()
    return first_line.startswith(b"{") and first_line.endswith(b"}") and head.count(b"\n") >= 1


def sniff_json(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def record_to_document(record: Any, name: str, fmt: str) -> Document:
    if not isinstance(record, dict):
        raise ReadError(f"expected a JSON object, found {type(record).__name__}")
    missing = [key for key in ("id", "text") if record.get(key) in (None, "")]
    if missing:
        raise ReadError("missing required field " + " and ".join(repr(k) for k in missing))
    if not isinstance(record["text"], str):
        raise ReadError("field 'text' is not a string")
    doc = Document(text=normalize_newlines(record["text"]), source=name, format=fmt)
    apply_fields(doc, {k: v for k, v in record.items() if k != "text"})
    if not doc.text.strip():
        raise ReadError("field 'text' is empty")
    return doc


def read(source: Source, options) -> Iterator[Document | Problem]:
    """Stream the file line by line so that large files need no more memory than a line."""
    head = source.head(65536)
    # Else every random 'line' of a binary file is one problem (UTF-16's NULs are not binary).
    if is_binary(head) and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReadError("binary data, not text")
    seen_any = False
    with source.open() as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            seen_any = True
            where = f"{source.name}:{number}"
            try:
                line, _ = decode(raw.lstrip(b"\xef\xbb\xbf") if number == 1 else raw)
                # Without its line end, a cut string reads 'Unterminated string', not 'Invalid control character'.
                record = json.loads(line.rstrip("\r\n"))
                yield record_to_document(record, where, "jsonl")
            except json.JSONDecodeError as err:
                yield Problem(where, f"invalid JSON: {_message(err)} at column {err.colno}")
            except ReadError as err:
                yield Problem(where, str(err))
    if not seen_any:
        raise ReadError("empty file")


def read_json(source: Source, options) -> Iterator[Document | Problem]:
    text, _ = decode(source.read_all(options.max_bytes))
    if not text.strip():
        raise ReadError("empty file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ReadError(f"invalid JSON: {_message(err)} at line {err.lineno} column {err.colno}") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    records = data if isinstance(data, list) else [data]
    if not records:
        raise ReadError("no articles in the JSON file")
    for index, record in enumerate(records):
        where = f"{source.name}#{index}" if isinstance(data, list) else source.name
        try:
            yield record_to_document(record, where, "json")
        except ReadError as err:
            if not isinstance(data, list):
                raise
            yield Problem(where, str(err))


def _message(err: json.JSONDecodeError) -> str:
    return err.msg.removesuffix(" at")  # 'Unterminated string starting at' + ' at column 23' reads 'at at'
