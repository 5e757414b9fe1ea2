"""Reading state, bookmarks and trust: asked of the caller, never indexed.

They change far more often than articles do (every article opened marks it
read), so the index does not hold them. A search that filters on them asks
the caller's `StateFilter` for the matching keys or publishers and turns them
into document numbers with a per-generation key map.
"""

from __future__ import annotations

from typing import Protocol

from index.errors import QueryError
from index.query import SearchFilters
from index.reading import SearchContext

READ, BOOKMARKED, TRUST = "read", "bookmarked", "trust"
YES = "yes"


class StateFilter(Protocol):
    """What the library knows and the index does not."""

    def keys_matching(self, name: str, value: str) -> frozenset[str]:
        """Keys ("<publisher>/<article_id>") whose `name` is `value`:
        ("read", "yes") and ("bookmarked", "yes")."""
        ...

    def publishers_matching(self, name: str, value: str) -> frozenset[str]:
        """Publisher ids whose `name` is `value`: ("trust", "trusted"),
        ("trust", "unknown"), ... as the library names its trust levels."""
        ...


def _docnums(ctx: SearchContext, keys: frozenset[str]) -> frozenset[int]:
    return ctx.key_map().docnums(keys)


def state_sets(ctx: SearchContext, filters: SearchFilters,
               state: StateFilter | None) -> tuple[list[frozenset[int]], list[frozenset[int]]]:
    """(sets a result must be in, sets it must not be in) for the state filters."""
    if not filters.needs_state():
        return [], []
    if state is None:
        raise QueryError("is: and trust: filters need the library's reading state; "
                         "search from the reader, not from the bare index")
    within: list[frozenset[int]] = []
    outside: list[frozenset[int]] = []
    for name, flag in ((READ, filters.read), (BOOKMARKED, filters.bookmarked)):
        if flag is not None:
            docs = _docnums(ctx, state.keys_matching(name, YES))
            (within if flag else outside).append(docs)
    if filters.trust:
        publishers: set[str] = set()
        for level in filters.trust:
            publishers |= state.publishers_matching(TRUST, level)
        # The reader's usual filter is every publisher but the blocked: the
        # articles to leave out are then far fewer than those to keep.
        indexed = ctx.memo("#publisher-ids", lambda: frozenset(ctx.lexicon("publisher")))
        chosen, others = indexed & publishers, indexed - publishers
        if len(others) < len(chosen):
            outside.append(ctx.docs(("#publishers", others), lambda: frozenset().union(
                *(ctx.docset("publisher", p) for p in others))))
        else:
            within.append(ctx.docs(("#publishers", chosen), lambda: frozenset().union(
                *(ctx.docset("publisher", p) for p in chosen))))
    return within, outside
