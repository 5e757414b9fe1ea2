"""Typed errors of the bundle format.

Every error carries a one-line message a reader can act on: the file, what
happened in plain words when the reason alone is technical, the entry when
there is one, and the reason ("news.satchel: the bundle was changed after it
was signed: entry 'blobs/sha256/ab..': 812 bytes, but the manifest lists 640").
`diagnostics()` adds what it may mean and what to do (sigstore-python's shape),
for the command line, which prints it under the error, and the UI's details.
"""

from __future__ import annotations


class SatchelError(Exception):
    """Root of every error Satchel raises about outside data or the environment."""

    hint = ""  # what it may mean and what to do, in a sentence or two
    headline = ""  # what happened, in plain words, where the reason is technical
    exit_code = 1  # the command line's: 1 rejected or failed, 3 the environment (docs/cli.md)

    def __init__(self, reason: str, *, path: str | None = None, entry: str | None = None,
                 hint: str | None = None, headline: str | None = None):
        self.reason = reason
        self.path = path
        self.entry = entry
        if hint is not None:
            self.hint = hint
        if headline is not None:
            self.headline = headline
        super().__init__(self.message)

    @property
    def message(self) -> str:
        parts = []
        if self.path:
            parts.append(str(self.path))
        if self.headline:
            parts.append(self.headline)
        if self.entry:
            parts.append(f"entry {self.entry!r}")
        parts.append(self.reason)
        return ": ".join(parts)

    def with_context(self, *, path: str | None = None, entry: str | None = None) -> SatchelError:
        """Fill in the file or entry when a lower layer did not know it."""
        if path and not self.path:
            self.path = path
        if entry and not self.entry:
            self.entry = entry
        self.args = (self.message,)
        return self

    def diagnostics(self) -> str:
        """The message, then what it may mean and what to do (one paragraph each)."""
        return "\n\n".join(part for part in (self.message, self.hint) if part)

    def __str__(self) -> str:
        return self.message


class BundleError(SatchelError):
    """A bundle (or key card) was rejected: nothing of it may be used."""

    hint = (
        "This file may have been damaged on the way or changed on purpose. "
        "Nothing from it was used. Ask for another copy from someone you trust."
    )


class ArchiveError(BundleError):
    """The ZIP container breaks the layout rules (structure, methods, extra data)."""


class IncompleteError(ArchiveError):
    """The file stops before its end: a copy cut short (a stick pulled out too early,
    a full disk, a download that broke off)."""

    headline = "the file is incomplete"
    hint = (
        "The copy was cut short: nothing from it was used. Copy the file again from where "
        "it came from (let the copy finish before you pull the drive out), then open the "
        "new copy."
    )


class UnsafeNameError(ArchiveError):
    """An entry name could escape the layout (`..`, absolute, backslash, not NFC...)."""


class DuplicateEntryError(ArchiveError):
    """Two entries with the same name, or names equal but for case."""


class OverlapError(ArchiveError):
    """Entries share bytes: the overlapping-entry zip bomb."""


class LimitError(BundleError):
    """Something is larger than Satchel accepts (entries, sizes, JSON, pixels)."""


class ZipBombError(LimitError):
    """An entry inflates past its declared size or its cap."""


class FormatError(BundleError):
    """JSON or a field in it is malformed, or a version or type is unknown."""


class HashMismatchError(BundleError):
    """Bytes do not match the SHA-256 or size that was signed for them, or the CRC-32
    the archive records for them (a changed or damaged entry)."""

    headline = "the bundle was changed after it was signed"
    hint = (
        "The file is not what its publisher or packer signed: it was damaged on the way "
        "(a failing stick or card) or changed on purpose. Nothing from it was used. Ask "
        "for another copy from someone you trust."
    )


class SignatureError(BundleError):
    """A signature is missing, invalid, duplicated or by the wrong key."""


class KeyChainError(BundleError):
    """A publisher's key chain is broken: a skipped number, missing signatures..."""


class ReadError(SatchelError):
    """The file could not be read: a pulled stick, a bad sector, no permission.

    Not a verdict on the bundle, and nothing of it was used: an environment
    problem (exit code 3), worth trying again with the stick in place.
    """

    exit_code = 3
    hint = "Check the file's name, and that its drive is still connected; then try again."


class KeyFileError(SatchelError):
    """A private key file cannot be read: wrong passphrase, wrong format."""

    hint = "Check the file and the passphrase. Key files are made by `satchel key new`."


class SourceError(SatchelError):
    """A publisher's source folder has a problem (missing title, bad TOML...)."""

    hint = "Fix the article's source files and pack again; the other articles are unaffected."


class Cancelled(SatchelError):
    """The person asked to stop; whatever was under way was undone."""


class ReleaseError(BundleError):
    """A release folder of Satchel is not what the Satchel project signed, or is not
    signed by the release key this Satchel trusts (bundles/release.py)."""

    hint = (
        "Do not install this copy of Satchel: it is not what the Satchel project signed. "
        "Nothing was installed or changed. Get another copy from someone you trust, and "
        "compare the release fingerprint (INSTALL.txt says how)."
    )


class ReleaseChanged(ReleaseError):
    """A file of a release was changed, removed or added after the release was signed."""

    headline = "the release was changed after it was signed"
