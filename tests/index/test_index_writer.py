"""index/writer.py and index/codec.py write what stock Whoosh would.

The lean writer and the array codec take shortcuts (whole terms at once, term
info packed directly, positions tracked by hand); these tests hold them to the
stock `SegmentWriter` + `W3Codec` on the same documents: every term, every
posting's id, weight and positions, every term's statistics.
"""

from __future__ import annotations

import io
import random
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh.codec.whoosh3 import W3Codec, W3TermInfo
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.filetables import HashWriter, OrderedHashReader, OrderedHashWriter
from whoosh.filedb.structfile import StructFile
from whoosh.index import FileIndex
from whoosh.util.numlists import GrowableArray
from whoosh.writing import SegmentWriter

from index import IndexDocument
from index import writer as writer_module
from index.codec import TermDictionaryWriter, inlined_entry
from index.schema import build_schema, to_fields
from index.writer import LeanWriter

WORDS = (  # noqa: SIM905  (a word list reads better as text)
    "the government said news report city river people market school water light road "
    "правительство заявил новости город река люди рынок школа вода свет дорога "
    "دولت گفت اخبار شهر رود مردم بازار مدرسه آب نور جاده "
    "үкімет қала өзен адамдар нарық мектеп су жарық жол"
).split()


def _documents(count: int) -> list[IndexDocument]:
    """Zipf-like text: a few words in most documents (several posting blocks),
    many in one to three (inlined in the term dictionary)."""
    rng = random.Random(7)
    weights = [1 / (rank + 1) for rank in range(len(WORDS))]
    languages = ("en", "ru", "fa", "kk")
    docs = []
    for n in range(count):
        body = " ".join(rng.choices(WORDS, weights, k=rng.randint(5, 60)))
        body += f" unique{n} rare{n // 3}"
        docs.append(IndexDocument(
            key=f"ab12/a{n}", publisher="ab12", publisher_name="Example News",
            article_id=f"a{n}", version=1 + n % 3, language=languages[n % 4],
            title=" ".join(rng.choices(WORDS, k=4)), byline="",
            summary=" ".join(rng.choices(WORDS, k=rng.randint(0, 8))), body_text=body,
            tags=(f"tag{n % 5}",), issued=None))
    return docs


def _write(folder: Path, docs: list[IndexDocument],
           writer_class: Callable[..., SegmentWriter], **kwargs: object) -> FileIndex:
    folder.mkdir()
    ix = FileIndex.create(FileStorage(str(folder)), build_schema(), "MAIN")
    writer = writer_class(ix, **kwargs)
    for doc in docs:
        writer.add_document(**to_fields(doc))
    writer.commit()
    return ix


def _contents(ix: FileIndex) -> dict:
    """Every (field, term): its statistics and its postings, by article key (a
    merge may number documents in another order than one writer would)."""
    out = {}
    with ix.reader() as reader:
        keys = [reader.stored_fields(n)["key"] for n in range(reader.doc_count_all())]
        for fieldname, tbytes in reader.all_terms():
            info = reader.term_info(fieldname, tbytes)
            matcher = reader.postings(fieldname, tbytes)
            # Only positions are kept as values: the array codec does not store
            # fixed-size values (a Frequency field's count is already its weight).
            positions = ix.schema[fieldname].format.supports("positions")
            postings, ids = [], []
            while matcher.is_active():
                value = matcher.value_as("positions") if positions else None
                postings.append((keys[matcher.id()], matcher.weight(), value))
                ids.append(matcher.id())
                matcher.next()
            assert (info.min_id(), info.max_id()) == (ids[0], ids[-1])
            out[fieldname, tbytes] = (
                info.doc_frequency(), round(info.weight(), 3), info.min_length(),
                info.max_length(), info.max_weight(), sorted(postings),
            )
        stored = sorted((reader.stored_fields(n) for n in range(len(keys))),
                        key=lambda fields: fields["key"])
    return {"terms": out, "stored": stored}


@pytest.mark.parametrize("id_width", ["u16", "u32"])
def test_lean_writer_matches_stock_whoosh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          id_width: str) -> None:
    if id_width == "u32":  # as in a segment of more than 65,536 documents
        monkeypatch.setattr(writer_module, "SHORT_ID_DOCS", 0)
    docs = _documents(700)
    stock = _contents(_write(tmp_path / "stock", docs, SegmentWriter, codec=W3Codec()))
    lean = _contents(_write(tmp_path / "lean", docs, LeanWriter))
    assert lean["stored"] == stock["stored"]
    assert lean["terms"].keys() == stock["terms"].keys()
    for key, expected in stock["terms"].items():
        assert lean["terms"][key] == expected, key
    # Both shortcuts were taken: terms in several 128-posting blocks, and terms
    # inlined in the dictionary.
    doc_frequencies = [v[0] for v in lean["terms"].values()]
    assert max(doc_frequencies) > 256
    assert min(doc_frequencies) < 4


