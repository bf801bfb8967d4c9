"""Reading + cleaning throughput of newsloom, one process.

(a) HTML: the 117 pages of ../shared/data/html/pages through newsloom's reader
    (newsloom.read.read_source, which picks the HTML reader) and the cleaner
    (newsloom.pipeline.prepare), side by side in the same run with
    trafilatura.extract(html) with default settings on the same bytes; pages/s of
    both and their ratio (ours / trafilatura). Pages are loaded into memory
    first, so disk reads are timed for neither.
(b) Text: the texts of ../shared/data/ecbplus/articles.jsonl and
    ../shared/data/allsides/articles.jsonl through the JSON Lines reader and the
    cleaner; articles/s.

Each measurement is warmed up once (one full pass, untimed), then timed once.

Usage: python bench/read_clean.py
"""
from __future__ import annotations

import sys

import common  # noqa: F401  (sets sys.path for newsloom)
from common import data_dir, report, row, timed


def newsloom_pass(sources) -> int:
    """Read and clean every source; returns the number of articles."""
    from newsloom.model import Problem
    from newsloom.pipeline import prepare
    from newsloom.read import read_source

    articles = 0
    for source in sources():
        for item in read_source(source):
            if not isinstance(item, Problem):
                prepare(item)
                articles += 1
    return articles


def trafilatura_pass(pages: list[tuple[str, bytes]]) -> int:
    import trafilatura

    return sum(1 for _, data in pages if trafilatura.extract(data))


def warm_then_time(fn):
    fn()
    with timed() as timing:
        count = fn()
    return count, timing


def main() -> None:
    from newsloom.read.source import Source

    html_dir = data_dir("html", "pages")
    pages = [(p.name, p.read_bytes()) for p in sorted(html_dir.glob("*.html"))]
    html_sources = lambda: (Source(name=name, data=data) for name, data in pages)  # noqa: E731

    traf_n, traf_t = warm_then_time(lambda: trafilatura_pass(pages))
    ours_n, ours_t = warm_then_time(lambda: newsloom_pass(html_sources))
    traf_rate = len(pages) / traf_t.seconds
    ours_rate = len(pages) / ours_t.seconds
    print(f"HTML, {len(pages)} pages ({sum(len(d) for _, d in pages) / 1e6:.1f} MB)")
    print(f"  trafilatura.extract (defaults): {traf_t.seconds:.2f} s, {traf_rate:.1f} pages/s "
          f"({traf_n} with text)")
    print(f"  newsloom read + clean:          {ours_t.seconds:.2f} s, {ours_rate:.1f} pages/s "
          f"({ours_n} articles), ratio {ours_rate / traf_rate:.2f}x; peak RSS {ours_t.peak_rss_mb:.0f} MB")

    figures = {
        "html": {"pages": len(pages), "trafilatura_seconds": traf_t.seconds, "trafilatura_pages_per_s": traf_rate,
                 "trafilatura_pages_with_text": traf_n, "newsloom_seconds": ours_t.seconds,
                 "newsloom_pages_per_s": ours_rate, "newsloom_articles": ours_n,
                 "ratio": ours_rate / traf_rate},
    }
    rows = [row("read+clean HTML (117 pages)", "pages/s", round(ours_rate, 1), round(traf_rate, 1),
                ratio=ours_rate / traf_rate)]

    for name in ("ecbplus", "allsides"):
        path = data_dir(name, "articles.jsonl")
        sources = lambda path=path: [Source(name=str(path), path=path)]  # noqa: E731
        count, timing = warm_then_time(lambda: newsloom_pass(sources))
        rate = count / timing.seconds
        print(f"{name}: {count} articles ({path.stat().st_size / 1e6:.1f} MB) in {timing.seconds:.2f} s, "
              f"{rate:,.0f} articles/s")
        figures[name] = {"articles": count, "seconds": timing.seconds, "articles_per_s": rate}
        rows.append(row(f"read+clean JSONL ({name}, {count} texts)", "articles/s", round(rate)))
    figures["peak_rss_mb"] = ours_t.peak_rss_mb

    report("read_clean", figures, rows)


if __name__ == "__main__":
    sys.exit(main())
