"""One crafted bundle per reason DESIGN.md section 3 gives for refusing one.

Each bundle is otherwise valid and sealed by its packer, so the check named in
the test is the one that fires; each asserts the error class and that the
one-line message names the file and the entry.
"""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bundles.article import ArticlePayload, FileRef
from bundles.bundle import Bundle
from bundles.errors import (
    ArchiveError,
    BundleError,
    FormatError,
    HashMismatchError,
    KeyChainError,
    LimitError,
    SignatureError,
)
from bundles.manifest import MANIFEST_ENTRY
from tests.factory import article_entries, chain_entries, png, publisher, raw_bundle

KEY = publisher("Hostile Test", seed=11)
HTML = b"<p>Hello</p>"
HTML_SHA = hashlib.sha256(HTML).hexdigest()


def payload(**changes: object) -> bytes:
    """An article payload as JSON; changes may make it invalid on purpose."""
    files = changes.pop("files", [FileRef(HTML_SHA, len(HTML), "text/html", "body")])
    data = ArticlePayload(KEY.publisher_id, "a1", 1, "en", "T", HTML_SHA,
                          (FileRef(HTML_SHA, len(HTML), "text/html", "body"),)).to_dict()
    data["files"] = [f.to_dict() for f in files]  # type: ignore[attr-defined]
    data.update(changes)
    return json.dumps(data).encode()


def open_bad(tmp_path: Path, entries: dict[str, bytes], **kw: object) -> BundleError:
    path = raw_bundle(tmp_path / "hostile.satchel", entries, KEY, **kw)
    with pytest.raises(BundleError) as info:
        Bundle.open(path)
    assert "hostile.satchel" in str(info.value)
    return info.value


def test_valid_crafted_bundle_is_accepted(tmp_path) -> None:
    entries = article_entries(KEY, payload(), blobs={HTML_SHA: HTML})
    with Bundle.open(raw_bundle(tmp_path / "ok.satchel", entries, KEY)) as bundle:
        assert [a.payload.article_id for a in bundle.articles] == ["a1"]


@pytest.mark.parametrize(
    ("manifest", "error", "reason"),
    [
        (b'{"format":"satchel-bundle","format":"x"}', FormatError, "twice"),
        (b'{"format":"satchel-bundle","part":NaN}', FormatError, "NaN"),
        (b"[" * 40 + b"]" * 40, LimitError, "nested"),
        (b'{"format":"satchel-bundle","title":"\xc3\x28"}', FormatError, "UTF-8"),
        # Random whitespace: over the cap, yet not compressible past the bundle's
        # inflation budget (which would refuse it first).
        (random.Random(0).randbytes(8 * 1024 * 1024 + 1).translate(bytes(b" \t\r\n"[i % 4]
                                                                     for i in range(256))),
         LimitError, "cap"),
        (b'{"format":"satchel-bundle","format_version":2}', FormatError, "format version"),
    ],
    ids=["duplicate-keys", "nan", "deep-nesting", "invalid-utf8", "over-cap", "version-2"],
)
def test_hostile_manifest_is_rejected(tmp_path, manifest, error, reason) -> None:
    exc = open_bad(tmp_path, {}, manifest=manifest)
    assert isinstance(exc, error) and reason in str(exc) and MANIFEST_ENTRY in str(exc)


def test_envelope_over_its_cap_is_rejected(tmp_path) -> None:
    big = payload(summary="x" * 9000, byline="y" * 900) + b" " * (300 * 1024)
    exc = open_bad(tmp_path, article_entries(KEY, big, blobs={HTML_SHA: HTML}))
    assert isinstance(exc, LimitError) and "articles/" in str(exc)


def test_unknown_payload_type_is_rejected(tmp_path) -> None:
    entries = article_entries(KEY, payload(), payload_type="application/x-evil",
                              blobs={HTML_SHA: HTML})
    exc = open_bad(tmp_path, entries)
    assert isinstance(exc, SignatureError) and "payload type" in str(exc)


