"""The bot under faults: a flaky Bot API, lost connections, restarts, a locked or broken database.

The real Application polls the fake Bot API on 127.0.0.1; the fake injects the
faults (429 with ``retry_after``, 5xx, slow answers, dropped connections) and
re-delivers updates as Telegram does when they were never confirmed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.store import SQLiteStore, StoreError
from tests.fake_bot_api import (
    DROPPED,
    MAINTAINER,
    STRANGER,
    FakeBotAPI,
    SentMessage,
    running,
    user,
)
from tests.test_bot_e2e import SEED_TITLE, article_text, bot_settings, one

ROOT = Path(__file__).resolve().parent.parent
READER = user(3003, "Rita", "rita")
SORRY = "Sorry, something went wrong on my side. Please try again later."


def texts(messages: list[SentMessage]) -> list[str]:
    return [m.text for m in messages]


# Sending ------------------------------------------------------------------------------------


async def test_429_is_retried_after_the_wait_even_with_the_rate_limit_off(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    settings = bot_settings(api, tmp_path, telegram_rate_limit=0)
    async with running(api, settings) as bot:
        api.fail("sendMessage", 429, retry_after=1)
        message = one(await bot.ask("/summary", STRANGER))
        assert message.text.startswith(SEED_TITLE)
        assert [c.status for c in api.calls("sendMessage")] == [429, 200]
        assert bot.errors == []


async def test_5xx_is_retried_a_bounded_number_of_times_while_other_chats_are_served(
    api: FakeBotAPI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = bot_settings(api, tmp_path, telegram_send_retries=2)
    stranger_chat = STRANGER["id"]
    async with running(api, settings) as bot:
        # Every send to the stranger fails slowly; the reader's chat is healthy.
        api.fail("sendMessage", 500, times=3, delay=0.3, chat_id=stranger_chat)
        failing = api.push_text("/summary", STRANGER)
        served = one(await bot.ask("/articles", READER))
        assert served.text.startswith("Articles")
        await bot.processed(failing)
        statuses = [c.status for c in api.calls("sendMessage") if c.params["chat_id"] == "2002"]
        assert statuses == [500, 500, 500, 200]  # the try, two retries, then the apology
        assert texts(api.sent(stranger_chat)) == [SORRY]
        # The reader was answered while the stranger's retries were still going on.
        assert served.message_id < api.sent(stranger_chat)[0].message_id
        assert [type(e).__name__ for e in bot.errors] == ["NetworkError"]
        assert any("caused an error" in r.getMessage() for r in caplog.records)
        bot.app.bot_data.errors.clear()
        # The failure is over: the stranger is answered again.
        assert one(await bot.ask("/summary", STRANGER)).text.startswith(SEED_TITLE)


async def test_send_timeouts_are_retried_then_logged(
    api: FakeBotAPI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = bot_settings(api, tmp_path, telegram_timeout=0.3, telegram_send_retries=1)
    async with running(api, settings) as bot:
        # Slower than the bot waits, then an error anyway: nothing is delivered.
        api.fail("sendMessage", 500, times=2, delay=1.0, chat_id=STRANGER["id"])
        reply = one(await bot.ask("/summary", STRANGER))
        assert reply.text == SORRY
        assert [type(e).__name__ for e in bot.errors] == ["TimedOut"]
        assert any("retry 1 of 1" in r.getMessage() for r in caplog.records)
        await api.wait_until(lambda: len(api.calls("sendMessage")) == 3, "the timed-out calls")
        bot.app.bot_data.errors.clear()


# Receiving ----------------------------------------------------------------------------------


async def test_polling_resumes_after_get_updates_errors_and_dropped_connections(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with running(api, bot_settings(api, tmp_path)) as bot:
        api.fail("getUpdates", 502)
        api.drop("getUpdates")
        first = await bot.ask("/summary", STRANGER)
        assert texts(first)[0].startswith(SEED_TITLE) and len(first) == 1
        statuses = [c.status for c in api.calls("getUpdates")]
        assert 502 in statuses and DROPPED in statuses
        second = one(await bot.ask("/articles", STRANGER))
        assert second.text.startswith("Articles")
        # Each update was answered exactly once.
        assert len(api.sent(STRANGER["id"])) == 2
        assert bot.errors == []


async def test_a_restart_neither_repeats_nor_loses_updates(
    api: FakeBotAPI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.app")
    settings = bot_settings(api, tmp_path)
    async with running(api, settings) as bot:
        handled = api.push_text("/summary", STRANGER)
        await bot.processed(handled)
        assert len(api.sent(STRANGER["id"])) == 1
    # While the bot is down: a new command arrives, and Telegram re-delivers one that was
    # handled but (say, a crash before the confirmation) never confirmed.
    waiting = api.push_text("/articles", STRANGER)
    api.redeliver(handled)
    async with running(api, settings) as bot:
        await bot.processed(waiting)
        await api.wait_until(
            lambda: any(
                f"Update {handled['update_id']} was handled before" in r.getMessage()
                for r in caplog.records
            ),
            "the re-delivery to be skipped",
        )
        replies = texts(api.sent(STRANGER["id"]))
        assert len(replies) == 2
        assert replies[0].startswith(SEED_TITLE) and replies[1].startswith("Articles")
        assert bot.errors == []


async def test_claimed_update_ids_are_remembered_and_pruned(tmp_path: Path) -> None:
    async with SQLiteStore(tmp_path / "claims.db", keep_updates=10) as store:
        assert await store.claim_update(1) is True
        assert await store.claim_update(1) is False
        for update_id in range(2, 251):
            assert await store.claim_update(update_id) is True
        assert await store.claim_update(250) is False
        rows = store.conn.execute("SELECT count(*) FROM handled_updates").fetchone()[0]
        assert 10 <= rows <= 10 + 100
    async with SQLiteStore(tmp_path / "claims.db") as reopened:
        assert await reopened.claim_update(249) is False  # remembered across processes


# A locked database --------------------------------------------------------------------------

LOCKER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO handled_updates (update_id, handled_at) VALUES (-1, 'locker')")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
print("released", flush=True)
"""


