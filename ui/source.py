"""The one interface the desktop reader reads its data through, and the sidebar's vocabulary.

The UI never touches `reader.Library` or a `Bundle` directly: it talks to a
`Source`, whose methods run on the library worker thread (`ui.worker`). Two
sources exist: `ui.library_source` (the reader's library, read-write) and
`ui.bundle_source` (one bundle opened straight from a drive, read-only). Both
return the reader's own records (`reader.records`: `ArticleRow`,
`ArticleView`, `TrustState`; `reader.importer.ImportSummary`; the index's
`SearchPage` of `Hit`s; `reader.changes.Changes` from every method that
changes data), so the widgets show exactly what the CLI shows. What is
defined here is the UI's own: which sidebar entry is chosen (`ListQuery`),
what the sidebar lists (`SidebarData`), and what to pass on (`ExportRequest`).
Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from index.results import SearchPage
    from reader.changes import Changes
    from reader.records import ArticleFilter, ArticleRow, ArticleView, TrustState

ArticleKey = int
"""A small id per article (the library's row id, or an index into a bundle): `ArticleRow.id`."""


class Section(StrEnum):
    """The sidebar's entries; the facet sections carry a value."""

    ALL = "all"
    UNREAD = "unread"
    BOOKMARKS = "bookmarks"
    PUBLISHER = "publisher"
    LANGUAGE = "language"
    TAG = "tag"
    BUNDLE = "bundle"


REMOVABLE = (Section.PUBLISHER, Section.BUNDLE)  # entries that can be removed from a library


@dataclass(frozen=True)
class ListQuery:
    """The sidebar entry the article list shows, in the order the reader chose."""

    section: Section = Section.ALL
    value: str = ""
    order: str = "issued"  # as `reader.records.ArticleFilter.order`: issued, title, publisher
    descending: bool = True


@dataclass(frozen=True)
class Facet:
    """One sidebar entry under Publishers, Languages, Tags or Bundles."""

    value: str
    label: str
    count: int
    trust: TrustState | None = None  # publishers only


@dataclass(frozen=True)
class SidebarData:
    total: int = 0
    unread: int = 0
    bookmarks: int = 0
    publishers: tuple[Facet, ...] = ()
    languages: tuple[Facet, ...] = ()
    tags: tuple[Facet, ...] = ()
    bundles: tuple[Facet, ...] = ()


class LazyBlobs(Mapping[str, bytes]):
    """An article's images by hash, each read only when asked for (on the thread that
    reads the source), so preparing an article holds the pictures it will show, not
    every picture it names. A blob that cannot be found reads as no bytes."""

    def __init__(self, names: Sequence[str], read: Callable[[str], bytes]):
        self._names = list(dict.fromkeys(names))
        self._read = read

    def __getitem__(self, sha256: str) -> bytes:
        if sha256 not in self._names:
            raise KeyError(sha256)
        return self._read(sha256)

    def __contains__(self, sha256: object) -> bool:
        return sha256 in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


@dataclass(frozen=True)
class ExportRequest:
    destination: Path
    articles: tuple[ArticleKey, ...] = ()
    bundles: tuple[str, ...] = ()  # bundle facet values
    everything: bool = False
    title: str = ""


class Source(Protocol):
    """Everything the reader asks of its data. Every method runs on the worker thread."""

    read_only: bool

    def list_keys(self, query: ListQuery) -> list[ArticleKey]: ...

    def rows(self, keys: Sequence[ArticleKey]) -> dict[ArticleKey, ArticleRow]: ...

    def rows_by_key(self, keys: Sequence[str]) -> dict[str, ArticleRow]:
        """Rows by `<publisher>/<article id>` key (a search page's hits)."""
        ...

    def sidebar(self) -> SidebarData: ...

    def article(self, key: ArticleKey) -> ArticleView:
        """The article's shown version; its `html` is sanitized, links as text."""
        ...

    def images(self, article: ArticleView) -> Mapping[str, bytes]:
        """The article's own images by hash, read when asked for."""
        ...

    def search(self, text: str, filters: ArticleFilter, limit: int) -> SearchPage:
        """The best `limit` hits. Raises `index.QueryError` for text that cannot be
        searched as typed; anything else means the index is broken."""
        ...

    def set_read(self, key: ArticleKey, read: bool) -> Changes: ...

    def set_bookmark(self, key: ArticleKey, on: bool) -> Changes: ...

    def set_trust(self, publisher_id: str, trust: TrustState) -> Changes: ...

    def close(self) -> None: ...
