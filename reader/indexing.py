"""The library's only link to the full-text index (`index/`, Whoosh).

The index is derived from the catalog and the store: it indexes the shown
version of every article (the current one, or the first of a conflicting
pair), blocked publishers included (search results are filtered by trust at
query time, so a trust change never needs a re-index). It can be deleted at
any time; `reconcile` at open compares `keys_versions()` with the catalog and
fixes the difference (an update lost to a crash, or one that failed), or
rebuilds when the index says it must (damaged, half-built, other analyzer).

`index` is imported on first use (it loads Whoosh), not when the library
module is.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bundles import faults

from .catalog import Catalog
from .errors import BlobMissing, Cancelled
from .progress import Progress
from .records import ArticleFilter, TrustState
from .store import Store
from .trust import STATE_SQL

if TYPE_CHECKING:
    from index.results import SearchPage

BATCH = 500
BULK = 1000  # articles at which an import into an empty index rebuilds it in parallel
PROCS = 2


@dataclass(frozen=True)
class ReconcileResult:
    added: int = 0
    removed: int = 0
    rebuilt: bool = False
    error: str = ""


_SHOWN_SQL = """
    SELECT a.publisher || '/' || a.article_id AS key, a.publisher, a.article_id,
           p.name AS publisher_name, v.version, v.language, v.title, v.byline, v.summary,
           v.body, v.issued_ts, v.status, v.id AS version_id
    FROM articles a JOIN versions v ON v.id = a.shown JOIN publishers p ON p.id = a.publisher
