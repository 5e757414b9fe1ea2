"""Ranking proven: Satchel's scores are BM25F as stock Whoosh computes them.

The same 240 articles (tests/data) go into Satchel's index and into a stock
Whoosh index (`SegmentWriter`, the W3 codec, `TEXT` fields with the same
field boosts and the same analysis: a Whoosh analyzer over
`index.analysis.spans`). Each query is compiled once by Satchel; the terms it
stands for are given to Whoosh as the equivalent query objects (`Term`,
`Phrase`, `Or`, `And`, `AndNot`) and searched with `whoosh.scoring.BM25F`
(B=0.75, K1=1.2). Both must give the same top 10, in the same order, with
the same scores.

What Satchel does differently, on purpose (docs/search.md, "Ranking"):

- A typed word stands for every term it may have been indexed as (the stems
  of the languages writing its script; a Kazakh word's forms, at most 16;
  a prefix's terms, at most 24): Satchel chooses the terms, and scores each
  with BM25F. Whoosh's own `Prefix` query would take every term and give
  each match the same constant score. Compared here on the same terms.
- Words in no index field are dropped from the query ("!!! election" is
  "election"), where Whoosh would match nothing.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from whoosh import fields, scoring
from whoosh.analysis import Analyzer, Token
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.query import And, AndNot, Or, Phrase, Term
from whoosh.writing import SegmentWriter

from index import Index, IndexDocument
from index.analysis import spans
from index.evaluate import K1, B, compile_clause
from index.query import parse
from index.schema import SUMMARY_BOOST, TITLE_BOOST
from index.search import profiles_for

TOP = 10


class Text(str):
    """A field value that knows its article's language (Whoosh analyzers see
    only the value; a tuple would be taken as a list of ready terms)."""

    language: str

    @classmethod
    def of(cls, language: str, text: str) -> Text:
        value = cls(text)
        value.language = language
        return value


class LanguageTextAnalyzer(Analyzer):
    """A stock Whoosh analyzer doing Satchel's analysis of a `Text`."""

    def __call__(self, value: Any, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, mode: str = "", **kwargs: Any) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode)
        for pos, span in enumerate(spans(value, value.language), start_pos):
            token.text, token.boost, token.stopped = span.term, 1.0, False
            token.pos = pos
            yield token


def _stock_index(folder: Path, docs: list[IndexDocument]) -> FileIndex:
    analyzer = LanguageTextAnalyzer()
    schema = fields.Schema(
        key=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=analyzer, field_boost=TITLE_BOOST),
        summary=fields.TEXT(analyzer=analyzer, field_boost=SUMMARY_BOOST),
        body=fields.TEXT(analyzer=analyzer),
        byline=fields.TEXT(analyzer=analyzer),
    )
    folder.mkdir()
    ix = FileIndex.create(FileStorage(str(folder)), schema, "MAIN")
    writer = SegmentWriter(ix, codec=W3Codec())
    for d in docs:
        writer.add_document(key=d.key, title=Text.of(d.language, d.title),
                            summary=Text.of(d.language, d.summary),
                            body=Text.of(d.language, d.body_text),
                            byline=Text.of(d.language, d.byline))
    writer.commit()
    return ix


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory,
         corpus_docs: list[IndexDocument]) -> Iterator[tuple[Index, FileIndex]]:
    root = tmp_path_factory.mktemp("ranking")
    ours = Index.open(root / "satchel")
    ours.rebuild(corpus_docs, procs=1)
    yield ours, _stock_index(root / "stock", corpus_docs)
    ours.close()


def _alternatives(clause: Any) -> Any:
    parts = [Term(a.field, a.terms[0]) if len(a.terms) == 1 else Phrase(a.field, list(a.terms))
             for a in clause.alternatives]
    return Or(parts)


def whoosh_query(ours: Index, text: str) -> Any:
    """The query Satchel runs for `text`, as Whoosh query objects."""
    ctx = ours._context()
    profiles = profiles_for(ctx)
    parsed = parse(text)
    groups = []
    for group in parsed.groups:
        compiled = [c for c in (compile_clause(ctx, pc, profiles) for pc in group) if c]
        if compiled:
            groups.append(Or([_alternatives(c) for c in compiled]))
    query = And(groups)
    excluded = [c for c in (compile_clause(ctx, pc, profiles) for pc in parsed.excluded) if c]
    return AndNot(query, Or([_alternatives(c) for c in excluded])) if excluded else query


def compare(both: tuple[Index, FileIndex], text: str) -> int:
    """Assert both give the same top 10 with the same scores; the number of hits."""
    ours, stock = both
    page = ours.search(text, pagelen=TOP)
    mine = [(h.key, h.score) for h in page.hits]
    with stock.searcher(weighting=scoring.BM25F(B=B, K1=K1)) as searcher:
        results = searcher.search(whoosh_query(ours, text), limit=TOP, optimize=False)
        theirs = [(hit["key"], hit.score) for hit in results]
        total = len(results)
    assert [k for k, _ in mine] == [k for k, _ in theirs], text
    assert [s for _, s in mine] == pytest.approx([s for _, s in theirs], rel=1e-9), text
    assert page.total == total, text
    return len(mine)


