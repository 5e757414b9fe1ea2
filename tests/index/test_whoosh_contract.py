"""The contract with Whoosh: every private name `index/whoosh_internals.py` uses
still means what it says, and no other module of ours touches one.

One test per internal. Each fails with a plain message naming what moved, so
that an upgrade of whoosh-reloaded says at once which part of the index to
look at (pyproject.toml pins the version these were checked against).
"""

from __future__ import annotations

import ast
import inspect
import io
import struct
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import whoosh
from whoosh import columns
from whoosh.codec import whoosh3
from whoosh.codec.whoosh3 import W3Codec, W3TermInfo
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.filedb import filetables
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.index import TOC, FileIndex
from whoosh.util.numeric import length_to_byte
from whoosh.util.numlists import GrowableArray
from whoosh.writing import SegmentWriter

from index import whoosh_internals as wi
from index.codec import TermDictionaryWriter
from index.writer import LeanWriter

REPO = Path(__file__).resolve().parents[2]
ALLOWED = REPO / "index" / "whoosh_internals.py"
PACKAGES = ("index", "reader", "ui", "bundles")


def relies(condition: object, what: str) -> None:
    """Fail with a message saying which internal moved."""
    if not condition:
        pytest.fail(f"whoosh-reloaded {whoosh.versionstring()} changed: {what}. "
                    "index/whoosh_internals.py relies on it (see its docstring).", pytrace=False)


def _has_param(function: Any, name: str) -> bool:
    return name in inspect.signature(function).parameters


@pytest.fixture()
def stock_index(tmp_path: Path) -> FileIndex:
    """Two segments written by stock Whoosh (a text field, a numeric column)."""
    schema = Schema(key=ID(stored=True), body=TEXT(), issued=NUMERIC(int, bits=64, sortable=True))
    ix = FileIndex.create(FileStorage(str(tmp_path)), schema, "MAIN")
    for first in (0, 3):
        writer = SegmentWriter(ix, codec=W3Codec())
        for n in range(first, first + 3):
            writer.add_document(key=f"k{n}", body=f"river flood {n} word{n % 2}", issued=n * 7)
        writer.commit(merge=False)
    return ix


# -- On-disk formats ----------------------------------------------------------------------


def test_term_info_struct() -> None:
    relies(isinstance(getattr(W3TermInfo, "_struct", None), struct.Struct),
           "W3TermInfo._struct is no longer a struct.Struct")
    relies(W3TermInfo._struct.format in ("!BfIBBfII", b"!BfIBBfII"),
           f"W3TermInfo._struct packs {W3TermInfo._struct.format!r}, not '!BfIBBfII'")
    info = W3TermInfo(weight=3.5, df=2, minlength=4, maxlength=9, maxweight=2.0, minid=5,
                      maxid=8)
    info.set_extent(1234, 567)
    relies(wi.TERM_INFO.unpack_from(info.to_bytes())
           == (0, 3.5, 2, length_to_byte(4), length_to_byte(9), 2.0, 5, 8),
           "a term entry no longer starts with TERM_INFO's statistics")


def test_term_entry_extent() -> None:
    info = W3TermInfo(weight=1.0, df=1, minid=0, maxid=0)
    info.set_extent(2**40 + 3, 70_000)
    packed = info.to_bytes()
    relies(packed[wi.TERM_INFO.size :] == wi.TERM_EXTENT.pack(2**40 + 3, 70_000),
           "W3TermInfo.to_bytes no longer ends a term entry with its postings' offset "
           "(pack_long) and length (pack_int)")
    back = W3TermInfo.from_bytes(packed)
    relies(back.extent()[0] == 2**40 + 3 and back.extent()[1] in (70_000, (70_000,)),
           "W3TermInfo.from_bytes reads the extent differently")


def test_hash_file_structs() -> None:
    for name, attr, fmt in (("_lengths", "ENTRY_LENGTHS", "!ii"), ("_pointer", "HASH_SLOT", "!Iq"),
                            ("_dir_entry", "DIRECTORY_ENTRY", "!qi")):
        found = getattr(filetables, name, None)
        relies(isinstance(found, struct.Struct) and found.format in (fmt, fmt.encode()),
               f"whoosh.filedb.filetables.{name} is no longer struct {fmt!r}")
        relies(getattr(wi, attr) is found, f"{attr} is not filetables.{name}")


