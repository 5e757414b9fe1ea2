"""The desktop app's own preferences, in a QSettings file inside the library folder.

Window geometry, splitter sizes, the last article, text size, theme and UI
language belong to the person at this computer and this library, so they
live beside the catalog (`desktop.ini`), and a library copied to another
machine brings them along. Library-wide reading settings stay in the
catalog (`reader.settings`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

FILE_NAME = "desktop.ini"
ENV_VAR = "SATCHEL_LIBRARY"


def library_folder(override: str | os.PathLike[str] | None = None) -> Path:
    """The library folder, by the rule of `reader.paths.library_dir` (a test keeps them equal).

    Repeated here because importing the `reader` package pulls in the whole
    library (SQLite, cryptography, the index): the window must not wait for that.
    """
    chosen = override or os.environ.get(ENV_VAR)
    if not chosen:
        import platformdirs  # only when no folder was given: ~20 ms before the first paint

        chosen = platformdirs.user_data_dir("Satchel", appauthor=False)
    return Path(chosen).expanduser()


class Prefs:
    def __init__(self, folder: Path | None):
        if folder is None:
            self._settings = QSettings()
        else:
            self._settings = QSettings(str(folder / FILE_NAME), QSettings.Format.IniFormat)

    def _get(self, key: str, default: Any, kind: type) -> Any:
        value = self._settings.value(key, default)
        try:
            if kind is bool and isinstance(value, str):
                return value.lower() in ("true", "1", "yes")
            return kind(value) if value is not None else default
        except (TypeError, ValueError):
            return default

    def _set(self, key: str, value: Any) -> None:
        self._settings.setValue(key, value)

    def sync(self) -> None:
        self._settings.sync()

    # -- typed keys ------------------------------------------------------------------

    @property
    def language(self) -> str:
        """"" follows the system; otherwise en, ru, kk or fa."""
        return str(self._get("ui/language", "", str))

    @language.setter
    def language(self, value: str) -> None:
        self._set("ui/language", value)

    @property
    def theme(self) -> str:
        return str(self._get("ui/theme", "system", str))

    @theme.setter
    def theme(self, value: str) -> None:
        self._set("ui/theme", value)

    @property
    def point_size(self) -> int:
        return int(self._get("reading/point_size", 12, int))

    @point_size.setter
    def point_size(self, value: int) -> None:
        self._set("reading/point_size", int(value))

    @property
    def last_article(self) -> int | None:
        value = self._get("reading/last_article", -1, int)
        return None if value < 0 else int(value)

    @last_article.setter
    def last_article(self, value: int | None) -> None:
        if value is None:
            self._settings.remove("reading/last_article")
        else:
            self._set("reading/last_article", int(value))

    @property
    def welcome_imported(self) -> bool:
        return bool(self._get("library/welcome_imported", False, bool))

    @welcome_imported.setter
    def welcome_imported(self, value: bool) -> None:
        self._set("library/welcome_imported", bool(value))

    @property
    def lock_minutes(self) -> int:
        """A protected library locks after this many minutes without input."""
        return max(1, int(self._get("security/lock_minutes", 10, int)))

    @lock_minutes.setter
    def lock_minutes(self, value: int) -> None:
        self._set("security/lock_minutes", int(value))

    @property
    def protect_offered(self) -> bool:
        return bool(self._get("security/protect_offered", False, bool))

    @protect_offered.setter
    def protect_offered(self, value: bool) -> None:
        self._set("security/protect_offered", bool(value))

    @property
    def watch_drives(self) -> bool:
        return bool(self._get("drives/watch", True, bool))

    @watch_drives.setter
    def watch_drives(self, value: bool) -> None:
        self._set("drives/watch", bool(value))

    def state(self, name: str) -> QByteArray | None:
        value = self._settings.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_state(self, name: str, value: QByteArray) -> None:
        self._set(f"window/{name}", value)
