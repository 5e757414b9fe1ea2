"""Stable article ids: the same source entry gets the same id every time it is packed.

An id is a readable slug plus a short hash, both taken from one stable key
(a feed entry's guid, else its link; a page's canonical address, else its
file name; a Markdown file's path), never from its title: a corrected title
must keep the article's id, so the correction supersedes the old text.

    https://example.com/news/2024/05/protests-in-almaty?utm_source=rss
    -> protests-in-almaty-3f9a1c0b7d2e

Ids match `^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$` (bundles.article.ARTICLE_ID_RE).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from bundles.article import ARTICLE_ID_RE

HASH_CHARS = 12  # 48 bits: collisions stay unlikely for millions of articles per publisher
SLUG_CHARS = 60
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|yclid|mc_cid|mc_eid|ref|rss)$", re.IGNORECASE)
_GENERIC = {"index", "default", "article", "articles", "news", "story", "post", "posts",
            "view", "item", "html", "htm", "php", "aspx", "amp"}


def slugify(text: str, limit: int = SLUG_CHARS) -> str:
    """Lowercase ASCII letters and digits joined by '-', at most `limit` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit]
        if "-" in slug[limit // 2:]:
            slug = slug[: slug.rindex("-")]
        slug = slug.strip("-")
    return slug


def normalize_link(url: str) -> str:
    """A link as a key: no fragment, no tracking parameters, lowercase scheme and host."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.scheme.lower() not in ("http", "https"):
        return url
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def _readable(key: str) -> str:
    """A slug for the key: the meaningful end of a URL path, or of an opaque guid."""
    try:
        parts = urlsplit(key)
    except ValueError:
        parts = None
    if parts is not None and parts.scheme.lower() in ("http", "https") and parts.netloc:
        segments = [s for s in unquote(parts.path).split("/") if s]
        words: list[str] = []
        for segment in reversed(segments):
            stem = re.sub(r"\.(s?html?|php|aspx?|jsp|md)$", "", segment, flags=re.IGNORECASE)
            slug = slugify(stem)
            if not slug or slug in _GENERIC:
                continue
            words.insert(0, slug)
            if not slug.isdigit():
                break  # a word-bearing segment is enough; a bare number needs its parent
            if len(words) >= 2:
                break
        slug = "-".join(words)
        if slug:
            return slugify(slug)
        query = dict(parse_qsl(parts.query))
        for name in ("id", "p", "story", "article", "news"):
            if name in query:
                return slugify(f"{name}-{query[name]}")
        return slugify(parts.hostname or "")
    # tag:example.com,2005:item-123, urn:uuid:..., plain guids: the last segment
    tail = re.split(r"[:/#?=]", key.rstrip("/:"))[-1]
    return slugify(tail) if len(tail) < 80 else ""


def stable_id(key: str, slug_hint: str | None = None) -> str:
    """A readable, stable article id for a source key.

    `slug_hint` is used for the readable part when the key has none (a file
    path, say); it must be as stable as the key.
    """
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:HASH_CHARS]
    slug = slugify(slug_hint) if slug_hint is not None else _readable(key)
    if slug == digest or not slug:
        return digest
    article_id = f"{slug}-{digest}"
    assert ARTICLE_ID_RE.match(article_id), article_id
    return article_id


def entry_key(guid: str, link: str, fallback: str) -> str:
    """The key a feed entry is known by: its guid, else its link, else `fallback`."""
    guid = (guid or "").strip()
    if guid:
        return normalize_link(guid) if re.match(r"^https?://", guid, re.IGNORECASE) else guid
    if link and link.strip():
        return normalize_link(link)
    return fallback


def path_id(relative: str) -> str:
    """An id for a file known by its path inside the input (`en/2026/hello.md`)."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,6}$", "", relative.replace("\\", "/"))
    plain = re.sub(r"[^A-Za-z0-9._-]+", "-", stem.replace("/", "-")).strip("-._")
    if plain and ARTICLE_ID_RE.match(plain) and plain == stem.replace("/", "-"):
        return plain
    return stable_id("path:" + relative, slug_hint=stem)
