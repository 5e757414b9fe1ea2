# ruff: noqa: F811 - the room fixtures, imported from tests/web/room.py, are test parameters
"""Attacks on `satchel serve` from the hotspot: each against a real server on 127.0.0.1.

Clients come from other loopback addresses (127.0.0.2, 127.0.0.3...) where a test
needs more than one client. Times appear only as bounds of loops that end by
themselves; what is asserted is what the server did (refused, closed, answered).
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from reader.web.config import ServeConfig
from reader.web.server import Server
from tests import factory
from tests.web.room import Room, get, room, room_library  # noqa: F401 - fixtures

REPO = Path(__file__).resolve().parents[2]
SECRETS = (b"root:x:", b"SQLite format", b"[build-system]", b"{% extends", b"import ",
           b"Traceback")


@pytest.fixture
def strict(room_library: Room) -> Iterator[Server]:
    """The shared library under tight limits, so that attacks meet them quickly."""
    config = ServeConfig(port=0, request_seconds=2, idle_seconds=4, send_seconds=4, rate=50,
                         burst=100, connections=32, connections_per_client=6, threads=2,
                         outbuf_high_watermark=64 * 1024, send_chunk=16 * 1024)
    server = Server(room_library.library, config)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def raw(server: Server, data: bytes, source: str = "127.0.0.1", timeout: float = 10) -> bytes:
    """Send bytes as they are; everything the server answers until it closes."""
    with socket.create_connection((server.address.host, server.address.port), timeout,
                                  source_address=(source, 0)) as sock:
        sock.sendall(data)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except (ConnectionResetError, TimeoutError):
            pass
        return b"".join(chunks)


def host(server: Server) -> str:
    return f"{server.address.host}:{server.address.port}"


def status_of(reply: bytes) -> int:
    match = re.match(rb"HTTP/1\.[01] (\d{3})", reply)
    assert match, reply[:200]
    return int(match.group(1))


def still_serving(server: Server, source: str = "127.0.0.1") -> bool:
    reply = raw(server, f"GET / HTTP/1.1\r\nHost: {host(server)}\r\nConnection: close\r\n\r\n"
                .encode(), source)
    return status_of(reply) == 200 and b"Satchel reading room" in reply


# -- traversal ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd",
    "/static/../app.py",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2fpyproject.toml",
    "/static/style.css/../../../../pyproject.toml",
    "/static/..\\..\\app.py",
    "/templates/base.html",
    "/reader/web/app.py",
    "//etc/passwd",
    "/library.sqlite3",
    "/article/../../library.sqlite3",
    "/article/%2e%2e/%2e%2e/library.sqlite3",
    "/static/style.css%00.py",
    "/static/STYLE.CSS",
    "/./static/style.css",
    "/index/MAIN_WRITELOCK",
    "/store/ab/cdef",
])
def test_path_traversal_gets_404_and_no_file(room: Room, path: str):
    reply = raw(room.server, f"GET {path} HTTP/1.1\r\nHost: {host(room.server)}\r\n"
                "Connection: close\r\n\r\n".encode())
    assert status_of(reply) in (400, 404)
    assert not any(secret in reply for secret in SECRETS)


def test_absolute_url_in_the_request_line_is_no_way_out(room: Room):
    reply = raw(room.server, b"GET http://evil.example/../../etc/passwd HTTP/1.1\r\n"
                + f"Host: {host(room.server)}\r\nConnection: close\r\n\r\n".encode())
    assert status_of(reply) in (400, 404)
    assert not any(secret in reply for secret in SECRETS)


# -- DNS rebinding ------------------------------------------------------------------------


@pytest.mark.parametrize("host_header", [
    "evil.example", "evil.example:{port}", "127.0.0.1.evil.example:{port}",
    "127.0.0.1", "127.0.0.2:{port}", "[::1]:{port}", "127.0.0.1:{port}.evil", "",
])
def test_dns_rebinding_host_gets_nothing(room: Room, host_header: str):
    value = host_header.format(port=room.server.address.port)
    line = f"Host: {value}\r\n" if value else ""
    reply = raw(room.server, f"GET /search?q=harbour HTTP/1.1\r\n{line}Connection: close\r\n\r\n"
                .encode())
    assert status_of(reply) == 421
    assert b"harbour" not in reply.split(b"\r\n\r\n", 1)[1]


def test_http_1_0_without_host_gets_nothing(room: Room):
    reply = raw(room.server, b"GET / HTTP/1.0\r\n\r\n")
    assert status_of(reply) == 421
    assert b"reading room" not in reply


def test_the_announced_names_are_served(room: Room):
    for value in (host(room.server), f"localhost:{room.server.address.port}",
                  host(room.server).upper()):
        reply = raw(room.server, f"GET / HTTP/1.1\r\nHost: {value}\r\nConnection: close\r\n\r\n"
                    .encode())
        assert status_of(reply) == 200


# -- methods, sizes ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "PROPFIND"])
def test_methods_other_than_get_and_head_are_refused(room: Room, method: str):
    reply = raw(room.server, f"{method} / HTTP/1.1\r\nHost: {host(room.server)}\r\n"
                "Connection: close\r\n\r\n".encode())
    assert status_of(reply) == 405 and b"Allow: GET, HEAD" in reply


def test_head_sends_no_body(room: Room):
    reply = get(room.server, "/", method="HEAD")
    assert reply.status == 200 and reply.body == b""


def test_oversized_headers_are_refused_and_the_server_goes_on(strict: Server):
    padding = "a" * 9000
    reply = raw(strict, f"GET / HTTP/1.1\r\nHost: {host(strict)}\r\nX-Pad: {padding}\r\n\r\n"
                .encode())
    assert status_of(reply) == 431
    many = "".join(f"X-H{n}: {n}\r\n" for n in range(2000))
    assert status_of(raw(strict, f"GET / HTTP/1.1\r\nHost: {host(strict)}\r\n{many}\r\n"
                         .encode())) == 431
    assert still_serving(strict)


def test_request_bodies_are_refused(strict: Server):
    declared = raw(strict, f"POST /search HTTP/1.1\r\nHost: {host(strict)}\r\n"
                   "Content-Length: 100000000\r\n\r\n".encode())
    assert status_of(declared) == 413
    chunked = raw(strict, f"GET / HTTP/1.1\r\nHost: {host(strict)}\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n".encode())
    assert status_of(chunked) == 413
    assert still_serving(strict)


def test_overlong_urls_are_refused(strict: Server):
    reply = raw(strict, f"GET /search?q={'a' * 7000} HTTP/1.1\r\nHost: {host(strict)}\r\n"
                "Connection: close\r\n\r\n".encode())
    assert status_of(reply) in (414, 431)
    assert still_serving(strict)


# -- slow clients ---------------------------------------------------------------------------


def trickle(server: Server, source: str, stop: threading.Event, closed: list[bool]) -> None:
    """Send a request header a byte at a time (a slowloris); note whether the server hung
    up before the header was complete."""
    header = (f"GET / HTTP/1.1\r\nHost: {host(server)}\r\nX-Slow: " + "z" * 200 + "\r\n\r\n"
              ).encode()
    try:
        with socket.create_connection((server.address.host, server.address.port), 10,
                                      source_address=(source, 0)) as sock:
            for byte in header:
                if stop.is_set():
                    break
                sock.sendall(bytes([byte]))
                time.sleep(0.2)  # the whole header would take over 40 s
            else:
                closed.append(False)
                return
    except OSError:
        closed.append(True)
        return
    closed.append(False)


def test_slow_clients_trickling_headers_are_cut_off(strict: Server):
    stop = threading.Event()
    closed: list[bool] = []
    threads = [threading.Thread(target=trickle, args=(strict, "127.0.0.2", stop, closed))
               for _ in range(5)]
    for t in threads:
        t.start()
    try:
        time.sleep(0.5)
        # Meanwhile everyone else is served: the trickling holds connections, no thread.
        assert still_serving(strict)
        for t in threads:
            t.join(35)  # bounded: each trickler gives up after its header (over 40 s)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert closed == [True] * 5  # each was hung up on before its header was complete


def temporary_files() -> list[str]:
    """This process's open unnamed temporary files (`tempfile.TemporaryFile`, which
    waitress uses when a buffer passes its overflow size)."""
    import tempfile

    found = []
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(tempfile.gettempdir() + "/#") and target.endswith(" (deleted)"):
            found.append(target)
    return found


def test_slow_readers_hold_no_thread_and_no_temporary_file(strict: Server, room_library: Room):
    path = room_library.article_path("Evening Courier", "gallery")
    page = get(strict, path).text
    big = next(src for src in re.findall(r'<img src="([^"]+)"', page)
               if int(get(strict, src).headers["content-length"]) > 100_000)
    already = set(temporary_files())  # pytest's own capture files
    readers = []
    for _ in range(6):  # more than the server's 2 threads; none reads its answer
        sock = socket.create_connection((strict.address.host, strict.address.port), 10,
                                        source_address=("127.0.0.3", 0))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.sendall(f"GET {big} HTTP/1.1\r\nHost: {host(strict)}\r\n\r\n".encode())
        readers.append(sock)
    try:
        time.sleep(0.5)
        for _ in range(8):
            assert get(strict, "/search?q=harbour", timeout=10).status == 200
        assert set(temporary_files()) == already  # the answers wait in memory, not on disk
    finally:
        for sock in readers:
            sock.close()


def test_idle_connections_are_closed(strict: Server):
    with socket.create_connection((strict.address.host, strict.address.port), 30) as sock:
        deadline = time.monotonic() + 25  # the bound of this loop; idle_seconds is 4
        data = b"x"
        while data and time.monotonic() < deadline:
            try:
                data = sock.recv(1)
            except TimeoutError:
                break
        assert data == b""  # the server hung up


# -- floods -----------------------------------------------------------------------------------


def test_a_flooding_client_is_rate_limited_and_others_still_served(room_library: Room):
    server = Server(room_library.library, ServeConfig(port=0, rate=5, burst=20))
    server.start()
    try:
        statuses = []
        connection = http.client.HTTPConnection(server.address.host, server.address.port, 10,
                                                source_address=("127.0.0.4", 0))
        for _ in range(60):
            connection.request("GET", "/static/style.css", headers={"Host": host(server)})
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
            if response.status == 429:
                assert int(response.getheader("Retry-After")) >= 1
        connection.close()
        assert statuses[:20] == [200] * 20 and 429 in statuses
        assert still_serving(server, "127.0.0.5")  # another phone is not held back
    finally:
        server.stop()


def test_too_many_connections_from_one_client_are_closed(strict: Server):
    held = [socket.create_connection((strict.address.host, strict.address.port), 10,
                                     source_address=("127.0.0.6", 0)) for _ in range(20)]
    try:
        time.sleep(0.3)
        closed = 0
        for sock in held:
            sock.settimeout(3)
            try:
                sock.sendall(f"GET / HTTP/1.1\r\nHost: {host(strict)}\r\n\r\n".encode())
                if sock.recv(100) == b"":
                    closed += 1
            except OSError:
                closed += 1
        assert closed >= 20 - 6  # connections_per_client is 6
        assert still_serving(strict)
    finally:
        for sock in held:
            sock.close()


def random_path(rng: random.Random) -> bytes:
    kind = rng.randrange(6)
    if kind == 0:  # random bytes, percent-encoded
        return b"/" + quote(rng.randbytes(rng.randrange(1, 80)), safe="").encode()
    if kind == 1:  # segments that look like ours
        return ("/" + "/".join(rng.choice(["article", "image", "static", "..", ".", "%2e%2e",
                                           "a" * 64, "style.css", "bundle", "search", "",
                                           "%00", "\u0444"])
                               for _ in range(rng.randrange(1, 8)))).encode("utf-8")
    if kind == 2:  # a real route with a broken part
        return f"/article/{rng.randbytes(32).hex()}/{rng.randrange(10**9)}".encode()
    if kind == 3:  # queries
        return ("/search?q=" + quote(rng.choice(["\u202e", "<script>", "a" * 400, "lang:",
                                                 "since:99999", '"', "-", "OR OR"]))
                + f"&page={rng.choice(['0', '-1', '999999999', 'x', '2'])}").encode()
    if kind == 4:  # raw non-ASCII and control characters
        return b"/" + bytes(rng.choice(list(range(33, 127)) + list(range(128, 256)))
                            for _ in range(rng.randrange(1, 40))).replace(b"?", b"")
    return b"/bundle?" + b"&".join(b"a=" + quote(rng.randbytes(10)).encode()
                                   for _ in range(rng.randrange(1, 5)))


def test_ten_thousand_random_paths_are_answered_within_bounds(room_library: Room):
    import psutil

    server = Server(room_library.library, ServeConfig(port=0, rate=10**6, burst=10**6))
    server.start()
    me = psutil.Process()
    rng = random.Random(17)
    paths = [random_path(rng) for _ in range(10_000)]
    answers: dict[int, int] = {}
    lock = threading.Lock()
    before = me.memory_info().rss

    def client(part: list[bytes], source: str) -> None:
        sock = socket.create_connection((server.address.host, server.address.port), 20,
                                        source_address=(source, 0))
        reader = sock.makefile("rb")
        try:
            for path in part:
                sock.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: " + host(server).encode()
                             + b"\r\n\r\n")
                status_line = reader.readline()
                status = int(status_line.split()[1])
                length, close = 0, False
                while (line := reader.readline()) not in (b"\r\n", b""):
                    name, _, value = line.decode("latin-1").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                    if name.lower() == "connection" and "close" in value.lower():
                        close = True
                body = reader.read(length)
                assert not any(secret in body for secret in SECRETS)
                with lock:
                    answers[status] = answers.get(status, 0) + 1
                if close:  # the server ended this connection (a malformed request)
                    reader.close()
                    sock.close()
                    sock = socket.create_connection((server.address.host, server.address.port),
                                                    20, source_address=(source, 0))
                    reader = sock.makefile("rb")
        finally:
            reader.close()
            sock.close()

    try:
        workers = [threading.Thread(target=client, args=(paths[n::4], f"127.0.1.{n + 1}"))
                   for n in range(4)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(300)
        assert sum(answers.values()) == 10_000
        assert set(answers) <= {200, 400, 404, 413, 414}, answers
        assert still_serving(server)
        assert me.memory_info().rss - before < 64 * 2**20  # what 10,000 requests left behind
    finally:
        server.stop()


# -- injection ---------------------------------------------------------------------------------


def test_every_response_carries_the_security_headers(room: Room):
    csp = ("default-src 'none'; img-src 'self'; style-src 'self'; base-uri 'none'; "
           "form-action 'self'; frame-ancestors 'none'")
    for path in ("/", "/search?q=harbour", "/search?q=since:x",
                 room.article_path("Evening Courier", "harbour"), "/static/style.css",
                 "/nowhere", "/bundle"):
        reply = get(room.server, path)
        assert reply.headers["content-security-policy"] == csp, path
        assert reply.headers["x-content-type-options"] == "nosniff"
        assert reply.headers["referrer-policy"] == "no-referrer"
        assert reply.headers["x-frame-options"] == "DENY"
        expected = "max-age=3600" if path.endswith(".css") else "no-store"
        assert reply.headers["cache-control"] == expected, path
        assert "<script" not in reply.text and " style=" not in reply.text


def test_hostile_article_html_reaches_the_page_sanitized(tmp_path: Path):
    from reader import Library
    from tests import factory

    key = factory.publisher("Tricky")
    other = factory.publisher("Other")
    other_png = factory.png(5, 5, (1, 2, 3))
    hostile = ('<p>Hi<script>alert(1)</script></p><style>*{}</style><iframe src="x"></iframe>'
               '<img src="photo.png" onerror="alert(3)" alt="x\\" onload=\\"alert(4)">'
               '<img src="http://tracker.example/p.gif"><a href="javascript:alert(5)">j</a>'
               '<p style="color:red" onclick="alert(6)">styled</p><form action="/x"><input>'
               '</form><base href="http://evil.example/"><meta http-equiv="refresh" content="0">'
               f'<img src="sha256:{__import__("hashlib").sha256(other_png).hexdigest()}">'
               '<svg><script>alert(7)</script></svg><math><mi>x</mi></math>')
    paths = [factory.make_bundle(tmp_path / "t.satchel", key, [factory.draft(
                 "t1", body_html=hostile, title="Tricky")]),
             factory.make_bundle(tmp_path / "o.satchel", other, [factory.draft(
                 "o1", images={"photo.png": other_png})])]
    with Library.open(tmp_path / "lib") as lib:
        assert lib.import_paths(paths).ok
    server = Server(tmp_path / "lib", ServeConfig(port=0))
    server.start()
    try:
        page = get(server, f"/article/{key.publisher_id}/t1").text
    finally:
        server.stop()
    body = page.split('<div class="body">', 1)[1].split("</div>", 1)[0]
    for bad in ("<script", "<style", "<iframe", "onerror", "onload", "onclick", "javascript:",
                "tracker.example", "style=", "<form", "<input", "<base", "<meta", "<svg",
                "<math", "sha256:"):
        assert bad not in body, bad
    assert all(src.startswith(f"/article/{key.publisher_id}/t1/image/")
               for src in re.findall(r'src="([^"]*)"', body))


def test_pictures_past_the_articles_budget_are_not_served(room: Room):
    page = get(room.server, room.article_path("Evening Courier", "gallery")).text
    shown = re.findall(r'<img src="([^"]+)" width="(\d+)" height="(\d+)"', page)
    # 300x300 of noise, then 2000x2000 ones shown at 1600x1600 (2.56 megapixels): twelve
    # fit in 32 megapixels, the last two do not.
    assert page.count("image not shown: too large") == 2
    assert len(shown) == 13
    assert all(int(w) <= 1600 for _, w, _ in shown)
    last = hashlib.sha256(factory.png(2000, 2000, (13 * 15, 80, 120))).hexdigest()
    gallery = room.article_path("Evening Courier", "gallery")
    assert f"{gallery}/image/{last}" not in page
    assert get(room.server, f"{gallery}/image/{last}").status == 404  # in the article, refused
    assert get(room.server, shown[-1][0]).status == 200


# -- what stays behind ---------------------------------------------------------------------------


AUDITED = r"""
import json, os, sys
writes = []
WRITE_EVENTS = {"os.rename", "os.replace", "os.remove", "os.rmdir", "os.truncate", "os.link",
                "os.symlink", "shutil.rmtree", "shutil.copyfile", "shutil.move",
                "tempfile.mkstemp", "tempfile.mkdtemp", "os.chmod", "os.utime"}
