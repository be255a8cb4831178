"""``python -m bot reanalyse``: run the current analysers again over every stored article.

The analysis (summary order, quotes, figures) is computed once, at ingest, and stored. After an
upgrade of newsbrief those stored answers are the old analysers' answers; this brings them up
to date from the stored text, one article per transaction, so it can run beside the bot and be
stopped at any time.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass, field

from tqdm import tqdm

from bot.commands import add_store_options, run_report
from bot.store import open_store
from bot.store.base import ArticleStore
from summarizer import Analysis, Article, SummarizerError

_PAGE = 200


@dataclass(frozen=True, slots=True)
class ReanalyseReport:
    checked: int
    updated: int
    failed: list[tuple[int, str]] = field(default_factory=list)
    """``(article id, reason)`` for every article that could not be analysed again."""

    def summary(self) -> str:
        return f"checked {self.checked}, updated {self.updated}, failed {len(self.failed)}"

    def failure_lines(self) -> list[str]:
        return [f"#{article_id}: {reason}" for article_id, reason in self.failed]


def _analyse(article: Article, method: str) -> Analysis:
    # imported here, like at ingest: the analysers load numpy and large rule tables
    from summarizer.analysis import analyse_article
    from summarizer.ranking import DEFAULT_METHOD, METHODS

    return analyse_article(article, method=method if method in METHODS else DEFAULT_METHOD)


async def _ids(store: ArticleStore) -> list[int]:
    ids: list[int] = []
    while True:
        page = await store.list(limit=_PAGE, offset=len(ids))
        ids.extend(header.id for header in page)
        if len(page) < _PAGE:
            return ids


async def reanalyse(store: ArticleStore, *, progress: bool = False) -> ReanalyseReport:
    """Analyse every stored article again; store the result where it differs."""
    ids = await _ids(store)
    updated = 0
    failed: list[tuple[int, str]] = []
    bar = tqdm(total=len(ids), unit="article", disable=not progress, file=sys.stderr)
    try:
        for article_id in ids:
            bar.update()
            stored = await store.get(article_id)
            if stored is None:
                continue  # removed meanwhile
            old = stored.analysis
            try:
                new = await asyncio.to_thread(_analyse, old.article, old.ranking.method)
            except SummarizerError as e:
                failed.append((article_id, str(e)))
                continue
            if new != old and await store.replace_analysis(article_id, new):
                updated += 1
    finally:
        bar.close()
    return ReanalyseReport(len(ids), updated, failed)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot reanalyse",
        description="Run the current analysers again over every stored article (after an "
        "upgrade), from the stored text; each article is updated in its own transaction.",
    )
    add_store_options(parser)
    return parser


async def _main(args: argparse.Namespace) -> ReanalyseReport:
    store = open_store(args.database)
    await store.open()
    try:
        return await reanalyse(store, progress=not args.no_progress)
    finally:
        await store.close()


def main(argv: list[str] | None = None) -> int:
    """0 when every article was analysed again (changed or not), 1 if some failed, 2 when
    the database cannot be used."""
    return run_report(_main(_parser().parse_args(argv)), kept="articles updated so far are kept")


if __name__ == "__main__":
    raise SystemExit(main())
