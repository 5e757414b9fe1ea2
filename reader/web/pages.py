"""The pages: home, search, article, its images, bundle downloads (Datasette's views).

Each view takes a `Request` and a read-only `Library` and returns a `Response`;
nothing here knows about sockets or threads (`app.py` does). Every piece of
text that came in a bundle reaches the page through Jinja2's autoescaping, in a
bidi isolate (`<bdi>`, or an element with its own `dir`); the two pieces of
markup that are not escaped are the library's sanitized article HTML (with its
image sources rewritten to our image route) and search highlights, whose text is
escaped again here so that only the highlighter's `<b>` survives, as `<mark>`.
"""

from __future__ import annotations

import html
import re
import struct
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from bundles.article import ARTICLE_ID_RE
from bundles.errors import FormatError, SatchelError
from bundles.images import image_info
from bundles.sanitize import rewrite_images
from reader import pictures
from reader.errors import NotFound
from reader.languages import is_rtl
from reader.records import ArticleFilter, ArticleRow, TrustState

from . import i18n
from .config import ServeConfig

if TYPE_CHECKING:
    from reader.library import Library

PUBLISHER = r"[0-9a-f]{64}"
# The format's article id rule without its anchors (`^`, `$` or `\A`, `\Z`), to sit
# inside the routes.
ARTICLE = re.sub(r"^(\^|\\A)|(\$|\\Z)$", "", ARTICLE_ID_RE.pattern)
SHA256 = r"[0-9a-f]{64}"
KEY_RE = re.compile(rf"^({PUBLISHER})/({ARTICLE})$")


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    ui: i18n.Messages
    set_ui_cookie: bool = False
    query_string: str = ""

    def arg(self, name: str) -> str:
        values = self.query.get(name)
        return values[0] if values else ""


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)
    cacheable: bool = False  # only the stylesheet: pages and images are never kept


class HttpError(Exception):
    def __init__(self, status: int, message_key: str, detail: str = ""):
        super().__init__(message_key)
        self.status = status
        self.message_key = message_key
        self.detail = detail


def article_url(publisher: str, article_id: str) -> str:
    return f"/article/{publisher}/{quote(article_id, safe='')}"


def image_url(publisher: str, article_id: str, sha256: str) -> str:
    return f"{article_url(publisher, article_id)}/image/{sha256}"


def direction(language: str) -> str:
    return "rtl" if is_rtl(language) else "ltr"


_MARK = re.compile(r"(</?b>)")


def highlighted(fragment: str) -> Markup:
    """The index's highlighted text ("escaped, matched words in <b>") made safe again:
    every piece of text is unescaped and escaped anew, and only `<b>`/`</b>` survive, as
    `<mark>`; an unbalanced fragment is closed."""
    out: list[str] = []
    depth = 0
    for piece in _MARK.split(fragment):
        if piece == "<b>":
            if depth == 0:
                out.append("<mark>")
            depth += 1
        elif piece == "</b>":
            if depth == 1:
                out.append("</mark>")
            depth = max(0, depth - 1)
        else:
            out.append(html.escape(html.unescape(piece)))
    if depth:
        out.append("</mark>")
    return Markup("".join(out))


@dataclass(frozen=True)
class Hit:
    row: ArticleRow
    title: Markup
    snippet: Markup


class PicturePlans:
    """Which pictures of an article version are shown, and at what size, by the rule
    the reading pane uses (`reader.pictures`), from header sizes alone; remembered for
    the last `size` versions so the image requests that follow a page do not read every
    picture again. Kept in memory only, by version, never by who asked."""

    def __init__(self, size: int = 128):
        self.size = size
        self._plans: OrderedDict[int, dict[str, tuple[int, int] | None]] = OrderedDict()
        self._lock = threading.Lock()

    def plan(self, library: Library, version_id: int, order: list[str],
             images: dict[str, str]) -> dict[str, tuple[int, int] | None]:
        """sha256 -> (width, height) to show, or None when refused as too large;
        pictures that cannot be read are absent."""
        with self._lock:
            found = self._plans.get(version_id)
            if found is not None:
                self._plans.move_to_end(version_id)
                return found
        planner = pictures.Planner()
        result: dict[str, tuple[int, int] | None] = {}
        limits = library.limits
        for sha256 in order:
            if sha256 not in images or planner.seen(sha256):
                continue
            try:
                data = library.store.read(sha256)
                info = image_info(data)
            except (SatchelError, OSError):
                continue
            if len(data) > limits.image_bytes or info.pixels > limits.image_pixels:
                continue
            result[sha256] = planner.place(sha256, info.width, info.height)
        with self._lock:
            self._plans[version_id] = result
            while len(self._plans) > self.size:
                self._plans.popitem(last=False)
        return result


