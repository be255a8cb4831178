"""One call from raw text to everything the bot shows: parse, rank, quotes, figures."""

from __future__ import annotations

from datetime import date

from summarizer.article import parse_article
from summarizer.errors import EmptyArticleError
from summarizer.figures import extract_figures
from summarizer.model import Analysis, Article
from summarizer.quotes import extract_quotes
from summarizer.ranking import DEFAULT_METHOD, rank


def analyse_article(article: Article, *, method: str | None = None) -> Analysis:
    """Rank every sentence once and extract quotes and figures of a parsed article."""
    if not article.sentences:
        raise EmptyArticleError("no sentence was found in the text")
    ranking = rank(article, method or DEFAULT_METHOD)
    if not ranking.order:
        # Only numbers, symbols or repeated lines: nothing a summary could show.
        raise EmptyArticleError("no sentence with words was found in the text")
    return Analysis(
        article=article,
        ranking=ranking,
        quotes=extract_quotes(article),
        figures=extract_figures(article),
    )


def analyse(
    text: str,
    *,
    fmt: str | None = None,
    language: str = "en",
    title: str | None = None,
    reference_date: date | None = None,
    method: str | None = None,
) -> Analysis:
    """Parse ``text`` (plain, Markdown or HTML) and analyse it.

    Raises :class:`~summarizer.errors.EmptyArticleError` when the text holds no
    sentence, and :class:`~summarizer.errors.SummarizerError` subclasses for an
    unknown language or method.
    """
    article = parse_article(
        text, fmt=fmt, language=language, title=title, reference_date=reference_date
    )
    return analyse_article(article, method=method)
