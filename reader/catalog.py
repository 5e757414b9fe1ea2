"""The catalog: one SQLite file in WAL mode, its transactions, and the version rules.

`Catalog` owns the connection. Writes happen only inside `transaction()`
(BEGIN IMMEDIATE ... COMMIT), so every change is all or nothing; readers in
other processes are never blocked (WAL). Commits are durable
(`synchronous=FULL`): once `transaction()` returns, a power cut keeps it.

The version rules (docs/format.md section 8) live in `versions.py`: a version
is its signed payload (`add_version` keeps one row per publisher, article,
number and payload hash), and the current version of an article is derived
from *all* the versions the library holds and the publisher's chain, so it
does not depend on the order bundles arrive in, except where the rules say
it must (what the reader had before a key was retired or revoked).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from bundles.bundle import VerifiedArticle
from bundles.chain import KeyChain

from . import migrations, versions
from .errors import DiskFull, LibraryCorrupt, LibraryError


def now() -> str:
    """This machine's clock, for what the library did (never a bundle's time)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def parse_time(value: str) -> float | None:
    """A signed, advisory RFC 3339 time as a POSIX timestamp, or None if unparsable."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


class VersionOutcome(StrEnum):
    """What adding one signed article version did to the library."""

    DUPLICATE = "duplicate"  # this signed payload was already here (in any envelope)
    CURRENT = "current"  # it is now the article's current version
    HISTORY = "history"  # older than the high-water mark: kept, never current
    CONFLICT = "conflict"  # same version as another, different content
    HELD_BACK = "held-back"  # signed only by retired keys, or after the revocation


@dataclass(frozen=True)
class AddedVersion:
    outcome: VersionOutcome
    article: int  # articles.id
    version: int  # versions.id
    new_article: bool
    # The store must keep this envelope (a new version, or a better-signed copy of
    # one), and may drop `replaced` (the copy it supersedes).
    keep_envelope: bool = True
    replaced: str | None = None


def connect(target: str, key: bytes | None, *, uri: bool = False) -> sqlite3.Connection:
    """An autocommit connection giving `sqlite3.Row`-like rows. With `key`: SQLCipher
    (the `sqlcipher3` binding, a DB-API twin of `sqlite3`) keyed with the raw 256-bit
    key, so every page of the file and its WAL is AES-256 encrypted and authenticated,
    and temporary tables stay in memory."""
    if key is None:
        plain = sqlite3.connect(target, uri=uri, isolation_level=None, check_same_thread=False)
        plain.row_factory = sqlite3.Row
        return plain
    from sqlcipher3 import dbapi2  # only protected libraries need it

    ciphered: Any = dbapi2.connect(target, uri=uri, isolation_level=None,
                                   check_same_thread=False)
    ciphered.execute("PRAGMA cipher_log_level = NONE")  # it logs failures to stderr
    ciphered.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    ciphered.execute("PRAGMA temp_store = MEMORY")
    ciphered.row_factory = dbapi2.Row
    conn: sqlite3.Connection = ciphered
    return conn


def database_errors() -> tuple[type[Exception], ...]:
    """sqlite3's DatabaseError, and SQLCipher's once a protected library was opened."""
    ciphered = sys.modules.get("sqlcipher3.dbapi2")
    if ciphered is None:
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, ciphered.DatabaseError)


class Catalog:
    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool):
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self._in_transaction = False

    @classmethod
    def open(cls, path: Path, *, backups: Path, readonly: bool = False,
             key: bytes | None = None) -> Catalog:
        """Open (creating and migrating unless read-only) the catalog at `path`;
        with `key`, a protected library's catalog (SQLCipher, `connect`)."""
        try:
            target = f"{path.as_uri()}?mode=ro" if readonly else str(path)
            conn = connect(target, key, uri=readonly)
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
                migrations.migrate(conn, path, backups, key)
            elif migrations.schema_version(conn) != migrations.SCHEMA_VERSION:
                raise LibraryError(
                    "the catalog needs an upgrade; open it once for writing", path=str(path)
                )
        except database_errors() as exc:
            raise LibraryCorrupt(f"cannot open the catalog ({exc})", path=str(path)) from exc
        return cls(conn, path, readonly)

    def close(self) -> None:
        if not self.readonly:
            # Fold the WAL back so the library is one file again when idle.
            with suppress(*database_errors()):
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; rolled back on any exception, SQLITE_FULL -> DiskFull."""
        if self.readonly:
            raise RuntimeError("the library was opened read-only")
        if self._in_transaction:
            raise RuntimeError("transactions do not nest")
        self._in_transaction = True
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        except database_errors() as exc:
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
                raise DiskFull("the disk is full; nothing was changed", path=str(self.path)) from exc
            raise
        finally:
            self._in_transaction = False

    @property
    def in_transaction(self) -> bool:
        return self._in_transaction

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    # -- article versions (inside a transaction) ------------------------------

    def add_version(
        self, item: VerifiedArticle, envelope_sha256: str, stamp: str, chain: KeyChain
    ) -> AddedVersion:
        """Record a verified article version and re-derive its article's current version.

        `chain` is the publisher's chain as the library holds it now (after the
        bundle's own chains were recorded).
        """
        p = item.payload
        conn = self.conn
        known = self.one(
            "SELECT v.id, v.article, v.signed_by, v.envelope_sha256 FROM versions v "
            "JOIN articles a ON a.id = v.article WHERE a.publisher = ? AND a.article_id = ? "
            "AND v.version = ? AND v.payload_sha256 = ?",
            (p.publisher, p.article_id, p.version, item.payload_sha256),
        )
        if known is not None:
            # The same signed payload in other bytes is the same version. Keep the
            # envelope held, unless this one carries more of the publisher's signatures.
            held = frozenset(json.loads(known["signed_by"]))
            if not item.signed_by > held:
                return AddedVersion(VersionOutcome.DUPLICATE, known["article"], known["id"],
                                    False, keep_envelope=False)
            conn.execute("UPDATE versions SET envelope_sha256 = ?, signed_by = ? WHERE id = ?",
                         (envelope_sha256, json.dumps(sorted(item.signed_by)), known["id"]))
            versions.rederive(conn, known["article"], chain)
            return AddedVersion(VersionOutcome.DUPLICATE, known["article"], known["id"], False,
                                replaced=known["envelope_sha256"])
        cursor = conn.execute(
            "INSERT OR IGNORE INTO articles (publisher, article_id, high_version) "
            "VALUES (?, ?, ?)",
            (p.publisher, p.article_id, p.version),
        )
        new_article = cursor.rowcount > 0
        if new_article:
            article = cursor.lastrowid
        else:
            article = self.scalar(
                "SELECT id FROM articles WHERE publisher = ? AND article_id = ?",
                (p.publisher, p.article_id),
            )
        version = conn.execute(
            """INSERT INTO versions (article, version, envelope_sha256, status, issued, issued_ts,
                   language, title, byline, summary, source_url, body, signed_by, first_seen,
                   payload_sha256, arrival_roots)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (article, p.version, envelope_sha256, p.status, p.issued, parse_time(p.issued),
             p.language, p.title, p.byline, p.summary, p.source_url, p.body,
             json.dumps(sorted(item.signed_by)), stamp, item.payload_sha256,
             len(chain.envelopes)),
        ).lastrowid
        conn.executemany(
            "INSERT INTO version_files (version, sha256, size, media_type, role) "
            "VALUES (?, ?, ?, ?, ?)",
            [(version, f.sha256, f.size, f.media_type, f.role) for f in p.files],
        )
        conn.executemany(
            "INSERT INTO version_tags (version, tag) VALUES (?, ?)",
            [(version, tag) for tag in p.tags],
        )
        assert article is not None and version is not None
        if new_article:
            # The only version of a new article is its current one: no need to re-derive.
            retired = not (item.signed_by & chain.current_keys.keys())
            conn.execute("UPDATE articles SET current = ?, shown = ?, retired = ? WHERE id = ?",
                         (version, version, int(retired), article))
            return AddedVersion(VersionOutcome.CURRENT, article, version, True)
        before = self.one("SELECT current FROM articles WHERE id = ?", (article,))
        versions.rederive(conn, article, chain)
        after = self.one("SELECT current, conflict, high_version FROM articles WHERE id = ?",
                         (article,))
        held_back = self.scalar("SELECT held_back FROM versions WHERE id = ?", (version,))
        assert before is not None and after is not None
        if held_back:
            outcome = VersionOutcome.HELD_BACK
        elif after["conflict"] and after["high_version"] == p.version:
            outcome = VersionOutcome.CONFLICT
        elif after["current"] == version:
            outcome = VersionOutcome.CURRENT
            if before["current"] is not None:
                # A correction or update: show it as unread, from the top.
                conn.execute(
                    "UPDATE articles SET read_at = NULL, position = 0 WHERE id = ?", (article,)
                )
        else:
            outcome = VersionOutcome.HISTORY
        return AddedVersion(outcome, article, version, new_article)

    def recompute_current(self, article: int, chain: KeyChain | None) -> None:
        """Derive the article's current version again (versions.py)."""
        versions.rederive(self.conn, article, chain)
