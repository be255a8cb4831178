"""Score every sentence of an article once; a summary of any length is then a lookup.

Methods:

- ``newsbrief`` (default): TextRank centrality with a news-lead prior for the
  first three places, length-balanced weighted degree (Reduction) after them,
  very short sentences scaled down; all from one vectorised word-overlap graph.
  See ``docs/summaries.md`` for how it was chosen.
- ``lead``: article order.
- ``fast-textrank``, ``fast-lexrank``, ``fast-reduction``: vectorised ports
  (numpy/scipy) of sumy's TextRank, LexRank and Reduction that give the same
  scores from the same words, tens to hundreds of times faster.
- ``lexrank``, ``textrank``, ``lsa``, ``luhn``, ``sumbasic``, ``kl``, ``reduction``:
  sumy 0.13's summarizers through :mod:`summarizer.sumy_adapter`, for comparison.

Whatever the method, duplicates of an earlier sentence or of the title, captions,
bylines, datelines and share/subscribe lines never enter ``Ranking.order``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np
from scipy import sparse

from summarizer.boilerplate import is_boilerplate_sentence
from summarizer.errors import UnknownMethodError
from summarizer.model import Article, Ranking, Sentence
from summarizer.tokenize import content_term_ids

SUMY_METHODS: tuple[str, ...] = (
    "lexrank",
    "textrank",
    "lsa",
    "luhn",
    "sumbasic",
    "kl",
    "reduction",
)
OWN_METHODS: tuple[str, ...] = (
    "newsbrief",
    "lead",
    "fast-textrank",
    "fast-lexrank",
    "fast-reduction",
)
METHODS: tuple[str, ...] = OWN_METHODS + SUMY_METHODS
DEFAULT_METHOD = "newsbrief"

FloatArray = np.ndarray[Any, np.dtype[np.float64]]

# ---------------------------------------------------------------------------------------------
# Which sentences may appear in a summary at all.

_NORMALISE = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    """Comparison key for repeats and title copies: case, punctuation, spacing and
    underscores do not matter."""
    return _NORMALISE.sub(" ", text.lower()).strip()


# Part of this module's contract too: what never enters ``Ranking.order``.
is_boilerplate = is_boilerplate_sentence


def eligible(article: Article) -> list[bool]:
    """Which sentences may appear in a summary: no boilerplate, title copy or repeat."""
    seen: set[str] = set()
    if article.title:
        seen.add(_key(article.title))
    flags: list[bool] = []
    for sentence in article.sentences:
        key = _key(sentence.text)
        flags.append(bool(key) and key not in seen and not is_boilerplate(sentence.text))
        seen.add(key)
    return flags


# ---------------------------------------------------------------------------------------------
# Shared vectorised features.


@dataclass(frozen=True, slots=True)
class _Terms:
    """Per-sentence content-word counts as a sparse matrix (sentences x vocabulary)."""

    counts: sparse.csr_matrix
    lengths: FloatArray  # content words per sentence, repeats counted


def _terms(term_lists: Sequence[Sequence[Hashable]]) -> _Terms:
    """Counts of any hashable terms (strings from sumy, ids from our tokenizer)."""
    vocabulary: dict[Hashable, int] = {}
    id_lists = [[vocabulary.setdefault(t, len(vocabulary)) for t in terms] for terms in term_lists]
    return _terms_from_ids(id_lists)


def _terms_from_ids(id_lists: Sequence[Sequence[int]]) -> _Terms:
    n = len(id_lists)
    lengths = np.fromiter((len(ids) for ids in id_lists), dtype=np.int64, count=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    flat = np.fromiter(chain.from_iterable(id_lists), dtype=np.int64, count=int(indptr[-1]))
    columns, inverse = np.unique(flat, return_inverse=True)
    counts = sparse.csr_matrix(
        (np.ones(flat.size), inverse.reshape(-1), indptr), shape=(n, max(columns.size, 1))
    )
    counts.sum_duplicates()
    return _Terms(counts, lengths.astype(np.float64))


def _dense(matrix: Any) -> FloatArray:
    if sparse.issparse(matrix):
        return np.asarray(matrix.toarray(), dtype=np.float64)
    return np.asarray(matrix, dtype=np.float64)


# ---------------------------------------------------------------------------------------------
# Ports of sumy's graph methods: same formulas, matrix form.


def textrank_scores(term_lists: Sequence[Sequence[Hashable]], damping: float = 0.85) -> FloatArray:
    """sumy's TextRank (0.13) on the given per-sentence terms, vectorised.

    Edge weight = shared words (with repeats) / (log len_i + log len_j), self-loops
    included, rows normalised, PageRank with ``damping`` until the L2 step < 1e-4.
    """
    n = len(term_lists)
    if n == 0:
        return np.zeros(0)
    terms = _terms(term_lists)
    return _textrank_from_terms(terms, damping)


def _overlap_weights(terms: _Terms) -> FloatArray:
    """Shared words (with repeats) / (log len_i + log len_j), as in sumy's TextRank.

    Where both sentences have one word the log sum is 0 and sumy keeps the raw count.
    """
    overlap = _dense(terms.counts @ terms.counts.T)
    logs = np.log(np.maximum(terms.lengths, 1.0))
    norm = logs[:, None] + logs[None, :]
    weights: FloatArray = np.divide(overlap, norm, out=overlap, where=norm > 1e-8)
    return weights


def _textrank_from_terms(terms: _Terms, damping: float = 0.85) -> FloatArray:
    return _textrank_from_weights(_overlap_weights(terms), damping)


def _textrank_from_weights(weights: FloatArray, damping: float = 0.85) -> FloatArray:
    """PageRank over TextRank's overlap weights; ``weights`` is normalised in place."""
    n = weights.shape[0]
    weights /= weights.sum(axis=1)[:, None] + 1e-7
    jump = (1.0 - damping) / n
    p = np.full(n, 1.0 / n)
    step = 1.0
    while step > 1e-4:
        nxt = jump * p.sum() + damping * (p @ weights)
        step = float(np.linalg.norm(nxt - p))
        p = nxt
    return p


