"""The brief of one story: what a reader needs first, every line cited.

From a comparison (compare.py) it writes:
- `summary`: a few whole extractive sentences, central facts first (those most outlets
  report, then the most informative: closest to the story's lexical centre, in words most
  reports use, near a report's lead), no two saying the same thing, no cut-off fragments;
- `timeline`: the dated statements, in date order (a span adds its last day and a label
  as precise as the text: `until`, `shown`);
- `who_said_what`: every attributed statement, by speaker;
- `numbers`: every quantity per outlet, by the thing counted and its verb, with discrepancies marked;
- `coverage`: what each outlet reports that the others omit;
- `places`: the story's resolved places, for the map.
Every item carries `sources` (article, outlet, start, end, text) like a claim.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

import numpy as np

from .compare import Comparison, Group, StoryReport
from .compare.claims import LIGHT_VERBS, Claim
from .compare.facts import VAGUE_NUMBER, values_agree
from .compare.thresholds import ALIGN_WITH_FACT, LEXICAL_WITH_FACT
from .geo import haversine_km

SUMMARY_SENTENCES = 5     # a brief, not a digest
# first words that point back to a sentence the brief does not show
DANGLING_STARTS = {"he", "she", "they", "it", "this", "these", "those", "that", "his", "her", "their", "its"}
SUMMARY_REDUNDANT = 0.65  # MiniLM cosine above which a second sentence repeats the first (demo corpus)
# informativeness weights, next to lexical centrality (weight 1); tuned on the even-numbered
# AllSides stories only (bench/brief_rouge.py --half even), the odd half is the held-out report
SUMMARY_WORD_SHARE = 0.3  # mean share of the reports using the sentence's words (even AllSides half)
SUMMARY_LEAD = 0.05       # times 1/(1 + position in its report) (even AllSides half)
_ELLIPSIS = re.compile(r"(?:\.\.\.|\u2026)$")
_STOP_THEN_ELLIPSIS = re.compile(r"[a-z0-9]{2}[.!?][\"\u201d\u2019)]?\s*(?:\.\.\.|\u2026)$")
_HORIZON = re.compile(r"\b(?:coming|upcoming)\b", re.IGNORECASE)  # "the coming weeks": a forecast's horizon
_CLOSED = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
COVERAGE_EXAMPLES = 3
SAME_PLACE_KM = 50.0      # one name resolved twice this close (a city and its district) is one place on the map
NUMBER_KINDS = ("count", "measure", "money", "percent")


def build_brief(comparison: Comparison) -> dict:
    """Every brief section of a compared story (its independent reports are `comparison.reports`)."""
    return {
        "summary": summary(comparison),
        "timeline": timeline(comparison),
        "who_said_what": who_said_what(comparison.reports),
        "numbers": numbers(comparison),
        "coverage": coverage(comparison),
        "places": places(comparison.reports),
    }


def _sources(claims: list[Claim]) -> list[dict]:
    return [c.source_record() for c in claims]


def _centrality(comparison: Comparison) -> np.ndarray:
    """How close each claim sits to the story's centre (mean embedding of all its claims)."""
    sim = comparison.similarity
    return sim.mean(axis=1) if len(sim) else np.zeros(0)


def summary(comparison: Comparison, size: int = SUMMARY_SENTENCES) -> list[dict]:
    """Greedy selection: most sources first, then the informativeness score; a sentence too like a
    chosen one is skipped, and so are fragments (an excerpt cut off with "...", half a quotation)."""
    if not comparison.statements:
        return []
    score = _informativeness(comparison)
    candidates = []
    for group in comparison.groups:
        whole = [c for c in group.members if is_whole_sentence(c.text)]
        if whole:
            lead = max(whole, key=lambda c: (score[comparison.index(c)], -c.index))
            candidates.append((group, lead, _citing(group, lead, comparison)))
    candidates.sort(key=lambda glc: (-_reach(glc[2]), -score[comparison.index(glc[1])], _lead(glc[0], comparison)))
    chosen: list[tuple[Group, Claim, list[Claim]]] = []
    for group, lead, cited in candidates:
        if any(comparison.similarity[comparison.index(lead), comparison.index(c)] >= SUMMARY_REDUNDANT
               for _, c, _ in chosen):
            continue
        chosen.append((group, lead, cited))
        if len(chosen) == size:
            break
    return [_summary_item(group, lead, cited) for group, lead, cited in chosen]


