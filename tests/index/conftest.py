"""Fixtures for the index tests: real corpus text, and small synthetic documents.

The corpus lives beside the repository (../shared/corpus); tests that need it
skip when it is absent. A few hundred articles of each language are indexed
once per session; tests that change an index build their own.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from index import Index, IndexDocument

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
PER_LANGUAGE = 150
EPOCH = datetime(2010, 1, 1, tzinfo=UTC)


def _require_corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus absent: {CORPUS.resolve()}")
    return CORPUS


def _read(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _corpus_articles(root: Path) -> Iterator[dict]:
    for path in sorted((root / "en-bbc").glob("*/*.txt"))[::15][:PER_LANGUAGE]:
        lines = [line.strip() for line in _read(path).splitlines() if line.strip()]
        yield dict(lang="en", pub="bbc", title=lines[0], summary=lines[1],
                   body="\n\n".join(lines[2:]), tags=(path.parent.name,))
    for line in (root / "ru-lenta" / "news.txt").read_text("utf-8").splitlines()[:PER_LANGUAGE]:
        yield dict(lang="ru", pub="lenta", title=line.split(". ")[0][:100], summary="",
                   body=line, tags=())
    fars = json.loads((root / "fa-news" / "fars-news-1.json").read_text("utf-8"))
    varzesh = json.loads((root / "fa-news" / "varzesh3-1.json").read_text("utf-8"))
    for item in fars[: PER_LANGUAGE // 2] + varzesh[: PER_LANGUAGE // 2]:
        yield dict(lang="fa", pub="fars", title=item["title"], summary=item.get("abstract", ""),
                   body="\n\n".join(item["paragraphs"]), tags=tuple(item.get("tags", [])))
    sentences: list[str] = []
    tokens: list[str] = []
    for line in (root / "kk-kaznerd" / "IOB2_test.txt").read_text("utf-8").splitlines():
        if line.strip():
            tokens.append(line.rsplit(" ", 1)[0])
        elif tokens:
            sentences.append(" ".join(tokens))
            tokens = []
    for i in range(0, PER_LANGUAGE * 10, 10):
        yield dict(lang="kk", pub="kaznerd", title=sentences[i][:100], summary="",
                   body="\n".join(sentences[i + 1 : i + 10]), tags=())


@pytest.fixture(scope="session")
def corpus_docs() -> list[IndexDocument]:
    """Real articles in English, Russian, Persian and Kazakh, one issued per day."""
    root = _require_corpus()
    return [
        IndexDocument(
            key=f"{a['pub']}/{n:05d}", publisher=a["pub"], publisher_name=f"{a['pub']} news",
            article_id=f"{n:05d}", version=1, language=a["lang"], title=a["title"],
            byline="", summary=a["summary"], body_text=a["body"], tags=a["tags"],
            issued=EPOCH + timedelta(days=n))
        for n, a in enumerate(_corpus_articles(root))
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
