"""Publishers, their key chains and the reader's trust in them (DESIGN.md section 4).

The decision about a chain is made from bytes and what the catalog holds,
without I/O (`merge_chains`, python-tuf's TrustedMetadataSet style); the
`Trust` area applies it to the catalog. Rules, one per step:

  (1) a chain is only ever stored verified (`bundles.chain.verify_chain`);
  (2) a chain already held is replaced only by one it is a prefix of
      (rotation, revocation); an older prefix changes nothing;
  (3) any other chain for the same publisher is a fork: refused, the library
      keeps its own, and the competing root is kept as evidence
      (`chain_conflicts`: where it came from, when, how often) to be shown;
  (4) trust follows the chain: the reader's decision stays on the publisher
      through rotations, and only `set`, a key card or `reset` changes it;
  (5) `reset` forgets a publisher's chain and decision, never its articles:
      they are hidden until the next chain arrives (from a bundle or a key
      card, taken as new), are verified again under it, and those its keys
      did not sign stay hidden (`versions.recheck_publisher`);
  (6) whenever a chain changes, every article of its publisher is derived
      again (`versions.py`): "current key" is relative to the chain held;
  (7) no bundle time moves a clock: events carry this machine's time.

States: unknown (valid chain, no decision), trusted, blocked (hidden), and
revoked (the newest root has no keys). A block outranks revocation so that
blocked content stays hidden. A publisher that was reset holds no chain
(`chain_length` 0) until one arrives.
"""

from __future__ import annotations

import builtins  # the classes below have methods named list and set
import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from bundles.chain import KeyChain, Root, verify_chain
from bundles.dsse import Envelope
from bundles.errors import ReadError, SatchelError
from bundles.keys import fingerprint, key_card, read_public
from bundles.limits import DEFAULT_LIMITS

from . import versions
from .catalog import Catalog, now
from .changes import Changes
from .errors import ChainForkError, KeyCardError, NotFound
from .records import TrustState

# Distinct conflicts kept per publisher: evidence enough, and a bound on what
# a stream of forged chains may cost.
MAX_CONFLICTS = 32


DECISIONS = (TrustState.UNKNOWN, TrustState.TRUSTED, TrustState.BLOCKED)

# The same rule as `state_of`, for SQL over a `publishers` row aliased `p`.
STATE_SQL = (
    "CASE WHEN p.decision = 'blocked' THEN 'blocked' "
    "WHEN p.revoked THEN 'revoked' ELSE p.decision END"
)


def state_of(decision: str, revoked: bool) -> TrustState:
    if decision == TrustState.BLOCKED:
        return TrustState.BLOCKED
    if revoked:
        return TrustState.REVOKED
    return TrustState(decision)


class ChainChange(StrEnum):
    NEW = "new"  # first time this publisher is seen
    SAME = "same"  # identical to what is held
    OLDER = "older"  # a prefix of what is held: nothing to do
    EXTENDED = "extended"  # rotation or revocation: the held chain grows


@dataclass(frozen=True)
class ForkEvidence:
    """Two valid chains for one publisher: where they part, and the two roots there."""

    publisher: str
    root: int  # root.N, the first that differs
    held: bytes  # the library's root.N (empty if the library's chain is shorter)
    other: bytes  # the incoming root.N (empty if the incoming chain is shorter)
    other_length: int


