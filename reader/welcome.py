"""Where the first run's welcome bundle is (the app imports it; a duress passphrase
opens a library holding it, reader/protect.py).

Beside the packages in a source tree and in the standalone build (`examples/`);
in the environment's `share/satchel` for an install from a wheel (pyproject.toml's
data-files). Imports nothing heavy: the desktop reader asks before its first paint.
"""

from __future__ import annotations

import sys
from pathlib import Path

_BESIDE = Path(__file__).resolve().parents[1] / "examples" / "welcome.satchel"


def welcome_bundle() -> Path:
    """The welcome bundle's path (the source tree's when none is found)."""
    installed = Path(sys.prefix) / "share" / "satchel" / "welcome.satchel"
    return next((p for p in (_BESIDE, installed) if p.is_file()), _BESIDE)
