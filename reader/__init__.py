"""Satchel application core: library, import/export, trust, drives. No Qt.

Start with `reader.Library.open(path)`; see `reader.library` for the areas.
"""

from .articles import ArticleFilter, ArticleRow, ArticleView
from .changes import Changes
from .check import CheckReport
from .importer import FileResult, FileStatus, ImportSummary
from .library import Library, SearchHit, SearchResults, open_library
from .progress import CancelToken, Progress, ProgressSnapshot
from .trust import PublisherInfo, TrustState

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
    "SearchHit",
    "SearchResults",
    "TrustState",
    "open_library",
]