class Locker:
    """Another process holding the database's write lock until :meth:`release`."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", LOCKER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None and self.process.stdout is not None
            self.process.stdin.write("\n")
            self.process.stdin.flush()
            assert self.process.stdout.readline().strip() == "released"
        self.process.wait(timeout=10)


async def test_a_command_waits_for_a_short_lock(api: FakeBotAPI, tmp_path: Path) -> None:
    settings = bot_settings(api, tmp_path, database_busy_timeout=30)
    async with running(api, settings) as bot:
        locker = Locker(tmp_path / "bot.db")
        try:
            ingest = api.push_text(f"/ingest {article_text(1)}", MAINTAINER)
            await api.wait_until(
                lambda: any(
                    int(c.params.get("offset") or 0) > ingest["update_id"]
                    for c in api.calls("getUpdates")
                ),
                "the update to be fetched",
            )
            assert api.sent(MAINTAINER["id"]) == []  # waiting for the lock, not refused
        finally:
            locker.release()
        await bot.processed(ingest)
        assert one(api.sent(MAINTAINER["id"])).text.startswith("Stored as #2")
        assert bot.errors == []


async def test_a_long_lock_gets_try_again_and_reads_still_work(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    settings = bot_settings(api, tmp_path, database_busy_timeout=0.2)
    async with running(api, settings) as bot:
        locker = Locker(tmp_path / "bot.db")
        try:
            busy = one(await bot.ask(f"/ingest {article_text(2)}", MAINTAINER)).text
            assert busy.startswith("The database is busy") and "try again" in busy
            assert one(await bot.ask("/summary", STRANGER)).text.startswith(SEED_TITLE)
        finally:
            locker.release()
        stored = one(await bot.ask(f"/ingest {article_text(2)}", MAINTAINER)).text
        assert stored.startswith("Stored as #2")
        assert bot.errors == []


# A broken database file at start ------------------------------------------------------------


def _sqlite_file(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE filler (x BLOB)")
    conn.executemany(
        "INSERT INTO filler VALUES (?)", [(os.urandom(300) + bytes(i % 7),) for i in range(400)]
    )
    conn.commit()
    conn.close()
    return path


def _truncated(tmp_path: Path) -> Path:
    path = _sqlite_file(tmp_path / "truncated.db")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _scribbled(tmp_path: Path) -> Path:
    path = _sqlite_file(tmp_path / "scribbled.db")
    data = bytearray(path.read_bytes())
    page = 4096
    data[2 * page : 6 * page] = os.urandom(4 * page)  # table pages overwritten
    path.write_bytes(bytes(data))
    return path


def _garbage(tmp_path: Path) -> Path:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"These are not the bytes you are looking for.\n" * 200)
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_garbage, "is not a usable newsbrief database"),
        (_truncated, "is not a usable newsbrief database (database disk image is malformed)"),
        (_scribbled, "damaged"),
    ],
    ids=["garbage", "truncated", "scribbled"],
)
def test_a_broken_database_stops_the_bot_with_one_line_and_is_left_alone(
    api: FakeBotAPI, tmp_path: Path, make: Callable[[Path], Path], expected: str
) -> None:
    path = make(tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        TELEGRAM_API_FILE_URL=api.base_file_url,
        DATABASE_URL=f"sqlite:///{path}",
        SEEDS_DIR=str(tmp_path / "no-seeds"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsbrief: "), done.stderr
    assert expected in lines[0] and str(path) in lines[0]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert api.state.calls == []  # reported before Telegram is contacted


def test_a_database_path_that_cannot_be_opened_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        TELEGRAM_BOT_TOKEN="123456789:AAE_a-valid-looking-token-0123456789",
        DATABASE_URL=f"sqlite:///{folder}",
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("newsbrief: Cannot open the database") and "permissions" in line


@pytest.mark.parametrize("make", [_truncated, _garbage], ids=["truncated", "garbage"])
async def test_a_large_database_gets_the_cheap_checks_and_is_left_alone(
    tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    path = make(tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    store = SQLiteStore(path, deep_check_max_bytes=0)  # as if it were too large to read whole
    with pytest.raises(StoreError, match=str(path)):
        await store.open()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
