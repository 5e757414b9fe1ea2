"""Light and dark themes: one palette each, calm colours, and a little spacing.

The default follows the system (`QStyleHints.colorScheme`) and changes with
it; the reader can pin light or dark in Settings. Widgets that draw their own
colours (badges, banners, the reading pane's text) ask `ThemeManager.theme`
and listen to `changed`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon


class ThemeMode(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class Theme(NamedTuple):
    dark: bool
    window: str
    base: str
    alt_base: str
    sidebar: str
    text: str
    muted: str
    border: str
    accent: str
    accent_text: str
    selection: str
    selection_text: str
    trusted: str
    unknown: str
    danger: str
    warn_bg: str
    warn_fg: str
    info_bg: str
    info_fg: str
    danger_bg: str
    danger_fg: str
    highlight_bg: str


LIGHT = Theme(
    dark=False,
    window="#f4f3f0", base="#ffffff", alt_base="#f8f7f4", sidebar="#eeece8",
    text="#1f2328", muted="#656d76", border="#dcd9d3",
    accent="#2f6f8f", accent_text="#ffffff",
    selection="#d7e7f0", selection_text="#1f2328",
    trusted="#2e7d4f", unknown="#7b8490", danger="#b3261e",
    warn_bg="#fbf0d9", warn_fg="#5c4200",
    info_bg="#e6eef3", info_fg="#1e3f52",
    danger_bg="#f9e3e1", danger_fg="#6e1712",
    highlight_bg="#fbe7a1",
)

DARK = Theme(
    dark=True,
    window="#1d1f22", base="#25282c", alt_base="#2a2d31", sidebar="#202225",
    text="#e6e4df", muted="#9aa1a9", border="#3a3e44",
    accent="#6fb3d2", accent_text="#10181d",
    selection="#35505f", selection_text="#f1efe9",
    trusted="#6cc28e", unknown="#9aa1a9", danger="#f08a80",
    warn_bg="#3b3220", warn_fg="#f2d9a0",
    info_bg="#243540", info_fg="#cfe3ee",
    danger_bg="#402523", danger_fg="#f5c4bf",
    highlight_bg="#6b5a1e",
)


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def palette_for(theme: Theme) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    colors = {
        role.Window: theme.window,
        role.WindowText: theme.text,
        role.Base: theme.base,
        role.AlternateBase: theme.alt_base,
        role.Text: theme.text,
        role.Button: theme.alt_base,
        role.ButtonText: theme.text,
        role.ToolTipBase: theme.base,
        role.ToolTipText: theme.text,
        role.PlaceholderText: theme.muted,
        role.Highlight: theme.selection,
        role.HighlightedText: theme.selection_text,
        role.Link: theme.accent,
        role.LinkVisited: theme.accent,
        role.BrightText: theme.danger,
        role.Mid: theme.border,
        role.Midlight: theme.alt_base,
        role.Dark: theme.border,
        role.Light: theme.base,
        role.Shadow: "#000000",
    }
    for r, value in colors.items():
        p.setColor(r, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, QColor(theme.muted))
    return p


def stylesheet_for(theme: Theme) -> str:
    t = theme
    return f"""
QToolTip {{ color: {t.text}; background: {t.base}; border: 1px solid {t.border}; padding: 4px; }}
QSplitter::handle {{ background: {t.border}; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QSplitter::handle:vertical {{ height: 1px; }}
QTreeView#sidebar {{ background: {t.sidebar}; border: none; padding: 8px 4px;
    show-decoration-selected: 0; }}
QTreeView#sidebar::item {{ padding: 5px 6px; border-radius: 6px; }}
QTreeView#sidebar::item:selected {{ background: {t.selection}; color: {t.selection_text}; }}
QTreeView#articleList, QListView#searchResults {{ border: none; background: {t.base}; }}
QTreeView#articleList::item {{ padding: 6px 4px; }}
QHeaderView::section {{ background: {t.base}; color: {t.muted}; border: none;
    border-bottom: 1px solid {t.border}; padding: 6px 6px; }}
QLineEdit#searchBox {{ border: 1px solid {t.border}; border-radius: 8px; padding: 6px 10px;
    background: {t.base}; selection-background-color: {t.selection}; }}