def reduction_scores(term_lists: Sequence[Sequence[Hashable]]) -> FloatArray:
    """sumy's Reduction (0.13), vectorised: each sentence's summed TextRank edge
    weights to every other sentence (a pair of one-word sentences weighs 0)."""
    if not term_lists:
        return np.zeros(0)
    terms = _terms(term_lists)
    return _degree_from_weights(_overlap_weights(terms), terms.lengths)


def _degree_from_weights(weights: FloatArray, lengths: FloatArray) -> FloatArray:
    """Row sums without the diagonal; ``weights`` is left as it is."""
    degree: FloatArray = weights.sum(axis=1) - np.diagonal(weights)
    single = lengths <= 1
    if single.any():
        block = weights[np.ix_(single, single)]
        degree[single] -= block.sum(axis=1) - np.diagonal(block)
    return degree


def lexrank_scores(
    term_lists: Sequence[Sequence[Hashable]], threshold: float = 0.1, epsilon: float = 0.1
) -> FloatArray:
    """sumy's LexRank (0.13) on the given per-sentence terms, vectorised.

    tf = count / max count in the sentence, idf = log(N / (1 + df)); idf-modified
    cosine above ``threshold`` makes an edge; rows divided by degree; power method
    with L2 normalisation until the step < ``epsilon``.
    """
    n = len(term_lists)
    if n == 0:
        return np.zeros(0)
    terms = _terms(term_lists)
    counts = terms.counts.tocsr()
    row_max = counts.max(axis=1).toarray().ravel()
    row_max[row_max == 0] = 1.0
    tf = sparse.diags(1.0 / row_max) @ counts
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    idf = np.log(n / (1.0 + df))
    weighted = (tf @ sparse.diags(idf)).tocsr()
    numerator = _dense(weighted @ weighted.T)
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    denominator = norms[:, None] * norms[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        cosine = np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1), 0)
    adjacency = (cosine > threshold).astype(np.float64)
    degrees = adjacency.sum(axis=1)
    degrees[degrees == 0] = 1.0
    adjacency /= degrees[:, None]
    p = np.full(n, 1.0 / n)
    step = 1.0
    while step > epsilon:
        nxt = p @ adjacency
        norm = float(np.linalg.norm(nxt))
        if norm == 0.0:
            return np.zeros(n)
        nxt /= norm
        step = float(np.linalg.norm(nxt - p))
        p = nxt
    return p


# ---------------------------------------------------------------------------------------------
# newsbrief's own method.


@dataclass(frozen=True, slots=True)
class NewsbriefWeights:
    """Weights of the default method, chosen on BBC and the editor set (docs/summaries.md)."""

    head: int = 3  # first places go to the news score (centrality + lead prior)
    position: float = 0.6  # strength of the lead prior in the head
    position_decay: float = 3.0  # eligible sentences until the prior halves
    short_words: int = 6  # fewer content words than this: scaled down
    length_power: float = -0.25  # after the head: degree x (length / mean) ** this


