"""Search benchmark: Satchel's index (index/, Whoosh) beside SQLite FTS5, same articles.

    .venv/bin/python bench/search.py                      # 10,000 and 100,000 articles
    .venv/bin/python bench/search.py --sizes 10000        # a quicker run
    .venv/bin/python bench/search.py --sizes 100000 --work DIR --reuse   # keep the builds

For each size it builds both indexes from the corpus (../shared/corpus, cycled
with distinct ids, the four languages interleaved), then reports: build time,
size on disk, peak memory, adding 1,000 more articles, query latency (median
and p95, top-10 snippets included, each body read as the app reads it: the
library catalog's row, the store's blob checked against its hash, HTML to
text) overall and per query type, the time and memory to open the index, and
resident memory after the query set and after a second pass. Every
measurement runs in a fresh child process,
so memory figures are that step's alone, and no query gains from a cache
filled by an earlier run of itself. Adding and the query set run `--runs`
times (default 3), the two systems interleaved; a query's time is the median
of its runs, adding's the median of its runs (each on a fresh copy).

The baseline is FTS5 with the `porter unicode61 remove_diacritics 2`
tokenizer, bm25() ranking with the same field weights and snippet() for
snippets. It stores the article text (snippet() needs it), and it does not
stem Russian, Kazakh or Persian nor fold Arabic and Persian letters: the same
query often finds fewer articles there.
"""

from __future__ import annotations

import argparse
import functools
import io
import itertools
import json
import os
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:  # a step's process imports only what it measures
    from index import Index, IndexDocument

CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "bench" / "out"
ADDED = 1_000
WARMUP = 20

# -- Corpus -------------------------------------------------------------------------------