def _queries(docs: list[IndexDocument], language: str, seed: int) -> list[tuple[str, str]]:
    """(kind, query): words, pairs of words (AND) and phrases from the
    articles of `language`, plus a few OR and exclusions."""
    rng = random.Random(seed)
    texts = [f"{d.title} {d.summary} {d.body_text}" for d in docs if d.language == language]
    runs = [re.findall(r"[^\W\d_]{3,}", t) for t in texts]
    words = sorted({w for run in runs for w in run})
    out: list[tuple[str, str]] = []
    for _ in range(12):
        out.append(("word", rng.choice(words)))
    for _ in range(10):
        out.append(("and", f"{rng.choice(words)} {rng.choice(words)}"))
        run = rng.choice([r for r in runs if len(r) > 4])
        at = rng.randrange(len(run) - 2)
        out.append(("phrase", '"' + " ".join(run[at : at + rng.choice((2, 3))]) + '"'))
        run = rng.choice(runs)  # two words of one article: AND with hits
        out.append(("and", " ".join(rng.sample(run, 2))))
    for _ in range(3):
        out.append(("or", f"{rng.choice(words)} OR {rng.choice(words)}"))
        out.append(("exclusion", f"{rng.choice(words)} -{rng.choice(words)}"))
    return out


@pytest.mark.parametrize("language", ["en", "ru", "fa", "kk"])
def test_top_ten_and_scores_are_whooshs_bm25f(both: tuple[Index, FileIndex],
                                              corpus_docs: list[IndexDocument],
                                              language: str) -> None:
    queries = _queries(corpus_docs, language, seed=len(language) * 7 + ord(language[0]))
    found = {kind: 0 for kind, _ in queries}
    for kind, text in queries:
        found[kind] += compare(both, text) > 0
    # The comparison meant something: every kind of query found articles.
    assert all(found.values()), found


def test_prefix_terms_are_scored_like_whoosh_scores_them(both: tuple[Index, FileIndex]) -> None:
    """A prefix's terms, once chosen, are scored as Whoosh scores an Or of them
    (Whoosh's own Prefix query would give every match the same score)."""
    for text in ["govern*", "prim*", "прези*", "ایرا*", "қала*"]:
        assert compare(both, text) > 0, text


def test_ties_are_broken_as_whoosh_breaks_them(tmp_path: Path,
                                               corpus_docs: list[IndexDocument]) -> None:
    """Equal scores: the document indexed first comes first, as in Whoosh."""
    twin = corpus_docs[0]
    docs = [IndexDocument(**{**twin.__dict__, "key": f"p/{n:03d}", "article_id": f"{n:03d}"})
            for n in range(30)] + corpus_docs[1:40]
    ours = Index.open(tmp_path / "satchel")
    ours.rebuild(docs, procs=1)
    try:
        pair = (ours, _stock_index(tmp_path / "stock", docs))
        word = re.findall(r"[^\W\d_]{4,}", twin.title)[0]
        assert compare(pair, word) == TOP
        twins = [h.key for h in ours.search(word, pagelen=40).hits if h.key.startswith("p/")]
        assert twins == [f"p/{n:03d}" for n in range(30)]  # in the order they were indexed
        second = [h.key for h in ours.search(word, pagelen=TOP, page=2).hits]
        assert second == [h.key for h in ours.search(word, pagelen=40).hits][TOP : 2 * TOP]
    finally:
        ours.close()


def test_ties_across_alternatives_are_in_docnum_order(tmp_path: Path, make_doc: Any) -> None:
    """Twenty articles scoring alike, half through one word and half through
    the other: the top 10 are the first ten indexed, whichever word matched."""
    docs = [make_doc(f"a{n:02d}", body=f"{'alpha' if n % 2 else 'beta'} filler words",
                     title="Same title") for n in range(20)]
    ours = Index.open(tmp_path / "satchel")
    ours.rebuild(docs, procs=1)
    try:
        assert compare((ours, _stock_index(tmp_path / "stock", docs)), "alpha OR beta") == TOP
        assert [h.key for h in ours.search("alpha OR beta").hits] == [
            f"ab12/a{n:02d}" for n in range(TOP)]
    finally:
        ours.close()


def test_average_length_is_whooshs_when_most_articles_lack_the_field(
        tmp_path: Path, corpus_docs: list[IndexDocument]) -> None:
    """Whoosh divides by the average field length even when it is below one
    word (a byline in one article of forty)."""
    docs = [IndexDocument(**{**d.__dict__, "byline": "Jane Reporter" if n == 0 else ""})
            for n, d in enumerate(corpus_docs[:40])]
    ours = Index.open(tmp_path / "satchel")
    ours.rebuild(docs, procs=1)
    try:
        assert compare((ours, _stock_index(tmp_path / "stock", docs)), "reporter") > 1
    finally:
        ours.close()


def test_a_phrase_repeating_a_word_scores_it_each_time(tmp_path: Path,
                                                       make_doc: Any) -> None:
    docs = [make_doc(f"a{n}", body=f"{'very ' * (n % 3 + 1)}good news {n}") for n in range(12)]
    ours = Index.open(tmp_path / "satchel")
    ours.rebuild(docs, procs=1)
    try:
        assert compare((ours, _stock_index(tmp_path / "stock", docs)), '"very very good"') == 8
    finally:
        ours.close()
