"""Ingesting text and files: good input is stored once; bad input is refused, changing nothing."""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.ingest import (
    IngestError,
    IngestLimits,
    check_upload,
    decode_text,
    ingest_file,
    ingest_text,
)
from bot.store import SQLiteStore
from bot.store.base import ArticleStore

ARTICLE = """Bridge reopens after repairs

The old river bridge reopened to traffic on Tuesday after eight months of repairs, the city
council said. Engineers replaced the steel cables and resurfaced the road.

"It is safer than it has been for fifty years," said Maria Lopez, the council's chief engineer.

About 20,000 vehicles crossed the bridge each day before it closed. Buses will return to the old
route next week.
"""


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[ArticleStore]:
    async with SQLiteStore(tmp_path / "news.db") as opened:
        yield opened


async def test_text_is_stored_with_its_analysis(store: ArticleStore) -> None:
    result = await ingest_text(store, ARTICLE, added_by=7)
    assert result.created and result.duplicate_reason is None
    assert result.title == "Bridge reopens after repairs"
    assert result.analysis.article.sentences[0].text.startswith("The old river bridge reopened")
    stored = await store.get(result.id)
    assert stored is not None
    assert stored.source == "text" and stored.added_by == 7
    assert stored.analysis == result.analysis
    assert stored.text == result.analysis.article.body


async def test_the_seed_article_gets_its_title_and_date(
    store: ArticleStore, seed_text: str
) -> None:
    result = await ingest_text(store, seed_text, source="seed:test")
    assert result.title == "Maduro accused WhatsApp of sharing data with the opposition."
    assert result.published == date(2024, 9, 20)
    stored = await store.get(result.id)
    assert stored is not None and "Today:" not in stored.text


async def test_a_duplicate_returns_the_existing_article(store: ArticleStore) -> None:
    first = await ingest_text(store, ARTICLE)
    again = await ingest_text(store, "  " + ARTICLE.replace("\n", "\n\n") + "\n\n")
    assert (again.id, again.created, again.duplicate_reason) == (first.id, False, "same text")
    assert again.title == first.title and again.analysis == first.analysis
    assert await store.count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("   \n\t \n ", "is empty"),
        ("...", "no sentence"),
        ("12345 - 678", "no sentence"),
        ("<html><body><p>  </p><div></div></body></html>", "no sentence"),
        ("Bridge\x00reopens\x00\x01\x02", "binary"),
    ],
)
async def test_bad_text_is_refused_and_nothing_is_stored(
    store: ArticleStore, text: str, message: str
) -> None:
    with pytest.raises(IngestError, match=message) as caught:
        await ingest_text(store, text)
    assert "\n" not in str(caught.value)
    assert await store.count() == 0


async def test_text_over_the_size_cap_is_refused(store: ArticleStore) -> None:
    limits = IngestLimits(max_bytes=1_000)
    with pytest.raises(IngestError, match="is 4 kB, more than the 1 kB limit"):
        await ingest_text(store, ARTICLE * 10, limits=limits)
    assert await store.count() == 0


async def test_broken_html_still_gives_its_text(store: ArticleStore) -> None:
    broken = (
        "<html><head><title>Bridge</title><body><h1>Bridge reopens after repairs</h2>"
        "<p>The old river bridge reopened to traffic on Tuesday. <b>Engineers replaced the "
        "cables.<p>Buses will return next week.</div></span>"
    )
    result = await ingest_text(store, broken, fmt="html")
    assert result.created
    texts = [s.text for s in result.analysis.article.sentences]
    assert "Buses will return next week." in texts
    assert all("<" not in t for t in texts)


async def test_html_whose_text_is_swallowed_is_refused(store: ArticleStore) -> None:
    # An unclosed <title> makes the whole page its title, as in a browser: no body is left.
    broken = "<html><head><title>Bridge<body><p>The bridge reopened on Tuesday.</p>"
    with pytest.raises(IngestError, match="no sentence to summarise"):
        await ingest_text(store, broken, fmt="html")
    assert await store.count() == 0


# -- files ------------------------------------------------------------------------------------


