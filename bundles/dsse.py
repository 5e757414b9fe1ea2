"""DSSE envelopes (secure-systems-lab/dsse) signed with Ed25519.

Order matters (python-tuf's rule): check `payloadType`, verify the signatures
over PAE of the exact received payload bytes, and only then parse the payload.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import jsonio
from .errors import FormatError, SignatureError
from .keys import PublicKey, SigningKey
from .limits import MAX_HINTLESS_TRIES, MAX_SIGNATURES

ARTICLE_TYPE = "application/vnd.satchel.article+json;v=1"
ROOT_TYPE = "application/vnd.satchel.root+json;v=1"
BUNDLE_TYPE = "application/vnd.satchel.bundle+json;v=1"
PAYLOAD_TYPES = (ARTICLE_TYPE, ROOT_TYPE, BUNDLE_TYPE)


def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSEv1 pre-authentication encoding: the exact bytes that are signed."""
    type_bytes = payload_type.encode("utf-8")
    return b"DSSEv1 %d %b %d %b" % (len(type_bytes), type_bytes, len(payload), payload)


def _b64decode(value: object, what: str) -> bytes:
    if not isinstance(value, str):
        raise FormatError(f"{what} must be a base64 string")
    try:
        decoded = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise FormatError(f"{what} is not valid base64") from exc
    # One encoding per value: unused low bits must be zero, so no two texts decode alike.
    if base64.b64encode(decoded).decode("ascii") != value:
        raise FormatError(f"{what} is not canonical base64")
    return decoded


@dataclass(frozen=True)
class Signature:
    keyid: str
    sig: bytes


@dataclass(frozen=True)
class Envelope:
    payload_type: str
    payload: bytes
    signatures: tuple[Signature, ...] = field(default_factory=tuple)

    def pae(self) -> bytes:
        return pae(self.payload_type, self.payload)

    def to_bytes(self) -> bytes:
        return jsonio.dumps(
            {
                "payload": base64.b64encode(self.payload).decode("ascii"),
                "payloadType": self.payload_type,
                "signatures": [
                    {"keyid": s.keyid, "sig": base64.b64encode(s.sig).decode("ascii")}
                    for s in self.signatures
                ],
            }
        )

    @classmethod
    def from_bytes(cls, data: bytes, *, cap: int, what: str = "envelope") -> Envelope:
        document = jsonio.loads(data, cap=cap, what=what)
        if not isinstance(document, dict):
            raise FormatError(f"{what} is not a JSON object")
        extra = set(document) - {"payload", "payloadType", "signatures"}
        if extra:
            raise FormatError(f"{what} has unknown fields {sorted(extra)}")
        payload_type = document.get("payloadType")
        if not isinstance(payload_type, str):
            raise FormatError(f"{what} has no payloadType")
        payload = _b64decode(document.get("payload"), f"{what} payload")
        raw_signatures = document.get("signatures")
        if not isinstance(raw_signatures, list) or not raw_signatures:
            raise SignatureError(f"{what} has no signatures")
        if len(raw_signatures) > MAX_SIGNATURES:
            raise SignatureError(f"{what} has more than {MAX_SIGNATURES} signatures")
        signatures = []
        for raw in raw_signatures:
            if not isinstance(raw, dict) or not isinstance(raw.get("keyid", ""), str):
                raise FormatError(f"{what} has a malformed signature")
            if set(raw) - {"keyid", "sig"}:
                raise FormatError(
                    f"{what}: a signature has unknown fields {sorted(set(raw) - {'keyid', 'sig'})}")
            signatures.append(
                Signature(keyid=raw.get("keyid", ""), sig=_b64decode(raw.get("sig"), "signature"))
            )
        return cls(payload_type, payload, tuple(signatures))


def sign(payload_type: str, payload: bytes, keys: Iterable[SigningKey]) -> Envelope:
    """Sign with each key (sorted by key id, so output is deterministic)."""
    message = pae(payload_type, payload)
    ordered = sorted(keys, key=lambda k: k.keyid)
    return Envelope(
        payload_type, payload, tuple(Signature(k.keyid, k.sign(message)) for k in ordered)
    )


@dataclass(frozen=True)
class VerificationResult:
    """Which of the expected keys signed; truthy when the threshold is met."""

    threshold: int
    signed: frozenset[str]
    unsigned: frozenset[str]

    def __bool__(self) -> bool:
        return len(self.signed) >= self.threshold


def check_signatures(
    envelope: Envelope,
    expected_type: str,
    keys: Mapping[str, PublicKey],
    threshold: int,
) -> VerificationResult:
    """Verify and report; raise only for what is never acceptable.

    The key id in a signature is a hint, but one that binds: a signature that
    names a key is checked with that key alone (a hint naming another key than
    the one that made it is tampering, so nothing else could accept it). A
    signature with no key id is tried against every expected key, and so that
    this stays cheap, (such signatures) x (expected keys) is at most
    MAX_HINTLESS_TRIES. A signature that verifies with no expected key, or a key
    that signed twice, rejects the envelope (a tampered or padded list).
    """
    if envelope.payload_type != expected_type:
        raise SignatureError(
            f"payload type is {envelope.payload_type!r}, expected {expected_type!r}"
        )
    if threshold < 1:
        raise SignatureError("no keys may sign (revoked or empty key set)")
    hintless = sum(1 for s in envelope.signatures if not s.keyid)
    if hintless * len(keys) > MAX_HINTLESS_TRIES:
        plural = "signature" if hintless == 1 else "signatures"
        raise SignatureError(
            f"{hintless} {plural} without a key id against {len(keys)} keys: over the "
            f"{MAX_HINTLESS_TRIES} tries a reader makes (each signature must name its key)"
        )
    message = envelope.pae()
    signed: set[str] = set()
    for signature in envelope.signatures:
        if signature.keyid:
            named = keys.get(signature.keyid)
            if named is None:
                raise SignatureError(f"a signature does not verify: it names key "
                                     f"{signature.keyid[:16]}, which may not sign this")
            if not named.verify(signature.sig, message):
                raise SignatureError(f"a signature names key {signature.keyid[:16]} but does "
                                     "not verify with it")
            matched = named
        else:
            found = next((k for _, k in sorted(keys.items()) if k.verify(signature.sig, message)),
                         None)
            if found is None:
                raise SignatureError("a signature (no key id) does not verify")
            matched = found
        if matched.keyid in signed:
            raise SignatureError(f"key {matched.keyid[:16]} signed twice")
        signed.add(matched.keyid)
    return VerificationResult(
        threshold=threshold,
        signed=frozenset(signed),
        unsigned=frozenset(set(keys) - signed),
    )


def verify(
    envelope: Envelope, expected_type: str, keys: Mapping[str, PublicKey], threshold: int = 1
) -> bytes:
    """Raise SignatureError unless a threshold of `keys` signed; return the payload."""
    result = check_signatures(envelope, expected_type, keys, threshold)
    if not result:
        raise SignatureError(
            f"signed by {len(result.signed)} of the {threshold} required keys"
        )
    return envelope.payload


def is_signed_by(
    envelope: Envelope, expected_type: str, keys: Mapping[str, PublicKey], threshold: int
) -> bool:
    """True when a threshold of `keys` signed and no signature is foreign or bad."""
    try:
        return bool(check_signatures(envelope, expected_type, keys, threshold))
    except SignatureError:
        return False
