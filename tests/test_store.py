"""The article store: behaviour every backend must have, run against each backend.

Only SQLite exists today; a PostgreSQL backend joins by adding a parameter to
``database_url`` and passes the same tests.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest

from bot.store import SQLiteStore, open_store, sqlite_path
from bot.store.base import ArticleStore, NewArticle, StoreError
from bot.store.sqlite import SCHEMA_VERSION
from summarizer import analyse

ELECTION = """Election result delayed in Venezuela

Caracas, 29 July 2024

The electoral council delayed the final count of the presidential vote on Monday. Officials said
the tally would resume after a review of the regional returns.

Observers from three countries asked for the full records to be published. The opposition said
its own count showed a clear win for its candidate.

Crowds gathered outside the council building late into the night. Police closed two avenues in
the centre of the capital.
"""

HARVEST = """Wheat harvest beats forecasts

Farmers in the plains brought in the largest wheat harvest in a decade, the agriculture ministry
said. Yields rose by a fifth after a wet spring.

Prices for flour fell in the first week of the harvest. Millers said they expected the fall to
reach bakeries within a month.

Exporters asked the government to open new ports for grain shipments.
"""

TRAINS = """Night trains return to the coast

A night train service between the capital and the coast will run again from June, the rail
operator said. The line closed five years ago.

Tickets go on sale next week. Sleeping cars will be refurbished for the new timetable, and the
trains will stop at four towns on the way.
"""


def new(text: str, source: str = "text", added_by: int | None = None) -> NewArticle:
    analysis = analyse(text)
    return NewArticle(analysis.article.body, analysis, source, added_by)


@pytest.fixture(params=["sqlite"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """One URL per backend; each test gets an empty database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'news.db'}"
    raise AssertionError(request.param)


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[ArticleStore]:
    opened = open_store(database_url)
    await opened.open()
    yield opened
    await opened.close()


Reopen = Callable[[], Awaitable[ArticleStore]]


@pytest.fixture
async def reopen(database_url: str) -> AsyncIterator[Reopen]:
    """Open the same database again, as a restarted bot would."""
    opened: list[ArticleStore] = []

    async def run() -> ArticleStore:
        fresh = open_store(database_url)
        await fresh.open()
        opened.append(fresh)
        return fresh

    yield run
    for each in opened:
        await each.close()


async def test_an_added_article_comes_back_whole(store: ArticleStore) -> None:
    article = new(ELECTION, source="file:election.txt", added_by=42)
    result = await store.add(article)
    assert result.created and result.reason is None
    stored = await store.get(result.id)
    assert stored is not None
    assert stored.title == "Election result delayed in Venezuela"
    assert stored.published == date(2024, 7, 29)
    assert stored.source == "file:election.txt"
    assert stored.added_by == 42
    assert stored.text == article.text
    assert stored.analysis == article.analysis
    assert stored.analysis.version == article.analysis.version
    assert stored.added_at.tzinfo is not None
    assert stored.header.id == result.id
    assert await store.get(result.id + 1000) is None


async def test_restart_keeps_every_article(store: ArticleStore, reopen: Reopen) -> None:
    ids = [(await store.add(new(text))).id for text in (ELECTION, HARVEST, TRAINS)]
    before = [await store.get(i) for i in ids]
    await store.close()
    again = await reopen()
    assert await again.count() == 3
    assert [await again.get(i) for i in ids] == before
    assert [h.id for h in await again.search("harvest")] == [ids[1]]


async def test_same_text_is_refused_with_the_existing_id(store: ArticleStore) -> None:
    first = await store.add(new(HARVEST))
    # Case, spacing and punctuation do not make a different article.
    shouted = HARVEST.upper().replace(".", " .").replace("\n\n", "\n\n\n")
    again = await store.add(new(shouted, source="text"))
    assert (again.id, again.created, again.reason) == (first.id, False, "same text")
    assert await store.count() == 1


async def test_same_title_and_date_is_refused(store: ArticleStore) -> None:
    first = await store.add(new(ELECTION))
    rewritten = ELECTION.replace(
        "Crowds gathered outside the council building late into the night.",
        "A curfew was announced for the whole city.",
    ).replace("Observers from three countries", "Diplomats from five countries")
    again = await store.add(new(rewritten))
    assert (again.id, again.created, again.reason) == (first.id, False, "same title and date")
    assert await store.count() == 1


async def test_near_identical_text_is_refused_and_a_different_one_is_not(
    store: ArticleStore,
) -> None:
    bodies = [text.split("\n\n", 1)[1] for text in (HARVEST, TRAINS, ELECTION)]
    long_text = "Farm, rail and vote news\n\n" + "\n\n".join(bodies)
    first = await store.add(new(long_text))
    one_word = long_text.replace("largest wheat harvest", "biggest wheat harvest")
    again = await store.add(new(one_word))
    assert not again.created and again.id == first.id
    assert again.reason is not None and again.reason.startswith("near-identical text")
    # Half of it rewritten: a different article.
    half = HARVEST + "\n\nThe new season of the national football league opens on Saturday."
    other = await store.add(new(half))
    assert other.created and other.id != first.id
    assert await store.count() == 2


