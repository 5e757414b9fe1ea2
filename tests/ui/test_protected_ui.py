"""The desktop app over a protected library (issue 18): unlock, lock, panic, no traces."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.protected import (
    PASSPHRASE,
    QUERIES,
    imported_library,
    make_bundles,
    protect_library,
    scan,
)
from ui.prefs import Prefs
from ui.testing import running_app, settle, wait_until


@pytest.fixture()
def protected(tmp_path: Path) -> Path:
    root = imported_library(tmp_path / "library", make_bundles(tmp_path / "drive"))
    protect_library(root)
    return root


def _unlock(app, passphrase: str) -> None:
    screen = app.window.locking.screen
    wait_until(lambda: screen.isVisible() and screen.passphrase.isEnabled())
    screen.passphrase.setText(passphrase)
    screen.button.click()


def test_the_app_opens_behind_the_lock_screen_and_locking_leaves_no_trace(qtbot, protected):
    with running_app(protected) as app:
        window, session = app.window, app.session
        _unlock(app, "not the passphrase")
        wait_until(lambda: "does not open" in window.locking.screen.message.text())
        assert not window.isVisible() and session.source is None
        _unlock(app, PASSPHRASE)
        wait_until(lambda: session.library is not None and window.isVisible())
        settle(app)
        source = session.library
        rows = session.worker.run_sync(lambda: source.library.articles.rows())
        assert len(rows) == 4
        for row in rows:
            window.reading.open(row.id)
            settle(app)
            assert row.title not in window.windowTitle()
        hits = session.worker.run_sync(lambda: source.library.search(QUERIES["fa"]).total)
        assert hits == 1
        assert QApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        window.locking.lock_action.trigger()
        wait_until(lambda: window.locking.screen.isVisible() and not window.isVisible())
        settle(app)
        assert session.source is None and session.key is None
        assert Prefs(protected).last_article is None
        Prefs(protected).sync()
        assert scan([protected]) == []
        _unlock(app, PASSPHRASE)  # and it opens again
        wait_until(lambda: session.library is not None and window.isVisible())
        settle(app)


def test_an_unprotected_library_remembers_the_last_article_the_control(qtbot, tmp_path):
    root = imported_library(tmp_path / "library", make_bundles(tmp_path / "drive"))
    with running_app(root) as app:
        settle(app)
        source = app.session.library
        rows = app.session.worker.run_sync(lambda: source.library.articles.rows())
        app.window.reading.open(rows[0].id)
        settle(app)
        assert not app.window.locking.lock_action.isVisible()
        assert not QApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        assert app.window.locking.protect_action.isVisible()
    assert Prefs(root).last_article == rows[0].id


def test_panic_in_the_app_destroys_the_key_then_the_library(qtbot, protected):
    with running_app(protected) as app:
        _unlock(app, PASSPHRASE)
        wait_until(lambda: app.session.library is not None)
        settle(app)
        app.window.locking.panic_action.trigger()
        assert not (protected / "library.key").exists()  # at once, on the UI thread
        wait_until(lambda: sorted(p.name for p in protected.iterdir()) in (
            ["library.lock"], ["desktop.ini", "library.lock"], []))
        assert not app.window.isVisible()
    assert scan([protected]) == []


def test_screens_render(qtbot, protected, tmp_path):
    """The lock screen and the passphrase dialogs, drawn (bench/out/ui-protected-*.png)."""
    from ui.protect_dialog import PassphraseDialog

    with running_app(protected) as app:
        screen = app.window.locking.screen
        wait_until(screen.isVisible)
        out = Path(__file__).resolve().parents[2] / "bench" / "out"
        out.mkdir(parents=True, exist_ok=True)
        screen.grab().save(str(out / "ui-protected-lock.png"))
        for mode in ("protect", "change", "duress"):
            dialog = PassphraseDialog(mode, None)
            dialog.show()
            settle(app)
            assert dialog.grab().save(str(out / f"ui-protected-{mode}.png"))
            dialog.close()


def test_sharing_a_protected_library_serves_it_unlocked_and_stops_when_it_locks(qtbot,
                                                                                protected):
    """File > Share on this network serves with the session's key; locking stops it
    first (phones must not read a locked library) and wipes the key."""
    from urllib.parse import quote

    from tests.web.room import fetch
    from ui.share_dialog import ShareDialog

    with running_app(protected) as app:
        window, session = app.window, app.session
        _unlock(app, PASSPHRASE)
        wait_until(lambda: session.library is not None and window.isVisible())
        settle(app)
        # As the File menu makes it, on 127.0.0.1 (tests stay on loopback).
        dialog = ShareDialog(protected, session.io_worker, window, lan=False,
                             key=lambda: session.key)
        window.locking.about_to_lock.connect(dialog.stop)
        dialog.show()
        dialog.start()
        wait_until(lambda: dialog.server is not None, timeout=30)
        url = dialog.server.url
        page = fetch(url, "/search?q=" + quote(QUERIES["ru"])).decode("utf-8")
        assert page.startswith("HTTP/1.1 200") and "возглавил Олимпстрой" in page  # title
        window.locking.lock_action.trigger()
        wait_until(lambda: window.locking.screen.isVisible() and dialog.server is None)
        wait_until(lambda: not session.io_worker.busy, timeout=30)
        with pytest.raises(OSError):
            fetch(url)  # nothing listens any more
        assert session.key is None
    assert scan([protected]) == []
