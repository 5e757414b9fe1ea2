"""Checking a build from outside: with SATCHEL_SMOKE set, the reader quits by itself.

`SATCHEL_SMOKE=paint` quits once the main window is first painted;
`SATCHEL_SMOKE=welcome` once the first run's welcome bundle has been imported and
its articles are listed (after 120 s without, it quits with 1). Either prints one
line, `smoke <what> <seconds>`, the seconds counted from SATCHEL_SMOKE_T0 (the
parent's `time.time()` just before it started the process), else from when the
window was built.

A frozen build runs no test code of ours, so its tests and benchmark
(tests/release/test_standalone.py, bench/standalone.py) drive it this way.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

WELCOME_TIMEOUT_MS = 120_000


_ARMED = time.time()


def _say(what: str) -> None:
    start = float(os.environ.get("SATCHEL_SMOKE_T0") or _ARMED)
    print(f"smoke {what} {time.time() - start:.3f}", flush=True)


class _FirstPaint(QObject):
    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            _say("paint")
            QTimer.singleShot(0, QCoreApplication.quit)
            _obj.removeEventFilter(self)
        return False


def arm(app: Any) -> None:
    """Quit `app` (ui.app.App) when SATCHEL_SMOKE's moment comes; nothing when unset."""
    what = os.environ.get("SATCHEL_SMOKE", "")
    if what == "paint":
        spy = _FirstPaint(app.window)
        app.window.installEventFilter(spy)
    elif what == "welcome":
        deadline = time.monotonic() + WELCOME_TIMEOUT_MS / 1000
        timer = QTimer(app.window)

        def check() -> None:
            if app.prefs.welcome_imported and app.window.articles.model.rowCount() > 0:
                timer.stop()
                _say("welcome")
                QCoreApplication.quit()
            elif time.monotonic() > deadline:
                timer.stop()
                print("smoke welcome: not imported in time", file=sys.stderr, flush=True)
                QCoreApplication.exit(1)

        timer.timeout.connect(check)
        timer.start(100)
