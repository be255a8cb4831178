"""What makes two articles "the same": one definition shared by every store backend.

Three rules, checked in this order:

1. the same normalised body (case, punctuation and spacing ignored): ``content_hash``;
2. the same normalised title on the same date: ``title_key``;
3. near-identical text: at least :data:`NEAR_DUPLICATE` of their word 5-shingles shared
   (Jaccard). Comparing every pair would be quadratic, so each article is indexed by MinHash
   LSH ``band_keys``; only articles sharing a key are compared exactly, with
   :func:`similarity` on their stored text.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

NEAR_DUPLICATE = 0.9
SHINGLE_WORDS = 5
# 20 bands of 5 rows: two texts with Jaccard 0.9 share a band with probability
# 1 - (1 - 0.9**5)**20 > 0.99999998, texts at 0.3 only about 5% of the time.
BANDS = 20
ROWS = 5

_WORD = re.compile(r"\w+")
# Fixed seeds: stored band keys must mean the same thing in every run and release.
_rng = np.random.default_rng(20240920)
_SHINGLE_MULT = _rng.integers(1, 1 << 63, size=SHINGLE_WORDS, dtype=np.uint64) | np.uint64(1)
_HASH_A = _rng.integers(1, 1 << 63, size=BANDS * ROWS, dtype=np.uint64) | np.uint64(1)
_HASH_B = _rng.integers(0, 1 << 63, size=BANDS * ROWS, dtype=np.uint64)
_ROW_MULT = _rng.integers(1, 1 << 63, size=ROWS, dtype=np.uint64) | np.uint64(1)
_BAND_SALT = _rng.integers(0, 1 << 63, size=BANDS, dtype=np.uint64)

REASON_SAME_TEXT = "same text"
REASON_SAME_TITLE_DATE = "same title and date"


def near_reason(score: float) -> str:
    return f"near-identical text ({score:.0%} shared)"


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces: what "the same text" compares."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _shingle_array(words: list[str]) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """Sorted unique 64-bit hashes of the word 5-grams (the whole text when shorter)."""
    if not words:
        return np.empty(0, dtype=np.uint64)
    word_hashes = np.fromiter(
        ((zlib.crc32(b) << 32) | zlib.adler32(b) for b in (w.encode() for w in words)),
        dtype=np.uint64,
        count=len(words),
    )
    width = min(SHINGLE_WORDS, len(words))
    count = len(words) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(width):
            combined += word_hashes[k : k + count] * _SHINGLE_MULT[k]
    return np.unique(combined)


def shingles(text: str) -> frozenset[int]:
    """Stable 64-bit hashes of the word 5-grams of ``text``."""
    return frozenset(_shingle_array(normalise(text).split()).tolist())


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _band_keys(values: np.ndarray[Any, np.dtype[np.uint64]]) -> tuple[int, ...]:
    if values.size == 0:
        return ()
    with np.errstate(over="ignore"):
        # Multiply-shift hashing: one row of the MinHash signature per (a, b) pair.
        hashed = (values[None, :] * _HASH_A[:, None] + _HASH_B[:, None]) >> np.uint64(32)
        signature = hashed.min(axis=1).reshape(BANDS, ROWS)
        keys = (signature * _ROW_MULT[None, :]).sum(axis=1, dtype=np.uint64) + _BAND_SALT
    return tuple(keys.view(np.int64).tolist())


def band_keys(shingle_set: frozenset[int]) -> tuple[int, ...]:
    """MinHash LSH keys (signed 64-bit, one per band) for candidate look-up."""
    return _band_keys(np.array(sorted(shingle_set), dtype=np.uint64))


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """Everything a store needs to find an article's duplicates, computed once."""

    content_hash: str
    title_key: str | None
    shingles: frozenset[int]
    band_keys: tuple[int, ...]

    @classmethod
    def of(cls, text: str, title: str | None, published: date | None) -> Fingerprint:
        return _fingerprint(text, title, published)


@functools.lru_cache(maxsize=16)
def _fingerprint(text: str, title: str | None, published: date | None) -> Fingerprint:
    """Cached: ingestion asks for the same article's fingerprint twice (check, then add)."""
    norm = normalise(text)
    values = _shingle_array(norm.split())
    title_norm = normalise(title) if title else ""
    return Fingerprint(
        content_hash=hashlib.sha256(norm.encode()).hexdigest(),
        title_key=f"{title_norm}|{published.isoformat()}" if title_norm and published else None,
        shingles=frozenset(values.tolist()),
        band_keys=_band_keys(values),
    )
