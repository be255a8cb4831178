"""Every sumy summarizer on our own parsed articles, with no NLTK data download.

sumy's ``Tokenizer`` loads NLTK's punkt model, which a fresh install lacks. Its
parsers and summarizers only ever call ``to_sentences`` and ``to_words``, so
:class:`SumyTokenizer` supplies those from our sentence splitter and NLTK's
data-free Treebank tokenizer. Documents are built straight from an
:class:`~summarizer.model.Article` so sumy ranks exactly our sentences.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from summarizer.errors import UnknownMethodError
from summarizer.language import language_name
from summarizer.model import Article
from summarizer.sentences import split_sentences
from summarizer.tokenize import stemmer, stop_words, word_tokens

#: Our method name -> sumy summarizer class.
SUMY_SUMMARIZERS: dict[str, Callable[..., Any]] = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
    "sumbasic": SumBasicSummarizer,
    "kl": KLSummarizer,
    "reduction": ReductionSummarizer,
}
SUMY_METHODS: tuple[str, ...] = tuple(SUMY_SUMMARIZERS)


class SumyTokenizer:
    """The two calls sumy makes on a tokenizer, without punkt."""

    def __init__(self, language: str = "en") -> None:
        self._code = language
        self._name = language_name(language)

    @property
    def language(self) -> str:
        """The language's full name, as sumy's own tokenizer reports it."""
        return self._name

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph, self._code))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return word_tokens(sentence, self._code)


def build_document(article: Article, tokenizer: SumyTokenizer | None = None) -> Any:
    """A sumy ``ObjectDocumentModel``: one paragraph per article paragraph, our sentences verbatim.

    ``document.sentences[i]`` is ``article.sentences[i]``.
    """
    tokenizer = tokenizer or SumyTokenizer(article.language)
    grouped: dict[int, list[Any]] = {}
    for sentence in article.sentences:
        grouped.setdefault(sentence.paragraph, []).append(SumySentence(sentence.text, tokenizer))
    return ObjectDocumentModel([Paragraph(grouped[p]) for p in sorted(grouped)])


def make_summarizer(method: str, language: str = "en") -> Any:
    """A sumy summarizer for ``method`` with our cached stemmer and sumy's stop words."""
    try:
        factory = SUMY_SUMMARIZERS[method]
    except KeyError:
        raise UnknownMethodError(method, SUMY_METHODS) from None
    summarizer = factory(stemmer(language))
    summarizer.stop_words = stop_words(language)
    return summarizer


class _RecordAll:
    """A ``sentences_count`` that keeps every sentence and records its rating.

    sumy passes ``SentenceInfo(sentence, order, rating)`` rows to a callable count,
    which is the one place every summarizer exposes all of its ratings.
    """

    def __init__(self) -> None:
        self.ratings: dict[int, float] = {}

    def __call__(self, infos: Iterable[Any]) -> list[Any]:
        rows = list(infos)
        for info in rows:
            self.ratings[int(info.order)] = float(info.rating)
        return rows


def sumy_scores(article: Article, method: str, document: Any = None) -> list[float]:
    """sumy's rating of every sentence of ``article`` (higher is better).

    Sentences sumy did not rate (an empty document) score 0; a NaN rating (LexRank
    on sentences that share no word) also becomes 0.
    """
    summarizer = make_summarizer(method, article.language)
    if document is None:
        document = build_document(article)
    recorder = _RecordAll()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # LSA warns on short texts; numpy on 0/0
        summarizer(document, recorder)
    return [_finite(recorder.ratings.get(i, 0.0)) for i in range(len(article.sentences))]


def _finite(value: float) -> float:
    return value if math.isfinite(value) else 0.0


def sumy_terms(article: Article, method: str = "textrank") -> list[list[str]]:
    """The terms sumy's graph methods compare, per sentence (stop words out, stemmed)."""
    summarizer = make_summarizer(method, article.language)
    document = build_document(article)
    return [list(summarizer._to_words_set(s)) for s in document.sentences]