def test_crc32_hash_number() -> None:
    functions = getattr(filetables, "_hash_functions", None)
    relies(functions is not None and filetables.crc_hash in functions,
           "whoosh.filedb.filetables._hash_functions no longer lists crc_hash")
    relies(functions[wi.CRC32_HASH] is filetables.crc_hash,
           "CRC32_HASH does not name crc_hash in _hash_functions")


class _KeptBytes(io.BytesIO):
    final = b""

    def close(self) -> None:
        self.final = self.getvalue()
        super().close()


def test_term_dictionary_file_is_whooshs() -> None:
    """Our term dictionary writer writes the bytes Whoosh's writer writes
    (with CRC-32 keys), and Whoosh's reader reads them."""
    items = [(bytes([0, 1]) + f"term{n:05d}".encode(), bytes(n % 40)) for n in range(3000)]
    stock_out, ours_out = _KeptBytes(), _KeptBytes()
    stock = filetables.OrderedHashWriter.__new__(filetables.OrderedHashWriter)
    filetables.HashWriter.__init__(stock, StructFile(stock_out), hashtype=wi.CRC32_HASH)
    stock.index = GrowableArray("H")  # what OrderedHashWriter.__init__ sets
    stock.lastkey = b""
    stock.extras["fieldmap"] = {}  # as W3FieldWriter sets it
    ours = TermDictionaryWriter(StructFile(ours_out))
    for key, value in items:
        stock.add(key, value)
        ours.add(key, value)
    stock.close()
    ours.close()
    relies(ours_out.final == stock_out.final,
           "the ordered hash file format changed (TermDictionaryWriter no longer writes "
           "what OrderedHashWriter writes)")
    reader = filetables.OrderedHashReader(StructFile(io.BytesIO(ours_out.final)),
                                          len(ours_out.final))
    relies(all(reader[k] == v for k, v in items[::97]), "OrderedHashReader cannot read ours")


def test_length_column_name(stock_index: FileIndex) -> None:
    relies(callable(getattr(whoosh3, "_lenfield", None)),
           "whoosh.codec.whoosh3._lenfield is gone")
    relies(wi.length_column("body") == "_body_len", "length columns are named otherwise")
    reader = stock_index.reader().leaf_readers()[0][0]
    relies(wi.per_document(reader).has_column(wi.length_column("body")),
           "a segment has no column named by length_column for a scored field")


# -- The table of contents ----------------------------------------------------------------


def test_latest_generation(stock_index: FileIndex) -> None:
    relies(callable(getattr(TOC, "_latest_generation", None)), "TOC._latest_generation is gone")
    relies(wi.latest_generation(stock_index.storage, "MAIN") == stock_index.latest_generation()
           == 2, "TOC._latest_generation no longer gives FileIndex.latest_generation()")
    relies(wi.latest_generation(stock_index.storage, "OTHER") == -1,
           "TOC._latest_generation of an absent index is no longer -1")


# -- Reading a segment ----------------------------------------------------------------------


def test_segment_terms(stock_index: FileIndex) -> None:
    reader = stock_index.reader().leaf_readers()[0][0]
    relies(isinstance(getattr(reader, "_terms", None), whoosh3.W3TermsReader),
           "SegmentReader._terms is no longer a W3TermsReader")
    for attr in ("_tindex", "_fieldmap", "_fieldunmap", "_keycoder", "_postfile"):
        relies(hasattr(reader._terms, attr), f"W3TermsReader.{attr} is gone")
    terms = wi.segment_terms(reader)
    relies(terms is not None, "segment_terms found no term dictionary")
    assert terms is not None
    relies(isinstance(terms.hashfile, filetables.OrderedHashReader),
           "W3TermsReader._tindex is no longer an OrderedHashReader")
    relies(set(terms.field_numbers) == set(reader.indexed_field_names()),
           "W3TermsReader._fieldmap no longer maps the segment's fields to numbers")
    relies(all(terms.field_names[n] == f for f, n in terms.field_numbers.items()),
           "W3TermsReader._fieldunmap no longer maps numbers back to fields")
    raw = terms.hashfile.get(terms.encode_key("body", b"flood"))
    relies(raw is not None and W3TermInfo.from_bytes(raw).doc_frequency()
           == reader.doc_frequency("body", b"flood"),
           "W3TermsReader._keycoder no longer makes the dictionary key of a term")
    relies(terms.postings_file is reader._terms._postfile,
           "W3TermsReader._postfile is not the postings file")


