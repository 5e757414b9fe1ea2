"""A publisher's key chain: TUF-style root rotation (DESIGN.md section 4).

root.1 names the publisher and is signed by every one of its keys. root.N+1
is accepted only if its version is exactly N+1 and it is signed by a threshold
of root.N's keys, a threshold of its own, and every key it introduces (one
root.N did not list). A root with no keys revokes the publisher and ends the
chain. The publisher id is the key id of the first key of root.1, so it never
changes while keys rotate; and since no root can list a key whose holder did
not sign it, no one can borrow another's key, or its id, for their chain.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import dsse, jsonio
from .article import check_int, check_text
from .dsse import Envelope
from .errors import FormatError, KeyChainError, SatchelError
from .keys import PublicKey, SigningKey
from .limits import DEFAULT_LIMITS, MAX_ROOTS, MAX_SIGNATURES, Limits

ROOT_FIELDS = {"type", "version", "name", "keys", "threshold", "issued"}


@dataclass(frozen=True)
class Root:
    version: int
    name: str
    keys: tuple[PublicKey, ...]
    threshold: int
    issued: str = ""

    def __post_init__(self) -> None:
        check_int(self.version, "root version", 1, MAX_ROOTS)
        check_int(self.threshold, "root threshold", 0, MAX_SIGNATURES)
        check_text(self.name, "the publisher's name", 200, required=True)
        check_text(self.issued, "issued", 64)
        ids = [k.keyid for k in self.keys]
        if len(set(ids)) != len(ids):
            raise FormatError("root lists the same key twice")
        if self.keys and not 1 <= self.threshold <= len(self.keys):
            raise FormatError("root threshold must be between 1 and the number of keys")
        if not self.keys and self.threshold != 0:
            raise FormatError("a revocation root (no keys) must have threshold 0")

    @property
    def revoked(self) -> bool:
        return not self.keys

    @property
    def key_map(self) -> dict[str, PublicKey]:
        return {k.keyid: k for k in self.keys}

    def to_bytes(self) -> bytes:
        return jsonio.dumps(
            {
                "type": "root",
                "version": self.version,
                "name": self.name,
                "keys": [k.to_dict() for k in self.keys],
                "threshold": self.threshold,
                "issued": self.issued,
            }
        )

    @classmethod
    def from_payload(cls, payload: bytes, limits: Limits = DEFAULT_LIMITS) -> Root:
        data: Any = jsonio.loads(payload, cap=limits.root_bytes, what="root")
        if not isinstance(data, dict) or data.get("type") != "root":
            raise FormatError("root payload is not a root statement")
        missing = ROOT_FIELDS - set(data)
        if missing:
            raise FormatError(f"root is missing {sorted(missing)}")
        unknown = set(data) - ROOT_FIELDS
        if unknown:
            raise FormatError(f"root has unknown fields {sorted(unknown)}")
        if not isinstance(data["keys"], list) or not isinstance(data["issued"], str):
            raise FormatError("root keys must be a list and issued a string")
        return cls(
            version=data["version"],
            name=data["name"],
            keys=tuple(PublicKey.from_dict(k) for k in data["keys"]),
            threshold=data["threshold"],
            issued=data["issued"],
        )


@dataclass(frozen=True)
class KeyChain:
    """A verified chain. `envelopes[i]` are the exact bytes of root.(i+1)."""

    publisher_id: str
    roots: tuple[Root, ...]
    envelopes: tuple[bytes, ...]

    @property
    def latest(self) -> Root:
        return self.roots[-1]

    @property
    def name(self) -> str:
        return self.latest.name

    @property
    def revoked(self) -> bool:
        return self.latest.revoked

    @cached_property
    def current_keys(self) -> dict[str, PublicKey]:
        return self.latest.key_map

    @cached_property
    def all_keys(self) -> dict[str, PublicKey]:
        """Every key any root ever listed: articles may be signed by a retired one."""
        keys: dict[str, PublicKey] = {}
        for root in self.roots:
            keys.update(root.key_map)
        return keys

    @cached_property
    def root_ids(self) -> tuple[str, ...]:
        """The SHA-256 of each root's signed payload: what a root *is*. Two encodings
        of one signed root (a relay's whitespace, an emptied key id) are the same
        root; only the publisher's keys can make a different one."""
        return tuple(
            hashlib.sha256(Envelope.from_bytes(raw, cap=len(raw), what="root envelope").payload)
            .hexdigest() for raw in self.envelopes)

    def is_prefix_of(self, other: KeyChain) -> bool:
        n = len(self.root_ids)
        return self.publisher_id == other.publisher_id and other.root_ids[:n] == self.root_ids


def _root_of(envelope_bytes: bytes, limits: Limits) -> tuple[Envelope, Root]:
    envelope = Envelope.from_bytes(envelope_bytes, cap=limits.root_bytes * 2, what="root envelope")
    if envelope.payload_type != dsse.ROOT_TYPE:
        raise KeyChainError(f"payload type is {envelope.payload_type!r}, not a root")
    return envelope, Root.from_payload(envelope.payload, limits)


def verify_chain(envelopes: Sequence[bytes], limits: Limits = DEFAULT_LIMITS) -> KeyChain:
    """Verify root.1..root.N in order; raise KeyChainError naming the broken link."""
    if not envelopes:
        raise KeyChainError("the key chain is empty")
    if len(envelopes) > limits.chain_length:
        raise KeyChainError(f"the key chain has over {limits.chain_length} links")
    roots: list[Root] = []
    for number, raw in enumerate(envelopes, start=1):
        try:
            envelope, root = _root_of(raw, limits)
            if root.version != number:
                raise KeyChainError(f"root.{number} says it is version {root.version}")
            if number == 1:
                if root.revoked:
                    raise KeyChainError("root.1 has no keys")
                previous_keys: dict[str, PublicKey] = {}
            else:
                previous = roots[-1]
                if previous.revoked:
                    raise KeyChainError(f"root.{number} follows a revocation")
                previous_keys = previous.key_map
            union = previous_keys | root.key_map
            signed = dsse.check_signatures(envelope, dsse.ROOT_TYPE, union, 1).signed
            if number > 1:
                old = len(signed & previous_keys.keys())
                if old < previous.threshold:
                    raise KeyChainError(
                        f"root.{number} is signed by {old} of root.{number - 1}'s "
                        f"{previous.threshold} required keys"
                    )
            # Whoever lists a key speaks for its holder (root.1's first key names the
            # publisher): every key a root introduces must have signed it.
            unsigned = [k.keyid for k in root.keys
                        if k.keyid not in previous_keys and k.keyid not in signed]
            if unsigned:
                raise KeyChainError(
                    f"root.{number} introduces key {unsigned[0][:16]}… but is not signed by it"
                )
            new = len(signed & root.key_map.keys())
            if not root.revoked and new < root.threshold:
                raise KeyChainError(
                    f"root.{number} is signed by {new} of its own "
                    f"{root.threshold} required keys"
                )
        except KeyChainError as exc:
            raise exc.with_context(entry=f"root.{number}") from None
        except SatchelError as exc:
            raise KeyChainError(f"root.{number}: {exc.reason}") from exc
        roots.append(root)
    return KeyChain(
        publisher_id=roots[0].keys[0].keyid, roots=tuple(roots), envelopes=tuple(envelopes)
    )


def publisher_id_of(envelopes: Sequence[bytes]) -> str:
    """The publisher id of a chain without verifying it (for naming paths)."""
    _, root = _root_of(envelopes[0], DEFAULT_LIMITS)
    if not root.keys:
        raise KeyChainError("root.1 has no keys")
    return root.keys[0].keyid


def new_root(name: str, key: SigningKey, issued: str = "") -> bytes:
    """root.1 for a new publisher, self-signed."""
    root = Root(version=1, name=name, keys=(key.public,), threshold=1, issued=issued)
    return dsse.sign(dsse.ROOT_TYPE, root.to_bytes(), [key]).to_bytes()


def rotate(
    chain: Sequence[bytes],
    old_key: SigningKey,
    new_key: SigningKey | None,
    *,
    name: str | None = None,
    issued: str = "",
) -> bytes:
    """The next root: new keys (or none, to revoke), signed by old and new."""
    current = verify_chain(chain)
    if current.revoked:
        raise KeyChainError("the chain is revoked; it cannot be extended")
    if old_key.keyid not in current.current_keys:
        raise KeyChainError("the key file's key is not a current key of this chain")
    keys = (new_key.public,) if new_key else ()
    root = Root(
        version=current.latest.version + 1,
        name=name or current.name,
        keys=keys,
        threshold=1 if keys else 0,
        issued=issued,
    )
    signers = [old_key] + ([new_key] if new_key and new_key.keyid != old_key.keyid else [])
    return dsse.sign(dsse.ROOT_TYPE, root.to_bytes(), signers).to_bytes()
