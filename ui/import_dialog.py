"""The one progress dialog for every import: File > Open, drag and drop, a drive banner.

The import runs on the library worker (`LibrarySource.import_paths`), which
updates a thread-safe `reader.progress.Progress`; the dialog polls it every
100 ms (Anki's pattern) and never touches the library itself. Cancel sets the
progress's flag: the importer stops at a safe point and undoes the bundle
under way, so nothing is ever half-imported. It ends with a summary in plain
words: what was added, what was skipped and why, what was refused and why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.changes import Changes
from reader.progress import Progress
from reader.records import FileResult, FileStatus, ImportSummary

from .errors import explain, summary_for_type
from .icons import badge_icon
from .session import Session
from .text import isolate, tooltip
from .theme import LIGHT, Theme
from .translations import translate
from .widgets import heading_label, muted_label, text_label

POLL_MS = 100
HASH = re.compile(r"[0-9a-f]{64}")



def _name(item: FileResult) -> str:
    return item.title or Path(item.path).name


def headline(summary: ImportSummary) -> str:
    added = sum(i.new_articles + i.updated for i in summary.files)
    if summary.cancelled:
        return translate("ImportDialog", "Import stopped")
    if not summary.files:
        return translate("ImportDialog", "No bundles found")
    if summary.rejected and not summary.imported:
        return translate("ImportDialog", "Nothing was imported")
    if added == 0:
        return translate("ImportDialog", "Nothing new")
    return translate("ImportDialog", "Import finished")


def summary_lines(summary: ImportSummary) -> list[str]:
    """The summary in plain sentences, most important first."""
    lines: list[str] = []
    new = sum(i.new_articles for i in summary.files)
    updated = sum(i.updated for i in summary.files)
    known = sum(i.skipped for i in summary.files)
    conflicts = sum(len(i.conflicts) for i in summary.files)
    again = [i for i in summary.files if i.status == FileStatus.ALREADY_HAD]
    if new:
        lines.append(translate("ImportDialog", "%n new article(s) added to your library.", "", new))
    if updated:
        lines.append(translate("ImportDialog", "%n article(s) updated to a newer version from the publisher.",
                         "", updated))
    if known:
        lines.append(translate("ImportDialog", "%n article(s) you already had were skipped.", "", known))
    if again:
        lines.append(translate("ImportDialog", "%n bundle(s) had been imported before and were skipped.", "", len(again)))
    if conflicts:
        lines.append(translate("ImportDialog", "%n article(s) now have two different signed texts with the same "
                         "version number. Both are kept; look at them with care.", "", conflicts))
    rejected = summary.rejected
    if rejected:
        lines.append(translate("ImportDialog", "%n bundle(s) were refused. Nothing from a refused bundle was used; "
                         "the list below says why.", "", len(rejected)))
    if summary.cancelled:
        lines.append(translate("ImportDialog", "You stopped the import. Bundles that were finished before are in "
                         "your library; the one being read was undone completely."))
    if not summary.files and not summary.cancelled:
        lines.append(translate("ImportDialog", "There were no Satchel bundles (*.satchel files) there."))
    return lines


def short_reason(item: FileResult) -> str:
    """The core's one-line reason without the file's full path, hashes shortened."""
    reason = item.reason
    for prefix in (item.path, Path(item.path).name):
        if reason.startswith(prefix + ": "):
            reason = reason[len(prefix) + 2:]
            break
    return HASH.sub(lambda m: m.group(0)[:12] + "…", reason)


def item_line(item: FileResult) -> str:
    name = _name(item)
    if not item.ok:
        # What happened in the reader's language, then the core's reason (file, entry).
        return translate("ImportDialog", "Refused: %1\n%2\n%3").replace("%1", isolate(name)).replace(
            "%2", summary_for_type(item.error_type)).replace("%3", short_reason(item))
    if item.status == FileStatus.ALREADY_HAD:
        return translate("ImportDialog", "Already imported: %1").replace("%1", isolate(name))
    parts = []
    if item.new_articles:
        parts.append(translate("ImportDialog", "%n new article(s)", "", item.new_articles))
    if item.updated:
        parts.append(translate("ImportDialog", "%n updated", "", item.updated))
    if not parts:
        return translate("ImportDialog", "Nothing new in %1").replace("%1", isolate(name))
    return translate("ImportDialog", "%1: %2").replace("%1", isolate(name)).replace("%2", ", ".join(parts))


class ImportDialog(QDialog):
    """Runs one import and shows its summary."""

    imported = Signal(object)  # ImportSummary

    def __init__(self, session: Session, paths: Sequence[Path], parent: QWidget | None = None,
                 theme: Theme = LIGHT):
        super().__init__(parent)
        self.session = session
        self.paths = [Path(p) for p in paths]
        self.theme = theme
        self.progress = Progress()
        self.summary: ImportSummary | None = None
        self.error: BaseException | None = None
        self.setWindowTitle(self.tr("Import bundles"))
        self.setAccessibleName(self.tr("Import bundles"))
        self.setMinimumWidth(520)
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        layout.setSpacing(12)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack)
        self._build_working()
        self._build_summary()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    # -- pages -------------------------------------------------------------------------

    def _build_working(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.title = heading_label(self.tr("Importing…"), page)
        self.stage = muted_label(self.tr("Looking for bundles…"), page)
        self.bar = QProgressBar(page)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Import progress"))
        self.note = muted_label(self.tr("Every article is checked before anything is saved. "
                                        "You can stop at any time; nothing will be left "
                                        "half-imported."), page)
        self.cancel_button = QPushButton(self.tr("Stop"), page)
        self.cancel_button.setAccessibleName(self.tr("Stop the import"))
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        for widget in (self.title, self.stage, self.bar, self.note):
            layout.addWidget(widget)
        layout.addLayout(row)
        self.stack.addWidget(page)

    def _build_summary(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.result_title = heading_label("", page)
        font = self.result_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.result_title.setFont(font)
        self.result_text = text_label("", page)
        self.result_text.setWordWrap(True)
        self.result_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_text.setContentsMargins(0, 2, 0, 6)
        self.files = QListWidget(page)
        self.files.setObjectName("importFiles")
        self.files.setAccessibleName(self.tr("What happened to each bundle"))
        self.files.setWordWrap(True)
        self.files.setSpacing(2)
        self.files.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.files.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.files.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.files.setAlternatingRowColors(False)
        self.close_button = QPushButton(self.tr("Close"), page)
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.setProperty("role", "primary")
        self.close_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addWidget(self.result_title)
        layout.addWidget(self.result_text)
        layout.addWidget(self.files, 1)
        layout.addLayout(row)
        self.stack.addWidget(page)

    # -- running -------------------------------------------------------------------------

    def start(self) -> None:
        library = self.session.library
        if library is None:
            raise RuntimeError("imports need the library to be open")
        paths, progress = list(self.paths), self.progress
        self.session.run(lambda: library.import_paths(paths, progress), self._done, self._failed)
        self._timer.start()
        self.stack.setCurrentIndex(0)
        self.cancel_button.setFocus()

    @property
    def running(self) -> bool:
        return self.summary is None and self.error is None

    def cancel(self) -> None:
        if not self.running:
            return
        self.progress.cancel()
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Stopping…"))
        self.stage.setText(self.tr("Stopping and undoing the bundle under way…"))

    def _poll(self) -> None:
        snap = self.progress.snapshot()
        if snap.cancelled:
            return
        name = Path(snap.current_file).name if snap.current_file else ""
        words = {
            "scanning": self.tr("Looking for bundles…"),
            "verifying": self.tr("Checking signatures in “%1”…").replace("%1", isolate(name)),
            "storing": self.tr("Saving “%1”…").replace("%1", isolate(name)),
            "indexing": self.tr("Updating search…"),
        }.get(snap.stage, self.stage.text())
        if snap.files_total > 1 and snap.stage in ("verifying", "storing"):
            words += "  " + self.tr("(bundle %1 of %2)").replace(
                "%1", str(min(snap.files_done + 1, snap.files_total))).replace(
                "%2", str(snap.files_total))
        self.stage.setText(words)
        fraction = snap.fraction
        if fraction is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(fraction * 1000))

    def _done(self, summary: ImportSummary) -> None:
        self._timer.stop()
        self.summary = summary
        self._show_summary(summary)
        self.session.notify(summary.changes, self)
        self.imported.emit(summary)

    def _failed(self, exc: BaseException) -> None:
        self._timer.stop()
        self.error = exc
        info = explain(exc)
        self.result_title.setText(self.tr("The import could not finish"))
        self.result_text.setText(f"{info.summary}\n\n{info.reason}")
        self.files.hide()
        self.stack.setCurrentIndex(1)
        self.close_button.setFocus()
        # Some bundles may be in before the failure: everything is shown again.
        self.session.notify(Changes(articles=True, bundles=True, trust=True, index=True), self)

    def _show_summary(self, summary: ImportSummary) -> None:
        self.result_title.setText(headline(summary))
        self.result_text.setText("\n\n".join(summary_lines(summary)))
        self.files.clear()
        for item in summary.files:
            entry = QListWidgetItem(item_line(item))
            state = "trusted" if item.ok else "blocked"
            entry.setIcon(badge_icon(state, self.theme, 16))
            if not item.ok:
                entry.setForeground(QColor(self.theme.danger))
            details = "\n".join(item.warnings)
            entry.setToolTip(tooltip(isolate(item.path) + (f"\n{details}" if details else "")))
            self.files.addItem(entry)
        self.files.setVisible(bool(summary.files))
        self.stack.setCurrentIndex(1)
        self.close_button.setFocus()

    # -- closing ---------------------------------------------------------------------------

    def reject(self) -> None:
        if self.running:
            self.cancel()  # Escape stops; the dialog closes with the summary
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
