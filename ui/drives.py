"""Noticing a removable drive with bundles on it.

Every few seconds the I/O worker lists `QStorageInfo.mountedVolumes()` (off
the UI thread: a hung network mount can block that call) and the watcher
compares the list with what it saw before. When a volume appears, the I/O
worker asks `reader.drives` whether it is a removable drive and which
`*.satchel` files it holds (names and sizes only) and which release folders of
Satchel itself; if it holds any, `bundles_found` fires and the window shows a
banner (a release is verified before it is said, `ui.releases`). Nothing is imported
without the reader's say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStorageInfo, QTimer, Signal

from .worker import Worker

POLL_MS = 3000


@dataclass(frozen=True)
class DriveBundles:
    root: Path
    label: str
    bundles: tuple[Path, ...]
    size: int
    releases: tuple[Path, ...] = ()  # release folders of Satchel itself (ui.releases)


def mounted_roots() -> set[str]:
    return {v.rootPath() for v in QStorageInfo.mountedVolumes() if v.isValid() and v.isReady()}


def scan_new(roots: set[str]) -> list[DriveBundles]:
    """On the I/O worker: which of these new roots are removable drives with bundles."""
    # Loaded on the I/O worker when first needed (~19 ms), never on the UI thread.
    from reader.drives import find_bundles, removable_volumes
    from reader.release import find_releases

    found = []
    for volume in removable_volumes():
        if str(volume.path) not in roots:
            continue
        bundles = find_bundles(volume.path)
        releases = find_releases(volume.path, max_depth=1)
        if bundles or releases:
            found.append(DriveBundles(volume.path, volume.label or volume.path.name,
                                      tuple(b.path for b in bundles),
                                      sum(b.size for b in bundles), tuple(releases)))
    return found


class DriveWatcher(QObject):
    bundles_found = Signal(object)  # DriveBundles
    drive_removed = Signal(str)  # root path

    def __init__(
        self,
        worker: Worker,
        parent: QObject | None = None,
        *,
        list_roots: Callable[[], set[str]] = mounted_roots,
        scan: Callable[[set[str]], list[DriveBundles]] = scan_new,
        interval_ms: int = POLL_MS,
    ):
        super().__init__(parent)
        self._worker = worker
        self._list_roots = list_roots
        self._scan = scan
        self._known: set[str] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._known = None  # the first listing is the baseline: drives already there are not news
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def poll(self) -> None:
        """List the volumes on the I/O worker; `_compare` gets the answer."""
        self._worker.submit(self._list_roots, self._compare, lambda _exc: None, key="drive-poll")

    def _compare(self, roots: set[str]) -> None:
        if self._known is None:
            self._known = roots
            return
        new = roots - self._known
        for gone in self._known - roots:
            self.drive_removed.emit(gone)
        self._known = roots
        if new:
            self._worker.submit(lambda: self._scan(new), self._found, lambda _exc: None)

    def _found(self, found: list[DriveBundles]) -> None:
        for drive in found:
            self.bundles_found.emit(drive)
