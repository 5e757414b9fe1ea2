"""Importing bundles: all or nothing per bundle (DESIGN.md section 5).

For each file, in order:

  (1) recognise a bundle already imported without reading it all: the SHA-256
      of its exact manifest bytes is that of a bundle fully verified and
      imported before (read only when a bundle of the same size was);
  (2) open one write transaction; read and verify the whole bundle once with
      `Bundle.open`, whose `on_blob` hands each verified blob an article uses
      to the staging area (small ones become uncommitted rows, large ones
      fsynced files), as long as the disk keeps `free_space_reserve` free;
  (3) apply newer key chain roots (a fork rejects the bundle; its evidence is
      then kept, in a transaction of its own, for `satchel trust show`);
  (4) record every article version (versions.py: a version is its signed
      payload; retired and revoked keys never rewrite what the reader has),
      its envelope, the new blobs, and which bundle brought what;
  (5) rename staged files into the store and fsync their folders;
  (6) commit: from here the bundle is in the library, before it nothing is;
  (7) after the run, update the search index for the articles that changed
      (the index is derived: if this step is lost it is reconciled at open).

A crash, a pulled stick, a full disk or `cancel()` at any point rolls the
transaction back and discards staging; files renamed in (5) but never
committed are garbage-collected at the next writable open.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bundles import faults
from bundles.archive import SafeZipReader
from bundles.bundle import Bundle
from bundles.errors import BundleError, ReadError, SatchelError
from bundles.limits import DEFAULT_LIMITS, Limits
from bundles.manifest import MANIFEST_ENTRY

from .catalog import Catalog, VersionOutcome, now
from .changes import Changes
from .errors import Cancelled, ChainForkError, DiskFull, LibraryError
from .folders import MAX_DEPTH, walk_files
from .progress import CancelToken, Progress
from .records import FileResult, FileStatus, ImportSummary
from .store import Staging, Store, disk_full, room_error
from .trust import ChainChange, Trust

if TYPE_CHECKING:
    from .indexing import Indexing

BUNDLE_SUFFIX = ".satchel"


def _is_bundle_name(name: str) -> bool:
    return name.lower().endswith(BUNDLE_SUFFIX)


def find_bundles_in(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Path]]:
    """Files as given, and `*.satchel` under folders (`folders.walk_files`: breadth
    first, at most 32 levels down, no links, no hidden names); and the folders
    that were too deep to enter."""
    found: list[Path] = []
    too_deep: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            walk = walk_files(path, _is_bundle_name)
            found.extend(walk.paths)
            too_deep.extend(walk.too_deep)
        else:
            found.append(path)
    return list(dict.fromkeys(found)), too_deep


def find_bundle_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files `find_bundles_in` finds."""
    return find_bundles_in(paths)[0]


