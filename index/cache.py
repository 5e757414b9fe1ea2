"""A least-recently-used cache bounded in bytes, for one index generation.

Searches keep what they read (posting lists, document sets) so that the next
search with the same words reads nothing; counting entries bounded nothing
(one posting list may be 800 KB, another 40 bytes), so each entry is weighed
when it is stored and the least recently used go once the weights pass the
budget. Thread-safe.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class ByteLRU(Generic[V]):
    def __init__(self, budget: int):
        self.budget = budget
        self.used = 0
        self._items: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return None
            self._items.move_to_end(key)
            return found[0]

    def put(self, key: Hashable, value: V, size: int) -> None:
        """Keep `value` (weighing `size` bytes), unless it alone would take more
        than a quarter of the budget."""
        if size > self.budget // 4:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.used -= old[1]
            self._items[key] = (value, size)
            self.used += size
            while self.used > self.budget:
                _, (_, dropped) = self._items.popitem(last=False)
                self.used -= dropped

    def __len__(self) -> int:
        return len(self._items)
