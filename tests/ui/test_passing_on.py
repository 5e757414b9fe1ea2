"""Drives coming and going, and passing articles on to one."""

from __future__ import annotations

from pathlib import Path

from bundles.bundle import Bundle
from tests.factory import draft, make_bundle, publisher
from ui.drives import DriveBundles, DriveWatcher
from ui.export_dialog import ExportDialog
from ui.testing import running_app, settle, wait_until
from ui.worker import Worker


def test_a_new_drive_with_bundles_is_announced_once(qtbot, tmp_path: Path) -> None:
    roots = {"/"}
    scanned: list[set[str]] = []
    stick = tmp_path / "STICK"

    def scan(new: set[str]) -> list[DriveBundles]:
        scanned.append(new)
        return [DriveBundles(stick, "STICK", (stick / "a.satchel",), 100)]

    worker = Worker("io-test")
    watcher = DriveWatcher(worker, list_roots=lambda: set(roots), scan=scan, interval_ms=10_000)
    watcher.start()
    watcher.poll()
    wait_until(lambda: not worker.busy)
    assert scanned == []  # drives present at start are not news
    roots.add(str(stick))
    with qtbot.waitSignal(watcher.bundles_found) as found:
        watcher.poll()
    assert found.args[0].label == "STICK" and scanned == [{str(stick)}]
    watcher.poll()
    wait_until(lambda: not worker.busy)
    assert len(scanned) == 1
    roots.discard(str(stick))
    with qtbot.waitSignal(watcher.drive_removed) as removed:
        watcher.poll()
    assert removed.args == [str(stick)]
    watcher.stop()
    worker.close()


def test_the_drive_banner_offers_an_import_and_goes_away_with_the_drive(qtbot, tmp_path: Path
                                                                          ) -> None:
    with running_app(tmp_path / "library") as app:
        window = app.window
        drive = DriveBundles(tmp_path / "STICK", "STICK", (tmp_path / "STICK" / "a.satchel",), 1)
        window.importer.drive_found(drive)
        assert window.importer.banner.isVisible()
        assert "STICK" in window.importer.banner.label.text()
        assert "1 bundle" in window.importer.banner.label.text()
        window.importer.drive_removed(str(tmp_path / "STICK"))
        assert window.importer.banner.isHidden()


def test_passing_an_article_on_ends_with_safe_to_remove(qtbot, tmp_path: Path) -> None:
    key = publisher("Evening Courier", seed=31)
    source = make_bundle(tmp_path / "in.satchel", key, [draft("a1", title="Kept safe"),
                                                         draft("a2", title="Left home")])
    target = tmp_path / "STICK"
    target.mkdir()
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        window.importer.import_paths([source]).accept()
        wait_until(lambda: window.articles.model.rowCount() == 2)
        settle(app)
        keys = window.articles.model.keys[:1]
        dialog = ExportDialog(app.session, keys, (), window)
        dialog.add_target(target, "STICK")
        assert dialog.pick_articles.isChecked()
        dialog.start()
        wait_until(lambda: dialog.result is not None or not dialog.running)
        assert dialog.result is not None and dialog.result.safe_to_remove
        assert dialog.done_title.text() == "Safe to remove"
        written = list(target.glob("*.satchel"))
        assert len(written) == 1
        with Bundle.open(written[0]) as copy:
            assert len(copy.articles) == 1
            assert copy.articles[0].payload.publisher == key.publisher_id
