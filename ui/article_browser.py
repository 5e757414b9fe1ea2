"""One verified article, prepared on the worker and shown in a browser that fetches nothing.

`prepare_article` runs on the worker: it takes the article's HTML, already
sanitized by the library or the bundle source (only this article's own blobs
may be image sources, links shown as text), and plans the article's pictures
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
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QImage, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from . import images
from .text import is_rtl

if TYPE_CHECKING:
    from reader.records import ArticleView

BLOB_URL_PREFIX = "sha256:"  # as bundles.article: article images name blobs by hash
MIN_SIDE = 28  # pixels of margin beside the text, at least
OBJECT_CHAR = "\ufffc"  # where the document holds a picture
# Where a picture past the article's budget was; the pane puts the translated words in.
REFUSED_MARK = '<span class="image-refused"></span>'


@dataclass(frozen=True)
class PreparedArticle:
    """An article made ready to show on the worker: its HTML sanitized here again (the
    pane shows nothing it did not sanitize itself) with its pictures sized; the pictures
    are decoded when drawn. Only the bytes of the pictures that will be shown are kept."""

    article: ArticleView
    body_html: str
    pictures: dict[str, images.Picture]
    refused: frozenset[str] = frozenset()  # past the article's budget: not shown

    @property
    def key(self) -> int:
        return self.article.id

    @property
    def rtl(self) -> bool:
        return is_rtl(self.article.language)


def prepare_article(article: ArticleView, blobs: Mapping[str, bytes],
                    max_width: int = images.DISPLAY_WIDTH) -> PreparedArticle:
    """Sanitize and plan the pictures on the worker thread (pictures `max_width`
    device pixels wide at most); nothing here touches a widget or decodes a picture.
    `blobs` holds the article's own images by hash (read when asked for)."""
    # On the worker: the sanitizer and nh3 (~55 ms) never load on the UI thread.
    from bundles.sanitize import image_refs, links_as_text, rewrite_images, sanitize

    body = links_as_text(sanitize(article.html, {ref.sha256 for ref in article.images}))
    # In the order the reader meets them; each picture's bytes are read (from a lazy
    # source) one at a time and kept only if it will be shown.
    order = [sha for sha in image_refs(body) if sha in blobs]
    plan = images.plan(((sha, blobs[sha]) for sha in order), max_width)

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
    return PreparedArticle(article, body, plan.pictures, plan.refused)


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
