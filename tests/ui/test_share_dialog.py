"""File > Share on this network: start, show the address, its QR code and the readers, stop."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from tests.web.room import build_library
from ui.share_dialog import ShareDialog
from ui.testing import running_app, wait_until
from ui.worker import Worker

SHOTS = os.environ.get("SATCHEL_SHARE_SCREENSHOTS")


def ask(url: str, source: str) -> bytes:
    host = url.split("//", 1)[1].rstrip("/")
    address, port = host.rsplit(":", 1)
    with socket.create_connection((address, int(port)), 10, source_address=(source, 0)) as sock:
        sock.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        return b"".join(iter(lambda: sock.recv(65536), b""))


def test_sharing_starts_shows_the_address_and_code_counts_readers_and_stops(qtbot,
                                                                            tmp_path: Path):
    room = build_library(tmp_path)
    worker = Worker("share-test")
    dialog = ShareDialog(room.library, worker, lan=False)  # 127.0.0.1: tests stay on loopback
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    wait_until(lambda: dialog.server is not None, timeout=20)
    url = dialog.address.text()
    assert url.startswith("http://127.0.0.1:") and url == dialog.server.url
    assert not dialog.qr.pixmap().isNull() and dialog.qr.pixmap().width() > 100
    assert dialog.toggle.text() == "Stop sharing"
    dialog._count_readers()
    assert dialog.readers.text() == "Connected readers: 0"
    for source in ("127.0.0.2", "127.0.0.3"):
        assert ask(url, source).startswith(b"HTTP/1.1 200")
    dialog._count_readers()
    assert dialog.readers.text() == "Connected readers: 2"
    qtbot.wait(50)
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "share-dialog.png"))
    dialog.close()
    wait_until(lambda: not worker.busy, timeout=20)
    with pytest.raises(OSError):
        ask(url, "127.0.0.2")  # stopped: nothing listens any more
    assert dialog.server is None and dialog.toggle.text() == "Start sharing"
    worker.close()


def test_file_menu_has_share_on_this_network(qtbot, tmp_path: Path):
    with running_app(tmp_path / "library") as app:
        window = app.window
        action = window.actions_.share
        assert action in window.file_menu.actions()
        assert action.text() == "S&hare on this network…"
        action.trigger()
        wait_until(lambda: window.share_dialog.isVisible())
        wait_until(lambda: window.share_dialog.server is not None
                   or window.share_dialog.status.text() not in ("", "Starting…"), timeout=20)
        window.share_dialog.close()
        wait_until(lambda: not window.session.io_worker.busy, timeout=20)
        assert window.share_dialog.server is None
