"""The search box: results as you type, debounced, with filters.

Typing restarts a 150 ms timer; when it fires, `search_requested` carries the
text and filters (a `reader.records.ArticleFilter`). The search itself runs on
the worker (`ui.search.Search`), and
the worker drops a queued search when a newer one arrives, so typing never
waits for a search. Enter opens the top hit, Down moves into the results,
Escape clears the box and goes back to the list.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from reader.records import ArticleFilter

    from .source import SidebarData

DEBOUNCE_MS = 150


class SearchEdit(QLineEdit):
    """The box itself: Enter, Down and Escape are the search bar's keys.

    A subclass, not an event filter, so Python runs for key presses only and
    never for the box's many other events while the worker is busy searching.
    """

    enter = Signal()
    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Imported here, after the first paint: naming Qt loads its ~100 enums (27 ms).
        from PySide6.QtCore import Qt

        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter.emit()
        elif key == Qt.Key.Key_Down:
            self.down.emit()
        elif key == Qt.Key.Key_Escape and self.text():
            self.clear()
        else:
            super().keyPressEvent(event)


class SearchBar(QWidget):
    search_requested = Signal(str, object)  # text, ArticleFilter
    activated = Signal()  # Enter: open the top hit
    down_pressed = Signal()
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.edit = SearchEdit(self)
        self.edit.setObjectName("searchBox")
        self.edit.setClearButtonEnabled(True)
        self.edit.enter.connect(self._enter)
        layout.addWidget(self.edit)
        self._filters: QWidget | None = None  # made when the results first show them
        # The results show the filters above them (`ui.search`), not here: showing
        # them under the box would lay the whole window out again on the first key.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._fire)
        self.edit.textChanged.connect(self._text_changed)
        self.edit.down.connect(self.down_pressed.emit)
        self._sidebar: SidebarData | None = None  # filled once the library is open
        self.translate_ui()

    @property
    def filters(self) -> QWidget:
        """The filter menus (made on first use: the window needs them after its first paint)."""
        if self._filters is None:
            # Made after the first paint (with the results): not before it.
            from PySide6.QtWidgets import QComboBox, QGridLayout

            self._filters = QWidget(self)
            grid = QGridLayout(self._filters)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setHorizontalSpacing(6)
            grid.setVerticalSpacing(6)
            self.publisher = QComboBox(self._filters)
            self.language = QComboBox(self._filters)
            self.tag = QComboBox(self._filters)
            self.period = QComboBox(self._filters)
            for n, combo in enumerate((self.publisher, self.language, self.tag, self.period)):
                combo.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(6)
                combo.currentIndexChanged.connect(self._filters_changed)
                grid.addWidget(combo, n // 2, n % 2)
            self._filters.hide()
            self._name_filters()
            if self._sidebar is not None:
                self.set_choices(self._sidebar)
        return self._filters

    def _name_filters(self) -> None:
        self.publisher.setAccessibleName(self.tr("Filter by publisher"))
        self.language.setAccessibleName(self.tr("Filter by language"))
        self.tag.setAccessibleName(self.tr("Filter by tag"))
        self.period.setAccessibleName(self.tr("Filter by date"))

    def translate_ui(self) -> None:
        self.edit.setPlaceholderText(self.tr("Search all articles (Ctrl+K)"))
        self.edit.setAccessibleName(self.tr("Search"))
        self.edit.setAccessibleDescription(
            self.tr("Results appear as you type. Enter opens the first result."))
        if self._filters is not None:
            self._name_filters()
            if self._sidebar is not None:
                self.set_choices(self._sidebar)

    # -- filter choices ------------------------------------------------------------

    def set_choices(self, data: SidebarData) -> None:
        """Fill the filter menus from the library's publishers, languages and tags."""
        self._sidebar = data
        if self._filters is None:
            return  # filled when the filters are made
        keep = self.current_filters()
        combos = (self.publisher, self.language, self.tag, self.period)
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
        self.publisher.addItem(self.tr("Any publisher"), "")
        for facet in data.publishers:
            self.publisher.addItem(facet.label, facet.value)
        from .text import language_name  # it names Qt (27 ms of enums): after the paint

        self.language.addItem(self.tr("Any language"), "")
        for facet in data.languages:
            self.language.addItem(language_name(facet.value), facet.value)
        self.tag.addItem(self.tr("Any tag"), "")
        for facet in data.tags:
            self.tag.addItem(facet.label, facet.value)
        for label, days in ((self.tr("Any time"), 0), (self.tr("Past week"), 7),
                            (self.tr("Past month"), 31), (self.tr("Past year"), 366)):
            self.period.addItem(label, days)
        for combo, value in ((self.publisher, keep.publishers), (self.language, keep.languages),
                             (self.tag, keep.tags)):
            found = combo.findData(value[0] if value else "")
            combo.setCurrentIndex(max(0, found))
        for combo in combos:
            combo.blockSignals(False)

    def current_filters(self) -> ArticleFilter:
        # The records are the reader's (light: `reader.records` imports nothing of the core).
        from reader.records import ArticleFilter

        if self._filters is None:
            return ArticleFilter()
        days = int(self.period.currentData() or 0)
        since = datetime.combine(datetime.now(UTC).date() - timedelta(days=days), time(),
                                 UTC) if days else None

        def chosen(combo: object) -> tuple[str, ...]:
            value = combo.currentData()  # type: ignore[attr-defined]
            return (value,) if value else ()

        return ArticleFilter(publishers=chosen(self.publisher), languages=chosen(self.language),
                             tags=chosen(self.tag), since=since)

    # -- typing ----------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def focus(self) -> None:
        from PySide6.QtCore import Qt  # as in `SearchEdit.keyPressEvent`

        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def _text_changed(self, text: str) -> None:
        if not text.strip():
            self._timer.stop()
            self.cleared.emit()
            return
        self._timer.start()

    def _filters_changed(self) -> None:
        if self.text.strip():
            self._timer.start()

    def _fire(self) -> None:
        if self.text.strip():
            self.search_requested.emit(self.text, self.current_filters())

    def flush(self) -> None:
        """Search now (Enter before the timer fired)."""
        if self._timer.isActive():
            self._timer.stop()
            self._fire()

    def _enter(self) -> None:
        self.flush()
        self.activated.emit()
