"""Decode bytes to text by detection, not assumption.

BOMs first (UTF-8, UTF-16, UTF-32), then strict UTF-8 (most files), then
charset-normalizer's best guess for legacy single-byte encodings (cp1252,
Latin-1, ...). Binary data is refused rather than decoded into mojibake.
"""
from __future__ import annotations

import codecs

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
    sample = data[:65536]
    if sample and sum(sample.count(bytes([c])) for c in _CONTROL) / len(sample) > _BINARY_SHARE:
        raise ReadError("binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ReadError("text encoding could not be detected")
    return str(best), best.encoding


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
