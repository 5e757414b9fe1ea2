"""Where a library lives on disk (DESIGN.md section 5).

The folder is, in order of precedence: the argument (`--library DIR`), the
`SATCHEL_LIBRARY` environment variable, the platform's user data folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

ENV_VAR = "SATCHEL_LIBRARY"
APP_NAME = "Satchel"


def library_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The library folder to use, from the argument, the environment or the platform."""
    chosen = override or os.environ.get(ENV_VAR) or platformdirs.user_data_dir(
        APP_NAME, appauthor=False
    )
    return Path(chosen).expanduser().absolute()


@dataclass(frozen=True)
class LibraryPaths:
    """Every file and folder of one library, all under `root` (one filesystem)."""

    root: Path

    @property
    def catalog(self) -> Path:
        return self.root / "library.sqlite3"

    @property
    def store(self) -> Path:
        """Blobs larger than the inline cap, as `store/ab/cdef...` (see store.py)."""
        return self.root / "store"

    @property
    def staging(self) -> Path:
        """Blobs of an import under way; same filesystem as `store`, so renames are atomic."""
        return self.root / "staging"

    @property
    def quarantine(self) -> Path:
        """Damaged blob files that `check` moved aside, kept for inspection."""
        return self.root / "quarantine"

    @property
    def index(self) -> Path:
        return self.root / "index"

    @property
    def lock(self) -> Path:
        return self.root / "library.lock"

    @property
    def backups(self) -> Path:
        """Copies of the catalog taken before each schema migration."""
        return self.root / "backups"

    @property
    def key(self) -> Path:
        """A protected library's wrapped data key (reader/vault.py); absent: unprotected."""
        return self.root / "library.key"

    @property
    def protecting(self) -> Path:
        """The protected copy being made by `satchel protect`, until it takes over."""
        return self.root / "protecting"

    @property
    def discarding(self) -> Path:
        """What a finished protection replaced, removed after it."""
        return self.root / "discarding"

    @property
    def desktop(self) -> Path:
        """The desktop app's own preferences (ui/prefs.py)."""
        return self.root / "desktop.ini"
