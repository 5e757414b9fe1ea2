"""The reader's `Library` as the desktop app's `Source` (a thin adapter).

Every method runs on the library worker thread, the only thread that touches
the `Library`. It hands on the library's own records, and adds only what the
sidebar and the lists need: a sidebar entry as a list filter, the sidebar's
counts, and lazily read images.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.articles import ArticleFilter
from reader.errors import Cancelled, NotFound
from reader.importer import ImportSummary
from reader.library import Library

from .source import (
    ArticleKey,
    ExportRequest,
    Facet,
    LazyBlobs,
    ListQuery,
    Section,
    SidebarData,
)

if TYPE_CHECKING:
    from index.results import SearchPage
    from reader.changes import Changes
    from reader.export import ExportResult
    from reader.progress import Progress
    from reader.records import ArticleRow, ArticleView, TrustState
    from reader.removal import Removal
    from reader.trust import ResetResult
    from reader.vault import DataKey


class LibrarySource:
    """`Library` behind the `Source` interface."""

    read_only = False

    def __init__(self, library: Library):
        self.library = library

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None, key: DataKey | None = None
             ) -> LibrarySource:
        # The index is reconciled later, in the background, so the window is usable at once.
        # `key`: a protected library's, from `ui.locking` (the library never sees the
        # passphrase here).
        return cls(Library.open(path, reconcile_index=False, key=key))

    @property
    def root(self) -> Path:
        return self.library.paths.root

    def reconcile_index(self) -> None:
        """Bring the index in line with the catalog; a failure is raised as the index
        error it is, for the window to show (with a rebuild on offer)."""
        if self.library.readonly:
            return
        result = self.library.reconcile_index()
        if result.error:
            from index.errors import SearchIndexError  # reconciling has loaded the package

            raise SearchIndexError(result.error)

    # -- lists -------------------------------------------------------------------

    def _filter(self, query: ListQuery) -> ArticleFilter:
        order, descending = query.order, query.descending
        section, value = query.section, query.value
        if section == Section.UNREAD:
            return ArticleFilter(read=False, order=order, descending=descending)
        if section == Section.BOOKMARKS:
            return ArticleFilter(bookmarked=True, order=order, descending=descending)
        if section == Section.PUBLISHER:
            return ArticleFilter(publishers=(value,), order=order, descending=descending)
        if section == Section.LANGUAGE:
            return ArticleFilter(languages=(value,), order=order, descending=descending)
        if section == Section.TAG:
            return ArticleFilter(tags=(value,), order=order, descending=descending)
        return ArticleFilter(order=order, descending=descending)

    def list_keys(self, query: ListQuery) -> list[ArticleKey]:
        ids = self.library.articles.ids(self._filter(query))
        if query.section == Section.BUNDLE and query.value:
            wanted = set(self.library.bundles.article_ids(int(query.value)))
            ids = [i for i in ids if i in wanted]
        return ids

    def rows(self, keys: Sequence[ArticleKey]) -> dict[ArticleKey, ArticleRow]:
        return {r.id: r for r in self.library.articles.rows_by_id(list(keys))}

    def rows_by_key(self, keys: Sequence[str]) -> dict[str, ArticleRow]:
        return self.library.articles.rows_by_key(keys)

    def sidebar(self) -> SidebarData:
        articles = self.library.articles
        publishers = tuple(
            Facet(p.id, p.name, p.articles, p.state) for p in self.library.trust.list()
        )
        return SidebarData(
            total=articles.count(),
            unread=articles.count(ArticleFilter(read=False)),
            bookmarks=articles.count(ArticleFilter(bookmarked=True)),
            publishers=publishers,
            languages=tuple(Facet(code, code, n) for code, n in articles.languages()),
            tags=tuple(Facet(t, t, n) for t, n in articles.tags()[:60]),
            bundles=tuple(
                Facet(str(b.id), b.title or b.file_name, b.articles)
                for b in self.library.bundles.list()
            ),
        )

    def welcome_article(self, language: str) -> ArticleKey | None:
        """The welcome bundle's first article in `language` (else English), if held."""
        for lang in (language, "en"):
            ids = self.library.articles.ids(ArticleFilter(languages=(lang,)))
            for row in self.library.articles.rows_by_id(ids[:200]):
                if row.article_id.startswith("what-is-satchel"):
                    return row.id
        return None

    def is_empty(self) -> bool:
        return self.library.catalog.scalar("SELECT count(*) FROM articles") == 0

    # -- one article ---------------------------------------------------------------

    def article(self, key: ArticleKey) -> ArticleView:
        return self.library.articles.open(key)

    def images(self, article: ArticleView) -> Mapping[str, bytes]:
        articles = self.library.articles

        def read(sha256: str) -> bytes:
            try:
                return articles.blob(article.id, sha256, version=article.version_id)
            except NotFound:
                return b""  # shown as a blank; `satchel check` reports the damage

        return LazyBlobs([ref.sha256 for ref in article.images], read)

    # -- search ----------------------------------------------------------------------

    def search(self, text: str, filters: ArticleFilter, limit: int) -> SearchPage:
        return self.library.search(text, filters, pagelen=limit)

    def rebuild_index(self) -> Changes:
        return self.library.rebuild_index()

    # -- changes ---------------------------------------------------------------------

    def set_read(self, key: ArticleKey, read: bool) -> Changes:
        return self.library.articles.mark_read(key, read)

    def set_bookmark(self, key: ArticleKey, on: bool) -> Changes:
        return self.library.articles.bookmark(key, on)

    def record_opened(self, key: ArticleKey) -> Changes:
        return self.library.articles.record_opened(key)

    def set_trust(self, publisher_id: str, trust: TrustState) -> Changes:
        return self.library.trust.set(publisher_id, trust)

    def reset_publisher(self, publisher_id: str) -> ResetResult:
        """Forget the publisher's key history and trust decision; its articles hide
        until a key history arrives again."""
        return self.library.trust.reset(publisher_id)

    def plan_removal(self, section: Section, value: str) -> Removal:
        """What removing a bundle or a publisher (a sidebar entry) would take away."""
        removal = self.library.removal
        if section == Section.BUNDLE:
            return removal.plan_bundle(int(value))
        return removal.plan_publisher(value)

    def remove(self, section: Section, value: str, block: bool = False
               ) -> tuple[Removal, Changes]:
        removal = self.library.removal
        if section == Section.BUNDLE:
            return removal.bundle(int(value))
        return removal.publisher(value, block=block)

    def import_paths(self, paths: Sequence[Path], progress: Progress) -> ImportSummary:
        try:
            return self.library.import_paths(list(paths), progress=progress)
        except Cancelled as exc:  # the files done so far, marked as stopped
            summary = getattr(exc, "summary", None)
            return summary if isinstance(summary, ImportSummary) else \
                ImportSummary(cancelled=True)

    def export(self, request: ExportRequest, progress: Progress) -> ExportResult:
        """Re-pack the chosen articles from the store, then read every byte back."""
        exporter = self.library.export
        if request.everything:
            chosen = ArticleFilter()
        else:
            ids = set(request.articles)
            for bundle in request.bundles:
                ids.update(self.library.bundles.article_ids(int(bundle)))
            chosen = ArticleFilter(ids=tuple(sorted(ids)))
        version_ids, _skipped = exporter.select(chosen)
        progress.update(stage="packing", files_total=1)
        name = "satchel-" + datetime.now().strftime("%Y-%m-%d")
        return exporter.repack(request.destination, version_ids, name=name,
                               title=request.title or name, progress=progress)

    def close(self) -> None:
        self.library.close()
