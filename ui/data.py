"""What the desktop reader shows, as plain data, and the one interface it reads it through.

The UI never touches `reader.Library` or a `Bundle` directly: it talks to a
`Source`, whose methods run on the library worker thread (`ui.worker`) and
return the frozen records below. Two sources exist: `ui.library_source`
(the reader's library, read-write) and `ui.bundle_source` (one bundle opened
straight from a drive, read-only). Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol

ArticleKey = int
"""A small id per article (the library's row id, or an index into a bundle)."""


class Trust(StrEnum):
    """The reader's view of a publisher (DESIGN.md section 4)."""

    UNKNOWN = "unknown"
    TRUSTED = "trusted"
    BLOCKED = "blocked"
    REVOKED = "revoked"


class Section(StrEnum):
    """The sidebar's entries; the facet sections carry a value."""

    ALL = "all"
    UNREAD = "unread"
    BOOKMARKS = "bookmarks"
    PUBLISHER = "publisher"
    LANGUAGE = "language"
    TAG = "tag"
    BUNDLE = "bundle"


class SortKey(StrEnum):
    DATE = "date"
    TITLE = "title"
    PUBLISHER = "publisher"
    LANGUAGE = "language"


@dataclass(frozen=True)
class ListQuery:
    section: Section = Section.ALL
    value: str = ""
    sort: SortKey = SortKey.DATE
    descending: bool = True


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One line of the article list."""

    key: ArticleKey
    title: str
    publisher_id: str
    publisher_name: str
    issued: str  # RFC 3339, as signed (advisory)
    language: str
    status: str = "published"
    version: int = 1
    trust: Trust = Trust.UNKNOWN
    read: bool = False
    bookmarked: bool = False
    conflict: bool = False
    retired_key: bool = False  # signed only by keys the publisher has since dropped
    held_back: bool = False  # a newer version is kept but may not replace this one


@dataclass(frozen=True)
class Facet:
    """One sidebar entry under Publishers, Languages, Tags or Bundles."""

    value: str
    label: str
    count: int
    trust: Trust | None = None  # publishers only


@dataclass(frozen=True)
class SidebarData:
    total: int = 0
    unread: int = 0
    bookmarks: int = 0
    publishers: tuple[Facet, ...] = ()
    languages: tuple[Facet, ...] = ()
    tags: tuple[Facet, ...] = ()
    bundles: tuple[Facet, ...] = ()


@dataclass(frozen=True)
class Signer:
    """A publisher or packer as provenance shows it."""

    id: str
    name: str
    fingerprint: str
    trust: Trust = Trust.UNKNOWN
    revoked: bool = False
    chain_length: int = 1


@dataclass(frozen=True)
class OtherVersion:
    version: int
    status: str
    issued: str
    current: bool = False
    held_back: bool = False  # kept, but a retired or revoked key may not make it current


@dataclass(frozen=True)
class KeyConflict:
    """Another key history for the publisher that the library refused (or set aside)."""

    kind: str  # fork: refused; dropped: the one held failed today's checks (an upgrade)
    root: int  # where the histories part
    source: str  # the bundle or key card that carried it
    first_seen: str
    times: int
    kept_keys: tuple[str, ...]  # fingerprints of the keys the library kept
    other_keys: tuple[str, ...]  # fingerprints of the other history's keys


@dataclass(frozen=True)
class Provenance:
    """Where the open article came from and why it can be believed."""

    publisher: Signer
    version: int
    status: str
    issued: str
    signed_by: tuple[str, ...] = ()  # fingerprints of the keys that signed this version
    retired_key: bool = False
    conflict: bool = False
    versions: tuple[OtherVersion, ...] = ()  # every version held, newest first
    packers: tuple[Signer, ...] = ()  # who packed the bundles it came in
    bundles: tuple[str, ...] = ()  # those bundles, by title or file name
    first_seen: str = ""  # when this machine first saw it
    held_back: bool = False  # this version is kept but may not be current
    newer_held_back: tuple[int, ...] = ()  # newer versions kept but barred from current
    conflicts: tuple[KeyConflict, ...] = ()  # open key history conflicts of the publisher


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
class ArticleContent:
    """An article ready for the reading pane, before images are decoded."""

    row: ArticleRow
    byline: str
    summary: str
    tags: tuple[str, ...]
    source_url: str
    html: str  # signed body HTML (not yet sanitized)
    images: Mapping[str, bytes]  # sha256 -> verified bytes, only this article's own
    provenance: Provenance
    html_is_safe: bool = False  # already sanitized with links as text (the library does it)


@dataclass(frozen=True)
class SearchFilters:
    publisher: str = ""
    language: str = ""
    tag: str = ""
    since: str = ""  # YYYY-MM-DD, inclusive
    until: str = ""

    def __bool__(self) -> bool:
        return any((self.publisher, self.language, self.tag, self.since, self.until))


@dataclass(frozen=True)
class SearchHit:
    key: ArticleKey
    title: str
    snippet: str  # plain text
    highlights: tuple[tuple[int, int], ...]  # (start, end) offsets into `snippet`
    publisher_name: str
    language: str
    issued: str
    trust: Trust = Trust.UNKNOWN
    title_highlights: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class SearchResults:
    text: str
    filters: SearchFilters
    hits: tuple[SearchHit, ...]
    total: int
    suggestion: str = ""  # "did you mean", empty if none
    error: str = ""  # the query cannot be searched as typed: why
    note: str = ""  # "titles": only titles and summaries were searched (index unavailable)


@dataclass(frozen=True)
class ImportItem:
    """What became of one bundle file."""

    path: str
    ok: bool
    title: str = ""
    new_articles: int = 0
    updated_articles: int = 0
    known_articles: int = 0  # already in the library: skipped
    conflicts: int = 0
    hidden: int = 0  # from blocked publishers
    error: str = ""  # one line, when rejected
    error_type: str = ""  # the exception class of a refusal (ui.errors.summary_for_type)
    details: str = ""
    already_imported: bool = False


@dataclass
class ImportSummary:
    items: list[ImportItem] = field(default_factory=list)
    cancelled: bool = False

    @property
    def imported(self) -> list[ImportItem]:
        return [i for i in self.items if i.ok]

    @property
    def rejected(self) -> list[ImportItem]:
        return [i for i in self.items if not i.ok]


@dataclass(frozen=True)
class ExportRequest:
    destination: Path
    articles: tuple[ArticleKey, ...] = ()
    bundles: tuple[str, ...] = ()  # bundle facet values
    everything: bool = False
    title: str = ""


@dataclass(frozen=True)
class ExportResult:
    files: tuple[str, ...]
    articles: int
    bytes: int
    safe_to_remove: bool  # every file written, synced and read back intact
    left_out: int = 0  # chosen but no room on the drive
    errors: tuple[str, ...] = ()  # files that failed the read-back, one line each


ProgressFn = Callable[[int, int], None]


class Source(Protocol):
    """Everything the reader asks of its data. Every method runs on the worker thread."""

    read_only: bool

    def list_keys(self, query: ListQuery) -> list[ArticleKey]: ...

    def rows(self, keys: Sequence[ArticleKey]) -> dict[ArticleKey, ArticleRow]: ...

    def sidebar(self) -> SidebarData: ...

    def article(self, key: ArticleKey) -> ArticleContent: ...

    def search(self, text: str, filters: SearchFilters, limit: int) -> SearchResults: ...

    def set_read(self, key: ArticleKey, read: bool) -> None: ...

    def set_bookmark(self, key: ArticleKey, on: bool) -> None: ...

    def set_trust(self, publisher_id: str, trust: Trust) -> None: ...

    def reset_publisher(self, publisher_id: str) -> int:
        """Forget the publisher's key history and trust decision; how many articles are
        now hidden until a key history arrives again."""
        ...

    def close(self) -> None: ...
