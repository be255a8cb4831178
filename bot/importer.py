"""Bulk import and seed loading: many files, each article committed on its own.

A killed import leaves only whole articles (each is one transaction), and running
it again completes the rest: what is already stored comes back as a duplicate
before any analysis is spent on it.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from bot.commands import add_store_options, run_report
from bot.ingest import FILE_FORMATS, IngestError, IngestLimits, check_upload, ingest_file
from bot.store import open_store
from bot.store.base import ArticleStore


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: int
    duplicates: int
    failed: list[tuple[str, str]]
    """``(path, reason)`` for every file that was not stored."""

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return f"added {self.added}, duplicates {self.duplicates}, failed {len(self.failed)}"

    def failure_lines(self) -> list[str]:
        return [f"{path}: {reason}" for path, reason in self.failed]


def _files(path: Path) -> Iterator[Path]:
    """``path`` itself, or the article files under it (hidden ones skipped), sorted."""
    if not path.is_dir():
        yield path
        return
    for found in sorted(path.rglob("*")):
        relative = found.relative_to(path)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if found.is_file() and found.suffix.lower() in FILE_FORMATS:
            yield found


async def _import_files(
    store: ArticleStore,
    files: list[tuple[Path, str]],
    *,
    progress: bool,
    limits: IngestLimits,
    added_by: int | None,
) -> ImportReport:
    added = duplicates = 0
    failed: list[tuple[str, str]] = []
    with tqdm(
        total=len(files), disable=not progress, file=sys.stderr, unit="article", dynamic_ncols=True
    ) as bar:
        for path, source in files:
            try:
                size = path.stat().st_size
                check_upload(path.name, size, limits)
                data = await asyncio.to_thread(path.read_bytes)
                result = await ingest_file(
                    store, data, path.name, added_by=added_by, limits=limits, source=source
                )
            except IngestError as e:
                failed.append((str(path), str(e)))
            except OSError as e:
                failed.append((str(path), f"cannot read the file: {e.strerror or e}"))
            else:
                if result.created:
                    added += 1
                else:
                    duplicates += 1
            bar.update(1)
            bar.set_postfix(added=added, dup=duplicates, failed=len(failed), refresh=False)
    return ImportReport(added, duplicates, failed)


def _expand(paths: list[Path]) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """The files to import with their sources, and the paths that do not exist."""
    files: list[tuple[Path, str]] = []
    missing: list[tuple[str, str]] = []
    for path in paths:
        if not path.exists():
            missing.append((str(path), "no such file or folder"))
            continue
        files.extend((found, f"file:{found}") for found in _files(path))
    return files, missing


def _seed_files(seeds_dir: Path) -> list[tuple[Path, str]]:
    if not seeds_dir.is_dir():
        return []
    return [(found, f"seed:{found.relative_to(seeds_dir)}") for found in _files(seeds_dir)]


async def import_paths(
    store: ArticleStore,
    paths: list[Path],
    *,
    progress: bool = True,
    limits: IngestLimits = IngestLimits(),  # noqa: B008 - frozen value, safe as a default
    added_by: int | None = None,
) -> ImportReport:
    """Import files and folders (recursively: .txt, .md, .html); a missing path is a failure."""
    files, missing = await asyncio.to_thread(_expand, paths)
    report = await _import_files(store, files, progress=progress, limits=limits, added_by=added_by)
    return ImportReport(report.added, report.duplicates, missing + report.failed)


async def load_seeds(store: ArticleStore, seeds_dir: Path) -> ImportReport:
    """Load every article file in ``seeds_dir``; a restart adds nothing twice."""
    files = await asyncio.to_thread(_seed_files, seeds_dir)
    return await _import_files(store, files, progress=False, limits=IngestLimits(), added_by=None)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot import",
        description="Import article files (.txt, .md, .html) or folders of them into the store.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file or folder")
    add_store_options(parser)
    parser.add_argument("--added-by", type=int, default=None, help="Telegram user id to record")
    return parser


async def _main(args: argparse.Namespace) -> ImportReport:
    store = open_store(args.database)
    await store.open()
    try:
        return await import_paths(
            store, args.paths, progress=not args.no_progress, added_by=args.added_by
        )
    finally:
        await store.close()


def main(argv: list[str] | None = None) -> int:
    """``python -m bot import PATH...``: 0 when every file was stored or a duplicate."""
    return run_report(_main(_parser().parse_args(argv)), kept="articles stored so far are kept")


if __name__ == "__main__":
    raise SystemExit(main())
