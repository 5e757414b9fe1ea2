"""Helpers for the library tests: real keys, real bundles, real SQLite, in tmp_path."""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from bundles import chain as chains
from bundles import faults
from bundles.keys import KeyFile, SigningKey
from bundles.pack import ArticleDraft, write_bundles
from reader import Library
from tests import factory


def noisy_png(width: int = 160, height: int = 160, seed: int = 0) -> bytes:
    """A valid PNG that does not compress: over the 64 KiB inline cap at 160x160."""
    rng = bytes((i * 7919 + seed * 104729 + (i >> 7) * 31) % 251 for i in range(width * 3))
    raw = b"".join(b"\x00" + rng[(y * 13) % len(rng):] + rng[:(y * 13) % len(rng)]
                   for y in range(height))
    raw = bytes(b ^ (seed & 0xFF) for b in raw)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    # Level 0: stored deflate, so the file is as large as its pixels.
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b""))


def publisher(name: str = "Test News") -> KeyFile:
    return factory.publisher(name)


def draft(article_id: str = "a1", **fields: object) -> ArticleDraft:
    return factory.draft(article_id, **fields)


def bundle(path: Path, key: KeyFile, drafts: Sequence[ArticleDraft], *,
           packer: KeyFile | None = None, **options: object) -> Path:
    return factory.make_bundle(path, key, drafts, packer=packer, **options)


def bundle_of_signed(path: Path, signed: list, blobs: dict, packer: KeyFile, **options: object
                     ) -> list[Path]:
    return write_bundles(signed, blobs.__getitem__, path, packer=packer,
                         created=factory.CREATED, **options)  # type: ignore[arg-type]


def rotated(key: KeyFile, name: str | None = None) -> KeyFile:
    """The same publisher after a key rotation: root.N+1 with a new key."""
    new = SigningKey.generate()
    root = chains.rotate(key.chain, key.signing_key, new, name=name)
    return KeyFile(name=name or key.name, signing_key=new, chain=[*key.chain, root],
                   encrypted=False)


def revoked_chain(key: KeyFile) -> list[bytes]:
    return [*key.chain, chains.rotate(key.chain, key.signing_key, None)]


def tree(root: Path) -> dict[str, bytes]:
    """Every file under a library except the lock, for before/after comparisons."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name not in ("library.lock",)}


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library")
    yield lib
    lib.close()


@pytest.fixture(autouse=True)
def _no_fault_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("SATCHEL_FAULT", raising=False)
    monkeypatch.delenv("SATCHEL_LIBRARY", raising=False)
    faults.reset()
    yield
    monkeypatch.delenv("SATCHEL_FAULT", raising=False)
    faults.reset()


__all__ = ["bundle", "draft", "noisy_png", "os", "publisher", "revoked_chain", "rotated", "tree"]