def read_corpus_file(path: Path) -> str:
    """A corpus text file, UTF-8 or (a few BBC files) cp1252."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")  # a few BBC files are not UTF-8


def base_articles() -> list[dict]:
    """Each corpus article once: language, publisher, title, summary, body, tags."""
    en, ru, fa, kk = [], [], [], []
    for path in sorted((CORPUS / "en-bbc").glob("*/*.txt")):
        lines = [line.strip() for line in read_corpus_file(path).splitlines() if line.strip()]
        if len(lines) > 2:
            en.append(dict(lang="en", pub="bbc", title=lines[0], summary=lines[1],
                           body="\n\n".join(lines[2:]), tags=(path.parent.name,)))
    for line in (CORPUS / "ru-lenta" / "news.txt").read_text("utf-8").splitlines():
        if line.strip():
            first = line.split(". ")[0]
            ru.append(dict(lang="ru", pub="lenta", title=first[:120], summary="",
                           body=line.strip(), tags=()))
    for path in sorted((CORPUS / "fa-news").glob("*.json")):
        for item in json.loads(path.read_text("utf-8")):
            if item.get("title") and item.get("paragraphs"):
                fa.append(dict(lang="fa", pub=path.stem.split("-")[0], title=item["title"],
                               summary=item.get("abstract", ""),
                               body="\n\n".join(item["paragraphs"]),
                               tags=tuple(item.get("tags", []))))
    sentences, tokens = [], []
    for line in (CORPUS / "kk-kaznerd" / "IOB2_test.txt").read_text("utf-8").splitlines():
        if line.strip():
            tokens.append(line.rsplit(" ", 1)[0])
        elif tokens:
            sentences.append(" ".join(tokens))
            tokens = []
    for i in range(0, len(sentences) - 15, 15):
        kk.append(dict(lang="kk", pub="kaznerd", title=sentences[i][:120], summary="",
                       body="\n".join(sentences[i + 1 : i + 15]), tags=()))
    pools = [en, ru, fa, kk]
    mixed = []
    for i in range(max(map(len, pools))):
        mixed += [p[i] for p in pools if i < len(p)]
    return mixed


def library(count: int, start: int = 0) -> Iterator[IndexDocument]:
    """`count` documents with distinct ids, cycling through the corpus."""
    from index import IndexDocument

    base = base_articles()
    epoch = datetime(2004, 1, 1, tzinfo=UTC)
    for n in range(start, start + count):
        a = base[n % len(base)]
        yield IndexDocument(
            key=f"{a['pub']}/{n:07d}", publisher=a["pub"], publisher_name=f"{a['pub']} news",
            article_id=f"{n:07d}", version=1, language=a["lang"], title=a["title"],
            byline="", summary=a["summary"], body_text=a["body"], tags=a["tags"],
            issued=epoch + timedelta(hours=(n * 7919) % (20 * 365 * 24)))


# -- Queries -------------------------------------------------------------------------------

_STOP = frozenset("""
the and for with from that this have has are was were will would says said about after over
into more than their they them what when where which while been also but not its his her our
out new two three year years could should just still onto upon
это как что для при его она они так уже был была были будет может после более также между
этот того чтобы только если или над под без
برای این که های از به در با را است شد می کرد کند شده یک بود ها خود آن
және бұл мен үшін деп бар болып еді осы сол оның бойынша арқылы
""".split())  # noqa: SIM905  (a word list reads better as text)
_WORD = re.compile(r"^[^\W\d_]{4,}$")


def make_queries(seed: int = 1) -> list[tuple[str, str, str]]:
    """(type, language, query): 252 queries mixing words, phrases, prefixes,
    filters, exclusions, OR and known-item fragments in all four languages,
    drawn from the titles."""
    rng = random.Random(seed)
    base = base_articles()
    queries: list[tuple[str, str, str]] = []
    plan = {"word": 12, "words": 8, "phrase": 8, "prefix": 10, "filter": 8,
            "exclude": 3, "or": 3}
    for lang in ("en", "ru", "fa", "kk"):
        titles = [[w for w in re.findall(r"[^\W\d_]+", a["title"])]
                  for a in base if a["lang"] == lang]
        words = [w for t in titles for w in t if _WORD.match(w) and w.lower() not in _STOP]
        pairs = [(a, b) for t in titles for a, b in itertools.pairwise(t)
                 if _WORD.match(a) and _WORD.match(b)]
        for kind, count in plan.items():
            for i in range(count):
                w, v = rng.choice(words), rng.choice(words)
                if kind == "word":
                    q = w
                elif kind == "words":
                    t = rng.choice([t for t in titles if len(t) >= 4])
                    picks = [x for x in t if _WORD.match(x) and x.lower() not in _STOP]
                    q = " ".join(rng.sample(picks, 2)) if len(picks) >= 2 else f"{w} {v}"
                elif kind == "phrase":
                    a, b = rng.choice(pairs)
                    q = f'"{a} {b}"'
                elif kind == "prefix":
                    long = rng.choice([x for x in words if len(x) >= 6])
                    q = long[: 4 + i % 2] + "*"
                elif kind == "filter":
                    q = f"{w} lang:{lang}" if i % 2 == 0 else f"{w} since:{2008 + i}"
                elif kind == "exclude":
                    q = f"{w} -{v}"
                else:
                    q = f"{w} OR {v}"
                queries.append((kind, lang, q))
    return queries + spelling_queries(base, seed)


def spelling_queries(base: list[dict], seed: int) -> list[tuple[str, str, str]]:
    """44 more (drawn apart, so the 208 above stay as they were): per language,
    3 prefixes of 6 or 7 letters (longer than many stems) and 8 known-item
    queries, 3 words of a title as a reader may type them: Persian with the
    joiners as spaces or left out, or the other ی/ک; Kazakh a title word typed
    without its last two letters."""
    rng = random.Random(seed + 1000)
    out: list[tuple[str, str, str]] = []
    for lang in ("en", "ru", "fa", "kk"):
        articles = [a for a in base if a["lang"] == lang]
        words = [w for a in articles for w in re.findall(r"[^\W\d_]+", a["title"])
                 if len(w) >= 8]
        for i in range(3):
            out.append(("long-prefix", lang, rng.choice(words)[: 6 + i % 2] + "*"))
        for i in range(8):
            if lang == "kk":
                picks = [w for w in words if len(w) >= 6] or words
                out.append(("known", lang, rng.choice(picks)[:-2]))
                continue
            title = rng.choice([a["title"] for a in articles if len(a["title"].split()) >= 3])
            parts = _as_query(title).split()
            at = rng.randrange(len(parts) - 2) if len(parts) > 3 else 0
            text = " ".join(parts[at : at + 3])
            if lang == "fa":
                text = (text.replace(ZWNJ, " " if i % 2 else "") if ZWNJ in text
                        else text.translate(_ARABIC_FORMS))
            out.append(("known", lang, text))
    return out


# -- FTS5 baseline -----------------------------------------------------------------------

_FTS_SCHEMA = ("CREATE VIRTUAL TABLE fts USING fts5(key UNINDEXED, lang UNINDEXED, "
               "issued UNINDEXED, title, summary, body, "
               "tokenize = 'porter unicode61 remove_diacritics 2')")


def fts_insert(conn: sqlite3.Connection, docs: Iterator[IndexDocument]) -> None:
    conn.executemany("INSERT INTO fts VALUES (?, ?, ?, ?, ?, ?)", (
        (d.key, d.language, d.issued.timestamp() if d.issued else None, d.title, d.summary,
         d.body_text) for d in docs))


def _fts_term(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def fts_query(q: str) -> tuple[str, str, list]:
    """The same search in FTS5: (MATCH expression, extra WHERE, parameters)."""
    where, params, parts = "", [], []
    tokens = re.findall(r'-?"[^"]*"|\S+', q)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.startswith("lang:"):
            where, params = where + " AND lang = ?", [*params, tok[5:]]
        elif tok.startswith("since:"):
            since = datetime(int(tok[6:10]), 1, 1, tzinfo=UTC).timestamp()
            where, params = where + " AND issued >= ?", [*params, since]
        elif tok == "OR":
            parts.append("OR")
        elif tok.startswith("-"):
            parts.append("NOT " + _fts_term(tok[1:].strip('"')))
        elif tok.startswith('"'):
            parts.append(_fts_term(tok.strip('"')))
        elif tok.endswith("*"):
            parts.append(_fts_term(tok.rstrip("*")) + "*")
        else:
            parts.append(_fts_term(tok))
        i += 1
    return " ".join(parts), where, params


def fts_search(conn: sqlite3.Connection, q: str) -> int:
    match, where, params = fts_query(q)
    total = conn.execute(f"SELECT count(*) FROM fts WHERE fts MATCH ?{where}",
                         [match, *params]).fetchone()[0]
    rows = conn.execute(
        "SELECT key, highlight(fts, 3, '<b>', '</b>'), snippet(fts, 5, '<b>', '</b>', '…', 32) "
        f"FROM fts WHERE fts MATCH ?{where} ORDER BY bm25(fts, 0, 0, 0, 3.0, 1.5, 1.0) "
        "LIMIT 10", [match, *params]).fetchall()
    assert len(rows) <= 10
    return total


# -- Spellings: Persian joiners and letters, Kazakh forms, prefixes ---------------------------

HELDOUT = ROOT / "tests" / "data"
ZWNJ = "\u200c"
_ARABIC_FORMS = str.maketrans("یکيك", "يكیک")  # Persian and Arabic yeh and kaf, each way
# Affixes Persian writes with a joiner, and often with a space or nothing instead.
_JOINED_AFFIX = re.compile(r"(?<=\S) (ها|های|هایی|ترین|تر|ای|اند)(?=\s|$)|(?<!\S)(ن?می) (?=\S)")
KAZAKH_LEMMAS = ("қала", "аудан", "облыс", "қазақстан", "ел", "жыл", "мемлекет", "президент",
                 "бала", "адам", "үкімет", "тұрғын", "министр", "компания", "халық", "әлем")


def heldout_articles(language: str) -> list[dict]:
    """tests/data/heldout-<language>.txt: text not in ../shared/corpus."""
    articles = []
    text = (HELDOUT / f"heldout-{language}.txt").read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    for block in "\n".join(lines).split("\n\n"):
        rows = [row.strip() for row in block.strip().splitlines() if row.strip()]
        if rows:
            articles.append(dict(lang=language, pub=f"heldout-{language}", title=rows[0],
                                 summary="", body="\n".join(rows[1:]), tags=()))
    return articles


def spelling_library() -> list[IndexDocument]:
    """Each corpus article once, and the held-out articles."""
    from index import IndexDocument

    out = []
    articles = base_articles() + heldout_articles("fa") + heldout_articles("kk")
    for n, a in enumerate(articles):
        out.append(IndexDocument(
            key=f"{a['pub']}/{n:05d}", publisher=a["pub"], publisher_name=f"{a['pub']} news",
            article_id=f"{n:05d}", version=1, language=a["lang"], title=a["title"], byline="",
            summary=a["summary"], body_text=a["body"], tags=a["tags"]))
    return out


def _as_query(text: str) -> str:
    """Text typed as words: nothing in it is read as syntax."""
    text = re.sub(r'["*:«»()]', " ", text)
    return " ".join(w.lstrip("-") for w in text.split() if w.lstrip("-") and w != "OR")


def persian_variants(title: str) -> list[tuple[str, str]]:
    """(what changed, the title spelled that way): the other forms of ی/ي and
    ک/ك; joiners written as spaces or left out; spaces and nothing written
    where a joiner belongs (before ها, after می...)."""
    out = []
    swapped = title.translate(_ARABIC_FORMS)
    if swapped != title:
        out.append(("ی/ک letters swapped", swapped))
    if ZWNJ in title:
        out.append(("joiner written as a space", title.replace(ZWNJ, " ")))
        out.append(("joiner left out", title.replace(ZWNJ, "")))
    spaced = _JOINED_AFFIX.sub(lambda m: (m.group(1) or "") + ZWNJ if m.group(2) else
                               ZWNJ + m.group(1), title)
    if spaced != title:
        out.append(("space written as a joiner", spaced))
        out.append(("space left out", spaced.replace(ZWNJ, "")))
    return out


def known_item(index: Index, docs: list[IndexDocument], top: int = 5) -> dict[str, list[int]]:
    """For each Persian article, its title spelled the other ways: is the
    article among the first `top` hits? {kind: [found, asked]}."""
    out: dict[str, list[int]] = {}
    for doc in docs:
        for kind, text in persian_variants(doc.title):
            query = _as_query(text)
            if not query:
                continue
            keys = [h.key for h in index.search(query, pagelen=top).hits]
            counts = out.setdefault(kind, [0, 0])
            counts[0] += doc.key in keys
            counts[1] += 1
    return out


def _kazakh_words(text: str) -> list[str]:
    from index.analysis import normalize

    return [w for w in (normalize(raw) for raw in re.findall(r"[^\W\d_]+", text))
            if re.fullmatch(r"[а-яәғқңөұүһіё]+", w)]


def cut_words(docs: list[IndexDocument], per_article: int = 2) -> list[tuple[str, str]]:
    """(article key, word): Kazakh words of six letters or more from each
    article's title, two at most, drawn with a fixed seed."""
    rng = random.Random(5)
    out = []
    for doc in docs:
        words = sorted({w for w in _kazakh_words(doc.title) if len(w) >= 6})
        out += [(doc.key, w) for w in rng.sample(words, min(per_article, len(words)))]
    return out


