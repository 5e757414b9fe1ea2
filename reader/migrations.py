"""The catalog's schema, as numbered forward steps (Vorta's pattern).

`SCHEMA_VERSION` is the newest step. Opening an older catalog copies it to
`backups/` first, then runs each missing step in its own transaction together
with the `user_version` bump, so a crash mid-migration leaves the catalog at
the last finished step. A catalog newer than this code is refused, untouched.
Steps are never edited once released: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from .errors import LibraryError, SchemaTooNew

Step = Callable[[sqlite3.Connection], None]

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL                     -- JSON
);

-- Identities: publishers, and packers who signed bundles. The chain's exact
-- root envelopes are kept; `decision` is the reader's alone (trust.py).
CREATE TABLE publishers (
    id           TEXT PRIMARY KEY,          -- key id of root.1's first key
    name         TEXT NOT NULL,             -- from the newest root
    chain_length INTEGER NOT NULL,
    revoked      INTEGER NOT NULL DEFAULT 0,
    decision     TEXT NOT NULL DEFAULT 'unknown'
                 CHECK (decision IN ('unknown', 'trusted', 'blocked')),
    first_seen   TEXT NOT NULL              -- this machine's clock
);
CREATE TABLE chain_roots (
    publisher TEXT NOT NULL REFERENCES publishers(id),
    number    INTEGER NOT NULL,             -- root.N
    envelope  BLOB NOT NULL,                -- exact signed bytes
    PRIMARY KEY (publisher, number)
);
CREATE TABLE trust_events (
    id           INTEGER PRIMARY KEY,
    publisher    TEXT NOT NULL REFERENCES publishers(id),
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL,             -- first-seen, decision, key-card, rotated, revoked
    old_state    TEXT NOT NULL,
    new_state    TEXT NOT NULL,
    chain_length INTEGER NOT NULL,
    source       TEXT NOT NULL DEFAULT '',  -- bundle file, key card file, or 'reader'
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX trust_events_publisher ON trust_events (publisher, id);

-- Bundles imported (or recognised as already had), and what each brought.
CREATE TABLE bundles (
    id            INTEGER PRIMARY KEY,
    bundle_id     TEXT NOT NULL,
    file_size     INTEGER NOT NULL,
    file_name     TEXT NOT NULL,
    file_mtime_ns INTEGER NOT NULL,
    set_id        TEXT NOT NULL,
    part          INTEGER NOT NULL,
    parts         INTEGER NOT NULL,
    title         TEXT NOT NULL,
    created       TEXT NOT NULL,            -- advisory, from the bundle
    packer        TEXT REFERENCES publishers(id),
    imported_at   TEXT NOT NULL,
    articles      INTEGER NOT NULL,         -- article versions it carried
    new_versions  INTEGER NOT NULL,         -- of which the library lacked
    new_blobs     INTEGER NOT NULL,
    new_bytes     INTEGER NOT NULL,
    warnings      TEXT NOT NULL DEFAULT '[]',
    UNIQUE (bundle_id, file_size)
);
CREATE INDEX bundles_stat ON bundles (file_name, file_size, file_mtime_ns);

-- One row per (publisher, article id): the high-water mark and reading state.
-- `current` is NULL while the newest version is in conflict; `shown` is what
-- lists display (the current one, or the first of the conflicting ones).
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    publisher     TEXT NOT NULL REFERENCES publishers(id),
    article_id    TEXT NOT NULL,
    high_version  INTEGER NOT NULL,
    current       INTEGER REFERENCES versions(id),
    shown         INTEGER REFERENCES versions(id),
    conflict      INTEGER NOT NULL DEFAULT 0,
    read_at       TEXT,
    position      REAL NOT NULL DEFAULT 0,
    bookmarked_at TEXT,
    UNIQUE (publisher, article_id)
);
CREATE INDEX articles_shown ON articles (shown);

-- Every signed article version ever verified; its envelope is in `envelopes`.
CREATE TABLE versions (
    id              INTEGER PRIMARY KEY,
    article         INTEGER NOT NULL REFERENCES articles(id),
    version         INTEGER NOT NULL,
    envelope_sha256 TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL,
    issued          TEXT NOT NULL,          -- advisory, as signed
    issued_ts       REAL,                   -- parsed, for date filters and sorting
    language        TEXT NOT NULL,
    title           TEXT NOT NULL,
    byline          TEXT NOT NULL,
    summary         TEXT NOT NULL,
    source_url      TEXT NOT NULL,
    body            TEXT NOT NULL,          -- sha256 of the HTML blob
    signed_by       TEXT NOT NULL,          -- JSON list of key ids
    first_seen      TEXT NOT NULL
);
CREATE INDEX versions_article ON versions (article, version);
CREATE INDEX versions_issued ON versions (issued_ts);
CREATE INDEX versions_language ON versions (language);
CREATE TABLE version_files (
    version    INTEGER NOT NULL REFERENCES versions(id),
    sha256     TEXT NOT NULL,
    size       INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    role       TEXT NOT NULL,
    PRIMARY KEY (version, sha256)
) WITHOUT ROWID;
CREATE INDEX version_files_sha256 ON version_files (sha256);
CREATE TABLE version_tags (
    version INTEGER NOT NULL REFERENCES versions(id),
    tag     TEXT NOT NULL,
    PRIMARY KEY (version, tag)
) WITHOUT ROWID;
CREATE INDEX version_tags_tag ON version_tags (tag, version);
CREATE TABLE bundle_versions (
    bundle  INTEGER NOT NULL REFERENCES bundles(id),
    version INTEGER NOT NULL REFERENCES versions(id),
    PRIMARY KEY (bundle, version)
) WITHOUT ROWID;
CREATE INDEX bundle_versions_version ON bundle_versions (version);

-- The content-addressed store (store.py): envelopes and small blobs inline,
-- larger blobs as files named by their hash.
CREATE TABLE envelopes (
    sha256 TEXT PRIMARY KEY,
    data   BLOB NOT NULL
);
CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    in_file    INTEGER NOT NULL            -- 1: store/ab/cdef..; 0: blob_data
);
CREATE TABLE blob_data (
    sha256 TEXT PRIMARY KEY,
    data   BLOB NOT NULL
);

CREATE TABLE history (
    id        INTEGER PRIMARY KEY,
    article   INTEGER NOT NULL REFERENCES articles(id),
    version   INTEGER REFERENCES versions(id),
    opened_at TEXT NOT NULL
);
CREATE INDEX history_article ON history (article);
"""


