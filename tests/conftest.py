"""Shared fixtures: the real data sets beside the repository, skipped cleanly when absent."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
EXAMPLES = REPO / "examples" / "demo"


def shared(*parts: str) -> Path:
    """A path under ../shared/data; skips the test with a clear message when it is missing."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: the real data sets live in ../shared/data beside the repository")
    return path


@pytest.fixture
def seeds() -> Path:
    return shared("seeds")
