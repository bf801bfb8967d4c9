"""Bad input: a folder of real bad files (tests/bad_inputs.py) read in one run beside good ones.

Each bad input is one line in the run report naming the file and the problem,
the run goes on, every good article (and every good part of a partly bad file)
is stored, nothing stored before is lost, and a re-run adds nothing.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

import newsloom
from newsloom import Store, ingest
from newsloom.model import Document
from newsloom.render.data import counted
from newsloom.read import read_inputs, read_source
from newsloom.read.source import Source

from . import bad_inputs
from .bad_inputs import ENCODED, Built, build


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Built:
    built = build(tmp_path_factory.mktemp("inputs") / "news")
    yield built
    bad_inputs.unlock(built.root / "unreadable")


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging (a pipe with no writer blocks whoever opens it)."""
    def expire(signum, frame):
        raise TimeoutError(f"the run took more than {seconds} s: something blocked")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_ingest(built: Built, db: Path):
    with deadline(120), Store(db) as store:
        report = ingest(built.inputs(), store, progress=False)
        articles = store.articles()
    return report, articles


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsloom", *args], capture_output=True, text=True, timeout=600)


def test_one_run_reports_every_bad_input_and_stores_every_good_article(folder, tmp_path):
    report, articles = run_ingest(folder, tmp_path / "db.sqlite")

    skipped = {folder.rel(p.source): p.reason for p in report.skipped}
    assert sorted(skipped) == sorted(folder.bad), "every bad input, and nothing else, is skipped"
    assert len(report.skipped) == len(skipped), "one line per bad input"
    for source, words in folder.bad.items():
        for word in words:
            assert word.lower() in skipped[source].lower(), f"{source}: {skipped[source]!r} should say {word!r}"
    # The report names each file by the path it was given as (or found under).
    for problem in report.skipped:
        assert problem.source.startswith(str(folder.root) + os.sep) or problem.source == str(folder.missing)

    stored = {folder.rel(a.source): a for a in articles}
    assert sorted(stored) == sorted(folder.stored), "every good article, and nothing else, is stored"
    for source, (title, piece) in folder.stored.items():
        assert title is None or stored[source].title == title, source
        assert piece in stored[source].text, source
    assert report.added == report.stored_total == len(folder.stored)
    # Partly bad files keep their good parts, and only those.
    assert {s for s in stored if s.startswith("partial/")} == {
        "partial/mixed.jsonl:1", "partial/mixed.jsonl:7", "partial/array-first.jsonl:2",
        "partial/truncated.warc.gz#0", "partial/truncated.warc.gz#1", "partial/broken-feed.rss#0"}
    assert not any("third page" in a.raw_text or "cut short" in a.raw_text for a in articles)


def test_every_reason_is_one_clear_line(folder, tmp_path):
    report, _ = run_ingest(folder, tmp_path / "db.sqlite")
    assert report.skipped
    for problem in report.skipped:
        reason = problem.reason
        assert reason.strip() == reason and reason, problem
        assert "\n" not in reason and "\r" not in reason, problem
        assert "Traceback" not in reason and 'File "' not in reason, problem
        assert "unexpected error" not in reason, f"a reader crashed instead of explaining: {problem}"
        assert len(reason) < 200, problem


def test_encodings_read_back_exactly(folder, tmp_path):
    found = [d for d in read_inputs([str(folder.root / "encodings")]) if isinstance(d, Document)]
    texts = {folder.rel(d.source): d.text for d in found}
    assert texts == {name: text for name, (_, text) in ENCODED.items()}
    for name, needles in {
        "encodings/latin1.txt": ("café", "Besançon", "naïve", "garçon", "£300", "«much love»", "Noël"),
        "encodings/cp1252.txt": ("“We’re not naïve,”", "café", "—", "€4", "stays…", "‘Prices rise in spring,’"),
        "encodings/utf16-bom.txt": ("façade", "Noël", "Genève", "“ochre”", "€4,000"),
        "encodings/utf16le-nobom.txt": ("naïve café", "Málaga", "crème brûlée"),
        "encodings/utf16be-nobom.txt": ("Zürich", "façade", "café"),
        "encodings/utf8-bom.txt": ("“naïve”", "crème brûlée", "mayor’s", "€12"),
    }.items():
        for needle in needles:
            assert needle in texts[name], (name, needle)
    assert not texts["encodings/utf8-bom.txt"].startswith("\ufeff")
    # And so they are stored.
    _, articles = run_ingest(folder, tmp_path / "db.sqlite")
    stored = {folder.rel(a.source): a.raw_text for a in articles}
    for name, (_, text) in ENCODED.items():
        assert stored[name] == text