class Recent:
    """What the home page lists, remembered for `seconds`: listing 100,000 articles by
    date costs over 100 ms, and a hotspot full of phones opens the same home page. Keyed
    by the filter, never by who asked; an import shows within `seconds`."""

    def __init__(self, seconds: float = 30.0, size: int = 256,
                 clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self.size = size
        self._clock = clock
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        now = self._clock()
        with self._lock:
            found = self._items.get(key)
            if found is not None and now - found[0] < self.seconds:
                return found[1]
        value = compute()
        with self._lock:
            self._items[key] = (now, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


class Pages:
    def __init__(self, config: ServeConfig):
        self.config = config
        folder = resources.files(__package__)
        self.env = Environment(
            loader=FileSystemLoader(str(folder / "templates")),
            autoescape=True,  # every template, whatever its name
            undefined=StrictUndefined,
            auto_reload=False,  # compiled once, in memory; no bytecode cache on disk
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(direction=direction, row_url=lambda r: article_url(
            r.publisher, r.article_id))
        self.stylesheet = (folder / "static" / "style.css").read_bytes()
        self.plans = PicturePlans()
        self.recent = Recent()

    # -- rendering --------------------------------------------------------------------

    def render(self, request: Request, template: str, status: int = 200,
               **values: Any) -> Response:
        m = request.ui
        values.setdefault("query", "")
        page = self.env.get_template(template).render(
            m=m, ui=m, switch=self._switch(request), query_chars=self.config.query_chars,
            **values)
        return Response(status, page.encode("utf-8"))

    def error(self, request: Request, status: int, key: str) -> Response:
        return self.render(request, "error.html", status, message=request.ui(key))

    @staticmethod
    def _switch(request: Request) -> list[tuple[str, str, str]]:
        """Links to this same page in each interface language (`?ui=xx`)."""
        kept = [(k, v) for k, vs in request.query.items() if k != "ui" for v in vs]
        return [(code, i18n.NAMES[code],
                 request.path + "?" + urlencode([*kept, ("ui", code)]))
                for code in i18n.LANGUAGES]

    # -- views ------------------------------------------------------------------------

    def home(self, request: Request, library: Library) -> Response:
        language = request.arg("lang")
        publisher = request.arg("publisher")
        languages = self.recent.get("languages", library.articles.languages)
        if language and language not in {code for code, _ in languages}:
            language = ""
        publishers = self.recent.get("publishers", lambda: [
            p for p in library.trust.list() if p.state != TrustState.BLOCKED and p.articles])
        if publisher and publisher not in {p.id for p in publishers}:
            publisher = ""
        page = _page_number(request, self.config.search_pages * 10)
        size = self.config.page_size
        f = ArticleFilter(languages=(language,) if language else (),
                          publishers=(publisher,) if publisher else ())
        rows = self.recent.get(("rows", language, publisher, page),
                               lambda: library.articles.rows(f, (page - 1) * size, size + 1))
        # What was remembered, with each publisher's trust as the library holds it now:
        # one blocked a moment ago is gone at once, not in half a minute.
        states = {p: library.trust.state(p) for p in {r.publisher for r in rows}
                  | {p.id for p in publishers}}
        rows = [replace(r, trust=states[r.publisher]) for r in rows
                if states[r.publisher] != TrustState.BLOCKED]
        publishers = [p for p in publishers if states[p.id] != TrustState.BLOCKED]

        def filter_url(code: str | None, pub: str | None) -> str:
            return "/?" + urlencode([(k, v) for k, v in (("lang", code), ("publisher", pub)) if v])

        def page_url(number: int) -> str:
            return filter_url(language, publisher).rstrip("?") + (
                ("&" if (language or publisher) else "") + f"page={number}")

        entries = [Hit(r, Markup(""), Markup("")) for r in rows[:size]]
        return self.render(request, "home.html", entries=entries, more=len(rows) > size,
                           page=page, languages=languages, publishers=publishers,
                           language=language, publisher=publisher, filter_url=filter_url,
                           page_url=page_url)

    def search(self, request: Request, library: Library) -> Response:
        from index.errors import IndexNeedsRebuildError, QueryError, SearchIndexError
        from index.query import parse

        query = request.arg("q").strip()[: self.config.query_chars]
        page = _page_number(request, self.config.search_pages)
        values: dict[str, Any] = dict(query=query, error="", error_intro="", hits=[],
                                      total=0, page=page, more=False, suggestions=())
        if query:
            try:
                parsed = parse(query)
                if parsed.filters.read is not None or parsed.filters.bookmarked is not None:
                    # The owner's reading state is not the phones' business.
                    raise HttpError(400, "private_filter")
                results = library.search(query, page=page, pagelen=self.config.search_page_size)
            except HttpError as exc:
                values.update(error=request.ui(exc.message_key))
                return self.render(request, "search.html", 400, **values)
            except QueryError as exc:
                values.update(error=str(exc), error_intro=request.ui("query_error"))
                return self.render(request, "search.html", 400, **values)
            except (IndexNeedsRebuildError, SearchIndexError):
                return self.error(request, 503, "busy")
            rows = library.articles.rows_by_key(h.key for h in results.hits)
            values.update(
                hits=[Hit(rows[h.key], highlighted(h.title_html) if h.title_html else Markup(""),
                          highlighted(h.snippet_html)) for h in results.hits if h.key in rows],
                total=results.total, more=page < min(results.pagecount, self.config.search_pages),
                suggestions=results.suggestions)

        def page_url(number: int) -> str:
            return "/search?" + urlencode({"q": query, "page": number})

        def search_url(text: str) -> str:
            return "/search?" + urlencode({"q": text})

        return self.render(request, "search.html", page_url=page_url, search_url=search_url,
                           **values)

    def _open(self, library: Library, publisher: str, article_id: str) -> Any:
        try:
            # Blocked publishers' articles raise NotFound here (reader/articles.py).
            return library.articles.open(f"{publisher}/{article_id}")
        except NotFound:
            raise HttpError(404, "not_found") from None

    def article(self, request: Request, library: Library, publisher: str,
                article_id: str) -> Response:
        view = self._open(library, publisher, article_id)
        images = {i.sha256: i.media_type for i in view.images}
        from bundles.sanitize import image_refs

        plan = self.plans.plan(library, view.version_id, image_refs(view.html), images)
        refused = request.ui("image_refused")

        def sized(sha256: str, attributes: dict[str, str]) -> str | None:
            if sha256 not in plan:
                return ""  # unreadable: nothing, as in the reading pane
            size = plan[sha256]
            if size is None:
                return f'<span class="refused">{html.escape(refused)}</span>'
            src = image_url(view.publisher, view.article_id, sha256)
            alt = html.escape(attributes.get("alt", ""))
            return f'<img src="{src}" width="{size[0]}" height="{size[1]}" alt="{alt}">'

        body = Markup(rewrite_images(view.html, sized))
        hidden = {"unverified publisher"} | (
            {"publisher revoked its keys"} if view.trust == TrustState.REVOKED else set())
        notices = [request.ui.notice(n) for n in view.notices if n not in hidden]
        return self.render(request, "article.html", view=view, body=body, notices=notices)

    def image(self, request: Request, library: Library, publisher: str, article_id: str,
              sha256: str) -> Response:
        view = self._open(library, publisher, article_id)
        from bundles.sanitize import image_refs

        images = {i.sha256: i.media_type for i in view.images}
        plan = self.plans.plan(library, view.version_id, image_refs(view.html), images)
        if plan.get(sha256) is None:  # not this article's, unreadable, or past the budget
            raise HttpError(404, "not_found")
        try:
            data = library.articles.blob(view.id, sha256, version=view.version_id)
            info = image_info(data)
        except (NotFound, FormatError, SatchelError):
            raise HttpError(404, "not_found") from None
        # The type the bytes are, never the type a bundle claims (with nosniff).
        return Response(200, data, content_type=info.media_type)

    def bundle(self, request: Request, library: Library) -> Response:
        keys = list(dict.fromkeys(request.query.get("a", [])))
        if not keys or any(not KEY_RE.match(k) for k in keys):
            raise HttpError(400, "choose_some")
        if len(keys) > self.config.bundle_articles:
            raise HttpError(413, "too_big")
        visible = {r.key for r in library.articles.rows_by_id(
            list(library.articles.ids_for_keys(keys).values()))
            if r.trust != TrustState.BLOCKED}
        chosen = [k for k in keys if k in visible]
        if not chosen:
            raise HttpError(404, "not_found")
        version_ids, _ = library.export.select(keys=chosen)
        from bundles.errors import LimitError

        try:
            data, _ = library.export.repack_to_memory(
                version_ids, title="Satchel reading room", max_bytes=self.config.bundle_bytes)
        except LimitError:
            raise HttpError(413, "too_big") from None
        name = "satchel-articles.satchel"
        return Response(200, data, content_type="application/vnd.satchel.bundle+zip",
                        headers=[("Content-Disposition", f'attachment; filename="{name}"')])

    def icon_response(self) -> Response:
        return Response(200, ICON, content_type="image/png", cacheable=True)

    def stylesheet_response(self) -> Response:
        return Response(200, self.stylesheet, content_type="text/css; charset=utf-8",
                        cacheable=True)


def _icon() -> bytes:
    """A 32x32 PNG: the top bar's blue with a yellow band (browsers ask for an icon)."""
    rows = b"".join(b"\x00" + (b"\xf2\xc1\x4e" if 20 <= y < 25 else b"\x23\x39\x5d") * 32
                    for y in range(32))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 32, 32, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


ICON = _icon()


def _page_number(request: Request, most: int) -> int:
    text = request.arg("page")
    if not text:
        return 1
    if not text.isdigit() or len(text) > 6:
        raise HttpError(404, "not_found")
    return max(1, min(int(text), most))
