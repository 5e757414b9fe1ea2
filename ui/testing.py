"""Support for driving the desktop reader from tests, screenshots and benchmarks.

`running_app` starts the real app (window, workers, library or bundle) in a
folder and closes everything afterwards; `wait_until` spins the event loop
until a condition holds; `tampered_copy` makes a bundle whose body was
changed after signing. Nothing here is used by the app itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QApplication

from bundles.archive import SafeZipReader, ZipWriter

from .app import App, create_application, start
from .prefs import Prefs


def wait_until(condition: Callable[[], Any], timeout: float = 15.0) -> Any:
    """Process events until `condition()` is truthy; its value, or TimeoutError."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError("the condition did not become true in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.002)


def settle(app: App, timeout: float = 15.0) -> None:
    """Wait until both workers are idle and their results delivered."""
    session = app.session
    wait_until(lambda: not session.worker.busy and not session.io_worker.busy,  # type: ignore[attr-defined]
               timeout)
    QCoreApplication.processEvents()


@contextmanager
def running_app(library: Path, open_file: Path | None = None, *, language: str | None = None,
                theme: str | None = None, welcome: Path | None = None,
                size: tuple[int, int] = (1280, 800)) -> Iterator[App]:
    create_application()
    if language is not None or theme is not None:
        prefs = Prefs(library)
        if language is not None:
            prefs.language = language
        if theme is not None:
            prefs.theme = theme
        prefs.sync()
    app = start(library, open_file, show=True, welcome=welcome or False)
    window = app.window
    window.resize(*size)  # type: ignore[attr-defined]
    wait_until(lambda: window.ready)  # type: ignore[attr-defined]
    try:
        yield app
    finally:
        window.close()  # type: ignore[attr-defined]
        app.close()
        qapp = QApplication.instance()
        app.translations.install("en")  # type: ignore[attr-defined]
        if qapp is not None:
            qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        for obj in (app.themes, app.session, app.session.worker,  # type: ignore[attr-defined]
                    app.session.io_worker):  # type: ignore[attr-defined]
            obj.deleteLater()
        window.deleteLater()  # type: ignore[attr-defined]
        QCoreApplication.processEvents()


def tampered_copy(good: Path, out: Path) -> Path:
    """A copy of `good` whose article body was edited after signing (must be refused)."""
    with SafeZipReader.open(good) as reader:
        entries = {e.name: reader.read(e, 1 << 26) for e in reader.entries}
    body = next(n for n, d in entries.items() if n.startswith("blobs/") and d.startswith(b"<"))
    entries[body] = entries[body].replace(b"p>", b"b>", 1)
    writer = ZipWriter(out)
    for name, data in entries.items():
        writer.add(name, data, compress=name != "mimetype")
    writer.close()
    return out