def cut_word_recall(index: Index, docs: list[IndexDocument], top: int = 20
                    ) -> tuple[float, float, int, list[str]]:
    """Kazakh words typed without their last two letters: the share whose
    whole word is among the first `top` words the index looks the cut word up
    as (recall@20), and the share whose article is among the first `top`
    hits (known-item); how many were asked, and some words not found."""
    asked = forms_found = articles_found = 0
    missed: list[str] = []
    for key, word in cut_words(docs):
        asked += 1
        if word in _expansion(index, word[:-2])[:top]:
            forms_found += 1
        elif len(missed) < 6:
            missed.append(f"{word[:-2]} ({word})")
        keys = {h.key for h in index.search(word[:-2], pagelen=top).hits}
        articles_found += key in keys
    return forms_found / max(1, asked), articles_found / max(1, asked), asked, missed


def _expansion(index: Index, typed: str) -> list[str]:
    """The words a typed Kazakh word is looked up as, by the index itself, in
    the order it takes them."""
    from index.analysis import KAZAKH_MARK
    from index.evaluate import compile_clause
    from index.query import Word
    from index.search import profiles_for

    ctx = index._context()
    clause = compile_clause(ctx, Word(typed), profiles_for(ctx))
    words = [t for alt in clause.alternatives for t in alt.terms] if clause else []
    return [t[1:] for t in dict.fromkeys(words) if t.startswith(KAZAKH_MARK)]


# The suffixes that define the families (as they were when this measure was
# first taken, so its figures stay comparable): any run of them after a lemma.
_FAMILY_SUFFIXES = tuple(sorted(["дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі", "дан", "ден", "тан", "тен", "да", "де", "та", "те", "ның", "нің", "дың", "дің", "тың", "тің", "менен", "бенен", "пенен", "мен", "бен", "пен", "ға", "ге", "қа", "ке", "ны", "ні", "ды", "ді", "ты", "ті", "нан", "нен", "нда", "нде", "на", "не", "н", "ымыз", "іміз", "ыңыз", "іңіз", "мыз", "міз", "ңыз", "ңіз", "ым", "ім", "ың", "ің", "сы", "сі", "ы", "і", "лар", "лер", "дар", "дер", "тар", "тер"], key=len, reverse=True))


@functools.cache
def _inflection(ending: str) -> bool:
    return not ending or any(ending.startswith(s) and _inflection(ending[len(s):])
                             for s in _FAMILY_SUFFIXES)


def kazakh_families(vocab: set[str]) -> list[set[str]]:
    """For each lemma, the KazNERD words that are it plus inflectional suffixes."""
    return [{w for w in vocab if w.startswith(lemma) and _inflection(w[len(lemma):])}
            for lemma in KAZAKH_LEMMAS]


