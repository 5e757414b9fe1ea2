"""Craft ZIP archives byte by byte, malformed ones included, for the archive tests.

Independent of `bundles.archive` (and of `zipfile`) on purpose: each hostile
case is built here from `struct` so a test shows exactly which bytes are wrong.

    data = build([stored("mimetype", b"x"), deflated("a.txt", b"hello")]).data

Every header field can be overridden, separately in the local header and in the
central record (`Entry.local` / `Entry.central`, keyed by the names in
LOCAL_FIELDS / CENTRAL_FIELDS, plus "name" for the name bytes and "offset" for
the central record's local header offset). An entry with `in_body=False` has
only a central record, pointing wherever `central["offset"]` says.
"""

from __future__ import annotations

import stat
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any

LOCAL = struct.Struct("<IHHHHHIIIHH")
CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
EOCD = struct.Struct("<IHHHHIIH")
ZIP64_LOCATOR = struct.Struct("<IIQI")
ZIP64_EOCD = struct.Struct("<IQHHIIQQQQ")

LOCAL_SIG = 0x04034B50
CENTRAL_SIG = 0x02014B50
EOCD_SIG = 0x06054B50
ZIP64_LOCATOR_SIG = 0x07064B50
ZIP64_EOCD_SIG = 0x06064B50

LOCAL_FIELDS = (
    "sig", "version_needed", "flags", "method", "mtime", "mdate", "crc", "csize", "usize",
    "name_len", "extra_len",
)
CENTRAL_FIELDS = (
    "sig", "made_by", "version_needed", "flags", "method", "mtime", "mdate", "crc", "csize",
    "usize", "name_len", "extra_len", "comment_len", "disk_start", "internal_attr",
    "external_attr", "offset",
)
EOCD_FIELDS = (
    "sig", "disk", "cd_disk", "disk_entries", "total_entries", "cd_size", "cd_offset",
    "comment_len",
)

UNIX = 3
MSDOS = 0
FLAG_UTF8 = 0x0800
REGULAR = (stat.S_IFREG | 0o644) << 16


def extra_field(header_id: int, payload: bytes = b"") -> bytes:
    """One extra field record: id, size, payload."""
    return struct.pack("<HH", header_id, len(payload)) + payload


