"""Decoding article images under the caps of DESIGN.md section 3.

The bundle layer already refused images over 25 MB or 50 megapixels by
reading their headers; this decoder checks again with Qt's own reader before
it allocates anything (`QImageReader.size()` reads only the header), sets a
global allocation limit, and scales large pictures down while decoding so a
reading pane never holds more than it can show. QImage is safe off the UI
thread, so this runs on the library worker.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from bundles.limits import DEFAULT_LIMITS

MAX_BYTES = DEFAULT_LIMITS.image_bytes
MAX_PIXELS = DEFAULT_LIMITS.image_pixels
# 50 megapixels at 4 bytes each is 200 MB: allow that and not a byte more.
ALLOCATION_LIMIT_MB = (MAX_PIXELS * 4) // (1024 * 1024) + 16
FORMATS = {b"png", b"jpeg", b"jpg", b"gif", b"webp"}
DISPLAY_WIDTH = 1600  # pixels: wider pictures are scaled down while decoding


def set_allocation_limit() -> None:
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)


def decode(data: bytes, max_width: int = DISPLAY_WIDTH) -> QImage | None:
    """The image scaled to at most `max_width`, or None if it is refused or broken."""
    if not data or len(data) > MAX_BYTES:
        return None
    set_allocation_limit()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    if not buffer.open(QIODevice.OpenModeFlag.ReadOnly):
        return None
    reader = QImageReader(buffer)
    reader.setDecideFormatFromContent(True)
    if bytes(reader.format().data()).lower() not in FORMATS:
        return None
    size = reader.size()  # from the header, nothing decoded yet
    if not size.isValid() or size.width() <= 0 or size.height() <= 0:
        return None
    if size.width() * size.height() > MAX_PIXELS:
        return None
    if size.width() > max_width:
        reader.setScaledSize(
            size.scaled(QSize(max_width, 10**6), Qt.AspectRatioMode.KeepAspectRatio)
        )
    image = reader.read()
    buffer.close()
    return None if image.isNull() else image


def blank() -> QImage:
    """A 1x1 transparent image: what the reading pane returns for anything it refuses."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image
