"""The records the library hands its front ends: one frozen record per idea.

The CLI and the desktop reader show these as they are (`ui` imports them; it
has no copies of its own). This module imports nothing of the core, so a
front end can name them before the library opens: the desktop reader's first
paint does not wait for SQLite, cryptography or the HTML sanitizer
(bench/startup.py).

Other records stay beside the code that makes them and are imported by the UI
for type checking only: `export.ExportResult`, `trust.PublisherInfo` and
`ChainConflict`, `removal.Removal`; `changes.Changes` has a module of its
own; a search returns the index's own `index.SearchPage` of `index.Hit`s.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .changes import Changes

if TYPE_CHECKING:
    from .trust import ChainConflict


class TrustState(StrEnum):
    """The reader's view of a publisher (DESIGN.md section 4)."""

    UNKNOWN = "unknown"
    TRUSTED = "trusted"
    BLOCKED = "blocked"
    REVOKED = "revoked"


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles to list. Empty tuples and None mean "any"."""

    publishers: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # all of them (as the search box's tag:)
    statuses: tuple[str, ...] = ()  # published, corrected, retracted
    since: datetime | None = None  # signed `issued` time, advisory
    until: datetime | None = None
    read: bool | None = None
    bookmarked: bool | None = None
    trust: tuple[TrustState, ...] = ()  # empty: every state but blocked
    conflicts: bool | None = None
    ids: tuple[int, ...] | None = None  # restrict to these (search results)
    order: str = "issued"  # issued, title, publisher, imported
    descending: bool = True


ALL = ArticleFilter()


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: int
    key: str
    publisher: str
    publisher_name: str
    article_id: str
    version: int
    title: str
    language: str
    issued: str
    status: str
    byline: str
    summary: str
    trust: TrustState
    read: bool
    bookmarked: bool
    conflict: bool
    position: float
    retired_key: bool = False  # signed only by keys a later root of the publisher dropped
    held_back: int = 0  # newer versions kept but not current (retired key, after revocation)
    publisher_revoked: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["trust"] = str(self.trust)
        return data


@dataclass(frozen=True)
class VersionInfo:
    id: int
    version: int
    envelope_sha256: str
    status: str
    title: str
    first_seen: str
    current: bool
    held_back: bool = False  # kept, but a retired or revoked key may not make it current


@dataclass(frozen=True)
class Packer:
    """Someone who packed a bundle that brought this article version."""

    id: str
    name: str
    fingerprint: str
    trust: TrustState


@dataclass(frozen=True)
class ImageRef:
    sha256: str
    media_type: str
    size: int


@dataclass(frozen=True)
class ArticleView:
    """One article version ready to show: safe HTML and everything about where it came from."""

    id: int
    key: str
    version_id: int
    publisher: str
    article_id: str
    version: int
    status: str
    issued: str
    language: str
    title: str
    byline: str
    summary: str
    tags: tuple[str, ...]
    source_url: str
    html: str  # sanitized, links shown as text, images as `sha256:` sources
    body_sha256: str
    images: tuple[ImageRef, ...]
    # provenance
    publisher_name: str
    fingerprint: str  # the publisher's, in groups of four
    trust: TrustState
    signed_by: tuple[str, ...]  # fingerprints of the keys that signed it
    retired_key: bool  # signed only by keys the newest root dropped
    revoked: bool  # the publisher's chain is revoked
    packers: tuple[Packer, ...]
    bundles: tuple[str, ...]  # titles (or file names) of the bundles that brought it
    # versions
    current: bool  # this is the article's current version
    superseded_by: int | None  # the newer version number, when one supersedes this
    conflict: bool  # the newest version number has two different signed texts
    conflicts: tuple[VersionInfo, ...]  # the competing versions (this one included)
    versions: tuple[VersionInfo, ...]  # every version held, newest first
    # reading state
    read: bool
    bookmarked: bool
    position: float
    notices: tuple[str, ...] = field(default_factory=tuple)  # short flags for a banner
    held_back: bool = False  # this version is kept but barred from being current
    newer_held_back: tuple[int, ...] = ()  # numbers of newer versions held back
    # the publisher's key history
    chain_length: int = 1  # roots held (0 after a reset, until a chain arrives)
    key_conflicts: tuple[ChainConflict, ...] = ()  # open conflicts, with their evidence


# -- importing -------------------------------------------------------------------


class FileStatus:
    IMPORTED = "imported"
    NOTHING_NEW = "nothing-new"  # a valid bundle whose contents the library already had
    ALREADY_HAD = "already-had"  # this very bundle was imported before
    REJECTED = "rejected"  # the bundle broke a rule; nothing of it was used
    UNREADABLE = "unreadable"  # the file could not be read (stick pulled, permissions)


@dataclass
class FileResult:
    """What happened to one file of an import, with a one-line reason when refused."""

    path: str
    status: str
    reason: str = ""
    error_type: str = ""  # the exception class of a refusal, for a translated message
    hint: str = ""  # of a refusal: what it may mean and what to do (SatchelError.hint)
    bundle_id: str = ""
    title: str = ""
    articles: int = 0  # article versions the bundle carries
    new_articles: int = 0  # articles the library did not have at all
    updated: int = 0  # articles whose current version changed to a newer one
    history: int = 0  # older versions kept as history only
    conflicts: list[str] = field(default_factory=list)  # article keys now in conflict
    # article keys whose new version is kept but not current: signed only by a retired
    # key, or arrived after its publisher's revocation (also counted in `history`)
    held_back: list[str] = field(default_factory=list)
    new_blobs: int = 0
    new_bytes: int = 0
    chains: dict[str, str] = field(default_factory=dict)  # publisher -> new/extended
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status not in (FileStatus.REJECTED, FileStatus.UNREADABLE)

    @property
    def skipped(self) -> int:
        """Article versions that changed nothing shown: ones the library already had, and
        older ones kept as history only."""
        if self.status == FileStatus.NOTHING_NEW:
            return self.articles + self.history
        return max(0, self.articles - self.new_articles - self.updated - self.history
                   - len(self.conflicts)) + self.history

    def line(self) -> str:
        """One line for a terminal or a log: what happened to this file."""
        name = Path(self.path).name
        if self.status == FileStatus.IMPORTED:
            parts = [_count(self.new_articles, "new article")]
            if self.updated:
                parts.append(f"{self.updated} updated")
            if self.history:
                parts.append(_count(self.history, "older version") + " kept")
            if self.conflicts:
                parts.append(f"{len(self.conflicts)} in conflict")
            if self.held_back:
                parts.append(f"{len(self.held_back)} held back")
            return f"{name}: imported ({', '.join(parts)})"
        if self.status in (FileStatus.NOTHING_NEW, FileStatus.ALREADY_HAD):
            return f"{name}: {self.reason}"
        return f"{self.status}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass
class ImportSummary:
    files: list[FileResult] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)
    index_error: str = ""  # the index update failed; it is reconciled at next open
    cancelled: bool = False  # stopped by the reader: the files so far, the rest untouched

    @property
    def imported(self) -> list[FileResult]:
        return [f for f in self.files if f.ok]

    @property
    def rejected(self) -> list[FileResult]:
        return [f for f in self.files if not f.ok]

    @property
    def ok(self) -> bool:
        """False when any file was rejected or unreadable (the CLI exits with 1 or 3)."""
        return all(f.ok for f in self.files)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "files": [f.to_dict() for f in self.files],
            "index_error": self.index_error,
            "counts": {
                s: self.count(s)
                for s in (FileStatus.IMPORTED, FileStatus.NOTHING_NEW, FileStatus.ALREADY_HAD,
                          FileStatus.REJECTED, FileStatus.UNREADABLE)
            },
        }
