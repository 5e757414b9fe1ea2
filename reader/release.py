"""Satchel's own releases, seen from a running Satchel (docs/release.md).

- The release key this Satchel trusts is built in: `release-key.card.json`
  beside this module, the key card of the project's release key (its private
  half never enters the repository). A release may carry newer roots of that
  chain (a rotation, each new root signed by the keys before it); the next
  build carries them built in.
- `check_release(folder)` verifies a release folder and says what it is to
  this Satchel: newer, the same version, or older. An older one is a
  rollback: it is shown as older and never offered as an update.
- `own_release()` is the release folder this Satchel came from, when it knows:
  $SATCHEL_RELEASE_DIR (the install scripts' launchers set it to the copy they
  keep), or, for the standalone build, the folder `satchel-<version>` beside
  the build's own folder (as `scripts/build-release` and `install.sh` lay them
  out). A venv made by hand does not know; `--release DIR` names one.
- `copy_release` passes a release on to a drive: verified first, copied
  (fsync, rename), then read back from the device and verified again, as
  bundles are (`reader.export`).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bundles.durable import fsync_dir
from bundles.errors import Cancelled, ReadError, ReleaseError, SatchelError
from bundles.keys import read_public
from bundles.release import (
    MANIFEST,
    VerifiedRelease,
    describe,
    is_release,
    parse_version,
    verify_release,
)

from .errors import DiskFull
from .export import MARGIN, ExportResult, WrittenFile, drop_cache, sync, write_copy
from .progress import Progress

CARD = Path(__file__).with_name("release-key.card.json")
ENV_VAR = "SATCHEL_RELEASE_DIR"
NEWER, SAME, OLDER, UNKNOWN = "newer", "same", "older", "unknown"


def built_in_chain() -> tuple[bytes, ...]:
    """The release key chain this Satchel trusts (the project's key card, built in)."""
    return read_public(CARD).chain


def running_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("satchel")
    except PackageNotFoundError:  # a source tree that was never installed
        return "(not installed)"


def compare(version: str, running: str) -> str:
    """newer, same or older than the running version; unknown when it has none."""
    try:
        mine = parse_version(running)
    except SatchelError:
        return UNKNOWN
    theirs = parse_version(version)
    return NEWER if theirs > mine else SAME if theirs == mine else OLDER


@dataclass(frozen=True)
class ReleaseCheck:
    """A release folder as this Satchel sees it."""

    folder: Path
    release: VerifiedRelease | None = None
    error: str = ""
    error_type: str = ""
    hint: str = ""
    running: str = ""

    @property
    def ok(self) -> bool:
        return self.release is not None

    @property
    def relation(self) -> str:
        return compare(self.release.version, self.running) if self.release else UNKNOWN

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"path": str(self.folder), "kind": "release", "ok": self.ok,
                                "verdict": "OK" if self.ok else "REJECTED",
                                "running_version": self.running}
        if self.release is not None:
            data.update(describe(self.release))
            data["compared"] = self.relation
        else:
            data.update(error=self.error, error_type=self.error_type, hint=self.hint)
        return data


def check_release(folder: Path | str, trusted: Sequence[bytes] | None = None,
                  progress: Any = None, running: str | None = None) -> ReleaseCheck:
    """Verify `folder`; never raises for a bad release (the check says why)."""
    running = running_version() if running is None else running
    try:
        release = verify_release(Path(folder), built_in_chain() if trusted is None else trusted,
                                 progress)
    except SatchelError as exc:
        if isinstance(exc, Cancelled):
            raise
        return ReleaseCheck(Path(folder), error=exc.message, error_type=type(exc).__name__,
                            hint=exc.hint, running=running)
    return ReleaseCheck(Path(folder), release, running=running)


def install_lines(check: ReleaseCheck) -> list[str]:
    """How to install a verified release, in short (INSTALL.txt in it says it all)."""
    folder = check.folder
    return [
        f"Read {folder / 'INSTALL.txt'} (English, Russian, Kazakh, Persian), or:",
        f"  Linux:   sh {folder / 'install.sh'}",
        f"  macOS:   double-click {folder / 'install.command'}",
        f"  Windows: double-click {folder / 'install.bat'}",
        f"First compare the release fingerprint: {check.release.fingerprint}"
        if check.release else "",
    ]


def own_release(running: str | None = None) -> Path | None:
    """The release folder this Satchel came from, when it knows (see the module's doc)."""
    named = os.environ.get(ENV_VAR)
    if named:
        return Path(named) if is_release(Path(named)) else None
    if getattr(sys, "frozen", False):
        version = running_version() if running is None else running
        beside = Path(sys.executable).resolve().parent.parent / f"satchel-{version}"
        if is_release(beside):
            return beside
    return None