def kazakh_report(index: Index) -> None:
    """How well each way of matching Kazakh finds the other forms of a noun, and
    how many other words it finds with them.

    Families: the KazNERD words that are a lemma plus inflectional suffixes.
    For each form typed: recall is the share of its family found, precision the
    share of the words found that are of the family, noise the number of other
    KazNERD words found. "Satchel" is what the index looks a typed word up as."""
    from index import kazakh
    from index.analysis import normalize

    vocab = set()
    for line in (CORPUS / "kk-kaznerd" / "IOB2_test.txt").read_text("utf-8").splitlines():
        word = normalize(line.rsplit(" ", 1)[0]) if line.strip() else ""
        if re.fullmatch(r"[а-яәғқңөұүһіё]+", word):
            vocab.add(word)
    families = kazakh_families(vocab)

    def grouped(key: Callable[[str], str]) -> Callable[[str], set[str]]:
        groups: dict[str, set[str]] = {}
        for word in vocab:
            groups.setdefault(key(word), set()).add(word)
        return lambda typed: groups.get(key(typed), set())

    strategies: dict[str, Callable[[str], set[str]]] = {
        "exact word": lambda typed: {typed},
        "first 4 letters": grouped(lambda w: w[:4]),
        "first 5 letters": grouped(lambda w: w[:5]),
        "suffix stripping, both sides": grouped(kazakh.strip_suffixes),
        "Satchel (the index's own expansion)": lambda typed: set(_expansion(index, typed)) & vocab,
    }
    print(f"  {len(vocab)} distinct KazNERD words; {len(families)} noun families, "
          f"{sum(map(len, families))} forms")
    print(f"  {'matching':38} {'recall':>7} {'precision':>9} {'noise: mean':>12} {'median':>7}")
    for name, matches in strategies.items():
        recalls, precisions, noise = [], [], []
        for family in families:
            for typed in family:
                found = matches(typed)
                recalls.append(len(found & family) / len(family))
                precisions.append(len(found & family) / len(found) if found else 1.0)
                noise.append(len(found - family))
        print(f"  {name:38} {statistics.mean(recalls):7.2f} {statistics.mean(precisions):9.2f} "
              f"{statistics.mean(noise):12.1f} {statistics.median(noise):7.0f}")
    for typed in ("теңге", "алдағы", "павлодар", "қаласы", "аудандағы"):
        found = sorted(set(_expansion(index, typed)) & vocab)
        print(f"  {typed} -> {len(found)} words: {', '.join(found[:12])}"
              + (" …" if len(found) > 12 else ""))


def kazakh_only(work: Path) -> None:
    """`kazakh_report` over an index of the Kazakh articles alone."""
    from index import Index

    with Index.open(work / "kazakh") as index:
        index.rebuild([d for d in spelling_library() if d.language == "kk"], procs=2)
        kazakh_report(index)


def spelling_report(work: Path) -> None:
    """Point 3 of issue 14, measured: Persian known-item search with other
    spellings, Kazakh words cut short and the forms of Kazakh nouns, on the
    corpus and on held-out text the analysis was not written from."""
    from index import Index

    docs = spelling_library()
    index = Index.open(work / "spelling")
    start = time.perf_counter()
    index.rebuild(docs, procs=2)
    print(f"{len(docs):,} articles (the corpus once, and tests/data/heldout-*.txt), "
          f"indexed in {time.perf_counter() - start:.1f} s")
    for source, persian in (("corpus", [d for d in docs if d.language == "fa"
                                        and not d.key.startswith("heldout")]),
                            ("held-out", [d for d in docs if d.key.startswith("heldout-fa")])):
        found = known_item(index, persian)
        hits, asked = (sum(v[i] for v in found.values()) for i in (0, 1))
        print(f"\nPersian known-item search, {source}: the title spelled another way, "
              f"article in the top 5: {hits}/{asked} = {hits / max(1, asked):.1%} (goal >= 97%)")
        for kind, (ok, n) in sorted(found.items()):
            print(f"  {kind:30} {ok:5}/{n:<5} {ok / n:7.1%}")
    for source, kazakh_docs in (("corpus", [d for d in docs if d.language == "kk"
                                            and not d.key.startswith("heldout")]),
                                ("held-out", [d for d in docs if d.key.startswith("heldout-kk")])):
        forms, articles, n, missed = cut_word_recall(index, kazakh_docs)
        print(f"\nKazakh, {source}: {n} title words of 6+ letters typed without their last "
              f"two letters:\n  the whole word among the first 20 words looked up (recall@20): "
              f"{forms:.1%} (goal >= 95%)\n  its article among the first 20 hits: {articles:.1%}")
        print("  words not among the 20, for example: " + "; ".join(missed))
    print("\nKazakh noun families (KazNERD):")
    kazakh_report(index)
    index.close()


# -- Parts faster than Whoosh's? ------------------------------------------------------------

PARTS_ARTICLES = 3_000