QLineEdit#searchBox:focus {{ border: 1px solid {t.accent}; }}
QFrame#topBar {{ background: {t.window}; border-bottom: 1px solid {t.border}; }}
QFrame#provenance {{ background: {t.alt_base}; border: none; }}
QLabel[role="muted"] {{ color: {t.muted}; }}
QLabel[role="heading"] {{ font-weight: 600; }}
QLabel[role="fingerprint"] {{ font-family: "DejaVu Sans Mono", monospace; }}
QPushButton {{ padding: 5px 14px; border-radius: 6px; border: 1px solid {t.border};
    background: {t.base}; }}
QPushButton:hover {{ border-color: {t.accent}; }}
QPushButton:focus {{ border: 1px solid {t.accent}; }}
QPushButton[role="primary"] {{ background: {t.accent}; color: {t.accent_text};
    border-color: {t.accent}; }}
QStatusBar {{ color: {t.muted}; }}
QListWidget#importFiles {{ border: 1px solid {t.border}; border-radius: 8px; padding: 4px;
    background: {t.base}; }}
QListWidget#importFiles::item {{ padding: 6px 4px; }}
QComboBox {{ padding: 3px 8px; }}
"""


def badge_icon(trust: str, theme: Theme, size: int = 16, ratio: float = 1.0) -> QIcon:
    """A small round badge: a tick (trusted), a ring (unverified), a bar (blocked/revoked)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QIcon, QPainter, QPainterPath, QPen, QPixmap

    px = QPixmap(int(size * ratio), int(size * ratio))
    px.setDevicePixelRatio(ratio)
    px.fill(Qt.GlobalColor.transparent)
    painter = QPainter(px)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(2, 2, size - 4, size - 4)
    if trust == "trusted":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.trusted))
        painter.drawEllipse(rect)
        pen = QPen(QColor(theme.base), size / 9)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        path = QPainterPath()
        path.moveTo(size * 0.32, size * 0.52)
        path.lineTo(size * 0.45, size * 0.65)
        path.lineTo(size * 0.70, size * 0.37)
        painter.drawPath(path)
    elif trust in ("blocked", "revoked"):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.danger))
        painter.drawEllipse(rect)
        pen = QPen(QColor(theme.base), size / 8)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(int(size * 0.33), size // 2, int(size * 0.67), size // 2)
    else:
        pen = QPen(QColor(theme.unknown), size / 10)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect.adjusted(1, 1, -1, -1))
    painter.end()
    return QIcon(px)


def dot_icon(color: str, size: int = 16, ratio: float = 1.0) -> QIcon:
    """The unread marker: a small filled dot."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QIcon, QPainter, QPixmap

    px = QPixmap(int(size * ratio), int(size * ratio))
    px.setDevicePixelRatio(ratio)
    px.fill(Qt.GlobalColor.transparent)
    painter = QPainter(px)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    d = size * 0.45
    painter.drawEllipse(QRectF((size - d) / 2, (size - d) / 2, d, d))
    painter.end()
    return QIcon(px)


def close_icon(color: str, size: int = 16, ratio: float = 1.0) -> QIcon:
    """A thin cross, for closing banners."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QIcon, QPainter, QPen, QPixmap

    px = QPixmap(int(size * ratio), int(size * ratio))
    px.setDevicePixelRatio(ratio)
    px.fill(Qt.GlobalColor.transparent)
    painter = QPainter(px)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(color), 1.6)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    m = size * 0.3
    painter.drawLine(QPointF(m, m), QPointF(size - m, size - m))
    painter.drawLine(QPointF(size - m, m), QPointF(m, size - m))
    painter.end()
    return QIcon(px)


class ThemeManager(QObject):
    """Holds the theme in use and re-applies it when the reader or the system changes."""

    changed = Signal(object)  # Theme

    def __init__(self, app: QApplication, mode: ThemeMode = ThemeMode.SYSTEM):
        super().__init__(app)
        self._app = app
        self._mode = mode
        self.theme = LIGHT
        app.setStyle(QStyleFactory.create("Fusion"))
        app.styleHints().colorSchemeChanged.connect(self._system_changed)
        self.apply()

    @property
    def mode(self) -> ThemeMode:
        return self._mode

    def set_mode(self, mode: ThemeMode) -> None:
        self._mode = ThemeMode(mode)
        self.apply()

    def _system_changed(self, _scheme: object) -> None:
        if self._mode == ThemeMode.SYSTEM:
            self.apply()

    def apply(self) -> None:
        dark = system_is_dark() if self._mode == ThemeMode.SYSTEM else self._mode == ThemeMode.DARK
        self.theme = DARK if dark else LIGHT
        self._app.setPalette(palette_for(self.theme))
        self._app.setStyleSheet(stylesheet_for(self.theme))
        self.changed.emit(self.theme)
