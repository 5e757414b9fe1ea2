"""The article list draws every name that fits whole, and lays a title out as search does."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem, QTreeView

from index.results import Hit
from tests.factory import article_row
from ui.article_list import PAD_X, PAD_Y, ArticleDelegate, fit, meta_line, width_of
from ui.models.article_model import ArticleListModel
from ui.search_results import SearchHitDelegate, ShownHit

# Names whose width is a fraction more than `QFontMetrics.horizontalAdvance` says
# (it rounds): given that rounded width, `elidedText` cut them ("Relay T…").
NAMES = ["Relay", "Relay Times", "Relay Tribune", "Harbour Post", "Steppe Radio",
         "Evening Courier", "خبرنامهٔ آزاد", "Дала хабаршысы"]


def test_a_name_that_fits_is_never_cut(qtbot) -> None:
    font = QFont()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    tail = "  ·  20 Oct 2026  ·  English"
    for name in NAMES:
        assert fit(font, name, width_of(font, name)) == name
        room = width_of(font, name) + width_of(font, tail) + 4
        shown, shown_tail, name_width, _ = meta_line(font, name, tail, room)
        assert (shown, shown_tail) == (name, tail), name
        assert name_width >= width_of(font, name)  # the rectangle it is drawn in holds it
    # A name that does not fit is cut, and the date and language still show.
    shown, shown_tail, _, _ = meta_line(font, "Relay Times", tail, width_of(font, tail) + 54)
    assert shown.endswith("…") and shown_tail == tail


def _ink_columns(image: QImage, top: int, bottom: int) -> tuple[int, int]:
    """The leftmost and rightmost columns with dark pixels between two rows."""
    xs = [x for x in range(image.width()) for y in range(top, bottom)
          if QColor(image.pixel(x, y)).lightness() < 128]
    return min(xs), max(xs)


def test_a_persian_title_is_aligned_the_same_way_in_the_list_and_in_search_results(
    qtbot
) -> None:
    """An English window: a Persian title starts at the right edge in both views, an
    English one at the left; the line under the title follows the window."""
    width = 600
    view = QTreeView()
    qtbot.addWidget(view)
    for title, right in (("بازار تهران امروز تعطیل شد", True), ("Markets close early", False)):
        row = article_row(1, title=title, read=True, language="fa" if right else "en")
        model = ArticleListModel(lambda keys, done, row=row: done({1: row}))
        model.set_keys([1])
        model.index(0, 0).data()  # fetched at once by this fetcher
        view.setModel(model)
        delegate = ArticleDelegate(view)
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = QRect(0, 0, width, delegate.sizeHint(option, model.index(0, 0)).height())
        image = QImage(width, option.rect.height(), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        delegate.paint(painter, option, model.index(0, 0))
        painter.end()
        left, far = _ink_columns(image, PAD_Y, PAD_Y + 12)
        if right:
            assert far > width - PAD_X - 4 and left > width // 3, (left, far)
        else:
            assert left < PAD_X + 30 and far < width * 2 // 3, (left, far)
        hit = ShownHit.of(Hit(row.key, row.publisher, row.article_id, 1, row.language, title,
                              title, "", None, "published", 1.0), row)
        document = SearchHitDelegate()._layout(hit, width, option)
        alignment = document.begin().blockFormat().alignment()
        assert bool(alignment & Qt.AlignmentFlag.AlignRight) == right
        assert not document.begin().next().blockFormat().alignment() \
            & Qt.AlignmentFlag.AlignRight  # publisher, date, language: as the window
