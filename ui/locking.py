"""Lock, unlock, panic and protect: the only part of the app that knows a library is protected.

- At start, a protected library shows the lock screen (`LockScreen`) instead of
  the window; the passphrase is tried on the library worker (the KDF takes a
  few hundred milliseconds), and the key it gives is kept in the session.
- Lock (Ctrl+L, the toolbar button, or `lock_minutes` without input): the
  network server is asked to stop (`about_to_lock`), dialogs close, the parts
  drop what they show, the library closes on the worker and the key is wiped
  there; the window hides behind the neutral lock screen.
- Panic (Ctrl+Shift+Delete, File menu): the key file is destroyed first, on this
  thread (milliseconds), every window hides, then the library's files are
  removed and the app quits.
- "Protect this library…" converts it in place (offered once at the first run),
  and the passphrase and duress passphrase can be changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .lock_screen import LockScreen
from .protect_dialog import PassphraseDialog

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .prefs import Prefs
    from .session import Session

KEY_FILE = "library.key"  # reader.paths.LibraryPaths.key, without loading the core
_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
          QEvent.Type.Wheel}


def is_protected(folder: Path | None) -> bool:
    return folder is not None and (folder / KEY_FILE).exists()


class Locking(QObject):
    about_to_lock = Signal()  # the network server (`satchel serve`'s dialog) stops here
    locked = Signal()
    unlocked = Signal()

    def __init__(self, session: Session, window: MainWindow, prefs: Prefs):
        super().__init__(window)
        self.session = session
        self.window = window
        self.prefs = prefs
        self.screen = LockScreen()
        self.screen.unlock_requested.connect(self._try_unlock)
        self._then: Callable[[], None] | None = None
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        self.lock_action = self._action("lock", "Ctrl+L", self.lock)
        self.panic_action = self._action("panic", "Ctrl+Shift+Del", self.panic)
        self.protect_action = self._action("protect", None, self.protect)
        self.passphrase_action = self._action("passphrase", None, lambda: self.change("change"))
        self.duress_action = self._action("duress", None, lambda: self.change("duress"))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.translate_ui()
        self.update_actions()

    def _action(self, name: str, shortcut: str | None, slot: Callable[[], Any]) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def translate_ui(self) -> None:
        self.lock_action.setText(self.tr("&Lock"))
        self.lock_action.setToolTip(self.tr("Lock Satchel: the passphrase is needed to open "
                                            "the library again (Ctrl+L)"))
        self.panic_action.setText(self.tr("Panic: destroy the library and quit"))
        self.protect_action.setText(self.tr("Protect this library…"))
        self.passphrase_action.setText(self.tr("Change the passphrase…"))
        self.duress_action.setText(self.tr("Duress passphrase…"))
        self.screen.translate_ui()

    @property
    def protected(self) -> bool:
        return is_protected(self.session.library_path)

    def update_actions(self) -> None:
        protected = self.protected
        for action in (self.lock_action, self.panic_action, self.passphrase_action,
                       self.duress_action):
            action.setVisible(protected)
            action.setEnabled(protected)
        self.protect_action.setVisible(not protected)
        self.protect_action.setEnabled(not protected and self.session.bundle is None)
        # The system's file dialogs record files chosen in its recent files (GTK's
        # recently-used.xbel): Qt's own records nothing.
        QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, protected)
        self._restart_idle()

    # -- unlocking ---------------------------------------------------------------------

    def needs_unlock(self) -> bool:
        return self.protected and self.session.key is None

    def unlock_then(self, then: Callable[[], None]) -> None:
        """Show the lock screen; once the passphrase opens the library, call `then`."""
        self._then = then
        self.window.hide()
        self.screen.reset()
        self.screen.show()
        self.screen.raise_()
        self.screen.activateWindow()

    def _try_unlock(self, passphrase: str) -> None:
        folder = self.session.library_path
        assert folder is not None

        def unlock() -> Any:
            from reader.paths import LibraryPaths
            from reader.protect import unlock as open_key

            return open_key(LibraryPaths(folder), passphrase.encode("utf-8"),
                            lock_held=False).key

        def done(key: Any) -> None:
            self.session.key = key
            self.screen.hide()
            self.screen.reset()
            self.window.show()
            self.unlocked.emit()
            then, self._then = self._then, None
            if then is not None:
                then()
            self.update_actions()

        def failed(exc: BaseException) -> None:
            from reader.errors import WrongPassphrase

            if isinstance(exc, WrongPassphrase):
                self.screen.wrong()
            else:
                self.screen.failed(str(exc))

        self.session.run(unlock, done, failed)

    # -- locking -----------------------------------------------------------------------

    def lock(self) -> None:
        if not self.protected or self.session.key is None:
            return
        self.about_to_lock.emit()
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget is not self.screen and widget.isVisible():
                widget.close()
        key = self.session.key
        self.session.key = None
        self.session.set_source(None)  # its library closes on the worker
        self.session.run(key.wipe, lambda _r: None, lambda _e: None)
        self.window.forget_shown()
        self.unlock_then(lambda: self.window.opening.open_library(
            self.session.library_path, None))
        self.locked.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._restart_idle()
        return False

    def _restart_idle(self) -> None:
        if self.protected and self.session.key is not None:
            self.idle.start(max(1, self.prefs.lock_minutes) * 60_000)
        else:
            self.idle.stop()

    # -- panic -------------------------------------------------------------------------

    def panic(self) -> None:
        folder = self.session.library_path
        if folder is None or not self.protected:
            return
        from reader.paths import LibraryPaths  # loaded long ago by the library itself
        from reader.protect import destroy_key, remove_library_files

        paths = LibraryPaths(folder)
        destroy_key(paths)  # first, here: milliseconds, whatever the library holds
        self.about_to_lock.emit()
        for widget in QApplication.topLevelWidgets():
            widget.hide()
        key, self.session.key = self.session.key, None

        def rest() -> None:
            source = self.session.source
            if source is not None:
                source.close()
            if key is not None:
                key.wipe()
            remove_library_files(paths)

        def quit_(_result: object = None) -> None:
            QApplication.quit()

        self.session.source = None
        self.session.run(rest, quit_, quit_)

    # -- protecting and passphrases ---------------------------------------------------

    def offer_at_first_run(self) -> None:
        """Once: a new library is offered protection before anything is in it."""
        if self.protected or self.prefs.protect_offered:
            return
        self.prefs.protect_offered = True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Protect this library?"),
                          self.tr("Satchel can encrypt everything it keeps with a passphrase, "
                                  "so that anyone who takes this computer sees only noise. "
                                  "You can also do it later from the File menu."),
                          QMessageBox.StandardButton.NoButton, self.window)
        protect = box.addButton(self.tr("Protect…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _r: self.protect() if box.clickedButton() is protect
                             else None)
        box.open()

    def protect(self) -> None:
        if self.protected or self.session.library_path is None:
            return
        dialog = PassphraseDialog("protect", self.window, lock_minutes=self.prefs.lock_minutes)
        dialog.accepted.connect(lambda: self._protect(dialog.new.text(), dialog.minutes.value()))
        dialog.open()

    def _protect(self, passphrase: str, minutes: int) -> None:
        folder = self.session.library_path
        assert folder is not None
        self.prefs.lock_minutes = minutes
        self.prefs.last_article = None  # nothing about articles stays in the settings
        self.window.forget_shown()
        self.session.set_source(None)
        self.window.articles.show_message(self.tr("Encrypting your library…"))

        def work() -> Any:
            from reader.lock import LibraryLock
            from reader.paths import LibraryPaths
            from reader.protect import protect, unlock

            paths = LibraryPaths(folder)
            lock = LibraryLock(paths.lock)
            lock.acquire()
            try:
                protect(paths, passphrase.encode("utf-8"))
            finally:
                lock.release()
            return unlock(paths, passphrase.encode("utf-8"), lock_held=False).key

        def done(key: Any) -> None:
            self.session.key = key
            self.update_actions()
            self.window.opening.open_library(folder, None)

        def failed(exc: BaseException) -> None:
            from .errors import show_exception

            self.window.opening.open_library(folder, None)
            show_exception(self.window, exc)

        self.session.run(work, done, failed)

    def change(self, mode: str) -> None:
        dialog = PassphraseDialog(mode, self.window, lock_minutes=self.prefs.lock_minutes)
        dialog.accepted.connect(lambda: self._change(dialog))
        dialog.open()

    def _change(self, dialog: PassphraseDialog) -> None:
        folder = self.session.library_path
        assert folder is not None
        current, new, mode = dialog.current.text(), dialog.new.text(), dialog.mode
        if mode == "change":
            self.prefs.lock_minutes = dialog.minutes.value()
            self._restart_idle()

        def work() -> None:
            from reader.paths import LibraryPaths
            from reader.protect import change_passphrase, set_duress

            paths = LibraryPaths(folder)
            if mode == "change":
                change_passphrase(paths, current.encode("utf-8"), new.encode("utf-8"))
            else:
                set_duress(paths, current.encode("utf-8"), new.encode("utf-8") if new else None)

        def done(_result: object) -> None:
            self.window.status.showMessage(self.tr("Passphrase changed.") if mode == "change"
                                           else self.tr("Duress passphrase saved."), 5000)

        def failed(exc: BaseException) -> None:
            from reader.errors import WrongPassphrase

            from .errors import show_exception

            if isinstance(exc, WrongPassphrase):
                dialog.wrong_current()
            else:
                show_exception(self.window, exc)

        self.session.run(work, done, failed)

    # -- what leaves the library -------------------------------------------------------

    def confirm_unprotected_copy(self, parent: QWidget) -> bool:
        """Before printing or saving a PDF of an article: the copy is not protected."""
        if not self.protected:
            return True
        answer = QMessageBox.warning(
            parent, self.tr("This copy will not be protected"),
            self.tr("Your library is encrypted, but a printout or a PDF file is not: anyone "
                    "who finds it can read it. Continue?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes
