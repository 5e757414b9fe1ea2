"""Satchel's full-text index (Whoosh): schema, analysis, indexing, queries.

Imports nothing of ours but `bundles` types, and no Qt. The public API:

    with Index.open(library / "index") as index:
        if index.needs_rebuild:
            index.rebuild(all_documents(), procs=2)
        index.update(add=[IndexDocument(...)], remove=["<publisher>/<article_id>"])
        page = index.search("climate lang:en since:2024", body_text=text_of, state=library)
"""

from index.analysis import ANALYZER_ID, ANALYZER_VERSION
from index.document import IndexDocument
from index.errors import (
    IndexLockedError,
    IndexNeedsRebuildError,
    IndexWorkerError,
    QueryError,
    SearchIndexError,
)
from index.query import SearchFilters
from index.results import Hit, SearchPage
from index.state import StateFilter
from index.store import Index
from index.text import html_to_text

__all__ = [
    "ANALYZER_ID",
    "ANALYZER_VERSION",
    "Hit",
    "Index",
    "IndexDocument",
    "IndexLockedError",
    "IndexNeedsRebuildError",
    "IndexWorkerError",
    "QueryError",
    "SearchFilters",
    "SearchIndexError",
    "SearchPage",
    "StateFilter",
    "html_to_text",
]
