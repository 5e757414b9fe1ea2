"""Where should the library keep blobs: files or SQLite BLOBs? Measure, then choose.

Writes the same blobs, durably, four ways and reads them back:

  files-each     temp file, fsync, rename into `ab/cdef..`, fsync the folder (per blob)
  files-batch    all temp files written, then fsync each, rename each, fsync each
                 touched folder once (what one bundle import can do)
  files-syncfs   all temp files written, one syncfs(), renames, one syncfs()
  sqlite         INSERT in one transaction (WAL, synchronous=FULL) in its own file

for sizes we carry: article text (4 KiB), envelopes/long bodies (64 KiB),
photos (1 MiB) and the largest image we accept (25 MiB).

    .venv/bin/python bench/store.py [--dir DIR] [--scale 1.0]
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import ctypes.util
import hashlib
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CASES = [  # (label, size, count)
    ("4 KiB", 4 * 1024, 5000),
    ("64 KiB", 64 * 1024, 1000),
    ("128 KiB", 128 * 1024, 500),
    ("256 KiB", 256 * 1024, 300),
    ("1 MiB", 1024 * 1024, 100),
    ("25 MiB", 25 * 1024 * 1024, 4),
]


def _syncfs(path: Path) -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    fd = os.open(path, os.O_RDONLY)
    try:
        if hasattr(libc, "syncfs"):
            libc.syncfs(fd)
        else:
            os.sync()
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _target(root: Path, digest: str) -> Path:
    return root / "blobs" / digest[:2] / digest[2:]


def files_each(root: Path, blobs: list[tuple[str, bytes]]) -> None:
    staging = root / "staging"
    staging.mkdir(parents=True, exist_ok=True)
    for digest, data in blobs:
        tmp = staging / digest
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        target = _target(root, digest)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, target)
        _fsync_dir(target.parent)


def files_batch(root: Path, blobs: list[tuple[str, bytes]]) -> None:
    staging = root / "staging"
    staging.mkdir(parents=True, exist_ok=True)
    for digest, data in blobs:
        with open(staging / digest, "wb") as handle:
            handle.write(data)
    for digest, _ in blobs:
        fd = os.open(staging / digest, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)
    folders = set()
    for digest, _ in blobs:
        target = _target(root, digest)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / digest, target)
        folders.add(target.parent)
    for folder in folders:
        _fsync_dir(folder)


def files_syncfs(root: Path, blobs: list[tuple[str, bytes]]) -> None:
    staging = root / "staging"
    staging.mkdir(parents=True, exist_ok=True)
    for digest, data in blobs:
        with open(staging / digest, "wb") as handle:
            handle.write(data)
    _syncfs(root)
    for digest, _ in blobs:
        target = _target(root, digest)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / digest, target)
    _syncfs(root)


def sqlite_write(root: Path, blobs: list[tuple[str, bytes]]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(root / "blobs.sqlite3", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL)")
    db.execute("BEGIN")
    db.executemany("INSERT OR IGNORE INTO blobs VALUES (?, ?)", blobs)
    db.execute("COMMIT")
    db.close()


def files_read(root: Path, blobs: list[tuple[str, bytes]]) -> None:
    for digest, _ in blobs:
        assert hashlib.sha256(_target(root, digest).read_bytes()).hexdigest() == digest


def sqlite_read(root: Path, blobs: list[tuple[str, bytes]]) -> None:
    db = sqlite3.connect(root / "blobs.sqlite3")
    for digest, _ in blobs:
        (data,) = db.execute("SELECT data FROM blobs WHERE sha256 = ?", (digest,)).fetchone()
        assert hashlib.sha256(data).hexdigest() == digest
    db.close()


def _drop_caches_best_effort() -> None:
    # Only root can drop the page cache; reads are then warm for every method alike.
    with contextlib.suppress(OSError):
        Path("/proc/sys/vm/drop_caches").write_text("3\n")


def _time(fn: Callable[[], None]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None, help="where to write (same disk as the library)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply blob counts")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="satchel-store-bench-", dir=args.dir))
    writers = {
        "files-each": (files_each, files_read),
        "files-batch": (files_batch, files_read),
        "files-syncfs": (files_syncfs, files_read),
        "sqlite": (sqlite_write, sqlite_read),
    }
    print(f"{'size':>8} {'count':>6} {'method':<13} {'write MB/s':>10} {'blobs/s':>9} {'read MB/s':>10}")
    try:
        for label, size, count in CASES:
            count = max(1, int(count * args.scale))
            blobs = []
            for i in range(count):
                data = os.urandom(64) + bytes(size - 64) if size > 64 else os.urandom(size)
                data = i.to_bytes(8, "big") + data[8:]
                blobs.append((hashlib.sha256(data).hexdigest(), data))
            total = size * count
            for name, (write, read) in writers.items():
                root = base / f"{name}-{size}"
                seconds = _time(lambda w=write, r=root, b=blobs: w(r, b))
                _drop_caches_best_effort()
                read_seconds = _time(lambda f=read, r=root, b=blobs: f(r, b))
                print(
                    f"{label:>8} {count:>6} {name:<13} {total / seconds / 1e6:>10.1f} "
                    f"{count / seconds:>9.0f} {total / read_seconds / 1e6:>10.1f}"
                )
                shutil.rmtree(root)
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
