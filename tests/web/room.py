"""A real library (real signatures, SQLite, Whoosh) served by a real server on 127.0.0.1."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader import Library
from reader.web.config import ServeConfig
from reader.web.server import Server
from tests import factory

HOSTILE_TITLE = '<script>alert(1)</script><img src=x onerror="alert(2)"> & "quotes"'

# (publisher, language, article id, title, body paragraphs); words chosen to search for.
ARTICLES = [
    ("Evening Courier", "en", "harbour", "The harbour reopens after the storm",
     ["Fishermen returned to the harbour on Monday.", "The storm had closed it for a week."]),
    ("Evening Courier", "en", "hostile", HOSTILE_TITLE,
     ["A title that tries to be markup.", "<b>bold</b> is fine, scripts are not."]),
    ("Северный вестник", "ru", "most", "Новый мост через реку открыт",
     ["Жители города впервые прошли по новому мосту.", "Строительство заняло три года."]),
    ("Дала хабаршысы", "kk", "egin", "Астықтың жаңа өнімі жиналды",
     ["Диқандар биыл мол өнім жинады.", "Егін алқаптары кеңейді."]),
    ("خبرنامهٔ آزاد", "fa", "ketab", "نمایشگاه کتاب در تهران گشایش یافت",
     ["هزاران نفر برای دیدن کتاب‌های تازه آمدند.", "نمایشگاه تا پایان هفته باز است."]),
]
BLOCKED_WORD = "zanzibarquokka"


@dataclass
class Room:
    library: Path
    keys: dict[str, object]  # publisher name -> KeyFile
    blocked_key: object
    url: str = ""
    server: Server | None = None

    def article_path(self, name: str, article_id: str) -> str:
        return f"/article/{self.keys[name].publisher_id}/{article_id}"


def build_library(root: Path) -> Room:
    keys: dict[str, object] = {}
    bundles = []
    for n, (name, language, article_id, title, paragraphs) in enumerate(ARTICLES):
        key = keys.setdefault(name, factory.publisher(name))
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        body += '<p><img src="photo.png" alt="a photo"></p><p>Source: <a href="https://example.org/x">example</a></p>'
        draft = factory.draft(article_id, language=language, title=title, body_html=body,
                              images={"photo.png": factory.png(40, 30)},
                              issued=f"2026-10-{10 + n:02d}T08:00:00Z", summary=paragraphs[0])
        bundles.append(factory.make_bundle(root / f"b{n}.satchel", key, [draft]))
    # Pictures: one too large to send in one piece (file wrapper), and 14 of
    # 2000x2000, past the article's 32-megapixel budget from the 13th on.
    huge = {f"h{n}.png": factory.png(2000, 2000, (n * 15, 80, 120)) for n in range(14)}
    gallery = factory.draft(
        "gallery", title="Gallery of big pictures", language="en",
        body_html='<p>Big.</p><img src="big.png" alt="noise">'
        + "".join(f'<img src="{name}" alt="{name}">' for name in huge),
        images={"big.png": factory.png(300, 300, noise=7), **huge},
        issued="2026-09-01T08:00:00Z")
    bundles.append(factory.make_bundle(root / "gallery.satchel", keys["Evening Courier"],
                                       [gallery]))
    blocked = factory.publisher("Blocked Gazette")
    bundles.append(factory.make_bundle(root / "blocked.satchel", blocked, [factory.draft(
        "secret", title=f"Blocked {BLOCKED_WORD}", body_html=f"<p>{BLOCKED_WORD} text</p>")]))
    library = root / "library"
    with Library.open(library) as lib:
        summary = lib.import_paths(bundles)
        assert summary.ok, [f.line() for f in summary.files]
        lib.trust.set(keys["Evening Courier"].publisher_id, "trusted")
        lib.trust.set(keys["خبرنامهٔ آزاد"].publisher_id, "trusted")
        lib.trust.set(blocked.publisher_id, "blocked")
    return Room(library, keys, blocked)


@pytest.fixture(scope="session")
def room_library(tmp_path_factory: pytest.TempPathFactory) -> Room:
    return build_library(tmp_path_factory.mktemp("room"))


@pytest.fixture
def room(room_library: Room) -> Iterator[Room]:
    """The shared library, served on a free port of 127.0.0.1 for one test."""
    server = Server(room_library.library, ServeConfig(port=0, rate=1000, burst=1000))
    server.start()
    room = Room(room_library.library, room_library.keys, room_library.blocked_key,
                server.url, server)
    try:
        yield room
    finally:
        server.stop()


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def get(server: Server, path: str, headers: dict[str, str] | None = None,
        method: str = "GET", timeout: float = 10) -> Reply:
    """One real HTTP request with the Host the server announced."""
    connection = http.client.HTTPConnection(server.address.host, server.address.port,
                                            timeout=timeout)
    try:
        sent = {"Host": f"{server.address.host}:{server.address.port}", **(headers or {})}
        connection.request(method, path, headers=sent)
        response = connection.getresponse()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()},
                     response.read())
    finally:
        connection.close()


def fetch(url: str, target: str = "/") -> bytes:
    """The whole raw reply to `GET target` from the server at `url` (as a phone asks)."""
    import socket

    host = url.split("//", 1)[1].rstrip("/")
    with socket.create_connection(("127.0.0.1", int(host.rsplit(":", 1)[1])), 10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
                     .encode())
        return b"".join(iter(lambda: sock.recv(65536), b""))
