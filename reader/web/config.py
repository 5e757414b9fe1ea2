"""Every limit of the web front end in one object (Datasette's settings list, python-tuf's
`UpdaterConfig`): what a phone on the hotspot may ask, how long it may take, how much it
may cost. `docs/security.md` section 12 gives each its reason and test."""

from __future__ import annotations

from dataclasses import dataclass

KiB = 1024
MiB = 1024 * KiB


@dataclass(frozen=True)
class ServeConfig:
    address: str = "127.0.0.1"
    port: int = 8080
    # Concurrency: worker threads (each holds one read-only connection to the library)
    # and open connections in all, and from one client address.
    threads: int = 8
    connections: int = 64
    connections_per_client: int = 8
    # Requests: only GET and HEAD; a request line with its headers, and a body.
    header_bytes: int = 8 * KiB
    body_bytes: int = 0
    url_chars: int = 6 * KiB
    # Slow clients: the whole request must arrive within `request_seconds`; a
    # connection silent for `idle_seconds` is closed; a response must be on its way
    # out within `send_seconds` (a reader that trickles a download holds no thread,
    # but is not kept for ever either).
    request_seconds: float = 10.0
    idle_seconds: float = 30.0
    send_seconds: float = 120.0
    # Per client address: a bucket of `burst` requests refilled at `rate` a second.
    rate: float = 10.0
    burst: int = 60
    clients_remembered: int = 4096  # addresses the limiter keeps (least recent dropped)
    # Pages.
    page_size: int = 20
    search_page_size: int = 10  # each hit's snippet is cut from its body: the bulk of a search
    query_chars: int = 500
    search_pages: int = 50  # a search can be paged this deep
    # Bundles made for download: at most this many articles (chosen by hand on a phone;
    # their names must fit in the URL) and bytes, one at a time.
    bundle_articles: int = 50
    bundle_bytes: int = 32 * MiB
    # Waitress's buffers: responses go out from memory; these keep its overflow
    # files (temporary files on disk) out of reach (see `server.py`).
    send_chunk: int = 64 * KiB
    outbuf_high_watermark: int = 4 * MiB
    # A reader counts as connected for this long after its last request.
    reader_seconds: float = 120.0

    def __post_init__(self) -> None:
        if not 0 <= self.port <= 65535:
            raise ValueError(f"port must be 0..65535, not {self.port}")
        if self.threads < 1 or self.connections < self.threads:
            raise ValueError("need at least one thread, and connections >= threads")
