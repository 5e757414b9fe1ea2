"""Real release folders of Satchel signed with throwaway keys, for the release tests."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from bundles import chain as chains
from bundles.keys import KeyFile, SigningKey, key_card
from bundles.release import sign_release

CREATED = "2026-12-01T00:00:00Z"


def release_key(seed: int = 71, name: str = "Satchel releases (TEST)") -> KeyFile:
    signing = SigningKey.from_seed(bytes([seed]) * 32)
    return KeyFile(name=name, signing_key=signing, chain=[chains.new_root(name, signing)],
                   encrypted=False)


def rotated(key: KeyFile, seed: int) -> KeyFile:
    """`key`'s chain extended by a root of a new key (signed by the old and the new)."""
    new = SigningKey.from_seed(bytes([seed]) * 32)
    root = chains.rotate(key.chain, key.signing_key, new)
    return KeyFile(name=key.name, signing_key=new, chain=[*key.chain, root], encrypted=False)


def contents(version: str) -> dict[str, bytes]:
    """What a release holds, in small: the standalone archive, wheels, scripts, text."""
    noise = random.Random(version).randbytes
    return {
        f"satchel-{version}-linux-x86_64.tar.gz": noise(5000),
        f"wheels/satchel-{version}-py3-none-any.whl": noise(3000),
        "wheels/cryptography-44.0.0-cp39-abi3-win_amd64.whl": noise(2000),
        "INSTALL.txt": b"Satchel: how to install it with no internet.\n",
        "install.sh": b"#!/bin/sh\necho install\n",
        "install.command": b"#!/bin/sh\necho install\n",
        "install.bat": b"@echo off\r\necho install\r\n",
        "empty.txt": b"",
    }


def make_release(folder: Path, key: KeyFile, version: str = "9.9.9",
                 files: dict[str, bytes] | None = None) -> Path:
    folder.mkdir(parents=True)
    for rel, data in (contents(version) if files is None else files).items():
        path = folder.joinpath(*rel.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    sign_release(folder, key, version, CREATED)
    return folder


def card(key: KeyFile, path: Path) -> Path:
    path.write_bytes(key_card(key.name, key.chain))
    return path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` by SHA-256 (links as their target text)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + str(path.readlink())
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
