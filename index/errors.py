"""Typed errors of the full-text index, each with a one-line message.

The index is derived data: every problem with it is solved by a rebuild, and
the messages say so. They share `bundles.errors.SatchelError` as their root so
the command line and the UI show them the same way as every other error.
"""

from __future__ import annotations

from bundles.errors import SatchelError


class SearchIndexError(SatchelError):
    """Root of the index's errors (not Python's built-in IndexError)."""

    hint = "The search index can be rebuilt from the library at any time: satchel index rebuild."


class IndexNeedsRebuildError(SearchIndexError):
    """The index is from another analyzer version, damaged, or half written."""


class IndexLockedError(SearchIndexError):
    """Another process is writing the index and did not finish in time."""

    hint = "Another Satchel window or command is updating the index; try again when it is done."


class IndexWorkerError(SearchIndexError):
    """An indexing worker process died or failed; nothing it wrote was published."""


class QueryError(SearchIndexError):
    """The search box text cannot be searched as typed; the message says why."""

    hint = ""