def test_article_with_unknown_field_is_rejected(tmp_path) -> None:
    exc = open_bad(tmp_path, article_entries(KEY, payload(run="rm -rf /"), blobs={HTML_SHA: HTML}))
    assert isinstance(exc, FormatError) and "unknown fields" in str(exc)


def test_article_needing_a_missing_blob_is_rejected(tmp_path) -> None:
    exc = open_bad(tmp_path, article_entries(KEY, payload()))
    assert isinstance(exc, FormatError) and "not in this bundle" in str(exc)


def test_html_over_8_mib_is_rejected(tmp_path) -> None:
    letters = (bytes(range(97, 123)) * 10)[:256]  # random letters: within the inflation budget
    html = b"<p>" + random.Random(1).randbytes(8 * 1024 * 1024).translate(letters) + b"</p>"
    digest = hashlib.sha256(html).hexdigest()
    entries = article_entries(
        KEY, payload(body=digest, files=[FileRef(digest, len(html), "text/html", "body")]),
        blobs={digest: html})
    exc = open_bad(tmp_path, entries)
    assert isinstance(exc, LimitError) and digest in str(exc)


def test_html_that_is_not_utf8_is_rejected(tmp_path) -> None:
    html = b"<p>\xff\xfe</p>"
    digest = hashlib.sha256(html).hexdigest()
    entries = article_entries(
        KEY, payload(body=digest, files=[FileRef(digest, len(html), "text/html", "body")]),
        blobs={digest: html})
    exc = open_bad(tmp_path, entries)
    assert isinstance(exc, FormatError) and "UTF-8" in str(exc)


@pytest.mark.parametrize(
    ("image", "declared", "reason"),
    [
        (b"BM" + b"\x00" * 60, "image/png", "not a PNG, JPEG, GIF or WebP"),
        (png(), "image/jpeg", "signed as image/jpeg"),
        (png()[:16] + (9000).to_bytes(4, "big") * 2 + png()[24:], "image/png", "megapixel"),
        (b"GIF89a" + (60000).to_bytes(2, "little") * 2 + b"\x00" * 20, "image/gif", "megapixel"),
    ],
    ids=["bmp", "png-declared-jpeg", "png-81-megapixels", "gif-3600-megapixels"],
)
def test_hostile_image_is_rejected(tmp_path, image, declared, reason) -> None:
    digest = hashlib.sha256(image).hexdigest()
    files = [FileRef(HTML_SHA, len(HTML), "text/html", "body"),
             FileRef(digest, len(image), declared, "image")]
    exc = open_bad(tmp_path, article_entries(KEY, payload(files=files),
                                             blobs={HTML_SHA: HTML, digest: image}))
    assert reason in str(exc) and digest in str(exc)


def test_blob_whose_name_is_not_its_hash_is_rejected(tmp_path) -> None:
    entries = article_entries(KEY, payload(), blobs={HTML_SHA: b"<p>Other</p>"})
    exc = open_bad(tmp_path, entries)
    assert isinstance(exc, HashMismatchError) and HTML_SHA in str(exc)


def test_article_without_its_publishers_chain_is_rejected(tmp_path) -> None:
    entries = article_entries(KEY, payload(), blobs={HTML_SHA: HTML})
    for name in chain_entries(KEY):
        del entries[name]
    exc = open_bad(tmp_path, entries | chain_entries(publisher("Packer", seed=12)))
    assert isinstance(exc, SignatureError)


def test_chain_under_another_publishers_id_is_rejected(tmp_path) -> None:
    other = publisher("Other", seed=13)
    entries = {f"keys/{KEY.publisher_id}/root.1.dsse.json": other.chain[0]}
    exc = open_bad(tmp_path, entries)
    # docs/format.md section 7, rule 4: a KeyChainError (it was a SignatureError).
    assert isinstance(exc, KeyChainError) and "another publisher" in str(exc)


