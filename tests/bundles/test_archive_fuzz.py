"""Damaged archives: any change either leaves every entry reading back identically
or raises a SatchelError subclass, never another exception type."""

from __future__ import annotations

import contextlib
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bundles.archive import SafeZipReader, ZipWriter, check_name
from bundles.errors import SatchelError
from bundles.limits import DEFAULT_LIMITS

ENTRIES = [
    ("mimetype", b"application/vnd.satchel.bundle+zip", False),
    ("META-INF/bundle.json", b'{"format": 1, "title": "\xd8\xae\xd8\xa8\xd8\xb1"}' * 6, True),
    ("blobs/sha256/" + "ab" * 32, bytes(range(256)), True),  # stored: deflate does not shrink it
    ("blobs/sha256/" + "cd" * 32, b"", True),
    ("articles/p/a/1.dsse.json", b"<p>one two three</p>" * 20, True),
]


@pytest.fixture(scope="module")
def valid(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("fuzz") / "valid.satchel"
    writer = ZipWriter(path)
    for name, data, compress in ENTRIES:
        writer.add(name, data, compress)
    writer.close()
    return path.read_bytes()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz-cases")


EXPECTED = {name: data for name, data, _ in ENTRIES}


def outcome(path: Path, data: bytes) -> str:
    """'same' if every entry reads back identically, 'rejected' on a SatchelError.
    Anything else (another exception, different content) fails the test."""
    path.write_bytes(data)
    try:
        with SafeZipReader.open(path) as reader:
            got = {e.name: reader.read(e, DEFAULT_LIMITS.blob_bytes) for e in reader.entries}
    except SatchelError as exc:
        message = str(exc)
        assert message.startswith(f"{path}: ") and "\n" not in message
        return "rejected"
    assert got == EXPECTED
    return "same"


def test_valid_archive_reads(valid, workdir):
    assert outcome(workdir / "valid.satchel", valid) == "same"


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_flipping_any_byte_reads_identically_or_raises_satchel_error(valid, workdir, data):
    position = data.draw(st.integers(0, len(valid) - 1), label="position")
    mask = data.draw(st.integers(1, 255), label="xor mask")
    damaged = bytearray(valid)
    damaged[position] ^= mask
    outcome(workdir / "flipped.satchel", bytes(damaged))


@pytest.mark.slow
def test_flipping_every_byte_exhaustively(valid, workdir):
    """Every position, a few masks each: the same property, without sampling."""
    results = {"same": 0, "rejected": 0}
    for position in range(len(valid)):
        for mask in (0x01, 0x80, 0xFF):
            damaged = bytearray(valid)
            damaged[position] ^= mask
            results[outcome(workdir / "sweep.satchel", bytes(damaged))] += 1
    # Some bytes are not load-bearing (permission bits, the creator's version...),
    # most are: both outcomes must occur.
    assert results["same"] > 0 and results["rejected"] > results["same"]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_truncating_or_extending_raises_satchel_error(valid, workdir, data):
    cut = data.draw(st.integers(0, len(valid) - 1), label="cut")
    assert outcome(workdir / "cut.satchel", valid[:cut]) == "rejected"
    tail = data.draw(st.binary(min_size=1, max_size=64), label="tail")
    assert outcome(workdir / "grown.satchel", valid + tail) == "rejected"


@settings(max_examples=200, deadline=None)
@given(junk=st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_satchel_errors(workdir, junk):
    path = workdir / "junk.satchel"
    path.write_bytes(junk)
    with contextlib.suppress(SatchelError):
        SafeZipReader.open(path).close()


_names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40
).filter(lambda n: check_name(n) is None)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    files=st.dictionaries(_names, st.tuples(st.binary(max_size=3000), st.booleans()), max_size=8)
)
def test_writer_round_trip_through_both_readers(workdir, files):
    def fold(name: str) -> str:
        return unicodedata.normalize("NFC", name.casefold())

    first: dict[str, str] = {"mimetype": "mimetype"}
    for name in files:
        first.setdefault(fold(name), name)
    # Keep one name per case-folded spelling, and never a second 'mimetype'.
    files = {n: v for n, v in files.items() if fold(n) != "mimetype" and first[fold(n)] == n}
    path = workdir / "round-trip.satchel"
    writer = ZipWriter(path)
    writer.add("mimetype", b"application/vnd.satchel.bundle+zip", compress=False)
    for name, (data, compress) in files.items():
        writer.add(name, data, compress)
    writer.close()
    expected = {"mimetype": b"application/vnd.satchel.bundle+zip"} | {
        n: d for n, (d, _) in files.items()
    }
    with SafeZipReader.open(path) as reader:
        assert {e.name: reader.read(e, 10_000) for e in reader.entries} == expected
    with zipfile.ZipFile(path) as z:
        assert {n: z.read(n) for n in z.namelist()} == expected
