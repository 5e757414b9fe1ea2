"""`Index`: the library's full-text index on disk, kept in step with the catalog.

One `Index` per process. Writers take Whoosh's file lock (one writer across
processes); searches never take it: each search reads the newest
generation, reopened when another commit lands, so writing never blocks
reading. Every commit is bracketed by the sidecar manifest
(`index.manifest`) and written through `DurableStorage`, so a crash or power
cut leaves the index at its previous commit, at the new one, or flagged
`needs_rebuild`, never silently short of documents.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh.index import FileIndex
from whoosh.reading import SegmentReader
from whoosh.util.filelock import try_for

from bundles import faults
from index import manifest
from index.analysis import ANALYZER_ID, indexing_here
from index.codec import CODEC_ID
from index.document import IndexDocument
from index.durable import DurableStorage
from index.errors import IndexLockedError, IndexNeedsRebuildError
from index.query import ParsedQuery, SearchFilters
from index.reading import SearchContext, key_text
from index.results import SearchPage
from index.schema import SCHEMA_ID, build_schema, to_fields
from index.sealed import SealedStorage
from index.search import BodyText, Sort, search
from index.state import StateFilter
from index.whoosh_internals import latest_generation
from index.writer import LeanWriter, build_segments

INDEX_NAME = "MAIN"
# What the manifest records: an index written by other analysis or another
# on-disk format would give wrong results, so either difference means rebuild.
BUILD_ID = f"{ANALYZER_ID} {CODEC_ID} {SCHEMA_ID}"
LIMIT_MB = 128
# An update of at least this many documents is written by worker processes.
PARALLEL_MIN = 400
# Segments smaller than TINY are merged once there are TINY_COUNT of them: a
# bounded cost per update. Larger ones are merged only by `optimize`, for idle
# time: merging costs about what indexing does, too much inside an import
# (docs/performance.md, "Segments over time").
TINY, TINY_COUNT = 300, 4


class _CrashableWriter(LeanWriter):
    """LeanWriter with the crash points around publishing a commit."""

    def publishing(self) -> None:
        faults.hit("index-before-toc")  # segment files written, not yet published

    def published(self) -> None:
        faults.hit("index-after-toc")  # published, manifest not yet updated


class Index:
    """The Whoosh index in one folder. Create with `Index.open(path)`."""

    def __init__(self, path: Path, storage: DurableStorage, reason: str | None,
                 lock_timeout: float, procs: int):
        self.path = path
        self.procs = procs
        self._storage = storage
        self._schema = build_schema()
        self._reason = reason
        self._lock_timeout = lock_timeout
        self._write_mutex = threading.Lock()
        self._ctx_mutex = threading.Lock()
        self._ctx: SearchContext | None = None

    # -- opening ------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, lock_timeout: float = 30.0, procs: int | None = None,
             key: bytes | None = None) -> Index:
        """Open the index in `path`, creating an empty one when there is none.

        Never raises for a damaged or outdated index: it opens with
        `needs_rebuild` set and `rebuild_reason` saying why. Large updates use
        `procs` worker processes (default: 2, or 1 on a single CPU). With
        `key`, a protected library's index: its files are sealed (index/sealed.py).
        """
        procs = procs if procs is not None else min(2, os.cpu_count() or 1)
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        storage = DurableStorage(str(path)) if key is None else SealedStorage(str(path), key)
        found = manifest.read(path)
        if latest_generation(storage, INDEX_NAME) < 0:
            if found is not None:
                return cls(path, storage, "its files are missing", lock_timeout, procs)
            FileIndex.create(storage, build_schema(), INDEX_NAME)
            manifest.write(path, manifest.Manifest(BUILD_ID, manifest.CLEAN, 0, 0))
            return cls(path, storage, None, lock_timeout, procs)
        try:
            ix = FileIndex(storage, build_schema(), INDEX_NAME)
            reason = manifest.check(found, BUILD_ID, ix.latest_generation(), ix.doc_count())
            if reason is None:
                ix.reader().close()  # every segment must open
        except Exception as exc:  # Whoosh raises many types on damaged files
            reason = f"it cannot be read ({type(exc).__name__}: {exc})"
        return cls(path, storage, reason, lock_timeout, procs)

    @property
    def needs_rebuild(self) -> bool:
        return self._reason is not None

    @property
    def rebuild_reason(self) -> str | None:
        """Why the index must be rebuilt before use, or None."""
        return self._reason

    def _check_usable(self) -> None:
        if self._reason is not None:
            raise IndexNeedsRebuildError(f"the search index needs a rebuild: {self._reason}",
                                         path=str(self.path))

    def _open_ix(self) -> FileIndex:
        return FileIndex(self._storage, self._schema, INDEX_NAME)

    def close(self) -> None:
        with self._ctx_mutex:
            ctx, self._ctx = self._ctx, None
        if ctx is not None:
            ctx.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ------------------------------------------------------------------

    def _context(self) -> SearchContext:
        """A reader of the newest generation, reopened after any commit.

        Whenever the generation changed, or the index was unusable, the
        manifest is checked again: another process may have committed, crashed
        or finished a rebuild since."""
        generation = latest_generation(self._storage, INDEX_NAME)
        with self._ctx_mutex:
            ctx = self._ctx
            if ctx is not None and ctx.generation == generation and self._reason is None:
                return ctx
        reason: str | None
        reader: Any
        try:
            if generation < 0:
                reason, reader = "its files are missing", None
            else:
                ix = self._open_ix()
                reason = manifest.check(manifest.read(self.path), BUILD_ID,
                                        ix.latest_generation(), ix.doc_count())
                reader = ix.reader() if reason is None else None
        except Exception as exc:  # Whoosh raises many types on damaged files
            reason, reader = f"it cannot be read ({type(exc).__name__}: {exc})", None
        self._reason = reason
        self._check_usable()
        assert reader is not None
        read = reader.generation()  # None for an empty index
        fresh = SearchContext(reader, read if read is not None else generation)
        with self._ctx_mutex:
            # The context it replaces is closed by the garbage collector once
            # the searches still using it finish.
            self._ctx = fresh
        return fresh

    def search(self, query: str | ParsedQuery, *, filters: SearchFilters | None = None,
               state: StateFilter | None = None, body_text: BodyText | None = None,
               sort: Sort = "relevance", page: int = 1, pagelen: int = 10) -> SearchPage:
        """Search the box text `query` (see `index.query`) in the newest generation.

        Raises `QueryError` for text that cannot be searched as typed, and
        `IndexNeedsRebuildError` when the index cannot be trusted.
        """
        kwargs: dict[str, Any] = dict(filters=filters, state=state, body_text=body_text,
                                      sort=sort, page=page, pagelen=pagelen)
        try:
            return search(self._context(), query, **kwargs)
        except FileNotFoundError:
            # A commit merged away a file of the generation we held: reopen once.
            with self._ctx_mutex:
                self._ctx = None
            return search(self._context(), query, **kwargs)

    def doc_count(self) -> int:
        return self._context().doc_count

    def keys_versions(self) -> dict[str, int]:
        """Every indexed key with its version, to reconcile with the catalog."""
        ctx = self._context()
        versions = ctx.column("version")
        return {key_text(key): int(versions[d]) for d, key in enumerate(ctx.column("key"))
                if d not in ctx.deleted}

    # -- writing ------------------------------------------------------------------

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        with self._write_mutex:
            lock = self._storage.lock(f"{INDEX_NAME}_WRITELOCK")
            if not try_for(lock.acquire, timeout=self._lock_timeout, delay=0.1):
                raise IndexLockedError("another process is writing the search index",
                                       path=str(self.path))
            try:
                _remove_scratch(self.path)
                yield
            finally:
                lock.release()

    def update(self, add: Iterable[IndexDocument], remove: Iterable[str]) -> None:
        """Add (or replace, by key) `add` and delete the keys in `remove`, in one
        commit: after a crash the index holds all of it or none of it.
        A key both added and removed ends up added."""
        self._context()  # raises if the index cannot be trusted
        adds = {doc.key: doc for doc in add}  # a key given twice: the last wins
        removes = set(remove)
        if not adds and not removes:
            return
        with self._write_lock():
            ix = self._open_ix()
            writer = _CrashableWriter(ix, limitmb=LIMIT_MB)
            try:
                before = writer.reader().doc_count()
                deleted = 0

                def delete() -> None:
                    nonlocal deleted
                    deleted = sum(writer.delete_by_term("key", key)
                                  for key in removes | adds.keys())

                if self.procs > 1 and len(adds) >= PARALLEL_MIN:
                    # The old versions are found while the workers index the new.
                    segments = build_segments(ix, list(adds.values()), self.procs, LIMIT_MB,
                                              meanwhile=delete)
                    self._commit(writer, before - deleted + len(adds), segments=segments)
                else:
                    delete()
                    with indexing_here():  # the commit writes the word list: inside
                        for doc in adds.values():
                            writer.add_document(**to_fields(doc))
                        self._commit(writer, before - deleted + len(adds))
            finally:
                if not writer.is_closed:
                    writer.cancel()

    def rebuild(self, docs: Iterable[IndexDocument], procs: int = 2) -> None:
        """Replace the whole index with `docs` (a key given twice: the first wins).

        With `procs` > 1, that many worker processes analyse and write the
        documents, one segment each; they end if this process dies. Until the
        rebuild finishes, the index reads as needing one.
        """
        with self._write_lock():
            manifest.write(self.path, manifest.Manifest(BUILD_ID, manifest.REBUILDING, -1, -1))
            self._reason = "a rebuild is under way"
            ix = FileIndex.create(self._storage, self._schema, INDEX_NAME)
            seen: set[str] = set()

            def unique() -> Iterator[IndexDocument]:
                for doc in docs:
                    if doc.key not in seen:
                        seen.add(doc.key)
                        yield doc

            writer = _CrashableWriter(ix, limitmb=LIMIT_MB)
            try:
                if procs > 1:
                    segments = build_segments(ix, unique(), procs, LIMIT_MB)
                    self._commit(writer, len(seen), segments=segments)
                else:
                    with indexing_here():
                        for doc in unique():
                            writer.add_document(**to_fields(doc))
                        self._commit(writer, len(seen))
            finally:
                if not writer.is_closed:
                    writer.cancel()
            self._reason = None

    def optimize(self) -> None:
        """Merge all segments into one, dropping deleted documents: faster
        searches, but minutes of work for 100,000 articles. For idle time."""
        self._context()
        with self._write_lock():
            writer = _CrashableWriter(self._open_ix(), limitmb=LIMIT_MB)
            try:
                self._commit(writer, writer.reader().doc_count(), optimize=True)
            finally:
                if not writer.is_closed:
                    writer.cancel()

    def _commit(self, writer: LeanWriter, expected: int, *, segments: list[Any] | None = None,
                optimize: bool = False) -> None:
        """Commit `writer`, bracketed by the manifest (see `index.manifest`)."""
        base = manifest.Manifest(BUILD_ID, manifest.CLEAN, 0, 0)
        current = manifest.read(self.path) or base
        if current.state == manifest.REBUILDING:
            current = base
        manifest.write(self.path, current.committing(writer.generation, expected))
        faults.hit("index-before-commit")
        if optimize:
            writer.commit(optimize=True)
        else:
            writer.commit(mergetype=lambda w, old: _merge_tiny(w, old) + (segments or []))
        ix = self._open_ix()
        generation, count = ix.latest_generation(), ix.doc_count()
        if (generation, count) != (writer.generation, expected):
            self._reason = (f"a commit left {count} documents at generation {generation}, "
                            f"expected {expected} at generation {writer.generation}")
            self._check_usable()
        manifest.write(self.path, current.committed(generation, count))


def _merge_tiny(writer: LeanWriter, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy: fold the segments under `TINY` documents into the
    segment being written, once there are `TINY_COUNT` of them."""
    tiny = [s for s in segments if s.doc_count_all() < TINY]
    if len(tiny) < TINY_COUNT:
        return segments
    for segment in tiny:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [s for s in segments if s.doc_count_all() >= TINY]


def _remove_scratch(folder: Path) -> None:
    """Delete what interrupted writers left behind (only under the write lock,
    when no writer can be using it). Unpublished segment files are Whoosh's to
    clean at the next commit."""
    for entry in folder.iterdir():
        if entry.name.endswith(".tmp"):
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