def merge_chains(stored: KeyChain | None, incoming: KeyChain) -> ChainChange:
    """Decide what a verified incoming chain does to the stored one; raise on a fork."""
    if stored is None:
        return ChainChange.NEW
    if stored.publisher_id != incoming.publisher_id:
        raise ValueError("chains of different publishers")  # a caller bug, not outside data
    # Roots are compared by their signed payloads, not their envelopes' bytes: a
    # relay that re-encodes a root (no key needed) must not make a fork.
    if stored.root_ids == incoming.root_ids:
        return ChainChange.SAME
    if incoming.is_prefix_of(stored):
        return ChainChange.OLDER
    if stored.is_prefix_of(incoming):
        return ChainChange.EXTENDED
    # (3) both verify, neither extends the other: the first differing root is the fork.
    fork = next(
        n for n, (a, b) in enumerate(zip(stored.root_ids, incoming.root_ids, strict=False), 1)
        if a != b
    )
    publisher = incoming.publisher_id
    error = ChainForkError(
        f"publisher {publisher[:16]}…'s key chain conflicts with the one in the library "
        f"from root.{fork}; the library kept its own (see `satchel trust show "
        f"{publisher[:16]}`)"
    )
    error.evidence = ForkEvidence(publisher, fork, stored.envelopes[fork - 1],
                                  incoming.envelopes[fork - 1], len(incoming.envelopes))
    raise error


@dataclass(frozen=True)
class TrustEvent:
    at: str
    kind: str  # first-seen, decision, key-card, rotated, revoked, reset, new-chain, cut
    old_state: str
    new_state: str
    chain_length: int
    source: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ChainConflict:
    """Evidence of a chain the library refused (a fork) or dropped (on an upgrade)."""

    kind: str  # fork, dropped
    root: int  # root.N where the chains part (dropped: the root refused)
    source: str  # where the other chain came from: a bundle, a key card, 'library upgrade'
    first_seen: str  # this machine's clock
    last_seen: str
    times: int
    resolved: bool  # the reader reset the publisher since
    note: str
    held_envelope: bytes  # the library's root.N (dropped: the root it no longer accepts)
    other_envelope: bytes  # the competing root.N (dropped: empty)
    other_length: int

    @property
    def held_keys(self) -> tuple[str, ...]:
        """Fingerprints of the keys the library's root.N lists."""
        return _root_keys(self.held_envelope)

    @property
    def other_keys(self) -> tuple[str, ...]:
        return _root_keys(self.other_envelope)

    @property
    def other_name(self) -> str:
        root = _root(self.other_envelope)
        return root.name if root is not None else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "root": self.root, "source": self.source,
            "first_seen": self.first_seen, "last_seen": self.last_seen, "times": self.times,
            "resolved": self.resolved, "note": self.note, "held_keys": list(self.held_keys),
            "other_keys": list(self.other_keys), "other_name": self.other_name,
            "other_length": self.other_length,
            "held_envelope": self.held_envelope.decode("utf-8", "replace"),
            "other_envelope": self.other_envelope.decode("utf-8", "replace"),
        }


def _root(envelope: bytes) -> Root | None:
    """The root an envelope states, unverified (it is shown as evidence only)."""
    if not envelope:
        return None
    try:
        parsed = Envelope.from_bytes(envelope, cap=DEFAULT_LIMITS.root_bytes * 2)
        return Root.from_payload(parsed.payload)
    except SatchelError:
        return None


def _root_keys(envelope: bytes) -> tuple[str, ...]:
    root = _root(envelope)
    return tuple(fingerprint(k.keyid) for k in root.keys) if root is not None else ()


@dataclass(frozen=True)
class PublisherInfo:
    """One publisher (or packer) as the trust list and provenance panel show it."""

    id: str
    name: str
    fingerprint: str
    state: TrustState
    decision: TrustState
    revoked: bool
    chain_length: int
    first_seen: str
    articles: int
    current_keys: tuple[str, ...]  # fingerprints of the newest root's keys
    history: tuple[TrustEvent, ...] = ()
    conflicts: tuple[ChainConflict, ...] = ()  # every one, the resolved ones too
    hidden_articles: int = 0  # held, but nothing verifies them under the chain held

    @property
    def awaiting_chain(self) -> bool:
        """Reset: the next chain seen (bundle or key card) is taken as this publisher's."""
        return self.chain_length == 0

    @property
    def open_conflicts(self) -> tuple[ChainConflict, ...]:
        return tuple(c for c in self.conflicts if not c.resolved)

    def to_dict(self, *, evidence: bool = True) -> dict[str, Any]:
        data = asdict(self)
        data["state"] = str(self.state)
        data["decision"] = str(self.decision)
        data["history"] = [e.to_dict() for e in self.history]
        data["conflicts"] = [
            c.to_dict() if evidence else
            {k: v for k, v in c.to_dict().items() if not k.endswith("_envelope")}
            for c in self.conflicts]
        data["awaiting_chain"] = self.awaiting_chain
        return data


