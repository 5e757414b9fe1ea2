"""Whoosh's W3 codec with posting blocks stored as raw arrays.

W3 pickles each block of up to 128 postings as a tuple of Python objects (ids,
weights, and one bytes object per posting for positions) and zlib-compresses
it; reading back a common word's postings unpickles hundreds of thousands of
objects, most of them positions a plain word query never looks at. Here a
block is:

    size of A: u32 | A: flags u8, ids: u16[n] in segments of at most 65,536
                        documents, else u32[n] (the segment's docnums, not deltas),
                        weights: none (all 1.0) | f32[n]
                   | B: value lengths u32[n], values (formats with values only)

little-endian. A is never compressed and holds no deltas or scale factors: it
comes back with two `array.frombytes` calls, in C, about a microsecond a block
(`ArrayLeafMatcher.block_arrays`); one segment's blocks all have one id width,
so a term's ids stay one array per segment. Codec 3 stored id deltas and
weights as one float and a byte multiple (3 bytes a posting fewer), but
undoing them cost 40 microseconds of Python a block, which for a common word
in a 100,000-article library was most of a query. B (positions) is compressed
(`zlib.decompress` costs tens of microseconds a call whatever the size), and
inflated only when a phrase asks for it.

Two more changes to W3: posting lists of fewer than `INLINE` postings are
stored inside the term's entry in the term dictionary, as W3 meant to (its
writer calls a misspelled `set_inline`, so it never does); and the writer
takes one term's postings at once (`add_term`), not one call per posting.

The block header (count, last id, max weight, compression, length bytes) is
W3's, so block-max skipping and every other W3 reader path work unchanged.
The codec object is pickled into each segment's entry in the TOC; a change of
block format changes `CODEC_ID`, so an index written by another format is
rebuilt (`index.store`), never misread.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, chain
from typing import Any
from zlib import crc32

from whoosh.codec.whoosh3 import (
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
    W3PostingsWriter,
    W3TermInfo,
)
from whoosh.compat import dumps
from whoosh.filedb.filetables import HashWriter, OrderedHashWriter
from whoosh.filedb.filetables import _lengths as _KV_LENGTHS
from whoosh.matching import ListMatcher
from whoosh.system import _INT_SIZE as _UINT
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort, unpack_uint
from whoosh.util.numeric import length_to_byte
from whoosh.util.numlists import GrowableArray

# Bump when the on-disk block format changes: older indexes then need a rebuild.
CODEC_ID = "satchel-codec-5"
BLOCK = 128
INLINE = 4
COMPRESS_MIN = 96
COMPRESSION = 1
_ALL_ONES, _VALUES, _SHORT_IDS = 1, 2, 4
SHORT_ID_DOCS = 1 << 16  # segments this small store ids as u16
_SWAP = sys.byteorder == "big"  # blocks are little-endian on disk
_TERMINFO = W3TermInfo._struct
_CRC32_HASH = 1  # whoosh.filedb.filetables._hash_functions[1]
_FLOAT32 = struct.Struct("f")  # how weights are stored: rounds as array("f") does
_PICKLE_PROTOCOL = 5  # pinned, so the same postings give the same bytes on any Python


def _to_bytes(values: array[Any]) -> bytes:
    if _SWAP:
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _from_bytes(typecode: str, data: bytes | memoryview) -> array[Any]:
    out = array(typecode)
    out.frombytes(data)
    if _SWAP:
        out.byteswap()
    return out


class SatchelCodec(W3Codec):
    """W3 with array blocks, working inlining and whole-term writes."""

    def __init__(self) -> None:
        super().__init__(blocklimit=BLOCK, compression=COMPRESSION, inlinelimit=INLINE)

    def field_writer(self, storage: Any, segment: Any) -> SatchelFieldWriter:
        return SatchelFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        if byteids:  # term vectors (unused here) keep W3's format
            return super().postings_writer(dbfile, byteids)
        return ArrayPostingsWriter(dbfile, blocklimit=BLOCK, compression=COMPRESSION,
                                   inlinelimit=INLINE)

    def postings_reader(self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None,
                        scorer: Any = None) -> Any:
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return ListMatcher(ids, weights, values, format_, scorer=scorer, term=term,
                               terminfo=terminfo)
        offset, length = terminfo.extent()
        return ArrayLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class ArrayPostingsWriter(W3PostingsWriter):
    _terminfo: Any  # W3's term info under construction (Whoosh has no types)

    def finish_postings(self) -> Any:
        terminfo = self._terminfo
        if not self.written() and len(self) < self._inlinelimit:
            terminfo.add_block(self)
            terminfo.set_inlined(self._ids, self._weights, self._values)
        else:
            if self._ids:
                self._write_block(last=True)
            terminfo.set_extent(self._startoffset, self._postfile.tell() - self._startoffset)
        self._terminfo = None
        return terminfo

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        self._postfile.write(encode_block(
            self._ids, self._weights, self._values, self._format, self._compression,
            self._minlength, self._maxlength, self._maxweight, last,
        ))
        self._blockcount += 1
        self._new_block()


def encode_block(ids: Sequence[int], weights: Sequence[float], values: Sequence[bytes | None],
                 format_: Any,
                 compression: int, minlength: int | None, maxlength: int, maxweight: float,
                 last: bool, short_ids: bool = False) -> bytes:
    """One block of postings as it goes into the postings file: its signed size
    (negative for a term's last block), W3's pickled block header, then the data."""
    flags = _SHORT_IDS if short_ids else 0
    head = [_to_bytes(array("H" if short_ids else "I", ids))]
    if all(w == 1.0 for w in weights):
        flags |= _ALL_ONES
    else:
        head.append(_to_bytes(array("f", weights)))
    tail = b""
    fixed = format_.fixed_value_size()
    if fixed is None or fixed < 0:
        flags |= _VALUES
        present = [v or b"" for v in values]
        tail = _to_bytes(array("I", map(len, present))) + b"".join(present)
    section_a = bytes((flags,)) + b"".join(head)
    comp = compression if len(tail) >= COMPRESS_MIN else 0
    if comp:
        tail = zlib.compress(tail, comp)
    data = pack_uint(len(section_a)) + section_a + tail
    info = dumps((len(ids), ids[-1], maxweight, comp,
                  length_byte(minlength), length_byte(maxlength)), 2)
    size = len(info) + len(data)
    block: bytes = pack_int(-size if last else size) + info + data
    return block


class ArrayLeafMatcher(W3LeafMatcher):
    """Reads `ArrayPostingsWriter` blocks; positions decoded only on demand."""

    # This block's (ids, weights or None for all 1.0, packed values), once read.
    _data: tuple[array[int], array[float] | None, bytes | None] | None

    def _read_data(self) -> None:
        data = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        size_a = unpack_uint(data[:_UINT])[0]
        section_a = data[_UINT : _UINT + size_a]
        count = self._blocklength
        flags = section_a[0]
        width = 2 if flags & _SHORT_IDS else 4
        end = 1 + width * count
        ids = _from_bytes("H" if width == 2 else "I", section_a[1:end])
        weights = None if flags & _ALL_ONES else _from_bytes("f", section_a[end : end + 4 * count])
        # Values stay packed (and compressed) until a phrase asks for them.
        tail = data[_UINT + size_a :] if flags & _VALUES else None
        self._data = (ids, weights, tail)

    def _block(self) -> tuple[array[int], array[float] | None, bytes | None]:
        if self._data is None:
            self._read_data()
        assert self._data is not None
        return self._data

    def block_arrays(self) -> tuple[array[int], array[float] | None]:
        """This block's ids and weights (None: all 1.0), without its values."""
        ids, weights, _ = self._block()
        return ids, weights

    def _read_ids(self) -> None:
        self._ids = self._block()[0]

    def _read_weights(self) -> None:
        weights = self._block()[1]
        self._weights = weights if weights is not None else array("f", [1.0]) * self._blocklength

    def values_at(self, indices: list[int]) -> list[bytes | None]:
        """The values (positions) of this block's postings at `indices` only."""
        tail = self._block()[2]
        if tail is None:
            return [b""] * len(indices)
        if self._compression:
            tail = zlib.decompress(tail)
        count = self._blocklength
        ends = list(accumulate(_from_bytes("I", tail[: 4 * count]), initial=4 * count))
        return [tail[ends[k] : ends[k + 1]] for k in indices]

    def _read_values(self) -> None:
        tail = self._block()[2]
        if tail is None:
            self._values = (None,) * self._blocklength
            return
        if self._compression:
            tail = zlib.decompress(tail)
        count = self._blocklength
        lengths = _from_bytes("I", tail[: 4 * count])
        pos = 4 * count
        out = []
        for n in lengths:
            out.append(tail[pos : pos + n])
            pos += n
        self._values = tuple(out)


def inlined_terminfo(ids: Sequence[int], weights: Sequence[float], values: Sequence[bytes | None],
                     lengths: Sequence[int] | None) -> bytes:
    """What `W3TermInfo.to_bytes()` gives for a term whose postings are inlined,
    packed directly: most terms of a segment are rare, and building a TermInfo
    object for each was a tenth of a commit. The postings are pickled with
    protocol 5, not W3's 2, which pickles each bytes value as a call to
    `_codecs.encode`: a third of the time to write and to read, half the bytes;
    `W3TermInfo.from_bytes` reads either (`pickle.loads` takes any protocol)."""
    if len(ids) == 1:  # most rare terms: the same, with less arithmetic
        weight = _FLOAT32.unpack(_FLOAT32.pack(weights[0]))[0]
        length = lengths[0] if lengths else 0
        byte = length_byte(length) if length else 0
        one: bytes = _TERMINFO.pack(1, weight, 1, byte, byte, weight, ids[0], ids[0]) + dumps(
            (tuple(ids), (weight,), tuple(values)), _PICKLE_PROTOCOL)
        return one
    weights = tuple(array("f", weights))  # rounded to float32, as the postings are
    known = [n for n in lengths if n] if lengths is not None else []
    many: bytes = _TERMINFO.pack(
        1, sum(weights), len(ids), length_byte(min(known)) if known else 0,
        length_byte(max(known)) if known else 0, max(weights), ids[0], ids[-1],
    ) + dumps((tuple(ids), weights, tuple(values)), _PICKLE_PROTOCOL)
    return many


_LENGTH_BYTES: dict[int | None, int] = {}


def length_byte(length: int | None) -> int:
    """`length_to_byte`, remembered: it bisects a table in Python, and a
    segment asks it for the same few hundred lengths once per term."""
    found = _LENGTH_BYTES.get(length)
    if found is None:
        found = length_to_byte(length)
        if len(_LENGTH_BYTES) < 65_536:
            _LENGTH_BYTES[length] = found
    return found


class _TermIndex(OrderedHashWriter):
    """Whoosh's term dictionary writer, keeping count of its own position
    (`BufferedWriter.tell()` is an lseek system call, and W3 made two for each
    term), and hashing keys with CRC-32 instead of MD5 as a hex string: the
    file records which, and Whoosh's reader takes either. The hash tables and
    the ordered index are built at the end from each entry's key and position,
    and each table is written in one piece: the same bytes as `HashWriter` and
    `OrderedHashWriter` write, with no Python call per entry while adding."""

    def __init__(self, dbfile: Any):
        HashWriter.__init__(self, dbfile, hashtype=_CRC32_HASH)
        self.index = GrowableArray("H")  # filled in `_write_hashes`
        self.lastkey = b""
        self._pos = dbfile.tell()
        self._keys: list[bytes] = []
        self._offsets: list[int] = []
        # Entries are gathered and written in pieces of about 64 KB: one write
        # call per term was a twentieth of writing a segment.
        self._pending: list[bytes] = []
        self._pending_bytes = 0

    def add(self, key: bytes, value: bytes) -> None:
        if key <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{key!r}")
        entry = _KV_LENGTHS.pack(len(key), len(value)) + key + value
        self._pending.append(entry)
        self._pending_bytes += len(entry)
        if self._pending_bytes >= 65_536:
            self._write_pending()
        self._keys.append(key)
        self._offsets.append(self._pos)
        self._pos += len(entry)
        self.lastkey = key

    def _write_pending(self) -> None:
        self.dbfile.write(b"".join(self._pending))
        self._pending.clear()
        self._pending_bytes = 0

    def _write_hashes(self) -> None:
        """`HashWriter._write_hashes`: 256 open-addressing tables of (hash, position)."""
        buckets = self.buckets
        for key, pos in zip(self._keys, self._offsets, strict=True):
            h = crc32(key)  # crc_hash: unsigned 32 bits on every Python 3
            buckets[h & 255].append((h, pos))
        if self._offsets and self._offsets[-1] >= 1 << 16:
            self.index._retype(self._offsets[-1])  # the type `append` would end with
        self.index.array.extend(self._offsets)
        dbfile = self.dbfile
        null = (0, 0)
        for entries in buckets:
            numslots = 2 * len(entries)
            self.directory.append((dbfile.tell(), numslots))
            table = [null] * numslots
            for h, pos in entries:
                slot = (h >> 8) % numslots
                while table[slot] != null:
                    slot = (slot + 1) % numslots
                table[slot] = (h, pos)
            if table:
                dbfile.write(struct.pack("!" + "Iq" * numslots, *chain.from_iterable(table)))

    def close(self) -> Any:
        self._write_pending()  # before the hash tables that point into the entries
        return super().close()


ValuesAt = Callable[[list[int]], list[bytes | None]]
Block = tuple["array[int]", "array[float]", ValuesAt]


def posting_blocks(matcher: Any, keep: Callable[[int, int], bool] | None = None
                   ) -> Iterator[Block]:
    """(ids, weights, values_at) per posting block of one term's matcher, ids the
    segment's own. With `keep(previous_max, block_max)`, only the blocks it
    accepts are decoded; the others are skipped unread. `values_at(indices)`
    reads those postings' values (positions), valid until the next block.
    Another codec's matcher is read posting by posting, as one block."""
    if not isinstance(matcher, ArrayLeafMatcher):
        ids, weights, values = array("I"), array("f"), list[bytes | None]()
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            values.append(matcher.value())
            matcher.next()
        yield ids, weights, lambda indices: [values[k] for k in indices]
        return
    previous_max = -1
    while True:
        block_max = matcher._maxid
        if keep is None or keep(previous_max, block_max):
            block_ids, block_weights = matcher.block_arrays()
            if block_weights is None:
                block_weights = array("f", [1.0]) * len(block_ids)
            yield block_ids, block_weights, matcher.values_at
        if matcher._lastblock:
            return
        previous_max = block_max
        matcher._goto(matcher._nextoffset)


def all_postings(matcher: Any) -> tuple[list[int], list[float], list[bytes | None]]:
    """Every posting of one term's matcher, a block at a time (merging reads
    whole segments: posting by posting through the matcher interface cost
    about 3 us each)."""
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes | None] = []
    for block_ids, block_weights, values_at in posting_blocks(matcher):
        ids.extend(block_ids)
        weights.extend(block_weights)
        values.extend(values_at(list(range(len(block_ids)))))
    return ids, weights, values


