"""What ``python -m bot import`` and ``python -m bot reanalyse`` share: one run over the store,
a summary line on stdout, one line per failure on stderr, and the same exit statuses."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Coroutine
from typing import Any, Protocol

from bot.store import DEFAULT_DATABASE_URL
from bot.store.base import StoreError

EXIT_OK, EXIT_FAILED, EXIT_STORE, EXIT_INTERRUPTED = 0, 1, 2, 130


class Report(Protocol):
    def summary(self) -> str: ...

    def failure_lines(self) -> list[str]: ...


def run_report(work: Coroutine[Any, Any, Report], *, kept: str) -> int:
    """Run ``work``; 0 when nothing failed, 1 when some item did, 2 when the database cannot
    be used, 130 when interrupted (``kept`` says what an interrupted run leaves behind)."""
    try:
        report = asyncio.run(work)
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_STORE
    except KeyboardInterrupt:
        print(f"interrupted: {kept}; run again to finish.", file=sys.stderr)
        return EXIT_INTERRUPTED
    failures = report.failure_lines()
    for line in failures:
        print(f"failed: {line}", file=sys.stderr)
    print(report.summary())
    return EXIT_FAILED if failures else EXIT_OK


def add_store_options(parser: argparse.ArgumentParser) -> None:
    """``--database`` (default: $DATABASE_URL, then the bot's own default) and
    ``--no-progress``."""
    parser.add_argument(
        "--database",
        default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
        help="database URL (default: $DATABASE_URL or %(default)s)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
