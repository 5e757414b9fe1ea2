"""The signed article payload (DESIGN.md section 2) and the blobs it uses.

Binding publisher, article id and version inside the signed bytes means no
signature can be moved onto other content.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from . import jsonio
from .errors import FormatError
from .limits import DEFAULT_LIMITS, MAX_SIZE, MAX_VERSION, Limits

STATUSES = ("published", "corrected", "retracted")
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")
HTML_TYPE = "text/html"
ROLES = ("body", "image")

ARTICLE_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\Z")
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}\Z")
HEX64_RE = re.compile(r"^[0-9a-f]{64}\Z")
# Body HTML names its images by content: <img src="sha256:<64 hex>">.
BLOB_URL_PREFIX = "sha256:"

MAX_TEXT = {"title": 1_000, "byline": 1_000, "summary": 10_000, "source_url": 4_000}
MAX_TAGS = 64
MAX_TAG_CHARS = 100
MAX_FILES = 1_000


# What bundle text never holds (docs/format.md section 8, "Text fields"): characters
# that control a terminal (C0 but tab and line feed, DEL, C1), break a line (U+2028,
# U+2029), or reorder or hide the text around them (bidi embeddings, overrides and
# isolates, deprecated format controls, interlinear annotations); lone surrogates.
# Allowed: ZWNJ and ZWJ (Persian spelling needs ZWNJ), LRM, RLM and ALM (marks that
# act as one strong letter, as any Arabic or Latin letter would).
FORBIDDEN_IN_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u206f\ufff9-\ufffb"
    "\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\t\n]")  # allowed in multi-line text (the summary) only


def _problem(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char in "\t\n":
        kind = "a tab" if char == "\t" else "a line break"
        return f"{kind} ({code}); it must be one line of text"
    if char <= "\x1f" or "\x7f" <= char <= "\x9f":
        return f"the control character {code}"
    if char in "\u2028\u2029":
        return f"a line or paragraph separator ({code})"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return f"the bidirectional control {code}, which can reorder the text around it"
    if "\ud800" <= char <= "\udfff":
        return f"a lone surrogate ({code})"
    return f"the invisible format character {code}"


def check_text(value: object, name: str, limit: int, *, required: bool = False,
               multiline: bool = False) -> str:
    """A text field is a string without control, line-breaking or bidi control characters.

    Single-line fields (names, titles, bylines, tags) hold no tab or line feed either;
    `multiline` fields (the summary) may.
    """
    if not isinstance(value, str):
        raise FormatError(f"{name} must be a string")
    if required and not value.strip():
        raise FormatError(f"{name} is empty")
    if len(value) > limit:
        raise FormatError(f"{name} is longer than {limit} characters")
    bad = FORBIDDEN_IN_TEXT.search(value) or (None if multiline else _LINE_BREAKS.search(value))
    if bad:
        raise FormatError(f"{name} contains {_problem(bad.group())}")
    return value


def check_int(value: object, name: str, low: int, high: int) -> int:
    """An integer field within its documented range (a bool, or a number with a
    fraction or an exponent, is not an integer)."""
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise FormatError(f"{name} must be an integer from {low:,} to {high:,}")
    return value


def check_article_id(value: object) -> str:
    if not isinstance(value, str) or not ARTICLE_ID_RE.match(value):
        raise FormatError(
            f"article id {value!r} must be 1-128 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return value


def check_language(value: object) -> str:
    if not isinstance(value, str) or not LANGUAGE_RE.match(value):
        raise FormatError(f"language {value!r} is not a BCP 47 tag such as 'en' or 'fa-IR'")
    return value


def blob_url(sha256: str) -> str:
    return BLOB_URL_PREFIX + sha256


@dataclass(frozen=True)
class FileRef:
    sha256: str
    size: int
    media_type: str
    role: str

    def __post_init__(self) -> None:
        if not isinstance(self.sha256, str) or not HEX64_RE.match(self.sha256):
            raise FormatError("a file's sha256 must be 64 lowercase hex digits")
        check_int(self.size, "a file's size", 0, MAX_SIZE)
        if self.role not in ROLES:
            raise FormatError(f"unknown file role {self.role!r}")
        allowed = (HTML_TYPE,) if self.role == "body" else IMAGE_TYPES
        if self.media_type not in allowed:
            raise FormatError(f"media type {self.media_type!r} is not allowed for a {self.role}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "size": self.size,
            "media_type": self.media_type,
            "role": self.role,
        }

    @classmethod
    def from_dict(cls, data: Any) -> FileRef:
        if not isinstance(data, dict) or set(data) != {"sha256", "size", "media_type", "role"}:
            raise FormatError("a file entry needs exactly sha256, size, media_type and role")
        return cls(data["sha256"], data["size"], data["media_type"], data["role"])


@dataclass(frozen=True)
class ArticlePayload:
    publisher: str
    article_id: str
    version: int
    language: str
    title: str
    body: str
    files: tuple[FileRef, ...]
    status: str = "published"
    issued: str = ""
    byline: str = ""
    summary: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    source_url: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.publisher, str) or not HEX64_RE.match(self.publisher):
            raise FormatError("publisher must be a 64-hex-digit publisher id")
        check_article_id(self.article_id)
        check_int(self.version, "version", 1, MAX_VERSION)
        if self.status not in STATUSES:
            raise FormatError(f"status {self.status!r} is not one of {', '.join(STATUSES)}")
        check_language(self.language)
        check_text(self.title, "title", MAX_TEXT["title"], required=True)
        for name in ("byline", "summary", "source_url"):
            check_text(getattr(self, name), name, MAX_TEXT[name], multiline=name == "summary")
        check_text(self.issued, "issued", 64)
        if not isinstance(self.tags, tuple) or len(self.tags) > MAX_TAGS:
            raise FormatError(f"at most {MAX_TAGS} tags")
        for tag in self.tags:
            check_text(tag, "tag", MAX_TAG_CHARS, required=True)
        if len(set(self.tags)) != len(self.tags):
            raise FormatError("a tag is listed twice")
        if len(self.files) > MAX_FILES:
            raise FormatError(f"more than {MAX_FILES} files")
        hashes = [f.sha256 for f in self.files]
        if len(set(hashes)) != len(hashes):
            raise FormatError("a file is listed twice")
        bodies = [f for f in self.files if f.role == "body"]
        if len(bodies) != 1 or bodies[0].sha256 != self.body:
            raise FormatError("files must list the body exactly once, with role 'body'")

    @property
    def key(self) -> str:
        """`<publisher>/<article id>`: the identity versions share."""
        return f"{self.publisher}/{self.article_id}"

    @property
    def entry_name(self) -> str:
        return f"articles/{self.publisher}/{self.article_id}/{self.version}.dsse.json"

    @property
    def body_file(self) -> FileRef:
        return next(f for f in self.files if f.role == "body")

    @property
    def images(self) -> tuple[FileRef, ...]:
        return tuple(f for f in self.files if f.role == "image")

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "article",
            "publisher": self.publisher,
            "article_id": self.article_id,
            "version": self.version,
            "status": self.status,
            "issued": self.issued,
            "language": self.language,
            "title": self.title,
            "byline": self.byline,
            "summary": self.summary,
            "tags": list(self.tags),
            "source_url": self.source_url,
            "body": self.body,
            "files": [f.to_dict() for f in self.files],
        }

    def to_bytes(self) -> bytes:
        return jsonio.dumps(self.to_dict())

    @classmethod
    def from_payload(cls, payload: bytes, limits: Limits = DEFAULT_LIMITS) -> ArticlePayload:
        data = jsonio.loads(payload, cap=limits.envelope_bytes, what="article")
        if not isinstance(data, dict) or data.get("type") != "article":
            raise FormatError("payload is not an article")
        expected = set(cls.__dataclass_fields__) | {"type"}
        unknown = set(data) - expected
        if unknown:
            raise FormatError(f"article has unknown fields {sorted(unknown)}")
        missing = {"publisher", "article_id", "version", "language", "title", "body", "files"}
        missing -= set(data)
        if missing:
            raise FormatError(f"article is missing {sorted(missing)}")
        tags = data.get("tags", [])
        files = data["files"]
        if not isinstance(tags, list) or not isinstance(files, list):
            raise FormatError("tags and files must be lists")
        return cls(
            publisher=data["publisher"],
            article_id=data["article_id"],
            version=data["version"],
            language=data["language"],
            title=data["title"],
            body=data["body"],
            files=tuple(FileRef.from_dict(f) for f in files),
            status=data.get("status", "published"),
            issued=data.get("issued", ""),
            byline=data.get("byline", ""),
            summary=data.get("summary", ""),
            tags=tuple(tags),
            source_url=data.get("source_url", ""),
        )


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)
