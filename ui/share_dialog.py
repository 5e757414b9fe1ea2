"""File > Share on this network: the library as a reading room for phones (`reader.web`).

The dialog starts the same server as `satchel serve --lan`: read-only, verified
articles only, no access log, nothing written to disk. The server is made and
stopped on a background worker (opening the library and binding the port never
block the window) and serves from a thread of its own. The dialog shows the
address, its QR code and how many phones asked for something in the last two
minutes; sharing stops when the dialog closes, so it is never left running
unseen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QImage, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .widgets import heading_label, muted_label, text_label
from .worker import Worker

POLL_MS = 2000
PORT = 8080


def start_server(library: Path, lan: bool = True, key: Any = None) -> Any:
    """On the worker: choose the address, bind, start serving. Port 8080, or any free one.
    A protected library is served with the data `key` of the unlocked session."""
    from reader.web.config import ServeConfig
    from reader.web.network import choose_address, system_interfaces
    from reader.web.server import Server

    address = "127.0.0.1"
    if lan:
        choice = choose_address(system_interfaces())
        if choice is None:
            raise NoNetwork()
        address = choice.address
    try:
        server = Server(library, ServeConfig(address=address, port=PORT), key=key)
    except OSError:  # 8080 taken (another Satchel?): any free port
        server = Server(library, ServeConfig(address=address, port=0), key=key)
    server.start()
    return server


class NoNetwork(Exception):
    """No hotspot or LAN address to offer."""


class ShareDialog(QDialog):
    def __init__(self, library: Path, worker: Worker, parent: QWidget | None = None, *,
                 lan: bool = True, key: Callable[[], Any] = lambda: None):
        super().__init__(parent)
        self.setObjectName("shareDialog")
        self.library = library
        self.key = key  # the session's data key now (a protected library's changes at unlock)
        self.worker = worker
        self.lan = lan
        self.server: Any = None
        self._starting = False
        self.setWindowTitle(self.tr("Share on this network"))
        self.setMinimumWidth(460)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.heading = heading_label(self.tr("Let phones read this library"), self)
        layout.addWidget(self.heading)
        self.explain = muted_label(self.tr(
            "Phones on the same Wi-Fi or hotspot open the address below in a browser, or "
            "scan the code. They see only verified articles, with who signed each one; "
            "nothing they read or search is recorded. Sharing stops when you close this "
            "window."), self)
        layout.addWidget(self.explain)

        row = QHBoxLayout()
        self.qr = QLabel(self)
        self.qr.setObjectName("shareQr")
        self.qr.setFixedSize(196, 196)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.qr)
        column = QVBoxLayout()
        self.address = text_label("", self)
        self.address.setObjectName("shareAddress")
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        font = self.address.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.address.setFont(font)
        column.addWidget(self.address)
        self.readers = text_label("", self)
        self.readers.setObjectName("shareReaders")
        column.addWidget(self.readers)
        self.status = muted_label("", self)
        self.status.setObjectName("shareStatus")
        column.addWidget(self.status)
        column.addStretch(1)
        row.addLayout(column, 1)
        layout.addLayout(row)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.toggle = QPushButton(self)
        self.toggle.setObjectName("shareToggle")
        self.toggle.clicked.connect(self._toggle)
        buttons.addWidget(self.toggle)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._count_readers)
        self._show_stopped()

    # -- starting and stopping ----------------------------------------------------------

    def start(self) -> None:
        if self.server is not None or self._starting:
            return
        self._starting = True
        self.toggle.setEnabled(False)
        self.status.setText(self.tr("Starting…"))
        key = self.key()
        self.worker.submit(lambda: start_server(self.library, self.lan, key), self._started,
                           self._failed)

    def stop(self) -> None:
        server, self.server = self.server, None
        self.timer.stop()
        if server is not None:
            self.worker.submit(server.stop)
        self._show_stopped()

    def _toggle(self) -> None:
        if self.server is None:
            self.start()
        else:
            self.stop()

    def _started(self, server: Any) -> None:
        self._starting = False
        self.toggle.setEnabled(True)
        if not self.isVisible():  # closed while it was starting
            self.worker.submit(server.stop)
            return
        self.server = server
        from reader.web import qr

        image = QImage.fromData(qr.png(server.url, scale=5))
        self.qr.setPixmap(QPixmap.fromImage(image).scaled(
            self.qr.size(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation))
        self.address.setText(server.url)
        self.toggle.setText(self.tr("Stop sharing"))
        self.status.setText(self.tr("Sharing until you stop it or close this window."))
        self._count_readers()
        self.timer.start()

    def _failed(self, exc: BaseException) -> None:
        self._starting = False
        self.toggle.setEnabled(True)
        self._show_stopped()
        if isinstance(exc, NoNetwork):
            self.status.setText(self.tr("No Wi-Fi network or hotspot found. Join a Wi-Fi "
                                        "network or start a hotspot, then try again."))
        else:
            from .errors import explain

            why = explain(exc)
            self.status.setText(self.tr("Sharing could not start: %1")
                                .replace("%1", f"{why.summary} {why.reason}".strip()))

    def _show_stopped(self) -> None:
        self.qr.clear()
        self.qr.setText(self.tr("Not sharing"))
        self.address.setText("")
        self.readers.setText("")
        self.toggle.setText(self.tr("Start sharing"))
        if self.server is None and not self._starting:
            self.status.setText("")

    def _count_readers(self) -> None:
        if self.server is None:
            return
        count = self.server.readers()
        self.readers.setText(self.tr("Connected readers: %n", "", count))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        super().closeEvent(event)

    def done(self, result: int) -> None:  # Escape
        self.stop()
        super().done(result)
