"""How fast does `satchel pack --from-feed` turn a feed into a signed bundle?

Builds one RSS 2.0 file of 10,000 entries from the corpus (BBC in English,
Lenta.ru in Russian, Fars News in Persian, cycled with distinct guids; each
entry with title, guid, link, date, author, categories, a summary and the
full text as content:encoded), then measures, in the same run on the same
bytes:

  feedparser alone     feedparser.parse on the feed, with the options pack uses
                       (and, for reference, with feedparser's defaults, which
                       also run its own HTML sanitizer)
  front end            reader.sources.feed: screen, parse, and turn every entry
                       into a draft (text fields, ids, language, images)
  sign + write         reader.publish.pack on those drafts: prepare_body
                       (nh3 sanitizing), SHA-256, Ed25519 signing, ZIP writing
  whole pack           the two together, as `satchel pack --from-feed` runs

and prints articles per second and the cost of packing as a multiple of the
parse time (the goal: packing adds at most 2x what parsing takes).

    .venv/bin/python bench/pack.py [--entries 10000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gc
import html
import io
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import feedparser  # noqa: E402

from bundles import chain as chains  # noqa: E402
from bundles.bundle import Bundle  # noqa: E402
from bundles.keys import KeyFile, SigningKey  # noqa: E402
from bundles.pack import _verified_chains, sign_article  # noqa: E402
from reader.publish import pack  # noqa: E402
from reader.sources.feed import feed_items, parse_feed  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
CREATED = "2026-11-01T00:00:00Z"


def corpus_stories() -> Iterator[tuple[str, str, list[str], list[str]]]:
    """(language, title, paragraphs, tags) from the three corpora, round robin."""
    bbc = []
    for path in sorted((CORPUS / "en-bbc").glob("*/*.txt")):
        lines = [line.strip() for line in
                 path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
        bbc.append(("en", lines[0], lines[1:], [path.parent.name]))
    lenta = []
    for line in (CORPUS / "ru-lenta" / "news.txt").read_text(encoding="utf-8").splitlines():
        sentences = [s.strip() + "." for s in line.split(". ") if s.strip()]
        if sentences:
            paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
            lenta.append(("ru", sentences[0].rstrip(".")[:150], paragraphs, ["Лента"]))
    fars = []
    for name in ("fars-news-1.json", "fars-news-2.json"):
        for item in json.loads((CORPUS / "fa-news" / name).read_text(encoding="utf-8")):
            if item.get("title") and item.get("paragraphs"):
                fars.append(("fa", item["title"].strip(), [p.strip() for p in item["paragraphs"]
                                                          if p.strip()], item.get("tags", [])[:4]))
    groups = [bbc, lenta, fars]
    index = 0
    while True:
        for group in groups:
            yield group[index % len(group)]
        index += 1


def build_feed(entries: int) -> bytes:
    items = []
    stories = corpus_stories()
    for number in range(entries):
        language, title, paragraphs, tags = next(stories)
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        categories = "".join(f"<category>{html.escape(t)}</category>" for t in tags if t)
        day = 1 + number % 28
        items.append(
            f'<item xml:lang="{language}"><title>{html.escape(title)}</title>'
            f"<link>https://news.example/{language}/{number}/story</link>"
            f'<guid isPermaLink="false">bench-{number}</guid>'
            f"<pubDate>Mon, {day:02d} Feb 2026 08:00:00 GMT</pubDate>"
            f"<dc:creator>Desk {language}</dc:creator>{categories}"
            f"<description>{html.escape(paragraphs[0] if paragraphs else title)}</description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Satchel benchmark</title><link>https://news.example/</link>"
        "<description>corpus texts</description><language>en</language>\n"
        + "\n".join(items) + "\n</channel></rss>\n"
    ).encode("utf-8")


def best_of(repeat: int, fn: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--keep", metavar="DIR", help="keep the feed and bundle in DIR")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus absent: {CORPUS}")

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="satchel-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        data = build_feed(args.entries)
        feed = work / "bench.xml"
        feed.write_bytes(data)
        signing = SigningKey.from_seed(b"\x01" * 32)
        key = KeyFile(name="Bench", signing_key=signing,
                      chain=[chains.new_root("Bench", signing)], encrypted=False)
        out = work / "bench.satchel"

        def parse() -> object:
            return parse_feed(data)

        def front() -> object:
            return list(feed_items([str(feed)]))

        items: list = []

        def sign_and_write() -> object:
            return pack((i.as_source_item() for i in items), key=key, out=out, created=CREATED)

        def whole() -> object:
            return pack((i.as_source_item() for i in feed_items([str(feed)])), key=key, out=out,
                        created=CREATED)

        # Interleaved rounds, best of each: other work on the machine slows every
        # measurement of a round alike instead of one of them.
        times: dict[str, float] = {}
        for _ in range(args.repeat):
            for name, fn in (("parse", parse), ("front", front), ("sign", sign_and_write),
                             ("whole", whole)):
                gc.collect()
                started = time.perf_counter()
                result = fn()
                times[name] = min(times.get(name, float("inf")), time.perf_counter() - started)
                if name == "parse":
                    assert len(result["entries"]) == args.entries  # type: ignore[index]
                elif name == "front":
                    items = result  # type: ignore[assignment]
                    assert all(item.draft is not None for item in items)
                elif name == "whole":
                    assert result.packed == args.entries  # type: ignore[attr-defined]
        parse_time, front_time = times["parse"], times["front"]
        sign_time, whole_time = times["sign"], times["whole"]
        default_time, _ = best_of(1, lambda: feedparser.parse(io.BytesIO(data)))
        signed = [sign_article(i.draft, key)[0] for i in items[:1000]]
        chains_time, _ = best_of(args.repeat, lambda: _verified_chains(signed, key))
        chains_time *= len(items) / len(signed)
        verify_started = time.perf_counter()
        with Bundle.open(out) as bundle:
            assert len(bundle.articles) == args.entries
        verify_time = time.perf_counter() - verify_started

        adds = whole_time - parse_time
        size = out.stat().st_size
        n = args.entries
        print(f"feed: {n:,} entries, {len(data) / 2**20:.1f} MiB "
              f"(en/ru/fa from the corpus); bundle {size / 2**20:.1f} MiB; best of {args.repeat}")
        print(f"  feedparser alone (pack's options)  {parse_time:7.2f} s  "
              f"{n / parse_time:8,.0f} entries/s")
        print(f"  feedparser alone (its defaults)    {default_time:7.2f} s  "
              f"{n / default_time:8,.0f} entries/s")
        print(f"  front end (screen, parse, drafts)  {front_time:7.2f} s  "
              f"{n / front_time:8,.0f} entries/s")
        print(f"  sign + write (sanitize, hash, sign, zip) {sign_time:5.2f} s  "
              f"{n / sign_time:8,.0f} articles/s")
        print(f"  whole pack                         {whole_time:7.2f} s  "
              f"{n / whole_time:8,.0f} articles/s")
        print(f"    of which re-verifying the one key chain per article "
              f"(bundles.pack._verified_chains) {chains_time:.2f} s")
        print(f"  verify the bundle (Bundle.open)    {verify_time:7.2f} s")
        print(f"packing adds {adds:.2f} s = {adds / parse_time:.2f}x the parse time "
              f"(goal: at most 2x)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
