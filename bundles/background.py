"""One function run in a thread, its result or error handed back to the caller."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """Runs `work` in a daemon thread at once; `result()` joins and returns its
    value, or re-raises its error in the caller's thread."""

    def __init__(self, work: Callable[[], T], name: str):
        self._outcome: T | BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True, name=name)
        self._thread.start()

    def _run(self, work: Callable[[], T]) -> None:
        try:
            self._outcome = work()
        except BaseException as exc:  # handed to the caller by result()
            self._outcome = exc

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    @property
    def failed(self) -> bool:
        return isinstance(self._outcome, BaseException)

    def join(self) -> None:
        self._thread.join()

    def result(self) -> T:
        self._thread.join()
        if isinstance(self._outcome, BaseException):
            raise self._outcome
        return self._outcome  # type: ignore[return-value]