@dataclass(frozen=True)
class ResetResult:
    publisher: str
    name: str
    hidden_articles: int  # kept, hidden until a chain arrives
    changes: Changes


class Trust:
    """`library.trust`: publishers, chains and decisions."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self._chains: dict[str, KeyChain] = {}
        # Set by the library: brings the search index up to date after a change
        # of trust changed which versions are shown (the index is derived data).
        self.reindex: Callable[[set[str]], None] | None = None

    # -- reading ---------------------------------------------------------------

    def chain(self, publisher: str) -> KeyChain:
        """The stored chain, verified again from its exact bytes (cached)."""
        cached = self._chains.get(publisher)
        if cached is not None:
            return cached
        rows = self.catalog.rows(
            "SELECT envelope FROM chain_roots WHERE publisher = ? ORDER BY number", (publisher,)
        )
        if not rows:
            raise NotFound(f"no publisher {publisher[:16]}… in the library")
        chain = verify_chain([bytes(r["envelope"]) for r in rows])
        self._chains[publisher] = chain
        return chain

    def compare(self, chain: KeyChain) -> str:
        """What importing `chain` would do, without doing it: a `ChainChange`, or
        "conflict" (a fork: the import would be refused)."""
        try:
            stored: KeyChain | None = self.chain(chain.publisher_id)
        except NotFound:
            stored = None
        try:
            return str(merge_chains(stored, chain))
        except ChainForkError:
            return "conflict"

    def state(self, publisher: str) -> TrustState:
        row = self.catalog.one("SELECT decision, revoked FROM publishers WHERE id = ?",
                               (publisher,))
        if row is None:
            raise NotFound(f"no publisher {publisher[:16]}… in the library")
        return state_of(row["decision"], bool(row["revoked"]))

    def resolve(self, text: str) -> str:
        """A publisher id from a unique prefix of its id or fingerprint, or its exact name."""
        needle = text.replace(" ", "").lower()
        rows = self.catalog.rows("SELECT id, name FROM publishers")
        found: list[str] = [r["id"] for r in rows if needle and r["id"].startswith(needle)]
        if not found:
            found = [r["id"] for r in rows if r["name"] == text]
        if len(found) != 1:
            raise NotFound(
                f"no publisher matches {text!r}" if not found
                else f"{len(found)} publishers match {text!r}; give more of the fingerprint"
            )
        return found[0]

    def list(self) -> list[PublisherInfo]:
        return [self._info(row, history=False) for row in self._rows()]

    def get(self, publisher: str) -> PublisherInfo:
        """One publisher with its full trust history (for `satchel trust show`)."""
        rows = self._rows("WHERE p.id = ?", (publisher,))
        if not rows:
            raise NotFound(f"no publisher {publisher[:16]}… in the library")
        return self._info(rows[0], history=True)

    def history(self, publisher: str) -> builtins.list[TrustEvent]:
        return [
            TrustEvent(r["at"], r["kind"], r["old_state"], r["new_state"], r["chain_length"],
                       r["source"], r["note"])
            for r in self.catalog.rows(
                "SELECT * FROM trust_events WHERE publisher = ? ORDER BY id", (publisher,)
            )
        ]

    def conflicts(self, publisher: str) -> builtins.list[ChainConflict]:
        """The evidence of every chain conflict of this publisher, oldest first."""
        return [
            ChainConflict(r["kind"], r["root"], r["source"], r["first_seen"], r["last_seen"],
                          r["times"], r["resolved_at"] is not None, r["note"], bytes(r["held"]),
                          bytes(r["other"]), r["other_length"])
            for r in self.catalog.rows(
                "SELECT * FROM chain_conflicts WHERE publisher = ? ORDER BY id", (publisher,))
        ]

    def _rows(self, where: str = "", params: Sequence[Any] = ()) -> builtins.list[sqlite3.Row]:
        return self.catalog.rows(
            f"""SELECT p.*,
                  (SELECT count(*) FROM articles a WHERE a.publisher = p.id
                   AND a.shown IS NOT NULL) AS articles,
                  (SELECT count(*) FROM articles a WHERE a.publisher = p.id
                   AND a.shown IS NULL) AS hidden
                FROM publishers p {where} ORDER BY lower(p.name), p.id""",
            tuple(params),
        )

    def _info(self, row: sqlite3.Row, *, history: bool) -> PublisherInfo:
        chain = self.chain(row["id"]) if row["chain_length"] else None
        return PublisherInfo(
            id=row["id"],
            name=row["name"],
            fingerprint=fingerprint(row["id"]),
            state=state_of(row["decision"], bool(row["revoked"])),
            decision=TrustState(row["decision"]),
            revoked=bool(row["revoked"]),
            chain_length=row["chain_length"],
            first_seen=row["first_seen"],
            articles=row["articles"],
            current_keys=tuple(fingerprint(k) for k in sorted(chain.current_keys))
            if chain is not None else (),
            history=tuple(self.history(row["id"])) if history else (),
            conflicts=tuple(self.conflicts(row["id"])),
            hidden_articles=row["hidden"],
        )

    # -- changing --------------------------------------------------------------

    def set(self, publisher: str, state: TrustState | str, *, note: str = "") -> Changes:
        """The reader's decision: unknown, trusted or blocked (revoked comes from the chain)."""
        decision = TrustState(state)
        if decision not in DECISIONS:
            raise ValueError(f"a reader can set {', '.join(DECISIONS)}, not {decision}")
        with self.catalog.transaction():
            changed = self._decide(publisher, decision, kind="decision", source="reader",
                                   note=note)
        return Changes(trust=True, articles=True) if changed else Changes()

    def import_key_card(self, path: Path) -> tuple[str, Changes]:
        """Trust the publisher a key card names; returns its id. The chain must verify.

        A card whose chain conflicts with the one held is refused like a bundle
        (`ChainForkError`), its root kept as evidence.
        """
        try:
            card = read_public(Path(path))
            chain = verify_chain(card.chain)
        except ReadError:
            raise  # no such file, or unreadable: the environment's, not the card's
        except SatchelError as exc:
            raise KeyCardError(exc.reason, path=str(path)) from exc
        source = f"key card {Path(path).name}"
        touched: set[str] = set()
        try:
            with self.catalog.transaction():
                self.record_chain(chain, source=source, touched=touched)
                self._decide(chain.publisher_id, TrustState.TRUSTED, kind="key-card",
                             source=str(Path(path).name))
        except ChainForkError as exc:
            self.forget_cache()
            self.record_conflict(exc, source=source)
            publisher = chain.publisher_id[:16]
            raise ChainForkError(
                f"{exc.message}; if this card is the publisher's, run `satchel trust reset "
                f"{publisher}` and import it again", path=str(path)) from None
        self._reindex(touched)
        return chain.publisher_id, Changes(trust=True, articles=True, index=bool(touched))

    def record_conflict(self, error: ChainForkError, *, source: str) -> None:
        """Keep the evidence of a refused fork, in its own transaction (the import that
        met it was rolled back)."""
        evidence: ForkEvidence | None = getattr(error, "evidence", None)
        if evidence is None:
            return
        with self.catalog.transaction() as conn:
            add_conflict(conn, evidence.publisher, kind="fork", root=evidence.root,
                         held=evidence.held, other=evidence.other,
                         other_length=evidence.other_length, source=source, stamp=now())

    def reset(self, publisher: str, *, note: str = "") -> ResetResult:
        """Start a publisher over: forget its chain and the reader's decision.

        Its articles are kept but hidden; the next chain seen (a bundle or a
        key card) is taken as new, the articles are verified again under it,
        and those its keys did not sign stay hidden. Conflicts are marked
        resolved (kept as history).
        """
        name = self.get(publisher).name
        with self.catalog.transaction() as conn:
            touched = forget_chain(conn, publisher, stamp=now(), source="reader", note=note)
            hidden = self.catalog.scalar(
                "SELECT count(*) FROM articles WHERE publisher = ?", (publisher,))
        self._chains.pop(publisher, None)
        self._reindex(touched)
        return ResetResult(publisher, name, int(hidden or 0),
                           Changes(trust=True, articles=True, index=bool(touched)))

    def key_card(self, publisher: str) -> bytes:
        """A key card for passing a publisher on (the same format `satchel key export` writes)."""
        chain = self.chain(publisher)
        return key_card(chain.name, chain.envelopes)

    def record_chain(self, chain: KeyChain, *, source: str,
                     touched: builtins.set[str] | None = None) -> ChainChange:
        """Store a verified chain or its newer roots; call inside a transaction.

        Raises `ChainForkError` (with its `evidence`) on a fork. Articles whose
        shown version changes because the chain did are added to `touched`.
        """
        publisher = chain.publisher_id
        try:
            stored: KeyChain | None = self.chain(publisher)
        except NotFound:
            stored = None
        change = merge_chains(stored, chain)
        if change in (ChainChange.SAME, ChainChange.OLDER):
            return change
        conn = self.catalog.conn
        stamp = now()
        start = 0 if stored is None else len(stored.envelopes)
        known = self.catalog.one("SELECT 1 FROM publishers WHERE id = ?", (publisher,))
        if known is None:
            conn.execute(
                "INSERT INTO publishers (id, name, chain_length, revoked, first_seen) "
                "VALUES (?, ?, ?, ?, ?)",
                (publisher, chain.name, len(chain.envelopes), int(chain.revoked), stamp),
            )
            old = TrustState.UNKNOWN
        else:  # a rotation or revocation, or the first chain after a reset
            old = self.state(publisher)
            conn.execute(
                "UPDATE publishers SET name = ?, chain_length = ?, revoked = ? WHERE id = ?",
                (chain.name, len(chain.envelopes), int(chain.revoked), publisher),
            )
        conn.executemany(
            "INSERT INTO chain_roots (publisher, number, envelope) VALUES (?, ?, ?)",
            [(publisher, n, raw) for n, raw in enumerate(chain.envelopes, 1) if n > start],
        )
        # What the library now holds: its own envelopes, then the new roots.
        held = chain if stored is None else replace(
            chain, envelopes=stored.envelopes + chain.envelopes[start:])
        self._chains[publisher] = held
        if known is not None:
            # Versions that did not verify may now (a reset, a key a root added); and
            # what is current depends on which keys are current (versions.py).
            versions.recheck_publisher(conn, publisher, chain, every=False)
            changed = versions.rederive_publisher(conn, publisher, chain)
            if touched is not None:
                touched |= changed
        new = self.state(publisher)
        kind = ("first-seen" if known is None else "new-chain" if stored is None
                else "revoked" if chain.revoked else "rotated")
        record_event(conn, publisher, stamp, kind, old, new, len(chain.envelopes), source, "")
        return change

    def forget_cache(self) -> None:
        """Drop cached chains (after a rolled-back transaction)."""
        self._chains.clear()

    def _reindex(self, keys: builtins.set[str]) -> None:
        if keys and self.reindex is not None:
            self.reindex(keys)

    def _decide(self, publisher: str, decision: TrustState, *, kind: str, source: str,
                note: str = "") -> bool:
        row = self.catalog.one("SELECT decision, chain_length FROM publishers WHERE id = ?",
                               (publisher,))
        if row is None:
            raise NotFound(f"no publisher {publisher[:16]}… in the library")
        if row["decision"] == decision:
            return False
        old = self.state(publisher)
        self.catalog.conn.execute("UPDATE publishers SET decision = ? WHERE id = ?",
                                  (str(decision), publisher))
        record_event(self.catalog.conn, publisher, now(), kind, old, self.state(publisher),
                     row["chain_length"], source, note)
        return True


