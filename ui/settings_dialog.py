"""Settings: the UI language, light or dark, text size, watching for drives.

Changes apply at once when accepted; the language switches without a
restart (every widget re-reads its texts in `translate_ui`).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .prefs import Prefs
from .reading_pane import MAX_POINT_SIZE, MIN_POINT_SIZE
from .theme import ThemeManager, ThemeMode
from .translations import LANGUAGES, NATIVE_NAMES, Translations
from .widgets import muted_label


class SettingsDialog(QDialog):
    language_changed = Signal()
    drives_changed = Signal(bool)
    point_size_changed = Signal(int)

    def __init__(self, prefs: Prefs, themes: ThemeManager, parent: QWidget | None = None,
                 translations: Translations | None = None):
        super().__init__(parent)
        self.prefs = prefs
        self.themes = themes
        self.translations = translations
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        layout.setSpacing(14)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)

        self.language = QComboBox(self)
        self.language.addItem(self.tr("Same as the computer"), "")
        for code in LANGUAGES:
            self.language.addItem(NATIVE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.language.setAccessibleName(self.tr("Language of the menus and buttons"))
        form.addRow(self.tr("&Language:"), self.language)

        self.theme = QComboBox(self)
        for label, mode in ((self.tr("Same as the computer"), ThemeMode.SYSTEM),
                            (self.tr("Light"), ThemeMode.LIGHT),
                            (self.tr("Dark"), ThemeMode.DARK)):
            self.theme.addItem(label, str(mode))
        self.theme.setCurrentIndex(max(0, self.theme.findData(str(themes.mode))))
        self.theme.setAccessibleName(self.tr("Colours"))
        form.addRow(self.tr("&Colours:"), self.theme)

        self.size = QSpinBox(self)
        self.size.setRange(MIN_POINT_SIZE, MAX_POINT_SIZE)
        self.size.setValue(prefs.point_size)
        self.size.setSuffix(self.tr(" pt"))
        self.size.setAccessibleName(self.tr("Text size of articles"))
        form.addRow(self.tr("&Text size:"), self.size)

        self.drives = QCheckBox(self.tr("Tell me when a USB stick or memory card with bundles "
                                        "is connected"), self)
        self.drives.setChecked(prefs.watch_drives)
        self.drives.setAccessibleName(self.drives.text())
        form.addRow("", self.drives)
        layout.addLayout(form)
        layout.addWidget(muted_label(self.tr("Satchel never connects to the internet. These "
                                             "settings are kept in your library folder."), self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        prefs = self.prefs
        language = self.language.currentData() or ""
        if language != prefs.language:
            prefs.language = language
            if self.translations is not None:
                self.translations.install(language)
            self.language_changed.emit()
        mode = ThemeMode(self.theme.currentData())
        prefs.theme = str(mode)
        self.themes.set_mode(mode)
        if self.size.value() != prefs.point_size:
            prefs.point_size = self.size.value()
            self.point_size_changed.emit(self.size.value())
        if self.drives.isChecked() != prefs.watch_drives:
            prefs.watch_drives = self.drives.isChecked()
            self.drives_changed.emit(self.drives.isChecked())
        prefs.sync()
        super().accept()
