"""The HTTP server: waitress, with the limits of `ServeConfig`, in a thread of its own.

Why waitress (docs/serve.md): pure Python and long maintained (Pylons; OnionShare
serves with it), it logs no traffic, and it reads a request's line, headers and
body whole, within caps, before any worker thread sees it, so a slow client
holds a connection but never a thread. What it lacks is added here, small:

- a deadline for a whole request to arrive (`request_seconds`): waitress only
  closes connections that stay *silent*, so a client trickling one header byte
  every few seconds would otherwise hold its connection for hours (slowloris);
- a deadline for a response to go out (`send_seconds`), for clients that read
  a byte at a time;
- at most `connections_per_client` open connections from one address, besides
  waitress's `connection_limit` over all of them;
- its buffers set so that nothing spills to a temporary file: requests carry
  no body, and large responses go out from memory through `wsgi.file_wrapper`.

`Server` binds exactly one address and port, runs waitress's loop in a daemon
thread, and stops it on `stop()`; the desktop app and `satchel serve` both use it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer

from reader.vault import DataKey

from .app import LibraryPool, WebApp
from .config import ServeConfig
from .network import announced_hosts, url_host

# Waitress would log a failing request's path; the app never lets one fail, and
# nothing of waitress's own is worth keeping on a seized laptop's terminal either.
for _name in ("waitress", "waitress.queue"):
    logging.getLogger(_name).disabled = True


class _Channel(HTTPChannel):
    """A connection that remembers when its current request began to arrive and when its
    current response began to go out, and counts itself against its client."""

    def __init__(self, server: _Server, sock: Any, addr: Any, adj: Any, map: Any = None):
        self.request_began: float | None = None
        self.sending_since: float | None = None
        self.client = addr[0] if isinstance(addr, tuple) else str(addr)
        super().__init__(server, sock, addr, adj, map=map)
        if not server.admit(self):
            self.will_close = True  # too many connections from this address: closed unread

    def received(self, data: bytes) -> bool:
        if self.request is None and data and self.request_began is None:
            self.request_began = time.monotonic()
        result = bool(super().received(data))
        if self.request is None:
            self.request_began = None  # every request that began has arrived whole
        return result

    def write_soon(self, data: Any) -> int:
        if self.sending_since is None:
            self.sending_since = time.monotonic()
        return int(super().write_soon(data))

    def handle_write(self) -> None:
        super().handle_write()
        if not self.total_outbufs_len:
            self.sending_since = None

    def del_channel(self, map: Any = None) -> None:
        server: _Server = self.server
        server.release(self)
        super().del_channel(map)


class _Server(TcpWSGIServer):
    channel_class = _Channel

    def __init__(self, *args: Any, config: ServeConfig, **kwargs: Any):
        self.config = config
        self.per_client: Counter[str] = Counter()
        self._clients_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def admit(self, channel: _Channel) -> bool:
        with self._clients_lock:
            self.per_client[channel.client] += 1
            channel.counted = True
            return bool(self.per_client[channel.client] <= self.config.connections_per_client)

    def release(self, channel: _Channel) -> None:
        with self._clients_lock:
            if getattr(channel, "counted", False):
                channel.counted = False
                self.per_client[channel.client] -= 1
                if self.per_client[channel.client] <= 0:
                    del self.per_client[channel.client]

    def maintenance(self, now: float) -> None:
        """Waitress closes silent connections; this also closes those whose request has
        not arrived whole in time, or whose response is not out in time."""
        super().maintenance(now)
        clock = time.monotonic()
        for channel in list(self.active_channels.values()):
            began = getattr(channel, "request_began", None)
            sending = getattr(channel, "sending_since", None)
            if ((began is not None and clock - began > self.config.request_seconds)
                    or (sending is not None and clock - sending > self.config.send_seconds)):
                channel.will_close = True


def waitress_options(config: ServeConfig) -> dict[str, Any]:
    """Waitress's adjustments for `config`."""
    return dict(
        threads=config.threads,
        connection_limit=config.connections,
        channel_timeout=config.idle_seconds,
        # Deadlines are checked this often (waitress's default is 30 s).
        cleanup_interval=1,
        max_request_header_size=config.header_bytes,
        max_request_body_size=config.body_bytes,
        # Requests carry no body; responses larger than a chunk go out through the
        # file wrapper. These keep every buffer in memory (waitress spills a buffer
        # that passes its overflow size to a temporary file).
        inbuf_overflow=max(config.header_bytes, config.body_bytes) * 4 + 65536,
        outbuf_high_watermark=config.outbuf_high_watermark,
        outbuf_overflow=config.outbuf_high_watermark + 4 * config.send_chunk,
        ident="Satchel",
        expose_tracebacks=False,
        log_socket_errors=False,
        clear_untrusted_proxy_headers=True,
        url_scheme="http",
        asyncore_use_poll=True,  # select() cannot watch more than 1,024 sockets
    )


