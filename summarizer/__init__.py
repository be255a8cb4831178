"""newsbrief's NLP core: articles in, summaries, quotes and key figures out.

Pure and synchronous: ``str`` in, frozen dataclasses out. It never touches
Telegram, a database or the environment, so it runs the same in the bot, the
command line and the tests.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from summarizer.errors import (
    EmptyArticleError,
    SummarizerError,
    UnknownMethodError,
    UnsupportedLanguageError,
)
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

if TYPE_CHECKING:
    from summarizer.analysis import analyse, analyse_article
    from summarizer.article import detect_format, normalize_text, parse_article, parse_date
    from summarizer.figures import extract_figures
    from summarizer.quotes import extract_quotes
    from summarizer.ranking import DEFAULT_METHOD, METHODS, rank, summarize
    from summarizer.sentences import sentence_spans, split_sentences

# The value types above are all a reader of stored analyses needs; the analysers pull in
# numpy, scipy and large rule tables, so they load on first use (PEP 562). A bot that only
# answers commands starts without them.
_LAZY = {
    "analyse": "summarizer.analysis",
    "analyse_article": "summarizer.analysis",
    "detect_format": "summarizer.article",
    "normalize_text": "summarizer.article",
    "parse_article": "summarizer.article",
    "parse_date": "summarizer.article",
    "extract_figures": "summarizer.figures",
    "extract_quotes": "summarizer.quotes",
    "DEFAULT_METHOD": "summarizer.ranking",
    "METHODS": "summarizer.ranking",
    "rank": "summarizer.ranking",
    "summarize": "summarizer.ranking",
    "sentence_spans": "summarizer.sentences",
    "split_sentences": "summarizer.sentences",
}


def __getattr__(name: str) -> Any:
    try:
        module = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
