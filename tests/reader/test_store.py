"""The store keeps each blob once, notices bit rot, and collects garbage."""

from __future__ import annotations

from pathlib import Path

from reader import Library
from reader.store import INLINE_MAX
from tests.reader.conftest import bundle, draft, noisy_png, publisher


def test_each_blob_is_kept_once_however_many_bundles_bring_it(
    library: Library, tmp_path: Path
) -> None:
    key = publisher()
    image = noisy_png(seed=3)
    assert len(image) > INLINE_MAX
    library.import_paths([
        bundle(tmp_path / f"b{i}.satchel", key, [draft(f"a{i}", images={"photo.png": image})])
        for i in range(3)
    ])
    assert len(list(library.store.stored_files())) == 1
    assert library.catalog.scalar("SELECT count(*) FROM blobs WHERE in_file = 1") == 1
    # The three bodies differ (each names its article) and are inline rows.
    assert library.catalog.scalar("SELECT count(*) FROM blob_data") == 3


def test_bit_rot_is_found_quarantined_and_healed_by_reimport(
    library: Library, tmp_path: Path
) -> None:
    key = publisher()
    path = bundle(tmp_path / "b.satchel", key, [draft("a1", images={"photo.png": noisy_png()})])
    library.import_paths([path])
    [(name, stored)] = library.store.stored_files()
    data = bytearray(stored.read_bytes())
    data[100] ^= 0x01
    stored.write_bytes(bytes(data))
    report = library.check(repair=False)
    assert not report.ok and any("damaged" in p.message for p in report.problems)
    report = library.check(repair=True)
    assert not report.ok  # only a bundle that carries the blob can restore it
    assert any(f"lacks blob {name[:16]}" in p.message for p in report.unrepaired)
    assert (library.paths.quarantine / name).exists()
    # Re-importing the bundle (from another copy, so it is not skipped) heals it.
    copy = tmp_path / "again.satchel"
    bundle(copy, key, [draft("a1", images={"photo.png": noisy_png()})], title="again")
    library.import_paths([copy])
    assert library.check(repair=False).ok
    assert library.store.read(name) == noisy_png()


def test_damaged_inline_blob_and_envelope_are_reported(library: Library, tmp_path: Path) -> None:
    library.import_paths([bundle(tmp_path / "b.satchel", publisher(), [draft("a1")])])
    with library.catalog.transaction() as conn:
        conn.execute("UPDATE blob_data SET data = CAST('rotten' AS BLOB)")
        conn.execute("UPDATE envelopes SET data = CAST('{}' AS BLOB)")
    problems = library.check(repair=False).problems
    assert any(p.area == "store" and "damaged" in p.message for p in problems)
    assert any("signed envelope" in p.message for p in problems)


def test_garbage_is_collected_at_open_and_by_check(tmp_path: Path) -> None:
    root = tmp_path / "library"
    with Library.open(root) as library:
        library.import_paths([bundle(tmp_path / "b.satchel", publisher(),
                                     [draft("a1", images={"photo.png": noisy_png()})])])
        stray = library.store.file_path("ab" * 32)
        stray.parent.mkdir(parents=True, exist_ok=True)
        stray.write_bytes(b"left by a crash")
        leftover = library.paths.staging / "deadbeef" / ("cd" * 32)
        leftover.parent.mkdir(parents=True)
        leftover.write_bytes(b"half an import")
        report = library.check(repair=False)
        assert len(report.unrepaired) == 2
        report = library.check(repair=True)
        assert report.ok and report.garbage_files == 2
        assert not stray.exists() and not leftover.exists()
        # What a crash between renaming blobs into the store and the commit leaves.
        stray.write_bytes(b"again")
        leftover.parent.mkdir()
    with Library.open(root) as library:
        assert not stray.exists() and not leftover.parent.exists()
        assert library.check(repair=False).ok


def test_check_recomputes_a_wrong_high_water_mark(library: Library, tmp_path: Path) -> None:
    key = publisher()
    library.import_paths([bundle(tmp_path / "v1.satchel", key, [draft("a1")]),
                          bundle(tmp_path / "v2.satchel", key, [draft("a1", version=2)])])
    with library.catalog.transaction() as conn:
        conn.execute("UPDATE articles SET current = (SELECT min(id) FROM versions), "
                     "shown = (SELECT min(id) FROM versions), high_version = 1")
    report = library.check(repair=True)
    assert report.ok and any(p.repaired and p.area == "catalog" for p in report.problems)
    assert library.articles.rows()[0].version == 2
