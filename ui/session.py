"""The app context: the worker that owns the data, the open source, and one change signal.

Widgets get a `Session` passed in (no global main window). `call` runs a
`Source` method on the library worker and hands the result to a callback on
the UI thread; `changed(changes, initiator)` is the one notification after
anything changed data (Anki's `operation_did_execute`): `changes` is the
`reader.changes.Changes` the library returned, `initiator` the part that
asked (or None), so a part can skip refreshing for work it started itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from .worker import Failure, Job, Worker

if TYPE_CHECKING:
    from reader.changes import Changes

    from .bundle_source import BundleSource
    from .library_source import LibrarySource
    from .source import Source


class Session(QObject):
    changed = Signal(object, object)  # reader.changes.Changes, initiator (or None)
    source_changed = Signal()  # another source is shown: every part starts over
    failed = Signal(object)  # an exception no caller handled

    def __init__(self, worker: Worker, io_worker: Worker | None = None,
                 parent: QObject | None = None, *, library_path: Path | None = None):
        super().__init__(parent)
        self.worker = worker
        self.io_worker = io_worker or worker
        self.source: Source | None = None
        self.library_path = library_path  # where the library is (or will be made)
        # A protected library's data key (reader.vault.DataKey) while it is unlocked;
        # only `ui.locking` sets it.
        self.key: Any = None

    @property
    def read_only(self) -> bool:
        return self.source is None or self.source.read_only

    @property
    def library(self) -> LibrarySource | None:
        """The library, when it is what is shown (not a bundle opened read-only)."""
        return None if self.read_only else self.source  # type: ignore[return-value]

    @property
    def bundle(self) -> BundleSource | None:
        """The bundle shown read-only, straight from where it is stored."""
        return self.source if self.source is not None and self.source.read_only \
            else None  # type: ignore[return-value]

    def set_source(self, source: Source | None) -> None:
        old, self.source = self.source, source
        if old is not None and old is not source:
            self.worker.submit(old.close)
        self.source_changed.emit()

    def open_library(self, opened: Callable[[LibrarySource], None] | None = None,
                     failed: Failure | None = None) -> None:
        """Open the library on the worker and show it."""
        folder, key = self.library_path, self.key

        def open_source() -> LibrarySource:
            # Imported on the worker: the core (SQLite, cryptography) never loads on the UI
            # thread, and not before the first paint (bench/startup.py).
            from .library_source import LibrarySource

            return LibrarySource.open(folder, key)

        def done(source: LibrarySource) -> None:
            self.set_source(source)
            if opened is not None:
                opened(source)

        self.run(open_source, done, failed)

    def open_bundle(self, path: Path, opened: Callable[[BundleSource], None] | None = None,
                    failed: Failure | None = None) -> None:
        """Verify one bundle on the worker and show it read-only; nothing is imported."""

        def open_source() -> BundleSource:
            from .bundle_source import BundleSource  # on the worker, as `open_library`

            return BundleSource.open(Path(path))

        def done(source: BundleSource) -> None:
            self.set_source(source)
            if opened is not None:
                opened(source)

        self.run(open_source, done, failed)

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

    def notify(self, changes: Changes, initiator: object = None) -> None:
        """Tell every part what an operation changed (and who asked for it)."""
        if changes:
            self.changed.emit(changes, initiator)
