"""Removable drives and the bundles on them, reading nothing but names and sizes.

`removable_volumes()` lists mounted removable volumes: on Linux from
`/proc/mounts` (real filesystems mounted under /media, /run/media or /mnt), on
Windows by drive type (`GetDriveTypeW` == DRIVE_REMOVABLE), on macOS the
entries of /Volumes other than the startup disk. `find_bundles(volume)` walks
a bounded depth (`folders.walk_files`) and stops at a bounded count, never
follows links, and opens no file: a stranger's stick is only listed here;
import verifies.
"""

from __future__ import annotations

import os
import shutil
import string
import sys
from dataclasses import dataclass
from pathlib import Path

from .folders import walk_files

LINUX_MOUNT_ROOTS = ("/media/", "/run/media/", "/mnt/")
# Filesystems a stick, card or phone is mounted with; tmpfs, overlays and
# network mounts under /mnt are not removable drives.
REMOVABLE_FILESYSTEMS = {
    "vfat", "exfat", "ntfs", "ntfs3", "fuseblk", "msdos", "hfsplus", "apfs", "udf", "iso9660",
    "ext2", "ext3", "ext4", "btrfs", "f2fs", "xfs", "fuse.mtp", "fuse.jmtpfs", "fuse.gvfsd-fuse",
}
DRIVE_REMOVABLE = 2
MAX_DEPTH = 4
MAX_FILES = 1000
BUNDLE_SUFFIX = ".satchel"


@dataclass(frozen=True)
class Volume:
    path: Path
    label: str
    filesystem: str
    free: int | None = None
    total: int | None = None


@dataclass(frozen=True)
class FoundBundle:
    path: Path
    size: int


def _unescape(field: str) -> str:
    """/proc/mounts escapes space, tab, newline and backslash as octal."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and field[i + 1:i + 4].isdigit() and len(field[i + 1:i + 4]) == 3:
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mounts(text: str) -> list[Volume]:
    """Removable-looking volumes in the text of /proc/mounts (testable without a stick)."""
    volumes: list[Volume] = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        device, mount_point, filesystem = parts[0], _unescape(parts[1]), parts[2]
        if not mount_point.startswith(LINUX_MOUNT_ROOTS):
            continue
        if filesystem not in REMOVABLE_FILESYSTEMS:
            continue
        if not device.startswith("/dev/") and not filesystem.startswith("fuse"):
            continue  # a bind mount or a network share, not a drive
        volumes.append(Volume(Path(mount_point), Path(mount_point).name, filesystem))
    return volumes


def _with_space(volume: Volume) -> Volume:
    try:
        usage = shutil.disk_usage(volume.path)
    except OSError:
        return volume
    return Volume(volume.path, volume.label, volume.filesystem, usage.free, usage.total)


def _linux() -> list[Volume]:
    try:
        text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return parse_mounts(text)


def _windows() -> list[Volume]:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel32.GetLogicalDrives()
    volumes = []
    for n, letter in enumerate(string.ascii_uppercase):
        if not mask & (1 << n):
            continue
        root = f"{letter}:\\"
        if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) != DRIVE_REMOVABLE:
            continue
        name = ctypes.create_unicode_buffer(261)
        fs = ctypes.create_unicode_buffer(261)
        ok = kernel32.GetVolumeInformationW(ctypes.c_wchar_p(root), name, 261, None, None,
                                            None, fs, 261)
        if ok:  # no medium in the card reader: skip
            volumes.append(Volume(Path(root), name.value or f"{letter}:", fs.value))
    return volumes


def _macos() -> list[Volume]:
    volumes = []
    base = Path("/Volumes")
    try:
        entries = sorted(base.iterdir())
    except OSError:
        return []
    for entry in entries:
        # The startup disk appears as a link to "/".
        if entry.is_symlink() or not os.path.ismount(entry):
            continue
        volumes.append(Volume(entry, entry.name, ""))
    return volumes


def removable_volumes() -> list[Volume]:
    if sys.platform == "win32":
        found = _windows()
    elif sys.platform == "darwin":
        found = _macos()
    else:
        found = _linux()
    return [_with_space(v) for v in found]


def find_bundles(root: Path, *, max_depth: int = MAX_DEPTH,
                 max_files: int = MAX_FILES) -> list[FoundBundle]:
    """`*.satchel` files under `root`, breadth first, by name and size only."""
    walk = walk_files(root, lambda name: name.lower().endswith(BUNDLE_SUFFIX),
                      max_depth=max_depth, max_files=max_files)
    found: list[FoundBundle] = []
    for entry in walk.files:
        try:
            found.append(FoundBundle(Path(entry.path), entry.stat(follow_symlinks=False).st_size))
        except OSError:
            continue  # gone since it was listed
    return found
