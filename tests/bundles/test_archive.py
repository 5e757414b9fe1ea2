"""bundles/archive.py: SafeZipReader rejects each hostile ZIP with its own error;
ZipWriter writes deterministic archives that zipfile and SafeZipReader read."""

from __future__ import annotations

import errno
import hashlib
import io
import itertools
import os
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from bundles.archive import SafeZipReader, ZipEntry, ZipWriter, check_name
from bundles.errors import (
    ArchiveError,
    DuplicateEntryError,
    HashMismatchError,
    IncompleteError,
    LimitError,
    OverlapError,
    ReadError,
    SatchelError,
    UnsafeNameError,
    ZipBombError,
)
from bundles.limits import DEFAULT_LIMITS, Limits, MiB
from tests.bundles import zipcraft as zc

MIMETYPE = b"application/vnd.satchel.bundle+zip"


# -- helpers ------------------------------------------------------------------


def write(tmp_path: Path, data: bytes | zc.Crafted, name: str = "hostile.satchel") -> Path:
    path = tmp_path / name
    path.write_bytes(data.data if isinstance(data, zc.Crafted) else data)
    return path


def rejects(
    path: Path,
    cls: type[SatchelError],
    entry: str | None = None,
    reason: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> SatchelError:
    """Opening `path` raises exactly `cls`, in one line naming the file (and entry)."""
    with pytest.raises(SatchelError) as info:
        SafeZipReader.open(path, limits)
    return check_error(info.value, path, cls, entry, reason)


def check_error(
    err: BaseException,
    path: Path,
    cls: type[SatchelError],
    entry: str | None,
    reason: str | None,
) -> SatchelError:
    assert type(err) is cls, f"{type(err).__name__}: {err}"
    assert isinstance(err, SatchelError)
    message = str(err)
    assert "\n" not in message
    assert err.path == str(path)
    assert message.startswith(f"{path}: ")
    if entry is not None:
        assert err.entry == entry
        assert f"entry {entry!r}" in message
    else:
        assert err.entry is None
    if reason is not None:
        assert re.search(reason, err.reason), err.reason
    return err


def basic(*extra: zc.Entry) -> list[zc.Entry]:
    return [zc.stored("mimetype", MIMETYPE), zc.deflated("a.txt", b"hello " * 50), *extra]


def open_ok(path: Path, limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    with SafeZipReader.open(path, limits) as reader:
        return {e.name: reader.read(e, limits.blob_bytes) for e in reader.entries}


# -- a valid crafted archive is accepted ----------------------------------------


def test_accepts_crafted_archive(tmp_path):
    path = write(tmp_path, zc.build(basic(zc.stored("b/c.bin", bytes(range(256))))))
    assert open_ok(path) == {
        "mimetype": MIMETYPE,
        "a.txt": b"hello " * 50,
        "b/c.bin": bytes(range(256)),
    }


def test_accepts_empty_archive(tmp_path):
    path = write(tmp_path, zc.build([]))
    with SafeZipReader.open(path) as reader:
        assert reader.entries == []
        assert reader.names == []


def test_accepts_info_zip_extra_fields_and_entry_comment(tmp_path):
    ut_local = zc.extra_field(0x5455, b"\x03" + struct.pack("<II", 1_600_000_000, 1_600_000_000))
    ut_central = zc.extra_field(0x5455, b"\x03" + struct.pack("<I", 1_600_000_000))
    ux = zc.extra_field(0x7875, b"\x01\x04" + struct.pack("<I", 1000) + b"\x04" + struct.pack("<I", 1000))
    entry = zc.stored(
        "good.txt", b"good\n", local_extra=ut_local + ux, central_extra=ut_central + ux,
        comment=b"a short comment",
    )
    path = write(tmp_path, zc.build([entry]))
    assert open_ok(path) == {"good.txt": b"good\n"}


# -- the end record ----------------------------------------------------------------


def test_rejects_file_too_short(tmp_path):
    rejects(write(tmp_path, b"PK\x05\x06"), ArchiveError, reason="not a ZIP archive")


def test_rejects_file_without_end_record(tmp_path):
    rejects(write(tmp_path, b"<html>not a zip</html>" * 10), ArchiveError,
            reason="^not a Satchel bundle: not even a ZIP archive$")


@pytest.mark.parametrize("keep", [0.3, 0.7, 0.99], ids=["in-an-entry", "later", "in-the-end"])
def test_a_copy_cut_short_says_the_file_is_incomplete(tmp_path, keep):
    # The usual damage on a stick: a copy interrupted. The reader is told to copy
    # it again, not that "data was appended" or that it is no ZIP archive.
    whole = zc.build([zc.stored("mimetype", b"x" * 40), zc.stored("a.txt", os.urandom(3000)),
                      zc.stored("b.txt", b"y" * 2000)])
    data = whole.data if isinstance(whole, zc.Crafted) else whole
    cut = data[: int(len(data) * keep)]
    err = rejects(write(tmp_path, cut), IncompleteError,
                  reason=rf"^it ends after {len(cut):,} bytes.*before the end of the archive$")
    assert str(err).startswith(f"{tmp_path / 'hostile.satchel'}: the file is incomplete: ")
    assert "copy the file again" in err.diagnostics().lower()
    if keep == 0.3:
        assert "inside entry 'a.txt'" in err.reason


def test_data_appended_far_past_the_end_record_is_named_as_such(tmp_path):
    whole = zc.build(basic())
    data = whole.data if isinstance(whole, zc.Crafted) else whole
    rejects(write(tmp_path, data + b"\0" * 70_000), ArchiveError,
            reason="^70,000 bytes of data after the end of central directory record$")


def test_rejects_archive_comment(tmp_path):
    path = write(tmp_path, zc.build(basic(), comment=b"hello from the packer"))
    rejects(path, ArchiveError, reason="archive comment")


def test_rejects_end_record_declaring_missing_comment(tmp_path):
    path = write(tmp_path, zc.build(basic(), eocd={"comment_len": 5}))
    rejects(path, ArchiveError, reason="comment")


def test_rejects_data_after_end_record(tmp_path):
    path = write(tmp_path, zc.build(basic(), suffix=b"\0" * 100))
    rejects(path, ArchiveError, reason="100 bytes of data after the end")


def test_rejects_entry_after_end_record(tmp_path):
    crafted = zc.build(basic())
    smuggled = zc.stored("evil.txt", b"run me")
    path = write(tmp_path, crafted.data + smuggled.local_header() + smuggled.payload)
    rejects(path, ArchiveError, reason="after the end of central directory record")


def test_rejects_zip64_end_locator(tmp_path):
    path = write(tmp_path, zc.build(basic(), zip64_locator=True))
    rejects(path, ArchiveError, reason="ZIP64")


def test_rejects_zip64_end_record_without_locator(tmp_path):
    record = zc.ZIP64_EOCD.pack(zc.ZIP64_EOCD_SIG, zc.ZIP64_EOCD.size - 12, 0x031E, 45, 0, 0,
                                2, 2, 0, 0)
    path = write(tmp_path, zc.build(basic(), after_cd=record))
    rejects(path, ArchiveError, reason="ZIP64 end of central directory")


def test_rejects_zip64_placeholder_in_end_record(tmp_path):
    path = write(tmp_path, zc.build(basic(), eocd={"disk_entries": 0xFFFF, "total_entries": 0xFFFF}))
    rejects(path, ArchiveError, reason="ZIP64 placeholder")
    path = write(tmp_path, zc.build(basic(), eocd={"cd_offset": 0xFFFFFFFF}))
    rejects(path, ArchiveError, reason="ZIP64 placeholder")


def test_rejects_multi_disk_archive(tmp_path):
    path = write(tmp_path, zc.build(basic(), eocd={"disk": 1, "cd_disk": 1}))
    rejects(path, ArchiveError, reason="multi-disk")


def test_rejects_disagreeing_entry_counts(tmp_path):
    path = write(tmp_path, zc.build(basic(), eocd={"disk_entries": 1}))
    rejects(path, ArchiveError, reason="counts disagree")


def test_rejects_more_entries_than_the_limit(tmp_path):
    entries = [zc.stored(f"e{i}", b"x") for i in range(4)]
    path = write(tmp_path, zc.build(entries))
    assert len(open_ok(path, Limits(max_entries=4))) == 4
    rejects(path, LimitError, reason="4 entries, over the limit of 3", limits=Limits(max_entries=3))


def test_rejects_more_than_20000_entries_before_reading_them(tmp_path):
    # Only the end record: the count alone is enough to refuse.
    path = write(tmp_path, zc.build([], eocd={"disk_entries": 20_001, "total_entries": 20_001}))
    rejects(path, LimitError, reason="20001 entries, over the limit of 20000")


def test_rejects_central_directory_running_past_end_record(tmp_path):
    crafted = zc.build(basic())
    path = write(tmp_path, zc.build(basic(), eocd={"cd_size": crafted.cd_size + 1}))
    rejects(path, ArchiveError, reason="runs past the end record")


def test_rejects_gap_between_central_directory_and_end_record(tmp_path):
    path = write(tmp_path, zc.build(basic(), after_cd=b"\0" * 8))
    rejects(path, ArchiveError, reason="8 bytes of unlisted data between the central directory")


def test_rejects_central_directory_larger_than_its_entries_allow(tmp_path):
    # One entry, but a central directory of 1 MiB: refused before it is read.
    filler = b"\0" * MiB
    crafted = zc.build([], before_cd=filler, eocd={"disk_entries": 1, "total_entries": 1,
                                                    "cd_offset": 0, "cd_size": MiB})
    rejects(write(tmp_path, crafted), ArchiveError, reason="more than 1 entries can use")


def test_rejects_central_directory_too_small_for_its_count(tmp_path):
    path = write(tmp_path, zc.build(basic(), eocd={"disk_entries": 3, "total_entries": 3}))
    rejects(path, ArchiveError, reason="central directory")


def test_rejects_central_directory_ending_before_its_count(tmp_path):
    entries = [zc.stored("x" * 60, b"1"), zc.stored("y" * 60, b"2")]
    path = write(tmp_path, zc.build(entries, eocd={"disk_entries": 3, "total_entries": 3}))
    rejects(path, ArchiveError, reason="central directory ends after 2 of 3 entries")


def test_rejects_unlisted_bytes_in_central_directory(tmp_path):
    path = write(tmp_path, zc.build(basic(), eocd={"disk_entries": 1, "total_entries": 1}))
    rejects(path, ArchiveError, reason="unlisted bytes at the end of the central directory")


def test_rejects_data_before_first_entry(tmp_path):
    path = write(tmp_path, zc.build(basic(), prefix=b"MZ" + b"\0" * 98))
    rejects(path, ArchiveError, "mimetype", reason="100 bytes of data before this, the first entry")


def test_rejects_data_before_central_directory_of_empty_archive(tmp_path):
    path = write(tmp_path, zc.build([], prefix=b"#!/bin/sh\n"))
    rejects(path, ArchiveError, reason="10 bytes of data before the first entry")


# -- central directory records ---------------------------------------------------


def test_rejects_bad_central_directory_signature(tmp_path):
    entries = basic()
    entries[1].central["sig"] = 0x02014B51
    rejects(write(tmp_path, zc.build(entries)), ArchiveError,
            reason="central directory record 2 .* bad signature")


@pytest.mark.parametrize(("method", "label"), [(12, "bzip2"), (14, "LZMA"), (99, "AES"), (9, "Deflate64"), (7, "unknown")])
def test_rejects_unsupported_compression_method(tmp_path, method, label):
    entry = zc.stored("a.txt", b"hello")
    entry.method = method
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "a.txt",
            reason=f"compression method {method} \\({label}")


def test_rejects_encrypted_entry(tmp_path):
    entry = zc.stored("a.txt", b"hello", flags=zc.FLAG_UTF8 | 0x0001)
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "a.txt", reason="is encrypted")


