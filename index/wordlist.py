"""A segment's word list: each word that is indexed as another term, with it.

The index holds stems (security -> secur, عادلانه -> عادل), so a prefix longer
than a stem (`securi*`, `عادلا*`) meets no term. The word list keeps, per
segment, the normalized words whose term differs from them, with that term:
a prefix is looked up in it too (`SearchContext.unstemmed`), and the terms
found are searched as the prefix's other expansions.

It lives in one file per segment, named after the segment like its other
files, so Whoosh deletes it with them (`whoosh.index.clean_files` removes
every file of a segment the TOC no longer lists); merges carry the lists of
the merged segments into the new one (`LeanWriter.add_postings_to_pool`).

    "SWL1" | entry count u32 | entry offsets u32[count + 1] | entries

little-endian; each entry is the word, 0x1f, the term, in UTF-8, the entries
sorted by their bytes. Writing a list costs a sort of the segment's distinct
words (a few milliseconds for a 1,000-article import); looking a prefix up,
a binary search over the offsets.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Iterable, Iterator
from itertools import accumulate, pairwise
from typing import Any

EXT = ".wrd"
MAGIC = b"SWL1"
_HEAD = struct.Struct("<4sI")
_OFFSET = struct.Struct("<I")
SEP = b"\x1f"
_SCAN = 256  # entries read at a time while a prefix's entries are listed


def write(dbfile: Any, pairs: Iterable[tuple[str, str]]) -> None:
    """Write the (word, term) `pairs` to `dbfile` (a Whoosh StructFile), and close it."""
    entries = sorted({w.encode("utf-8") + SEP + t.encode("utf-8") for w, t in pairs})
    offsets = array("I", accumulate(map(len, entries), initial=0))
    if sys.byteorder == "big":
        offsets.byteswap()
    dbfile.write(_HEAD.pack(MAGIC, len(entries)) + offsets.tobytes() + b"".join(entries))
    dbfile.close()


def _split(entry: bytes) -> tuple[str, str]:
    word, _, term = entry.partition(SEP)
    return word.decode("utf-8"), term.decode("utf-8")


class WordList:
    """One segment's word list, read where it lies (`get` reads of its file)."""

    def __init__(self, dbfile: Any):
        self.file = dbfile
        magic, self.count = _HEAD.unpack(dbfile.get(0, _HEAD.size))
        if magic != MAGIC:
            raise ValueError(f"not a Satchel word list (starts with {magic!r})")
        self.base = _HEAD.size + _OFFSET.size * (self.count + 1)

    @classmethod
    def of(cls, segreader: Any) -> WordList | None:
        """The word list of a Whoosh segment reader's segment, or None (no file)."""
        segment, storage = segreader.segment(), segreader.storage()
        if not storage.file_exists(segment.make_filename(EXT)):
            return None
        return cls(segment.open_file(storage, EXT))

    def _offsets(self, first: int, last: int) -> array[int]:
        """The offsets of entries `first` .. `last` (inclusive: ends too)."""
        found = array("I")
        found.frombytes(self.file.get(_HEAD.size + _OFFSET.size * first,
                                      _OFFSET.size * (last - first + 1)))
        if sys.byteorder == "big":
            found.byteswap()
        return found

    def _entry(self, i: int) -> bytes:
        start, end = self._offsets(i, i + 1)
        entry: bytes = self.file.get(self.base + start, end - start)
        return entry

    def _entries(self, first: int, last: int) -> list[bytes]:
        offsets = self._offsets(first, last)
        blob = self.file.get(self.base + offsets[0], offsets[-1] - offsets[0])
        return [blob[a - offsets[0] : b - offsets[0]]
                for a, b in pairwise(offsets)]

    def prefix(self, prefix: str) -> Iterator[tuple[str, str]]:
        """(word, term) of the words starting with `prefix`, in order."""
        key = prefix.encode("utf-8")
        lo, hi = 0, self.count
        while lo < hi:  # the first entry not below the prefix
            mid = (lo + hi) // 2
            if self._entry(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        while lo < self.count:
            last = min(self.count, lo + _SCAN)
            for entry in self._entries(lo, last):
                if not entry.startswith(key):
                    return
                yield _split(entry)
            lo = last

    def pairs(self) -> Iterator[tuple[str, str]]:
        """Every (word, term), in order."""
        for first in range(0, self.count, _SCAN):
            yield from map(_split, self._entries(first, min(self.count, first + _SCAN)))

    def close(self) -> None:
        self.file.close()
