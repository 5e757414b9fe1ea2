"""Progress of long work, readable from any thread, and the way to cancel it.

The worker updates a `Progress`; the UI polls `snapshot()` (Anki polls every
100 ms) and calls `cancel()`. The worker checks `cancelled` at safe points and
raises `Cancelled`, after undoing what it had started.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass


class CancelToken:
    """A flag one thread sets and another checks."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True)
class ProgressSnapshot:
    stage: str = ""  # "scanning", "verifying", "storing", "indexing", "checking"...
    current_file: str = ""
    files_done: int = 0
    files_total: int = 0
    bytes_done: int = 0  # over all files of this run
    bytes_total: int = 0
    articles: int = 0  # article versions verified so far
    cancelled: bool = False

    @property
    def fraction(self) -> float | None:
        """0..1 when the total is known."""
        return self.bytes_done / self.bytes_total if self.bytes_total else None


class Progress:
    """Thread-safe progress of one run; `cancel()` asks the worker to stop.

    The worker updates plain fields under a lock (it does so per bundle entry,
    so this stays cheap); readers get an immutable `ProgressSnapshot`.
    """

    def __init__(self, token: CancelToken | None = None) -> None:
        self._lock = threading.Lock()
        self._fields = asdict(ProgressSnapshot())
        self.token = token or CancelToken()

    def snapshot(self) -> ProgressSnapshot:
        with self._lock:
            return ProgressSnapshot(**{**self._fields, "cancelled": self.token.cancelled})

    def update(self, **fields: object) -> None:
        with self._lock:
            for name, value in fields.items():
                if name not in self._fields:
                    raise TypeError(f"no progress field {name!r}")
                self._fields[name] = value

    def add(self, *, bytes_done: int = 0, articles: int = 0, files_done: int = 0) -> None:
        with self._lock:
            self._fields["bytes_done"] += bytes_done
            self._fields["articles"] += articles
            self._fields["files_done"] += files_done

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled
