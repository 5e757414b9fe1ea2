"""Downloading, for the relay with a moment of connectivity (`satchel pack --fetch`).

Nothing in Satchel reaches the network unless the person asked for it with
`--fetch`; then only http(s) addresses are fetched, one at a time, with

- a polite user agent (`Satchel/0.1 (+offline news relay)`),
- a connect timeout, a timeout between bytes, and a deadline for the whole
  response (a server that trickles a byte a second is cut off too),
- a size cap: a body announced larger than the cap is refused before a byte of
  it is read, and one that does not say is read only up to the cap and no
  further (memory stays at the cap, never the size the server sends),
- a redirect limit, and redirects only to http(s),
- and a budget of bytes for the whole run.

Addresses named inside downloaded content (the images of a feed's entries)
come from strangers: they are fetched only from public internet addresses, or
from the host the person named themselves. A feed cannot make a relay's
machine request its router's admin page or a service on localhost. The host is
resolved once, checked, and the connection is made to exactly the address that
was checked (no second lookup a DNS rebinding could change).
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bundles.errors import SourceError
from bundles.limits import MiB

USER_AGENT = "Satchel/0.1 (+offline news relay)"


class FetchError(SourceError):
    """A download failed or was refused (timeout, size cap, redirects, address)."""

    hint = "The rest of the batch is unaffected; try again when the connection is better."


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # longest wait for the next bytes
    deadline: float = 60.0  # longest time for one whole response
    max_redirects: int = 5
    feed_bytes: int = 32 * MiB
    image_bytes: int = 25 * MiB
    total_bytes: int = 1024 * MiB  # budget for one run
    chunk: int = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked
    final_url: str  # after redirects
    data: bytes
    content_type: str


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _origin(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


@dataclass
class Fetcher:
    """Fetch http(s) resources within `policy`; results are cached per URL for the run."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    user_agent: str = USER_AGENT
    used_bytes: int = 0
    requests: int = 0
    _cache: dict[str, Fetched | FetchError] = field(default_factory=dict, repr=False)

    def get(
        self,
        url: str,
        *,
        cap: int | None = None,
        trusted: Iterable[str] = (),
        accept: str = "*/*",
    ) -> Fetched:
        """GET `url`. `trusted` lists origins (scheme://host:port) the person named
        themselves; any other host must resolve to a public address."""
        cached = self._cache.get(url)
        if isinstance(cached, FetchError):
            raise cached
        if cached is not None:
            return cached
        try:
            result = self._get(url, cap or self.policy.image_bytes, {_origin(t) for t in trusted},
                               accept)
        except FetchError as exc:
            self._cache[url] = exc
            raise
        self._cache[url] = result
        return result

    def get_feed(self, url: str) -> Fetched:
        """The feed the person named: its own host is trusted, whatever its address."""
        return self.get(url, cap=self.policy.feed_bytes, trusted=[url],
                        accept="application/rss+xml, application/atom+xml, application/xml, "
                               "text/xml;q=0.9, */*;q=0.5")

    # ------------------------------------------------------------------ internals

    def _get(self, url: str, cap: int, trusted: set[str], accept: str) -> Fetched:
        current = url
        for _ in range(self.policy.max_redirects + 1):
            status, location, content_type, data = self._request(current, cap, trusted, accept)
            if status in (301, 302, 303, 307, 308):
                if not location:
                    raise FetchError(f"redirect without a Location from {current}", path=url)
                current = urljoin(current, location)
                continue
            if status != 200:
                raise FetchError(f"the server answered HTTP {status}", path=url)
            return Fetched(url=url, final_url=current, data=data, content_type=content_type)
        raise FetchError(f"more than {self.policy.max_redirects} redirects; gave up", path=url)

    def _address(self, host: str, port: int, trusted: bool, url: str) -> str:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError(f"cannot find the host {host!r}", path=url) from exc
        addresses = [str(info[4][0]) for info in infos]
        for address in addresses:
            if trusted or _is_public(address):
                return address
        raise FetchError(
            f"{host} is a local or private address; only public addresses are fetched "
            "for addresses found inside a feed or page",
            path=url,
        )

    def _request(
        self, url: str, cap: int, trusted: set[str], accept: str
    ) -> tuple[int, str, str, bytes]:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(f"only http and https addresses are fetched, not {scheme or '?'}:",
                             path=url)
        host = parts.hostname
        if not host:
            raise FetchError("the address has no host", path=url)
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError as exc:
            raise FetchError("the address has an invalid port", path=url) from exc
        if self.used_bytes >= self.policy.total_bytes:
            raise FetchError(f"the download budget of {self.policy.total_bytes // MiB} MiB "
                             "for this run is used up", path=url)
        address = self._address(host, port, _origin(url) in trusted, url)
        conn = _connection(scheme, host, port, address, self.policy.connect_timeout)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        start = time.monotonic()
        self.requests += 1
        # A watchdog for the whole response, headers included: a server that
        # trickles one byte at a time never trips the idle timeout alone.
        expired = threading.Event()

        def cut_off() -> None:
            expired.set()
            sock = conn.sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

        watchdog = threading.Timer(self.policy.deadline, cut_off)
        watchdog.daemon = True
        watchdog.start()
        try:
            conn.putrequest("GET", path, skip_accept_encoding=True)
            conn.putheader("User-Agent", self.user_agent)
            conn.putheader("Accept", accept)
            conn.putheader("Accept-Encoding", "identity")
            conn.putheader("Connection", "close")
            conn.endheaders()
            if conn.sock is not None:
                conn.sock.settimeout(self.policy.read_timeout)
            response = conn.getresponse()
            status = response.status
            location = response.getheader("Location", "") or ""
            content_type = response.getheader("Content-Type", "") or ""
            if status in (301, 302, 303, 307, 308) or status != 200:
                return status, location, content_type, b""
            encoding = (response.getheader("Content-Encoding", "") or "identity").lower()
            if encoding not in ("identity", ""):
                raise FetchError(f"the server sent {encoding}-compressed data unasked", path=url)
            budget = min(cap, self.policy.total_bytes - self.used_bytes)
            length = response.getheader("Content-Length")
            if length is not None and length.strip().isdigit() and int(length) > budget:
                raise FetchError(f"is {int(length):,} bytes, over the {budget:,}-byte cap; "
                                 "not downloaded", path=url)
            data = self._read_capped(conn, response, budget, start, url, expired)
            self.used_bytes += len(data)
            return status, location, content_type, data
        except FetchError:
            raise
        except TimeoutError as exc:
            raise FetchError(f"no answer within {self.policy.read_timeout:g} s; gave up",
                             path=url) from exc
        except (OSError, http.client.HTTPException) as exc:
            if expired.is_set():
                raise FetchError(f"took longer than {self.policy.deadline:g} s; gave up",
                                 path=url) from exc
            raise FetchError(f"download failed ({exc.__class__.__name__}: {exc})"[:300],
                             path=url) from exc
        finally:
            watchdog.cancel()
            conn.close()

    def _read_capped(
        self,
        conn: http.client.HTTPConnection,
        response: http.client.HTTPResponse,
        cap: int,
        start: float,
        url: str,
        expired: threading.Event,
    ) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            remaining = self.policy.deadline - (time.monotonic() - start)
            if remaining <= 0 or expired.is_set():
                raise FetchError(f"took longer than {self.policy.deadline:g} s; gave up", path=url)
            if conn.sock is not None:
                conn.sock.settimeout(min(self.policy.read_timeout, remaining))
            chunk = response.read1(min(self.policy.chunk, cap + 1 - size))
            if not chunk:
                if expired.is_set():
                    raise FetchError(f"took longer than {self.policy.deadline:g} s; gave up",
                                     path=url)
                break
            size += len(chunk)
            if size > cap:
                raise FetchError(f"is over the {cap:,}-byte cap; stopped reading", path=url)
            chunks.append(chunk)
        return b"".join(chunks)


def _connection(
    scheme: str, host: str, port: int, address: str, timeout: float
) -> http.client.HTTPConnection:
    """A connection to exactly `address` (already checked), named `host` for TLS and Host."""

    def create(_addr: tuple[str, int], timeout: float = timeout,
               source: object = None) -> socket.socket:
        return socket.create_connection((address, port), timeout)

    conn: http.client.HTTPConnection
    if scheme == "https":
        conn = http.client.HTTPSConnection(host, port, timeout=timeout,
                                           context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
    conn._create_connection = create  # type: ignore[attr-defined]
    return conn