def _best(fn: Callable[[], object], repeat: int = 5) -> float:
    """The best of `repeat` runs of `fn`, in seconds (CPU: a shared machine's
    waits do not count)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def parts_report(work: Path) -> None:
    """Each part of index/ that replaces a piece of Whoosh, timed beside that
    piece on the same data: kept only where it is faster (item by item in
    index/whoosh_internals.py and docs/search.md)."""
    from whoosh import index as whoosh_index
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3TermInfo
    from whoosh.filedb import filetables
    from whoosh.filedb.filestore import FileStorage
    from whoosh.filedb.structfile import StructFile
    from whoosh.formats import Positions
    from whoosh.util.numeric import length_to_byte
    from whoosh.writing import SegmentWriter

    from index import codec, reading
    from index.schema import build_schema, to_fields
    from index.whoosh_internals import (
        CRC32_HASH,
        fixed_column_bytes,
        length_column,
        per_document,
        segment_terms,
    )
    from index.writer import LeanWriter

    docs = list(library(PARTS_ARTICLES))
    rows: list[tuple[str, float, float]] = []

    def row(name: str, ours: float, theirs: float) -> None:
        rows.append((name, ours, theirs))
        print(f"  {name:58} {ours * 1000:9.2f} {theirs * 1000:9.2f} {theirs / ours:7.2f}x",
              flush=True)

    def build(folder: Path, writer_class: type, **kwargs: object) -> object:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        ix = whoosh_index.FileIndex.create(FileStorage(str(folder)), build_schema(), "MAIN")
        start = time.process_time()
        writer = writer_class(ix, **kwargs)
        for doc in docs:
            writer.add_document(**to_fields(doc))
        writer.commit()
        return ix, time.process_time() - start

    print(f"{PARTS_ARTICLES:,} corpus articles, one process; ms of CPU, best of 5 "
          "(writing: one run)")
    print(f"  {'part':58} {'ours':>9} {'Whoosh':>9} {'Whoosh/ours':>8}")
    ours_ix, ours_build = build(work / "parts-ours", LeanWriter)
    stock_ix, stock_build = build(work / "parts-stock", SegmentWriter, codec=W3Codec())
    row("write a segment (LeanWriter vs SegmentWriter + W3Codec)", ours_build, stock_build)

    ours_r = ours_ix.reader().leaf_readers()[0][0]
    stock_r = stock_ix.reader().leaf_readers()[0][0]
    terms = segment_terms(ours_r)
    # The commonest body terms: many blocks each.
    common = sorted(((info.doc_frequency(), t) for t, info in stock_r.iter_field("body")),
                    reverse=True)[:20]
    words = [t for _, t in common]

    def ours_postings() -> None:
        for t in words:
            entry = terms.hashfile.get(terms.encode_key("body", t))
            start, length = codec.entry_postings(entry)
            for _ids, _weights, _ in codec.posting_blocks(terms.postings_file.get, start, length):
                pass

    def stock_postings() -> None:
        for t in words:
            m = stock_r.postings("body", t)
            while m.is_active():
                m.id()
                m.weight()
                m.next()

    row("ids and weights of the 20 commonest body terms", _best(ours_postings),
        _best(stock_postings))

    def ours_positions() -> None:
        for t in words:
            entry = terms.hashfile.get(terms.encode_key("body", t))
            start, length = codec.entry_postings(entry)
            for ids, _, values_at in codec.posting_blocks(terms.postings_file.get, start, length):
                for v in values_at(list(range(len(ids)))):
                    reading.decode_positions(v)

    def stock_positions() -> None:
        for t in words:
            m = stock_r.postings("body", t)
            while m.is_active():
                m.value_as("positions")
                m.next()

    row("... their positions too (phrases)", _best(ours_positions), _best(stock_positions))

    encoded = [Positions().encode(list(range(k, 40 * k + 1, k))) for k in range(1, 400)]
    row("decode positions (decode_positions vs Positions)",
        _best(lambda: [reading.decode_positions(v) for v in encoded]),
        _best(lambda: [Positions().decode_positions(v) for v in encoded]))

    lookups = [t for t, _ in zip(ours_r.lexicon("body"), range(20_000), strict=False)]
    row("20,000 term look-ups (raw entry vs term_info)",
        _best(lambda: [codec.entry_doc_frequency(terms.hashfile.get(
            terms.encode_key("body", t))) for t in lookups]),
        _best(lambda: [ours_r.term_info("body", t).doc_frequency() for t in lookups]))

    prefixes = sorted({t[:3] for t in lookups[::50]})
    row(f"{len(prefixes)} prefix scans (term_entries vs iter_prefix)",
        _best(lambda: [list(reading.term_entries(terms, "body", p)) for p in prefixes]),
        _best(lambda: [[(t, i.doc_frequency()) for t, i in ours_r.iter_prefix("body", p)]
                       for p in prefixes]))

    perdoc = per_document(ours_r)
    col = perdoc.column_reader(length_column("body"), LENGTHS_COLUMN)
    count = ours_r.doc_count_all()
    row("a length column (its bytes vs value by value)",
        _best(lambda: fixed_column_bytes(col)),
        _best(lambda: bytes(col[d] for d in range(count))))
    issued = ours_r.column_reader("issued", translate=False)

    leaf = SimpleNamespace(reader=ours_r, count=count)
    row("the issued column (its bytes vs the column reader)",
        _best(lambda: reading._leaf_column(leaf, "issued")), _best(lambda: list(issued)))

    entries = list(terms.hashfile.items())
    for label, hashtype in (("CRC-32", CRC32_HASH), ("MD5, Whoosh's default", 0)):
        def stock_dictionary(hashtype: int = hashtype) -> None:
            w = filetables.OrderedHashWriter(StructFile(io.BytesIO()))
            w.hashtype, w.hashfn = hashtype, filetables._hash_functions[hashtype]
            for k, v in entries:
                w.add(k, v)
            w._write_hashes()

        def ours_dictionary() -> None:
            w = codec.TermDictionaryWriter(StructFile(io.BytesIO()))
            for k, v in entries:
                w.add(k, v)
            w.dbfile.close = lambda: None
            w.close()

        row(f"write a term dictionary ({len(entries):,} entries; Whoosh with {label})",
            _best(ours_dictionary, 3), _best(stock_dictionary, 3))

    rare = [(ids, w, v, ln) for ids, w, v, ln in
            (((n,), (1.0 + n % 3,), (b"\x01\x02",), (n % 50 + 1,)) for n in range(20_000))]

    def stock_inline() -> None:
        for ids, w, v, ln in rare:
            info = W3TermInfo(weight=sum(w), df=1, minlength=ln[0], maxlength=ln[0],
                              maxweight=max(w), minid=ids[0], maxid=ids[-1])
            info.set_inlined(ids, w, v)
            info.to_bytes()

    row("20,000 inlined term entries (packed vs W3TermInfo.to_bytes)",
        _best(lambda: [codec.inlined_entry(*r) for r in rare]), _best(stock_inline))
    lengths = [n % 700 for n in range(50_000)]
    row("50,000 length bytes (remembered vs length_to_byte)",
        _best(lambda: [codec.length_byte(n) for n in lengths]),
        _best(lambda: [length_to_byte(n) for n in lengths]))

    # Merging two segments into one: ours reads terms in bulk; Whoosh's
    # add_postings_to_pool goes posting by posting through the matchers.
    class StockMerge(LeanWriter):
        add_postings_to_pool = SegmentWriter.add_postings_to_pool

    def merge(writer_class: type) -> float:
        ix, _ = build(work / "parts-merge", LeanWriter)
        writer = LeanWriter(ix)
        for doc in library(PARTS_ARTICLES // 3, start=PARTS_ARTICLES):
            writer.add_document(**to_fields(doc))
        writer.commit(merge=False)
        start = time.process_time()
        writer = writer_class(ix)
        writer.commit(optimize=True)
        return time.process_time() - start

    row("merge two segments (optimize)", merge(LeanWriter), merge(StockMerge))
    for folder in ("parts-ours", "parts-stock", "parts-merge"):
        shutil.rmtree(work / folder, ignore_errors=True)
    slower = [name for name, ours, theirs in rows if ours >= theirs]
    print("  every part is faster than Whoosh's" if not slower
          else "  NOT faster: " + "; ".join(slower))


# -- Measuring (each step in a child process) ---------------------------------------------


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu() -> float:
    """CPU seconds of this process and its finished children: on a shared
    machine, wall time also counts waiting for a core."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def step_build(system: str, n: int, path: str, procs: int) -> dict:
    from index import Index

    base_rss = _rss_mb()
    cpu = _cpu()
    start = time.perf_counter()
    if system == "satchel":
        with Index.open(Path(path)) as index:
            index.rebuild(library(n), procs=procs)
            count = index.doc_count()
    else:
        conn = sqlite3.connect(path)
        conn.execute(_FTS_SCHEMA)
        with conn:
            fts_insert(conn, library(n))
        count = conn.execute("SELECT count(*) FROM fts").fetchone()[0]
        conn.close()
    seconds = time.perf_counter() - start
    return dict(seconds=seconds, cpu=_cpu() - cpu, count=count, rss_before=base_rss,
                peak=_peak_mb())


