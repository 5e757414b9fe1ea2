"""Image sniffing without decoding: format by magic bytes, size from the header,
and where the image's data ends.

Pixels are counted before anything decodes the image (DESIGN.md section 3), so
a 100,000 x 100,000 PNG of a few KB is refused without allocating a byte.

`image_layout` walks just enough of each format's structure (PNG chunks to
IEND, JPEG segments and scans to EOI, GIF blocks to the trailer, WebP's RIFF
chunks) to say where the image ends and how many of its bytes are pixel data
and how many metadata, without decompressing anything. `check_layout` holds
them to docs/format.md section 8: nothing large after the end, metadata within
its allowance, and pixel data no larger than any genuine encoding of that many
pixels could be (so a 1x1 "photo" cannot carry 25 MiB of padding).
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

from .errors import FormatError, LimitError
from .limits import DEFAULT_LIMITS, Limits

KiB = 1024


@dataclass(frozen=True)
class ImageInfo:
    media_type: str
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


@dataclass(frozen=True)
class ImageLayout:
    """Where an image's bytes go, learnt from its structure alone."""

    end: int  # offset just after the image's last structure (IEND, EOI, trailer, RIFF)
    pixel_bytes: int  # compressed pixel data: PNG IDAT/fdAT, JPEG tables and scans...
    metadata_bytes: int  # everything else inside the image: text, ICC, Exif, XMP...
    frame_pixels: int  # pixels of every frame together (the image itself when not animated)
    pixel_bound: int  # the most pixel data a genuine encoder writes for those frames


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
        if _is_sof(marker):
            if pos + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    raise FormatError("JPEG has no frame header")


def _is_sof(marker: int) -> bool:
    return 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC)


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


# -- structure: where the data ends, and what it is made of --------------------------


def image_layout(data: bytes, info: ImageInfo) -> ImageLayout:
    """Walk the image's structure (nothing is decompressed); FormatError if it is broken."""
    try:
        if info.media_type == "image/png":
            return _png_layout(data, info)
        if info.media_type == "image/jpeg":
            return _jpeg_layout(data, info)
        if info.media_type == "image/gif":
            return _gif_layout(data, info)
        return _webp_layout(data, info)
    except (struct.error, IndexError) as exc:
        raise FormatError(f"{info.media_type} ends in the middle of its structure") from exc


def check_layout(data: bytes, info: ImageInfo, limits: Limits = DEFAULT_LIMITS) -> ImageLayout:
    """The layout, held to the budgets of docs/format.md section 8."""
    layout = image_layout(data, info)
    kind = info.media_type.split("/")[1].upper()
    if layout.frame_pixels > limits.animation_pixels:
        raise LimitError(f"{kind} frames hold {layout.frame_pixels:,} pixels together, over "
                         f"the {limits.animation_pixels // 1_000_000}-megapixel cap")
    trailing = len(data) - layout.end
    if trailing > limits.image_trailing_bytes:
        raise FormatError(f"{kind} has {trailing:,} bytes after the end of the image "
                          f"(at most {limits.image_trailing_bytes:,} are allowed)")
    if layout.metadata_bytes > limits.image_metadata_bytes:
        raise FormatError(f"{kind} carries {layout.metadata_bytes:,} bytes of metadata "
                          f"(at most {limits.image_metadata_bytes:,} are allowed)")
    if layout.pixel_bytes > layout.pixel_bound:
        raise FormatError(f"{kind} has {layout.pixel_bytes:,} bytes of image data for "
                          f"{info.width}x{info.height} pixels, more than any encoder writes "
                          f"({layout.pixel_bound:,}): it is padded")
    return layout


