"""A release of Satchel seen on a drive or in a folder chosen for import.

The folder is verified on the I/O worker (`reader.release.releases_in`: every file
against the signed manifest and the release key built into this Satchel), then a
banner says what it is: newer than this Satchel (and how to install it), the same
or older (only when the reader chose the folder: a drive with the same version is
not news), or refused, plainly, naming the file. Nothing of it is installed or run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from .text import isolate

if TYPE_CHECKING:
    from reader.release import ReleaseCheck

    from .widgets import BannerArea
    from .worker import Worker


class ReleaseNotice(QObject):
    def __init__(self, worker: Worker, banners: BannerArea, window: QWidget):
        super().__init__(window)
        self.worker = worker
        self.banner = banners.add()
        self.checks: list[ReleaseCheck] = []  # the last ones shown, for tests and the banner

    def look(self, paths: Sequence[Path], *, chosen: bool) -> None:
        """Verify the release folders in `paths` off the UI thread, then say what they are.
        `chosen`: the reader picked these (an import), so even the same version is said."""
        def check() -> list[ReleaseCheck]:
            from reader.release import releases_in

            return releases_in(list(paths))

        self.worker.submit(check, lambda checks: self.show(checks, chosen=chosen),
                           lambda _exc: None)

    def show(self, checks: list[ReleaseCheck], *, chosen: bool) -> None:
        from reader.release import NEWER

        refused = [c for c in checks if not c.ok]
        newer = [c for c in checks if c.ok and c.relation == NEWER]
        said = refused or newer or (checks if chosen else [])
        self.checks = checks
        if not said:
            return
        check = said[0]
        folder = isolate(check.folder.name)
        if check.release is None:
            self.banner.show_message(
                self.tr("The copy of Satchel in “%1” failed its check: do not install it. It "
                        "is not what the Satchel project signed. %2")
                .replace("%1", folder).replace("%2", check.error), "danger")
            return
        version, running = check.release.version, check.running
        if check in newer:
            text = self.tr("“%1” holds Satchel %2, newer than yours (%3), and its signature "
                           "checks out. To install it, open the folder and follow INSTALL.txt. "
                           "First compare its release fingerprint with one from someone you "
                           "trust: %4")
            text = text.replace("%4", isolate(check.release.fingerprint))
        elif check.relation == "same":
            text = self.tr("“%1” holds Satchel %2, the version you have (%3). Its signature "
                           "checks out: you can pass it on as it is.")
        else:
            text = self.tr("“%1” holds Satchel %2, older than yours (%3): it is not an update. "
                           "Keep the one you have.")
        text = text.replace("%1", folder).replace("%2", version).replace("%3", running)
        where = check.folder
        self.banner.show_message(
            text, "info",
            [(self.tr("Open the folder"),
              lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(where)))),
             (self.tr("Not now"), self.banner.dismiss)] if check in newer else None)
