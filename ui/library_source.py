"""The reader's `Library` as the desktop app's `Source` (a thin adapter).

Every method runs on the library worker thread, the only thread that touches
the `Library`. The adapter maps the reader's records to `ui.data` records so
the widgets depend on one small vocabulary; it adds no logic of its own
beyond what the lists and the sidebar need.
"""

from __future__ import annotations

import html as html_lib
import logging
import os
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bundles.errors import SatchelError
from reader.articles import ArticleFilter
from reader.articles import ArticleRow as LibraryRow
from reader.errors import NotFound
from reader.importer import FileResult, FileStatus
from reader.importer import ImportSummary as LibrarySummary
from reader.library import Library
from reader.progress import CancelToken, Progress
from reader.trust import TrustState

from .data import (
    ArticleContent,
    ArticleKey,
    ArticleRow,
    ExportRequest,
    ExportResult,
    Facet,
    ImportItem,
    ImportSummary,
    KeyConflict,
    LazyBlobs,
    ListQuery,
    OtherVersion,
    Provenance,
    SearchFilters,
    SearchHit,
    SearchResults,
    Section,
    SidebarData,
    Signer,
    SortKey,
    Trust,
)

log = logging.getLogger(__name__)
ORDERS = {SortKey.DATE: "issued", SortKey.TITLE: "title", SortKey.PUBLISHER: "publisher",
          SortKey.LANGUAGE: "issued"}
_MARK = re.compile(r"<(b|strong|em|mark)\b[^>]*>(.*?)</\1>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")


def _trust(state: TrustState | str) -> Trust:
    return Trust(str(state))


def _row(r: LibraryRow) -> ArticleRow:
    return ArticleRow(
        key=r.id, title=r.title, publisher_id=r.publisher, publisher_name=r.publisher_name,
        issued=r.issued, language=r.language, status=r.status, version=r.version,
        trust=_trust(r.trust), read=r.read, bookmarked=r.bookmarked, conflict=r.conflict,
        retired_key=r.retired_key, held_back=bool(r.held_back),
    )


def _day(value: str, end: bool = False) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value).replace(tzinfo=UTC)
    return moment + timedelta(days=1) if end else moment


