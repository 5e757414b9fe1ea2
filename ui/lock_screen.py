"""The neutral screen of a locked library: a passphrase field and nothing about articles.

Shown at start for a protected library and whenever it locks (Ctrl+L, the
toolbar button, idle time). Its window title is the app's name only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


class LockScreen(QWidget):
    unlock_requested = Signal(str)  # the passphrase typed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.resize(520, 360)
        column = QVBoxLayout(self)
        column.setContentsMargins(48, 40, 48, 40)
        column.addStretch(1)
        self.heading = QLabel(self)
        self.heading.setObjectName("lockHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.heading.setFont(font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.heading)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain.setProperty("role", "muted")
        column.addWidget(self.explain)
        column.addSpacing(16)
        row = QHBoxLayout()
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("lockPassphrase")
        self.passphrase.returnPressed.connect(self._submit)
        self.button = QPushButton(self)
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.button)
        column.addLayout(row)
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        column.addWidget(self.message)
        column.addStretch(2)
        self.translate_ui()

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Satchel"))
        self.heading.setText(self.tr("Satchel is locked"))
        self.explain.setText(self.tr("Type the library's passphrase to open it."))
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.button.setText(self.tr("Unlock"))

    def _submit(self) -> None:
        text = self.passphrase.text()
        if not text:
            return
        self.set_busy(True)
        self.unlock_requested.emit(text)

    def set_busy(self, busy: bool) -> None:
        self.passphrase.setEnabled(not busy)
        self.button.setEnabled(not busy)
        if busy:
            self.message.setText(self.tr("Opening…"))

    def wrong(self) -> None:
        self.set_busy(False)
        self.message.setText(self.tr("That passphrase does not open this library."))
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def failed(self, text: str) -> None:
        self.set_busy(False)
        self.message.setText(text)

    def reset(self) -> None:
        """Ready for the next unlock: nothing typed before is left in the field."""
        self.passphrase.clear()
        self.message.clear()
        self.set_busy(False)
        self.passphrase.setFocus()
