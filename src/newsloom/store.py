"""The store: one SQLite file (WAL, foreign keys), a schema version and migrations.

Articles are keyed by a content hash, so reading the same input again adds
nothing. Every write goes through `transaction()`: a run killed midway leaves
the last committed batch and nothing half-written, and a re-run completes it.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from .model import Article, Removal

# Each entry upgrades the schema by one version; never edit a released entry, add one.
MIGRATIONS: list[str] = [
    # 1: runs, articles with their cleaning record, and what each run did with each input
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'interrupted', 'failed')),
        inputs TEXT NOT NULL,
        counts TEXT
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        format TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        url TEXT,
        published TEXT,
        lang TEXT,
        metadata TEXT NOT NULL DEFAULT '{}',
        raw_text TEXT NOT NULL,
        text TEXT NOT NULL,
        cleaner_version INTEGER NOT NULL,
        run_id INTEGER NOT NULL REFERENCES runs (id),
        added_at TEXT NOT NULL
    );
    CREATE TABLE removals (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        rule TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (article_id, seq)
    );
    CREATE TABLE run_inputs (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('added', 'unchanged', 'skipped')),
        reason TEXT,
        article_id TEXT REFERENCES articles (id) ON DELETE SET NULL
    );
    CREATE INDEX run_inputs_by_run ON run_inputs (run_id);
    CREATE INDEX articles_by_published ON articles (published);
    """,
    # 2: the analysis of each article (entities, places, times, quantities, attributions)
    """
    CREATE TABLE analyses (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        data TEXT NOT NULL
    );
    """,
    # 3: copies and partial copies, stories and their members, and the online stages' state
    """
    CREATE TABLE stage_state (
        name TEXT PRIMARY KEY,
        data TEXT NOT NULL
    );
    CREATE TABLE duplicates (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        duplicate_of TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
    );
    CREATE TABLE overlaps (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        other_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        share REAL NOT NULL,
        PRIMARY KEY (article_id, other_id)
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT,
        first_seen TEXT,
        last_seen TEXT,
        data TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE story_members (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        position INTEGER NOT NULL
    );
    CREATE INDEX story_members_by_story ON story_members (story_id, position);
    """,
    # 4: each story's comparison and brief, with the signature of what it was computed from
    """
    CREATE TABLE comparisons (
        story_id TEXT PRIMARY KEY,
        signature TEXT NOT NULL,
        data TEXT NOT NULL
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The store file cannot be used (not SQLite, written by a newer newsloom, ...)."""


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class Store:
    def __init__(self, path: str | Path = "newsloom.sqlite"):
        self.path = Path(path)
        if self.path.parent != Path(""):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 10000")
            self._migrate()
        except sqlite3.DatabaseError as err:
            self.conn.close()
            raise StoreError(f"{self.path}: not a newsloom store ({err})") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {version} is newer than this newsloom ({SCHEMA_VERSION})")
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction() as conn:
                for statement in MIGRATIONS[target - 1].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {target}")

    # runs

    def begin_run(self, inputs: list[str]) -> int:
        with self.transaction() as conn:
            # A run still marked 'running' was killed: say so, its committed batches stay.
            conn.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            cursor = conn.execute(
                "INSERT INTO runs (started_at, status, inputs) VALUES (?, 'running', ?)",
                (_now(), json.dumps(inputs)),
            )
            return cursor.lastrowid

    def finish_run(self, run_id: int, counts: dict[str, Any], status: str = "done") -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
                (_now(), status, json.dumps(counts), run_id),
            )

    def runs(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT * FROM runs ORDER BY id").fetchall()
        return [
            {**dict(row), "inputs": json.loads(row["inputs"]), "counts": json.loads(row["counts"] or "null")}
            for row in rows
        ]

    def run_inputs(self, run_id: int) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT * FROM run_inputs WHERE run_id = ? ORDER BY rowid", (run_id,))
        return [dict(row) for row in rows]

    # articles

    def add_article(self, conn: sqlite3.Connection, article: Article, run_id: int) -> tuple[str, str | None]:
        """Store one article inside the caller's transaction: ('added'|'unchanged'|'skipped', reason)."""
        if conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (article.content_hash,)).fetchone():
            return "unchanged", None
        clash = conn.execute("SELECT source FROM articles WHERE id = ?", (article.id,)).fetchone()
        if clash:
            return "skipped", f"id {article.id!r} is already used by a different article (from {clash['source']})"
        conn.execute(
            """INSERT INTO articles (id, content_hash, source, format, title, outlet, url, published,
                   lang, metadata, raw_text, text, cleaner_version, run_id, added_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (article.id, article.content_hash, article.source, article.format, article.title,
             article.outlet, article.url, article.published, article.lang,
             json.dumps(article.metadata, ensure_ascii=False, default=str), article.raw_text,
             article.text, article.cleaner_version, run_id, _now()),
        )
        conn.executemany(
            'INSERT INTO removals (article_id, seq, rule, text, start, "end") VALUES (?, ?, ?, ?, ?, ?)',
            [(article.id, seq, r.rule, r.text, r.start, r.end) for seq, r in enumerate(article.removed)],
        )
        return "added", None

    def record_input(self, conn: sqlite3.Connection, run_id: int, source: str, status: str,
                     reason: str | None = None, article_id: str | None = None) -> None:
        conn.execute(
            "INSERT INTO run_inputs (run_id, source, status, reason, article_id) VALUES (?, ?, ?, ?, ?)",
            (run_id, source, status, reason, article_id),
        )

    # analyses

    def articles_needing_analysis(self, version: int) -> list[tuple[str, str, str | None]]:
        """(id, cleaned text, published) of articles with no analysis of this version yet."""
        rows = self.conn.execute(
            """SELECT a.id, a.text, a.published FROM articles a
               LEFT JOIN analyses n ON n.article_id = a.id
               WHERE n.article_id IS NULL OR n.version != ? ORDER BY a.id""",
            (version,),
        )
        return [(row["id"], row["text"], row["published"]) for row in rows]

    def save_analysis(self, conn: sqlite3.Connection, article_id: str, version: int, data: dict) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO analyses (article_id, version, data) VALUES (?, ?, ?)",
            (article_id, version, json.dumps(data, ensure_ascii=False)),
        )

    def update_analysis(self, conn: sqlite3.Connection, article_id: str, data: dict) -> None:
        """New data for an analysis, keeping its version (a later stage refined it)."""
        conn.execute("UPDATE analyses SET data = ? WHERE article_id = ?",
                     (json.dumps(data, ensure_ascii=False), article_id))

    def analyses(self, ids: list[str] | None = None) -> dict[str, dict[str, Any]]:
        """Stored analyses by article id: all of them, or those of `ids`."""
        if ids is None:
            rows = self.conn.execute("SELECT article_id, data FROM analyses").fetchall()
        else:
            rows = []
            for start in range(0, len(ids), 500):  # SQLite caps bound parameters per statement
                chunk = ids[start:start + 500]
                rows += self.conn.execute(
                    f"SELECT article_id, data FROM analyses WHERE article_id IN ({','.join('?' * len(chunk))})",
                    chunk).fetchall()
        return {row["article_id"]: json.loads(row["data"]) for row in rows}

    def analysis_stamps(self) -> dict[str, tuple]:
        """(content hash, publication date, analysis version) per article: what an analysis was
        computed from, read without loading the analyses themselves."""
        rows = self.conn.execute("""SELECT a.id, a.content_hash, a.published, n.version FROM articles a
                                    LEFT JOIN analyses n ON n.article_id = a.id""")
        return {r["id"]: (r["content_hash"], r["published"], r["version"]) for r in rows}

    # online stages: their state, copies and stories

    def load_state(self, name: str) -> Any | None:
        row = self.conn.execute("SELECT data FROM stage_state WHERE name = ?", (name,)).fetchone()
        return json.loads(row["data"]) if row else None

    def save_state(self, conn: sqlite3.Connection, name: str, data: Any) -> None:
        conn.execute("INSERT OR REPLACE INTO stage_state (name, data) VALUES (?, ?)", (name, json.dumps(data)))

    def articles_without_story(self) -> list[Article]:
        """Articles no story holds yet, in publication order (undated last), then by id."""
        ids = [row["id"] for row in self.conn.execute(
            """SELECT a.id FROM articles a LEFT JOIN story_members m ON m.article_id = a.id
               WHERE m.article_id IS NULL ORDER BY a.published IS NULL, a.published, a.id""")]
        by_id = {a.id: a for a in self.articles(ids)} if ids else {}
        return [by_id[i] for i in ids]

    def replace_copies(self, conn: sqlite3.Connection, mapping: dict[str, str],
                       overlaps: list[tuple[str, str, float]]) -> None:
        conn.execute("DELETE FROM duplicates")
        conn.executemany("INSERT INTO duplicates (article_id, duplicate_of) VALUES (?, ?)", sorted(mapping.items()))
        conn.execute("DELETE FROM overlaps")
        conn.executemany("INSERT INTO overlaps (article_id, other_id, share) VALUES (?, ?, ?)", sorted(overlaps))

    def replace_stories(self, conn: sqlite3.Connection, stories: list[dict[str, Any]]) -> None:
        """Stories as dicts with id, title, first_seen, last_seen, members (ids in order) and extra data."""
        conn.execute("DELETE FROM story_members")
        conn.execute("DELETE FROM stories")
        for story in stories:
            extra = {k: v for k, v in story.items() if k not in ("id", "title", "first_seen", "last_seen", "members")}
            conn.execute("INSERT INTO stories (id, title, first_seen, last_seen, data) VALUES (?, ?, ?, ?, ?)",
                         (story["id"], story["title"], story["first_seen"], story["last_seen"],
                          json.dumps(extra, ensure_ascii=False)))
            conn.executemany("INSERT INTO story_members (article_id, story_id, position) VALUES (?, ?, ?)",
                             [(member, story["id"], i) for i, member in enumerate(story["members"])])

    def duplicates(self) -> dict[str, str]:
        return {row["article_id"]: row["duplicate_of"] for row in self.conn.execute("SELECT * FROM duplicates")}

    def overlaps(self) -> list[tuple[str, str, float]]:
        return [(r["article_id"], r["other_id"], r["share"]) for r in self.conn.execute(
            "SELECT * FROM overlaps ORDER BY article_id, other_id")]

    def stories(self) -> list[dict[str, Any]]:
        """Stories with their member ids in order, earliest first."""
        members: dict[str, list[str]] = {}
        for row in self.conn.execute("SELECT story_id, article_id FROM story_members ORDER BY story_id, position"):
            members.setdefault(row["story_id"], []).append(row["article_id"])
        rows = self.conn.execute("SELECT * FROM stories ORDER BY first_seen IS NULL, first_seen, id")
        return [{"id": r["id"], "title": r["title"], "first_seen": r["first_seen"], "last_seen": r["last_seen"],
                 "members": members.get(r["id"], []), **json.loads(r["data"])} for r in rows]

    def comparison_signatures(self) -> dict[str, str]:
        return {r["story_id"]: r["signature"] for r in self.conn.execute("SELECT story_id, signature FROM comparisons")}

    def save_comparison(self, conn: sqlite3.Connection, story_id: str, signature: str, data: dict) -> None:
        conn.execute("INSERT OR REPLACE INTO comparisons (story_id, signature, data) VALUES (?, ?, ?)",
                     (story_id, signature, json.dumps(data, ensure_ascii=False)))

    def comparisons(self) -> dict[str, dict[str, Any]]:
        """Each current story's comparison and brief (those of stories since merged away are left out)."""
        rows = self.conn.execute("SELECT c.story_id, c.data FROM comparisons c JOIN stories s ON s.id = c.story_id")
        return {r["story_id"]: json.loads(r["data"]) for r in rows}

    def article_id_for_hash(self, content_hash: str) -> str | None:
        row = self.conn.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return row["id"] if row else None

    def count_articles(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def articles(self, ids: list[str] | None = None) -> list[Article]:
        """Articles in publication order (undated last), then by id."""
        query = "SELECT * FROM articles"
        params: list[str] = []
        if ids is not None:
            query += f" WHERE id IN ({','.join('?' * len(ids))})"
            params = list(ids)
        query += " ORDER BY published IS NULL, published, id"
        rows = self.conn.execute(query, params).fetchall()
        removals = self._removals([row["id"] for row in rows])
        return [self._article(row, removals.get(row["id"], [])) for row in rows]

    def article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    def _removals(self, ids: list[str]) -> dict[str, list[Removal]]:
        out: dict[str, list[Removal]] = {}
        for start in range(0, len(ids), 500):  # SQLite caps bound parameters per statement
            chunk = ids[start:start + 500]
            rows = self.conn.execute(
                f'SELECT * FROM removals WHERE article_id IN ({",".join("?" * len(chunk))}) ORDER BY article_id, seq',
                chunk,
            )
            for row in rows:
                out.setdefault(row["article_id"], []).append(
                    Removal(rule=row["rule"], text=row["text"], start=row["start"], end=row["end"])
                )
        return out

    @staticmethod
    def _article(row: sqlite3.Row, removed: list[Removal]) -> Article:
        return Article(
            id=row["id"], content_hash=row["content_hash"], source=row["source"], format=row["format"],
            raw_text=row["raw_text"], text=row["text"], removed=removed, title=row["title"],
            outlet=row["outlet"], url=row["url"], published=row["published"], lang=row["lang"],
            metadata=json.loads(row["metadata"]), cleaner_version=row["cleaner_version"],
        )
