"""A protected library beside an unprotected one, same articles, same run (issue 18).

    .venv/bin/python bench/protected.py [--articles 10000] [--search-size 100000] [--runs 2]

1. Import: the corpus bundles of bench/import.py (10,000 articles, one in 20
   with a photo stored as a file) imported whole (verify, store, index) into a
   fresh unprotected library and a fresh protected one, alternating which goes
   first, `--runs` times. Goal: protected <= 1.3x.
2. Unlock (Library.open with the passphrase: the KDF, SQLCipher's key, the
   catalog and the sealed index opened) and the KDF alone; panic (the key
   destroyed, then the whole library removed) on the 10,000-article library.
   Goals: unlock <= 1 s, panic <= 1 s.
3. Search through the library (Library.search: index, catalog rows, snippets
   from the store) on the two 10,000-article libraries, then the index alone at
   `--search-size` articles (bench/search.py's documents and query set, with
   snippets), sealed beside plain, each query run on both in turn. Goal: p95
   protected <= 1.3x.
"""

from __future__ import annotations

import argparse
import importlib
import os
import secrets
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index import Index
from reader import Library, protect
from reader.lock import LibraryLock
from reader.paths import LibraryPaths
from reader.vault import KeyFile

bench_import = importlib.import_module("bench.import")
bench_search = importlib.import_module("bench.search")

PASSPHRASE = b"a passphrase of a few words"
MODES = ("plain", "protected")


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def fresh_library(root: Path, mode: str) -> None:
    shutil.rmtree(root, ignore_errors=True)
    if mode == "protected":
        root.mkdir(parents=True)
        paths = LibraryPaths(root)
        lock = LibraryLock(paths.lock)
        lock.acquire()
        try:
            protect.protect(paths, PASSPHRASE)  # the default KDF, as a reader gets it
        finally:
            lock.release()


def open_library(root: Path, mode: str, **options: object) -> Library:
    return Library.open(root, passphrase=PASSPHRASE if mode == "protected" else None,
                        **options)  # type: ignore[arg-type]


def bench_imports(bundles: list[Path], work: Path, runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {m: [] for m in MODES}
    for run in range(runs):
        for mode in (MODES if run % 2 == 0 else MODES[::-1]):
            root = work / f"import-{mode}"
            fresh_library(root, mode)
            start = time.perf_counter()
            with open_library(root, mode) as library:
                summary = library.import_paths(bundles)
            seconds = time.perf_counter() - start
            times[mode].append(seconds)
            print(f"  import run {run + 1} {mode:9}: {seconds:6.1f} s "
                  f"({sum(f.new_articles for f in summary.files)} articles)", flush=True)
    return times


def bench_unlock(root: Path, tries: int = 5) -> tuple[list[float], list[float]]:
    paths = LibraryPaths(root)
    kdf_times, unlock_times = [], []
    for _ in range(tries):
        file = KeyFile.read(paths.key)
        start = time.perf_counter()
        file.kdf.derive(PASSPHRASE)
        kdf_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        with Library.open(root, readonly=True, passphrase=PASSPHRASE) as library:
            library.search("news")  # the sealed index opened and read once
        unlock_times.append(time.perf_counter() - start)
    return kdf_times, unlock_times


def bench_library_search(work: Path) -> dict[str, list[float]]:
    queries = [q for _, _, q in bench_search.make_queries()]
    libraries = {m: open_library(work / f"import-{m}", m, readonly=True) for m in MODES}
    times: dict[str, list[float]] = {m: [] for m in MODES}
    try:
        for q in queries[:20]:  # warm-up
            for library in libraries.values():
                library.search(q, pagelen=10)
        for n, q in enumerate(queries):
            for mode in (MODES if n % 2 == 0 else MODES[::-1]):
                start = time.perf_counter()
                libraries[mode].search(q, pagelen=10)
                times[mode].append((time.perf_counter() - start) * 1000)
    finally:
        for library in libraries.values():
            library.close()
    return times


def bench_index_search(work: Path, size: int, procs: int) -> dict[str, list[float]]:
    key = secrets.token_bytes(32)
    keys = {"plain": None, "protected": key}
    for mode in MODES:
        path = work / f"index-{size}-{mode}"
        if (path / "done").exists():
            continue
        shutil.rmtree(path, ignore_errors=True)
        start = time.perf_counter()
        with Index.open(path, key=keys[mode]) as index:
            index.rebuild(bench_search.library(size), procs=procs)
        (path / "done").write_text(f"{time.perf_counter() - start:.1f}\n")
        (path / "key").write_bytes(keys[mode] or b"")
        print(f"  index of {size:,} {mode:9}: built in {time.perf_counter() - start:.0f} s",
              flush=True)
    bodies = {d.key: d.body_text for d in bench_search.library(size)}
    indexes = {m: Index.open(work / f"index-{size}-{m}",
                             key=(work / f"index-{size}-{m}" / "key").read_bytes() or None)
               for m in MODES}
    queries = [q for _, _, q in bench_search.make_queries()]
    times: dict[str, list[float]] = {m: [] for m in MODES}
    try:
        for q in queries[:20]:
            for index in indexes.values():
                index.search(q, body_text=bodies.get)
        for n, q in enumerate(queries):
            for mode in (MODES if n % 2 == 0 else MODES[::-1]):
                start = time.perf_counter()
                indexes[mode].search(q, body_text=bodies.get)
                times[mode].append((time.perf_counter() - start) * 1000)
    finally:
        for index in indexes.values():
            index.close()
    return times


def report_latency(label: str, times: dict[str, list[float]]) -> None:
    plain, sealed = times["plain"], times["protected"]
    print(f"{label}: {len(plain)} queries, median {statistics.median(plain):.1f} ms plain, "
          f"{statistics.median(sealed):.1f} ms protected "
          f"({statistics.median(sealed) / statistics.median(plain):.2f}x); p95 "
          f"{_p95(plain):.1f} ms plain, {_p95(sealed):.1f} ms protected "
          f"({_p95(sealed) / _p95(plain):.2f}x; goal <= 1.3x)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--search-size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=bench_import.OUT / "protected")
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if not args.skip_import:
        bundles = bench_import.build_bundles(bench_import.CORPUS, args.articles, 4)
        times = bench_imports(bundles, args.work, args.runs)
        plain, sealed = statistics.median(times["plain"]), statistics.median(times["protected"])
        print(f"import of {args.articles:,}: {plain:.1f} s plain, {sealed:.1f} s protected "
              f"({sealed / plain:.2f}x; goal <= 1.3x); runs {times}", flush=True)
    kdf, unlock = bench_unlock(args.work / "import-protected")
    print(f"unlock: KDF {statistics.median(kdf) * 1000:.0f} ms, Library.open with the "
          f"passphrase and a first search {statistics.median(unlock) * 1000:.0f} ms "
          f"(median of {len(unlock)}; max {max(unlock) * 1000:.0f} ms; goal <= 1 s)", flush=True)
    report_latency(f"library search at {args.articles:,}", bench_library_search(args.work))
    report_latency(f"index search at {args.search_size:,}",
                   bench_index_search(args.work, args.search_size, args.procs))
    copy = args.work / "panic"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(args.work / "import-protected", copy)
    size = sum(p.stat().st_size for p in copy.rglob("*") if p.is_file())
    result = protect.panic(LibraryPaths(copy))
    print(f"panic on a {size / 2**20:.0f} MiB library: key destroyed in "
          f"{result.key_seconds * 1000:.1f} ms, everything removed in "
          f"{result.total_seconds * 1000:.0f} ms (goal <= 1 s)", flush=True)


if __name__ == "__main__":
    main()
