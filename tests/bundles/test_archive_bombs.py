"""Zip bombs are refused in bounded memory and time.

The memory bound is checked for real: the read runs in a child process whose
address space is capped at 300 MB (`RLIMIT_AS`), and must end with the expected
Satchel error, not MemoryError or a kill. A control run shows that the same cap
does stop a naive inflate of the same bytes, so the cap is really biting.
No test here asserts wall-clock time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from bundles.archive import SafeZipReader
from bundles.errors import OverlapError, SatchelError, ZipBombError
from bundles.limits import GiB, MiB
from tests.bundles import zipcraft as zc

REPO_ROOT = Path(__file__).resolve().parents[2]
MEMORY_CAP = 300 * 1000 * 1000

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="RLIMIT_AS and the resource module are POSIX only"
)

CHILD = r"""
import resource, sys, zlib
cap = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
mode, path = sys.argv[1], sys.argv[2]
if mode == "naive":
    # What an unguarded reader would do: inflate the first entry's data in one go.
    data = open(path, "rb").read()
    try:
        zlib.decompress(data[int(sys.argv[4]):], -15)
    except MemoryError:
        print("MemoryError")
        sys.exit(0)
    print("inflated without hitting the cap")
    sys.exit(0)

from bundles.archive import SafeZipReader
from bundles.errors import SatchelError
try:
    with SafeZipReader.open(path) as reader:
        for entry in reader.entries:
            for _ in reader.iter_chunks(entry, reader.limits.blob_bytes):
                pass
except SatchelError as exc:
    print(type(exc).__name__)
    print(exc)
    sys.exit(0)
