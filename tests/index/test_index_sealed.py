"""A protected library's index (index/sealed.py) answers exactly as a plain one.

The sealed storage replaces the files the index reads at positions (`get`,
posting lists read 32 KB at a time across its 16 KB chunks) and the scratch
files its writer and worker processes use: the same documents built both ways
must give the same hits, scores, totals and snippets, from one thread or from
several at once.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import Index, IndexDocument
from index.sealed import CHUNK, SealedStorage
from tests.index.threads import run_at_once

KEY = bytes(range(32))


def _queries(docs: list[IndexDocument]) -> list[str]:
    """Words, pairs, phrases and prefixes from the sample's titles, each language."""
    rng = random.Random(7)
    queries = []
    for doc in docs[::6]:
        words = [w for w in doc.title.split() if len(w) > 3 and w.isalpha()]
        if len(words) < 2:
            continue
        first = rng.randrange(len(words) - 1)
        a, b = words[first], words[first + 1]
        queries += [a, f"{a} {b}", f'"{a} {b}"', f"{a[:4]}*", f"{a} OR {b}", f"{a} -{b}"]
    return queries


def _answers(index: Index, queries: list[str], bodies: dict[str, str]) -> list[tuple]:
    """Every hit of each query; equal scores in key order (worker processes
    split the documents by timing, and ties are ranked by document number)."""
    return [(q, page.total, sorted((-h.score, h.key, h.title_html, h.snippet_html)
                                    for h in page.hits))
            for q in queries
            for page in [index.search(q, body_text=bodies.get, pagelen=300)]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory,
          corpus_docs: list[IndexDocument]) -> Iterator[tuple[Index, Index]]:
    root = tmp_path_factory.mktemp("sealed")
    plain, sealed = Index.open(root / "plain"), Index.open(root / "sealed", key=KEY)
    for index in (plain, sealed):
        index.rebuild(corpus_docs[:200], procs=2)  # worker processes get the sealed storage
        index.update(corpus_docs[200:], [])  # a second segment, written in this process
    yield plain, sealed
    plain.close()
    sealed.close()


def test_the_sealed_index_is_sealed_and_read_across_chunks(built: tuple[Index, Index]) -> None:
    plain, sealed = built
    folder = Path(sealed.path)
    postings = sorted(folder.glob("*.pst"), key=lambda p: p.stat().st_size)[-1]
    assert postings.stat().st_size > 3 * CHUNK  # posting lists span several chunks
    assert isinstance(sealed._storage, SealedStorage)
    assert not isinstance(plain._storage, SealedStorage)


def test_a_sealed_index_answers_as_the_plain_one(built: tuple[Index, Index],
                                                 corpus_docs: list[IndexDocument],
                                                 bodies: dict[str, str]) -> None:
    plain, sealed = built
    queries = _queries(corpus_docs)
    assert len(queries) > 150
    expected = _answers(plain, queries, bodies)
    assert sum(total for _, total, _ in expected) > 1000  # the queries find articles
    assert _answers(sealed, queries, bodies) == expected


def test_threads_searching_a_sealed_index_at_once_read_what_one_thread_reads(
        built: tuple[Index, Index], corpus_docs: list[IndexDocument],
        bodies: dict[str, str]) -> None:
    _, sealed = built
    queries = _queries(corpus_docs)[:60]
    expected = _answers(sealed, queries, bodies)
    failures: list[str] = []

    def search() -> None:
        for _ in range(3):
            if _answers(sealed, queries, bodies) != expected:
                failures.append(threading.current_thread().name)

    run_at_once(search)
    assert not failures