def _citing(group: Group, lead: Claim, comparison: Comparison) -> list[Claim]:
    """The members of an agreeing group that a line showing `lead` may cite: the lead and the claims
    close to it in meaning or wording (the bars two claims must pass to align on a shared fact).
    Agreement can chain through loosely related sentences of long reports, and a line cited to an
    outlet must say what that outlet says."""
    if group.conflict is not None:
        return group.members
    i = comparison.index(lead)
    return [c for c in group.members if c is lead or comparison.similarity[i, comparison.index(c)] >= ALIGN_WITH_FACT
            or comparison.lexical[i, comparison.index(c)] >= LEXICAL_WITH_FACT]


def _summary_item(group: Group, lead: Claim, cited: list[Claim]) -> dict:
    """A summary line cites the claims that say what it says (`cited`, from `_citing`); in a
    disagreement, the other side's values go to `disputed_by` ("killed 12 people" is not cited
    to the outlet that counts 14)."""
    item = {"text": lead.text, "status": group.status, "sources": _sources(cited)}
    if group.conflict is None:
        return item
    own = [v for v in group.conflict.values if v[0].id == lead.id]
    side = {claim.id for claim, *_ in group.conflict.values
            if any(_same_value(group.conflict.slot, v, other) for v in own
                   for other in group.conflict.values if other[0].id == claim.id)}
    side.add(lead.id)
    item["sources"] = _sources([c for c in group.members if c.id in side])
    item["disputed_by"] = [{"article": claim.article, "outlet": claim.outlet, "value": value, "start": start, "end": end}
                           for claim, value, start, end in group.conflict.values if claim.id not in side]
    return item


def _same_value(slot: str, a: tuple, b: tuple) -> bool:
    """Two sides' values of one conflict say the same thing ("at least 12 people" / "12 people")."""
    if slot == "quantity":
        fa, fb = _fact_at(a, "quantity"), _fact_at(b, "quantity")
        if fa is not None and fb is not None:
            return values_agree(fa.data, fb.data)
    return " ".join(a[1].lower().split()) == " ".join(b[1].lower().split())


def _fact_at(value: tuple, kind: str):
    claim, _, start, end = value
    return claim.fact_at(kind, start, end)


def _informativeness(comparison: Comparison) -> np.ndarray:
    """Per claim: lexical centrality (mean in-story TF-IDF cosine), plus how many of the reports
    use its words on average, plus a small bonus for sitting near the top of its report (news
    leads carry the story). Reach is ranked before this score, so it is not counted here."""
    claims = comparison.statements
    vocab: dict[str, set[str]] = {}
    for c in claims:
        vocab.setdefault(c.article, set()).update(c.all_lemmas)
    n = max(1, len(vocab))
    share = {w: sum(w in words for words in vocab.values()) / n for words in vocab.values() for w in words}
    word_share = np.array([np.mean([share[w] for w in c.all_lemmas]) if c.all_lemmas else 0.0 for c in claims])
    position = np.array([1.0 / (1 + c.index) for c in claims])
    return comparison.lexical.mean(axis=1) + SUMMARY_WORD_SHARE * word_share + SUMMARY_LEAD * position


def is_whole_sentence(text: str) -> bool:
    """False for fragments: AllSides-style excerpts cut off with "..." (a full stop before the
    ellipsis after a word still counts as whole), no closing punctuation, a lower-case start, and
    unbalanced quotation marks (one sentence of a longer quote)."""
    t = text.strip()
    if not t or t[0].islower() or t.count('"') % 2 or t.count("\u201c") != t.count("\u201d"):
        return False
    if t.split()[0].lower() in DANGLING_STARTS:
        return False  # "He said ...", "They continue ...": a reader of the brief cannot tell who
    if _ELLIPSIS.search(t):
        return bool(_STOP_THEN_ELLIPSIS.search(t))
    return bool(_CLOSED.search(t))


