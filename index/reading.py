"""Bulk reads from one generation of the index, for `index.evaluate`.

Whoosh scores documents one at a time through a tree of matcher objects, a
few microseconds of Python per document and per field; a common word in a
100,000-article library costs it hundreds of milliseconds, and counting the
total costs as much again. Here a term's dictionary entry is read raw
(`index.codec` decodes it), its postings are decoded a block at a time
straight into arrays (`postings`), blocks that cannot hold a wanted document
are skipped (`within=`), and scores are summed in bulk; field lengths and the
`issued` column are read once per generation.
"""

from __future__ import annotations

import sys
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, repeat
from pickle import loads
from typing import Any, TypeVar, cast

from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.formats import Positions
from whoosh.util.numeric import byte_to_length

from index.cache import ByteLRU
from index.codec import ValuesAt, entry_doc_frequency, entry_postings, posting_blocks
from index.whoosh_internals import (
    ENTRY_LENGTHS,
    SegmentTerms,
    fixed_column_bytes,
    length_column,
    numeric_column_format,
    per_document,
    segment_terms,
)
from index.wordlist import WordList

# The field length each length byte stands for (Whoosh quantizes lengths).
LENGTHS = [byte_to_length(b) for b in range(256)]
# What a generation keeps of what searches read, in bytes (index.cache):
# raw term entries (all dropped at once: see `_forget_terms`), decoded posting
# lists and document sets (least recently used first).
ENTRY_BYTES = 1 << 20
POSTINGS_BYTES = 3 << 20
DOCSET_BYTES = 1 << 20
_ENTRY_OVERHEAD = 150  # the key tuple, its strings, a dict slot
# Prefixes remembered per segment and field as scanned whole.
_SCAN_MARKS = 64
# Bytes of the term dictionary a prefix scan reads first, and at most at a time.
PREFIX_CHUNK = 1 << 12
PREFIX_CHUNK_MAX = 1 << 16

T = TypeVar("T")


@dataclass(frozen=True)
class Postings:
    """One term's postings across all segments, one part per segment:
    (docnum offset, the segment's own docnums ascending, weights). A global
    docnum is offset + docnum, added where scores are computed: adding it to
    a whole array first cost a pass of Python over every id."""

    parts: tuple[tuple[int, array[int], array[float]], ...]

    def __len__(self) -> int:
        return sum(len(ids) for _, ids, _ in self.parts)

    def docnums(self) -> Iterator[int]:
        """The global docnums, ascending."""
        for offset, ids, _ in self.parts:
            yield from (map(offset.__add__, ids) if offset else ids)


_EMPTY = Postings(())


@dataclass(frozen=True)
class Within:
    """A set of documents a look-up is restricted to: sorted, and as a set."""

    ids: list[int]
    members: frozenset[int]

    @classmethod
    def of(cls, docs: Iterable[int]) -> Within:
        members = frozenset(docs)
        return cls(sorted(members), members)

    def between(self, low: int, high: int) -> list[int]:
        """The documents with low <= docnum < high, ascending."""
        return _between(self.ids, low, high)

    def count_between(self, low: int, high: int) -> int:
        """How many documents have low <= docnum < high."""
        return bisect_left(self.ids, high) - bisect_left(self.ids, low)


@dataclass
class _Leaf:
    reader: Any  # whoosh.reading.SegmentReader
    offset: int
    count: int
    terms: SegmentTerms


