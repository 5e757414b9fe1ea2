"""The library's key file: a random data key, wrapped by the reader's passphrase.

Briar's and Borg's shape (docs/security.md, "Protected library"): a random
256-bit data key encrypts the library; the passphrase, stretched by Argon2id
(scrypt only where this `cryptography` lacks Argon2id), wraps it with AES-GCM.
Changing the passphrase re-wraps the key only; destroying the key file
(`destroy`, the panic) leaves the rest of the library as noise.

The file (`library.key`) is JSON of at most `MAX_FILE` bytes:

    {"format": "satchel-library-key", "version": 1,
     "kdf": {"name": "argon2id", "salt": B64, "memory_kib": M, "iterations": T, "lanes": P},
     "slots": [{"nonce": B64, "wrapped": B64}, {"nonce": B64, "wrapped": B64}]}

It always has two slots, of the same size, in a random order: the data key,
and either the duress key or random bytes, so the file never says whether a
duress passphrase exists. Both slots are wrapped under the one key the KDF
derives (one KDF run per try, whichever passphrase it was). A slot's plaintext
is a purpose byte (1: the data key, 2: duress) and 32 bytes; its AAD is the
format, version, KDF name, salt and parameters, so a header edited to weaken
the KDF fails to unwrap instead of being used. Parameters are bounded when
read (`BOUNDS`): a file cannot make unlocking take a terabyte or no work.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from bundles import faults
from bundles.durable import fsync_dir, write_atomically

from .errors import VaultError, WrongPassphrase

FORMAT = "satchel-library-key"
VERSION = 1
MAX_FILE = 4096
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
SLOTS = 2
DATA, DURESS = 1, 2  # a slot's purpose byte
WRAPPED_BYTES = 1 + KEY_BYTES + 16  # purpose, key, GCM tag


class Keep:
    """`KeyFile.rewrap`'s default: leave the duress slot as it is."""


KEEP = Keep()

# Chosen by measurement (docs/security.md): 0.35 s here, so about 0.7 s on a laptop
# twice as slow; lanes cost the same as one since OpenSSL runs them one after another.
ARGON2ID = {"memory_kib": 64 * 1024, "iterations": 2, "lanes": 1}
SCRYPT = {"log2_n": 16, "r": 8, "p": 1}  # 64 MiB, 0.33 s here
# What a file may ask for. Below: too weak to be ours; above: unlocking would
# take minutes or more memory than a laptop has.
BOUNDS: dict[str, dict[str, tuple[int, int]]] = {
    "argon2id": {"memory_kib": (8 * 1024, 1024 * 1024), "iterations": (1, 16), "lanes": (1, 8)},
    "scrypt": {"log2_n": (14, 20), "r": (8, 16), "p": (1, 4)},
}


@dataclass(frozen=True)
class Kdf:
    """The KDF's name, salt and parameters, as written in the file."""

    name: str
    salt: bytes
    params: tuple[tuple[str, int], ...]

    def derive(self, passphrase: bytes) -> bytes:
        p = dict(self.params)
        if self.name == "argon2id":
            from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

            return Argon2id(salt=self.salt, length=KEY_BYTES, iterations=p["iterations"],
                            lanes=p["lanes"], memory_cost=p["memory_kib"]).derive(passphrase)
        return Scrypt(salt=self.salt, length=KEY_BYTES, n=1 << p["log2_n"], r=p["r"],
                      p=p["p"]).derive(passphrase)

    def aad(self) -> bytes:
        """What every slot's AEAD binds: the format, version and the whole KDF header."""
        numbers = b"".join(struct.pack(">I", value) for _, value in self.params)
        names = ",".join(name for name, _ in self.params).encode()
        return b"\0".join((FORMAT.encode(), str(VERSION).encode(), self.name.encode(),
                           self.salt, names, numbers))

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "salt": _b64(self.salt), **dict(self.params)}


def argon2id_available() -> bool:
    """Argon2id needs cryptography >= 44 built on OpenSSL >= 3.2."""
    try:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        Argon2id(salt=b"\0" * 16, length=32, iterations=1, lanes=1, memory_cost=8)
    except (ImportError, UnsupportedAlgorithm):
        return False
    return True


def new_kdf(params: dict[str, int] | None = None, *, name: str | None = None) -> Kdf:
    """A fresh salt with the default parameters (tests pass smaller ones, within bounds)."""
    name = name or ("argon2id" if argon2id_available() else "scrypt")
    chosen = dict(params or (ARGON2ID if name == "argon2id" else SCRYPT))
    kdf = Kdf(name, secrets.token_bytes(SALT_BYTES), tuple(sorted(chosen.items())))
    _check_bounds(kdf, "new parameters")
    return kdf


