"""Which language the reader's interface speaks, for the command line's dates.

The CLI prints its sentences in English, but a date in `list` and `search`
follows the reader's language: Persian readers get the Solar Hijri calendar
in Persian digits. The language is, in order:

1. `LC_ALL`, which by convention overrides everything for one command
   (`LC_ALL=C satchel list` prints Gregorian dates);
2. the language chosen in the desktop app for this library (`ui/language` in
   the library folder's `desktop.ini`, written by the app; read here as plain
   INI, without Qt);
3. `LC_MESSAGES`, then `LANG`.

Only the language part counts (`fa_IR.UTF-8` is `fa`); `C` and `POSIX` are English.
"""

from __future__ import annotations

import configparser
import os
from collections.abc import Mapping
from pathlib import Path

DESKTOP_PREFS = "desktop.ini"  # ui/prefs.py writes it
LANGUAGES = ("en", "ru", "kk", "fa")


def _base(tag: str) -> str:
    base = tag.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return "en" if base in ("c", "posix") else base


def _chosen_in_app(library: Path) -> str:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read(library / DESKTOP_PREFS, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError, OSError):
        return ""  # the app's file is the app's: a damaged one never stops the CLI
    return _base(parser.get("ui", "language", fallback="") or "")


def ui_language(library: Path, environ: Mapping[str, str] | None = None) -> str:
    """'en', 'ru', 'kk' or 'fa' (English for anything else)."""
    env = os.environ if environ is None else environ
    for choice in (env.get("LC_ALL", ""), _chosen_in_app(library),
                   env.get("LC_MESSAGES", ""), env.get("LANG", "")):
        if choice:
            base = _base(choice)
            return base if base in LANGUAGES else "en"
    return "en"
