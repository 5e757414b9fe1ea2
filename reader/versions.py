"""Which held version of an article is current (docs/format.md section 8, "Versions").

A version is its signed payload: the same publisher, article id, version number
and payload bytes is one version, however its envelope is encoded; two
different payloads with one number, each validly signed, are a conflict.

Whether a version may become current depends on the key chain the library
holds *now* and on what it held when the version arrived, so that a key the
publisher has retired, or a chain it has revoked, never rewrites what the
reader has. Each version has a standing (`standing`):

  CURRENT_KEY  signed by a key of the newest root (none, once revoked);
  HELD         arrived while a key that signed it was current: the root that was
               newest then (`arrival_roots`) lists one of its signers;
  LATE         arrived signed only by keys already retired, or after the revocation.

The current version is the highest of the best standing present; a tie there is
a conflict. A version of a worse standing numbered as high or higher is *held
back*: kept and shown as history, never current, never part of a conflict. An
article held only in LATE versions (one first seen after the rotation or the
revocation) still shows its highest: it rewrites nothing the reader had.

`derive` decides from plain values, with no I/O (python-tuf's style); the
functions below it apply the decision to the catalog, inside the caller's
transaction, and are re-run whenever a publisher's chain changes, since
"current key" is relative to the chain held.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from bundles import dsse
from bundles.chain import KeyChain
from bundles.dsse import Envelope
from bundles.errors import SatchelError
from bundles.limits import DEFAULT_LIMITS


class Standing(IntEnum):
    CURRENT_KEY = 0
    HELD = 1
    LATE = 2


@dataclass(frozen=True)
class HeldVersion:
    id: int  # versions.id
    version: int
    signed_by: frozenset[str]  # key ids that verified
    arrival_roots: int  # roots of the publisher's chain held when it was first seen


@dataclass(frozen=True)
class Derived:
    high_version: int  # the number of the current (or conflicting) version
    current: int | None  # None while in conflict
    shown: int  # the current one, or the first of the conflicting ones
    conflict: bool
    retired: bool  # the shown version is signed only by keys the newest root dropped
    held_back: frozenset[int]  # versions kept but barred from being current


def standing(version: HeldVersion, chain: KeyChain) -> Standing:
    if version.signed_by & chain.current_keys.keys():
        return Standing.CURRENT_KEY
    at = min(version.arrival_roots, len(chain.roots))
    if at >= 1 and version.signed_by & chain.roots[at - 1].key_map.keys():
        return Standing.HELD
    return Standing.LATE


def derive(versions: Sequence[HeldVersion], chain: KeyChain) -> Derived | None:
    """The article's current version from its verified versions; None when it has none."""
    if not versions:
        return None
    ranked = [(standing(v, chain), v) for v in versions]
    best = min(s for s, _ in ranked)
    top = max(v.version for s, v in ranked if s == best)
    winners = sorted((v.id for s, v in ranked if s == best and v.version == top))
    conflict = len(winners) > 1
    shown = next(v for v in versions if v.id == winners[0])
    return Derived(
        high_version=top,
        current=None if conflict else winners[0],
        shown=winners[0],
        conflict=conflict,
        retired=not (shown.signed_by & chain.current_keys.keys()),
        held_back=frozenset(v.id for s, v in ranked if s > best and v.version >= top),
    )


def payload_sha256(envelope: bytes) -> str:
    """The SHA-256 of an envelope's payload bytes: what makes two envelopes one version."""
    parsed = Envelope.from_bytes(envelope, cap=DEFAULT_LIMITS.envelope_bytes)
    return hashlib.sha256(parsed.payload).hexdigest()


# -- applying to the catalog (inside the caller's transaction) ----------------------------


def held_versions(conn: sqlite3.Connection, article: int) -> list[HeldVersion]:
    return [
        HeldVersion(r[0], r[1], frozenset(json.loads(r[2])), r[3])
        for r in conn.execute(
            "SELECT id, version, signed_by, arrival_roots FROM versions "
            "WHERE article = ? AND verified = 1 ORDER BY id", (article,))
    ]


def rederive(conn: sqlite3.Connection, article: int, chain: KeyChain | None) -> bool:
    """Re-derive one article; True when its current or shown version changed."""
    before = conn.execute("SELECT current, shown FROM articles WHERE id = ?",
                          (article,)).fetchone()
    derived = derive(held_versions(conn, article), chain) if chain is not None else None
    if derived is None:  # nothing verifies under the chain held (or none is): hidden
        conn.execute(
            "UPDATE articles SET current = NULL, shown = NULL, conflict = 0, retired = 0, "
            "held_back = 0 WHERE id = ?", (article,))
        conn.execute("UPDATE versions SET held_back = 0 WHERE article = ?", (article,))
        return before is not None and tuple(before) != (None, None)
    conn.execute(
        "UPDATE articles SET high_version = ?, current = ?, shown = ?, conflict = ?, "
        "retired = ?, held_back = ? WHERE id = ?",
        (derived.high_version, derived.current, derived.shown, int(derived.conflict),
         int(derived.retired), len(derived.held_back), article))
    conn.execute("UPDATE versions SET held_back = 0 WHERE article = ? AND held_back = 1",
                 (article,))
    conn.executemany("UPDATE versions SET held_back = 1 WHERE id = ?",
                     [(v,) for v in derived.held_back])
    return before is None or tuple(before) != (derived.current, derived.shown)


def rederive_publisher(conn: sqlite3.Connection, publisher: str,
                       chain: KeyChain | None) -> set[str]:
    """Re-derive every article of a publisher; the keys whose current or shown changed."""
    changed: set[str] = set()
    for article, article_id in conn.execute(
            "SELECT id, article_id FROM articles WHERE publisher = ?", (publisher,)).fetchall():
        if rederive(conn, article, chain):
            changed.add(f"{publisher}/{article_id}")
    return changed


def recheck_publisher(conn: sqlite3.Connection, publisher: str, chain: KeyChain | None, *,
                      every: bool) -> None:
    """Verify a publisher's stored envelopes again under `chain` (None: none verifies).

    `every` re-checks the versions that verified before too (a chain was cut
    short); otherwise only those that did not (a chain grew, or arrived after
    a reset: its keys may sign what no key held before did). A version that
    verifies for the first time arrives now, with the chain as it is.
    """
    rows = conn.execute(
        "SELECT v.id, v.verified, v.arrival_roots, e.data FROM versions v "
        "JOIN articles a ON a.id = v.article LEFT JOIN envelopes e ON e.sha256 = "
        "v.envelope_sha256 WHERE a.publisher = ?" + ("" if every else " AND v.verified = 0"),
        (publisher,)).fetchall()
    for version, verified, arrival, data in rows:
        signed = _signers(data, chain)
        if signed is None:
            conn.execute("UPDATE versions SET verified = 0 WHERE id = ?", (version,))
            continue
        assert chain is not None
        arrival = min(arrival, len(chain.roots)) if verified else len(chain.roots)
        conn.execute(
            "UPDATE versions SET verified = 1, signed_by = ?, arrival_roots = ? WHERE id = ?",
            (json.dumps(sorted(signed)), arrival, version))


def _signers(data: bytes | None, chain: KeyChain | None) -> frozenset[str] | None:
    """The chain's keys that signed an article envelope, or None if it does not verify."""
    if data is None or chain is None:
        return None
    try:
        envelope = Envelope.from_bytes(bytes(data), cap=DEFAULT_LIMITS.envelope_bytes)
        result = dsse.check_signatures(envelope, dsse.ARTICLE_TYPE, chain.all_keys, 1)
    except SatchelError:
        return None
    return result.signed if result else None
