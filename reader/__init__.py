"""Satchel application core: library, import/export, trust, drives. No Qt.

Start with `reader.Library.open(path)`; see `reader.library` for the areas.
Names are imported on first use, so `import reader.errors` (or the desktop
app's first paint) does not pay for the whole core.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_EXPORTS = {
    "ArticleFilter": "records",
    "ArticleRow": "records",
    "ArticleView": "records",
    "CancelToken": "progress",
    "Changes": "changes",
    "CheckReport": "check",
    "FileResult": "records",
    "FileStatus": "records",
    "ImportSummary": "records",
    "Library": "library",
    "Progress": "progress",
    "ProgressSnapshot": "progress",
    "PublisherInfo": "trust",
    "TrustState": "records",
    "open_library": "library",
}

__all__ = [
    "ArticleFilter",
    "ArticleRow",
    "ArticleView",
    "CancelToken",
    "Changes",
    "CheckReport",
    "FileResult",
    "FileStatus",
    "ImportSummary",
    "Library",
    "Progress",
    "ProgressSnapshot",
    "PublisherInfo",
    "TrustState",
    "open_library",
]

if TYPE_CHECKING:
    from .changes import Changes
    from .check import CheckReport
    from .library import Library, open_library
    from .progress import CancelToken, Progress, ProgressSnapshot
    from .records import (
        ArticleFilter,
        ArticleRow,
        ArticleView,
        FileResult,
        FileStatus,
        ImportSummary,
        TrustState,
    )
    from .trust import PublisherInfo


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'reader' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
