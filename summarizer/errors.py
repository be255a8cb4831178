"""Errors that say what went wrong and how to fix it."""

from __future__ import annotations


class SummarizerError(ValueError):
    """Base class for every error the summarizer raises on bad input."""


class UnsupportedLanguageError(SummarizerError):
    def __init__(self, language: str, supported: tuple[str, ...]) -> None:
        super().__init__(
            f"Language {language!r} is not supported yet; use one of: {', '.join(supported)}."
        )
        self.language = language


class EmptyArticleError(SummarizerError):
    """The input holds no sentence to work with."""

    def __init__(self, detail: str = "the text is empty") -> None:
        super().__init__(f"Nothing to summarise: {detail}. Give the article's full text.")


class UnknownMethodError(SummarizerError):
    def __init__(self, method: str, known: tuple[str, ...]) -> None:
        super().__init__(f"Unknown method {method!r}; choose one of: {', '.join(known)}.")
        self.method = method
