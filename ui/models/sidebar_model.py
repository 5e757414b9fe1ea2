"""The sidebar: All, Unread, Bookmarks, then Publishers, Languages, Tags and Bundles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QIcon, QStandardItem, QStandardItemModel

from ui.source import Facet, ListQuery, Section, SidebarData
from ui.text import language_name

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2
COUNT_ROLE = Qt.ItemDataRole.UserRole + 3


class SidebarModel(QStandardItemModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._badges: dict[str, QIcon] = {}
        self._data = SidebarData()
        self.build(self._data)

    def set_badges(self, badges: dict[str, QIcon]) -> None:
        self._badges = badges
        self.build(self._data)

    def _item(self, label: str, section: Section, value: str = "", count: int | None = None,
              selectable: bool = True) -> QStandardItem:
        item = QStandardItem(label)
        item.setEditable(False)
        item.setData(str(section), SECTION_ROLE)
        item.setData(value, VALUE_ROLE)
        if count is not None:
            item.setData(count, COUNT_ROLE)
            item.setData(f"{label}, {count}", Qt.ItemDataRole.AccessibleTextRole)
        if not selectable:
            item.setSelectable(False)
            font = item.font()
            font.setWeight(font.Weight.DemiBold)
            item.setFont(font)
        return item

    def build(self, data: SidebarData) -> None:
        """Rebuild from fresh counts; the view keeps its selection through `find`."""
        self._data = data
        self.clear()
        root = self.invisibleRootItem()
        root.appendRow(self._item(self.tr("All articles"), Section.ALL, count=data.total))
        root.appendRow(self._item(self.tr("Unread"), Section.UNREAD, count=data.unread))
        root.appendRow(self._item(self.tr("Bookmarks"), Section.BOOKMARKS, count=data.bookmarks))
        groups: list[tuple[str, Section, tuple[Facet, ...]]] = [
            (self.tr("Publishers"), Section.PUBLISHER, data.publishers),
            (self.tr("Languages"), Section.LANGUAGE, data.languages),
            (self.tr("Tags"), Section.TAG, data.tags),
            (self.tr("Bundles"), Section.BUNDLE, data.bundles),
        ]
        for title, section, facets in groups:
            group = self._item(title, section, selectable=False)
            group.setData("group", VALUE_ROLE)
            for facet in facets:
                label = language_name(facet.value) if section == Section.LANGUAGE else facet.label
                child = self._item(label, section, facet.value, facet.count)
                if facet.trust is not None and str(facet.trust) in self._badges:
                    child.setIcon(self._badges[str(facet.trust)])
                group.appendRow(child)
            root.appendRow(group)

    def query_for(self, item: QStandardItem | None) -> ListQuery | None:
        if item is None or item.data(VALUE_ROLE) == "group":
            return None
        return ListQuery(Section(item.data(SECTION_ROLE)), item.data(VALUE_ROLE) or "")

    def find(self, query: ListQuery) -> QStandardItem | None:
        def walk(parent: QStandardItem) -> QStandardItem | None:
            for row in range(parent.rowCount()):
                child = parent.child(row)
                if child is None:
                    continue
                if (child.data(SECTION_ROLE) == str(query.section)
                        and (child.data(VALUE_ROLE) or "") == query.value):
                    return child
                found = walk(child)
                if found is not None:
                    return found
            return None

        return walk(self.invisibleRootItem())

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return super().data(index, role)
