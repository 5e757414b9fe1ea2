"""Small shared widgets: the message banner, the area that holds banners, plain-text labels."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .icons import close_icon
from .text import in_ui_direction
from .theme import Theme

KINDS = ("info", "warn", "danger", "neutral")
NARROW = 560  # pixels: below this, a banner's buttons go under its text


class Banner(QFrame):
    """A calm one-message strip with optional buttons; hidden until `show_message`."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None, *, closable: bool = True):
        super().__init__(parent)
        self.setObjectName("banner")
        self._kind = "info"
        self._theme: Theme | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 10, 10)
        layout.setSpacing(10)
        self._content = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._content.setSpacing(10)
        layout.addLayout(self._content, 1)
        self.label = text_label("", self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._content.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
        self._button_row = QHBoxLayout()
        self._button_row.setSpacing(6)
        self._content.addLayout(self._button_row)
        self.close_button: QPushButton | None = None
        if closable:
            self.close_button = QPushButton(self)
            self.close_button.setFlat(True)
            self.close_button.setFixedSize(26, 26)
            self.close_button.setStyleSheet(
                "QPushButton { border: none; background: transparent; }"
                "QPushButton:focus { border: 1px solid palette(highlight); border-radius: 4px; }")
            self.close_button.clicked.connect(self.dismiss)
            layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._restyle()

    def _restyle(self) -> None:
        t = self._theme
        if t is None:
            return
        bg, fg = {
            "info": (t.info_bg, t.info_fg),
            "warn": (t.warn_bg, t.warn_fg),
            "danger": (t.danger_bg, t.danger_fg),
            "neutral": (t.alt_base, t.text),
        }[self._kind]
        if self.close_button is not None and not self.isHidden():
            self.close_button.setIcon(close_icon(fg, 16, self.devicePixelRatioF()))
        self.setStyleSheet(
            f"QFrame#banner {{ background: {bg}; border-radius: 8px; }}"
            f"QFrame#banner QLabel {{ color: {fg}; background: transparent; }}"
        )

    def show_message(
        self,
        text: str,
        kind: str = "info",
        buttons: list[tuple[str, Callable[[], None]]] | None = None,
        accessible_name: str = "",
    ) -> None:
        self._kind = kind if kind in KINDS else "info"
        self.label.setText(in_ui_direction(text))
        self.setAccessibleName(accessible_name or text)
        self.label.setAccessibleName(text)
        for button in self._buttons:
            button.hide()
            self._button_row.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        for title, action in buttons or []:
            button = QPushButton(title, self)
            button.setAccessibleName(title)
            button.clicked.connect(action)
            self._button_row.addWidget(button)
            self._buttons.append(button)
        if self.close_button is not None:
            self.close_button.setAccessibleName(self.tr("Dismiss this message"))
        self.show()
        self._restyle()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Narrow: the buttons go under the text instead of squeezing it.
        narrow = self.width() < NARROW and bool(self._buttons)
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self._content.direction() != direction:
            self._content.setDirection(direction)

    @property
    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()


class BannerArea(QWidget):
    """A column of banners (each part owns its own); shown only while one of them is."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 0)
        layout.setSpacing(8)
        self._banners: list[Banner] = []
        self.hide()

    def add(self, *, closable: bool = True) -> Banner:
        banner = Banner(self, closable=closable)
        self.layout().addWidget(banner)
        banner.installEventFilter(self)
        self._banners.append(banner)
        return banner

    def set_theme(self, theme: Theme) -> None:
        for banner in self._banners:
            banner.set_theme(theme)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self.setVisible(any(not b.isHidden() for b in self._banners))
        return False


def text_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows its text as written. Qt's default (AutoText) takes text
    that looks like HTML for HTML, and a name from a bundle can look like anything."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def muted_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = text_label(text, parent)
    label.setProperty("role", "muted")
    label.setWordWrap(True)
    return label


def heading_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = text_label(text, parent)
    label.setProperty("role", "heading")
    label.setWordWrap(True)
    return label
