"""Passing on: re-pack, copy, read back, and send only what the other side lacks."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bundles.bundle import Bundle
from reader import ArticleFilter, FileStatus, Library
from tests.reader.conftest import bundle, draft, noisy_png, publisher


@pytest.fixture
def source(library: Library, tmp_path: Path) -> Library:
    one, two = publisher("One"), publisher("Two")
    library.import_paths([
        bundle(tmp_path / "one.satchel", one,
               [draft("a1", images={"photo.png": noisy_png(seed=1)}), draft("a2")]),
        bundle(tmp_path / "one-v2.satchel", one, [draft("a1", version=2, title="Fixed",
                                                        images={"photo.png": noisy_png(seed=1)})]),
        bundle(tmp_path / "two.satchel", two, [draft("b1", language="fa", tags=("sport",),
                                                 images={"photo.png": noisy_png(seed=2)})]),
    ])
    return library


def _envelopes(library: Library) -> set[str]:
    return {a["envelope_sha256"] for a in library.have()["articles"]}


def test_repack_then_import_keeps_every_publisher_and_signature(
    source: Library, tmp_path: Path
) -> None:
    ids, skipped = source.export.select(include_history=True)
    assert skipped == 0 and len(ids) == 4
    result = source.export.repack(tmp_path / "stick", ids, name="for-a-friend")
    assert result.safe_to_remove and result.articles == 4
    [written] = result.files
    with Bundle.open(written.path) as opened:
        # Signed by this library's own packer key, every article signature intact.
        assert opened.packer is not None
        assert opened.packer.publisher_id == source.packer_key().publisher_id
        assert {a.envelope for a in opened.articles} == {
            source.articles.envelope(v) for v in ids}
    with Library.open(tmp_path / "friend") as friend:
        assert friend.import_paths([written.path]).files[0].status == FileStatus.IMPORTED
        assert _envelopes(friend) == _envelopes(source)
        names = {p.name for p in friend.trust.list()}
        assert {"One", "Two"} <= names
        [fixed] = [r for r in source.articles.rows() if r.article_id == "a1"]
        assert friend.articles.row(fixed.key).title == "Fixed"
        assert friend.check(repair=False).ok


def test_selection_by_filter(source: Library) -> None:
    ids, _ = source.export.select(ArticleFilter(languages=("fa",)))
    assert len(ids) == 1
    ids, _ = source.export.select()  # current versions only
    assert len(ids) == 3


def test_corrupted_byte_on_the_destination_is_caught_by_the_read_back(
    source: Library, tmp_path: Path
) -> None:
    ids, _ = source.export.select()
    result = source.export.repack(tmp_path / "stick", ids, verify=False)
    [written] = result.files
    data = bytearray(Path(written.path).read_bytes())
    image = noisy_png(seed=1)
    data[data.index(image[4000:4032]) + 9] ^= 0x04
    Path(written.path).write_bytes(bytes(data))
    checked = source.export.verify(result.files)
    assert not checked.safe_to_remove
    assert "differs from what was written" in checked.files[0].error


def test_copy_of_an_original_bundle_is_verified_byte_for_byte(
    library: Library, tmp_path: Path
) -> None:
    original = bundle(tmp_path / "orig.satchel", publisher(), [draft("a1")])
    written = library.export.copy([original], tmp_path / "stick")
    assert written[0].sha256 == hashlib.sha256(original.read_bytes()).hexdigest()
    assert library.export.verify(written).safe_to_remove
    # The same copy, flipped on the stick after writing: caught.
    copy = Path(written[0].path)
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    again = library.export.verify(written)
    assert not again.safe_to_remove and "differs" in again.files[0].error
    # Never overwrites: a second copy gets a new name.
    second = library.export.copy_files([original], tmp_path / "stick")
    assert second.safe_to_remove and Path(second.files[0].path).name == "orig-2.satchel"


def test_missing_from_sends_only_what_the_other_side_lacks(
    source: Library, tmp_path: Path
) -> None:
    with Library.open(tmp_path / "friend") as friend:
        # The friend already has publisher Two's article.
        partial_ids, _ = source.export.select(ArticleFilter(languages=("fa",)))
        part = source.export.repack(tmp_path / "first", partial_ids)
        friend.import_paths([f.path for f in part.files])
        have = friend.have()
        ids, skipped = source.export.select(missing_from=have)
        assert skipped == 1 and len(ids) == 2
        rest = source.export.repack(tmp_path / "second", ids)
        friend.import_paths([f.path for f in rest.files])
        # Now the friend has everything current: nothing is left to send.
        ids, skipped = source.export.select(missing_from=friend.have())
        assert ids == [] and skipped == 3


def test_parts_are_split_to_the_size_asked(source: Library, tmp_path: Path) -> None:
    ids, _ = source.export.select(include_history=True)
    result = source.export.repack(tmp_path / "stick", ids, max_part_bytes=120_000)
    assert len(result.files) >= 2 and result.safe_to_remove
    assert all(f.size <= 120_000 for f in result.files)
    with Library.open(tmp_path / "friend") as friend:
        friend.import_paths([f.path for f in result.files])
        assert _envelopes(friend) == _envelopes(source)
