"""report.html: one self-contained page; Jinja2 auto-escaping keeps article text inert.

The page shows exactly the story records of stories.json (`story_record`); this module
only rearranges them for reading (a claim matrix, a numbers table, map geometry).
"""
from __future__ import annotations

import base64
import hashlib
from collections import Counter
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .data import ReportData, counted, shown_title, source_labels, with_labels
from .geomap import story_map
from .json import story_record

_ENV = Environment(
    loader=PackageLoader("newsloom.render", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

VERDICTS = ("corroborated", "conflicting", "unique")
# Our own constant script (never article text); its hash goes into the page's CSP so that
# no other script could run even if escaping ever failed.
_SCRIPT = (files("newsloom.render") / "templates" / "report.js").read_text(encoding="utf-8")
_SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()


def sentence_of(text: str, sentences: list, offset: int) -> str:
    """The sentence holding a character offset: the evidence shown beside an item."""
    for start, end in sentences:
        if start <= offset < end:
            return text[start:end]
    return ""


def unique_places(places: list[dict]) -> list[dict]:
    """One row per place as written and resolved, with how often the article names it."""
    rows: dict[tuple, dict] = {}
    for place in places:
        key = (place["text"], place.get("name"), place.get("lat"), place.get("lon"))
        if key in rows:
            rows[key]["mentions"] += 1
        else:
            rows[key] = {**place, "mentions": 1}
    return list(rows.values())


def number(value) -> str:
    """A quantity as a reader writes it: 1,200 not 1200.0."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    return "" if value is None else str(value)


def marked(text: str, base: int | None, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Split evidence text (starting at offset `base` of its article) into plain and marked runs."""
    if base is None:
        return [(text or "", False)]
    cuts = sorted((max(s - base, 0), min(e - base, len(text))) for s, e in spans if s < base + len(text) and e > base)
    runs, at = [], 0
    for s, e in cuts:
        if s < at:
            continue  # overlapping marks: the first one wins
        runs += [(text[at:s], False), (text[s:e], True)]
        at = e
    runs.append((text[at:], False))
    return [r for r in runs if r[0]]


def _outlet_of(item: dict) -> str:
    return item.get("outlet") or "?"


def _evidence(claim: dict, outlets: list[str]) -> list[dict]:
    """The claim's sources grouped by outlet, each sentence with the conflicting value marked."""
    values = claim.get("values") or []
    groups = []
    for i, outlet in enumerate(outlets):
        items = []
        for src in claim.get("sources") or []:
            if _outlet_of(src) != outlet:
                continue
            spans = [(v["start"], v["end"]) for v in values
                     if v.get("article") == src.get("article") and v.get("start") is not None]
            items.append({**src, "runs": marked(src.get("text") or "", src.get("start"), spans)})
        vals = [v for v in values if _outlet_of(v) == outlet]
        if items or vals:
            groups.append({"outlet": outlet, "index": i, "items": items,
                           "values": [str(v.get("value")) for v in vals]})
    return groups


def claim_row(claim: dict, outlets: list[str], copies: dict[str, str] | None = None) -> dict:
    """One matrix row: the claim, its verdict, and a cell per outlet (absent where it is not reported;
    `copy` where the outlet only carries another's report, which states it: `copies`, outlet -> that one)."""
    status = claim.get("status") if claim.get("status") in VERDICTS else "unique"
    evidence = _evidence(claim, outlets)
    by_outlet = {g["outlet"]: g for g in evidence}
    cells = []
    for i, outlet in enumerate(outlets):
        group = by_outlet.get(outlet)
        cells.append({"outlet": outlet, "index": i, "status": status if group else "absent",
                      "values": group["values"] if group else [], "count": len(group["items"]) if group else 0})
    for cell in cells:
        original = (copies or {}).get(cell["outlet"])
        if cell["status"] == "absent" and original in by_outlet:
            cell.update(status="copy", of=original)
    return {"claim": claim, "status": status, "cells": cells, "evidence": evidence}


def copy_outlets(record: dict) -> dict[str, str]:
    """Outlet -> the outlet whose report it carries, for each outlet whose every report in the story is
    a syndicated copy of one other outlet's (copies count once: their claims are the original's)."""
    articles = record.get("articles") or []
    outlet_of = {a["id"]: a.get("outlet") for a in articles}
    carried: dict[str, set] = {}  # outlet -> the outlets its reports copy (None: a report of its own)
    for a in (a for a in articles if a.get("outlet")):
        carried.setdefault(a["outlet"], set()).add(outlet_of.get(a.get("duplicate_of")))
    return {outlet: next(iter(originals)) for outlet, originals in carried.items()
            if len(originals) == 1 and None not in originals and originals != {outlet}}


def _story_outlets(record: dict) -> list[str]:
    """The story's outlets, plus any a claim names that the story list lacks (never drop evidence)."""
    outlets = list(record.get("outlets") or [])
    for claim in record.get("claims") or []:
        for item in (claim.get("sources") or []) + (claim.get("values") or []):
            if _outlet_of(item) not in outlets:
                outlets.append(_outlet_of(item))
    return outlets


def _usual(values: list) -> object:
    """The value most rows give, or None when no value is given more often than every other."""
    top = Counter(values).most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def numbers_rows(numbers: list[dict], outlets: list[str], copies: dict[str, str] | None = None) -> list[dict]:
    """Each counted thing with its values per outlet; in a discrepancy, values off the usual one are marked.
    An outlet that runs a copy (`copies`) shows that it carries the original's figure."""
    out = []
    for n in numbers:
        rows = n.get("rows") or []
        usual = _usual([r.get("value") for r in rows])
        cells = []
        for outlet in outlets:
            mine = [r for r in rows if _outlet_of(r) == outlet]
            odd = bool(n.get("discrepancy")) and any(r.get("value") != usual for r in mine)
            original = (copies or {}).get(outlet)
            carried = not mine and any(_outlet_of(r) == original for r in rows)
            cells.append({"outlet": outlet, "rows": mine, "odd": odd, "of": original if carried else None})
        event = " ".join(w for w in (n.get("event"), n.get("movement")) if w) or None  # "fall", "fall by"
        out.append({"thing": n.get("thing") or "?", "event": event, "discrepancy": bool(n.get("discrepancy")),
                    "cells": cells})
    return out


def who_said_what(record: dict) -> list[dict]:
    """The record's who_said_what; where a record has no such key, its attributions grouped by speaker."""
    if "who_said_what" in record:
        return record["who_said_what"] or []
    speakers: dict[str, dict] = {}
    for at in record.get("attributions") or []:
        name = at.get("source") or "(unnamed)"
        speakers.setdefault(name, {"speaker": name, "label": None, "statements": []})["statements"].append(at)
    return sorted(speakers.values(), key=lambda s: (-len(s["statements"]), s["speaker"]))


def places_of(record: dict, analyses: dict) -> list[dict]:
    """The record's places; where a record has no such key, the located places of its reports' analyses."""
    if "places" in record:
        return record["places"] or []
    places: dict[tuple, dict] = {}
    for a in record.get("articles") or []:
        if a.get("duplicate_of"):
            continue  # a copy names nothing its original does not
        for p in (analyses.get(a["id"]) or {}).get("places", []):
            if p.get("lat") is None or p.get("lon") is None:
                continue
            key = (p.get("name"), p["lat"], p["lon"])
            row = places.setdefault(key, {"name": p.get("name") or p.get("text"), "lat": p["lat"], "lon": p["lon"],
                                          "country": p.get("country"), "outlets": [], "mentions": 0})
            row["mentions"] += 1
            if a.get("outlet") and a["outlet"] not in row["outlets"]:
                row["outlets"].append(a["outlet"])
    return list(places.values())


def story_view(record: dict, analyses: dict | None = None) -> dict:
    """What the template needs for one story, computed from its stories.json record."""
    outlets = _story_outlets(record)
    copies = copy_outlets(record)
    rows = [claim_row(c, outlets, copies) for c in record.get("claims") or []]
    counts = Counter(r["status"] for r in rows)
    return {"record": record, "outlets": outlets, "rows": rows, "copies": copies,
            "counts": {v: counts.get(v, 0) for v in VERDICTS},
            "numbers": numbers_rows(record.get("numbers") or [], outlets, copies),
            "who": who_said_what(record), "map": story_map(places_of(record, analyses or {}))}


def by_outlet(sources: list[dict]) -> list[dict]:
    """A citation's sources, one per outlet in order, each with all of its sentences for the tooltip:
    two sentences of one report are one name, not the same name twice."""
    out: dict[str, dict] = {}
    for s in sources:
        entry = out.setdefault(_outlet_of(s), {"outlet": _outlet_of(s), "texts": []})
        if s.get("text"):
            entry["texts"].append(s["text"])
    return [{"outlet": e["outlet"], "text": " / ".join(e["texts"])} for e in out.values()]


_ENV.globals["sentence_of"] = sentence_of
_ENV.filters["by_outlet"] = by_outlet
_ENV.filters["unique_places"] = unique_places
_ENV.filters["zip"] = lambda a, b: list(zip(a, b))
_ENV.filters["number"] = number
_ENV.filters["counted"] = counted


def render_story_records(records: list[dict], articles: list, analyses: dict, run=None) -> str:
    """The page for story records as stories.json has them, plus every article's cleaning and analysis."""
    labels = source_labels(articles)
    records = [with_labels(r, labels) for r in records]
    members = [a for r in records for a in r.get("articles") or []]
    copies = {a["id"]: a["duplicate_of"] for a in members if a.get("duplicate_of")}
    return _ENV.get_template("report.html.j2").render(
        stories=[story_view(r, analyses) for r in records], articles=articles, analyses=analyses, run=run,
        copies=copies, outlet_of={a["id"]: a.get("outlet") for a in members}, verdicts=VERDICTS,
        title_of={a.id: shown_title(a.title, a.text) for a in articles}, label_of=labels,
        script=Markup(_SCRIPT), script_hash=_SCRIPT_HASH)


def render_html(data: ReportData) -> str:
    records = [story_record(s, data) for s in data.stories]
    return render_story_records(records, data.articles, data.analyses, data.run)
