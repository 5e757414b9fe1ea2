"""Crashes, pulled sticks, full disks and power cuts during import (DESIGN.md section 5).

Each fault is injected at a named point (`bundles/faults.py`). Kills run in a
subprocess (SIGKILL, no cleanup of any kind); the library is then opened,
`check` must pass, and the library must hold all of the bundle or none of it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bundles import faults
from reader import FileStatus, Library
from reader.errors import DiskFull
from tests.reader.conftest import bundle, draft, noisy_png, publisher

REPO = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys
from reader import Library
with Library.open(sys.argv[1], reconcile_index=False) as library:
    print(library.import_paths(sys.argv[2:]).files[0].status)
"""
NEW = [f"n{i}" for i in range(4)]


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A base bundle already in the library, and a new one with file-sized images."""
    folder = tmp_path_factory.mktemp("bundles")
    key = publisher("Fault News")
    base = bundle(folder / "base.satchel", key, [draft("base")])
    new = bundle(folder / "new.satchel", key,
                 [draft(n, images={"photo.png": noisy_png(seed=i)}) for i, n in enumerate(NEW)])
    return base, new


def _library_with_base(tmp_path: Path, base: Path) -> Path:
    root = tmp_path / "library"
    with Library.open(root) as library:
        library.import_paths([base])
    return root


def _run(root: Path, path: Path, fault: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SATCHEL_FAULT": fault, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", SCRIPT, str(root), str(path)], env=env,
                          cwd=REPO, capture_output=True, text=True, timeout=120)


def _assert_all_or_nothing(root: Path) -> bool:
    """Open, check, and return whether the new bundle is (entirely) in the library."""
    with Library.open(root) as library:
        report = library.check(repair=False)
        assert report.ok, report.to_dict()
        ids = {r.article_id for r in library.articles.rows()}
        assert "base" in ids
        has_new = ids >= set(NEW)
        assert has_new or not (ids & set(NEW)), ids
        files = list(library.store.stored_files())
        if has_new:
            assert len(library.bundles.list()) == 2
            for article in NEW:
                view = library.articles.open(library.articles.rows()[0].key.split("/")[0]
                                             + f"/{article}")
                assert library.articles.blob(view.id, view.images[0].sha256).startswith(b"\x89PNG")
            assert len(files) == len(NEW)
        else:
            assert len(library.bundles.list()) == 1 and files == []
        staging = library.paths.staging
        assert not staging.exists() or not any(staging.iterdir())
        return has_new


KILL_POINTS = [
    ("transaction-open", False),
    ("source-read:kill:3", False),
    ("blob-write", False),
    ("blob-write:kill:3", False),
    ("verified", False),
    ("before-rename", False),
    ("blob-rename", False),
    ("blob-rename:kill:4", False),
    ("before-commit", False),
    ("after-commit", True),
]


@pytest.mark.slow
@pytest.mark.parametrize(("fault", "imported"), KILL_POINTS, ids=[p for p, _ in KILL_POINTS])
def test_sigkill_during_import(tmp_path: Path, bundles: tuple[Path, Path], fault: str,
                               imported: bool) -> None:
    base, new = bundles
    root = _library_with_base(tmp_path, base)
    done = _run(root, new, fault)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert _assert_all_or_nothing(root) is imported
    # And the import simply works afterwards.
    with Library.open(root) as library:
        status = library.import_paths([new]).files[0].status
        assert status == (FileStatus.ALREADY_HAD if imported else FileStatus.IMPORTED)
    assert _assert_all_or_nothing(root)


@pytest.mark.slow
@pytest.mark.parametrize("fault", ["blob-rename:kill:2", "before-commit"])
def test_power_cut_truncates_the_last_file_and_the_wal(
    tmp_path: Path, bundles: tuple[Path, Path], fault: str
) -> None:
    base, new = bundles
    root = _library_with_base(tmp_path, base)
    assert _run(root, new, fault).returncode == -signal.SIGKILL
    # What a power cut may lose: the tail of the newest file and of the WAL.
    written = [p for p in root.rglob("*") if p.is_file() and p.parent.parent.name in
               ("store", "staging")]
    newest = max(written, key=lambda p: p.stat().st_mtime_ns)
    os.truncate(newest, newest.stat().st_size // 3)
    wal = root / "library.sqlite3-wal"
    if wal.exists():
        os.truncate(wal, wal.stat().st_size // 2)
    assert _assert_all_or_nothing(root) is False


def test_full_disk_at_a_blob_write_changes_nothing(
    tmp_path: Path, bundles: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, new = bundles
    root = _library_with_base(tmp_path, base)
    monkeypatch.setenv("SATCHEL_FAULT", "blob-write:enospc:3")
    faults.reset()
    with Library.open(root) as library, pytest.raises(DiskFull) as caught:
        library.import_paths([new])
    assert "disk is full" in caught.value.message
    assert caught.value.summary.files == []  # type: ignore[attr-defined]
    monkeypatch.delenv("SATCHEL_FAULT")
    faults.reset()
    assert _assert_all_or_nothing(root) is False


def test_stick_failing_half_way_is_reported_and_changes_nothing(
    tmp_path: Path, bundles: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, new = bundles
    root = _library_with_base(tmp_path, base)
    monkeypatch.setenv("SATCHEL_FAULT", "source-read:eio:4")
    faults.reset()
    with Library.open(root) as library:
        result = library.import_paths([new]).files[0]
    assert result.status == FileStatus.UNREADABLE
    assert "Input/output error" in result.reason
    monkeypatch.delenv("SATCHEL_FAULT")
    faults.reset()
    assert _assert_all_or_nothing(root) is False


def test_stick_pulled_half_way_leaves_a_truncated_file(
    tmp_path: Path, bundles: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, new = bundles
    root = _library_with_base(tmp_path, base)
    stick = tmp_path / "stick.satchel"
    stick.write_bytes(new.read_bytes())
    monkeypatch.setenv("SATCHEL_FAULT", "source-read:truncate:3")
    faults.reset()
    with Library.open(root) as library:
        result = library.import_paths([stick]).files[0]
    assert not result.ok and str(stick) in result.reason
    assert stick.stat().st_size < new.stat().st_size
    monkeypatch.delenv("SATCHEL_FAULT")
    faults.reset()
    assert _assert_all_or_nothing(root) is False


@pytest.mark.slow
@pytest.mark.parametrize("point", ["before-toc", "after-toc"])
def test_sigkill_while_indexing_keeps_the_import_and_heals_the_index(
    tmp_path: Path, bundles: tuple[Path, Path], point: str
) -> None:
    base, new = bundles
    root = _library_with_base(tmp_path, base)
    env = {**os.environ, "SATCHEL_FAULT": f"index-{point}", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(root), str(new)], env=env,
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert _assert_all_or_nothing(root) is True  # the catalog committed before indexing
    with Library.open(root) as library:
        assert library.search("hello").total == 1 + len(NEW)
