"""Typed errors of the library, each with a one-line message a reader can act on.

They root in `bundles.errors.SatchelError` so the CLI and the UI handle every
Satchel error one way; callers choose what to show by type, never by text.
`Cancelled` is the bundle layer's class, re-exported: one "stopped" for all.
"""

from __future__ import annotations

from typing import Any

from bundles.errors import BundleError, Cancelled, SatchelError

__all__ = [
    "BlobMissing",
    "BundleError",
    "Cancelled",
    "ChainForkError",
    "DiskFull",
    "KeyCardError",
    "LibraryCorrupt",
    "LibraryError",
    "LibraryInUse",
    "MissingExtra",
    "NotFound",
    "PassphraseNeeded",
    "ReleaseUnknown",
    "SatchelError",
    "SchemaTooNew",
    "VaultError",
    "WrongPassphrase",
]


class LibraryError(SatchelError):
    """Something is wrong with the library itself or its environment."""


class LibraryInUse(LibraryError):
    """Another process holds the library for writing (the CLI exits with 3)."""

    exit_code = 3

    hint = "Close the other Satchel window or command, or use another --library folder."

    def __init__(self, pid: int | None, *, path: str | None = None):
        self.pid = pid
        who = f" (pid {pid})" if pid else ""
        super().__init__(f"library is in use by another Satchel{who}", path=path)


class DiskFull(LibraryError):
    """No space left where the library (or an export) writes; nothing was half-written."""

    exit_code = 3

    hint = "Free some space or choose another folder, then try again."


class SchemaTooNew(LibraryError):
    """The catalog was written by a newer Satchel; this one must not touch it."""

    exit_code = 3

    hint = "Update Satchel, or open another --library folder."


class VaultError(LibraryError):
    """The protected library's key file is missing, damaged, of an unknown version, or asks
    for KDF parameters out of bounds (the CLI exits with 3)."""

    exit_code = 3


class WrongPassphrase(VaultError):
    """The passphrase given for a protected library does not open it."""

    hint = ""  # one line: nothing to add that would help a guesser


class PassphraseNeeded(VaultError):
    """The library is protected and no passphrase was given."""

    hint = ("Give the library's passphrase at the terminal, or with "
            "--library-passphrase-file FILE.")


class LibraryCorrupt(LibraryError):
    """The catalog cannot be read as a Satchel library."""

    hint = "Run `satchel check`; a copy made before each upgrade is in the library's backups folder."


class NotFound(LibraryError):
    """An article, publisher, bundle or blob the caller named is not in the library."""


class BlobMissing(LibraryError):
    """A blob the catalog lists is absent or damaged in the store (`satchel check` says which)."""

    hint = "Import a bundle that carries this article again to restore it."


class ChainForkError(BundleError):
    """A key chain disagrees with the one the library holds: someone holding one of the
    publisher's keys (the publisher, or a thief of a key) made another history."""

    hint = (
        "Two different key histories claim the same publisher. The library kept the one "
        "it had and keeps the other as evidence (`satchel trust show`). Ask the publisher "
        "for their fingerprint through a channel you trust; if the other history is "
        "theirs, `satchel trust reset PUBLISHER` starts them over."
    )
    evidence: Any = None  # reader.trust.ForkEvidence, when it came from `merge_chains`


class KeyCardError(BundleError):
    """A key card could not be read or its chain does not verify."""


class ReleaseUnknown(SatchelError):
    """`export --with-reader` with no release folder known to pass on (reader/release.py)."""

    exit_code = 3
    hint = ("A Satchel installed with a release's install script knows its folder; the "
            "standalone build finds the release folder beside it. Otherwise name one: "
            "satchel export DRIVE --with-reader --release satchel-<version>")


class MissingExtra(SatchelError):
    """A front end needs an optional part that is not installed (reader/extras.py)."""

    exit_code = 3
