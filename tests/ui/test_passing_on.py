"""Drives coming and going, and passing articles on to one."""

from __future__ import annotations

from pathlib import Path

from bundles.bundle import Bundle
from bundles.keys import KeyFile
from tests.factory import draft, make_bundle, publisher
from tests.releases import card, make_release, release_key, snapshot
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


# -- Satchel itself (issue 16 item 5): the release folder it came from, passed on -----------
# The app under test trusts a throwaway release key: reader.release.CARD points at its card,
# as a build made with that key built in would (tests/release/test_passing_on.py).


def trust_test_release_key(tmp_path: Path, monkeypatch) -> KeyFile:
    import reader.release

    key = release_key(seed=74)
    monkeypatch.setattr(reader.release, "CARD", card(key, tmp_path / "release-key.card.json"))
    monkeypatch.delenv("SATCHEL_RELEASE_DIR", raising=False)
    return key


def test_share_satchel_itself_copies_the_release_and_says_safe_to_remove(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    key = trust_test_release_key(tmp_path, monkeypatch)
    release = make_release(tmp_path / "kept" / "satchel-9.9.9", key)
    monkeypatch.setenv("SATCHEL_RELEASE_DIR", str(release))  # as install.sh's launcher sets
    target = tmp_path / "STICK"
    target.mkdir()
    with running_app(tmp_path / "library") as app:
        wait_until(lambda: app.session.library is not None)
        dialog = ExportDialog(app.session, (), (), app.window)
        dialog.add_target(target, "STICK")
        assert dialog.share_reader.isEnabled() and not dialog.pick_none.isEnabled()
        dialog.share_reader.setChecked(True)
        dialog.pick_none.setChecked(True)
        assert dialog.request() is None  # no articles: Satchel itself alone
        dialog.start()
        wait_until(lambda: dialog.result is not None or not dialog.running, timeout=30)
        assert dialog.result is not None, dialog.done_text.text()
        assert dialog.result.safe_to_remove
        assert dialog.done_title.text() == "Safe to remove"
        assert "Satchel itself was written to" in dialog.done_text.text()
        assert "INSTALL.txt" in dialog.done_text.text()
    assert snapshot(target / "satchel-9.9.9") == snapshot(release)
    assert sorted(p.name for p in target.iterdir()) == ["satchel-9.9.9"]


def test_share_satchel_itself_is_off_when_no_release_is_known(qtbot, tmp_path: Path,
                                                               monkeypatch) -> None:
    trust_test_release_key(tmp_path, monkeypatch)
    with running_app(tmp_path / "library") as app:
        dialog = ExportDialog(app.session, (), (), app.window)
        assert not dialog.share_reader.isEnabled() and not dialog.pick_none.isEnabled()
        assert "not installed from a release folder" in dialog.share_reader_note.text()


def test_a_drive_with_a_newer_release_says_so_and_how_to_install(qtbot, tmp_path: Path,
                                                                 monkeypatch) -> None:
    key = trust_test_release_key(tmp_path, monkeypatch)
    stick = tmp_path / "STICK"
    release = make_release(stick / "satchel-9.9.9", key)
    with running_app(tmp_path / "library") as app:
        notice = app.window.importer.releases
        app.window.importer.drive_found(DriveBundles(stick, "STICK", (), 0, (release,)))
        wait_until(lambda: notice.banner.isVisible(), timeout=30)
        text = notice.banner.label.text()
        assert "Satchel 9.9.9, newer than yours" in text and "INSTALL.txt" in text
        assert notice.checks[0].release.fingerprint in text  # isolated: read left to right
        assert [b.text() for b in notice.banner.buttons] == ["Open the folder", "Not now"]
        assert not app.window.importer.banner.isVisible()  # no bundles: no import offered


def test_a_changed_release_on_a_drive_is_refused_plainly_naming_the_file(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    key = trust_test_release_key(tmp_path, monkeypatch)
    stick = tmp_path / "STICK"
    release = make_release(stick / "satchel-9.9.9", key)
    (release / "install.sh").write_bytes(b"#!/bin/sh\necho changed\n")
    with running_app(tmp_path / "library") as app:
        notice = app.window.importer.releases
        app.window.importer.drive_found(DriveBundles(stick, "STICK", (), 0, (release,)))
        wait_until(lambda: notice.banner.isVisible(), timeout=30)
        text = notice.banner.label.text()
        assert text.startswith("The copy of Satchel in “\u2068satchel-9.9.9\u2069” failed its "
                               "check: do not install it.")
        assert "install.sh" in text and notice.banner.buttons == []


def test_importing_a_release_folder_checks_it_and_imports_nothing(qtbot, tmp_path: Path,
                                                                  monkeypatch) -> None:
    key = trust_test_release_key(tmp_path, monkeypatch)
    release = make_release(tmp_path / "satchel-0.0.1", key, version="0.0.1")
    with running_app(tmp_path / "library") as app:
        wait_until(lambda: app.session.library is not None)
        notice = app.window.importer.releases
        assert app.window.importer.import_paths([release]) is None  # no import dialog
        wait_until(lambda: notice.banner.isVisible(), timeout=30)
        assert "Satchel 0.0.1, older than yours" in notice.banner.label.text()
