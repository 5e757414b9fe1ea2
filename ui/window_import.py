"""The main window's ways in: File > Open, a folder, drag and drop, a drive banner.

All of them end in `import_paths`, which opens the one `ImportDialog` (and
first switches from a bundle shown read-only to the library).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from .text import isolate
from .translations import translate

if TYPE_CHECKING:
    from .drives import DriveBundles
    from .import_dialog import ImportDialog

BUNDLE_SUFFIX = ".satchel"


class ImportMixin:
    """Part of `MainWindow`."""

    def _show_exception(self, exc: BaseException) -> None:
        from .errors import show_exception

        show_exception(self, exc)  # type: ignore[arg-type]

    session: Any
    prefs: Any
    themes: Any
    drives: Any
    drive_banner: Any
    bundle_path: Path | None
    library_path: Path | None
    import_dialog: ImportDialog | None

    # -- importing -------------------------------------------------------------------------

    def choose_bundles(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, translate("MainWindow", "Open bundles"), "", translate("MainWindow", "Satchel bundles (*.satchel)"))
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, translate("MainWindow", "Import a folder of bundles"))
        if folder:
            self.import_paths([Path(folder)])

    def import_shown_bundle(self) -> None:
        if self.bundle_path is not None:
            self.import_paths([self.bundle_path])

    def import_paths(self, paths: list[Path], quiet: bool = False) -> ImportDialog | None:
        """The one way in: switches to the library first if a bundle is shown read-only."""
        if self.import_dialog is not None and self.import_dialog.running:
            return None
        if self.session.read_only:
            folder = self.library_path

            def switch(source: Any) -> None:
                self.bundle_path = None
                self.session.set_source(source)
                self._show_mode()
                self.refresh_all()
                self.import_paths(paths, quiet=quiet)
                if self.prefs.watch_drives:
                    self.drives.start()

            def open_source() -> Any:
                from .library_source import LibrarySource

                return LibrarySource.open(folder)

            self.session.run(open_source, switch, self._show_exception)
            return None
        from .import_dialog import ImportDialog

        dialog = ImportDialog(self.session, paths, self, self.themes.theme)
        self.import_dialog = dialog
        dialog.imported.connect(self._imported)
        dialog.start()
        if quiet:
            dialog.imported.connect(lambda _s: dialog.accept())
        else:
            dialog.open()
        return dialog

    def _imported(self, summary: Any) -> None:
        self.drive_banner.hide()
        self._update_banner_area()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    @staticmethod
    def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
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

    # -- drives --------------------------------------------------------------------------------

    def _drive_found(self, drive: DriveBundles) -> None:
        count = len(drive.bundles)
        text = translate("MainWindow", "“%1” is connected and holds %n bundle(s).", "", count) \
            .replace("%1", isolate(drive.label))
        self.drive_banner.show_message(
            text, "info",
            [(translate("MainWindow", "Import them"), lambda: self.import_paths(list(drive.bundles))),
             (translate("MainWindow", "Not now"), self.drive_banner.dismiss)],
        )
        self.drive_banner.setProperty("root", str(drive.root))
        self._update_banner_area()

    def _drive_removed(self, root: str) -> None:
        if self.drive_banner.property("root") == root:
            self.drive_banner.hide()
            self._update_banner_area()