def test_lean_writer_merges_like_stock_whoosh(tmp_path: Path) -> None:
    """Two segments, one with deleted documents, merged into one (postings
    re-read a block at a time into the pool, deleted ones dropped)."""
    docs = _documents(300)
    ix = _write(tmp_path / "lean", docs[:150], LeanWriter)
    gone = {doc.key for doc in docs[:150:7]}
    writer = LeanWriter(ix)
    for key in sorted(gone):
        writer.delete_by_term("key", key)
    for doc in docs[150:]:
        writer.add_document(**to_fields(doc))
    writer.commit(optimize=True)
    assert len(ix.reader().leaf_readers()) == 1
    kept = [doc for doc in docs if doc.key not in gone]
    stock = _contents(_write(tmp_path / "stock", kept, SegmentWriter, codec=W3Codec()))
    assert _contents(ix) == stock


@given(
    st.lists(st.integers(0, 2**32 - 2), min_size=1, max_size=3, unique=True),
    st.data(),
)
def test_inlined_term_info_reads_as_w3s(ids: list[int], data: st.DataObject) -> None:
    ids.sort()
    n = len(ids)
    weights = data.draw(st.lists(st.floats(0.0009765625, 1048576.0),  # rounded when stored
                                 min_size=n, max_size=n))
    values = data.draw(st.lists(st.binary(max_size=12), min_size=n, max_size=n))
    lengths = data.draw(st.none() | st.lists(st.integers(0, 70_000), min_size=n, max_size=n))

    stored = array("f", weights)
    known = [x for x in lengths if x] if lengths is not None else []
    info = W3TermInfo(weight=sum(stored), df=n, minlength=min(known) if known else None,
                      maxlength=max(known) if known else 0, maxweight=max(stored),
                      minid=ids[0], maxid=ids[-1])
    info.set_inlined(ids, stored, values)
    ours, w3 = inlined_entry(ids, weights, values, lengths), info.to_bytes()
    head = W3TermInfo._struct.size
    assert ours[:head] == w3[:head]  # the same statistics, byte for byte
    assert len(ours) < len(w3)  # postings pickled with protocol 5, not 2
    back = W3TermInfo.from_bytes(ours)
    assert back.inlined_postings() == W3TermInfo.from_bytes(w3).inlined_postings()
    assert back.inlined_postings() == (tuple(ids), tuple(stored), tuple(values))


class _KeptBytes(io.BytesIO):
    """A BytesIO that remembers its bytes when the writer closes it."""

    final = b""

    def close(self) -> None:
        self.final = self.getvalue()
        super().close()


def _hash_file(writer_class: Callable[..., Any], items: list[tuple[bytes, bytes]]) -> bytes:
    out = _KeptBytes()
    writer = writer_class(StructFile(out))
    for key, value in items:
        writer.add(key, value)
    writer.close()
    return out.final


def _stock_crc_writer(dbfile: StructFile) -> OrderedHashWriter:
    writer = OrderedHashWriter.__new__(OrderedHashWriter)
    HashWriter.__init__(writer, dbfile, hashtype=1)  # CRC-32, as ours
    writer.index = GrowableArray("H")
    writer.lastkey = b""
    writer.extras["fieldmap"] = {}  # as W3FieldWriter sets it
    return writer


@given(st.dictionaries(st.binary(min_size=1, max_size=40), st.binary(max_size=3_000),
                       max_size=60))
def test_term_dictionary_bytes_match_whooshs_writer(entries: dict[bytes, bytes]) -> None:
    """`TermDictionaryWriter` builds its hash tables and key index at the end: the file
    must be the one Whoosh's writer makes, large enough (values up to 3 KB)
    that positions outgrow the index's first array type, and read back."""
    items = sorted(entries.items())
    ours = _hash_file(TermDictionaryWriter, items)
    assert ours == _hash_file(_stock_crc_writer, items)
    reader = OrderedHashReader(StructFile(io.BytesIO(ours)), len(ours))
    for key, value in items:
        assert reader[key] == value
    assert list(reader.keys()) == [key for key, _ in items]


@pytest.mark.parametrize("chunk", [1, 7, 64, 300, 1 << 15])
def test_postings_read_in_chunks_of_any_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             chunk: int) -> None:
    """A term's blocks are read a chunk at a time: a block crossing a chunk's
    end, or larger than a chunk, comes back whole, for every term."""
    from index import codec
    from index.reading import dictionary_entries
    from index.whoosh_internals import segment_terms

    ix = _write(tmp_path / "lean", _documents(700), LeanWriter)
    reader = ix.reader()
    terms = segment_terms(reader)
    assert terms is not None
    expected = {}
    for key, entry in dictionary_entries(terms.hashfile, terms.hashfile.startofdata):
        found = codec.entry_postings(entry)
        if len(found) == 2:
            expected[key] = codec.all_postings(terms.postings_file.get, *found)
    assert len(expected) > 20
    monkeypatch.setattr(codec, "CHUNK", chunk)
    for key, entry in dictionary_entries(terms.hashfile, terms.hashfile.startofdata):
        found = codec.entry_postings(entry)
        if len(found) == 2:
            assert codec.all_postings(terms.postings_file.get, *found) == expected[key], key
