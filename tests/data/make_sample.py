"""Regenerate `corpus-sample.jsonl` from ../shared/corpus (see README.md here).

    .venv/bin/python tests/data/make_sample.py

Takes, per language, the first articles that hold the words the search tests
look for, then every k-th article up to `PER_LANGUAGE`, each body cut at a
sentence end after `BODY_CHARS` characters. Deterministic: the same corpus
gives the same file.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from bench.search import read_corpus_file  # noqa: E402

CORPUS = HERE.parents[2] / "shared" / "corpus"
OUT = HERE / "corpus-sample.jsonl"
PER_LANGUAGE = 60
BODY_CHARS = 800
# Words the tests search for: each pattern gets up to `EACH` articles first.
WANTED = {
    "en": [r"\belections\b", r"\belection\b", r"\bprime minister", r"\bparliament",
           r"\blabour\b", r"\bgovernment\b", r"\bsecurity\b", r"\bdominant\b"],
    "ru": [r"\bгороде\b", r"\bгорода\b", r"\bпрезидент", r"\bминистр"],
    "fa": [r"بانكي", r"(?<!\w)کشور(?!\w)", r"ایران", r"\u200c", r"عادلانه", r"گفت.?وگو"],
    "kk": [r"(?<!\w)қала(сы|ның|лар\w*)?(?!\w)", r"Қазақстанның", r"(?<!\w)теңге",
           r"(?<!\w)алдағы", r"(?<!\w)Павлодар"],
}
EACH = 3


def _cut(text: str, limit: int = BODY_CHARS) -> str:
    if len(text) <= limit:
        return text
    end = text.find(". ", limit)
    return text if end < 0 else text[: end + 1]


def english() -> Iterator[dict]:
    for path in sorted((CORPUS / "en-bbc").glob("*/*.txt")):
        lines = [line.strip() for line in read_corpus_file(path).splitlines() if line.strip()]
        if len(lines) > 2:
            yield dict(lang="en", pub="bbc", title=lines[0], summary=lines[1],
                       body=_cut("\n\n".join(lines[2:])), tags=[path.parent.name],
                       source=f"en-bbc/{path.parent.name}/{path.name}")


def russian() -> Iterator[dict]:
    lines = (CORPUS / "ru-lenta" / "news.txt").read_text("utf-8").splitlines()
    for n, line in enumerate(lines):
        if line.strip():
            yield dict(lang="ru", pub="lenta", title=line.split(". ")[0][:100], summary="",
                       body=_cut(line.strip()), tags=[], source=f"ru-lenta/news.txt:{n + 1}")


def persian() -> Iterator[dict]:
    for name in ("fars-news-1.json", "varzesh3-1.json"):
        for n, item in enumerate(json.loads((CORPUS / "fa-news" / name).read_text("utf-8"))):
            if item.get("title") and item.get("paragraphs"):
                yield dict(lang="fa", pub=name.split("-")[0], title=item["title"],
                           summary=item.get("abstract", ""),
                           body=_cut("\n\n".join(item["paragraphs"])),
                           tags=list(item.get("tags", []))[:5], source=f"fa-news/{name}[{n}]")


def kazakh() -> Iterator[dict]:
    sentences: list[tuple[int, str]] = []
    tokens: list[str] = []
    lines = (CORPUS / "kk-kaznerd" / "IOB2_test.txt").read_text("utf-8").splitlines()
    for n, line in enumerate(lines):
        if line.strip():
            tokens.append(line.rsplit(" ", 1)[0])
        elif tokens:
            sentences.append((n, " ".join(tokens)))
            tokens = []
    for i in range(0, len(sentences) - 10, 10):
        yield dict(lang="kk", pub="kaznerd", title=sentences[i][1][:100], summary="",
                   body=_cut("\n".join(s for _, s in sentences[i + 1 : i + 10])), tags=[],
                   source=f"kk-kaznerd/IOB2_test.txt, sentences ending at lines "
                          f"{sentences[i][0]}-{sentences[i + 9][0]}")


def pick(language: str, articles: list[dict]) -> list[dict]:
    chosen: dict[int, None] = {}
    for pattern in WANTED[language]:
        regex = re.compile(pattern, re.IGNORECASE)
        hits = [i for i, a in enumerate(articles)
                if regex.search(f"{a['title']}\n{a['summary']}\n{a['body']}")]
        chosen.update(dict.fromkeys(hits[:EACH]))
    step = max(1, len(articles) // PER_LANGUAGE)
    for i in range(0, len(articles), step):
        if len(chosen) >= PER_LANGUAGE:
            break
        chosen.setdefault(i, None)
    return [articles[i] for i in sorted(chosen)]


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"corpus absent: {CORPUS}")
    with OUT.open("w", encoding="utf-8") as out:
        for language, source in (("en", english), ("ru", russian), ("fa", persian),
                                 ("kk", kazakh)):
            for article in pick(language, list(source())):
                out.write(json.dumps(article, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