def test_rejects_strong_encryption(tmp_path):
    entry = zc.stored("a.txt", b"hello", flags=zc.FLAG_UTF8 | 0x0041)
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "a.txt", reason="is encrypted")
    entry = zc.stored("a.txt", b"hello", flags=0x0040)
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "a.txt", reason="is encrypted")


def test_rejects_data_descriptor(tmp_path):
    entry = zc.stored("a.txt", b"hello", flags=zc.FLAG_UTF8 | 0x0008)
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "a.txt", reason="data descriptor")


def test_rejects_unknown_flag_bits(tmp_path):
    entry = zc.stored("a.txt", b"hello", flags=zc.FLAG_UTF8 | 0x0100)
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "a.txt", reason="unsupported flag bits")


def test_rejects_patched_data(tmp_path):
    entry = zc.stored("a.txt", b"hello", flags=0x0020)
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "a.txt", reason="patch")


def test_rejects_symlink(tmp_path):
    entry = zc.stored("link", b"/etc/passwd", external_attr=(stat.S_IFLNK | 0o777) << 16)
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "link", reason="symbolic link")


def test_rejects_symlink_from_non_unix_creator(tmp_path):
    entry = zc.stored("link", b"/etc/passwd", external_attr=(stat.S_IFLNK | 0o777) << 16,
                      made_by=(zc.MSDOS << 8) | 20)
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "link", reason="symbolic link")


