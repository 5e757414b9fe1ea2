"""The WSGI application: a flat list of routes (Datasette's `_routes()`), the guards
every request passes first, and one place that sets the security headers
(OnionShare's `security_headers`).

Order of the guards: the client's rate limit, then the `Host` header (only the
addresses the server announced: a DNS rebinding page gets nothing), then the
method (GET and HEAD), the URL's length, the route (anything else, traversal
included, is a 404: no path is ever turned into a file name), then a read-only
library from the pool. Every response, errors included, carries the same
headers; pages and images are never cached, so a phone keeps no copy of what
was read. Nothing is logged: an error inside a view becomes a 500 page that
names no URL.
"""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from reader.library import Library
from reader.vault import DataKey

from . import i18n
from .config import ServeConfig
from .guard import ClientGuard
from .pages import ARTICLE, PUBLISHER, SHA256, HttpError, Pages, Request, Response

CSP = ("default-src 'none'; img-src 'self'; style-src 'self'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),  # frame-ancestors, for browsers older than CSP 2
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
]
NO_STORE = ("Cache-Control", "no-store")
StartResponse = Callable[..., Any]


class Busy(Exception):
    """No read-only library came free in time."""


class LibraryPool:
    """Read-only `Library` objects, one per request at a time (a `Library` is not
    thread-safe), and one more for searches, which take turns: the search index keeps
    its caches per open copy, so one copy keeps memory bounded. A protected library
    opens with the data `key` its caller unlocked (each copy derives what it needs)."""

    def __init__(self, path: Path | str, size: int, key: DataKey | None = None):
        self.path = path
        self._free: queue.LifoQueue[Library] = queue.LifoQueue()
        self._all: list[Library] = []
        try:
            for _ in range(size):
                library = Library.open(path, readonly=True, key=key)
                self._all.append(library)
                self._free.put(library)
            self._searching = Library.open(path, readonly=True, key=key)
            self._all.append(self._searching)
        except BaseException:
            self.close()
            raise
        self._search_lock = threading.Lock()

    @contextmanager
    def library(self, timeout: float) -> Iterator[Library]:
        try:
            library = self._free.get(timeout=timeout)
        except queue.Empty:
            raise Busy from None
        try:
            yield library
        finally:
            self._free.put(library)

    @contextmanager
    def searching(self, timeout: float) -> Iterator[Library]:
        if not self._search_lock.acquire(timeout=timeout):
            raise Busy
        try:
            yield self._searching
        finally:
            self._search_lock.release()

    def close(self) -> None:
        for library in self._all:
            library.close()
        self._all.clear()


View = Callable[..., Response]


