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

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

NEAR_DUPLICATE = 0.9
SHINGLE_WORDS = 5
# 20 bands of 5 rows: two texts with Jaccard 0.9 share a band with probability
# 1 - (1 - 0.9**5)**20 > 0.99999998, texts at 0.3 only about 5% of the time.
BANDS = 20
ROWS = 5

_WORD = re.compile(r"\w+")
_MERSENNE = np.uint64((1 << 61) - 1)
_rng = np.random.default_rng(20240920)  # fixed: band keys must be stable across runs
_A = _rng.integers(1, 1 << 32, size=BANDS * ROWS, dtype=np.uint64)
_B = _rng.integers(0, 1 << 32, size=BANDS * ROWS, dtype=np.uint64)

REASON_SAME_TEXT = "same text"
REASON_SAME_TITLE_DATE = "same title and date"


def near_reason(score: float) -> str:
    return f"near-identical text ({score:.0%} shared)"


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces: what "the same text" compares."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def shingles(text: str) -> frozenset[int]:
    """Stable 64-bit hashes of the word 5-grams of ``text`` (the whole text when shorter)."""
    words = normalise(text).split()
    if not words:
        return frozenset()
    width = min(SHINGLE_WORDS, len(words))
    return frozenset(
        int.from_bytes(
            hashlib.blake2b(" ".join(words[i : i + width]).encode(), digest_size=8).digest(),
            "big",
        )
        for i in range(len(words) - width + 1)
    )


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def band_keys(shingle_set: Iterable[int]) -> tuple[int, ...]:
    """MinHash LSH keys (signed 64-bit, one per band) for candidate look-up."""
    values = np.fromiter((h & 0xFFFFFFFF for h in shingle_set), dtype=np.uint64)
    if values.size == 0:
        return ()
    with np.errstate(over="ignore"):
        hashed = (values[None, :] * _A[:, None] + _B[:, None]) % _MERSENNE
    signature = hashed.min(axis=1)
    keys = []
    for band in range(BANDS):
        rows = signature[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(band.to_bytes(2, "big") + rows.tobytes(), digest_size=8)
        keys.append(int.from_bytes(digest.digest(), "big", signed=True))
    return tuple(keys)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """Everything a store needs to find an article's duplicates, computed once."""

    content_hash: str
    title_key: str | None
    shingles: frozenset[int]
    band_keys: tuple[int, ...]

    @classmethod
    def of(cls, text: str, title: str | None, published: date | None) -> Fingerprint:
        norm = normalise(text)
        shingle_set = shingles(text)
        title_norm = normalise(title) if title else ""
        return cls(
            content_hash=hashlib.sha256(norm.encode()).hexdigest(),
            title_key=f"{title_norm}|{published.isoformat()}" if title_norm and published else None,
            shingles=shingle_set,
            band_keys=band_keys(shingle_set),
        )
