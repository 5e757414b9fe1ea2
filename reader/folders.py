"""Walking a folder from a stranger's stick, or a publisher's input, safely.

One walk for every place that looks through folders (import, drive scanning,
the publishing sources). It is iterative, so 1,900 nested folders cost a list,
not 1,900 stack frames (`os.walk`, `os.makedirs`, `Path.rglob` and
`shutil.rmtree` recurse once per level on Python 3.11, and raise
`RecursionError`); it goes at most `max_depth` folders down and says which
folders it did not enter; it never follows a symbolic link, to a file or a
folder, so nothing outside the folder given is ever read; it lists only
regular files (a FIFO named `x.satchel` would hang whoever opens it); and it
skips names starting with "." (hidden files and folders, macOS `._` forks).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# Deep enough for any real folder tree, shallow enough that a hostile one costs nothing.
MAX_DEPTH = 32


@dataclass
class FolderWalk:
    """Regular files found, breadth first (each folder's names sorted), the folders
    that were not entered because they were nested too deep, and the links met
    (never followed; the packer reports those that lead out of its input)."""

    files: list[os.DirEntry[str]] = field(default_factory=list)
    too_deep: list[Path] = field(default_factory=list)
    links: list[Path] = field(default_factory=list)
    complete: bool = True  # False when `max_files` stopped the walk early

    @property
    def paths(self) -> list[Path]:
        return [Path(entry.path) for entry in self.files]


def walk_files(
    root: str | os.PathLike[str],
    accept: Callable[[str], bool],
    *,
    enter: Callable[[str], bool] | None = None,
    max_depth: int = MAX_DEPTH,
    max_files: int | None = None,
) -> FolderWalk:
    """Files under `root` whose name `accept`s, in folders whose name `enter`s.

    `root` itself is depth 0; folders at depths 1 to `max_depth` are entered.
    A folder that cannot be read (permissions, a flaky stick) is skipped.
    """
    walk = FolderWalk()
    level = [os.fspath(root)]
    for depth in range(max_depth + 2):
        below: list[str] = []
        for folder in level:
            if depth > max_depth:
                walk.too_deep.append(Path(folder))
                continue
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    if entry.is_symlink():
                        walk.links.append(Path(entry.path))
                    elif entry.is_dir(follow_symlinks=False):
                        if enter is None or enter(entry.name):
                            below.append(entry.path)
                    elif entry.is_file(follow_symlinks=False) and accept(entry.name):
                        walk.files.append(entry)
                        if max_files is not None and len(walk.files) >= max_files:
                            walk.complete = False
                            return walk
                except OSError:
                    continue
        if not below:
            break
        level = below
    return walk


__all__ = ["MAX_DEPTH", "FolderWalk", "walk_files"]