def split_snippet(snippet: str, text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain text and highlight offsets from an HTML snippet: escaped text that may mark
    hits with <b>/<mark>."""
    if "<" in snippet:
        plain: list[str] = []
        marks: list[tuple[int, int]] = []
        length = 0
        position = 0
        for match in _MARK.finditer(snippet):
            before = html_lib.unescape(_TAG.sub("", snippet[position:match.start()]))
            plain.append(before)
            length += len(before)
            inner = html_lib.unescape(_TAG.sub("", match.group(2)))
            plain.append(inner)
            marks.append((length, length + len(inner)))
            length += len(inner)
            position = match.end()
        plain.append(html_lib.unescape(_TAG.sub("", snippet[position:])))
        return "".join(plain), tuple(marks)
    snippet = html_lib.unescape(snippet)  # escaped text, nothing marked: "&lt;b&gt;" is "<b>"
    folded = snippet.casefold()
    marks = []
    for word in {w.casefold() for w in _WORD.findall(text) if len(w) > 1}:
        at = folded.find(word)
        while at >= 0:
            marks.append((at, at + len(word)))
            at = folded.find(word, at + len(word))
    return snippet, tuple(sorted(marks))


def import_item(result: FileResult) -> ImportItem:
    known = max(0, result.articles - result.new_articles - result.updated - result.history
                - len(result.conflicts))
    if result.status == FileStatus.NOTHING_NEW:
        known = result.articles
    return ImportItem(
        path=result.path,
        ok=result.ok,
        title=result.title,
        new_articles=result.new_articles,
        updated_articles=result.updated,
        known_articles=known + result.history,
        conflicts=len(result.conflicts),
        error=result.reason if not result.ok else "",
        error_type=result.error_type if not result.ok else "",
        details="\n".join(result.warnings),
        already_imported=result.status == FileStatus.ALREADY_HAD,
    )


def import_summary(summary: LibrarySummary, cancelled: bool = False) -> ImportSummary:
    return ImportSummary([import_item(f) for f in summary.files], cancelled=cancelled)


class LibrarySource:
    """`Library` behind the `Source` interface."""

    read_only = False

    def __init__(self, library: Library):
        self.library = library

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None) -> LibrarySource:
        # The index is reconciled later, in the background, so the window is usable at once.
        return cls(Library.open(path, reconcile_index=False))

    @property
    def root(self) -> Path:
        return self.library.paths.root

    def reconcile_index(self) -> None:
        self.library.reconcile_index()

    # -- lists -------------------------------------------------------------------

    def _filter(self, query: ListQuery) -> ArticleFilter:
        base: dict[str, Any] = {"order": ORDERS[query.sort], "descending": query.descending}
        section, value = query.section, query.value
        if section == Section.UNREAD:
            base["read"] = False
        elif section == Section.BOOKMARKS:
            base["bookmarked"] = True
        elif section == Section.PUBLISHER:
            base["publishers"] = (value,)
        elif section == Section.LANGUAGE:
            base["languages"] = (value,)
        elif section == Section.TAG:
            base["tags"] = (value,)
        return ArticleFilter(**base)

    def list_keys(self, query: ListQuery) -> list[ArticleKey]:
        ids = self.library.articles.ids(self._filter(query))
        if query.section == Section.BUNDLE and query.value:
            wanted = set(self.library.bundles.article_ids(int(query.value)))
            ids = [i for i in ids if i in wanted]
        return ids

    def rows(self, keys: Sequence[ArticleKey]) -> dict[ArticleKey, ArticleRow]:
        return {r.id: _row(r) for r in self.library.articles.rows_by_id(list(keys))}

    def sidebar(self) -> SidebarData:
        articles = self.library.articles
        publishers = tuple(
            Facet(p.id, p.name, p.articles, _trust(p.state)) for p in self.library.trust.list()
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

    def article(self, key: ArticleKey) -> ArticleContent:
        articles = self.library.articles
        view = articles.open(key)
        def read(sha256: str) -> bytes:
            try:
                return articles.blob(key, sha256, version=view.version_id)
            except NotFound:
                return b""  # shown as a blank; `satchel check` reports the damage

        images = LazyBlobs([ref.sha256 for ref in view.images], read)
        trust = self.library.trust
        info = trust.get(view.publisher)
        publisher = Signer(
            id=view.publisher, name=view.publisher_name, fingerprint=view.fingerprint,
            trust=_trust(view.trust), revoked=view.revoked, chain_length=info.chain_length,
        )
        packers = tuple(
            Signer(id=p.id, name=p.name, fingerprint=p.fingerprint, trust=_trust(p.trust))
            for p in view.packers
        )
        versions = tuple(
            OtherVersion(v.version, v.status, v.first_seen, current=v.current,
                         held_back=v.held_back)
            for v in view.versions
        )
        conflicts = tuple(
            KeyConflict(c.kind, c.root, c.source, c.first_seen, c.times, c.held_keys,
                        c.other_keys)
            for c in info.open_conflicts
        )
        provenance = Provenance(
            publisher=publisher, version=view.version, status=view.status, issued=view.issued,
            signed_by=view.signed_by, retired_key=view.retired_key, conflict=view.conflict,
            versions=versions, packers=packers, bundles=view.bundles,
            first_seen=next((v.first_seen for v in view.versions if v.id == view.version_id), ""),
            held_back=view.held_back, newer_held_back=view.newer_held_back, conflicts=conflicts,
        )
        row = ArticleRow(
            key=view.id, title=view.title, publisher_id=view.publisher,
            publisher_name=view.publisher_name, issued=view.issued, language=view.language,
            status=view.status, version=view.version, trust=_trust(view.trust), read=view.read,
            bookmarked=view.bookmarked, conflict=view.conflict, retired_key=view.retired_key,
            held_back=bool(view.newer_held_back),
        )
        return ArticleContent(
            row=row, byline=view.byline, summary=view.summary, tags=view.tags,
            source_url=view.source_url, html=view.html, images=images, provenance=provenance,
            html_is_safe=True,
        )

    # -- search ----------------------------------------------------------------------

    def search(self, text: str, filters: SearchFilters, limit: int) -> SearchResults:
        f = ArticleFilter(
            publishers=(filters.publisher,) if filters.publisher else (),
            languages=(filters.language,) if filters.language else (),
            tags=(filters.tag,) if filters.tag else (),
            since=_day(filters.since),
            until=_day(filters.until, end=True),
        )
        if not text.strip():
            return SearchResults(text, filters, (), 0)
        note = ""
        try:
            if not self.library.indexing.available:
                raise LookupError("the search index is not available")
            found = self.library.search(text, f, pagelen=limit)
            hits, total = list(found.hits), found.total
            suggestion = found.suggestions[0] if found.suggestions else ""
        except SatchelError as exc:  # text that cannot be searched as typed: say why
            return SearchResults(text, filters, (), 0, error=exc.message)
        except Exception:  # a broken index must not stop reading: search titles instead
            log.exception("full-text search failed; searching titles and summaries")
            hits = self._title_search(text, f, limit)
            total, suggestion, note = len(hits), "", "titles"
        results = []
        for hit in hits:
            snippet_html = getattr(hit, "snippet_html", "") or html_lib.escape(hit.row.summary)
            snippet, marks = split_snippet(snippet_html, text)
            title, title_marks = split_snippet(
                getattr(hit, "title_html", "") or html_lib.escape(hit.row.title), text)
            results.append(SearchHit(
                key=hit.row.id, title=title, snippet=snippet, highlights=marks,
                publisher_name=hit.row.publisher_name, language=hit.row.language,
                issued=hit.row.issued, trust=_trust(hit.row.trust), title_highlights=title_marks,
            ))
        return SearchResults(text, filters, tuple(results), total, suggestion, note=note)

    def _title_search(self, text: str, f: ArticleFilter, limit: int) -> list[Any]:
        """Stopgap while the index package is absent: every word in the title or summary."""
        from reader.library import SearchHit as LibraryHit

        words = [w.casefold() for w in _WORD.findall(text)]
        hits = []
        for row in self.library.articles.rows(f, 0, -1):
            haystack = f"{row.title} {row.summary}".casefold()
            if all(w in haystack for w in words):
                hits.append(LibraryHit(row, 1.0, html_lib.escape(row.title),
                                       html_lib.escape(row.summary)))
                if len(hits) >= limit:
                    break
        return hits

    # -- changes ---------------------------------------------------------------------

    def set_read(self, key: ArticleKey, read: bool) -> None:
        self.library.articles.mark_read(key, read)

    def set_bookmark(self, key: ArticleKey, on: bool) -> None:
        self.library.articles.bookmark(key, on)

    def record_opened(self, key: ArticleKey) -> None:
        self.library.articles.record_opened(key)

    def set_trust(self, publisher_id: str, trust: Trust) -> None:
        self.library.trust.set(publisher_id, TrustState(str(trust)))

    def reset_publisher(self, publisher_id: str) -> int:
        return self.library.trust.reset(publisher_id).hidden_articles

    def plan_removal(self, section: str, value: str) -> Any:
        """What removing a bundle or a publisher (a sidebar entry) would take away."""
        removal = self.library.removal
        if section == "bundle":
            return removal.plan_bundle(int(value))
        return removal.plan_publisher(value)

    def remove(self, section: str, value: str, block: bool = False) -> Any:
        removal = self.library.removal
        if section == "bundle":
            return removal.bundle(int(value))[0]
        return removal.publisher(value, block=block)[0]

    def import_paths(self, paths: Sequence[Path], progress: Progress) -> ImportSummary:
        from reader.errors import Cancelled

        try:
            summary = self.library.import_paths(list(paths), progress=progress)
        except Cancelled as exc:
            partial = getattr(exc, "summary", None) or LibrarySummary()
            return import_summary(partial, cancelled=True)
        return import_summary(summary)

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
        result = exporter.repack(request.destination, version_ids, name=name,
                                 title=request.title or name, progress=progress)
        return ExportResult(
            files=tuple(f.path for f in result.files),
            articles=result.articles,
            bytes=sum(f.size for f in result.files),
            safe_to_remove=result.safe_to_remove,
            left_out=result.left_out,
            errors=tuple(f.error for f in result.files if f.error),
        )

    def close(self) -> None:
        self.library.close()


__all__ = ["CancelToken", "LibrarySource", "Progress", "import_summary", "split_snippet"]
