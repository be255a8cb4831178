"""What each command does, without Telegram: parse arguments, ask the store, return a view.

Handlers call exactly one function here and pass its result to :mod:`bot.render`.
Problems the user can fix are raised as :class:`ServiceError` subclasses whose
message is one line of help; everything else is a bug and reaches the error handler.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.ingest import IngestLimits, IngestResult, ingest_file, ingest_text, ingest_url
from bot.limits import UserLimiter, whole_seconds
from bot.store.base import ArticleHeader, ArticleStore, StoredArticle
from summarizer import Sentence

PAGE_SIZE = 10
SEARCH_LIMIT = 10
NEWEST_WORDS = frozenset({"latest", "newest", "last"})

_ID_RE = re.compile(r"^#?(\d{1,18})$")
_URL_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)
_ANY_URL_RE = re.compile(r"^[a-z][a-z0-9+.-]*:(?://)?\S+$", re.IGNORECASE)


class ServiceError(Exception):
    """A problem the user can fix; ``str(e)`` is one plain-text line saying how."""


class UsageError(ServiceError):
    """The arguments do not fit the command's grammar."""


class NotFound(ServiceError):
    """No article with that id, no match for those words, or no article at all."""


class NotAllowed(ServiceError):
    """The command is for maintainers only."""


class RateLimited(ServiceError):
    """The user asked for expensive work too often; the message says how long to wait."""


@dataclass(frozen=True, slots=True)
class Target:
    """Which article a command is about: an id, the best match for words, or the newest."""

    article_id: int | None = None
    words: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article and, when it was found by searching, the words that found it."""

    article: StoredArticle
    matched: str | None = None


@dataclass(frozen=True, slots=True)
class SummaryView:
    article: StoredArticle
    sentences: tuple[Sentence, ...]
    requested: int
    cap: int
    matched: str | None = None

    @property
    def available(self) -> int:
        """How many sentences a summary of this article can have at most."""
        return min(len(self.article.analysis.ranking.order), self.cap)

    @property
    def capped(self) -> bool:
        return self.requested > self.cap

    @property
    def can_grow(self) -> bool:
        return len(self.sentences) < self.available


@dataclass(frozen=True, slots=True)
class ArticlePage:
    headers: tuple[ArticleHeader, ...]
    page: int
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class SearchView:
    words: str
    headers: tuple[ArticleHeader, ...]


@dataclass(frozen=True, slots=True)
class RemoveView:
    article_id: int


# Arguments ------------------------------------------------------------------------------------


def parse_id(token: str) -> int | None:
    """``12`` or ``#12`` -> 12; anything else -> None."""
    match = _ID_RE.match(token.strip())
    return int(match.group(1)) if match else None


def parse_target(args: Sequence[str]) -> Target:
    """``[]`` -> newest; ``["12"]``/``["#12"]`` -> article 12; other words -> best match."""
    words = [a for a in args if a.strip()]
    if not words:
        return Target()
    if len(words) == 1:
        if (article_id := parse_id(words[0])) is not None:
            return Target(article_id=article_id)
        if words[0].lower() in NEWEST_WORDS:
            return Target()
    return Target(words=" ".join(words))


def parse_summary_args(args: Sequence[str], default_n: int) -> tuple[Target, int]:
    """``[ID | words] [N]``: a trailing number after an id or words is the sentence count.

    A lone number is an id (``/summary 12``); ``/summary latest 5`` asks the newest
    article for five sentences.
    """
    words = [a for a in args if a.strip()]
    n = default_n
    if len(words) >= 2 and re.fullmatch(r"-?\d+", words[-1]):
        n = int(words[-1])
        words = words[:-1]
        if n < 1:
            raise UsageError("The number of sentences must be 1 or more, e.g. /summary 12 5")
    return parse_target(words), n


def parse_page(args: Sequence[str]) -> int:
    if not args:
        return 1
    if len(args) == 1 and args[0].isdigit() and int(args[0]) >= 1:
        return int(args[0])
    raise UsageError("Usage: /articles [PAGE], e.g. /articles 2")


