"""Search: the box in the top bar and the results in the middle column, as one part.

Typing runs a search on the worker after a pause (`SearchBar`); the worker
drops a queued search when a newer one arrives, so typing never waits. Enter
opens the top hit, Down moves into the results, Escape (or an empty box) goes
back to the list. The part owns the question and the answer (`Answer`), and runs
the search again when the library says its index changed. A broken index is
said (once while the reader types) with a rebuild on offer (`index_broken`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from . import icons
from .errors import explain, show_exception
from .search_results import Answer, SearchResultsPanel

if TYPE_CHECKING:
    from reader.changes import Changes
    from reader.records import ArticleFilter

    from .search_bar import SearchBar
    from .session import Session
    from .source import ArticleKey, SidebarData
    from .theme import Theme

SEARCH_LIMIT = 50  # the best hits; the count says how many matched in all


class Search(QObject):
    article_chosen = Signal(int, bool)  # ArticleKey, and whether to read it (focus the text)
    active_changed = Signal(bool)  # the results replace the list (True), or go (False)
    answered = Signal(object)  # Answer, once shown (tests and the bench wait on it)
    down_into_list = Signal()  # Down in the box while the list is shown
    said = Signal(str)  # a line for the status bar

    def __init__(self, session: Session, bar: SearchBar, parent: QWidget):
        super().__init__(parent)
        self.session = session
        self.bar = bar
        self.results = SearchResultsPanel(parent)
        self.results.set_filters(bar.filters)
        self.asked: tuple[str, ArticleFilter] | None = None
        self._pending_enter = False
        self.active = False
        self.index_box: QMessageBox | None = None  # the index problem shown, if any
        bar.search_requested.connect(self.run)
        bar.activated.connect(self._enter)
        bar.down_pressed.connect(self._down)
        bar.cleared.connect(self.clear)
        self.results.open_requested.connect(lambda key: self.article_chosen.emit(key, True))
        self.results.suggestion_chosen.connect(bar.set_text)
        self.results.view.selectionModel().currentRowChanged.connect(self._hit_changed)
        session.changed.connect(self._library_changed)
        session.source_changed.connect(self._source_changed)

    @property
    def answer(self) -> Answer | None:
        return self.results.model.answer

    def _set_active(self, active: bool) -> None:
        if active != self.active:
            self.active = active
            self.active_changed.emit(active)

    def set_choices(self, data: SidebarData) -> None:
        self.bar.set_choices(data)

    def set_theme(self, theme: Theme) -> None:
        self.results.model.badges = icons.badges(theme, self.results.devicePixelRatioF())
        self.results.set_theme(theme)

    def translate_ui(self) -> None:
        self.bar.translate_ui()
        self.results.translate_ui()

    # -- asking --------------------------------------------------------------------

    def run(self, text: str, filters: ArticleFilter) -> None:
        source = self.session.source
        if source is None:
            return
        self._set_active(True)
        self.results.show_pending(text)
        self.asked = (text, filters)

        def search() -> Answer:
            try:
                page = source.search(text, filters, SEARCH_LIMIT)
            except Exception as exc:
                # On the worker, and only now: the search has loaded the index package.
                from index.errors import QueryError

                if isinstance(exc, QueryError):  # cannot be searched as typed: say why
                    return Answer(text, filters, error=exc.message)
                raise  # the index is broken: `failed` says so
            rows = source.rows_by_key([h.key for h in page.hits])
            return Answer(text, filters, page, rows)

        def show(answer: Answer) -> None:
            if self.asked is None or not answer.asked(*self.asked):
                return  # an older search; a newer one is on its way
            self.results.set_answer(answer)
            self.answered.emit(answer)
            if self._pending_enter:
                self._pending_enter = False
                self._open_top_hit()

        def failed(exc: BaseException) -> None:
            if self.asked == (text, filters):
                self.results.show_failure(explain(exc).summary)
            self.index_broken(exc)

        self.session.run(search, show, failed, key="search")

    # -- a broken index ----------------------------------------------------------------

    def index_broken(self, exc: BaseException) -> None:
        """Say that search cannot be used, and offer to rebuild the index (one message
        at a time: a search runs at each pause in typing)."""
        if self.index_box is not None:
            return
        box = show_exception(self.results, exc)
        if box is None:
            return
        self.index_box = box
        box.finished.connect(lambda _r: setattr(self, "index_box", None))
        if self.session.library is not None:  # a bundle shown read-only has no index
            rebuild = box.addButton(self.tr("Rebuild the search index"),
                                    QMessageBox.ButtonRole.AcceptRole)
            rebuild.clicked.connect(self.rebuild_index)
            box.setDefaultButton(rebuild)

    def rebuild_index(self) -> None:
        library = self.session.library
        if library is None:
            return
        self.said.emit(self.tr("Rebuilding the search index…"))

        def done(changes: Changes) -> None:
            self.said.emit(self.tr("The search index was rebuilt."))
            self.session.notify(changes, self)  # searches again (`_library_changed`)

        self.session.run(library.rebuild_index, done, self.index_broken)

    def _library_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.index and self.bar.text.strip():
            self.run(self.bar.text, self.bar.current_filters())

    def _source_changed(self) -> None:
        if self.bar.text.strip():
            self.run(self.bar.text, self.bar.current_filters())

    def clear(self) -> None:
        """The box is empty: the results go, the list comes back."""
        self.asked = None
        self._pending_enter = False
        self.results.model.set_answer(None)
        self._set_active(False)

    # -- keys ------------------------------------------------------------------------

    def _enter(self) -> None:
        answer = self.answer
        if answer is not None and self.asked is not None and answer.asked(*self.asked) \
                and answer.asked(self.bar.text, self.bar.current_filters()):
            self._open_top_hit()
        else:
            self._pending_enter = True

    def _open_top_hit(self) -> None:
        key = self.results.top_key()
        if key is None:
            return
        self.results.view.setCurrentIndex(self.results.model.index(0, 0))
        self.article_chosen.emit(key, True)

    def _down(self) -> None:
        if self.active:
            self.results.view.setFocus()
        else:
            self.down_into_list.emit()

    def _hit_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = self.results.model.hit(current.row()) if current.isValid() else None
        if hit is not None and self.results.view.hasFocus():
            self.article_chosen.emit(hit.key, False)

    def step(self, delta: int) -> None:
        view = self.results.view
        model = view.model()
        row = view.currentIndex().row() + delta if view.currentIndex().isValid() else 0
        if 0 <= row < model.rowCount():
            view.setCurrentIndex(model.index(row, 0))
            hit = self.results.model.hit(row)
            if hit is not None and not view.hasFocus():  # else `_hit_changed` opened it
                self.article_chosen.emit(hit.key, False)

    def focus_results(self) -> None:
        view = self.results.view
        view.setFocus()
        if not view.currentIndex().isValid() and view.model().rowCount() > 0:
            view.setCurrentIndex(view.model().index(0, 0))

    def top_key(self) -> ArticleKey | None:
        return self.results.top_key()
