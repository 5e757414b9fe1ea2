"""Sealed index storage: a protected library's index files, encrypted in chunks.

Whoosh reads its files at random positions, so each file is sealed in chunks
of `CHUNK` plaintext bytes, each AES-256-GCM with its own nonce; a chunk's AAD
is the file's random id, the chunk's number and whether it is the last, so
chunks cannot be reordered, moved between files or cut off at the end without
the read failing. A file is

    version (1 byte) | file id (16 bytes) | chunk 0 | chunk 1 | ... | last chunk
    chunk = nonce (12) | ciphertext | tag (16)

Its plaintext length follows from its size (every chunk but the last is
full), so `file_length` needs no read. Decrypted chunks are kept in one cache
per storage bounded in bytes (`CACHE_BYTES`, least recently used out first).
Scratch files (the writer's sorted runs) are sealed the same way: no index
word reaches the disk in the clear. File names are Whoosh's (segment ids and
generation numbers, nothing of the text).
"""

from __future__ import annotations

import io
import os
import secrets
import shutil
import struct
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

from bundles.durable import fsync_dir
from index.durable import DurableStorage

VERSION = 1
CHUNK = 16 * 1024
NONCE, TAG, FILE_ID = 12, 16, 16
HEADER = 1 + FILE_ID
SEALED_CHUNK = NONCE + CHUNK + TAG
CACHE_BYTES = 8 * 1024 * 1024
_AAD = struct.Struct(">16sQB")


class SealedIndexError(OSError):
    """An index file does not open with this key (damaged, cut short, or another's)."""


def plain_length(sealed_size: int) -> int:
    body = sealed_size - HEADER
    if body < NONCE + TAG:
        return 0
    chunks = -(-body // SEALED_CHUNK)
    return body - chunks * (NONCE + TAG)


class _ChunkCache:
    """Decrypted chunks, bounded in bytes, shared by the files of one storage."""

    def __init__(self, limit: int = CACHE_BYTES):
        self.limit = limit
        self._chunks: OrderedDict[tuple[bytes, int], bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[bytes, int]) -> bytes | None:
        with self._lock:
            found = self._chunks.get(key)
            if found is not None:
                self._chunks.move_to_end(key)
            return found

    def put(self, key: tuple[bytes, int], data: bytes) -> None:
        with self._lock:
            if key in self._chunks:
                return
            self._chunks[key] = data
            self._size += len(data)
            while self._size > self.limit and self._chunks:
                _, old = self._chunks.popitem(last=False)
                self._size -= len(old)

    def clear(self) -> None:
        with self._lock:
            self._chunks.clear()
            self._size = 0


class SealedWriter(io.RawIOBase):
    """Writes plaintext as sealed chunks to `handle` (a real file, opened for writing)."""

    def __init__(self, handle: Any, aead: AESGCM, *, durable: bool = True):
        self._handle = handle
        self._aead = aead
        self._durable = durable  # fsync at close, after the last chunk
        self._id = secrets.token_bytes(FILE_ID)
        self._buffer = bytearray()
        self._number = 0
        self._written = 0
        handle.write(bytes([VERSION]) + self._id)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        self._buffer += view
        while len(self._buffer) > CHUNK:  # the last chunk is written by close
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        self._written += len(view)
        return len(view)

    def tell(self) -> int:
        return self._written

    def seek(self, offset: int, whence: int = 0) -> int:
        if (whence == 0 and offset == self._written) or (whence in (1, 2) and offset == 0):
            return self._written
        raise io.UnsupportedOperation("sealed index files are written straight through")

    def _seal(self, plain: bytes, *, last: bool) -> None:
        nonce = secrets.token_bytes(NONCE)
        aad = _AAD.pack(self._id, self._number, last)
        self._handle.write(nonce + self._aead.encrypt(nonce, plain, aad))
        self._number += 1

    def flush(self) -> None:
        if not self._handle.closed:
            self._handle.flush()

    def fileno(self) -> int:
        return int(self._handle.fileno())

    def close(self) -> None:
        if self.closed:
            return
        self._seal(bytes(self._buffer), last=True)
        self._buffer = bytearray()
        self._handle.flush()
        if self._durable:
            os.fsync(self._handle.fileno())
        self._handle.close()
        super().close()


class SealedScratch(SealedWriter):
    """A scratch file written, then read back (Whoosh's column buffer opens its temp
    file "w+b"): writes append sealed chunks; reads decrypt them, or take the tail
    not yet sealed from memory. Never finished with a last chunk: it is deleted."""

    def __init__(self, handle: Any, aead: AESGCM):
        super().__init__(handle, aead, durable=False)
        self._position = 0

    def write(self, data: Any) -> int:
        written = super().write(data)
        self._position = self._written
        return written

    def readable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._position, 2: self._written}[whence]
        self._position = max(0, base + offset)
        return self._position

    def tell(self) -> int:
        return self._position

    def read(self, size: int | None = -1) -> bytes:
        end = self._written if size is None or size < 0 else min(self._written,
                                                                   self._position + size)
        parts = []
        while self._position < end:
            number, start = divmod(self._position, CHUNK)
            if number < self._number:
                self._handle.flush()
                sealed = _pread(self._handle.fileno(), SEALED_CHUNK,
                                HEADER + number * SEALED_CHUNK)
                aad = _AAD.pack(self._id, number, False)
                chunk = self._aead.decrypt(sealed[:NONCE], sealed[NONCE:], aad)
            else:
                chunk = bytes(self._buffer)
            piece = chunk[start:start + end - self._position]
            parts.append(piece)
            self._position += len(piece)
        return b"".join(parts)

    def close(self) -> None:
        if not self.closed:
            self._handle.close()
            io.RawIOBase.close(self)