def parse_remove_args(args: Sequence[str]) -> int:
    article_id = parse_id(args[0]) if len(args) == 1 else None
    if article_id is None:
        raise UsageError("Usage: /remove ID, e.g. /remove 12 or /remove #12")
    return article_id


def require_maintainer(maintainers: frozenset[int], user_id: int | None) -> None:
    if user_id is None or user_id not in maintainers:
        raise NotAllowed(
            "Sorry, only the bot's maintainers can add or remove articles. "
            "You can read them with /summary, /quotes and /figures."
        )


def check_rate(limiter: UserLimiter, user_id: int | None, what: str) -> None:
    """Take one of ``user_id``'s tokens for ``what``, or raise :class:`RateLimited`."""
    wait = limiter.wait(user_id if user_id is not None else 0)
    if wait > 0:
        per_minute = f"{limiter.per_minute:g}"
        raise RateLimited(
            f"Please wait {whole_seconds(wait)} s before {what} "
            f"(at most {per_minute} a minute for each person)."
        )


# Reading --------------------------------------------------------------------------------------


async def find_article(store: ArticleStore, target: Target) -> ArticleView:
    """The article ``target`` names, or :class:`NotFound` with a hint."""
    if target.article_id is not None:
        article = await store.get(target.article_id)
        if article is None:
            raise NotFound(f"There is no article #{target.article_id}. /articles lists them.")
        return ArticleView(article)
    if target.words is not None:
        for header in await store.search(target.words, limit=1):
            found = await store.get(header.id)
            if found is not None:
                return ArticleView(found, matched=target.words)
        raise NotFound(f"No article matches “{target.words}”. Try /articles or other words.")
    newest = await store.latest()
    if newest is None:
        raise NotFound("No articles are stored yet. A maintainer can add one with /ingest.")
    return ArticleView(newest)


async def summary(store: ArticleStore, target: Target, n: int, cap: int) -> SummaryView:
    view = await find_article(store, target)
    sentences = view.article.analysis.summary(min(n, cap))
    return SummaryView(view.article, sentences, requested=n, cap=cap, matched=view.matched)


async def list_articles(store: ArticleStore, page: int, per_page: int = PAGE_SIZE) -> ArticlePage:
    total = await store.count()
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    headers = await store.list(limit=per_page, offset=(page - 1) * per_page)
    return ArticlePage(tuple(headers), page, pages, total)


async def search(store: ArticleStore, args: Sequence[str]) -> SearchView:
    words = " ".join(a for a in args if a.strip())
    if not words:
        raise UsageError("Usage: /search WORDS, e.g. /search election Venezuela")
    return SearchView(words, tuple(await store.search(words, limit=SEARCH_LIMIT)))


# Writing --------------------------------------------------------------------------------------


async def ingest_message_text(
    store: ArticleStore, text: str, *, added_by: int | None, limits: IngestLimits
) -> IngestResult:
    """Store ``text``: fetched first when it is a lone http(s) URL."""
    text = text.strip()
    if not text:
        raise UsageError(
            "Usage: /ingest TEXT, /ingest URL, /ingest as a reply to a message, "
            "or a document with the caption /ingest"
        )
    if _URL_RE.match(text):
        return await ingest_url(store, text, added_by=added_by, limits=limits)
    if _ANY_URL_RE.match(text):
        # A lone link of another kind (file:, ftp:, javascript:...) is neither fetched nor stored.
        scheme = text.partition(":")[0]
        raise UsageError(
            f"Only http:// and https:// links can be fetched, not {scheme}: links. "
            "Send a link to a public web page, or the article's text."
        )
    return await ingest_text(store, text, source="telegram", added_by=added_by, limits=limits)


async def ingest_upload(
    store: ArticleStore,
    data: bytes,
    filename: str,
    *,
    added_by: int | None,
    limits: IngestLimits,
) -> IngestResult:
    return await ingest_file(store, data, filename, added_by=added_by, limits=limits)


async def remove(store: ArticleStore, article_id: int) -> RemoveView:
    if not await store.remove(article_id):
        raise NotFound(f"There is no article #{article_id}. /articles lists them.")
    return RemoveView(article_id)
