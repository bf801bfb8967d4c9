"""The command line: `newsloom run | ingest | articles | runs`."""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from .pipeline import Defaults, ingest, run
from .read import DEFAULT_MAX_BYTES, Options
from .read.meta import normalize_date
from .render import write_reports
from .render.data import counted, shown_title, with_labels
from .render.json import article_record
from .store import Store, StoreError

DEFAULT_DB = "newsloom.sqlite"


def _date_arg(value: str) -> str:
    try:
        return normalize_date(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _add_store(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, metavar="FILE",
                        help=f"SQLite store (created if missing; default: {DEFAULT_DB})")


def _add_reading(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="files, folders (read recursively), feeds, JSON Lines, WARC, or - for standard input")
    parser.add_argument("--published", type=_date_arg, metavar="DATE",
                        help="publication date (ISO) for inputs that do not carry one")
    parser.add_argument("--outlet", metavar="NAME", help="outlet for inputs that do not name one")
    parser.add_argument("--title", metavar="TEXT", help="title for inputs that have none")
    parser.add_argument("--max-size", type=float, default=DEFAULT_MAX_BYTES / 1e6, metavar="MB",
                        help="largest single-article file to read (default: %(default).0f MB)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    parser.add_argument("--json", action="store_true", help="print the run report as JSON")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsloom", description="Read the same news across many outlets: clean, compare, cite.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p_run = commands.add_parser("run", help="read, clean and store the inputs, then write the reports",
                                description="Run every stage over the inputs and write stories.json, "
                                            "report.html and report.md.")
    _add_reading(p_run)
    _add_store(p_run)
    p_run.add_argument("--out", default="out", metavar="DIR", help="folder for the reports (default: out)")
    p_run.add_argument("--jobs", type=int, default=0, metavar="N",
                       help="spaCy worker processes for the analysis (default: 0 = 2 on large runs, else 1)")

    p_ingest = commands.add_parser("ingest", help="read, clean and store the inputs (no reports)",
                                   description="Read, clean and store the inputs without writing reports.")
    _add_reading(p_ingest)
    _add_store(p_ingest)

    p_articles = commands.add_parser("articles", help="list stored articles, or show one",
                                     description="List the stored articles, or show one with its text "
                                                 "and cleaning record.")
    p_articles.add_argument("id", nargs="?", help="show this article")
    _add_store(p_articles)
    p_articles.add_argument("--json", action="store_true", help="print JSON (an array, or one object)")
    p_articles.add_argument("--raw", action="store_true", help="also print the text as read, before cleaning")

    p_stories = commands.add_parser("stories", help="list the stories",
                                    description="List the stories: id, reports, outlets, dates and title.")
    _add_store(p_stories)
    p_stories.add_argument("--json", action="store_true", help="print the stories as in stories.json")

    p_story = commands.add_parser("story", help="show one story with its articles, outlets and copies",
                                  description="Show one story: its articles with outlets and dates, which are "
                                              "copies of which, partial copies, and who said what.")
    p_story.add_argument("id", help="the story id (from `newsloom stories`)")
    _add_store(p_story)
    p_story.add_argument("--json", action="store_true", help="print the story as in stories.json")

    p_runs = commands.add_parser("runs", help="list past runs and what they did",
                                 description="List runs with their counts, or one run's inputs.")
    p_runs.add_argument("id", nargs="?", type=int, help="show this run's inputs")
    _add_store(p_runs)
    p_runs.add_argument("--json", action="store_true", help="print JSON")

    p_analyze = commands.add_parser(
        "analyze", help="print one article's analysis (or one per line for many)",
        description="Analyse an article: entities, places with coordinates, dates, quantities and "
                    "attributions, each with start/end offsets into the cleaned text. A JSON Lines "
                    "file or a folder gives one JSON object per article, one per line.")
    p_analyze.add_argument("input", metavar="FILE", help="an article file, a JSON Lines file, a feed, a folder, or -")
    p_analyze.add_argument("--published", type=_date_arg, metavar="DATE",
                           help="publication date (ISO) to resolve relative dates against, when the input has none")
    p_analyze.add_argument("--outlet", metavar="NAME", help="outlet for inputs that do not name one")
    p_analyze.add_argument("--format", choices=["json", "text"], default="text", help="output format (default: text)")
    p_analyze.add_argument("--raw", action="store_true",
                           help="skip cleaning: offsets then index the input text exactly as given")
    p_analyze.add_argument("--jobs", type=int, default=1, metavar="N", help="spaCy worker processes (default: 1)")

    p_report = commands.add_parser("report", help="write the reports for what is in the store",
                                   description="Write stories.json, report.html and report.md from the store.")
    _add_store(p_report)
    p_report.add_argument("--out", default="out", metavar="DIR", help="folder for the reports (default: out)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except StoreError as err:
        print(f"newsloom: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `newsloom stories | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 141
    except KeyboardInterrupt:
        print("newsloom: interrupted; committed articles are kept, re-run to finish", file=sys.stderr)
        return 130


def _reading(args) -> tuple[Defaults, Options]:
    return (Defaults(published=args.published, outlet=args.outlet, title=args.title),
            Options(max_bytes=int(args.max_size * 1e6)))


def _print_report(report, args) -> None:
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif not args.quiet:
        print(report.summary())


def cmd_run(args) -> int:
    defaults, options = _reading(args)
    report = run(args.inputs, db=args.db, out=args.out, defaults=defaults, options=options,
                 progress=not (args.quiet or args.json), jobs=args.jobs)
    _print_report(report, args)
    return 0


def cmd_ingest(args) -> int:
    defaults, options = _reading(args)
    with Store(args.db) as store:
        report = ingest(args.inputs, store, defaults, options, progress=not (args.quiet or args.json))
    _print_report(report, args)
    return 0


def cmd_articles(args) -> int:
    if not Path(args.db).exists():
        print(f"newsloom: no store at {args.db}", file=sys.stderr)
        return 2
    with Store(args.db) as store:
        articles = store.articles([args.id] if args.id else None)
    if args.id and not articles:
        print(f"newsloom: no article {args.id!r} in {args.db}", file=sys.stderr)
        return 1
    records = [{**article_record(a), **({"raw_text": a.raw_text} if args.raw else {})} for a in articles]
    if args.json:
        print(json.dumps(records[0] if args.id else records, ensure_ascii=False, indent=2))
    elif args.id:
        _print_article(records[0])
    else:
        for r in records:
            print(f"{r['id']:<18} {r['published'] or '-':<25} {(r['outlet'] or '-')[:20]:<20} "
                  f"{shown_title(r['title'], r['text'])}")
    return 0


def _print_article(r: dict) -> None:
    for key in ("id", "title", "outlet", "published", "url", "source"):
        print(f"{key + ':':<11}{r[key] or '-'}")
    if credit := r["metadata"].get("credit"):
        print(f"credit:    {credit}")
    print()
    print(r["text"])
    if r["removed"]:
        print(f"\nremoved ({len(r['removed'])}):")
        for item in r["removed"]:
            print(f"  [{item['rule']}] {item['text']}")
    if "raw_text" in r:
        print("\n--- as read ---\n" + r["raw_text"])


def cmd_runs(args) -> int:
    with Store(args.db) as store:
        data = store.run_inputs(args.id) if args.id else store.runs()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.id:
        for row in data:
            print(f"{row['status']:<10} {row['source']}" + (f": {row['reason']}" if row["reason"] else ""))
    else:
        for row in data:
            counts = row["counts"] or {}
            print(f"run {row['id']:<4} {row['started_at']}  {row['status']:<12} "
                  + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def cmd_report(args) -> int:
    with Store(args.db) as store:
        outputs = write_reports(store, Path(args.out))
    for name, path in outputs.items():
        print(f"{name}: {path}")
    return 0


def cmd_analyze(args) -> int:
    from .analyse import Analyzer, ModelMissing
    from .model import Problem, content_hash
    from .pipeline import prepare
    from .read import read_inputs

    defaults = Defaults(published=args.published, outlet=args.outlet)
    items, meta, status = [], {}, 0
    for doc in read_inputs([args.input]):
        if isinstance(doc, Problem):
            print(f"newsloom: skipped {doc.source}: {doc.reason}", file=sys.stderr)
            status = 1
            continue
        if args.raw:
            article_id = doc.id or content_hash(doc.text, doc.outlet, doc.url)[:16]
            text, title = doc.text, doc.title
        else:
            article = prepare(doc, defaults)
            article_id, text, title = article.id, article.text, article.title
        meta[article_id] = {"title": title, "outlet": doc.outlet or args.outlet, "source": doc.source}
        items.append((article_id, text, doc.published or args.published))
    try:
        analyzer = Analyzer()
    except ModelMissing as err:
        print(f"newsloom: {err}", file=sys.stderr)
        return 2
    # One article from one file prints as one object; a JSON Lines file, feed or folder as lines.
    one_object = (len(items) == 1 and not Path(args.input).is_dir()
                  and not re.search(r"(:\d+|#\d+)$", meta[items[0][0]]["source"]))
    for result in analyzer.analyse_many(items, n_process=args.jobs):
        if isinstance(result, Problem):
            print(f"newsloom: {result.source}: {result.reason}", file=sys.stderr)
            status = 1
            continue
        record = {"id": result.id, **meta[result.id], **result.to_dict()}
        if args.format == "text":
            print(_analysis_text(record))
        elif one_object:
            print(json.dumps(record, ensure_ascii=False, indent=2))
        else:
            print(json.dumps(record, ensure_ascii=False))
    return status


def _analysis_text(r: dict) -> str:
    lines = [f"== {r['title'] or r['id']} ({r['id']}, published {r['published'] or 'unknown'})"]
    lines.append("entities:     " + "; ".join(sorted({f"{e['canonical']} [{e['label']}]" for e in r["entities"]})))
    for p in r["places"]:
        where = f"{p['lat']:.3f}, {p['lon']:.3f}" if p["lat"] is not None else "unresolved"
        lines.append(f"place:        {p['text']} -> {p['name'] or '?'} ({p['country'] or '?'}; {where}; {p['precision']})")
    for t in r["times"]:
        lines.append(f"time:         {t['text']} -> {t['resolved'] or 'unresolved'} ({t['granularity']})")
    for q in r["quantities"]:
        approx = "~" if q["approximate"] else ""
        lines.append(f"quantity:     {q['text']} -> {approx}{q['value']:g} {q['unit'] or ''}" if q["value"] is not None
                     else f"quantity:     {q['text']}")
    for a in r["attributions"]:
        lines.append(f"attribution:  {a['source'] or '(implicit)'} {a['cue']} [{a['kind']}]: {a['content'][:100]}")
    return "\n".join(lines) + "\n"


def _report_data(db: str):
    from .render import ReportData

    if not Path(db).exists():
        raise StoreError(f"no store at {db}")
    with Store(db) as store:
        return ReportData.from_store(store)


def cmd_stories(args) -> int:
    from .render.json import story_record

    data = _report_data(args.db)
    records = [story_record(story, data) for story in data.stories]
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    for r in records:
        dates = f"{r['first_seen'] or '?'}..{r['last_seen'] or '?'}"
        sources = len({data.labels.get(a["id"]) or a["id"] for a in r["articles"]})
        print(f"{r['id']:<14} {counted(len(r['articles']), 'report'):>11} {counted(sources, 'source'):>11}  "
              f"{dates:<22} {r['title'] or ''}")
    return 0


def cmd_story(args) -> int:
    from .render.json import story_record
    from .render.markdown import brief_lines

    data = _report_data(args.db)
    story = next((s for s in data.stories if s["id"] == args.id), None)
    if story is None:
        print(f"newsloom: no story {args.id!r} in {args.db}", file=sys.stderr)
        return 1
    record = story_record(story, data)
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return 0
    record = with_labels(record, data.labels)  # what a reader sees: a report without an outlet by its file
    print(f"{record['title'] or record['id']}\n{record['id']}: {len(record['articles'])} reports from "
          f"{', '.join(record['outlets'])}; {record['first_seen'] or '?'} to {record['last_seen'] or '?'}\n")
    text_of = {article.id: article.text for article in data.articles}
    for a in record["articles"]:
        notes = [f"copy of {a['duplicate_of']}"] if a["duplicate_of"] else []
        notes += [f"shares {o['share']:.0%} with {o['article']}" for o in a["overlaps"]]
        print(f"  {a['id']:<18} {(a['outlet'] or '?')[:22]:<22} {(a['published'] or '?')[:10]:<10} "
              f"{shown_title(a['title'], text_of.get(a['id']))}"
              + (f"  [{'; '.join(notes)}]" if notes else ""))
    brief = brief_lines(record, escape=str)
    if brief:
        print("\n" + "\n".join(f"  {line}" if line else "" for line in brief).rstrip())
    if record["attributions"]:
        print("\nwho said what:")
        for at in record["attributions"]:
            print(f"  {at['source'] or '(implicit)'} {at['cue']} ({at['outlet'] or '?'}): {at['content'][:110]}")
    return 0


COMMANDS = {"analyze": cmd_analyze, "stories": cmd_stories, "story": cmd_story, "run": cmd_run, "ingest": cmd_ingest, "articles": cmd_articles, "runs": cmd_runs, "report": cmd_report}

if __name__ == "__main__":
    sys.exit(main())
