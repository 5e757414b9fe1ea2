"""Caps on hostile input (DESIGN.md section 3), in one place."""

from __future__ import annotations

from dataclasses import dataclass

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB


@dataclass(frozen=True)
class Limits:
    max_entries: int = 20_000
    max_name_bytes: int = 255
    manifest_bytes: int = 8 * MiB
    envelope_bytes: int = 256 * KiB
    root_bytes: int = 64 * KiB
    html_bytes: int = 8 * MiB
    image_bytes: int = 25 * MiB
    image_pixels: int = 50_000_000
    json_depth: int = 32
    chain_length: int = 256
    # A part is never over 2 GiB - 1 byte: no ZIP64, fits FAT32.
    part_bytes: int = 2 * GiB - 1
    # Largest blob of any kind (images are the largest thing we carry).
    blob_bytes: int = 25 * MiB


DEFAULT_LIMITS = Limits()
