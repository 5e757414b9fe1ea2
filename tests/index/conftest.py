"""Fixtures for the index tests: real text, and small synthetic documents.

The real text is the corpus sample shipped in tests/data (60 articles in each
of English, Russian, Persian and Kazakh), so these tests never skip. It is
indexed once per session; tests that change an index build their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from index import Index, IndexDocument
from tests.data import sample_articles

EPOCH = datetime(2010, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="session")
def corpus_docs() -> list[IndexDocument]:
    """Real articles in English, Russian, Persian and Kazakh, one issued per day."""
    return [
        IndexDocument(
            key=f"{a['pub']}/{n:05d}", publisher=a["pub"], publisher_name=f"{a['pub']} news",
            article_id=f"{n:05d}", version=1, language=a["lang"], title=a["title"],
            byline="", summary=a["summary"], body_text=a["body"], tags=tuple(a["tags"]),
            issued=EPOCH + timedelta(days=n))
        for n, a in enumerate(sample_articles())
    ]


@pytest.fixture(scope="session")
def bodies(corpus_docs: list[IndexDocument]) -> dict[str, str]:
    return {d.key: d.body_text for d in corpus_docs}


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory,
                 corpus_docs: list[IndexDocument]) -> Iterator[Index]:
    """The corpus sample, indexed once; tests must only search it."""
    index = Index.open(tmp_path_factory.mktemp("corpus") / "index")
    index.rebuild(corpus_docs, procs=1)
    yield index
    index.close()


@pytest.fixture()
def make_doc() -> Callable[..., IndexDocument]:
    """A small synthetic document: `make_doc("a1", "some text", language="en")`."""

    def make(article_id: str, body: str = "", *, title: str = "", language: str = "en",
             publisher: str = "ab12", version: int = 1, tags: tuple[str, ...] = (),
             issued: datetime | None = EPOCH, summary: str = "") -> IndexDocument:
        return IndexDocument(
            key=f"{publisher}/{article_id}", publisher=publisher, publisher_name="Example News",
            article_id=article_id, version=version, language=language,
            title=title or f"Article {article_id}", byline="", summary=summary,
            body_text=body, tags=tags, issued=issued)

    return make
