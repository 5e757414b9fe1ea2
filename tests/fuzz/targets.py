"""Fuzz targets: each takes untrusted bytes and may only refuse them properly.

A target's contract is the one hostile input must meet (DESIGN.md section 3):
it returns, or raises a `SatchelError` whose message is one line naming the
problem; any other exception, a hang or runaway memory is a bug. The same
functions serve the coverage-guided runner (`run.py`, atheris) and the replay
of every input that ever broke one (`crashes/<target>/`, in `test_fuzz.py`).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from bundles import dsse, jsonio
from bundles.archive import SafeZipReader, ZipWriter, check_name
from bundles.article import ArticlePayload, FileRef
from bundles.bundle import Bundle
from bundles.chain import Root, verify_chain
from bundles.dsse import Envelope
from bundles.errors import SatchelError
from bundles.keys import PublicKey, SigningKey
from bundles.limits import DEFAULT_LIMITS
from bundles.manifest import (
    MANIFEST_ENTRY,
    MIMETYPE,
    MIMETYPE_ENTRY,
    Manifest,
    ManifestEntry,
    Statement,
)

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
# Chain links in one fuzz input are separated by this line (the mutator may move it).
CHAIN_SEPARATOR = b"\n--\n"


def _one_line(exc: SatchelError) -> None:
    """A refusal is one line a reader can act on: a message, not a traceback."""
    message = str(exc)
    if not message.strip() or "\n" in message or "Traceback" in message:
        raise AssertionError(f"refusal is not one line: {message!r}")


class _Scratch:
    """One file per process to hand bytes to code that reads paths (tmpfs when there)."""

    def __init__(self) -> None:
        base = "/dev/shm" if os.path.isdir("/dev/shm") else None
        self.folder = Path(tempfile.mkdtemp(prefix="satchel-fuzz-", dir=base))
        self.path = self.folder / "input.satchel"

    def write(self, data: bytes) -> Path:
        self.path.write_bytes(data)
        return self.path


_SCRATCH: _Scratch | None = None


def _scratch() -> _Scratch:
    global _SCRATCH
    if _SCRATCH is None:
        _SCRATCH = _Scratch()
    return _SCRATCH


# ---------------------------------------------------------------- targets


def fuzz_json(data: bytes) -> None:
    """The strict JSON reader and every document parser built on it."""
    parsers: list[Callable[[bytes], object]] = [
        lambda d: jsonio.loads(d, cap=DEFAULT_LIMITS.manifest_bytes),
        lambda d: Manifest.from_bytes(d),
        lambda d: ArticlePayload.from_payload(d),
        lambda d: Root.from_payload(d),
        lambda d: Statement.from_payload(d),
        lambda d: Envelope.from_bytes(d, cap=DEFAULT_LIMITS.envelope_bytes),
    ]
    for parse in parsers:
        try:
            parse(data)
        except SatchelError as exc:
            _one_line(exc)


def fuzz_archive(data: bytes) -> None:
    """The ZIP reader: open within limits, then read every entry with its cap."""
    path = _scratch().write(data)
    try:
        with SafeZipReader.open(path) as reader:
            for entry in reader.entries:
                reader.read(entry, DEFAULT_LIMITS.blob_bytes)
    except SatchelError as exc:
        _one_line(exc)


# Four throwaway keys the structure-aware targets sign with: a fuzzed signer mask
# picks which of them sign, so mutations explore the trust rules with signatures
# that verify (random bytes almost never would).
def _keys() -> tuple[SigningKey, ...]:
    return tuple(SigningKey.from_seed(bytes([n]) * 32) for n in range(1, 5))


KEYS = _keys()


def _signed(payload_type: str, mask: int, payload: bytes) -> bytes:
    signers = [key for n, key in enumerate(KEYS) if mask >> n & 1]
    return dsse.sign(payload_type, payload, signers).to_bytes()


def _parts(data: bytes) -> list[tuple[int, int, bytes]]:
    """(tag, signer mask, body) for each part of a structured input."""
    return [(p[0], p[1], p[2:]) for p in data.split(CHAIN_SEPARATOR) if len(p) >= 2]


def fuzz_chain(data: bytes) -> None:
    """The key chain verifier, on root payloads each signed by the keys its mask picks."""
    links = [_signed(dsse.ROOT_TYPE, mask, body) for _tag, mask, body in _parts(data)]
    try:
        chain = verify_chain(links)
    except SatchelError as exc:
        _one_line(exc)
        return
    # A publisher id belongs to whoever holds its key: every key a root introduces
    # signed that root (root.1: all of its keys).
    held: dict[str, PublicKey] = {}
    for root, raw in zip(chain.roots, chain.envelopes, strict=True):
        envelope = Envelope.from_bytes(raw, cap=DEFAULT_LIMITS.envelope_bytes)
        signers = dsse.check_signatures(envelope, dsse.ROOT_TYPE, held | root.key_map, 1).signed
        introduced = set(root.key_map) - set(held)
        if not introduced <= signers:
            raise AssertionError(f"root.{root.version} introduces keys that did not sign it")
        held |= root.key_map
    if chain.publisher_id not in {k.keyid for k in chain.roots[0].keys}:
        raise AssertionError("a verified chain's publisher id is not a key of its root.1")


def fuzz_bundle(data: bytes) -> None:
    """Full verification, as `satchel verify` runs it."""
    path = _scratch().write(data)
    try:
        with Bundle.open(path) as bundle:
            for digest in bundle.blob_types:
                bundle.read_blob(digest)
    except SatchelError as exc:
        _one_line(exc)


# Each import starts from a copy of the same small library (the seeds imported), so
# an input that breaks the contract breaks it again alone: a crash file reproduces.
_BASES: dict[str, Path] = {}


def _base_library(kind: str) -> Path:
    base = _BASES.get(kind)
    if base is None:
        from reader.library import Library

        base = Path(tempfile.mkdtemp(prefix=f"satchel-fuzz-base-{kind}-"))
        seeds = _signed_bundles() if kind == "signed" else _small_bundles()
        with Library.open(base) as library:
            for n, seed in enumerate(seeds):
                if kind == "signed":
                    seed = _structured_bundle(seed)
                path = _scratch().folder / f"seed-{n}.satchel"
                path.write_bytes(seed)
                library.import_paths([path])
        _BASES[kind] = base
    return base


def _catalog_rows(folder: Path) -> dict[str, list[tuple[object, ...]]]:
    """What the catalog holds, table by table (the file's bytes move with checkpoints)."""
    conn = sqlite3.connect(f"{(folder / 'library.sqlite3').as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    finally:
        conn.close()


# What a refused bundle may still write: the evidence of a key chain conflict
# (docs/format.md section 7), which the reader is shown.
_EVIDENCE_TABLES = {"chain_conflicts"}


def fuzz_import(data: bytes, base: str = "plain") -> None:
    """Importing into a real library: no exception escapes the importer (each file gets
    a one-line result), and a refused file changes nothing but conflict evidence."""
    import shutil

    from reader.importer import FileStatus
    from reader.library import Library

    library_dir = _scratch().folder / "library"
    shutil.rmtree(library_dir, ignore_errors=True)
    shutil.copytree(_base_library(base), library_dir)
    path = _scratch().write(data)
    with Library.open(library_dir, reconcile_index=False) as library:
        before = _catalog_rows(library_dir)
        summary = library.import_paths([path])
        (result,) = summary.files
        if result.status in (FileStatus.REJECTED, FileStatus.UNREADABLE):
            if "\n" in result.reason or not result.reason:
                raise AssertionError(f"refusal is not one line: {result.reason!r}")
            after = _catalog_rows(library_dir)
            changed = sorted(t for t in after
                             if after[t] != before.get(t) and t not in _EVIDENCE_TABLES)
            if changed:
                raise AssertionError(f"a refused bundle changed the catalog: {changed} "
                                     f"({result.reason})")


def _structured_bundle(data: bytes) -> bytes:
    """A well-formed bundle of fuzzed, validly signed roots ('R'), articles ('A') and
    blobs ('B'): the manifest is always right, so what is explored is verification
    and import of signed content."""
    publisher = KEYS[0].keyid
    files: dict[str, bytes] = {}
    roots = 0
    for tag, mask, body in _parts(data):
        if tag == ord("R"):
            roots += 1
            files[f"keys/{publisher}/root.{roots}.dsse.json"] = _signed(dsse.ROOT_TYPE, mask, body)
        elif tag == ord("A"):
            try:
                fields = json.loads(body)
                name = f"{fields['article_id']}/{int(fields['version'])}"
            except Exception:  # a payload that names nothing usable still travels
                name = "x/1"
            files[f"articles/{publisher}/{name}.dsse.json"] = _signed(dsse.ARTICLE_TYPE, mask,
                                                                       body)
        elif tag == ord("B"):
            files[f"blobs/sha256/{hashlib.sha256(body).hexdigest()}"] = body
    names = sorted(n for n in files if check_name(n) is None)
    manifest = Manifest(
        bundle_id=hashlib.sha256(data).hexdigest()[:32], title="fuzz", created="2026-01-01T00:00:00Z",
        entries=tuple(ManifestEntry(n, len(files[n]), hashlib.sha256(files[n]).hexdigest())
                      for n in names),
    )
    path = _scratch().folder / "structured.satchel"
    writer = ZipWriter(path)
    writer.add(MIMETYPE_ENTRY, MIMETYPE, False)
    writer.add(MANIFEST_ENTRY, manifest.to_bytes(), True)
    for name in names:
        writer.add(name, files[name], not name.startswith("blobs/"))
    writer.close()
    return path.read_bytes()


def fuzz_signed_import(data: bytes) -> None:
    """Import of validly signed but otherwise fuzzed roots, articles and blobs."""
    try:
        bundle = _structured_bundle(data)
    except SatchelError:
        return  # e.g. more entries than a manifest may list: not what this target explores
    fuzz_import(bundle, base="signed")


TARGETS: dict[str, Callable[[bytes], None]] = {
    "json": fuzz_json,
    "archive": fuzz_archive,
    "chain": fuzz_chain,
    "bundle": fuzz_bundle,
    "import": fuzz_import,
    "signed-import": fuzz_signed_import,
}


# ---------------------------------------------------------------- seeds


def _small_bundles() -> Iterator[bytes]:
    """Real bundles made with throwaway keys: plain, rotated, revoked, with images."""
    from bundles import chain as chains
    from bundles.keys import KeyFile, SigningKey
    from tests import factory

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        key = factory.publisher("Seed News", seed=7)
        yield factory.make_bundle(out / "plain.satchel", key).read_bytes()
        yield factory.make_bundle(
            out / "text.satchel", key,
            [factory.draft("t1", images={}, body_html="<p>خبر تازه</p>", language="fa")],
        ).read_bytes()
        new = SigningKey.from_seed(bytes([8]) * 32)
        rotated = KeyFile(name=key.name, signing_key=new,
                          chain=[*key.chain, chains.rotate(key.chain, key.signing_key, new)],
                          encrypted=False)
        yield factory.make_bundle(out / "rotated.satchel", rotated).read_bytes()
        relay = factory.publisher("Seed Relay", seed=9)
        yield factory.make_bundle(out / "relayed.satchel", key, packer=relay).read_bytes()


def _root(version: int, keys: tuple[int, ...], threshold: int | None = None) -> bytes:
    return Root(version=version, name="Seed News", keys=tuple(KEYS[k].public for k in keys),
                threshold=len(keys) and (threshold or 1), issued="2026-01-01T00:00:00Z").to_bytes()


def _part(tag: bytes, mask: int, body: bytes) -> bytes:
    return tag + bytes([mask]) + body


def _chains() -> Iterator[bytes]:
    """Genuine chains (own keys sign; rotation signed by old and new; revocation)
    and the borrowed-identity attack (root.1 lists a key that did not sign)."""
    yield _part(b"R", 0b0001, _root(1, (0,)))
    yield _part(b"R", 0b0011, _root(1, (0, 1), 2))
    yield CHAIN_SEPARATOR.join([_part(b"R", 0b0001, _root(1, (0,))),
                                _part(b"R", 0b0011, _root(2, (1,)))])
    yield CHAIN_SEPARATOR.join([_part(b"R", 0b0001, _root(1, (0,))),
                                _part(b"R", 0b0011, _root(2, (1,))),
                                _part(b"R", 0b0010, _root(3, ()))])
    yield _part(b"R", 0b0010, _root(1, (0, 1)))  # signed by the second key alone


def _article(article_id: str, version: int, body: bytes, status: str = "published") -> bytes:
    digest = hashlib.sha256(body).hexdigest()
    return ArticlePayload(
        publisher=KEYS[0].keyid, article_id=article_id, version=version, language="en",
        title=f"Seed {article_id} v{version}", body=digest, status=status,
        files=(FileRef(digest, len(body), "text/html", "body"),),
    ).to_bytes()


def _signed_bundles() -> Iterator[bytes]:
    """Articles of one publisher: new, corrected, retracted by a retired key, in conflict."""
    body, other = b"<p>seed</p>", b"<p>other</p>"
    root1 = _part(b"R", 0b0001, _root(1, (0,)))
    root2 = _part(b"R", 0b0011, _root(2, (1,)))
    blobs = [_part(b"B", 0, body), _part(b"B", 0, other)]
    yield CHAIN_SEPARATOR.join([root1, _part(b"A", 0b0001, _article("a", 1, body)), *blobs])
    yield CHAIN_SEPARATOR.join([root1, root2, _part(b"A", 0b0010, _article("a", 2, other)),
                                _part(b"A", 0b0001, _article("a", 3, body, "retracted")),
                                *blobs])
    yield CHAIN_SEPARATOR.join([root1, _part(b"A", 0b0001, _article("a", 1, other)), *blobs])


def _json_documents() -> Iterator[bytes]:
    """Every JSON document of the seed bundles, and the naughty strings as titles."""
    for data in _small_bundles():
        path = _scratch().write(data)
        with SafeZipReader.open(path) as reader:
            for entry in reader.entries:
                if entry.name.endswith(".json"):
                    yield reader.read(entry, DEFAULT_LIMITS.manifest_bytes)
    naughty = CORPUS / "hostile" / "blns.json"
    if naughty.is_file():
        import json

        for text in json.loads(naughty.read_text(encoding="utf-8"))[:200]:
            yield jsonio.dumps({"type": "root", "name": text, "version": 1, "keys": [],
                                "threshold": 0, "issued": ""})


def _archives() -> Iterator[bytes]:
    yield from _small_bundles()
    for name in ("zip-slip.zip", "zip-slip-win.zip"):
        path = CORPUS / "hostile" / name
        if path.is_file():
            yield path.read_bytes()


SEEDS: dict[str, Callable[[], Iterator[bytes]]] = {
    "json": _json_documents,
    "archive": _archives,
    "chain": _chains,
    "bundle": _archives,
    "import": _small_bundles,
    "signed-import": _signed_bundles,
}


def crash_inputs(target: str) -> list[Path]:
    """Inputs that once broke `target` (kept as regression tests)."""
    folder = Path(__file__).parent / "crashes" / target
    return sorted(p for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []
