"""The article store's interface: one small async API, several backends.

SQLite is the embedded default; a PostgreSQL backend implements the same
protocol and passes the same tests.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from summarizer import Analysis


@dataclass(frozen=True, slots=True)
class ArticleHeader:
    """What a listing or a search shows of an article."""

    id: int
    title: str | None
    published: date | None
    source: str
    added_at: datetime


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article ready to be stored: text and its analysis, computed once at ingest.

    ``text`` is the body that was analysed (``analysis.article.body``); title and date
    come from ``analysis.article``.
    """

    text: str
    analysis: Analysis
    source: str
    added_by: int | None = None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    id: int
    title: str | None
    published: date | None
    source: str
    content_hash: str
    text: str
    added_by: int | None
    added_at: datetime
    analysis: Analysis

    @property
    def header(self) -> ArticleHeader:
        return ArticleHeader(self.id, self.title, self.published, self.source, self.added_at)


@dataclass(frozen=True, slots=True)
class AddResult:
    """``created`` is False when the article was a duplicate of article ``id``."""

    id: int
    created: bool
    reason: str | None = None


class StoreError(Exception):
    """The database cannot be used; the message says why and what to do."""


class StoreBusy(StoreError):
    """Another process held the database longer than the busy timeout; worth retrying."""


class ArticleStore(Protocol):
    async def open(self) -> None:
        """Connect, create or migrate the schema."""

    async def close(self) -> None: ...

    async def add(self, article: NewArticle) -> AddResult:
        """Store ``article`` in one transaction, or return the id of its duplicate."""

    async def find_duplicate(
        self, text: str, title: str | None, published: date | None
    ) -> AddResult | None:
        """The stored article that ``add`` would refuse this one for (``created=False``).

        Lets ingestion skip the costly analysis of an article that is already stored;
        ``add`` checks again inside its transaction.
        """

    async def get(self, article_id: int) -> StoredArticle | None: ...

    async def latest(self) -> StoredArticle | None: ...

    async def list(self, *, limit: int = 10, offset: int = 0) -> list[ArticleHeader]:
        """Newest first."""

    async def count(self) -> int: ...

    async def search(self, query: str, *, limit: int = 10) -> builtins.list[ArticleHeader]:
        """Full-text search over title and body, best match first."""

    async def remove(self, article_id: int) -> bool: ...

    async def replace_analysis(self, article_id: int, analysis: Analysis) -> bool:
        """Store a new analysis of the same stored text (after the analysers improved);
        False when the article is no longer stored."""

    async def claim_update(self, update_id: int) -> bool:
        """Record a Telegram update as handled; False when it already was.

        Shared by every process on the same database, so a re-delivered update is
        answered once, across restarts and webhook replicas.
        """