_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def _png_raw_bytes(width: int, height: int, bits_per_pixel: int) -> int:
    """Filtered scanlines, with room for Adam7's seven passes (each row has a filter byte)."""
    return height * ((width * bits_per_pixel + 7) // 8 + 4) + 64


def _png_layout(data: bytes, info: ImageInfo) -> ImageLayout:
    n = len(data)
    pos = 8
    pixel = metadata = 0
    frames: list[tuple[int, int]] = []  # APNG frame sizes (fcTL)
    bits_per_pixel = 0
    first = True
    while True:
        if pos + 12 > n:
            raise FormatError("PNG ends before its IEND chunk")
        length, kind = struct.unpack_from(">I4s", data, pos)
        if length > 0x7FFFFFFF or not kind.isalpha():
            raise FormatError(f"PNG chunk at byte {pos} is not a chunk")
        end = pos + 12 + length
        if end > n:
            raise FormatError(f"PNG chunk {kind.decode()} runs past the end of the file")
        if first:
            if kind != b"IHDR" or length != 13:
                raise FormatError("PNG does not start with its IHDR chunk")
            depth, color = data[pos + 16], data[pos + 17]
            if color not in _PNG_CHANNELS or depth not in (1, 2, 4, 8, 16):
                raise FormatError("PNG header has an unknown colour type or bit depth")
            bits_per_pixel = depth * _PNG_CHANNELS[color]
            first = False
        elif kind == b"IEND":
            break
        elif kind in (b"IDAT", b"fdAT"):
            pixel += length
        else:
            if kind == b"fcTL" and length >= 12:
                frames.append(struct.unpack_from(">II", data, pos + 12))
            metadata += length + 12
        pos = end
    if pixel == 0:
        raise FormatError("PNG has no image data")
    sizes = [(info.width, info.height)] + [
        (min(w, info.width), min(h, info.height)) for w, h in frames
    ]
    bound = sum(_png_raw_bytes(w, h, bits_per_pixel) for w, h in sizes)
    # Stored deflate, the largest a zlib stream gets: 5 bytes a block, 2 + 4 a stream.
    bound += bound // 64 + KiB
    return ImageLayout(end, pixel, metadata, sum(w * h for w, h in sizes), bound)


# A marker that ends entropy-coded data: 0xFF then anything but a stuffed 0x00,
# a restart marker (D0-D7, which stays inside the scan) or another fill 0xFF.
_JPEG_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def _jpeg_layout(data: bytes, info: ImageInfo) -> ImageLayout:
    n = len(data)
    pos = 2
    pixel = metadata = 0
    components = 0
    while True:
        if pos + 2 > n:
            raise FormatError("JPEG ends before its end-of-image marker")
        if data[pos] != 0xFF:
            raise FormatError(f"JPEG structure is broken at byte {pos}")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:  # EOI
            end = pos + 2
            break
        if marker in (0xD8, 0x00):
            raise FormatError(f"JPEG has a misplaced marker at byte {pos}")
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (length,) = struct.unpack_from(">H", data, pos + 2)
        end = pos + 2 + length
        if length < 2 or end > n:
            raise FormatError(f"JPEG segment at byte {pos} runs past the end of the file")
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:  # APPn (Exif, ICC, XMP...) and comments
            metadata += length + 2
        else:
            pixel += length + 2
            if _is_sof(marker) and length >= 8:
                components = max(components, data[pos + 9])
        if marker == 0xDA:  # a scan: entropy-coded data up to the next real marker
            found = _JPEG_MARKER.search(data, end)
            if found is None:
                raise FormatError("JPEG ends inside its image data")
            pixel += found.start() - end
            end = found.start()
        pos = end
    if components == 0:
        raise FormatError("JPEG has no frame header")
    # Baseline Huffman coding spends at most 27 bits on one coefficient of 8-bit
    # samples, under 3.4 bytes a pixel per component (quality 100 on pure noise
    # writes about 1.4); 4 bytes plus the tables is beyond any genuine encoder.
    bound = info.pixels * components * 4 + 64 * KiB
    return ImageLayout(end, pixel, metadata, info.pixels, bound)


def _gif_sub_blocks(data: bytes, pos: int) -> int:
    """Skip a chain of data sub-blocks; return the position after its terminator."""
    while True:
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos


def _gif_layout(data: bytes, info: ImageInfo) -> ImageLayout:
    n = len(data)
    packed = data[10]
    pos = 13 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0)
    pixel = metadata = 0
    frame_pixels = 0
    frames = 0
    while True:
        if pos >= n:
            raise FormatError("GIF ends before its trailer")
        block = data[pos]
        if block == 0x3B:  # trailer
            end = pos + 1
            break
        if block == 0x21:  # extension: label, then sub-blocks
            after = _gif_sub_blocks(data, pos + 2)
            metadata += after - pos
        elif block == 0x2C:  # image descriptor, local colour table, LZW data
            width, height, flags = struct.unpack_from("<HHB", data, pos + 5)
            start = pos + 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
            after = _gif_sub_blocks(data, start + 1)
            metadata += start - pos  # the descriptor and its colour table
            pixel += after - start  # the LZW code size and data
            frames += 1
            frame_pixels += min(width, info.width) * min(height, info.height)
        else:
            raise FormatError(f"GIF has an unknown block at byte {pos}")
        if after > n:
            raise FormatError(f"GIF block at byte {pos} runs past the end of the file")
        pos = after
    if frames == 0:
        raise FormatError("GIF has no image")
    # LZW codes are at most 12 bits and each gives at least one pixel: 1.5 bytes a
    # pixel, plus a length byte every 255 bytes and a few bytes a frame.
    bound = frame_pixels * 2 + frames * 16 + KiB
    return ImageLayout(end, pixel, metadata, frame_pixels, bound)


