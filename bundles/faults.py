"""Named fault points, so tests can crash or break a process at exact steps.

The one fault-injection mechanism of every layer: the library's steps
(`reader`) and the index's commit (`index.store`) call `hit(<point>)`; it
lives here, in the layer below both, and imports nothing of ours.

`SATCHEL_FAULT=<point>[:<action>[:<n>]]` makes the n-th (default first) pass
through `hit(<point>)` do `<action>`:

- `kill` (default): SIGKILL this process, the closest thing to a power cut;
- `enospc` / `eio`: raise `OSError` as a full disk or a pulled stick would;
- `truncate`: cut the file given to `hit` to half its size, as a stick pulled
  mid-read leaves it, and go on;
- `error`: raise `RuntimeError("fault at <point>")`, an error nobody planned
  for (a bug), which must cost only the file or the step under way;
- `pause`: write this process's id to the file named by `SATCHEL_FAULT_PAUSE`,
  then wait until the work is asked to stop (points that pass `cancelled`),
  so a test can press Ctrl+C at an exact step of real work.

Unset, each point costs one comparison. Points are named where they are
called (reader: importer.py, store.py, export.py, check.py, indexing.py,
removal.py; index/store.py: `index-before-commit`, `index-before-toc`,
`index-after-toc`); the fault tests (tests/reader/test_faults.py,
tests/index/test_index_crash.py, tests/attacks/) list them.
"""

from __future__ import annotations

import errno
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

ENV_VAR = "SATCHEL_FAULT"
PAUSE_VAR = "SATCHEL_FAULT_PAUSE"
PAUSE_LIMIT = 300.0  # seconds: a pause nobody ends fails instead of hanging a test run
_counts: dict[str, int] = {}
# Read once: points are passed per bundle entry, and os.environ lookups are not free.
_spec = os.environ.get(ENV_VAR)


def reset() -> None:
    """Re-read the variable and forget how often each point was passed (in-process tests)."""
    global _spec
    _spec = os.environ.get(ENV_VAR)
    _counts.clear()


def hit(point: str, *, path: Path | None = None,
        cancelled: Callable[[], bool] | None = None) -> None:
    spec = _spec
    if not spec:
        return
    name, _, rest = spec.partition(":")
    if name != point:
        return
    action, _, nth = rest.partition(":")
    _counts[point] = _counts.get(point, 0) + 1
    if _counts[point] != (int(nth) if nth else 1):
        return
    if action in ("", "kill"):
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "enospc":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path or point))
    elif action == "eio":
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(path or point))
    elif action == "error":
        raise RuntimeError(f"fault at {point}")
    elif action == "pause" and cancelled is not None:
        _pause(point, cancelled)
    elif action == "truncate" and path is not None:
        size = path.stat().st_size
        os.truncate(path, size // 2)
    else:
        raise RuntimeError(f"unknown fault action {action!r} in {ENV_VAR}")


def _pause(point: str, cancelled: Callable[[], bool]) -> None:
    marker = os.environ.get(PAUSE_VAR)
    if not marker:
        raise RuntimeError(f"{ENV_VAR} pauses at {point}, but {PAUSE_VAR} names no file")
    Path(marker).write_text(str(os.getpid()), encoding="ascii")
    waited = 0.0
    while not cancelled():
        if waited > PAUSE_LIMIT:
            raise RuntimeError(f"paused at {point} and nobody asked the work to stop")
        time.sleep(0.01)
        waited += 0.01
