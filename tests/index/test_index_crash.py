"""Killing the indexing process mid-commit never leaves an index that lies.

A child process indexes; it is killed with SIGKILL, either at a named point
of the commit (`SATCHEL_FAULT=index-<point>`, `bundles.faults`) or at a
random moment of a loop of commits. Afterwards the index must open with every
document it had committed, or say it needs a rebuild; after a rebuild every
document is found again.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bundles.faults import ENV_VAR as CRASH_ENV
from index import Index, IndexDocument
from index.store import PARALLEL_MIN

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

REPO = Path(__file__).resolve().parents[2]

CHILD = """
import sys
from datetime import UTC, datetime
from pathlib import Path
sys.path.insert(0, {repo!r})
from index import Index, IndexDocument

def doc(n):
    return IndexDocument(key=f"p/{{n}}", publisher="p", publisher_name="P", article_id=str(n),
                         version=1, language="en", title=f"Article {{n}}", byline="",
                         summary="", body_text=f"unique{{n}} shared text " * 20,
                         issued=datetime(2024, 1, 1, tzinfo=UTC))

mode, path, start, stop, step = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])
if mode.endswith("-threaded"):  # as in the desktop app: another thread runs
    import threading, time
    threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
    mode = mode.removesuffix("-threaded")
index = Index.open(Path(path), procs=2)
if mode == "bulk":  # one update large enough for worker processes
    from index import IndexWorkerError
    try:
        index.update([doc(n) for n in range(start, stop)], [])
    except IndexWorkerError as exc:
        print("IndexWorkerError", exc.message, flush=True)
    else:
        print("updated", flush=True)
elif mode == "rebuild":
    print("ready", flush=True)
    index.rebuild((doc(n) for n in range(start, stop)), procs=2)
else:
    for first in range(start, stop, step):
        index.update([doc(n) for n in range(first, first + step)], [])
        print(first + step, flush=True)  # every key below this is committed
