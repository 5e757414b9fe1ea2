"""`--fetch` against local HTTP servers on 127.0.0.1 only: timeouts, caps, redirects.

Every server here listens on the loopback address, answers a bounded number
of requests and stops with the test.
"""

from __future__ import annotations

import json
import threading
import time
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bundles.bundle import Bundle
from reader.cli import main
from reader.sources.feed import feed_items
from reader.sources.fetch import USER_AGENT, Fetcher, FetchError, FetchPolicy
from tests.factory import png
from tests.publish.conftest import pack_items

FAST = FetchPolicy(connect_timeout=2.0, read_timeout=0.5, deadline=2.0, max_redirects=3,
                   feed_bytes=1024 * 1024, image_bytes=512 * 1024)


class Site:
    """A tiny web site on 127.0.0.1 whose handlers the test decides."""

    def __init__(self) -> None:
        self.routes: dict[str, object] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stop = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.requests.append((self.path, dict(self.headers)))
                route = site.routes.get(self.path.split("?")[0])
                if route is None:
                    self.send_error(404)
                    return
                if callable(route):
                    route(self)
                    return
                kind, body = route  # type: ignore[misc]
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    yield server
    server.close()


def feed_with_images(site: Site, images: list[str]) -> bytes:
    tags = "".join(f'<img src="{src}" alt="">' for src in images)
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Relay</title>'
        "<language>en</language><item><title>Fetched story</title>"
        f"<link>{site.url('/story')}</link><guid>fetched-1</guid>"
        f"<description><![CDATA[<p>Story text.</p>{tags}]]></description></item>"
        "</channel></rss>"
    ).encode()


# ------------------------------------------------------------------ the good path


def test_fetch_feed_and_its_images(site, key, tmp_path):
    other = Site()  # another local service: a feed must not make us reach it
    try:
        other.routes["/private.png"] = ("image/png", png(5, 5))
        site.routes["/img/a.png"] = ("image/png", png(10, 10))
        site.routes["/img/b.png"] = ("image/png", png(12, 12))
        site.routes["/img/pixel.png"] = ("image/png", png(1, 1))
        site.routes["/img/not-an-image.png"] = ("image/png", b"<html>nope</html>")
        site.routes["/feed.xml"] = ("application/rss+xml", feed_with_images(site, [
            "img/a.png", site.url("/img/b.png"), "img/pixel.png", "img/not-an-image.png",
            other.url("/private.png"), "img/missing.png",
        ]))
        fetcher = Fetcher(FAST)
        packed = pack_items(feed_items([site.url("/feed.xml")], fetcher=fetcher),
                            tmp_path / "o.satchel", key)
        article = packed.only()
        assert article.title == "Fetched story" and article.language == "en"
        assert sorted(packed.images[article.article_id]) == sorted([png(10, 10), png(12, 12)])
        dropped = "\n".join(packed.dropped())
        assert "tracking pixel" in dropped
        assert "not a PNG, JPEG, GIF or WebP" in dropped
        assert "local or private address" in dropped and other.requests == []
        assert "HTTP 404" in dropped
        agents = {headers.get("User-Agent") for _, headers in site.requests}
        assert agents == {USER_AGENT}
        assert fetcher.requests == len(site.requests)
    finally:
        other.close()


def test_cli_fetch_end_to_end(site, tmp_path):
    site.routes["/img/a.png"] = ("image/png", png(10, 10))
    site.routes["/feed.xml"] = ("application/rss+xml", feed_with_images(site, ["img/a.png"]))
    key_file = tmp_path / "k.key"
    assert main(["key", "new", "--name", "Relay", "--out", str(key_file),
                 "--no-passphrase"]) == 0
    out = tmp_path / "o.satchel"
    assert main(["pack", "--from-feed", site.url("/feed.xml"), "--fetch", "--key",
                 str(key_file), "--out", str(out)]) == 0
    with Bundle.open(out) as bundle:
        (article,) = bundle.articles
        assert len(article.payload.images) == 1


