"""Caps on hostile input (DESIGN.md section 3), in one place."""

from __future__ import annotations

from dataclasses import dataclass

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB

# Upper bounds of the format's integers (docs/format.md sections 5, 7 and 8),
# checked when JSON is parsed: whatever a stranger writes, every number we keep
# fits SQLite's 64-bit integers and means something.
MAX_SIZE = 2 * GiB - 1  # any size: nothing is larger than a part
MAX_PARTS = 10_000  # parts of a split set
MAX_VERSION = 999_999_999  # an article version: the 9 digits its entry name allows
MAX_ROOTS = 256  # roots in a key chain, so the highest root version
MAX_SIGNATURES = 16  # on one envelope, so also the highest root threshold
# A signature without a key id must be tried against every key that may have made
# it: (such signatures) x (acceptable keys) is bounded per envelope, or a chain of
# thousands of keys makes each article cost seconds (docs/format.md section 6).
MAX_HINTLESS_TRIES = 64


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
    chain_length: int = MAX_ROOTS
    # A part is never over 2 GiB - 1 byte: no ZIP64, fits FAT32.
    part_bytes: int = 2 * GiB - 1
    # Largest blob of any kind (images are the largest thing we carry).
    blob_bytes: int = 25 * MiB
    # What a bundle may cost once inflated (docs/format.md section 2): its entries
    # together at most `inflate_ratio` times the file's size plus `inflate_slack`,
    # and never over `content_bytes`. Genuine bundles measure 1.0-1.4x (text alone
    # about 2.5x, one article's HTML at most 4.6x; docs/security.md "Budgets").
    inflate_ratio: int = 20
    inflate_slack: int = 1 * MiB
    content_bytes: int = 4 * GiB
    # Inside an image (section 8): bytes after its end, and metadata (Exif, ICC, XMP,
    # comments); frames of an animation together.
    image_trailing_bytes: int = 1 * KiB
    image_metadata_bytes: int = 1 * MiB
    animation_pixels: int = 500_000_000
    # The library refuses an import that would leave less free space than this.
    free_space_reserve: int = 512 * MiB

    def inflation_error(self, content: int, file_size: int) -> str | None:
        """Why a bundle of `file_size` bytes whose entries hold `content` bytes once
        inflated is over its budget, or None when it is within."""
        if content > self.inflate_ratio * file_size + self.inflate_slack:
            return (f"inflates to {content:,} bytes, {content / max(1, file_size):,.0f} times "
                    f"its {file_size:,} bytes (at most {self.inflate_ratio} times, plus "
                    f"{self.inflate_slack // MiB} MiB)")
        if content > self.content_bytes:
            return (f"inflates to {content:,} bytes, over the "
                    f"{self.content_bytes // GiB} GiB a bundle may hold")
        return None


DEFAULT_LIMITS = Limits()
