"""What every front end of `satchel pack` shares.

- `Item`: one article (or one refusal) from a source, with what was taken and
  what was dropped, and whether its version/status were given explicitly.
- Text fields cleaned to what the signed payload accepts (no control
  characters, within the payload's length caps), languages normalised to BCP 47.
- Images: `attach_images` finds the `<img>` sources of a body, gets each one's
  bytes through a resolver (a file inside the input folder, a part of an MHTML
  file, a `data:` URL, or a download when `--fetch` was given), drops what is
  not a real image of an accepted kind (tracking pixels included), and rewrites
  the body so `bundles.pack.prepare_body` finds each image under a local name.
  `LocalFiles` reads only regular files inside its root: `../../etc/passwd`,
  absolute paths, `file:` URLs and symlinks that leave the root get nothing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import html as htmllib
import posixpath
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_to_bytes, urljoin, urlsplit

import nh3

from bundles.article import FORBIDDEN_IN_TEXT, MAX_TAG_CHARS, MAX_TAGS, MAX_TEXT, STATUSES
from bundles.errors import FormatError, SourceError
from bundles.images import image_info
from bundles.limits import DEFAULT_LIMITS, Limits
from bundles.pack import ArticleDraft
from bundles.sanitize import ATTRIBUTES, DROPPED_WITH_CONTENT, READING_TAGS
from bundles.source import real_path

from .fetch import Fetcher, FetchError

TITLE_CHARS = 300  # a longer "title" is a paragraph: cut it at a word
SUMMARY_CHARS = 1_000


class Refused(Exception):
    """A part of the input is not used; the message says why (one line)."""


@dataclass
class Item:
    """One source article: a draft, or the one-line reason it was refused."""

    label: str
    draft: ArticleDraft | None = None
    error: str = ""
    taken: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    explicit_version: bool = False
    explicit_status: bool = False

    @classmethod
    def refuse(cls, label: str, reason: str) -> Item:
        return cls(label=label, error=f"{label}: {reason}")

    def as_source_item(self) -> tuple[str, ArticleDraft | None, list[str], str, list[str]]:
        return self.label, self.draft, self.dropped, self.error, self.taken


def guarded(label: str, make: Callable[..., Item], *args: Any, **kwargs: Any) -> Item:
    """`make(*args, **kwargs)`, or a refusal when a parser fails on a stranger's input
    in a way nobody foresaw: that one article is refused with the reason, the rest pack."""
    try:
        return make(*args, **kwargs)
    except MemoryError:
        raise
    except Exception as exc:
        return Item.refuse(label, f"cannot be read ({type(exc).__name__}: {shorten(str(exc), 120)})")


# ------------------------------------------------------------------ text fields

_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u206f\ufff9-\ufffb]")  # bidi and format controls


def one_line(text: object) -> str:
    """Plain single-line text as the payload takes it: bidi and format controls gone,
    other controls and line breaks a space, whitespace collapsed, NFC."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if FORBIDDEN_IN_TEXT.search(text):
        text = FORBIDDEN_IN_TEXT.sub(" ", _INVISIBLE.sub("", text))
    return unicodedata.normalize("NFC", " ".join(text.split()))


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-") + "…"


def html_to_text(html: str, limit: int | None = None) -> str:
    """The text of an HTML fragment, as one line (scripts and styles dropped).

    With `limit`, only about the first `limit` characters are worth having (a
    summary, a title): the rest is not normalised, which keeps long bodies cheap.
    """
    if "<" not in html and "&" not in html:
        text = html
    else:
        text = htmllib.unescape(nh3.clean(html, tags=set(), clean_content_tags=DROPPED_WITH_CONTENT,
                                          strip_comments=True))
    if limit is not None and len(text) > 4 * limit:
        text = text[: 4 * limit]
    return one_line(text)