def find_releases(root: Path, max_depth: int = 2) -> list[Path]:
    """Release folders at `root` or up to `max_depth` folders below it, by name only
    (a manifest is there); never following links. Verifying is the caller's."""
    found: list[Path] = []
    level = [Path(root)]
    for _ in range(max_depth + 1):
        below: list[Path] = []
        for folder in level:
            if is_release(folder):
                found.append(folder)
                continue  # nothing inside a release is another release
            try:
                with os.scandir(folder) as entries:
                    below += [Path(e.path) for e in entries
                              if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")]
            except OSError:
                continue
        level = sorted(below)[:200]
    return sorted(found)


def releases_in(paths: Sequence[Path | str], trusted: Sequence[bytes] | None = None,
                progress: Progress | None = None) -> list[ReleaseCheck]:
    """Every release folder named in `paths` or found in a folder of them (a drive, a
    folder chosen for import), each verified: what `satchel import` and the app say
    when they see one."""
    found: dict[Path, None] = {}
    for path in paths:
        if Path(path).is_dir():
            found.update(dict.fromkeys(find_releases(Path(path))))
    return [check_release(folder, trusted, _reporter(progress, folder)) for folder in found]


def _reporter(progress: Progress | None, folder: Path) -> Any:
    """verify_release's progress callback, feeding a Progress (and its Stop button)."""
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        progress.update(stage="checking", current_file=str(folder), bytes_done=done,
                        bytes_total=total)
        if progress.cancelled:
            raise Cancelled("stopped while checking a release of Satchel")

    return report


def copy_release(source: Path, drive: Path, trusted: Sequence[bytes] | None = None,
                 progress: Progress | None = None) -> ExportResult:
    """Copy the release in `source` to `drive/satchel-<version>/`, then read it back from
    the device and verify it. A copy already there that verifies is kept as it is."""
    trusted = built_in_chain() if trusted is None else trusted
    release = verify_release(source, trusted)  # never pass on a copy that is not whole
    target = Path(drive) / f"satchel-{release.version}"
    result = ExportResult()
    if not (target.exists() and check_release(target, trusted).ok):
        _copy_tree(release, target, progress)
    if progress is not None:
        progress.update(stage="reading back", current_file=str(target))
    sync()
    for item in release.manifest.files:
        drop_cache(target.joinpath(*item.path.split("/")))
    written = WrittenFile(str(target), release.manifest.size, "")
    try:
        verify_release(target, trusted)
        written.verified = True
    except (SatchelError, OSError) as exc:
        written.error = exc.message if isinstance(exc, SatchelError) else str(exc)
    result.files.append(written)
    return result


def _copy_tree(release: VerifiedRelease, target: Path, progress: Progress | None) -> None:
    """Write into `target.part`, then rename: a stopped or failed copy leaves nothing."""
    need = release.manifest.size + MARGIN
    target.parent.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(target.parent).free
    if need > free:
        raise DiskFull(f"Satchel {release.version} needs {need:,} bytes, the drive has "
                       f"{free:,} free", path=str(target.parent))
    part = target.with_name(target.name + ".part")
    shutil.rmtree(part, ignore_errors=True)
    if progress is not None:
        progress.update(stage="copying", bytes_total=release.manifest.size,
                        current_file=str(target))
    names = [MANIFEST] + [f"release-keys/{p.name}" for p in
                          sorted((release.folder / "release-keys").iterdir())]
    try:
        for rel in [*names, *(f.path for f in release.manifest.files)]:
            destination = part.joinpath(*rel.split("/"))
            destination.parent.mkdir(parents=True, exist_ok=True)
            write_copy(release.folder.joinpath(*rel.split("/")), destination, progress)
        for folder in sorted({p.parent for p in part.rglob("*")}, key=lambda p: -len(p.parts)):
            fsync_dir(folder)
        if target.exists():  # a damaged copy from before: replaced by this one
            shutil.rmtree(target)
        os.replace(part, target)
        fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(part, ignore_errors=True)
        raise


__all__ = [
    "NEWER",
    "OLDER",
    "SAME",
    "UNKNOWN",
    "ReadError",
    "ReleaseCheck",
    "ReleaseError",
    "built_in_chain",
    "check_release",
    "compare",
    "copy_release",
    "find_releases",
    "install_lines",
    "own_release",
    "releases_in",
    "running_version",
]
