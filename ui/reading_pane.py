"""The reading pane: one verified article, sanitized, in a browser that fetches nothing.

`prepare_article` runs on the worker: it sanitizes the signed HTML with the
bundle layer's `sanitize` (only this article's own blobs may be image
sources), turns links into copyable text, and plans the article's pictures
under the caps and the article's pixel budget (`ui.images.plan`: sizes from
the headers, nothing decoded). Each planned picture's `<img>` gets its size
written in, so laying the text out never loads a picture; one past the budget
becomes a line of text. `ArticleBrowser.loadResource` decodes a picture when
Qt first draws it (so only what is scrolled into view is ever decoded) and
serves only those; every other request (web addresses, file paths, other
articles' blobs, style sheets) gets a 1x1 transparent image. It never returns
None, because None makes Qt fall back to its own loader, which reads local
files. Every request is recorded in `requests`, so tests can see what was
asked and what was served.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QResizeEvent,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from . import images
from .data import ArticleContent, Provenance, Trust
from .fonts import FontReport, Script, check_fonts, script_of
from .text import is_rtl, isolate, join_isolated, language_name, long_day
from .theme import Theme
from .widgets import Banner

BLOB_URL_PREFIX = "sha256:"  # as bundles.article: article images name blobs by hash
DEFAULT_POINT_SIZE = 12
MIN_SIDE = 28  # pixels of margin beside the text, at least
OBJECT_CHAR = "\ufffc"  # where the document holds a picture
MIN_POINT_SIZE, MAX_POINT_SIZE = 8, 32
COLUMN_CHARS = 72  # a comfortable line length
# Arabic script has no italics, and oblique faces often lack its letters (empty boxes).
ARABIC_SCRIPT_CSS = "p.summary, em, i, cite, dfn, var { font-style: normal; }"
# Where a picture past the article's budget was; `_render` puts the translated words in.
REFUSED_MARK = '<span class="image-refused"></span>'


@dataclass(frozen=True)
class ArticleView:
    """A prepared article: safe HTML with its pictures sized, ready to show; the
    pictures are decoded when drawn. `content.images` is emptied: only the bytes of
    the pictures that will be shown are kept."""

    content: ArticleContent
    body_html: str
    pictures: dict[str, images.Picture]
    refused: frozenset[str] = frozenset()  # past the article's budget: not shown

    @property
    def key(self) -> int:
        return self.content.row.key

    @property
    def rtl(self) -> bool:
        return is_rtl(self.content.row.language)


def prepare_article(content: ArticleContent, max_width: int = images.DISPLAY_WIDTH
                    ) -> ArticleView:
    """Sanitize and plan the pictures on the worker thread (pictures `max_width`
    device pixels wide at most); nothing here touches a widget or decodes a picture."""
    from bundles.sanitize import image_refs, links_as_text, rewrite_images, sanitize

    if content.html_is_safe:
        body = content.html
    else:
        body = links_as_text(sanitize(content.html, set(content.images)))
    # In the order the reader meets them; each picture's bytes are read (from a lazy
    # source) one at a time and kept only if it will be shown.
    order = [sha for sha in image_refs(body) if sha in content.images]
    plan = images.plan(((sha, content.images[sha]) for sha in order), max_width)

    def sized(sha256: str, attributes: dict[str, str]) -> str | None:
        if sha256 in plan.refused:
            return REFUSED_MARK
        picture = plan.pictures.get(sha256)
        if picture is None:
            return None
        alt = attributes.get("alt", "")
        return (f'<img src="{BLOB_URL_PREFIX}{sha256}" width="{picture.size.width()}" '
                f'height="{picture.size.height()}" alt="{escape(alt)}">')

    body = rewrite_images(body, sized)
    return ArticleView(replace(content, images={}), body, plan.pictures, plan.refused)


@dataclass(frozen=True)
class ResourceRequest:
    kind: int
    url: str
    served: bool


class ArticleBrowser(QTextBrowser):
    """A QTextBrowser whose only resources are the open article's verified images."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("articleBrowser")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setTabChangesFocus(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._images: dict[str, QImage] = {}  # decoded
        self._pictures: dict[str, images.Picture] = {}  # to decode when first drawn
        self._blank = images.blank()
        self.requests: deque[ResourceRequest] = deque(maxlen=500)
        self._column_px = 0
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    # -- the gate ------------------------------------------------------------

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        name = url.toString() if isinstance(url, QUrl) else str(url)
        image = None
        if int(kind) == int(QTextDocument.ResourceType.ImageResource) and name.startswith(
            BLOB_URL_PREFIX
        ):
            sha256 = name[len(BLOB_URL_PREFIX):]
            image = self._images.get(sha256)
            picture = self._pictures.pop(sha256, None) if image is None else None
            if picture is not None:  # first drawn: decode it now, to its planned size
                image = images.decode(picture.data, size=picture.size)
                if image is not None:
                    self._images[sha256] = image
        self.requests.append(ResourceRequest(int(kind), name, image is not None))
        return image if image is not None else self._blank

    def set_images(self, decoded: dict[str, QImage]) -> None:
        """Pictures already decoded (and nothing to decode later)."""
        self._images = dict(decoded)
        self._pictures = {}

    def set_pictures(self, pictures: dict[str, images.Picture]) -> None:
        """Pictures to decode when each is first drawn."""
        self._images = {}
        self._pictures = dict(pictures)

    @property
    def decoded(self) -> dict[str, QImage]:
        """The pictures decoded so far (drawn at least once)."""
        return dict(self._images)

    def setSource(self, *_args: object, **_kwargs: object) -> None:
        """Navigation is never followed: an article is shown with `setHtml` only."""

    # -- layout: a centred reading column, pictures no wider than it ----------------

    def set_column_width(self, pixels: int) -> None:
        self._column_px = pixels
        self.relayout()

    def setHtml(self, text: str) -> None:
        super().setHtml(text)
        self.relayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    def text_width(self) -> int:
        return max(120, min(self._column_px or 10**6, self.viewport().width() - 2 * MIN_SIDE))

    def relayout(self) -> None:
        """Side margins that centre the column, then fit each picture to it."""
        doc = self.document()
        root = doc.rootFrame()
        frame = root.frameFormat()
        side = max(MIN_SIDE, (self.viewport().width() - self.text_width()) // 2)
        if frame.leftMargin() != side or frame.rightMargin() != side:
            frame.setLeftMargin(side)
            frame.setRightMargin(side)
            frame.setTopMargin(6)
            frame.setBottomMargin(48)
            root.setFrameFormat(frame)
        self._fit_images()

    def _size_of(self, sha256: str) -> QSize | None:
        """A picture's decoded (or planned) size, without decoding it."""
        image = self._images.get(sha256)
        if image is not None:
            return image.size()
        picture = self._pictures.get(sha256)
        return picture.size if picture is not None else None

    def _fit_images(self) -> None:
        if not self._images and not self._pictures:
            return
        doc = self.document()
        avail = self.text_width()
        cursor = doc.find(OBJECT_CHAR)
        while not cursor.isNull():
            fmt = cursor.charFormat()
            if fmt.isImageFormat():
                image_format = fmt.toImageFormat()
                name = image_format.name()
                size = self._size_of(name[len(BLOB_URL_PREFIX):]) if name.startswith(
                    BLOB_URL_PREFIX) else None
                if size is not None and size.width() > 0:
                    width = min(size.width(), avail)
                    height = size.height() * width / size.width()
                    if abs(image_format.width() - width) > 0.5:
                        image_format.setWidth(width)
                        image_format.setHeight(height)
                        cursor.setCharFormat(image_format)
            cursor = doc.find(OBJECT_CHAR, cursor)


class ReadingPane(QWidget):
    """Banners about the article's standing, then the article itself."""

    compare_requested = Signal(str)  # publisher id: the reader wants to check the fingerprint
    details_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("readingPane")
        self.view: ArticleView | None = None
        self._theme: Theme | None = None
        self._point_size = DEFAULT_POINT_SIZE
        self._fonts: FontReport | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banners = QWidget(self)
        banner_layout = QVBoxLayout(self.banners)
        banner_layout.setContentsMargins(16, 12, 16, 0)
        banner_layout.setSpacing(8)
        self.status_banner = Banner(self.banners, closable=False)
        self.trust_banner = Banner(self.banners, closable=False)
        self.font_banner = Banner(self.banners)
        for banner in (self.status_banner, self.trust_banner, self.font_banner):
            banner_layout.addWidget(banner)
        self.banners.hide()
        layout.addWidget(self.banners)
        self.browser = ArticleBrowser(self)
        layout.addWidget(self.browser, 1)
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setProperty("role", "muted")
        layout.addWidget(self.placeholder, 1)
        self.browser.hide()
        self._apply_font()
        self.translate_ui()

    def translate_ui(self) -> None:
        self.placeholder.setText(self.tr("Choose an article to read it here."))
        self.browser.setAccessibleName(self.tr("Article text"))

    # -- theme and font size ---------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        for banner in (self.status_banner, self.trust_banner, self.font_banner):
            banner.set_theme(theme)
        self._apply_style()
        if self.view is not None:
            self._render()

    @property
    def point_size(self) -> int:
        return self._point_size

    def set_point_size(self, size: int) -> None:
        self._point_size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, int(size)))
        self._apply_font()
        if self.view is not None:
            self._render()

    def zoom(self, steps: int) -> None:
        self.set_point_size(self._point_size + steps)

    def _apply_font(self) -> None:
        self._apply_style()
        font = QFont(self.font())
        font.setPointSize(self._point_size)
        self.browser.document().setDefaultFont(font)
        metrics_width = max(7, int(self._point_size * 0.62 * self.logicalDpiX() / 72))
        self.browser.set_column_width(metrics_width * COLUMN_CHARS)

    def _apply_style(self, rtl: bool = False) -> None:
        t = self._theme
        muted = t.muted if t else "#656d76"
        border = t.border if t else "#dcd9d3"
        pt = self._point_size
        self.browser.document().setDefaultStyleSheet(
            f"""
            h1 {{ font-size: {pt * 1.45:.1f}pt; font-weight: 600; margin-top: 22px;
                 margin-bottom: 10px; }}
            h2 {{ font-size: {pt * 1.25:.1f}pt; font-weight: 600; margin-top: 20px;
                 margin-bottom: 8px; }}
            h3, h4 {{ font-size: {pt * 1.1:.1f}pt; font-weight: 600; margin-top: 16px; }}
            h1.title {{ font-size: {pt * 1.6:.1f}pt; margin-top: 26px; margin-bottom: 8px;
                       font-weight: 600; }}
            p.meta {{ color: {muted}; margin-top: 0; margin-bottom: 22px; }}
            p.summary {{ font-style: italic; margin-bottom: 18px; }}
            p {{ margin-top: 0; margin-bottom: 14px; line-height: 150%; }}
            li {{ margin-bottom: 6px; line-height: 140%; }}
            blockquote {{ margin-left: 18px; margin-right: 18px; color: {muted}; }}
            .link {{ color: {muted}; }}
            .image-refused {{ color: {muted}; }}
            figcaption {{ color: {muted}; }}
            hr {{ color: {border}; }}
            pre, code {{ font-family: "DejaVu Sans Mono", monospace; }}
            """ + (ARABIC_SCRIPT_CSS if rtl else "")
        )

    # -- showing an article ----------------------------------------------------

    def clear(self) -> None:
        self.view = None
        self.browser.set_images({})
        self.browser.clear()
        self.browser.hide()
        self.banners.hide()
        self.placeholder.show()

    def image_width(self) -> int:
        """Device pixels a picture may be decoded to: the reading column's width."""
        column = max(self.browser.text_width(), self.browser._column_px)
        return min(images.DISPLAY_WIDTH, int(column * self.devicePixelRatioF()))

    def show_article(self, view: ArticleView) -> None:
        self.view = view
        self.browser.set_pictures(view.pictures)
        self.placeholder.hide()
        self.browser.show()
        self._render()
        self.browser.verticalScrollBar().setValue(0)

    def update_trust(self, publisher_id: str, trust: Trust) -> None:
        """Refresh the banner after the reader decided about this article's publisher."""
        if self.view is None or self.view.content.row.publisher_id != publisher_id:
            return
        self._update_banners(trust)

    def _render(self) -> None:
        view = self.view
        assert view is not None
        row = view.content.row
        direction = Qt.LayoutDirection.RightToLeft if view.rtl else Qt.LayoutDirection.LeftToRight
        option = QTextOption(self.browser.document().defaultTextOption())
        option.setTextDirection(direction)
        self.browser.document().setDefaultTextOption(option)
        self.browser.setLayoutDirection(direction)
        dir_attr = "rtl" if view.rtl else "ltr"
        align = "right" if view.rtl else "left"
        body = view.body_html
        if view.refused:
            text = escape(self.tr("image not shown: too large"))
            body = body.replace(REFUSED_MARK, f'<span class="image-refused">[{text}]</span>')
        html = (
            f'<div dir="{dir_attr}" lang="{escape(row.language)}" align="{align}">'
            f"{self._header_html(view)}{body}</div>"
        )
        self._apply_style(rtl=view.rtl)
        self.browser.setHtml(html)
        self._update_banners(row.trust)

    def _header_html(self, view: ArticleView) -> str:
        content = view.content
        row = content.row
        parts = [content.byline, row.publisher_name, long_day(row.issued),
                 language_name(row.language)]
        meta = escape(join_isolated(parts))
        html = f'<h1 class="title">{escape(row.title)}</h1><p class="meta">{meta}</p>'
        if content.summary:
            html += f'<p class="summary">{escape(content.summary)}</p>'
        return html

    def _update_banners(self, trust: Trust) -> None:
        view = self.view
        if view is None:
            return
        row = view.content.row
        prov = view.content.provenance
        if row.status == "retracted":
            self.status_banner.show_message(
                self.tr("Retracted. The publisher has withdrawn this article. "
                        "It is kept here so you can see what was withdrawn."),
                "warn",
            )
        elif row.conflict:
            self.status_banner.show_message(
                self.tr("Two different texts of this article carry the same version number, "
                        "both signed by the publisher. Satchel cannot tell which is right; "
                        "the details panel lists both."),
                "warn",
                [(self.tr("Details"), self.details_requested.emit)],
            )
        elif prov.newer_held_back:
            self.status_banner.show_message(self.held_back_words(prov), "warn",
                                            [(self.tr("Details"), self.details_requested.emit)])
        elif row.status == "corrected":
            self.status_banner.show_message(
                self.tr("Corrected. This is version %1 of the article.").replace(
                    "%1", str(row.version)),
                "neutral",
            )
        else:
            self.status_banner.hide()
        name = row.publisher_name
        if any(c.kind == "fork" for c in prov.conflicts):
            self.trust_banner.show_message(
                self.tr("Another key history also claims to be “%1”. Satchel kept the one it "
                        "had; ask the publisher which key they sign with now.")
                .replace("%1", isolate(name)),
                "danger",
                [(self.tr("Details"), self.details_requested.emit)],
            )
        elif trust == Trust.UNKNOWN:
            self.trust_banner.show_message(
                self.tr("Unverified publisher. The article is intact and signed by “%1”, "
                        "but you have not compared their fingerprint yet.").replace("%1", isolate(name)),
                "info",
                [(self.tr("Compare fingerprint…"),
                  lambda: self.compare_requested.emit(row.publisher_id))],
            )
        elif trust == Trust.REVOKED:
            self.trust_banner.show_message(
                self.tr("“%1” has ended (revoked) this key. The article is intact, but "
                        "nothing new should be signed with this key.").replace("%1", isolate(name)),
                "warn",
                [(self.tr("Details"), self.details_requested.emit)],
            )
        elif prov.retired_key:
            self.trust_banner.show_message(
                self.tr("Signed with a key that “%1” has since replaced. The signature is "
                        "still valid.").replace("%1", isolate(name)),
                "neutral",
            )
        else:
            self.trust_banner.hide()
        self._check_font(row.language)
        visible = any(
            not b.isHidden() for b in (self.status_banner, self.trust_banner, self.font_banner)
        )
        self.banners.setVisible(visible)

    def held_back_words(self, prov: Provenance) -> str:
        """Why a newer version is not the one shown (docs/security.md section 4)."""
        name = isolate(prov.publisher.name)
        newest = str(max(prov.newer_held_back))
        if prov.publisher.revoked:
            text = self.tr("A newer version (%1) of this article arrived after “%2” revoked "
                           "their keys, so it cannot replace the version you have. The "
                           "details panel lists it.")
        else:
            text = self.tr("A newer version (%1) of this article is signed only by a key "
                           "“%2” has retired, so it cannot replace the version you have. The "
                           "details panel lists it.")
        return text.replace("%1", newest).replace("%2", name)

    def _check_font(self, language: str) -> None:
        script = script_of(language)
        if script == Script.LATIN:
            self.font_banner.hide()
            return
        if self._fonts is None:
            self._fonts = check_fonts()
        if self._fonts.covers(script):
            self.font_banner.hide()
            return
        names = {
            Script.CYRILLIC: self.tr("Cyrillic"),
            Script.KAZAKH: self.tr("Kazakh (Cyrillic with Ә Ғ Қ Ң Ө Ұ Ү Һ І)"),
            Script.ARABIC: self.tr("Arabic script (Persian, Arabic)"),
        }
        self.font_banner.show_message(
            self.tr("No font on this computer can show %1 letters, so some of this article "
                    "may appear as empty boxes. The article itself is not damaged. Installing "
                    "a font such as Noto Sans fixes this.").replace("%1", names[script]),
            "warn",
        )

    # -- print and PDF ---------------------------------------------------------

    def save_pdf(self, path: Path) -> None:
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setPageLayout(
            QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                        QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
        )
        if self.view is not None:
            printer.setDocName(self.view.content.row.title)
        self.print_to(printer)

    def print_to(self, printer: Any) -> None:
        """Print without the screen's side margins (the page has its own)."""
        root = self.browser.document().rootFrame()
        screen = root.frameFormat()
        paper = root.frameFormat()
        paper.setLeftMargin(0)
        paper.setRightMargin(0)
        root.setFrameFormat(paper)
        try:
            self.browser.print_(printer)
        finally:
            root.setFrameFormat(screen)