def text_to_html(text: str) -> str:
    """Plain text (a feed's text/plain content) as paragraphs."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(htmllib.escape(line) for line in p.splitlines()) + "</p>"
        for p in paragraphs
    )


def clean_title(value: object, notes: list[str]) -> str:
    title = one_line(value)
    if len(title) > TITLE_CHARS:
        notes.append(f"title shortened from {len(title)} characters")
        title = shorten(title, TITLE_CHARS)
    return title


def clean_field(value: object, name: str, notes: list[str], limit: int | None = None) -> str:
    text = one_line(value)
    limit = limit or MAX_TEXT[name]
    if len(text) > limit:
        notes.append(f"{name} shortened from {len(text)} characters")
        text = shorten(text, limit)
    return text


def clean_tags(values: object, notes: list[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [v for v in values.split(",")]
    if not isinstance(values, list | tuple):
        return ()
    tags: list[str] = []
    for value in values:
        tag = one_line(value)
        if not tag:
            continue
        if len(tag) > MAX_TAG_CHARS:
            notes.append(f"tag {shorten(tag, 40)!r}: longer than {MAX_TAG_CHARS} characters")
            continue
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        notes.append(f"{len(tags) - MAX_TAGS} tag(s) beyond the first {MAX_TAGS}")
        tags = tags[:MAX_TAGS]
    return tuple(tags)


def clean_url(value: object) -> str:
    """An http(s) address for `source_url`, or nothing."""
    url = one_line(value)
    if not url or len(url) > MAX_TEXT["source_url"]:
        return ""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    return url if scheme in ("http", "https") else ""


def clean_status(value: object) -> str:
    status = one_line(value).lower()
    if status not in STATUSES:
        raise Refused(f"status {status!r} is not one of {', '.join(STATUSES)}")
    return status


_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$")


def normalize_language(value: object) -> str:
    """`en_us`, `EN-us`, `fa-ir` -> `en-US`, `fa-IR`; '' when it is not a language tag."""
    if not isinstance(value, str):
        return ""
    tag = value.strip().replace("_", "-")
    if "." in tag:  # en_US.UTF-8
        tag = tag.split(".", 1)[0]
    if not _LANGUAGE.match(tag):
        return ""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            out.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        else:
            out.append(part.lower())
    return "-".join(out)


def rfc3339_utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_issued(value: object) -> str:
    """A date or RFC 3339 time as the payload's `issued`; Refused when unreadable."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return rfc3339_utc(value)
    if hasattr(value, "isoformat"):  # datetime.date
        return value.isoformat()  # type: ignore[no-any-return]
    text = one_line(value)
    try:
        if len(text) == 10:
            return datetime.strptime(text, "%Y-%m-%d").date().isoformat()
        return rfc3339_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError as exc:
        raise Refused(f"date {text!r} is not an RFC 3339 date such as 2026-01-31") from exc


# ------------------------------------------------------------------ images


class LocalFiles:
    """Regular files inside `root`, named relative to `folder` (inside root)."""

    def __init__(self, root: Path, folder: Path | None = None, cap: int = DEFAULT_LIMITS.image_bytes):
        self.root = root.resolve()
        self.folder = (folder or root).resolve()
        self.cap = cap

    def read(self, reference: str) -> bytes:
        """Bytes of the file a relative reference names; Refused, or FileNotFoundError."""
        if "\\" in reference or "\x00" in reference:
            raise Refused("not a plain relative path; not read")
        raw = reference.split("#", 1)[0].split("?", 1)[0]
        candidates = [raw] + ([unquote(raw)] if "%" in raw else [])
        for index, path in enumerate(candidates):
            try:
                return self._read(path)
            except FileNotFoundError:
                if index == len(candidates) - 1:
                    raise
        raise FileNotFoundError(reference)

    def _read(self, path: str) -> bytes:
        if not path or path.startswith("/") or re.match(r"^[A-Za-z]:", path) or "\x00" in path:
            raise Refused("an absolute path; only files beside the input are read")
        try:
            resolved = real_path(self.folder / posixpath.normpath(path), self.root)
        except SourceError as exc:
            raise Refused(exc.reason) from None
        if not resolved.is_file():
            raise FileNotFoundError(path)
        size = resolved.stat().st_size
        if size > self.cap:
            raise Refused(f"{size:,} bytes, over the {self.cap:,}-byte image cap")
        with resolved.open("rb") as handle:
            data = handle.read(self.cap + 1)
        if len(data) > self.cap:
            raise Refused(f"over the {self.cap:,}-byte image cap")
        return data