def test_root_with_a_bad_signature_is_rejected(tmp_path) -> None:
    env = json.loads(KEY.chain[0])
    sig = bytearray(__import__("base64").b64decode(env["signatures"][0]["sig"]))
    sig[5] ^= 1
    env["signatures"][0]["sig"] = __import__("base64").b64encode(bytes(sig)).decode()
    entries = {f"keys/{KEY.publisher_id}/root.1.dsse.json": json.dumps(env).encode()}
    exc = open_bad(tmp_path, entries)
    assert isinstance(exc, KeyChainError) and "root.1" in str(exc)


def test_statement_by_a_key_not_in_the_bundle_is_rejected(tmp_path) -> None:
    stranger = publisher("Stranger", seed=14)
    entries = article_entries(KEY, payload(), blobs={HTML_SHA: HTML})
    path = raw_bundle(tmp_path / "s.satchel", entries, stranger)
    with pytest.raises(SignatureError, match="packer"):
        Bundle.open(path)


def test_zip_slip_archives_are_rejected_and_write_nothing(corpus, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("zip-slip.zip", "zip-slip-win.zip"):
        with pytest.raises(ArchiveError) as info:
            Bundle.open(corpus / "hostile" / name)
        assert name in str(info.value) and "evil.txt" in str(info.value)
    assert list(tmp_path.iterdir()) == []
    assert not Path("/tmp/evil.txt").exists()


BOMB = textwrap.dedent(
    """
    import resource, struct, sys, zlib
    resource.setrlimit(resource.RLIMIT_AS, (400 * 2**20, 400 * 2**20))
    sys.path.insert(0, sys.argv[1])
    from bundles.bundle import Bundle
    from bundles.errors import BundleError
    try:
        Bundle.open(sys.argv[2])
    except BundleError as exc:
        print(type(exc).__name__, exc)
        sys.exit(0)
    sys.exit(5)
    """
)


def _deflate_bomb(path: Path) -> Path:
    """A bundle whose manifest claims 8 MiB (plausible for 2 MB of deflate) but inflates to 1 GiB."""
    import zlib

    from tests.bundles.zipcraft import Entry, build, stored

    stream = zlib.compressobj(1, zlib.DEFLATED, -15)
    chunk = bytes(64 << 20)
    data = b"".join(stream.compress(chunk) for _ in range(16)) + stream.flush()  # 1 GiB
    entries = [stored("mimetype", b"application/vnd.satchel.bundle+zip"),
               Entry(MANIFEST_ENTRY, data, 8, 0, 8 * 2**20)]
    path.write_bytes(build(entries).data)
    return path


@pytest.mark.parametrize("kind", ["deflate-bomb"])
def test_bombs_are_refused_in_bounded_memory(tmp_path, kind) -> None:
    bomb = _deflate_bomb(tmp_path / "bomb.satchel")
    repo = str(Path(__file__).resolve().parents[2])
    run = subprocess.run([sys.executable, "-c", BOMB, repo, str(bomb)], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "ZipBombError" in run.stdout and "bomb.satchel" in run.stdout


def test_listed_blob_no_article_uses_is_ignored_and_never_stored(tmp_path) -> None:
    from reader import Library
    from tests.reader.conftest import noisy_png

    stray_big, stray_small = noisy_png(seed=3), b"<p>nobody's</p>"
    entries = article_entries(KEY, payload(), blobs={HTML_SHA: HTML})
    for data in (stray_big, stray_small):
        entries[f"blobs/sha256/{hashlib.sha256(data).hexdigest()}"] = data
    path = raw_bundle(tmp_path / "stray.satchel", entries, KEY)
    with Bundle.open(path) as bundle:
        assert sum("used by no article" in w for w in bundle.warnings) == 2
    with Library.open(tmp_path / "lib") as library:
        assert library.import_paths([path]).ok
        stored = {r["sha256"] for r in library.catalog.rows("SELECT sha256 FROM blobs")}
        assert stored == {HTML_SHA}
        assert library.check(repair=False).ok
        assert not any((tmp_path / "lib").rglob(hashlib.sha256(stray_big).hexdigest()))
