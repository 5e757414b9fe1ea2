"""`satchel pack --from-html FILE_OR_DIR...`: saved web pages as articles.

Accepted: a page saved by a browser ("Web page, complete": `Name.html` plus
its `Name_files/` folder), a single `.html`/`.htm`, or an `.mhtml`/`.mht`
archive (MIME multipart/related, parts named by Content-Location, read with
the standard `email` package). Folders are searched recursively; resource
folders (`*_files`) are not taken as pages.

trafilatura finds the main text (no navigation, ads, asides or comments) and
the title, author, date, description and tags; the language comes from
`<html lang>` (or the page's content-language / og:locale), else `--lang`.
The page's own images are kept: files inside the input folder or parts of the
MHTML file. Everything runs offline: trafilatura is given text, never a URL,
and images named by web address are dropped unless `--fetch` was given.
"""

from __future__ import annotations

import codecs
import email
import email.errors
import email.policy
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nh3

from bundles.errors import SourceError
from bundles.limits import DEFAULT_LIMITS, Limits, MiB
from bundles.pack import ArticleDraft
from bundles.source import outside_links, real_path
from reader.folders import walk_files

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
    parse_issued,
    shorten,
    tiny_images,
)
from .fetch import Fetcher
from .ids import normalize_link, path_id, stable_id

PAGE_BYTES = 32 * MiB
MHTML_BYTES = 256 * MiB
MHTML_PARTS = 5_000
MIN_TEXT = 25  # characters: less is a menu or a "Home" link, not an article
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
MHTML_SUFFIXES = (".mhtml", ".mht")
_RESOURCE_DIR = re.compile(r"(_files|\.files|-Dateien|_archivos|_fichiers)$", re.IGNORECASE)


# ------------------------------------------------------------------ reading pages


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Bytes of a page as text: BOM, the declared or <meta> charset, UTF-8, then a guess."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    candidates = []
    if declared:
        candidates.append(declared)
    meta = re.search(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]{1,40})",
                     data[:16384], re.IGNORECASE)
    if meta:
        candidates.append(meta.group(1).decode("ascii"))
    for name in candidates:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        if codec in ("utf-16-le", "utf-16-be", "utf-16", "utf-32"):
            codec = "utf-8"  # a page that says utf-16 but has no BOM is ASCII-compatible
        return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes  # trafilatura's own dependency

        best = from_bytes(data[: 2 * MiB]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace")
    except Exception:  # pragma: no cover - a guess is only a guess
        pass
    return data.decode("utf-8", errors="replace")


class _Head(HTMLParser):
    """The few facts of a page's head trafilatura does not give: language, address."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.language = ""
        self.meta_language = ""
        self.locale = ""
        self.canonical = ""
        self.og_url = ""
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            name = (values.get("http-equiv") or values.get("name") or values.get("property")
                    or "").lower()
            content = values.get("content", "")
            if name in ("content-language", "language", "dc.language") and content:
                self.meta_language = self.meta_language or content.split(",")[0]
            elif name == "og:locale" and content:
                self.locale = self.locale or content
            elif name == "og:url" and content:
                self.og_url = self.og_url or content
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href", "")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


_HTML_TAG = re.compile(r"<html\b([^>]{0,4000})>", re.IGNORECASE)
_LANG_ATTRIBUTE = re.compile(
    r"""(?:^|\s)(xml:lang|lang)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


def read_head(html: str) -> _Head:
    """The head's facts. nh3 (html5ever) parses the stranger's markup first, keeping
    only meta, link and title: html.parser dies on some markup (`<![>`, AssertionError),
    never on what nh3 writes. `<html lang>` is one attribute of one tag: a regex."""
    end = re.search(r"<body[\s>]", html[:1_000_000], re.IGNORECASE)
    raw = html[: end.start() if end else 200_000]
    head = _Head()
    head.feed(nh3.clean(raw, tags={"meta", "link", "title"}, clean_content_tags=set(),
                        attributes={"meta": {"name", "http-equiv", "property", "content"},
                                    "link": {"rel", "href"}},
                        url_relative="pass_through", link_rel=None, strip_comments=True))
    head.close()
    tag = _HTML_TAG.search(raw)
    if tag is not None:
        found = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                 for m in _LANG_ATTRIBUTE.finditer(tag.group(1))}
        head.language = found.get("lang") or found.get("xml:lang", "")
    return head


