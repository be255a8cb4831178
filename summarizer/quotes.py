"""Direct quotations and their speakers."""

from __future__ import annotations

from summarizer.model import Article, Quote


def extract_quotes(article: Article) -> tuple[Quote, ...]:
    """Every direct quotation in ``article``, in order."""
    return ()