async def test_find_duplicate_answers_like_add(store: ArticleStore) -> None:
    stored = await store.add(new(TRAINS))
    article = new(TRAINS)
    found = await store.find_duplicate(
        article.text, article.analysis.article.title, article.analysis.article.published
    )
    assert found is not None and (found.id, found.created) == (stored.id, False)
    assert await store.find_duplicate(new(HARVEST).text, "Wheat", None) is None


async def test_concurrent_adds_of_one_article_store_it_once(store: ArticleStore) -> None:
    article = new(ELECTION)
    results = await asyncio.gather(*(store.add(article) for _ in range(6)))
    assert sum(r.created for r in results) == 1
    assert len({r.id for r in results}) == 1
    assert await store.count() == 1


async def test_list_is_newest_first_and_pages(store: ArticleStore) -> None:
    ids = [(await store.add(new(text))).id for text in (ELECTION, HARVEST, TRAINS)]
    assert [h.id for h in await store.list()] == ids[::-1]
    assert [h.id for h in await store.list(limit=1, offset=1)] == [ids[1]]
    assert await store.list(limit=5, offset=3) == []
    latest = await store.latest()
    assert latest is not None and latest.id == ids[-1]


async def test_empty_store(store: ArticleStore) -> None:
    assert await store.count() == 0
    assert await store.latest() is None
    assert await store.list() == []
    assert await store.search("anything") == []
    assert await store.remove(1) is False


async def test_search_ranks_a_title_match_above_a_body_match(store: ArticleStore) -> None:
    harvest = (await store.add(new(HARVEST))).id
    grain_in_title = (
        await store.add(
            new(
                "Grain exports reach a record\n\nShips left the river ports with cargo for Asia. "
                "The trade ministry welcomed the figures."
            )
        )
    ).id
    trains = (await store.add(new(TRAINS))).id
    # "grain" is in the body of one and the title of the other; stemming finds "shipments".
    assert [h.id for h in await store.search("grain")] == [grain_in_title, harvest]
    assert [h.id for h in await store.search("shipment")] == [harvest]
    # Every word must match when some article has them all...
    assert [h.id for h in await store.search("flour prices")] == [harvest]
    # ...and any word may when none does.
    assert {h.id for h in await store.search("flour sleeping")} == {harvest, trains}
    assert [h.id for h in await store.search("grain", limit=1)] == [grain_in_title]


@pytest.mark.parametrize(
    "query", ['"', "harvest AND", "NOT", "(wheat", "wheat*", "title:x", "-", "", "   "]
)
async def test_search_takes_any_user_input(store: ArticleStore, query: str) -> None:
    await store.add(new(HARVEST))
    hits = await store.search(query)
    assert all(h.title == "Wheat harvest beats forecasts" for h in hits)


async def test_remove_takes_an_article_out_of_search_and_duplicates(
    store: ArticleStore,
) -> None:
    first = await store.add(new(HARVEST))
    assert await store.remove(first.id) is True
    assert await store.remove(first.id) is False
    assert await store.get(first.id) is None
    assert await store.search("wheat") == []
    again = await store.add(new(HARVEST))
    assert again.created and again.id != first.id
    assert await store.count() == 1


# -- SQLite specifics -------------------------------------------------------------------------


async def test_sqlite_file_uses_wal_and_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    async with SQLiteStore(path) as store:
        await store.add(new(HARVEST))
        assert await store.schema_version() == SCHEMA_VERSION
        assert await store.integrity_check() == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT count(*) FROM article_keys").fetchone()[0] == 20
        # The body is stored once: the analysis JSON rebuilds its paragraphs from `text`.
        (raw,) = conn.execute("SELECT analysis FROM articles").fetchone()
        assert json.loads(raw)["article"]["paragraphs"] is None


async def test_an_empty_sqlite_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    sqlite3.connect(path).close()
    async with SQLiteStore(path) as store:
        assert await store.schema_version() == SCHEMA_VERSION
        assert (await store.add(new(TRAINS))).created


async def test_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="upgrade newsbrief"):
        await SQLiteStore(path).open()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 99


async def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a usable newsbrief database"):
        await SQLiteStore(path).open()


async def test_a_missing_folder_is_refused_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        await open_store(f"sqlite:///{tmp_path / 'nowhere' / 'news.db'}").open()


async def test_a_closed_store_says_how_to_open_it(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'news.db'}")
    with pytest.raises(StoreError, match=r"store\.open"):
        await store.count()


# -- DATABASE_URL ----------------------------------------------------------------------------


def test_sqlite_urls_relative_and_absolute() -> None:
    assert sqlite_path("sqlite:///newsbrief.db") == "newsbrief.db"
    assert sqlite_path("sqlite:///data/news.db") == "data/news.db"
    assert sqlite_path("sqlite:////var/lib/newsbrief/news.db") == "/var/lib/newsbrief/news.db"
    assert sqlite_path("sqlite:///:memory:") == ":memory:"


async def test_a_relative_url_is_a_file_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with SQLiteStore(sqlite_path("sqlite:///here.db")) as store:
        await store.add(new(TRAINS))
    assert (tmp_path / "here.db").is_file()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://bot@localhost/news", "PostgreSQL is not supported yet"),
        ("postgres://bot@localhost/news", "PostgreSQL is not supported yet"),
        ("mysql://bot@localhost/news", "Unsupported DATABASE_URL scheme 'mysql'"),
        ("newsbrief.db", "sqlite:///"),
        ("sqlite://", "has no file path"),
    ],
)
def test_unusable_urls_say_what_to_write(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(url)
