"""The transport manifest (`META-INF/bundle.json`) and the packer's statement.

The manifest lists every entry of the bundle except itself, its statement and
`mimetype`, each with its size and SHA-256. The packer's statement
(`META-INF/bundle.dsse.json`) signs the SHA-256 of the manifest's exact bytes,
so the envelope stays small whatever the bundle size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import jsonio
from .article import HEX64_RE, check_int, check_text
from .errors import FormatError
from .limits import DEFAULT_LIMITS, MAX_PARTS, MAX_SIZE, Limits

FORMAT = "satchel-bundle"
FORMAT_VERSION = 1
MIMETYPE = b"application/vnd.satchel.bundle+zip"
MIMETYPE_ENTRY = "mimetype"
MANIFEST_ENTRY = "META-INF/bundle.json"
STATEMENT_ENTRY = "META-INF/bundle.dsse.json"
BUNDLE_ID_RE = re.compile(r"^[0-9a-f]{32}\Z")


@dataclass(frozen=True)
class ManifestEntry:
    path: str
    size: int
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "size": self.size, "sha256": self.sha256}

    @classmethod
    def from_dict(cls, data: Any) -> ManifestEntry:
        if not isinstance(data, dict) or set(data) != {"path", "size", "sha256"}:
            raise FormatError("a manifest entry needs exactly path, size and sha256")
        path, size, digest = data["path"], data["size"], data["sha256"]
        if not isinstance(path, str) or not path:
            raise FormatError("a manifest entry path must be a non-empty string")
        check_int(size, f"manifest entry {path!r} size", 0, MAX_SIZE)
        if not isinstance(digest, str) or not HEX64_RE.match(digest):
            raise FormatError(f"manifest entry {path!r} has a bad sha256")
        return cls(path, size, digest)


@dataclass(frozen=True)
class Manifest:
    bundle_id: str
    title: str
    created: str
    entries: tuple[ManifestEntry, ...]
    set_id: str = ""
    part: int = 1
    parts: int = 1
    format_version: int = FORMAT_VERSION
    entry_map: dict[str, ManifestEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.format_version != FORMAT_VERSION:
            raise FormatError(f"unsupported bundle format version {self.format_version!r}")
        if not BUNDLE_ID_RE.match(self.bundle_id):
            raise FormatError("bundle_id must be 32 lowercase hex digits")
        if self.set_id and not BUNDLE_ID_RE.match(self.set_id):
            raise FormatError("set_id must be 32 lowercase hex digits")
        check_text(self.title, "bundle title", 1_000)
        check_text(self.created, "created", 64)
        for name in ("part", "parts"):
            check_int(getattr(self, name), name, 1, MAX_PARTS)
        if self.part > self.parts:
            raise FormatError(f"part {self.part} of {self.parts} is out of range")
        # A set id names the parts of one split set, and nothing else.
        if self.parts > 1 and not self.set_id:
            raise FormatError(f"a part of a split set (part {self.part} of {self.parts}) "
                              "needs a set_id")
        if self.parts == 1 and self.set_id:
            raise FormatError("a single file (part 1 of 1) has no set_id")
        entry_map = {e.path: e for e in self.entries}
        if len(entry_map) != len(self.entries):
            raise FormatError("the manifest lists an entry twice")
        object.__setattr__(self, "entry_map", entry_map)

    def to_bytes(self) -> bytes:
        return jsonio.dumps(
            {
                "format": FORMAT,
                "format_version": self.format_version,
                "bundle_id": self.bundle_id,
                "set_id": self.set_id,
                "part": self.part,
                "parts": self.parts,
                "title": self.title,
                "created": self.created,
                "entries": [e.to_dict() for e in self.entries],
            }
        )

    @classmethod
    def from_bytes(cls, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Manifest:
        document = jsonio.loads(data, cap=limits.manifest_bytes, what="manifest")
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise FormatError("not a Satchel bundle manifest")
        version = document.get("format_version")
        # 1.0 and true equal 1 in Python, but are not the integer 1 (section 4).
        if type(version) is not int or version != FORMAT_VERSION:
            raise FormatError(f"unsupported bundle format version {version!r}")
        known = {"format", "format_version", "bundle_id", "set_id", "part", "parts", "title",
                 "created", "entries"}
        unknown = set(document) - known
        if unknown:
            raise FormatError(f"manifest has unknown fields {sorted(unknown)}")
        entries = document.get("entries")
        if not isinstance(entries, list):
            raise FormatError("manifest entries must be a list")
        try:
            return cls(
                bundle_id=document["bundle_id"],
                title=document.get("title", ""),
                created=document.get("created", ""),
                entries=tuple(ManifestEntry.from_dict(e) for e in entries),
                set_id=document.get("set_id", ""),
                part=document.get("part", 1),
                parts=document.get("parts", 1),
            )
        except (KeyError, TypeError) as exc:
            raise FormatError(f"manifest is malformed ({exc})") from exc


@dataclass(frozen=True)
class Statement:
    """The packer's signed statement: who made this file, naming the manifest's hash."""

    bundle_id: str
    manifest_sha256: str
    packer: str

    def to_bytes(self) -> bytes:
        return jsonio.dumps(
            {
                "type": "bundle",
                "bundle_id": self.bundle_id,
                "manifest_sha256": self.manifest_sha256,
                "packer": self.packer,
            }
        )

    @classmethod
    def from_payload(cls, payload: bytes, limits: Limits = DEFAULT_LIMITS) -> Statement:
        data = jsonio.loads(payload, cap=limits.envelope_bytes, what="bundle statement")
        if not isinstance(data, dict) or data.get("type") != "bundle":
            raise FormatError("payload is not a bundle statement")
        if set(data) != {"type", "bundle_id", "manifest_sha256", "packer"}:
            raise FormatError("bundle statement fields are wrong")
        for name in ("manifest_sha256", "packer"):
            if not isinstance(data[name], str) or not HEX64_RE.match(data[name]):
                raise FormatError(f"bundle statement {name} must be 64 hex digits")
        if not isinstance(data["bundle_id"], str):
            raise FormatError("bundle statement bundle_id must be a string")
        return cls(data["bundle_id"], data["manifest_sha256"], data["packer"])
