"""Parsing pages into articles: metadata out, title aside, body verbatim."""

from __future__ import annotations

from datetime import date

import pytest

from summarizer import Article, analyse, parse_article, parse_date
from summarizer.errors import EmptyArticleError, UnsupportedLanguageError

SEED_TITLE = "Maduro accused WhatsApp of sharing data with the opposition."


def _assert_spans_verbatim(article: Article) -> None:
    for sentence in article.sentences:
        paragraph = article.paragraphs[sentence.paragraph]
        assert paragraph[sentence.start : sentence.end] == sentence.text


def test_seed_title_date_and_headline_once(seed_text: str) -> None:
    article = parse_article(seed_text)
    assert article.title == SEED_TITLE
    assert article.published == date(2024, 9, 20)
    assert all(SEED_TITLE not in p for p in article.paragraphs)
    assert all("Today:" not in p for p in article.paragraphs)
    assert article.paragraphs[0].startswith("Venezuelan President Nicolas Maduro")
    _assert_spans_verbatim(article)


def test_seed_summary_has_no_dateline_or_headline(seed_text: str) -> None:
    analysis = analyse(seed_text)
    summary = [s.text for s in analysis.summary(3)]
    assert len(summary) == 3
    for sentence in summary:
        assert "Today:" not in sentence
        assert sentence != SEED_TITLE
        assert sentence in seed_text


def test_inline_agency_dateline_is_stripped_and_dated() -> None:
    text = (
        "LISBON, March 3 (Reuters) - Portugal's government fell on Tuesday. It was a shock.\n\n"
        "The president will speak later."
    )
    article = parse_article(text, reference_date=date(2025, 5, 1))
    assert article.published == date(2025, 3, 3)
    assert article.paragraphs[0] == "Portugal's government fell on Tuesday. It was a shock."
    assert article.title is None


def test_dateline_without_year_and_without_reference_has_no_date() -> None:
    article = parse_article("WASHINGTON, May 2 (AP) - Congress met. It voted.\n\nMore news.")
    assert article.published is None
    assert article.paragraphs[0] == "Congress met. It voted."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Today: Friday, 20 September 2024 year", date(2024, 9, 20)),
        ("Published: 2023-01-05T10:00:00Z", date(2023, 1, 5)),
        ("Updated March 3, 2022 at 10:32 a.m.", date(2022, 3, 3)),
        ("Fri 20 Sep 2024 14.02 BST", date(2024, 9, 20)),
    ],
)
def test_standalone_datelines(line: str, expected: date) -> None:
    article = parse_article(f"{line}\n\nHeadline here\n\nThe body says one thing. And another.")
    assert article.published == expected
    assert article.title == "Headline here"
    assert article.paragraphs == ("The body says one thing. And another.",)


def test_no_date_when_absent() -> None:
    article = parse_article("A headline\n\nSome body text. More of it.")
    assert article.published is None


def test_parse_date_prefers_full_dates() -> None:
    assert parse_date("on 5 June 2021") == date(2021, 6, 5)
    assert parse_date("on June 5") is None
    assert parse_date("on June 5", date(2021, 3, 1)) == date(2020, 6, 5)
    assert parse_date("February 30, 2020") is None


def test_whitespace_is_normalised() -> None:
    text = "Title  of\u00a0it\r\n\r\nFirst\tsentence  here.\u200b Second\u00a0one.\r\n\r\n\r\n"
    article = parse_article(text)
    assert article.title == "Title of it"
    assert article.paragraphs == ("First sentence here. Second one.",)


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = "Title\n\nThe first line of a\nwrapped paragraph ends here.\n\nNext paragraph."
    article = parse_article(text)
    assert article.paragraphs == (
        "The first line of a wrapped paragraph ends here.",
        "Next paragraph.",
    )


def test_byline_and_boilerplate_dropped() -> None:
    text = (
        "Big storm hits coast\n\nBy Jane Doe\n\nAdvertisement\n\n"
        "The storm hit the coast on Monday. Thousands lost power.\n\nShare this article"
    )
    article = parse_article(text)
    assert article.title == "Big storm hits coast"
    assert article.paragraphs == ("The storm hit the coast on Monday. Thousands lost power.",)


def test_a_lead_paragraph_is_not_taken_for_a_title() -> None:
    text = (
        "The central bank raised rates by half a point on Thursday, its biggest increase "
        "in more than two decades, as inflation kept climbing across the region.\n\n"
        "Economists had expected a smaller move."
    )
    article = parse_article(text)
    assert article.title is None
    assert len(article.paragraphs) == 2


