"""Protecting a library: converting it in place, unlocking, the passphrases, the panic.

Converting (`protect`) is crash-safe the way an import is: everything new is
written beside the library, in `protecting/` (the wrapped key, the catalog
exported by SQLCipher, every blob file sealed under its new name, the index's
files sealed), and fsynced; then one rename, of `protecting/library.key` to
`library.key`, is the commit. Before it the library is the old one (and
`recover` removes `protecting/`); after it, the protected one: `recover`
moves each new part in place of the old (each move is idempotent) and
removes the old ones, overwritten first (`shred`). `recover` needs no
passphrase and runs at every writable open, so a kill at any step leaves a
library that opens with the old state or with the new passphrase, never neither.

Changing a passphrase or the duress passphrase re-wraps the key only: one
atomic write of `library.key`. The panic destroys `library.key` (vault.destroy),
then removes the rest; a duress passphrase does the same silently and leaves a
small protected library holding the welcome bundle in its place.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bundles import faults
from bundles.durable import fsync_dir, fsync_file, write_synced

from .errors import LibraryError, VaultError
from .lock import LibraryLock
from .paths import LibraryPaths
from .sealing import Sealing
from .vault import DataKey, Kdf, KeyFile, destroy, new_kdf
from .welcome import welcome_bundle

WELCOME = welcome_bundle()  # the source tree's, the standalone build's, or an install's
CATALOG_FILES = ("library.sqlite3", "library.sqlite3-wal", "library.sqlite3-shm")


def is_protected(paths: LibraryPaths) -> bool:
    """A key file is there (or a finished conversion's, still to be moved in)."""
    return paths.key.exists()


def require_protected(paths: LibraryPaths) -> None:
    """Refuse a passphrase for a library with no key file: its key is gone (a panic)
    or it never had one, and writing there would leave readable text where the
    caller expects none."""
    if not is_protected(paths):
        raise VaultError("this library is not protected (it has no key file); "
                         "nothing was done", path=str(paths.root), hint="")


def needs_recovery(paths: LibraryPaths) -> bool:
    return paths.protecting.exists() or paths.discarding.exists()


# -- unlocking ------------------------------------------------------------------------


@dataclass(frozen=True)
class Unlocked:
    key: DataKey
    duress: bool  # the duress passphrase opened it: the real library is gone


def unlock(paths: LibraryPaths, passphrase: bytes, *, lock_held: bool,
           welcome: Path | None = WELCOME) -> Unlocked:
    """The data key for `passphrase`; `WrongPassphrase` when it opens nothing.

    The duress passphrase destroys the key at once, then (under the library's
    lock) removes the library and makes a small protected one in its place,
    holding the welcome bundle, whose key it returns: to whoever typed it, the
    library opened.
    """
    opened = KeyFile.read(paths.key).open(passphrase, paths.key)
    if opened.key is not None:
        return Unlocked(opened.key, duress=False)
    destroy(paths.key)
    lock = None if lock_held else LibraryLock(paths.lock)
    if lock is not None:
        lock.acquire()
    try:
        remove_library_files(paths)
        key = create_key(paths, passphrase)
        if welcome is not None and welcome.is_file():
            _import_quietly(paths, key, welcome)
    finally:
        if lock is not None:
            lock.release()
    return Unlocked(key, duress=True)


def _import_quietly(paths: LibraryPaths, key: DataKey, welcome: Path) -> None:
    from .library import Library  # the library is built on this module

    library = Library.assemble(paths, key, lock=None)
    try:
        library.import_paths([welcome])
    finally:
        library.close()


def create_key(paths: LibraryPaths, passphrase: bytes, *, kdf: Kdf | None = None,
               duress: bytes | None = None, where: Path | None = None) -> DataKey:
    """A new data key, wrapped under `passphrase`, written to `where` (library.key)."""
    key = DataKey.generate()
    KeyFile.wrap(kdf or new_kdf(), passphrase, key, duress).write(where or paths.key)
    return key


# -- the passphrases ------------------------------------------------------------------


def change_passphrase(paths: LibraryPaths, old: bytes, new: bytes) -> None:
    """Re-wrap the data key under `new`; the duress passphrase stays as it was."""
    file = KeyFile.read(paths.key)
    file.rewrap(old, new).write(paths.key)


def set_duress(paths: LibraryPaths, passphrase: bytes, duress: bytes | None) -> None:
    """Set (or with None, clear) the duress passphrase; `passphrase` is the library's."""
    if duress is not None and duress == passphrase:
        raise VaultError("the duress passphrase must differ from the library's")
    file = KeyFile.read(paths.key)
    file.rewrap(passphrase, None, duress).write(paths.key)


# -- the panic --------------------------------------------------------------------------


@dataclass(frozen=True)
class PanicResult:
    had_key: bool
    key_seconds: float  # until the key file was overwritten, synced and removed
    total_seconds: float


def destroy_key(paths: LibraryPaths) -> bool:
    """The panic's first step: the key file (and a conversion's, if one is under way)."""
    had_key = destroy(paths.key)
    with contextlib.suppress(OSError):
        destroy(paths.protecting / paths.key.name)
    return had_key


def panic(paths: LibraryPaths, *, remove_rest: bool = True) -> PanicResult:
    """Destroy the wrapped key first (needs no passphrase, nor the lock), then remove the
    library's other files (ciphertext without its key: noise)."""
    start = time.perf_counter()
    had_key = destroy_key(paths)
    key_seconds = time.perf_counter() - start
    if remove_rest:
        remove_library_files(paths)
    return PanicResult(had_key, key_seconds, time.perf_counter() - start)


def remove_library_files(paths: LibraryPaths) -> None:
    """Remove everything in the library folder but its lock file."""
    if not paths.root.is_dir():
        return
    for entry in paths.root.iterdir():
        if entry == paths.lock:
            continue
        _remove(entry)
    fsync_dir(paths.root)


# -- converting in place --------------------------------------------------------------


def protect(paths: LibraryPaths, passphrase: bytes, *, kdf: Kdf | None = None,
            on_step: Callable[[str, int, int], None] | None = None) -> None:
    """Convert the unprotected library at `paths` in place (see the module's text).

    The caller holds the library's lock and has no catalog open.
    """
    recover(paths)
    if is_protected(paths):
        raise VaultError("this library is already protected", path=str(paths.root))
    from .catalog import Catalog

    # Migrate and fold the WAL in, so the catalog is one current file to export.
    Catalog.open(paths.catalog, backups=paths.backups).close()
    pending = paths.protecting
    pending.mkdir()
    key = create_key(paths, passphrase, kdf=kdf, where=pending / paths.key.name)
    sealing = Sealing(key)
    try:
        faults.hit("protect-key")
        _export_catalog(paths.catalog, pending / paths.catalog.name, sealing.catalog_key)
        faults.hit("protect-catalog")
        _seal_store(paths, pending, sealing, on_step)
        faults.hit("protect-store")
        _seal_index(paths.index, pending / paths.index.name, sealing.index_key)
        faults.hit("protect-index")
        fsync_dir(pending)
        os.replace(pending / paths.key.name, paths.key)  # the commit
        fsync_dir(paths.root)
        faults.hit("protect-commit")
    finally:
        sealing.close()
        key.wipe()
    recover(paths)


def recover(paths: LibraryPaths) -> None:
    """Finish (after the commit) or undo (before it) a conversion a crash interrupted,
    then shred what a finished one replaced. The caller holds the library's lock."""
    pending = paths.protecting
    if pending.exists():
        if not paths.key.exists():  # before the commit: the library is the old one
            destroy(pending / paths.key.name)
            _remove(pending)
            fsync_dir(paths.root)
        else:
            _move_in(paths, pending)
    if paths.discarding.exists():
        shred(paths.discarding)
        fsync_dir(paths.root)


def _move_in(paths: LibraryPaths, pending: Path) -> None:
    """After the commit: each old part to `discarding/`, each new one in its place.
    Every step checks what is where, so running it again after a crash goes on."""
    old = paths.discarding
    old.mkdir(exist_ok=True)
    # The old plain catalog files and every plain copy of them go first: SQLite must
    # never find the old WAL beside the new catalog.
    plain = [paths.root / name for name in CATALOG_FILES]
    plain += [paths.backups, paths.quarantine, paths.staging]
    if (pending / paths.catalog.name).exists():
        for item in plain:
            if item.exists():
                os.replace(item, old / item.name)
        fsync_dir(old)
        fsync_dir(paths.root)
        faults.hit("protect-move-catalog")
        os.replace(pending / paths.catalog.name, paths.catalog)
        fsync_dir(paths.root)
    for part in (paths.store, paths.index):
        new = pending / part.name
        if not new.exists():
            continue
        if part.exists():
            os.replace(part, old / part.name)
            fsync_dir(paths.root)
        faults.hit("protect-move-part")
        os.replace(new, part)
        fsync_dir(paths.root)
    _remove(pending)
    fsync_dir(paths.root)


def _export_catalog(plain: Path, target: Path, key: bytes) -> None:
    """SQLCipher's own export: every table, index and the schema version, encrypted."""
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(str(plain), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute(f"ATTACH DATABASE ? AS sealed KEY \"x'{key.hex()}'\"", (str(target),))
        conn.execute("SELECT sqlcipher_export('sealed')")
        conn.execute(f"PRAGMA sealed.user_version = {version}")
        conn.execute("DETACH DATABASE sealed")
    finally:
        conn.close()
    fsync_file(target)


def _seal_store(paths: LibraryPaths, pending: Path, sealing: Sealing,
                on_step: Callable[[str, int, int], None] | None) -> None:
    from .catalog import connect

    conn = connect(f"{paths.catalog.as_uri()}?mode=ro", None, uri=True)
    try:
        names = [row[0] for row in conn.execute("SELECT sha256 FROM blobs WHERE in_file = 1")]
    finally:
        conn.close()
    root = pending / paths.store.name
    root.mkdir()
    folders: set[Path] = set()
    for n, sha256 in enumerate(names):
        source = paths.store / sha256[:2] / sha256[2:]
        try:
            data = source.read_bytes()
        except FileNotFoundError:
            continue  # `check` reports it as missing, as it would have before
        name = sealing.file_name(sha256)
        target = root / name[:2] / name[2:]
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        write_synced(target, sealing.seal_blob(sha256, data))
        faults.hit("protect-blob")
        if on_step:
            on_step("store", n + 1, len(names))
    for folder in [*folders, root]:
        fsync_dir(folder)


def _seal_index(plain: Path, target: Path, key: bytes) -> None:
    """The index, sealed file by file; a library without one gets it rebuilt."""
    try:
        from index.sealed import seal_folder
    except ImportError:  # an index without sealed storage: rebuilt at the next open
        target.mkdir(exist_ok=True)
        return
    if plain.is_dir():
        seal_folder(plain, target, key)
    target.mkdir(exist_ok=True)


# -- files ----------------------------------------------------------------------------


def shred(path: Path) -> None:
    """Overwrite every file under `path` with zeros, fsync, then remove it all.

    Best effort against a plain reading of the disk; flash wear-levelling and
    copy-on-write file systems may keep old blocks (docs/security.md)."""
    for file in _files(path):
        with contextlib.suppress(OSError):
            size = file.stat().st_size
            with open(file, "r+b") as handle:
                remaining = size
                block = bytes(min(remaining, 1 << 20))
                while remaining > 0:
                    handle.write(block[:remaining])
                    remaining -= len(block)
                handle.flush()
                os.fsync(handle.fileno())
    _remove(path)


def _files(path: Path) -> Iterator[Path]:
    if path.is_file() and not path.is_symlink():
        yield path
    elif path.is_dir() and not path.is_symlink():
        for root, _dirs, names in os.walk(path):
            for name in names:
                yield Path(root) / name


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def check_not_protecting(paths: LibraryPaths) -> None:
    if needs_recovery(paths):
        raise LibraryError("a protection of this library was interrupted; open it once for "
                           "writing to finish it", path=str(paths.root))
