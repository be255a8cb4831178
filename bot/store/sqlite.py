"""The embedded default store: one SQLite file, WAL, FTS5 search.

Every call runs on one dedicated worker thread that owns the connection, so the
event loop never blocks and a transaction (dedup check + insert + index rows) is
one uninterrupted function: no other coroutine can interleave a statement, and
cancelling the awaiting coroutine never leaves half an article behind.
"""

from __future__ import annotations

import asyncio
import builtins
import json
import os
import re
import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from bot.store.base import (
    AddResult,
    ArticleHeader,
    NewArticle,
    StoreBusy,
    StoredArticle,
    StoreError,
)
from bot.store.fingerprint import (
    NEAR_DUPLICATE,
    REASON_SAME_TEXT,
    REASON_SAME_TITLE_DATE,
    Fingerprint,
    near_reason,
    shingles,
    similarity,
)
from summarizer import Analysis

T = TypeVar("T")

BUSY_TIMEOUT = 10.0
"""Seconds a statement waits for another process's lock before giving up."""
HANDLED_UPDATES_KEPT = 5_000
"""How many handled Telegram update ids :meth:`SQLiteStore.claim_update` remembers."""
_PRUNE_EVERY = 100

# Forward migrations: MIGRATIONS[n] takes a database from user_version n to n + 1.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT,
            published TEXT,
            source TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE,
            title_key TEXT UNIQUE,
            text TEXT NOT NULL,
            added_by INTEGER,
            added_at TEXT NOT NULL,
            analysis TEXT NOT NULL,
            analysis_version INTEGER NOT NULL
        )""",
        # MinHash LSH keys of each article: candidates for the near-duplicate check.
        """CREATE TABLE article_keys (
            key INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (key, article_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX article_keys_article ON article_keys(article_id)",
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2'
        )""",
        """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END""",
        """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.id, old.title, old.text);
        END""",
        """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END""",
    ),
    (
        # Telegram update ids already handled, so a re-delivered update is not answered twice
        # (after a restart, or by another replica sharing the database).
        """CREATE TABLE handled_updates (
            update_id INTEGER PRIMARY KEY,
            handled_at TEXT NOT NULL
        )""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
#: Start-up reads every page of a database up to this size to find damage (~0.1 s per 20 MB).
DEEP_CHECK_MAX_BYTES = 32 * 1024 * 1024

# Title matches weigh more than body matches in the ranking.
_TITLE_WEIGHT = 5.0
_BODY_WEIGHT = 1.0
_QUERY_WORD = re.compile(r"\w+")
_HEADER_COLUMNS = "a.id, a.title, a.published, a.source, a.added_at"
_ARTICLE_COLUMNS = "id, title, published, source, content_hash, text, added_by, added_at, analysis"


def encode_analysis(analysis: Analysis, text: str) -> str:
    """JSON of ``analysis``; its paragraphs are left out when ``text`` splits back into them.

    The body is then stored once (in ``text``) instead of twice: a fifth of the file.
    """
    data = analysis.to_dict()
    if text.split("\n\n") == data["article"]["paragraphs"]:
        data["article"]["paragraphs"] = None
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode_analysis(raw: str, text: str) -> Analysis:
    data = json.loads(raw)
    if data["article"].get("paragraphs") is None:
        data["article"]["paragraphs"] = text.split("\n\n")
    return Analysis.from_dict(data)


def _header(row: Sequence[Any]) -> ArticleHeader:
    return ArticleHeader(
        id=int(row[0]),
        title=row[1],
        published=date.fromisoformat(row[2]) if row[2] else None,
        source=str(row[3]),
        added_at=datetime.fromisoformat(row[4]),
    )


def _stored(row: Sequence[Any]) -> StoredArticle:
    return StoredArticle(
        id=int(row[0]),
        title=row[1],
        published=date.fromisoformat(row[2]) if row[2] else None,
        source=str(row[3]),
        content_hash=str(row[4]),
        text=str(row[5]),
        added_by=row[6],
        added_at=datetime.fromisoformat(row[7]),
        analysis=decode_analysis(row[8], str(row[5])),
    )