class Importer:
    def __init__(self, catalog: Catalog, store: Store, trust: Trust,
                 indexing: Indexing | None, limits: Limits = DEFAULT_LIMITS):
        self.catalog = catalog
        self.store = store
        self.trust = trust
        self.indexing = indexing
        self.limits = limits

    def run(
        self,
        paths: Sequence[str | os.PathLike[str]],
        progress: Progress | None = None,
        cancel_token: CancelToken | None = None,
    ) -> ImportSummary:
        progress = progress or Progress(cancel_token)
        token = progress.token

        def cancelled() -> bool:
            return token.cancelled or (cancel_token is not None and cancel_token.cancelled)

        summary = ImportSummary()
        progress.update(stage="scanning")
        files, too_deep = find_bundles_in(paths)
        sizes = {p: _size(p) for p in files}
        progress.update(files_total=len(files), bytes_total=sum(sizes.values()))
        changed: set[str] = set()
        try:
            for path in files:
                if cancelled():
                    raise Cancelled("stopped before every file was imported")
                progress.update(stage="verifying", current_file=str(path))
                start = progress.snapshot().bytes_done
                result, keys = self._import_file(path, progress, cancelled, start)
                summary.files.append(result)
                changed |= keys
                progress.update(bytes_done=start + sizes[path])
                progress.add(files_done=1)
            if too_deep:
                more = f" (and {len(too_deep) - 1} more)" if len(too_deep) > 1 else ""
                summary.files.append(FileResult(
                    path=str(too_deep[0]), status=FileStatus.UNREADABLE,
                    reason=f"{too_deep[0]}: folders nested deeper than {MAX_DEPTH} levels"
                           f"{more}; nothing below was searched"))
        except (Cancelled, DiskFull, LibraryError) as exc:
            # Read back by `satchel import`, to list the files finished before the stop.
            summary.cancelled = isinstance(exc, Cancelled)
            exc.summary = summary  # type: ignore[union-attr]
            raise
        finally:
            summary.changes = self._changes(summary, changed)
            if changed:
                progress.update(stage="indexing")
                summary.index_error = self._index(changed)
                summary.changes = summary.changes | Changes(index=True)
            progress.update(stage="done")
        return summary

    def _changes(self, summary: ImportSummary, keys: set[str]) -> Changes:
        recorded = any(f.status in (FileStatus.IMPORTED, FileStatus.NOTHING_NEW)
                       for f in summary.files)
        return Changes(
            articles=bool(keys),
            trust=any(f.chains for f in summary.files),
            bundles=recorded,
            keys=frozenset(keys) if len(keys) <= 1000 else frozenset(),
        )

    def _index(self, keys: set[str]) -> str:
        if self.indexing is None:
            return ""
        try:
            self.indexing.update(keys)
        except Exception as exc:  # the catalog is the truth; reconcile catches up at open
            return f"the search index could not be updated ({exc}); it will catch up"
        return ""

    # -- one file ---------------------------------------------------------------

    def _import_file(self, path: Path, progress: Progress, cancelled: Any,
                     start: int) -> tuple[FileResult, set[str]]:
        result = FileResult(path=str(path), status=FileStatus.IMPORTED)
        try:
            stat = path.stat()
            known = self._already_had(path, stat)
            if known is not None:
                return known, set()
            keys = self._import_verified(path, stat, result, progress, cancelled, start)
            return result, keys
        except (Cancelled, DiskFull):
            raise
        except ReadError as exc:  # a pulled stick: not a verdict on the bundle
            result.status, result.reason = FileStatus.UNREADABLE, exc.message
            result.error_type, result.hint = type(exc).__name__, exc.hint
        except BundleError as exc:
            exc.with_context(path=str(path))  # the catalog's refusals do not know the file
            result.status, result.reason = FileStatus.REJECTED, exc.message
            result.error_type, result.hint = type(exc).__name__, exc.hint
            if isinstance(exc, ChainForkError):  # refused, but never silently
                self.trust.record_conflict(exc, source=f"bundle {path.name}")
        except LibraryError:
            raise
        except SatchelError as exc:
            result.status, result.reason = FileStatus.REJECTED, exc.message
            result.error_type, result.hint = type(exc).__name__, exc.hint
        except OSError as exc:
            full = disk_full(exc, self.store.root)
            if full is not None:
                raise full from exc
            reason = exc.strerror or str(exc)
            result.status, result.reason = FileStatus.UNREADABLE, f"{path}: cannot read ({reason})"
            result.error_type, result.hint = type(exc).__name__, ReadError.hint
        except Exception as exc:  # a bug must cost this file only: its transaction was undone
            detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            result.status = FileStatus.REJECTED
            result.reason = f"{path}: not imported: unexpected error ({detail}); nothing of it was kept"
            result.error_type = type(exc).__name__
        return result, set()

    def _already_had(self, path: Path, stat: os.stat_result) -> FileResult | None:
        """This very content, fully verified and imported before: skip reading the rest.

        It rests on the SHA-256 of the exact manifest bytes (which name every
        entry's SHA-256), never on what anyone can copy: the unsigned bundle id,
        or the file's name, size or time. Size only decides whether reading the
        manifest is worth it. Rows from before schema 2 have no digest: never."""
        if self.catalog.one("SELECT 1 FROM bundles WHERE file_size = ? "
                            "AND manifest_sha256 IS NOT NULL", (stat.st_size,)) is None:
            return None
        row = self.catalog.one(
            "SELECT bundle_id, title, imported_at FROM bundles WHERE manifest_sha256 = ? "
            "ORDER BY id LIMIT 1", (self._manifest_sha256(path),))
        if row is None:
            return None
        return FileResult(
            path=str(path), status=FileStatus.ALREADY_HAD, bundle_id=row["bundle_id"],
            title=row["title"], reason=f"already imported on {row['imported_at'][:10]}",
        )

    def _manifest_sha256(self, path: Path) -> str:
        """The manifest's digest, read through the same hostile-input checks as a full open."""
        reader = SafeZipReader.open(path, self.limits)
        try:
            entry = reader.entry(MANIFEST_ENTRY)
            if entry is None:
                raise BundleError(f"has no {MANIFEST_ENTRY}", path=str(path))
            return hashlib.sha256(reader.read(entry, self.limits.manifest_bytes)).hexdigest()
        except SatchelError as exc:
            raise exc.with_context(path=str(path)) from None
        finally:
            reader.close()

    def _import_verified(self, path: Path, stat: os.stat_result, result: FileResult,
                         progress: Progress, cancelled: Any, start: int) -> set[str]:
        def on_progress(done: int, _total: int) -> None:
            progress.update(bytes_done=start + done)
            faults.hit("source-read", path=path, cancelled=cancelled)

        # A floor of free space: refuse before reading if it is already gone, and
        # before each blob that would go below it (staging).
        full = room_error(self.store.staging_root.parent, 0, self.limits.free_space_reserve)
        if full is not None:
            raise full
        staging = self.store.staging(self.limits.free_space_reserve)
        keys: set[str] = set()
        try:
            with self.catalog.transaction():
                faults.hit("transaction-open")
                bundle = Bundle.open(
                    path, limits=self.limits, on_blob=_library_errors(staging),
                    progress=on_progress, cancelled=cancelled,
                )
                try:
                    faults.hit("verified")
                    progress.add(articles=len(bundle.articles))
                    progress.update(stage="storing")
                    keys = self._record(bundle, stat, staging, result)
                    if cancelled():
                        raise Cancelled("stopped before the bundle was recorded", path=str(path))
                    faults.hit("before-commit")
                finally:
                    bundle.close()
            faults.hit("after-commit")
        except BaseException:
            self.trust.forget_cache()
            staging.retract()
            raise
        finally:
            staging.discard()
        return keys

    def _record(self, bundle: Bundle, stat: os.stat_result, staging: Staging,
                result: FileResult) -> set[str]:
        manifest = bundle.manifest
        result.bundle_id, result.title = manifest.bundle_id, manifest.title
        result.articles, result.warnings = len(bundle.articles), list(bundle.warnings)
        source = f"bundle {bundle.path.name}"
        # (3) key chains: the packer's too, so provenance can name who carried what.
        chains = dict(bundle.chains)
        if bundle.packer is not None:
            chains[bundle.packer.publisher_id] = bundle.packer
        touched: set[str] = set()  # articles whose current version a new root changed
        for publisher, chain in sorted(chains.items()):
            change = self.trust.record_chain(chain, source=source, touched=touched)
            if change in (ChainChange.NEW, ChainChange.EXTENDED):
                result.chains[publisher] = str(change)
        # (4) article versions, envelopes, blobs, provenance.
        stamp = now()
        conn = self.catalog.conn
        cursor = conn.execute(
            """INSERT INTO bundles (bundle_id, manifest_sha256, file_size, file_name,
                   file_mtime_ns, set_id, part, parts, title, created, packer, imported_at,
                   articles, new_versions, new_blobs, new_bytes, warnings)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)""",
            (manifest.bundle_id, bundle.manifest_sha256, stat.st_size, bundle.path.name,
             stat.st_mtime_ns,
             manifest.set_id, manifest.part, manifest.parts, manifest.title, manifest.created,
             bundle.packer.publisher_id if bundle.packer else None, stamp, len(bundle.articles),
             _json_list(bundle.warnings)),
        )
        bundle_row = cursor.lastrowid
        keys: set[str] = set(touched)
        new_versions = 0
        for item in bundle.articles:
            envelope_sha = hashlib.sha256(item.envelope).hexdigest()
            chain = self.trust.chain(item.payload.publisher)
            added = self.catalog.add_version(item, envelope_sha, stamp, chain)
            if added.keep_envelope:
                self.store.put_envelope(envelope_sha, item.envelope)
            if added.replaced:
                self.store.drop_envelope(added.replaced)
            conn.execute("INSERT OR IGNORE INTO bundle_versions (bundle, version) VALUES (?, ?)",
                         (bundle_row, added.version))
            if added.outcome == VersionOutcome.DUPLICATE:
                continue
            new_versions += 1
            keys.add(item.key)
            if added.new_article:
                result.new_articles += 1
            elif added.outcome == VersionOutcome.CURRENT:
                result.updated += 1
            if added.outcome in (VersionOutcome.HISTORY, VersionOutcome.HELD_BACK):
                result.history += 1
            if added.outcome == VersionOutcome.HELD_BACK:
                result.held_back.append(item.key)
                why = ("arrived after its publisher revoked its keys" if chain.revoked
                       else "is signed only by a key its publisher has retired")
                result.warnings.append(
                    f"article {item.key} version {item.payload.version} {why}; "
                    "kept, not shown as current"
                )
            elif added.outcome == VersionOutcome.CONFLICT:
                result.conflicts.append(item.key)
                result.warnings.append(
                    f"article {item.key} has two different signed versions "
                    f"{item.payload.version}; neither is shown as current"
                )
        staging.record(bundle.blob_types)
        result.new_blobs, result.new_bytes = len(staging.sizes), staging.new_bytes
        conn.execute(
            "UPDATE bundles SET new_versions = ?, new_blobs = ?, new_bytes = ?, warnings = ? "
            "WHERE id = ?",
            (new_versions, result.new_blobs, result.new_bytes, _json_list(result.warnings),
             bundle_row),
        )
        # (5) large blobs into the store, durably, before the commit names them.
        faults.hit("before-rename")
        staging.publish()
        if not (new_versions or result.new_blobs or result.chains):
            result.status = FileStatus.NOTHING_NEW
            result.reason = "the library already had everything in it"
        return keys


def _library_errors(staging: Staging) -> Any:
    """Wrap blob writes so a failure of the library's disk is not blamed on the bundle."""

    def on_blob(sha256: str, data: bytes) -> None:
        try:
            staging.add(sha256, data)
        except OSError as exc:
            full = disk_full(exc, staging.folder)
            if full is not None:
                raise full from exc
            raise LibraryError(f"cannot write to the library ({exc.strerror or exc})",
                               path=str(staging.folder)) from exc

    return on_blob


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _json_list(items: list[str]) -> str:
    return json.dumps(items, ensure_ascii=False)


__all__ = ["FileResult", "FileStatus", "ImportSummary", "Importer", "find_bundle_files"]
