"""The UI's languages: English (the source), Russian, Kazakh and Persian.

Translations are Qt Linguist files: `ui/i18n/satchel_<lang>.ts` (sources,
edited by translators) compiled to `.qm` by `scripts/translations.sh`. The
language is the reader's choice in Settings, else the system's. Qt's own
strings (standard buttons) come from Qt's `qtbase_<lang>.qm`. A Persian UI is
laid out right to left.

Module-level code calls `translate("Context", "text")` (lupdate finds it);
QObject subclasses call `self.tr("text")`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QGuiApplication

I18N_DIR = Path(__file__).resolve().parent / "i18n"
LANGUAGES = ("en", "ru", "kk", "fa")
NATIVE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша", "fa": "فارسی"}
RTL = {"fa"}


def translate(context: str, text: str, disambiguation: str = "", n: int = -1) -> str:
    return QCoreApplication.translate(context, text, disambiguation or None, n)


def system_language() -> str:
    for tag in QLocale.system().uiLanguages():
        base = tag.replace("_", "-").split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return "en"


def resolve(choice: str) -> str:
    """The language to use for a setting ("" follows the system)."""
    return choice if choice in LANGUAGES else system_language()


class Translations:
    """Installs and swaps the app's translators."""

    def __init__(self, app: QCoreApplication):
        self.app = app
        self.language = "en"
        self._translators: list[QTranslator] = []
        self._rtl = False  # the layout direction was set right to left

    def install(self, choice: str) -> str:
        language = resolve(choice)
        for translator in self._translators:
            self.app.removeTranslator(translator)
        self._translators = []
        ours = QTranslator(self.app)  # English too: it carries the plural forms
        if ours.load(str(I18N_DIR / f"satchel_{language}.qm")):
            self.app.installTranslator(ours)
            self._translators.append(ours)
        if language != "en":
            qt = QTranslator(self.app)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt.load(f"qtbase_{language}", qt_dir):
                self.app.installTranslator(qt)
                self._translators.append(qt)
        QLocale.setDefault(QLocale(language))
        self.language = language
        rtl = language in RTL
        if isinstance(self.app, QGuiApplication) and (rtl or self._rtl):
            # Only when it changes from left to right, the default: naming Qt loads its
            # ~100 enums (27 ms) before the first paint (bench/startup.py).
            from PySide6.QtCore import Qt

            self.app.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
            self._rtl = rtl
        return language