_WEBP_PIXEL_CHUNKS = {b"VP8 ", b"VP8L", b"ALPH", b"ANMF"}


def _webp_layout(data: bytes, info: ImageInfo) -> ImageLayout:
    (riff_size,) = struct.unpack_from("<I", data, 4)
    end = 8 + riff_size
    if end > len(data) or riff_size < 4:
        raise FormatError(f"WebP's RIFF size ({riff_size:,}) does not fit the file")
    pos = 12
    pixel = metadata = 0
    frame_pixels = 0
    frames = 0
    while pos < end:
        if pos + 8 > end:
            raise FormatError(f"WebP chunk at byte {pos} runs past the RIFF size")
        kind, size = struct.unpack_from("<4sI", data, pos)
        after = pos + 8 + size + (size & 1)
        if after > end:
            raise FormatError(f"WebP chunk {kind!r} runs past the RIFF size")
        if kind in _WEBP_PIXEL_CHUNKS:
            pixel += after - pos
            if kind == b"ANMF" and size >= 12:
                width = int.from_bytes(data[pos + 14:pos + 17], "little") + 1
                height = int.from_bytes(data[pos + 17:pos + 20], "little") + 1
                frames += 1
                frame_pixels += min(width, info.width) * min(height, info.height)
        else:
            metadata += after - pos
        pos = after
    if pixel == 0:
        raise FormatError("WebP has no image data")
    frame_pixels = frame_pixels or info.pixels
    # Lossless WebP of pure noise takes about 3 bytes a pixel (4 with alpha), lossy less.
    bound = frame_pixels * 5 + (frames + 1) * 64 * KiB
    return ImageLayout(end, pixel, metadata, frame_pixels, bound)


def fit_image(data: bytes, info: ImageInfo, limits: Limits = DEFAULT_LIMITS) -> tuple[bytes, int]:
    """The image as a bundle may carry it, for packers: bytes after its end (a phone's
    second picture or gain map, a camera's trailer) cut off, then `check_layout`.
    Returns the bytes and how many were cut."""
    end = image_layout(data, info).end
    cut = len(data) - end if len(data) - end > limits.image_trailing_bytes else 0
    if cut:
        data = data[:end]
    check_layout(data, info, limits)
    return data, cut