"""


class Indexing:
    def __init__(self, catalog: Catalog, store: Store, path: Path, *, key: bytes | None = None):
        self.catalog = catalog
        self.store = store
        self.path = path
        self._key = key  # a protected library's index key: its files are sealed
        self._index: Any | None = None

    def _open(self) -> Any:
        if self._index is None:
            from index import Index

            self.path.mkdir(parents=True, exist_ok=True)
            self._index = Index.open(self.path, key=self._key)
        return self._index

    def close(self) -> None:
        if self._index is not None:
            with contextlib.suppress(Exception):
                self._index.close()
            self._index = None

    # -- documents ---------------------------------------------------------------

    def documents(self, keys: Iterable[str] | None = None,
                  progress: Progress | None = None) -> Iterator[Any]:
        """IndexDocuments for the shown version of `keys` (all articles when None);
        with `progress`, counted there, and `Cancelled` raised once it is cancelled."""
        from index import IndexDocument
        from index.text import html_to_text

        if keys is None:
            rows: Iterable[Any] = self.catalog.conn.execute(_SHOWN_SQL + " ORDER BY a.id")
        else:
            rows = (row for chunk in _chunks(sorted(set(keys)), BATCH) for row in self.catalog.rows(
                _SHOWN_SQL + f" WHERE a.publisher || '/' || a.article_id IN "
                f"({','.join('?' * len(chunk))})", chunk))
        for row in rows:
            if progress is not None:
                faults.hit("index-document", cancelled=lambda: progress.cancelled)
                if progress.cancelled:
                    raise Cancelled("the search index was left as it was")
                progress.add(bytes_done=1)
            try:
                html = self.store.read(row["body"]).decode("utf-8")
            except BlobMissing:
                html = ""  # index what is signed; `check` reports the missing body
            tags = tuple(r[0] for r in self.catalog.rows(
                "SELECT tag FROM version_tags WHERE version = ? ORDER BY tag",
                (row["version_id"],)))
            issued = (datetime.fromtimestamp(row["issued_ts"], UTC)
                      if row["issued_ts"] is not None else None)
            yield IndexDocument(
                key=row["key"], publisher=row["publisher"], publisher_name=row["publisher_name"],
                article_id=row["article_id"], version=row["version"], language=row["language"],
                title=row["title"], byline=row["byline"], summary=row["summary"],
                body_text=html_to_text(html), tags=tags, issued=issued, status=row["status"],
            )

    def _catalog_versions(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.catalog.rows(
            "SELECT a.publisher || '/' || a.article_id, v.version "
            "FROM articles a JOIN versions v ON v.id = a.shown")}

    # -- changing the index --------------------------------------------------------

    def update(self, keys: Iterable[str]) -> None:
        """Re-index `keys` from the catalog; keys the catalog lacks are removed."""
        idx = self._open()
        keys = set(keys)
        present = set(self._catalog_versions()) & keys
        if len(present) >= BULK and not idx.needs_rebuild and idx.doc_count() == 0:
            # A first import into an empty index: the parallel bulk build is
            # about twice as fast as one writer (docs/performance.md).
            self.rebuild()
            return
        # One commit for the whole import: the index holds all of it or none.
        idx.update(add=list(self.documents(present)), remove=sorted(keys - present))

    def rebuild(self, progress: Progress | None = None) -> int:
        """Replace the index with every article's shown version.

        With `progress`, cancelling raises `Cancelled`: while the articles are
        read, with the index as it was; once Whoosh has started on the new index
        (the longer part), with the index incomplete and marked as needing a
        rebuild (done the next time the library opens for writing)."""
        idx = self._open()
        count = int(self.catalog.scalar("SELECT count(*) FROM articles") or 0)
        if progress is not None:  # the bar counts articles: read, then indexed
            progress.update(stage="reading articles", bytes_done=0, bytes_total=2 * count)
        # Documents are read into memory first: the rebuild's worker processes
        # must not share this catalog connection.
        documents: Iterable[Any] = list(self.documents(progress=progress))
        if progress is not None:
            progress.update(stage="indexing")
            documents = _until_cancelled(documents, progress)
        idx.rebuild(documents, procs=PROCS)
        return count

    def differences(self) -> tuple[set[str], set[str]]:
        """(keys to (re)index, keys to remove) for the index to match the catalog."""
        idx = self._open()
        # An empty index has no version column to read (Whoosh raises): nothing indexed.
        indexed = ({k: _plain(v) for k, v in idx.keys_versions().items()}
                   if idx.doc_count() else {})
        wanted = self._catalog_versions()
        stale = {k for k, v in wanted.items() if indexed.get(k) != v}
        return stale, set(indexed) - set(wanted)

    def reconcile(self, *, repair: bool = True) -> ReconcileResult:
        """Make the index match the catalog (cheap when it already does)."""
        try:
            idx = self._open()
            if idx.needs_rebuild:
                if not repair:
                    return ReconcileResult(error=f"the index needs a rebuild: "
                                                 f"{idx.rebuild_reason}")
                self.rebuild()
                return ReconcileResult(rebuilt=True)
            stale, extra = self.differences()
            if repair and (stale or extra):
                idx.update(add=list(self.documents(stale)), remove=sorted(extra))
            return ReconcileResult(added=len(stale), removed=len(extra))
        except Exception as exc:  # derived data: report it; never block opening the library
            return ReconcileResult(error=f"the search index could not be updated ({exc})")

    # -- searching -----------------------------------------------------------------

    def search(self, query: str, *, filters: ArticleFilter, sort: str = "relevance",
               page: int = 1, pagelen: int = 50) -> SearchPage:
        """A `index.SearchPage`.

        Reading state and trust come from the catalog (`CatalogState`);
        snippets are cut from the shown version's body.
        """
        found: SearchPage = self._open().search(
            query, filters=search_filters(filters), state=CatalogState(self.catalog),
            body_text=self.body_text, sort=sort, page=page, pagelen=pagelen)
        return found

    def body_text(self, key: str) -> str:
        from index.text import html_to_text

        publisher, _, article_id = key.partition("/")
        body = self.catalog.scalar(
            "SELECT v.body FROM articles a JOIN versions v ON v.id = a.shown "
            "WHERE a.publisher = ? AND a.article_id = ?", (publisher, article_id))
        if body is None:
            return ""
        try:
            return html_to_text(self.store.read(body).decode("utf-8"))
        except BlobMissing:
            return ""


class CatalogState:
    """The index's `StateFilter`: reading state and trust, which only the catalog knows."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def keys_matching(self, name: str, value: str) -> frozenset[str]:
        column = {"read": "read_at", "bookmarked": "bookmarked_at"}.get(name)
        if column is None or value != "yes":
            return frozenset()
        return frozenset(r[0] for r in self.catalog.rows(
            f"SELECT publisher || '/' || article_id FROM articles WHERE {column} IS NOT NULL"))

    def publishers_matching(self, name: str, value: str) -> frozenset[str]:
        if name != "trust":
            return frozenset()
        return frozenset(r[0] for r in self.catalog.rows(
            f"SELECT p.id FROM publishers p WHERE ({STATE_SQL}) = ?", (value,)))


def search_filters(f: ArticleFilter) -> Any:
    """The part of a list filter the index applies itself (`index.SearchFilters`).

    Blocked publishers are left out unless the filter names a trust state.
    """
    from index import SearchFilters

    trust = {str(s) for s in f.trust} or {
        str(s) for s in TrustState if s != TrustState.BLOCKED}
    until = (f.until - timedelta(microseconds=1)) if f.until is not None else None
    return SearchFilters(
        languages=frozenset(f.languages), publishers=frozenset(f.publishers),
        tags=frozenset(f.tags), since=_utc_date(f.since), until=_utc_date(until),
        read=f.read, bookmarked=f.bookmarked, trust=frozenset(trust),
        status=frozenset(f.statuses),
    )


def _utc_date(moment: datetime | None) -> date | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.astimezone()).astimezone(UTC).date()


def _plain(version: int) -> int:
    """A version number; the index's column may hold Whoosh's sortable form (2**63 + n)."""
    return version - 2**63 if version >= 2**63 else version


def _until_cancelled(documents: Iterable[Any], progress: Progress) -> Iterator[Any]:
    for document in documents:
        faults.hit("index-build", cancelled=lambda: progress.cancelled)
        if progress.cancelled:
            raise Cancelled("the search index is incomplete; run `satchel index rebuild` "
                            "again (or it is rebuilt the next time the library opens)")
        progress.add(bytes_done=1)
        yield document


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
