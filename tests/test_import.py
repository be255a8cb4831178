"""Bulk import and seeds: counts, failures with reasons, idempotence, and surviving SIGKILL."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.importer import ImportReport, import_paths, load_seeds, main
from bot.store import SQLiteStore
from bot.store.base import ArticleStore
from bot.store.sqlite import decode_analysis

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

_SYLLABLES = tuple(c + v for c in "bdfgklmnprstvz" for v in "aeiou")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def make_article(number: int) -> str:
    """A distinct article: random words, so no two share more than chance shingles."""
    rng = random.Random(number)
    title = f"Report {number} on {_word(rng)} {_word(rng)}"
    paragraphs = []
    for _ in range(3):
        sentences = []
        for _ in range(3):
            words = [_word(rng) for _ in range(rng.randint(8, 14))]
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_articles(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(start, start + count):
        path = folder / f"{number:04d}.txt"
        path.write_text(make_article(number), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[ArticleStore]:
    async with SQLiteStore(tmp_path / "news.db") as opened:
        yield opened


async def test_a_folder_is_imported_once(store: ArticleStore, tmp_path: Path) -> None:
    write_articles(tmp_path / "in" / "politics", 4)
    write_articles(tmp_path / "in" / "sport", 3, start=10)
    (tmp_path / "in" / "notes.json").write_text("{}")  # not an article type: skipped
    (tmp_path / "in" / ".hidden").mkdir()
    write_articles(tmp_path / "in" / ".hidden", 2, start=20)
    first = await import_paths(store, [tmp_path / "in"], progress=False)
    assert first == ImportReport(7, 0, [])
    again = await import_paths(store, [tmp_path / "in"], progress=False)
    assert again == ImportReport(0, 7, [])
    assert await store.count() == 7
    header = (await store.list(limit=1))[0]
    assert header.source == f"file:{tmp_path / 'in' / 'sport' / '0012.txt'}"
    assert header.title == "Report 12 on " + make_article(12).split(" on ", 1)[1].split("\n")[0]


async def test_failures_are_counted_with_their_reasons(store: ArticleStore, tmp_path: Path) -> None:
    good = write_articles(tmp_path / "in", 2)
    (tmp_path / "in" / "empty.txt").write_text("  \n")
    (tmp_path / "in" / "zipped.txt").write_bytes(b"PK\x03\x04" + bytes(100))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    report = await import_paths(
        store, [tmp_path / "in", pdf, tmp_path / "nowhere", good[0]], progress=False
    )
    assert (report.added, report.duplicates) == (2, 1)
    reasons = dict(report.failed)
    assert set(reasons) == {
        str(tmp_path / "nowhere"),
        str(tmp_path / "in" / "empty.txt"),
        str(tmp_path / "in" / "zipped.txt"),
        str(pdf),
    }
    assert reasons[str(tmp_path / "nowhere")] == "no such file or folder"
    assert "is empty" in reasons[str(tmp_path / "in" / "empty.txt")]
    assert "ZIP archive" in reasons[str(tmp_path / "in" / "zipped.txt")]
    assert "PDF documents are not supported" in reasons[str(pdf)]
    assert await store.count() == 2


def test_the_command_prints_counts_and_fails_on_any_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_articles(tmp_path / "in", 3)
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main([str(tmp_path / "in"), "--database", url, "--no-progress"]) == 0
    assert capsys.readouterr().out.strip() == "added 3, duplicates 0, failed 0"
    (tmp_path / "in" / "broken.txt").write_bytes(b"\x00\x01\x02" * 50)
    assert main([str(tmp_path / "in"), "--database", url]) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == "added 0, duplicates 3, failed 1"
    assert f"failed: {tmp_path / 'in' / 'broken.txt'}: " in captured.err
    assert "binary data" in captured.err


def test_the_command_reads_database_url_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_articles(tmp_path / "in", 1)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    assert main([str(tmp_path / "in"), "--no-progress"]) == 0
    assert (tmp_path / "env.db").is_file()
    monkeypatch.setenv("DATABASE_URL", "postgresql://localhost/news")
    assert main([str(tmp_path / "in"), "--no-progress"]) == 2
    assert "PostgreSQL is not supported yet" in capsys.readouterr().err


async def test_seeds_load_once(store: ArticleStore, tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    first = await load_seeds(store, SEEDS)
    assert first == ImportReport(len(seeds), 0, [])
    again = await load_seeds(store, SEEDS)
    assert again == ImportReport(0, len(seeds), [])
    stored = await store.latest()
    assert stored is not None and stored.source == f"seed:{seeds[-1].name}"
    assert await load_seeds(store, tmp_path / "no-seeds-here") == ImportReport(0, 0, [])
    assert await store.count() == len(seeds)


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.DatabaseError:  # not created yet
        return 0


def test_an_import_killed_halfway_leaves_whole_articles_and_completes_on_rerun(
    tmp_path: Path,
) -> None:
    total = 100
    write_articles(tmp_path / "in", total)
    db = tmp_path / "killed.db"
    url = f"sqlite:///{db}"
    log = tmp_path / "import.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.importer", str(tmp_path / "in"), "--database", url],
            cwd=ROOT,
            stdout=output,
            stderr=output,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    try:
        deadline = time.monotonic() + 60
        while _count(db) < 5 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, log.read_text(errors="replace")[-2000:]

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        rows = conn.execute("SELECT id, text, analysis FROM articles").fetchall()
        keys = dict(
            conn.execute("SELECT article_id, count(*) FROM article_keys GROUP BY article_id")
        )
    before = len(rows)
    assert 5 <= before < total
    for article_id, text, analysis_json in rows:
        analysis = decode_analysis(analysis_json, text)
        assert analysis.article.body == text and analysis.article.sentences
        assert keys[article_id] == 20

    assert main([str(tmp_path / "in"), "--database", url, "--no-progress"]) == 0
    assert _count(db) == total
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        sources = [row[0] for row in conn.execute("SELECT source FROM articles ORDER BY id")]
    assert sources == [f"file:{tmp_path / 'in' / f'{n:04d}.txt'}" for n in range(total)]
