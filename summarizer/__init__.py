"""newsbrief's NLP core: articles in, summaries, quotes and key figures out.

Pure and synchronous: ``str`` in, frozen dataclasses out. It never touches
Telegram, a database or the environment, so it runs the same in the bot, the
command line and the tests.
"""

from __future__ import annotations

from summarizer.analysis import analyse, analyse_article
from summarizer.article import detect_format, normalize_text, parse_article, parse_date
from summarizer.errors import (
    EmptyArticleError,
    SummarizerError,
    UnknownMethodError,
    UnsupportedLanguageError,
)
from summarizer.figures import extract_figures
from summarizer.language import DEFAULT_LANGUAGE, LANGUAGES
from summarizer.model import (
    ANALYSIS_VERSION,
    Analysis,
    Article,
    Figure,
    Quote,
    Ranking,
    Sentence,
    Span,
)
from summarizer.quotes import extract_quotes
from summarizer.rank import DEFAULT_METHOD, METHODS, rank, summarize
from summarizer.sentences import sentence_spans, split_sentences

__all__ = [
    "ANALYSIS_VERSION",
    "DEFAULT_LANGUAGE",
    "DEFAULT_METHOD",
    "LANGUAGES",
    "METHODS",
    "Analysis",
    "Article",
    "EmptyArticleError",
    "Figure",
    "Quote",
    "Ranking",
    "Sentence",
    "Span",
    "SummarizerError",
    "UnknownMethodError",
    "UnsupportedLanguageError",
    "analyse",
    "analyse_article",
    "detect_format",
    "extract_figures",
    "extract_quotes",
    "normalize_text",
    "parse_article",
    "parse_date",
    "rank",
    "sentence_spans",
    "split_sentences",
    "summarize",
]
