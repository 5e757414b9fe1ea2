"""Named fault points, so tests can crash or break the library at exact steps.

`SATCHEL_FAULT=<point>[:<action>[:<n>]]` makes the n-th (default first) pass
through `hit(<point>)` do `<action>`:

- `kill` (default): SIGKILL this process, the closest thing to a power cut;
- `enospc` / `eio`: raise `OSError` as a full disk or a pulled stick would;
- `truncate`: cut the file given to `hit` to half its size, as a stick pulled
  mid-read leaves it, and go on;
- `error`: raise `RuntimeError("fault at <point>")`, an error nobody planned
  for (a bug), which must cost only the file or the step under way.

Unset, each point costs one dictionary lookup. Points are named where they are
called (importer.py, store.py); the fault tests list them.
"""

from __future__ import annotations

import errno
import os
import signal
from pathlib import Path

ENV_VAR = "SATCHEL_FAULT"
_counts: dict[str, int] = {}
# Read once: points are passed per bundle entry, and os.environ lookups are not free.
_spec = os.environ.get(ENV_VAR)


def reset() -> None:
    """Re-read the variable and forget how often each point was passed (in-process tests)."""
    global _spec
    _spec = os.environ.get(ENV_VAR)
    _counts.clear()


def hit(point: str, *, path: Path | None = None) -> None:
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
    elif action == "truncate" and path is not None:
        size = path.stat().st_size
        os.truncate(path, size // 2)
    else:
        raise RuntimeError(f"unknown fault action {action!r} in {ENV_VAR}")
