"""The article list: ids only, rows fetched lazily in pages, as Anki's browser table does.

The model holds the ordered keys of the current list (100,000 ints is under a
megabyte) and a bounded cache of `ArticleRow`s. When the view asks for a row
that is not cached, the model returns an empty cell, asks the worker for the
page around it, and emits `dataChanged` when the page arrives; the UI thread
never waits on the database. After a change (`refresh`) the rows in hand stay
on screen until their fresh page arrives, so nothing flickers. Sorting is done
by the source (`ListQuery.order`): `sort()` only says what the reader asked for.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QIcon

from reader.records import ArticleRow, TrustState
from ui.source import ArticleKey
from ui.text import isolate, language_name, short_date, tooltip
from ui.translations import translate

PAGE = 200
MAX_PAGES = 64  # rows kept: 12,800

RowsFetcher = Callable[[list[ArticleKey], Callable[[dict[ArticleKey, ArticleRow]], None]], None]
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TITLE = 0
    PUBLISHER = 1
    DATE = 2
    LANGUAGE = 3


SORT_KEYS = {
    Column.TITLE: "title",
    Column.PUBLISHER: "publisher",
    Column.DATE: "issued",
    Column.LANGUAGE: "issued",  # the library has no order by language
}
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


def trust_label(trust: TrustState) -> str:
    return {
        TrustState.TRUSTED: translate("ArticleListModel", "Trusted publisher"),
        TrustState.UNKNOWN: translate("ArticleListModel", "Unverified publisher"),
        TrustState.BLOCKED: translate("ArticleListModel", "Blocked publisher"),
        TrustState.REVOKED: translate("ArticleListModel", "Publisher key revoked"),
    }[trust]


def article_marker(item: ArticleRow) -> str:
    """A short warning drawn beside an article in the list, or "" (docs/security.md 4)."""
    if item.held_back:
        return translate("ArticleListModel", "Newer version held back")
    if item.retired_key and item.trust != TrustState.REVOKED:
        return translate("ArticleListModel", "Retired key")
    return ""


def marker_explained(item: ArticleRow) -> str:
    if item.held_back:
        return translate("ArticleListModel", "A newer version of this article is signed only by "
                         "a key its publisher has retired or revoked, so it cannot replace "
                         "this one.")
    if article_marker(item):
        return translate("ArticleListModel", "Signed with a key its publisher has since "
                         "replaced.")
    return ""


class ArticleListModel(QAbstractTableModel):
    sort_requested = Signal(str, bool)  # an ArticleFilter order, descending

    def __init__(self, fetch_rows: RowsFetcher, parent: Any = None):
        super().__init__(parent)
        self._fetch_rows = fetch_rows
        self._keys: list[ArticleKey] = []
        self._pages: OrderedDict[int, dict[ArticleKey, ArticleRow]] = OrderedDict()
        self._stale: set[int] = set()  # pages shown until their fresh copy arrives
        self._inflight: set[int] = set()
        self._generation = 0
        self._badges: dict[str, QIcon] = {}
        self._unread_icon = QIcon()
        self._bold = QFont()
        self._bold.setWeight(QFont.Weight.DemiBold)

    # -- contents --------------------------------------------------------------

    def set_keys(self, keys: Sequence[ArticleKey]) -> None:
        self.beginResetModel()
        self._keys = list(keys)
        self._pages.clear()
        self._stale.clear()
        self._inflight.clear()
        self._generation += 1
        self.endResetModel()

    @property
    def keys(self) -> list[ArticleKey]:
        return self._keys

    def key_at(self, row: int) -> ArticleKey | None:
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def row_of(self, key: ArticleKey) -> int:
        try:
            return self._keys.index(key)
        except ValueError:
            return -1

    def cached_row(self, row: int) -> ArticleRow | None:
        if not 0 <= row < len(self._keys):
            return None
        page = self._pages.get(row // PAGE)
        return None if page is None else page.get(self._keys[row])

    def refresh(self) -> None:
        """Fetch the rows again (their data changed): each page the view draws is asked
        for anew, and shown as it was until the answer comes."""
        self._stale = set(self._pages)
        self._inflight.clear()
        self._generation += 1
        if self._keys:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._keys) - 1, len(Column) - 1))

    def patch_row(self, row: int, **fields: Any) -> None:
        """Change a cached row at once (read state, bookmark) while the worker saves it."""
        current = self.cached_row(row)
        if current is None:
            return
        self._pages[row // PAGE][current.id] = replace(current, **fields)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def set_icons(self, badges: dict[str, QIcon], unread: QIcon) -> None:
        self._badges = badges
        self._unread_icon = unread
        if self._keys:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._keys) - 1, len(Column) - 1))

    # -- fetching ----------------------------------------------------------------

    def _row(self, row: int) -> ArticleRow | None:
        number = row // PAGE
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            if number in self._stale:
                self._request(number)
            return page.get(self._keys[row])
        self._request(number)
        return None

    def _request(self, number: int) -> None:
        if number in self._inflight:
            return
        self._inflight.add(number)
        generation = self._generation
        keys = self._keys[number * PAGE:(number + 1) * PAGE]

        def arrived(rows: dict[ArticleKey, ArticleRow]) -> None:
            if generation != self._generation:
                return
            self._inflight.discard(number)
            self._stale.discard(number)
            self._pages[number] = rows
            while len(self._pages) > MAX_PAGES:
                self._stale.discard(self._pages.popitem(last=False)[0])
            first = number * PAGE
            last = min(len(self._keys), first + PAGE) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))

        self._fetch_rows(keys, arrived)

    @property
    def loading(self) -> bool:
        return bool(self._inflight)

    # -- Qt model interface --------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.TITLE: translate("ArticleListModel", "Title"),
            Column.PUBLISHER: translate("ArticleListModel", "Publisher"),
            Column.DATE: translate("ArticleListModel", "Date"),
            Column.LANGUAGE: translate("ArticleListModel", "Language"),
        }.get(Column(section))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._keys):
            return None
        if role == KEY_ROLE:
            return self._keys[index.row()]
        item = self._row(index.row())
        if role == ROW_ROLE:
            return item
        if item is None:
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.PUBLISHER:
                return trust_label(item.trust)
            if column == Column.TITLE:
                return tooltip("\n".join(t for t in (item.title, marker_explained(item))
                                         if t))
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            if column == Column.TITLE:
                return self._unread_icon if not item.read else None
            if column == Column.PUBLISHER:
                return self._badges.get(str(item.trust))
            return None
        if role == Qt.ItemDataRole.FontRole and column == Column.TITLE and not item.read:
            return self._bold
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.DATE:
            return int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading)
        return None

    def _display(self, item: ArticleRow, column: Column) -> str:
        if column == Column.TITLE:
            title = item.title
            if item.status == "retracted":
                title = translate("ArticleListModel", "[Retracted] %1").replace("%1",
                                                                               isolate(title))
            return title
        if column == Column.PUBLISHER:
            return item.publisher_name
        if column == Column.DATE:
            return short_date(item.issued)
        return language_name(item.language)

    def _accessible(self, item: ArticleRow, column: Column) -> str:
        text = self._display(item, column)
        if column == Column.TITLE:
            parts = [text, self._display(item, Column.PUBLISHER), trust_label(item.trust),
                     self._display(item, Column.DATE), self._display(item, Column.LANGUAGE),
                     article_marker(item)]
            if not item.read:
                parts.insert(1, translate("ArticleListModel", "unread"))
            return ", ".join(p for p in parts if p)
        if column == Column.PUBLISHER:
            return f"{text}, {trust_label(item.trust)}"
        return text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(Column(column), "issued")
        self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)
