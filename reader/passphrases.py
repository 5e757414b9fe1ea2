"""Passphrases on the command line: read from a file, or asked at the terminal.

One set of rules for key files (`--passphrase-file`) and for protected libraries
(`--library-passphrase-file`, `--new-passphrase-file`): a file holds the
passphrase on its first line; a new one typed at the terminal is asked twice,
and again while it is too short or the two differ, three tries in all.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from bundles.errors import SatchelError

from .commands import UsageError
from .terminal import say

MIN_PASSPHRASE = 8
TRIES = 3


def read_file(path: str, unreadable: type[SatchelError], *, hint: str = "") -> bytes:
    """The passphrase in `path`; `unreadable` is raised when the file cannot be read
    (an environment problem, exit 3), a usage error when it is empty or not text."""
    try:
        text = Path(path).read_text(encoding="utf-8").rstrip("\r\n")
    except OSError as exc:
        raise unreadable(f"cannot read the passphrase file ({exc.strerror or exc})",
                         path=str(path), hint=hint or None) from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: the passphrase file is not UTF-8 text") from exc
    if not text:
        raise UsageError(f"{path}: the passphrase file is empty")
    return text.encode("utf-8")


def ask_new(what: str, *, gave_up: str) -> bytes:
    """A new passphrase typed twice at the terminal (the caller checked there is one)."""
    for _ in range(TRIES):
        first = getpass.getpass(f"New passphrase for the {what}: ")
        if len(first) < MIN_PASSPHRASE:
            say(f"Too short: use at least {MIN_PASSPHRASE} characters (a few words are "
                "easy to remember).", file=sys.stderr)
            continue
        if getpass.getpass("Repeat the passphrase: ") != first:
            say("The two passphrases differ; again.", file=sys.stderr)
            continue
        return first.encode("utf-8")
    raise UsageError(f"no passphrase after {TRIES} tries; {gave_up}")
