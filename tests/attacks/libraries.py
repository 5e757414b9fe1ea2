"""Helpers of the trust attack tests: libraries in tmp folders, what they hold, the CLI."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from bundles.keys import KeyFile
from bundles.pack import ArticleDraft
from reader import Library
from reader.cli import main
from tests import factory
from tests.attacks.v1_library import LIBRARY_V1

# The evidence of a chain conflict is the one thing a refused fork may add.
EVIDENCE = "chain_conflicts"


def tree(root: Path) -> dict[str, bytes]:
    """Every file under a library except its lock, for byte-for-byte comparisons."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != "library.lock"}


def tables(root: Path, *, but: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every row of every catalog table (except `but`), read from the file."""
    conn = sqlite3.connect(f"{(root / 'library.sqlite3').as_uri()}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: sorted(conn.execute(f"SELECT * FROM {name}").fetchall(), key=repr)
                for name in names if name not in but}
    finally:
        conn.close()


def unchecked_bundle(path: Path, key: KeyFile, drafts: list[ArticleDraft],
                     packer: KeyFile | None = None) -> Path:
    """A bundle of `key`'s articles and chain as given: the packer would refuse a chain
    that does not verify, an attacker's hand does not."""
    signed, blobs = factory.sign_all(key, drafts)
    entries = factory.chain_entries(key)
    for item in signed:
        p = item.payload
        entries[f"articles/{p.publisher}/{p.article_id}/{p.version}.dsse.json"] = item.envelope
        entries.update({f"blobs/sha256/{f.sha256}": blobs[f.sha256] for f in p.files})
    if packer is not None:
        entries.update(factory.chain_entries(packer))
    return factory.raw_bundle(path, entries, packer)


def v1_library(tmp_path: Path) -> Path:
    """A copy of the schema-1 library made by the code before issue 13."""
    root = tmp_path / "old-library"
    root.mkdir()
    shutil.copyfile(LIBRARY_V1, root / "library.sqlite3")
    return root


def satchel(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in this process; (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(name="library")
def library_fixture(tmp_path: Path):
    """A new library in the test's folder (import this into a test module to use it)."""
    lib = Library.open(tmp_path / "library")
    yield lib
    lib.close()
