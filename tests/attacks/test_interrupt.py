"""Ctrl+C is a clean stop everywhere (issue 13, item 9).

An interrupted `satchel import` printed a `KeyError: 'value'` traceback (the
waiting loop of `reader/commands.py` lost the worker thread: Python 3.11's
`Thread.join`, interrupted, can mark a running thread as stopped), and export,
check and index rebuild share that path. Now Ctrl+C asks the work to stop, waits
while it undoes what it had under way, prints one line and exits with 130.

Each test runs the real `satchel` in its own process group and sends SIGINT to
the whole group, as a terminal's Ctrl+C does (index worker processes included).
To land mid-way every time, the work pauses at a named fault point
(`SATCHEL_FAULT=<point>:pause:<n>`, bundles/faults.py): it writes a marker file,
the test sends SIGINT, and the work goes on only once it has been asked to stop.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader import FileStatus, Library
from tests.reader.conftest import bundle, draft, noisy_png, publisher, tree

REPO = Path(__file__).resolve().parents[2]
ARTICLES = 40
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small bundle, and a large one: 40 articles, each with an image stored as a file."""
    folder = tmp_path_factory.mktemp("interrupt")
    key = publisher("Interrupted News")
    small = bundle(folder / "a-small.satchel", key, [draft("s1")])
    large = bundle(folder / "b-large.satchel", key,
                   [draft(f"l{i}", images={"photo.png": noisy_png(seed=i)})
                    for i in range(ARTICLES)])
    return small, large


def library_with(tmp_path: Path, paths: list[Path]) -> Path:
    root = tmp_path / "library"
    with Library.open(root) as library:
        if paths:
            library.import_paths(paths)
    return root


def interrupt(tmp_path: Path, fault: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `satchel ARGS`, pausing at `fault`; send Ctrl+C there; return what it did."""
    marker = tmp_path / "paused"
    env = {**os.environ, "PYTHONPATH": str(REPO), "SATCHEL_FAULT": fault,
           "SATCHEL_FAULT_PAUSE": str(marker)}
    env.pop("SATCHEL_LIBRARY", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "reader.cli", *args], cwd=REPO, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        # Python ignores Ctrl+C if it starts with SIGINT ignored (as in a shell's
        # background job): give the CLI the terminal's default.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        while not marker.exists():
            if process.poll() is not None:
                out, err = process.communicate()
                pytest.fail(f"ended ({process.returncode}) before the pause:\n{out}\n{err}")
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def assert_one_line(done: subprocess.CompletedProcess[str], line: str) -> None:
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr == f"satchel: interrupted: {line}\n"


def test_ctrl_c_during_import_undoes_the_bundle_and_changes_no_library_file(
    tmp_path: Path, bundles: tuple[Path, Path]
) -> None:
    small, large = bundles
    root = library_with(tmp_path, [small])
    before = tree(root)
    done = interrupt(tmp_path, "source-read:pause:30", "--library", str(root), "import",
                     str(large))
    assert_one_line(done, "nothing was imported; the library is as it was")
    assert done.stdout == ""
    assert tree(root) == before


def test_ctrl_c_during_the_second_file_keeps_the_first_and_says_so(
    tmp_path: Path, bundles: tuple[Path, Path]
) -> None:
    small, large = bundles
    root = library_with(tmp_path, [])
    done = interrupt(tmp_path, "source-read:pause:30", "--library", str(root), "import",
                     str(small), str(large))
    assert_one_line(done, "1 file finished before the stop (listed above); nothing of the "
                          "rest was imported")
    assert done.stdout == "a-small.satchel: imported (1 new article)\n"
    with Library.open(root) as library:
        assert [r.article_id for r in library.articles.rows()] == ["s1"]
        assert [b.file_name for b in library.bundles.list()] == ["a-small.satchel"]
        assert library.check(repair=False).ok
        staging = library.paths.staging
        assert not staging.exists() or not any(staging.iterdir())
        assert library.import_paths([large]).files[0].status == FileStatus.IMPORTED


@pytest.mark.parametrize("how", ["repack", "copy"])
def test_ctrl_c_during_export_leaves_nothing_in_the_destination(
    tmp_path: Path, bundles: tuple[Path, Path], how: str
) -> None:
    small, large = bundles
    root = library_with(tmp_path, [small, large])
    dest = tmp_path / "stick"
    args = ["--library", str(root), "export", str(dest)]
    if how == "copy":
        args += ["--bundle", str(small), "--bundle", str(large)]
    done = interrupt(tmp_path, "export-write:pause:" + ("20" if how == "repack" else "3"), *args)
    assert_one_line(done, f"nothing was left in {dest}")
    assert done.stdout == ""
    assert not dest.exists() or list(dest.iterdir()) == []
    with Library.open(root) as library:
        assert library.check(repair=False).ok
        assert library.articles.count() == ARTICLES + 1


def test_ctrl_c_during_check_stops_it_and_the_library_stays_consistent(
    tmp_path: Path, bundles: tuple[Path, Path]
) -> None:
    root = library_with(tmp_path, list(bundles))
    before = tree(root)
    done = interrupt(tmp_path, "check-blob:pause:10", "--library", str(root), "check")
    assert_one_line(done, "the check stopped before the end; run it again to finish")
    assert done.stdout == ""
    assert tree(root) == before
    with Library.open(root) as library:
        assert library.check(repair=False).ok


def test_ctrl_c_during_index_rebuild_leaves_the_index_as_it_was(
    tmp_path: Path, bundles: tuple[Path, Path]
) -> None:
    root = library_with(tmp_path, list(bundles))
    before = tree(root)
    done = interrupt(tmp_path, "index-document:pause:10", "--library", str(root), "index",
                     "rebuild")
    assert_one_line(done, "the search index was left as it was")
    assert done.stdout == ""
    assert tree(root) == before
    with Library.open(root) as library:
        assert library.check(repair=False).ok
        assert library.search("Hello").total == ARTICLES + 1


def test_ctrl_c_while_whoosh_builds_the_new_index_leaves_it_marked_for_a_rebuild(
    tmp_path: Path, bundles: tuple[Path, Path]
) -> None:
    root = library_with(tmp_path, list(bundles))
    done = interrupt(tmp_path, "index-build:pause:20", "--library", str(root), "index",
                     "rebuild")
    assert_one_line(done, "the search index is incomplete; run `satchel index rebuild` again "
                          "(or it is rebuilt the next time the library opens)")
    assert done.stdout == ""
    with Library.open(root, reconcile_index=False) as library:
        [problem] = library.check(repair=False).problems  # it says so, until rebuilt
        assert problem.area == "index" and "needs a rebuild" in problem.message
    with Library.open(root) as library:  # a writable open rebuilds it
        assert library.check(repair=False).ok
        assert library.search("Hello").total == ARTICLES + 1
