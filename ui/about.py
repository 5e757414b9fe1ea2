"""Help > Check fonts and Help > About Satchel."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from .fonts import Script, check_fonts
from .translations import translate


def show_fonts(parent: QWidget) -> None:
    """Which font shows each script here, and what to do when one is missing."""
    report = check_fonts()
    names = {Script.LATIN: translate("MainWindow", "Latin"),
             Script.CYRILLIC: translate("MainWindow", "Cyrillic"),
             Script.KAZAKH: translate("MainWindow", "Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І)"),
             Script.ARABIC: translate("MainWindow", "Arabic script (Persian, Arabic)")}
    lines = []
    for script in Script:
        family = report.families.get(script)
        lines.append(f"{names[script]}: {family or translate('MainWindow', 'no font found')}")
    text = "\n".join(lines)
    if report.missing():
        text += "\n\n" + translate("MainWindow", "Letters without a font show as empty boxes. "
                                   "Install a font such as Noto Sans to fix this.")
    QMessageBox.information(parent, translate("MainWindow", "Fonts"), text)


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, translate("MainWindow", "About Satchel"), translate(
        "MainWindow", "Satchel keeps news readable when the internet is cut off. Every "
        "article is signed by its publisher and checked on this computer; nothing here "
        "ever goes online."))
