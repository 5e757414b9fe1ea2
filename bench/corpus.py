"""Real article text from ../shared/corpus, cycled with distinct ids, for benchmarks."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@dataclass(frozen=True)
class Text:
    language: str
    title: str
    paragraphs: tuple[str, ...]


def _require() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"corpus absent: {CORPUS}; benchmarks need ../shared/corpus")


def english() -> Iterator[Text]:
    for path in sorted((CORPUS / "en-bbc").glob("*/*.txt")):
        lines = [x.strip() for x in path.read_text(encoding="latin-1").splitlines() if x.strip()]
        if len(lines) > 1:
            yield Text("en", lines[0], tuple(lines[1:]))


def russian() -> Iterator[Text]:
    for line in (CORPUS / "ru-lenta" / "news.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line:
            sentences = line.split(". ")
            yield Text("ru", sentences[0][:120], tuple(s + "." for s in sentences[1:]) or (line,))


def persian() -> Iterator[Text]:
    for path in sorted((CORPUS / "fa-news").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            paragraphs = tuple(p for p in item.get("paragraphs", []) if p.strip())
            if item.get("title") and paragraphs:
                yield Text("fa", item["title"], paragraphs)


def kazakh(per_article: int = 8) -> Iterator[Text]:
    sentences: list[str] = []
    tokens: list[str] = []
    for line in (CORPUS / "kk-kaznerd" / "IOB2_test.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tokens:
                sentences.append(" ".join(tokens))
                tokens = []
            continue
        tokens.append(line.split()[0])
    for i in range(0, len(sentences) - per_article, per_article):
        group = sentences[i : i + per_article]
        yield Text("kk", group[0][:120], tuple(group[1:]))


def all_texts() -> list[Text]:
    """Every text of the four languages, interleaved so any prefix mixes them."""
    _require()
    pools = [list(english()), list(russian()), list(persian()), list(kazakh())]
    mixed: list[Text] = []
    for i in range(max(len(p) for p in pools)):
        mixed += [p[i] for p in pools if i < len(p)]
    return mixed


def cycle(count: int) -> Iterator[tuple[int, Text]]:
    texts = all_texts()
    for n in range(count):
        yield n, texts[n % len(texts)]