class DataKey:
    """The library's 32-byte data key, and the keys each part derives from it.

    Held in a bytearray so `wipe` can zero it when the library locks; the
    derived keys passed to SQLite and AES are Python bytes, which cannot be
    wiped (docs/security.md says so): locking drops every reference to them.
    """

    def __init__(self, key: bytes | bytearray):
        if len(key) != KEY_BYTES:
            raise ValueError("a data key is 32 bytes")
        self._key: bytearray | None = bytearray(key)

    @classmethod
    def generate(cls) -> DataKey:
        return cls(secrets.token_bytes(KEY_BYTES))

    def derive(self, purpose: str) -> bytes:
        """A key for one use (`catalog`, `blobs`, `names`, `index`), by HKDF-SHA256."""
        if self._key is None:
            raise VaultError("the library is locked")
        return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                    info=f"satchel library v1 {purpose}".encode()).derive(bytes(self._key))

    def raw(self) -> bytes:
        if self._key is None:
            raise VaultError("the library is locked")
        return bytes(self._key)

    def wipe(self) -> None:
        if self._key is not None:
            self._key[:] = bytes(len(self._key))
            self._key = None

    @property
    def wiped(self) -> bool:
        return self._key is None


@dataclass(frozen=True)
class Opened:
    """What a passphrase opened: the data key, or (duress) the other slot."""

    key: DataKey | None
    duress: bool


@dataclass(frozen=True)
class KeyFile:
    kdf: Kdf
    slots: tuple[tuple[bytes, bytes], ...]  # (nonce, wrapped), in the file's order

    # -- reading ----------------------------------------------------------------------

    @classmethod
    def read(cls, path: Path) -> KeyFile:
        """Parse and bound a key file; `VaultError` for anything not exactly ours."""
        try:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_FILE + 1)
        except FileNotFoundError:
            raise VaultError("the library's key file is gone (destroyed by a panic?): "
                             "nothing in this library can be read any more",
                             path=str(path)) from None
        if len(raw) > MAX_FILE:
            raise VaultError(f"the key file is over {MAX_FILE} bytes", path=str(path))
        try:
            doc = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates)
        except (UnicodeDecodeError, ValueError) as exc:
            raise VaultError(f"the key file is not readable JSON ({exc})", path=str(path)) from exc
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise VaultError("this is not a Satchel library key file", path=str(path))
        if doc.get("version") != VERSION or isinstance(doc.get("version"), bool):
            raise VaultError(f"the key file has version {doc.get('version')!r}; this Satchel "
                             f"reads version {VERSION} only", path=str(path),
                             hint="Open this library with the Satchel that protected it.")
        try:
            kdf = _parse_kdf(doc["kdf"])
            slots = tuple((_unb64(s["nonce"], NONCE_BYTES), _unb64(s["wrapped"], WRAPPED_BYTES))
                          for s in doc["slots"])
            if len(slots) != SLOTS or set(doc) != {"format", "version", "kdf", "slots"}:
                raise ValueError("unexpected fields or number of slots")
        except (KeyError, TypeError, ValueError) as exc:
            raise VaultError(f"the key file is damaged ({exc})", path=str(path)) from exc
        _check_bounds(kdf, str(path))
        return cls(kdf, slots)

    def open(self, passphrase: bytes, path: Path | None = None) -> Opened:
        """Unwrap with `passphrase`: one KDF run, then each slot."""
        opened, _ = self._open(self.kdf.derive(passphrase), path)
        return opened

    def _open(self, kek: bytes, path: Path | None) -> tuple[Opened, int]:
        aead, aad = AESGCM(kek), self.kdf.aad()
        for n, (nonce, wrapped) in enumerate(self.slots):
            try:
                plain = aead.decrypt(nonce, wrapped, aad)
            except InvalidTag:
                continue
            if plain[0] == DATA:
                return Opened(DataKey(plain[1:]), duress=False), n
            if plain[0] == DURESS:
                return Opened(None, duress=True), n
        raise WrongPassphrase("the passphrase is wrong", path=str(path) if path else None)

    # -- writing ----------------------------------------------------------------------

    @classmethod
    def wrap(cls, kdf: Kdf, passphrase: bytes, key: DataKey,
             duress: bytes | None = None) -> KeyFile:
        """A new file: the data key under `passphrase`, and the duress slot (or noise)."""
        data_slot = _seal(kdf, kdf.derive(passphrase), bytes([DATA]) + key.raw())
        return cls(kdf, _shuffled(data_slot, _duress_slot(kdf, duress)))

    def rewrap(self, old: bytes, new: bytes | None = None,
               duress: bytes | Keep | None = KEEP) -> KeyFile:
        """The same data key under `new` (None: under `old` still), with the duress slot
        kept (`KEEP`), cleared (None) or set to the passphrase given. Only the data key's
        passphrase changes anything: the duress one raises `WrongPassphrase` too."""
        old_kek = self.kdf.derive(old)
        opened, n = self._open(old_kek, None)
        if opened.key is None:
            raise WrongPassphrase("the passphrase is wrong")
        kek = old_kek if new is None else self.kdf.derive(new)
        data_slot = _seal(self.kdf, kek, bytes([DATA]) + opened.key.raw())
        opened.key.wipe()
        other = self.slots[1 - n] if isinstance(duress, Keep) else _duress_slot(self.kdf, duress)
        return KeyFile(self.kdf, _shuffled(data_slot, other))

    def to_bytes(self) -> bytes:
        doc = {"format": FORMAT, "version": VERSION, "kdf": self.kdf.to_json(),
               "slots": [{"nonce": _b64(n), "wrapped": _b64(w)} for n, w in self.slots]}
        return (json.dumps(doc, indent=1) + "\n").encode()

    def write(self, path: Path) -> None:
        """Crash-safe: a temporary file, fsync, rename over, fsync the folder."""
        faults.hit("vault-write", path=path)
        write_atomically(path, self.to_bytes(), mode=0o600)
        faults.hit("vault-written", path=path)


