"""A leaner Whoosh segment writer, and parallel bulk builds without orphans.

Whoosh's `SegmentWriter` spends most of a commit on bookkeeping rather than
on writing: every posting goes through a size estimate and a pickled sort run
(`PostingPool`), and `add_postings` asks the segment's length column for the
document's field length once per posting, which for an unscored field means
an `os.path.exists` call per posting. `LeanWriter` keeps Whoosh's commit and
segment layout, writes postings through `index.codec.SatchelCodec`, and
replaces those parts:

- `TermPool` groups postings by field and term in memory (one sort of
  distinct terms, not of every posting), takes a document's field in one call,
  and spills sorted runs, one pickle per term, when it outgrows `limitmb`;
- `_Lengths` reads each field's length column once per flush;
- `_write_terms` hands the codec one whole term at a time, which it writes
  without TermInfo objects (`index.codec`).

Segments also get a word list (`index.wordlist`). Parallel builds run the
same writer in worker processes, one segment each (`build_segments`).
"""

from __future__ import annotations

import contextlib
import gc
import heapq
import multiprocessing
import os
import pickle
import queue
import signal
import struct
import sys
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import groupby
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.fields import UnknownFieldError
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.util.numeric import byte_to_length
from whoosh.writing import IndexingError

from bundles import faults
from bundles.background import Background
from index import analysis, wordlist
from index.analysis import primary_language, profile
from index.codec import (
    SHORT_ID_DOCS,
    SatchelCodec,
    SatchelFieldWriter,
    all_postings,
    entry_postings,
)
from index.document import IndexDocument
from index.errors import IndexWorkerError
from index.reading import dictionary_entries
from index.schema import LanguageText, build_schema, to_fields
from index.whoosh_internals import SegmentWriterBase, length_column, segment_terms
from index.wordlist import WordList

Posting = tuple[str, bytes, int, float, bytes]
_FIELD_NUMBER = struct.Struct("!H")  # how a term dictionary key starts
_Key = tuple[str, bytes]


