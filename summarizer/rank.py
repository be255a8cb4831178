"""Sentence ranking."""

from __future__ import annotations

from summarizer.errors import UnknownMethodError
from summarizer.model import Article, Ranking, Sentence

METHODS: tuple[str, ...] = ("lead",)
DEFAULT_METHOD = "lead"


def rank(article: Article, method: str = DEFAULT_METHOD) -> Ranking:
    if method not in METHODS:
        raise UnknownMethodError(method, METHODS)
    n = len(article.sentences)
    return Ranking(method, tuple(float(n - i) for i in range(n)), tuple(range(n)))


def summarize(article: Article, n: int = 3, method: str = DEFAULT_METHOD) -> tuple[Sentence, ...]:
    ranking = rank(article, method)
    return tuple(article.sentences[i] for i in ranking.top(n))