@pytest.mark.parametrize("kind", [stat.S_IFIFO, stat.S_IFCHR, stat.S_IFBLK, stat.S_IFSOCK, stat.S_IFDIR])
def test_rejects_non_regular_file(tmp_path, kind):
    entry = zc.stored("node", b"", external_attr=(kind | 0o644) << 16)
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "node",
            reason="not a regular file|directory")


def test_rejects_dos_directory_attribute(tmp_path):
    entry = zc.stored("folder", b"", external_attr=0x10, made_by=(zc.MSDOS << 8) | 20)
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "folder", reason="directory")


def test_rejects_directory_entry(tmp_path):
    entry = zc.stored("articles/", b"")
    rejects(write(tmp_path, zc.build([entry])), UnsafeNameError, "articles/",
            reason="directory entry")


@pytest.mark.parametrize("flags", [0, zc.FLAG_UTF8])
def test_rejects_invalid_utf8_name(tmp_path, flags):
    entry = zc.stored(b"caf\xe9.txt", b"hello", flags=flags)
    rejects(write(tmp_path, zc.build([entry])), UnsafeNameError, "caf\\xe9.txt",
            reason="not valid UTF-8")


def test_rejects_unnormalized_name(tmp_path):
    name = "cafe\u0301.txt"
    rejects(write(tmp_path, zc.build([zc.stored(name, b"x")])), UnsafeNameError, name,
            reason="not NFC")


def test_rejects_name_over_255_bytes(tmp_path):
    ok = "é" * 127 + "a"  # 255 bytes
    assert open_ok(write(tmp_path, zc.build([zc.stored(ok, b"x")]))) == {ok: b"x"}
    long = "é" * 128  # 256 bytes
    rejects(write(tmp_path, zc.build([zc.stored(long, b"x")])), UnsafeNameError, long,
            reason="256 bytes, over the limit of 255")


def test_rejects_empty_name(tmp_path):
    rejects(write(tmp_path, zc.build([zc.stored("", b"x")])), UnsafeNameError,
            reason="record 1 .* has an empty name")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("/etc/passwd", "absolute"),
        ("//server/share/x", "absolute"),
        ("C:/Windows/evil.dll", "drive letter"),
        ("c:evil.txt", "drive letter"),
        ("a\\..\\..\\evil.txt", "backslash"),
        ("../evil.txt", "'\\.\\.' segment"),
        ("blobs/../../evil.txt", "'\\.\\.' segment"),
        ("blobs/..", "'\\.\\.' segment"),
        ("./a.txt", "'\\.' segment"),
        ("blobs//a.txt", "empty segment"),
        ("a\x00.txt", "control character U\\+0000"),
        ("a\x1b[31m.txt", "control character U\\+001B"),
        ("a\x7f.txt", "control character U\\+007F"),
        ("a\x85.txt", "control character U\\+0085"),
        ("txt.\u202egpj", "control character U\\+202E"),
    ],
)
def test_rejects_unsafe_name(tmp_path, name, reason):
    rejects(write(tmp_path, zc.build([zc.stored(name, b"x")])), UnsafeNameError, name,
            reason=reason)


def test_rejects_zip_slip_corpus_archives(tmp_path, monkeypatch, corpus):
    # `corpus` (tests/conftest.py) is repo_root/../shared/corpus, or a skip with the reason.
    monkeypatch.chdir(tmp_path)
    evil_before = Path("/tmp/evil.txt").exists()
    for name, reason in [("zip-slip.zip", "'\\.\\.' segment"), ("zip-slip-win.zip", "backslash")]:
        path = corpus / "hostile" / name
        err = rejects(path, UnsafeNameError, _bad_name(path), reason=reason)
        assert "evil.txt" in str(err)
    assert list(tmp_path.iterdir()) == []  # nothing written where we stand
    assert Path("/tmp/evil.txt").exists() == evil_before


