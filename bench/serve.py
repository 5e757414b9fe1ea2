"""The reading room under load: 50 phones reading a 100,000-article library on 127.0.0.1.

    .venv/bin/python bench/serve.py [--articles 100000] [--seconds 60] [--readers 50]
                                    [--keep DIR] [--json FILE]

The library is built once from ../shared/corpus (bench/startup.py's builder: five
publishers, English, Russian, Kazakh and Persian) and reused from --keep. Each
server runs in a process of its own (so its memory is its own), on 127.0.0.1; the
readers are one asyncio process, each reader with its own connection from its own
loopback address (127.0.0.11, .12, ...), as phones on a hotspot are.

Phases, each bounded in time (they stop by themselves):

  paced      each reader waits 0.5-1.5 s between requests (about 50 requests a
             second in all): a busy reading room, under the default limits
               static, bare waitress   the stylesheet from a plain WSGI app (baseline)
               static, reading room    the stylesheet through every guard
               articles and searches   70 % article pages, 30 % searches with snippets
  flat out   no pause (the server's rate limit raised so that it measures capacity)
               static, bare waitress; articles and searches

For each: requests, throughput, p50 and p95 per kind of page, errors; and the
reading room's memory (RSS after start and highest sampled, and the highest of its
anonymous part: RSS also counts the pages of the search index's files that are mapped
and were read, which the kernel may drop and read again), the time spent inside the
application per kind of page (what the readers wait beyond it is waitress, the
network stack and waiting for a core), and the machine's load average.
Goals (issue 17): article page p95 <= 50 ms, search p95 <= 150 ms, memory <= 150 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SERVER = r"""
import json, sys, time
from reader.web.config import ServeConfig
from reader.web.server import Server
library, rate = sys.argv[1], float(sys.argv[2])
server = Server(library, ServeConfig(port=0, rate=rate, burst=max(60, int(rate))))
# Time inside the application (guards, views, templates), per kind of page: what the
# readers measure beyond it is waitress, the network stack and waiting for a core.
times = {}
respond = server.app._respond
def timed(environ):
    start = time.perf_counter()
    try:
        return respond(environ)
    finally:
        path = environ.get("PATH_INFO", "")
        kind = path.split("/")[1] if path.count("/") > 1 else path.strip("/") or "home"
        times.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
