"""The content-addressed store of verified envelopes and blobs, named by SHA-256.

Each envelope and blob is kept once, however many bundles bring it. Where it
lives was decided by measurement (bench/store.py, docs/performance.md): small
blobs are ~10x faster to write durably as SQLite rows than as files, large ones
~3x faster as files, with the crossover between 64 and 128 KiB. So:

- envelopes (at most 256 KiB, usually ~2 KiB) and blobs up to `INLINE_MAX`
  are rows (`envelopes`, `blob_data`), written inside the import's single
  transaction, so they commit or vanish with it;
- larger blobs (images) are files `store/ab/cdef...`: written to the import's
  staging folder, fsynced, renamed into place before the transaction commits,
  folders fsynced. A crash between rename and commit leaves files no row
  names; `collect_garbage` removes them at the next writable open.

The `blobs` table lists every blob with its size, media type and where it is.
Every read checks the hash, so bit rot is noticed, never served.

In a protected library (`sealing`), blob files are sealed (AES-GCM, padded) and
named by an HMAC of their hash (reader/sealing.py), from staging on: no file of
the store or of an import under way shows its content, its hash or its size.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bundles import faults
from bundles.durable import fsync_dir, write_synced

from .catalog import Catalog
from .errors import BlobMissing, DiskFull
from .paths import LibraryPaths
from .sealing import Sealing

INLINE_MAX = 64 * 1024
DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def disk_full(exc: OSError, where: Path) -> DiskFull | None:
    if exc.errno in DISK_FULL_ERRNOS:
        return DiskFull("the disk is full; nothing was changed", path=str(where))
    return None


def room_error(where: Path, need: int, reserve: int) -> DiskFull | None:
    """Writing `need` more bytes would leave less than `reserve` free (a floor kept for
    the system and the reader's other work, docs/security.md "Budgets")."""
    free = shutil.disk_usage(where).free
    if free - need >= reserve:
        return None
    return DiskFull(f"importing would leave less than {reserve // 2**20} MiB free on this disk "
                    f"({free // 2**20} MiB are free); nothing was changed", path=str(where))


class Store:
    def __init__(self, catalog: Catalog, paths: LibraryPaths, sealing: Sealing | None = None):
        self.catalog = catalog
        self.root = paths.store
        self.staging_root = paths.staging
        self.quarantine = paths.quarantine
        self.sealing = sealing

    def file_name(self, sha256: str) -> str:
        """The blob's file name on disk: its hash, or in a protected library an HMAC of it."""
        return sha256 if self.sealing is None else self.sealing.file_name(sha256)

    def file_path(self, sha256: str) -> Path:
        name = self.file_name(sha256)
        return self.root / name[:2] / name[2:]

    def file_bytes(self, sha256: str, data: bytes) -> bytes:
        """What a blob file holds: the blob, or sealed."""
        return data if self.sealing is None else self.sealing.seal_blob(sha256, data)

    def known_file_names(self) -> set[str]:
        """The name of every blob file the catalog lists."""
        rows = self.catalog.rows("SELECT sha256 FROM blobs WHERE in_file = 1")
        return {self.file_name(r[0]) for r in rows}

    def has(self, sha256: str) -> bool:
        return self.catalog.one("SELECT 1 FROM blobs WHERE sha256 = ?", (sha256,)) is not None

    def read(self, sha256: str) -> bytes:
        """The blob's bytes, checked against its name; `BlobMissing` if absent or damaged."""
        row = self.catalog.one("SELECT in_file FROM blobs WHERE sha256 = ?", (sha256,))
        if row is None:
            raise BlobMissing(f"blob {sha256[:16]}… is not in the library")
        data = self._raw(sha256, bool(row["in_file"]))
        if data is None or hashlib.sha256(data).hexdigest() != sha256:
            raise BlobMissing(f"blob {sha256[:16]}… is missing or damaged in the store")
        return data

    def _raw(self, sha256: str, in_file: bool) -> bytes | None:
        if in_file:
            try:
                data = self.file_path(sha256).read_bytes()
            except FileNotFoundError:
                return None
            if self.sealing is None:
                return data
            # A file that is there but does not open is damaged, not missing.
            opened = self.sealing.open_blob(sha256, data)
            return b"" if opened is None else opened
        inline: bytes | None = self.catalog.scalar(
            "SELECT data FROM blob_data WHERE sha256 = ?", (sha256,))
        return inline

    def envelope(self, sha256: str) -> bytes:
        data = self.catalog.scalar("SELECT data FROM envelopes WHERE sha256 = ?", (sha256,))
        if data is None or hashlib.sha256(data).hexdigest() != sha256:
            raise BlobMissing(f"envelope {sha256[:16]}… is missing or damaged in the store")
        return bytes(data)

    def put_envelope(self, sha256: str, data: bytes) -> bool:
        """Inside a transaction; True when the envelope was new."""
        cursor = self.catalog.conn.execute(
            "INSERT OR IGNORE INTO envelopes (sha256, data) VALUES (?, ?)", (sha256, data)
        )
        return cursor.rowcount > 0

    def drop_envelope(self, sha256: str) -> None:
        """Inside a transaction: forget an envelope no version names any more."""
        self.catalog.conn.execute("DELETE FROM envelopes WHERE sha256 = ? AND sha256 NOT IN "
                                  "(SELECT envelope_sha256 FROM versions)", (sha256,))

    def staging(self, reserve: int = 0) -> Staging:
        return Staging(self, self.staging_root / uuid.uuid4().hex, reserve)

    # -- maintenance -----------------------------------------------------------

    def stored_files(self) -> Iterator[tuple[str, Path]]:
        """(name, path) of every file under store/, well-named or not."""
        if not self.root.is_dir():
            return
        for fan in sorted(self.root.iterdir()):
            if not fan.is_dir():
                yield fan.name, fan
                continue
            for item in sorted(fan.iterdir()):
                yield fan.name + item.name, item

    def collect_garbage(self, *, full: bool = True) -> tuple[int, int]:
        """Remove staging leftovers and files no `blobs` row names. Returns (files, bytes).

        With `full=False` (at open) the store is walked only when an import
        left its staging folder behind: an import creates that folder before
        its first file and removes it last, so a crash that could leave
        unreferenced files in the store always leaves the folder too.
        """
        files = freed = 0
        leftovers = list(self.staging_root.iterdir()) if self.staging_root.is_dir() else []
        if not full and not leftovers:
            return 0, 0
        for item in leftovers:
            files_here, bytes_here = _tree_size(item)
            _remove(item)
            files += files_here
            freed += bytes_here
        known = self.known_file_names()
        for name, path in self.stored_files():
            if name not in known:
                size = path.stat().st_size if path.is_file() else 0
                _remove(path)
                files += 1
                freed += size
        return files, freed

    def move_to_quarantine(self, sha256: str) -> None:
        """Keep a damaged file aside for inspection instead of deleting evidence."""
        path = self.file_path(sha256)
        if path.exists():
            self.quarantine.mkdir(parents=True, exist_ok=True)
            os.replace(path, self.quarantine / self.file_name(sha256))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _tree_size(path: Path) -> tuple[int, int]:
    if path.is_file():
        return 1, path.stat().st_size
    files = size = 0
    for root, _dirs, names in os.walk(path):
        for name in names:
            files += 1
            with contextlib.suppress(OSError):
                size += (Path(root) / name).stat().st_size
    return files, size


@dataclass
class Staging:
    """The new blobs of one import, until they are in the store or discarded.

    Used inside the import's catalog transaction: small blobs go straight to
    `blob_data` (uncommitted), large ones to fsynced files in `folder`.
    """

    store: Store
    folder: Path
    reserve: int = 0  # bytes that must stay free on the library's disk
    sizes: dict[str, int] = field(default_factory=dict)  # new blobs, both kinds
    files: list[str] = field(default_factory=list)  # new blobs staged as files
    published: list[str] = field(default_factory=list)  # of which renamed into the store

    def add(self, sha256: str, data: bytes) -> None:
        """Keep a verified blob unless the store already has it."""
        if sha256 in self.sizes:
            return
        if self.reserve:
            full = room_error(self.store.staging_root.parent, len(data), self.reserve)
            if full is not None:
                raise full
        if len(data) <= INLINE_MAX:
            faults.hit("blob-write", path=self.folder)
            # The insert is the existence test: a `blob_data` row exists exactly when
            # an inline `blobs` row does (both are written and deleted together).
            cursor = self.store.catalog.conn.execute(
                "INSERT OR IGNORE INTO blob_data (sha256, data) VALUES (?, ?)", (sha256, data)
            )
            if cursor.rowcount == 0:
                return
        else:
            if self.store.has(sha256):
                return
            faults.hit("blob-write", path=self.folder)
            self._write_file(sha256, data)
            self.files.append(sha256)
        self.sizes[sha256] = len(data)

    def _write_file(self, sha256: str, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / self.store.file_name(sha256)
        data = self.store.file_bytes(sha256, data)
        try:
            write_synced(path, data, exclusive=True)
        except OSError as exc:
            full = disk_full(exc, self.folder)
            if full is not None:
                raise full from exc
            raise

    def record(self, media_types: dict[str, str]) -> None:
        """Add a `blobs` row for each new blob (inside the transaction).

        The verifier delivers only blobs an article uses; should any other reach
        here, it is dropped, never stored.
        """
        for sha256 in [s for s in self.sizes if s not in media_types]:
            del self.sizes[sha256]
            if sha256 in self.files:
                self.files.remove(sha256)
                (self.folder / self.store.file_name(sha256)).unlink(missing_ok=True)
            else:
                self.store.catalog.conn.execute("DELETE FROM blob_data WHERE sha256 = ?",
                                                (sha256,))
        in_file = set(self.files)
        self.store.catalog.conn.executemany(
            "INSERT INTO blobs (sha256, size, media_type, in_file) VALUES (?, ?, ?, ?)",
            [(sha, size, media_types[sha], int(sha in in_file)) for sha, size in self.sizes.items()],
        )

    def publish(self) -> None:
        """Rename staged files into the store and make the renames durable."""
        touched: set[Path] = set()
        for sha256 in self.files:
            target = self.store.file_path(sha256)
            if not target.parent.is_dir():
                target.parent.mkdir(parents=True, exist_ok=True)
                touched.add(target.parent.parent)
            os.replace(self.folder / self.store.file_name(sha256), target)
            self.published.append(sha256)
            touched.add(target.parent)
            faults.hit("blob-rename")
        for folder in touched:
            fsync_dir(folder)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def retract(self) -> None:
        """After a rollback: remove the files `publish` put in the store (no row names them;
        the store lacked them before, or they would not have been staged)."""
        for sha256 in self.published:
            self.store.file_path(sha256).unlink(missing_ok=True)
        self.published.clear()

    @property
    def new_bytes(self) -> int:
        return sum(self.sizes.values())