def _saved_from(html: str) -> str:
    """The address in the `<!-- saved from url=(0042)https://... -->` browsers write."""
    match = re.search(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", html[:4096], re.IGNORECASE)
    return match.group(1) if match else ""


@dataclass
class SavedPage:
    html: str
    location: str  # the page's own web address, if known
    parts: dict[str, bytes] | None  # MHTML parts by Content-Location and cid:


def read_mhtml(path: Path) -> SavedPage:
    size = path.stat().st_size
    if size > MHTML_BYTES:
        raise Refused(f"is {size:,} bytes, over the {MHTML_BYTES // MiB} MiB cap")
    try:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32)
        return _saved_page(message)
    except (RecursionError, LookupError, ValueError, email.errors.MessageError) as exc:
        raise Refused(f"cannot be read as MHTML ({exc.__class__.__name__})") from None


def _saved_page(message: Message) -> SavedPage:
    location = one_line(message.get("Snapshot-Content-Location", "") or "")
    html_part: Message | None = None
    parts: dict[str, bytes] = {}
    for count, part in enumerate(message.walk()):
        if count > MHTML_PARTS:
            raise Refused(f"has more than {MHTML_PARTS} parts")
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        part_location = one_line(part.get("Content-Location", "") or "")
        if kind == "text/html":
            if html_part is None or (location and part_location == location
                                     and html_part.get("Content-Location") != location):
                html_part = part
            continue
        if not kind.startswith("image/"):
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or len(payload) > DEFAULT_LIMITS.image_bytes:
            continue
        if part_location:
            parts.setdefault(part_location, payload)
        content_id = one_line(part.get("Content-ID", "") or "").strip("<>")
        if content_id:
            parts.setdefault("cid:" + content_id, payload)
    if html_part is None:
        raise Refused("has no HTML page among its parts (is it an MHTML file?)")
    raw = html_part.get_payload(decode=True)
    if not isinstance(raw, bytes) or not raw.strip():
        raise Refused("its HTML part is empty")
    if len(raw) > PAGE_BYTES:
        raise Refused(f"its page is over the {PAGE_BYTES // MiB} MiB cap")
    html = decode_html(raw, html_part.get_content_charset())
    return SavedPage(html=html, location=location or one_line(
        html_part.get("Content-Location", "") or ""), parts=parts)


def read_html(path: Path) -> SavedPage:
    size = path.stat().st_size
    if size > PAGE_BYTES:
        raise Refused(f"is {size:,} bytes, over the {PAGE_BYTES // MiB} MiB cap")
    with path.open("rb") as handle:
        data = handle.read(PAGE_BYTES + 1)
    return SavedPage(html=decode_html(data), location="", parts=None)


# ------------------------------------------------------------------ extraction


def extract(html: str) -> tuple[Any, str]:
    """trafilatura, offline: (document with metadata, main text as HTML)."""
    import trafilatura  # imported here: it takes a second, and feeds do not need it

    # trafilatura's document is a Document or a dict, by an option: Any.
    build_html_output: Callable[[Any], str] | None
    try:  # what trafilatura.extract(output_format="html") uses; saves a second pass
        from trafilatura.htmlprocessing import build_html_output as html_output
        build_html_output = html_output
    except ImportError:  # pragma: no cover - other trafilatura versions
        build_html_output = None
    options: dict[str, Any] = {
        "with_metadata": True, "include_images": True, "include_links": True,
        "include_formatting": True, "include_tables": True, "include_comments": False,
        "date_extraction_params": {"extensive_search": False, "original_date": True},
    }
    document: Any = None
    for recall in (False, True):
        document = trafilatura.bare_extraction(html, favor_recall=recall, output_format="python",
                                               **options)
        if document is not None and (getattr(document, "text", "") or "").strip():
            break
    if document is None or not (getattr(document, "text", "") or "").strip():
        return document, ""
    if build_html_output is not None:
        body = build_html_output(document)
    else:  # pragma: no cover
        body = trafilatura.extract(html, output_format="html", **options) or ""
    return document, body


def _drop_title_heading(body: str, title: str) -> str:
    """Pages repeat their title as the first heading; the reader shows the title already."""
    match = re.search(r"<h1[^>]*>(.*?)</h1>", body[:20_000], re.DOTALL)
    if match is None or re.sub(r"</?(html|body)>|\s", "", body[: match.start()]):
        return body
    if html_to_text(match.group(1)) != title:
        return body
    return body[: match.start()] + body[match.end():]


def _page_language(head: _Head) -> tuple[str, str]:
    for value, where in ((head.language, "<html lang>"), (head.meta_language, "content-language"),
                         (head.locale, "og:locale")):
        language = normalize_language(value)
        if language:
            return language, where
    return "", ""