async def test_text_markdown_and_html_files(store: ArticleStore) -> None:
    txt = await ingest_file(store, ARTICLE.encode(), "bridge.txt")
    md = await ingest_file(
        store,
        b"# Ferry fares fall\n\nFerry fares will fall by a tenth from **May**, the operator "
        b"said. Season tickets are included.\n",
        "ferry.md",
    )
    html = await ingest_file(
        store,
        b"<html><head><meta charset='utf-8'><title>Tram</title></head><body>"
        b"<h1>Tram line opens</h1><p>The first tram line in the town opened on Sunday. "
        b"Rides are free for a week.</p></body></html>",
        "tram.html",
    )
    assert (txt.created, md.created, html.created) == (True, True, True)
    assert md.title == "Ferry fares fall"
    assert md.analysis.article.sentences[0].text.startswith("Ferry fares will fall")
    assert "**" not in md.analysis.article.body
    assert html.title == "Tram line opens"
    assert "<" not in html.analysis.article.body
    stored = await store.get(txt.id)
    assert stored is not None and stored.source == "file:bridge.txt"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Le café a rouvert. Les clients étaient ravis.".encode("latin-1"), "café"),
        ("Le café a rouvert. Les clients étaient ravis.".encode("utf-16"), "étaient"),
        ("Zürich ist schön. Die Brücke ist offen.".encode("utf-8-sig"), "Brücke"),
        ("Цены на хлеб выросли. Мука подорожала на треть.".encode("cp1251"), "Мука"),
    ],
)
def test_charsets_are_detected(data: bytes, expected: str) -> None:
    text = decode_text(data, "x.txt")
    assert expected in text
    assert "\ufffd" not in text and not text.startswith("\ufeff")


async def test_a_latin1_file_from_the_bbc_set(store: ArticleStore, shared_data: Path) -> None:
    data = (shared_data / "bbc_news_summary/articles/sport/199.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = await ingest_file(store, data, "199.txt")
    assert result.created
    assert "\ufffd" not in result.analysis.article.body
    assert not any(0x80 <= ord(ch) < 0xA0 for ch in result.analysis.article.body)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", ARTICLE)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (_zip(), "article.txt", "ZIP archive"),
        (gzip.compress(ARTICLE.encode()), "article.txt", "gzip"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "article.txt", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.txt", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "photo.md", "JPEG image"),
        (bytes(range(256)) * 8, "data.txt", "binary"),
        (b"Bridge\x00reopens\x00on Tuesday.", "nul.txt", "binary"),
        (ARTICLE.encode(), "article.pdf", "PDF documents are not supported"),
        (ARTICLE.encode(), "article.zip", "compressed files are not supported"),
        (ARTICLE.encode(), "photo.jpg", "images are not supported"),
        (ARTICLE.encode(), "report.docx", "word-processor documents"),
        (ARTICLE.encode(), "article", "not a text article"),
        (b"", "empty.txt", "is empty"),
        (b"\n \n", "blank.md", "is empty"),
    ],
)
async def test_files_that_are_not_articles_are_refused(
    store: ArticleStore, data: bytes, name: str, message: str
) -> None:
    with pytest.raises(IngestError, match=message) as caught:
        await ingest_file(store, data, name)
    assert "\n" not in str(caught.value)
    assert await store.count() == 0


async def test_a_100_mb_file_is_refused(store: ArticleStore) -> None:
    size = 100 * 1024 * 1024
    with pytest.raises(IngestError, match=r"104\.9 MB, more than the 2\.0 MB limit"):
        check_upload("huge.txt", size, IngestLimits())
    with pytest.raises(IngestError, match=r"more than the 2\.0 MB limit"):
        await ingest_file(store, b"A sentence about the bridge. " * (size // 29 + 1), "huge.txt")
    assert await store.count() == 0


def test_check_upload_accepts_articles_and_unknown_sizes() -> None:
    limits = IngestLimits()
    for name in ("a.txt", "b.MD", "c.markdown", "d.html", "e.HTM", "dir/f.txt"):
        check_upload(name, 1_000, limits)
    check_upload("a.txt", None, limits)
    check_upload("a.txt", limits.max_bytes, limits)
    with pytest.raises(IngestError):
        check_upload("a.txt", limits.max_bytes + 1, limits)


def test_a_page_labelled_latin1_is_read_as_windows_1252() -> None:
    data = b"<p>\x93The caf\xe9 reopened,\x94 she said.</p>"
    assert decode_text(data, "page", declared="ISO-8859-1") == (
        "<p>“The café reopened,” she said.</p>"
    )
    assert "“" in decode_text(b"<meta charset=latin1><p>\x93Hi.\x94</p>", "page")


async def test_a_dateline_without_a_year_is_placed_in_the_last_twelve_months(
    tmp_path: Path,
) -> None:
    from datetime import UTC, datetime

    from bot.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'dated.db'}")
    await store.open()
    try:
        today = datetime.now(UTC).date()
        text = (
            f"LISBON, {today:%B} {today.day} (Reuters) - Portugal's parliament passed the budget "
            "on Tuesday after a long debate. The vote was close.\n\nThe opposition objected."
        )
        result = await ingest_text(store, text)
        assert result.published == today
        stored = await store.get(result.id)
        assert stored is not None
        assert stored.analysis.article.paragraphs[0].startswith("Portugal's parliament")
    finally:
        await store.close()