class WebApp:
    def __init__(self, pool: LibraryPool, config: ServeConfig, hosts: frozenset[str],
                 guard: ClientGuard | None = None):
        self.pool = pool
        self.config = config
        self.hosts = hosts
        self.guard = guard or ClientGuard(config.rate, config.burst, config.clients_remembered,
                                          config.reader_seconds)
        self.pages = Pages(config)
        self.routes: list[tuple[re.Pattern[str], str]] = [
            (re.compile(r"^/$"), "home"),
            (re.compile(r"^/search$"), "search"),
            (re.compile(rf"^/article/(?P<publisher>{PUBLISHER})/(?P<article_id>{ARTICLE})$"),
             "article"),
            (re.compile(rf"^/article/(?P<publisher>{PUBLISHER})/(?P<article_id>{ARTICLE})"
                        rf"/image/(?P<sha256>{SHA256})$"), "image"),
            (re.compile(r"^/bundle$"), "bundle"),
            (re.compile(r"^/static/style\.css$"), "stylesheet"),
            (re.compile(r"^/favicon\.ico$"), "icon"),
        ]
        self.wait = config.request_seconds

    # -- WSGI --------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            response = self._respond(environ)
        except Exception:  # never a traceback, never the URL: a plain 500
            response = Response(500, b"Internal error", content_type="text/plain; charset=utf-8")
        return self._send(environ, start_response, response)

    def _send(self, environ: dict[str, Any], start_response: StartResponse,
              response: Response) -> Iterable[bytes]:
        headers = [("Content-Type", response.content_type),
                   ("Content-Length", str(len(response.body))), *SECURITY_HEADERS,
                   ("Cache-Control", "max-age=3600") if response.cacheable else NO_STORE,
                   *response.headers]
        reason = HTTPStatus(response.status).phrase
        start_response(f"{response.status} {reason}", headers)
        wrapper = environ.get("wsgi.file_wrapper")
        if wrapper is not None and len(response.body) > self.config.send_chunk:
            # Sent by the server's loop from memory as the client reads: no worker
            # thread waits on a slow reader, and no buffer spills to a temporary file.
            sent: Iterable[bytes] = wrapper(BytesIO(response.body), self.config.send_chunk)
            return sent
        return [response.body]

    def _respond(self, environ: dict[str, Any]) -> Response:
        client = environ.get("REMOTE_ADDR", "")
        wait = self.guard.allow(client)
        if wait:
            response = Response(429, b"Too many requests; wait a moment.",
                                content_type="text/plain; charset=utf-8")
            response.headers.append(("Retry-After", str(max(1, round(wait)))))
            return response
        host = environ.get("HTTP_HOST", "").lower()
        if host not in self.hosts:
            # A page on another name (DNS rebinding) or no Host at all: nothing of ours.
            return Response(421, b"Misdirected request.", content_type="text/plain; charset=utf-8")
        method = environ.get("REQUEST_METHOD", "")
        if method not in ("GET", "HEAD"):
            response = Response(405, b"Only GET and HEAD.", content_type="text/plain; charset=utf-8")
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        path = environ.get("PATH_INFO", "")
        query_string = environ.get("QUERY_STRING", "")
        if len(path) + len(query_string) > self.config.url_chars:
            return Response(414, b"URL too long.", content_type="text/plain; charset=utf-8")
        request = self._request(environ, method, path, query_string)
        response = self._route(request)
        if request.set_ui_cookie:
            # Only the chosen code, for this browser session: no identifier, no expiry.
            response.headers.append(("Set-Cookie", f"{i18n.COOKIE}={request.ui.language}; "
                                     "Path=/; SameSite=Strict; HttpOnly"))
        response.headers.append(("Content-Language", request.ui.language))
        return response

    def _request(self, environ: dict[str, Any], method: str, path: str,
                 query_string: str) -> Request:
        try:
            query = parse_qs(query_string, keep_blank_values=False, strict_parsing=False,
                             max_num_fields=self.config.bundle_articles + 10)
        except ValueError:  # too many fields
            query = {}
        chosen = (query.get("ui") or [""])[0]
        cookie = ""
        try:
            jar = SimpleCookie(environ.get("HTTP_COOKIE", "")[:512])
            cookie = jar[i18n.COOKIE].value if i18n.COOKIE in jar else ""
        except CookieError:
            pass
        language = i18n.choose(chosen, cookie, environ.get("HTTP_ACCEPT_LANGUAGE", ""))
        return Request(method, path, query, i18n.Messages(language),
                       set_ui_cookie=chosen in i18n.LANGUAGES, query_string=query_string)

    def _route(self, request: Request) -> Response:
        pages = self.pages
        for pattern, name in self.routes:
            match = pattern.match(request.path)
            if match is None:
                continue
            if name == "stylesheet":
                return pages.stylesheet_response()
            if name == "icon":
                return pages.icon_response()
            try:
                if name == "search":
                    with self.pool.searching(self.wait) as library:
                        return pages.search(request, library)
                with self.pool.library(self.wait) as library:
                    view: View = getattr(pages, name)
                    return view(request, library, **match.groupdict())
            except HttpError as exc:
                return pages.error(request, exc.status, exc.message_key)
            except Busy:
                response = pages.error(request, 503, "busy")
                response.headers.append(("Retry-After", "5"))
                return response
        return pages.error(request, 404, "not_found")
