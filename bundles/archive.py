"""The ZIP container of a bundle, read without trusting it and written deterministically.

DESIGN.md sections 2 and 3. A bundle arrives on a stranger's USB stick, so
`SafeZipReader` parses every structure itself with `struct` (the End Of Central
Directory record, the central directory and each local file header) and
rejects anything outside a small, boring subset of ZIP before a single byte of
content is inflated:

- the end record sits exactly at the end of the file (no archive comment,
  nothing appended), single disk, no ZIP64 of any kind;
- the central directory ends exactly where the end record starts, and the
  first entry starts at offset 0 (nothing prepended);
- entries are Stored or Deflate, unencrypted, regular files, without data
  descriptors, with safe, unique (also when case-folded) UTF-8 NFC names;
- every local header repeats its central directory record exactly;
- entries tile the file: no overlap (the overlapping-entry zip bomb, which the
  CPython 3.11.7 `zipfile` on our machines does not detect, CVE-2024-0450), no
  unlisted bytes between them, none running into the central directory.

Content is then read entry by entry with a byte cap, inflating at most the
declared size + 1 bytes whatever the compressed stream claims, and checking the
CRC-32, the exact length and that the deflate stream ends exactly at the
compressed size. Nothing is ever extracted or turned into a path.

`ZipWriter` writes the archives our packer makes: fixed timestamps and
attributes, no extra fields, no data descriptors, no ZIP64, via a `.part` file
that is fsynced and renamed on close.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import re
import stat
import struct
import threading
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from .durable import fsync_dir
from .errors import (
    ArchiveError,
    DuplicateEntryError,
    HashMismatchError,
    IncompleteError,
    LimitError,
    OverlapError,
    ReadError,
    UnsafeNameError,
    ZipBombError,
)
from .limits import DEFAULT_LIMITS, KiB, Limits, MiB

__all__ = ["DEFLATED", "STORED", "SafeZipReader", "ZipEntry", "ZipWriter", "check_name"]

STORED = 0
DEFLATED = 8

# Record layouts (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16, 4.3.15), all little-endian.
_LOCAL = struct.Struct("<IHHHHHIIIHH")  # 30 bytes
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")  # 46 bytes
_EOCD = struct.Struct("<IHHHHIIH")  # 22 bytes
_EXTRA_HEADER = struct.Struct("<HH")

_LOCAL_SIG = 0x04034B50
_CENTRAL_SIG = 0x02014B50
_EOCD_SIG = 0x06054B50
_ZIP64_LOCATOR_SIG = 0x07064B50
_ZIP64_LOCATOR_SIZE = 20
_ZIP64_EOCD_MAGIC = b"PK\x06\x06"
_ZIP64_EXTRA_ID = 0x0001
_UNICODE_PATH_EXTRA_ID = 0x7075

# General purpose flag bits.
_FLAG_ENCRYPTED = 0x0001
_FLAG_DEFLATE_OPTIONS = 0x0006  # bits 1-2: the encoder's speed setting, harmless
_FLAG_DATA_DESCRIPTOR = 0x0008
_FLAG_PATCHED = 0x0020
_FLAG_STRONG_ENCRYPTION = 0x0040
_FLAG_UTF8 = 0x0800
_FLAG_MASKED_HEADERS = 0x2000  # central directory encryption
_FLAGS_ALLOWED = _FLAG_DEFLATE_OPTIONS | _FLAG_UTF8

_CREATOR_UNIX = 3
_DOS_DIRECTORY = 0x10
# What a local header's fields after its signature must repeat, by name.
_LOCAL_FIELDS = ("version needed", "flags", "compression method", "modification time",
                 "modification date", "CRC-32", "compressed size", "size", "name length")
# Extra-field bytes read with each local header at open (ours have none).
_USUAL_EXTRA = 64
_MAX_EXTRA = 256  # per header; Info-ZIP's timestamps and uid/gid take about 30
_MAX_ENTRY_COMMENT = 256

_METHOD_NAMES = {
    1: "Shrink", 6: "Implode", 9: "Deflate64", 12: "bzip2", 14: "LZMA",
    93: "Zstandard", 95: "XZ", 98: "PPMd", 99: "AES encryption",
}
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_DRIVE_RE = re.compile(r"^[A-Za-z]:")
# Segments of letters, digits, '_', '-' and inner dots, never '.' or '..' alone.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*")

_READ_CHUNK = 64 * KiB  # compressed bytes read at a time while inflating


def check_name(name: str, max_bytes: int = DEFAULT_LIMITS.max_name_bytes) -> str | None:
    """Why `name` is not a safe entry name, or None if it is.

    Safe: NFC UTF-8, 1..max_bytes bytes, relative, '/'-separated, no '.', '..' or
    empty segments, no backslash, drive letter, control or bidi control character,
    and not a directory (trailing '/').
    """
    if len(name) <= max_bytes and _PLAIN_NAME.fullmatch(name):
        # The common case (our own layout): ASCII, no controls, always NFC.
        return None
    size = len(name.encode("utf-8", "surrogatepass"))
    if size == 0:
        return "empty name"
    if size > max_bytes:
        return f"name is {size} bytes, over the limit of {max_bytes}"
    for ch in name:
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in _BIDI_CONTROLS:
            return f"name contains the control character U+{ord(ch):04X}"
    if not unicodedata.is_normalized("NFC", name):
        return "name is not NFC-normalized Unicode"
    if "\\" in name:
        return "name contains a backslash"
    if name.startswith("/"):
        return "name is an absolute path"
    if _DRIVE_RE.match(name):
        return "name starts with a drive letter"
    if name.endswith("/"):
        return "is a directory entry"
    for segment in name.split("/"):
        if segment == "..":
            return "name contains a '..' segment"
        if segment == ".":
            return "name contains a '.' segment"
        if segment == "":
            return "name contains an empty segment ('//')"
    return None


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name.casefold())


def _parse_extra(extra: bytes) -> list[int] | None:
    """The header ids of an extra field, or None if it is malformed."""
    ids = []
    pos = 0
    while pos < len(extra):
        if pos + 4 > len(extra):
            return None
        header_id, size = _EXTRA_HEADER.unpack_from(extra, pos)
        pos += 4 + size
        if pos > len(extra):
            return None
        ids.append(header_id)
    return ids


@dataclass(frozen=True)
class ZipEntry:
    """One verified entry. Offsets are absolute file offsets."""

    name: str
    method: int  # STORED or DEFLATED
    crc32: int
    compressed_size: int
    size: int  # declared uncompressed size, checked on every read
    header_offset: int  # where its local header starts
    data_offset: int  # where its (compressed) data starts

    @property
    def end_offset(self) -> int:
        """First byte after its compressed data."""
        return self.data_offset + self.compressed_size


@dataclass
class _Raw:
    """A central directory record, parsed but not yet trusted."""

    index: int
    name: str
    name_bytes: bytes
    version_needed: int
    flags: int
    method: int
    mtime: int
    mdate: int
    crc32: int
    compressed_size: int
    size: int
    header_offset: int


_PREAD = getattr(os, "pread", None)  # POSIX; Windows seeks and reads under a lock


def _record(index: int, offset: int) -> str:
    """How a central directory record is named before its entry name is known."""
    return f"central directory record {index + 1} (offset {offset})"


def _stray_bits(probe: zlib._Decompress, last_byte: int, produced: list[bytes]) -> bool:
    """Does the deflate stream's last byte have a bit set after the stream's end?

    Deflate ends at a bit, and the rest of its last byte is padding no decoder
    reads: a flipped padding bit would change the file and not its content.
    Encoders write zeros there, so a set bit means damage or tampering. The
    byte's highest set bit is padding exactly when flipping it leaves the same
    end of stream with the same output; `probe` is the inflater before the byte.
    """
    if not last_byte:
        return False
    trial = probe.copy()
    try:
        out = trial.decompress(bytes((last_byte ^ (1 << (last_byte.bit_length() - 1)),)))
        out += trial.flush()
    except zlib.error:
        return False
    return trial.eof and not trial.unused_data and out == b"".join(produced)


class SafeZipReader:
    """A ZIP archive opened without trusting it. Use `SafeZipReader.open`.

    All structure is checked in `open`; `entries` are then safe to list. Content
    is checked while it is read (`read`, `read_hashed`, `iter_chunks`).
    Every error is a `SatchelError` subclass naming the file and, where known, the
    entry; an `OSError` while reading (a pulled USB stick) becomes an
    `ArchiveError` "cannot read ...: <strerror>" with the OSError as `__cause__`.
    """

    def __init__(self, path: Path, file: BinaryIO, size: int, limits: Limits) -> None:
        # Internal: use SafeZipReader.open().
        self.path = path
        self.limits = limits
        self.file_size = size
        self._file: BinaryIO | None = file
        self._lock = threading.Lock()
        self.entries: list[ZipEntry] = []
        self._by_name: dict[str, ZipEntry] = {}
        self._file_order: list[ZipEntry] = []

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, limits: Limits = DEFAULT_LIMITS) -> SafeZipReader:
        """Open and check `path`; raise a `SatchelError` subclass if it breaks a rule."""
        path = Path(path)
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            # O_NONBLOCK: opening a FIFO planted on a stick must not hang.
            fd = os.open(path, flags)
        except OSError as exc:
            raise ReadError(f"cannot open: {exc.strerror or exc}", path=str(path)) from exc
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise ArchiveError("not a regular file", path=str(path))
            file = os.fdopen(fd, "rb", buffering=0)
        except BaseException:
            os.close(fd)
            raise
        reader = cls(path, file, st.st_size, limits)
        try:
            reader._check()
        except BaseException:
            reader.close()
            raise
        return reader

    def _fail(
        self, cls: type[ArchiveError | LimitError | ReadError | HashMismatchError],
        reason: str, entry: str | None = None,
    ) -> ArchiveError | LimitError | ReadError | HashMismatchError:
        return cls(reason, path=str(self.path), entry=entry)

    def _missing_end(self) -> ArchiveError:
        """No end record at the end: tell a copy cut short (the usual case on a stick)
        from a file that is no ZIP archive and from one with data appended, by walking
        the records from the start as far as they go (headers only, on this error path)."""
        size = self.file_size
        offset, count, name = 0, 0, ""
        signature = _LOCAL_SIG
        if self._read_at(0, 4) != struct.pack("<I", _LOCAL_SIG):
            return ArchiveError("not a Satchel bundle: not even a ZIP archive",
                                path=str(self.path))
        while count <= self.limits.max_entries:
            head = self._peek(offset, _CENTRAL.size)
            if len(head) < 4:
                break  # the file ends between records
            signature = struct.unpack_from("<I", head)[0]
            if signature == _LOCAL_SIG and len(head) >= _LOCAL.size:
                fields = _LOCAL.unpack_from(head)
                name_len, extra_len, compressed = fields[9], fields[10], fields[7]
                name = self._peek(offset + _LOCAL.size, name_len).decode("utf-8", "replace")
                offset += _LOCAL.size + name_len + extra_len + compressed
            elif signature == _CENTRAL_SIG and len(head) == _CENTRAL.size:
                fields = _CENTRAL.unpack_from(head)
                offset += _CENTRAL.size + fields[10] + fields[11] + fields[12]
                name = ""
            elif signature == _EOCD_SIG and len(head) >= _EOCD.size:
                comment = struct.unpack_from("<H", head, 20)[0]
                after = size - offset - _EOCD.size - comment
                if after > 0:
                    return ArchiveError(f"{after:,} bytes of data after the end of central "
                                        "directory record", path=str(self.path))
                break
            elif signature not in (_LOCAL_SIG, _CENTRAL_SIG, _EOCD_SIG):
                return ArchiveError(
                    "not a ZIP archive as bundles are made: no end of central directory "
                    "record at the end of the file", path=str(self.path))
            else:
                break  # a record cut in the middle
            count += 1
            if offset > size:
                break
        inside = f", inside entry {name!r}" if offset > size and name else ""
        return IncompleteError(f"it ends after {size:,} bytes{inside}, before the end of the "
                               "archive", path=str(self.path))

    def _peek(self, offset: int, length: int) -> bytes:
        """Up to `length` bytes at `offset`, fewer at the end of the file."""
        return self._read_at(offset, max(0, min(length, self.file_size - offset)))

    def _check(self) -> None:
        count, cd_size, cd_offset = self._check_end_record()
        raws = self._parse_central_directory(cd_offset, cd_size, count)
        self._check_names_unique(raws)
        self._check_layout(raws, cd_offset)

    def _check_end_record(self) -> tuple[int, int, int]:
        """Check the end record; return (entry count, central directory size, offset)."""
        size = self.file_size
        if size < _EOCD.size:
            raise self._fail(ArchiveError, f"not a ZIP archive: only {size} bytes")
        tail_len = min(size, _EOCD.size + 65_535 + _ZIP64_LOCATOR_SIZE)
        tail = self._read_at(size - tail_len, tail_len)
        eocd_offset = size - _EOCD.size
        record = tail[-_EOCD.size:]
        (sig, disk, cd_disk, disk_entries, total_entries,
         cd_size, cd_offset, comment_len) = _EOCD.unpack(record)
        if sig != _EOCD_SIG:
            # An earlier end record means a comment or appended data: say which.
            found = tail.rfind(struct.pack("<I", _EOCD_SIG), 0, tail_len - _EOCD.size + 3)
            if found >= 0:
                (comment_len,) = struct.unpack_from("<H", tail, found + 20)
                extra = tail_len - found - _EOCD.size
                if comment_len == extra:
                    raise self._fail(
                        ArchiveError, f"has an archive comment ({extra} bytes); bundles have none"
                    )
                raise self._fail(
                    ArchiveError, f"{extra} bytes of data after the end of central directory record"
                )
            raise self._missing_end()
        if comment_len:
            # The declared comment would run past the end of the file.
            raise self._fail(ArchiveError, "end record declares an archive comment that is missing")
        locator_at = tail_len - _EOCD.size - _ZIP64_LOCATOR_SIZE
        if locator_at >= 0 and struct.unpack_from("<I", tail, locator_at)[0] == _ZIP64_LOCATOR_SIG:
            raise self._fail(ArchiveError, "has ZIP64 records (ZIP64 end of central directory locator)")
        if 0xFFFF in (disk, cd_disk, disk_entries, total_entries) or 0xFFFFFFFF in (cd_size, cd_offset):
            raise self._fail(ArchiveError, "end record holds ZIP64 placeholder values (0xFFFF...)")
        if disk != 0 or cd_disk != 0:
            raise self._fail(ArchiveError, "is part of a multi-disk (spanned) archive")
        if disk_entries != total_entries:
            raise self._fail(
                ArchiveError,
                f"end record counts disagree ({disk_entries} entries on this disk, "
                f"{total_entries} in total)",
            )
        if total_entries > self.limits.max_entries:
            raise self._fail(
                LimitError,
                f"has {total_entries} entries, over the limit of {self.limits.max_entries}",
            )
        if cd_offset + cd_size > eocd_offset:
            raise self._fail(
                ArchiveError,
                f"central directory (offset {cd_offset}, {cd_size} bytes) runs past the "
                f"end record at {eocd_offset}",
            )
        if cd_offset + cd_size < eocd_offset:
            gap = cd_offset + cd_size
            if eocd_offset - gap >= 4 and self._read_at(gap, 4) == _ZIP64_EOCD_MAGIC:
                raise self._fail(ArchiveError, "has ZIP64 records (ZIP64 end of central directory)")
            raise self._fail(
                ArchiveError,
                f"{eocd_offset - cd_offset - cd_size} bytes of unlisted data between the "
                "central directory and the end record",
            )
        if total_entries == 0 and cd_offset != 0:
            raise self._fail(ArchiveError, f"{cd_offset} bytes of data before the first entry")
        max_record = _CENTRAL.size + self.limits.max_name_bytes + _MAX_EXTRA + _MAX_ENTRY_COMMENT
        if cd_size > total_entries * max_record:
            raise self._fail(
                ArchiveError,
                f"central directory is {cd_size} bytes, more than {total_entries} entries can use",
            )
        if cd_size < total_entries * _CENTRAL.size:
            raise self._fail(
                ArchiveError,
                f"central directory is {cd_size} bytes, too small for {total_entries} entries",
            )
        return total_entries, cd_size, cd_offset

    def _parse_central_directory(self, cd_offset: int, cd_size: int, count: int) -> list[_Raw]:
        cd = self._read_at(cd_offset, cd_size)
        raws: list[_Raw] = []
        pos = 0
        for index in range(count):
            start = pos
            if pos + _CENTRAL.size > cd_size:
                raise self._fail(
                    ArchiveError, f"central directory ends after {index} of {count} entries"
                )
            (sig, made_by, version_needed, flags, method, mtime, mdate, crc, csize, usize,
             name_len, extra_len, comment_len, disk_start, _internal, external,
             header_offset) = _CENTRAL.unpack_from(cd, pos)
            if sig != _CENTRAL_SIG:
                raise self._fail(ArchiveError, f"{_record(index, cd_offset + start)} has a bad signature")
            end = pos + _CENTRAL.size + name_len + extra_len + comment_len
            if end > cd_size:
                raise self._fail(
                    ArchiveError, f"{_record(index, cd_offset + start)} runs past the central directory"
                )
            name_bytes = cd[pos + _CENTRAL.size:pos + _CENTRAL.size + name_len]
            extra = cd[pos + _CENTRAL.size + name_len:pos + _CENTRAL.size + name_len + extra_len]
            pos = end

            # The name first: every later message names the entry.
            if not name_bytes:
                raise self._fail(UnsafeNameError, f"{_record(index, cd_offset + start)} has an empty name")
            try:
                name = name_bytes.decode("utf-8")
            except UnicodeDecodeError:
                raise self._fail(
                    UnsafeNameError,
                    "name is not valid UTF-8",
                    name_bytes.decode("utf-8", "backslashreplace"),
                ) from None
            reason = check_name(name, self.limits.max_name_bytes)
            if reason is not None:
                raise self._fail(UnsafeNameError, reason, name)

            if flags & (_FLAG_ENCRYPTED | _FLAG_STRONG_ENCRYPTION | _FLAG_MASKED_HEADERS):
                raise self._fail(ArchiveError, "is encrypted", name)
            if flags & _FLAG_DATA_DESCRIPTOR:
                raise self._fail(
                    ArchiveError, "uses a data descriptor (sizes after the data)", name
                )
            if flags & _FLAG_PATCHED:
                raise self._fail(ArchiveError, "is compressed patch data", name)
            if flags & ~_FLAGS_ALLOWED:
                raise self._fail(ArchiveError, f"has unsupported flag bits 0x{flags:04x}", name)
            if method not in (STORED, DEFLATED):
                label = _METHOD_NAMES.get(method, "unknown")
                raise self._fail(
                    ArchiveError,
                    f"uses compression method {method} ({label}); only Stored and Deflate "
                    "are allowed",
                    name,
                )
            if 0xFFFFFFFF in (csize, usize, header_offset) or disk_start == 0xFFFF:
                raise self._fail(ArchiveError, "holds ZIP64 placeholder values (0xFFFFFFFF)", name)
            self._check_extra(extra, name, "central")
            if comment_len > _MAX_ENTRY_COMMENT:
                raise self._fail(
                    ArchiveError, f"has a {comment_len}-byte comment (limit {_MAX_ENTRY_COMMENT})", name
                )
            if disk_start != 0:
                raise self._fail(ArchiveError, f"starts on disk {disk_start} of a multi-disk archive", name)
            mode = external >> 16
            if stat.S_ISLNK(mode):
                raise self._fail(ArchiveError, "is a symbolic link", name)
            if made_by >> 8 == _CREATOR_UNIX and stat.S_IFMT(mode) not in (0, stat.S_IFREG):
                kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
                raise self._fail(ArchiveError, f"is {kind} (mode 0o{mode:o})", name)
            if external & _DOS_DIRECTORY:
                raise self._fail(ArchiveError, "is a directory (attribute 0x10)", name)
            if method == STORED and csize != usize:
                raise self._fail(
                    ArchiveError,
                    f"is stored but its compressed size {csize} differs from its size {usize}",
                    name,
                )
            if usize > self.limits.blob_bytes:
                raise self._fail(
                    LimitError,
                    f"declares {usize} bytes, over the limit of {self.limits.blob_bytes}",
                    name,
                )
            # Deflate never needs much more than its input (stored blocks add 5 bytes
            # per 64 KiB; literal-only blocks at most 15 bits a byte). More compressed
            # data than that is a bomb lying about its size (or padding that would
            # only cost time): refuse it before inflating anything.
            if method == DEFLATED and csize > 2 * usize + 1024:
                raise self._fail(
                    ZipBombError,
                    f"declares {usize} bytes but carries {csize} compressed bytes, more than "
                    "any deflate encoder makes of that (a deflate bomb)",
                    name,
                )
            raws.append(_Raw(index, name, name_bytes, version_needed, flags, method, mtime,
                             mdate, crc, csize, usize, header_offset))
        if pos != cd_size:
            raise self._fail(
                ArchiveError,
                f"{cd_size - pos} unlisted bytes at the end of the central directory "
                f"(the end record counts {count} entries)",
            )
        return raws

    def _check_extra(self, extra: bytes, name: str, where: str) -> None:
        if len(extra) > _MAX_EXTRA:
            raise self._fail(
                ArchiveError, f"{where} header has a {len(extra)}-byte extra field (limit {_MAX_EXTRA})", name
            )
        ids = _parse_extra(extra)
        if ids is None:
            raise self._fail(ArchiveError, f"{where} header has a malformed extra field", name)
        if _ZIP64_EXTRA_ID in ids:
            raise self._fail(ArchiveError, f"{where} header has a ZIP64 extra field", name)
        if _UNICODE_PATH_EXTRA_ID in ids:
            # Other tools would show (and extract to) this second name instead.
            raise self._fail(
                UnsafeNameError, f"{where} header carries a second name (Unicode Path extra field)", name
            )

    def _check_names_unique(self, raws: list[_Raw]) -> None:
        seen: dict[str, str] = {}
        for raw in raws:
            folded = _fold(raw.name)
            other = seen.get(folded)
            if other is not None:
                if other == raw.name:
                    raise self._fail(DuplicateEntryError, "appears twice in the archive", raw.name)
                raise self._fail(
                    DuplicateEntryError, f"differs only in case from entry {other!r}", raw.name
                )
            seen[folded] = raw.name

    def _check_layout(self, raws: list[_Raw], cd_offset: int) -> None:
        ordered = sorted(raws, key=lambda r: (r.header_offset, r.index))
        if ordered and ordered[0].header_offset != 0:
            raise self._fail(
                ArchiveError,
                f"{ordered[0].header_offset} bytes of data before this, the first entry",
                ordered[0].name,
            )
        # Pass 1, from the central directory alone: the shortest span an entry can
        # have (its local header repeats the name; extras may add more). This names
        # the overlapping-entry bomb as such before any local header is compared.
        for prev, cur in itertools.pairwise(ordered):
            least_end = prev.header_offset + _LOCAL.size + len(prev.name_bytes) + prev.compressed_size
            if least_end > cur.header_offset:
                raise self._fail(
                    OverlapError,
                    f"overlaps entry {prev.name!r} (its data runs to at least {least_end}, "
                    f"this entry starts at {cur.header_offset})",
                    cur.name,
                )
        if ordered:
            last = ordered[-1]
            least_end = last.header_offset + _LOCAL.size + len(last.name_bytes) + last.compressed_size
            if least_end > cd_offset:
                raise self._fail(OverlapError, "runs into the central directory", last.name)

        # Pass 2: each local header must repeat its central record; then exact spans.
        entries: dict[int, ZipEntry] = {}
        prev_end = 0
        prev_name: str | None = None
        for raw in ordered:
            if raw.header_offset < prev_end:
                raise self._fail(
                    OverlapError,
                    f"overlaps entry {prev_name!r} (which runs to {prev_end}, this entry "
                    f"starts at {raw.header_offset})",
                    raw.name,
                )
            if raw.header_offset > prev_end:
                raise self._fail(
                    ArchiveError,
                    f"{raw.header_offset - prev_end} bytes of unlisted data before this entry",
                    raw.name,
                )
            entry = self._check_local_header(raw, cd_offset)
            if entry.end_offset > cd_offset:
                raise self._fail(OverlapError, "runs into the central directory", entry.name)
            prev_end = entry.end_offset
            prev_name = entry.name
            entries[raw.index] = entry
        if ordered and prev_end < cd_offset:
            raise self._fail(
                ArchiveError,
                f"{cd_offset - prev_end} bytes of unlisted data after this entry, before the "
                "central directory",
                prev_name,
            )
        self.entries = [entries[raw.index] for raw in raws]
        self._by_name = {e.name: e for e in self.entries}
        self._file_order = [entries[raw.index] for raw in ordered]

    def _check_local_header(self, raw: _Raw, cd_offset: int) -> ZipEntry:
        name = raw.name
        if raw.header_offset + _LOCAL.size > cd_offset:
            raise self._fail(OverlapError, "local header runs into the central directory", name)
        # One read for the header, its name and a usual extra field (most
        # entries); a longer extra field is read on its own below.
        want = min(_LOCAL.size + len(raw.name_bytes) + _USUAL_EXTRA, cd_offset - raw.header_offset)
        head = self._read_at(raw.header_offset, want)
        local = _LOCAL.unpack_from(head)
        if local[0] != _LOCAL_SIG:
            raise self._fail(
                ArchiveError, f"no local header at offset {raw.header_offset} (bad signature)", name
            )
        name_len, extra_len = local[9], local[10]
        central = (raw.version_needed, raw.flags, raw.method, raw.mtime, raw.mdate, raw.crc32,
                   raw.compressed_size, raw.size, len(raw.name_bytes))
        if local[1:10] != central:
            mismatches = [label for label, a, b in zip(_LOCAL_FIELDS, local[1:10], central,
                                                       strict=True) if a != b]
            raise self._fail(
                ArchiveError,
                "local header disagrees with the central directory on " + ", ".join(mismatches),
                name,
            )
        if extra_len > _MAX_EXTRA:
            raise self._fail(
                ArchiveError, f"local header has a {extra_len}-byte extra field (limit {_MAX_EXTRA})", name
            )
        data_offset = raw.header_offset + _LOCAL.size + name_len + extra_len
        if data_offset > cd_offset:
            raise self._fail(OverlapError, "local header runs into the central directory", name)
        tail = head[_LOCAL.size : _LOCAL.size + name_len + extra_len]
        if len(tail) < name_len + extra_len:
            tail = self._read_at(raw.header_offset + _LOCAL.size, name_len + extra_len)
        if tail[:name_len] != raw.name_bytes:
            raise self._fail(
                ArchiveError, "local header disagrees with the central directory on name", name
            )
        self._check_extra(tail[name_len:], name, "local")
        return ZipEntry(
            name=name,
            method=raw.method,
            crc32=raw.crc32,
            compressed_size=raw.compressed_size,
            size=raw.size,
            header_offset=raw.header_offset,
            data_offset=data_offset,
        )

    # -- listing -------------------------------------------------------------

    @property
    def names(self) -> list[str]:
        """Entry names in central directory order."""
        return [e.name for e in self.entries]

    def entry(self, name: str) -> ZipEntry | None:
        """The entry called exactly `name`, or None."""
        return self._by_name.get(name)

    def in_file_order(self) -> list[ZipEntry]:
        """Entries by position in the file: reading in this order reads front to back."""
        return list(self._file_order)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    # -- reading -------------------------------------------------------------

    def _resolve(self, name_or_entry: str | ZipEntry) -> ZipEntry:
        if isinstance(name_or_entry, ZipEntry):
            entry = self._by_name.get(name_or_entry.name)
            if entry != name_or_entry:
                raise ValueError(f"entry {name_or_entry.name!r} is not from this archive")
            return entry
        entry = self._by_name.get(name_or_entry)
        if entry is None:
            raise ArchiveError("is not in the archive", path=str(self.path), entry=name_or_entry)
        return entry

    def _read_at(self, offset: int, length: int, entry: str | None = None) -> bytes:
        """Exactly `length` bytes at `offset`, or ArchiveError."""
        if self._file is None:
            raise ValueError("SafeZipReader is closed")
        if offset + length > self.file_size:
            raise self._fail(ArchiveError, "is truncated: data runs past the end of the file", entry)
        parts = []
        remaining = length
        try:
            if _PREAD is not None:  # one system call, no shared file position, no lock
                fd = self._file.fileno()
                while remaining:
                    part = _PREAD(fd, remaining, offset + length - remaining)
                    if not part:
                        break
                    parts.append(part)
                    remaining -= len(part)
            else:
                with self._lock:
                    self._file.seek(offset)
                    while remaining:
                        part = self._file.read(remaining)
                        if not part:
                            break
                        parts.append(part)
                        remaining -= len(part)
        except OSError as exc:
            raise self._fail(
                ReadError, f"cannot read the file: {exc.strerror or exc}", entry
            ) from exc
        if remaining:
            raise self._fail(
                ArchiveError, "cannot read the file: it became shorter while open", entry
            )
        return b"".join(parts) if len(parts) != 1 else parts[0]

    def iter_chunks(
        self, name_or_entry: str | ZipEntry, cap: int, chunk: int = MiB, *, check_crc: bool = True
    ) -> Iterator[bytes]:
        """Stream an entry's content in pieces of at most `chunk` bytes.

        Raises LimitError (before reading) if the declared size exceeds `cap`;
        ZipBombError as soon as inflating passes the declared size; ArchiveError if
        the deflate stream is corrupt, does not end exactly at the compressed size,
        is shorter than declared, or the CRC-32 differs. The last two are only
        known at the end: content is verified only once the iterator is exhausted
        without error, so do not use (or keep) a piece before that.

        `check_crc=False` skips the CRC-32 only for a caller that checks a SHA-256 of
        the content against a trusted value, which catches all the CRC would.
        """
        entry = self._resolve(name_or_entry)
        if chunk < 1:
            raise ValueError("chunk must be at least 1 byte")
        if entry.size > cap:
            raise self._fail(
                LimitError, f"declares {entry.size} bytes, over the cap of {cap}", entry.name
            )
        return self._stream(entry, chunk, check_crc)

    def _stream(self, entry: ZipEntry, chunk: int, check_crc: bool) -> Iterator[bytes]:
        name = entry.name
        crc = 0
        produced = 0
        offset = entry.data_offset
        remaining_in = entry.compressed_size
        if entry.method == STORED:
            while remaining_in:
                piece = self._read_at(offset, min(chunk, remaining_in), name)
                offset += len(piece)
                remaining_in -= len(piece)
                if check_crc:
                    crc = zlib.crc32(piece, crc)
                produced += len(piece)
                yield piece
        else:
            inflater = zlib.decompressobj(-15)
            limit = entry.size + 1  # never inflate more than one byte past the declared size
            # The stream's last byte is fed on its own, from a copy of the inflater
            # kept in `probe`, so its unused bits can be checked (`_stray_bits`).
            held = b""
            probe = None
            last_out: list[bytes] = []
            while True:
                if remaining_in:
                    data = self._read_at(offset, min(_READ_CHUNK, remaining_in), name)
                    offset += len(data)
                    remaining_in -= len(data)
                    if not remaining_in and data:
                        data, held = data[:-1], data[-1:]
                elif held:
                    probe = inflater.copy()
                    last_byte = held[0]
                    data, held = held, b""
                else:
                    data = b""
                # Feed `data`, then drain whatever zlib still holds, never asking for
                # more output than the budget allows (max_length bounds memory).
                while True:
                    try:
                        out = inflater.decompress(data, min(chunk, limit - produced))
                    except zlib.error as exc:
                        raise self._fail(HashMismatchError, f"its compressed data is not valid "
                                         f"deflate ({exc})", name) from None
                    progressed = bool(out) or len(inflater.unconsumed_tail) < len(data)
                    data = inflater.unconsumed_tail
                    if out:
                        produced += len(out)
                        if produced > entry.size:
                            raise self._fail(
                                ZipBombError,
                                f"inflates past its declared size of {entry.size} bytes",
                                name,
                            )
                        if check_crc:
                            crc = zlib.crc32(out, crc)
                        if probe is not None:
                            last_out.append(out)
                        yield out
                    if inflater.eof or not progressed:
                        break
                if inflater.eof:
                    unused = len(inflater.unused_data) + len(data) + remaining_in + len(held)
                    if unused:
                        raise self._fail(
                            ArchiveError,
                            f"deflate stream ends {unused} bytes before its compressed size",
                            name,
                        )
                    if probe is not None and _stray_bits(probe, last_byte, last_out):
                        raise self._fail(
                            ArchiveError,
                            "deflate stream has bits set after its end (damaged or altered)",
                            name,
                        )
                    break
                if data:
                    raise self._fail(ArchiveError, "deflate stream makes no progress", name)
                if not remaining_in and not held:
                    raise self._fail(
                        ArchiveError,
                        "deflate stream is truncated (it does not end at its compressed size)",
                        name,
                    )
        if produced != entry.size:
            raise self._fail(
                ArchiveError,
                f"holds {produced} bytes, not the {entry.size} its header declares",
                name,
            )
        if check_crc and crc != entry.crc32:
            raise self._fail(
                HashMismatchError,
                f"CRC-32 is {crc:08x}, not the {entry.crc32:08x} its header declares",
                name,
            )

    def read(self, name_or_entry: str | ZipEntry, cap: int) -> bytes:
        """An entry's verified content, at most `cap` bytes (see `iter_chunks`)."""
        return b"".join(self.iter_chunks(name_or_entry, cap))

    def read_hashed(self, name_or_entry: str | ZipEntry, cap: int) -> tuple[bytes, str]:
        """An entry's content and its SHA-256 (lowercase hex), hashed as it streams.

        The caller must compare the digest with a value it trusts (a blob's name, the
        signed manifest): that comparison replaces the CRC-32 check, which would be a
        second pass over every byte for a weaker answer.
        """
        digest = hashlib.sha256()
        parts = []
        for piece in self.iter_chunks(name_or_entry, cap, check_crc=False):
            digest.update(piece)
            parts.append(piece)
        return b"".join(parts), digest.hexdigest()

    # -- lifetime ------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._file is None

    def close(self) -> None:
        file, self._file = self._file, None
        if file is not None:
            file.close()

    def __enter__(self) -> SafeZipReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else f"{len(self.entries)} entries"
        return f"<SafeZipReader {str(self.path)!r} {state}>"


