"""Attacks on a protected library's files (issue 18; docs/security.md, "Protected library").

Who: someone who holds the disk, may copy and edit its files, and hands the
laptop back (or waits for the reader to type the passphrase). Each test builds
the hostile file, asserts the exact refusal, then what stayed on disk.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from index.sealed import CHUNK, SealedIndexError, SealedStorage
from reader import Library
from reader.errors import VaultError, WrongPassphrase
from reader.vault import DataKey, KeyFile, new_kdf
from tests.protected import FAST, PASSPHRASE, make_bundles, protect_library


def _key_file(tmp_path: Path) -> Path:
    path = tmp_path / "library.key"
    KeyFile.wrap(new_kdf(FAST), PASSPHRASE.encode(), DataKey.generate()).write(path)
    return path


def _edit(path: Path, change) -> bytes:
    doc = json.loads(path.read_bytes())
    change(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path.read_bytes()


# Attack: weaken the KDF in the file (fewer passes, less memory) so that a later
# passphrase change, or a guesser, works against a cheaper header. The AAD binds the
# header: the file no longer opens, even with the right passphrase.
@pytest.mark.parametrize("field,value", [("memory_kib", 8 * 1024 + 1024), ("iterations", 2),
                                         ("lanes", 2)])
def test_key_file_with_edited_kdf_parameters_does_not_open(tmp_path, field, value):
    path = _key_file(tmp_path)
    before = _edit(path, lambda d: d["kdf"].__setitem__(field, value))
    with pytest.raises(WrongPassphrase):
        KeyFile.read(path).open(PASSPHRASE.encode())
    assert path.read_bytes() == before


def test_key_file_with_another_salt_does_not_open(tmp_path):
    path = _key_file(tmp_path)
    _edit(path, lambda d: d["kdf"].__setitem__("salt", "AAAAAAAAAAAAAAAAAAAAAA=="))
    with pytest.raises(WrongPassphrase):
        KeyFile.read(path).open(PASSPHRASE.encode())


# Attack: parameters that make unlocking cost a terabyte of memory or hours (a denial
# of service on the reader's laptop), or no work at all. Refused before any KDF runs.
@pytest.mark.parametrize("field,value", [("memory_kib", 2**31), ("iterations", 10_000),
                                         ("lanes", 2**20), ("memory_kib", 8), ("iterations", 0)])
def test_key_file_asking_for_parameters_out_of_bounds_is_refused_at_once(tmp_path, field, value):
    path = _key_file(tmp_path)
    _edit(path, lambda d: d["kdf"].__setitem__(field, value))
    start = time.perf_counter()
    with pytest.raises(VaultError, match="outside"):
        KeyFile.read(path)
    assert time.perf_counter() - start < 5  # generous: no KDF ran


@pytest.mark.parametrize("change,reason", [
    (lambda d: d.__setitem__("version", 2), "version 2"),
    (lambda d: d.__setitem__("version", True), "version True"),
    (lambda d: d.__setitem__("format", "borg"), "not a Satchel library key"),
    (lambda d: d["kdf"].__setitem__("name", "pbkdf2"), "unknown KDF"),
    (lambda d: d.__setitem__("extra", 1), "unexpected fields"),
    (lambda d: d["slots"].pop(), "number of slots"),
    (lambda d: d["slots"][0].__setitem__("wrapped", "AAAA"), "bytes where"),
    (lambda d: d["kdf"].__setitem__("memory_kib", "65536"), "not an integer"),
], ids=["future-version", "bool-version", "other-format", "unknown-kdf", "extra-field",
        "one-slot", "short-slot", "string-parameter"])
def test_key_file_not_exactly_ours_is_refused(tmp_path, change, reason):
    path = _key_file(tmp_path)
    _edit(path, change)
    with pytest.raises(VaultError, match=reason):
        KeyFile.read(path)


def test_key_file_with_duplicate_fields_or_oversized_is_refused(tmp_path):
    path = _key_file(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"version": 1,', '"version": 1, "version": 1,'),
                    encoding="utf-8")
    with pytest.raises(VaultError, match="duplicate"):
        KeyFile.read(path)
    path.write_bytes(b" " * 5000 + text.encode())
    with pytest.raises(VaultError, match="over 4096 bytes"):
        KeyFile.read(path)


def test_a_file_with_a_duress_slot_looks_like_one_without(tmp_path):
    """Whoever reads the file cannot tell whether a duress passphrase exists."""
    kdf = new_kdf(FAST)
    key = DataKey.generate()
    plain = KeyFile.wrap(kdf, b"first passphrase", key)
    duress = KeyFile.wrap(kdf, b"first passphrase", key, duress=b"second passphrase")
    shape = [(len(n), len(w)) for n, w in plain.slots]
    assert shape == [(len(n), len(w)) for n, w in duress.slots]
    assert len(plain.to_bytes()) == len(duress.to_bytes())


def test_the_scrypt_fallback_writes_and_opens(tmp_path):
    path = tmp_path / "library.key"
    key = DataKey.generate()
    KeyFile.wrap(new_kdf({"log2_n": 14, "r": 8, "p": 1}, name="scrypt"), b"words words",
                 key).write(path)
    opened = KeyFile.read(path).open(b"words words")
    assert opened.key is not None and opened.key.raw() == key.raw()


# Attack: move one sealed blob file under another's name (to show the reader other
# content than the article names): it does not open, and the library says so.
def test_blob_file_swapped_with_another_is_refused_not_served(tmp_path):
    root = tmp_path / "lib"
    protect_library(root)
    with Library.open(root, passphrase=PASSPHRASE) as library:
        library.import_paths(make_bundles(tmp_path))
        rows = library.catalog.rows("SELECT sha256 FROM blobs WHERE in_file = 1")
        first, second = (library.store.file_path(r["sha256"]) for r in rows[:2])
    a, b = first.read_bytes(), second.read_bytes()
    first.write_bytes(b)
    second.write_bytes(a)
    with Library.open(root, passphrase=PASSPHRASE) as library:
        report = library.check(repair=False)
        damaged = [p for p in report.problems if "damaged" in p.message]
        assert len(damaged) == 2, [p.message for p in report.problems]


# Attack: cut the last chunk off an index file (or reorder chunks): the read fails
# instead of giving Whoosh short or shuffled data.
def test_index_file_cut_at_a_chunk_boundary_or_reordered_is_noticed(tmp_path):
    storage = SealedStorage(str(tmp_path), b"k" * 32)
    with storage.create_file("MAIN_x.pst") as handle:
        handle.write(bytes(range(256)) * (3 * CHUNK // 256))
    path = tmp_path / "MAIN_x.pst"
    whole = path.read_bytes()
    chunk = (len(whole) - 17) // 4
    assert storage.open_file("MAIN_x.pst").get(0, 10) == bytes(range(10))
    path.write_bytes(whole[:17 + 3 * chunk])  # the last (empty, final) chunk cut off
    with pytest.raises(SealedIndexError):
        storage.open_file("MAIN_x.pst").get(2 * CHUNK, 10)
    body = whole[17:]
    path.write_bytes(whole[:17] + body[chunk:2 * chunk] + body[:chunk] + body[2 * chunk:])
    with pytest.raises(SealedIndexError):
        SealedStorage(str(tmp_path), b"k" * 32).open_file("MAIN_x.pst").get(0, 10)
    with pytest.raises(SealedIndexError):
        SealedStorage(str(tmp_path), b"j" * 32).open_file("MAIN_x.pst").get(0, 10)