@dataclass(frozen=True)
class Address:
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{url_host(self.host)}:{self.port}/"


class Server:
    """The reading room for one library on one address. `start()`, then `stop()`.
    A protected library is served with the data `key` its caller unlocked; the
    caller keeps the key (and may wipe it once the server is made)."""

    def __init__(self, library: Path | str, config: ServeConfig | None = None, *,
                 key: DataKey | None = None):
        from waitress.adjustments import Adjustments
        from waitress.task import ThreadedTaskDispatcher

        config = config or ServeConfig()
        self.config = config
        self.pool = LibraryPool(library, config.threads, key)
        try:
            adj = Adjustments(host=config.address, port=config.port,
                              **waitress_options(config))
            dispatcher = ThreadedTaskDispatcher()
            dispatcher.set_thread_count(config.threads)
            # The app is made after binding: the port may be 0 (any free port), and the
            # Host values it accepts name the real one.
            self.app: WebApp | None = None
            self._server = _Server(self._dispatch, map={}, adj=adj, dispatcher=dispatcher,
                                   config=config)
        except BaseException:
            self.pool.close()
            raise
        host, port = self._server.effective_host, self._server.effective_port
        self.address = Address(str(host), int(port))
        self.app = WebApp(self.pool, config, announced_hosts(self.address.host, self.address.port))
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._stopped = threading.Event()

    def _dispatch(self, environ: dict[str, Any], start_response: Any) -> Any:
        assert self.app is not None
        return self.app(environ, start_response)

    @property
    def url(self) -> str:
        return self.address.url

    def readers(self) -> int:
        """Phones (client addresses) that asked for something in the last two minutes."""
        return self.app.guard.readers() if self.app is not None else 0

    def start(self) -> None:
        """Serve from a daemon thread of its own."""
        self._thread = threading.Thread(target=self.serve_forever, name="satchel-serve",
                                        daemon=True)
        self._thread.start()

    def serve_forever(self) -> None:
        """Run waitress's loop in this thread until `stop()` (from another thread) or
        Ctrl+C; the connections and workers are closed here, in the loop's own thread."""
        from waitress import wasyncore

        server = self._server
        try:
            while not self._stopping.is_set():
                wasyncore.loop(timeout=1.0, map=server._map, use_poll=True, count=1)
        finally:
            wasyncore.close_all(server._map)  # wakes workers waiting to write
            server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)
            self._stopped.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop accepting, close every connection, let the workers finish, close the
        library. Safe to call twice, and from any thread but the loop's."""
        self._stopping.set()
        if self._thread is not None:
            if not self._stopped.is_set():
                with contextlib.suppress(OSError):  # the loop may have just closed it
                    self._server.pull_trigger()  # wake the loop now, not in a second
            self._thread.join(timeout)
        elif not self._stopped.is_set():
            self.serve_forever_cleanup()
        self.pool.close()
        if self.app is not None:
            self.app.guard.forget()

    def serve_forever_cleanup(self) -> None:
        """Close the sockets of a server whose loop never ran."""
        from waitress import wasyncore

        wasyncore.close_all(self._server._map)
        self._server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)
        self._stopped.set()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
