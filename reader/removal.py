"""Removing what the reader no longer wants: one bundle's articles, or a publisher's.

- **A bundle**: the article versions only this bundle brought are removed; a
  version another imported bundle also brought stays. The bundle is forgotten,
  so importing the same file again brings it all back.
- **A publisher**: every version of its articles is removed, and each bundle that
  brought nothing else is forgotten (one that carried other publishers too stays
  listed for what it still holds, and is read again if imported again, so the
  removal can be undone from the stick). The publisher itself, its key chain and the
  reader's decision about it are kept, so its fingerprint stays known; with
  `block`, it is blocked too, so nothing of it is shown again whatever brings it.

Either way each touched article's current version is derived again from what
is left (`Catalog.recompute_current`, under the chain the library holds), an
article left with no version goes
with its reading state, and envelopes and blobs nothing uses any more are
deleted. All of it happens in one transaction. Store files of the deleted
blobs are unlinked only after the commit; a marker folder in `staging/`, made
before the transaction and removed after the files, makes the next writable
open collect whatever a crash in between left (`Store.collect_garbage`). Then
the index forgets the removed articles and re-indexes the changed ones.

`plan_*` runs the very same steps and rolls them back, so what a confirmation
names is exactly what removing does.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from bundles import faults
from bundles.chain import KeyChain

from .changes import Changes
from .errors import NotFound
from .records import TrustState

if TYPE_CHECKING:
    from .library import Library


@dataclass(frozen=True)
class Removal:
    """What a removal takes away (or would, from `plan_*`)."""

    what: str  # "bundle" or "publisher"
    subject: str  # the bundle id, or the publisher id
    name: str  # the bundle's title or file name, or the publisher's name
    articles: int  # articles gone entirely
    versions: int  # article versions removed
    kept: int  # versions the bundle brought that another bundle brought too: they stay
    updated: int  # articles that stay, with another version now current
    bundles: int  # imported bundles forgotten
    blobs: int  # images and bodies deleted from the store
    bytes: int  # their size
    blocked: bool = False
    done: bool = False  # False for a plan

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Rollback(Exception):
    def __init__(self, removal: Removal):
        super().__init__("dry run")
        self.removal = removal


class Remover:
    def __init__(self, library: Library):
        self.library = library
        self.catalog = library.catalog

    # -- what -------------------------------------------------------------------------

    def plan_bundle(self, bundle: int) -> Removal:
        return self._bundle(bundle, dry_run=True)[0]

    def bundle(self, bundle: int) -> tuple[Removal, Changes]:
        """Remove one imported bundle (its `bundles` row id, as `library.bundles` lists)."""
        return self._bundle(bundle, dry_run=False)

    def plan_publisher(self, publisher: str, *, block: bool = False) -> Removal:
        return self._publisher(publisher, block, dry_run=True)[0]

    def publisher(self, publisher: str, *, block: bool = False) -> tuple[Removal, Changes]:
        return self._publisher(publisher, block, dry_run=False)

    def _bundle(self, bundle: int, dry_run: bool) -> tuple[Removal, Changes]:
        row = self.library.bundles.get(bundle)  # NotFound when absent
        versions = """SELECT version FROM bundle_versions b WHERE bundle = :b AND NOT EXISTS
                      (SELECT 1 FROM bundle_versions o WHERE o.version = b.version
                       AND o.bundle != :b)"""
        kept = """SELECT count(*) FROM bundle_versions b WHERE bundle = :b AND EXISTS
                  (SELECT 1 FROM bundle_versions o WHERE o.version = b.version AND o.bundle != :b)"""
        return self._run("bundle", row.bundle_id, row.title or row.file_name,
                         versions, "SELECT :b", kept, {"b": bundle}, None, dry_run)

    def _publisher(self, publisher: str, block: bool, dry_run: bool) -> tuple[Removal, Changes]:
        info = self.library.trust.get(publisher)  # NotFound when absent
        versions = """SELECT v.id FROM versions v JOIN articles a ON a.id = v.article
                      WHERE a.publisher = :p"""
        # Bundles every version of which is going.
        bundles = """SELECT bundle FROM bundle_versions GROUP BY bundle HAVING
                     min(version IN (SELECT version FROM temp.removing)) = 1"""
        return self._run("publisher", publisher, info.name, versions, bundles, "SELECT 0",
                         {"p": publisher}, publisher if block else None, dry_run)

    # -- how --------------------------------------------------------------------------

    def _run(self, what: str, subject: str, name: str, versions_sql: str, bundles_sql: str,
             kept_sql: str, params: dict[str, Any], block: str | None,
             dry_run: bool) -> tuple[Removal, Changes]:
        library = self.library
        marker = library.store.staging_root / f"remove-{uuid.uuid4().hex}"
        if not dry_run:  # made first and removed last: a crash between leaves it behind
            marker.mkdir(parents=True)
        try:
            try:
                with self.catalog.transaction() as conn:
                    removal, keys, files = self._delete(conn, what, subject, name, versions_sql,
                                                        bundles_sql, kept_sql, params, block)
                    if dry_run:
                        raise _Rollback(removal)
                    faults.hit("remove-before-commit")
            except _Rollback as rollback:
                return rollback.removal, Changes()
            faults.hit("remove-after-commit")
            for sha256 in files:  # only now: the catalog no longer names them
                library.store.file_path(sha256).unlink(missing_ok=True)
        finally:
            shutil.rmtree(marker, ignore_errors=True)
        library.trust.forget_cache()
        index_changed = False
        if keys:
            try:
                library.indexing.update(keys)
                index_changed = True
            except Exception:  # derived data: reconciled at the next open
                pass
        changes = Changes(articles=True, bundles=removal.bundles > 0, index=index_changed,
                          trust=removal.blocked,
                          keys=frozenset(keys) if len(keys) <= 1000 else frozenset())
        return removal, changes

    def _delete(self, conn: sqlite3.Connection, what: str, subject: str, name: str, versions_sql: str,
                bundles_sql: str, kept_sql: str, params: dict[str, Any],
                block: str | None) -> tuple[Removal, set[str], list[str]]:
        """Every step, inside the transaction; returns the removal, the article keys to
        re-index and the store files to unlink after the commit."""
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS removing (version INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM temp.removing")
        conn.execute(f"INSERT INTO temp.removing (version) {versions_sql}", params)
        kept = conn.execute(kept_sql, params).fetchone()[0]
        gone_bundles = [r[0] for r in conn.execute(bundles_sql, params).fetchall()]
        inside = "IN (SELECT version FROM temp.removing)"
        articles = {r[0]: (r[1], r[2]) for r in conn.execute(
            f"SELECT DISTINCT a.id, a.publisher, a.article_id FROM versions v "
            f"JOIN articles a ON a.id = v.article WHERE v.id {inside}")}
        # A bundle that keeps some of what it brought is read again when imported
        # again (not skipped as already imported), so the removal can be undone.
        conn.execute(f"UPDATE bundles SET manifest_sha256 = NULL WHERE id IN "
                     f"(SELECT DISTINCT bundle FROM bundle_versions WHERE version {inside})")
        files = {r[0] for r in conn.execute(
            f"SELECT DISTINCT sha256 FROM version_files WHERE version {inside}")}
        envelopes = [r[0] for r in conn.execute(
            f"SELECT envelope_sha256 FROM versions WHERE id {inside}")]
        versions = len(envelopes)

        conn.execute(f"DELETE FROM version_files WHERE version {inside}")
        conn.execute(f"DELETE FROM version_tags WHERE version {inside}")
        conn.execute(f"DELETE FROM bundle_versions WHERE version {inside}")
        conn.execute(f"UPDATE history SET version = NULL WHERE version {inside}")
        conn.execute(f"UPDATE articles SET current = NULL, shown = NULL WHERE current {inside} "
                     f"OR shown {inside}")
        conn.execute(f"DELETE FROM versions WHERE id {inside}")
        emptied = updated = 0
        for article, (publisher, _) in articles.items():
            if conn.execute("SELECT 1 FROM versions WHERE article = ? LIMIT 1",
                            (article,)).fetchone() is None:
                conn.execute("DELETE FROM history WHERE article = ?", (article,))
                conn.execute("DELETE FROM articles WHERE id = ?", (article,))
                emptied += 1
            else:
                self.catalog.recompute_current(article, self._chain(publisher))
                updated += 1
        conn.executemany("DELETE FROM envelopes WHERE sha256 = ? AND NOT EXISTS "
                         "(SELECT 1 FROM versions WHERE envelope_sha256 = ?)",
                         [(e, e) for e in envelopes])
        blobs = self._unused_blobs(conn, files)
        conn.executemany("DELETE FROM blob_data WHERE sha256 = ?", [(b[0],) for b in blobs])
        conn.executemany("DELETE FROM blobs WHERE sha256 = ?", [(b[0],) for b in blobs])
        conn.executemany("DELETE FROM bundle_versions WHERE bundle = ?",
                         [(b,) for b in gone_bundles])
        conn.executemany("DELETE FROM bundles WHERE id = ?", [(b,) for b in gone_bundles])
        conn.execute("DELETE FROM temp.removing")
        blocked = False
        if block is not None:
            blocked = self.library.trust._decide(block, TrustState.BLOCKED, kind="decision",
                                                 source="reader", note=f"removed {name}")
        removal = Removal(what, subject, name, emptied, versions, kept, updated,
                          len(gone_bundles), len(blobs), sum(b[1] for b in blobs),
                          blocked=bool(blocked), done=True)
        keys = {f"{publisher}/{article_id}" for publisher, article_id in articles.values()}
        return removal, keys, [b[0] for b in blobs if b[2]]

    def _chain(self, publisher: str) -> KeyChain | None:
        """The publisher's chain as the library holds it (None after a reset)."""
        try:
            return self.library.trust.chain(publisher)
        except NotFound:
            return None

    @staticmethod
    def _unused_blobs(conn: sqlite3.Connection, candidates: set[str]) -> list[tuple[str, int, int]]:
        """(sha256, size, in_file) of the candidates no version uses any more."""
        found = []
        for sha256 in sorted(candidates):
            if conn.execute("SELECT 1 FROM version_files WHERE sha256 = ? LIMIT 1",
                            (sha256,)).fetchone() is None:
                row = conn.execute("SELECT size, in_file FROM blobs WHERE sha256 = ?",
                                   (sha256,)).fetchone()
                if row is not None:
                    found.append((sha256, int(row[0]), int(row[1])))
        return found


def resolve_bundle(library: Library, text: str) -> int:
    """A bundle's row id from how `satchel remove` lists it: its number (`3` or `#3`), a
    unique prefix of its bundle id, its exact title or its exact file name."""
    rows = library.bundles.list()
    needle = text.strip()
    number = needle.removeprefix("#")
    found = [r for r in rows if number.isdigit() and r.id == int(number)]
    found = found or [r for r in rows if len(needle) >= 4
                      and r.bundle_id.startswith(needle.lower())]
    found = found or [r for r in rows if needle in (r.title, r.file_name)]
    if len(found) != 1:
        raise NotFound(f"no imported bundle matches {text!r}" if not found else
                       f"{len(found)} imported bundles match {text!r}; give its number "
                       f"({', '.join('#' + str(r.id) for r in found[:10])})")
    return found[0].id
