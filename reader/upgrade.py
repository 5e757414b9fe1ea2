"""The data steps of catalog schema 3 (issue 13), run inside its migration transaction.

A library written before schema 3 may hold what the rules of today refuse:

  (1) versions get the SHA-256 of their signed payload, and copies of one
      payload (envelopes re-encoded by a relay, once taken for a conflict
      nobody signed) are merged into the first seen, with what each bundle
      brought and the reading history pointed at it;
  (2) each version's `arrival_roots` (roots held when it was first seen) is
      rebuilt from the trust history: the chain length of the publisher's last
      chain event at or before the version's first sight, on this machine's
      clock; when none is found, the chain as it is now, so that a version of
      unknown arrival never outranks one the reader is known to have had;
  (3) every stored chain is verified again. One that no longer verifies (a
      root.1 or rotation listing a key that did not sign it, which borrowed
      another's identity) is cut to its longest valid start, or, when root.1
      itself is refused, forgotten with the reader's decision, as `satchel
      trust reset` does; the refused root is kept as evidence (`dropped`);
  (4) every version is verified again under the chain kept, and every article
      derived again (versions.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import UTC, datetime

from bundles.chain import KeyChain, verify_chain
from bundles.errors import SatchelError

from . import versions
from .trust import add_conflict, forget_chain, record_event, state_of

SOURCE = "library upgrade"


def upgrade_to_v3(conn: sqlite3.Connection) -> None:
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    _payload_hashes(conn)
    _merge_copies(conn)
    _arrivals(conn)
    chains = {publisher: _verified_chain(conn, publisher, stamp)
              for (publisher,) in conn.execute("SELECT id FROM publishers").fetchall()}
    for publisher, chain in chains.items():
        if chain is not None:
            versions.recheck_publisher(conn, publisher, chain, every=True)
        versions.rederive_publisher(conn, publisher, chain)


def _payload_hashes(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT v.id, e.data FROM versions v "
                        "JOIN envelopes e ON e.sha256 = v.envelope_sha256").fetchall()
    updates = []
    for version, data in rows:
        try:
            updates.append((versions.payload_sha256(bytes(data)), version))
        except SatchelError:
            continue  # a damaged envelope: `satchel check` reports it
    conn.executemany("UPDATE versions SET payload_sha256 = ? WHERE id = ?", updates)


def _merge_copies(conn: sqlite3.Connection) -> None:
    groups: dict[tuple[int, int, str], list[tuple[int, frozenset[str]]]] = defaultdict(list)
    for version, article, number, payload, signed_by in conn.execute(
            "SELECT id, article, version, payload_sha256, signed_by FROM versions "
            "WHERE payload_sha256 != '' ORDER BY id"):
        groups[(article, number, payload)].append((version, frozenset(json.loads(signed_by))))
    for copies in groups.values():
        if len(copies) < 2:
            continue
        keep = copies[0][0]
        for version, _ in copies[1:]:
            merge_version(conn, version, into=keep)


def merge_version(conn: sqlite3.Connection, version: int, *, into: int) -> None:
    """Fold one stored version into another of the same payload, and drop it."""
    conn.execute("INSERT OR IGNORE INTO bundle_versions (bundle, version) "
                 "SELECT bundle, ? FROM bundle_versions WHERE version = ?", (into, version))
    conn.execute("DELETE FROM bundle_versions WHERE version = ?", (version,))
    conn.execute("UPDATE history SET version = ? WHERE version = ?", (into, version))
    conn.execute("UPDATE articles SET current = ? WHERE current = ?", (into, version))
    conn.execute("UPDATE articles SET shown = ? WHERE shown = ?", (into, version))
    envelope = conn.execute("SELECT envelope_sha256 FROM versions WHERE id = ?",
                            (version,)).fetchone()[0]
    for table in ("version_files", "version_tags", "versions"):
        conn.execute(f"DELETE FROM {table} WHERE {'id' if table == 'versions' else 'version'}"
                     " = ?", (version,))
    conn.execute("DELETE FROM envelopes WHERE sha256 = ?", (envelope,))


def _arrivals(conn: sqlite3.Connection) -> None:
    conn.execute("""
        UPDATE versions SET arrival_roots = COALESCE(
            (SELECT e.chain_length FROM trust_events e JOIN articles a
                 ON a.publisher = e.publisher
             WHERE a.id = versions.article AND e.kind IN ('first-seen', 'rotated', 'revoked')
               AND e.at <= versions.first_seen
             ORDER BY e.id DESC LIMIT 1),
            (SELECT p.chain_length FROM publishers p JOIN articles a ON a.publisher = p.id
             WHERE a.id = versions.article))
    """)


def _verified_chain(conn: sqlite3.Connection, publisher: str, stamp: str) -> KeyChain | None:
    """The publisher's stored chain under today's rules: whole, cut short, or forgotten."""
    envelopes = [bytes(r[0]) for r in conn.execute(
        "SELECT envelope FROM chain_roots WHERE publisher = ? ORDER BY number", (publisher,))]
    if not envelopes:
        return None
    try:
        return verify_chain(envelopes)
    except SatchelError as exc:
        error = exc
    good = 0  # the longest start that verifies
    while good + 1 < len(envelopes):
        try:
            verify_chain(envelopes[:good + 1])
        except SatchelError:
            break
        good += 1
    refused = envelopes[good]
    reason = error.reason
    if good == 0:
        forget_chain(conn, publisher, stamp=stamp, source=SOURCE, note=reason)
        chain = None
    else:
        chain = verify_chain(envelopes[:good])
        decision, revoked = conn.execute(
            "SELECT decision, revoked FROM publishers WHERE id = ?", (publisher,)).fetchone()
        conn.execute("DELETE FROM chain_roots WHERE publisher = ? AND number > ?",
                     (publisher, good))
        conn.execute("UPDATE publishers SET name = ?, chain_length = ?, revoked = ? "
                     "WHERE id = ?", (chain.name, good, int(chain.revoked), publisher))
        record_event(conn, publisher, stamp, "cut", state_of(decision, bool(revoked)),
                     state_of(decision, chain.revoked), good, SOURCE, reason)
    add_conflict(conn, publisher, kind="dropped", root=good + 1, held=refused, other=b"",
                 other_length=len(envelopes), source=SOURCE, stamp=stamp, note=reason)
    return chain
