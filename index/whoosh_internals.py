"""Every use of a private Whoosh name, in one place.

Satchel keeps Whoosh's index layout (TOC, segments, W3 term dictionaries,
column files) and its commit logic, but reads and writes postings with its
own code where that is faster (docs/search.md, "Whoosh"). Doing so relies on
names whoosh-reloaded does not offer as its API: private attributes, private
methods and module constants. They are all here, each with what it relies on,
and nowhere else: `tests/index/test_whoosh_contract.py` has a test per item
that fails with a plain message if an upgrade moves it, and a test that no
other module touches a private Whoosh name. whoosh-reloaded is pinned to the
version they were checked against (pyproject.toml); after an upgrade, run
those tests first.

Besides names, the index relies on Whoosh's on-disk formats, which it writes
and reads itself: the W3 term entry (`TERM_INFO`), the ordered hash file of
the term dictionary (`ENTRY_LENGTHS`, `HASH_SLOT`, `DIRECTORY_ENTRY`,
`CRC32_HASH`), the encoding of positions (`whoosh.formats.Positions`), and
one-byte field lengths (`whoosh.util.numeric.length_to_byte`). And on one
behaviour: a file named after a segment (`Segment.create_file`: the word
list, `index.wordlist`) is deleted with that segment's files after a merge
(`whoosh.index.clean_files`). The contract tests check each.
"""

from __future__ import annotations

import struct
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from whoosh.codec import whoosh3
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb import filetables
from whoosh.index import TOC
from whoosh.writing import SegmentWriter

# -- On-disk formats ------------------------------------------------------------------

# A term's entry in the dictionary starts with its statistics, packed with this
# struct (flags, total weight, doc frequency, min and max length bytes, max
# weight, min and max id); `W3TermInfo.from_bytes` reads it back. Relies on
# `W3TermInfo._struct`.
TERM_INFO = W3TermInfo._struct
# After the statistics: the postings pickled (inlined terms, flags 1), or the
# offset and length of the term's postings in the postings file, packed as
# `pack_long` and `pack_int` pack them. Relies on `W3TermInfo.to_bytes`.
TERM_EXTENT = struct.Struct("!qi")

# The ordered hash file (CDB-like) holding a term dictionary: each entry is its
# key and value lengths, then the key, then the value; 256 hash tables of
# (hash, position) slots; a directory of (position, slot count) per table.
# Relies on `filetables._lengths`, `_pointer` and `_dir_entry`.
ENTRY_LENGTHS = filetables._lengths
HASH_SLOT = filetables._pointer
DIRECTORY_ENTRY = filetables._dir_entry

# The number a hash file records for its hash function; Satchel writes CRC-32
# (the default, MD5 as hex, costs several times as much). Relies on the order
# of `filetables._hash_functions`.
CRC32_HASH = filetables._hash_functions.index(filetables.crc_hash)


def length_column(field: str) -> str:
    """The name of the per-document column holding `field`'s length bytes.
    Relies on `whoosh.codec.whoosh3._lenfield`."""
    name: str = whoosh3._lenfield(field)
    return name


# -- The table of contents ------------------------------------------------------------


def latest_generation(storage: Any, indexname: str) -> int:
    """The newest generation whose TOC file is in `storage` (-1: none), from the
    file names alone: `FileIndex.latest_generation` does the same, but building
    a FileIndex reads and unpickles the TOC, and this runs before every search.
    Relies on `TOC._latest_generation`."""
    generation: int = TOC._latest_generation(storage, indexname)
    return generation


# -- Reading a segment ------------------------------------------------------------------


@dataclass(frozen=True)
class SegmentTerms:
    """A segment's term dictionary and postings file, as its W3 terms reader
    holds them: what bulk prefix scans, merges and look-ups of raw entries
    need. Relies on `SegmentReader._terms` being a `W3TermsReader` and on its
    `_tindex`, `_fieldmap`, `_fieldunmap`, `_keycoder` and `_postfile`."""

    hashfile: Any  # whoosh.filedb.filetables.OrderedHashReader
    field_numbers: dict[str, int]
    field_names: list[str]
    postings_file: Any  # whoosh.filedb.structfile.StructFile
    encode_key: Callable[[str, bytes], bytes]  # (field, term) -> dictionary key


