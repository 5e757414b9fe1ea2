"""Index file storage: durable writes, positional reads.

Whoosh writes a commit's segment files, then a new table of contents (TOC)
under a temporary name, then renames it into place; but it never fsyncs, so
after a power cut the TOC may name segment files whose bytes never reached the
disk. `DurableStorage` fsyncs every file it writes when Whoosh closes it, and
the directory around the TOC rename, so a TOC on disk always names complete
files (our own small files use `bundles.durable.write_atomically`).

Reads are `os.pread` calls (`PositionalFile`): Whoosh's files seek and read,
which threads reading one file at once would interleave. A memory map was
slightly faster but made the process hold every page searches had touched
(130 MB after the bench's queries at 100,000 articles).
"""

from __future__ import annotations

import os
import threading
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

from bundles.durable import fsync_dir


def _fsync_on_close(sfile: StructFile) -> None:
    sfile.file.flush()
    os.fsync(sfile.file.fileno())


class PositionalFile(StructFile):
    """A file read at positions with one system call each (`os.pread`): no
    seek position shared by threads reading it at once, and none of its pages
    counted in this process's memory, as a memory map's are."""

    def __init__(self, fileobj: Any, **kwargs: Any):
        super().__init__(fileobj, **kwargs)
        self.descriptor = fileobj.fileno()
        self.turn = threading.Lock()  # where there is no pread (Windows)

    def get(self, position: int, length: int) -> bytes:
        data: bytes
        if _PREAD is not None:
            data = _PREAD(self.descriptor, length, position)
            return data
        with self.turn:
            self.file.seek(position)
            data = self.file.read(length)
        return data


_PREAD = getattr(os, "pread", None)


class DurableStorage(FileStorage):
    """A Whoosh FileStorage whose files are on disk before the TOC names them."""

    def create_file(self, name: str, excl: bool = False, mode: str = "wb",
                    **kwargs: Any) -> StructFile:
        sfile = super().create_file(name, excl=excl, mode=mode, **kwargs)
        sfile.onclose = _fsync_on_close
        return sfile

    def rename_file(self, oldname: str, newname: str, safe: bool = False) -> None:
        # Whoosh renames only to publish a new TOC: its segment files' names
        # must be durable before it, and the new name after it.
        fsync_dir(self.folder)
        super().rename_file(oldname, newname, safe=safe)
        fsync_dir(self.folder)

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        return PositionalFile(open(os.path.join(self.folder, name), "rb"), name=name, **kwargs)

    def temp_storage(self, name: str | None = None) -> FileStorage:
        # Scratch files (sort runs) die with the writer: no fsync needed.
        return FileStorage(self.folder).temp_storage(name)