class SealedReader(io.RawIOBase):
    """Random access to a sealed file's plaintext; `pread` never moves the position."""

    def __init__(self, path: str, aead: AESGCM, cache: _ChunkCache):
        self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        self._aead = aead
        self._cache = cache
        self._path = path
        size = os.fstat(self._fd).st_size
        head = _pread(self._fd, HEADER, 0)
        if len(head) != HEADER or head[0] != VERSION or size < HEADER + NONCE + TAG:
            os.close(self._fd)
            raise SealedIndexError(f"{path}: not a sealed index file")
        self._id = head[1:]
        self.length = plain_length(size)
        self._chunks = -(-(size - HEADER) // SEALED_CHUNK)
        self._position = 0
        self._last: tuple[int, bytes] = (-1, b"")

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._position, 2: self.length}[whence]
        self._position = max(0, base + offset)
        return self._position

    def tell(self) -> int:
        return self._position

    def readinto(self, buffer: Any) -> int:
        data = self.pread(self._position, len(buffer))
        buffer[:len(data)] = data
        self._position += len(data)
        return len(data)

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            size = self.length - self._position
        data = self.pread(self._position, size)
        self._position += len(data)
        return data

    def pread(self, position: int, length: int) -> bytes:
        # The common case, a read inside the chunk read last, costs one slice (a search
        # makes hundreds of thousands of small reads). `_last` is one tuple, replaced
        # whole, so threads reading at once never see a number with another's chunk.
        number, start = divmod(position, CHUNK)
        if start + length <= CHUNK:
            last_number, chunk = self._last
            if last_number != number:
                chunk = self._chunk(number)
                self._last = (number, chunk)
            return chunk[start:start + length]
        end = min(position + length, self.length)
        if position >= end:
            return b""
        parts = [self._chunk(n) for n in range(number, (end - 1) // CHUNK + 1)]
        return b"".join(parts)[start:start + end - position]

    def _chunk(self, number: int) -> bytes:
        key = (self._id, number)
        found = self._cache.get(key)
        if found is not None:
            return found
        sealed = _pread(self._fd, SEALED_CHUNK, HEADER + number * SEALED_CHUNK)
        aad = _AAD.pack(self._id, number, number == self._chunks - 1)
        try:
            plain = self._aead.decrypt(sealed[:NONCE], sealed[NONCE:], aad)
        except Exception as exc:  # InvalidTag, or a chunk cut short
            raise SealedIndexError(f"{self._path}: chunk {number} does not open") from exc
        self._cache.put(key, plain)
        return plain

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


class SealedFile(StructFile):
    """A Whoosh StructFile over a `SealedReader`, with positional reads."""

    def __init__(self, reader: SealedReader, **kwargs: Any):
        super().__init__(reader, **kwargs)
        self.is_real = False  # arrays are read through `read`, not `fromfile`
        self.get = reader.pread  # one call less per read


class SealedStorage(DurableStorage):
    """`DurableStorage` whose files are sealed with `key` (32 bytes)."""

    def __init__(self, path: str, key: bytes, *, durable: bool = True, **kwargs: Any):
        super().__init__(path, **kwargs)
        self._key = key
        self._aead = AESGCM(key)
        self._durable = durable
        self._cache = _ChunkCache()

    def __getstate__(self) -> dict[str, Any]:  # to index workers: no cache, no AEAD object
        state = dict(self.__dict__)
        del state["_aead"], state["_cache"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._aead = AESGCM(self._key)
        self._cache = _ChunkCache()

    def create_file(self, name: str, excl: bool = False, mode: str = "wb",
                    **kwargs: Any) -> StructFile:
        path = os.path.join(self.folder, name)
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        if excl:
            flags |= os.O_EXCL
        if "+" in mode:  # written, then read back before it is deleted
            flags = (flags & ~os.O_WRONLY) | os.O_RDWR
            scratch = SealedScratch(os.fdopen(os.open(path, flags, 0o600), "w+b"), self._aead)
            return StructFile(scratch, name=name, **kwargs)
        handle = os.fdopen(os.open(path, flags, 0o644), "wb")
        writer = SealedWriter(handle, self._aead, durable=self._durable)
        return StructFile(writer, name=name, **kwargs)

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        return SealedFile(SealedReader(os.path.join(self.folder, name), self._aead, self._cache),
                          name=name, **kwargs)

    def file_length(self, name: str) -> int:
        return plain_length(os.path.getsize(os.path.join(self.folder, name)))

    def temp_storage(self, name: str | None = None) -> FileStorage:
        # Scratch files die with the writer (no fsync), but hold every word: sealed too.
        name = name or f"{secrets.token_hex(8)}.tmp"
        folder = os.path.join(self.folder, name)
        storage = SealedStorage(folder, self._key, durable=False)
        storage.create()
        return storage

    def drop_cache(self) -> None:
        self._cache.clear()


def seal_folder(plain: Path, target: Path, key: bytes) -> None:
    """Seal every file of the plain index in `plain` into `target` (made here), fsynced.

    Used by the conversion of a library in place; Whoosh's lock files and
    scratch folders are left behind."""
    target.mkdir(parents=True)
    aead = AESGCM(key)
    for entry in sorted(plain.iterdir()):
        if not entry.is_file() or entry.name.endswith((".lock", ".tmp")):
            continue
        if entry.name.endswith(".json") or entry.name.startswith("satchel-"):
            shutil.copyfile(entry, target / entry.name)  # our own manifest: no text in it
            continue
        with open(entry, "rb") as source, open(target / entry.name, "wb") as handle:
            writer = SealedWriter(handle, aead)
            while block := source.read(1 << 20):
                writer.write(block)
            writer.close()
    fsync_dir(target)


_SEEK_LOCK = threading.Lock()


def _pread(fd: int, length: int, position: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, length, position)
    with _SEEK_LOCK:  # Windows has no pread: one seek and read at a time
        os.lseek(fd, position, os.SEEK_SET)
        return os.read(fd, length)