class SearchContext:
    """One index generation opened for searching, with per-generation caches."""

    def __init__(self, reader: Any, generation: int):
        # A bare Whoosh reader: its Searcher adds nothing used here, and
        # importing whoosh.searching costs a tenth of a second at first use.
        self.generation = generation
        self.reader = reader
        self.leaves = [_Leaf(r, off, r.doc_count_all(), terms)
                       for r, off in reader.leaf_readers()
                       if r.doc_count_all() and (terms := segment_terms(r)) is not None]
        self.doc_count_all: int = reader.doc_count_all()
        self.doc_count: int = reader.doc_count()
        self.deleted = frozenset(
            leaf.offset + d for leaf in self.leaves for d in _deleted(leaf.reader))
        self._postings: ByteLRU[Postings] = ByteLRU(POSTINGS_BYTES)
        self._docsets: ByteLRU[array[int]] = ByteLRU(DOCSET_BYTES)
        self._lengths: dict[str, bytes] = {}
        self._avg: dict[str, float] = {}
        self._memo: dict[Hashable, Any] = {}
        self._entries: dict[tuple[int, str, str], bytes | None] = {}
        self._entry_bytes = 0
        self._scanned: dict[tuple[int, str], list[str]] = {}  # prefixes scanned whole
        self._wordlists: dict[int, WordList | None] = {}
        self._terms_lock = threading.Lock()

    def close(self) -> None:
        for found in self._wordlists.values():
            if found is not None:
                found.close()
        self.reader.close()

    # -- terms ------------------------------------------------------------------

    def _entry(self, i: int, field: str, term: str) -> bytes | None:
        """The term's raw entry in segment `i`'s dictionary, or None (cached)."""
        key = (i, field, term)
        try:
            return self._entries[key]
        except KeyError:
            pass
        if any(map(term.startswith, self._scanned.get((i, field), ()))):
            entry = None  # a whole scan of a prefix of it did not meet it
        else:
            terms = self.leaves[i].terms
            entry = terms.hashfile.get(terms.encode_key(field, term.encode("utf-8")))
        self._count_entry(term, entry)
        self._entries[key] = entry
        return entry

    def _count_entry(self, term: str, entry: bytes | None) -> None:
        self._entry_bytes += _ENTRY_OVERHEAD + 2 * len(term) + (len(entry) if entry else 0)
        if self._entry_bytes > ENTRY_BYTES:
            self._forget_terms()

    def _forget_terms(self) -> None:
        # A scan's mark vouches for the absence of what it did not record only
        # while its records are kept: marks go first, under the lock scans
        # record under (readers take no lock: they see a mark only while its
        # records are there).
        with self._terms_lock:
            self._scanned.clear()
            self._entries.clear()
            self._entry_bytes = 0

    def doc_frequency(self, field: str, term: str) -> int:
        total = 0
        for i in range(len(self.leaves)):
            entry = self._entry(i, field, term)
            if entry is not None:
                total += entry_doc_frequency(entry)
        return total

    def iter_prefix(self, field: str, prefix: str) -> Iterator[tuple[str, int]]:
        """(term, doc frequency) for the terms of `field` starting with `prefix`,
        per segment (a term in two segments comes twice)."""
        pbytes = prefix.encode("utf-8")
        for i, leaf in enumerate(self.leaves):
            entries = [(tbytes.decode("utf-8"), entry)
                       for tbytes, entry in term_entries(leaf.terms, field, pbytes)]
            # Every term of the segment with this prefix, recorded before any is
            # handed out: a later look-up of one needs no dictionary search, and
            # of another with this prefix, none at all (`_entry`).
            with self._terms_lock:
                for term, entry in entries:
                    self._entries[(i, field, term)] = entry
                    self._entry_bytes += _ENTRY_OVERHEAD + 2 * len(term) + len(entry)
                marks = self._scanned.setdefault((i, field), [])
                marks.append(prefix)
                del marks[:-_SCAN_MARKS]
            if self._entry_bytes > ENTRY_BYTES:
                self._forget_terms()  # before handing any out: the caller reads them again
            for term, entry in entries:
                yield term, entry_doc_frequency(entry)

    def unstemmed(self, prefix: str) -> set[str]:
        """The terms of the indexed words starting with `prefix` that are
        indexed as another term (`index.wordlist`), in any segment."""
        found: set[str] = set()
        for i, leaf in enumerate(self.leaves):
            with self._terms_lock:
                if i not in self._wordlists:
                    self._wordlists[i] = WordList.of(leaf.reader)
                words = self._wordlists[i]
            if words is not None:
                found.update(term for _, term in words.prefix(prefix))
        return found

    def terms_within(self, field: str, word: str, maxdist: int) -> set[str]:
        found: set[str] = set()
        for leaf in self.leaves:
            found.update(leaf.reader.terms_within(field, word, maxdist, prefix=1))
        return found

    # -- postings -----------------------------------------------------------------

    def postings(self, field: str, term: str, within: Within | None = None) -> Postings:
        """The postings of `field:term`. With `within`, a cheaper superset of
        those documents' postings: blocks that cannot hold one are not read."""
        if within is None:
            hit = self._postings.get((field, term))
            if hit is not None:
                return hit
        parts = []
        for i, leaf in enumerate(self.leaves):
            ids: array[int] | None = None
            weights = array("f")
            for block_ids, block_weights, _ in self._blocks(i, field, term, within):
                if ids is None:  # a segment's blocks share one id width (u16 or u32)
                    ids = array(block_ids.typecode)
                ids.extend(block_ids)
                weights.extend(block_weights)
            if ids:
                parts.append((leaf.offset, ids, weights))
        result = Postings(tuple(parts)) if parts else _EMPTY
        if within is None:
            self._postings.put((field, term), result, 200 + sum(
                ids.itemsize * len(ids) + weights.itemsize * len(weights)
                for _, ids, weights in result.parts))
        return result

    def positions(self, field: str, term: str, within: Within) -> dict[int, list[int]]:
        """Docnum -> positions of `field:term`, for the documents in `within`."""
        return self.weighted_positions(field, term, within)[1]

    def weighted_positions(self, field: str, term: str, within: Within
                           ) -> tuple[dict[int, float], dict[int, list[int]]]:
        """Docnum -> weight, and docnum -> positions, of `field:term` for the
        documents in `within`, in one pass over the blocks that can hold them
        (a phrase needs both of a common word: reading its blocks twice was
        the larger part of a phrase's time)."""
        decode = decode_positions if type(self.reader.schema[field].format) is Positions \
            else self.reader.schema[field].format.decode_positions
        weights: dict[int, float] = {}
        out: dict[int, list[int]] = {}
        for i, leaf in enumerate(self.leaves):
            offset = leaf.offset
            wanted = [d - offset for d in _between(within.ids, offset, offset + leaf.count)]
            if not wanted:
                continue
            for block_ids, block_weights, values_at in self._blocks(i, field, term, within):
                hits = indices_of(block_ids, wanted)
                if hits:
                    for k, value in zip(hits, values_at(hits), strict=True):
                        weights[offset + block_ids[k]] = block_weights[k]
                        out[offset + block_ids[k]] = decode(value or b"")
        return weights, out

    def _blocks(self, i: int, field: str, term: str, within: Within | None
                ) -> Iterator[tuple[array[int], array[float], ValuesAt]]:
        """(ids, weights, values_at) per posting block of segment `i`, ids the
        segment's own (add its offset for global ones); with `within`, only
        blocks whose id range holds one of those documents. `values_at(indices)`
        reads those postings' values (positions), valid until the next block."""
        entry = self._entry(i, field, term)
        if entry is None:
            return
        leaf = self.leaves[i]
        offset = leaf.offset
        wanted: list[int] | None = None  # global docnums, of this segment only
        if within is not None:
            wanted = _between(within.ids, offset, offset + leaf.count)
            if not wanted:
                return
        found = entry_postings(entry)
        if len(found) == 3:  # a rare term: its postings live in its entry
            ids, weights, vals = found
            yield (array("I", ids), array("f", weights),
                   lambda indices: [vals[k] or b"" for k in indices])
            return
        keep = None if wanted is None else (
            lambda low, high: _any_between(wanted, offset + low, offset + high))
        start, length = found
        yield from posting_blocks(leaf.terms.postings_file.get, start, length, keep)

    # -- per-document data --------------------------------------------------------

    def length_bytes(self, field: str) -> bytes:
        """Each document's quantized length of `field` (`byte_to_length` decodes)."""
        found = self._lengths.get(field)
        if found is None:
            found = b"".join(_leaf_lengths(leaf, field) for leaf in self.leaves)
            self._lengths[field] = found
        return found

    def average_length(self, field: str) -> float:
        found = self._avg.get(field)
        if found is None:
            docs = max(1, self.doc_count_all)
            # As Whoosh: 1 only when no document has the field.
            found = self._avg[field] = self.reader.field_length(field) / docs or 1.0
        return found

    def column(self, field: str) -> list[Any]:
        """All values of a sortable field's column, by docnum (read again at
        each call: only `issued` is kept, see `issued`)."""
        found: list[Any] = []
        for leaf in self.leaves:
            found.extend(_leaf_column(leaf, field))
        return found

    def issued(self) -> array[int]:
        """Each document's `issued` column value (a date filter or sort reads
        it), as an array: 8 bytes a document, not an int object's 32."""
        found: array[int] = self.memo("#issued", lambda: array("q", self.column("issued")))
        return found

    def key_map(self) -> KeyMap:
        return self.memo("#keys", lambda: KeyMap(self))

    def docset(self, field: str, value: str) -> frozenset[int]:
        """The live documents indexed with exactly `field:value`."""
        return self.docs(("#docset", field, value), lambda: self._term_docs(field, value))

    def _term_docs(self, field: str, value: str) -> set[int]:
        docs: set[int] = set()
        for offset, ids, _ in self.postings(field, value).parts:
            docs.update(map(offset.__add__, ids) if offset else ids)
        return docs - self.deleted if self.deleted else docs

    def docs(self, key: Hashable, compute: Callable[[], Iterable[int]]) -> frozenset[int]:
        """A set of documents derived from this generation, kept (least recently
        used first) as an array: 4 bytes a document, where the set's slots and
        ints take 60 (a filter matching most of 100,000 articles, 6 MB)."""
        found = self._docsets.get(key)
        if found is None:
            found = array("I", sorted(compute()))
            self._docsets.put(key, found, 100 + found.itemsize * len(found))
        return frozenset(found)

    def memo(self, name: Hashable, compute: Callable[[], T]) -> T:
        """A value derived from this generation, computed once (kept for the
        generation's life: callers memoize only small, bounded families)."""
        found = self._memo.get(name)
        if found is None:
            found = self._memo[name] = compute()
        return cast(T, found)  # what `compute` made under this name

    def lexicon(self, field: str) -> list[str]:
        return [t.decode("utf-8") for t in self.reader.lexicon(field)]

    def stored_fields(self, docnum: int) -> dict[str, Any]:
        fields: dict[str, Any] = self.reader.stored_fields(docnum)
        return fields