def _reach(members: list[Claim]) -> int:
    return len({c.article for c in members})


def _lead(group: Group, comparison: Comparison) -> int:
    return min(comparison.index(c) for c in group.members)


def timeline(comparison: Comparison) -> list[dict]:
    """One entry per group and day it states, earliest first; a statement about a period starts it.
    A sentence is listed once per day: a claim aligned with two groups goes to the first of them
    (by the story's order), and a group left with no sentence of its own for that day adds no entry."""
    entries: dict[tuple[str, str], dict] = {}
    listed: set[tuple[str, str, int]] = set()  # (day, article, start) already in an entry
    for group in comparison.groups:
        for claim in group.members:
            for fact in _timeline_dates(claim):
                day = fact.data["resolved"]
                if (day, claim.article, claim.start) in listed:
                    continue
                listed.add((day, claim.article, claim.start))
                entry = entries.setdefault((day, group.members[0].id),
                                           {"date": day, "text": claim.text, "when": fact.text,
                                            **_span(fact), "sources": []})
                entry["sources"].append(claim.source_record())
    return [entries[key] for key in sorted(entries, key=lambda k: (k[0], comparison.index(k[1])))]


def _span(fact) -> dict:
    """For a span ("from 1979 through 2009", "the winter"): its last day (`until`) and how a
    reader writes it (`shown`: "1979–2009"), so the timeline claims no more precision than the text."""
    start, end = fact.data["resolved"], fact.data.get("end_date")
    if fact.data.get("granularity") != "range" or not end or end == start:
        return {}
    return {"until": end, "shown": span_label(start, end)}


def span_label(start: str, end: str) -> str:
    """Whole years as years ("1979–2009"), whole months as months ("2020-12 – 2021-02"), else days."""
    first, last = date.fromisoformat(start[:10]), date.fromisoformat(end[:10])
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return f"{first.year}–{last.year}" if first.year != last.year else str(first.year)
    if first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
        a, b = first.isoformat()[:7], last.isoformat()[:7]
        return a if a == b else f"{a} – {b}"
    return f"{first.isoformat()} – {last.isoformat()}"


def _timeline_dates(claim: Claim) -> list:
    """The claim's resolved days; a bound ("since Tuesday", "by Friday") only where the claim
    names no plain day ("said on Thursday that 1,140 buildings were inspected since Tuesday"
    happened on Thursday, not on Tuesday as well), and a span ("the winter", "this week") only
    where it names no day either ("dipped on Friday, a tenth of the rate during the winter surge"
    is Friday's). "The coming weeks" dates nothing: it is a forecast's horizon, not when. A day that
    names a thing ("damaged by Monday's earthquake") gives way to one the statement's verb takes
    ("said on Tuesday that ..."): the sentence is Tuesday's news about Monday's quake."""
    days = [f for f in claim.of_kind("date") if f.data.get("resolved")
            and f.data.get("granularity") in ("day", "time", "range") and not _HORIZON.search(f.text)]
    plain = [f for f in days if not f.data.get("relation")] or days
    plain = [f for f in plain if not _names_a_thing(f)] or plain
    return [f for f in plain if f.data.get("granularity") != "range"] or plain


def _names_a_thing(fact) -> bool:
    """The date hangs on a noun, not on its verb: "Monday's earthquake", "the Jan. 6 riot"."""
    return fact.anchor is not None and fact.anchor != fact.predicate and not fact.locative


def who_said_what(reports: list[StoryReport]) -> list[dict]:
    """Attributed statements by speaker, the most quoted first."""
    speakers: dict[str, dict] = {}
    for report in reports:
        for a in report.analysis.get("attributions", []):
            name = a.get("source") or "(unnamed)"
            entry = speakers.setdefault(name, {"speaker": name, "label": a.get("source_label"), "statements": []})
            entry["statements"].append({"article": report.id, "outlet": report.outlet, "cue": a["cue"],
                                        "content": a["content"], "start": a["start"], "end": a["end"],
                                        "stance": a.get("stance", [])})
    return sorted(speakers.values(), key=lambda e: (e["speaker"] == "(unnamed)", -len(e["statements"]),
                                                   e["speaker"]))


