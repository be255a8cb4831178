"""Arbitrary text never crashes parsing, splitting or summarising."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import (
    EmptyArticleError,
    analyse,
    parse_article,
    split_sentences,
    summarize,
)

texts = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",))),
    st.lists(
        st.sampled_from(
            [
                "Mr.",
                "U.S.",
                "“",
                "”",
                '"',
                "«",
                "»",
                "…",
                ".",
                "!",
                "?",
                "\n",
                "\n\n",
                " ",
                "😀",
                "<b>",
                "&amp;",
                "&",
                "<",
                "\x00",
                "\x07",
                "\u200b",
                "2,000",
                "said",
                "Maduro",
                "The",
                "year",
                "Today:",
                "20 September 2024",
                "#",
                "- ",
                "**",
            ]
        ),
        max_size=60,
    ).map("".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_arbitrary_text_never_crashes(text: str) -> None:
    for fmt in (None, "text", "markdown"):
        article = parse_article(text, fmt=fmt)
        for sentence in article.sentences:
            paragraph = article.paragraphs[sentence.paragraph]
            assert paragraph[sentence.start : sentence.end] == sentence.text
        picked = summarize(article, 3)
        assert len(picked) == min(3, len(picked))
        assert [s.index for s in picked] == sorted({s.index for s in picked})
    split_sentences(text)
    try:
        analysis = analyse(text)
    except EmptyArticleError:
        assert not summarize(parse_article(text), 3)
    else:
        assert analysis.summary(3)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t  ",
        "😀" * 1000,
        "\x00\x01\x02\x1b[31m",
        "word" * 250_000,
        ("word " * 200_000),
        "." * 100_000,
        "“" * 10_000,
    ],
)
def test_extreme_inputs_finish(text: str) -> None:
    article = parse_article(text)
    summarize(article, 3)
    split_sentences(text)