def page_item(path: Path, root: Path, *, lang: str = "", fetcher: Fetcher | None = None,
              limits: Limits = DEFAULT_LIMITS) -> Item:
    label = str(path)
    try:
        real = real_path(path, root)  # a link out of the folder is never followed
        reader = read_mhtml if path.suffix.lower() in MHTML_SUFFIXES else read_html
        page = reader(real)
    except Refused as exc:
        return Item.refuse(label, str(exc))
    except SourceError as exc:
        return Item.refuse(label, exc.reason)
    except OSError as exc:
        return Item.refuse(label, f"cannot be read ({exc.strerror or exc})")
    try:
        head = read_head(page.html)
        document, body = extract(page.html)
    except Exception as exc:  # a third-party parser on a stranger's page: refuse, go on
        return Item.refuse(label, f"cannot be read as a web page ({exc.__class__.__name__})")
    if not body or len(html_to_text(body)) < MIN_TEXT:
        return Item.refuse(label, "no main text found on the page (nothing to read)")
    taken: list[str] = []
    dropped: list[str] = []
    title = clean_title(getattr(document, "title", "") or head.title, dropped)
    if not title:
        return Item.refuse(label, "has no title (neither a heading nor <title>)")
    language, language_from = _page_language(head)
    if not language and lang:
        language, language_from = normalize_language(lang), "--lang"
    if not language:
        return Item.refuse(label, "does not say its language (no <html lang>): give --lang")
    address = ""
    for candidate in (head.canonical, head.og_url, page.location, _saved_from(page.html),
                      getattr(document, "url", "") or ""):
        address = clean_url(candidate)
        if address:
            break
    try:
        issued = parse_issued(getattr(document, "date", "") or "")
    except Refused:
        issued = ""
    body = _drop_title_heading(body, title)
    resolver = ImageResolver(local=LocalFiles(root, path.parent, cap=limits.image_bytes),
                             parts=page.parts, fetcher=fetcher, base=address or page.location,
                             cap=limits.image_bytes)
    attached = attach_images(body, resolver, limits=limits, tiny=tiny_images(page.html))
    dropped += attached.dropped
    relative = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    article_id = stable_id(normalize_link(address)) if address else path_id(relative)
    byline = clean_field(getattr(document, "author", "") or "", "byline", dropped)
    summary = shorten(one_line(getattr(document, "description", "") or ""), SUMMARY_CHARS)
    tag_values = [*(getattr(document, "tags", None) or []),
                  *(getattr(document, "categories", None) or [])]
    tags = clean_tags(tag_values, dropped)
    taken.append("title, main text (trafilatura)")
    taken.append(f"language {language} (from {language_from})")
    taken += [name for name, value in (("byline", byline), (f"date {issued}", issued),
                                       (f"{len(tags)} tag(s)", tags), ("summary", summary),
                                       ("source address", address)) if value]
    if attached.images:
        taken.append(image_note(len(attached.images)))
    draft = ArticleDraft(article_id=article_id, language=language, title=title,
                         body_html=attached.html, images=attached.images, issued=issued,
                         byline=byline, summary=summary, tags=tags, source_url=address)
    return Item(label=label, draft=draft, taken=taken, dropped=dropped)


def _pages_in(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Saved pages under `folder`, not inside a page's `_files` folder (no links, no
    hidden names, 32 levels at most), and the links met that lead out of it."""
    def page(name: str) -> bool:
        return Path(name).suffix.lower() in PAGE_SUFFIXES + MHTML_SUFFIXES

    walk = walk_files(folder, page, enter=lambda name: not _RESOURCE_DIR.search(name))
    return sorted(walk.paths), list(outside_links(walk.links, folder, page))


def page_items(
    paths: Iterable[str | Path],
    *,
    lang: str = "",
    fetcher: Fetcher | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Item]:
    """One `Item` per saved page in the given files and folders."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            pages, links = _pages_in(path)
            for link, reason in links:
                yield Item.refuse(str(link), reason)
            if not pages:
                yield Item.refuse(str(path), "has no saved pages (*.html, *.htm, *.mhtml)")
            for page in pages:
                yield guarded(str(page), page_item, page, path, lang=lang, fetcher=fetcher,
                              limits=limits)
        elif path.is_file():  # named on the command line: where it leads is the input
            real = path.resolve()
            named = real if path.is_symlink() else path
            yield guarded(str(named), page_item, named, real.parent, lang=lang,
                          fetcher=fetcher, limits=limits)
        else:
            yield Item.refuse(str(path), "no such file or folder")
