"""The main window: sidebar, article list (or search results), reading pane, provenance.

The window shows a `Source` through the `Session`: the library (read-write)
or one bundle opened from a drive (read-only, with a banner offering to
import it). Every data call goes to the worker; the window reacts to results
and to `Session.changed`. Imports, from any of their three doors (File >
Open, drag and drop, a drive banner), go through `ImportDialog`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QMainWindow, QVBoxLayout, QWidget

from .actions import Actions
from .prefs import Prefs
from .search_bar import SearchBar
from .session import Changed, Session
from .text import in_ui_direction, isolate
from .theme import ThemeManager, badge_icon, dot_icon
from .translations import Translations
from .widgets import text_label
from .window_commands import CommandsMixin
from .window_import import ImportMixin
from .window_search import SearchMixin

if TYPE_CHECKING:  # the body's modules load after the first paint (`_build_body`)
    from PySide6.QtCore import QModelIndex

    from .data import ArticleKey, ListQuery, SearchFilters, SortKey, Trust
    from .import_dialog import ImportDialog
    from .reading_pane import ArticleView

FIRST_PAINT_FALLBACK_MS = 500
WELCOME = Path(__file__).resolve().parents[1] / "examples" / "welcome.satchel"


def show_exception(parent: QWidget, exc: BaseException) -> Any:
    from .errors import show_exception as show  # loaded on the first error only

    return show(parent, exc)


class MainWindow(SearchMixin, ImportMixin, CommandsMixin, QMainWindow):
    article_shown = Signal(int)  # key, after the pane shows it (tests and screenshots wait on it)
    list_loaded = Signal()
    search_done = Signal(object)  # SearchResults

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
        self.query: ListQuery | None = None  # what the list shows; set in `_build_body`
        self.current_key: ArticleKey | None = None
        self.bundle_path: Path | None = None  # set while showing a bundle read-only
        self.library_path: Path | None = None
        self.import_dialog: ImportDialog | None = None
        self._restore_key: ArticleKey | None = prefs.last_article
        self._pending_enter = False
        self._last_search: tuple[str, SearchFilters] | None = None
        self._sidebar_data: Any = None
        self._after_paint: list[Callable[[], None]] = []
        self._retranslate = QTimer(self)
        self._retranslate.setSingleShot(True)
        self._retranslate.setInterval(0)
        self._retranslate.timeout.connect(self._language_changed)
        self.ready = False  # the body (lists, reading pane) is built after the first paint
        self._build_shell()
        self._build_menus()
        self._connect_shell()
        themes.changed.connect(self._apply_theme)
        self._apply_theme(themes.theme)
        self._restore_geometry()
        self.when_painted(self._build_body)

    # -- building --------------------------------------------------------------------

    def _build_shell(self) -> None:
        """What the first paint shows: the search box, banners, and a quiet message."""
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

        self.banner_area = QWidget(central)
        banner_layout = QVBoxLayout(self.banner_area)
        banner_layout.setContentsMargins(14, 10, 14, 0)
        banner_layout.setSpacing(8)
        self.banner_area.hide()  # its banners are made with the body
        outer.addWidget(self.banner_area)
        self.opening = text_label("", central)
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening.setProperty("role", "muted")
        outer.addWidget(self.opening, 1)
        self.setCentralWidget(central)
        self.status = self.statusBar()
        self.status.setSizeGripEnabled(True)

    def _build_body(self) -> None:
        """Sidebar, lists and reading pane: built (and their modules loaded) after the first paint."""
        from PySide6.QtWidgets import QSplitter, QStackedWidget

        from .article_list import ArticleList
        from .data import ListQuery
        from .drives import DriveWatcher
        from .models.article_model import ArticleListModel
        from .models.sidebar_model import SidebarModel
        from .provenance import ProvenancePanel
        from .reading_pane import ReadingPane
        from .search_results import SearchResultsPanel
        from .sidebar import Sidebar
        from .widgets import Banner

        self.query = ListQuery()
        central = self.centralWidget()
        outer = self._outer
        self.mode_banner = Banner(self.banner_area, closable=False)
        self.drive_banner = Banner(self.banner_area)
        self.message_banner = Banner(self.banner_area)
        for banner in (self.mode_banner, self.drive_banner, self.message_banner):
            self.banner_area.layout().addWidget(banner)
            banner.closed.connect(self._update_banner_area)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.sidebar_model = SidebarModel(self)
        self.sidebar = Sidebar(self.sidebar_model, self.splitter)
        self.sidebar.setMinimumWidth(150)

        self.list_stack = QStackedWidget(self.splitter)
        self.model = ArticleListModel(self._fetch_rows, self)
        self.list_panel = ArticleList(self.model, self.list_stack)
        self.list = self.list_panel.view
        self.list_stack.addWidget(self.list_panel)
        self.results = SearchResultsPanel(self.list_stack)
        self.results.set_filters(self.search_bar.filters)
        self.list_stack.addWidget(self.results)
        self.empty = text_label("", self.list_stack)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "muted")
        self.empty.setContentsMargins(24, 24, 24, 24)
        self.list_stack.addWidget(self.empty)
        self.list_stack.setMinimumWidth(280)

        self.reading_split = QSplitter(Qt.Orientation.Horizontal, self.splitter)
        self.reading_split.setObjectName("readingSplitter")
        self.reading_split.setChildrenCollapsible(True)
        self.reading = ReadingPane(self.reading_split)
        self.reading.setMinimumWidth(320)
        self.provenance = ProvenancePanel(self.reading_split)
        self.provenance.setMinimumWidth(250)
        self.provenance.hide()
        self.reading_split.setStretchFactor(0, 1)

        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([200, 360, 720])
        outer.removeWidget(self.opening)
        self.opening.hide()
        outer.addWidget(self.splitter, 1)

        self.list.setAccessibleName(self.tr("Articles"))
        self.splitter.setAccessibleName(self.tr("Main areas"))
        self.setTabOrder(self.search_bar.edit, self.sidebar)
        self.setTabOrder(self.sidebar, self.list)
        self.setTabOrder(self.list, self.results.view)
        self.setTabOrder(self.results.view, self.reading.browser)
        self.drives = DriveWatcher(self.session.io_worker, self)
        self.drives.bundles_found.connect(self._drive_found)
        self.drives.drive_removed.connect(self._drive_removed)
        self._connect_body()
        self.ready = True
        self._apply_theme(self.themes.theme)
        self.reading.set_point_size(self.prefs.point_size)
        self._restore_splitters()
        for action in vars(self.actions_).values():
            if isinstance(action, QAction):
                action.setEnabled(True)
        self._enable_remove()
        self.translate_ui()

    def _build_menus(self) -> None:
        a = self.actions_
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        for action in (a.open_bundle, a.import_folder, a.import_shown, None, a.export, a.remove,
                       None, a.print, a.save_pdf, None, a.settings, None, a.quit):
            self.file_menu.addSeparator() if action is None else self.file_menu.addAction(action)
        self.view_menu = bar.addMenu("")
        for action in (a.search, None, a.zoom_in, a.zoom_out, a.zoom_reset, None, a.details,
                       None, a.focus_sidebar, a.focus_list, a.focus_article):
            self.view_menu.addSeparator() if action is None else self.view_menu.addAction(action)
        self.article_menu = bar.addMenu("")
        for action in (a.next_article, a.previous_article, None, a.toggle_read, a.bookmark):
            self.article_menu.addSeparator() if action is None else \
                self.article_menu.addAction(action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(a.fonts)
        self.help_menu.addAction(a.about)
        # Shortcuts work even with the menu bar hidden (and in read-only mode).
        for action in vars(a).values():
            if hasattr(action, "shortcut"):
                self.addAction(action)
        a.import_shown.setVisible(False)
        for action in vars(a).values():
            if isinstance(action, QAction) and action is not a.quit:
                action.setEnabled(False)  # until the body exists
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
        self.list_panel.translate_ui()
        self.reading.translate_ui()
        self.results.translate_ui()
        self._set_empty_text()

    def _connect_shell(self) -> None:
        a = self.actions_
        a.open_bundle.triggered.connect(self.choose_bundles)
        a.import_folder.triggered.connect(self.choose_folder)
        a.import_shown.triggered.connect(self.import_shown_bundle)
        a.export.triggered.connect(self.export)
        a.remove.triggered.connect(lambda: self.remove_from_library(self.sidebar.query))
        a.print.triggered.connect(self.print_article)
        a.save_pdf.triggered.connect(self.save_pdf)
        a.settings.triggered.connect(self.open_settings)
        a.quit.triggered.connect(self.close)
        a.search.triggered.connect(self.search_bar.focus)
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
        a.fonts.triggered.connect(self.show_fonts)
        a.about.triggered.connect(self.show_about)
        self.search_bar.search_requested.connect(self.run_search)
        self.search_bar.activated.connect(self._search_enter)
        self.search_bar.down_pressed.connect(self._into_results)
        self.search_bar.cleared.connect(self._search_cleared)

    def _connect_body(self) -> None:
        self.sidebar.query_chosen.connect(self._query_chosen)
        self.sidebar.remove_requested.connect(self.remove_from_library)
        self.model.sort_requested.connect(self._sort_requested)
        self.list_panel.sort_chosen.connect(self._sort_requested)
        self.list.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.modelReset.connect(self._restore_selection)
        self.list.activated.connect(lambda _i: self.reading.browser.setFocus())
        self.results.open_requested.connect(self._open_hit)
        self.results.suggestion_chosen.connect(self.search_bar.set_text)
        self.results.view.selectionModel().currentRowChanged.connect(self._hit_changed)

        self.reading.compare_requested.connect(self._compare_fingerprint)
        self.reading.details_requested.connect(lambda: self.actions_.details.setChecked(True))
        self.provenance.trust_requested.connect(self.set_trust)
        self.provenance.reset_requested.connect(self.reset_publisher)
        self.provenance.import_requested.connect(self.import_shown_bundle)

        self.session.changed.connect(self._on_changed)
        self.session.failed.connect(lambda exc: show_exception(self, exc))

    # -- theme, layout memory ----------------------------------------------------------

    def _apply_theme(self, theme: Any) -> None:
        if not self.ready:
            return
        for banner in (self.mode_banner, self.drive_banner, self.message_banner):
            banner.set_theme(theme)
        ratio = self.devicePixelRatioF()
        badges = {state: badge_icon(state, theme, 16, ratio)
                  for state in ("trusted", "unknown", "blocked", "revoked")}
        self.model.set_icons(badges, dot_icon(theme.accent, 16, ratio))
        self.list_panel.set_theme(theme, badges)
        self.sidebar_model.set_badges(badges)
        self.results.model.badges = badges
        self.results.set_theme(theme)
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
        if not self.ready:
            self.prefs.sync()
            return
        self.prefs.set_state("splitter", self.splitter.saveState())
        self.prefs.set_state("reading", self.reading_split.saveState())
        self.prefs.point_size = self.reading.point_size
        self.prefs.last_article = self.current_key if self.bundle_path is None else \
            self.prefs.last_article
        self.prefs.sync()

    # -- opening what to show --------------------------------------------------------

    def open_library(self, folder: Path | None, *, welcome: Path | None = WELCOME) -> None:
        """Open the library on the worker; import the welcome bundle the first time."""
        self.library_path = folder
        self.bundle_path = None
        self._set_empty_text(self.tr("Opening your library…"))
        self.list_stack.setCurrentWidget(self.empty)

        def opened(source: Any) -> None:
            self.session.set_source(source)
            self._show_mode()
            self.refresh_all()
            self.session.run(source.reconcile_index, lambda _r: None, lambda _e: None)
            self._maybe_welcome(source, welcome)
            if self.prefs.watch_drives:
                self.drives.start()

        def open_source() -> Any:
            from .library_source import LibrarySource

            return LibrarySource.open(folder)

        self.session.run(open_source, opened, self._library_failed)

    def _library_failed(self, exc: BaseException) -> None:
        self._set_empty_text(self.tr("The library could not be opened."))
        box = show_exception(self, exc)
        if box is not None:
            box.finished.connect(lambda _r: None)

    def _maybe_welcome(self, source: Any, welcome: Path | None) -> None:
        if welcome is None or self.prefs.welcome_imported or not welcome.is_file():
            return

        def check() -> bool:
            return bool(source.is_empty())

        def decided(empty: bool) -> None:
            self.prefs.welcome_imported = True
            self.prefs.sync()
            if empty:
                dialog = self.import_paths([welcome], quiet=True)
                if dialog is not None:
                    dialog.imported.connect(lambda _summary: self._open_welcome(source))

        self.session.run(check, decided)

    def _open_welcome(self, source: Any) -> None:
        """After the first run's import, open the welcome article in the reader's language."""
        language = self.translations.language if self.translations is not None else "en"

        def found(key: ArticleKey | None) -> None:
            if key is not None and self.current_key is None:
                self._restore_key = key
                self.open_article(key)
                self._select_in_list(key)

        self.session.run(lambda: source.welcome_article(language), found, lambda _e: None)

    def open_bundle_read_only(self, path: Path) -> None:
        """`satchel open FILE`: verify and show one bundle in place; nothing is imported."""
        self.bundle_path = Path(path)
        self._set_empty_text(self.tr("Checking “%1”…").replace("%1", isolate(Path(path).name)))
        self.list_stack.setCurrentWidget(self.empty)

        def open_source() -> Any:
            from .bundle_source import BundleSource

            return BundleSource.open(Path(path))

        def opened(source: Any) -> None:
            self.session.set_source(source)
            self._show_mode()
            self.refresh_all()

        def failed(exc: BaseException) -> None:
            self._set_empty_text(self.tr("This bundle could not be opened."))
            self._show_rejection(Path(path), exc)

        self.session.run(open_source, opened, failed)

    def _show_rejection(self, path: Path, exc: BaseException) -> None:
        from .errors import explain

        info = explain(exc)
        if info.ignore:
            return
        self.message_banner.show_message(f"{info.summary}\n{info.reason}", "danger")
        self._update_banner_area()

    def _show_mode(self) -> None:
        read_only = self.bundle_path is not None
        self.actions_.import_shown.setVisible(read_only)
        self.actions_.export.setEnabled(not read_only)
        self.sidebar.removable = not read_only
        self._enable_remove()
        if read_only:
            assert self.bundle_path is not None
            self.mode_banner.show_message(
                self.tr("You are looking at “%1” straight from where it is stored. Its "
                        "signatures check out. Nothing has been added to your library.")
                .replace("%1", isolate(self.bundle_path.name)),
                "info",
                [(self.tr("Import into my library"), self.import_shown_bundle)],
            )
            self.setWindowTitle(in_ui_direction(self.tr("%1 — Satchel").replace(
                "%1", isolate(self.bundle_path.name))))
        else:
            self.mode_banner.hide()
            self.setWindowTitle(self.tr("Satchel"))
        self._update_banner_area()

    def _update_banner_area(self) -> None:
        visible = any(not b.isHidden() for b in
                      (self.mode_banner, self.drive_banner, self.message_banner))
        self.banner_area.setVisible(visible)

    # -- lists -----------------------------------------------------------------------------

    def refresh_all(self) -> None:
        self.refresh_sidebar()
        self.reload_list()

    def refresh_sidebar(self) -> None:
        def show(data: Any) -> None:
            self._sidebar_data = data
            self.sidebar_model.build(data)
            self.search_bar.set_choices(data)
            self._set_status(data)
            if not self.sidebar.currentIndex().isValid():
                self.sidebar.select(self.query, emit=False)

        self.session.call("sidebar", success=show, key="sidebar")

    def _set_status(self, data: Any) -> None:
        self.status.showMessage(
            self.tr("%n article(s)", "", data.total) + " · "
            + self.tr("%n unread", "", data.unread))

    def _set_list_count(self, count: int) -> None:
        self.list_panel.set_count(self.tr("%n article(s)", "", count))

    def reload_list(self) -> None:
        query = self.query

        def show(keys: list[ArticleKey]) -> None:
            if query != self.query:
                return
            self.model.set_keys(keys)
            self._set_list_count(len(keys))
            if not self.search_bar.text.strip():
                self.list_stack.setCurrentWidget(self.list_panel if keys else self.empty)
            self._set_empty_text()
            self.list_loaded.emit()

        self.session.call("list_keys", query, success=show, key="list")

    def _fetch_rows(self, keys: list[ArticleKey], done: Callable[[Any], None]) -> None:
        self.session.call("rows", keys, success=done)

    def _set_empty_text(self, text: str | None = None) -> None:
        if text is None:
            if self.session.source is None:
                return
            text = self.tr("No articles here yet.") + "\n\n" + self.tr(
                "Open a bundle with File > Open bundle, or drop a .satchel file on this window.")
        self.empty.setText(text)

    def _query_chosen(self, query: ListQuery) -> None:
        from .data import ListQuery

        self.query = ListQuery(query.section, query.value, self.query.sort, self.query.descending)
        self._enable_remove()
        self.reload_list()

    def _sort_requested(self, key: SortKey, descending: bool) -> None:
        from .data import ListQuery

        self.query = ListQuery(self.query.section, self.query.value, key, descending)
        self.reload_list()

    def _select_in_list(self, key: ArticleKey | None) -> bool:
        """Make `key` the list's current row without opening it again."""
        from PySide6.QtCore import QItemSelectionModel

        row = self.model.row_of(key) if key is not None else -1
        if row < 0:
            return False
        index = self.model.index(row, 0)
        selection = self.list.selectionModel()
        selection.blockSignals(True)
        flags = QItemSelectionModel.SelectionFlag
        selection.setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        selection.blockSignals(False)
        self.list.viewport().update()
        self.list.scrollTo(index, self.list.ScrollHint.EnsureVisible)
        return True

    def _restore_selection(self) -> None:
        key = self.current_key if self.current_key is not None else self._restore_key
        if not self._select_in_list(key):
            return
        if self._restore_key is not None and self.current_key is None:
            self._restore_key = None
            self.open_article(key)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.model.key_at(current.row()) if current.isValid() else None
        if key is not None and key != self.current_key:
            self.open_article(key)

    def _focus_list(self) -> None:
        widget = self.results.view if self.list_stack.currentWidget() is self.results \
            else self.list
        widget.setFocus()
        if not widget.currentIndex().isValid() and widget.model().rowCount() > 0:
            widget.setCurrentIndex(widget.model().index(0, 0))

    def step(self, delta: int) -> None:
        view = self.results.view if self.list_stack.currentWidget() is self.results \
            else self.list
        model = view.model()
        row = view.currentIndex().row() + delta if view.currentIndex().isValid() else 0
        if 0 <= row < model.rowCount():
            view.setCurrentIndex(model.index(row, 0))

    # -- reading ---------------------------------------------------------------------------

    def open_article(self, key: ArticleKey) -> None:
        self.current_key = key
        source = self.session.source
        if source is None:
            return

        from .reading_pane import prepare_article

        width = self.reading.image_width()

        def prepare() -> ArticleView:
            return prepare_article(source.article(key), width)

        def show(view: ArticleView) -> None:
            if view.key != self.current_key:
                return
            self.reading.show_article(view)
            self.provenance.show_provenance(view.content.provenance, source.read_only)
            self.actions_.toggle_read.setText(self.tr("Mark as &unread"))
            self.actions_.bookmark.setText(
                self.tr("Remove &bookmark") if view.content.row.bookmarked
                else self.tr("&Bookmark"))
            if not view.content.row.read:
                self._set_read(key, True)
            if not source.read_only and hasattr(source, "record_opened"):
                self.session.run(lambda: source.record_opened(key), lambda _r: None,
                                 lambda _e: None)
            if self.bundle_path is None:
                self.prefs.last_article = key
            self.article_shown.emit(key)

        def failed(exc: BaseException) -> None:
            if key == self.current_key:
                self.reading.clear()
                show_exception(self, exc)

        self.session.run(prepare, show, failed, key="open-article")

    def _set_read(self, key: ArticleKey, read: bool) -> None:
        row = self.model.row_of(key)
        if row >= 0:
            self.model.patch_row(row, read=read)
        self.session.call("set_read", key, read, success=lambda _r: self._changed_here(
            Changed(reading=True)))

    def toggle_read(self) -> None:
        view = self.reading.view
        if view is None:
            return
        row = self.model.row_of(view.key)
        cached = self.model.cached_row(row) if row >= 0 else None
        read = cached.read if cached is not None else True
        self._set_read(view.key, not read)
        self.actions_.toggle_read.setText(
            self.tr("Mark as &read") if read else self.tr("Mark as &unread"))

    def toggle_bookmark(self) -> None:
        view = self.reading.view
        if view is None:
            return
        row = self.model.row_of(view.key)
        cached = self.model.cached_row(row) if row >= 0 else None
        on = not (cached.bookmarked if cached is not None else view.content.row.bookmarked)
        if row >= 0:
            self.model.patch_row(row, bookmarked=on)
        self.actions_.bookmark.setText(self.tr("Remove &bookmark") if on else self.tr("&Bookmark"))
        self.session.call("set_bookmark", view.key, on,
                          success=lambda _r: self._changed_here(Changed(reading=True)))

    def _changed_here(self, changed: Changed) -> None:
        self.session.notify(changed._replace(initiator=self))

    def _zoom(self, steps: int) -> None:
        if steps == 0:
            from .reading_pane import DEFAULT_POINT_SIZE

            self.reading.set_point_size(DEFAULT_POINT_SIZE)
        else:
            self.reading.zoom(steps)
        self.prefs.point_size = self.reading.point_size

    def show_details(self, on: bool) -> None:
        self.provenance.setVisible(on)
        if on and self.reading_split.sizes()[1] < 200:
            total = sum(self.reading_split.sizes())
            self.reading_split.setSizes([max(320, total - 300), 300])

    # -- trust -----------------------------------------------------------------------------

    def _compare_fingerprint(self, publisher_id: str) -> None:
        self.actions_.details.setChecked(True)
        prov = self.provenance.provenance
        if self.session.read_only:
            self.provenance.setFocus()
            return
        if prov is not None and prov.publisher.id == publisher_id:
            self.provenance.ask_trust(prov.publisher)

    def set_trust(self, publisher_id: str, trust: Trust) -> None:
        def done(_result: Any) -> None:
            self.session.notify(Changed(trust=True, articles=True))

        self.session.call("set_trust", publisher_id, trust, success=done)

    def reset_publisher(self, publisher_id: str) -> None:
        """Start a publisher over (after a key history conflict): its articles hide."""
        shown = self.provenance.provenance
        name = shown.publisher.name if shown is not None else publisher_id[:16]

        def done(hidden: int) -> None:
            self.current_key = None
            self.reading.clear()
            self.provenance.show_provenance(None)
            self.message_banner.show_message(self.tr(
                "Started “%1” over: %2 article(s) are hidden until their key history "
                "arrives again, in a bundle or a key card.").replace("%1", isolate(name))
                .replace("%2", str(hidden)), "info")
            self._update_banner_area()
            self.session.notify(Changed(trust=True, articles=True))

        self.session.call("reset_publisher", publisher_id, success=done)

    # -- reacting to changes -------------------------------------------------------------

    def _on_changed(self, changed: Changed) -> None:
        """Refresh what the change touched; read state this window set is already shown."""
        if changed.articles or changed.bundles or changed.trust or changed.reading:
            self.refresh_sidebar()
        if changed.articles:
            self.reload_list()  # which articles are listed may differ (blocked, imported)
        elif changed.trust or (changed.reading and changed.initiator is not self):
            self.model.refresh()  # same rows, new badges or read marks
        if changed.trust and self.current_key is not None:
            self.open_article(self.current_key)  # badges, banners and the panel
        if changed.index and self.search_bar.text.strip():
            self.run_search(self.search_bar.text, self.search_bar.current_filters())

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
        self.refresh_sidebar()
        self.model.refresh()
        if self.current_key is not None:
            self.open_article(self.current_key)
        self._show_mode()

    # -- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.import_dialog is not None and self.import_dialog.running:
            self.import_dialog.cancel()
            event.ignore()
            QTimer.singleShot(200, self.close)
            return
        if self.ready:
            self.drives.stop()
        self.save_layout()
        super().closeEvent(event)
