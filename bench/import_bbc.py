"""Import the 2,225 BBC articles into a fresh SQLite store and time the store at that size.

    .venv/bin/python bench/import_bbc.py [DATA_DIR] [--limit N] [--keep PATH]

DATA_DIR defaults to ../shared/data. Reports, side by side in one process:

* baseline: parsing and analysing every article with no store at all;
* import: the same articles through the ingestion pipeline into SQLite
  (parse, duplicate check, analysis, one transaction each), as ``python -m bot import`` does;
* re-run: importing the same files again (every one a duplicate, no analysis spent);
* database size, peak memory (RSS), and search / lookup / listing times at full size.

Timings on a shared machine are noisy: read the ratios against the baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.importer import import_paths
from bot.ingest import IngestError, decode_text, ingest_file
from bot.store import SQLiteStore
from bot.store.fingerprint import _fingerprint
from summarizer import analyse_article, parse_article

QUERIES = (
    "economy growth",
    "election labour",
    "film award",
    "mobile phone",
    "champions league",
    "oil prices",
    "broadband",
    "chancellor budget tax",
)


def fingerprint_cache_clear() -> None:
    _fingerprint.cache_clear()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def db_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


async def timed(fn: Callable[[], Awaitable[Any]], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        await fn()
        times.append(time.perf_counter() - start)
    return times


def fmt_ms(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[int(len(times) * 0.95) - 1] if len(times) >= 20 else times[-1]
    return f"median {statistics.median(times) * 1000:.3f} ms, p95 {p95 * 1000:.3f} ms"


async def run(files: list[Path], db: Path) -> None:
    print(f"articles: {len(files)}  database: {db}")
    rss_start = peak_rss_mb()

    start = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        try:
            text = decode_text(data, path.name)
            analyse_article(parse_article(text, fmt="text"))
        except (IngestError, ValueError) as e:
            print(f"  baseline skipped {path}: {e}")
    baseline = time.perf_counter() - start
    print(
        f"baseline (analysis only, no store): {baseline:.1f} s, "
        f"{len(files) / baseline:.1f} articles/s"
    )

    reasons: Counter[str] = Counter()
    failed: list[tuple[Path, str]] = []
    async with SQLiteStore(db) as store:
        start = time.perf_counter()
        for path in files:
            try:
                result = await ingest_file(
                    store, path.read_bytes(), path.name, source=f"file:{path}"
                )
            except IngestError as e:
                failed.append((path, str(e)))
                continue
            reasons[
                "added" if result.created else (result.duplicate_reason or "?").split(" (")[0]
            ] += 1
        elapsed = time.perf_counter() - start
        count = await store.count()
        print(
            f"import: {elapsed:.1f} s, {len(files) / elapsed:.1f} articles/s "
            f"(x{elapsed / baseline:.2f} the baseline); stored {count}, "
            + ", ".join(f"{k}: {v}" for k, v in sorted(reasons.items()))
            + f", failed: {len(failed)}"
        )
        for path, reason in failed:
            print(f"  failed {path}: {reason}")

        ids = [h.id for h in await store.list(limit=count)]
        rng = random.Random(1)
        print(f"size {count} articles:")
        print(
            "  get(id):           " + fmt_ms(await timed(lambda: store.get(rng.choice(ids)), 1000))
        )
        query_cycle = iter(QUERIES * 50)
        print(
            "  search(query):     "
            + fmt_ms(await timed(lambda: store.search(next(query_cycle)), len(QUERIES) * 50))
        )
        for query in QUERIES[:3]:
            hits = await store.search(query, limit=3)
            print(f"    {query!r}: " + " | ".join(h.title or "?" for h in hits))
        print("  list(10):          " + fmt_ms(await timed(lambda: store.list(), 500)))
        print("  count():           " + fmt_ms(await timed(store.count, 500)))
        probe = await store.get(ids[len(ids) // 2])
        assert probe is not None

        async def find_duplicate() -> None:
            fingerprint_cache_clear()  # time the fingerprint too, as for a new article
            await store.find_duplicate(probe.text, probe.title, probe.published)

        print("  find_duplicate:    " + fmt_ms(await timed(find_duplicate, 200)))
        assert await store.integrity_check() == []

    size = db_size(db)
    print(
        f"database size: {size / 1_000_000:.1f} MB ({size / max(count, 1) / 1000:.1f} kB/article; "
        f"source text {sum(p.stat().st_size for p in files) / 1_000_000:.1f} MB)"
    )
    print(f"peak RSS: {peak_rss_mb():.0f} MB (at start of the run: {rss_start:.0f} MB)")

    async with SQLiteStore(db) as store:
        start = time.perf_counter()
        report = await import_paths(store, files, progress=False)
        elapsed = time.perf_counter() - start
        print(
            f"re-run (python -m bot import path): {elapsed:.1f} s, "
            f"{len(files) / elapsed:.1f} articles/s (x{elapsed / baseline:.2f} the baseline); "
            f"{report.summary()}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=Path("../shared/data"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--keep", type=Path, default=None, help="write the database here")
    args = parser.parse_args(argv)
    articles = args.data / "bbc_news_summary" / "articles"
    files = sorted(articles.glob("*/*.txt"))
    if not files:
        print(f"no articles under {articles}: pass the shared data folder", file=sys.stderr)
        return 2
    files = files[: args.limit] if args.limit else files
    if args.keep:
        if args.keep.exists():
            print(f"{args.keep} exists: choose a new path", file=sys.stderr)
            return 2
        asyncio.run(run(files, args.keep))
        return 0
    with tempfile.TemporaryDirectory(prefix="newsbrief-bench-") as tmp:
        asyncio.run(run(files, Path(tmp) / "bench.db"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
