"""Hostile input: markup in articles, arbitrary text through the renderer, bad uploads, regex traps.

Every reply is checked with the fake Bot API's HTML parser, which refuses what
Telegram refuses; uploads are refused before any download where the declared
name, type or size allows it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot import render
from bot.ingest import IngestResult
from bot.service import ArticlePage, ArticleView, SearchView, SummaryView
from bot.store.base import StoredArticle
from summarizer import (
    EmptyArticleError,
    analyse,
    extract_figures,
    extract_quotes,
    parse_article,
    rank,
)
from tests.fake_bot_api import (
    STRANGER,
    FakeBotAPI,
    RunningBot,
    parse_telegram_html,
    utf16_len,
)
from tests.test_bot_e2e import count, one

ROOT = Path(__file__).resolve().parent.parent

# Property tests -----------------------------------------------------------------------------

_FRAGMENTS = [
    "<script>alert(1)</script>",
    "<b>",
    "</b>",
    "<i",
    "<a href='x'>",
    "&",
    "&amp;",
    "&amp",
    "&#",
    "&#x;",
    "&#99999999;",
    "&bogus;",
    "&lt;",
    "<",
    ">",
    '"',
    "“",
    "”",
    "'",
    "«",
    "»",
    "…",
    ". ",
    "! ",
    "? ",
    "\n",
    "\n\n",
    " ",
    "😀",
    "\u200b",
    "2,000",
    "40%",
    "$3.5 billion",
    "20 September 2024",
    "said",
    "Maduro",
    "The council",
    "people",
    "# ",
    "- ",
    "**",
    "Mr.",
    "U.S.",
    "1.",
    "...",
]

hostile_texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=120).map("".join),
    # Long, repetitive articles: several messages' worth of summary.
    st.tuples(
        st.lists(st.sampled_from(_FRAGMENTS), min_size=5, max_size=40).map("".join),
        st.integers(2, 25),
    ).map(lambda pair: "\n\n".join(f"Para {i}: {pair[0]} word{i}." for i in range(pair[1]))),
)


def _stored(analysis_text: str, article_id: int = 7) -> StoredArticle:
    analysis = analyse(analysis_text)
    article = analysis.article
    return StoredArticle(
        id=article_id,
        title=article.title,
        published=article.published,
        source="hostile",
        content_hash="0" * 64,
        text="\n\n".join(article.paragraphs),
        added_by=None,
        added_at=datetime(2024, 1, 1, tzinfo=UTC),
        analysis=analysis,
    )


def _assert_sendable(reply: render.Reply) -> None:
    """What the fake (and Telegram) accept: parseable HTML, at most 4,096 characters each."""
    assert reply.chunks, "an empty reply cannot be sent"
    for chunk in reply.chunks:
        plain = parse_telegram_html(chunk)
        assert plain.strip()
        assert utf16_len(plain) <= render.MAX_MESSAGE_LENGTH
        assert utf16_len(chunk) <= render.MAX_MESSAGE_LENGTH


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_texts)
# a control character as a reference, which lxml decodes and then refuses to keep in its tree
@example("0<SCRIPT></SCRIPT>&#1")
@example("<p>a &#x1F; b</p><style>x</style>&#0;")
def test_the_parser_and_extractors_never_raise(text: str) -> None:
    for fmt in (None, "text", "markdown", "html"):
        article = parse_article(text, fmt=fmt)
        for sentence in article.sentences:
            assert article.paragraphs[sentence.paragraph][sentence.start : sentence.end] == (
                sentence.text
            )
        extract_quotes(article)
        extract_figures(article)
        if article.sentences:
            assert len(rank(article).order) <= len(article.sentences)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_texts, st.integers(1, 50))
def test_every_reply_about_any_article_is_valid_telegram_html(text: str, n: int) -> None:
    try:
        stored = _stored(text)
    except EmptyArticleError as exc:
        assert str(exc).startswith("Nothing to summarise")  # the documented refusal
        return
    analysis = stored.analysis
    sentences = analysis.summary(min(n, 50))
    for matched in (None, text[:80]):
        view = SummaryView(stored, sentences, requested=n, cap=50, matched=matched)
        _assert_sendable(render.summary(view))
        _assert_sendable(render.quotes(ArticleView(stored, matched)))
        _assert_sendable(render.figures(ArticleView(stored, matched)))
    result = IngestResult(stored.id, True, stored.title, stored.published, analysis)
    _assert_sendable(render.ingested(result))
    duplicate = IngestResult(stored.id, False, stored.title, None, analysis, text[:200])
    _assert_sendable(render.ingested(duplicate))
    headers = tuple(stored.header for _ in range(10))
    _assert_sendable(render.article_page(ArticlePage(headers, 1, 3, 30)))
    _assert_sendable(render.search_results(SearchView(text[:300] or "x", headers)))


# Markup in articles, end to end -------------------------------------------------------------

HOSTILE_ARTICLE = (
    "Council <script>alert('x')</script> & <b>fees</b> &bogus; row\n\n"
    "The <b>council</b> said 5 < 7 & 9 > 3 on Monday, raising &amp; fees by 40% "
    "for &#xZZ; and &#99999999; residents <i>unclosed.\n\n"
    "“We will <not> stop & we mean it,” said Mayor <Ann> Lee. "
    "About 1,200 <people> marched to the hall &lt;on foot&gt;.\n\n"
    'The <a href="javascript:alert(1)">budget</a> of $3 million was approved.'
)


async def test_markup_in_an_article_is_shown_as_text(bot: RunningBot, api: FakeBotAPI) -> None:
    stored = one(await bot.upload(HOSTILE_ARTICLE.encode(), "council.txt", "/ingest"))
    assert stored.text.startswith(
        "Stored as #2: Council <script>alert('x')</script> & <b>fees</b> &bogus; row"
    )
    assert "&lt;script&gt;" in stored.html and "<script" not in stored.html
    summary = "\n".join(m.text for m in await bot.ask("/summary 2 10", STRANGER))
    assert "5 < 7 & 9 > 3" in summary and "raising &amp; fees" in summary
    assert "&#xZZ; and &#99999999; residents <i>unclosed." in summary
    assert '<a href="javascript:alert(1)">budget</a>' in summary
    quotes = "\n".join(m.text for m in await bot.ask("/quotes 2", STRANGER))
    assert "We will <not> stop & we mean it" in quotes
    figures = await bot.ask("/figures 2", STRANGER)
    assert figures and all("<script" not in m.html for m in figures)
    # Sent as /ingest text, the bot may read it as HTML; whatever it shows is escaped.
    pasted = one(await bot.ask(f"/ingest <p>Pasted</p>{HOSTILE_ARTICLE}"))
    assert "#" in pasted.text and "<script" not in pasted.html
    assert "<a " not in pasted.html  # no link of the article's survives as markup
    for message in api.sent():
        parse_telegram_html(message.html)


# Uploads ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "mime_type", "declared", "reason"),
    [
        ("huge.txt", "text/plain", 50_000_000, "more than the 2.0 MB limit"),
        ("huge.html", "text/html", 2_000_001, "more than the 2.0 MB limit"),
        ("archive.zip", "application/zip", None, "compressed files are not supported"),
        ("story.txt.gz", "application/gzip", None, "compressed files are not supported"),
        ("photo.jpg", "image/jpeg", None, "images are not supported"),
        ("paper.pdf", "application/pdf", None, "PDF documents are not supported"),
        ("program.exe", "application/octet-stream", None, "is not a text article"),
        ("data", "application/octet-stream", None, "is not a text article"),
        ("story.txt", "application/zip", None, "declared as application/zip"),
        ("story.md", "image/png", None, "image files are not supported"),
        ("story.html", "application/x-msdownload", None, "programs are not supported"),
    ],
)
async def test_uploads_are_refused_before_any_download(
    bot: RunningBot,
    api: FakeBotAPI,
    filename: str,
    mime_type: str,
    declared: int | None,
    reason: str,
) -> None:
    data = b"PK\x03\x04" + bytes(range(256)) * 4
    reply = one(
        await bot.upload(data, filename, "/ingest", declared_size=declared, mime_type=mime_type)
    )
    assert reason in reply.text and "\n" not in reply.text, reply.text
    assert api.calls("getFile") == [] and api.state.file_downloads == []
    assert await count(bot) == 1


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x1f\x8b\x08\x00" + bytes(range(256)), "gzip-compressed data, not text"),
        (b"%PDF-1.7\n" + bytes(range(256)), "a PDF document, not text"),
        (bytes(range(256)) * 8, "binary data, not text"),
    ],
)
async def test_binary_content_behind_a_text_name_is_refused_after_download(
    bot: RunningBot, api: FakeBotAPI, data: bytes, reason: str
) -> None:
    # Name and declared type look like text: only the bytes can tell.
    reply = one(await bot.upload(data, "story.txt", "/ingest"))
    assert reason in reply.text and "\n" not in reply.text, reply.text
    assert len(api.state.file_downloads) == 1
    assert await count(bot) == 1


# Regular expressions under pathological input -----------------------------------------------

PATHOLOGICAL: dict[str, str] = {
    "straight double quotes": '"' * 6000,
    "curly quotes": "“" * 6000,
    "apostrophes": "'" * 6000,
    "alternating quotes": "\"“”'" * 1500,
    "digits": "7" * 6000,
    "digits and dots": "1." * 3000,
    "digits and commas": "1," * 3000,
    "digits and spaces": "1 " * 3000,
    "dots": "." * 6000,
    "ellipses": "…" * 6000,
    "spaces": "a" + " " * 6000 + "b.",
    "tabs and newlines": "a\t\n" * 2000,
    "abbreviations": "Mr. " * 1500,
    "initials": "A. " * 2000,
    "percent runs": "1% " * 2000,
    "money runs": "$1 " * 2000,
    "open quote never closed": 'He said "' + "word " * 1200,
    "quote and attribution": '"a," said B. ' * 2000,
    "dashes": "-" * 6000,
    "hashes": "#" * 6000,
    "angle brackets": "<" * 6000,
    "ampersands": "&" * 6000,
    "nested-looking tags": "<b>" * 2000,
    "numbers with units": "5 km 3 kg 2 m " * 400,
    "dates": "20 September 2024, " * 300,
}
_FUNCTIONS = ("split_sentences", "parse_article", "extract_quotes", "extract_figures", "rank")
# Generous: catastrophic backtracking takes minutes or forever, not seconds.
BOUND_SECONDS = 20.0

_WORKER = textwrap.dedent(
    """
    import json, sys, time
    from summarizer import (
        extract_figures, extract_quotes, parse_article, rank, split_sentences,
    )
    cases = json.loads(sys.stdin.read())
    for name, text in cases.items():
        article = parse_article("Title\\n\\n" + text, fmt="text")
        calls = {
            "split_sentences": lambda: split_sentences(text),
            "parse_article": lambda: parse_article(text),
            "extract_quotes": lambda: extract_quotes(article),
            "extract_figures": lambda: extract_figures(article),
            "rank": lambda: rank(article),
        }
        for function, call in calls.items():
            print(json.dumps(["start", name, function]), flush=True)
            began = time.perf_counter()
            call()
            print(json.dumps(["done", name, function, time.perf_counter() - began]), flush=True)
    """
)


def test_pathological_input_finishes_in_bounded_time() -> None:
    """Each function on each input; a hang is reported with the input and the function."""
    process = subprocess.Popen(
        [sys.executable, "-c", _WORKER],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    total = BOUND_SECONDS * 4
    try:
        out, err = process.communicate(json.dumps(PATHOLOGICAL), timeout=total)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
    events = [json.loads(line) for line in out.splitlines() if line.startswith("[")]
    started = [e for e in events if e[0] == "start"]
    finished = {(e[1], e[2]): e[3] for e in events if e[0] == "done"}
    if len(finished) < len(PATHOLOGICAL) * len(_FUNCTIONS):
        last = started[-1] if started else ["start", "?", "?"]
        raise AssertionError(
            f"{last[2]} did not finish on {last[1]!r} "
            f"({PATHOLOGICAL.get(last[1], '')[:40]!r}...); stderr: {err[-2000:]}"
        )
    slow = {key: seconds for key, seconds in finished.items() if seconds > BOUND_SECONDS}
    assert slow == {}, f"catastrophically slow: {slow}"
