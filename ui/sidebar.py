"""The library sidebar: All, Unread, Bookmarks, then Publishers, Languages, Tags, Bundles.

The sidebar owns its counts: it asks the source for them when the source
changes and whenever the library says articles, bundles, trust or reading
state changed, and says so (`loaded`) for the status line and the search
filters. Choosing an entry emits `query_chosen`; when the chosen entry is
gone (its bundle or publisher removed), it goes back to All articles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from . import icons
from .models.sidebar_model import COUNT_ROLE, SidebarModel
from .source import REMOVABLE, ListQuery, SidebarData

if TYPE_CHECKING:
    from reader.changes import Changes

    from .session import Session
    from .theme import Theme

Index = QModelIndex | QPersistentModelIndex


class CountDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        count = index.data(COUNT_ROLE)
        if count is None:
            super().paint(painter, option, index)
            return
        locale = QLocale()  # Persian digits in a Persian UI; else 12 345
        text = f"{count:,}".replace(",", "\u202f") if locale.zeroDigit() == "0" \
            else locale.toString(count)
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(text) + 12
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        shrunk = QStyleOptionViewItem(option)
        if rtl:
            shrunk.rect = option.rect.adjusted(width, 0, 0, 0)
        else:
            shrunk.rect = option.rect.adjusted(0, 0, -width, 0)
        super().paint(painter, shrunk, index)
        painter.save()
        color = option.palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(color)
        box = QRect(option.rect)
        if rtl:
            box.setWidth(width)
            box.adjust(6, 0, 0, 0)
        else:
            box.setLeft(option.rect.right() - width)
            box.adjust(0, 0, -6, 0)
        align = Qt.AlignmentFlag.AlignVCenter | (
            Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight)
        painter.drawText(box, int(align), text)
        painter.restore()


class Sidebar(QTreeView):
    query_chosen = Signal(object)  # ListQuery
    remove_requested = Signal(object)  # ListQuery of a publisher or a bundle
    loaded = Signal(object)  # SidebarData, fresh counts

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.session = session
        self.data: SidebarData | None = None
        model = SidebarModel(self)
        self.setModel(model)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setIndentation(14)
        self.setUniformRowHeights(True)
        self.setItemDelegate(CountDelegate(self))
        self.setExpandsOnDoubleClick(True)
        self.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self._model = model
        self._query = ListQuery()
        self._restoring = False
        self.selectionModel().currentChanged.connect(self._current_changed)
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)
        self.setAccessibleName(self.tr("Sections"))
        session.source_changed.connect(self.refresh)
        session.changed.connect(self._library_changed)

    @property
    def removable(self) -> bool:
        """Entries can be removed: a library is shown (not a bundle opened read-only)."""
        return self.session.library is not None

    def refresh(self) -> None:
        """Ask for fresh counts (on the worker); the newest answer wins."""
        self.session.call("sidebar", success=self._show, key="sidebar")

    def _show(self, data: SidebarData) -> None:
        self.data = data
        self._model.build(data)
        self.loaded.emit(data)

    def _library_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.articles or changes.bundles or changes.trust or changes.reading:
            self.refresh()

    def set_theme(self, theme: Theme) -> None:
        self._model.set_badges(icons.badges(theme, self.devicePixelRatioF()))

    def can_remove(self) -> bool:
        """The chosen entry is a bundle or a publisher of the library (File > Remove)."""
        return self.removable and self._query.section in REMOVABLE

    def translate_ui(self) -> None:
        self.setAccessibleName(self.tr("Sections"))
        self._model.build(self.data or SidebarData())

    @property
    def query(self) -> ListQuery:
        return self._query

    def menu_for(self, index: QModelIndex) -> QMenu | None:
        """The context menu of an entry: removing a publisher's or a bundle's articles."""
        query = self._model.query_for(self._model.itemFromIndex(index)) \
            if index.isValid() else None
        if not self.removable or query is None or query.section not in REMOVABLE:
            return None
        menu = QMenu(self)
        action = menu.addAction(self.tr("Remove from library…"))
        action.triggered.connect(lambda: self.remove_requested.emit(query))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.menu_for(self.indexAt(event.pos()))
        if menu is None:
            super().contextMenuEvent(event)
            return
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._restoring:
            return
        item = self._model.itemFromIndex(current)
        query = self._model.query_for(item)
        if query is not None and (query.section, query.value) != (
                self._query.section, self._query.value):
            self._query = query
            self.query_chosen.emit(query)

    def _remember(self) -> None:
        self._expanded = {
            self._model.item(r).text() for r in range(self._model.rowCount())
            if self.isExpanded(self._model.index(r, 0))
        }

    def _restore(self) -> None:
        self._restoring = True
        try:
            for r in range(self._model.rowCount()):
                item = self._model.item(r)
                if item is not None and item.text() in getattr(self, "_expanded", set()):
                    self.expand(self._model.index(r, 0))
        finally:
            self._restoring = False
        # The entry shown is gone (its bundle or publisher removed): show All articles.
        gone = self.data is not None and self._model.find(self._query) is None
        self.select(ListQuery() if gone else self._query, emit=gone)

    def select(self, query: ListQuery, emit: bool = True) -> None:
        item = self._model.find(query)
        if item is None:
            item = self._model.find(ListQuery())
            query = ListQuery()
        if item is None:
            return
        parent = item.parent()
        if parent is not None:
            self.expand(parent.index())
        was = self._restoring
        self._restoring = not emit
        try:
            self.setCurrentIndex(item.index())
        finally:
            self._restoring = was
        if self._query != query and emit:
            self._query = query
            self.query_chosen.emit(query)
        self._query = query
