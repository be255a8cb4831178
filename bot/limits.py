"""Per-user limits on expensive commands: a small token bucket per user, in memory.

A bucket holds up to ``per_minute`` tokens and refills at ``per_minute`` tokens a
minute, so a user may make a burst of ``per_minute`` requests and then one every
``60 / per_minute`` seconds. A rate of 0 turns the limit off. Buckets live in this
process only: a restart forgets them, and webhook replicas each keep their own.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

_PRUNE_AT = 4096


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class UserLimiter:
    """``wait(user_id)`` is 0 when the user may go ahead (a token is taken), else seconds."""

    def __init__(self, per_minute: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._buckets: dict[int, _Bucket] = {}

    @property
    def enabled(self) -> bool:
        return self.per_minute > 0

    def _refilled(self, bucket: _Bucket, now: float) -> float:
        rate = self.per_minute / 60.0
        return min(self.per_minute, bucket.tokens + (now - bucket.updated) * rate)

    def wait(self, user_id: int) -> float:
        """Take a token for ``user_id``; return 0.0, or the seconds until one is available."""
        if not self.enabled:
            return 0.0
        now = self._clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) >= _PRUNE_AT:
                self._prune(now)
            bucket = self._buckets[user_id] = _Bucket(float(self.per_minute), now)
        bucket.tokens, bucket.updated = self._refilled(bucket, now), now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) * 60.0 / self.per_minute

    def _prune(self, now: float) -> None:
        """Forget users whose bucket is full again: they are indistinguishable from new ones."""
        full = [u for u, b in self._buckets.items() if self._refilled(b, now) >= self.per_minute]
        for user_id in full:
            del self._buckets[user_id]


def whole_seconds(wait: float) -> int:
    """A wait as the whole seconds a user is told (never 0)."""
    return max(1, math.ceil(wait))


@dataclass(frozen=True, slots=True)
class UserLimits:
    """The limiters of one running bot: long summaries for everyone, ingestion for maintainers."""

    summaries: UserLimiter
    ingest: UserLimiter

    @classmethod
    def per_minute(cls, summaries: float, ingest: float) -> UserLimits:
        return cls(UserLimiter(summaries), UserLimiter(ingest))
