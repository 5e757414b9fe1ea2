"""What a library operation changed, so the UI refreshes only that (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    """Flags per area; `keys` names the articles touched when few enough to matter."""

    articles: bool = False  # article list contents or versions
    reading: bool = False  # read state, position, bookmarks, history
    trust: bool = False  # publishers, chains, trust decisions
    bundles: bool = False  # the list of imported bundles
    index: bool = False  # search results may differ
    settings: bool = False
    keys: frozenset[str] = frozenset()

    def __or__(self, other: Changes) -> Changes:
        values = {
            f.name: getattr(self, f.name) or getattr(other, f.name)
            for f in fields(self)
            if f.name != "keys"
        }
        return Changes(**values, keys=self.keys | other.keys)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


NOTHING = Changes()
