"""The main window's search: results as you type, Enter opens the top hit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex

if TYPE_CHECKING:
    from .data import ArticleKey, SearchFilters, SearchResults

SEARCH_LIMIT = 50  # the best hits; the count says how many matched in all


class SearchMixin:
    """Part of `MainWindow` (uses its search bar, results panel and session)."""

    _last_search: tuple[str, SearchFilters] | None
    _pending_enter: bool
    current_key: ArticleKey | None
    session: Any
    search_bar: Any
    results: Any
    list_stack: Any
    list_panel: Any
    model: Any
    reading: Any
    search_done: Any

    # -- search ------------------------------------------------------------------------------

    def run_search(self, text: str, filters: SearchFilters) -> None:
        self.list_stack.setCurrentWidget(self.results)
        self.results.show_pending(text)
        self._last_search = (text, filters)

        def show(results: SearchResults) -> None:
            if self._last_search != (results.text, results.filters):
                return  # an older search; a newer one is on its way
            self.results.set_results(results)
            self.search_done.emit(results)
            if self._pending_enter:
                self._pending_enter = False
                self._open_top_hit()

        self.session.call("search", text, filters, SEARCH_LIMIT, success=show, key="search")

    def _search_enter(self) -> None:
        results = self.results.model.results
        if results is not None and self._last_search == (results.text, results.filters) \
                and (results.text, results.filters) == (self.search_bar.text,
                                                        self.search_bar.current_filters()):
            self._open_top_hit()
        else:
            self._pending_enter = True

    def _open_top_hit(self) -> None:
        key = self.results.top_key()
        if key is None:
            return
        self.results.view.setCurrentIndex(self.results.model.index(0, 0))
        self.open_article(key)
        self.reading.browser.setFocus()

    def _into_results(self) -> None:
        if self.list_stack.currentWidget() is self.results:
            self.results.view.setFocus()
        else:
            self._focus_list()

    def _hit_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = self.results.model.hit(current.row()) if current.isValid() else None
        if hit is not None and hit.key != self.current_key and self.results.view.hasFocus():
            self.open_article(hit.key)

    def _open_hit(self, key: ArticleKey) -> None:
        self.open_article(key)
        self.reading.browser.setFocus()

    def _search_cleared(self) -> None:
        self._last_search = None
        self._pending_enter = False
        self.results.model.set_results(None)
        self.list_stack.setCurrentWidget(self.list_panel if self.model.rowCount() else self.empty)
        self._select_in_list(self.current_key)
