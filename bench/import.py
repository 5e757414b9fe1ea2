"""Import benchmark: 10,000 real articles, each figure beside a baseline from the same run.

    .venv/bin/python bench/import.py [--articles 10000] [--bundles 4] [--corpus DIR]

Articles are the corpus texts (BBC English, Lenta Russian, Fars/Varzesh3
Persian, KazNERD Kazakh) cycled with distinct ids, one in 20 with a photo-sized
image (~77 KB, stored as a file). They are signed once and packed into
`--bundles` bundles, cached in bench/out/. Then, on the same bytes:

  baselines  plain file copy (+fsync); verification alone (Bundle.open);
             bare Whoosh build of the same documents with the project's analyzers
             (Whoosh's own writer with 2 processes, as the index package's
             rebuild uses), and that rebuild for reference
  library    verify+store (import without indexing); whole import (with indexing);
             re-import of the same files; listing 10,000 rows; opening one article

Goals (docs/performance.md, "Library and import"): verify+store <= 1.5x verify alone;
whole import <= 1.5x bare Whoosh build; re-import >= 20x faster than the first
import; listing and opening < 50 ms.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import struct
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bundles import chain as chains
from bundles.bundle import Bundle
from bundles.keys import KeyFile, SigningKey
from bundles.pack import ArticleDraft, sign_article, write_bundles
from reader import Library
from reader.importer import Importer

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
CORPUS = REPO.parent / "shared" / "corpus"


# -- the articles --------------------------------------------------------------------


def _texts(corpus: Path) -> Iterator[tuple[str, str, list[str], tuple[str, ...]]]:
    """(language, title, paragraphs, tags) from every corpus source, interleaved."""

    def bbc() -> Iterator[tuple[str, str, list[str], tuple[str, ...]]]:
        for path in sorted((corpus / "en-bbc").glob("*/*.txt")):
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            paragraphs = [p for p in lines[1:] if p.strip()]
            yield "en", lines[0].strip() or path.stem, paragraphs, (path.parent.name,)

    def lenta() -> Iterator[tuple[str, str, list[str], tuple[str, ...]]]:
        for line in (corpus / "ru-lenta" / "news.txt").read_text(encoding="utf-8").splitlines():
            if line.strip():
                title = line.split(". ")[0][:120]
                yield "ru", title, [s + "." for s in line.split(". ")], ()

    def fars() -> Iterator[tuple[str, str, list[str], tuple[str, ...]]]:
        for path in sorted((corpus / "fa-news").glob("*.json")):
            for item in json.loads(path.read_text(encoding="utf-8")):
                paragraphs = [p for p in item.get("paragraphs", []) if p.strip()]
                tags = tuple(dict.fromkeys(t for t in item.get("tags", []) if t.strip()))[:10]
                yield "fa", item["title"][:900], [item.get("abstract", ""), *paragraphs], tags

    def kazakh() -> Iterator[tuple[str, str, list[str], tuple[str, ...]]]:
        sentences, words = [], []
        for line in (corpus / "kk-kaznerd" / "IOB2_test.txt").read_text(
                encoding="utf-8").splitlines():
            if line.strip():
                words.append(line.split()[0])
            elif words:
                sentences.append(" ".join(words))
                words = []
        for start in range(0, len(sentences), 10):
            group = sentences[start:start + 10]
            yield "kk", group[0][:120], group, ()

    sources = [bbc(), lenta(), fars(), kazakh()]
    while sources:
        for source in list(sources):
            item = next(source, None)
            if item is None:
                sources.remove(source)
            else:
                yield item


def _photo(seed: int) -> bytes:
    """A valid, incompressible 160x160 PNG (~77 KB), different for each seed."""
    rng = (seed * 2654435761) & 0xFFFFFFFF
    row_bytes = bytearray()
    for _ in range(160 * 3):
        rng = (rng * 1103515245 + 12345) & 0x7FFFFFFF
        row_bytes.append(rng >> 16 & 0xFF)
    raw = b"".join(b"\x00" + bytes(row_bytes[y:] + row_bytes[:y]) for y in range(160))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 160, 160, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b""))


def build_bundles(corpus: Path, count: int, parts: int) -> list[Path]:
    folder = OUT / f"corpus-{count}-{parts}"
    done = folder / "done"
    if done.exists():
        return sorted(folder.glob("*.satchel"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    key = SigningKey.from_seed(b"\x07" * 32)
    publisher = KeyFile(name="Bench News", signing_key=key,
                        chain=[chains.new_root("Bench News", key)], encrypted=False)
    texts = list(_texts(corpus))
    signed, blobs = [], {}
    start = time.perf_counter()
    for n, (language, title, paragraphs, tags) in enumerate(itertools.islice(
            itertools.cycle(texts), count)):
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        images = {}
        if n % 20 == 0:
            images = {"photo.png": _photo(n)}
            body = '<p><img src="photo.png" alt="photo"></p>' + body
        draft = ArticleDraft(
            article_id=f"{language}-{n:05d}", language=language, title=title or f"#{n}",
            body_html=body, images=images, issued=f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T08:00:00Z",
            tags=tags, summary=paragraphs[0][:300] if paragraphs else "",
        )
        item, item_blobs, _ = sign_article(draft, publisher)
        signed.append(item)
        blobs.update(item_blobs)
    per_part = -(-count // parts)
    for p in range(parts):
        write_bundles(signed[p * per_part:(p + 1) * per_part], blobs.__getitem__,
                      folder / f"bench-{p + 1}.satchel", packer=publisher,
                      title=f"Bench part {p + 1}", created="2026-11-01T00:00:00Z")
    done.write_text(f"built in {time.perf_counter() - start:.1f} s\n")
    return sorted(folder.glob("*.satchel"))


# -- measuring -------------------------------------------------------------------------


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def copy_files(paths: list[Path], target: Path) -> None:
    target.mkdir()
    for path in paths:
        copy = target / path.name
        shutil.copyfile(path, copy)
        with open(copy, "rb+") as handle:
            os.fsync(handle.fileno())


def verify_only(paths: list[Path]) -> int:
    articles = 0
    for path in paths:
        with Bundle.open(path) as bundle:
            articles += len(bundle.articles)
    return articles


def verify_and_store(paths: list[Path], root: Path) -> None:
    with Library.open(root, reconcile_index=False) as library:
        Importer(library.catalog, library.store, library.trust, None).run(paths)


def whoosh_documents(root: Path) -> list:
    """The IndexDocuments of an imported library, built before the timer starts."""
    with Library.open(root, reconcile_index=False) as library:
        return list(library.indexing.documents())


def bare_whoosh(docs: list, target: Path) -> None:
    from whoosh import index as whoosh_index

    from index.schema import build_schema, to_fields

    target.mkdir()
    ix = whoosh_index.create_in(str(target), build_schema())
    # Two processes, as index.Index.rebuild uses: Whoosh's own parallel writer.
    writer = ix.writer(procs=2, limitmb=128)
    for doc in docs:
        writer.add_document(**to_fields(doc))
    writer.commit()


def project_rebuild(docs: list, target: Path) -> None:
    from index import Index

    with Index.open(target) as idx:
        idx.rebuild(docs, procs=2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--bundles", type=int, default=4)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"corpus absent: {args.corpus}")
    paths = build_bundles(args.corpus, args.articles, args.bundles)
    size = sum(p.stat().st_size for p in paths)
    n = args.articles
    print(f"{n} articles in {len(paths)} bundles, {size / 1e6:.1f} MB "
          f"({(OUT / f'corpus-{n}-{args.bundles}' / 'done').read_text().strip()})")
    work = Path(tempfile.mkdtemp(prefix="satchel-import-bench-", dir=OUT))
    rows: list[tuple[str, float, str]] = []

    def report(label: str, seconds: float, extra: str = "") -> None:
        rows.append((label, seconds, extra))
        print(f"  {label:<34} {seconds:8.3f} s  {size / seconds / 1e6:8.1f} MB/s  "
              f"{n / seconds:9.0f} articles/s  {extra}", flush=True)

    try:
        t_copy, _ = timed(lambda: copy_files(paths, work / "copy"))
        report("baseline: plain file copy", t_copy)
        # The pair that is compared most closely runs alternately, best of 3: the
        # machines we measure on are shared, and the minimum is the least disturbed.
        verify_runs, store_runs = [], []
        for attempt in range(3):
            verify_runs.append(timed(lambda: verify_only(paths))[0])
            target = work / f"store-only-{attempt}"
            store_runs.append(timed(lambda t=target: verify_and_store(paths, t))[0])
        t_verify, t_store = min(verify_runs), min(store_runs)
        report("baseline: verify alone (Bundle.open)", t_verify, "best of 3")
        report("verify + store (no index)", t_store,
               f"best of 3, {t_store / t_verify:.2f}x verify")

        docs = whoosh_documents(work / "store-only-0")
        t_whoosh, _ = timed(lambda: bare_whoosh(docs, work / "whoosh"))
        report("baseline: bare Whoosh build", t_whoosh, "(stock writer, 2 processes)")
        t_rebuild, _ = timed(lambda: project_rebuild(docs, work / "rebuild"))
        report("reference: index.Index.rebuild", t_rebuild, "(project writer, 2 processes)")

        root = work / "library"
        library = Library.open(root, reconcile_index=False)
        t_import, summary = timed(lambda: library.import_paths(paths))
        assert summary.ok, summary.to_dict()  # type: ignore[attr-defined]
        report("whole import (verify, store, index)", t_import,
               f"{t_import / t_whoosh:.2f}x bare Whoosh")
        t_again, again = timed(lambda: library.import_paths(paths))
        assert all(f.status == "already-had" for f in again.files)  # type: ignore[attr-defined]
        report("re-import (same files)", t_again, f"{t_import / t_again:.0f}x faster than first")
        renamed = work / "renamed"
        copy_files(paths, renamed)
        for p in renamed.iterdir():
            os.utime(p, (1, 1))
        t_renamed, _ = timed(lambda: library.import_paths([renamed]))
        report("re-import (copies: bundle id path)", t_renamed,
               f"{t_import / t_renamed:.0f}x faster than first")
        library.close()

        # Listing and opening, from a freshly opened library (as the app starts).
        with Library.open(root, reconcile_index=False) as library:
            articles = library.articles

            def ui_list() -> None:  # what the article table does: ids, then the visible rows
                articles.rows_by_id(articles.ids()[:100])

            samples: dict[str, list[float]] = {
                "count": [], "ids (all 10,000)": [], "ui list: ids + 100 rows": [],
                "rows, first page": [], "open one article": [], "rows, all 10,000": []}
            ids = articles.ids()
            for i in range(7):
                samples["count"].append(timed(articles.count)[0])
                samples["ids (all 10,000)"].append(timed(articles.ids)[0])
                samples["ui list: ids + 100 rows"].append(timed(ui_list)[0])
                samples["rows, first page"].append(timed(lambda: articles.rows(limit=100))[0])
                article = ids[(i * 997) % len(ids)]
                samples["open one article"].append(timed(lambda a=article: articles.open(a))[0])
                samples["rows, all 10,000"].append(timed(lambda: articles.rows(limit=10_000))[0])
            print("  listing and opening (ms: first call, median of 7):")
            for label, values in samples.items():
                print(f"    {label:<26} {values[0] * 1000:7.1f} {statistics.median(values) * 1000:7.1f}")

        print("goals:")
        print(f"  verify+store / verify alone   {t_store / t_verify:5.2f}  (goal <= 1.5)")
        print(f"  whole import / bare Whoosh    {t_import / t_whoosh:5.2f}  (goal <= 1.5)")
        print(f"  first import / re-import      {t_import / t_again:5.0f}  (goal >= 20)")
        for label in ("ui list: ids + 100 rows", "open one article"):
            print(f"  {label:<28}  {statistics.median(samples[label]) * 1000:5.1f} ms (goal < 50)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
