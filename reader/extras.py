"""The optional parts of Satchel (pyproject.toml's extras) and what each needs.

The core (bundles, index, reader, the command line) installs alone. A front end
that needs more checks here first, so that a missing library is one line saying
what to install (exit 3), never a traceback.
"""

from __future__ import annotations

from importlib.util import find_spec

from .errors import MissingExtra

# extra -> the third-party modules it brings (the first of each is what is checked).
EXTRAS: dict[str, tuple[str, ...]] = {
    "desktop": ("PySide6",),
    "publish": ("feedparser", "trafilatura"),
    "serve": ("waitress", "jinja2", "segno", "psutil"),
}


def missing(extra: str) -> tuple[str, ...]:
    """The modules of `extra` that cannot be imported here."""
    return tuple(name for name in EXTRAS[extra] if find_spec(name) is None)


def install_line(extra: str) -> str:
    return f'pip install "satchel[{extra}]"'


def require(extra: str, what: str) -> None:
    """Raise MissingExtra when `what` (a command or option) cannot run for want of `extra`."""
    absent = missing(extra)
    if absent:
        verb = "is" if len(absent) == 1 else "are"
        raise MissingExtra(f"{what} needs {' and '.join(absent)}, which {verb} not installed; "
                           f"install it with: {install_line(extra)}")