def decode_data_url(src: str, cap: int) -> bytes:
    """The bytes of a `data:image/...` URL (base64 or percent-encoded)."""
    header, _, payload = src.partition(",")
    if not header.lower().startswith("data:image/"):
        raise Refused("a data: URL that is not an image")
    if len(payload) > cap * 4 // 3 + 16:
        raise Refused(f"a data: URL over the {cap:,}-byte image cap")
    try:
        if header.lower().endswith(";base64"):
            return base64.b64decode(re.sub(r"\s+", "", unquote(payload)), validate=True)
        return unquote_to_bytes(payload)
    except (binascii.Error, ValueError) as exc:
        raise Refused("a data: URL that does not decode") from exc


@dataclass
class ImageResolver:
    """Where the images of one article may come from, in order of preference.

    local:   files inside the input (relative references; also a saved mirror
             `<root>/<host>/<path>` for absolute ones when `mirror` is set)
    parts:   an MHTML file's parts, by absolute Content-Location or cid:
    fetcher: downloads, only with --fetch
    base:    the address relative references are relative to on the web
    """

    local: LocalFiles | None = None
    mirror: bool = False
    parts: dict[str, bytes] | None = None
    fetcher: Fetcher | None = None
    base: str = ""
    trusted: tuple[str, ...] = ()
    cap: int = DEFAULT_LIMITS.image_bytes

    def __call__(self, src: str) -> bytes:
        src = src.strip()
        if not src:
            raise Refused("empty image address")
        if src.lower().startswith("data:"):
            return decode_data_url(src, self.cap)
        try:
            parts = urlsplit(src)
            scheme = parts.scheme.lower()
        except ValueError as exc:
            raise Refused("not a valid address") from exc
        if scheme == "file":
            raise Refused("a file: address; local files are read only beside the input")
        if scheme == "cid" and self.parts is not None:
            found = self.parts.get(src) or self.parts.get("cid:" + unquote(src[4:]))
            if found is None:
                raise Refused("not among the saved page's parts")
            return found
        if scheme and scheme not in ("http", "https"):
            raise Refused(f"a {scheme}: address")
        relative = not scheme and not src.startswith("//")
        if relative and src.startswith("/") and (self.base or self.parts is not None):
            relative = False  # a site-absolute path: an address on the page's own site
        if relative and self.local is not None:
            try:
                return self.local.read(src)
            except FileNotFoundError:
                if not self.base and self.parts is None:
                    raise Refused("no such file beside the input") from None
        if self.base:
            absolute = urljoin(self.base, src)
        else:
            absolute = "https:" + src if src.startswith("//") else src
        if self.parts is not None:
            for key in (absolute, src):
                if key in self.parts:
                    return self.parts[key]
        if urlsplit(absolute).scheme.lower() not in ("http", "https"):
            raise Refused("no such file beside the input")
        if self.mirror and self.local is not None:
            mirrored = self._mirrored(absolute)
            if mirrored is not None:
                return mirrored
        if self.fetcher is None:
            raise Refused("a remote image; not downloaded (pack with --fetch to download it)")
        try:
            return self.fetcher.get(absolute, cap=self.cap, trusted=self.trusted,
                                    accept="image/webp,image/png,image/jpeg,image/gif").data
        except FetchError as exc:
            raise Refused(f"download failed: {exc.reason}") from None

    def _mirrored(self, url: str) -> bytes | None:
        assert self.local is not None
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        path = unquote(parts.path).lstrip("/")
        if not host or not path or "\\" in path:
            return None
        try:
            return LocalFiles(self.local.root, self.local.root, self.cap).read(f"{host}/{path}")
        except (Refused, FileNotFoundError, OSError):
            return None