def test_a_rerun_adds_nothing_and_duplicates_nothing(folder, tmp_path):
    db = tmp_path / "db.sqlite"
    first, articles = run_ingest(folder, db)
    again, articles_again = run_ingest(folder, db)
    assert again.added == 0
    assert again.unchanged == first.added == len(folder.stored)
    assert [(p.source, p.reason) for p in again.skipped] == [(p.source, p.reason) for p in first.skipped]
    assert again.stored_total == first.stored_total == len(articles_again)
    assert [a.content_hash for a in articles_again] == [a.content_hash for a in articles]
    with Store(db) as store:
        conn = store.conn
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == len(folder.stored)
        assert conn.execute("SELECT content_hash FROM articles GROUP BY content_hash HAVING COUNT(*) > 1").fetchall() == []
        assert conn.execute("SELECT source FROM articles GROUP BY source HAVING COUNT(*) > 1").fetchall() == []
        assert [r["status"] for r in store.runs()] == ["done", "done"]


def test_nothing_stored_before_is_lost(folder, tmp_path):
    earlier = tmp_path / "earlier.jsonl"
    earlier.write_text("".join(json.dumps({
        "id": f"e-{i}", "title": f"Earlier story {i}", "outlet": "Coastline Post",
        "text": f"Earlier story {i}: the harbour master said berth {i} would be dredged in April."}) + "\n"
        for i in range(3)))
    db = tmp_path / "db.sqlite"
    with Store(db) as store:
        before = ingest([str(earlier), str(folder.root / "good")], store, progress=False)
        kept = {a.id: (a.content_hash, a.text, a.title) for a in store.articles()}
    assert before.added == len(kept) == 3 + 7 and before.skipped == []

    report, articles = run_ingest(folder, db)
    now = {a.id: (a.content_hash, a.text, a.title) for a in articles}
    for article_id, row in kept.items():
        assert now[article_id] == row, f"{article_id} changed or was lost"
    assert report.unchanged == 7  # the good/ folder, read again
    assert report.added == len(folder.stored) - 7
    assert len(now) == report.stored_total == len(kept) + report.added


def test_the_fifty_megabyte_file_is_refused_by_its_size_before_decoding(folder, monkeypatch):
    def no_decoding(data):
        raise AssertionError(f"decoded {len(data)} bytes of a file that is too large")

    monkeypatch.setattr("newsloom.read.text.decode", no_decoding)
    huge = folder.root / "bad/huge.txt"
    assert huge.stat().st_size == 50_000_000
    [problem] = list(read_source(Source(name=str(huge), path=huge)))
    assert problem.reason.startswith("file too large for a single article (50.0 MB > 20 MB limit")


@pytest.mark.parametrize("command", ["ingest", "run"])
def test_cli_reports_each_skipped_input_and_exits_0(folder, tmp_path, command):
    db, out = tmp_path / "db.sqlite", tmp_path / "out"
    extra = ["--out", str(out)] if command == "run" else []
    first = cli(command, *folder.inputs(), "--db", str(db), *extra)
    assert first.returncode == 0, first.stderr[-2000:]
    lines = first.stdout.splitlines()
    assert lines[0].startswith("run 1:")
    assert f"{counted(len(folder.stored), 'article')} added" in lines[0] and f"{len(folder.bad)} skipped" in lines[0]
    shown = [line for line in lines if line.startswith("  skipped ")]
    assert len(shown) == 15 and f"  ... and {len(folder.bad) - 15} more (see --json)" in lines

    again = cli(command, *folder.inputs(), "--db", str(db), *extra, "--json")
    assert again.returncode == 0, again.stderr[-2000:]
    report = json.loads(again.stdout)
    assert report["added"] == 0 and report["unchanged"] == len(folder.stored)
    listed = report["skipped_inputs"]
    assert sorted(folder.rel(p["source"]) for p in listed) == sorted(folder.bad)
    # The summary's lines are the JSON list's first entries, word for word.
    assert shown == [f"  skipped {p['source']}: {p['reason']}" for p in listed[:15]]

    articles = json.loads(cli("articles", "--db", str(db), "--json").stdout)
    assert len(articles) == len(folder.stored)
    assert {a["title"] for a in articles} >= {t for t, _ in folder.stored.values() if t}


