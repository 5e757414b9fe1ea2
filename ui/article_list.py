"""The article list view: two quiet lines per article, and a sort menu above it.

Line one is the title (bold while unread, with a dot); line two the
verification badge, publisher, date and language. Rows have one fixed height,
so the view never measures 100,000 rows; rows not fetched yet are drawn as
faint bars until their page arrives.
"""

from __future__ import annotations

from PySide6.QtCore import (
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
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .data import ArticleRow, SortKey
from .models.article_model import ROW_ROLE, ArticleListModel, Column, article_marker
from .text import compact_date, language_name
from .theme import LIGHT, Theme

Index = QModelIndex | QPersistentModelIndex
PAD_X, PAD_Y, GUTTER, LINE_GAP = 12, 9, 20, 3


def _direction_of(text: str) -> Qt.LayoutDirection:
    for ch in text:
        code = ord(ch)
        if 0x0590 <= code <= 0x08FF or 0xFB1D <= code <= 0xFEFF:
            return Qt.LayoutDirection.RightToLeft
        if ch.isalpha():
            return Qt.LayoutDirection.LeftToRight
    return Qt.LayoutDirection.LeftToRight


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
        elided = QFontMetrics(font).elidedText(title, Qt.TextElideMode.ElideRight,
                                              title_rect.width())
        text_option = QTextOption(
            (Qt.AlignmentFlag.AlignRight if ui_rtl else Qt.AlignmentFlag.AlignLeft)
            | Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignAbsolute)
        text_option.setTextDirection(_direction_of(title))
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
        metrics = QFontMetrics(small)
        tail = "".join(f"  ·  {part}" for part in
                       (compact_date(row.issued), language_name(row.language)) if part)
        left, right = x, text_right - (16 if row.bookmarked else 0)
        if ui_rtl and row.bookmarked:
            left, right = x + 16, text_right
        # A retired key or a held-back version is always said, at the line's far end.
        marker = article_marker(row)
        if marker:
            width = min(metrics.horizontalAdvance(marker) + 2, max(0, right - left) // 2)
            spot = QRectF(left if ui_rtl else right - width, meta_top, width, small_h)
            if ui_rtl:
                left += width + 10
            else:
                right -= width + 10
            painter.setPen(text_color if selected else QColor(
                self.theme.danger if row.held_back else self.theme.warn_fg))
            mark = QTextOption(text_option.alignment())
            mark.setTextDirection(option.direction)
            mark.setWrapMode(QTextOption.WrapMode.NoWrap)
            painter.drawText(spot, metrics.elidedText(marker, Qt.TextElideMode.ElideRight,
                                                      int(width)), mark)
            painter.setPen(text_color if selected else muted)
        available = max(0, right - left)
        tail_width = min(metrics.horizontalAdvance(tail) + 4, max(0, available - 48))
        name_width = min(metrics.horizontalAdvance(row.publisher_name), available - tail_width)
        name = metrics.elidedText(row.publisher_name, Qt.TextElideMode.ElideRight, name_width)
        tail = metrics.elidedText(tail, Qt.TextElideMode.ElideRight, tail_width)
        name_width = metrics.horizontalAdvance(name)
        if ui_rtl:
            name_rect = QRectF(right - name_width, meta_top, name_width, small_h)
            tail_rect = QRectF(right - name_width - tail_width, meta_top, tail_width, small_h)
        else:
            name_rect = QRectF(left, meta_top, name_width, small_h)
            tail_rect = QRectF(left + name_width, meta_top, tail_width, small_h)
        for rect_, text in ((name_rect, name), (tail_rect, tail)):
            part = QTextOption(text_option.alignment())
            part.setTextDirection(_direction_of(text) if text is name else option.direction)
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
    """The list with its sort menu; `view` is the tree view itself."""

    sort_chosen = Signal(object, bool)  # SortKey, descending

    def __init__(self, model: ArticleListModel, parent: QWidget | None = None):
        super().__init__(parent)
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
        self.view = QTreeView(self)
        self.view.setObjectName("articleList")
        self.view.setModel(model)
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
        layout.addWidget(self.view, 1)
        self.translate_ui()

    def translate_ui(self) -> None:
        current = self.sort.currentIndex()
        self.sort.blockSignals(True)
        self.sort.clear()
        for label, key, descending in (
            (self.tr("Newest first"), SortKey.DATE, True),
            (self.tr("Oldest first"), SortKey.DATE, False),
            (self.tr("By title"), SortKey.TITLE, False),
            (self.tr("By publisher"), SortKey.PUBLISHER, False),
        ):
            self.sort.addItem(label, (key, descending))
        self.sort.setCurrentIndex(max(0, current))
        self.sort.blockSignals(False)
        self.sort.setAccessibleName(self.tr("Order of the articles"))
        self.view.setAccessibleName(self.tr("Articles"))

    def set_count(self, text: str) -> None:
        self.count.setText(text)

    def set_theme(self, theme: Theme, badges: dict[str, QIcon]) -> None:
        self.delegate.theme = theme
        self.delegate.badges = badges
        self.view.viewport().update()

    def _sort_changed(self, _index: int) -> None:
        key, descending = self.sort.currentData()
        self.sort_chosen.emit(key, descending)

    def setFocus(self) -> None:
        self.view.setFocus()