# -- the statements, for `Trust` and for the catalog upgrade (inside a transaction) -------


def record_event(conn: sqlite3.Connection, publisher: str, at: str, kind: str,
                 old: TrustState | str, new: TrustState | str, length: int, source: str,
                 note: str) -> None:
    conn.execute(
        "INSERT INTO trust_events (publisher, at, kind, old_state, new_state, chain_length, "
        "source, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (publisher, at, kind, str(old), str(new), length, source, note),
    )


def add_conflict(conn: sqlite3.Connection, publisher: str, *, kind: str, root: int,
                 held: bytes, other: bytes, other_length: int, source: str, stamp: str,
                 note: str = "") -> None:
    """Keep (or count again) the evidence of one conflict; at most MAX_CONFLICTS each."""
    digest = hashlib.sha256(other or held).hexdigest()
    seen = conn.execute(
        "SELECT count(*), sum(other_sha256 = ?) FROM chain_conflicts WHERE publisher = ?",
        (digest, publisher)).fetchone()
    if not seen[1] and seen[0] >= MAX_CONFLICTS:
        return
    conn.execute(
        "INSERT INTO chain_conflicts (publisher, kind, root, held, other, other_sha256, "
        "other_length, source, note, first_seen, last_seen) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (publisher, other_sha256) DO UPDATE SET times = times + 1, "
        "last_seen = excluded.last_seen, source = excluded.source, root = excluded.root, "
        "held = excluded.held, resolved_at = NULL",
        (publisher, kind, root, held, other, digest, other_length, source, note, stamp, stamp))


