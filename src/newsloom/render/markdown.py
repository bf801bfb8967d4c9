"""report.md: the same content as the HTML report, for terminals and diffs."""
from __future__ import annotations

from .data import ReportData, counted, shown_title, with_labels


def _escape(text: str) -> str:
    """Article text is data: neutralise Markdown and HTML syntax that would render."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def render_markdown(data: ReportData) -> str:
    articles, analyses, run_report = data.articles, data.analyses, data.run
    lines = ["# newsloom report", ""]
    if run_report is not None:
        lines += ["```", run_report.summary(), "```", ""]
    lines += _story_lines(data)
    lines += [f"## Articles ({len(articles)})", ""]
    for article in articles:
        lines += [f"### {_escape(shown_title(article.title, article.text))}", ""]
        lines.append(f"- id: `{article.id}`")
        for label, value in (("outlet", article.outlet), ("published", article.published),
                             ("url", article.url), ("source", article.source)):
            if value:
                lines.append(f"- {label}: {_escape(value)}")
        if credit := article.metadata.get("credit"):
            lines.append(f"- credit: {_escape(credit)}")
        lines.append("")
        lines += [_escape(p) + "\n" for p in article.text.split("\n\n")]
        if analysis := analyses.get(article.id):
            lines += _analysis_lines(analysis)
        if article.removed:
            lines += [f"Removed ({len(article.removed)}):", ""]
            lines += [f"- {r.rule}: {_escape(r.text)}" for r in article.removed]
            lines.append("")
    return "\n".join(lines)


def _analysis_lines(a: dict) -> list[str]:
    lines = ["Analysis:", ""]
    names = sorted({f"{e['canonical']} ({e['label']})" for e in a.get("entities", [])})
    if names:
        lines.append("- entities: " + _escape("; ".join(names)))
    for p in a.get("places", []):
        where = f"{p['lat']:.3f}, {p['lon']:.3f}" if p.get("lat") is not None else "unresolved"
        lines.append(f"- place: {_escape(p['text'])} → {_escape(p.get('name') or '?')} ({where}, {p.get('precision')})")
    for t in a.get("times", []):
        lines.append(f"- date: {_escape(t['text'])} → {t.get('resolved') or 'unresolved'} ({t.get('granularity')})")
    for q in a.get("quantities", []):
        lines.append(f"- quantity: {_escape(q['text'])} → {q.get('value')} {_escape(q.get('unit') or '')}")
    for at in a.get("attributions", []):
        lines.append(f"- {_escape(at.get('source') or '(implicit)')} {_escape(at['cue'])}: "
                     f"{_escape(at['content'][:160])}")
    return lines + [""]


def _story_lines(data: ReportData) -> list[str]:
    if not data.stories:
        return []
    lines = [f"## Stories ({len(data.stories)})", ""]
    for story in data.stories:
        members = data.story_articles(story)
        outlets = sorted({data.labels[a.id] for a in members})
        unnamed = sum(1 for a in members if not a.outlet)
        lines += [f"### {_escape(story['title'] or story['id'])}", "",
                  f"{counted(len(members), 'report')} from {counted(len(outlets), 'source')}"
                  + (f" ({unnamed} without a named outlet, shown by URL host or file)" if unnamed else "")
                  + f", {story['first_seen'] or '?'} to {story['last_seen'] or '?'}: {_escape(', '.join(outlets))}", ""]
        for article in members:
            copy = data.duplicates.get(article.id)
            note = f" — copy of {_escape(data.labels.get(copy) or '?')}'s report `{copy}`" if copy else ""
            lines.append(f"- `{article.id}` {_escape(data.labels[article.id])}: "
                         f"{_escape(shown_title(article.title, article.text))}{note}")
        lines.append("")
        lines += brief_lines(with_labels(data.comparisons.get(story["id"], {}), data.labels))
    return lines


def _cited(item: dict, escape=_escape) -> str:
    outlets = sorted({s["outlet"] or "?" for s in item["sources"]})
    line = f"{escape(item['text'])} [{escape('; '.join(outlets))}]"
    if item.get("disputed_by"):
        others = "; ".join(f"{d['outlet'] or '?'}: {d['value']}" for d in item["disputed_by"])
        line += f" (disputed: {escape(others)})"
    return line


def brief_lines(comparison: dict, escape=_escape) -> list[str]:
    """Summary, disagreements, timeline and what only one outlet reports, each line cited.
    `escape` neutralises Markdown; the terminal (`newsloom story`) passes `str`."""
    lines = []
    if comparison.get("summary"):
        lines += ["Summary:", ""] + [f"- {_cited(item, escape)}" for item in comparison["summary"]] + [""]
    conflicts = [c for c in comparison.get("claims", []) if c["status"] == "conflicting"]
    if conflicts:
        lines += ["Disagreements:", ""]
        for claim in conflicts:
            values = "; ".join(f"{v['outlet'] or '?'}: {v['value']}" for v in claim["values"])
            where = " (inside one report)" if claim.get("internal") else ""
            lines.append(f"- {claim['slot']}{where}: {escape(values)}")
        lines.append("")
    if comparison.get("timeline"):
        lines += ["Timeline:", ""] + [f"- {item.get('shown') or item['date']}: {_cited(item, escape)}"
                                         for item in comparison["timeline"]]
        lines.append("")
    for entry in comparison.get("coverage", []):
        if entry["examples"]:
            lines.append(f"Only {escape(entry['outlet'] or '?')} ({counted(entry['unique_claims'], 'claim')}), e.g.: "
                         + escape(entry["examples"][0]["text"]))
    return lines + ([""] if comparison.get("coverage") else [])
