"""Satchel's postings format, inside Whoosh's W3 segment layout.

Whoosh's W3 codec pickles each block of up to 128 postings as a tuple of
Python objects (id deltas, weights, one bytes object per posting for its
positions) and compresses it; reading back a common word's postings
unpickles hundreds of thousands of objects, most of them positions a word
query never looks at. Here a term's postings are blocks of plain arrays:

    block := size i32 (of what follows; negative for the term's last block)
             head: count u16, last id u32, max weight f32, flags u8,
                   min and max length bytes u8 u8
             ids: u16[n] (segments of at most 65,536 documents) or u32[n]
             weights: f32[n], absent when all are 1.0
             values: lengths u32[n], then the values (positions), zlib-compressed
                     when large; absent for formats without values

little-endian. Ids and weights come back with `array.frombytes`, in C, about a
microsecond a block; positions are inflated only when a phrase asks. A term's
blocks are contiguous, so they are read in one piece (`SegmentTerms`'s
postings file, `TermPostings`), and blocks that cannot hold a wanted document
are skipped after reading their head.

Around the blocks everything is W3's, so Whoosh's readers read these segments:
the term dictionary is W3's ordered hash file (`TermDictionaryWriter` writes
the same bytes as Whoosh's writer, faster), each entry W3's term info, and
terms with fewer than `INLINE` postings keep them inside their entry (W3
meant to, but its writer calls a misspelled method). `SatchelCodec` is
pickled into each segment's TOC entry; a change of block format changes
`CODEC_ID`, so an index written by another format is rebuilt (`index.store`),
never misread.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, chain
from pickle import dumps, loads
from typing import Any
from zlib import crc32

from whoosh.codec.base import FieldWriter
from whoosh.codec.whoosh3 import W3Codec
from whoosh.matching import LeafMatcher, ListMatcher, ReadTooFar
from whoosh.util.numeric import byte_to_length, length_to_byte

from index.whoosh_internals import (
    CRC32_HASH,
    DIRECTORY_ENTRY,
    ENTRY_LENGTHS,
    HASH_SLOT,
    TERM_EXTENT,
    TERM_INFO,
)

# Bump when the on-disk block format changes: older indexes then need a rebuild.
CODEC_ID = "satchel-codec-6"
BLOCK = 128
INLINE = 4
COMPRESS_MIN = 96
COMPRESSION = 1
_ALL_ONES, _VALUES, _SHORT_IDS, _COMPRESSED = 1, 2, 4, 8
SHORT_ID_DOCS = 1 << 16  # segments this small store ids as u16
_SWAP = sys.byteorder == "big"  # blocks are little-endian on disk
_SIZE = struct.Struct("<i")
_HEAD = struct.Struct("<HIfBBB")
_PREFIX = _SIZE.size + _HEAD.size
_FLOAT32 = struct.Struct("f")  # how weights are stored: rounds as array("f") does
_PICKLE_PROTOCOL = 5  # pinned, so the same postings give the same bytes on any Python
_NO_ID = 0xFFFFFFFF


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


# -- Blocks ------------------------------------------------------------------------------


def encode_block(ids: Sequence[int], weights: array[float], values: Sequence[bytes | None],
                 has_values: bool, minlength: int | None, maxlength: int, maxweight: float,
                 last: bool, short_ids: bool = False) -> bytes:
    """One block of postings as it goes into the postings file."""
    flags = _SHORT_IDS if short_ids else 0
    parts = [b"", _to_bytes(array("H" if short_ids else "I", ids))]
    if all(w == 1.0 for w in weights):
        flags |= _ALL_ONES
    else:
        parts.append(_to_bytes(weights))
    if has_values:
        flags |= _VALUES
        present = [v or b"" for v in values]
        tail = _to_bytes(array("I", map(len, present))) + b"".join(present)
        if len(tail) >= COMPRESS_MIN:
            flags |= _COMPRESSED
            tail = zlib.compress(tail, COMPRESSION)
        parts.append(tail)
    parts[0] = _HEAD.pack(len(ids), ids[-1], maxweight, flags, length_byte(minlength),
                          length_byte(maxlength))
    body = b"".join(parts)
    return _SIZE.pack(-len(body) if last else len(body)) + body


class Block:
    """One block of a term's postings, read from the bytes of all its blocks."""

    __slots__ = ("count", "data", "end", "flags", "last", "maxid", "maxlength", "maxweight",
                 "minlength", "start")
    count: int
    maxid: int
    maxweight: float
    flags: int
    minlength: int  # length bytes (byte_to_length decodes)
    maxlength: int

    def __init__(self, data: bytes, pos: int):
        size = _SIZE.unpack_from(data, pos)[0]
        self.data = data
        self.last = size < 0
        self.start = pos + _PREFIX
        self.end = pos + _SIZE.size + abs(size)
        (self.count, self.maxid, self.maxweight, self.flags, self.minlength,
         self.maxlength) = _HEAD.unpack_from(data, pos + _SIZE.size)

    def arrays(self) -> tuple[array[int], array[float] | None]:
        """The block's ids and weights (None: all 1.0)."""
        count, flags, pos = self.count, self.flags, self.start
        width = 2 if flags & _SHORT_IDS else 4
        ids = _from_bytes("H" if width == 2 else "I", self.data[pos : pos + width * count])
        if flags & _ALL_ONES:
            return ids, None
        pos += width * count
        return ids, _from_bytes("f", self.data[pos : pos + 4 * count])

    def values_at(self, indices: list[int]) -> list[bytes]:
        """The values (positions) of the postings at `indices` only."""
        flags, count = self.flags, self.count
        if not flags & _VALUES:
            return [b""] * len(indices)
        pos = self.start + (2 if flags & _SHORT_IDS else 4) * count
        if not flags & _ALL_ONES:
            pos += 4 * count
        tail = self.data[pos : self.end]
        if flags & _COMPRESSED:
            tail = zlib.decompress(tail)
        ends = list(accumulate(_from_bytes("I", tail[: 4 * count]), initial=4 * count))
        return [tail[ends[k] : ends[k + 1]] for k in indices]


