"""Per-client rate limiting and the count of connected readers, in memory only.

A client is its address. The limiter keeps a token bucket per address, and at
most `clients` addresses (the least recently seen forgotten first), so a flood
of addresses costs bounded memory. Nothing here records what was asked: only
when each address last asked, which the readers count needs and which is gone
when the server stops.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    at: float  # when `tokens` was counted
    seen: float  # the last request


class ClientGuard:
    def __init__(self, rate: float, burst: int, clients: int, reader_seconds: float,
                 clock: Callable[[], float] = time.monotonic):
        self.rate = rate
        self.burst = burst
        self.clients = clients
        self.reader_seconds = reader_seconds
        self._clock = clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, client: str) -> float:
        """0 when `client` may make a request now (one token taken), else the seconds
        until it may."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.pop(client, None)
            if bucket is None:
                bucket = _Bucket(float(self.burst), now, now)
            bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.at) * self.rate)
            bucket.at = bucket.seen = now
            self._buckets[client] = bucket  # most recent last
            while len(self._buckets) > self.clients:
                self._buckets.popitem(last=False)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.rate

    def readers(self) -> int:
        """Addresses that made a request in the last `reader_seconds`."""
        cutoff = self._clock() - self.reader_seconds
        with self._lock:
            return sum(1 for b in self._buckets.values() if b.seen >= cutoff)

    def forget(self) -> None:
        with self._lock:
            self._buckets.clear()