class SatchelFieldWriter(W3FieldWriter):
    def __init__(self, codec: Any, storage: Any, segment: Any):
        # W3FieldWriter.__init__, with `_TermIndex` for the term dictionary.
        self._codec = codec
        self._storage = storage
        self._segment = segment
        self._fieldname = None
        self._fieldid = None
        self._btext = None
        self._fieldobj = None
        self._format = None
        self._tindex = _TermIndex(self._create_file(W3Codec.TERMS_EXT))
        self._fieldmap: dict[str, Any] = {}
        self._tindex.extras["fieldmap"] = self._fieldmap
        self._postfile = self._create_file(W3Codec.POSTS_EXT)
        self._postwriter: Any = None  # W3's, or ours: set per field by Whoosh
        self._infield = False
        self.is_closed = False
        # Set by the segment's writer when it knows the segment's size.
        self.short_ids = False

    def add_term(self, btext: bytes, ids: Sequence[int], weights: Sequence[float],
                 values: Sequence[bytes | None], lengths: Sequence[int] | None) -> None:
        """Write one term of the current field: all its postings at once."""
        if len(ids) < INLINE and isinstance(self._postwriter, ArrayPostingsWriter):
            # Most terms of a segment are rare: straight into the dictionary.
            self._tindex.add(pack_ushort(self._fieldid) + btext,
                             inlined_terminfo(ids, weights, values, lengths))
            return
        writer = self._postwriter
        if isinstance(writer, ArrayPostingsWriter):
            self._tindex.add(pack_ushort(self._fieldid) + btext,
                             self._write_postings(writer, ids, weights, values, lengths))
            return
        self.start_term(btext)  # another codec's writer: posting by posting
        for i, docnum in enumerate(ids):
            writer.add_posting(docnum, weights[i], values[i] or b"",
                               lengths[i] if lengths is not None else None)
        self.finish_term()

    def add_terms(self, terms: Iterable[tuple[bytes, list[tuple[int, float, bytes]]]],
                  column: list[int]) -> None:
        """Write the current field's terms in order, each with its postings
        (docnum, weight, value) in docnum order; `column` is each document's
        length of the field (empty: unscored)."""
        for tbytes, posts in terms:
            ids, weights, values = zip(*posts, strict=True)
            self.add_term(tbytes, ids, weights, values,
                          [column[d] for d in ids] if column else None)

    def _write_postings(self, writer: ArrayPostingsWriter, ids: Sequence[int],
                        weights: Sequence[float], values: Sequence[bytes | None],
                        lengths: Sequence[int] | None) -> bytes:
        """Write one term's blocks in one call; return its term info bytes (what
        `start_term` .. `finish_term` would give, without a TermInfo object and
        the two position look-ups per term)."""
        start = self._postfile.tell()
        pieces = [WHOOSH3_HEADER_MAGIC]
        total = maxweight = 0.0
        minlength: int | None = None
        maxlength = 0
        count = len(ids)
        for first in range(0, count, BLOCK):
            end = first + BLOCK
            block_weights = array("f", weights[first:end])
            known = [n for n in lengths[first:end] if n] if lengths is not None else []
            low, high = (min(known), max(known)) if known else (None, 0)
            top = max(block_weights)
            pieces.append(encode_block(
                ids[first:end], block_weights, values[first:end], self._format,
                writer._compression, low, high, top, end >= count, self.short_ids,
            ))
            total += sum(block_weights)  # summed block by block, as W3TermInfo does
            maxweight = max(maxweight, top)
            maxlength = max(maxlength, high)
            if low is not None:
                minlength = low if minlength is None else min(minlength, low)
        data = b"".join(pieces)
        self._postfile.write(data)
        info: bytes = _TERMINFO.pack(
            0, total, count, length_byte(minlength) if minlength is not None else 0,
            length_byte(maxlength), maxweight, ids[0], ids[-1],
        ) + pack_long(start) + pack_int(len(data))
        return info
