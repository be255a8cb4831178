"""Re-analysis after an upgrade: stored answers brought up to date, nothing else touched."""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.importer import load_seeds
from bot.reanalyse import main, reanalyse
from bot.store import SQLiteStore
from bot.store.base import ArticleStore
from bot.store.sqlite import decode_analysis
from summarizer import extract_figures, extract_quotes

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[ArticleStore]:
    async with SQLiteStore(tmp_path / "news.db") as opened:
        yield opened


async def _age(store: ArticleStore, article_id: int) -> None:
    """Make the stored analysis look like an older analyser's: no figures, no quotes."""
    stored = await store.get(article_id)
    assert stored is not None
    old = dataclasses.replace(stored.analysis, figures=(), quotes=())
    assert await store.replace_analysis(article_id, old)


async def test_an_old_analysis_is_brought_up_to_date_and_only_once(store: ArticleStore) -> None:
    await load_seeds(store, ROOT / "seeds")
    (header,) = await store.list()
    before = await store.get(header.id)
    assert before is not None and before.analysis.figures
    await _age(store, header.id)
    aged = await store.get(header.id)
    assert aged is not None and aged.analysis.figures == ()

    report = await reanalyse(store)
    assert (report.checked, report.updated, report.failed) == (1, 1, [])
    after = await store.get(header.id)
    assert after is not None
    article = after.analysis.article
    assert after.analysis.figures == extract_figures(article)
    assert after.analysis.quotes == extract_quotes(article)
    assert after.analysis == before.analysis  # the current analysers' answer, again
    assert (after.text, after.title, after.published, after.added_at) == (
        before.text,
        before.title,
        before.published,
        before.added_at,
    )
    again = await reanalyse(store)
    assert (again.checked, again.updated) == (1, 0)


async def test_a_removed_article_is_not_written_back(store: ArticleStore) -> None:
    await load_seeds(store, ROOT / "seeds")
    (header,) = await store.list()
    stored = await store.get(header.id)
    assert stored is not None
    assert await store.remove(header.id)
    assert not await store.replace_analysis(header.id, stored.analysis)
    assert await store.get(header.id) is None


def test_the_command_reports_and_exits_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "news.db"

    async def prepare() -> int:
        async with SQLiteStore(database) as opened:
            await load_seeds(opened, ROOT / "seeds")
            (header,) = await opened.list()
            await _age(opened, header.id)
            return header.id

    article_id = asyncio.run(prepare())
    assert main(["--database", f"sqlite:///{database}", "--no-progress"]) == 0
    assert capsys.readouterr().out.strip() == "checked 1, updated 1, failed 0"
    with sqlite3.connect(database) as conn:
        raw, text = conn.execute(
            "SELECT analysis, text FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
    assert decode_analysis(raw, text).figures  # written to the file, not only reported


def test_an_unusable_database_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database at all" * 100)
    assert main(["--database", f"sqlite:///{broken}", "--no-progress"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "\n" not in err
    assert broken.read_bytes() == b"not a database at all" * 100
