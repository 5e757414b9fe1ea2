"""Starting the app: no display, `satchel open FILE` read-only, a refused bundle."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factory import draft, make_bundle, publisher
from ui.app import EXIT_ENVIRONMENT, display_problem
from ui.testing import running_app, settle, tampered_copy, wait_until

REPO = Path(__file__).resolve().parents[2]


def _env_without_display() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(REPO)
    return env


def test_display_problem_rules() -> None:
    assert display_problem({}, "linux") is not None
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "minimal"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}, "linux") is not None
    assert display_problem({}, "win32") is None
    assert display_problem({}, "darwin") is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY rules are Linux's")
@pytest.mark.parametrize("argv", [[], ["open", "x.satchel"]])
def test_without_a_display_satchel_exits_3_with_one_line(tmp_path: Path, argv: list[str]) -> None:
    code = "import sys; from reader.cli import main; sys.exit(main(sys.argv[1:]))"
    result = subprocess.run(
        [sys.executable, "-c", code, "--library", str(tmp_path / "lib"), *argv],
        env=_env_without_display(), capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )
    assert result.returncode == EXIT_ENVIRONMENT
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "display" in lines[0] and "satchel --help" in lines[0]
    assert not (tmp_path / "lib").exists()  # nothing was created


def test_a_bundle_opened_from_a_drive_is_shown_read_only(qtbot, tmp_path: Path) -> None:
    key = publisher("Radio Free Test", seed=7)
    (tmp_path / "stick").mkdir()
    bundle = make_bundle(tmp_path / "stick" / "news.satchel", key, [
        draft("a1", title="Water returns to the city"),
        draft("a2", language="ru", title="Вода вернулась в город",
              body_html="<p>Жители говорят, что вода вернулась.</p>", images={}),
    ])
    library = tmp_path / "library"
    with running_app(library, bundle) as app:
        window = app.window
        wait_until(lambda: window.articles.model.rowCount() == 2)
        assert app.session.read_only
        assert window.importer.offer.isVisible()
        assert "news.satchel" in window.importer.offer.label.text()
        window.articles.view.setCurrentIndex(window.articles.model.index(0, 0))
        wait_until(lambda: window.reading.view is not None)
        assert window.reading.view.article.title in {"Water returns to the city",
                                                          "Вода вернулась в город"}
        # Nothing was imported: the library folder has no catalog.
        assert not (library / "library.sqlite3").exists()
        # The banner's button imports it into the library.
        window.importer.offer.buttons[0].click()
        dialog = wait_until(lambda: window.importer.dialog)
        wait_until(lambda: dialog.summary is not None)
        assert not app.session.read_only
        assert sum(i.new_articles for i in dialog.summary.files) == 2
        dialog.accept()
        wait_until(lambda: window.articles.model.rowCount() == 2 and window.importer.offer.isHidden())
        settle(app)
        assert (library / "library.sqlite3").exists()


def test_a_tampered_bundle_shows_why_it_was_refused(qtbot, tmp_path: Path) -> None:
    key = publisher("Test News", seed=8)
    good = make_bundle(tmp_path / "good.satchel", key, [draft("a1")])
    bad = tampered_copy(good, tmp_path / "bad.satchel")
    with running_app(tmp_path / "library", bad) as app:
        window = app.window
        wait_until(lambda: window.message_banner.isVisible())
        text = window.message_banner.label.text()
        assert "refused" in text and "bad.satchel" in text and "blobs/sha256/" in text
        assert window.articles.model.rowCount() == 0


def test_the_library_folder_follows_the_readers_rule(tmp_path: Path, monkeypatch) -> None:
    from reader.paths import library_dir
    from ui.prefs import library_folder

    assert library_folder(tmp_path / "x") == library_dir(tmp_path / "x")
    monkeypatch.setenv("SATCHEL_LIBRARY", str(tmp_path / "env"))
    assert library_folder(None) == library_dir(None) == tmp_path / "env"
    monkeypatch.delenv("SATCHEL_LIBRARY")
    assert library_folder(None) == library_dir(None)


def test_dropping_bundle_files_and_folders_imports_them(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from ui.importing import dropped_paths

    bundle = make_bundle(tmp_path / "dropped.satchel", publisher("Dropped", seed=9), [draft()])
    (tmp_path / "notes.txt").write_text("not a bundle")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in (bundle, tmp_path / "notes.txt")])
    assert dropped_paths(mime) == [bundle]
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        window.dropEvent(QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                                    Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
        dialog = wait_until(lambda: window.importer.dialog)
        wait_until(lambda: dialog.summary is not None)
        assert sum(i.new_articles for i in dialog.summary.files) == 1
        dialog.accept()
        settle(app)
    folder = QMimeData()
    folder.setUrls([QUrl.fromLocalFile(str(tmp_path))])
    assert dropped_paths(folder) == [tmp_path]


@pytest.mark.skipif(not (REPO / "examples" / "welcome.satchel").is_file(),
                    reason="the welcome bundle is not built")
def test_run_opens_a_new_library_with_the_welcome_bundle_and_exits_0(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from ui.app import create_application, run\n"
        "create_application()\n"
        "def check():\n"
        "    window = next(w for w in QApplication.topLevelWidgets()\n"
        "                  if w.objectName() == 'mainWindow')\n"
        "    view = window.reading.view\n"
        "    if window.articles.model.rowCount() >= 16 and view is not None:\n"
        "        print('rows', window.articles.model.rowCount(), flush=True)\n"
        "        print('title', view.article.title, flush=True)\n"
        "        QApplication.quit()\n"
        "timer = QTimer()\n"
        "timer.timeout.connect(lambda: window_check())\n"
        "def window_check():\n"
        "    try:\n"
        "        check()\n"
        "    except (StopIteration, AttributeError):\n"
        "        pass\n"
        "timer.start(100)\n"
        "QTimer.singleShot(60000, QApplication.quit)\n"
        "sys.exit(run(library=sys.argv[1]))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO), LANG="en_US.UTF-8",
               LANGUAGE="en", LC_ALL="en_US.UTF-8")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "lib")], env=env,
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "propagateSizeHints" not in result.stderr  # offscreen, with dialogs shown
    assert "rows 16" in result.stdout
    assert "title Welcome to Satchel" in result.stdout  # opened in the reader's language
    assert (tmp_path / "lib" / "library.sqlite3").exists()
    assert "welcome_imported=true" in (tmp_path / "lib" / "desktop.ini").read_text()


OFFSCREEN_SESSION = """
import sys
from pathlib import Path
from tests.factory import draft, make_bundle, publisher
from ui.app import create_application
from ui.testing import running_app, settle, wait_until
tmp = Path(sys.argv[1])
bundle = make_bundle(tmp / "a.satchel", publisher("P", seed=5), [draft("a1"), draft("a2")])
create_application()
with running_app(tmp / "library") as app:
    window = app.window
    wait_until(lambda: app.session.source is not None)
    dialog = window.importer.import_paths([bundle])
    wait_until(lambda: dialog.summary is not None)
    dialog.accept()
    wait_until(lambda: window.articles.model.rowCount() == 2)
    window.articles.view.setCurrentIndex(window.articles.model.index(0, 0))
    wait_until(lambda: window.reading.view is not None)
    window.actions_.details.setChecked(True)
    settle(app)
print("done")
"""


def test_offscreen_runs_print_nothing_about_propagate_size_hints(tmp_path: Path) -> None:
    """Qt's offscreen platform warns each time a window with a layout is shown; the
    screenshots, the benchmarks and CI run offscreen and must stay quiet."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", OFFSCREEN_SESSION, str(tmp_path)], env=env,
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "done"
    assert "propagateSizeHints" not in result.stderr, result.stderr


@pytest.mark.skipif(sys.version_info >= (3, 12) or sys.implementation.name != "cpython",
                    reason="None, True and False are immortal from CPython 3.12")
def test_none_true_and_false_cannot_run_out_of_references() -> None:
    """shiboken6 6.12 spends references it never took (see ui/__init__.py): without the
    reserve, running tests/ui/test_models.py alone aborted at exit ("bool_dealloc")."""
    import ui

    for singleton in (None, True, False):
        assert sys.getrefcount(singleton) > ui.NONE_RESERVE // 2, singleton
