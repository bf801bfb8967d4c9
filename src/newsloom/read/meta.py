"""Metadata shared by readers: publication dates, front matter and sidecar files."""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from .errors import ReadError

KNOWN_FIELDS = ("id", "title", "outlet", "url", "published", "lang")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)


def normalize_date(value: Any) -> str | None:
    """An ISO date ('2015-10-07') or datetime ('2015-10-07T08:30:00+00:00'); None if empty.

    Raises ValueError for anything that is not ISO 8601: a wrong date is worse than none.
    """
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return _iso_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text).isoformat()
    try:
        return _iso_datetime(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        raise ValueError(f"published {text!r} is not an ISO date or datetime") from None


def _iso_datetime(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.replace(microsecond=0).isoformat()


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Return (metadata, body, offset of body) for a text that may open with a YAML block."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    try:
        data = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as err:
        first = str(err).splitlines()[0]
        raise ReadError(f"front matter is not valid YAML: {first}") from None
    if not isinstance(data, dict):
        raise ReadError("front matter is not a mapping of keys to values")
    return data, text[match.end():], match.end()


def sidecar_for(path: Path) -> Path | None:
    """The NAME.meta.json file beside NAME.txt (or NAME.txt.meta.json), if any."""
    for candidate in (path.with_name(path.stem + ".meta.json"), path.with_name(path.name + ".meta.json")):
        if candidate.is_file():
            return candidate
    return None


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(".meta.json")


def read_sidecar(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ReadError(f"sidecar {path.name} is not valid JSON: {err}") from None
    if not isinstance(data, dict):
        raise ReadError(f"sidecar {path.name} is not a JSON object")
    return data


def apply_fields(doc, data: dict[str, Any]) -> None:
    """Copy known fields from a metadata mapping onto a Document; keep the rest as metadata."""
    for key, value in data.items():
        if key == "published":
            try:
                doc.published = normalize_date(value)
            except ValueError as err:
                raise ReadError(str(err)) from None
        elif key in KNOWN_FIELDS:
            setattr(doc, key, None if value is None else str(value))
        else:
            doc.metadata[key] = value