class KeyMap:
    """Article key -> docnum for the live documents of a generation, in two
    arrays (a key's hash, its docnum; sorted by hash) instead of a dict of
    100,000 strings: state filters and reconciling ask for keys rarely, and a
    dict cost 15 MB for as long as the generation lived. Python's string hash
    (64 bits) tells keys apart; a collision would need 2**32 keys."""

    def __init__(self, ctx: SearchContext):
        deleted = ctx.deleted
        pairs = sorted((hash(key_text(key)), d) for d, key in enumerate(ctx.column("key"))
                       if d not in deleted)
        self._hashes = array("q", (h for h, _ in pairs))
        self._docs = array("q", (d for _, d in pairs))

    def docnum(self, key: str) -> int | None:
        h = hash(key)
        i = bisect_left(self._hashes, h)
        return self._docs[i] if i < len(self._hashes) and self._hashes[i] == h else None

    def docnums(self, keys: Iterable[str]) -> frozenset[int]:
        found = (self.docnum(k) for k in keys)
        return frozenset(d for d in found if d is not None)


def _deleted(segreader: Any) -> frozenset[int]:
    if not segreader.has_deletions():
        return frozenset()
    return frozenset(d for d in range(segreader.doc_count_all()) if segreader.is_deleted(d))


def key_text(value: str | bytes) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value


