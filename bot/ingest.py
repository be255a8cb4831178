"""Source -> text -> Article -> analysis -> store, in one transaction.

Every way an article comes in (a message, an uploaded file, a link, a seed, a bulk
import) goes through :func:`_ingest`, so they share the same checks, the same
duplicate rules and the same errors. Bad input raises :class:`IngestError` with a
one-line message a maintainer can act on, and changes nothing.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import PurePath

from charset_normalizer import from_bytes

from bot.fetch import FetchError, fetch_page, human_size
from bot.store.base import ArticleStore, NewArticle
from summarizer import Analysis, Article, SummarizerError
from summarizer.article import parse_article

# File types that hold an article, and how the summarizer parses each.
FILE_FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_ACCEPTED = ".txt, .md or .html"
_KNOWN_REFUSALS: dict[str, str] = {
    **dict.fromkeys((".pdf",), "PDF documents"),
    **dict.fromkeys(
        (".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".tar"), "compressed files"
    ),
    **dict.fromkeys(
        (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".heic", ".svg"),
        "images",
    ),
    **dict.fromkeys((".doc", ".docx", ".odt", ".rtf", ".pages"), "word-processor documents"),
}
# Declared media types (Telegram's ``mime_type``) that are never article text.
_REFUSED_MEDIA: dict[str, str] = {
    "application/pdf": "PDF documents",
    **dict.fromkeys(
        (
            "application/zip",
            "application/gzip",
            "application/x-gzip",
            "application/x-bzip2",
            "application/x-xz",
            "application/zstd",
            "application/x-7z-compressed",
            "application/vnd.rar",
            "application/x-rar-compressed",
            "application/x-tar",
            "application/x-zip-compressed",
        ),
        "compressed files",
    ),
    **dict.fromkeys(
        (
            "application/msword",
            "application/rtf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.oasis.opendocument.text",
        ),
        "word-processor documents",
    ),
    **dict.fromkeys(
        (
            "application/x-executable",
            "application/x-msdownload",
            "application/vnd.android.package-archive",
        ),
        "programs",
    ),
}
# Leading bytes of formats that are never article text, whatever the file is called.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"(\xb5/\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf'\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "a program"),
    (b"{\\rtf", "an RTF document"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_LATIN1_LABELS = frozenset(
    ("iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819")
)
# Control characters other than tab, newlines and form feed; surrogates; private use.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff]")
# A sentence worth summarising has at least one word of letters ("..." or "12345" do not).
_WORDS = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class IngestLimits:
    max_bytes: int = 2_000_000
    """Cap on a text, a file or a downloaded page."""
    allow_private_urls: bool = False
    """Let links reach private, loopback and link-local addresses (tests, intranets)."""
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    max_redirects: int = 5
    total_timeout: float = 30.0
    """Cap on a whole download, so a server trickling bytes cannot hold a request."""


@dataclass(frozen=True, slots=True)
class IngestResult:
    """``created`` is False when the article was already stored as ``id``."""

    id: int
    created: bool
    title: str | None
    published: date | None
    analysis: Analysis
    duplicate_reason: str | None = None


class IngestError(Exception):
    """Bad input; ``str(e)`` is one line telling the maintainer how to fix it."""


def _analyse(article: Article) -> Analysis:
    """Rank, quote and count: imported here so a bot that only answers starts faster."""
    from summarizer.analysis import analyse_article

    return analyse_article(article)


def mime_refusal(mime_type: str | None) -> str | None:
    """What a declared media type says the file is, when that is never article text."""
    media = (mime_type or "").partition(";")[0].strip().lower()
    if not media:
        return None
    family = media.partition("/")[0]
    if family in ("image", "audio", "video", "font", "model"):
        return f"{family} files"
    return _REFUSED_MEDIA.get(media)


def check_upload(
    filename: str, size: int | None, limits: IngestLimits, *, mime_type: str | None = None
) -> None:
    """Refuse a file by its name, declared type and size, before anything is downloaded."""
    name = PurePath(filename or "").name or "the file"
    suffix = PurePath(name).suffix.lower()
    if suffix not in FILE_FORMATS:
        kind = _KNOWN_REFUSALS.get(suffix)
        what = f"{name}: {kind} are not supported" if kind else f"{name} is not a text article"
        raise IngestError(f"{what}; send a {_ACCEPTED} file, or paste the article's text.")
    if (kind := mime_refusal(mime_type)) is not None:
        raise IngestError(
            f"{name} is declared as {mime_type}: {kind} are not supported; send a {_ACCEPTED} "
            "file, or paste the article's text."
        )
    if size is not None and size > limits.max_bytes:
        raise IngestError(
            f"{name} is {human_size(size)}, more than the {human_size(limits.max_bytes)} limit: "
            "send the article alone, or paste its text."
        )


def _refuse_binary(data: bytes, name: str) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise IngestError(
                f"{name} is {kind}, not text: send a {_ACCEPTED} file, or paste the article's text."
            )
    if data[4:8] == b"ftyp" or (data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE")):
        raise IngestError(f"{name} is an image or media file, not text: send a {_ACCEPTED} file.")


def _looks_binary(text: str) -> bool:
    """NUL, or more than 0.5% control, surrogate or private-use characters."""
    if "\x00" in text:
        return True
    sample = text[:100_000]
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 200)


def decode_text(data: bytes, name: str, *, declared: str | None = None) -> str:
    """Bytes to text: a BOM, then the declared charset, then UTF-8, then detection."""
    _refuse_binary(data, name)
    text: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                text = None
            break
    if text is None and b"\x00" in data:
        raise IngestError(f"{name} is binary data, not text: send a {_ACCEPTED} file.")
    if text is None:
        meta = _META_CHARSET.search(data[:4096])
        named = declared or (meta.group(1).decode("ascii") if meta else None)
        # As browsers do: a page labelled Latin-1 or ASCII is read as windows-1252.
        if named and named.strip().lower().replace("_", "-") in _LATIN1_LABELS:
            candidates: tuple[str | None, ...] = ("cp1252", named, "utf-8")
        else:
            candidates = (named, "utf-8")
        for candidate in candidates:
            if not candidate:
                continue
            try:
                text = data.decode(candidate)
                break
            except (LookupError, UnicodeDecodeError):
                continue
    if text is None:
        best = from_bytes(data).best()
        if best is None:
            raise IngestError(
                f"{name} is not text in any encoding I know: save it as UTF-8 text and send "
                "it again."
            )
        text = str(best)
    if _looks_binary(text):
        raise IngestError(f"{name} is binary data, not text: send a {_ACCEPTED} file.")
    return text


async def _ingest(
    store: ArticleStore,
    raw: str,
    *,
    fmt: str | None,
    source: str,
    added_by: int | None,
    what: str,
) -> IngestResult:
    """The shared pipeline; ``what`` names the input in error messages."""
    if not raw.strip():
        raise IngestError(f"{what} is empty: send the article's full text.")
    try:
        # Today places datelines that give no year ("LISBON, March 3 (Reuters) -").
        today = datetime.now(UTC).date()
        article = await asyncio.to_thread(parse_article, raw, fmt=fmt, reference_date=today)
    except SummarizerError as e:
        raise IngestError(str(e)) from e
    except ValueError as e:  # a format name we do not know
        raise IngestError(f"{what}: {e}") from e
    if not any(_WORDS.search(sentence.text) for sentence in article.sentences):
        raise IngestError(
            f"{what} has no sentence to summarise: send the article's full text, not just "
            "a headline or a link."
        )
    duplicate = await store.find_duplicate(article.body, article.title, article.published)
    if duplicate is None:
        try:
            analysis = await asyncio.to_thread(_analyse, article)
        except SummarizerError as e:
            raise IngestError(str(e)) from e
        added = await store.add(NewArticle(article.body, analysis, source, added_by))
        if added.created:
            return IngestResult(added.id, True, article.title, article.published, analysis)
        duplicate = added  # stored by someone else meanwhile
    existing = await store.get(duplicate.id)
    if existing is None:  # removed between the two calls: store it after all
        return await _ingest(store, raw, fmt=fmt, source=source, added_by=added_by, what=what)
    return IngestResult(
        existing.id,
        False,
        existing.title,
        existing.published,
        existing.analysis,
        duplicate.reason,
    )


def _check_text_size(text: str, what: str, limits: IngestLimits) -> None:
    if len(text) > limits.max_bytes or len(text.encode("utf-8")) > limits.max_bytes:
        raise IngestError(
            f"{what} is {human_size(len(text.encode('utf-8')))}, more than the "
            f"{human_size(limits.max_bytes)} limit: send the article alone."
        )


async def ingest_text(
    store: ArticleStore,
    text: str,
    *,
    source: str = "text",
    added_by: int | None = None,
    fmt: str | None = None,
    limits: IngestLimits = IngestLimits(),
) -> IngestResult:
    """Store an article sent as text (plain, Markdown or HTML; ``fmt=None`` guesses)."""
    _check_text_size(text, "The text", limits)
    if "\x00" in text or _looks_binary(text):
        raise IngestError("The text holds binary data: send the article's text itself.")
    return await _ingest(store, text, fmt=fmt, source=source, added_by=added_by, what="The text")


async def ingest_file(
    store: ArticleStore,
    data: bytes,
    filename: str,
    *,
    added_by: int | None = None,
    limits: IngestLimits = IngestLimits(),
    source: str | None = None,
) -> IngestResult:
    """Store an uploaded ``.txt``, ``.md`` or ``.html`` file; ``source`` defaults to its name."""
    name = PurePath(filename or "").name or "the file"
    check_upload(name, len(data), limits)
    text = await asyncio.to_thread(decode_text, data, name)
    fmt = FILE_FORMATS[PurePath(name).suffix.lower()]
    return await _ingest(
        store,
        text,
        fmt=fmt,
        source=source or f"file:{name}",
        added_by=added_by,
        what=name,
    )


async def ingest_url(
    store: ArticleStore,
    url: str,
    *,
    added_by: int | None = None,
    limits: IngestLimits = IngestLimits(),
) -> IngestResult:
    """Fetch ``url`` (see :mod:`bot.fetch` for the checks) and store its main text."""
    try:
        page = await fetch_page(url, limits)
    except FetchError as e:
        raise IngestError(str(e)) from e
    text = await asyncio.to_thread(decode_text, page.body, page.url, declared=page.charset)
    return await _ingest(
        store, text, fmt=page.fmt, source=page.url, added_by=added_by, what=f"The page {page.url}"
    )