def _bad_name(path: Path) -> str:
    with zipfile.ZipFile(path) as z:  # only to learn the name the reader must report
        return next(n for n in z.namelist() if "evil" in n)


def test_rejects_duplicate_names(tmp_path):
    entries = basic(zc.stored("a.txt", b"other"))
    rejects(write(tmp_path, zc.build(entries)), DuplicateEntryError, "a.txt",
            reason="appears twice")


@pytest.mark.parametrize(("first", "second"), [("README", "readme"), ("Straße", "STRASSE"), ("ǅ", "ǆ")])
def test_rejects_case_colliding_names(tmp_path, first, second):
    entries = [zc.stored(first, b"1"), zc.stored(second, b"2")]
    rejects(write(tmp_path, zc.build(entries)), DuplicateEntryError, second,
            reason=f"differs only in case from entry {first!r}")


def test_rejects_zip64_extra_field_in_central_directory(tmp_path):
    z64 = zc.extra_field(0x0001, struct.pack("<QQ", 5, 5))
    entry = zc.stored("a.txt", b"hello", central_extra=z64)
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "a.txt",
            reason="central header has a ZIP64 extra field")


def test_rejects_zip64_extra_field_in_local_header(tmp_path):
    z64 = zc.extra_field(0x0001, struct.pack("<QQ", 5, 5))
    entry = zc.stored("a.txt", b"hello", local_extra=z64)
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "a.txt",
            reason="local header has a ZIP64 extra field")


def test_rejects_zip64_placeholder_sizes(tmp_path):
    entry = zc.stored("a.txt", b"hello", csize=0xFFFFFFFF)
    entry.usize = 0xFFFFFFFF
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "a.txt", reason="ZIP64 placeholder")


def test_rejects_unicode_path_extra_field(tmp_path):
    second_name = zc.extra_field(0x7075, b"\x01" + struct.pack("<I", 0) + b"../evil.txt")
    entry = zc.stored("a.txt", b"hello", central_extra=second_name)
    rejects(write(tmp_path, zc.build([entry])), UnsafeNameError, "a.txt", reason="second name")


def test_rejects_malformed_extra_field(tmp_path):
    entry = zc.stored("a.txt", b"hello", central_extra=b"\x55\x54\x09\x00\x03")
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "a.txt", reason="malformed extra")


def test_rejects_oversized_extra_field(tmp_path):
    entry = zc.stored("a.txt", b"hello", local_extra=zc.extra_field(0xCAFE, b"x" * 300))
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "a.txt", reason="extra field \\(limit")


def test_rejects_long_entry_comment(tmp_path):
    entry = zc.stored("a.txt", b"hello", comment=b"x" * 300)
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "a.txt", reason="300-byte comment")


def test_rejects_entry_on_another_disk(tmp_path):
    entry = zc.stored("a.txt", b"hello", disk_start=2)
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "a.txt", reason="disk 2")


def test_rejects_stored_entry_with_two_sizes(tmp_path):
    entry = zc.stored("a.txt", b"hello")
    entry.usize = 6
    rejects(write(tmp_path, zc.build([entry])), ArchiveError, "a.txt",
            reason="stored but its compressed size 5 differs from its size 6")


def test_rejects_declared_size_over_blob_limit(tmp_path):
    entry = zc.deflated("big.bin", b"\0" * 1000)
    entry.usize = DEFAULT_LIMITS.blob_bytes + 1
    rejects(write(tmp_path, zc.build([entry])), LimitError, "big.bin",
            reason=f"declares {DEFAULT_LIMITS.blob_bytes + 1} bytes, over the limit")
    small = write(tmp_path, zc.build([zc.stored("a.txt", b"hello!")]))
    rejects(small, LimitError, "a.txt", reason="over the limit of 5", limits=Limits(blob_bytes=5))


def test_rejects_compressed_size_too_large_for_declared_size(tmp_path):
    entry = zc.deflated("a.txt", b"hello")
    entry.payload += b"\0" * 2000
    rejects(write(tmp_path, zc.build([entry])), ZipBombError, "a.txt",
            reason="declares 5 bytes but carries 2007 compressed bytes")


# -- local headers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "override"),
    [
        ("version needed", {"version_needed": 45}),
        ("flags", {"flags": 0}),
        ("compression method", {"method": 0}),
        ("modification time", {"mtime": 0x6000}),
        ("modification date", {"mdate": 0x22}),
        ("CRC-32", {"crc": 0}),
        ("compressed size", {"csize": 3}),
        ("size", {"usize": 1}),
        ("name length", {"name": b"a.txt.exe"}),
        ("name", {"name": b"b.txt"}),
    ],
)
def test_rejects_local_header_disagreeing_with_central_directory(tmp_path, label, override):
    entries = basic()
    entries[1].local.update(override)
    rejects(write(tmp_path, zc.build(entries)), ArchiveError, "a.txt",
            reason=f"local header disagrees with the central directory on {label}$")


def test_rejects_missing_local_header(tmp_path):
    entries = basic()
    entries[1].local["sig"] = 0x08074B50
    rejects(write(tmp_path, zc.build(entries)), ArchiveError, "a.txt", reason="no local header")


# -- layout: overlap and gaps ----------------------------------------------------------