def forget_chain(conn: sqlite3.Connection, publisher: str, *, stamp: str, source: str,
                 note: str) -> set[str]:
    """Forget a publisher's chain and decision; hide its articles until a chain arrives.

    Returns the keys of the articles no longer shown."""
    row = conn.execute("SELECT decision, revoked FROM publishers WHERE id = ?",
                       (publisher,)).fetchone()
    if row is None:
        raise NotFound(f"no publisher {publisher[:16]}… in the library")
    old = state_of(row[0], bool(row[1]))
    conn.execute("DELETE FROM chain_roots WHERE publisher = ?", (publisher,))
    conn.execute("UPDATE publishers SET decision = 'unknown', revoked = 0, chain_length = 0 "
                 "WHERE id = ?", (publisher,))
    conn.execute("UPDATE versions SET verified = 0 WHERE article IN "
                 "(SELECT id FROM articles WHERE publisher = ?)", (publisher,))
    # The bundles that brought its chain are read again when imported again (not
    # skipped as already had), so a reset made by mistake is undone from the stick.
    conn.execute(
        "UPDATE bundles SET manifest_sha256 = NULL WHERE packer = ? OR id IN "
        "(SELECT bv.bundle FROM bundle_versions bv JOIN versions v ON v.id = bv.version "
        "JOIN articles a ON a.id = v.article WHERE a.publisher = ?)", (publisher, publisher))
    touched = versions.rederive_publisher(conn, publisher, None)
    conn.execute("UPDATE chain_conflicts SET resolved_at = ? WHERE publisher = ? "
                 "AND resolved_at IS NULL", (stamp, publisher))
    record_event(conn, publisher, stamp, "reset", old, TrustState.UNKNOWN, 0, source, note)
    return touched
