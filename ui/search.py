"""Search: the box in the top bar and the results in the middle column, as one part.

Typing runs a search on the worker after a pause (`SearchBar`); the worker
drops a queued search when a newer one arrives, so typing never waits. Enter
opens the top hit, Down moves into the results, Escape (or an empty box) goes
back to the list. The part owns the question and the answer (`Answer`), runs
the search again when the library says its index changed, and falls back to
titles and summaries while the index is broken.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QWidget

from bundles.errors import SatchelError

from . import icons
from .search_results import Answer, SearchResultsPanel

if TYPE_CHECKING:
    from reader.changes import Changes
    from reader.records import ArticleFilter

    from .search_bar import SearchBar
    from .session import Session
    from .source import ArticleKey, SidebarData
    from .theme import Theme

SEARCH_LIMIT = 50  # the best hits; the count says how many matched in all
log = logging.getLogger(__name__)


class Search(QObject):
    article_chosen = Signal(int, bool)  # ArticleKey, and whether to read it (focus the text)
    active_changed = Signal(bool)  # the results replace the list (True), or go (False)
    answered = Signal(object)  # Answer, once shown (tests and the bench wait on it)
    down_into_list = Signal()  # Down in the box while the list is shown

    def __init__(self, session: Session, bar: SearchBar, parent: QWidget):
        super().__init__(parent)
        self.session = session
        self.bar = bar
        self.results = SearchResultsPanel(parent)
        self.results.set_filters(bar.filters)
        self.asked: tuple[str, ArticleFilter] | None = None
        self._pending_enter = False
        self.active = False
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
            titles_only = False
            try:
                page = source.search(text, filters, SEARCH_LIMIT)
            except SatchelError as exc:  # text that cannot be searched as typed: say why
                return Answer(text, filters, error=exc.message)
            except Exception:  # a broken index must not stop reading: search titles instead
                log.exception("full-text search failed; searching titles and summaries")
                page, titles_only = source.search_titles(text, filters, SEARCH_LIMIT), True
            rows = source.rows_by_key([h.key for h in page.hits])
            return Answer(text, filters, page, rows, titles_only=titles_only)

        def show(answer: Answer) -> None:
            if self.asked is None or not answer.asked(*self.asked):
                return  # an older search; a newer one is on its way
            self.results.set_answer(answer)
            self.answered.emit(answer)
            if self._pending_enter:
                self._pending_enter = False
                self._open_top_hit()

        self.session.run(search, show, key="search")

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