def test_per_document_reader(stock_index: FileIndex) -> None:
    reader = stock_index.reader().leaf_readers()[0][0]
    relies(isinstance(getattr(reader, "_perdoc", None), whoosh3.W3PerDocReader),
           "SegmentReader._perdoc is no longer the segment's W3PerDocReader")


def test_fixed_column_bytes(stock_index: FileIndex) -> None:
    reader = stock_index.reader().leaf_readers()[0][0]
    col = wi.per_document(reader).column_reader(wi.length_column("body"),
                                                whoosh3.LENGTHS_COLUMN)
    for attr in ("_dbfile", "_basepos", "_count", "_fixedlen"):
        relies(hasattr(col, attr), f"FixedBytesColumn.Reader.{attr} is gone")
    relies(isinstance(col, columns.FixedBytesColumn.Reader),
           "length columns are no longer read by a FixedBytesColumn.Reader")
    relies(wi.fixed_column_bytes(col) == bytes(col[d] for d in range(3)),
           "a fixed-width column's bytes are no longer its values one after another")


def test_numeric_column_format(stock_index: FileIndex) -> None:
    reader = stock_index.reader().leaf_readers()[1][0]
    col = reader.column_reader("issued", translate=False)
    relies(isinstance(col, columns.NumericColumn.Reader),
           "a sortable NUMERIC field is no longer read by a NumericColumn.Reader")
    for attr in ("_typecode", "_default"):
        relies(hasattr(col, attr), f"NumericColumn.Reader.{attr} is gone")
    typecode, _default = wi.numeric_column_format(col)
    raw = wi.fixed_column_bytes(col)
    assert raw is not None
    values = struct.unpack(f"!{len(raw) // struct.calcsize(typecode)}{typecode}", raw)
    relies(list(values) == [col[d] for d in range(3)],
           "numeric columns are no longer packed big-endian by their typecode")


# -- Writing a segment ----------------------------------------------------------------------


class _Watched(LeanWriter):
    calls: list[str]

    def flush_segment(self) -> None:
        self.calls.append("flush")
        super().flush_segment()

    def publishing(self) -> None:
        self.calls.append(f"publishing {wi.latest_generation(self.storage, self.indexname)}")

    def published(self) -> None:
        self.calls.append(f"published {wi.latest_generation(self.storage, self.indexname)}")

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: Any) -> None:
        self.calls.append("merge")
        super().add_postings_to_pool(reader, startdoc, docmap)


def _satchel_index(tmp_path: Path) -> FileIndex:
    from index.schema import build_schema

    (tmp_path / "satchel").mkdir()
    return FileIndex.create(FileStorage(str(tmp_path / "satchel")), build_schema(), "MAIN")


def test_segment_writer_private_parts() -> None:
    relies(_has_param(SegmentWriter.__init__, "_lk"),
           "SegmentWriter no longer takes _lk (whether to take the write lock)")
    for name in ("_flush_segment", "_finalize_segment", "_commit_toc"):
        relies(callable(getattr(SegmentWriter, name, None)), f"SegmentWriter.{name} is gone")
    source = inspect.getsource(SegmentWriter)
    for needle in ("self._tempstorage", "self._added"):
        relies(needle in source, f"SegmentWriter no longer uses {needle}")