def fts_query(query: str, *, any_word: bool = False) -> str | None:
    """A safe FTS5 query from user input: each word quoted, so no operator can slip in."""
    words = _QUERY_WORD.findall(query)
    if not words:
        return None
    return (" OR " if any_word else " ").join(f'"{word}"' for word in words)


class SQLiteStore:
    """:class:`~bot.store.base.ArticleStore` on one SQLite file (or ``":memory:"``)."""

    def __init__(
        self,
        path: str | Path,
        *,
        busy_timeout: float = BUSY_TIMEOUT,
        keep_updates: int = HANDLED_UPDATES_KEPT,
        deep_check_max_bytes: int = DEEP_CHECK_MAX_BYTES,
    ) -> None:
        self.path = str(path)
        self.deep_check_max_bytes = deep_check_max_bytes
        self.busy_timeout = busy_timeout
        self.keep_updates = keep_updates
        self._conn: sqlite3.Connection | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._claims = 0

    # -- plumbing ---------------------------------------------------------------------------

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._executor is None or self._conn is None:
            raise StoreError("The article store is not open: call `await store.open()` first.")
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)
        except sqlite3.OperationalError as e:
            if _is_busy(e):
                raise StoreBusy(
                    f"The database is busy (locked by another process for more than "
                    f"{self.busy_timeout:g} s): try again in a moment."
                ) from e
            raise

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("The article store is not open: call `await store.open()` first.")
        return self._conn

    async def __aenter__(self) -> Self:
        await self.open()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def open(self) -> None:
        if self._conn is not None:
            return
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsbrief-sqlite")
        try:
            self._conn = await asyncio.get_running_loop().run_in_executor(
                self._executor, self._connect
            )
        except BaseException:
            self._executor.shutdown(wait=False)
            self._executor = None
            raise

    def _connect(self) -> sqlite3.Connection:
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.is_dir():
                raise StoreError(
                    f"The folder {parent} for the database does not exist: create it or "
                    "point DATABASE_URL at another path."
                )
        try:
            conn = sqlite3.connect(
                self.path,
                isolation_level=None,
                check_same_thread=False,
                timeout=self.busy_timeout,
            )
        except sqlite3.Error as e:
            raise StoreError(
                f"Cannot open the database {self.path}: {e}. Check the path and its permissions."
            ) from e
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                # Before anything is written: a damaged file is reported, never "repaired".
                self._check_sound(conn)
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise StoreError(
                        f"The database {self.path} cannot use write-ahead logging (got {mode}): "
                        "put it on a local disk."
                    )
            conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate(conn)
        except sqlite3.OperationalError as e:
            conn.close()
            if _is_busy(e):
                raise StoreError(
                    f"The database {self.path} stayed locked by another process for "
                    f"{self.busy_timeout:g} s: stop the other process or try again."
                ) from e
            raise StoreError(
                f"Cannot use the database {self.path} ({e}): check the path and its permissions."
            ) from e
        except sqlite3.DatabaseError as e:
            conn.close()
            raise StoreError(
                f"{self.path} is not a usable newsbrief database ({e}): point DATABASE_URL at "
                "another file, or move this one away to start afresh."
            ) from e
        except BaseException:
            conn.close()
            raise
        return conn

    def _check_sound(self, conn: sqlite3.Connection) -> None:
        """Refuse a file SQLite can read but finds damaged.

        ``PRAGMA quick_check`` reads every page, so it runs on databases up to
        ``deep_check_max_bytes``; larger ones get the checks that cost nothing: the
        header's page count against the file's size (a truncated copy) and the schema.
        """
        try:
            size = os.path.getsize(self.path)
        except OSError:
            size = 0
        if size > self.deep_check_max_bytes:
            page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
            pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if pages * page_size > size:
                raise StoreError(
                    f"{self.path} is damaged (the file is shorter than its header says): "
                    "restore it from a backup, or move it away to start afresh. "
                    "The file was left as it is."
                )
            return
        problems = [str(row[0]) for row in conn.execute("PRAGMA quick_check(1)") if row[0] != "ok"]
        if problems:
            problem = " ".join(problems[0].replace("*** in database main ***", "").split())
            raise StoreError(
                f"{self.path} is damaged ({problem}): restore it from a backup, or move it "
                "away to start afresh. The file was left as it is."
            )

    @staticmethod
    def _migrate(conn: sqlite3.Connection) -> None:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"The database has schema version {version}, newer than this newsbrief "
                f"understands ({SCHEMA_VERSION}): upgrade newsbrief."
            )
        while version < SCHEMA_VERSION:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have migrated while we waited for the lock.
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if version < SCHEMA_VERSION:
                    for statement in MIGRATIONS[version]:
                        conn.execute(statement)
                    version += 1
                    conn.execute(f"PRAGMA user_version = {version}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    async def close(self) -> None:
        if self._conn is None or self._executor is None:
            return
        conn, executor = self._conn, self._executor
        self._conn = None
        try:
            await asyncio.get_running_loop().run_in_executor(executor, self._shutdown, conn)
        finally:
            executor.shutdown(wait=True)
            self._executor = None

    @staticmethod
    def _shutdown(conn: sqlite3.Connection) -> None:
        try:
            conn.execute("PRAGMA optimize")
        finally:
            conn.close()

    async def schema_version(self) -> int:
        def run() -> int:
            return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

        return await self._run(run)

    # -- writes -----------------------------------------------------------------------------

    async def add(self, article: NewArticle) -> AddResult:
        return await self._run(self._add, article)

    def _add(self, article: NewArticle) -> AddResult:
        conn = self.conn
        parsed = article.analysis.article
        fingerprint = Fingerprint.of(article.text, parsed.title, parsed.published)
        analysis_json = encode_analysis(article.analysis, article.text)
        conn.execute("BEGIN IMMEDIATE")
        try:
            duplicate = self._find_duplicate(conn, fingerprint)
            if duplicate is not None:
                conn.execute("ROLLBACK")
                return duplicate
            cursor = conn.execute(
                "INSERT INTO articles (title, published, source, content_hash, title_key, text,"
                " added_by, added_at, analysis, analysis_version)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    parsed.title,
                    parsed.published.isoformat() if parsed.published else None,
                    article.source,
                    fingerprint.content_hash,
                    fingerprint.title_key,
                    article.text,
                    article.added_by,
                    datetime.now(UTC).isoformat(),
                    analysis_json,
                    article.analysis.version,
                ),
            )
            article_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT OR IGNORE INTO article_keys (key, article_id) VALUES (?, ?)",
                [(key, article_id) for key in fingerprint.band_keys],
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return AddResult(article_id, True)

    async def remove(self, article_id: int) -> bool:
        def run() -> bool:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("DELETE FROM article_keys WHERE article_id = ?", (article_id,))
                deleted = conn.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return deleted > 0

        return await self._run(run)

    async def replace_analysis(self, article_id: int, analysis: Analysis) -> bool:
        def run() -> bool:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                row = conn.execute(
                    "SELECT text FROM articles WHERE id = ?", (article_id,)
                ).fetchone()
                if row is not None:
                    conn.execute(
                        "UPDATE articles SET analysis = ?, analysis_version = ? WHERE id = ?",
                        (encode_analysis(analysis, str(row[0])), analysis.version, article_id),
                    )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return row is not None

        return await self._run(run)

    async def claim_update(self, update_id: int) -> bool:
        """Record ``update_id`` as handled; False when it already was (a re-delivery).

        Only the newest ``keep_updates`` ids (and up to 100 more) are remembered:
        Telegram's ids only grow, and it re-delivers only the last unconfirmed ones.
        """

        def run() -> bool:
            conn = self.conn
            cursor = conn.execute(
                "INSERT OR IGNORE INTO handled_updates (update_id, handled_at) VALUES (?, ?)",
                (update_id, datetime.now(UTC).isoformat()),
            )
            claimed = cursor.rowcount > 0
            self._claims += 1
            if claimed and self._claims % _PRUNE_EVERY == 0:
                conn.execute(
                    "DELETE FROM handled_updates WHERE update_id <= (SELECT update_id FROM"
                    " handled_updates ORDER BY update_id DESC LIMIT 1 OFFSET ?)",
                    (self.keep_updates,),
                )
            return claimed

        return await self._run(run)

    # -- duplicates -------------------------------------------------------------------------

    async def find_duplicate(
        self, text: str, title: str | None, published: date | None
    ) -> AddResult | None:
        def run() -> AddResult | None:
            return self._find_duplicate(self.conn, Fingerprint.of(text, title, published))

        return await self._run(run)

    @staticmethod
    def _find_duplicate(conn: sqlite3.Connection, fp: Fingerprint) -> AddResult | None:
        row = conn.execute(
            "SELECT id FROM articles WHERE content_hash = ?", (fp.content_hash,)
        ).fetchone()
        if row is not None:
            return AddResult(int(row[0]), False, REASON_SAME_TEXT)
        if fp.title_key is not None:
            row = conn.execute(
                "SELECT id FROM articles WHERE title_key = ?", (fp.title_key,)
            ).fetchone()
            if row is not None:
                return AddResult(int(row[0]), False, REASON_SAME_TITLE_DATE)
        if not fp.band_keys:
            return None
        marks = ",".join("?" * len(fp.band_keys))
        candidates = conn.execute(
            f"SELECT a.id, a.text FROM articles a WHERE a.id IN"
            f" (SELECT DISTINCT article_id FROM article_keys WHERE key IN ({marks}))"
            " ORDER BY a.id",
            fp.band_keys,
        ).fetchall()
        best: tuple[float, int] | None = None
        for candidate_id, candidate_text in candidates:
            score = similarity(fp.shingles, shingles(candidate_text))
            if score >= NEAR_DUPLICATE and (best is None or score > best[0]):
                best = (score, int(candidate_id))
        if best is None:
            return None
        return AddResult(best[1], False, near_reason(best[0]))

    # -- reads ------------------------------------------------------------------------------

    async def get(self, article_id: int) -> StoredArticle | None:
        def run() -> StoredArticle | None:
            row = self.conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            return _stored(row) if row else None

        return await self._run(run)

    async def latest(self) -> StoredArticle | None:
        def run() -> StoredArticle | None:
            row = self.conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY id DESC LIMIT 1"
            ).fetchone()
            return _stored(row) if row else None

        return await self._run(run)

    async def list(self, *, limit: int = 10, offset: int = 0) -> list[ArticleHeader]:
        def run() -> list[ArticleHeader]:
            rows = self.conn.execute(
                f"SELECT {_HEADER_COLUMNS} FROM articles a ORDER BY a.id DESC LIMIT ? OFFSET ?",
                (max(limit, 0), max(offset, 0)),
            ).fetchall()
            return [_header(row) for row in rows]

        return await self._run(run)

    async def count(self) -> int:
        def run() -> int:
            return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

        return await self._run(run)

    async def search(self, query: str, *, limit: int = 10) -> builtins.list[ArticleHeader]:
        """Every word must match (stemmed); if nothing does, any word may."""

        def run() -> list[ArticleHeader]:
            for any_word in (False, True):
                match = fts_query(query, any_word=any_word)
                if match is None:
                    return []
                rows = self.conn.execute(
                    f"SELECT {_HEADER_COLUMNS} FROM articles_fts"
                    " JOIN articles a ON a.id = articles_fts.rowid"
                    " WHERE articles_fts MATCH ?"
                    f" ORDER BY bm25(articles_fts, {_TITLE_WEIGHT}, {_BODY_WEIGHT}), a.id DESC"
                    " LIMIT ?",
                    (match, max(limit, 0)),
                ).fetchall()
                if rows:
                    return [_header(row) for row in rows]
            return []

        return await self._run(run)

    async def integrity_check(self) -> builtins.list[str]:
        """SQLite's own check plus the FTS index's; ``[]`` when everything is sound."""

        def run() -> list[str]:
            problems = [
                str(row[0])
                for row in self.conn.execute("PRAGMA integrity_check").fetchall()
                if row[0] != "ok"
            ]
            try:
                self.conn.execute(
                    "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')"
                )
            except sqlite3.DatabaseError as e:
                problems.append(f"full-text index: {e}")
            return problems

        return await self._run(run)


def _is_busy(error: sqlite3.OperationalError) -> bool:
    """SQLite gave up waiting for another connection's lock."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return bool((code & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED))
    text = str(error).lower()
    return "locked" in text or "busy" in text