def _statements(script: str) -> list[str]:
    """Split a script of plain DDL (no triggers) into statements, dropping comments."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _statements(_V1):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('created', ?)",
        (datetime.now(UTC).isoformat(timespec="seconds"),),
    )


# Schema 2: "already imported" rests on the SHA-256 of the exact manifest bytes of
# a bundle that was fully verified and imported (docs/cli.md), no longer on the
# unsigned bundle id and the file's size, name or time, which anyone can copy.
# Rows of schema 1 have no digest and never short-cut an import. The table is
# rebuilt to drop UNIQUE (bundle_id, file_size): a decoy that copied a real
# bundle's id and size must not keep the real one out.
_V2 = """
CREATE TABLE bundles_v2 (
    id              INTEGER PRIMARY KEY,
    bundle_id       TEXT NOT NULL,          -- unsigned unless a packer signed it: a label
    manifest_sha256 TEXT,                   -- of the verified manifest; NULL before schema 2
    file_size       INTEGER NOT NULL,
    file_name       TEXT NOT NULL,
    file_mtime_ns   INTEGER NOT NULL,
    set_id          TEXT NOT NULL,
    part            INTEGER NOT NULL,
    parts           INTEGER NOT NULL,
    title           TEXT NOT NULL,
    created         TEXT NOT NULL,
    packer          TEXT REFERENCES publishers(id),
    imported_at     TEXT NOT NULL,
    articles        INTEGER NOT NULL,
    new_versions    INTEGER NOT NULL,
    new_blobs       INTEGER NOT NULL,
    new_bytes       INTEGER NOT NULL,
    warnings        TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO bundles_v2 (id, bundle_id, manifest_sha256, file_size, file_name, file_mtime_ns,
    set_id, part, parts, title, created, packer, imported_at, articles, new_versions,
    new_blobs, new_bytes, warnings)
SELECT id, bundle_id, NULL, file_size, file_name, file_mtime_ns, set_id, part, parts, title,
    created, packer, imported_at, articles, new_versions, new_blobs, new_bytes, warnings
FROM bundles;
DROP TABLE bundles;
ALTER TABLE bundles_v2 RENAME TO bundles;
CREATE INDEX bundles_manifest ON bundles (manifest_sha256);
CREATE INDEX bundles_size ON bundles (file_size);
"""


def _v2(conn: sqlite3.Connection) -> None:
    for statement in _statements(_V2):
        conn.execute(statement)


# Schema 3, issue 13: versions are their signed payloads; retired and revoked keys never rewrite
# the present; chain conflicts are kept as evidence instead of locking a publisher out.
_V3 = """
ALTER TABLE versions ADD COLUMN payload_sha256 TEXT NOT NULL DEFAULT '';
-- roots of the publisher's chain the library held when this version was first seen
ALTER TABLE versions ADD COLUMN arrival_roots INTEGER NOT NULL DEFAULT 0;
-- 0: does not verify under the chain held now (after a reset): kept, hidden
ALTER TABLE versions ADD COLUMN verified INTEGER NOT NULL DEFAULT 1;
-- derived (versions.py): kept, but barred from being current
ALTER TABLE versions ADD COLUMN held_back INTEGER NOT NULL DEFAULT 0;
CREATE INDEX versions_payload ON versions (article, version, payload_sha256);
-- derived: the shown version is signed only by retired keys; versions held back
ALTER TABLE articles ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN held_back INTEGER NOT NULL DEFAULT 0;

-- Evidence of chains the library refused or dropped (trust.py): a fork (another
-- valid chain for the same publisher) or a root the rules of today refuse.
CREATE TABLE chain_conflicts (
    id           INTEGER PRIMARY KEY,
    publisher    TEXT NOT NULL REFERENCES publishers(id),
    kind         TEXT NOT NULL CHECK (kind IN ('fork', 'dropped')),
    root         INTEGER NOT NULL,          -- root.N where the chains part
    held         BLOB NOT NULL,             -- the library's root.N (dropped: the refused one)
    other        BLOB NOT NULL,             -- the competing root.N (dropped: empty)
    other_sha256 TEXT NOT NULL,             -- of `other` (dropped: of `held`)
    other_length INTEGER NOT NULL,          -- links in the competing chain
    source       TEXT NOT NULL,             -- bundle file, key card, 'library upgrade'
    note         TEXT NOT NULL DEFAULT '',
    first_seen   TEXT NOT NULL,             -- this machine's clock
    last_seen    TEXT NOT NULL,
    times        INTEGER NOT NULL DEFAULT 1,
    resolved_at  TEXT,                      -- set by `trust reset`
    UNIQUE (publisher, other_sha256)
);
CREATE INDEX chain_conflicts_publisher ON chain_conflicts (publisher, id);
"""


def _v3(conn: sqlite3.Connection) -> None:
    for statement in _statements(_V3):
        conn.execute(statement)
    from .upgrade import upgrade_to_v3  # the data steps need the chain and version rules

    upgrade_to_v3(conn)


STEPS: list[Step] = [_v1, _v2, _v3]
SCHEMA_VERSION = len(STEPS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, db_path: Path, backups: Path,
            key: bytes | None = None) -> int:
    """Bring the catalog to SCHEMA_VERSION; return the version it had. `conn` is autocommit."""
    found = schema_version(conn)
    if found > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"the catalog has schema version {found}; this Satchel knows up to {SCHEMA_VERSION}",
            path=str(db_path),
        )
    if found == SCHEMA_VERSION:
        return found
    if found > 0:
        _backup(conn, db_path, backups, found, key)
    # A step may rebuild a table others refer to (SQLite's own recipe for changing a
    # table): references are checked after each step instead of during it.
    enforced = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        for number in range(found + 1, SCHEMA_VERSION + 1):
            conn.execute("BEGIN IMMEDIATE")
            try:
                broken = len(conn.execute("PRAGMA foreign_key_check").fetchall())
                STEPS[number - 1](conn)
                if len(conn.execute("PRAGMA foreign_key_check").fetchall()) > broken:
                    raise LibraryError(f"upgrading the catalog to schema {number} would break "
                                       "its references; nothing was changed", path=str(db_path))
                conn.execute(f"PRAGMA user_version = {number}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")
    return found


def _backup(conn: sqlite3.Connection, db_path: Path, backups: Path, version: int,
            key: bytes | None) -> Path:
    """A consistent copy (SQLite's backup API, so the WAL's contents are included);
    a protected library's copy is encrypted with the same key."""
    from .catalog import connect

    backups.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups / f"{db_path.stem}.v{version}.{stamp}.sqlite3"
    copy = connect(str(target), key)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    return target