server.app._respond = timed
print(server.url, flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
finally:
    server.stop()
    print("TIMES " + json.dumps(times), flush=True)
"""

# The baseline: the same file from a plain WSGI app on waitress (bench/serve_stacks.py
# also runs it under another Python); its argument is the file.
BARE = r"""
import logging, sys
logging.getLogger("waitress").disabled = logging.getLogger("waitress.queue").disabled = True
from waitress.server import create_server
body = open(sys.argv[1], "rb").read()
def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/css"), ("Content-Length", str(len(body)))])
    return [body]
server = create_server(app, host="127.0.0.1", port=0, threads=4)
print(f"http://127.0.0.1:{server.effective_port}/", flush=True)
try:
    server.run()
except KeyboardInterrupt:
    pass
"""
STYLESHEET = str(REPO / "reader" / "web" / "static" / "style.css")

@dataclass
class Phase:
    name: str
    seconds: float
    paced: bool
    mix: dict[str, float]  # kind -> share
    samples: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0


class Process:
    """A server in its own process; its first line is its address."""

    def __init__(self, code: str, *args: str, python: str = sys.executable):
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.popen = subprocess.Popen([python, "-c", code, *args],
                                      stdout=subprocess.PIPE, env=env, text=True)
        self.url = self.popen.stdout.readline().strip()
        self.port = int(self.url.rsplit(":", 1)[1].strip("/"))
        self.rss: list[float] = []
        self.anon: list[float] = []
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self) -> None:
        """RSS, and its anonymous part (what the process allocated; the rest is mostly
        the search index's files, mapped, which the kernel may drop and read again)."""
        status = Path(f"/proc/{self.popen.pid}/status")
        while not self._stop.is_set():
            try:
                fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
            except (OSError, ValueError):
                return
            self.rss.append(int(fields["VmRSS"].split()[0]) / 1024)
            self.anon.append(int(fields["RssAnon"].split()[0]) / 1024)
            self._stop.wait(0.25)

    def close(self) -> dict[str, list[float]]:
        """Stop the server; the time its application spent per kind of page."""
        self._stop.set()
        self.popen.send_signal(2)
        try:
            out, _ = self.popen.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            return {}
        for line in out.splitlines():
            if line.startswith("TIMES "):
                return json.loads(line[6:])
        return {}


async def request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str,
                  path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def reader_loop(n: int, port: int, phase: Phase, deadline: float, pages: dict[str, list[str]],
                      rng: random.Random) -> None:
    host = f"127.0.0.1:{port}"
    source = f"127.0.{(n // 200) + 1}.{n % 200 + 11}"
    reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
    kinds, weights = list(phase.mix), list(phase.mix.values())
    try:
        while time.monotonic() < deadline:
            kind = rng.choices(kinds, weights)[0]
            path = rng.choice(pages[kind])
            start = time.perf_counter()
            try:
                status = await request(reader, writer, host, path)
            except (ConnectionError, asyncio.IncompleteReadError, ValueError, IndexError):
                phase.errors[kind] = phase.errors.get(kind, 0) + 1
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port,
                                                               local_addr=(source, 0))
                continue
            took = (time.perf_counter() - start) * 1000
            if status == 200:
                phase.samples.setdefault(kind, []).append(took)
            else:
                phase.errors[f"{kind} {status}"] = phase.errors.get(f"{kind} {status}", 0) + 1
            if phase.paced:
                await asyncio.sleep(rng.uniform(0.5, 1.5))
    finally:
        writer.close()


async def run_phase(phase: Phase, port: int, readers: int, pages: dict[str, list[str]],
                    seed: int) -> None:
    start = time.monotonic()
    deadline = start + phase.seconds
    await asyncio.gather(*(reader_loop(n, port, phase, deadline, pages,
                                       random.Random(seed * 1000 + n)) for n in range(readers)))
    phase.elapsed = time.monotonic() - start


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def report(phase: Phase) -> dict:
    total = sum(len(v) for v in phase.samples.values())
    rows = {kind: {"requests": len(v), "p50_ms": round(statistics.median(v), 1),
                   "p95_ms": round(percentile(v, 0.95), 1)}
            for kind, v in sorted(phase.samples.items())}
    print(f"  {phase.name:38} {total:7,} ok in {phase.elapsed:5.1f} s = "
          f"{total / phase.elapsed:6.1f}/s  errors {phase.errors or 0}")
    for kind, r in rows.items():
        print(f"      {kind:10} {r['requests']:7,}   p50 {r['p50_ms']:7.1f} ms   "
              f"p95 {r['p95_ms']:7.1f} ms")
    return {"phase": phase.name, "throughput": round(total / phase.elapsed, 1),
            "errors": phase.errors, "kinds": rows}


def choose_pages(library: Path, count: int = 5000, seed: int = 5) -> dict[str, list[str]]:
    from bench.search import make_queries
    from reader import Library

    rng = random.Random(seed)
    with Library.open(library, readonly=True) as lib:
        ids = lib.articles.ids()
        rows = lib.articles.rows_by_id(rng.sample(ids, min(count, len(ids))))
    articles = [f"/article/{r.publisher}/{quote(r.article_id)}" for r in rows]
    searches = [f"/search?q={quote(q)}" for _, _, q in make_queries(seed)]
    return {"article": articles, "search": searches, "static": ["/static/style.css"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="where libraries are built and kept")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    from bench.startup import build_library

    folder = args.keep or Path(tempfile.mkdtemp(prefix="satchel-serve-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    library = build_library(folder, args.articles)
    pages = choose_pages(library)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; library of "
          f"{args.articles:,} articles in {library}; {args.readers} readers")
    results: dict = {"articles": args.articles, "readers": args.readers, "phases": []}
    short = max(10.0, args.seconds / 3)
    mixed = {"article": 0.7, "search": 0.3}

    def run(process: Process, phase: Phase, seed: int) -> None:
        asyncio.run(run_phase(phase, process.port, args.readers, pages, seed))
        results["phases"].append(report(phase))

    def memory(process: Process, label: str) -> dict:
        figures = {"rss_after_start_mb": round(process.rss[0], 1),
                   "rss_peak_mb": round(max(process.rss), 1),
                   "anon_peak_mb": round(max(process.anon), 1)}
        print(f"  reading room memory, {label}: RSS after start {figures['rss_after_start_mb']}"
              f" MB, highest {figures['rss_peak_mb']} MB, of which allocated (RssAnon) "
              f"{figures['anon_peak_mb']} MB")
        return figures

    def inside(times: dict[str, list[float]], label: str) -> dict:
        figures = {kind: {"p50_ms": round(statistics.median(v), 1),
                          "p95_ms": round(percentile(v, 0.95), 1)}
                   for kind, v in sorted(times.items()) if kind in ("article", "search")}
        print(f"  time inside the application, {label}: " + ", ".join(
            f"{kind} p50 {f['p50_ms']} ms p95 {f['p95_ms']} ms" for kind, f in figures.items()))
        return figures

    def both(label: str, paced: bool, rate: str, room_phases: list[Phase], seed: int) -> None:
        """The bare-waitress baseline, then the reading room, each in a fresh process."""
        bare = Process(BARE, STYLESHEET)
        try:
            run(bare, Phase("static, bare waitress (baseline)", short, paced, {"static": 1}),
                seed)
        finally:
            bare.close()
        room = Process(SERVER, str(library), rate)
        try:
            time.sleep(0.5)
            for n, phase in enumerate(room_phases, start=1):
                run(room, phase, seed + n)
        finally:
            times = room.close()
        results[f"memory_{label}"] = memory(room, label)
        results[f"inside_{label}"] = inside(times, label)
        load.append(os.getloadavg()[0])

    load = [os.getloadavg()[0]]
    print("paced: each reader pauses 0.5-1.5 s between requests")
    both("paced", True, "10", [
        Phase("static, reading room", short, True, {"static": 1}),
        Phase("articles and searches, reading room", args.seconds, True, mixed)], 1)
    print("flat out: no pause (rate limit raised: capacity, not the limiter)")
    both("flat_out", False, "1000000", [
        Phase("articles and searches, reading room", short, False, mixed)], 10)
    results["load_average"] = [round(x, 2) for x in load]
    print("machine load average (1 min) at start, between, end: "
          + ", ".join(f"{x:.2f}" for x in load) + f" on {os.cpu_count()} CPUs")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