def test_markdown_heading_is_title_and_markup_goes() -> None:
    text = (
        "# Budget passed\n\n*Published 2024-02-01*\n\n"
        "The **budget** passed with [a narrow](http://example.com) margin. "
        "![chart](c.png)Critics objected.\n\n- Taxes rise.\n- Spending falls."
    )
    article = parse_article(text)
    assert article.title == "Budget passed"
    assert article.published == date(2024, 2, 1)
    assert article.paragraphs == (
        "The budget passed with a narrow margin. Critics objected.",
        "Taxes rise.",
        "Spending falls.",
    )


def test_html_goes_through_the_extractor() -> None:
    html = (
        "<html><head><title>Storm hits coast | News</title>"
        '<meta property="article:published_time" content="2024-09-20T10:00:00Z"></head>'
        "<body><nav>Home | World | Sport</nav><article><h1>Storm hits coast</h1>"
        "<p>A powerful storm hit the coast on Monday, cutting power to thousands of homes "
        "and closing schools across the region.</p>"
        "<p>Officials said repairs could take a week &amp; urged people to stay indoors.</p>"
        "</article><footer>Contact us</footer><script>var x = '<p>bad</p>';</script></body></html>"
    )
    article = parse_article(html)
    assert article.title is not None and "Storm hits coast" in article.title
    assert article.published == date(2024, 9, 20)
    assert any("take a week & urged" in p for p in article.paragraphs)
    assert not any("Home | World" in p or "var x" in p for p in article.paragraphs)


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>Broken <b>html with <i>tags & stuff",
        "<p>a<p>b</div></span><<<>>>&&&",
        "<html></html>",
        "<",
        "<div>" * 2000,
    ],
)
def test_broken_html_never_crashes(html: str) -> None:
    article = parse_article(html, fmt="html")
    _assert_spans_verbatim(article)


def test_empty_text_parses_to_nothing_and_analysis_says_why() -> None:
    assert parse_article("   \n\n ").paragraphs == ()
    with pytest.raises(EmptyArticleError, match="Nothing to summarise"):
        analyse("  \n ")


def test_unknown_language_and_format_are_clear_errors() -> None:
    with pytest.raises(UnsupportedLanguageError, match="use one of: en"):
        parse_article("Text.", language="xx")
    with pytest.raises(ValueError, match="Unknown format 'pdf'"):
        parse_article("Text.", fmt="pdf")


def test_consecutive_duplicate_paragraphs_dropped() -> None:
    text = "Title\n\nSame words here. Twice.\n\nSame words here. Twice.\n\nOther text."
    article = parse_article(text)
    assert article.paragraphs == ("Same words here. Twice.", "Other text.")


def test_analysis_round_trips_through_json(seed_text: str) -> None:
    import json

    from summarizer import Analysis

    analysis = analyse(seed_text)
    restored = Analysis.from_dict(json.loads(json.dumps(analysis.to_dict())))
    assert restored == analysis


def test_bbc_sample_parses_with_title(shared_data) -> None:  # type: ignore[no-untyped-def]
    folder = shared_data / "bbc_news_summary" / "articles" / "business"
    for path in sorted(folder.glob("*.txt"))[:25]:
        text = path.read_text(encoding="utf-8", errors="replace")
        first_line = text.split("\n", 1)[0].strip()
        article = parse_article(text)
        assert article.title == first_line, path
        _assert_spans_verbatim(article)
        assert article.sentences


def test_a_short_first_sentence_stays_in_the_body() -> None:
    article = parse_article('He said "hi there" and «ok».\n\nNext “para”.')
    assert article.title is None
    assert article.paragraphs == ('He said "hi there" and «ok».', "Next “para”.")


def test_place_dateline_after_a_byline_is_stripped() -> None:
    text = (
        "Nations agree on energy\n\nBy Marta Silva, Environment Correspondent\n\n"
        "DUBAI — Negotiators agreed early on Wednesday. Talks ran late.\n\n"
        "SANTA RITA, Calif. — This dash stays in later paragraphs."
    )
    article = parse_article(text)
    assert article.title == "Nations agree on energy"
    assert article.paragraphs[0] == "Negotiators agreed early on Wednesday. Talks ran late."
    assert article.paragraphs[1].startswith("SANTA RITA, Calif. —")


def test_state_abbreviation_dateline_and_captions() -> None:
    text = (
        "Wildfire jumps highway\n\nSANTA RITA, Calif. — The smell of smoke came first. "
        "Then the flames.\n\nCaption: Firefighters on the ridge on Thursday.\n\nMore text here."
    )
    article = parse_article(text)
    assert article.paragraphs == (
        "The smell of smoke came first. Then the flames.",
        "More text here.",
    )


def test_a_plain_hyphen_after_capitals_is_text() -> None:
    article = parse_article("Title\n\nUK - the country voted. It was close.\n\nMore.")
    assert article.paragraphs[0] == "UK - the country voted. It was close."