WEIGHTS = NewsbriefWeights()


def newsbrief_scores(
    article: Article, flags: list[bool], weights: NewsbriefWeights | None = None
) -> FloatArray:
    """Scores of the default method; sorting eligible sentences by them gives the order.

    Both signals come from one word-overlap graph (TextRank's edge weights). The
    first ``head`` places (what a 3-sentence brief shows) go to TextRank
    centrality plus a lead prior, because news puts the facts first. The rest
    follow weighted degree (sumy's Reduction), mildly favouring shorter
    sentences, because the overlap weights over-reward long ones.
    """
    weights = weights or WEIGHTS
    n = len(article.sentences)
    if n == 0:
        return np.zeros(0)
    terms = _terms_from_ids([content_term_ids(s.text, article.language) for s in article.sentences])
    overlap = _overlap_weights(terms)
    degree = _degree_from_weights(overlap, terms.lengths)
    centrality = _textrank_from_weights(overlap)
    mask = np.asarray(flags, dtype=bool)
    if not mask.any():
        return centrality
    centrality = centrality / max(float(centrality[mask].mean()), 1e-12)
    degree = degree / max(float(degree[mask].mean()), 1e-12)
    short = np.minimum(1.0, (terms.lengths + 1.0) / float(weights.short_words))
    place = np.maximum(np.cumsum(mask) - 1, 0)  # position among eligible sentences
    prior = weights.position_decay / (weights.position_decay + place)
    news = (centrality + weights.position * prior) * short
    mean_length = max(float(terms.lengths[mask].mean()), 1.0)
    tail = degree * short * (np.maximum(terms.lengths, 1.0) / mean_length) ** weights.length_power

    eligible_ids = np.flatnonzero(mask)
    head = eligible_ids[np.argsort(-news[eligible_ids], kind="stable")][: weights.head]
    final = tail.copy()
    top = float(tail[mask].max())
    for place_in_head, index in enumerate(head):
        final[index] = top + float(weights.head - place_in_head)
    return final


# ---------------------------------------------------------------------------------------------
# Public API.

_PORTS: dict[str, Callable[[Sequence[Sequence[Hashable]]], FloatArray]] = {
    "fast-textrank": textrank_scores,
    "fast-lexrank": lexrank_scores,
    "fast-reduction": reduction_scores,
}


def scores_for(article: Article, method: str, flags: list[bool] | None = None) -> list[float]:
    """Raw per-sentence scores of ``method`` (higher is better), before eligibility."""
    if method not in METHODS:
        raise UnknownMethodError(method, METHODS)
    n = len(article.sentences)
    if n == 0:
        return []
    if method == "lead":
        return [float(n - i) for i in range(n)]
    if method in _PORTS:
        id_lists = [content_term_ids(s.text, article.language) for s in article.sentences]
        port = _PORTS[method]
        return [float(x) for x in port(id_lists)]
    if method == "newsbrief":
        return [float(x) for x in newsbrief_scores(article, flags or eligible(article))]
    from summarizer.sumy_adapter import sumy_scores

    return sumy_scores(article, method)


def rank(article: Article, method: str = DEFAULT_METHOD) -> Ranking:
    """Score every sentence of ``article``; ``order`` holds the eligible ones, best first.

    Ties go to the earlier sentence. Raises :class:`UnknownMethodError` for an
    unknown method name.
    """
    if method not in METHODS:
        raise UnknownMethodError(method, METHODS)
    flags = eligible(article)
    candidates = [i for i, ok in enumerate(flags) if ok]
    values = [v if math.isfinite(v) else 0.0 for v in scores_for(article, method, flags)]
    order = sorted(candidates, key=lambda i: (-values[i], i))
    return Ranking(
        method=method,
        scores=tuple(values),
        order=tuple(order),
    )


def summarize(article: Article, n: int = 3, method: str = DEFAULT_METHOD) -> tuple[Sentence, ...]:
    """The ``n`` best sentences of ``article``, verbatim and in article order.

    Never the title, a caption, a byline, a dateline or a repeated sentence; exactly
    ``min(n, number of eligible sentences)`` of them.
    """
    ranking = rank(article, method)
    return tuple(article.sentences[i] for i in ranking.top(n))
