"""Search results: a line about the results ("did you mean"), then hits with snippets."""

from __future__ import annotations

from collections import OrderedDict
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QIcon,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from .data import SearchHit, SearchResults
from .text import compact_date, is_rtl, isolate, join_isolated, language_name
from .theme import LIGHT, Theme

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.results: SearchResults | None = None
        self._hits: tuple[SearchHit, ...] = ()
        self.badges: dict[str, QIcon] = {}

    def set_results(self, results: SearchResults | None) -> None:
        self.beginResetModel()
        self.results = results
        self._hits = results.hits if results else ()
        self.endResetModel()

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == HIT_ROLE:
            return hit
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return join_isolated([hit.title, hit.publisher_name, hit.snippet], ". ")
        if role == Qt.ItemDataRole.DecorationRole:
            return self.badges.get(str(hit.trust))
        return None


def marked_html(text: str, marks: tuple[tuple[int, int], ...], highlight: str) -> str:
    """`text` as HTML with each marked span highlighted; everything from the article escaped."""
    out: list[str] = []
    position = 0
    for start, end in marks:
        if start < position or end > len(text):
            continue
        out.append(escape(text[position:start]))
        out.append(f'<span style="background-color:{highlight}">'
                   f"{escape(text[start:end])}</span>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


SNIPPET_CHARS = 200
SNIPPET_LINES = 3
DOC_CACHE = 64  # laid-out hits kept for repainting


def snippet_html(hit: SearchHit, highlight: str) -> str:
    """At most about three lines of snippet, cut at a space, with its marks kept."""
    text, marks = hit.snippet, hit.highlights
    if len(text) > SNIPPET_CHARS:
        cut = text.rfind(" ", 0, SNIPPET_CHARS)
        cut = cut if cut > SNIPPET_CHARS // 2 else SNIPPET_CHARS
        text = text[:cut].rstrip(" .,;:…") + "…"
        marks = tuple(m for m in marks if m[1] <= cut)
    return marked_html(text, marks, highlight)


class SearchHitDelegate(QStyledItemDelegate):
    """Title, a muted line (publisher, date, language), and the snippet with hits marked."""

    PADDING = 10

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.theme: Theme = LIGHT
        self._docs: OrderedDict[tuple[int, int, bool, bool], QTextDocument] = OrderedDict()

    def clear_cache(self) -> None:
        self._docs.clear()

    def _document(self, hit: SearchHit, width: int, option: QStyleOptionViewItem) -> QTextDocument:
        key = (id(hit), width, self.theme.dark,
               option.direction == Qt.LayoutDirection.RightToLeft)
        doc = self._docs.get(key)
        if doc is None:
            doc = self._docs[key] = self._layout(hit, width, option)
            while len(self._docs) > DOC_CACHE:
                self._docs.popitem(last=False)
        else:
            self._docs.move_to_end(key)
        return doc

    def _layout(self, hit: SearchHit, width: int, option: QStyleOptionViewItem) -> QTextDocument:
        t = self.theme
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        doc.setTextWidth(max(50, width))
        text_option = QTextOption()
        rtl = is_rtl(hit.language)
        text_option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl
                                     else Qt.LayoutDirection.LeftToRight)
        text_option.setWrapMode(QTextOption.WrapMode.WordWrap)
        doc.setDefaultTextOption(text_option)
        meta = escape(join_isolated([hit.publisher_name, compact_date(hit.issued),
                                     language_name(hit.language)]))
        ui_rtl = option.direction == Qt.LayoutDirection.RightToLeft
        text_dir, text_align = ("rtl", "right") if rtl else ("ltr", "left")
        ui_dir, ui_align = ("rtl", "right") if ui_rtl else ("ltr", "left")
        doc.setHtml(
            f'<p dir="{text_dir}" align="{text_align}" style="margin:0; font-weight:600">'
            f"{marked_html(hit.title, hit.title_highlights, t.highlight_bg)}</p>"
            f'<p dir="{ui_dir}" align="{ui_align}" style="margin:2px 0 4px 0; color:{t.muted}">'
            f"{meta}</p>"
            f'<p dir="{text_dir}" align="{text_align}" style="margin:0">'
            f"{snippet_html(hit, t.highlight_bg)}</p>"
        )
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hit = index.data(HIT_ROLE)
        if hit is None:
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        option.icon = QIcon()
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect: QRect = option.rect.adjusted(self.PADDING + 22, self.PADDING, -self.PADDING,
                                           -self.PADDING)
        badge = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(badge, QIcon):
            badge.paint(painter, QRect(option.rect.left() + self.PADDING,
                                       option.rect.top() + self.PADDING + 2, 16, 16))
        doc = self._document(hit, rect.width(), option)
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRect(0, 0, rect.width(), rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hit = index.data(HIT_ROLE)
        width = option.rect.width() if option.rect.width() > 0 else 420
        if hit is None:
            return QSize(width, 40)
        doc = self._document(hit, width - 2 * self.PADDING - 22, option)
        return QSize(width, int(doc.size().height()) + 2 * self.PADDING)


class SearchResultsPanel(QWidget):
    """The results line and the list of hits."""

    open_requested = Signal(int)  # article key
    suggestion_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.filter_slot = QVBoxLayout()
        self.filter_slot.setContentsMargins(12, 10, 12, 0)
        layout.addLayout(self.filter_slot)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setContentsMargins(14, 8, 14, 8)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.linkActivated.connect(self.suggestion_chosen.emit)
        layout.addWidget(self.status)
        self.model = SearchResultsModel(self)
        self.view = QListView(self)
        self.view.setObjectName("searchResults")
        self.view.setModel(self.model)
        self.delegate = SearchHitDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setUniformItemSizes(True)
        self.view.setWordWrap(True)
        self.view.activated.connect(self._activated)
        layout.addWidget(self.view, 1)
        self.translate_ui()

    def translate_ui(self) -> None:
        self.view.setAccessibleName(self.tr("Search results"))
        self.status.setAccessibleName(self.tr("Search summary"))

    def set_filters(self, widget: QWidget) -> None:
        """Show the search bar's filter menus above the results."""
        self.filter_slot.addWidget(widget)
        widget.show()

    def set_theme(self, theme: Theme) -> None:
        self.delegate.theme = theme
        self.delegate.clear_cache()
        self.view.viewport().update()

    def show_pending(self, text: str) -> None:
        self.status.setText(escape(self.tr("Searching for “%1”…").replace("%1", isolate(text))))

    def set_results(self, results: SearchResults) -> None:
        self.delegate.clear_cache()
        self.model.set_results(results)
        if results.error:
            message = escape(self.tr("This search cannot be run as typed: %1")
                             .replace("%1", results.error))
        elif not results.hits:
            message = escape(self.tr("Nothing found for “%1”.").replace("%1",
                                                                         isolate(results.text)))
            if results.filters:
                message += " " + escape(self.tr("Try removing a filter."))
        else:
            message = escape(self.tr("%n result(s)", "", results.total))
            if results.total > len(results.hits):
                message += " " + escape(self.tr("(the best %1 are shown)")
                                        .replace("%1", str(len(results.hits))))
        if results.note == "titles":
            message += " " + escape(self.tr("(Only titles and summaries were searched: the "
                                            "search index is being rebuilt.)"))
        if results.suggestion:
            link = (f'<a href="{escape(results.suggestion)}">'
                    f"{escape(isolate(results.suggestion))}</a>")
            message += " " + escape(self.tr("Did you mean %1?")).replace("%1", link)
        self.status.setText(message)
        if results.hits:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def top_key(self) -> int | None:
        hit = self.model.hit(0)
        return hit.key if hit else None

    def _activated(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is not None:
            self.open_requested.emit(hit.key)
