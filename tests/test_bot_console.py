"""``python -m bot --console``: the real bot on stdin/stdout, no token, seeds loaded."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from pathlib import Path

from bot.config import Settings
from bot.console import run_console
from bot.store import open_store
from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent
SEED_TITLE = "Maduro accused WhatsApp of sharing data with the opposition."


def console(tmp_path: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TELEGRAM_BOT_TOKEN", "MAINTAINER_IDS", "WEBHOOK_URL", "LOG_LEVEL")
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'console.db'}",
        SEEDS_DIR=str(SEEDS),
        PYTHONPATH=str(ROOT),
    )
    return subprocess.run(
        [sys.executable, "-m", "bot", "--console"],
        input=stdin,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


async def seed_summary(tmp_path: Path, sentences: int) -> list[str]:
    store = open_store(f"sqlite:///{tmp_path / 'console.db'}")
    await store.open()
    try:
        article = await store.get(1)
        assert article is not None
        return [s.text for s in article.analysis.summary(sentences)]
    finally:
        await store.close()


HARBOUR = (
    "The harbour <bridge> & tunnel reopened on Monday after 14 months of repairs. "
    "Traffic rose by 20% in the first hour. "
    "Drivers said the queues were gone."
)


def test_piped_commands_are_answered_in_order_and_the_console_exits(tmp_path: Path) -> None:
    commands = ["/summary", "/quotes", "/figures 1", "/nonsense", f"/ingest {HARBOUR}"]
    commands += ["/articles", "/summary 2 1", "3"]
    result = console(tmp_path, "\n".join(commands) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = result.stdout
    assert "<b>" not in out and "&amp;" not in out

    reading, _, writing = out.partition("Stored as #2:")
    assert reading.startswith(SEED_TITLE)
    assert "#1 · 2024-09-20 · summary, 3 of" in reading
    for sentence in asyncio.run(seed_summary(tmp_path, 3)):
        assert sentence in reading
    assert "[1] Quotes (" in reading and "[3] Longer" in reading
    positions = [reading.index(marker) for marker in ("summary, 3 of", "quotation", "key figure")]
    assert positions == sorted(positions)
    assert reading.rstrip().endswith("I don't know /nonsense. /help lists what I can do.")

    # The console user is a maintainer, and typing a button's number presses it.
    assert "harbour <bridge> & tunnel" in writing
    assert "#2 · " in writing.split("Articles · page 1 of 1 · 2 stored")[1]
    assert "summary, 1 of 3 sentences" in writing
    assert "summary, 3 of 3 sentences" in writing.split("(updated)\n")[1]


async def test_run_console_in_process(tmp_path: Path) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite:///{tmp_path / 'console.db'}",
        seeds_dir=SEEDS,
    )
    first, second = io.StringIO(), io.StringIO()
    assert await run_console(settings, io.StringIO("/search WhatsApp\n\n"), first) == 0
    assert f"#1 · 2024-09-20 · {SEED_TITLE}" in first.getvalue()
    assert await run_console(settings, io.StringIO("/articles\n/remove 1\n"), second) == 0
    assert "1 stored" in second.getvalue()  # a restart does not store the seeds twice
    assert "Removed #1." in second.getvalue()
