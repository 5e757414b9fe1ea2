"""Removing a bundle's or a publisher's articles from the desktop reader."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from tests.factory import draft, make_bundle, publisher
from ui.models.sidebar_model import SECTION_ROLE, VALUE_ROLE
from ui.remove_dialog import RemoveDialog
from ui.source import ListQuery, Section
from ui.testing import running_app, settle, wait_until


def _entries(window, section: Section) -> dict[str, str]:
    """Sidebar entries of a section: label -> value."""
    model = window.sidebar.model()
    found = {}
    for row in range(model.rowCount()):
        group = model.item(row)
        for n in range(group.rowCount()):
            child = group.child(n)
            if child.data(SECTION_ROLE) == str(section) and child.data(VALUE_ROLE) != "group":
                found[child.text()] = child.data(VALUE_ROLE)
    return found


def test_remove_a_bundle_then_a_publisher_from_the_sidebar(qtbot, tmp_path: Path,
                                                           monkeypatch) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    courier = publisher("Evening Courier", seed=21)
    steppe = publisher("Steppe Radio", seed=22)
    paths = [
        make_bundle(drive / "week1.satchel", courier, [draft("c1"), draft("c2")],
                    title="Courier week 1"),
        make_bundle(drive / "week2.satchel", courier, [draft("c2"), draft("c3")],
                    title="Courier week 2"),
        make_bundle(drive / "steppe.satchel", steppe, [draft("s1")], title="Steppe"),
    ]
    dialogs: list[RemoveDialog] = []
    monkeypatch.setattr(RemoveDialog, "open", lambda self: dialogs.append(self))
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        dialog = window.importer.import_paths(paths)
        wait_until(lambda: dialog.summary is not None)
        dialog.accept()
        wait_until(lambda: window.articles.model.rowCount() == 4)
        settle(app)

        # A bundle, from its context menu: c1 goes, c2 stays (week 2 brought it too).
        bundles = _entries(window, Section.BUNDLE)
        assert set(bundles) == {"Courier week 1", "Courier week 2", "Steppe"}
        item = window.sidebar.model().find(ListQuery(Section.BUNDLE, bundles["Courier week 1"]))
        menu = window.sidebar.menu_for(item.index())
        assert [a.text() for a in menu.actions()] == ["Remove from library…"]
        menu.actions()[0].trigger()
        asked = wait_until(lambda: dialogs[-1] if dialogs else None)
        assert asked.text() == "Remove the bundle “\u2068Courier week 1\u2069” from this library?"
        assert asked.informativeText().splitlines()[:2] == [
            "Articles deleted: 1", "Versions that stay, because another bundle brought them "
            "too: 1"]
        assert asked.block is None and asked.defaultButton() is asked.cancel_button
        asked.show()
        asked.grab().save(str(tmp_path / "remove-bundle.png"))
        asked.remove_button.click()
        wait_until(lambda: window.articles.model.rowCount() == 3)
        wait_until(lambda: "Courier week 1" not in _entries(window, Section.BUNDLE))
        settle(app)

        # A publisher, from the File menu with its entry chosen, and blocked.
        publishers = _entries(window, Section.PUBLISHER)
        window.sidebar.select(ListQuery(Section.PUBLISHER, publishers["Steppe Radio"]))
        assert window.actions_.remove.isEnabled()
        window.actions_.remove.trigger()
        asked = wait_until(lambda: dialogs[-1] if len(dialogs) == 2 else None)
        assert asked.text() == \
            "Remove everything from “\u2068Steppe Radio\u2069” from this library?"
        assert asked.block is not None
        asked.block.setChecked(True)
        asked.show()
        asked.grab().save(str(tmp_path / "remove-publisher.png"))
        asked.remove_button.click()
        wait_until(lambda: "Steppe" not in _entries(window, Section.BUNDLE))
        settle(app)
        state = app.session.worker.run_sync(
            lambda: app.session.source.library.trust.get(steppe.publisher_id).state)
        assert str(state) == "blocked"
        window.sidebar.select(ListQuery())
        wait_until(lambda: window.articles.model.rowCount() == 2)  # c2 and c3
        assert not window.actions_.remove.isEnabled()  # "All articles" is not removable


def test_cancel_removes_nothing(qtbot, tmp_path: Path, monkeypatch) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    path = make_bundle(drive / "one.satchel", publisher("One", seed=23), [draft("o1")],
                       title="One")
    dialogs: list[RemoveDialog] = []
    monkeypatch.setattr(RemoveDialog, "open", lambda self: dialogs.append(self))
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        dialog = window.importer.import_paths([path])
        wait_until(lambda: dialog.summary is not None)
        dialog.accept()
        wait_until(lambda: window.articles.model.rowCount() == 1)
        settle(app)
        value = _entries(window, Section.BUNDLE)["One"]
        window.sidebar.remove_requested.emit(ListQuery(Section.BUNDLE, value))
        asked = wait_until(lambda: dialogs[-1] if dialogs else None)
        asked.button(QMessageBox.StandardButton.Cancel).click()
        settle(app)
        assert window.articles.model.rowCount() == 1 and "One" in _entries(window, Section.BUNDLE)
