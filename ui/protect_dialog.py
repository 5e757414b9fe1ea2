"""Setting a passphrase: protecting the library, changing it, the duress passphrase,
and how soon an idle library locks.

`PassphraseDialog` asks for a new passphrase twice (and, to change one, the
current one); it checks only what can be checked here (length, both the same);
the library's answer (a wrong current passphrase) comes back through
`Locking`, which runs the work on the library worker.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

MIN_LENGTH = 8


class PassphraseDialog(QDialog):
    """mode: "protect" (a new passphrase), "change" (current + new), "duress"
    (current + the duress passphrase, empty to remove it)."""

    def __init__(self, mode: str, parent: QWidget | None = None, *, lock_minutes: int = 10):
        super().__init__(parent)
        self.mode = mode
        self.setMinimumWidth(460)
        column = QVBoxLayout(self)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        column.addWidget(self.explain)
        form = QFormLayout()
        self.current = self._field()
        self.new = self._field()
        self.again = self._field()
        self.minutes = QSpinBox(self)
        self.minutes.setRange(1, 240)
        self.minutes.setValue(lock_minutes)
        if mode != "protect":
            form.addRow(self.tr("Current passphrase"), self.current)
        else:
            self.current.hide()
        form.addRow(self.tr("Duress passphrase") if mode == "duress"
                    else self.tr("New passphrase"), self.new)
        form.addRow(self.tr("Repeat it"), self.again)
        if mode != "duress":
            form.addRow(self.tr("Lock after this many idle minutes"), self.minutes)
        else:
            self.minutes.hide()
        column.addLayout(form)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "danger")
        column.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.translate_ui()

    def _field(self) -> QLineEdit:
        field = QLineEdit(self)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def translate_ui(self) -> None:
        if self.mode == "protect":
            self.setWindowTitle(self.tr("Protect this library"))
            self.explain.setText(self.tr(
                "Everything Satchel keeps (articles, titles, publishers, the search index) "
                "will be encrypted with this passphrase. Anyone who takes this computer "
                "sees only noise.\n\nIf you forget the passphrase, nobody can open the "
                "library again, not even you. A few words you will remember are best."))
            self.ok.setText(self.tr("Protect"))
        elif self.mode == "change":
            self.setWindowTitle(self.tr("Change the passphrase"))
            self.explain.setText(self.tr("The library stays as it is; only the passphrase "
                                         "that opens it changes."))
        else:
            self.setWindowTitle(self.tr("Duress passphrase"))
            self.explain.setText(self.tr(
                "If someone forces you to open Satchel, type this passphrase instead of the "
                "real one: your library is destroyed at once, silently, and Satchel opens "
                "with only the welcome articles. Leave it empty to remove it."))

    def _check(self) -> None:
        new, again = self.new.text(), self.again.text()
        if self.mode != "protect" and not self.current.text():
            self.message.setText(self.tr("Type the current passphrase."))
            return
        if self.mode == "duress" and not new and not again:
            self.accept()
            return
        if len(new) < MIN_LENGTH:
            self.message.setText(self.tr("Use at least %n characters (a few words are easy "
                                         "to remember).", "", MIN_LENGTH))
            return
        if new != again:
            self.message.setText(self.tr("The two passphrases differ."))
            return
        if self.mode == "duress" and new == self.current.text():
            self.message.setText(self.tr("The duress passphrase must differ from the real one."))
            return
        self.accept()

    def wrong_current(self) -> None:
        self.message.setText(self.tr("The current passphrase is wrong."))
        self.show()
