"""The article list: two quiet lines per article, a sort menu above it, and its own state.

Line one is the title (bold while unread, with a dot); line two the
verification badge, publisher, date and language. Rows have one fixed height,
so the view never measures 100,000 rows; rows not fetched yet are drawn as
faint bars until their page arrives.

`ArticleList` owns what is listed (the sidebar entry and the order, a
`ListQuery`), the rows (`ArticleListModel`) and the reading marks it shows:
it reloads when the library says articles changed, refreshes its rows for
trust and reading changes others made, and says when the reader moves to
another article (`article_chosen`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QIcon,
    QPainter,
    QPalette,
    QPolygonF,
    QTextOption,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from . import icons, operations
from .models.article_model import ROW_ROLE, ArticleListModel, Column, article_marker
from .source import ArticleKey, ListQuery
from .text import compact_date, language_name, text_direction
from .theme import LIGHT, Theme
from .widgets import text_label

if TYPE_CHECKING:
    from reader.changes import Changes
    from reader.records import ArticleRow, ArticleView

    from .session import Session

Index = QModelIndex | QPersistentModelIndex
PAD_X, PAD_Y, GUTTER, LINE_GAP = 12, 9, 20, 3


def width_of(font: QFont, text: str) -> float:
    """The width `text` really takes (fractional: `QFontMetrics` rounds)."""
    return QFontMetricsF(font).horizontalAdvance(text)


def fit(font: QFont, text: str, width: float) -> str:
    """`text` whole when it fits in `width` pixels, else cut with an ellipsis. Measured
    with fractional widths: `elidedText` given a rounded-down width cut names that
    fit ("Relay T…")."""
    if width_of(font, text) <= width:
        return text
    return QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, int(width))


def meta_line(font: QFont, name: str, tail: str, available: float
              ) -> tuple[str, str, float, float]:
    """The second line's publisher name and "date · language", fitted into `available`
    pixels: the date and language always show (a name is cut before them, never a
    name that fits); returns both texts and the widths they take."""
    # The date and language take what they need, leaving the name up to 48 px of its own.
    tail_width = min(width_of(font, tail) + 4,
                     max(0.0, available - min(48.0, width_of(font, name))))
    name = fit(font, name, available - tail_width)
    tail = fit(font, tail, tail_width)
    return name, tail, width_of(font, name) + 1, tail_width


class ArticleDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.theme: Theme = LIGHT
        self.badges: dict[str, QIcon] = {}

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = option.widget.font() if option.widget is not None else QFont()
        regular = QFont(base)
        bold = QFont(base)
        bold.setWeight(QFont.Weight.DemiBold)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.9))
        return regular, bold, small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        _regular, bold, small = self._fonts(option)
        height = QFontMetrics(bold).height() + QFontMetrics(small).height() + LINE_GAP + 2 * PAD_Y
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else None
        option.text = ""
        option.icon = QIcon()
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        row: ArticleRow | None = index.data(ROW_ROLE)
        regular, bold, small = self._fonts(option)
        title_h = QFontMetrics(bold).height()
        small_h = QFontMetrics(small).height()
        rect = option.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        ui_rtl = option.direction == Qt.LayoutDirection.RightToLeft
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_color = option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = QColor(self.theme.muted)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if row is None:  # not fetched yet: two faint bars
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.theme.border))
            width = rect.width() - GUTTER
            x = rect.left() + (0 if ui_rtl else GUTTER)
            painter.drawRoundedRect(QRectF(x, rect.top() + 3, width * 0.7, title_h - 8), 3, 3)
            painter.drawRoundedRect(
                QRectF(x, rect.top() + title_h + LINE_GAP + 3, width * 0.4, small_h - 7), 3, 3)
            painter.restore()
            return
        # Unread dot in the gutter.
        text_left = rect.left() + GUTTER
        text_right = rect.right()
        if ui_rtl:
            text_left, text_right = rect.left(), rect.right() - GUTTER
        if not row.read:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.theme.accent))
            cx = (rect.right() - GUTTER / 2) if ui_rtl else (rect.left() + GUTTER / 2 - 3)
            painter.drawEllipse(QRectF(cx - 4, rect.top() + title_h / 2 - 4, 8, 8))
        # Title.
        title = row.title
        if row.status == "retracted":
            title = index.data(Qt.ItemDataRole.DisplayRole) or title
        font = regular if row.read else bold
        painter.setFont(font)
        painter.setPen(text_color)
        title_rect = QRect(text_left, rect.top(), text_right - text_left, title_h)
        elided = fit(font, title, title_rect.width())
        # A title is aligned to its own start edge, as in the search results (a Persian
        # title on the right in an English window); the line under it follows the window.
        title_direction = text_direction(title)
        ui_align = ((Qt.AlignmentFlag.AlignRight if ui_rtl else Qt.AlignmentFlag.AlignLeft)
                    | Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignAbsolute)
        text_option = QTextOption(
            (Qt.AlignmentFlag.AlignRight if title_direction == Qt.LayoutDirection.RightToLeft
             else Qt.AlignmentFlag.AlignLeft)
            | Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignAbsolute)
        text_option.setTextDirection(title_direction)
        text_option.setWrapMode(QTextOption.WrapMode.NoWrap)
        painter.drawText(QRectF(title_rect), elided, text_option)
        # Second line: badge, publisher · date · language, bookmark.
        meta_top = rect.top() + title_h + LINE_GAP
        badge = self.badges.get(str(row.trust))
        icon_size = min(14, small_h)
        x = text_left
        if badge is not None:
            bx = text_right - icon_size if ui_rtl else x
            badge.paint(painter, QRect(bx, meta_top + (small_h - icon_size) // 2, icon_size,
                                       icon_size))
            if ui_rtl:
                text_right -= icon_size + 6
            else:
                x += icon_size + 6
        # Date and language always show; the publisher's name gives way when narrow.
        painter.setFont(small)
        painter.setPen(text_color if selected else muted)
        tail = "".join(f"  ·  {part}" for part in
                       (compact_date(row.issued), language_name(row.language)) if part)
        left, right = x, text_right - (16 if row.bookmarked else 0)
        if ui_rtl and row.bookmarked:
            left, right = x + 16, text_right
        # A retired key or a held-back version is always said, at the line's far end.
        marker = article_marker(row)
        if marker:
            width = min(width_of(small, marker) + 2, max(0, right - left) / 2)
            spot = QRectF(left if ui_rtl else right - width, meta_top, width, small_h)
            if ui_rtl:
                left += width + 10
            else:
                right -= width + 10
            painter.setPen(text_color if selected else QColor(
                self.theme.danger if row.held_back else self.theme.warn_fg))
            mark = QTextOption(ui_align)
            mark.setTextDirection(option.direction)
            mark.setWrapMode(QTextOption.WrapMode.NoWrap)
            painter.drawText(spot, fit(small, marker, width), mark)
            painter.setPen(text_color if selected else muted)
        available = max(0, right - left)
        name, tail, name_width, tail_width = meta_line(small, row.publisher_name, tail,
                                                       available)
        if ui_rtl:
            name_rect = QRectF(right - name_width, meta_top, name_width, small_h)
            tail_rect = QRectF(right - name_width - tail_width, meta_top, tail_width, small_h)
        else:
            name_rect = QRectF(left, meta_top, name_width, small_h)
            tail_rect = QRectF(left + name_width, meta_top, tail_width, small_h)
        for rect_, text in ((name_rect, name), (tail_rect, tail)):
            part = QTextOption(ui_align)
            part.setTextDirection(text_direction(text) if text is name else option.direction)
            part.setWrapMode(QTextOption.WrapMode.NoWrap)
            painter.drawText(rect_, text, part)
        if row.bookmarked:
            bx = rect.left() if ui_rtl else text_right - 10
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.theme.accent))
            top = meta_top + 1
            painter.drawPolygon(QPolygonF([
                QPointF(bx, top), QPointF(bx + 9, top), QPointF(bx + 9, top + small_h - 2),
                QPointF(bx + 4.5, top + small_h - 6), QPointF(bx, top + small_h - 2)]))
        painter.restore()


class ArticleList(QWidget):
    """The list with its sort menu and its empty page; `view` is the tree view itself."""

    article_chosen = Signal(int)  # the reader moved to another row (an ArticleKey)
    loaded = Signal()  # a list arrived (tests and the start-up benchmark wait on it)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.query = ListQuery()
        self.current: ArticleKey | None = None  # the row the reader is on (kept on reload)
        self.model = ArticleListModel(self._fetch_rows, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        bar = QWidget(self)
        bar.setObjectName("listBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 6, 8, 6)
        self.count = QLabel(bar)
        self.count.setProperty("role", "muted")
        self.sort = QComboBox(bar)
        self.sort.setObjectName("sortBox")
        self.sort.currentIndexChanged.connect(self._sort_changed)
        row.addWidget(self.count, 1)
        row.addWidget(self.sort)
        layout.addWidget(bar)
        self.pages = QStackedWidget(self)
        self.view = QTreeView(self.pages)
        self.view.setObjectName("articleList")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionMode(QTreeView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.delegate = ArticleDelegate(self.view)
        self.view.setItemDelegateForColumn(Column.TITLE, self.delegate)
        for column in (Column.PUBLISHER, Column.DATE, Column.LANGUAGE):
            self.view.setColumnHidden(column, True)
        self.view.header().setStretchLastSection(True)
        self.empty = text_label("", self.pages)
        self.empty.setObjectName("emptyList")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "muted")
        self.empty.setContentsMargins(24, 24, 24, 24)
        self.pages.addWidget(self.view)
        self.pages.addWidget(self.empty)
        layout.addWidget(self.pages, 1)
        self.model.sort_requested.connect(self._sort)
        self.model.modelReset.connect(self._reselect)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        session.source_changed.connect(self.reload)
        session.changed.connect(self._library_changed)
        self.translate_ui()

    def translate_ui(self) -> None:
        current = self.sort.currentIndex()
        self.sort.blockSignals(True)
        self.sort.clear()
        for label, order, descending in (
            (self.tr("Newest first"), "issued", True),
            (self.tr("Oldest first"), "issued", False),
            (self.tr("By title"), "title", False),
            (self.tr("By publisher"), "publisher", False),
        ):
            self.sort.addItem(label, (order, descending))
        self.sort.setCurrentIndex(max(0, current))
        self.sort.blockSignals(False)
        self.sort.setAccessibleName(self.tr("Order of the articles"))
        self.view.setAccessibleName(self.tr("Articles"))
        self._count_text()
        if self.pages.currentWidget() is self.empty and self.session.source is not None:
            self.empty.setText(self._empty_text())
        self.model.refresh()

    def set_theme(self, theme: Theme) -> None:
        ratio = self.devicePixelRatioF()
        self.delegate.theme = theme
        self.delegate.badges = icons.badges(theme, ratio)
        self.model.set_icons(self.delegate.badges, icons.dot_icon(theme.accent, 16, ratio))
        self.view.viewport().update()

    def setFocus(self) -> None:
        self.view.setFocus()

    # -- what is listed ------------------------------------------------------------

    def show_query(self, query: ListQuery) -> None:
        """List a sidebar entry, in the order already chosen."""
        self.query = ListQuery(query.section, query.value, self.query.order,
                               self.query.descending)
        self.reload()

    def _sort_changed(self, _index: int) -> None:
        order, descending = self.sort.currentData()
        self._sort(order, descending)

    def _sort(self, order: str, descending: bool) -> None:
        self.query = ListQuery(self.query.section, self.query.value, order, descending)
        self.reload()

    def reload(self) -> None:
        """Ask the source for the listed ids (on the worker); the newest answer wins."""
        query = self.query

        def show(keys: list[ArticleKey]) -> None:
            if query != self.query:
                return
            self.model.set_keys(keys)
            self._count_text()
            if keys:
                self.pages.setCurrentWidget(self.view)
            else:
                self.show_message(self._empty_text())
            self.loaded.emit()

        self.session.call("list_keys", query, success=show, key="list")

    def _fetch_rows(self, keys: list[ArticleKey], done: Callable[[object], None]) -> None:
        self.session.call("rows", keys, success=done)

    def _library_changed(self, changes: Changes, initiator: object) -> None:
        if changes.articles:
            self.reload()  # which articles are listed may differ (imported, removed, blocked)
        elif changes.trust or (changes.reading and initiator is not self):
            self.model.refresh()  # the same rows, with new badges or reading marks

    def show_message(self, text: str) -> None:
        """The list's empty page, saying `text` (opening, checking, nothing here yet)."""
        self.empty.setText(text)
        self.pages.setCurrentWidget(self.empty)

    def _empty_text(self) -> str:
        return self.tr("No articles here yet.") + "\n\n" + self.tr(
            "Open a bundle with File > Open bundle, or drop a .satchel file on this window.")

    def _count_text(self) -> None:
        self.count.setText(self.tr("%n article(s)", "", self.model.rowCount()))

    # -- where the reader is -------------------------------------------------------

    def select(self, key: ArticleKey | None) -> bool:
        """Make `key` the current row without announcing it (it is open already)."""
        self.current = key
        row = self.model.row_of(key) if key is not None else -1
        if row < 0:
            return False
        index = self.model.index(row, 0)
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        flags = QItemSelectionModel.SelectionFlag
        selection.setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        selection.blockSignals(False)
        self.view.viewport().update()
        self.view.scrollTo(index, self.view.ScrollHint.EnsureVisible)
        return True

    def _reselect(self) -> None:
        self.select(self.current)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.model.key_at(current.row()) if current.isValid() else None
        if key is not None and key != self.current:
            self.current = key
            self.article_chosen.emit(key)

    def step(self, delta: int) -> None:
        """Move to the next (1) or previous (-1) article."""
        view = self.view
        row = view.currentIndex().row() + delta if view.currentIndex().isValid() else 0
        if 0 <= row < self.model.rowCount():
            view.setCurrentIndex(self.model.index(row, 0))

    def focus_list(self) -> None:
        self.view.setFocus()
        if not self.view.currentIndex().isValid() and self.model.rowCount() > 0:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def selected_keys(self) -> list[ArticleKey]:
        keys = [self.model.key_at(index.row())
                for index in self.view.selectionModel().selectedRows()]
        return [k for k in keys if k is not None]

    def cached(self, key: ArticleKey) -> ArticleRow | None:
        row = self.model.row_of(key)
        return self.model.cached_row(row) if row >= 0 else None

    # -- reading marks -------------------------------------------------------------

    def set_read(self, key: ArticleKey, read: bool) -> None:
        """Mark an article read or unread: shown at once, saved on the worker."""
        row = self.model.row_of(key)
        if row >= 0:
            self.model.patch_row(row, read=read)
        operations.set_read(self.session, key, read, self)

    def set_bookmark(self, key: ArticleKey, on: bool) -> None:
        row = self.model.row_of(key)
        if row >= 0:
            self.model.patch_row(row, bookmarked=on)
        operations.set_bookmark(self.session, key, on, self)

    def marks(self, key: ArticleKey, shown: ArticleView | None = None) -> tuple[bool, bool]:
        """(read, bookmarked) of an article as the list shows it (else as `shown` was)."""
        row = self.cached(key)
        if row is not None:
            return row.read, row.bookmarked
        return True, shown.bookmarked if shown is not None else False