def segment_terms(segreader: Any) -> SegmentTerms | None:
    """The parts of `segreader`'s term dictionary, or None for a reader without
    one (an empty index's)."""
    terms = getattr(segreader, "_terms", None)
    if not isinstance(terms, whoosh3.W3TermsReader):
        return None
    return SegmentTerms(terms._tindex, terms._fieldmap, terms._fieldunmap, terms._postfile,
                        terms._keycoder)


def per_document(segreader: Any) -> Any:
    """The segment's per-document reader (columns, including the length
    columns, which `SegmentReader.column_reader` refuses: they are not schema
    fields). Relies on `SegmentReader._perdoc`."""
    return segreader._perdoc


def fixed_column_bytes(reader: Any) -> bytes | None:
    """The raw bytes of a fixed-width column (`FixedBytesColumn.Reader`, which
    `NumericColumn.Reader` extends): one value after another from the first
    document, the trailing default values omitted. None for another kind of
    column. Relies on the reader's `_dbfile`, `_basepos`, `_fixedlen` and `_count`."""
    if not isinstance(reader, whoosh3.columns.FixedBytesColumn.Reader):
        return None
    raw: bytes = reader._dbfile.get(reader._basepos, reader._count * reader._fixedlen)
    return raw


def numeric_column_format(reader: Any) -> tuple[str, Any] | None:
    """(struct typecode, default value) of a numeric column's reader, or None
    for another kind of column. Values are packed big-endian. Relies on
    `NumericColumn.Reader._typecode` and `_default`."""
    if not isinstance(reader, whoosh3.columns.NumericColumn.Reader):
        return None
    return reader._typecode, reader._default


# -- Writing a segment ------------------------------------------------------------------


class SegmentWriterBase(SegmentWriter):
    """Whoosh's `SegmentWriter`, with the private steps Satchel's writer takes
    over or calls given public names here.

    - It never takes Whoosh's write lock: `index.store` holds it around every
      writer (and parallel workers write beside their parent). Relies on the
      `_lk` argument.
    - Its scratch folder is its own: Whoosh gives every writer of an index the
      same one, and the first to finish deletes it. Relies on `_tempstorage`.
    - `document_added()` records a document added without `add_document`.
      Relies on `_added` (commit writes a segment only when it is set).
    - `flush_segment()` replaces the writing of the segment's terms and
      postings. Relies on `_flush_segment` being that step of `_finalize_segment`.
    - `finish_segment()` writes the segment without publishing it (a parallel
      worker's part). Relies on `_finalize_segment`.
    - `publishing()` and `published()` run around the TOC's publication (crash
      tests stop there). Relies on `_commit_toc`.
    """

    def __init__(self, ix: Any, limitmb: int = 128, **kwargs: Any):
        super().__init__(ix, limitmb=limitmb, _lk=False, **kwargs)
        self._tempstorage = self.storage.temp_storage(f"{self.indexname}.{uuid.uuid4().hex}.tmp")

    @property
    def scratch(self) -> Any:
        """This writer's own temporary storage (sort runs)."""
        return self._tempstorage

    def document_added(self) -> None:
        self._added = True
        self.docnum += 1

    def flush_segment(self) -> None:
        """Write the segment's terms and postings (then its files are closed)."""
        raise NotImplementedError

    def _flush_segment(self) -> None:
        self.flush_segment()

    def finish_segment(self) -> Any:
        """Write this writer's segment and return it, unpublished."""
        segment = self._finalize_segment()
        self._tempstorage.destroy()
        return segment

    def publishing(self) -> None:
        """Called when the segment files are written, before the new TOC."""

    def published(self) -> None:
        """Called when the new TOC is in place."""

    def _commit_toc(self, segments: list[Any]) -> None:
        self.publishing()
        super()._commit_toc(segments)
        self.published()
