"""How to encrypt the catalog: the candidates on one catalog-shaped workload (issue 18).

    python bench/catalog_ciphers.py [--rows 10000]

(Run it where `sqlcipher3` and, optionally, `apsw-sqlite3mc` are installed; the
second is not a dependency of Satchel: it is measured here only.)

Workload, the shape of an import and of reading: `--rows` article rows (title,
summary, a 2 KiB envelope and a 6 KiB body blob, as the catalog holds them
inline) written in transactions of 250 in WAL mode with synchronous=FULL, then
2,000 look-ups by key, and a list of 100 ordered by title. Candidates: plain
SQLite (the baseline), SQLCipher through `sqlcipher3` (raw key), SQLite3
Multiple Ciphers through APSW (ChaCha20-Poly1305, raw key), and encrypted
columns (AES-GCM on each text and blob value in Python; the list ordered by
title cannot be done in SQL and is not timed for it).
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

SCHEMA = ("CREATE TABLE IF NOT EXISTS a (id INTEGER PRIMARY KEY, title TEXT, summary TEXT, "
          "envelope BLOB, body BLOB)")
KEY = secrets.token_bytes(32)


def rows(n: int) -> list[tuple]:
    rng = random.Random(1)
    words = [bytes(rng.randrange(97, 123) for _ in range(rng.randrange(3, 10))).decode()
             for _ in range(5000)]
    return [(i, " ".join(rng.choices(words, k=8)), " ".join(rng.choices(words, k=40)),
             rng.randbytes(2048), " ".join(rng.choices(words, k=900)).encode()[:6144])
            for i in range(n)]


def connect(kind: str, path: Path):
    if kind == "plain" or kind == "columns":
        return sqlite3.connect(path, isolation_level=None)
    if kind == "sqlcipher":
        from sqlcipher3 import dbapi2

        conn = dbapi2.connect(str(path), isolation_level=None)
        conn.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
        return conn
    import apsw

    conn = apsw.Connection(str(path))
    conn.execute("PRAGMA cipher = 'chacha20'")
    conn.execute(f"PRAGMA hexkey = '{KEY.hex()}'")
    return conn


def run(kind: str, data: list[tuple], folder: Path) -> dict[str, float]:
    path = folder / f"{kind}.db"
    conn = connect(kind, path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(SCHEMA)
    aead = None
    if kind == "columns":
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        aead = AESGCM(KEY)

    def seal(value: bytes | str) -> bytes:
        raw = value.encode() if isinstance(value, str) else value
        nonce = os.urandom(12)
        return nonce + aead.encrypt(nonce, raw, None)

    start = time.perf_counter()
    for i in range(0, len(data), 250):
        batch = data[i:i + 250]
        if aead is not None:
            batch = [(r[0], *map(seal, r[1:])) for r in batch]
        conn.execute("BEGIN IMMEDIATE")
        for row in batch:
            conn.execute("INSERT INTO a VALUES (?, ?, ?, ?, ?)", row)
        conn.execute("COMMIT")
    write = time.perf_counter() - start
    rng = random.Random(2)
    start = time.perf_counter()
    for _ in range(2000):
        row = next(iter(conn.execute("SELECT title, body FROM a WHERE id = ?",
                                     (rng.randrange(len(data)),))))
        if aead is not None:
            [aead.decrypt(v[:12], v[12:], None) for v in row]
    lookups = (time.perf_counter() - start) / 2000 * 1e6
    start = time.perf_counter()
    if aead is None:
        for _ in range(20):
            list(conn.execute("SELECT id, title FROM a ORDER BY title LIMIT 100"))
    listing = (time.perf_counter() - start) / 20 * 1000 if aead is None else float("nan")
    conn.close()
    return dict(write=write, lookup_us=lookups, list_ms=listing,
                mib=sum(p.stat().st_size for p in folder.glob(f"{kind}.db*")) / 2**20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = rows(args.rows)
    kinds = ["plain", "sqlcipher", "columns"]
    try:
        import apsw  # noqa: F401

        kinds.insert(2, "sqlite3mc")
    except ImportError:
        print("apsw-sqlite3mc is not installed: SQLite3 Multiple Ciphers not measured")
    results: dict[str, list[dict[str, float]]] = {k: [] for k in kinds}
    for run_number in range(args.runs):
        for kind in (kinds if run_number % 2 == 0 else kinds[::-1]):
            folder = Path(tempfile.mkdtemp())
            try:
                results[kind].append(run(kind, data, folder))
            finally:
                shutil.rmtree(folder)
    base = statistics.median(r["write"] for r in results["plain"])
    print(f"{args.rows:,} rows, median of {args.runs} runs, load {os.getloadavg()[0]:.1f}")
    for kind, runs in results.items():
        write = statistics.median(r["write"] for r in runs)
        print(f"{kind:10} write {write:6.2f} s ({write / base:.2f}x)  look-up "
              f"{statistics.median(r['lookup_us'] for r in runs):6.0f} us  list "
              f"{statistics.median(r['list_ms'] for r in runs):6.1f} ms  "
              f"{statistics.median(r['mib'] for r in runs):5.1f} MiB")


if __name__ == "__main__":
    main()
