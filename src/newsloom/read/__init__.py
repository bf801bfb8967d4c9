"""Readers: one module per input format behind one registry.

A reader is picked by content first (a WARC, feed, HTML page or JSON file says
what it is in its first bytes) and by suffix second; what matches neither is
read as plain text, which refuses binary data with a clear reason.
"""
from __future__ import annotations

import gzip
import os
import stat
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..model import Document, Problem
from . import feed, html, jsonl, text, warc
from .errors import ReadError
from .meta import is_sidecar
from .source import Source

__all__ = ["Options", "ReadError", "Reader", "READERS", "read_inputs", "read_source", "pick_reader"]

# A single article larger than this is not an article (JSONL and WARC stream and are not capped).
DEFAULT_MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class Options:
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    read: Callable[[Source, Options], Iterator[Document | Problem]]


# Order matters for sniffing: the most specific signatures first.
READERS = [
    Reader("warc", warc.SUFFIXES, warc.sniff, warc.read),
    Reader("feed", feed.SUFFIXES, feed.sniff, feed.read),
    Reader("html", html.SUFFIXES, html.sniff, html.read),
    Reader("jsonl", jsonl.SUFFIXES, jsonl.sniff, jsonl.read),
    Reader("json", jsonl.JSON_SUFFIXES, jsonl.sniff_json, jsonl.read_json),
    Reader("text", text.SUFFIXES, text.sniff, text.read),
]
_BY_NAME = {reader.name: reader for reader in READERS}


def pick_reader(source: Source, head: bytes) -> Reader:
    by_suffix = next((r for r in READERS if source.suffixes.endswith(r.suffixes)), None)
    # JSON Lines and JSON look alike in their first bytes: the suffix settles it (a .jsonl
    # whose first line is bad, e.g. '[1, 2]', is still JSON Lines, not one JSON document).
    if by_suffix is not None and by_suffix.name in ("jsonl", "json") and jsonl.sniff_json(head):
        return by_suffix
    for reader in READERS:
        if reader.sniff(head):
            return reader
    return by_suffix or _BY_NAME["text"]


def read_source(source: Source, options: Options = Options()) -> Iterator[Document | Problem]:
    """Every document in one input, and a Problem for each part that could not be read."""
    try:
        head = source.head()
        if head.startswith(b"\x1f\x8b") and not warc.sniff(head):
            source = _gunzip(source, options)
            head = source.head()
        reader = pick_reader(source, head)
        yield from reader.read(source, options)
    except ReadError as err:
        yield Problem(source.name, str(err))
    except PermissionError:
        yield Problem(source.name, "permission denied")
    except IsADirectoryError:
        yield Problem(source.name, "is a directory")
    except OSError as err:
        yield Problem(source.name, f"cannot read: {err.strerror or err}")


def _gunzip(source: Source, options: Options) -> Source:
    """A gzipped text, HTML or JSON file: decompress and read it by its inner name."""
    try:
        with gzip.open(source.open()) as handle:
            data = handle.read(options.max_bytes + 1)
    except (OSError, EOFError, zlib.error) as err:
        raise ReadError(f"truncated or corrupt gzip: {err}") from None
    if len(data) > options.max_bytes:
        raise ReadError(f"decompressed file too large for a single article (over the "
                        f"{options.max_bytes / 1e6:.0f} MB limit; see --max-size)")
    inner = source.name[:-3] if source.name.lower().endswith(".gz") else source.name
    return Source(name=inner, data=data)


def expand_inputs(inputs: Iterable[str]) -> Iterator[Source | Problem]:
    """Files as given, folders recursively (sorted, sidecars skipped), '-' for standard input."""
    for item in inputs:
        if item == "-":
            yield Source(name="<stdin>", data=sys.stdin.buffer.read())
            continue
        path = Path(item)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_fifo():
            # A pipe named on purpose (`<(zcat feed.gz)`) can be read once only: buffer it.
            try:
                data = path.read_bytes()
            except OSError as err:
                yield Problem(str(path), f"cannot read: {err.strerror}")
                continue
            yield Source(name=str(path), data=data)
        elif path.exists():
            yield Source(name=str(path), path=path)
        else:
            yield Problem(str(path), "no such file or directory")


def _walk(folder: Path) -> Iterator[Source | Problem]:
    def on_error(err: OSError) -> None:
        problems.append(Problem(err.filename or str(folder), f"cannot list folder: {err.strerror}"))

    problems: list[Problem] = []
    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(".") or is_sidecar(path):
                continue
            if irregular := _not_a_file(path):
                yield Problem(str(path), irregular)
                continue
            if not _known_suffix(path):
                yield Problem(str(path), f"not a news format ({path.suffix or 'no suffix'}); "
                                         "name the file itself to read it as text")
                continue
            yield Source(name=str(path), path=path)
        yield from problems
        problems.clear()
    yield from problems


def _not_a_file(path: Path) -> str | None:
    """Why a folder entry is no regular file (a pipe would block the run, a link may dangle)."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        broken = " (broken symbolic link)" if path.is_symlink() else ""
        return f"cannot read: {err.strerror}{broken}"
    if stat.S_ISREG(mode):
        return None
    kind = "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"not a regular file ({kind})"


def _known_suffix(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return any(name.endswith(reader.suffixes) for reader in READERS)


def read_inputs(inputs: Iterable[str], options: Options = Options()) -> Iterator[Document | Problem]:
    for item in expand_inputs(inputs):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_source(item, options)