Read = Callable[[int, int], bytes]  # (position, length) -> bytes, as StructFile.get
# A term's postings are read this many bytes at a time: a common word's are
# hundreds of kilobytes, and reading them whole left the heap fragmented.
CHUNK = 1 << 15


def blocks(read: Read, start: int, length: int) -> Iterator[Block]:
    """The blocks of one term's postings (`length` bytes at `start`), in order,
    read `CHUNK` bytes at a time."""
    end, pos = start + length, start
    while pos < end:
        data = read(pos, min(CHUNK, end - pos))
        off = 0
        while True:
            whole = off + _PREFIX <= len(data) and \
                off + _SIZE.size + abs(_SIZE.unpack_from(data, off)[0]) <= len(data)
            if not whole:
                if off:
                    break  # read on from this block
                size = _SIZE.size + abs(_SIZE.unpack(read(pos, _SIZE.size))[0])
                data = read(pos, size)  # one block larger than a chunk
                if len(data) < max(size, _PREFIX):
                    raise ValueError(f"postings cut short at {pos}")
            block = Block(data, off)
            yield block
            if block.last:
                return
            off = block.end
        pos += off


ValuesAt = Callable[[list[int]], list[bytes]]
Arrays = tuple["array[int]", "array[float]", ValuesAt]


def posting_blocks(read: Read, start: int, length: int,
                   keep: Callable[[int, int], bool] | None = None) -> Iterator[Arrays]:
    """(ids, weights, values_at) per block of one term's postings, ids the
    segment's own. With `keep(previous block's last id, this block's last
    id)`, only the blocks it accepts are decoded. `values_at(indices)` reads
    those postings' values (positions)."""
    previous = -1
    for block in blocks(read, start, length):
        if keep is None or keep(previous, block.maxid):
            ids, weights = block.arrays()
            if weights is None:
                weights = array("f", [1.0]) * len(ids)
            yield ids, weights, block.values_at
        previous = block.maxid


def all_postings(read: Read, start: int, length: int
                 ) -> tuple[list[int], list[float], list[bytes | None]]:
    """Every posting of one term (merging reads whole segments)."""
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes | None] = []
    for block_ids, block_weights, values_at in posting_blocks(read, start, length):
        ids.extend(block_ids)
        weights.extend(block_weights)
        values.extend(values_at(list(range(len(block_ids)))))
    return ids, weights, values


# -- Term entries ----------------------------------------------------------------------------


def entry_doc_frequency(entry: bytes) -> int:
    """The number of postings a term dictionary entry counts."""
    count: int = TERM_INFO.unpack_from(entry)[2]
    return count


