"""The store: schema and migrations, idempotent re-runs, and runs killed midway."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from newsloom import Defaults, Store, ingest
from newsloom.store import SCHEMA_VERSION, StoreError

BODY = "Officials in Gdansk said the port would reopen on Friday after the storm."


def _jsonl(path, n: int, start: int = 0) -> None:
    with open(path, "w") as handle:
        for i in range(start, start + n):
            handle.write(json.dumps({"id": f"n{i}", "text": f"Report {i}. {BODY}", "outlet": "Coastline Post"}) + "\n")


def test_new_store_has_current_schema_wal_and_foreign_keys(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_a_file_that_is_not_sqlite_is_refused_clearly(tmp_path):
    path = tmp_path / "s.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a newsloom store"):
        Store(path)


def test_rerun_adds_nothing_and_records_each_run(tmp_path):
    data = tmp_path / "in.jsonl"
    _jsonl(data, 30)
    with Store(tmp_path / "s.sqlite") as store:
        first = ingest([str(data)], store, progress=False)
        second = ingest([str(data)], store, progress=False)
        assert (first.added, first.unchanged) == (30, 0)
        assert (second.added, second.unchanged) == (0, 30)
        assert store.count_articles() == 30
        assert [r["status"] for r in store.runs()] == ["done", "done"]
        assert {row["status"] for row in store.run_inputs(second.run_id)} == {"unchanged"}


def test_same_text_from_two_outlets_is_two_articles(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text("\n".join(json.dumps({"id": f"w{i}", "text": BODY, "outlet": o})
                              for i, o in enumerate(["Northgate Daily", "Radio Meridian"])))
    with Store(tmp_path / "s.sqlite") as store:
        assert ingest([str(data)], store, progress=False).added == 2


def test_an_id_reused_for_different_text_is_skipped_with_reason(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "dup", "text": BODY}) + "\n" + json.dumps({"id": "dup", "text": BODY + " More."}))
    with Store(tmp_path / "s.sqlite") as store:
        report = ingest([str(data)], store, progress=False)
    assert report.added == 1
    [problem] = report.skipped
    assert problem.source.endswith("in.jsonl:2") and "already used" in problem.reason


def test_flags_fill_only_missing_metadata(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "a", "text": BODY, "published": "2026-03-10"}) + "\n"
                    + json.dumps({"id": "b", "text": BODY + " Again."}))
    with Store(tmp_path / "s.sqlite") as store:
        ingest([str(data)], store, Defaults(published="2026-03-12", outlet="Flag Outlet"), progress=False)
        found = {a.id: a for a in store.articles()}
    assert found["a"].published == "2026-03-10" and found["b"].published == "2026-03-12"
    assert found["a"].outlet == found["b"].outlet == "Flag Outlet"


def test_killed_run_leaves_a_consistent_store_and_a_rerun_completes_it(tmp_path):
    data, db = tmp_path / "big.jsonl", tmp_path / "s.sqlite"
    total = 6000
    _jsonl(data, total)
    cmd = [sys.executable, "-m", "newsloom", "ingest", str(data), "--db", str(db), "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
            if stored > 0:
                break
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.fail("the run finished before it could be killed; make the input larger")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    with Store(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        partial = store.count_articles()
        assert 0 < partial < total
        # every stored article is whole: text and its removals record
        assert store.conn.execute("SELECT COUNT(*) FROM articles WHERE text = ''").fetchone()[0] == 0
        report = ingest([str(data)], store, progress=False)
        assert (report.added, report.unchanged) == (total - partial, partial)
        assert store.count_articles() == total
        statuses = [r["status"] for r in store.runs()]
    assert statuses == ["interrupted", "done"]