class TermPool:
    """Postings grouped by field, then term, sorted once at the end."""

    # Rough bytes per buffered posting (tuple, int, float, encoded positions).
    _POSTING_BYTES = 120

    def __init__(self, tempstore: FileStorage, limitmb: int = 128):
        self._tempstore = tempstore
        self._limit = max(1, limitmb * 1024 * 1024 // self._POSTING_BYTES)
        self._fields: dict[str, dict[bytes, list[tuple[int, float, bytes]]]] = {}
        self._count = 0
        self._runs: list[str] = []
        self._merged = False  # postings came from add/add_term (merges), not only documents
        self.fieldnames: set[str] = set()
        # Each language's raw words, for the segment's word list (`index.wordlist`);
        # not gathered where the analysis remembers them (indexing workers).
        self.raw_words: dict[str, set[str]] = {}
        self.gather_words = True

    def _terms_of(self, fieldname: str) -> dict[bytes, list[tuple[int, float, bytes]]]:
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        return terms

    def add(self, item: Posting) -> None:
        """One posting (Whoosh's merges add postings this way)."""
        fieldname, tbytes, docnum, weight, vbytes = item
        self._merged = True
        posts = self._terms_of(fieldname).setdefault(tbytes, [])
        posts.append((docnum, weight, vbytes))
        self._count += 1
        if self._count >= self._limit:
            self._spill()

    def add_term(self, fieldname: str, tbytes: bytes, posts: list[tuple[int, float, bytes]]) -> None:
        """Postings of one term, docnums above any this term holds (a merge)."""
        if not posts:
            return
        self._merged = True
        self._terms_of(fieldname).setdefault(tbytes, []).extend(posts)
        self._count += len(posts)
        if self._count >= self._limit:
            self._spill()

    def add_field(self, fieldname: str, docnum: int, items: Iterable[tuple[bytes, int, float, bytes]],
                  boost: float, scorable: bool) -> int:
        """One document's postings in one field, from `field.index(value)`;
        returns the field's length (0 when unscored). One loop here instead of a
        call and a key tuple per posting: most of an import's postings pass here."""
        terms = self._terms_of(fieldname)
        get = terms.get
        length = count = 0
        for tbytes, freq, weight, vbytes in items:
            length += freq
            count += 1
            posting = (docnum, weight * boost, vbytes)
            posts = get(tbytes)
            if posts is None:
                terms[tbytes] = [posting]
            else:
                posts.append(posting)
        self._count += count
        if self._count >= self._limit:
            self._spill()
        return length if scorable else 0

    def add_text(self, fieldname: str, docnum: int, field: LanguageText, value: Any,
                 boost: float) -> int:
        """`add_field` for a `LanguageText` value, from its positions directly:
        the same postings without a tuple per term (the body is most of an
        import's postings); returns the field's length."""
        terms = self._terms_of(fieldname)
        get = terms.get
        field_boost = field.format.field_boost
        encode = field.encode_positions
        length = 0
        positions, raws = field.positions(value)
        if self.gather_words:
            words = self.raw_words.get(value[0])
            if words is None:
                words = self.raw_words[value[0]] = set()
            words.update(raws)
        for term, poslist in positions.items():
            freq = len(poslist)
            length += freq
            tbytes = term.encode("utf-8")
            posting = (docnum, freq * field_boost * boost, encode(poslist))  # as add_field
            posts = get(tbytes)
            if posts is None:
                terms[tbytes] = [posting]
            else:
                posts.append(posting)
        self._count += len(positions)
        if self._count >= self._limit:
            self._spill()
        return length if field.scorable else 0

    def _spill(self) -> None:
        name = f"{uuid.uuid4().hex}.pool"
        with self._tempstore.create_file(name).raw_file() as f:
            for key, posts in self._memory_terms():
                pickle.dump((key, posts), f, pickle.HIGHEST_PROTOCOL)
        self._runs.append(name)
        self._fields = {}
        self._count = 0

    def _memory_terms(self) -> Iterator[tuple[_Key, list[tuple[int, float, bytes]]]]:
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            for tbytes in sorted(terms):
                yield (fieldname, tbytes), terms[tbytes]

    def _read_run(self, name: str) -> Iterator[tuple[_Key, list[tuple[int, float, bytes]]]]:
        with self._tempstore.open_file(name).raw_file() as f:
            while True:
                try:
                    yield pickle.load(f)
                except EOFError:
                    return

    def _sorted_terms(self) -> Iterator[tuple[_Key, list[tuple[int, float, bytes]]]]:
        memory = self._memory_terms()
        if not self._runs:
            yield from memory
            return
        # Runs hold earlier documents than later runs and than memory, so
        # concatenating one term's lists in run order keeps docnums ascending.
        sources = [self._read_run(name) for name in self._runs] + [memory]
        merged = heapq.merge(*(((key, i, posts) for key, posts in src)
                               for i, src in enumerate(sources)))
        key, _, posts = next(merged, (None, 0, []))
        while key is not None:
            nxt, _, more = next(merged, (None, 0, []))
            if nxt == key:
                posts = posts + more
                continue
            yield key, posts
            key, posts = nxt, more

    def sorted_terms(self) -> Iterator[tuple[_Key, list[tuple[int, float, bytes]]]]:
        """(field, term) in order, each with its postings in docnum order."""
        for key, posts in self._sorted_terms():
            posts.sort()  # already in order unless a merge interleaved segments
            yield key, posts

    def by_field(self) -> Iterator[tuple[str, Iterable[tuple[bytes, list[tuple[int, float, bytes]]]]]]:
        """`sorted_terms` a field at a time: (field, its (term, postings) in
        order). Without spilled runs (an import's usual case), a field's terms
        come straight from its dict, with no Python step per term."""
        if self._runs:
            for fieldname, items in groupby(self.sorted_terms(), key=_field_of):
                yield fieldname, ((key[1], posts) for key, posts in items)
            return
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            keys = sorted(terms)
            if self._merged:  # a merge may have interleaved segments' docnums
                for posts in terms.values():
                    posts.sort()
            yield fieldname, zip(keys, map(terms.__getitem__, keys), strict=True)

    def unstemmed_pairs(self) -> set[tuple[str, str]]:
        """(word, term) of the pooled words indexed as another term."""
        if not self.gather_words:
            return analysis.remembered_pairs()
        pairs: set[tuple[str, str]] = set()
        for language, raws in self.raw_words.items():
            pairs.update(profile(language).unstemmed_pairs(raws))
        return pairs

    def cleanup(self) -> None:
        self.raw_words.clear()
        self._fields.clear()
        for name in self._runs:
            with contextlib.suppress(OSError):
                self._tempstore.delete_file(name)
        self._runs.clear()


class _Lengths:
    """Field lengths of a just-written segment, read once per field."""

    def __init__(self, perdoc: Any):
        self._perdoc = perdoc
        self._columns: dict[str, list[int]] = {}

    def column(self, fieldname: str) -> list[int]:
        """Every document's length of `fieldname` (empty: the field is unscored)."""
        column = self._columns.get(fieldname)
        if column is None:
            lenfield = length_column(fieldname)
            column = []
            if self._perdoc.has_column(lenfield):
                column = [byte_to_length(b)
                          for b in self._perdoc.column_reader(lenfield, LENGTHS_COLUMN)]
            self._columns[fieldname] = column
        return column

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        column = self.column(fieldname)
        return column[docnum] if docnum < len(column) else default

    def close(self) -> None:
        self._perdoc.close()


class LeanWriter(SegmentWriterBase):
    """A segment writer with `TermPool`, `_Lengths` and `SatchelCodec`. It
    never takes Whoosh's write lock: the caller holds it (`index.store`)."""

    pool: TermPool  # Whoosh's writer holds its own pool here; ours replaces it

    def __init__(self, ix: Any, limitmb: int = 128, **kwargs: Any):
        kwargs.setdefault("compound", False)
        kwargs.setdefault("codec", SatchelCodec())
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool.cleanup()
        self.pool = TermPool(self.scratch, limitmb)
        self.merged_words: set[tuple[str, str]] = set()  # word lists of merged segments

    def add_document(self, **fields: Any) -> None:
        """Whoosh's `add_document` (`_boost` and `_<field>_boost` arguments
        included), with each field's postings handed to the pool in one call
        (`TermPool.add_field`). Term vectors and separate spelling fields,
        which Satchel's schema does not use, go the stock way."""
        schema = self.schema
        if any(schema[name].vector or schema[name].separate_spelling()
               for name in fields if name in schema):
            super().add_document(**fields)
            return
        if self.is_closed:
            raise IndexingError("This writer is closed")
        docboost = float(fields.get("_boost", 1.0))
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        for name in fieldnames:
            if name not in schema:
                raise UnknownFieldError(f"No field named {name!r} in {schema}")
        perdoc = self.perdocwriter
        docnum = self.docnum
        perdoc.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    boost = float(fields.get(f"_{fieldname}_boost", docboost))
                    if type(field) is LanguageText:
                        length = self.pool.add_text(fieldname, docnum, field, value, boost)
                    else:
                        length = self.pool.add_field(fieldname, docnum, field.index(value),
                                                     boost, field.scorable)
                custom = fields.get(f"_stored_{fieldname}", value)
                perdoc.add_field(fieldname, field, custom if field.stored else None, length)
                if field.column_type and custom is not None:
                    perdoc.add_column_value(fieldname, field.column_type,
                                            field.to_column_value(custom))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self.document_added()

    def add_postings_to_pool(self, reader: Any, startdoc: int,
                             docmap: dict[int, int] | None) -> None:
        """Whoosh's merge step (a segment's postings into this writer's pool),
        reading the term dictionary in bulk and pooling whole terms: the stock
        path went through the matcher and the pool once per posting, which
        made merging a segment slower than indexing its articles afresh."""
        schema = self.schema
        terms = segment_terms(reader)
        if terms is None:
            return
        words = WordList.of(reader)
        if words is not None:
            self.merged_words.update(words.pairs())
            words.close()
        names = terms.field_names
        for key, entry in dictionary_entries(terms.hashfile, terms.hashfile.startofdata):
            fieldname, tbytes = names[_FIELD_NUMBER.unpack_from(key)[0]], key[2:]
            if fieldname not in schema:
                continue
            found = entry_postings(entry)
            ids: Sequence[int]
            weights: Sequence[float]
            values: Sequence[bytes | None]
            if len(found) == 3:  # most terms: the postings are in the entry
                ids, weights, values = found
            else:
                offset, length = found
                ids, weights, values = all_postings(terms.postings_file.get, offset, length)
            if docmap is None:
                posts = [(startdoc + d, w, v or b"")
                         for d, w, v in zip(ids, weights, values, strict=True)]
            else:  # deleted documents are not in the map
                posts = [(docmap[d], w, v or b"")
                         for d, w, v in zip(ids, weights, values, strict=True) if d in docmap]
            self.pool.add_term(fieldname, tbytes, posts)

    def flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = _Lengths(self.per_document_reader())
        try:
            self.fieldwriter.short_ids = self.docnum <= SHORT_ID_DOCS
            _write_terms(self.fieldwriter, self.schema, lengths, self.pool)
        finally:
            lengths.close()
        self.fieldwriter.close()
        wordlist.write(self.newsegment.create_file(self.storage, wordlist.EXT),
                       self.pool.unstemmed_pairs() | self.merged_words)


def _write_terms(fieldwriter: SatchelFieldWriter, schema: Any, lengths: _Lengths,
                 pool: TermPool) -> None:
    """The pool's postings, one field's terms per call."""
    for fieldname, items in pool.by_field():
        fieldwriter.start_field(fieldname, schema[fieldname])
        fieldwriter.add_terms(items, lengths.column(fieldname))
        fieldwriter.finish_field()


def _field_of(item: tuple[_Key, Any]) -> str:
    return item[0][0]


# -- Parallel builds -------------------------------------------------------------

# An indexing worker analyses every word of its articles: it keeps more of
# them than a searching process (index.analysis.CACHE_BYTES).
WORKER_ANALYSIS_BYTES = 64 << 20
# Documents per queue item: small enough that two workers end within a few
# documents of each other on a 1,000-article import, large enough that the
# queue costs nothing beside the analysis.
_BATCH = 16
# Batches a worker's queue holds; a batch leaves its language's worker when
# that worker has `_SLACK_BATCHES` more queued work than the least busy one.
_QUEUE_BATCHES = 8
_SLACK_BATCHES = 3


# An article also brings its segment about 50 new terms, and writing one costs
# about what analysing 28 characters does.
_NEW_TERMS_CHARS = 50 * 28


def _weight(doc: IndexDocument) -> int:
    """About how much work a document is, in characters analysed: its text,
    and the writing of its new terms (which makes short articles in words-rich
    languages dearer than their length)."""
    return (_NEW_TERMS_CHARS + len(doc.body_text) + len(doc.title) + len(doc.summary)
            + len(doc.byline))


class _Router:
    """Which worker gets each batch: one language's documents go to one worker,
    so each segment holds fewer distinct terms (writing costs per distinct
    term), unless that worker has more work waiting than the least busy one
    by more than the slack. Work waiting is what was sent less what the
    worker reports done (`done`, shared counters), so that no worker idles."""

    def __init__(self, done: list[Any]):
        self.done = done
        self.sent = [0] * len(done)
        self._batches = 0
        self._home: dict[str, int] = {}

    def route(self, language: str, weight: int) -> int:
        waiting = [sent - done.value for sent, done in zip(self.sent, self.done, strict=True)]
        least = min(range(len(waiting)), key=waiting.__getitem__)
        home = self._home.setdefault(language, least)
        slack = _SLACK_BATCHES * sum(self.sent) / max(1, self._batches)
        worker = home if waiting[home] - waiting[least] <= slack else least
        self.sent[worker] += weight
        self._batches += 1
        return worker


def _die_with_parent() -> None:
    """End this worker as soon as its parent is gone, however the parent died."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the parent's sentinel closes
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    if not parent.is_alive():
        os._exit(1)


def _worker(storage: FileStorage, indexname: str, limitmb: int,
            jobs: Any, results: Any, done: Any, shared: Sequence[IndexDocument] | None) -> None:
    # A terminal's Ctrl+C reaches the whole process group: the parent decides
    # whether to stop (and then ends this worker), so it is no error here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    # What this worker inherited (its parent's objects, or the modules the
    # fork server loaded) is never garbage: keep the collector off it.
    gc.freeze()
    analysis.configure(cache_bytes=WORKER_ANALYSIS_BYTES, remember_words=True)
    try:
        ix = FileIndex(storage, build_schema(), indexname)  # never the pickled schema
        writer = LeanWriter(ix, limitmb=limitmb)
        writer.pool.gather_words = False  # the analysis remembers them (configure above)
        added = 0
        while (batch := jobs.get()) is not None:
            if shared is not None:  # positions in the parent's list, inherited by a fork
                batch = [shared[i] for i in batch]
            faults.hit("index-worker")  # the crash tests kill a worker here
            for doc in batch:
                writer.add_document(**to_fields(doc))
                done.value += _weight(doc)  # this worker's counter: no lock needed
            added += len(batch)
        if added:
            results.put(("segment", writer.finish_segment()))
        else:
            writer.cancel()
            results.put(("segment", None))
    except BaseException as exc:  # report, the parent decides
        results.put(("error", f"{type(exc).__name__}: {exc}"))


def worker_context() -> tuple[Any, bool]:
    """How worker processes start, and whether they inherit this process's
    memory. A fork copies every lock in whatever state another thread left it
    (the desktop app indexes on a QThread), and a worker would wait forever on
    a lock no thread of its own holds: so workers are forked only from a
    process with one thread (as the kernel counts them: Python's count misses
    threads it did not start), where a fork is safe and costs nothing to set
    up. Otherwise the fork server (a clean process started once, with the
    program's main module and the index modules loaded) forks them, or, where
    there is none, they are spawned; the program's main module must then
    guard its start with `if __name__ == "__main__"`."""
    if sys.platform.startswith("linux") and _threads() == 1:
        return multiprocessing.get_context("fork"), True
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["__main__", __name__])
        return ctx, False
    return multiprocessing.get_context("spawn"), False


def _threads() -> int:
    """This process's threads (0: unknown)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _ensure_alive(workers: list[Any], folder: str) -> None:
    for w in workers:
        if w.exitcode not in (None, 0):
            raise IndexWorkerError(f"index worker {w.name} died (exit code {w.exitcode})",
                                   path=folder)


def _put(jobs: Any, item: Any, workers: list[Any], folder: str) -> None:
    while True:
        try:
            jobs.put(item, timeout=0.5)
            return
        except queue.Full:
            _ensure_alive(workers, folder)  # a dead worker would never make room


def _get(results: Any, workers: list[Any], folder: str) -> Any:
    while True:
        try:
            return results.get(timeout=0.5)
        except queue.Empty:
            _ensure_alive(workers, folder)
            if all(w.exitcode == 0 for w in workers) and results.empty():
                raise IndexWorkerError("index workers ended without reporting",
                                       path=folder) from None


def build_segments(ix: Any, docs: Iterable[IndexDocument], procs: int,
                   limitmb: int, meanwhile: Callable[[], None] | None = None) -> list[Any]:
    """Index `docs` in `procs` worker processes, one new segment each, and
    return the segments for the caller to publish in one commit.

    `meanwhile` runs in a thread of this process once the workers are started
    (a thread running at a fork would leave its locks held in the workers),
    and its error, if any, is raised here.

    The caller must hold the index's write lock. Workers die with this process
    (see `_die_with_parent`) and are killed if anything here fails, so an
    interrupted build leaves no process behind, only unpublished files that
    the next commit cleans away.
    """
    ctx, inherits = worker_context()
    folder = str(getattr(ix.storage, "folder", ""))
    # Documents already in a list reach forked workers in their copy of this
    # process's memory: batches then carry positions in it, not pickled documents.
    shared = docs if inherits and isinstance(docs, Sequence) else None
    jobs = [ctx.Queue(_QUEUE_BATCHES) for _ in range(procs)]
    done = [ctx.Value("q", 0, lock=False) for _ in range(procs)]
    results = ctx.Queue()
    workers = [ctx.Process(target=_worker,
                           args=(ix.storage, ix.indexname, limitmb, jobs[i], results, done[i],
                                 shared),
                           name=f"satchel-index-{i}", daemon=True) for i in range(procs)]
    for w in workers:
        w.start()
    side = Background(meanwhile, name="satchel-index-side") if meanwhile else None
    try:
        router = _Router(done)
        pending: dict[str, tuple[list[Any], list[int]]] = {}  # language: (batch, weights)
        for position, doc in enumerate(docs):
            language = primary_language(doc.language)
            batch, weights = pending.setdefault(language, ([], []))
            batch.append(doc if shared is None else position)
            weights.append(_weight(doc))
            if len(batch) >= _BATCH:
                del pending[language]
                _put(jobs[router.route(language, sum(weights))], batch, workers, folder)
        for language, (batch, weights) in pending.items():
            _put(jobs[router.route(language, sum(weights))], batch, workers, folder)
        for queue_ in jobs:
            _put(queue_, None, workers, folder)
        segments = []
        for _ in workers:
            kind, value = _get(results, workers, folder)
            if kind == "error":
                raise IndexWorkerError(f"index worker failed: {value}", path=folder)
            if value is not None:
                segments.append(value)
        for w in workers:
            w.join()
        if side is not None:
            side.result()
        return segments
    finally:
        if side is not None:
            side.join()
        for w in workers:
            if w.is_alive():
                w.kill()
            w.join()
        for queue_ in jobs:
            # Batches a dead worker never took would keep the queue's feeder
            # thread, and this process's exit, waiting for a reader: drop them.
            queue_.cancel_join_thread()
            queue_.close()
        results.close()
