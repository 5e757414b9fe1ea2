"""Keyboard alone: search, open an article, import a bundle; and every control is named."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QTextEdit,
    QWidget,
)

from tests.factory import draft, make_bundle, publisher
from ui.testing import running_app, settle, wait_until

CTRL = Qt.KeyboardModifier.ControlModifier


def _controls(root: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QTextEdit,
             QAbstractSpinBox)
    return [w for w in root.findChildren(QWidget)
            if isinstance(w, kinds) and w.isVisibleTo(root)
            and w.focusPolicy() != Qt.FocusPolicy.NoFocus
            and not isinstance(w.parent(), QAbstractSpinBox | QComboBox)]


def _unnamed(root: QWidget) -> list[str]:
    return [f"{type(w).__name__}:{w.objectName()}" for w in _controls(root)
            if not w.accessibleName().strip()]


def test_keyboard_only_search_open_and_import(qtbot, tmp_path: Path, monkeypatch) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    key = publisher("Evening Courier", seed=21)
    first = make_bundle(drive / "one.satchel", key, [draft("a1", title="Market opens early"),
                                                     draft("a2", title="Rain expected")])
    second = make_bundle(drive / "two.satchel", key, [draft("b1", title="School term begins")])
    with running_app(tmp_path / "library") as app:
        window = app.window
        window.activateWindow()
        wait_until(lambda: QApplication.activeWindow() is window)
        wait_until(lambda: app.session.source is not None)

        # Import with Ctrl+O: the file dialog is where the reader types the path.
        monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                            staticmethod(lambda *a, **k: ([str(first)], "")))
        QTest.keyClick(window, Qt.Key.Key_O, CTRL)
        dialog = wait_until(lambda: window.importer.dialog)
        wait_until(lambda: dialog.summary is not None)
        assert dialog.close_button.hasFocus()
        QTest.keyClick(dialog.close_button, Qt.Key.Key_Space)
        wait_until(lambda: not dialog.isVisible())
        wait_until(lambda: window.articles.model.rowCount() == 2)
        window.activateWindow()  # the window manager's job: focus returns to the window
        wait_until(lambda: QApplication.activeWindow() is window)

        # Search with Ctrl+K, type, Enter opens the top hit.
        QTest.keyClick(window, Qt.Key.Key_K, CTRL)
        assert window.search_bar.edit.hasFocus()
        QTest.keyClicks(window.search_bar.edit, "market")
        QTest.keyClick(window.search_bar.edit, Qt.Key.Key_Return)
        view = wait_until(lambda: window.reading.view)
        assert view.article.title == "Market opens early"
        assert window.reading.browser.hasFocus()

        # Escape in the search box goes back to the whole list; Ctrl+2 moves into it.
        QTest.keyClick(window, Qt.Key.Key_F, CTRL)
        QTest.keyClick(window.search_bar.edit, Qt.Key.Key_Escape)
        assert window.middle.currentWidget() is window.articles
        QTest.keyClick(window, Qt.Key.Key_2, CTRL)
        assert window.articles.view.hasFocus()
        start = window.articles.view.currentIndex().row()
        assert window.articles.model.key_at(start) == view.key  # the list follows what was opened
        QTest.keyClick(window.articles.view, Qt.Key.Key_Down if start == 0 else Qt.Key.Key_Up)
        expected = window.articles.model.key_at(window.articles.view.currentIndex().row())
        assert expected != view.key
        wait_until(lambda: window.reading.view.key == expected)

        # Import a second bundle through a drive banner, with Tab and Space only.
        from ui.drives import DriveBundles

        window.importer.drive_found(DriveBundles(drive, "KINGSTON", (second,), second.stat().st_size))
        button = window.importer.banner.buttons[0]
        button.setFocus()
        QTest.keyClick(button, Qt.Key.Key_Space)
        dialog = wait_until(lambda: window.importer.dialog if window.importer.dialog is not dialog
                            else None)
        wait_until(lambda: dialog.summary is not None)
        QTest.keyClick(dialog.close_button, Qt.Key.Key_Return)
        wait_until(lambda: window.articles.model.rowCount() == 3)
        settle(app)


def test_tab_order_runs_search_sidebar_list_article(qtbot, tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path / "t.satchel", publisher("T", seed=23), [draft("a1")])
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        window.importer.import_paths([bundle]).accept()
        wait_until(lambda: window.articles.model.rowCount() == 1)
        window.articles.view.setCurrentIndex(window.articles.model.index(0, 0))
        wait_until(lambda: window.reading.view)
        settle(app)
        window.activateWindow()
        wait_until(lambda: QApplication.activeWindow() is window)
        window.search_bar.edit.setFocus()
        order = [window.search_bar.edit]
        for _ in range(3):
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            order.append(QApplication.focusWidget())
        assert order[1:] == [window.sidebar, window.articles.view, window.reading.browser]


def test_every_control_has_an_accessible_name(qtbot, tmp_path: Path) -> None:
    key = publisher("Evening Courier", seed=22)
    bundle = make_bundle(tmp_path / "n.satchel", key, [draft("a1")])
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        window.importer.import_paths([bundle]).accept()
        wait_until(lambda: window.articles.model.rowCount() == 1)
        window.articles.view.setCurrentIndex(window.articles.model.index(0, 0))
        wait_until(lambda: window.reading.view)
        window.actions_.details.setChecked(True)
        window.search_bar.set_text("a")
        settle(app)
        assert _unnamed(window) == []

        from ui.export_dialog import ExportDialog
        from ui.settings_dialog import SettingsDialog

        for dialog in (SettingsDialog(app.prefs, app.themes, window, app.translations),
                       ExportDialog(app.session, [1], (), window)):
            dialog.show()
            assert _unnamed(dialog) == [], type(dialog).__name__
            dialog.close()
        settle(app)