print("accepted")
"""


def run_capped(mode: str, path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    return subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(path), str(MEMORY_CAP), *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=600,  # a hang guard only, not a performance assertion
    )


def assert_child_rejected(proc: subprocess.CompletedProcess[str], cls: type[SatchelError],
                          path: Path, entry: str) -> None:
    assert proc.returncode == 0, f"child died ({proc.returncode}): {proc.stderr[-2000:]}"
    lines = proc.stdout.splitlines()
    assert lines[0] == cls.__name__, proc.stdout + proc.stderr[-2000:]
    assert lines[1].startswith(f"{path}: entry {entry!r}: ")


# -- the overlapping-entry bomb (CVE-2024-0450 class) ----------------------------------


def overlap_bomb(copies: int, kernel_size: int) -> bytes:
    """One local header and deflate stream, and `copies` central records all
    pointing at it, each of which would inflate to kernel_size bytes."""
    first = zc.Entry("blobs/0", zc.zeros_bomb(kernel_size), 8, zlib.crc32(bytes(kernel_size)),
                     kernel_size)
    entries = [first]
    for i in range(1, copies):
        copy = zc.Entry(f"blobs/{i}", first.payload, 8, first.crc, kernel_size, in_body=False)
        copy.central["offset"] = 0
        entries.append(copy)
    return zc.build(entries).data


def quoted_overlap_bomb(count: int, kernel_size: int) -> bytes:
    """David Fifield's "better zip bomb": distinct, valid local headers, and each
    entry's deflate data is a stored block quoting the next entry's local header,
    followed by that entry's data, down to one shared kernel. Every entry is a
    well-formed ZIP entry; they overlap. The kind CVE-2024-0450 is about."""
    names = [f"blobs/{i:02d}" for i in range(count)]
    data = zc.deflate(bytes(kernel_size), 9)
    output = bytes(kernel_size)
    header = zc.Entry(names[-1], data, 8, zlib.crc32(output), len(output)).local_header()
    for name in reversed(names[:-1]):
        # A non-final stored block holding the next header, then the next data.
        size = len(header).to_bytes(2, "little")
        inverse = (0xFFFF ^ len(header)).to_bytes(2, "little")
        data = b"\x00" + size + inverse + header + data
        output = header + output
        header = zc.Entry(name, data, 8, zlib.crc32(output), len(output)).local_header()
    body = header + data  # entry 0's header, then everything
    entries, offset = [], 0
    for name in names:
        fields = zc.LOCAL.unpack_from(body, offset)
        entry = zc.Entry(name, b"", 8, fields[6], fields[8], csize=fields[7], in_body=False)
        entry.central["offset"] = offset
        entries.append(entry)
        offset += zc.LOCAL.size + len(name) + 5  # into the quoted next header
    return zc.build(entries, prefix=body).data


def test_rejects_overlapping_entry_zip_bomb(tmp_path):
    # 10,000 entries x 16 MiB: 156 GiB of zeros from a file under 1 MB.
    path = tmp_path / "overlap-bomb.zip"
    path.write_bytes(overlap_bomb(10_000, 16 * MiB))
    assert path.stat().st_size < 2 * MiB
    with pytest.raises(OverlapError) as info:
        SafeZipReader.open(path)
    assert str(info.value).startswith(f"{path}: entry 'blobs/1': overlaps entry 'blobs/0'")
    proc = run_capped("safe", path)
    assert_child_rejected(proc, OverlapError, path, "blobs/1")


def test_rejects_quoted_overlap_bomb(tmp_path):
    path = tmp_path / "quoted-bomb.zip"
    path.write_bytes(quoted_overlap_bomb(20, MiB))
    if sys.version_info[:3] <= (3, 11, 7):
        # The CPython here reads every overlapping entry (CVE-2024-0450 is unfixed), unless
        # its distribution backported the fix (Debian's 3.11.2 did): then it refuses too.
        with zipfile.ZipFile(path) as z:
            try:
                data = z.read("blobs/00")
            except zipfile.BadZipFile as exc:
                assert "Overlapped entries" in str(exc)
            else:
                assert len(data) > MiB
    with pytest.raises(OverlapError) as info:
        SafeZipReader.open(path)
    assert info.value.entry == "blobs/01"
    assert "overlaps entry 'blobs/00'" in str(info.value)
    assert_child_rejected(run_capped("safe", path), OverlapError, path, "blobs/01")


# -- the deflate bomb: tiny, lying about its size -----------------------------------------


def deflate_bomb(tmp_path: Path, declared: int, real: int) -> tuple[Path, int]:
    entry = zc.Entry("blobs/bomb", zc.zeros_bomb(real), 8, zlib.crc32(bytes(declared)), declared)
    crafted = zc.build([zc.stored("mimetype", b"application/vnd.satchel.bundle+zip"), entry])
    path = tmp_path / "deflate-bomb.zip"
    path.write_bytes(crafted.data)
    data_offset = crafted.offsets[1] + zc.LOCAL.size + len("blobs/bomb")
    return path, data_offset


def test_rejects_deflate_bomb(tmp_path):
    # About 1 KB compressed, declares 100 bytes, inflates to 1 MB: stopped at 101.
    stream = zc.deflate(bytes(1_000_000), 9)
    assert len(stream) < 1100
    entry = zc.Entry("blobs/bomb", stream, 8, zlib.crc32(bytes(100)), 100)
    path = tmp_path / "deflate-bomb.zip"
    path.write_bytes(zc.build([entry]).data)
    with SafeZipReader.open(path) as reader:
        with pytest.raises(ZipBombError) as info:
            reader.read("blobs/bomb", 1000)
        assert str(info.value) == (
            f"{path}: entry 'blobs/bomb': inflates past its declared size of 100 bytes"
        )
        # Same through the hashing and streaming readers, whatever the chunk size.
        with pytest.raises(ZipBombError):
            reader.read_hashed("blobs/bomb", 1000)
        with pytest.raises(ZipBombError):
            b"".join(reader.iter_chunks("blobs/bomb", 1000, chunk=1))


def test_rejects_deflate_bomb_whose_compressed_size_betrays_it(tmp_path):
    # About 1 MB compressed declaring 100 bytes: refused at open, nothing inflated.
    path, _ = deflate_bomb(tmp_path, declared=100, real=1 * GiB)
    assert path.stat().st_size < 2 * MiB
    with pytest.raises(ZipBombError) as info:
        SafeZipReader.open(path)
    assert info.value.entry == "blobs/bomb"
    assert "declares 100 bytes but carries" in str(info.value)
    assert_child_rejected(run_capped("safe", path), ZipBombError, path, "blobs/bomb")


def test_deflate_bomb_in_bounded_memory(tmp_path):
    # Declares 25 MiB (the blob limit, so it passes every check at open), inflates
    # to 1 GiB: the reader stops at 25 MiB + 1 byte, under a 300 MB address space.
    path, data_offset = deflate_bomb(tmp_path, declared=25 * MiB, real=1 * GiB)
    with SafeZipReader.open(path) as reader:
        assert reader.entry("blobs/bomb").size == 25 * MiB
    proc = run_capped("safe", path)
    assert_child_rejected(proc, ZipBombError, path, "blobs/bomb")
    assert "inflates past its declared size" in proc.stdout
    # Control: the same cap does stop a naive inflate of the same bytes.
    control = run_capped("naive", path, str(data_offset))
    assert control.returncode == 0, control.stderr[-2000:]
    assert control.stdout.strip() == "MemoryError"


def test_oversized_central_directory_is_not_read(tmp_path):
    # A sparse 1 GiB file whose end record claims a 1 GiB central directory for one
    # entry: refused from the end record, without reading (or allocating) 1 GiB.
    path = tmp_path / "sparse.zip"
    size = 1 * GiB
    with open(path, "wb") as f:
        f.truncate(size - zc.EOCD.size)
        f.seek(size - zc.EOCD.size)
        f.write(zc.EOCD.pack(zc.EOCD_SIG, 0, 0, 1, 1, size - zc.EOCD.size, 0, 0))
    proc = run_capped("safe", path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.splitlines()[0] == "ArchiveError"
    assert "more than 1 entries can use" in proc.stdout