def hook(event, args):
    if event == "open":
        path, mode, flags = args
        written = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        if written and path not in (1, 2):
            writes.append([event, str(path)])
    elif event in WRITE_EVENTS:
        writes.append([event, str(args[0])])
    elif event == "os.mkdir" and not os.path.exists(args[0]):
        writes.append([event, str(args[0])])
sys.addaudithook(hook)
from reader.cli import main
code = main(sys.argv[1:])
sys.stderr.write("AUDIT " + json.dumps(writes) + "\n")
sys.exit(code)
"""


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_serving_writes_nothing_to_disk_and_logs_nothing(room_library: Room, tmp_path: Path):
    library = room_library.library
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": str(home),
           "HOME": str(home), "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-c", AUDITED, "--library", str(library), "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path,
        start_new_session=True)
    try:
        url = process.stdout.readline().decode().strip()
        port = int(url.rsplit(":", 1)[1].strip("/"))
        server_host = f"127.0.0.1:{port}"

        def ask(path: str, source: str = "127.0.0.1") -> bytes:
            with socket.create_connection(("127.0.0.1", port), 10,
                                          source_address=(source, 0)) as sock:
                sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {server_host}\r\n"
                             "Connection: close\r\n\r\n".encode())
                return b"".join(iter(lambda: sock.recv(65536), b""))

        assert status_of(ask("/search?q=harbour")) == 200  # everything is open now
        before = tree(library)
        article = room_library.article_path("Evening Courier", "gallery")
        visited = ["/", "/?lang=fa", "/search?q=" + quote("мост"), article,
                   room_library.article_path("خبرنامهٔ آزاد", "ketab"), "/static/style.css",
                   "/bundle?a=" + quote(article.split("/article/")[1]), "/../etc/passwd"]
        page = ask(article).decode()
        visited += re.findall(r'<img src="([^"]+)"', page)[:3]
        for path in visited:
            assert status_of(ask(path, "127.0.0.9")) in (200, 404)
        raw_bad = [b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9999999\r\n\r\n",
                   b"GET / HTTP/1.1\r\nHost: " + server_host.encode() + b"\r\nX: "
                   + b"a" * 20000 + b"\r\n\r\n"]
        for data in raw_bad:
            with socket.create_connection(("127.0.0.1", port), 10) as sock:
                try:
                    sock.sendall(data)
                    b"".join(iter(lambda sock=sock: sock.recv(65536), b""))
                except ConnectionResetError:
                    pass  # refused before it had all been sent
        os.killpg(process.pid, signal.SIGINT)
        process.wait(30)
        # Through the buffered pipe the address was read from (communicate would skip it).
        out, err = process.stdout.read(), process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    after = tree(library)
    assert process.returncode == 130
    # SQLite's shared-memory WAL index is rewritten by any reader (read marks, never
    # what was read); every other byte of the library is as it was.
    before.pop("library.sqlite3-shm", None)
    after.pop("library.sqlite3-shm", None)
    assert after == before
    assert list(home.iterdir()) == []  # no temporary file either
    lines = err.decode().strip().splitlines()
    assert lines[-1] == "AUDIT []"  # Python opened nothing for writing, anywhere
    assert lines[:-1] == ["satchel: interrupted: stopped serving; nothing was written"]
    # No access log: the terminal shows the greeting, and nothing of any request.
    text = out.decode()
    assert len(text.splitlines()) == 3, text  # after the address, read above
    for path in visited[1:]:  # "/" is in the library's own path
        assert path not in text and path not in err.decode()
    assert "127.0.0.9" not in text + err.decode()
    assert json.dumps([]) in err.decode()
