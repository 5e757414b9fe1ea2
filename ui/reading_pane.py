"""The reading pane: the open article, its standing in banners, printing and PDF.

The pane owns which article is open. `open(key)` reads it on the worker
(`Source.article`), prepares it there (`ui.article_browser.prepare_article`:
sanitized, pictures planned) and shows it in an `ArticleBrowser`, which
fetches nothing but the article's own verified images. When the library
changes (`Session.changed`), the pane shows the article again after a trust
decision (badges, banners) and lets it go when it is no longer there
(removed, or its publisher blocked or started over).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMarginsF, Qt, Signal
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextOption
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

from reader.records import TrustState

from . import images, operations
from .article_browser import REFUSED_MARK, ArticleBrowser, PreparedArticle, prepare_article
from .errors import show_exception
from .fonts import FontReport, Script, check_fonts, script_of
from .text import isolate, join_isolated, language_name, long_day
from .theme import Theme
from .widgets import Banner

if TYPE_CHECKING:
    from reader.changes import Changes
    from reader.records import ArticleView

    from .session import Session
    from .source import ArticleKey

DEFAULT_POINT_SIZE = 12
MIN_POINT_SIZE, MAX_POINT_SIZE = 8, 32
COLUMN_CHARS = 72  # a comfortable line length
# Arabic script has no italics, and oblique faces often lack its letters (empty boxes).
ARABIC_SCRIPT_CSS = "p.summary, em, i, cite, dfn, var { font-style: normal; }"


class ReadingPane(QWidget):
    """Banners about the article's standing, then the article itself."""

    article_shown = Signal(object)  # PreparedArticle, once the pane shows it
    cleared = Signal()  # no article is shown any more
    compare_requested = Signal(str)  # publisher id: the reader wants to check the fingerprint
    details_requested = Signal()

    def __init__(self, session: Session | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("readingPane")
        self.session = session
        self.view: PreparedArticle | None = None
        self.current_key: ArticleKey | None = None  # asked for; shown once `view` has it
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
        if session is not None:
            session.changed.connect(self._library_changed)
            session.source_changed.connect(self.clear)

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
        """Larger (1) or smaller (-1) text; 0: back to the usual size."""
        self.set_point_size(self._point_size + steps if steps else DEFAULT_POINT_SIZE)

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

    # -- which article ---------------------------------------------------------

    def open(self, key: ArticleKey, *, quiet: bool = False) -> None:
        """Read, prepare and show article `key` (on the worker); a later `open` wins.
        `quiet`: an article that is gone clears the pane instead of saying so."""
        session = self.session
        source = session.source if session is not None else None
        if session is None or source is None:
            return
        self.current_key = key
        width = self.image_width()

        def prepare() -> PreparedArticle:
            article = source.article(key)
            return prepare_article(article, source.images(article), width)

        def show(view: PreparedArticle) -> None:
            if key != self.current_key or session.source is not source:
                return
            again = self.view is not None and self.view.key == key  # after a change
            scroll = self.browser.verticalScrollBar().value() if again else 0
            self.show_article(view)
            self.browser.verticalScrollBar().setValue(scroll)
            if not again:
                if not view.article.read:
                    operations.set_read(session, key, True, self)
                operations.record_opened(session, key)
            self.article_shown.emit(view)

        def failed(exc: BaseException) -> None:
            if key != self.current_key:
                return
            self.clear()
            if not quiet:
                show_exception(self, exc)

        session.run(prepare, show, failed, key="open-article")

    def _library_changed(self, changes: Changes, initiator: object) -> None:
        """Show the open article again when what it says about its publisher changed;
        let it go when it is no longer in the library."""
        view = self.view
        if view is None or self.current_key != view.key:
            return
        touched = changes.articles and (not changes.keys or view.article.key in changes.keys)
        if changes.trust or touched:
            self.open(view.key, quiet=True)

    def clear(self) -> None:
        self.view = None
        self.current_key = None
        self.cleared.emit()
        self.browser.set_images({})
        self.browser.clear()
        self.browser.hide()
        self.banners.hide()
        self.placeholder.show()

    def image_width(self) -> int:
        """Device pixels a picture may be decoded to: the reading column's width."""
        column = max(self.browser.text_width(), self.browser._column_px)
        return min(images.DISPLAY_WIDTH, int(column * self.devicePixelRatioF()))

    def show_article(self, view: PreparedArticle) -> None:
        self.view = view
        self.current_key = view.key
        self.browser.set_pictures(view.pictures)
        self.placeholder.hide()
        self.browser.show()
        self._render()
        self.browser.verticalScrollBar().setValue(0)

    def _render(self) -> None:
        view = self.view
        assert view is not None
        article = view.article
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
            f'<div dir="{dir_attr}" lang="{escape(article.language)}" align="{align}">'
            f"{self._header_html(view)}{body}</div>"
        )
        self._apply_style(rtl=view.rtl)
        self.browser.setHtml(html)
        self._update_banners()

    def _header_html(self, view: PreparedArticle) -> str:
        article = view.article
        parts = [article.byline, article.publisher_name, long_day(article.issued),
                 language_name(article.language)]
        meta = escape(join_isolated(parts))
        html = f'<h1 class="title">{escape(article.title)}</h1><p class="meta">{meta}</p>'
        if article.summary:
            html += f'<p class="summary">{escape(article.summary)}</p>'
        return html

    def _update_banners(self) -> None:
        view = self.view
        if view is None:
            return
        article = view.article
        trust = article.trust
        if article.status == "retracted":
            self.status_banner.show_message(
                self.tr("Retracted. The publisher has withdrawn this article. "
                        "It is kept here so you can see what was withdrawn."),
                "warn",
            )
        elif article.conflict:
            self.status_banner.show_message(
                self.tr("Two different texts of this article carry the same version number, "
                        "both signed by the publisher. Satchel cannot tell which is right; "
                        "the details panel lists both."),
                "warn",
                [(self.tr("Details"), self.details_requested.emit)],
            )
        elif article.newer_held_back:
            self.status_banner.show_message(self.held_back_words(article), "warn",
                                            [(self.tr("Details"), self.details_requested.emit)])
        elif article.status == "corrected":
            self.status_banner.show_message(
                self.tr("Corrected. This is version %1 of the article.").replace(
                    "%1", str(article.version)),
                "neutral",
            )
        else:
            self.status_banner.hide()
        name = article.publisher_name
        if any(c.kind == "fork" for c in article.key_conflicts):
            self.trust_banner.show_message(
                self.tr("Another key history also claims to be “%1”. Satchel kept the one it "
                        "had; ask the publisher which key they sign with now.")
                .replace("%1", isolate(name)),
                "danger",
                [(self.tr("Details"), self.details_requested.emit)],
            )
        elif trust == TrustState.UNKNOWN:
            self.trust_banner.show_message(
                self.tr("Unverified publisher. The article is intact and signed by “%1”, "
                        "but you have not compared their fingerprint yet.").replace("%1", isolate(name)),
                "info",
                [(self.tr("Compare fingerprint…"),
                  lambda: self.compare_requested.emit(article.publisher))],
            )
        elif trust == TrustState.REVOKED:
            self.trust_banner.show_message(
                self.tr("“%1” has ended (revoked) this key. The article is intact, but "
                        "nothing new should be signed with this key.").replace("%1", isolate(name)),
                "warn",
                [(self.tr("Details"), self.details_requested.emit)],
            )
        elif article.retired_key:
            self.trust_banner.show_message(
                self.tr("Signed with a key that “%1” has since replaced. The signature is "
                        "still valid.").replace("%1", isolate(name)),
                "neutral",
            )
        else:
            self.trust_banner.hide()
        self._check_font(article.language)
        visible = any(
            not b.isHidden() for b in (self.status_banner, self.trust_banner, self.font_banner)
        )
        self.banners.setVisible(visible)

    def held_back_words(self, article: ArticleView) -> str:
        """Why a newer version is not the one shown (docs/security.md section 4)."""
        name = isolate(article.publisher_name)
        newest = str(max(article.newer_held_back))
        if article.revoked:
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

    def print_dialog(self) -> None:
        if self.view is None:
            return
        # QtPrintSupport is a library of its own: loaded only to print.
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print article"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def save_pdf_dialog(self) -> Path | None:
        """Ask where, then save the article as PDF; where it went, or None."""
        if self.view is None:
            return None
        title = self.view.article.title
        safe = "".join(c for c in title if c.isalnum() or c in " -_")[:60]
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), str(Path.home() / f"{safe.strip() or 'article'}.pdf"),
            self.tr("PDF files (*.pdf)"))
        if not name:
            return None
        self.save_pdf(Path(name))
        return Path(name)

    def save_pdf(self, path: Path) -> None:
        from PySide6.QtPrintSupport import QPrinter  # only to print, as `print_dialog`

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setPageLayout(
            QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                        QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
        )
        if self.view is not None:
            printer.setDocName(self.view.article.title)
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