def test_rejects_overlapping_entries(tmp_path):
    # 'inner' has its own valid local header, but it lies inside 'outer's data.
    inner = zc.stored("inner.txt", b"the same bytes, twice")
    outer = zc.stored("outer.txt", inner.local_header() + inner.payload + b"tail")
    inner.in_body = False
    inner.central["offset"] = zc.LOCAL.size + len("outer.txt")
    rejects(write(tmp_path, zc.build([outer, inner])), OverlapError, "inner.txt",
            reason="overlaps entry 'outer.txt'")


def test_rejects_entries_sharing_one_local_header(tmp_path):
    first = zc.deflated("blobs/0", b"\0" * 100_000)
    copies = []
    for i in range(1, 10):
        copy = zc.deflated(f"blobs/{i}", b"\0" * 100_000, in_body=False)
        copy.central["offset"] = 0
        copies.append(copy)
    rejects(write(tmp_path, zc.build([first, *copies])), OverlapError, "blobs/1",
            reason="overlaps entry 'blobs/0'")


def test_rejects_overlap_hidden_by_local_extra_field(tmp_path):
    # The central directory alone looks tiled; the first local header's extra field
    # pushes its data 8 bytes into where the second entry claims to start.
    first = zc.stored("a.txt", b"12345678hello", local_extra=zc.extra_field(0xCAFE, b"pads"))
    second = zc.stored("b.txt", b"world")
    crafted = zc.build([first, second])
    second.central["offset"] = crafted.offsets[1] - 8
    rejects(write(tmp_path, zc.build([first, second])), OverlapError, "b.txt",
            reason="overlaps entry 'a.txt'")


def test_rejects_entry_running_into_central_directory(tmp_path):
    entry = zc.stored("a.txt", b"hello", csize=50)
    entry.usize = 50
    rejects(write(tmp_path, zc.build([entry])), OverlapError, "a.txt",
            reason="runs into the central directory")


def test_rejects_local_header_running_into_central_directory(tmp_path):
    entry = zc.stored("a.txt", b"")
    entry.local["extra_len"] = 200  # its "extra field" would be the central directory
    rejects(write(tmp_path, zc.build([entry])), OverlapError, "a.txt",
            reason="runs into the central directory")


def test_rejects_unlisted_bytes_between_entries(tmp_path):
    path = write(tmp_path, zc.build(basic(), between={1: b"hidden payload"}))
    rejects(path, ArchiveError, "a.txt", reason="14 bytes of unlisted data before this entry")


def test_rejects_unlisted_bytes_before_central_directory(tmp_path):
    path = write(tmp_path, zc.build(basic(), before_cd=b"hidden"))
    rejects(path, ArchiveError, "a.txt", reason="6 bytes of unlisted data after this entry")


# -- opening the file -------------------------------------------------------------------


def test_rejects_missing_file(tmp_path):
    path = tmp_path / "gone.satchel"
    err = rejects(path, ReadError, reason="cannot open")
    assert isinstance(err.__cause__, FileNotFoundError)


