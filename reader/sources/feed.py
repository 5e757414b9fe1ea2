"""`satchel pack --from-feed FEED...`: RSS 0.9x-2.0, RSS 1.0 and Atom entries as articles.

Each entry becomes one article: title, author, date, language (the entry's,
else the feed's, else `--lang`), tags, summary, the full content where the feed
has it (else the summary), the source link, and the images it references that
exist beside the feed (a saved feed with its files; also a saved mirror laid
out as `<host>/<path>`). Remote images are dropped and listed in the report,
unless `--fetch` was given.

Safety:
- feedparser is only ever given a byte stream we read (`io.BytesIO`): never a
  path or URL it could open or fetch itself (a bare `bytes` argument would be
  tried as a file name first).
- A feed whose DOCTYPE carries an internal subset (where XML entities are
  declared: billion laughs, external entities naming local files) is refused
  before parsing. feedparser's own defences (expat without external entities,
  its amplification limit) are real but not enough: a one-line billion-laughs
  DOCTYPE costs seconds and tens of MB before expat gives up.
- Nothing is fetched unless a `Fetcher` is given (`--fetch`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser

from bundles.limits import DEFAULT_LIMITS, Limits, MiB
from bundles.pack import ArticleDraft

from .common import (
    SUMMARY_CHARS,
    ImageResolver,
    Item,
    LocalFiles,
    Refused,
    attach_images,
    clean_field,
    clean_tags,
    clean_title,
    clean_url,
    guarded,
    html_to_text,
    image_note,
    normalize_language,
    one_line,
    rfc3339_utc,
    shorten,
    text_to_html,
)
from .fetch import Fetcher, FetchError
from .ids import entry_key, stable_id

FEED_BYTES = 128 * MiB
_URL = re.compile(r"^https?://", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_QUOTED = rb"(?:\"[^\"]*\"|'[^']*')"
_DOCTYPE_HEAD = re.compile(
    rb"<!DOCTYPE\s+[^\s\[>]+(?:\s+(?:PUBLIC\s+" + _QUOTED + rb"(?:\s+" + _QUOTED + rb")?"
    rb"|SYSTEM\s+" + _QUOTED + rb"))?\s*(\[|>)",
    re.IGNORECASE,
)


def screen_xml(data: bytes) -> str | None:
    """Why a feed must not be parsed (XML entity declarations), or None."""
    text = data[: 4 * MiB]
    if text.startswith(b"\x4c\x6f\xa7\x94"):  # EBCDIC '<?xm'
        text = text.decode("cp037", "replace").encode("utf-8", "replace")
    text = text.replace(b"\x00", b"")  # UTF-16 and UTF-32 read as ASCII for this purpose
    root = re.search(rb"<[A-Za-z_]", text)
    doctype = re.search(rb"<!DOCTYPE", text, re.IGNORECASE)
    refusal = ("declares XML entities (a DOCTYPE with an internal subset); such feeds can "
               "hide entity-expansion bombs or read local files, so Satchel refuses them")
    if doctype is not None and (root is None or doctype.start() < root.start()):
        head = _DOCTYPE_HEAD.match(text, doctype.start())
        if head is None:
            return "has a DOCTYPE Satchel cannot read safely; refused"
        if head.group(1) == b"[" and not re.match(rb"\s*\]\s*>", text[head.end():]):
            return refusal
    prolog = text[: root.start()] if root is not None else text
    if re.search(rb"<!ENTITY", prolog, re.IGNORECASE):
        return refusal
    return None


def parse_feed(data: bytes, content_type: str = "") -> Any:
    """feedparser on bytes we hold: no URL or path for it to open, no relative-URI rewriting."""
    headers = {"content-type": content_type} if content_type else {}
    return feedparser.parse(io.BytesIO(data), response_headers=headers,
                            resolve_relative_uris=False, sanitize_html=False)


def _read_local(path: Path) -> bytes:
    if not path.is_file():
        raise Refused("no such feed file" if not path.exists() else "is not a file")
    size = path.stat().st_size
    if size > FEED_BYTES:
        raise Refused(f"is {size:,} bytes, over the {FEED_BYTES // MiB} MiB feed cap")
    with path.open("rb") as handle:
        return handle.read(FEED_BYTES + 1)[:FEED_BYTES]


def _when(entry: Any) -> str:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return rfc3339_utc(datetime(*value[:6]).replace(tzinfo=UTC))
            except (TypeError, ValueError, OverflowError):
                continue
    return ""


def _detail_language(entry: Any) -> str:
    for detail in [*entry.get("content", []), entry.get("summary_detail"),
                   entry.get("title_detail")]:
        if detail and detail.get("language"):
            language = normalize_language(detail["language"])
            if language:
                return language
    return normalize_language(entry.get("language") or entry.get("dc_language") or "")


def _body(entry: Any) -> tuple[str, str, str]:
    """(html, what it is, xml:base) of the fullest text the entry carries."""
    best: tuple[int, str, str] | None = None
    for content in entry.get("content", []) or []:
        value = content.get("value") or ""
        kind = (content.get("type") or "text/html").lower()
        html = value if kind in _HTML_TYPES or "html" in kind else text_to_html(value)
        if html.strip() and (best is None or len(html) > best[0]):
            best = (len(html), html, content.get("base") or "")
    if best is not None:
        return best[1], "full text", best[2]
    detail = entry.get("summary_detail") or {}
    value = entry.get("summary") or ""
    if value.strip():
        kind = (detail.get("type") or "text/html").lower()
        html = value if "html" in kind else text_to_html(value)
        return html, "text from the summary (the feed has no full content)", detail.get(
            "base") or ""
    return "", "", ""


def _enclosed_images(entry: Any, body: str) -> list[str]:
    """Image enclosures and media:content images not already in the body."""
    urls: list[str] = []
    for link in entry.get("links", []) or []:
        if link.get("rel") == "enclosure" and (link.get("type") or "").startswith("image/"):
            urls.append(link.get("href") or "")
    for media in entry.get("media_content", []) or []:
        if media.get("medium") == "image" or (media.get("type") or "").startswith("image/"):
            urls.append(media.get("url") or "")
    if not urls:
        thumbnails = entry.get("media_thumbnail", []) or []
        if thumbnails and "<img" not in body.lower():
            urls.append(thumbnails[0].get("url") or "")
    seen: list[str] = []
    for url in urls:
        url = url.strip()
        if url and url not in seen and url not in body:
            seen.append(url)
    return seen


def _leading_text(body: str, chars: int = 400) -> str:
    """The first words of a body: enough to see it is not empty, or to make a title."""
    if not body:
        return ""
    text = html_to_text(body[:16_384], limit=chars)
    if not text and len(body) > 16_384:
        text = html_to_text(body, limit=chars)
    return text


def _byline(entry: Any) -> str:
    names = [one_line(a.get("name") or "") for a in entry.get("authors", []) or []]
    names = [n for n in names if n]
    if names:
        return ", ".join(dict.fromkeys(names))
    return one_line(entry.get("author") or "")


class _FeedContext:
    def __init__(self, label: str, result: Any, resolver: ImageResolver, lang: str,
                 limits: Limits):
        self.label = label
        self.result = result
        self.resolver = resolver
        self.lang = lang
        self.limits = limits
        feed = result.get("feed", {})
        self.feed_language = normalize_language(feed.get("language") or "") or normalize_language(
            (feed.get("title_detail") or {}).get("language") or "")
        self.notes: list[str] = []
        if result.get("bozo"):
            exc = result.get("bozo_exception")
            if isinstance(exc, feedparser.CharacterEncodingOverride):
                self.notes.append(f"feed encoding: {shorten(one_line(exc), 160)}")
            elif exc is not None:
                self.notes.append("feed is not well-formed XML "
                                  f"({shorten(one_line(exc), 120)}); read leniently")


def _entry_item(ctx: _FeedContext, number: int, entry: Any) -> Item:
    label = f"{ctx.label} entry {number}"
    taken: list[str] = []
    dropped: list[str] = []
    raw_title = entry.get("title") or ""
    if "html" in ((entry.get("title_detail") or {}).get("type") or ""):
        raw_title = html_to_text(raw_title)
    title = clean_title(raw_title, dropped)
    named = f"{label} ({shorten(title, 60)!r})" if title else label
    body, body_kind, base = _body(entry)
    enclosures = _enclosed_images(entry, body)
    if enclosures:
        figures = "".join(f'<figure><img src="{_attr(u)}" alt=""></figure>' for u in enclosures)
        body = figures + body
    text = _leading_text(body)
    if not text and "<img" not in body:
        return Item.refuse(named, "has no text (neither content nor summary); nothing to read")
    if not title and not text:
        return Item.refuse(named, "has neither a title nor any text")
    title_note = "title"
    if not title:
        title = shorten(text, 100)
        title_note = "title from the text (the entry has none)"
    taken.append(title_note)
    taken.append(body_kind)
    language = _detail_language(entry)
    language_from = "the entry"
    if not language:
        language, language_from = ctx.feed_language, "the feed"
    if not language:
        language, language_from = ctx.lang, "--lang"
    if not language:
        return Item.refuse(named, "has no language (neither the entry nor the feed says): "
                                  "give --lang")
    guid = one_line(entry.get("id") or "")
    link = clean_url(entry.get("link") or "")
    issued = _when(entry)
    key = entry_key(guid, link, f"title:{title}|{issued}")
    article_id = stable_id(key)
    if base and not ctx.resolver.base:
        resolver = ImageResolver(local=ctx.resolver.local, mirror=ctx.resolver.mirror,
                                 fetcher=ctx.resolver.fetcher, base=base if _URL.match(base)
                                 else "", trusted=ctx.resolver.trusted, cap=ctx.resolver.cap)
    else:
        resolver = ctx.resolver
    attached = attach_images(body, resolver, limits=ctx.limits)
    if not text and not attached.images:
        reasons = "; ".join(attached.dropped)
        return Item.refuse(named, f"has no text, and no image could be taken ({reasons})")
    dropped += attached.dropped
    summary_html = entry.get("summary") or ""
    summary = ""
    if body_kind.startswith("text from the summary"):
        pass  # the summary is the body: the reader would read it twice
    elif summary_html:
        summary = shorten(html_to_text(summary_html, limit=SUMMARY_CHARS), SUMMARY_CHARS)
        if _begins(attached.html, summary):
            dropped.append("summary: the text begins with it; left out so it is not shown "
                           "twice")
            summary = ""
    tags = clean_tags([t.get("term") or t.get("label") or "" for t in entry.get("tags", []) or []],
                      dropped)
    byline = clean_field(_byline(entry), "byline", dropped)
    taken.append(f"language {language} (from {language_from})")
    taken += [name for name, value in (("byline", byline), (f"date {issued}", issued),
                                       (f"{len(tags)} tag(s)", tags), ("summary", summary),
                                       ("source link", link)) if value]
    if attached.images:
        taken.append(image_note(len(attached.images)))
    taken += ctx.notes
    if not guid and not link:
        taken.append("id from the title and date (the entry has no guid or link)")
    draft = ArticleDraft(
        article_id=article_id,
        language=language,
        title=title,
        body_html=attached.html,
        images=attached.images,
        issued=issued,
        byline=byline,
        summary=summary,
        tags=tags,
        source_url=link,
    )
    return Item(label=named, draft=draft, taken=taken, dropped=dropped)


def _begins(body: str, summary: str) -> bool:
    """Whether the body's text begins with the summary (often its first sentence, or
    its first words cut with an ellipsis), ignoring spacing and case."""
    def plain(text: str) -> str:
        return " ".join(text.split()).casefold()

    wanted = plain(summary).removesuffix("…").rstrip(" ,.;:-")
    return bool(wanted) and plain(html_to_text(body, limit=len(summary) + 200)).startswith(wanted)


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def feed_items(
    feeds: Iterable[str],
    *,
    lang: str = "",
    fetcher: Fetcher | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Item]:
    """One `Item` per entry of every feed (or one refusal for a feed that cannot be read)."""
    default_language = normalize_language(lang) if lang else ""
    for given in feeds:
        label = str(given)
        try:
            if _URL.match(label):
                if fetcher is None:
                    raise Refused("is a web address; add --fetch to download it "
                                  "(nothing is downloaded without it)")
                try:
                    fetched = fetcher.get_feed(label)
                except FetchError as exc:
                    raise Refused(f"download failed: {exc.reason}") from None
                data, content_type = fetched.data, fetched.content_type
                resolver = ImageResolver(fetcher=fetcher, base=fetched.final_url,
                                         trusted=(fetched.final_url, label),
                                         cap=limits.image_bytes)
            else:
                path = Path(label)
                data, content_type = _read_local(path), ""
                resolver = ImageResolver(local=LocalFiles(path.parent, cap=limits.image_bytes),
                                         mirror=True, fetcher=fetcher, cap=limits.image_bytes)
            refusal = screen_xml(data)
            if refusal:
                raise Refused(refusal)
            try:
                result = parse_feed(data, content_type)
            except Exception as exc:  # feedparser on a stranger's bytes: refuse, go on
                raise Refused(f"cannot be parsed ({exc.__class__.__name__})") from None
            entries = result.get("entries", [])
            if not entries:
                if result.get("bozo") or not result.get("version"):
                    reason = shorten(one_line(result.get("bozo_exception") or ""), 120)
                    raise Refused("is not an RSS or Atom feed" + (f" ({reason})" if reason else ""))
                raise Refused("has no entries")
        except Refused as exc:
            yield Item.refuse(label, str(exc))
            continue
        except OSError as exc:
            yield Item.refuse(label, f"cannot be read ({exc.strerror or exc})")
            continue
        ctx = _FeedContext(label, result, resolver, default_language, limits)
        for number, entry in enumerate(entries, start=1):
            try:
                # a plain dict: faster look-ups
                yield guarded(f"{label} entry {number}", _entry_item, ctx, number, dict(entry))
            except Refused as exc:
                yield Item.refuse(f"{label} entry {number}", str(exc))