def _count(system: str, path: str) -> int:
    if system == "satchel":
        from index import Index

        with Index.open(Path(path)) as index:
            return index.doc_count()
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM fts").fetchone()[0]
    finally:
        conn.close()


def step_add(system: str, n: int, path: str, once: bool = False) -> dict:
    """Add the 1,000 articles after the first `n`; with `once`, only to an index
    that lacks them (a reused build already has them: adding them again would
    replace them, and leave the index with more segments than a fresh run)."""
    if once and _count(system, path) >= n + ADDED:
        return dict(seconds=0.0, cpu=0.0, skipped=True)
    docs = list(library(ADDED, start=n))
    cpu = _cpu()
    if system == "satchel":
        from index import Index

        with Index.open(Path(path)) as index:
            start = time.perf_counter()
            index.update(docs, [])
            seconds = time.perf_counter() - start
    else:
        conn = sqlite3.connect(path)
        start = time.perf_counter()
        with conn:
            fts_insert(conn, iter(docs))
        seconds = time.perf_counter() - start
    return dict(seconds=seconds, cpu=_cpu() - cpu)


def step_open(system: str, path: str, query: str) -> dict:
    if system == "satchel":
        from index import Index
    before = _rss_mb()
    start = time.perf_counter()
    if system == "satchel":
        index = Index.open(Path(path))
        opened = time.perf_counter() - start
        index.search(query)
    else:
        conn = sqlite3.connect(path)
        opened = time.perf_counter() - start
        fts_search(conn, query)
    first = time.perf_counter() - start
    return dict(open=opened, first_query=first, rss_open=_rss_mb() - before)


def build_catalog(folder: Path, n: int) -> None:
    """A library catalog and store holding the bench's articles (`library(n)`)
    as the app keeps them, so that snippets are cut from bodies read the
    app's way (`reader.indexing.Indexing.body_text`: catalog row, store blob
    checked against its hash, HTML to text). Rows are written directly:
    signing and importing 100,000 articles would take longer than the rest of
    the bench, and the read path is the same."""
    import hashlib
    from html import escape

    from reader import Library

    shutil.rmtree(folder, ignore_errors=True)
    with Library.open(folder, reconcile_index=False) as lib, lib.catalog.transaction() as conn:
        conn.execute("PRAGMA defer_foreign_keys = ON")  # articles and versions name each other
        now = "2026-01-01T00:00:00Z"
        blobs: set[str] = set()
        for pub in ("bbc", "lenta", "fars", "varzesh3", "kaznerd"):
            conn.execute("INSERT INTO publishers (id, name, chain_length, first_seen) "
                         "VALUES (?, ?, 1, ?)", (pub, f"{pub} news", now))
        for number, d in enumerate(library(n), start=1):
            html = "".join(f"<p>{escape(p)}</p>" for p in d.body_text.split("\n") if p.strip())
            data = html.encode("utf-8")
            sha = hashlib.sha256(data).hexdigest()
            if sha not in blobs:
                blobs.add(sha)
                conn.execute("INSERT INTO blobs VALUES (?, ?, 'text/html', 0)", (sha, len(data)))
                conn.execute("INSERT INTO blob_data VALUES (?, ?)", (sha, data))
            conn.execute("INSERT INTO articles (id, publisher, article_id, high_version, current, "
                         "shown) VALUES (?, ?, ?, 1, ?, ?)",
                         (number, d.publisher, d.article_id, number, number))
            conn.execute(
                "INSERT INTO versions (id, article, version, envelope_sha256, status, issued, "
                "issued_ts, language, title, byline, summary, source_url, body, signed_by, "
                "first_seen) VALUES (?, ?, 1, ?, 'published', ?, ?, ?, ?, '', ?, '', ?, '[]', ?)",
                (number, number, f"{number:064x}", d.issued.isoformat() if d.issued else "",
                 d.issued.timestamp() if d.issued else None, d.language, d.title, d.summary,
                 sha, now))


def _memory() -> dict:
    """Resident MB now: all of it, anonymous (the heap) and file-backed pages."""
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssAnon", "RssFile"):
                out[name] = int(value.split()[0]) / 1024
    return out


