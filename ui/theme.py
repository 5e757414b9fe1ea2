"""Light and dark themes: one palette each, calm colours, and a little spacing.

The default follows the system (`QStyleHints.colorScheme`) and changes with
it; the reader can pin light or dark in Settings. Widgets that draw their own
colours (badges, banners, the reading pane's text) ask `ThemeManager.theme`
and listen to `changed`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

if TYPE_CHECKING:
    from PySide6.QtCore import Qt


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


def system_is_dark(scheme: Qt.ColorScheme | None = None) -> bool:
    """Whether the computer is set to a dark look (`QStyleHints.colorScheme`)."""
    # Imported here: naming Qt loads its ~100 enums (27 ms), which the first paint
    # does without (`ThemeManager`, bench/startup.py).
    from PySide6.QtCore import Qt

    if scheme is None:
        scheme = QGuiApplication.styleHints().colorScheme()
    return scheme == Qt.ColorScheme.Dark


def platform_palette_is_dark() -> bool:
    """The same answer as `system_is_dark` on the platforms Satchel runs on, read from
    the computer's own palette (before Satchel sets its own), without Qt's enums."""
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < \
        palette.color(QPalette.ColorRole.WindowText).lightness()


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


class ThemeManager(QObject):
    """Holds the theme in use and re-applies it when the reader or the system changes."""

    changed = Signal(object)  # Theme

    def __init__(self, app: QApplication, mode: ThemeMode = ThemeMode.SYSTEM):
        super().__init__(app)
        self._app = app
        self._mode = mode
        self.theme = LIGHT
        # The first paint follows the computer's palette; `follow_system` (right after the
        # paint) asks Qt's colour scheme, which costs Qt's enums (bench/startup.py).
        self._system_dark = platform_palette_is_dark()
        if app.property("satchel_style") != "Fusion":  # else the app was made with it
            app.setStyle(QStyleFactory.create("Fusion"))
            app.setProperty("satchel_style", "Fusion")
        app.styleHints().colorSchemeChanged.connect(self._system_changed)
        self.apply()

    @property
    def mode(self) -> ThemeMode:
        return self._mode

    def set_mode(self, mode: ThemeMode) -> None:
        self._mode = ThemeMode(mode)
        self.apply()

    def follow_system(self) -> None:
        """Check the computer's colour scheme again, and follow it if it differs."""
        self._system_changed(None)

    def _system_changed(self, scheme: Qt.ColorScheme | None) -> None:
        dark = system_is_dark(scheme)
        if dark != self._system_dark:
            self._system_dark = dark
            if self._mode == ThemeMode.SYSTEM:
                self.apply()

    def apply(self) -> None:
        dark = self._system_dark if self._mode == ThemeMode.SYSTEM else \
            self._mode == ThemeMode.DARK
        self.theme = DARK if dark else LIGHT
        self._app.setPalette(palette_for(self.theme))
        self._app.setStyleSheet(stylesheet_for(self.theme))
        self.changed.emit(self.theme)
