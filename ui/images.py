"""Decoding article images under the caps of DESIGN.md section 3, lazily and within
a budget per article (docs/security.md section 6).

The bundle layer already refused images over 25 MB or 50 megapixels by reading
their headers. Here, for each picture of an article in the body's order, `plan`
reads only the header (`QImageReader.size()`) and chooses the size it will be
decoded to: no wider than the reading column, at most `IMAGE_PIXELS`. Once the
article's pictures together would pass `ARTICLE_PIXELS`, the rest are not
shown at all ("image not shown: too large"), so an article of a hundred
50-megapixel pictures costs what a few screenfuls do. Nothing is decoded here:
the reading pane decodes a picture when it is first drawn (`decode`, with the
planned size, which JPEG decodes straight to; a global allocation limit stops
any decoder from allocating more than one full-size picture).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from bundles.limits import DEFAULT_LIMITS
from reader import pictures

MAX_BYTES = DEFAULT_LIMITS.image_bytes
MAX_PIXELS = DEFAULT_LIMITS.image_pixels
# 50 megapixels at 4 bytes each is 200 MB: allow that and not a byte more.
ALLOCATION_LIMIT_MB = (MAX_PIXELS * 4) // (1024 * 1024) + 16
FORMATS = {b"png", b"jpeg", b"jpg", b"gif", b"webp"}
# Sizes and the article's budget: one rule for the reading pane and the web pages.
DISPLAY_WIDTH = pictures.DISPLAY_WIDTH
IMAGE_PIXELS = pictures.IMAGE_PIXELS
ARTICLE_PIXELS = pictures.ARTICLE_PIXELS


@dataclass(frozen=True)
class Picture:
    """One picture of an article, not yet decoded: its bytes and the size it gets."""

    data: bytes = field(repr=False)
    size: QSize = field(default_factory=QSize)


@dataclass(frozen=True)
class Plan:
    pictures: dict[str, Picture]  # sha256 -> to decode when drawn
    refused: frozenset[str]  # over the article's budget: shown as a line of text


def set_allocation_limit() -> None:
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)


def _reader(data: bytes) -> tuple[QImageReader, QBuffer] | None:
    """A reader on the bytes, if they are a picture of a kind we show; nothing decoded."""
    if not data or len(data) > MAX_BYTES:
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    if not buffer.open(QIODevice.OpenModeFlag.ReadOnly):
        return None
    reader = QImageReader(buffer)
    reader.setDecideFormatFromContent(True)
    if bytes(reader.format().data()).lower() not in FORMATS:
        return None
    return reader, buffer


def header_size(data: bytes) -> QSize | None:
    """The picture's size from its header, or None if it is refused or unreadable."""
    opened = _reader(data)
    if opened is None:
        return None
    size = opened[0].size()  # from the header, nothing decoded yet
    opened[1].close()
    if not size.isValid() or size.width() <= 0 or size.height() <= 0:
        return None
    if size.width() * size.height() > MAX_PIXELS:
        return None
    return size


def fitted(size: QSize, max_width: int = DISPLAY_WIDTH,
           max_pixels: int = IMAGE_PIXELS) -> QSize:
    """`size` scaled down (never up) to at most `max_width` wide and `max_pixels`."""
    return QSize(*pictures.fit(size.width(), size.height(), max_width, max_pixels))


def plan(images: Iterable[tuple[str, bytes]], max_width: int = DISPLAY_WIDTH,
         budget: int = ARTICLE_PIXELS) -> Plan:
    """Each picture's decode size, in the order given, until `budget` pixels are spent.

    A picture whose header cannot be read is left out (the pane shows nothing for it);
    one that would pass the budget is refused, and so is every later one.
    """
    planner = pictures.Planner(max_width, budget)
    shown: dict[str, Picture] = {}
    for sha256, data in images:
        if planner.seen(sha256):
            continue
        size = header_size(data)
        if size is None:
            continue
        target = planner.place(sha256, size.width(), size.height())
        if target is not None:
            shown[sha256] = Picture(data, QSize(*target))
    return Plan(shown, frozenset(planner.refused))


def decode(data: bytes, max_width: int = DISPLAY_WIDTH, size: QSize | None = None
           ) -> QImage | None:
    """The picture decoded to `size` (or scaled to at most `max_width`), or None if it
    is refused or broken."""
    set_allocation_limit()
    opened = _reader(data)
    if opened is None:
        return None
    reader, buffer = opened
    full = reader.size()  # from the header, nothing decoded yet
    if not full.isValid() or full.width() <= 0 or full.height() <= 0:
        return None
    if full.width() * full.height() > MAX_PIXELS:
        return None
    target = size if size is not None else fitted(full, max_width, MAX_PIXELS)
    if target != full:
        reader.setScaledSize(target)
    image = reader.read()
    buffer.close()
    return None if image.isNull() else image


def blank() -> QImage:
    """A 1x1 transparent image: what the reading pane returns for anything it refuses."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image
