"""Changing the library from the desktop reader (Anki's `aqt/operations`).

Each operation is a small function: it takes the session, plain data read
from the widgets before it starts (ids, never widgets), and the part that
asked (`initiator`); it runs one library call on the worker and announces
the `Changes` the library returned through `Session.notify`, so every part
refreshes what it shows, and the initiator can skip what it already did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.changes import Changes
    from reader.records import TrustState
    from reader.removal import Removal
    from reader.trust import ResetResult

    from .session import Session
    from .source import ArticleKey, ListQuery


def set_read(session: Session, key: ArticleKey, read: bool, initiator: object) -> None:
    session.call("set_read", key, read,
                 success=lambda changes: session.notify(changes, initiator))


def set_bookmark(session: Session, key: ArticleKey, on: bool, initiator: object) -> None:
    session.call("set_bookmark", key, on,
                 success=lambda changes: session.notify(changes, initiator))


def record_opened(session: Session, key: ArticleKey) -> None:
    """The reading history (nothing shows it yet: no announcement)."""
    library = session.library
    if library is not None:
        session.run(lambda: library.record_opened(key), lambda _r: None, lambda _e: None)


def set_trust(session: Session, publisher_id: str, trust: TrustState,
              initiator: object = None) -> None:
    session.call("set_trust", publisher_id, trust,
                 success=lambda changes: session.notify(changes, initiator))


def reset_publisher(session: Session, publisher_id: str, initiator: object,
                    done: Callable[[ResetResult], None]) -> None:
    """Start a publisher over after a key history conflict: its articles hide."""

    def reset(result: ResetResult) -> None:
        done(result)
        session.notify(result.changes, initiator)

    session.call("reset_publisher", publisher_id, success=reset)


def plan_removal(session: Session, query: ListQuery, ask: Callable[[Removal], None]) -> None:
    """What removing a sidebar entry (a bundle or a publisher) would take away."""
    session.call("plan_removal", query.section, query.value, success=ask)


def remove(session: Session, query: ListQuery, block: bool, initiator: object,
           done: Callable[[Removal], None]) -> None:
    def removed(result: tuple[Removal, Changes]) -> None:
        removal, changes = result
        done(removal)
        session.notify(changes, initiator)

    session.call("remove", query.section, query.value, block, success=removed)