def deflate(content: bytes, level: int = 6) -> bytes:
    """Raw deflate (no zlib header), as ZIP method 8 stores it."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(content) + compressor.flush()


@dataclass
class Entry:
    name: str | bytes
    payload: bytes  # the bytes after the local header, as stored in the file
    method: int
    crc: int
    usize: int
    csize: int | None = None  # default: len(payload)
    flags: int = FLAG_UTF8
    version_needed: int = 20
    made_by: int = (UNIX << 8) | 20
    mtime: int = 0
    mdate: int = (1 << 5) | 1  # 1980-01-01
    external_attr: int = REGULAR
    internal_attr: int = 0
    disk_start: int = 0
    local_extra: bytes = b""
    central_extra: bytes = b""
    comment: bytes = b""
    local: dict[str, Any] = field(default_factory=dict)
    central: dict[str, Any] = field(default_factory=dict)
    in_body: bool = True

    @property
    def name_bytes(self) -> bytes:
        return self.name.encode("utf-8") if isinstance(self.name, str) else self.name

    def local_header(self) -> bytes:
        name = self.local.get("name", self.name_bytes)
        extra = self.local.get("extra", self.local_extra)
        values = {
            "sig": LOCAL_SIG,
            "version_needed": self.version_needed,
            "flags": self.flags,
            "method": self.method,
            "mtime": self.mtime,
            "mdate": self.mdate,
            "crc": self.crc,
            "csize": len(self.payload) if self.csize is None else self.csize,
            "usize": self.usize,
            "name_len": len(name),
            "extra_len": len(extra),
        }
        values.update({k: v for k, v in self.local.items() if k in LOCAL_FIELDS})
        return LOCAL.pack(*(values[k] for k in LOCAL_FIELDS)) + name + extra

    def central_record(self, offset: int) -> bytes:
        name = self.central.get("name", self.name_bytes)
        extra = self.central.get("extra", self.central_extra)
        comment = self.central.get("comment", self.comment)
        values = {
            "sig": CENTRAL_SIG,
            "made_by": self.made_by,
            "version_needed": self.version_needed,
            "flags": self.flags,
            "method": self.method,
            "mtime": self.mtime,
            "mdate": self.mdate,
            "crc": self.crc,
            "csize": len(self.payload) if self.csize is None else self.csize,
            "usize": self.usize,
            "name_len": len(name),
            "extra_len": len(extra),
            "comment_len": len(comment),
            "disk_start": self.disk_start,
            "internal_attr": self.internal_attr,
            "external_attr": self.external_attr,
            "offset": offset,
        }
        values.update({k: v for k, v in self.central.items() if k in CENTRAL_FIELDS})
        return CENTRAL.pack(*(values[k] for k in CENTRAL_FIELDS)) + name + extra + comment


def stored(name: str | bytes, content: bytes, **kw: Any) -> Entry:
    kw.setdefault("version_needed", 10)
    return Entry(name, content, 0, zlib.crc32(content), len(content), **kw)


def deflated(name: str | bytes, content: bytes, level: int = 6, **kw: Any) -> Entry:
    return Entry(name, deflate(content, level), 8, zlib.crc32(content), len(content), **kw)


@dataclass
class Crafted:
    data: bytes
    offsets: list[int]  # where each entry's local header was written (-1: not in the body)
    cd_offset: int
    cd_size: int
    eocd_offset: int


def build(
    entries: list[Entry],
    *,
    prefix: bytes = b"",
    between: dict[int, bytes] | None = None,
    before_cd: bytes = b"",
    after_cd: bytes = b"",
    zip64_locator: bool = False,
    eocd: dict[str, Any] | None = None,
    comment: bytes = b"",
    suffix: bytes = b"",
) -> Crafted:
    """Lay out: prefix, [between[i], local header i, payload i]..., before_cd,
    central directory, after_cd, [ZIP64 record + locator], end record, comment, suffix.

    The end record counts and points at the central directory as written unless
    `eocd` overrides a field.
    """
    between = between or {}
    out = bytearray(prefix)
    offsets: list[int] = []
    for i, entry in enumerate(entries):
        out += between.get(i, b"")
        offsets.append(len(out) if entry.in_body else -1)
        if entry.in_body:
            out += entry.local_header() + entry.payload
    out += before_cd
    cd_offset = len(out)
    for entry, offset in zip(entries, offsets, strict=True):
        out += entry.central_record(offset if offset >= 0 else 0)
    cd_size = len(out) - cd_offset
    out += after_cd
    if zip64_locator:
        record_at = len(out)
        out += ZIP64_EOCD.pack(
            ZIP64_EOCD_SIG, ZIP64_EOCD.size - 12, (UNIX << 8) | 45, 45, 0, 0,
            len(entries), len(entries), cd_size, cd_offset,
        )
        out += ZIP64_LOCATOR.pack(ZIP64_LOCATOR_SIG, 0, record_at, 1)
    eocd_offset = len(out)
    values = {
        "sig": EOCD_SIG,
        "disk": 0,
        "cd_disk": 0,
        "disk_entries": len(entries),
        "total_entries": len(entries),
        "cd_size": cd_size,
        "cd_offset": cd_offset,
        "comment_len": len(comment),
    }
    values.update(eocd or {})
    out += EOCD.pack(*(values[k] for k in EOCD_FIELDS)) + comment + suffix
    return Crafted(bytes(out), offsets, cd_offset, cd_size, eocd_offset)


def zeros_bomb(size: int, segment: int = 1 << 20) -> bytes:
    """A raw deflate stream that inflates to `size` zero bytes, made in milliseconds.

    Deflate back-references are relative, so once the history is all zeros, the
    compressed form of `segment` more zeros (ended with a sync flush) can be
    repeated any number of times. About 1 KB per MiB.
    """
    assert size % segment == 0 and size >= 2 * segment
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(bytes(segment)) + compressor.flush(zlib.Z_SYNC_FLUSH)
    again = compressor.compress(bytes(segment)) + compressor.flush(zlib.Z_SYNC_FLUSH)
    last = compressor.flush(zlib.Z_FINISH)
    return first + again * (size // segment - 1) + last
