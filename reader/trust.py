"""Publishers, their key chains and the reader's trust in them (DESIGN.md section 4).

The decision about a chain is made from bytes and what the catalog holds,
without I/O (`merge_chains`, python-tuf's TrustedMetadataSet style); the
`Trust` area applies it to the catalog. Rules, one per step:

  (1) a chain is only ever stored verified (`bundles.chain.verify_chain`);
  (2) a chain already held is replaced only by one it is a prefix of
      (rotation, revocation); an older prefix changes nothing;
  (3) any other chain for the same publisher is a fork: rejected, nothing kept;
  (4) trust follows the chain: the reader's decision stays on the publisher
      through rotations, and only `set` or a key card changes it;
  (5) no bundle time moves a clock: events carry this machine's time.

States: unknown (valid chain, no decision), trusted, blocked (hidden), and
revoked (the newest root has no keys). A block outranks revocation so that
blocked content stays hidden.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from bundles.chain import KeyChain, verify_chain
from bundles.errors import SatchelError
from bundles.keys import fingerprint, key_card, read_public

from .catalog import Catalog, now
from .changes import Changes
from .errors import ChainForkError, KeyCardError, NotFound


class TrustState(StrEnum):
    UNKNOWN = "unknown"
    TRUSTED = "trusted"
    BLOCKED = "blocked"
    REVOKED = "revoked"


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


def merge_chains(stored: KeyChain | None, incoming: KeyChain) -> ChainChange:
    """Decide what a verified incoming chain does to the stored one; raise on a fork."""
    if stored is None:
        return ChainChange.NEW
    if stored.publisher_id != incoming.publisher_id:
        raise ValueError("chains of different publishers")  # a caller bug, not outside data
    if stored.envelopes == incoming.envelopes:
        return ChainChange.SAME
    if incoming.is_prefix_of(stored):
        return ChainChange.OLDER
    if stored.is_prefix_of(incoming):
        return ChainChange.EXTENDED
    # (3) both verify, neither extends the other: the first differing root is the fork.
    fork = next(
        n for n, (a, b) in enumerate(zip(stored.envelopes, incoming.envelopes, strict=False), 1)
        if a != b
    )
    raise ChainForkError(
        f"publisher {incoming.publisher_id[:16]}…'s key chain forks from the one in the "
        f"library at root.{fork}"
    )


@dataclass(frozen=True)
class TrustEvent:
    at: str
    kind: str  # first-seen, decision, key-card, rotated, revoked
    old_state: str
    new_state: str
    chain_length: int
    source: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["state"] = str(self.state)
        data["decision"] = str(self.decision)
        data["history"] = [e.to_dict() for e in self.history]
        return data


class Trust:
    """`library.trust`: publishers, chains and decisions."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self._chains: dict[str, KeyChain] = {}

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
        found = [r["id"] for r in rows if needle and r["id"].startswith(needle)]
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

    def history(self, publisher: str) -> list[TrustEvent]:
        return [
            TrustEvent(r["at"], r["kind"], r["old_state"], r["new_state"], r["chain_length"],
                       r["source"], r["note"])
            for r in self.catalog.rows(
                "SELECT * FROM trust_events WHERE publisher = ? ORDER BY id", (publisher,)
            )
        ]

    def _rows(self, where: str = "", params: Iterable[Any] = ()) -> list[Any]:
        return self.catalog.rows(
            f"""SELECT p.*, (SELECT count(*) FROM articles a WHERE a.publisher = p.id) AS articles
                FROM publishers p {where} ORDER BY lower(p.name), p.id""",
            tuple(params),
        )

    def _info(self, row: Any, *, history: bool) -> PublisherInfo:
        chain = self.chain(row["id"])
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
            current_keys=tuple(fingerprint(k) for k in sorted(chain.current_keys)),
            history=tuple(self.history(row["id"])) if history else (),
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
        """Trust the publisher a key card names; returns its id. The chain must verify."""
        try:
            card = read_public(Path(path))
            chain = verify_chain(card.chain)
        except SatchelError as exc:
            raise KeyCardError(exc.reason, path=str(path)) from exc
        with self.catalog.transaction():
            self.record_chain(chain, source=f"key card {Path(path).name}")
            self._decide(chain.publisher_id, TrustState.TRUSTED, kind="key-card",
                         source=str(Path(path).name))
        return chain.publisher_id, Changes(trust=True, articles=True)

    def key_card(self, publisher: str) -> bytes:
        """A key card for passing a publisher on (the same format `satchel key export` writes)."""
        chain = self.chain(publisher)
        return key_card(chain.name, chain.envelopes)

    def record_chain(self, chain: KeyChain, *, source: str) -> ChainChange:
        """Store a verified chain or its newer roots; call inside a transaction."""
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
        if stored is None:
            conn.execute(
                "INSERT INTO publishers (id, name, chain_length, revoked, first_seen) "
                "VALUES (?, ?, ?, ?, ?)",
                (publisher, chain.name, len(chain.envelopes), int(chain.revoked), stamp),
            )
            old = TrustState.UNKNOWN
        else:
            old = self.state(publisher)
            conn.execute(
                "UPDATE publishers SET name = ?, chain_length = ?, revoked = ? WHERE id = ?",
                (chain.name, len(chain.envelopes), int(chain.revoked), publisher),
            )
        conn.executemany(
            "INSERT INTO chain_roots (publisher, number, envelope) VALUES (?, ?, ?)",
            [(publisher, n, raw) for n, raw in enumerate(chain.envelopes, 1) if n > start],
        )
        self._chains[publisher] = chain
        new = self.state(publisher)
        kind = "first-seen" if stored is None else "revoked" if chain.revoked else "rotated"
        self._event(publisher, stamp, kind, old, new, len(chain.envelopes), source, "")
        return change

    def forget_cache(self) -> None:
        """Drop cached chains (after a rolled-back transaction)."""
        self._chains.clear()

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
        self._event(publisher, now(), kind, old, self.state(publisher), row["chain_length"],
                    source, note)
        return True

    def _event(self, publisher: str, at: str, kind: str, old: TrustState, new: TrustState,
               length: int, source: str, note: str) -> None:
        self.catalog.conn.execute(
            "INSERT INTO trust_events (publisher, at, kind, old_state, new_state, chain_length, "
            "source, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (publisher, at, kind, str(old), str(new), length, source, note),
        )