def step_queries(system: str, queries_file: str, path: str, catalog: str = "") -> dict:
    """Run the query set (from the file the parent wrote: this process holds
    no corpus) against one system; latency per query and resident memory."""
    plan = json.loads(Path(queries_file).read_text("utf-8"))
    queries, warmup = plan["queries"], plan["warmup"]
    if system == "satchel":
        from index import Index
        from reader import Library
        from reader.indexing import Indexing

        lib = Library.open(Path(catalog), reconcile_index=False)
        body_text = Indexing(lib.catalog, lib.store, Path(path)).body_text
        index = Index.open(Path(path))

        def run(q: str) -> int:
            return index.search(q, body_text=body_text).total
    else:
        conn = sqlite3.connect(path)

        def run(q: str) -> int:
            return fts_search(conn, q)
    before = _memory()
    for q in warmup:
        run(q)
    out = []
    for kind, lang, q in queries:
        cpu, start = time.process_time(), time.perf_counter()
        total = run(q)
        out.append(dict(kind=kind, lang=lang, q=q, ms=(time.perf_counter() - start) * 1000,
                        cpu_ms=(time.process_time() - cpu) * 1000, total=total))
    after = _memory()
    for _, _, q in queries:  # the same set again: does memory keep growing?
        run(q)
    return dict(queries=out, load=os.getloadavg()[0], memory_before=before,
                memory_after=after, memory_second=_memory())


def _tree_cpu() -> float:
    """CPU seconds of every descendant of this process reaped so far."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def _adopt_orphans() -> None:
    """Make this process the reaper of its orphaned descendants (Linux): index
    workers are children of the step's fork server, which outlives the step
    for a moment; reaped here, their CPU time counts in `_tree_cpu`."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER


def _reap_orphans(timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.02)


def child(step: str, *args: str) -> dict:
    """Run a step in a fresh process; its result, with `tree_cpu`: the CPU
    time of the step and of every process it started."""
    cmd = [sys.executable, __file__, "--step", step, *args]
    cpu = _tree_cpu()
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    _reap_orphans()
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["tree_cpu"] = _tree_cpu() - cpu
    return result


# -- Report ----------------------------------------------------------------------------------


def _du(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _copy(path: Path, to: Path) -> None:
    _remove(to)
    if path.is_dir():
        shutil.copytree(path, to)
    else:
        shutil.copyfile(path, to)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _median_queries(passes: list[list[dict]]) -> list[dict]:
    """Per query, the median wall and CPU time over the passes (same order)."""
    out = []
    for runs in zip(*passes, strict=True):
        out.append(dict(runs[0], ms=statistics.median(r["ms"] for r in runs),
                        cpu_ms=statistics.median(r["cpu_ms"] for r in runs)))
    return out


def run_size(n: int, procs: int, work: Path, reuse: bool, runs: int) -> dict:
    print(f"\n== {n:,} articles ==", flush=True)
    sat, fts = work / f"satchel-{n}", work / f"fts-{n}.sqlite3"
    previous = OUT / f"search-{n}.json"
    reuse = reuse and sat.is_dir() and fts.is_file() and previous.is_file()
    if not reuse:
        shutil.rmtree(sat, ignore_errors=True)
        fts.unlink(missing_ok=True)
    result: dict = {"n": n, "procs": procs, "reused_builds": reuse, "runs": runs}
    for system, path in (("satchel", sat), ("fts5", fts)):
        if reuse:
            b = json.loads(previous.read_text())[system]["build"]
            print(f"  {system:8} (build figures from {previous.name})")
        else:
            b = child("build", system, str(n), str(path), str(procs))
            b["cpu"] = b["tree_cpu"]
            if system == "satchel":  # FTS5 builds in one process
                # The largest process reaped so far: the build's workers (the first build).
                b["workers_peak"] = _peak_mb(resource.RUSAGE_CHILDREN)
        result[system] = {"build": b, "size_mb": _du(path)}
        workers = f" (workers {b['workers_peak']:.0f} MB)" if "workers_peak" in b else ""
        print(f"  {system:8} build {b['seconds']:7.1f} s (cpu {b['cpu']:6.1f} s)  "
              f"{result[system]['size_mb']:7.1f} MB   peak {b['peak']:.0f} MB{workers}", flush=True)
    # Timed runs interleave the two systems, each step in a fresh process, so a
    # shared machine that speeds up or slows down (this one does, by half) hits
    # both alike; each figure is the median of the runs. Adds go to a copy of
    # the index each time, so every run adds the same 1,000 to the same index.
    adds: dict[str, list[dict]] = {"satchel": [], "fts5": []}
    passes: dict[str, list[list[dict]]] = {"satchel": [], "fts5": []}
    loads: dict[str, list[float]] = {"satchel": [], "fts5": []}
    for _ in range(runs):
        for system, path in (("satchel", sat), ("fts5", fts)):
            copy = work / f"add-{system}-{n}"
            _copy(path, copy)
            add = child("add", system, str(n), str(copy))
            add["cpu"] = add["tree_cpu"]
            adds[system].append(add)
            _remove(copy)
    for system, path in (("satchel", sat), ("fts5", fts)):
        child("add", system, str(n), str(path), "once")  # queries then search n + 1,000
    catalog = work / f"library-{n}"
    if not (reuse and catalog.is_dir()):
        build_catalog(catalog, n + ADDED)
    queries_file = work / "queries.json"
    queries_file.write_text(json.dumps({"queries": make_queries(), "warmup": [
        q for _, _, q in make_queries(seed=99)[:WARMUP]]}, ensure_ascii=False), "utf-8")
    memory: dict[str, list[dict]] = {"satchel": [], "fts5": []}
    for _ in range(runs):
        for system, path in (("satchel", sat), ("fts5", fts)):
            q = child("queries", system, str(queries_file), str(path), str(catalog))
            passes[system].append(q["queries"])
            loads[system].append(q["load"])
            memory[system].append({k: q[k] for k in ("memory_before", "memory_after",
                                                      "memory_second")})
    for system, path in (("satchel", sat), ("fts5", fts)):
        a = {key: statistics.median(r[key] for r in adds[system]) for key in ("seconds", "cpu")}
        a["runs"] = [r["seconds"] for r in adds[system]]
        o = child("open", system, str(path), "government")
        result[system].update(add=a, open=o, queries=_median_queries(passes[system]),
                              query_runs=passes[system], load=max(loads[system]),
                              memory=memory[system])
        print(f"  {system:8} add {ADDED} {a['seconds']:6.2f} s (cpu {a['cpu']:5.2f} s; runs "
              + ", ".join(f"{x:.2f}" for x in a["runs"]) + ")   "
              f"open {o['open'] * 1000:6.1f} ms "
              f"(+first query {o['first_query'] * 1000:6.1f} ms)  {o['rss_open']:6.1f} MB",
              flush=True)
    _print_latency(result)
    for system in ("satchel", "fts5"):
        m = result[system]["memory"]
        mb = {k: statistics.median(r[k]["VmRSS"] for r in m)
              for k in ("memory_before", "memory_after", "memory_second")}
        parts = statistics.median(r["memory_after"]["RssAnon"] for r in m), \
            statistics.median(r["memory_after"]["RssFile"] for r in m)
        print(f"  {system:8} resident: {mb['memory_before']:.0f} MB opened, "
              f"{mb['memory_after']:.0f} MB after the {len(make_queries())} queries "
              f"(heap {parts[0]:.0f} MB, files {parts[1]:.0f} MB), "
              f"{mb['memory_second']:.0f} MB after a second pass")
    result["empty_prefixes"] = _empty_prefixes(result)
    return result


def _empty_prefixes(result: dict) -> list[str]:
    """Prefix queries Satchel found nothing for although a plain scan of the
    articles' text (a word starting with the prefix, any case) or FTS5 finds
    something: the goal is none."""
    # The articles the library holds (it cycles through the corpus).
    texts = [f"{a['title']}\n{a['summary']}\n{a['body']}"
             for a in base_articles()[: result["n"] + ADDED]]
    fts = {q["q"]: q["total"] for q in result["fts5"]["queries"]}
    empty = []
    prefixes = [q for q in result["satchel"]["queries"] if q["kind"] in ("prefix", "long-prefix")]
    for q in prefixes:
        if q["total"]:
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(q["q"].rstrip("*")), re.IGNORECASE)
        if fts.get(q["q"]) or any(pattern.search(t) for t in texts):
            empty.append(q["q"])
    print(f"  prefix queries empty where a plain scan or FTS5 finds a match: {len(empty)} of "
          f"{len(prefixes)} (goal 0)" + (": " + ", ".join(empty) if empty else ""))
    return empty


