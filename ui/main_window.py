"""The main window: it assembles the parts and shows what the reader opened.

Each area is a part in its own file, owning its state and listening to
`Session.changed` (what the library changed, and who asked) and
`Session.source_changed`: the library sidebar (`ui.sidebar.Sidebar`), the
article list (`ui.article_list.ArticleList`), search (`ui.search.Search`),
the reading pane (`ui.reading_pane.ReadingPane`), where an article came from
(`ui.provenance.ProvenancePanel`), bringing bundles in
(`ui.importing.Importer`), passing them on (`ui.export_dialog`) and removing
them (`ui.remove_dialog`). The window lays them out, connects their signals,
keeps the menus, and decides what is shown: the library (read-write), or one
bundle opened from a drive (read-only, with a banner offering to import it).

The first paint shows only the menus, the search box and "Opening your
library…" (`_build_shell`); the parts are built, and their modules loaded,
right after it (`_build_body`), then the library opens on the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from reader.welcome import welcome_bundle

from .actions import Actions
from .prefs import Prefs
from .search_bar import SearchBar
from .session import Session
from .theme import Theme, ThemeManager
from .translations import Translations

if TYPE_CHECKING:  # the parts load after the first paint (`_build_body`)
    from .article_browser import PreparedArticle
    from .locking import Locking
    from .source import ArticleKey, ListQuery, SidebarData

FIRST_PAINT_FALLBACK_MS = 500
WELCOME = welcome_bundle()
DETAILS_WIDTH = (280, 420)  # the provenance panel: its width when opened, and at most
ARTICLE_WIDTH = 520  # what the article keeps beside it, taken from the sidebar and list


class MainWindow(QMainWindow):
    def __init__(self, session: Session, prefs: Prefs, themes: ThemeManager,
                 translations: Translations | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.prefs = prefs
        self.themes = themes
        self.translations = translations
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.setWindowTitle(self.tr("Satchel"))
        self.actions_ = Actions(self)
        self.ready = False  # the parts are built after the first paint
        self._sizes_before_details: list[int] = []
        self._after_paint: list[Callable[[], None]] = []
        self._retranslate = QTimer(self)
        self._retranslate.setSingleShot(True)
        self._retranslate.setInterval(0)
        self._retranslate.timeout.connect(self._language_changed)
        self._build_shell()
        self._build_menus()
        self._connect_actions()
        themes.changed.connect(self._apply_theme)
        self._restore_geometry()
        self.when_painted(self._build_body)
        self.when_painted(themes.follow_system)

    # -- the first paint ---------------------------------------------------------------

    def _build_shell(self) -> None:
        """What the first paint shows: the search box and a quiet message."""
        central = QWidget(self)
        self._outer = outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        top = QFrame(central)
        top.setObjectName("topBar")
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(14, 10, 14, 10)
        self.search_bar = SearchBar(top)
        top_layout.addWidget(self.search_bar, 1)
        outer.addWidget(top)
        # Centred by stretches: an alignment flag would load Qt's namespace of enums
        # (~27 ms, bench/startup.py) before the first paint.
        self._waiting = QWidget(central)
        column = QVBoxLayout(self._waiting)
        row = QHBoxLayout()
        self.waiting = QLabel(self._waiting)
        self.waiting.setProperty("role", "muted")
        row.addStretch(1)
        row.addWidget(self.waiting)
        row.addStretch(1)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        outer.addWidget(self._waiting, 1)
        self.setCentralWidget(central)
        self.status = self.statusBar()
        self.status.setSizeGripEnabled(True)

    def _build_menus(self) -> None:
        a = self.actions_
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")
        self.article_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        for menu, actions in (
            (self.file_menu, (a.open_bundle, a.import_folder, a.import_shown, None, a.export,
                              a.remove, a.share, None, a.print, a.save_pdf, None, a.settings,
                              None, a.quit)),
            (self.view_menu, (a.search, None, a.zoom_in, a.zoom_out, a.zoom_reset, None,
                              a.details, None, a.focus_sidebar, a.focus_list, a.focus_article)),
            (self.article_menu, (a.next_article, a.previous_article, None, a.toggle_read,
                                 a.bookmark)),
            (self.help_menu, (a.fonts, a.about)),
        ):
            for action in actions:
                menu.addSeparator() if action is None else menu.addAction(action)
        # Shortcuts work even with the menu bar hidden (and in read-only mode).
        for action in a.all():
            self.addAction(action)
            action.setEnabled(action is a.quit or action is a.search)  # until the parts exist
        a.import_shown.setVisible(False)
        self.translate_ui()

    def translate_ui(self) -> None:
        self.actions_.translate_ui()
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.article_menu.setTitle(self.tr("&Article"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.search_bar.translate_ui()
        self.waiting.setText(self.tr("Opening your library…"))
        if not self.ready:
            return
        self.sidebar.translate_ui()
        self.articles.translate_ui()
        self.search.translate_ui()
        self.reading.translate_ui()
        self.provenance.translate_ui()
        self.importer.translate_ui()
        self.opening.translate_ui()
        self.locking.translate_ui()
        self._lock_button.setAccessibleName(self.tr("Lock"))
        self.splitter.setAccessibleName(self.tr("Main areas"))
        if self.sidebar.data is not None:
            self._sidebar_loaded(self.sidebar.data)
        self._show_mode()

    def _connect_actions(self) -> None:
        """The actions the shell can do; the others are connected with the parts."""
        self.actions_.quit.triggered.connect(self.close)
        self.actions_.search.triggered.connect(self.search_bar.focus)

    # -- the parts ---------------------------------------------------------------------

    def _build_body(self) -> None:
        """The parts, built (and their modules loaded) right after the first paint."""
        # Loaded here, not at the top: with Qt's enums and the item views they would delay
        # the first paint by tens of milliseconds (bench/startup.py, docs/performance.md).
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSplitter, QStackedWidget

        from .about import show_about, show_fonts
        from .article_list import ArticleList
        from .errors import show_exception
        from .export_dialog import ExportDialog
        from .importing import Importer
        from .locking import Locking
        from .opening import Opening
        from .provenance import ProvenancePanel
        from .reading_pane import ReadingPane
        from .remove_dialog import ask_to_remove
        from .search import Search
        from .settings_dialog import SettingsDialog
        from .sidebar import Sidebar
        from .widgets import BannerArea

        central = self.centralWidget()
        session = self.session
        self.banners = BannerArea(central)
        self.message_banner = self.banners.add()
        self.importer = Importer(session, self.prefs, self.themes, self.banners, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.sidebar = Sidebar(session, self.splitter)
        self.sidebar.setMinimumWidth(150)
        self.middle = QStackedWidget(self.splitter)
        self.middle.setMinimumWidth(280)
        self.articles = ArticleList(session, self.middle)
        self.search = Search(session, self.search_bar, self.middle)
        self.middle.addWidget(self.articles)
        self.middle.addWidget(self.search.results)
        self.reading_split = QSplitter(Qt.Orientation.Horizontal, self.splitter)
        self.reading_split.setObjectName("readingSplitter")
        self.reading_split.setChildrenCollapsible(False)
        self.reading = ReadingPane(session, self.reading_split)
        self.reading.setMinimumWidth(320)
        self.provenance = ProvenancePanel(session, self.reading_split)
        self.provenance.setMinimumWidth(240)
        self.provenance.setMaximumWidth(DETAILS_WIDTH[1])
        self.provenance.hide()
        self.reading_split.setStretchFactor(0, 1)
        self.reading_split.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([200, 360, 720])
        self.opening = Opening(session, self.prefs, self.translations.language
                               if self.translations is not None else "en", self.importer,
                               self.articles, self.reading, self.message_banner, self)
        self.locking = Locking(session, self, self.prefs)
        self.opening.locking = self.locking
        self._add_locking(self.locking)
        self.counts = QLabel(self.status)
        self.counts.setObjectName("counts")
        self.status.addPermanentWidget(self.counts)
        self._outer.insertWidget(1, self.banners)
        self._outer.removeWidget(self._waiting)
        self._waiting.hide()
        self._outer.addWidget(self.splitter, 1)
        self.setTabOrder(self.search_bar.edit, self.sidebar)
        self.setTabOrder(self.sidebar, self.articles.view)
        self.setTabOrder(self.articles.view, self.search.results.view)
        self.setTabOrder(self.search.results.view, self.reading.browser)

        # What each part says to the others.
        self.sidebar.query_chosen.connect(self.articles.show_query)
        self.sidebar.query_chosen.connect(self._show_mode)
        self.sidebar.loaded.connect(self._sidebar_loaded)
        self.articles.article_chosen.connect(self.reading.open)
        self.articles.view.activated.connect(lambda _i: self.reading.browser.setFocus())
        self.search.article_chosen.connect(self._hit_chosen)
        self.search.active_changed.connect(self._search_active)
        self.search.down_into_list.connect(self._focus_list)
        self.reading.article_shown.connect(self._article_shown)
        self.reading.cleared.connect(lambda: self.provenance.show_article(None))
        self.reading.compare_requested.connect(self._compare_fingerprint)
        self.reading.details_requested.connect(lambda: self.actions_.details.setChecked(True))
        self.provenance.publisher_reset.connect(
            lambda text: self.message_banner.show_message(text, "info"))
        self.provenance.import_requested.connect(self.importer.import_shown_bundle)
        self.opening.title_changed.connect(self.setWindowTitle)
        self.opening.index_failed.connect(self.search.index_broken)
        session.source_changed.connect(self._show_mode)
        session.failed.connect(lambda exc: show_exception(self, exc))

        # The menus' commands.
        def said(text: str) -> None:
            self.status.showMessage(text, 8000)

        def remove(query: ListQuery) -> None:
            ask_to_remove(session, query, self, said)

        def export() -> None:
            keys = self.articles.selected_keys()
            if not keys and self.reading.current_key is not None:
                keys = [self.reading.current_key]
            data = self.sidebar.data
            ExportDialog(session, keys, data.bundles if data else (), self,
                         self.themes.theme).open()

        def share() -> None:
            """File > Share on this network: one dialog; asking again brings it forward."""
            from .share_dialog import ShareDialog  # its modules only when asked for

            if session.library_path is None:
                return
            if getattr(self, "share_dialog", None) is None:
                self.share_dialog = ShareDialog(session.library_path, session.io_worker, self,
                                                key=lambda: session.key)
                # Locking stops the reading room: phones must not read a locked library.
                self.locking.about_to_lock.connect(self.share_dialog.stop)
            self.share_dialog.show()
            self.share_dialog.raise_()
            self.share_dialog.start()

        def settings() -> None:
            dialog = SettingsDialog(self.prefs, self.themes, self, self.translations)
            dialog.point_size_changed.connect(self.reading.set_point_size)
            dialog.drives_changed.connect(self.importer.watch_drives)
            dialog.open()

        a = self.actions_
        self.search.said.connect(said)
        self.sidebar.remove_requested.connect(remove)
        for action, command in (
            (a.open_bundle, self.importer.choose_bundles),
            (a.import_folder, self.importer.choose_folder),
            (a.import_shown, self.importer.import_shown_bundle),
            (a.export, export),
            (a.remove, lambda: remove(self.sidebar.query)),
            (a.share, share),
            (a.print, self.print_article),
            (a.save_pdf, self.save_pdf),
            (a.settings, settings),
            (a.zoom_in, lambda: self._zoom(1)),
            (a.zoom_out, lambda: self._zoom(-1)),
            (a.zoom_reset, lambda: self._zoom(0)),
            (a.toggle_read, self.toggle_read),
            (a.bookmark, self.toggle_bookmark),
            (a.next_article, lambda: self.step(1)),
            (a.previous_article, lambda: self.step(-1)),
            (a.focus_sidebar, self.sidebar.setFocus),
            (a.focus_list, self._focus_list),
            (a.focus_article, self.reading.browser.setFocus),
            (a.fonts, lambda: show_fonts(self)),
            (a.about, lambda: show_about(self)),
        ):
            action.triggered.connect(command)
        a.details.toggled.connect(self.show_details)

        self.ready = True
        self._apply_theme(self.themes.theme)
        self.reading.set_point_size(self.prefs.point_size)
        self._restore_splitters()
        for action in a.all():
            action.setEnabled(True)
        self.translate_ui()

    # -- between the parts ---------------------------------------------------------------

    def _show_mode(self) -> None:
        """What can be done with what is shown: a library, or a bundle read-only."""
        a = self.actions_
        a.import_shown.setVisible(self.session.bundle is not None)
        a.export.setEnabled(self.session.library is not None)
        a.remove.setEnabled(self.sidebar.can_remove())

    def _sidebar_loaded(self, data: SidebarData) -> None:
        self.search.set_choices(data)
        # A permanent part of the status line: messages ("Removed …") show beside it.
        self.counts.setText(self.tr("%n article(s)", "", data.total) + " · "
                            + self.tr("%n unread", "", data.unread))

    def _hit_chosen(self, key: ArticleKey, read: bool) -> None:
        self.reading.open(key)
        if read:
            self.reading.browser.setFocus()

    def _search_active(self, active: bool) -> None:
        self.middle.setCurrentWidget(self.search.results if active else self.articles)
        if not active:
            self.articles.select(self.reading.current_key)

    def _article_shown(self, view: PreparedArticle) -> None:
        self.provenance.show_article(view.article)
        self.articles.select(view.key)
        self._name_reading_actions(*self.articles.marks(view.key, view.article))

    def _name_reading_actions(self, read: bool, bookmarked: bool) -> None:
        self.actions_.toggle_read.setText(
            self.tr("Mark as &unread") if read else self.tr("Mark as &read"))
        self.actions_.bookmark.setText(
            self.tr("Remove &bookmark") if bookmarked else self.tr("&Bookmark"))

    def _compare_fingerprint(self, publisher_id: str) -> None:
        self.actions_.details.setChecked(True)
        article = self.provenance.article
        if self.session.read_only:
            self.provenance.setFocus()
        elif article is not None and article.publisher == publisher_id:
            self.provenance.ask_trust(article)

    # -- commands ----------------------------------------------------------------------

    def toggle_read(self) -> None:
        view = self.reading.view
        if view is not None:
            read, bookmarked = self.articles.marks(view.key, view.article)
            self.articles.set_read(view.key, not read)
            self._name_reading_actions(not read, bookmarked)

    def toggle_bookmark(self) -> None:
        view = self.reading.view
        if view is not None:
            read, bookmarked = self.articles.marks(view.key, view.article)
            self.articles.set_bookmark(view.key, not bookmarked)
            self._name_reading_actions(read, not bookmarked)

    def step(self, delta: int) -> None:
        if self.search.active:
            self.search.step(delta)
        else:
            self.articles.step(delta)

    def _focus_list(self) -> None:
        if self.search.active:
            self.search.focus_results()
        else:
            self.articles.focus_list()

    def _zoom(self, steps: int) -> None:
        self.reading.zoom(steps)
        self.prefs.point_size = self.reading.point_size

    def show_details(self, on: bool) -> None:
        """The provenance panel beside the article. The article keeps `ARTICLE_WIDTH`
        where it can: the sidebar, then the list, give up width down to their minimum
        (and get it back when the panel closes)."""
        self.provenance.setVisible(on)
        if not on:
            if self._sizes_before_details:
                self.splitter.setSizes(self._sizes_before_details)
            return
        self._sizes_before_details = self.splitter.sizes()
        sidebar, middle, reading = self._sizes_before_details
        width = DETAILS_WIDTH[0]
        short = max(0, ARTICLE_WIDTH + width - reading)
        for part in (0, 1):  # the sidebar, then the list
            sizes = [sidebar, middle]
            room = max(0, sizes[part] - (self.middle if part else self.sidebar).minimumWidth())
            give = min(short, room)
            sizes[part] -= give
            sidebar, middle = sizes
            reading += give
            short -= give
        self.splitter.setSizes([sidebar, middle, reading])
        self.reading_split.setSizes([reading - width, width])

    def _add_locking(self, locking: Locking) -> None:
        """Lock, panic and the passphrases in the File menu; Lock also beside the search box."""
        from PySide6.QtWidgets import QToolButton

        before = self.actions_.quit
        for action in (locking.protect_action, locking.passphrase_action,
                       locking.duress_action, locking.lock_action, locking.panic_action):
            self.file_menu.insertAction(before, action)
        self.file_menu.insertSeparator(before)
        button = QToolButton(self.search_bar.parentWidget())
        button.setObjectName("lockButton")
        button.setDefaultAction(locking.lock_action)
        self._lock_button = button
        self.search_bar.parentWidget().layout().addWidget(button)
        self.session.source_changed.connect(locking.update_actions)

    def forget_shown(self) -> None:
        """Drop what the window shows of the library (before it locks)."""
        if not self.ready:
            return
        self.search.clear()
        self.reading.clear()
        self.articles.show_message("")
        self.setWindowTitle(self.tr("Satchel"))

    def print_article(self) -> None:
        if self.locking.confirm_unprotected_copy(self):
            self.reading.print_dialog()

    def save_pdf(self) -> None:
        if not self.locking.confirm_unprotected_copy(self):
            return
        saved = self.reading.save_pdf_dialog()
        if saved is not None:
            self.status.showMessage(self.tr("Saved %1").replace("%1", str(saved)), 5000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.ready and event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.ready and self.importer.drop(event.mimeData()):
            event.acceptProposedAction()

    # -- theme, layout memory ----------------------------------------------------------

    def _apply_theme(self, theme: Theme) -> None:
        if not self.ready:
            return
        for part in (self.banners, self.sidebar, self.articles, self.search, self.reading,
                     self.provenance):
            part.set_theme(theme)

    def _restore_geometry(self) -> None:
        geometry = self.prefs.state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def _restore_splitters(self) -> None:
        for name, splitter in (("splitter", self.splitter), ("reading", self.reading_split)):
            state = self.prefs.state(name)
            if state is not None:
                splitter.restoreState(state)

    def save_layout(self) -> None:
        self.prefs.set_state("geometry", self.saveGeometry())
        if self.ready:
            self.prefs.set_state("splitter", self.splitter.saveState())
            self.prefs.set_state("reading", self.reading_split.saveState())
            self.prefs.point_size = self.reading.point_size
        self.prefs.sync()

    # -- painting first, language, closing ------------------------------------------------

    def when_painted(self, action: Callable[[], None]) -> None:
        """Run `action` once the window has been drawn (or after half a second at most).

        Opening the library imports the whole core; doing it after the first
        paint lets the reader see the window at once, even on an old laptop.
        """
        self._after_paint.append(action)
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self._run_after_paint)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._after_paint:
            QTimer.singleShot(0, self._run_after_paint)

    def _run_after_paint(self) -> None:
        actions, self._after_paint = self._after_paint, []
        for action in actions:
            action()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate.start()  # once, after every translator has been swapped
        super().changeEvent(event)

    def _language_changed(self) -> None:
        self.translate_ui()
        if self.ready:
            self.sidebar.refresh()
            if self.reading.current_key is not None:
                self.reading.open(self.reading.current_key, quiet=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ready and self.importer.running:
            self.importer.cancel()
            event.ignore()
            QTimer.singleShot(200, self.close)
            return
        if self.ready:
            self.importer.watch_drives(False)
        self.save_layout()
        super().closeEvent(event)


__all__ = ["WELCOME", "MainWindow"]
