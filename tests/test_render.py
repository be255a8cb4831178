"""Rendering: escaped Telegram HTML, splitting under the message limit, button data."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import InlineKeyboardMarkup

from bot import render
from bot.service import ArticleView, SummaryView
from bot.store.base import StoredArticle
from summarizer import Analysis, Article, Figure, Quote, Ranking, Sentence, Span
from tests.fake_bot_api import parse_telegram_html, utf16_len


def make_article(
    paragraphs: list[list[str]],
    *,
    article_id: int = 7,
    title: str | None = "Prices <rise> & fall",
    quotes: tuple[Quote, ...] = (),
    figures: tuple[Figure, ...] = (),
) -> StoredArticle:
    """A stored article whose sentences are given, ranked in article order."""
    texts = tuple(" ".join(p) for p in paragraphs)
    sentences: list[Sentence] = []
    for p, sentence_texts in enumerate(paragraphs):
        start = 0
        for text in sentence_texts:
            sentences.append(Sentence(len(sentences), p, start, start + len(text), text))
            start += len(text) + 1
    article = Article(title, date(2024, 9, 20), texts, tuple(sentences))
    ranking = Ranking("test", tuple(1.0 for _ in sentences), tuple(range(len(sentences))))
    analysis = Analysis(article, ranking, quotes, figures)
    return StoredArticle(
        id=article_id,
        title=title,
        published=date(2024, 9, 20),
        source="test",
        content_hash="h",
        text="\n\n".join(texts),
        added_by=None,
        added_at=datetime(2024, 9, 21, tzinfo=UTC),
        analysis=analysis,
    )


def labels_of(keyboard: InlineKeyboardMarkup | None) -> list[str]:
    assert keyboard is not None
    return [button.text for row in keyboard.inline_keyboard for button in row]


def plain(chunks: tuple[str, ...] | list[str]) -> list[str]:
    return [parse_telegram_html(c) for c in chunks]


def test_summary_escapes_article_text_and_names_the_id() -> None:
    article = make_article([["Shares of <Acme> & Co rose 5% 🚀.", "Nobody knew why."]])
    view = SummaryView(article, article.analysis.summary(2), requested=2, cap=10)
    answer = render.summary(view)
    (text,) = plain(answer.chunks)
    assert "Shares of <Acme> & Co rose 5% 🚀." in text
    assert "Prices <rise> & fall" in text
    assert "#7 · 2024-09-20" in text
    assert "&lt;Acme&gt; &amp; Co" in answer.chunks[0]


def test_summary_keyboard_offers_longer_only_while_sentences_remain() -> None:
    article = make_article([["One.", "Two.", "Three.", "Four."]])
    short = render.summary(SummaryView(article, article.analysis.summary(1), 1, cap=10))
    assert short.keyboard is not None
    labels = labels_of(short.keyboard)
    assert labels == ["Quotes (0)", "Figures (0)", "Longer"]
    longer = short.keyboard.inline_keyboard[0][2].callback_data
    assert render.parse_callback(str(longer)) == render.Callback("summary", 7, 3)
    full = render.summary(SummaryView(article, article.analysis.summary(4), 4, cap=10))
    assert labels_of(full.keyboard) == ["Quotes (0)", "Figures (0)"]


def test_summary_says_when_the_request_was_capped() -> None:
    article = make_article([[f"Sentence {i}." for i in range(12)]])
    view = SummaryView(article, article.analysis.summary(10), requested=40, cap=10)
    (text,) = plain(render.summary(view).chunks)
    assert "capped at 10 sentences" in text
    assert "10 of 12 sentences" in text


def test_quotes_show_each_speaker_and_mark_unattributed_ones() -> None:
    quotes = (
        Quote("We will <win> & stay", "Maria Lopez", "said", False, (Span(0, 0, 5),)),
        Quote("never again", None, None, True, (Span(0, 0, 5),)),
    )
    article = make_article([["A sentence."]], quotes=quotes)
    (text,) = plain(render.quotes(ArticleView(article)).chunks)
    assert "“We will <win> & stay” — Maria Lopez" in text
    assert "“…never again…” — unattributed" in text
    assert "2 quotations" in text


def test_figures_list_key_figures_with_what_they_count_and_dates_apart() -> None:
    figures = (
        Figure(2000.0, "more than", None, "strongholds <destroyed>", "count", "over 2 thousand", 0),
        Figure(5.0, None, "percent", "rise in prices", "percent", "5%", 0),
        Figure(2024.0, None, None, "election", "date", "July 28", 0),
    )
    article = make_article([["A sentence."]], figures=figures)
    answer = render.figures(ArticleView(article))
    (text,) = plain(answer.chunks)
    key, dates = text.split("Dates")
    assert "• more than 2,000 strongholds <destroyed> (“over 2 thousand”)" in key
    assert "• 5% rise in prices\n" in key
    assert "• July 28 — election" in dates and "July 28" not in key
    assert "2 key figures" in text


def test_an_amount_restated_in_another_currency_joins_its_line() -> None:
    figures = (
        Figure(6.1e12, None, "INR", "budget <presented>", "money", "Rs 6.1 lakh crore", 0),
        Figure(73.5e9, "about", "USD", "budget <presented>", "money", "about $73.5 billion", 0),
        Figure(9.5e9, None, "USD", "budget <presented>", "money", "$9.5 billion", 1),
    )
    article = make_article([["A sentence.", "Another."]], figures=figures)
    (text,) = plain(render.figures(ArticleView(article)).chunks)
    lines = [line for line in text.splitlines() if line.startswith("•")]
    assert len(lines) == 2
    assert lines[0].endswith(" · about $73.5 billion")
    assert "budget <presented>" in lines[0] and "$9.5 billion" in lines[1]


def test_article_without_quotes_says_so_with_its_id() -> None:
    (text,) = plain(render.quotes(ArticleView(make_article([["Plain."]]))).chunks)
    assert "No direct quotations in #7." in text


def test_search_match_is_mentioned() -> None:
    view = ArticleView(make_article([["Plain."]]), matched="<b>oops")
    (text,) = plain(render.quotes(view).chunks)
    assert "Best match for “<b>oops”." in text


# Splitting ----------------------------------------------------------------------------------


def long_sentences(count: int, words: int = 60) -> list[str]:
    return [
        " ".join(f"w{i}x{j}" for j in range(words)).capitalize() + f" & <{i}>."
        for i in range(count)
    ]


def test_short_text_is_one_chunk() -> None:
    assert render.split_html("<b>hi</b> there") == ["<b>hi</b> there"]


def test_long_summary_splits_at_sentence_ends_under_the_limit() -> None:
    article = make_article([long_sentences(20)])
    view = SummaryView(article, article.analysis.summary(20), requested=20, cap=20)
    answer = render.summary(view)
    assert len(answer.chunks) >= 2
    texts = plain(answer.chunks)
    for chunk, text in zip(answer.chunks, texts, strict=True):
        assert utf16_len(chunk) <= render.MAX_MESSAGE_LENGTH
        assert text.rstrip().endswith((".", "sentences")), text[-40:]
    whole = " ".join(" ".join(t.split()) for t in texts)
    for sentence in article.analysis.article.sentences:
        assert sentence.text in whole


def test_tags_open_at_a_cut_are_closed_and_reopened() -> None:
    body = "<b>" + " ".join(f"word{i}." for i in range(100)) + "</b>"
    chunks = render.split_html(body, limit=120)
    assert len(chunks) > 3
    for chunk in chunks:
        assert chunk.startswith("<b>") and chunk.endswith("</b>")
        assert utf16_len(chunk) <= 120
        parse_telegram_html(chunk)


def test_entities_and_emoji_are_never_cut() -> None:
    body = "&amp;&lt;🚀" * 300
    chunks = render.split_html(body, limit=100)
    assert "".join(plain(chunks)) == "&<🚀" * 300
    assert all(utf16_len(c) <= 100 for c in chunks)


def test_paragraph_breaks_are_preferred_to_sentence_ends() -> None:
    first = "First paragraph. " * 3
    second = "Second one. " * 3
    chunks = render.split_html(f"{first.strip()}\n\n{second.strip()}", limit=70)
    assert chunks[0] == first.strip()


def test_a_tag_longer_than_the_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="longer than the limit"):
        render.split_html('<a href="' + "x" * 200 + '">y</a>' + "z" * 200, limit=100)


_pieces = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40).map(
        render.esc
    ),
    st.sampled_from([". ", "! ", "\n", "\n\n", " ", "🚀", "&amp;", "&#x27;"]),
)


@st.composite
def telegram_html(draw: st.DrawFn) -> str:
    """Balanced HTML: pieces, some wrapped in (possibly nested) tags."""
    parts = []
    for _ in range(draw(st.integers(1, 30))):
        piece = "".join(draw(st.lists(_pieces, min_size=1, max_size=5)))
        tags = draw(st.lists(st.sampled_from(["b", "i", "u", "code"]), max_size=2))
        for tag in tags:
            piece = f"<{tag}>{piece}</{tag}>"
        parts.append(piece)
    return "".join(parts)


@settings(max_examples=80, deadline=None)
@given(telegram_html(), st.integers(64, 300))
def test_every_chunk_is_valid_html_under_the_limit_and_nothing_is_lost(
    text: str, limit: int
) -> None:
    parse_telegram_html(text)
    chunks = render.split_html(text, limit=limit)
    for chunk in chunks:
        assert utf16_len(chunk) <= limit
        parse_telegram_html(chunk)
    original = re.sub(r"\s+", "", parse_telegram_html(text))
    assert re.sub(r"\s+", "", "".join(plain(chunks))) == original


# Buttons and the terminal -------------------------------------------------------------------


@pytest.mark.parametrize(
    "callback",
    [
        render.Callback("summary", 123456789012, 10),
        render.Callback("quotes", 1),
        render.Callback("figures", 99),
        render.Callback("articles", 3),
    ],
)
def test_callback_data_round_trips_within_telegrams_64_bytes(callback: render.Callback) -> None:
    data = render.callback_data(callback)
    assert len(data.encode()) <= 64
    assert render.parse_callback(data) == callback


@pytest.mark.parametrize("data", [None, "", "sum:", "xyz:1", "sum:1:2:3", "sum:abc", "art:-1"])
def test_unknown_callback_data_is_rejected(data: str | None) -> None:
    assert render.parse_callback(data) is None


def test_to_plain_strips_tags_and_unescapes() -> None:
    html = '<b>A &amp; B</b> <a href="https://x.org">link</a> &lt;tag&gt;'
    assert render.to_plain(html) == "A & B link (https://x.org) <tag>"


def test_help_shows_maintainer_commands_only_to_maintainers() -> None:
    reader = "".join(plain(render.help_text("nb_bot", maintainer=False, max_sentences=10).chunks))
    maintainer = "".join(
        plain(render.help_text("nb_bot", maintainer=True, max_sentences=10).chunks)
    )
    assert "/summary [ID | words] [N]" in reader
    assert "/summary@nb_bot" in reader
    assert "/ingest" not in reader
    assert "/ingest TEXT" in maintainer and "/remove ID" in maintainer
