"""Shared fixtures: the repository's own data, and the evaluation data when it is there."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.fake_bot_api import FakeBotAPI, RunningBot, bot_settings, running

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "data"


def _shared_data_dir() -> Path:
    configured = os.environ.get("NEWSBRIEF_SHARED_DATA")
    return Path(configured) if configured else ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (or ``$NEWSBRIEF_SHARED_DATA``); skipped with a reason where absent."""
    path = _shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"evaluation data not found at {path} (set NEWSBRIEF_SHARED_DATA to run this)")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    (seed,) = sorted(SEEDS.glob("*.txt"))
    return seed.read_text(encoding="utf-8")


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    """A fake Bot API server on 127.0.0.1 that checks every message as Telegram would."""
    with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI, tmp_path: Path) -> AsyncIterator[RunningBot]:
    """The real Application polling ``api``, with a fresh SQLite file; handler errors fail."""
    async with running(api, bot_settings(api, tmp_path)) as running_bot:
        yield running_bot
        assert running_bot.errors == [], "a handler raised (did the fake refuse a message?)"
