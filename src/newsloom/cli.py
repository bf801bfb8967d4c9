"""The command line: `newsloom run | ingest | articles | runs`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .pipeline import Defaults, ingest, run
from .read import DEFAULT_MAX_BYTES, Options
from .read.meta import normalize_date
from .render import write_reports
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

    p_runs = commands.add_parser("runs", help="list past runs and what they did",
                                 description="List runs with their counts, or one run's inputs.")
    p_runs.add_argument("id", nargs="?", type=int, help="show this run's inputs")
    _add_store(p_runs)
    p_runs.add_argument("--json", action="store_true", help="print JSON")

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
                 progress=not (args.quiet or args.json))
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
            print(f"{r['id']:<18} {r['published'] or '-':<25} {(r['outlet'] or '-')[:20]:<20} {r['title'] or ''}")
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


COMMANDS = {"run": cmd_run, "ingest": cmd_ingest, "articles": cmd_articles, "runs": cmd_runs, "report": cmd_report}

if __name__ == "__main__":
    sys.exit(main())
