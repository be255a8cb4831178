"""The article store, chosen by ``DATABASE_URL``.

``open_store`` only builds the store; ``await store.open()`` (or ``async with``)
connects and migrates the schema.
"""

from __future__ import annotations

from urllib.parse import unquote

from bot.store.base import (
    AddResult,
    ArticleHeader,
    ArticleStore,
    NewArticle,
    StoreBusy,
    StoredArticle,
    StoreError,
)
from bot.store.sqlite import BUSY_TIMEOUT, SQLiteStore

DEFAULT_DATABASE_URL = "sqlite:///newsbrief.db"

__all__ = [
    "DEFAULT_DATABASE_URL",
    "AddResult",
    "ArticleHeader",
    "ArticleStore",
    "NewArticle",
    "SQLiteStore",
    "StoreBusy",
    "StoreError",
    "StoredArticle",
    "open_store",
    "sqlite_path",
]


def sqlite_path(database_url: str) -> str:
    """The file path of a ``sqlite:///`` URL: three slashes relative, four absolute."""
    rest = database_url.partition("://")[2]
    if not rest.startswith("/") or rest == "/":
        raise StoreError(
            f"DATABASE_URL {database_url!r} has no file path: write sqlite:///newsbrief.db "
            "(relative) or sqlite:////var/lib/newsbrief/newsbrief.db (absolute)."
        )
    path = unquote(rest[1:].partition("?")[0])
    if not path:
        raise StoreError(
            f"DATABASE_URL {database_url!r} has no file path: write sqlite:///newsbrief.db."
        )
    return path


def open_store(database_url: str, *, busy_timeout: float = BUSY_TIMEOUT) -> ArticleStore:
    """The store for ``database_url``; call ``await store.open()`` before use.

    ``busy_timeout``: seconds a statement waits while another process holds the lock.
    """
    url = database_url.strip()
    scheme = url.partition("://")[0].lower() if "://" in url else ""
    if scheme in ("sqlite", "sqlite3"):
        return SQLiteStore(sqlite_path(url), busy_timeout=busy_timeout)
    if scheme.startswith(("postgres", "postgresql")):
        raise StoreError(
            "PostgreSQL is not supported yet: use DATABASE_URL=sqlite:///newsbrief.db for now."
        )
    shown = scheme or url or "(empty)"
    raise StoreError(
        f"Unsupported DATABASE_URL scheme {shown!r}: use sqlite:///path/to/newsbrief.db."
    )