def test_without_fetch_nothing_is_requested(site, tmp_path, capsys):
    site.routes["/feed.xml"] = ("application/rss+xml", feed_with_images(site, []))
    key_file = tmp_path / "k.key"
    assert main(["key", "new", "--name", "Relay", "--out", str(key_file),
                 "--no-passphrase"]) == 0
    capsys.readouterr()
    code = main(["pack", "--from-feed", site.url("/feed.xml"), "--key", str(key_file),
                 "--out", str(tmp_path / "o.satchel"), "--json"])
    assert code == 1  # nothing packed, and nothing requested
    assert site.requests == []
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["outputs"] == [] and report["refused"] == 1
    assert "--fetch" in report["articles"][0]["error"]
    assert "nothing to pack" in captured.err


# ------------------------------------------------------------------ hostile servers


def test_server_that_never_answers_times_out(site):
    def silent(handler: BaseHTTPRequestHandler) -> None:
        site.stop.wait(10)

    site.routes["/silent"] = silent
    with pytest.raises(FetchError, match="no answer within|took longer"):
        Fetcher(FAST).get(site.url("/silent"), trusted=[site.url("/")])


def test_server_that_trickles_hits_the_deadline(site):
    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "image/png")
        handler.end_headers()
        try:
            for _ in range(400):  # bounded: at most 20 s, and the client leaves at 2 s
                if site.stop.is_set():
                    return
                handler.wfile.write(b"x")
                handler.wfile.flush()
                time.sleep(0.05)
        except OSError:
            return

    site.routes["/trickle"] = trickle
    started = time.monotonic()
    with pytest.raises(FetchError, match="took longer than"):
        Fetcher(FAST).get(site.url("/trickle"), trusted=[site.url("/")])
    assert time.monotonic() - started < 30  # generous; the point is that it returns at all


def _endless(site: Site, announced: int | None):
    def send(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/octet-stream")
        if announced is not None:
            handler.send_header("Content-Length", str(announced))
        else:
            handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        chunk = b"\0" * 65536
        sent = 0
        try:
            while sent < 2 * 1024**3 and not site.stop.is_set():
                if announced is None:
                    handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                else:
                    handler.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            return

    return send


@pytest.mark.parametrize("announced", [2 * 1024**3, None], ids=["content-length", "chunked"])
def test_two_gigabyte_body_stops_at_the_cap(site, announced):
    site.routes["/huge"] = _endless(site, announced)
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="cap"):
            Fetcher(FAST).get(site.url("/huge"), cap=256 * 1024, trusted=[site.url("/")])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024  # read up to the cap, never the body


def test_redirect_loop_is_cut_off(site):
    def loop(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", "/loop?again")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    site.routes["/loop"] = loop
    with pytest.raises(FetchError, match="redirects"):
        Fetcher(FAST).get(site.url("/loop"), trusted=[site.url("/")])
    assert len(site.requests) == FAST.max_redirects + 1


def test_redirect_to_a_file_url_is_refused(site):
    def to_file(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(301)
        handler.send_header("Location", "file:///etc/passwd")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    site.routes["/file"] = to_file
    with pytest.raises(FetchError, match="only http and https"):
        Fetcher(FAST).get(site.url("/file"), trusted=[site.url("/")])


def test_addresses_found_in_content_must_be_public(site):
    site.routes["/x.png"] = ("image/png", png(5, 5))
    with pytest.raises(FetchError, match="local or private"):
        Fetcher(FAST).get(site.url("/x.png"))  # not trusted: a stranger's address
    assert site.requests == []
    assert Fetcher(FAST).get(site.url("/x.png"), trusted=[site.url("/")]).data == png(5, 5)


def test_download_budget_for_the_run(site):
    site.routes["/a"] = ("image/png", png(40, 40))
    policy = FetchPolicy(read_timeout=0.5, deadline=2.0, total_bytes=len(png(40, 40)) + 10)
    fetcher = Fetcher(policy)
    fetcher.get(site.url("/a"), trusted=[site.url("/")])
    with pytest.raises(FetchError, match="budget|cap"):
        fetcher.get(site.url("/a?again"), trusted=[site.url("/")])


def test_feed_of_a_slow_server_is_refused_with_the_reason(site, tmp_path):
    site.routes["/feed.xml"] = lambda handler: site.stop.wait(10)
    (item,) = feed_items([site.url("/feed.xml")], fetcher=Fetcher(FAST))
    assert item.draft is None
    assert item.error.startswith(site.url("/feed.xml"))
    assert "download failed" in item.error
    json.dumps(item.error)  # one line of text
    assert "\n" not in item.error