def test_writer_hooks_run_where_whoosh_calls_them(tmp_path: Path) -> None:
    ix = _satchel_index(tmp_path)
    from index.document import IndexDocument
    from index.schema import to_fields

    def doc(n: int) -> dict:
        return to_fields(IndexDocument(
            key=f"p/{n}", publisher="p", publisher_name="P", article_id=str(n), version=1,
            language="en", title=f"river {n}", byline="", summary="", body_text="flood water"))

    writer = _Watched(ix)
    writer.calls = []
    relies(writer.writelock is None, "SegmentWriter took the write lock although _lk=False")
    scratch = writer.scratch
    writer.add_document(**doc(1))
    writer.commit()
    relies(writer.calls == ["flush", "publishing 0", "published 1"],
           f"commit ran the hooks as {writer.calls}: _flush_segment or _commit_toc moved")
    relies(not Path(scratch.folder).exists(),
           "the writer's own scratch folder (_tempstorage) was not removed at commit")
    # A second segment, then a merge of both: Whoosh hands each old segment to
    # add_postings_to_pool.
    writer = _Watched(ix)
    writer.calls = []
    writer.add_document(**doc(2))
    writer.commit(merge=False)
    writer = _Watched(ix)
    writer.calls = []
    writer.commit(optimize=True)
    relies(writer.calls.count("merge") == 2,
           f"an optimize called add_postings_to_pool {writer.calls.count('merge')} times, not 2")
    relies(ix.doc_count() == 2 and len(ix.reader().leaf_readers()) == 1, "the merge lost documents")


def test_a_segments_own_file_goes_with_it(tmp_path: Path) -> None:
    """The word list (`index.wordlist`) is a file Whoosh does not know, named
    after its segment: Whoosh keeps it while the segment lives and deletes it
    with the segment's other files after a merge (`clean_files`)."""
    from index.document import IndexDocument
    from index.schema import to_fields
    from index.wordlist import EXT

    ix = _satchel_index(tmp_path)
    for n in range(2):
        writer = LeanWriter(ix)
        writer.add_document(**to_fields(IndexDocument(
            key=f"p/{n}", publisher="p", publisher_name="P", article_id=str(n), version=1,
            language="en", title="Security", byline="", summary="", body_text="rivers")))
        writer.commit(merge=False)
    folder = Path(ix.storage.folder)
    first = {p.name for p in folder.glob(f"*{EXT}")}
    relies(len(first) == 2, f"word lists beside two segments: {sorted(first)}")
    LeanWriter(ix).commit(optimize=True)
    after = {p.name for p in folder.glob(f"*{EXT}")}
    (segment,) = [s for s, _ in ix.reader().leaf_readers()]
    relies(after == {segment.segment().make_filename(EXT)} and not after & first,
           "clean_files no longer deletes a merged-away segment's files by their name, "
           f"or keeps a live segment's: before {sorted(first)}, after {sorted(after)}")


def test_finish_segment_writes_without_publishing(tmp_path: Path) -> None:
    ix = _satchel_index(tmp_path)
    from index.document import IndexDocument
    from index.schema import to_fields

    writer = LeanWriter(ix)
    writer.add_document(**to_fields(IndexDocument(
        key="p/1", publisher="p", publisher_name="P", article_id="1", version=1,
        language="en", title="river", byline="", summary="", body_text="flood")))
    segment = writer.finish_segment()
    relies(segment.doc_count_all() == 1, "finish_segment (_finalize_segment) gave no segment")
    relies(wi.latest_generation(ix.storage, "MAIN") == 0,
           "finish_segment published a TOC")
    writer.cancel()


# -- No other module touches a private Whoosh name -------------------------------------------


