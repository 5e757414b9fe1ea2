"""Attacks on "already imported": decoys that bury the real bundle (issue 13, item 2).

Import skips a file it has fully verified and imported before without reading
it all. That shortcut used to trust the manifest's unsigned `bundle_id` and the
file size, or the file's name, size and modification time, all of which anyone
can copy: a decoy made to match next week's correction, imported first, made
the real correction be skipped unread, silently. Now "already imported" means
the SHA-256 of the exact manifest bytes of a bundle that was fully verified
and imported (the manifest names every entry's SHA-256); size is only a
pre-filter that decides whether reading the manifest is worth it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from bundles.archive import ZipWriter
from bundles.article import ArticlePayload, FileRef
from bundles.manifest import MANIFEST_ENTRY, MIMETYPE, MIMETYPE_ENTRY, Manifest, ManifestEntry
from reader import FileStatus, Library
from reader.importer import FileResult
from tests.factory import CREATED, article_entries, draft, make_bundle, png, publisher
from tests.reader.conftest import tree

KEY = publisher("Weekly News", seed=51)
ATTACKER = publisher("Stranger", seed=52)
DATA = Path(__file__).resolve().parents[1] / "reader" / "data"
# An entry name that fits the layout but is in no manifest: ignored with a warning.
PADDING = "blobs/sha256/" + "0" * 64



def import_one(root: Path, path: Path) -> FileResult:
    with Library.open(root) as library:
        [result] = library.import_paths([path]).files
        return result


def current_title(root: Path, article_id: str) -> str:
    with Library.open(root, readonly=True) as library:
        [row] = [r for r in library.articles.rows() if r.article_id == article_id]
        return row.title


def manifest_of(path: Path) -> tuple[str, int]:
    from bundles.bundle import Bundle

    with Bundle.open(path) as bundle:
        return bundle.manifest.bundle_id, path.stat().st_size


def decoy(path: Path, *, bundle_id: str, size: int) -> Path:
    """A valid bundle of the attacker's own article, with no packer statement (so its
    `bundle_id` is whatever the attacker wrote), padded to exactly `size` bytes by an
    unlisted entry."""
    html = b"<p>Nothing to see here.</p>"
    digest = hashlib.sha256(html).hexdigest()
    payload = ArticlePayload(ATTACKER.publisher_id, "x1", 1, "en", "Decoy", digest,
                             (FileRef(digest, len(html), "text/html", "body"),)).to_bytes()
    entries = article_entries(ATTACKER, payload, article_id="x1", blobs={digest: html})
    listed = tuple(ManifestEntry(n, len(d), hashlib.sha256(d).hexdigest())
                   for n, d in entries.items())
    manifest = Manifest(bundle_id=bundle_id, title="", created=CREATED, entries=listed)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = ZipWriter(path)
    writer.add(MIMETYPE_ENTRY, MIMETYPE, compress=False)
    writer.add(MANIFEST_ENTRY, manifest.to_bytes(), compress=True)
    for name, data in entries.items():
        writer.add(name, data, compress=True)
    padding = size - writer.size_so_far - ZipWriter.entry_overhead(PADDING)
    assert padding >= 0, "the real bundle must be larger than the decoy"
    writer.add(PADDING, b"\0" * padding, compress=False)
    writer.close()
    assert path.stat().st_size == size
    return path


def assert_decoy_does_not_bury(root: Path, fake: Path, correction: Path) -> None:
    """The decoy is imported first (it is a valid bundle), then the real correction
    is read, verified and imported: the article shows the corrected version."""
    assert import_one(root, fake).status == FileStatus.IMPORTED
    result = import_one(root, correction)
    assert (result.status, result.updated) == (FileStatus.IMPORTED, 1)
    assert current_title(root, "w1") == "The story, corrected"


@pytest.fixture
def weekly(tmp_path: Path) -> tuple[Path, Path]:
    """A library holding this week's article, and next week's correction of it."""
    root = tmp_path / "library"
    week = make_bundle(tmp_path / "week43.satchel", KEY, [draft("w1", title="The story")])
    with Library.open(root) as library:
        library.import_paths([week])
    (tmp_path / "real").mkdir()
    correction = make_bundle(
        tmp_path / "real" / "week44.satchel", KEY,
        [draft("w1", title="The story, corrected", version=2, status="corrected",
               images={"photo.png": png(64, 64, noise=44)})])
    return root, correction


def test_decoy_with_the_real_bundles_id_and_size_does_not_bury_it(
    weekly: tuple[Path, Path], tmp_path: Path
) -> None:
    root, correction = weekly
    bundle_id, size = manifest_of(correction)
    fake = decoy(tmp_path / "decoy" / "week44.satchel", bundle_id=bundle_id, size=size)
    assert manifest_of(fake) == (bundle_id, size)
    assert_decoy_does_not_bury(root, fake, correction)


def test_decoy_with_the_real_bundles_name_size_and_mtime_does_not_bury_it(
    weekly: tuple[Path, Path], tmp_path: Path
) -> None:
    root, correction = weekly
    _, size = manifest_of(correction)
    fake = decoy(tmp_path / "decoy" / correction.name, bundle_id="ee" * 16, size=size)
    stat = correction.stat()
    os.utime(fake, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (fake.name, fake.stat().st_size, fake.stat().st_mtime_ns) == \
        (correction.name, size, stat.st_mtime_ns)
    assert_decoy_does_not_bury(root, fake, correction)


def test_the_same_bundle_again_is_recognised_by_its_manifest_and_changes_nothing(
    weekly: tuple[Path, Path], tmp_path: Path
) -> None:
    root, correction = weekly
    import_one(root, correction)
    copy = tmp_path / "elsewhere" / "renamed.satchel"
    copy.parent.mkdir()
    shutil.copyfile(correction, copy)
    os.utime(copy, ns=(0, 0))  # another name, another time: the same verified content
    before = tree(root)
    result = import_one(root, copy)
    assert result.status == FileStatus.ALREADY_HAD
    assert result.reason.startswith("already imported on ")
    assert tree(root) == before


def test_garbage_of_a_known_bundles_size_is_read_and_rejected_not_skipped(
    weekly: tuple[Path, Path], tmp_path: Path
) -> None:
    root, correction = weekly
    import_one(root, correction)
    junk = tmp_path / "junk" / correction.name
    junk.parent.mkdir()
    junk.write_bytes(b"\0" * correction.stat().st_size)
    stat = correction.stat()
    os.utime(junk, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    before = tree(root)
    result = import_one(root, junk)
    assert (result.status, result.error_type) == (FileStatus.REJECTED, "ArchiveError")
    assert result.reason.startswith(f"{junk}: ")
    assert tree(root) == before


# -- libraries made before the digest was recorded ------------------------------------


def old_library(tmp_path: Path) -> Path:
    """A library made by Satchel at schema version 1 (tests/reader/data/library-v1.sql)."""
    root = tmp_path / "old-library"
    root.mkdir()
    conn = sqlite3.connect(root / "library.sqlite3")
    conn.executescript((DATA / "library-v1.sql").read_text(encoding="utf-8"))
    conn.close()
    return root


def test_rows_recorded_before_the_digest_never_short_cut(tmp_path: Path) -> None:
    root = old_library(tmp_path)
    week43 = tmp_path / "week43.satchel"
    shutil.copy2(DATA / "week43.satchel", week43)
    with Library.open(root) as library:
        [old] = library.bundles.list()
    assert (old.bundle_id, old.file_size, old.file_name) == \
        (manifest_of(week43)[0], week43.stat().st_size, week43.name)
    first = import_one(root, week43)
    assert (first.status, first.reason) == (
        FileStatus.NOTHING_NEW, "the library already had everything in it")
    assert import_one(root, week43).status == FileStatus.ALREADY_HAD


def test_decoy_matching_a_row_recorded_before_the_digest_is_imported(tmp_path: Path) -> None:
    root = old_library(tmp_path)
    with Library.open(root) as library:
        [old] = library.bundles.list()
    fake = decoy(tmp_path / "decoy" / old.file_name, bundle_id=old.bundle_id,
                 size=old.file_size)
    result = import_one(root, fake)
    assert result.status == FileStatus.IMPORTED
    with Library.open(root) as library:
        assert sorted(r.article_id for r in library.articles.rows()) == ["w43", "x1"]
        assert library.check(repair=False).ok
