"""What a protected library's parts are sealed with, all derived from the one data key.

- the catalog: SQLCipher, keyed with `catalog_key` (raw, so SQLCipher runs no KDF);
- blob files (the store's large blobs): AES-256-GCM, one nonce per file, the
  blob's SHA-256 in the AAD (a file moved under another name fails to open), the
  plaintext padded to a Padmé length (a blob's size no longer names a known
  image); files are named by HMAC-SHA256 of the SHA-256 under `names`, so a disk
  never shows which known files it holds;
- the index: `index_key` (index/sealed.py).

An unprotected library has no `Sealing` (None): every part then works as before.
docs/security.md ("Protected library") documents these formats.
"""

from __future__ import annotations

import hmac
import secrets
import struct
from hashlib import sha256 as _sha256

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .vault import DataKey

BLOB_VERSION = 1
NONCE = 12
TAG = 16
_HEADER = 1 + NONCE  # version byte, nonce
_LENGTH = struct.Struct(">Q")


def padme(length: int) -> int:
    """Padmé (Nikitin et al., PETS 2019): at most 12% larger, and a size reveals
    O(log log n) bits instead of O(log n)."""
    if length < 2:
        return length
    e = length.bit_length() - 1
    s = e.bit_length()
    mask = (1 << (e - s)) - 1
    return (length + mask) & ~mask


class Sealing:
    """The keys of one unlocked library. `close` drops them (the lock)."""

    def __init__(self, key: DataKey):
        # Keeps no reference to `key`: its owner wipes it when the library locks.
        self.catalog_key: bytes = key.derive("catalog")
        self.index_key: bytes = key.derive("index")
        self._blobs = AESGCM(key.derive("blobs"))
        self._names: bytes = key.derive("names")

    def file_name(self, sha256: str) -> str:
        """The name a blob file gets on disk: HMAC of its hash, hex."""
        return hmac.new(self._names, bytes.fromhex(sha256), _sha256).hexdigest()

    def seal_blob(self, sha256: str, data: bytes) -> bytes:
        nonce = secrets.token_bytes(NONCE)
        body = _LENGTH.pack(len(data)) + data
        body += bytes(padme(len(body)) - len(body))
        return bytes([BLOB_VERSION]) + nonce + self._blobs.encrypt(nonce, body, _aad(sha256))

    def open_blob(self, sha256: str, sealed: bytes) -> bytes | None:
        """The blob's bytes, or None when the file is not this blob sealed by this key."""
        if len(sealed) < _HEADER + _LENGTH.size + TAG or sealed[0] != BLOB_VERSION:
            return None
        try:
            body = self._blobs.decrypt(sealed[1:_HEADER], sealed[_HEADER:], _aad(sha256))
        except InvalidTag:
            return None
        (length,) = _LENGTH.unpack_from(body)
        return body[_LENGTH.size:_LENGTH.size + length]

    def close(self) -> None:
        self.catalog_key = self.index_key = self._names = b""


def _aad(sha256: str) -> bytes:
    return b"satchel blob v1\0" + bytes.fromhex(sha256)
