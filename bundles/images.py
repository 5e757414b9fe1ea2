"""Image sniffing without decoding: format by magic bytes, size from the header.

Pixels are counted before anything decodes the image (DESIGN.md section 3), so
a 100,000 x 100,000 PNG of a few KB is refused without allocating a byte.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from .errors import FormatError


@dataclass(frozen=True)
class ImageInfo:
    media_type: str
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


def sniff_type(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _jpeg_size(data: bytes) -> tuple[int, int]:
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise FormatError("JPEG structure is broken")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if length < 2:
            raise FormatError("JPEG segment length is invalid")
        # Start-of-frame markers carry the size (not DHT C4, JPG C8, DAC CC).
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            if pos + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    raise FormatError("JPEG has no frame header")


def _webp_size(data: bytes) -> tuple[int, int]:
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    raise FormatError("WebP header is not recognised")


def image_info(data: bytes) -> ImageInfo:
    """Format and pixel size from the header; FormatError if it is not one we accept."""
    media_type = sniff_type(data)
    if media_type is None:
        raise FormatError("not a PNG, JPEG, GIF or WebP image")
    try:
        if media_type == "image/png":
            if data[12:16] != b"IHDR":
                raise FormatError("PNG has no IHDR header")
            width, height = struct.unpack(">II", data[16:24])
        elif media_type == "image/gif":
            width, height = struct.unpack("<HH", data[6:10])
        elif media_type == "image/jpeg":
            width, height = _jpeg_size(data)
        else:
            width, height = _webp_size(data)
    except struct.error as exc:
        raise FormatError(f"{media_type} header is truncated") from exc
    if width <= 0 or height <= 0:
        raise FormatError(f"{media_type} has no pixels")
    return ImageInfo(media_type, width, height)