def prefix_entries(segreader: Any, field: str, prefix: bytes) -> Iterator[tuple[bytes, bytes]]:
    """`term_entries` of a Whoosh segment reader (nothing for an empty one)."""
    terms = segment_terms(segreader)
    return iter(()) if terms is None else term_entries(terms, field, prefix)


def term_entries(terms: SegmentTerms, field: str, prefix: bytes
                 ) -> Iterator[tuple[bytes, bytes]]:
    """(term, raw entry) of the terms of `field` starting with `prefix`, in
    order, from one segment's term dictionary read a chunk at a time and split
    in one loop: Whoosh's `iter_prefix` read each entry with three calls and
    built a TermInfo for it, and a prefix or a Kazakh word scans hundreds."""
    if field not in terms.field_numbers:
        return
    key = terms.encode_key(field, prefix)
    pos = terms.hashfile.closest_key_pos(key)
    if pos is None:
        return
    skip = len(key) - len(prefix)
    for termkey, entry in dictionary_entries(terms.hashfile, pos, key):
        yield termkey[skip:], entry


def dictionary_entries(tindex: Any, pos: int, key: bytes = b""
                       ) -> Iterator[tuple[bytes, bytes]]:
    """(key, value) of a Whoosh ordered hash file's entries from `pos` on, while
    the keys start with `key`: read a chunk at a time (growing), split in one
    loop. Used for prefix scans and, from the start of the data, for merges."""
    get, eod = tindex.dbfile.get, tindex.endofdata
    head, unpack = ENTRY_LENGTHS.size, ENTRY_LENGTHS.unpack_from
    step = max(PREFIX_CHUNK, head)
    want = step
    while pos < eod:
        chunk = get(pos, min(want, eod - pos))
        # Most scans end within the first piece; a long one reads larger ones.
        step = min(step * 2, max(PREFIX_CHUNK_MAX, head))
        off, size, want = 0, len(chunk), step
        while off + head <= size:
            keylen, datalen = unpack(chunk, off)
            end = off + head + keylen + datalen
            if end > size:  # the entry runs past this chunk: read from it again
                want = max(want, end - off)
                break
            termkey = chunk[off + head : off + head + keylen]
            if not termkey.startswith(key):
                return
            yield termkey, chunk[off + head + keylen : end]
            off = end
        if off == 0 and size >= eod - pos:
            return  # no whole entry left (damaged data): nothing more to read
        pos += off