Inlined = tuple[tuple[int, ...], tuple[float, ...], tuple[bytes | None, ...]]


def entry_postings(entry: bytes) -> Inlined | tuple[int, int]:
    """An entry's inlined postings (ids, weights, values), or the (offset,
    length) of its blocks in the postings file."""
    found: Inlined | tuple[int, int]
    if entry[0]:
        found = loads(entry[TERM_INFO.size :])
    else:
        found = TERM_EXTENT.unpack_from(entry, TERM_INFO.size)
    return found


def inlined_entry(ids: Sequence[int], weights: Sequence[float], values: Sequence[bytes | None],
                  lengths: Sequence[int] | None) -> bytes:
    """What `W3TermInfo.to_bytes()` gives for a term whose postings are inlined,
    packed directly (most terms of a segment are rare: no TermInfo object for
    each). The postings are pickled with protocol 5, not W3's 2, which pickles
    each bytes value as a call to `_codecs.encode`; `W3TermInfo.from_bytes`
    reads either."""
    if len(ids) == 1:  # most rare terms: the same, with less arithmetic
        weight = _FLOAT32.unpack(_FLOAT32.pack(weights[0]))[0]
        length = lengths[0] if lengths else 0
        byte = length_byte(length) if length else 0
        one: bytes = TERM_INFO.pack(1, weight, 1, byte, byte, weight, ids[0], ids[0]) + dumps(
            (tuple(ids), (weight,), tuple(values)), _PICKLE_PROTOCOL)
        return one
    rounded = tuple(array("f", weights))  # rounded to float32, as the postings are
    known = [n for n in lengths if n] if lengths is not None else []
    many: bytes = TERM_INFO.pack(
        1, sum(rounded), len(ids), length_byte(min(known)) if known else 0,
        length_byte(max(known)) if known else 0, max(rounded), ids[0], ids[-1],
    ) + dumps((tuple(ids), rounded, tuple(values)), _PICKLE_PROTOCOL)
    return many


_LENGTH_BYTES: dict[int | None, int] = {}


def length_byte(length: int | None) -> int:
    """`length_to_byte`, remembered: it bisects a table in Python, and a
    segment asks it for the same few hundred lengths once per term."""
    found = _LENGTH_BYTES.get(length)
    if found is None:
        found = 0 if length is None else int(length_to_byte(length))
        if len(_LENGTH_BYTES) < 65_536:
            _LENGTH_BYTES[length] = found
    return found


# -- Reading ---------------------------------------------------------------------------------


class ArrayLeafMatcher(LeafMatcher):
    """Whoosh's matcher interface over one term's blocks (for Whoosh's own
    readers; Satchel's searches read blocks in bulk with `posting_blocks`)."""

    def __init__(self, data: bytes, format_: Any, term: Any = None, scorer: Any = None):
        self.format = format_
        self.scorer = scorer
        self.term_key = term
        self.postings_data = data
        self.reset()

    def term(self) -> Any:
        return self.term_key

    def reset(self) -> None:
        self.finished = False
        self._enter(Block(self.postings_data, 0))

    def _enter(self, block: Block) -> None:
        self.block = block
        self.cursor = 0
        self.block_ids: array[int] | None = None
        self.block_weights: array[float] | None = None
        self.block_values: list[bytes | None] | None = None

    def _advance_block(self) -> None:
        if self.block.last:
            self.finished = True
        else:
            self._enter(Block(self.postings_data, self.block.end))

    def is_active(self) -> bool:
        return not self.finished and self.cursor < self.block.count

    def _arrays(self) -> tuple[array[int], array[float]]:
        if self.block_ids is None or self.block_weights is None:
            ids, weights = self.block.arrays()
            self.block_ids = ids
            self.block_weights = weights if weights is not None else array("f", [1.0]) * len(ids)
        return self.block_ids, self.block_weights

    def id(self) -> int:
        return self._arrays()[0][self.cursor]

    def weight(self) -> float:
        return self._arrays()[1][self.cursor]

    def value(self) -> bytes | None:
        if self.block_values is None:
            if not self.block.flags & _VALUES:
                self.block_values = [None] * self.block.count
            else:
                self.block_values = list(self.block.values_at(list(range(self.block.count))))
        return self.block_values[self.cursor]

    def next(self) -> bool:
        self.cursor += 1
        if self.cursor == self.block.count:
            self._advance_block()
            return True
        return False

    def skip_to(self, target: int) -> None:
        if not self.is_active():
            raise ReadTooFar
        if target <= self.id():
            return
        while not self.finished and target > self.block.maxid:
            self._advance_block()
        while self.is_active() and self.id() < target:
            self.next()

    def skip_to_quality(self, minquality: float) -> int:
        skipped = 0
        while self.is_active() and self.block_quality() <= minquality:
            self._advance_block()
            skipped += 1
        return skipped

    def block_min_id(self) -> int:
        return self._arrays()[0][0]

    def block_max_id(self) -> int:
        return self.block.maxid

    def block_min_length(self) -> int:
        return int(byte_to_length(self.block.minlength))

    def block_max_length(self) -> int:
        return int(byte_to_length(self.block.maxlength))

    def block_max_weight(self) -> float:
        return self.block.maxweight


