"""`Library`: the one object the CLI and the desktop app use (Anki's Collection).

It owns the catalog connection and attaches one helper per area:

    library.articles   list, filter, open, mark read, bookmarks, history
    library.trust      publishers, key chains, trust decisions, key cards
    library.bundles    imported bundles and what each brought
    library.settings   preferences
    library.export     passing bundles and articles on
    library.removal    removing a bundle's or a publisher's articles

and offers the operations that span areas: `import_paths`, `search`,
`check`, `have`, `rebuild_index`. Every method that changes data returns a
`Changes` (or a result carrying one) so the UI knows what to refresh.

One process writes a library at a time (an OS lock; a second writer gets
`LibraryInUse`); read-only opens never wait. A `Library` is not thread-safe:
the desktop app makes all calls from one worker thread, and may open a second,
read-only `Library` for browsing while an import runs.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bundles.keys import KeyFile
from bundles.limits import DEFAULT_LIMITS, Limits

from . import protect
from .articles import Articles
from .bundle_log import BundleLog
from .catalog import Catalog
from .changes import Changes
from .check import CheckReport, run_check
from .errors import LibraryCorrupt, LibraryError, NotFound, PassphraseNeeded
from .export import Exporter, have_list
from .importer import Importer, ImportSummary
from .indexing import Indexing, ReconcileResult
from .lock import LibraryLock
from .paths import LibraryPaths, library_dir
from .progress import CancelToken, Progress
from .records import ALL, ArticleFilter
from .removal import Remover
from .sealing import Sealing
from .settings import Settings
from .store import Store
from .trust import Trust
from .vault import DataKey

if TYPE_CHECKING:
    from index.results import SearchPage

class Library:
    """Open with `Library.open(path)`; use as a context manager or call `close()`."""

    def __init__(self, paths: LibraryPaths, catalog: Catalog, lock: LibraryLock | None,
                 limits: Limits, sealing: Sealing | None = None):
        self.paths = paths
        self.catalog = catalog
        self.limits = limits
        self._lock = lock
        self._sealing = sealing
        self.store = Store(catalog, paths, sealing)
        self.trust = Trust(catalog)
        self.articles = Articles(catalog, self.store, self.trust)
        self.bundles = BundleLog(catalog)
        self.settings = Settings(catalog)
        self.indexing = Indexing(catalog, self.store, paths.index,
                                 key=None if sealing is None else sealing.index_key)
        self.trust.reindex = self._reindex
        self.export = Exporter(self)
        self.removal = Remover(self)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        readonly: bool = False,
        reconcile_index: bool = True,
        limits: Limits = DEFAULT_LIMITS,
        passphrase: str | bytes | None = None,
        key: DataKey | None = None,
    ) -> Library:
        """Open (or create) the library at `path`, `$SATCHEL_LIBRARY` or the user data folder.

        Writable opens take the library's lock (`LibraryInUse` if another
        process has it), finish or undo an interrupted protection, migrate the
        catalog, collect what a crash left behind and, unless `reconcile_index`
        is False, bring the search index in line with the catalog (the UI may
        pass False and call `reconcile_index()` in the background). Read-only
        opens do none of that and never block.

        A protected library opens with its `passphrase` (`WrongPassphrase`,
        `PassphraseNeeded` without one) or with the `key` an earlier
        `protect.unlock` gave (which the caller keeps, and wipes when it locks).
        """
        paths = LibraryPaths(library_dir(path))
        lock: LibraryLock | None = None
        if readonly:
            if not paths.catalog.exists() and not protect.needs_recovery(paths):
                raise NotFound("there is no library here", path=str(paths.root))
            if protect.needs_recovery(paths):
                with _locked(paths):
                    protect.recover(paths)
        else:
            paths.root.mkdir(parents=True, exist_ok=True)
            lock = LibraryLock(paths.lock)
            lock.acquire()
        owned: DataKey | None = None
        try:
            if lock is not None:
                protect.recover(paths)
            if passphrase is not None:
                protect.require_protected(paths)
            if key is None and protect.is_protected(paths):
                if passphrase is None:
                    raise PassphraseNeeded("this library is protected by a passphrase",
                                           path=str(paths.root))
                secret = passphrase.encode() if isinstance(passphrase, str) else passphrase
                unlocked = protect.unlock(paths, secret, lock_held=lock is not None)
                key = owned = unlocked.key
            library = cls.assemble(paths, key, lock, readonly=readonly, limits=limits)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        finally:
            if owned is not None:
                owned.wipe()  # what the library needs is derived
        try:
            if not readonly:
                library.store.collect_garbage(full=False)
                if reconcile_index:
                    library.reconcile_index()
        except BaseException:
            library.close()
            raise
        return library

    @classmethod
    def assemble(cls, paths: LibraryPaths, key: DataKey | None, lock: LibraryLock | None, *,
                 readonly: bool = False, limits: Limits = DEFAULT_LIMITS) -> Library:
        """The library over its catalog, sealed with `key` when it is protected."""
        if key is None and protect.is_protected(paths):
            raise PassphraseNeeded("this library is protected by a passphrase",
                                   path=str(paths.root))
        sealing = None if key is None else Sealing(key)
        try:
            catalog = Catalog.open(paths.catalog, backups=paths.backups, readonly=readonly,
                                   key=None if sealing is None else sealing.catalog_key)
        except LibraryCorrupt:
            if sealing is not None:
                sealing.close()
            raise
        return cls(paths, catalog, lock, limits, sealing)

    @property
    def protected(self) -> bool:
        return self._sealing is not None

    @property
    def readonly(self) -> bool:
        return self.catalog.readonly

    def close(self) -> None:
        self.indexing.close()
        self.catalog.close()
        if self._sealing is not None:
            self._sealing.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- importing -----------------------------------------------------------------

    def import_paths(
        self,
        paths: Sequence[str | os.PathLike[str]],
        progress: Progress | None = None,
        cancel_token: CancelToken | None = None,
    ) -> ImportSummary:
        """Import bundle files and folders of them (recursive, `*.satchel`).

        Each bundle is imported whole or not at all. Returns a per-file
        summary; raises `Cancelled` (after undoing the bundle under way) when
        cancelled, `DiskFull` or `LibraryError` for problems of the library
        itself; those carry the summary so far as `.summary`.
        """
        self._writable()
        importer = Importer(self.catalog, self.store, self.trust, self.indexing, self.limits)
        return importer.run(paths, progress=progress, cancel_token=cancel_token)

    # -- searching -------------------------------------------------------------------

    def search(self, query: str, filters: ArticleFilter = ALL, *, sort: str = "relevance",
               page: int = 1, pagelen: int = 50) -> SearchPage:
        """Full-text search (the search box language of `index.query`), best first.

        `filters` narrows it like a list filter; blocked publishers are left
        out unless `filters.trust` names them. The page holds only hits the
        catalog lists (`articles.rows_by_key` gives their rows). Raises
        `index.QueryError` for text that cannot be searched as typed (its
        message says why), and `index.SearchIndexError` when the index cannot
        be used (a rebuild fixes it).
        """
        result = self.indexing.search(query, filters=filters, sort=sort,
                                      page=page, pagelen=pagelen)
        rows = self.articles.rows_by_key(h.key for h in result.hits)
        # What the index cannot filter on is checked against the catalog.
        if filters.conflicts is not None or filters.ids is not None:
            held = {r.id for r in rows.values()}
            wanted = tuple(held) if filters.ids is None else tuple(set(filters.ids) & held)
            keep = set(self.articles.ids(replace(filters, ids=wanted)))
            rows = {k: r for k, r in rows.items() if r.id in keep}
        return replace(result, hits=tuple(h for h in result.hits if h.key in rows))

    def search_ids(self, query: str, filters: ArticleFilter = ALL,
                   limit: int = 100_000) -> list[int]:
        """Every matching article id, best first (for exporting a search)."""
        found: list[int] = []
        page = 1
        while len(found) < limit:
            results = self.search(query, filters, page=page, pagelen=200)
            rows = self.articles.rows_by_key(h.key for h in results.hits)
            found.extend(rows[h.key].id for h in results.hits if h.key in rows)
            if page >= results.pagecount:
                break
            page += 1
        return found[:limit]

    def reconcile_index(self) -> ReconcileResult:
        """Bring the index in line with the catalog (cheap when it already is)."""
        if self.readonly:
            return ReconcileResult(error="read-only")
        return self.indexing.reconcile(repair=True)

    def rebuild_index(self, progress: Progress | None = None) -> Changes:
        """Rebuild the search index from the catalog. Cancelled (`progress.cancel()`)
        while the articles are read, it raises `Cancelled` with the index untouched."""
        self._writable()
        self.indexing.rebuild(progress)
        return Changes(index=True)

    # -- checking, passing on ------------------------------------------------------

    def check(self, repair: bool = True, progress: Progress | None = None) -> CheckReport:
        """Do catalog, store and index agree, and does every blob still hash to its name?"""
        if repair:
            self._writable()
        return run_check(self, repair=repair, progress=progress)

    def have(self) -> dict[str, Any]:
        """What this library holds, for `satchel list --have` and `export --missing-from`."""
        return have_list(self.catalog)

    def packer_key(self) -> KeyFile:
        """This library's own key for signing bundles it packs (made on first use)."""
        from .identity import packer_key

        return packer_key(self)

    def _reindex(self, keys: set[str]) -> None:
        """After a trust change: the index is derived, so a failure here is repaired at the
        next writable open (`reconcile_index`), never raised."""
        try:
            self.indexing.update(keys)
        except Exception:  # the catalog is the truth
            return

    def _writable(self) -> None:
        if self.readonly:
            raise LibraryError("the library was opened read-only", path=str(self.paths.root))


@contextlib.contextmanager
def _locked(paths: LibraryPaths) -> Iterator[None]:
    lock = LibraryLock(paths.lock)
    lock.acquire()
    try:
        yield
    finally:
        lock.release()


def open_library(path: str | os.PathLike[str] | None = None, **options: Any) -> Library:
    """`Library.open`, for callers who prefer a function (the CLI)."""
    return Library.open(path, **options)


__all__ = ["Library", "open_library"]
