"""Settings declared in one list (Vorta's pattern), stored in the catalog.

Each `Setting` has a key, a type, a default and a group; the UI builds its
preferences from `SETTINGS` and maps each key to a translated label. Values
are stored as JSON only when they differ from the default.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .catalog import Catalog
from .changes import Changes


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    group: str


SETTINGS: tuple[Setting, ...] = (
    Setting("reading.font_scale", float, 1.0, "reading"),
    Setting("reading.show_images", bool, True, "reading"),
    Setting("reading.mark_read_on_open", bool, True, "reading"),
    Setting("library.show_unknown_publishers", bool, True, "library"),
    Setting("library.page_size", int, 100, "library"),
    Setting("drives.scan_on_insert", bool, True, "drives"),
    Setting("drives.max_depth", int, 4, "drives"),
    Setting("export.part_size_mb", int, 1024, "export"),
    Setting("export.packer_name", str, "", "export"),
)
BY_KEY = {s.key: s for s in SETTINGS}


class Settings:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def get(self, key: str) -> Any:
        setting = _setting(key)
        raw = self.catalog.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        if raw is None:
            return setting.default
        try:
            return _coerce(setting, json.loads(raw))
        except (ValueError, TypeError):
            return setting.default  # a bad stored value never breaks the app

    def all(self) -> dict[str, Any]:
        return {s.key: self.get(s.key) for s in SETTINGS}

    def set(self, key: str, value: Any) -> Changes:
        setting = _setting(key)
        value = _coerce(setting, value)
        with self.catalog.transaction() as conn:
            if value == setting.default:
                conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                             (key, json.dumps(value)))
        return Changes(settings=True)


def _setting(key: str) -> Setting:
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown setting {key!r}") from None


def _coerce(setting: Setting, value: Any) -> Any:
    if setting.type is bool:
        if not isinstance(value, bool):
            raise TypeError(f"{setting.key} must be true or false")
        return value
    if setting.type is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, setting.type) or isinstance(value, bool):
        raise TypeError(f"{setting.key} must be a {setting.type.__name__}")
    return value