def numbers(comparison: Comparison) -> list[dict]:
    """Every quantity per outlet, by the thing it counts and the verb it counts it on (people killed
    and people injured are two rows) and, on a verb of change, by how much or from where
    (`movement`: "fell 92,000" and "fell to 498,000" are two rows); a row holding a quantity
    conflict's value is a discrepancy. A vague amount keeps its words (`shown`: "thousands"),
    not the floor its value gives."""
    disputed = {(c.article, start) for g in comparison.groups if g.conflict and g.conflict.slot == "quantity"
                for c, _, start, _ in g.conflict.values}
    things: dict[tuple[str, str | None, str | None], dict] = {}
    for claim in comparison.statements:
        for fact in claim.of_kind("quantity"):
            q = fact.data
            if q.get("value") is None or q.get("kind") not in NUMBER_KINDS:
                continue
            thing = q.get("unit") or "(no unit)"
            event = fact.predicate if fact.predicate and fact.predicate not in LIGHT_VERBS else None
            movement = q.get("movement")
            entry = things.setdefault((thing, event, movement), {"thing": thing, "event": event, "movement": movement,
                                                                 "rows": [], "discrepancy": False})
            vague = VAGUE_NUMBER.search(fact.text)
            entry["rows"].append({"article": claim.article, "outlet": claim.outlet, "value": q["value"],
                                  "shown": vague.group(0).lower() if vague else None,
                                  "text": fact.text, "start": fact.start, "end": fact.end,
                                  "disputed": (claim.article, fact.start) in disputed})
            entry["discrepancy"] |= (claim.article, fact.start) in disputed
    return sorted(things.values(), key=lambda e: (not e["discrepancy"], -len({r["outlet"] for r in e["rows"]}),
                                                 e["thing"], e["event"] or "", e["movement"] or ""))


def coverage(comparison: Comparison) -> list[dict]:
    """Per report: how many of its claims no other outlet states, and the most central of them."""
    if len(comparison.reports) < 2:
        return []
    centre = _centrality(comparison)
    out = []
    for report in comparison.reports:
        alone = [g.members[0] for g in comparison.groups if g.status == "unique" and g.members[0].article == report.id]
        alone.sort(key=lambda c: -centre[comparison.index(c)])
        out.append({"outlet": report.outlet, "article": report.id, "unique_claims": len(alone),
                    "examples": [{"text": c.text, "start": c.start, "end": c.end} for c in alone[:COVERAGE_EXAMPLES]]})
    return out


def places(reports: list[StoryReport]) -> list[dict]:
    """The story's resolved places, one per gazetteer entry, with the outlets naming them; two
    entries of one name close together (a town and its district, "Porto") are one point on the map."""
    found: dict[tuple, dict] = {}
    for report in reports:
        for p in report.analysis.get("places", []):
            if p.get("lat") is None:
                continue
            key = (p.get("geonameid"), p.get("name"))
            entry = found.setdefault(key, {"name": p.get("name") or p["text"], "lat": p["lat"], "lon": p["lon"],
                                           "country": p.get("country"), "outlets": [], "mentions": 0})
            entry["mentions"] += 1
            if report.outlet and report.outlet not in entry["outlets"]:
                entry["outlets"].append(report.outlet)
    merged: list[dict] = []
    for entry in sorted(found.values(), key=lambda e: (-e["mentions"], e["name"])):
        same = next((m for m in merged if m["name"] == entry["name"] and m["country"] == entry["country"]
                     and haversine_km(m["lat"], m["lon"], entry["lat"], entry["lon"]) <= SAME_PLACE_KM), None)
        if same is None:
            merged.append(entry)
            continue
        same["mentions"] += entry["mentions"]
        same["outlets"] += [o for o in entry["outlets"] if o not in same["outlets"]]
    return merged


def brief_story(reports: list[StoryReport], **options) -> dict:
    """Compare a story's reports and write its brief: claims plus every brief section."""
    from .compare import compare_story

    comparison = compare_story(reports, **options)
    return {"claims": comparison.claims, **build_brief(comparison)}