def test_a_pipe_named_on_the_command_line_is_read_once(tmp_path):
    """`newsloom ingest <(zcat story.gz)`: a pipe can be read only once, so it is buffered."""
    pipe = tmp_path / "story.txt"
    os.mkfifo(pipe)
    text = "The tide gauge at Cascais recorded its highest reading since 1978 on Thursday night. " * 200

    def write() -> None:
        with open(pipe, "w") as handle:
            handle.write(text)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    result = subprocess.run([sys.executable, "-m", "newsloom", "ingest", str(pipe), "--db",
                             str(tmp_path / "db.sqlite"), "--json"], capture_output=True, text=True, timeout=60)
    writer.join(timeout=10)
    report = json.loads(result.stdout)
    assert (report["added"], report["skipped"]) == (1, 0), report


def test_permission_denied_as_an_unprivileged_user():
    """chmod 000 stops no root process; as root, run the CLI as 'nobody' over locked files."""
    if os.geteuid() != 0:
        pytest.skip("not root: the locked file and folder are in the main bad-input folder")
    work = Path(tempfile.mkdtemp(prefix="newsloom-nobody-"))
    try:
        work.chmod(0o755)
        (work / "news").mkdir()
        (work / "news/open.txt").write_text("The ferry to Troia runs every hour from Setúbal, the operator said.")
        bad_inputs.make_locked(work / "news")
        (work / "db").mkdir(mode=0o777)
        (work / "db").chmod(0o777)
        for path in (work / "news", work / "news/open.txt"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        # The child runs in `work`: the paths it imports from must not be relative to here.
        paths = [str(Path(newsloom.__file__).parents[1])] + os.environ.get("PYTHONPATH", "").split(os.pathsep)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(os.path.abspath(p) for p in paths if p)}
        try:
            probe = subprocess.run([sys.executable, "-c", "import newsloom"], user=65534, group=65534,
                                   capture_output=True, text=True, cwd=work, env=env, timeout=60)
        except PermissionError:
            probe = None
        if probe is None or probe.returncode != 0:
            pytest.skip(f"running as root, and user 'nobody' cannot run {sys.executable} with newsloom "
                        "(a private interpreter); the permission-denied cases run for any non-root user")
        result = subprocess.run([sys.executable, "-m", "newsloom", "ingest", str(work / "news"),
                                 "--db", str(work / "db/db.sqlite"), "--json"],
                                user=65534, group=65534, capture_output=True, text=True, cwd=work, env=env,
                                timeout=120)
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        reasons = {Path(p["source"]).name: p["reason"] for p in report["skipped_inputs"]}
        assert reasons == {"locked.txt": "permission denied",
                           "locked-folder": "cannot list folder: Permission denied"}
        assert report["added"] == 1
    finally:
        bad_inputs.unlock(work / "news")
        shutil.rmtree(work, ignore_errors=True)


@pytest.mark.parametrize("page", [
    "<!doctype html><html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> "
    "<a href='/w'>World</a></nav><footer>(c) 2026</footer></body></html>",
    "<!doctype html><html><head><title>Loading</title><script>window.location='/app';</script></head>"
    "<body><div id='root'></div><noscript>Enable JavaScript</noscript></body></html>",
], ids=["navigation-only", "script-only"])
def test_a_page_without_an_article_is_refused(tmp_path, page):
    path = tmp_path / "page.html"
    path.write_text(page)
    with Store(tmp_path / "db.sqlite") as store:
        report = ingest([str(path)], store, progress=False)
    assert report.added == 0 and "no main text" in report.skipped[0].reason