def destroy(path: Path, *, on_step: Callable[[str], None] | None = None) -> bool:
    """The panic: overwrite the key file with random bytes, fsync, remove it, fsync
    the folder. True if there was a key file. Its size never depends on the library's,
    so this takes milliseconds. (On flash and copy-on-write file systems the old blocks
    may survive an overwrite: docs/security.md; the key is still wrapped there.)"""
    found = False
    for candidate in [path, *sorted(path.parent.glob(f".{path.name}.*.tmp"))]:
        try:
            fd = os.open(candidate, os.O_WRONLY)
        except FileNotFoundError:
            continue
        found = found or candidate == path
        try:
            size = os.fstat(fd).st_size
            os.write(fd, secrets.token_bytes(max(size, MAX_FILE)))
            os.fsync(fd)
        finally:
            os.close(fd)
        if on_step:
            on_step("overwritten")
        candidate.unlink(missing_ok=True)
    fsync_dir(path.parent)
    return found


# -- helpers --------------------------------------------------------------------------


def _seal(kdf: Kdf, kek: bytes, plain: bytes) -> tuple[bytes, bytes]:
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce, AESGCM(kek).encrypt(nonce, plain, kdf.aad())


def _duress_slot(kdf: Kdf, duress: bytes | None) -> tuple[bytes, bytes]:
    """The duress slot, or random bytes of its size: the two cannot be told apart."""
    if duress is None:
        return secrets.token_bytes(NONCE_BYTES), secrets.token_bytes(WRAPPED_BYTES)
    return _seal(kdf, kdf.derive(duress), bytes([DURESS]) + secrets.token_bytes(KEY_BYTES))


def _shuffled(a: tuple[bytes, bytes], b: tuple[bytes, bytes]) -> tuple[tuple[bytes, bytes], ...]:
    return (a, b) if secrets.randbits(1) else (b, a)


def _parse_kdf(doc: Any) -> Kdf:
    if not isinstance(doc, dict):
        raise TypeError("kdf is not an object")
    name = doc.get("name")
    if name not in BOUNDS:
        raise ValueError(f"unknown KDF {name!r}")
    keys = set(BOUNDS[name])
    if set(doc) != keys | {"name", "salt"}:
        raise ValueError(f"the {name} parameters are not {sorted(keys)}")
    params = []
    for key in sorted(keys):
        value = doc[key]
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{key} is not an integer")
        params.append((key, value))
    return Kdf(name, _unb64(doc["salt"], SALT_BYTES), tuple(params))


def _check_bounds(kdf: Kdf, where: str) -> None:
    for key, value in kdf.params:
        low, high = BOUNDS[kdf.name][key]
        if not low <= value <= high:
            raise VaultError(f"the key file asks for {kdf.name} {key} = {value}, outside "
                             f"{low}..{high}; refused", path=where)
    if kdf.name == "argon2id":
        p = dict(kdf.params)
        if p["memory_kib"] < 8 * p["lanes"]:
            raise VaultError("argon2id memory is below 8 KiB a lane; refused", path=where)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, size: int) -> bytes:
    if not isinstance(text, str):
        raise TypeError("not a base64 string")
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError("not base64") from exc
    if len(data) != size:
        raise ValueError(f"{len(data)} bytes where {size} belong")
    return data


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for key, value in pairs:
        if key in doc:
            raise ValueError(f"duplicate key {key!r}")
        doc[key] = value
    return doc
