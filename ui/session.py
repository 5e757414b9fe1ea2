"""The app context: the worker that owns the data, the open source, and one change signal.

Widgets get a `Session` passed in (no global main window). `call` runs a
`Source` method on the library worker and hands the result to a callback on
the UI thread; `changed` is the one notification after anything changed data
(Anki's `operation_did_execute`), carrying what changed and who asked, so a
widget can skip refreshing for work it started itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QObject, Signal

from .worker import Failure, Job, Worker

if TYPE_CHECKING:
    from .data import Source


class Changed(NamedTuple):
    """What an operation changed (mirrors `reader.changes.Changes` without importing it)."""

    articles: bool = False
    reading: bool = False
    trust: bool = False
    bundles: bool = False
    index: bool = False
    initiator: object = None


class Session(QObject):
    changed = Signal(object)  # Changed
    source_changed = Signal()
    failed = Signal(object)  # an exception no caller handled

    def __init__(self, worker: Worker, io_worker: Worker | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.worker = worker
        self.io_worker = io_worker or worker
        self.source: Source | None = None

    @property
    def read_only(self) -> bool:
        return self.source is None or self.source.read_only

    def set_source(self, source: Source | None) -> None:
        old, self.source = self.source, source
        if old is not None and old is not source:
            self.worker.submit(old.close)
        self.source_changed.emit()

    def call(
        self,
        method: str,
        *args: Any,
        success: Callable[[Any], None] | None = None,
        failure: Failure | None = None,
        key: str | None = None,
    ) -> Job | None:
        """Run `source.<method>(*args)` on the worker; callbacks run on the UI thread."""
        source = self.source
        if source is None:
            return None
        fn = getattr(source, method)
        return self.worker.submit(
            lambda: fn(*args), success, failure or self.failed.emit, key=key
        )

    def run(
        self,
        fn: Callable[[], Any],
        success: Callable[[Any], None] | None = None,
        failure: Failure | None = None,
        key: str | None = None,
    ) -> Job:
        """Run any callable on the library worker (it may use `self.source`)."""
        return self.worker.submit(fn, success, failure or self.failed.emit, key=key)

    def notify(self, changed: Changed) -> None:
        self.changed.emit(changed)
