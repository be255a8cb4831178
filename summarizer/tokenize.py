"""Words, stems and stop words per language, with no NLTK data to download.

NLTK's ``word_tokenize`` loads the punkt model first, so it fails on a fresh
install; its Treebank-style ``NLTKWordTokenizer`` and the Snowball stemmers are
pure code and are used here instead. Stop words are the lists sumy ships.

Ranking an article stems every word, and Snowball costs about 15 µs a word, so
stems are cached per language for the life of the process: news vocabulary
repeats, and a warm cache makes stemming a dictionary lookup. NLTK takes a
second to import, so it is imported on first use, not with the package.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from summarizer.language import language_name

#: What sumy counts as a word: letters, then letters, apostrophes or hyphens.
_SUMY_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$")
#: A fast approximation of Treebank tokens that are words: letter runs joined by
#: inner hyphens or apostrophes, stopping before a clitic ('s, 'll, 't ...).
_FAST_WORD = re.compile(
    r"([^\W\d_]+(?:(?:-|['’](?!(?:s|d|ll|m|re|ve|t)\b))[^\W\d_]+)*)(?:['’](?:s|d|ll|m|re|ve|t)\b)?"
)

#: Cap on each language's stem cache; it is cleared (not evicted) when reached.
STEM_CACHE_SIZE = 300_000

_stem_caches: dict[str, dict[str, str]] = {}
# Per language: lower-cased word -> id of its stem, or -1 for a stop word; and stem -> id.
_word_ids: dict[str, dict[str, int]] = {}
_stem_ids: dict[str, dict[str, int]] = {}


@cache
def stop_words(language: str = "en") -> frozenset[str]:
    """Lower-case stop words of ``language`` (sumy's list)."""
    from sumy.utils import get_stop_words

    return frozenset(w.lower() for w in get_stop_words(language_name(language)))


@cache
def _snowball(language: str) -> Callable[[str], str]:
    from nltk.stem.snowball import SnowballStemmer

    stem: Callable[[str], str] = SnowballStemmer(language_name(language)).stem
    return stem


@lru_cache(maxsize=1)
def _treebank() -> Callable[[str], list[str]]:
    from nltk.tokenize import NLTKWordTokenizer

    tokenize: Callable[[str], list[str]] = NLTKWordTokenizer().tokenize
    return tokenize


def stem(word: str, language: str = "en") -> str:
    """The Snowball stem of ``word`` lower-cased, cached per language."""
    cache = _stem_caches.get(language)
    if cache is None:
        _snowball(language)  # fail early on an unsupported language
        cache = _stem_caches.setdefault(language, {})
    lowered = word.lower()
    found = cache.get(lowered)
    if found is None:
        if len(cache) >= STEM_CACHE_SIZE:
            cache.clear()
        found = cache[lowered] = _snowball(language)(lowered)
    return found


def stemmer(language: str = "en") -> Callable[[str], str]:
    """A one-argument cached stemmer for ``language`` (what sumy summarizers take)."""
    _snowball(language)

    def stem_one(word: str) -> str:
        return stem(word, language)

    return stem_one


def clear_stem_cache() -> None:
    """Forget cached stems and term ids (benchmarks use it to time a cold start)."""
    _stem_caches.clear()
    _word_ids.clear()
    _stem_ids.clear()


def word_tokens(text: str, language: str = "en") -> tuple[str, ...]:
    """Treebank word tokens of ``text`` that are words, as sumy's tokenizer keeps them."""
    language_name(language)
    return tuple(t for t in _treebank()(text) if _SUMY_WORD.match(t))


def fast_word_tokens(text: str) -> list[str]:
    """Words of ``text`` by one regular expression: about 10x faster than Treebank.

    Differs from :func:`word_tokens` on clitics ("don't" -> "don", "It's" -> "It")
    and a few hyphen/apostrophe edge cases; fine for similarity, not for display.
    """
    return _FAST_WORD.findall(text)


def content_terms(text: str, language: str = "en") -> list[str]:
    """Stems of the words of ``text`` that are not stop words, in order, repeats kept."""
    stops = stop_words(language)
    return [stem(w, language) for w in _FAST_WORD.findall(text.lower()) if w not in stops]


def content_term_ids(text: str, language: str = "en") -> list[int]:
    """:func:`content_terms` as small integers, one per distinct stem per process.

    Ids are stable for the life of the process (until :func:`clear_stem_cache`),
    so a ranking compares them without building a vocabulary of strings.
    """
    table = _word_ids.get(language)
    if table is None:
        stop_words(language)  # fail early on an unsupported language
        table = _word_ids.setdefault(language, {})
    if len(table) >= STEM_CACHE_SIZE:
        clear_stem_cache()
        table = _word_ids.setdefault(language, {})
    words = _FAST_WORD.findall(text.lower())
    ids = [table.get(w, -2) for w in words]
    if -2 in ids:
        ids = [
            i if i != -2 else _learn(w, language, table) for w, i in zip(words, ids, strict=True)
        ]
    return [i for i in ids if i >= 0]


def _learn(word: str, language: str, table: dict[str, int]) -> int:
    if word in stop_words(language):
        table[word] = -1
        return -1
    stems = _stem_ids.setdefault(language, {})
    root = stem(word, language)
    index = stems.get(root)
    if index is None:
        index = stems[root] = len(stems)
    table[word] = index
    return index
