"""The search index from the desktop reader: rebuilt in worker processes from
the app's library thread, and a broken index said plainly, with a rebuild on offer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.factory import draft, make_bundle, publisher
from ui.testing import running_app, settle, wait_until

TITLES = ["Bridge reopens after repairs", "Bakers share flour with neighbours",
          "River flour mill opens"]


def _import_some(app, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    key = publisher("Evening Courier", seed=11)
    bundle = make_bundle(folder / "courier.satchel", key,
                         [draft(f"c{n}", title=title) for n, title in enumerate(TITLES)])
    window = app.window
    dialog = window.importer.import_paths([bundle])
    assert dialog is not None
    wait_until(lambda: dialog.summary is not None)
    dialog.accept()
    wait_until(lambda: window.articles.model.rowCount() == len(TITLES))


def _search(window, text: str):
    window.search_bar.set_text(text)
    return wait_until(lambda: (a := window.search.answer) is not None and a.text == text and a)


def test_the_index_is_rebuilt_by_two_processes_from_the_library_thread(
        qtbot, tmp_path: Path) -> None:
    """The library worker is a QThread of a running Qt app; the rebuild starts
    two worker processes from it (never forked from this threaded process)."""
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        _import_some(app, tmp_path / "drive")
        source = app.session.source
        threads: list[bool] = []
        procs: list[int] = []
        real = source.library.indexing.rebuild

        def rebuild(*args: object, **kwargs: object) -> int:
            threads.append(QThread.currentThread() is not QApplication.instance().thread())
            procs.append(source.library.indexing._open().procs)
            return real(*args, **kwargs)

        source.library.indexing.rebuild = rebuild
        window.search.rebuild_index()
        wait_until(lambda: "rebuilt" in window.status.currentMessage(), timeout=60)
        assert threads == [True] and procs == [2]
        results = _search(window, "flour")
        assert sorted(h.title for h in results.hits) == sorted(TITLES[1:])
        settle(app)


def test_a_broken_index_is_said_and_a_rebuild_offered(qtbot, tmp_path: Path) -> None:
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        _import_some(app, tmp_path / "drive")
        assert len(_search(window, "flour").hits) == 2
        for toc in (tmp_path / "library" / "index").glob("*.toc"):
            toc.unlink()  # the index loses its table of contents
        window.search_bar.set_text("bridge")
        box = wait_until(lambda: window.search.index_box)
        assert isinstance(box, QMessageBox)
        assert "search index" in box.text() and "rebuild" in box.informativeText()
        assert window.search.answer is None
        assert "Rebuilding it from your library fixes this" in window.search.results.status.text()
        window.search_bar.set_text("bridg")  # more typing: still one message
        wait_until(lambda: (window.search.asked or ("",))[0] == "bridg")  # after the pause
        settle(app)
        # This window's messages only: an earlier test in this process may have left one.
        assert [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()
                and w.parentWidget() is not None and w.parentWidget().window() is window] == [box]
        rebuild = next(b for b in box.buttons() if b.text() == "Rebuild the search index")
        rebuild.click()
        wait_until(lambda: "rebuilt" in window.status.currentMessage(), timeout=60)
        answer = wait_until(lambda: (a := window.search.answer) is not None and a)
        assert [h.title for h in answer.hits] == [TITLES[0]]
        settle(app)
