"""Importing bundles: statuses, versions, all-or-nothing, progress and cancelling."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader import ArticleFilter, CancelToken, FileStatus, Library, Progress
from reader.errors import Cancelled
from tests.reader.conftest import bundle, draft, noisy_png, publisher, tree


def test_import_records_articles_blobs_and_provenance(library: Library, tmp_path: Path) -> None:
    key = publisher("Example News")
    path = bundle(tmp_path / "news.satchel", key,
                  [draft("a1"), draft("a2", images={"photo.png": noisy_png()})])
    summary = library.import_paths([path])
    [result] = summary.files
    assert result.status == FileStatus.IMPORTED and summary.ok
    assert (result.articles, result.new_articles) == (2, 2)
    assert result.chains == {key.publisher_id: "new"}
    assert result.line() == "news.satchel: imported (2 new articles)"
    assert summary.changes.articles and summary.changes.bundles and summary.changes.trust
    rows = library.articles.rows()
    assert {r.article_id for r in rows} == {"a1", "a2"}
    assert all(r.publisher_name == "Example News" and r.trust == "unknown" for r in rows)
    [logged] = library.bundles.list()
    assert logged.new_versions == 2 and logged.packer == key.publisher_id
    # The large image lives as a file named by its hash, the text inline.
    files = list(library.store.stored_files())
    assert len(files) == 1 and library.store.read(files[0][0]) == noisy_png()


def test_same_bundle_twice_is_a_quick_no_op(library: Library, tmp_path: Path) -> None:
    path = bundle(tmp_path / "news.satchel", publisher(), [draft("a1")])
    library.import_paths([path])
    again = library.import_paths([path]).files[0]
    assert again.status == FileStatus.ALREADY_HAD and "already imported" in again.reason
    # A copy with a new name and mtime is recognised by bundle id and size.
    copy = tmp_path / "elsewhere" / "renamed.satchel"
    copy.parent.mkdir()
    shutil.copyfile(path, copy)
    os.utime(copy, (1, 1))
    assert library.import_paths([copy]).files[0].status == FileStatus.ALREADY_HAD
    assert len(library.bundles.list()) == 1


def test_bundle_that_brings_nothing_new_says_so(library: Library, tmp_path: Path) -> None:
    key = publisher()
    library.import_paths([bundle(tmp_path / "one.satchel", key, [draft("a1")])])
    # Same article, re-packed by a relay: a different file with nothing new in it.
    relay = publisher("Relay")
    repacked = bundle(tmp_path / "two.satchel", key, [draft("a1")], packer=relay)
    result = library.import_paths([repacked]).files[0]
    assert result.status in (FileStatus.NOTHING_NEW, FileStatus.IMPORTED)
    assert result.new_articles == 0 and result.new_blobs == 0
    # The relay's chain is new to the library; a third copy then brings nothing at all.
    third = bundle(tmp_path / "three.satchel", key, [draft("a1")], packer=relay, title="x")
    third_result = library.import_paths([third]).files[0]
    assert third_result.status == FileStatus.NOTHING_NEW
    assert "already had everything" in third_result.reason


def test_folders_are_searched_recursively(library: Library, tmp_path: Path) -> None:
    key = publisher()
    (tmp_path / "stick" / "deep" / "er").mkdir(parents=True)
    bundle(tmp_path / "stick" / "one.satchel", key, [draft("a1")])
    bundle(tmp_path / "stick" / "deep" / "er" / "two.satchel", key, [draft("a2")])
    (tmp_path / "stick" / "notes.txt").write_text("not a bundle")
    summary = library.import_paths([tmp_path / "stick"])
    assert [f.status for f in summary.files] == [FileStatus.IMPORTED] * 2
    assert library.articles.count() == 2


def test_tampered_bundle_is_rejected_and_leaves_the_library_as_it_was(
    library: Library, tmp_path: Path
) -> None:
    key = publisher()
    good = bundle(tmp_path / "good.satchel", key, [draft("a1")])
    library.import_paths([good])
    before = tree(library.paths.root)
    image = noisy_png(seed=5)
    bad = bundle(tmp_path / "bad.satchel", key, [draft("a2", images={"photo.png": image})])
    data = bytearray(bad.read_bytes())
    data[data.index(image[5000:5032]) + 7] ^= 0x01  # one bit of the image, stored as is
    bad.write_bytes(bytes(data))
    summary = library.import_paths([bad, good])
    rejected = summary.files[0]
    assert rejected.status == FileStatus.REJECTED and not summary.ok
    assert "bad.satchel" in rejected.reason and "\n" not in rejected.reason
    assert summary.files[1].status == FileStatus.ALREADY_HAD
    library.catalog.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert library.articles.count() == 1
    assert library.check(repair=False).ok
    after = tree(library.paths.root)
    assert {k for k in after if not k.endswith(("-wal", "-shm"))} == \
        {k for k in before if not k.endswith(("-wal", "-shm"))}


def test_unreadable_file_is_reported_not_raised(library: Library, tmp_path: Path) -> None:
    summary = library.import_paths([tmp_path / "gone.satchel"])
    assert summary.files[0].status == FileStatus.UNREADABLE
    assert "gone.satchel" in summary.files[0].reason


@pytest.mark.parametrize("order", ["v1 first", "v2 first"])
def test_newer_version_wins_in_either_order(library: Library, tmp_path: Path, order: str) -> None:
    key = publisher()
    v1 = bundle(tmp_path / "v1.satchel", key, [draft("a1", title="First", version=1)])
    v2 = bundle(tmp_path / "v2.satchel", key,
                [draft("a1", title="Corrected", version=2, status="corrected")])
    paths = [v1, v2] if order == "v1 first" else [v2, v1]
    results = library.import_paths(paths).files
    [row] = library.articles.rows()
    assert (row.version, row.title) == (2, "Corrected")
    view = library.articles.open(row.id)
    assert view.current and [v.version for v in view.versions] == [2, 1]
    older = library.articles.open(row.id, version=view.versions[1].id)
    assert not older.current and older.superseded_by == 2
    if order == "v2 first":
        assert results[1].history == 1  # the older one is kept as history only


def test_same_version_with_different_content_is_a_conflict(
    library: Library, tmp_path: Path
) -> None:
    key = publisher()
    one = bundle(tmp_path / "one.satchel", key, [draft("a1", title="One story")])
    other = bundle(tmp_path / "other.satchel", key, [draft("a1", title="Another story")])
    library.import_paths([one])
    result = library.import_paths([other]).files[0]
    assert result.conflicts == [f"{key.publisher_id}/a1"]
    assert any("neither is shown as current" in w for w in result.warnings)
    [row] = library.articles.rows()
    assert row.conflict
    view = library.articles.open(row.id)
    assert view.conflict and not view.current and len(view.conflicts) == 2
    assert "conflicting versions" in " ".join(view.notices)
    assert library.articles.count(ArticleFilter(conflicts=True)) == 1
    # A newer version resolves it.
    v2 = bundle(tmp_path / "v2.satchel", key, [draft("a1", title="Settled", version=2)])
    library.import_paths([v2])
    [row] = library.articles.rows()
    assert (row.title, row.conflict) == ("Settled", False)


def test_progress_is_reported_and_cancel_leaves_nothing(library: Library, tmp_path: Path) -> None:
    key = publisher()
    first = bundle(tmp_path / "a.satchel", key, [draft("a1")])
    second = bundle(tmp_path / "b.satchel", key,
                    [draft(f"b{i}", images={"photo.png": noisy_png(seed=i)}) for i in range(4)])
    progress = Progress()
    library.import_paths([first], progress=progress)
    snap = progress.snapshot()
    assert snap.files_done == 1 and snap.bytes_done == snap.bytes_total > 0 and snap.articles == 1
    token = CancelToken()
    token.cancel()
    before = tree(library.paths.root)
    with pytest.raises(Cancelled) as caught:
        library.import_paths([second], cancel_token=token)
    assert caught.value.summary.files == []  # type: ignore[attr-defined]
    assert library.articles.count() == 1
    assert {k for k in tree(library.paths.root) if not k.endswith(("-wal", "-shm"))} == \
        {k for k in before if not k.endswith(("-wal", "-shm"))}
    staging = library.paths.staging
    assert not staging.exists() or not any(staging.iterdir())


def test_cancel_during_reading_rolls_the_bundle_back(library: Library, tmp_path: Path) -> None:
    key = publisher()
    path = bundle(tmp_path / "b.satchel", key,
                  [draft(f"b{i}", images={"photo.png": noisy_png(seed=i)}) for i in range(4)])

    class CancelMidway(Progress):
        def update(self, **fields: object) -> None:
            super().update(**fields)
            done = fields.get("bytes_done")
            if isinstance(done, int) and done > path.stat().st_size // 2:
                self.cancel()

    with pytest.raises(Cancelled):
        library.import_paths([path], progress=CancelMidway())
    assert library.articles.count() == 0 and library.bundles.list() == []
    assert list(library.store.stored_files()) == []
    assert library.check(repair=False).ok


def test_read_only_library_sees_imports_and_refuses_writes(tmp_path: Path) -> None:
    root = tmp_path / "library"
    with Library.open(root) as writer:
        writer.import_paths([bundle(tmp_path / "a.satchel", publisher(), [draft("a1")])])
        with Library.open(root, readonly=True) as reader:
            assert reader.articles.count() == 1
            with pytest.raises(Exception, match="read-only"):
                reader.import_paths([tmp_path / "a.satchel"])


def test_cancel_after_blobs_reached_the_store_removes_them(
    library: Library, tmp_path: Path
) -> None:
    path = bundle(tmp_path / "b.satchel", publisher(),
                  [draft("b1", images={"photo.png": noisy_png(seed=9)})])

    class CancelWhileStoring(Progress):
        def update(self, **fields: object) -> None:
            super().update(**fields)
            if fields.get("stage") == "storing":
                self.cancel()

    with pytest.raises(Cancelled):
        library.import_paths([path], progress=CancelWhileStoring())
    assert list(library.store.stored_files()) == []
    assert library.articles.count() == 0 and library.check(repair=False).ok
