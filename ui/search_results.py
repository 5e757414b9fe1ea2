"""Search results: a line about the results ("did you mean"), then hits with snippets.

A hit is the index's own `index.Hit` (its title and snippet are escaped text
with the matched words in <b>) shown with the catalog's `ArticleRow` for it
(publisher name, trust); `Answer` is what the search box asked and what came
back.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

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

from reader.records import ALL

from .text import compact_date, isolate, join_isolated, language_name, text_direction
from .theme import LIGHT, Theme

if TYPE_CHECKING:
    from index.results import Hit, SearchPage
    from reader.records import ArticleFilter, ArticleRow

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
_BOLD = re.compile(r"(</?b>)")


@dataclass(frozen=True)
class Answer:
    """What the search box asked, and what came back: the index's page and the
    catalog's rows for its hits (by key), or why it could not be searched."""

    text: str
    filters: ArticleFilter
    page: SearchPage | None = None
    rows: Mapping[str, ArticleRow] = field(default_factory=dict)
    error: str = ""  # the text cannot be searched as typed: why

    @property
    def hits(self) -> tuple[Hit, ...]:
        """The page's hits the catalog lists, best first."""
        page = self.page
        return tuple(h for h in page.hits if h.key in self.rows) if page is not None else ()

    @property
    def total(self) -> int:
        return self.page.total if self.page is not None else 0

    @property
    def suggestion(self) -> str:
        page = self.page
        return page.suggestions[0] if page is not None and page.suggestions else ""

    def asked(self, text: str, filters: ArticleFilter) -> bool:
        return (self.text, self.filters) == (text, filters)


def marks_of(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain text and highlight offsets from the index's form: escaped text with the
    matched words in <b>...</b>."""
    plain: list[str] = []
    marks: list[tuple[int, int]] = []
    length, start, bold = 0, 0, False
    for piece in _BOLD.split(marked):
        if piece in ("<b>", "</b>"):
            if piece == "<b>" and not bold:
                start, bold = length, True
            elif piece == "</b>" and bold:
                marks.append((start, length))
                bold = False
            continue
        text = html_lib.unescape(piece)
        plain.append(text)
        length += len(text)
    return "".join(plain), tuple(marks)


@dataclass(frozen=True)
class ShownHit:
    """A hit as the list draws it: plain texts with their marks, and its row."""

    hit: Hit
    row: ArticleRow
    title: str
    title_marks: tuple[tuple[int, int], ...]
    snippet: str
    snippet_marks: tuple[tuple[int, int], ...]

    @property
    def key(self) -> int:
        return self.row.id

    @classmethod
    def of(cls, hit: Hit, row: ArticleRow) -> ShownHit:
        title, title_marks = marks_of(hit.title_html)
        snippet, snippet_marks = marks_of(hit.snippet_html or escape(row.summary))
        return cls(hit, row, title, title_marks, snippet, snippet_marks)


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.answer: Answer | None = None
        self._hits: tuple[ShownHit, ...] = ()
        self.badges: dict[str, QIcon] = {}

    def set_answer(self, answer: Answer | None) -> None:
        self.beginResetModel()
        self.answer = answer
        self._hits = tuple(ShownHit.of(h, answer.rows[h.key]) for h in answer.hits) \
            if answer is not None else ()
        self.endResetModel()

    def hit(self, row: int) -> ShownHit | None:
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
            return join_isolated([hit.title, hit.row.publisher_name, hit.snippet], ". ")
        if role == Qt.ItemDataRole.DecorationRole:
            return self.badges.get(str(hit.row.trust))
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


def snippet_html(hit: ShownHit, highlight: str) -> str:
    """At most about three lines of snippet, cut at a space, with its marks kept."""
    text, marks = hit.snippet, hit.snippet_marks
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

    def _document(self, hit: ShownHit, width: int, option: QStyleOptionViewItem) -> QTextDocument:
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

    def _layout(self, hit: ShownHit, width: int, option: QStyleOptionViewItem) -> QTextDocument:
        t = self.theme
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        doc.setTextWidth(max(50, width))
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.WordWrap)
        doc.setDefaultTextOption(text_option)
        row = hit.row
        meta = escape(join_isolated([row.publisher_name, compact_date(row.issued),
                                     language_name(row.language)]))
        ui_rtl = option.direction == Qt.LayoutDirection.RightToLeft

        def direction(rtl: bool) -> str:
            return 'dir="rtl" align="right"' if rtl else 'dir="ltr" align="left"'

        # Title and snippet each by their own direction, as the article list lays out a
        # title (`text_direction`); the line between them follows the window.
        title_rtl = text_direction(hit.title) == Qt.LayoutDirection.RightToLeft
        snippet_rtl = text_direction(hit.snippet) == Qt.LayoutDirection.RightToLeft \
            if hit.snippet.strip() else title_rtl
        doc.setHtml(
            f'<p {direction(title_rtl)} style="margin:0; font-weight:600">'
            f"{marked_html(hit.title, hit.title_marks, t.highlight_bg)}</p>"
            f'<p {direction(ui_rtl)} style="margin:2px 0 4px 0; color:{t.muted}">'
            f"{meta}</p>"
            f'<p {direction(snippet_rtl)} style="margin:0">'
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
        # The badge at the start of the line: on the right in a right-to-left window.
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        start, end = (self.PADDING, self.PADDING + 22) if rtl else (self.PADDING + 22,
                                                                      self.PADDING)
        rect: QRect = option.rect.adjusted(start, self.PADDING, -end, -self.PADDING)
        badge = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(badge, QIcon):
            x = option.rect.right() - self.PADDING - 16 if rtl else \
                option.rect.left() + self.PADDING
            badge.paint(painter, QRect(x, option.rect.top() + self.PADDING + 2, 16, 16))
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

    def show_failure(self, message: str) -> None:
        """No results: the search could not run (the message says why)."""
        self.delegate.clear_cache()
        self.model.set_answer(None)
        self.status.setText(escape(message))

    def set_answer(self, answer: Answer) -> None:
        self.delegate.clear_cache()
        self.model.set_answer(answer)
        if answer.error:
            message = escape(self.tr("This search cannot be run as typed: %1")
                             .replace("%1", answer.error))
        elif not answer.hits:
            message = escape(self.tr("Nothing found for “%1”.").replace("%1",
                                                                         isolate(answer.text)))
            if answer.filters != ALL:
                message += " " + escape(self.tr("Try removing a filter."))
        else:
            message = escape(self.tr("%n result(s)", "", answer.total))
            if answer.total > len(answer.hits):
                message += " " + escape(self.tr("(the best %1 are shown)")
                                        .replace("%1", str(len(answer.hits))))
        if answer.suggestion:
            link = (f'<a href="{escape(answer.suggestion)}">'
                    f"{escape(isolate(answer.suggestion))}</a>")
            message += " " + escape(self.tr("Did you mean %1?")).replace("%1", link)
        self.status.setText(message)
        if answer.hits:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def top_key(self) -> int | None:
        hit = self.model.hit(0)
        return hit.key if hit else None

    def _activated(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is not None:
            self.open_requested.emit(hit.key)
