"""Decode bytes to text by detection, not assumption.

BOMs first (UTF-8, UTF-16, UTF-32), then strict UTF-8 (most files), then
charset-normalizer's best guess for legacy single-byte encodings (cp1252,
Latin-1, ...). Binary data, and UTF-8 mixed with another encoding, are refused
rather than decoded into mojibake.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .errors import ReadError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# Bytes that never occur in text files: C0 controls other than tab, LF, FF, CR, ESC.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
# Share of control bytes above which a BOM-less, non-UTF-16 file is called binary.
_BINARY_SHARE = 0.01
_ASCII = bytes(range(128))
# A well-formed UTF-8 multi-byte character (lead byte and its continuation bytes).
_UTF8_CHAR = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises ReadError for binary or undecodable data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(name), name
            except UnicodeDecodeError as err:
                raise ReadError(f"bad {name} text after its byte-order mark: {err.reason}") from None
    utf16 = _bomless_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if is_binary(data):
        raise ReadError("binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        first_bad = err.start
    matches = from_bytes(data)
    best = matches.best()
    single_byte = best is not None and len(str(best)) == len(data)  # a code page, not CJK
    if best is None or single_byte:
        _refuse_mixed_utf8(data, first_bad)
    if best is None:
        raise ReadError("text encoding could not be detected")
    if single_byte:
        # Short Western text scores the same in several code pages (cp1250 reads 'naïve' as
        # 'naďve', cp1006 'café' as Urdu): on a tie, Windows-1252 (Latin-1's text and more) wins.
        tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
        best = next((m for m in tied if m.encoding == "cp1252"), best)
    return str(best), best.encoding


def is_binary(data: bytes) -> bool:
    """Control bytes that text never holds, in more than a trace of the first 64 KB."""
    sample = data[:65536]
    return bool(sample) and sum(sample.count(bytes([c])) for c in _CONTROL) / len(sample) > _BINARY_SHARE


def _refuse_mixed_utf8(data: bytes, first_bad: int) -> None:
    """UTF-8 with stray bytes of another encoding: any one decoding garbles part of it.

    Legacy text forms a well-formed UTF-8 character only by accident ('ß“' in cp1252),
    far more rarely than one in four of its non-ASCII bytes.
    """
    utf8_chars = _UTF8_CHAR.findall(data)
    stray = len(data.translate(None, _ASCII)) - sum(len(c) for c in utf8_chars)
    if 4 * len(utf8_chars) >= stray:
        raise ReadError(f"mixed text encodings: UTF-8 with {stray} byte(s) in another encoding "
                        f"(first at byte {first_bad})")


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL in every other byte for Latin text."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None
