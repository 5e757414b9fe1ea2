"""The sidebar view: sections with counts drawn quietly on the far side."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from .data import ListQuery, Section
from .models.sidebar_model import COUNT_ROLE, SidebarModel

Index = QModelIndex | QPersistentModelIndex


class CountDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        count = index.data(COUNT_ROLE)
        if count is None:
            super().paint(painter, option, index)
            return
        text = f"{count:,}".replace(",", "\u202f")
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


REMOVABLE = (Section.PUBLISHER, Section.BUNDLE)


class Sidebar(QTreeView):
    query_chosen = Signal(object)  # ListQuery
    remove_requested = Signal(object)  # ListQuery of a publisher or a bundle

    def __init__(self, model: SidebarModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sidebar")
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
        self.removable = False  # a library (not a bundle opened read-only) is shown
        self.selectionModel().currentChanged.connect(self._current_changed)
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)
        self.setAccessibleName(self.tr("Sections"))

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
            self.select(self._query, emit=False)
        finally:
            self._restoring = False

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