def _print_latency(result: dict) -> None:
    kinds = ["all", *sorted({q["kind"] for q in result["satchel"]["queries"]})]
    print(f"  wall ms (cpu ms), each query's median of {result['runs']} runs;   "
          f"load during queries (highest): satchel {result['satchel']['load']:.1f}, "
          f"fts5 {result['fts5']['load']:.1f}")
    print(f"  {'queries':8} {'n':>4} {'satchel median':>15} {'p95':>13} {'fts5 median':>13} "
          f"{'p95':>13} {'p95 ratio':>9} {'found s/f':>10} {'hits s/f':>14}")
    for kind in kinds:
        rows = {s: [q for q in result[s]["queries"] if kind in ("all", q["kind"])]
                for s in ("satchel", "fts5")}
        cells = []
        for system in ("satchel", "fts5"):
            wall = [q["ms"] for q in rows[system]]
            cpu = [q["cpu_ms"] for q in rows[system]]
            cells.append((statistics.median(wall), statistics.median(cpu), _p95(wall), _p95(cpu)))
        (sm, smc, sp, spc), (fm, fmc, fp, fpc) = cells
        found = [sum(q["total"] > 0 for q in rows[s]) for s in ("satchel", "fts5")]
        hits = [sum(q["total"] for q in rows[s]) for s in ("satchel", "fts5")]
        print(f"  {kind:8} {len(rows['satchel']):4} {sm:7.1f} ({smc:5.1f}) {sp:5.1f} ({spc:5.1f}) "
              f"{fm:5.1f} ({fmc:5.1f}) {fp:5.1f} ({fpc:5.1f}) {sp / fp:8.2f}x "
              f"{found[0]:4}/{found[1]:<4} {hits[0]:7}/{hits[1]:<7}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3,
                        help="timed runs of adding and of the query set (medians are shown)")
    parser.add_argument("--work", type=Path, default=None, help="where to build (default: temp)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the indexes already in --work (and their build figures)")
    parser.add_argument("--kazakh", action="store_true",
                        help="only compare ways of matching Kazakh word forms")
    parser.add_argument("--spelling", action="store_true",
                        help="only measure point 3 of issue 14: Persian spellings, Kazakh "
                             "forms and cut words, on the corpus and held-out text")
    parser.add_argument("--parts", action="store_true",
                        help="only time each part of index/ that replaces a piece of Whoosh "
                             "beside that piece")
    parser.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus absent: {CORPUS}")
    if args.spelling or args.parts or args.kazakh:
        work = args.work or Path(tempfile.mkdtemp(prefix="satchel-parts-"))
        report = spelling_report if args.spelling else kazakh_only if args.kazakh else parts_report
        try:
            report(work)
        finally:
            if args.work is None:
                shutil.rmtree(work, ignore_errors=True)
        return
    if args.step:
        name, *rest = args.step
        steps = {"build": lambda: step_build(rest[0], int(rest[1]), rest[2], int(rest[3])),
                 "add": lambda: step_add(rest[0], int(rest[1]), rest[2], rest[3:] == ["once"]),
                 "open": lambda: step_open(rest[0], rest[1], rest[2]),
                 "queries": lambda: step_queries(rest[0], rest[1], rest[2], *rest[3:])}
        print(json.dumps(steps[name]()))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    _adopt_orphans()
    work = args.work or Path(tempfile.mkdtemp(prefix="satchel-search-bench-"))
    print(f"{len(make_queries())} queries; work folder {work}; "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    try:
        for n in args.sizes:
            result = run_size(n, args.procs, work, args.reuse, args.runs)
            (OUT / f"search-{n}.json").write_text(json.dumps(result, indent=1))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
