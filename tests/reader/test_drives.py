"""Removable drives: which mounts count, and finding bundles by name and size only."""

from __future__ import annotations

from pathlib import Path

from reader.drives import find_bundles, parse_mounts

MOUNTS = r"""/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
/dev/sdb1 /media/amir/KINGSTON vfat rw,nosuid,nodev 0 0
/dev/sdc1 /run/media/leila/My\040Stick exfat rw 0 0
tmpfs /mnt/sandbox tmpfs ro 0 0
server:/share /mnt/nfs nfs rw 0 0
/dev/mmcblk0p1 /mnt/sdcard ext4 rw 0 0
"""


def test_parse_mounts_keeps_only_removable_looking_volumes() -> None:
    volumes = parse_mounts(MOUNTS)
    assert [str(v.path) for v in volumes] == [
        "/media/amir/KINGSTON", "/run/media/leila/My Stick", "/mnt/sdcard"]
    assert volumes[1].label == "My Stick" and volumes[0].filesystem == "vfat"


def test_find_bundles_is_bounded_and_reads_only_names(tmp_path: Path) -> None:
    (tmp_path / "a" / "b" / "c" / "d" / "e").mkdir(parents=True)
    (tmp_path / "top.satchel").write_bytes(b"x" * 10)
    (tmp_path / "a" / "b" / "mid.SATCHEL").write_bytes(b"")
    (tmp_path / "a" / "b" / "c" / "d" / "e" / "deep.satchel").write_bytes(b"")
    (tmp_path / "._top.satchel").write_bytes(b"")  # macOS resource fork
    (tmp_path / "a" / "link.satchel").symlink_to(tmp_path / "top.satchel")
    (tmp_path / "unreadable").mkdir(mode=0o000)
    found = find_bundles(tmp_path, max_depth=3)
    assert [(f.path.name, f.size) for f in found] == [("top.satchel", 10), ("mid.SATCHEL", 0)]
    assert len(find_bundles(tmp_path, max_files=1)) == 1
    (tmp_path / "unreadable").chmod(0o755)
