"""Bringing bundles in: File > Open, a folder, drag and drop, a drive banner, the first run.

Every way in ends in `import_paths`, which opens the one `ImportDialog`; a
bundle shown read-only (`satchel open`) is offered for import in a banner,
and left for the library first. The part watches for removable drives
(`DriveWatcher`, when the reader wants it) and offers their bundles in
another banner.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from .drives import DriveBundles, DriveWatcher
from .errors import show_exception
from .import_dialog import ImportDialog
from .releases import ReleaseNotice
from .text import isolate

if TYPE_CHECKING:
    from reader.records import ImportSummary

    from .prefs import Prefs
    from .session import Session
    from .theme import ThemeManager
    from .widgets import BannerArea

BUNDLE_SUFFIX = ".satchel"


def dropped_paths(mime: QMimeData) -> list[Path]:
    """The bundle files and folders among what was dropped on the window."""
    if not mime.hasUrls():
        return []
    paths = []
    for url in mime.urls():
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.is_dir() or path.suffix.lower() == BUNDLE_SUFFIX:
            paths.append(path)
    return paths


class Importer(QObject):
    def __init__(self, session: Session, prefs: Prefs, themes: ThemeManager,
                 banners: BannerArea, window: QWidget):
        super().__init__(window)
        self.session = session
        self.prefs = prefs
        self.themes = themes
        self.offer = banners.add(closable=False)  # the bundle shown read-only: import it?
        self.banner = banners.add()  # a drive with bundles was connected
        self.releases = ReleaseNotice(session.io_worker, banners, window)  # Satchel itself
        self.window = window
        self.dialog: ImportDialog | None = None
        self.drives = DriveWatcher(session.io_worker, self)
        self.drives.bundles_found.connect(self.drive_found)
        self.drives.drive_removed.connect(self.drive_removed)
        session.source_changed.connect(self._source_changed)

    @property
    def running(self) -> bool:
        return self.dialog is not None and self.dialog.running

    # -- the ways in ---------------------------------------------------------------

    def choose_bundles(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self.window, self.tr("Open bundles"), "", self.tr("Satchel bundles (*.satchel)"))
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window,
                                                  self.tr("Import a folder of bundles"))
        if folder:
            self.import_paths([Path(folder)])

    def drop(self, mime: QMimeData) -> bool:
        """Import what was dropped on the window; False if it holds no bundle."""
        paths = dropped_paths(mime)
        if paths:
            self.import_paths(paths)
        return bool(paths)

    def import_shown_bundle(self) -> None:
        bundle = self.session.bundle
        if bundle is not None:
            self.import_paths([bundle.path])

    def import_paths(self, paths: list[Path], quiet: bool = False) -> ImportDialog | None:
        """The one way in: leaves a bundle shown read-only for the library first. A release
        of Satchel among the folders is checked and said (`ui.releases`), not imported."""
        if self.running:
            return None
        from bundles.release import is_release

        folders = [p for p in paths if p.is_dir()]
        if folders:
            self.releases.look(folders, chosen=True)
            paths = [p for p in paths if p not in folders or not is_release(p)]
            if not paths:
                return None
        if self.session.library is None:
            self.session.open_library(lambda _library: self.import_paths(paths, quiet=quiet),
                                      lambda exc: show_exception(self.window, exc))
            return None
        dialog = ImportDialog(self.session, paths, self.window, self.themes.theme)
        self.dialog = dialog
        dialog.imported.connect(self._imported)
        dialog.start()
        if quiet:
            dialog.imported.connect(lambda _s: dialog.accept())
        else:
            dialog.open()
        return dialog

    def import_welcome(self, path: Path, then: Callable[[], None]) -> None:
        """The first run: the welcome bundle, quietly, into an empty library."""
        library = self.session.library
        if library is None:
            return

        def decided(empty: bool) -> None:
            self.prefs.welcome_imported = True
            self.prefs.sync()
            if empty:
                dialog = self.import_paths([path], quiet=True)
                if dialog is not None:
                    dialog.imported.connect(lambda _summary: then())

        self.session.run(library.is_empty, decided)

    def cancel(self) -> None:
        if self.dialog is not None:
            self.dialog.cancel()

    def _imported(self, _summary: ImportSummary) -> None:
        self.banner.hide()

    # -- drives --------------------------------------------------------------------

    def _source_changed(self) -> None:
        self.watch_drives(self.session.library is not None and self.prefs.watch_drives)
        self.translate_ui()

    def translate_ui(self) -> None:
        bundle = self.session.bundle
        if bundle is None:
            self.offer.hide()
            return
        self.offer.show_message(
            self.tr("You are looking at “%1” straight from where it is stored. Its "
                    "signatures check out. Nothing has been added to your library.")
            .replace("%1", isolate(bundle.path.name)),
            "info", [(self.tr("Import into my library"), self.import_shown_bundle)])

    def watch_drives(self, on: bool) -> None:
        if on and not self.drives.active:
            self.drives.start()
        elif not on:
            self.drives.stop()

    def drive_found(self, drive: DriveBundles) -> None:
        if drive.releases:
            self.releases.look(list(drive.releases), chosen=False)
        if not drive.bundles:
            return
        count = len(drive.bundles)
        text = self.tr("“%1” is connected and holds %n bundle(s).", "", count) \
            .replace("%1", isolate(drive.label))
        self.banner.show_message(
            text, "info",
            [(self.tr("Import them"), lambda: self.import_paths(list(drive.bundles))),
             (self.tr("Not now"), self.banner.dismiss)],
        )
        self.banner.setProperty("root", str(drive.root))

    def drive_removed(self, root: str) -> None:
        if self.banner.property("root") == root:
            self.banner.hide()
