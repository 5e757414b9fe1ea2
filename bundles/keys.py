"""Ed25519 keys: ids, fingerprints, signing, and the publisher's key file.

A key id is the lowercase hex SHA-256 of the raw 32-byte public key. A key
file holds one private key (encrypted with a passphrase unless the publisher
explicitly chose otherwise) and the publisher's key chain, so that rotating
keys can sign the next root with both the old and the new key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from . import jsonio
from .durable import write_atomically
from .errors import FormatError, KeyFileError, ReadError

KEY_FILE_FORMAT = "satchel-key"
KEY_FILE_VERSION = 1
KEY_FILE_CAP = 4 * 1024 * 1024  # a key file holds the whole chain (256 links at most)
KEY_FILE_HINT = ("Check the file's name. A publisher's key file is made by `satchel key new`; "
                 "a key card by `satchel key export`.")


def key_id(raw_public: bytes) -> str:
    return hashlib.sha256(raw_public).hexdigest()


def fingerprint(keyid: str) -> str:
    """The full key id in groups of four, the form people read aloud and compare."""
    return " ".join(keyid[i : i + 4] for i in range(0, len(keyid), 4))


def _is_version_1(value: object) -> bool:
    """The integer 1, not 1.0 or true (which equal 1 in Python)."""
    return type(value) is int and value == KEY_FILE_VERSION


# edwards25519 (RFC 8032 section 5.1): only to refuse keys anyone can sign for.
_P = 2**255 - 19
_D = -121665 * pow(121666, -1, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)


def _decode_point(raw: bytes) -> tuple[int, int] | None:
    """RFC 8032 section 5.1.3: (x, y), or None for bytes that are not a canonical point."""
    y = int.from_bytes(raw, "little") & ((1 << 255) - 1)
    sign = raw[31] >> 7
    if y >= _P:
        return None
    u, v = (y * y - 1) % _P, (_D * y * y + 1) % _P
    x = u * pow(v, 3, _P) * pow(u * pow(v, 7, _P), (_P - 5) // 8, _P) % _P
    if v * x * x % _P == (-u) % _P:
        x = x * _SQRT_M1 % _P
    elif v * x * x % _P != u:
        return None
    if x == 0 and sign:
        return None
    return (_P - x if x & 1 != sign else x), y


def _double(point: tuple[int, int]) -> tuple[int, int]:
    """P + P with the complete twisted Edwards addition law (a = -1)."""
    x, y = point
    t = _D * x * x * y * y % _P
    return (2 * x * y * pow(1 + t, -1, _P) % _P, (y * y + x * x) * pow(1 - t, -1, _P) % _P)


def key_problem(raw: bytes) -> str | None:
    """Why 32 bytes are no public key to trust, or None. A point of small order (8 of
    them, the neutral element first) verifies signatures nobody made: with the
    neutral element as key, R = neutral and S = 0 verify every message."""
    point = _decode_point(raw)
    if point is None:
        return "is not a canonical Ed25519 point"
    for _ in range(3):
        point = _double(point)
    if point == (0, 1):
        return "is a point of small order (anyone could sign for it)"
    return None


def _is_hex(value: str, length: int) -> bool:
    return len(value) == length and all(c in "0123456789abcdef" for c in value)


_LOADED: dict[bytes, Ed25519PublicKey | None] = {}


def _loaded(raw: bytes) -> Ed25519PublicKey | None:
    """The key loaded once (a bundle's articles share a few keys; loading cost a
    sixth of a verification), or None for bytes no key can be made of."""
    if raw in _LOADED:
        return _LOADED[raw]
    key: Ed25519PublicKey | None
    try:
        key = Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        key = None
    if len(_LOADED) >= 4096:
        _LOADED.clear()
    _LOADED[raw] = key
    return key


@dataclass(frozen=True)
class PublicKey:
    raw: bytes

    def __post_init__(self) -> None:
        if len(self.raw) != 32:
            raise FormatError(f"an Ed25519 public key is 32 bytes, not {len(self.raw)}")

    @property
    def keyid(self) -> str:
        return key_id(self.raw)

    def verify(self, signature: bytes, data: bytes) -> bool:
        key = _loaded(self.raw)
        if key is None:
            return False
        try:
            key.verify(signature, data)
        except (InvalidSignature, ValueError):
            return False
        return True

    def to_dict(self) -> dict[str, str]:
        return {"keytype": "ed25519", "public": self.raw.hex()}

    @classmethod
    def from_dict(cls, data: Any) -> PublicKey:
        if not isinstance(data, dict) or set(data) != {"keytype", "public"}:
            raise FormatError("a key must be an object with exactly 'keytype' and 'public'")
        if data["keytype"] != "ed25519":
            raise FormatError(f"unsupported key type {data['keytype']!r}")
        public = data["public"]
        if not isinstance(public, str) or not _is_hex(public, 64):
            raise FormatError("a public key must be 64 lowercase hex digits")
        problem = key_problem(bytes.fromhex(public))
        if problem:
            raise FormatError(f"public key {public[:16]}… {problem}")
        return cls(bytes.fromhex(public))


class SigningKey:
    """A private Ed25519 key in memory."""

    def __init__(self, private: Ed25519PrivateKey):
        self._private = private
        self.public = PublicKey(private.public_key().public_bytes_raw())

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_seed(cls, seed: bytes) -> SigningKey:
        """Deterministic key from 32 bytes: for tests and the labelled demo key only."""
        return cls(Ed25519PrivateKey.from_private_bytes(seed))

    @property
    def keyid(self) -> str:
        return self.public.keyid

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)

    def to_pem(self, passphrase: bytes | None) -> str:
        from cryptography.hazmat.primitives import serialization  # key files only

        encryption: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(passphrase)
            if passphrase
            else serialization.NoEncryption()
        )
        return self._private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
        ).decode("ascii")

    @classmethod
    def from_pem(cls, pem: str, passphrase: bytes | None) -> SigningKey:
        # Imported here: verifying a bundle never needs key files (20 ms at start).
        from cryptography.hazmat.primitives import serialization

        try:
            private = serialization.load_pem_private_key(pem.encode("ascii"), passphrase)
        except TypeError as exc:  # encrypted but no passphrase, or the reverse
            raise KeyFileError(
                "the key is encrypted: give its passphrase"
                if passphrase is None
                else "the key is not encrypted: run without a passphrase"
            ) from exc
        except ValueError as exc:
            raise KeyFileError("wrong passphrase, or the key is damaged") from exc
        if not isinstance(private, Ed25519PrivateKey):
            raise KeyFileError("the key is not an Ed25519 key")
        return cls(private)


@dataclass
class KeyFile:
    """What `satchel key new` writes: a private key plus the publisher's chain.

    `chain` holds the root envelopes (root.1 .. root.N) as the exact bytes that
    were signed, so the chain can be copied into bundles unchanged.
    """

    name: str
    signing_key: SigningKey
    chain: list[bytes] = field(default_factory=list)
    demo: bool = False
    encrypted: bool = True

    @property
    def publisher_id(self) -> str:
        from .chain import publisher_id_of

        return publisher_id_of(self.chain)

    def save(self, path: Path, passphrase: bytes | None) -> None:
        """Write atomically with mode 0600 (temp file in the same folder, rename)."""
        if passphrase is None and self.encrypted:
            raise KeyFileError("refusing to write an unencrypted key without --no-passphrase")
        document = {
            "format": KEY_FILE_FORMAT,
            "version": KEY_FILE_VERSION,
            "name": self.name,
            "demo": self.demo,
            "encrypted": passphrase is not None,
            "private_key": self.signing_key.to_pem(passphrase),
            "chain": [c.decode("utf-8") for c in self.chain],
        }
        write_private_file(path, jsonio.dumps_pretty(document))

    @classmethod
    def load(cls, path: Path, passphrase: bytes | None) -> KeyFile:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ReadError(f"cannot read the key file ({exc.strerror or exc})",
                            path=str(path), hint=KEY_FILE_HINT) from exc
        try:
            document = jsonio.loads(data, cap=KEY_FILE_CAP, what="key file")
            if not isinstance(document, dict) or document.get("format") != KEY_FILE_FORMAT:
                raise KeyFileError("not a Satchel key file")
            if not _is_version_1(document.get("version")):
                raise KeyFileError(f"unsupported key file version {document.get('version')!r}")
            encrypted = bool(document.get("encrypted"))
            key = SigningKey.from_pem(document["private_key"], passphrase if encrypted else None)
            chain = [str(c).encode("utf-8") for c in document.get("chain", [])]
            return cls(
                name=str(document.get("name", "")),
                signing_key=key,
                chain=chain,
                demo=bool(document.get("demo", False)),
                encrypted=encrypted,
            )
        except KeyFileError as exc:
            raise exc.with_context(path=str(path)) from None
        except (FormatError, KeyError, TypeError) as exc:
            raise KeyFileError(f"the key file is malformed ({exc})", path=str(path)) from exc

    @staticmethod
    def is_encrypted(path: Path) -> bool:
        """Whether loading needs a passphrase (so the CLI asks only when it must)."""
        try:
            document = jsonio.loads(path.read_bytes(), cap=KEY_FILE_CAP, what="key file")
        except (OSError, FormatError):
            return False
        return isinstance(document, dict) and bool(document.get("encrypted"))


def write_private_file(path: Path, data: bytes) -> None:
    """Atomic write with mode 0600 from the first byte (never world-readable)."""
    write_atomically(path, data, mode=0o600)


KEY_CARD_FORMAT = "satchel-key-card"


@dataclass(frozen=True)
class PublicKeyFile:
    """The public half of a key file, readable without the passphrase."""

    name: str
    demo: bool
    encrypted: bool
    chain: tuple[bytes, ...]


def read_public(path: Path) -> PublicKeyFile:
    try:
        document = jsonio.loads(Path(path).read_bytes(), cap=KEY_FILE_CAP, what="key file")
    except OSError as exc:
        raise ReadError(f"cannot read the key file ({exc.strerror or exc})", path=str(path),
                        hint=KEY_FILE_HINT) from exc
    except FormatError as exc:
        raise KeyFileError(exc.reason, path=str(path)) from exc
    if not isinstance(document, dict) or document.get("format") not in (
        KEY_FILE_FORMAT, KEY_CARD_FORMAT
    ):
        raise KeyFileError("not a Satchel key file or key card", path=str(path))
    if not _is_version_1(document.get("version")):  # a card's version is 1 too
        raise KeyFileError(f"unsupported key file version {document.get('version')!r}",
                           path=str(path))
    chain = document.get("chain")
    if not isinstance(chain, list) or not all(isinstance(c, str) for c in chain):
        raise KeyFileError("the key chain is missing or malformed", path=str(path))
    return PublicKeyFile(
        name=str(document.get("name", "")),
        demo=bool(document.get("demo", False)),
        encrypted=bool(document.get("encrypted", False)),
        chain=tuple(c.encode("utf-8") for c in chain),
    )


def key_card(name: str, chain: tuple[bytes, ...] | list[bytes], demo: bool = False) -> bytes:
    """The public key card readers import to trust a publisher."""
    return jsonio.dumps_pretty(
        {
            "format": KEY_CARD_FORMAT,
            "version": 1,
            "name": name,
            "demo": demo,
            "chain": [c.decode("utf-8") for c in chain],
        }
    )