class SatchelCodec(W3Codec):
    """W3 with array blocks, working inlining and whole-term writes."""

    def __init__(self) -> None:
        super().__init__(blocklimit=BLOCK, compression=COMPRESSION, inlinelimit=INLINE)

    def field_writer(self, storage: Any, segment: Any) -> SatchelFieldWriter:
        return SatchelFieldWriter(storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        if byteids:  # term vectors (unused here) keep W3's format
            return super().postings_writer(dbfile, byteids)
        raise NotImplementedError("Satchel's postings are written by SatchelFieldWriter")

    def postings_reader(self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None,
                        scorer: Any = None) -> Any:
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return ListMatcher(ids, weights, values, format_, scorer=scorer, term=term,
                               terminfo=terminfo)
        offset, length = terminfo.extent()
        if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves it in a 1-tuple
            length = length[0]
        return ArrayLeafMatcher(dbfile.get(offset, length), format_, term=term, scorer=scorer)


# -- Writing ---------------------------------------------------------------------------------


class TermDictionaryWriter:
    """Writes Whoosh's ordered hash file (a term dictionary), the bytes
    `OrderedHashWriter` writes with CRC-32 keys (a test compares), faster:
    it counts its own position (`tell()` on a buffered file is an lseek
    system call, and W3 made two for each term), writes entries in pieces of
    about 64 KB, and builds the hash tables and the ordered index at the end,
    each table in one piece. MD5 as hex, Whoosh's default hash, costs several
    times CRC-32; the file records which one it used."""

    MAGIC = b"HSH3"

    def __init__(self, dbfile: Any):
        self.dbfile = dbfile
        self.extras: dict[str, Any] = {"fieldmap": {}}
        self.fieldmap: dict[str, int] = self.extras["fieldmap"]
        self.lastkey = b""
        self._keys: list[bytes] = []
        self._offsets: list[int] = []
        self._pending: list[bytes] = [self.MAGIC, bytes((CRC32_HASH,)), bytes(8)]
        self._pending_bytes = 0
        self._pos = dbfile.tell() + 13

    def field_number(self, fieldname: str) -> int:
        return self.fieldmap.setdefault(fieldname, len(self.fieldmap))

    def add(self, key: bytes, value: bytes) -> None:
        if key <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{key!r}")
        entry = ENTRY_LENGTHS.pack(len(key), len(value)) + key + value
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

    def close(self) -> None:
        self._write_pending()
        dbfile = self.dbfile
        buckets: list[list[tuple[int, int]]] = [[] for _ in range(256)]
        for key, pos in zip(self._keys, self._offsets, strict=True):
            h = crc32(key)  # unsigned 32 bits on every Python 3
            buckets[h & 255].append((h, pos))
        directory = []
        null = (0, 0)
        pos = self._pos
        for entries in buckets:
            numslots = 2 * len(entries)
            directory.append((pos, numslots))
            table = [null] * numslots
            for h, at in entries:
                slot = (h >> 8) % numslots
                while table[slot] != null:
                    slot = (slot + 1) % numslots
                table[slot] = (h, at)
            if table:
                dbfile.write(struct.pack("!" + "Iq" * numslots, *chain.from_iterable(table)))
                pos += numslots * HASH_SLOT.size
        dbfile.write(b"".join(DIRECTORY_ENTRY.pack(*d) for d in directory))
        top = self._offsets[-1] if self._offsets else 0
        typecode = "H" if top < 1 << 16 else "i" if top < 1 << 31 else "I" if top < 1 << 32 else "q"
        self.extras["indextype"] = typecode
        self.extras["indexlen"] = len(self._offsets)
        extras = dumps(self.extras, -1)
        index = array(typecode, self._offsets)
        if sys.byteorder == "little":
            index.byteswap()
        dbfile.write(extras + index.tobytes())
        dbfile.write(_BIG_INT.pack(len(extras) + len(index) * index.itemsize))
        dbfile.close()


_BIG_INT = struct.Struct("!i")


class SatchelFieldWriter(FieldWriter):
    """Writes a segment's term dictionary and postings, one whole term at a
    time (`add_terms`); Whoosh's term-by-term calls are buffered into it."""

    def __init__(self, storage: Any, segment: Any):
        self.terms = TermDictionaryWriter(segment.create_file(storage, W3Codec.TERMS_EXT))
        self.postfile = segment.create_file(storage, W3Codec.POSTS_EXT)
        self.position = 0  # of the postings file, counted (tell() is a system call)
        self.field_id = -1
        self.has_values = False
        self.term_text = b""
        self.buffered: list[tuple[int, float, bytes | None, int | None]] = []
        self.is_closed = False
        # Set by the segment's writer when it knows the segment's size.
        self.short_ids = False

    def start_field(self, fieldname: str, fieldobj: Any) -> None:
        self.field_id = self.terms.field_number(fieldname)
        fixed = fieldobj.format.fixed_value_size()
        self.has_values = fixed is None or fixed < 0

    def start_term(self, text: bytes) -> None:
        self.term_text = text
        self.buffered = []

    def add(self, docnum: int, weight: float, vbytes: bytes | None, length: int | None) -> None:
        self.buffered.append((docnum, weight, vbytes, length))

    def finish_term(self) -> None:
        ids, weights, values, lengths = zip(*self.buffered, strict=True)
        self.add_term(self.term_text, ids, weights, values,
                      None if lengths[0] is None else lengths)

    def finish_field(self) -> None:
        self.field_id = -1

    def add_terms(self, terms: Iterable[tuple[bytes, list[tuple[int, float, bytes]]]],
                  column: list[int]) -> None:
        """Write the current field's terms in order, each with its postings
        (docnum, weight, value) in docnum order; `column` is each document's
        length of the field (empty: unscored)."""
        for tbytes, posts in terms:
            ids, weights, values = zip(*posts, strict=True)
            self.add_term(tbytes, ids, weights, values,
                          [column[d] for d in ids] if column else None)

    def add_term(self, btext: bytes, ids: Sequence[int], weights: Sequence[float],
                 values: Sequence[bytes | None], lengths: Sequence[int] | None) -> None:
        """Write one term of the current field: all its postings at once."""
        key = _FIELD_NUMBER.pack(self.field_id) + btext
        if len(ids) < INLINE:  # most terms of a segment: straight into the dictionary
            self.terms.add(key, inlined_entry(ids, weights, values, lengths))
        else:
            self.terms.add(key, self._write_postings(ids, weights, values, lengths))

    def _write_postings(self, ids: Sequence[int], weights: Sequence[float],
                        values: Sequence[bytes | None], lengths: Sequence[int] | None) -> bytes:
        """Write one term's blocks in one call; return its dictionary entry."""
        start = self.position
        pieces = []
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
                ids[first:end], block_weights, values[first:end], self.has_values,
                low, high, top, end >= count, self.short_ids,
            ))
            total += sum(block_weights)  # summed block by block, as W3TermInfo does
            maxweight = max(maxweight, top)
            maxlength = max(maxlength, high)
            if low is not None:
                minlength = low if minlength is None else min(minlength, low)
        data = b"".join(pieces)
        self.postfile.write(data)
        self.position += len(data)
        info: bytes = TERM_INFO.pack(
            0, total, count, length_byte(minlength), length_byte(maxlength), maxweight,
            ids[0], ids[-1],
        ) + TERM_EXTENT.pack(start, len(data))
        return info

    def close(self) -> None:
        self.terms.close()
        self.postfile.close()
        self.is_closed = True


_FIELD_NUMBER = struct.Struct("!H")  # how a term dictionary key starts