"""


def doc(n: int) -> IndexDocument:
    return IndexDocument(key=f"p/{n}", publisher="p", publisher_name="P", article_id=str(n),
                         version=1, language="en", title=f"Article {n}", byline="",
                         summary="", body_text=f"unique{n} shared text " * 20,
                         issued=datetime(2024, 1, 1, tzinfo=UTC))


def child(mode: str, path: Path, start: int, stop: int, step: int,
          crash_at: str | None = None) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != CRASH_ENV}
    if crash_at:
        env[CRASH_ENV] = f"index-{crash_at}"
    return subprocess.Popen(
        [sys.executable, "-c", CHILD.format(repo=str(REPO)), mode, str(path),
         str(start), str(stop), str(step)],
        stdout=subprocess.PIPE, text=True, env=env)


def check_after_crash(path: Path, committed: int, attempted: int) -> str:
    """The index has docs 0..committed-1 (and maybe up to attempted-1), or it
    says it needs a rebuild; either way, afterwards every document is found."""
    with Index.open(path) as index:
        if index.needs_rebuild:
            outcome = "rebuild"
            index.rebuild((doc(n) for n in range(attempted)), procs=1)
            expected = attempted
        else:
            keys = index.keys_versions()
            assert {f"p/{n}" for n in range(committed)} <= set(keys)
            assert set(keys) <= {f"p/{n}" for n in range(attempted)}
            expected = len(keys)
            outcome = "kept" if expected == committed else "landed"
        assert index.search("shared").total == expected
        for n in range(expected):
            assert index.search(f"unique{n}").total == 1, n
    return outcome


@pytest.fixture()
def index_path(tmp_path: Path) -> Path:
    path = tmp_path / "index"
    with Index.open(path) as index:
        index.update([doc(n) for n in range(10)], [])
    return path


@pytest.mark.slow
@pytest.mark.parametrize(("point", "outcome"), [
    ("before-commit", "kept"),  # intent recorded, nothing written
    ("before-toc", "kept"),  # segment files written, not published
    ("after-toc", "landed"),  # published; only the manifest's last word is lost
])
def test_kill_at_each_step_of_a_commit(index_path: Path, point: str, outcome: str) -> None:
    proc = child("update", index_path, 10, 30, 20, crash_at=point)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert check_after_crash(index_path, committed=10, attempted=30) == outcome


@pytest.mark.slow
def test_kill_at_random_moments_of_a_commit_loop(index_path: Path) -> None:
    rng = random.Random(20240101)
    start = 10
    for _ in range(4):
        proc = child("update", index_path, start, start + 400, 8)
        committed = start
        deadline = time.monotonic() + rng.uniform(0.2, 1.0)
        # Let it commit a few batches, then kill it wherever it is.
        assert proc.stdout is not None
        while time.monotonic() < deadline or committed == start:
            line = proc.stdout.readline()
            if not line:
                break
            committed = int(line)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        for line in proc.stdout.read().split():
            committed = int(line)  # commits reported just before the kill
        attempted = committed + 8
        check_after_crash(index_path, committed, attempted)
        with Index.open(index_path) as index:
            start = max(int(k.split("/")[1]) for k in index.keys_versions()) + 1


@pytest.mark.slow
def test_searching_while_another_process_commits(index_path: Path) -> None:
    proc = child("update", index_path, 10, 50, 4)
    seen: list[int] = []
    with Index.open(index_path) as index:
        while proc.poll() is None:
            seen.append(index.search("shared").total)  # never an exception
        assert proc.returncode == 0
        assert seen == sorted(seen) and seen[0] >= 10 and seen[-1] <= 50
        assert index.search("shared").total == 50


def _descendants(pid: int) -> dict[int, int]:
    """Every living descendant of `pid`, with its depth (1: a child)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found: dict[int, int] = {}
    frontier, depth = {pid}, 1
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found.update(dict.fromkeys(frontier, depth))
        depth += 1
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds worker processes in /proc")
@pytest.mark.parametrize(("mode", "depth"), [("rebuild", 1), ("rebuild-threaded", 2)])
def test_killed_parallel_rebuild_leaves_no_workers_and_a_flagged_index(
        index_path: Path, mode: str, depth: int) -> None:
    """Workers are the rebuilding process's children (forked from it, which
    has one thread), or the fork server's (when another thread runs), beside
    which runs multiprocessing's resource tracker: none outlives it."""
    proc = child(mode, index_path, 0, 20_000, 0)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    everyone: dict[int, int] = {}
    deadline = time.monotonic() + 30
    while sum(d == depth for d in everyone.values()) < 2 and time.monotonic() < deadline:
        everyone = _descendants(proc.pid)
        time.sleep(0.05)
    assert sum(d == depth for d in everyone.values()) >= 2, \
        "the rebuild should have started two workers"
    time.sleep(0.3)  # mid-rebuild
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in everyone) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(p) for p in everyone), "orphaned index workers or helpers"
    with Index.open(index_path) as index:
        assert index.needs_rebuild and "rebuild" in (index.rebuild_reason or "")
    check_after_crash(index_path, committed=0, attempted=10)


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["bulk", "bulk-threaded"])
def test_a_worker_killed_mid_update_fails_it_and_publishes_nothing(
        index_path: Path, mode: str) -> None:
    """A worker killed at its second batch (forked, or from the fork server
    when another thread runs): the update says so with a typed error naming
    the index, and the index keeps exactly what it had committed."""
    proc = child(mode, index_path, 10, 10 + PARALLEL_MIN + 100, 0, crash_at="worker:kill:2")
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0, out
    assert out.startswith("IndexWorkerError"), out
    assert str(index_path) in out and "died (exit code -9)" in out
    with Index.open(index_path) as index:
        assert not index.needs_rebuild
        assert sorted(index.keys_versions()) == sorted(f"p/{n}" for n in range(10))
    assert check_after_crash(index_path, committed=10, attempted=10) == "kept"


LOCK_HELD = """
import sys, threading, time
sys.path.insert(0, {repo!r})
from pathlib import Path
from index import Index, IndexDocument
from index.analysis import profile

# Another thread of the program is inside the Russian stemmer (it holds its
# lock) at the moment the rebuild starts its workers.
stemmer = profile("ru")._own
held = threading.Event()

def busy():
    with stemmer._lock:
        held.set()
        time.sleep(2)

threading.Thread(target=busy, daemon=True).start()
held.wait()
docs = [IndexDocument(key=f"p/{{n}}", publisher="p", publisher_name="P", article_id=str(n),
                      version=1, language="ru", title=f"Статья {{n}}", byline="",
                      summary="", body_text="города и сёла " * 20) for n in range(200)]
with Index.open(Path({path!r})) as index:
    index.rebuild(docs, procs=2)
    print(index.search("город").total)
"""


def test_workers_do_not_inherit_locks_other_threads_hold(tmp_path: Path) -> None:
    """A forked worker would copy the stemmer's lock, held, and wait on it
    forever (the desktop app indexes on a QThread beside others); workers
    started by the fork server (or spawned) begin with no locks held."""
    script = LOCK_HELD.format(repo=str(REPO), path=str(tmp_path / "index"))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, start_new_session=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "200"


START_METHOD = """
import sys, threading, time
sys.path.insert(0, {repo!r})
from index.writer import worker_context
print(worker_context()[0].get_start_method())
threading.Thread(target=time.sleep, args=(2,), daemon=True).start()
print(worker_context()[0].get_start_method())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_workers_are_forked_only_from_a_process_with_one_thread() -> None:
    done = subprocess.run([sys.executable, "-c", START_METHOD.format(repo=str(REPO))],
                          capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["fork", "forkserver"]
