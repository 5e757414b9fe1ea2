"""What the window shows: the library, or one bundle straight from a drive; and where the
reader was.

`open_library` opens the library on the worker (then reconciles its index in
the background, imports the welcome bundle the first time, and opens the
article the reader had open last); `open_bundle` verifies one bundle and shows
it read-only (`satchel open FILE`), saying plainly why when it is refused. The
window's title follows: the bundle's file name while one is shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from .errors import explain, show_exception
from .text import in_ui_direction, isolate

if TYPE_CHECKING:
    from .article_browser import PreparedArticle
    from .article_list import ArticleList
    from .importing import Importer
    from .library_source import LibrarySource
    from .locking import Locking
    from .prefs import Prefs
    from .reading_pane import ReadingPane
    from .session import Session
    from .source import ArticleKey
    from .widgets import Banner


class Opening(QObject):
    title_changed = Signal(str)  # the window's title
    index_failed = Signal(object)  # the exception: reconciling the search index failed

    def __init__(self, session: Session, prefs: Prefs, language: str, importer: Importer,
                 articles: ArticleList, reading: ReadingPane, banner: Banner,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.prefs = prefs
        self.language = language
        self.importer = importer
        self.articles = articles
        self.reading = reading
        self.banner = banner  # says why a bundle could not be opened
        self._restore: ArticleKey | None = prefs.last_article
        self.locking: Locking | None = None  # set by the window: unlocks a protected library
        articles.loaded.connect(self._restore_article)
        reading.article_shown.connect(self._remember)
        session.source_changed.connect(self.translate_ui)

    def translate_ui(self) -> None:
        bundle = self.session.bundle
        self.title_changed.emit(self.tr("Satchel") if bundle is None else in_ui_direction(
            self.tr("%1 — Satchel").replace("%1", isolate(bundle.path.name))))

    # -- the library -------------------------------------------------------------------

    def open_library(self, folder: Path | None, welcome: Path | None) -> None:
        """Open the library on the worker; import the welcome bundle the first time.
        A protected library is unlocked first (`ui.locking`)."""
        self.session.library_path = folder
        locking = self.locking
        if locking is not None and locking.needs_unlock():
            locking.unlock_then(lambda: self.open_library(folder, welcome))
            return
        self.articles.show_message(self.tr("Opening your library…"))

        def opened(library: LibrarySource) -> None:
            self.session.run(library.reconcile_index, None, self.index_failed.emit)
            if welcome is not None and not self.prefs.welcome_imported and welcome.is_file():
                self.importer.import_welcome(welcome, self._open_welcome)
                if locking is not None:
                    locking.offer_at_first_run()

        def failed(exc: BaseException) -> None:
            self.articles.show_message(self.tr("The library could not be opened."))
            show_exception(self.articles, exc)

        self.session.open_library(opened, failed)

    def _open_welcome(self) -> None:
        """After the first run's import, open the welcome article in the reader's language."""
        library = self.session.library
        if library is None:
            return
        language = self.language

        def found(key: ArticleKey | None) -> None:
            if key is not None and self.reading.current_key is None:
                self.reading.open(key)
                self.articles.select(key)

        self.session.run(lambda: library.welcome_article(language), found, lambda _e: None)

    def _restore_article(self) -> None:
        """The article open when the reader last closed Satchel, once it is listed."""
        key = self._restore
        if key is None or self.session.library is None or self.reading.current_key is not None:
            return
        if self.articles.select(key):
            self._restore = None
            self.reading.open(key)

    def _remember(self, view: PreparedArticle) -> None:
        # A protected library leaves nothing about its articles in the settings.
        if self.session.library is not None and self.session.key is None:
            self.prefs.last_article = view.key

    # -- one bundle, read-only -------------------------------------------------------------

    def open_bundle(self, path: Path) -> None:
        """`satchel open FILE`: verify and show one bundle in place; nothing is imported."""
        self.articles.show_message(self.tr("Checking “%1”…").replace("%1", isolate(path.name)))

        def failed(exc: BaseException) -> None:
            self.articles.show_message(self.tr("This bundle could not be opened."))
            info = explain(exc)
            if not info.ignore:
                self.banner.show_message(f"{info.summary}\n{info.reason}", "danger")

        self.session.open_bundle(path, failed=failed)
