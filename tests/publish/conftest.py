"""Fixtures for the publishing front ends: keys, packing, reading bundles back, no network."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bundles.article import ArticlePayload
from bundles.bundle import Bundle
from bundles.keys import KeyFile
from reader.publish import PackResult, pack
from reader.sources import Item
from tests.conftest import CORPUS
from tests.factory import CREATED, publisher


@pytest.fixture(scope="session")
def key() -> KeyFile:
    return publisher("Publishing Desk", seed=41)


@dataclass
class Packed:
    result: PackResult
    path: Path
    articles: dict[str, ArticlePayload]
    bodies: dict[str, str]
    images: dict[str, list[bytes]]

    def only(self) -> ArticlePayload:
        assert len(self.articles) == 1, list(self.articles)
        return next(iter(self.articles.values()))

    def body(self, article_id: str | None = None) -> str:
        if article_id is None:
            article_id = self.only().article_id
        return self.bodies[article_id]

    @property
    def reports(self) -> list:
        return self.result.articles

    def refused(self) -> list[str]:
        return [a.error for a in self.result.articles if not a.ok]

    def dropped(self) -> list[str]:
        return [d for a in self.result.articles for d in a.dropped]


def read_bundle(path: Path) -> tuple[dict[str, ArticlePayload], dict[str, str], dict]:
    """Verify a bundle and return its payloads, body HTML and images by article id."""
    articles: dict[str, ArticlePayload] = {}
    bodies: dict[str, str] = {}
    images: dict[str, list[bytes]] = {}
    with Bundle.open(path) as bundle:
        for article in bundle.articles:
            payload = article.payload
            articles[payload.article_id] = payload
            bodies[payload.article_id] = bundle.read_blob(payload.body).decode("utf-8")
            images[payload.article_id] = [bundle.read_blob(ref.sha256) for ref in payload.images]
    return articles, bodies, images


def pack_items(items: Iterable[Item], out: Path, key: KeyFile) -> Packed:
    result = pack((item.as_source_item() for item in items), key=key, out=out,
                  created=CREATED)
    articles, bodies, images = read_bundle(result.outputs[0])
    return Packed(result, result.outputs[0], articles, bodies, images)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to connect or resolve a name fails the test (and is recorded)."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args[1:]!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: refuse(None, *a))
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, *a))
    yield attempts
    assert not attempts, f"network access attempted: {attempts}"


# ------------------------------------------------------------------ the corpus


def need_corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus absent: {CORPUS} (tests on real text need ../shared/corpus)")
    return CORPUS


def bbc_stories(count: int, topic: str = "business") -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of BBC stories (corpus en-bbc)."""
    folder = need_corpus() / "en-bbc" / topic
    stories = []
    for path in sorted(folder.glob("*.txt"))[:count]:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        title = lines[0].strip()
        paragraphs = [line.strip() for line in lines[1:] if line.strip()]
        stories.append((title, paragraphs))
    return stories


def lenta_stories(count: int) -> list[tuple[str, list[str]]]:
    """(title, paragraphs) from Lenta.ru news (one article per line; title: first sentence)."""
    path = need_corpus() / "ru-lenta" / "news.txt"
    stories = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            text = line.strip()
            if not text:
                continue
            sentences = [s.strip() + "." for s in text.split(". ") if s.strip()]
            title = sentences[0].rstrip(".")[:120]
            paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
            stories.append((title, paragraphs))
            if len(stories) >= count:
                break
    return stories


def fars_stories(count: int) -> list[dict]:
    """Fars News articles: title, abstract, paragraphs, tags, link (corpus fa-news)."""
    path = need_corpus() / "fa-news" / "fars-news-1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return [d for d in data if d.get("title") and d.get("paragraphs")][:count]
