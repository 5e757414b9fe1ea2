"""Background work, as Anki's taskman: one thread per role, results back by signal.

`Worker` owns one `QThread`. Jobs are plain callables queued in order and run
one at a time on that thread; the library worker is the only thread that
ever touches the `Source` (and so the SQLite connection), the I/O worker scans
drives. The runner object lives on the worker thread and is the only thing
that emits from it; `Worker` (on the UI thread) receives the result through a
queued connection and calls the job's callbacks on the UI thread. Callbacks
never run for a job whose owner was closed.

A job queued with a `key` replaces any job with the same key that has not
started yet, so a burst of keystrokes runs one search, not twenty.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class Job:
    """One queued call; `done` is set when it ran (or was dropped)."""

    def __init__(self, fn: Callable[[], Any], success: Success | None = None,
                 failure: Failure | None = None, key: str | None = None, id: int = 0):
        self.fn = fn
        self.success = success
        self.failure = failure
        self.key = key
        self.id = id
        self.dropped = False
        self.done = threading.Event()

    def cancel(self) -> None:
        """Forget the job's result; if it has not started, it never will."""
        self.dropped = True


class _Runner(QObject):
    """Lives on the worker thread; runs queued jobs and reports each one."""

    finished = Signal(object, object, object)  # job, result, exception

    def __init__(self, queue: deque[Job], lock: threading.Lock):
        super().__init__()
        self._queue = queue
        self._lock = lock

    @Slot()
    def drain(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    return
                job = self._queue.popleft()
            if job.dropped:
                job.done.set()
                self.finished.emit(job, None, None)
                continue
            result: Any = None
            error: BaseException | None = None
            try:
                result = job.fn()
            except BaseException as exc:  # reported to the UI thread, never lost
                error = exc
            job.done.set()
            self.finished.emit(job, result, error)


class Worker(QObject):
    """A single background thread with an ordered job queue."""

    _wake = Signal()
    idle = Signal()

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self._queue: deque[Job] = deque()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._pending: set[Job] = set()
        self._closed = False
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._runner = _Runner(self._queue, self._lock)
        self._runner.moveToThread(self._thread)
        self._wake.connect(self._runner.drain)
        self._runner.finished.connect(self._on_finished)
        self._thread.start()

    def submit(
        self,
        fn: Callable[[], Any],
        success: Success | None = None,
        failure: Failure | None = None,
        *,
        key: str | None = None,
    ) -> Job:
        job = Job(fn, success, failure, key, next(self._ids))
        if self._closed:  # late timers after shutdown: nothing runs, nothing answers
            job.dropped = True
            job.done.set()
            return job
        with self._lock:
            if key is not None:
                for queued in self._queue:
                    if queued.key == key:
                        queued.dropped = True
            self._queue.append(job)
        self._pending.add(job)
        self._wake.emit()
        return job

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    @Slot(object, object, object)
    def _on_finished(self, job: Job, result: Any, error: BaseException | None) -> None:
        self._pending.discard(job)
        try:
            if self._closed or job.dropped:
                return
            if error is None:
                if job.success is not None:
                    job.success(result)
            elif job.failure is not None:
                job.failure(error)
            else:
                logging.getLogger(__name__).error("background job failed", exc_info=error)
        finally:
            if not self._pending:
                self.idle.emit()

    def run_sync(self, fn: Callable[[], Any], timeout: float = 60.0) -> Any:
        """Run `fn` on the worker and wait for it (for shutdown and tests only)."""
        box: dict[str, Any] = {}

        def call() -> None:
            try:
                box["result"] = fn()
            except BaseException as exc:
                box["error"] = exc

        job = self.submit(call)
        if not job.done.wait(timeout):
            raise TimeoutError("the background job did not finish in time")
        if "error" in box:
            raise box["error"]
        return box.get("result")

    def close(self, final: Callable[[], Any] | None = None, timeout: float = 30.0) -> bool:
        """Run `final` on the worker (after queued work), then stop the thread.

        Returns False when the thread is still busy after `timeout` (a long job
        that cannot be interrupted): the caller must then end the process
        without destroying the thread (`os._exit`), which is safe because every
        library write is one transaction.
        """
        if self._closed:
            return True
        finished = True
        if final is not None:
            try:
                self.run_sync(final, timeout)
            except TimeoutError:
                finished = False
            except Exception:
                logging.getLogger(__name__).exception("closing the worker failed")
        self._closed = True
        with self._lock:
            for job in self._queue:
                job.dropped = True
        self._thread.quit()
        return self._thread.wait(int(timeout * 1000)) and finished
