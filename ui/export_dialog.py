"""Passing on: write chosen articles or bundles to a drive, read them back, say "safe to remove".

The library re-packs the chosen articles from its store (every article keeps
its publisher's signature), writes them to the drive, syncs, drops the cached
copy and reads every byte back through the full verifier
(`reader.export.Exporter.repack`). Only when all of that succeeded does the
dialog say the drive can be removed.

"Share Satchel itself" copies the release folder this Satchel was installed
from (`reader.release.own_release`) beside them, checked against the release
key before and read back after (`reader.release.copy_release`), so that the
person who gets the drive can install Satchel with no internet.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.progress import Progress

from .errors import explain
from .session import Session
from .source import ArticleKey, ExportRequest, Facet
from .text import isolate
from .theme import LIGHT, Theme
from .widgets import heading_label, muted_label, text_label

if TYPE_CHECKING:
    from reader.export import ExportResult

POLL_MS = 100


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


class ExportDialog(QDialog):
    def __init__(self, session: Session, articles: Sequence[ArticleKey],
                 bundles: Sequence[Facet], parent: QWidget | None = None, theme: Theme = LIGHT):
        super().__init__(parent)
        self.session = session
        self.articles = tuple(articles)
        self.bundle_facets = tuple(bundles)
        self.theme = theme
        self.progress = Progress()
        self.result: ExportResult | None = None
        self.running = False
        from reader.release import own_release

        self.release = own_release()  # the folder Satchel came from, when it knows
        self.setWindowTitle(self.tr("Pass on to a drive"))
        self.setAccessibleName(self.tr("Pass on to a drive"))
        self.setMinimumWidth(540)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack)
        self._build_choose()
        self._build_working()
        self._build_done()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._load_drives()

    # -- choosing ----------------------------------------------------------------------

    def _build_choose(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(heading_label(self.tr("What to pass on"), page))
        self.what = QButtonGroup(page)
        self.pick_articles = QRadioButton(
            self.tr("The chosen article(s) (%n)", "", len(self.articles)), page)
        self.pick_bundles = QRadioButton(self.tr("Whole bundles:"), page)
        self.pick_all = QRadioButton(self.tr("Everything in my library"), page)
        for n, button in enumerate((self.pick_articles, self.pick_bundles, self.pick_all)):
            self.what.addButton(button, n)
            button.setAccessibleName(button.text())
            layout.addWidget(button)
            if button is self.pick_bundles:
                self.bundle_list = QListWidget(page)
                self.bundle_list.setAccessibleName(self.tr("Bundles to pass on"))
                self.bundle_list.setMaximumHeight(140)
                for facet in self.bundle_facets:
                    item = QListWidgetItem(
                        self.tr("%1 (%n article(s))", "", facet.count).replace("%1", isolate(facet.label)))
                    item.setData(Qt.ItemDataRole.UserRole, facet.value)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                    self.bundle_list.addItem(item)
                self.bundle_list.itemChanged.connect(lambda _i: self.pick_bundles.setChecked(True))
                layout.addWidget(self.bundle_list)
        self.pick_articles.setEnabled(bool(self.articles))
        (self.pick_articles if self.articles else self.pick_all).setChecked(True)
        self.pick_none = QRadioButton(self.tr("No articles"), page)
        self.what.addButton(self.pick_none, 3)
        self.pick_none.setAccessibleName(self.pick_none.text())
        layout.addWidget(self.pick_none)

        self.share_reader = QCheckBox(self.tr("Share Satchel itself"), page)
        self.share_reader.setAccessibleName(self.share_reader.text())
        layout.addWidget(self.share_reader)
        if self.release is not None:
            size = sum(p.stat().st_size for p in self.release.rglob("*") if p.is_file())
            note = self.tr("The app and what installs it on Windows, macOS and Linux with no "
                           "internet (%1). Satchel checks it before and after copying.") \
                .replace("%1", human_size(size))
        else:
            note = self.tr("This copy of Satchel was not installed from a release folder, so "
                           "it cannot pass itself on. A Satchel installed from a drive can.")
        self.share_reader_note = muted_label(note, page)
        self.share_reader_note.setWordWrap(True)
        layout.addWidget(self.share_reader_note)
        self.share_reader.setEnabled(self.release is not None)
        self.pick_none.setEnabled(self.release is not None)
        self.share_reader.toggled.connect(self._reader_toggled)
        self._reader_toggled(False)

        layout.addWidget(heading_label(self.tr("Where to"), page))
        row = QHBoxLayout()
        self.target = QComboBox(page)
        self.target.setAccessibleName(self.tr("Drive or folder to write to"))
        self.target.setMinimumContentsLength(24)
        choose = QPushButton(self.tr("Choose a folder…"), page)
        choose.setAccessibleName(choose.text())
        choose.clicked.connect(self._choose_folder)
        row.addWidget(self.target, 1)
        row.addWidget(choose)
        layout.addLayout(row)
        layout.addWidget(muted_label(self.tr(
            "Each article keeps its publisher's signature, so whoever receives it can check it "
            "just as you did."), page))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"), page)
        cancel.clicked.connect(self.reject)
        self.start_button = QPushButton(self.tr("Write to the drive"), page)
        self.start_button.setProperty("role", "primary")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        for button in (cancel, self.start_button):
            button.setAccessibleName(button.text())
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.stack.addWidget(page)

    def _load_drives(self) -> None:
        def scan() -> list[Any]:
            from reader.drives import removable_volumes  # on the I/O worker, as ui.drives

            return removable_volumes()

        def show(volumes: list[Any]) -> None:
            for volume in volumes:
                free = human_size(volume.free) if volume.free is not None else "?"
                self.add_target(Path(volume.path),
                                self.tr("%1 (%2 free)").replace("%1", isolate(volume.label))
                                .replace("%2", free))
            self.start_button.setEnabled(self.target.count() > 0)

        self.start_button.setEnabled(False)
        self.session.io_worker.submit(scan, show, lambda _e: show([]))

    def add_target(self, path: Path, label: str = "") -> None:
        index = self.target.findData(str(path))
        if index < 0:
            self.target.addItem(label or str(path), str(path))
            index = self.target.count() - 1
        self.target.setCurrentIndex(index)
        self.start_button.setEnabled(True)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose where to write"))
        if folder:
            self.add_target(Path(folder))

    def _reader_toggled(self, on: bool) -> None:
        """"No articles" makes sense only with Satchel itself."""
        if not on and self.pick_none.isChecked():
            (self.pick_articles if self.articles else self.pick_all).setChecked(True)
        self.pick_none.setEnabled(on)

    def request(self) -> ExportRequest | None:
        target = self.target.currentData()
        if not target or self.pick_none.isChecked():
            return None
        bundles = tuple(
            self.bundle_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.bundle_list.count())
            if self.bundle_list.item(i).checkState() == Qt.CheckState.Checked
        )
        if self.pick_all.isChecked():
            return ExportRequest(Path(target), everything=True)
        if self.pick_bundles.isChecked():
            return ExportRequest(Path(target), bundles=bundles) if bundles else None
        return ExportRequest(Path(target), articles=self.articles)

    # -- working -----------------------------------------------------------------------

    def _build_working(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(heading_label(self.tr("Writing…"), page))
        self.stage = muted_label("", page)
        self.bar = QProgressBar(page)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Progress"))
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addWidget(muted_label(self.tr("Do not remove the drive yet."), page))
        row = QHBoxLayout()
        row.addStretch(1)
        self.stop_button = QPushButton(self.tr("Stop"), page)
        self.stop_button.clicked.connect(self._stop)
        row.addWidget(self.stop_button)
        layout.addLayout(row)
        self.stack.addWidget(page)

    def start(self) -> None:
        request = self.request()
        library = self.session.library
        release = self.release if self.share_reader.isChecked() else None
        target = self.target.currentData()
        if (request is None and release is None) or library is None or not target:
            return
        progress = self.progress

        def work() -> ExportResult:
            from reader.export import ExportResult
            from reader.release import copy_release

            result = library.export(request, progress) if request else ExportResult()
            if release is not None:  # after the articles: they are what was asked first
                result.files += copy_release(release, Path(target), progress=progress).files
            return result

        self.running = True
        self.stack.setCurrentIndex(1)
        self.session.run(work, self._done, self._failed)
        self._timer.start()

    def _stop(self) -> None:
        self.progress.cancel()
        self.stop_button.setEnabled(False)
        self.stop_button.setText(self.tr("Stopping…"))

    def _poll(self) -> None:
        snap = self.progress.snapshot()
        words = {
            "packing": self.tr("Writing the articles…"),
            "reading back": self.tr("Reading everything back to check it…"),
            "copying": self.tr("Copying Satchel itself…"),
            "checking": self.tr("Checking Satchel itself…"),
        }.get(snap.stage, "")
        if words:
            self.stage.setText(words)

    # -- done --------------------------------------------------------------------------

    def _build_done(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.done_title = heading_label("", page)
        font = self.done_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.done_title.setFont(font)
        self.done_text = text_label("", page)
        self.done_text.setWordWrap(True)
        self.done_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QPushButton(self.tr("Close"), page)
        close.setProperty("role", "primary")
        close.clicked.connect(self.accept)
        self.close_button = close
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addWidget(self.done_title)
        layout.addWidget(self.done_text)
        layout.addStretch(1)
        layout.addLayout(row)
        self.stack.addWidget(page)

    def _done(self, result: ExportResult) -> None:
        self._timer.stop()
        self.running = False
        self.result = result
        where = isolate(self.target.currentText())
        reader = self.release is not None and self.share_reader.isChecked()
        if result.safe_to_remove:
            self.done_title.setText(self.tr("Safe to remove"))
            if reader and not result.articles:
                text = self.tr("Satchel itself was written to %1 and read back intact. You can "
                               "remove the drive now.").replace("%1", where)
            else:
                text = self.tr("%n article(s) were written to %1 and read back intact. You "
                               "can remove the drive now.", "", result.articles) \
                    .replace("%1", where)
                if reader:
                    text += " " + self.tr("Satchel itself is on it too.")
            if reader:
                text += "\n\n" + self.tr("To install it, the other person opens the folder "
                                          "“%1” and follows INSTALL.txt (in English, Russian, "
                                          "Kazakh and Persian).") \
                    .replace("%1", isolate(self.release.name if self.release else ""))
        else:
            self.done_title.setText(self.tr("Do not rely on this copy"))
            text = self.tr("The files on %1 could not be read back correctly. The drive may be "
                           "failing; try another one.").replace("%1", where)
            errors = [f.error for f in result.files if f.error]
            if errors:
                text += "\n\n" + "\n".join(errors)
        if result.left_out:
            text += "\n\n" + self.tr("%n article(s) did not fit on the drive and were left out.",
                                     "", result.left_out)
        self.done_text.setText(text)
        self.stack.setCurrentIndex(2)
        self.close_button.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self._timer.stop()
        self.running = False
        info = explain(exc)
        if info.ignore:
            self.done_title.setText(self.tr("Stopped"))
            self.done_text.setText(self.tr("Nothing half-written was left on the drive."))
        else:
            self.done_title.setText(self.tr("Could not pass these on"))
            self.done_text.setText(f"{info.summary}\n\n{info.reason}")
        self.stack.setCurrentIndex(2)
        self.close_button.setFocus()

    def reject(self) -> None:
        if self.running:
            self._stop()
            return
        super().reject()
