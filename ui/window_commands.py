"""The main window's commands: pass on, remove, print, save as PDF, settings, fonts, about."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from .text import isolate
from .translations import translate


class CommandsMixin:
    """Part of `MainWindow`."""

    session: Any
    prefs: Any
    themes: Any
    translations: Any
    drives: Any
    reading: Any
    list: Any
    model: Any
    status: Any
    current_key: Any
    sidebar: Any
    actions_: Any
    _sidebar_data: Any

    # -- passing on, printing, settings ---------------------------------------------------------

    def export(self) -> None:
        if self.session.read_only:
            return
        from .export_dialog import ExportDialog

        keys = []
        for index in self.list.selectionModel().selectedRows():
            key = self.model.key_at(index.row())
            if key is not None:
                keys.append(key)
        if not keys and self.current_key is not None:
            keys = [self.current_key]
        data = self._sidebar_data
        dialog = ExportDialog(self.session, keys, data.bundles if data else (), self,
                              self.themes.theme)
        dialog.open()

    def _enable_remove(self) -> None:
        from .sidebar import REMOVABLE

        self.actions_.remove.setEnabled(self.sidebar.removable
                                        and self.sidebar.query.section in REMOVABLE)

    def remove_from_library(self, query: Any) -> None:
        """Ask, naming what goes, then remove a publisher's or a bundle's articles."""
        from .remove_dialog import RemoveDialog
        from .sidebar import REMOVABLE

        if self.session.read_only or query.section not in REMOVABLE:
            return
        section, value = str(query.section), query.value

        def ask(plan: Any) -> None:
            dialog = RemoveDialog(plan, self)  # type: ignore[arg-type]
            dialog.confirmed.connect(lambda block: self.session.call(
                "remove", section, value, block, success=removed))
            self.remove_dialog = dialog
            dialog.open()

        def removed(removal: Any) -> None:
            from .data import ListQuery
            from .session import Changed

            if self.sidebar.query == query:  # what it listed is gone
                self.sidebar.select(ListQuery())
            if self.current_key is not None:
                key = self.current_key
                self.session.call("rows", [key], success=lambda rows: (
                    None if key in rows else self._forget_article(key)))
            self.session.notify(Changed(articles=True, bundles=True, trust=removal.blocked,
                                        index=True))
            self.status.showMessage(translate("MainWindow", "Removed “%1”.").replace(
                "%1", isolate(removal.name)), 8000)

        self.session.call("plan_removal", section, value, success=ask)

    def _forget_article(self, key: Any) -> None:
        if self.current_key == key:
            self.current_key = None
            self.reading.clear()

    def print_article(self) -> None:
        if self.reading.view is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(translate("MainWindow", "Print article"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.reading.print_to(printer)

    def save_pdf(self) -> None:
        view = self.reading.view
        if view is None:
            return
        safe = "".join(c for c in view.content.row.title if c.isalnum() or c in " -_")[:60]
        name, _ = QFileDialog.getSaveFileName(
            self, translate("MainWindow", "Save as PDF"),
            str(Path.home() / f"{safe.strip() or 'article'}.pdf"),
            translate("MainWindow", "PDF files (*.pdf)"))
        if name:
            self.reading.save_pdf(Path(name))
            saved = translate("MainWindow", "Saved %1").replace("%1", name)
            self.status.showMessage(saved, 5000)

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.prefs, self.themes, self, self.translations)
        dialog.point_size_changed.connect(self.reading.set_point_size)
        dialog.drives_changed.connect(self._watch_drives)
        dialog.open()

    def _watch_drives(self, on: bool) -> None:
        if on and not self.drives.active:
            self.drives.start()
        elif not on:
            self.drives.stop()

    def show_fonts(self) -> None:
        from .fonts import Script, check_fonts

        report = check_fonts()
        names = {Script.LATIN: translate("MainWindow", "Latin"),
                 Script.CYRILLIC: translate("MainWindow", "Cyrillic"),
                 Script.KAZAKH: translate("MainWindow", "Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І)"),
                 Script.ARABIC: translate("MainWindow", "Arabic script (Persian, Arabic)")}
        lines = []
        for script in Script:
            family = report.families.get(script)
            found = family or translate("MainWindow", "no font found")
            lines.append(f"{names[script]}: {found}")
        text = "\n".join(lines)
        if report.missing():
            text += "\n\n" + translate("MainWindow", "Letters without a font show as empty boxes. Install a "
                                     "font such as Noto Sans to fix this.")
        QMessageBox.information(self, translate("MainWindow", "Fonts"), text)

    def show_about(self) -> None:
        QMessageBox.about(self, translate("MainWindow", "About Satchel"), translate("MainWindow",
            "Satchel keeps news readable when the internet is cut off. Every article is signed "
            "by its publisher and checked on this computer; nothing here ever goes online."))
