"""Starting the desktop reader: `run(library=..., open_file=...)` for `satchel` and `satchel open`.

Without a display the app does not start: on Linux with neither DISPLAY nor
WAYLAND_DISPLAY (and no offscreen/minimal platform asked for), or when Qt's
platform plugin fails to load, `run` prints one line pointing to the
command-line tools and returns 3 (an environment problem, DESIGN.md section 6).

The window appears first and the library opens behind it on the worker, so
the reader sees Satchel at once even on an old laptop. Qt itself is imported
inside the functions: without a display, `satchel` says so before loading it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_ENVIRONMENT = 3
HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}
NO_DISPLAY = ("no display found, so the desktop reader cannot start; "
              "the command-line tools work without one: see `satchel --help`")


def display_problem(environ: dict[str, str] | None = None, platform: str | None = None
                    ) -> str | None:
    """Why the GUI cannot start here, or None."""
    env = os.environ if environ is None else environ
    qpa = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].split(";", 1)[0].strip().lower()
    if qpa in HEADLESS_PLATFORMS:
        return None
    system = sys.platform if platform is None else platform
    unix = system.startswith("linux") or "bsd" in system
    if unix and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return NO_DISPLAY
    return None


def _fail(message: str) -> None:
    print(f"satchel: {message}", file=sys.stderr, flush=True)


def _install_fatal_guard() -> Callable[[], None]:
    """Until the app is up, a fatal Qt message (no platform plugin) exits 3 with one line."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler  # Qt: only to start the app

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            _fail(f"the desktop reader cannot start ({message.splitlines()[0]}); "
                  "the command-line tools work without it: see `satchel --help`")
            os._exit(EXIT_ENVIRONMENT)

    previous = qInstallMessageHandler(handler)
    return lambda: qInstallMessageHandler(previous)


# Said by Qt's offscreen and minimal platforms whenever a window's minimum size is set
# (every window with a layout, when shown): they have no window manager to tell.
QUIET_MESSAGES = frozenset({"This plugin does not support propagateSizeHints()"})


def _quiet_headless_messages(app: Any) -> None:
    """On a headless platform, drop the messages that only say it is headless."""
    from PySide6.QtCore import qFormatLogMessage, qInstallMessageHandler  # as above

    if app.platformName() not in HEADLESS_PLATFORMS or app.property("satchel_quiet"):
        return
    app.setProperty("satchel_quiet", True)
    previous: Callable[..., None] | None = None

    def handler(kind: object, context: object, message: str) -> None:
        if message in QUIET_MESSAGES:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(qFormatLogMessage(kind, context, message), file=sys.stderr, flush=True)

    previous = qInstallMessageHandler(handler)


class App:
    """What `start` built, for `run`, tests, screenshots and the startup benchmark."""

    def __init__(self, window: Any, session: Any, prefs: Any, themes: Any,
                 translations: Any):
        self.window = window
        self.session = session
        self.prefs = prefs
        self.themes = themes
        self.translations = translations

    def close(self, timeout: float = 10.0) -> bool:
        """Close the source on its worker and stop the threads; False if one is stuck."""
        session = self.session
        importer = getattr(self.window, "importer", None)
        if importer is not None:
            importer.watch_drives(False)
        source = session.source
        done = session.worker.close(final=source.close if source is not None else None,
                                    timeout=timeout)
        if session.io_worker is not session.worker:
            done = session.io_worker.close(timeout=timeout) and done
        return done


SWITCH_INTERVAL = 0.002  # seconds; CPython's default is 0.005
STYLE = "Fusion"  # the widget style of both themes (`ui.theme`)


def create_application() -> object:
    from PySide6.QtWidgets import QApplication  # Qt: only to start the app (see `run`)

    # The worker searches and imports in Python while the UI thread waits for the GIL
    # to handle each key and paint: hand it over more often, so typing never stutters.
    sys.setswitchinterval(SWITCH_INTERVAL)
    app = QApplication.instance()
    if app is None:
        # Fusion from the start (as `ThemeManager` would set it): asking for it by name
        # here saves making Python's QStyle type (~6 ms) before the first paint.
        app = QApplication([sys.argv[0] if sys.argv else "satchel", "-style", STYLE])
        app.setProperty("satchel_style", STYLE)
    app.setApplicationName("Satchel")
    app.setOrganizationName("Satchel")
    app.setApplicationDisplayName("Satchel")
    app.setDesktopFileName("satchel")
    _quiet_headless_messages(app)
    return app


def start(library: str | os.PathLike[str] | None = None,
          open_file: str | os.PathLike[str] | None = None,
          *, show: bool = True, welcome: Path | bool | None = True) -> App:
    """Build the window and begin opening the library or the bundle (QApplication must exist)."""
    # Imported here, as Qt itself: `satchel` imports this module for every command.
    from PySide6.QtWidgets import QApplication

    from .main_window import WELCOME, MainWindow
    from .prefs import Prefs, library_folder
    from .session import Session
    from .theme import ThemeManager, ThemeMode
    from .translations import Translations
    from .worker import Worker

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    folder = library_folder(library)
    prefs = Prefs(folder)
    translations = Translations(app)
    translations.install(prefs.language)
    try:
        mode = ThemeMode(prefs.theme)
    except ValueError:
        mode = ThemeMode.SYSTEM
    themes = ThemeManager(app, mode)
    worker = Worker("satchel-library", app)
    io_worker = Worker("satchel-io", app)
    session = Session(worker, io_worker, app, library_path=folder)
    window = MainWindow(session, prefs, themes, translations)
    if show:
        window.show()
    welcome_path = WELCOME if welcome is True else (welcome or None)
    if open_file is not None:
        window.when_painted(lambda: window.opening.open_bundle(Path(open_file)))
    else:
        window.when_painted(lambda: window.opening.open_library(folder, welcome_path))
    return App(window, session, prefs, themes, translations)


def run(library: str | os.PathLike[str] | None = None,
        open_file: str | os.PathLike[str] | None = None) -> int:
    """The desktop reader; returns the process exit code."""
    problem = display_problem()
    if problem is not None:
        _fail(problem)
        return EXIT_ENVIRONMENT
    if open_file is not None and not Path(open_file).is_file():
        _fail(f"{open_file}: no such file")
        return 2
    try:
        restore = _install_fatal_guard()
        create_application()
    except Exception as exc:  # a broken Qt install: say so, point to the CLI
        _fail(f"the desktop reader cannot start ({exc}); the command-line tools work without "
              "it: see `satchel --help`")
        return EXIT_ENVIRONMENT
    restore()
    from PySide6.QtWidgets import QApplication  # loaded by `create_application` already

    app = QApplication.instance()
    assert app is not None
    app.setProperty("satchel_quiet", False)  # `restore` took the quiet handler away too
    _quiet_headless_messages(app)
    built = start(library, open_file)
    if os.environ.get("SATCHEL_SMOKE"):
        from .smoke import arm  # checking a build from outside (tests, bench)

        arm(built)
    code = int(app.exec())
    if not built.close():
        # A long job (an index rebuild) is still running and cannot be interrupted; every
        # library write is one transaction, so ending the process here loses nothing.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