@dataclass
class AttachedImages:
    html: str
    images: dict[str, bytes]
    dropped: list[str]


class _ImageTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, tuple[str, str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "img":
            return
        values = {k: v or "" for k, v in attrs}
        src = values.get("src", "")
        if src and src not in self.found:
            self.found[src] = (values.get("width", ""), values.get("height", ""))


_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}


def _tiny(width: str, height: str) -> bool:
    try:
        return int(width.strip().rstrip("px")) <= 3 and int(height.strip().rstrip("px")) <= 3
    except ValueError:
        return False


def _short(src: str) -> str:
    return repr(src if len(src) <= 120 else src[:117] + "...")


IMAGE_SCHEMES = {"http", "https", "data", "file", "cid"}  # sources an image may come from


def _image_tags(html: str) -> dict[str, tuple[str, str]]:
    """Each `<img>` source with its width and height. nh3 (html5ever) parses the
    stranger's markup first: html.parser dies on some of it (`<![>`, AssertionError),
    never on what nh3 writes."""
    images_only = nh3.clean(html, tags={"img"}, attributes={"img": {"src", "width", "height"}},
                            url_schemes=IMAGE_SCHEMES, url_relative="pass_through",
                            link_rel=None, strip_comments=True)
    collector = _ImageTags()
    collector.feed(images_only)
    collector.close()
    return collector.found


def tiny_images(html: str) -> set[str]:
    """Sources of images marked up as at most 3x3 pixels: tracking pixels."""
    if "<img" not in html.lower():
        return set()
    return {src for src, (w, h) in _image_tags(html).items() if _tiny(w, h)}


_IMG = re.compile(r"<img", re.IGNORECASE)
_NO_SOURCE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def attach_images(
    html: str,
    resolve: Callable[[str], bytes],
    *,
    limits: Limits = DEFAULT_LIMITS,
    tiny: set[str] | frozenset[str] = frozenset(),
) -> AttachedImages:
    """Resolve every `<img src>` and point it at a local name `prepare_body` will find.

    Images that cannot be taken are removed, and listed in `dropped` with the reason.
    `tiny` names sources known (from the original page) to be tracking pixels.
    """
    if _IMG.search(html) is None:
        return AttachedImages(html, {}, [])
    found = _image_tags(html)
    mapping: dict[str, str] = {}
    images: dict[str, bytes] = {}
    dropped: list[str] = []
    for src, (width, height) in found.items():
        if _tiny(width, height) or src in tiny:
            dropped.append(f"image {_short(src)}: a tracking pixel; not taken")
            continue
        try:
            data = resolve(src)
            info = image_info(data)
        except Refused as exc:
            dropped.append(f"image {_short(src)}: {exc}")
            continue
        except FormatError as exc:
            dropped.append(f"image {_short(src)}: {exc.reason}")
            continue
        except OSError as exc:
            dropped.append(f"image {_short(src)}: cannot be read ({exc.strerror or exc})")
            continue
        if info.width <= 3 and info.height <= 3:
            dropped.append(f"image {_short(src)}: a tracking pixel; not taken")
            continue
        if len(data) > limits.image_bytes or info.pixels > limits.image_pixels:
            dropped.append(f"image {_short(src)}: larger than readers accept")
            continue
        digest = hashlib.sha256(data).hexdigest()
        name = f"images/{digest[:32]}.{_EXTENSIONS[info.media_type]}"
        mapping[src] = name
        images[name] = data

    def rewrite(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return mapping.get(value)
        if tag == "a" and attribute == "href":
            return value if value.strip().lower().startswith(("http://", "https://")) else None
        return value

    rewritten = nh3.clean(
        html,
        tags=READING_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=rewrite,
        url_schemes=IMAGE_SCHEMES,
        url_relative="pass_through",
        link_rel=None,
        strip_comments=True,
    )
    return AttachedImages(_NO_SOURCE.sub("", rewritten), images, dropped)


def image_note(count: int) -> str:
    return f"{count} image{'s' if count != 1 else ''}"
