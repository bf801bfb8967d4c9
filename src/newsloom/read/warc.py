"""WARC and WARC.GZ web archives (warcio): each HTML response through the HTML reader.

The URL comes from the record; the page's own date wins, the capture date is
the fallback (and is kept as metadata either way). A truncated archive keeps the
records read before the break and reports the break.
"""
from __future__ import annotations

import zlib
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..model import Document, Problem
from .encoding import decode
from .errors import ReadError
from .html import extract
from .meta import normalize_date
from .source import Source

SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def sniff(head: bytes) -> bool:
    if head.startswith(b"WARC/"):
        return True
    if head.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(31).decompress(head)[:5] == b"WARC/"
        except zlib.error:
            return False
    return False


def read(source: Source, options) -> Iterator[Document | Problem]:
    pages = 0
    with source.open() as handle:
        records = ArchiveIterator(handle)
        try:
            for index, record in enumerate(records):
                page = _page(record, f"{source.name}#{index}", options)
                if page is not None:
                    pages += 1
                    yield page
            # warcio stops quietly at a gzip member cut short: bytes left unread mean a cut.
            if records.offset < source.size:
                raise EOFError(f"the last {source.size - records.offset} bytes hold no whole record")
        # AttributeError: warcio's failure on a record cut inside its WARC headers.
        except (ArchiveLoadFailed, zlib.error, EOFError, ValueError, AttributeError) as err:
            reason = ("a record is cut inside its headers" if isinstance(err, AttributeError)
                      else " ".join(str(err).split()) or type(err).__name__)
            if pages == 0:
                raise ReadError(f"truncated or corrupt WARC: {reason}") from None
            yield Problem(source.name, f"truncated or corrupt WARC after {pages} pages: {reason}")
            return
    if pages == 0:
        raise ReadError("no HTML responses in the WARC")


def _page(record, where: str, options) -> Document | Problem | None:
    if record.rec_type not in ("response", "resource"):
        return None
    content_type = (record.http_headers.get_header("Content-Type") if record.http_headers
                    else record.rec_headers.get_header("Content-Type")) or ""
    if "html" not in content_type.lower():
        return None
    payload = record.content_stream().read()  # truncation surfaces here as an exception
    url = record.rec_headers.get_header("WARC-Target-URI")
    # An uncompressed record cut short reads without error: its length says so.
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise EOFError(f"the record for {url} is cut short")
    try:
        html_text, _ = decode(payload)
        doc = extract(html_text, where, url=url, fmt="warc")
    except ReadError as err:
        return Problem(where, f"{url}: {err}")
    captured = record.rec_headers.get_header("WARC-Date")
    if captured:
        doc.metadata["captured"] = captured
        try:
            doc.published = doc.published or normalize_date(captured)
        except ValueError:
            pass
    doc.url = doc.url or url
    return doc