def test_rejects_directory(tmp_path):
    rejects(tmp_path, ArchiveError, reason="not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_rejects_fifo_without_hanging(tmp_path):
    path = tmp_path / "pipe.satchel"
    os.mkfifo(path)
    rejects(path, ArchiveError, reason="not a regular file")


# -- reading -------------------------------------------------------------------------------


def test_listing(tmp_path):
    entries = [zc.stored("mimetype", MIMETYPE), zc.stored("b", b"2"), zc.stored("a", b"1")]
    crafted = zc.build(entries)
    # Central directory order differs from file order: list the central records reversed.
    entries_cd = list(reversed(entries))
    for entry, offset in zip(entries_cd, reversed(crafted.offsets), strict=True):
        entry.central["offset"] = offset
    body = crafted.data[:crafted.cd_offset]
    cd = b"".join(e.central_record(e.central["offset"]) for e in entries_cd)
    eocd = zc.EOCD.pack(zc.EOCD_SIG, 0, 0, 3, 3, len(cd), len(body), 0)
    path = write(tmp_path, body + cd + eocd)
    with SafeZipReader.open(path) as reader:
        assert reader.names == ["a", "b", "mimetype"]
        assert [e.name for e in reader.in_file_order()] == ["mimetype", "b", "a"]
        assert reader.entry("a") == ZipEntry(
            "a", 0, zlib.crc32(b"1"), 1, 1, crafted.offsets[2], crafted.offsets[2] + 31
        )
        assert reader.entry("A") is None
        assert "b" in reader and len(reader) == 3
        assert reader.read("a", 1) == b"1"


def test_read_hashed_and_chunks(tmp_path):
    content = os.urandom(3 * MiB + 17)
    path = write(tmp_path, zc.build([zc.stored("s", content), zc.deflated("d", content)]))
    with SafeZipReader.open(path) as reader:
        for name in ("s", "d"):
            data, digest = reader.read_hashed(name, len(content))
            assert data == content
            assert digest == hashlib.sha256(content).hexdigest()
            chunks = list(reader.iter_chunks(name, len(content), chunk=64 * 1024))
            assert b"".join(chunks) == content
            assert max(len(c) for c in chunks) <= 64 * 1024


def test_interleaved_reads(tmp_path):
    a, b = os.urandom(300_000), os.urandom(300_000)
    path = write(tmp_path, zc.build([zc.deflated("a", a), zc.stored("b", b)]))
    with SafeZipReader.open(path) as reader:
        ia, ib = reader.iter_chunks("a", len(a), 10_000), reader.iter_chunks("b", len(b), 10_000)
        got_a, got_b = [], []
        for x, y in itertools.zip_longest(ia, ib, fillvalue=b""):
            got_a.append(x)
            got_b.append(y)
        assert b"".join(got_a) == a and b"".join(got_b) == b


def read_error(path: Path, name: str, cls: type[SatchelError], reason: str, cap: int = MiB) -> None:
    with SafeZipReader.open(path) as reader, pytest.raises(SatchelError) as info:
        reader.read(name, cap)
    check_error(info.value, path, cls, name, reason)


def test_read_rejects_size_over_cap(tmp_path):
    path = write(tmp_path, zc.build(basic()))
    read_error(path, "a.txt", LimitError, "declares 300 bytes, over the cap of 299", cap=299)


def test_read_rejects_crc_mismatch(tmp_path):
    entry = zc.stored("a.txt", b"hello")
    entry.crc ^= 1
    read_error(write(tmp_path, zc.build([entry])), "a.txt", HashMismatchError, "CRC-32")
    entry = zc.deflated("a.txt", b"hello" * 100)
    entry.crc ^= 0x80000000
    read_error(write(tmp_path, zc.build([entry])), "a.txt", HashMismatchError, "CRC-32")


def test_read_hashed_leaves_the_crc_to_the_callers_sha256(tmp_path):
    # A wrong CRC with the right content: the SHA-256 the caller checks is what
    # decides, so the bytes come back with their true digest (one pass, not two).
    entry = zc.deflated("a.txt", b"hello" * 100)
    entry.crc ^= 1
    with SafeZipReader.open(write(tmp_path, zc.build([entry]))) as reader:
        data, digest = reader.read_hashed("a.txt", MiB)
    assert data == b"hello" * 100
    assert digest == hashlib.sha256(b"hello" * 100).hexdigest()


def test_read_rejects_content_shorter_than_declared(tmp_path):
    entry = zc.deflated("a.txt", b"hello")
    entry.usize = 6
    read_error(write(tmp_path, zc.build([entry])), "a.txt", ArchiveError,
               "holds 5 bytes, not the 6")


def test_read_rejects_content_longer_than_declared(tmp_path):
    entry = zc.deflated("a.txt", b"hello")
    entry.usize = 4
    read_error(write(tmp_path, zc.build([entry])), "a.txt", ZipBombError,
               "inflates past its declared size of 4 bytes")


def test_read_rejects_deflate_stream_ending_before_compressed_size(tmp_path):
    entry = zc.deflated("a.txt", b"hello")
    entry.payload += b"junk"
    read_error(write(tmp_path, zc.build([entry])), "a.txt", ArchiveError,
               "deflate stream ends 4 bytes before its compressed size")


def _same_content(stream: bytes, content: bytes) -> bool:
    """The oracle: does `stream` still inflate, alone and to its end, to `content`?"""
    inflater = zlib.decompressobj(-15)
    try:
        out = inflater.decompress(stream) + inflater.flush()
    except zlib.error:
        return False
    return inflater.eof and not inflater.unused_data and out == content


@pytest.mark.parametrize(("content", "padded"), [
    (b"hello", True), (b"", True), ("Қазақстан — ایران — Россия\n".encode() * 40, True),
    (bytes(range(256)) * 600, True),  # crosses a 64 KiB read
    (os.urandom(3000), False),  # incompressible: stored blocks end on a byte
], ids=["short", "empty", "scripts", "long", "random"])
def test_every_bit_flip_of_a_deflate_streams_last_byte_is_rejected(tmp_path, content, padded):
    # Bits after the end of the stream change the file, not the content: they
    # are rejected all the same, as any other flip is.
    entry = zc.deflated("a.txt", content)
    good = entry.payload
    path = write(tmp_path, zc.build([entry]))
    with SafeZipReader.open(path) as reader:
        assert reader.read("a.txt", MiB) == content
    padding = 0
    for bit in range(8):
        entry.payload = good[:-1] + bytes((good[-1] ^ (1 << bit),))
        path = write(tmp_path, zc.build([entry]))
        if _same_content(entry.payload, content):
            padding += 1
            read_error(path, "a.txt", ArchiveError, "bits set after its end")
        else:
            with SafeZipReader.open(path) as reader, pytest.raises(SatchelError):
                reader.read("a.txt", MiB)
    assert bool(padding) == padded  # the oracle and the test agree on what is padding


def test_read_rejects_truncated_deflate_stream(tmp_path):
    content = os.urandom(1000)
    entry = zc.deflated("a.txt", content)
    entry.payload = entry.payload[:500]
    read_error(write(tmp_path, zc.build([entry])), "a.txt", ArchiveError, "truncated")


def test_read_rejects_empty_deflate_stream(tmp_path):
    entry = zc.Entry("a.txt", b"", 8, 0, 0)
    read_error(write(tmp_path, zc.build([entry])), "a.txt", ArchiveError, "truncated")


def test_read_rejects_corrupt_deflate_data(tmp_path):
    entry = zc.Entry("a.txt", b"\x07\x00\x00\x00", 8, 0, 5)  # block type 3 does not exist
    read_error(write(tmp_path, zc.build([entry])), "a.txt", HashMismatchError, "not valid deflate")


def test_read_rejects_unknown_entry(tmp_path):
    path = write(tmp_path, zc.build(basic()))
    read_error(path, "b.txt", ArchiveError, "not in the archive")


def test_read_refuses_entry_of_another_archive(tmp_path):
    one = write(tmp_path, zc.build(basic()), "one.zip")
    two = write(tmp_path, zc.build([zc.stored("a.txt", b"x" * 300)]), "two.zip")
    with (
        SafeZipReader.open(one) as r1,
        SafeZipReader.open(two) as r2,
        pytest.raises(ValueError, match="not from this archive"),
    ):
        r1.read(r2.entry("a.txt"), MiB)


def test_read_after_close(tmp_path):
    reader = SafeZipReader.open(write(tmp_path, zc.build(basic())))
    reader.close()
    assert reader.closed
    with pytest.raises(ValueError, match="closed"):
        reader.read("a.txt", MiB)


class _PulledStick(io.RawIOBase):
    def seek(self, *args):
        return 0

    def read(self, n=-1):
        raise OSError(errno.EIO, "Input/output error")

    def fileno(self):
        return -1


def _pread_pulled(*args):
    raise OSError(errno.EIO, "Input/output error")


# Reads go through os.pread where there is one, else seek and read under a lock.
@pytest.mark.parametrize("pread", [_pread_pulled, None], ids=["pread", "seek-read"])
def test_read_error_from_pulled_stick_is_an_archive_error(tmp_path, monkeypatch, pread):
    path = write(tmp_path, zc.build(basic()))
    with SafeZipReader.open(path) as reader:
        monkeypatch.setattr("bundles.archive._PREAD", pread)
        real, reader._file = reader._file, _PulledStick()
        try:
            with pytest.raises(SatchelError) as info:
                reader.read("a.txt", MiB)
        finally:
            reader._file = real
    err = check_error(info.value, path, ReadError, "a.txt",
                      "cannot read the file: Input/output error")
    assert isinstance(err.__cause__, OSError)


def test_read_of_file_truncated_while_open(tmp_path):
    path = write(tmp_path, zc.build(basic()))
    with SafeZipReader.open(path) as reader:
        os.truncate(path, 40)
        with pytest.raises(SatchelError) as info:
            reader.read("a.txt", MiB)
    check_error(info.value, path, ArchiveError, "a.txt", "became shorter")


def test_open_error_from_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path, zc.build(basic()))

    def fail(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("bundles.archive.os.open", fail)
    err = rejects(path, ReadError, reason="cannot open: Input/output error")
    assert isinstance(err.__cause__, OSError)


# -- archives written by zipfile are accepted -----------------------------------------------


def test_accepts_zipfile_written_archive(tmp_path):
    path = tmp_path / "zipfile.zip"
    source = tmp_path / "source.bin"
    source.write_bytes(os.urandom(10_000))
    expected = {
        "mimetype": MIMETYPE,
        "articles/ü/ملف.txt": "سلام دنیا ".encode() * 100,
        "META-INF/bundle.json": b'{"format": 1}' * 50,
        "empty": b"",
        "source.bin": source.read_bytes(),
    }
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", MIMETYPE, compress_type=zipfile.ZIP_STORED)
        z.writestr("articles/ü/ملف.txt", expected["articles/ü/ملف.txt"],
                   compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/bundle.json", expected["META-INF/bundle.json"],
                   compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        z.writestr("empty", b"", compress_type=zipfile.ZIP_DEFLATED)
        z.write(source, "source.bin", compress_type=zipfile.ZIP_DEFLATED)
    assert open_ok(path) == expected


def test_zipfile_directory_entries_are_rejected(tmp_path):
    path = tmp_path / "dirs.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.mkdir("articles")
    rejects(path, UnsafeNameError, "articles/", reason="directory entry")


# -- ZipWriter -----------------------------------------------------------------------------


SAMPLE = [
    ("mimetype", MIMETYPE, False),
    ("META-INF/bundle.json", b'{"format": 1, "entries": []}' * 40, True),
    ("blobs/sha256/" + "a" * 64, os.urandom(70_000), True),  # incompressible: stored
    ("blobs/sha256/" + "b" * 64, b"<p>text</p>" * 5000, True),
    ("blobs/sha256/" + "c" * 64, b"", True),
    ("articles/pub/a1/1.dsse.json", b"{}", False),
]


def write_sample(path: Path, sample=SAMPLE) -> Path:
    writer = ZipWriter(path)
    for name, data, compress in sample:
        writer.add(name, data, compress)
    writer.close()
    return path


def test_writer_round_trip(tmp_path):
    path = write_sample(tmp_path / "out.satchel")
    with SafeZipReader.open(path) as reader:
        assert reader.names == [n for n, _, _ in SAMPLE]
        assert [e.name for e in reader.in_file_order()] == reader.names
        for name, data, _ in SAMPLE:
            assert reader.read(name, len(data)) == data
        methods = {e.name: e.method for e in reader.entries}
    assert methods["mimetype"] == 0
    assert methods["blobs/sha256/" + "a" * 64] == 0  # deflate would not shrink it
    assert methods["blobs/sha256/" + "b" * 64] == 8
    assert methods["articles/pub/a1/1.dsse.json"] == 0


def test_writer_is_deterministic(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = write_sample(tmp_path / "one" / "x.satchel").read_bytes()
    os.utime(tmp_path / "one" / "x.satchel", (0, 0))
    second = write_sample(tmp_path / "two" / "y.satchel").read_bytes()
    assert first == second


def test_zipfile_reads_writer_output(tmp_path):
    path = write_sample(tmp_path / "out.satchel")
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        assert z.comment == b""
        for (name, data, _), info in zip(SAMPLE, z.infolist(), strict=True):
            assert info.filename == name
            assert z.read(name) == data
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.create_system == 3
            assert info.external_attr >> 16 == stat.S_IFREG | 0o644
            assert info.flag_bits == 0x800
            assert info.extra == b""
            assert info.comment == b""
        assert z.infolist()[0].header_offset == 0
        assert z.infolist()[0].compress_type == zipfile.ZIP_STORED


def test_writer_size_accounting_is_exact(tmp_path):
    path = tmp_path / "out.satchel"
    writer = ZipWriter(path)
    assert writer.size_so_far == 22
    for name, data, compress in SAMPLE:
        before = writer.size_so_far
        writer.add(name, data, compress)
        added = writer.size_so_far - before
        assert added - ZipWriter.entry_overhead(name) in (len(data), len(_deflate(data)))
    expected = writer.size_so_far
    writer.close()
    assert path.stat().st_size == expected
    assert ZipWriter.entry_overhead("mimetype") == 30 + 46 + 16
    assert ZipWriter.entry_overhead("é") == 30 + 46 + 4


def _deflate(data: bytes) -> bytes:
    return zc.deflate(data, 6)


def test_writer_renames_only_on_close(tmp_path):
    path = tmp_path / "out.satchel"
    writer = ZipWriter(path)
    writer.add("mimetype", MIMETYPE, compress=False)
    assert not path.exists()
    assert (tmp_path / "out.satchel.part").exists()
    writer.close()
    assert path.exists()
    assert not (tmp_path / "out.satchel.part").exists()
    writer.close()  # idempotent


def test_writer_abort_removes_partial_file(tmp_path):
    path = tmp_path / "out.satchel"
    writer = ZipWriter(path)
    writer.add("mimetype", MIMETYPE, compress=False)
    writer.abort()
    writer.abort()
    assert list(tmp_path.iterdir()) == []


def test_writer_error_in_with_block_removes_partial_file(tmp_path):
    with pytest.raises(RuntimeError), ZipWriter(tmp_path / "out.satchel") as writer:
        writer.add("mimetype", MIMETYPE, compress=False)
        raise RuntimeError("packer failed")
    assert list(tmp_path.iterdir()) == []


def test_writer_disk_full_removes_partial_file(tmp_path):
    writer = ZipWriter(tmp_path / "out.satchel")
    writer.add("mimetype", MIMETYPE, compress=False)

    def full(data):
        raise OSError(errno.ENOSPC, "No space left on device")

    real_write = writer._file.write
    writer._file.write = full  # type: ignore[method-assign]
    with pytest.raises(OSError, match="No space left"):
        writer.add("a.txt", b"x" * 100, compress=False)
    writer._file.write = real_write  # type: ignore[method-assign]
    assert list(tmp_path.iterdir()) == []


def test_writer_requires_mimetype_first_and_stored(tmp_path):
    writer = ZipWriter(tmp_path / "out.satchel")
    with pytest.raises(ValueError, match="first entry must be 'mimetype'"):
        writer.add("a.txt", b"x", compress=False)
    with pytest.raises(ValueError, match="must be stored"):
        writer.add("mimetype", MIMETYPE, compress=True)
    writer.abort()


@pytest.mark.parametrize("name", ["../evil", "/abs", "C:x", "a\\b", "dir/", "a//b", "e\u0301", ""])
def test_writer_rejects_unsafe_names(tmp_path, name):
    path = tmp_path / "out.satchel"
    with ZipWriter(path) as writer:
        writer.add("mimetype", MIMETYPE, compress=False)
        with pytest.raises(SatchelError) as info:
            writer.add(name, b"x", compress=True)
        check_error(info.value, path, UnsafeNameError, name or None, None)


def test_writer_rejects_duplicate_and_case_colliding_names(tmp_path):
    path = tmp_path / "out.satchel"
    with ZipWriter(path) as writer:
        writer.add("mimetype", MIMETYPE, compress=False)
        writer.add("Readme", b"1", compress=True)
        with pytest.raises(SatchelError) as info:
            writer.add("Readme", b"2", compress=True)
        check_error(info.value, path, DuplicateEntryError, "Readme", "added twice")
        with pytest.raises(SatchelError) as info:
            writer.add("README", b"2", compress=True)
        check_error(info.value, path, DuplicateEntryError, "README", "differs only in case")
    assert open_ok(path) == {"mimetype": MIMETYPE, "Readme": b"1"}


def test_writer_refuses_to_exceed_max_bytes(tmp_path):
    path = tmp_path / "out.satchel"
    limit = 22 + ZipWriter.entry_overhead("mimetype") + len(MIMETYPE) + ZipWriter.entry_overhead("a") + 10
    with ZipWriter(path, max_bytes=limit) as writer:
        writer.add("mimetype", MIMETYPE, compress=False)
        with pytest.raises(SatchelError) as info:
            writer.add("a", b"x" * 11, compress=False)
        check_error(info.value, path, ArchiveError, "a", f"over the limit of {limit}")
        writer.add("a", b"x" * 10, compress=False)  # exactly fits
        assert writer.size_so_far == limit
    assert path.stat().st_size == limit
    assert open_ok(path)["a"] == b"x" * 10


def test_writer_max_bytes_is_at_most_2gib_minus_1(tmp_path):
    assert ZipWriter.MAX_BYTES == 2**31 - 1
    with pytest.raises(ValueError):
        ZipWriter(tmp_path / "out.satchel", max_bytes=2**31)
    assert list(tmp_path.iterdir()) == []


def test_writer_refuses_too_many_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(ZipWriter, "MAX_ENTRIES", 3)
    path = tmp_path / "out.satchel"
    with ZipWriter(path) as writer:
        for name in ("mimetype", "a", "b"):
            writer.add(name, b"x", compress=False)
        with pytest.raises(SatchelError) as info:
            writer.add("c", b"x", compress=False)
        check_error(info.value, path, ArchiveError, "c", "over the ZIP limit of 3")
    assert len(open_ok(path)) == 3


def test_writer_entry_limit_avoids_zip64_placeholder():
    assert ZipWriter.MAX_ENTRIES < 0xFFFF


def test_check_name_accepts_layout_names():
    for name in ["mimetype", "META-INF/bundle.json", "keys/" + "f" * 64 + "/root.1.dsse.json",
                 "blobs/sha256/" + "0" * 64, "articles/p/خبر-۱/2.dsse.json", "a.b..c"]:
        assert check_name(name) is None, name