# -- writing ------------------------------------------------------------------

_DOS_TIME = 0  # 00:00:00
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01
_MADE_BY = (_CREATOR_UNIX << 8) | 20  # Unix, ZIP 2.0
_EXTERNAL_ATTR = (stat.S_IFREG | 0o644) << 16
MIMETYPE_NAME = "mimetype"


class ZipWriter:
    """Deterministic writer for the packer: same adds, same bytes.

    Every entry gets a fixed timestamp (1980-01-01 00:00), regular-file mode
    0o644 created by Unix, the UTF-8 flag, no extra fields, no data descriptor;
    the archive has no comment and no ZIP64. The first entry must be `mimetype`,
    stored. The file is written as `<path>.part`, then fsynced and renamed onto
    `path` by `close()`; `abort()` (or leaving a `with` block by an exception,
    or any error while writing) removes the partial file.

    Sizes: `size_so_far` is the exact size the file would have if closed now.
    Adding `name` with (compressed) data of n bytes adds exactly
    `entry_overhead(name) + n` bytes to it. `add` raises ArchiveError, and writes
    nothing, if the archive would exceed `max_bytes` (at most 2 GiB - 1) or
    `MAX_ENTRIES` entries.
    """

    MAX_BYTES = 2**31 - 1  # 2 GiB - 1: no ZIP64, fits FAT32, offsets fit signed 32-bit
    MAX_ENTRIES = 0xFFFE  # 65,535 (0xFFFF) is the ZIP64 placeholder in the end record

    def __init__(self, path: Path | str, *, max_bytes: int = MAX_BYTES,
                 stream: BinaryIO | None = None) -> None:
        """With `stream` (an empty `io.BytesIO`), the archive is written there instead,
        and `path` only names it in errors: nothing touches the disk."""
        if not 0 < max_bytes <= self.MAX_BYTES:
            raise ValueError(f"max_bytes must be 1..{self.MAX_BYTES}")
        self.path = Path(path)
        self.part_path = self.path.with_name(self.path.name + ".part")
        self.max_bytes = max_bytes
        self._central: list[bytes] = []
        self._central_bytes = 0
        self._offset = 0
        self._names: dict[str, str] = {}  # folded -> name
        self._done = False
        self._stream = stream
        self._file = stream if stream is not None else open(self.part_path, "wb")  # noqa: SIM115 - closed in close()/abort()

    @staticmethod
    def entry_overhead(name: str) -> int:
        """Bytes an entry called `name` adds besides its data: local + central header."""
        return _LOCAL.size + _CENTRAL.size + 2 * len(name.encode("utf-8"))

    @property
    def size_so_far(self) -> int:
        """The exact size of the finished file if it were closed now."""
        return self._offset + self._central_bytes + _EOCD.size

    @property
    def count(self) -> int:
        return len(self._central)

    def add(self, name: str, data: bytes, compress: bool) -> None:
        """Append an entry. With `compress`, deflate (level 6), unless that does not
        make it smaller, in which case it is stored."""
        if self._done:
            raise ValueError("ZipWriter is closed")
        reason = check_name(name)
        if reason is not None:
            raise UnsafeNameError(reason, path=str(self.path), entry=name or None)
        folded = _fold(name)
        if folded in self._names:
            other = self._names[folded]
            why = "added twice" if other == name else f"differs only in case from {other!r}"
            raise DuplicateEntryError(why, path=str(self.path), entry=name)
        if not self._central and name != MIMETYPE_NAME:
            raise ValueError("the first entry must be 'mimetype'")
        if name == MIMETYPE_NAME and compress:
            raise ValueError("'mimetype' must be stored, not compressed")
        if len(self._central) >= self.MAX_ENTRIES:
            raise ArchiveError(
                f"would be entry {len(self._central) + 1}, over the ZIP limit of "
                f"{self.MAX_ENTRIES} without ZIP64",
                path=str(self.path),
                entry=name,
            )
        data = bytes(data)
        method = STORED
        payload = data
        if compress:
            deflater = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed = deflater.compress(data) + deflater.flush()
            if len(packed) < len(data):
                method, payload = DEFLATED, packed
        final = self.size_so_far + self.entry_overhead(name) + len(payload)
        if final > self.max_bytes:
            raise ArchiveError(
                f"would make the archive {final} bytes, over the limit of {self.max_bytes}",
                path=str(self.path),
                entry=name,
            )
        name_bytes = name.encode("utf-8")
        crc = zlib.crc32(data)
        version = 20 if method == DEFLATED else 10
        local = _LOCAL.pack(
            _LOCAL_SIG, version, _FLAG_UTF8, method, _DOS_TIME, _DOS_DATE,
            crc, len(payload), len(data), len(name_bytes), 0,
        )
        central = _CENTRAL.pack(
            _CENTRAL_SIG, _MADE_BY, version, _FLAG_UTF8, method, _DOS_TIME, _DOS_DATE,
            crc, len(payload), len(data), len(name_bytes), 0, 0, 0, 0, _EXTERNAL_ATTR,
            self._offset,
        ) + name_bytes
        self._write(local + name_bytes, payload)
        self._offset += len(local) + len(name_bytes) + len(payload)
        self._central.append(central)
        self._central_bytes += len(central)
        self._names[folded] = name

    def _write(self, *pieces: bytes) -> None:
        try:
            for piece in pieces:
                self._file.write(piece)
        except BaseException:
            self.abort()
            raise

    def close(self) -> None:
        """Write the central directory, fsync, and rename `<path>.part` onto `path`."""
        if self._done:
            return
        try:
            cd_offset = self._offset
            for record in self._central:
                self._file.write(record)
            count = len(self._central)
            self._file.write(
                _EOCD.pack(_EOCD_SIG, 0, 0, count, count, self._central_bytes, cd_offset, 0)
            )
            if self._stream is not None:
                self._done = True
                return
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            os.replace(self.part_path, self.path)
            self._done = True
        except BaseException:
            self.abort()
            raise
        # The archive is complete and in place; a folder that will not sync is not
        # a reason to call the bundle unwritten.
        with contextlib.suppress(OSError):
            fsync_dir(self.path.parent)

    def abort(self) -> None:
        """Give up: close and remove the partial file. Safe to call at any time."""
        if self._done:
            return
        self._done = True
        if self._stream is not None:
            self._stream.seek(0)
            self._stream.truncate()
            return
        try:
            self._file.close()
        except OSError:
            pass  # the write error that brought us here is the one to report
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.part_path)

    def __enter__(self) -> ZipWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