def _whoosh_private_names() -> frozenset[str]:
    """Every `_name` (not dunder) Whoosh defines: functions, classes, attributes
    it assigns, module constants, parameters."""
    names: set[str] = set()
    for path in Path(whoosh.__file__).parent.rglob("*.py"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Whoosh's old string escapes
            tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            found: list[str] = []
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                found.append(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                found.append(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                found.append(node.id)
            elif isinstance(node, ast.arg):
                found.append(node.arg)
            names.update(n for n in found if n.startswith("_") and not n.startswith("__"))
    return frozenset(names)


def _our_modules() -> Iterator[Path]:
    """Every module of index/, and any other of ours that imports Whoosh (a
    module that never meets a Whoosh object may name its own attributes as it
    likes)."""
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            if package == "index" or _whoosh_imports(ast.parse(path.read_text("utf-8"))):
                yield path


def _whoosh_imports(tree: ast.Module) -> set[str]:
    """Local names bound to Whoosh modules or to things imported from them."""
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "whoosh":
            bound.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names
                         if alias.name.split(".")[0] == "whoosh")
    return bound


def _whoosh_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """Names of our classes that derive from a Whoosh class (directly, or through
    another of ours, whoosh_internals' adapters included)."""
    bases: dict[str, set[str]] = {}
    from_whoosh: set[str] = set()
    for tree in trees.values():
        imported = _whoosh_imports(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                names = set()
                for base in node.bases:
                    root = base
                    while isinstance(root, ast.Attribute):
                        root = root.value
                    if isinstance(root, ast.Name):
                        names.add(root.id if root is not base else base.id)
                        if root.id in imported:
                            from_whoosh.add(node.name)
                    if isinstance(base, ast.Name):
                        names.add(base.id)
                bases[node.name] = names
    derived = set(from_whoosh)
    changed = True
    while changed:
        changed = False
        for name, parents in bases.items():
            if name not in derived and parents & derived:
                derived.add(name)
                changed = True
    return derived


def _violations(path: Path, tree: ast.Module, private: frozenset[str],
                derived: set[str]) -> list[str]:
    out: list[str] = []
    where = path.relative_to(REPO)
    imported = _whoosh_imports(tree)

    def visit(node: ast.AST, in_derived: bool) -> None:
        if isinstance(node, ast.ClassDef):
            inside = node.name in derived
            for child in node.body:
                if inside and isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) \
                        and child.name in private:
                    out.append(f"{where}:{child.lineno}: overrides Whoosh's {child.name}")
                visit(child, inside)
            return
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "whoosh":
            for alias in node.names:
                if alias.name.startswith("_"):
                    out.append(f"{where}:{node.lineno}: imports {node.module}.{alias.name}")
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") \
                and not node.attr.startswith("__") and node.attr in private:
            owner = node.value
            is_self = isinstance(owner, ast.Name) and owner.id in ("self", "cls")
            is_super = isinstance(owner, ast.Call) and getattr(owner.func, "id", "") == "super"
            from_module = isinstance(owner, ast.Name) and owner.id in imported
            if from_module or is_super or (not is_self) or in_derived:
                out.append(f"{where}:{node.lineno}: uses Whoosh's {node.attr}")
        if isinstance(node, ast.keyword) and node.arg and node.arg.startswith("_") \
                and node.arg in private:
            out.append(f"{where}:{getattr(node, 'lineno', '?')}: passes Whoosh's {node.arg}=")
        for child in ast.iter_child_nodes(node):
            visit(child, in_derived)

    visit(tree, False)
    return out


def test_no_other_module_touches_a_private_whoosh_name() -> None:
    private = _whoosh_private_names()
    trees = {path: ast.parse(path.read_text("utf-8")) for path in _our_modules()}
    derived = _whoosh_classes(trees)
    found = [v for path, tree in trees.items() if path != ALLOWED
             for v in _violations(path, tree, private, derived)]
    assert not found, ("private Whoosh names outside index/whoosh_internals.py (move them "
                       "there, with what they rely on and a contract test):\n" + "\n".join(found))


def test_the_check_catches_each_kind_of_use(tmp_path: Path) -> None:
    """The scan itself: each way of touching a Whoosh internal is caught."""
    private = _whoosh_private_names()
    source = '''
from whoosh.codec.whoosh3 import W3TermInfo, _lenfield
from whoosh.writing import SegmentWriter
import whoosh.index

class Mine(SegmentWriter):
    def _flush_segment(self):
        return self._tempstorage

class Fine:
    def __init__(self):
        self._count = 0  # our own attribute

def f(writer, ix):
    writer._finalize_segment()
    whoosh.index.TOC._latest_generation(ix.storage, "MAIN")
    SegmentWriter(ix, _lk=False)
    return W3TermInfo._struct
'''
    tree = ast.parse(source)
    path = REPO / "index" / "example.py"
    found = _violations(path, tree, private, _whoosh_classes({path: tree}))
    kinds = sorted(v.split(": ", 1)[1] for v in found)
    assert kinds == sorted([
        "imports whoosh.codec.whoosh3._lenfield", "overrides Whoosh's _flush_segment",
        "uses Whoosh's _tempstorage", "uses Whoosh's _finalize_segment",
        "uses Whoosh's _latest_generation", "passes Whoosh's _lk=",
        "uses Whoosh's _struct",
    ]), kinds
