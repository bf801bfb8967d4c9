"""An input to read: a file on disk or a buffered stream (standard input)."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


@dataclass
class Source:
    name: str
    path: Path | None = None
    data: bytes | None = None

    def open(self) -> BinaryIO:
        if self.data is not None:
            return io.BytesIO(self.data)
        return open(self.path, "rb")

    @property
    def size(self) -> int:
        return len(self.data) if self.data is not None else self.path.stat().st_size

    @property
    def suffixes(self) -> str:
        """Lower-cased suffixes, e.g. '.warc.gz'."""
        return "".join(Path(self.name).suffixes[-2:]).lower()

    def head(self, n: int = 4096) -> bytes:
        with self.open() as handle:
            return handle.read(n)

    def read_all(self, limit: int) -> bytes:
        """The whole content, refusing inputs larger than `limit` bytes."""
        from .errors import ReadError

        if self.size > limit:
            raise ReadError(
                f"file too large for a single article ({self.size / 1e6:.1f} MB > "
                f"{limit / 1e6:.0f} MB limit; see --max-size)"
            )
        with self.open() as handle:
            return handle.read()
