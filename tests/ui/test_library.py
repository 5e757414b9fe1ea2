"""The reader over a real library: import, cancel, trust, search, first run."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from reader.progress import Progress
from reader.records import TrustState
from tests.factory import draft, make_bundle, publisher
from ui.import_dialog import ImportDialog
from ui.models.article_model import ROW_ROLE, Column
from ui.provenance import TrustDialog
from ui.testing import running_app, settle, wait_until


def _bundles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    key = publisher("Evening Courier", seed=11)
    other = publisher("Steppe Radio", seed=12)
    return [
        make_bundle(folder / "courier.satchel", key, [
            draft("c1", title="Bridge reopens after repairs"),
            draft("c2", title="Bakers share flour with neighbours", tags=("city",)),
        ]),
        make_bundle(folder / "steppe.satchel", other, [
            draft("s1", language="kk", title="Көпір қайта ашылды",
                  body_html="<p>Қала тұрғындары қуанышты.</p>", images={}),
        ]),
    ]


def _import(window, paths: list[Path]) -> ImportDialog:
    dialog = window.importer.import_paths(paths)
    assert dialog is not None
    wait_until(lambda: dialog.summary is not None or dialog.error is not None)
    return dialog


def _library_state(app) -> tuple:
    source = app.session.source
    catalog = source.library.catalog

    def read() -> tuple:
        return tuple(catalog.scalar(f"SELECT count(*) FROM {table}") for table in
                     ("articles", "versions", "bundles", "publishers", "blobs", "envelopes"))

    return app.session.worker.run_sync(read)


def _store_files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in (root / "store").rglob("*") if p.is_file()} \
        if (root / "store").exists() else set()


def test_import_then_read_an_article(qtbot, tmp_path: Path) -> None:
    paths = _bundles(tmp_path / "drive")
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        dialog = _import(window, paths)
        assert dialog.stack.currentIndex() == 1  # the summary page
        assert "3 new articles" in dialog.result_text.text()
        dialog.accept()
        wait_until(lambda: window.articles.model.rowCount() == 3)
        settle(app)
        assert window.sidebar.model().item(0).data(Qt.ItemDataRole.UserRole + 3) == 3
        window.articles.view.setCurrentIndex(window.articles.model.index(0, 0))
        wait_until(lambda: window.reading.view is not None)
        assert window.reading.browser.toPlainText().strip()
        row = wait_until(lambda: window.articles.model.index(0, 0).data(ROW_ROLE))
        wait_until(lambda: window.articles.model.index(0, 0).data(ROW_ROLE).read)
        assert row.id == window.reading.view.key


def test_cancelled_import_leaves_the_library_unchanged(qtbot, tmp_path: Path) -> None:
    paths = _bundles(tmp_path / "drive")
    first, second = paths
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        _import(window, [first]).accept()
        settle(app)
        before = _library_state(app)
        files_before = _store_files(tmp_path / "library")

        class StopWhileVerifying(Progress):
            """Press Stop the moment the second bundle is being read."""

            def update(self, **fields: object) -> None:
                super().update(**fields)
                if fields.get("stage") == "verifying":
                    self.cancel()

        dialog = ImportDialog(app.session, [second], window)
        dialog.progress = StopWhileVerifying()
        dialog.start()
        wait_until(lambda: dialog.summary is not None or dialog.error is not None)
        assert dialog.summary is not None and dialog.summary.cancelled
        assert dialog.result_title.text() == "Import stopped"
        settle(app)
        assert _library_state(app) == before
        assert _store_files(tmp_path / "library") == files_before
        staging = tmp_path / "library" / "staging"
        assert not staging.exists() or not any(staging.rglob("*.part"))


def test_cancel_button_stops_the_import(qtbot, tmp_path: Path) -> None:
    paths = _bundles(tmp_path / "drive")
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        before = _library_state(app)
        dialog = ImportDialog(app.session, paths, window)
        dialog.cancel_button.setEnabled(True)
        dialog.progress.cancel()  # pressed before the worker began: nothing starts
        dialog.start()
        wait_until(lambda: not dialog.running)
        assert dialog.summary is not None and dialog.summary.cancelled
        assert _library_state(app) == before


def test_a_refused_bundle_is_explained_in_the_summary(qtbot, tmp_path: Path) -> None:
    from ui.testing import tampered_copy

    good, _ = _bundles(tmp_path / "drive")
    bad = tampered_copy(good, tmp_path / "drive" / "changed.satchel")
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        dialog = _import(window, [bad])
        assert dialog.result_title.text() == "Nothing was imported"
        assert "refused" in dialog.result_text.text()
        line = dialog.files.item(0).text().replace("\u2068", "").replace("\u2069", "")
        # The name, what happened in plain words (by error type, translated), then the
        # core's reason naming the entry.
        name, summary, reason = line.split("\n")
        assert name == "Refused: changed.satchel"
        assert summary == ("This bundle was refused: part of it was changed after it was "
                           "signed. Nothing from it was used.")
        assert reason.startswith("the bundle was changed after it was signed: entry 'blobs/")


def test_a_copy_cut_short_is_explained_as_incomplete(qtbot, tmp_path: Path) -> None:
    good, _ = _bundles(tmp_path / "drive")
    cut = tmp_path / "drive" / "cut.satchel"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size * 2 // 3])
    with running_app(tmp_path / "library") as app:
        wait_until(lambda: app.session.source is not None)
        dialog = _import(app.window, [cut])
        line = dialog.files.item(0).text().replace("\u2068", "").replace("\u2069", "")
        name, summary, reason = line.split("\n")
        assert name == "Refused: cut.satchel"
        assert summary.startswith("This copy of the bundle is incomplete: the copy was cut short.")
        assert reason.startswith("the file is incomplete: it ends after ")
        assert "central directory" not in line


def test_trusting_a_publisher_updates_the_badge(qtbot, tmp_path: Path, monkeypatch) -> None:
    paths = _bundles(tmp_path / "drive")
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        _import(window, paths).accept()
        wait_until(lambda: window.articles.model.rowCount() == 3)
        window.articles.view.setCurrentIndex(window.articles.model.index(0, 0))
        view = wait_until(lambda: window.reading.view)
        publisher_id = view.article.publisher
        assert view.article.trust == TrustState.UNKNOWN
        assert window.reading.trust_banner.isVisible()
        # The row's data comes from the worker: under load it may not be there yet.
        icon = wait_until(lambda: window.articles.model.index(0, Column.PUBLISHER).data(
            Qt.ItemDataRole.DecorationRole))
        assert icon.cacheKey() == window.articles.model._badges["unknown"].cacheKey()

        opened: list[TrustDialog] = []
        monkeypatch.setattr(TrustDialog, "open", lambda self: opened.append(self))
        window.reading.trust_banner.buttons[0].click()  # "Compare fingerprint…"
        assert opened and opened[0].trust_button.text().startswith("They match")
        assert window.provenance.isVisible()
        opened[0].done(QDialog.DialogCode.Accepted)

        def trusted_row() -> bool:
            row = window.articles.model.index(0, 0).data(ROW_ROLE)
            return row is not None and row.trust == TrustState.TRUSTED

        wait_until(trusted_row)
        icon = window.articles.model.index(0, Column.PUBLISHER).data(
            Qt.ItemDataRole.DecorationRole)
        assert icon.cacheKey() == window.articles.model._badges["trusted"].cacheKey()
        wait_until(lambda: window.reading.view.article.trust == TrustState.TRUSTED)
        assert window.reading.trust_banner.isHidden()
        assert window.provenance.article.trust == TrustState.TRUSTED
        assert window.provenance.article.publisher == publisher_id


def test_search_and_open_a_hit(qtbot, tmp_path: Path) -> None:
    paths = _bundles(tmp_path / "drive")
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        _import(window, paths).accept()
        wait_until(lambda: window.articles.model.rowCount() == 3)
        window.search_bar.set_text("flour")
        results = wait_until(lambda: window.search.answer)
        assert [h.title for h in results.hits] == ["Bakers share flour with neighbours"]
        assert window.middle.currentWidget() is window.search.results
        window.search_bar.activated.emit()  # Enter
        view = wait_until(lambda: window.reading.view)
        assert view.article.title == "Bakers share flour with neighbours"
        window.search_bar.set_text("")
        assert window.middle.currentWidget() is window.articles


def test_first_run_imports_the_welcome_bundle_once(qtbot, tmp_path: Path) -> None:
    key = publisher("Satchel", seed=13)
    (tmp_path / "examples").mkdir()
    welcome = make_bundle(tmp_path / "examples" / "welcome.satchel", key,
                          [draft("welcome", title="What is Satchel?")])
    library = tmp_path / "library"
    with running_app(library, welcome=welcome) as app:
        window = app.window
        wait_until(lambda: window.articles.model.rowCount() == 1)
        assert window.importer.dialog is not None and not window.importer.dialog.isVisible()
        assert app.prefs.welcome_imported
    with running_app(library, welcome=welcome) as app:  # second run: not again
        window = app.window
        wait_until(lambda: window.articles.model.rowCount() == 1)
        settle(app)
        assert window.importer.dialog is None


def test_splitters_text_size_and_the_last_article_are_remembered(qtbot, tmp_path: Path) -> None:
    paths = _bundles(tmp_path / "drive")
    library = tmp_path / "library"
    with running_app(library) as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        _import(window, paths).accept()
        wait_until(lambda: window.articles.model.rowCount() == 3)
        window.articles.view.setCurrentIndex(window.articles.model.index(2, 0))
        chosen = wait_until(lambda: window.reading.view).key
        window.splitter.setSizes([180, 300, 800])
        sizes = window.splitter.sizes()
        window.actions_.zoom_in.trigger()
        size = window.reading.point_size
        settle(app)
    with running_app(library) as app:
        window = app.window
        view = wait_until(lambda: window.reading.view)
        assert view.key == chosen
        assert window.splitter.sizes() == sizes
        assert window.reading.point_size == size
        assert window.articles.model.key_at(window.articles.view.currentIndex().row()) == chosen
        settle(app)