def decode_positions(value: bytes) -> list[int]:
    """`whoosh.formats.Positions.decode_positions`, its sum of deltas in C: a
    count, then the pickled deltas (whose final STOP byte Whoosh may drop)."""
    if not value.endswith(b"."):
        value += b"."
    return list(accumulate(loads(value[4:])))


def indices_of(ids: Sequence[int], wanted: list[int]) -> list[int]:
    """The indices in `ids` of the `wanted` docnums it holds (both ascending).
    A block holds a few of the wanted: binary searches (in C) instead of a
    Python test of every id, or a dict of them all."""
    if not ids:
        return []
    lo = bisect_left(wanted, ids[0])
    hi = bisect_right(wanted, ids[-1], lo)
    found = []
    start = 0
    for docnum in wanted[lo:hi]:
        k = bisect_left(ids, docnum, start)
        if k < len(ids) and ids[k] == docnum:
            found.append(k)
            start = k + 1
        else:
            start = k
    return found


def _between(sorted_ids: list[int], low: int, high: int) -> list[int]:
    """The ids with low <= id < high."""
    return sorted_ids[bisect_left(sorted_ids, low) : bisect_left(sorted_ids, high)]


def _any_between(sorted_ids: list[int], low: int, high: int) -> bool:
    """Is there an id with low < id <= high?"""
    i = bisect_right(sorted_ids, low)
    return i < len(sorted_ids) and sorted_ids[i] <= high


def _leaf_lengths(leaf: _Leaf, field: str) -> bytes:
    perdoc = per_document(leaf.reader)
    lenfield = length_column(field)
    if not perdoc.has_column(lenfield):
        return bytes(leaf.count)
    col = perdoc.column_reader(lenfield, LENGTHS_COLUMN)
    raw = fixed_column_bytes(col)  # a one-byte column: its bytes are the lengths
    if raw is None:
        raw = bytes(col[d] for d in range(leaf.count))
    return raw[: leaf.count].ljust(leaf.count, b"\0")


def _leaf_column(leaf: _Leaf, field: str) -> list[Any]:
    reader = leaf.reader.column_reader(field, translate=False)
    kind = numeric_column_format(reader)
    raw = fixed_column_bytes(reader)
    if kind is not None and kind[0] in ("Q", "q") and raw is not None:
        typecode, default = kind
        values = array(typecode, raw)
        if sys.byteorder == "little":
            values.byteswap()  # Whoosh packs big-endian ("!Q")
        values.extend(repeat(default, leaf.count - len(values)))
        return list(values)
    return list(reader)
