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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from .actions import Actions
from .prefs import Prefs
from .search_bar import SearchBar
from .session import Session
from .theme import Theme, ThemeManager
from .translations import Translations

if TYPE_CHECKING:  # the parts load after the first paint (`_build_body`)
    from .article_browser import PreparedArticle
    from .article_list import ArticleList
    from .importing import Importer
    from .provenance import ProvenancePanel
    from .reading_pane import ReadingPane
    from .search import Search
    from .sidebar import Sidebar
    from .source import ArticleKey, ListQuery, SidebarData
    from .widgets import Banner, BannerArea

FIRST_PAINT_FALLBACK_MS = 500
WELCOME = Path(__file__).resolve().parents[1] / "examples" / "welcome.satchel"
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
        self._restore_key: ArticleKey | None = prefs.last_article
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
        self._opening = QWidget(central)
        column = QVBoxLayout(self._opening)
        row = QHBoxLayout()
        self.opening = QLabel(self._opening)
        self.opening.setProperty("role", "muted")
        row.addStretch(1)
        row.addWidget(self.opening)
        row.addStretch(1)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        outer.addWidget(self._opening, 1)
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
                              a.remove, None, a.print, a.save_pdf, None, a.settings, None,
                              a.quit)),
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
        self.opening.setText(self.tr("Opening your library…"))
        if not self.ready:
            return
        self.sidebar.translate_ui()
        self.articles.translate_ui()
        self.search.translate_ui()
        self.reading.translate_ui()
        self.provenance.translate_ui()
        self.importer.translate_ui()
        self.splitter.setAccessibleName(self.tr("Main areas"))
        if self.sidebar.data is not None:
            self._sidebar_loaded(self.sidebar.data)
        self._show_mode()

    def _connect_actions(self) -> None:
        a = self.actions_
        a.quit.triggered.connect(self.close)
        a.search.triggered.connect(self.search_bar.focus)
        a.open_bundle.triggered.connect(lambda: self.importer.choose_bundles())
        a.import_folder.triggered.connect(lambda: self.importer.choose_folder())
        a.import_shown.triggered.connect(lambda: self.importer.import_shown_bundle())
        a.export.triggered.connect(self.export)
        a.remove.triggered.connect(lambda: self.remove_from_library(self.sidebar.query))
        a.print.triggered.connect(lambda: self.reading.print_dialog())
        a.save_pdf.triggered.connect(self.save_pdf)
        a.settings.triggered.connect(self.open_settings)
        a.zoom_in.triggered.connect(lambda: self._zoom(1))
        a.zoom_out.triggered.connect(lambda: self._zoom(-1))
        a.zoom_reset.triggered.connect(lambda: self._zoom(0))
        a.details.toggled.connect(self.show_details)
        a.toggle_read.triggered.connect(self.toggle_read)
        a.bookmark.triggered.connect(self.toggle_bookmark)
        a.next_article.triggered.connect(lambda: self.step(1))
        a.previous_article.triggered.connect(lambda: self.step(-1))
        a.focus_sidebar.triggered.connect(lambda: self.sidebar.setFocus())
        a.focus_list.triggered.connect(self._focus_list)
        a.focus_article.triggered.connect(lambda: self.reading.browser.setFocus())
        a.fonts.triggered.connect(self._show_fonts)
        a.about.triggered.connect(self._show_about)

    # -- the parts ---------------------------------------------------------------------

    def _build_body(self) -> None:
        """The parts, built (and their modules loaded) right after the first paint."""
        # Loaded here, not at the top: they bring Qt's enums and the item views, which
        # would delay the first paint (bench/startup.py, docs/performance.md).
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSplitter, QStackedWidget

        from .article_list import ArticleList
        from .errors import show_exception
        from .importing import Importer
        from .provenance import ProvenancePanel
        from .reading_pane import ReadingPane
        from .search import Search
        from .sidebar import Sidebar
        from .widgets import BannerArea

        central = self.centralWidget()
        session = self.session
        self.banners: BannerArea = BannerArea(central)
        self.message_banner: Banner = self.banners.add()
        self.importer: Importer = Importer(session, self.prefs, self.themes, self.banners, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.sidebar: Sidebar = Sidebar(session, self.splitter)
        self.sidebar.setMinimumWidth(150)
        self.middle = QStackedWidget(self.splitter)
        self.middle.setMinimumWidth(280)
        self.articles: ArticleList = ArticleList(session, self.middle)
        self.search: Search = Search(session, self.search_bar, self.middle)
        self.middle.addWidget(self.articles)
        self.middle.addWidget(self.search.results)
        self.reading_split = QSplitter(Qt.Orientation.Horizontal, self.splitter)
        self.reading_split.setObjectName("readingSplitter")
        self.reading_split.setChildrenCollapsible(False)
        self.reading: ReadingPane = ReadingPane(session, self.reading_split)
        self.reading.setMinimumWidth(320)
        self.provenance: ProvenancePanel = ProvenancePanel(session, self.reading_split)
        self.provenance.setMinimumWidth(240)
        self.provenance.setMaximumWidth(DETAILS_WIDTH[1])
        self.provenance.hide()
        self.reading_split.setStretchFactor(0, 1)
        self.reading_split.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([200, 360, 720])
        self.counts = QLabel(self.status)
        self.counts.setObjectName("counts")
        self.status.addPermanentWidget(self.counts)
        self._outer.insertWidget(1, self.banners)
        self._outer.removeWidget(self._opening)
        self._opening.hide()
        self._outer.addWidget(self.splitter, 1)

        self.splitter.setAccessibleName(self.tr("Main areas"))
        self.setTabOrder(self.search_bar.edit, self.sidebar)
        self.setTabOrder(self.sidebar, self.articles.view)
        self.setTabOrder(self.articles.view, self.search.results.view)
        self.setTabOrder(self.search.results.view, self.reading.browser)

        self.sidebar.query_chosen.connect(self._query_chosen)
        self.sidebar.remove_requested.connect(self.remove_from_library)
        self.sidebar.loaded.connect(self._sidebar_loaded)
        self.articles.article_chosen.connect(self.reading.open)
        self.articles.loaded.connect(self._restore_article)
        self.articles.view.activated.connect(lambda _i: self.reading.browser.setFocus())
        self.search.article_chosen.connect(self._hit_chosen)
        self.search.active_changed.connect(self._search_active)
        self.search.down_into_list.connect(self._focus_list)
        self.reading.article_shown.connect(self._article_shown)
        self.reading.cleared.connect(lambda: self.provenance.show_article(None))
        self.reading.compare_requested.connect(self._compare_fingerprint)
        self.reading.details_requested.connect(lambda: self.actions_.details.setChecked(True))
        self.provenance.publisher_reset.connect(self._publisher_reset)
        self.provenance.import_requested.connect(self.importer.import_shown_bundle)
        session.source_changed.connect(self._show_mode)
        session.failed.connect(lambda exc: show_exception(self, exc))

        self.ready = True
        self._apply_theme(self.themes.theme)
        self.reading.set_point_size(self.prefs.point_size)
        self._restore_splitters()
        for action in self.actions_.all():
            action.setEnabled(True)
        self._show_mode()
        self.translate_ui()

    # -- what is shown -----------------------------------------------------------------

    def open_library(self, folder: Path | None, *, welcome: Path | None = WELCOME) -> None:
        """Open the library on the worker; import the welcome bundle the first time."""
        self.session.library_path = folder
        self.articles.show_message(self.tr("Opening your library…"))

        def opened(library: Any) -> None:
            self.session.run(library.reconcile_index, lambda _r: None, lambda _e: None)
            if welcome is not None and not self.prefs.welcome_imported and welcome.is_file():
                self.importer.import_welcome(welcome, self._open_welcome)

        def failed(exc: BaseException) -> None:
            from .errors import show_exception

            self.articles.show_message(self.tr("The library could not be opened."))
            show_exception(self, exc)

        self.session.open_library(opened, failed)

    def _open_welcome(self) -> None:
        """After the first run's import, open the welcome article in the reader's language."""
        library = self.session.library
        if library is None:
            return
        language = self.translations.language if self.translations is not None else "en"

        def found(key: ArticleKey | None) -> None:
            if key is not None and self.reading.current_key is None:
                self.reading.open(key)
                self.articles.select(key)

        self.session.run(lambda: library.welcome_article(language), found, lambda _e: None)

    def open_bundle_read_only(self, path: Path) -> None:
        """`satchel open FILE`: verify and show one bundle in place; nothing is imported."""
        from .text import isolate

        self.articles.show_message(self.tr("Checking “%1”…").replace("%1", isolate(path.name)))

        def failed(exc: BaseException) -> None:
            from .errors import explain

            self.articles.show_message(self.tr("This bundle could not be opened."))
            info = explain(exc)
            if not info.ignore:
                self.message_banner.show_message(f"{info.summary}\n{info.reason}", "danger")

        self.session.open_bundle(path, failed=failed)

    def _show_mode(self) -> None:
        """Read-only (a bundle straight from a drive) or the library: title and actions."""
        if not self.ready:
            return
        from .text import in_ui_direction, isolate

        bundle = self.session.bundle
        self.actions_.import_shown.setVisible(bundle is not None)
        self.actions_.export.setEnabled(self.session.library is not None)
        self._enable_remove()
        self.setWindowTitle(self.tr("Satchel") if bundle is None else in_ui_direction(
            self.tr("%1 — Satchel").replace("%1", isolate(bundle.path.name))))

    # -- between the parts ---------------------------------------------------------------

    def _sidebar_loaded(self, data: SidebarData) -> None:
        self.search.set_choices(data)
        # A permanent part of the status line: messages ("Removed …") show beside it.
        self.counts.setText(self.tr("%n article(s)", "", data.total) + " · "
                            + self.tr("%n unread", "", data.unread))

    def _query_chosen(self, query: ListQuery) -> None:
        self._enable_remove()
        self.articles.show_query(query)

    def _enable_remove(self) -> None:
        from .source import REMOVABLE

        self.actions_.remove.setEnabled(self.sidebar.removable
                                        and self.sidebar.query.section in REMOVABLE)

    def _restore_article(self) -> None:
        """The article open when the reader last closed Satchel, once it is listed."""
        key = self._restore_key
        if key is None or self.session.library is None or self.reading.current_key is not None:
            return
        if self.articles.select(key):
            self._restore_key = None
            self.reading.open(key)

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
        if self.session.library is not None:
            self.prefs.last_article = view.key

    def _name_reading_actions(self, read: bool, bookmarked: bool) -> None:
        self.actions_.toggle_read.setText(
            self.tr("Mark as &unread") if read else self.tr("Mark as &read"))
        self.actions_.bookmark.setText(
            self.tr("Remove &bookmark") if bookmarked else self.tr("&Bookmark"))

    def _publisher_reset(self, name: str, hidden: int) -> None:
        from .text import isolate

        self.message_banner.show_message(self.tr(
            "Started “%1” over: %2 article(s) are hidden until their key history "
            "arrives again, in a bundle or a key card.").replace("%1", isolate(name))
            .replace("%2", str(hidden)), "info")

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
        from .reading_pane import DEFAULT_POINT_SIZE

        if steps == 0:
            self.reading.set_point_size(DEFAULT_POINT_SIZE)
        else:
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

    def export(self) -> None:
        if self.session.library is None:
            return
        from .export_dialog import ExportDialog

        keys = self.articles.selected_keys()
        if not keys and self.reading.current_key is not None:
            keys = [self.reading.current_key]
        data = self.sidebar.data
        ExportDialog(self.session, keys, data.bundles if data else (), self,
                     self.themes.theme).open()

    def remove_from_library(self, query: ListQuery) -> None:
        from .remove_dialog import ask_to_remove
        from .text import isolate

        def removed(removal: Any) -> None:
            self.status.showMessage(self.tr("Removed “%1”.").replace(
                "%1", isolate(removal.name)), 8000)

        ask_to_remove(self.session, query, self, removed)

    def save_pdf(self) -> None:
        saved = self.reading.save_pdf_dialog()
        if saved is not None:
            self.status.showMessage(self.tr("Saved %1").replace("%1", str(saved)), 5000)

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.prefs, self.themes, self, self.translations)
        dialog.point_size_changed.connect(self.reading.set_point_size)
        dialog.drives_changed.connect(self.importer.watch_drives)
        dialog.open()

    def _show_fonts(self) -> None:
        from .about import show_fonts

        show_fonts(self)

    def _show_about(self) -> None:
        from .about import show_about

        show_about(self)

    # -- drag and drop -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from .importing import dropped_paths

        if self.ready and dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        from .importing import dropped_paths

        paths = dropped_paths(event.mimeData()) if self.ready else []
        if paths:
            event.acceptProposedAction()
            self.importer.import_paths(paths)

    # -- theme, layout memory ----------------------------------------------------------

    def _apply_theme(self, theme: Theme) -> None:
        if not self.ready:
            return
        from .icons import badge_icon, dot_icon

        self.banners.set_theme(theme)
        ratio = self.devicePixelRatioF()
        badges = {state: badge_icon(state, theme, 16, ratio)
                  for state in ("trusted", "unknown", "blocked", "revoked")}
        self.articles.set_theme(theme, badges, dot_icon(theme.accent, 16, ratio))
        self.sidebar.set_badges(badges)
        self.search.set_theme(theme, badges)  # type: ignore[arg-type]
        self.reading.set_theme(theme)
        self.provenance.set_theme(theme)

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
