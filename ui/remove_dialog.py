"""Removing a bundle's or a publisher's articles from the library, after asking.

`ask_to_remove` (File > Remove from library…, or a sidebar entry's context
menu) asks the library for a plan, computed by running the removal and
rolling it back (`reader.removal`), so the numbers the dialog shows are
exactly what "Remove" does; on Remove it runs `operations.remove`, whose
`Changes` tell every part what went. Names come from bundles: they are shown
as plain text, bidi-isolated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from . import operations
from .source import REMOVABLE, ListQuery
from .text import isolate

if TYPE_CHECKING:
    from reader.removal import Removal

    from .session import Session

def ask_to_remove(session: Session, query: ListQuery, parent: QWidget,
                  said: Callable[[str], None]) -> None:
    """Ask, naming what goes, then remove a publisher's or a bundle's articles; `said`
    gets the sentence that says it was done."""
    if session.library is None or query.section not in REMOVABLE:
        return

    def ask(plan: Removal) -> None:
        dialog = RemoveDialog(plan, parent)
        dialog.confirmed.connect(lambda block: operations.remove(
            session, query, block, dialog,
            lambda removal: said(dialog.tr("Removed “%1”.").replace("%1",
                                                                  isolate(removal.name)))))
        dialog.open()

    operations.plan_removal(session, query, ask)


class RemoveDialog(QMessageBox):
    """Emits `confirmed(block)` when the reader chooses Remove."""

    confirmed = Signal(bool)

    def __init__(self, plan: Removal, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("removeDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWindowTitle(self.tr("Remove from library"))
        name = isolate(plan.name)
        locale = QLocale()
        number = locale.toString
        if plan.what == "bundle":
            self.setText(self.tr("Remove the bundle “%1” from this library?").replace("%1", name))
        else:
            self.setText(self.tr("Remove everything from “%1” from this library?")
                         .replace("%1", name))
        lines = [self.tr("Articles deleted: %1").replace("%1", number(plan.articles))]
        if plan.updated:
            lines.append(self.tr("Articles that keep another version: %1")
                         .replace("%1", number(plan.updated)))
        if plan.kept:
            lines.append(self.tr("Versions that stay, because another bundle brought them "
                                 "too: %1").replace("%1", number(plan.kept)))
        lines.append(self.tr("Space freed: %1").replace(
            "%1", locale.formattedDataSize(plan.bytes)))
        lines.append("")
        if plan.what == "bundle":
            lines.append(self.tr("Importing the bundle file again brings them back."))
        else:
            lines.append(self.tr("Their fingerprint stays known. Importing their bundles "
                                 "again brings the articles back, unless you block them."))
        self.setInformativeText("\n".join(lines))
        self.block: QCheckBox | None = None
        if plan.what == "publisher":
            self.block = QCheckBox(self.tr("Also block “%1”, so nothing from them is shown "
                                           "again").replace("%1", name))
            self.setCheckBox(self.block)
        self.remove_button = self.addButton(self.tr("Remove"),
                                            QMessageBox.ButtonRole.DestructiveRole)
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: Any) -> None:
        if button is self.remove_button:
            self.confirmed.emit(bool(self.block is not None and self.block.isChecked()))
