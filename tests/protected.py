"""Helpers for protected-library tests: articles in four scripts, and a scan of every byte.

The article text is quoted from ../shared/corpus (a few lines each): BBC news
2004-2005 (en-bbc/business/001.txt), Lenta.ru (ru-lenta/news.txt, first line),
KazNERD (kk-kaznerd/IOB2_test.txt, first sentences, CC BY 4.0) and Fars News
(fa-news/fars-news-1.json, first article, Apache-2.0).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from bundles.keys import KeyFile
from reader import Library, protect
from reader.lock import LibraryLock
from reader.paths import LibraryPaths
from reader.vault import new_kdf
from tests import factory
from tests.reader.conftest import noisy_png

# The smallest parameters the bounds allow: tests pass them (Borg's lesson: no
# environment variable that weakens the KDF).
FAST = {"memory_kib": 8 * 1024, "iterations": 1, "lanes": 1}
PASSPHRASE = "correct horse battery staple"

ARTICLES = {
    "en": ("Thornbury Gazette", "Quarterly profits at TimeWarner jumped",
           "Quarterly profits at US media giant TimeWarner jumped 76% for the three months to "
           "December. The firm, which is now one of the biggest investors in Google, benefited "
           "from sales of high-speed internet connections and higher advert sales.",
           ("broadband", "shareholders")),
    "ru": ("Вестник Олимпстроя", "Боллоев возглавил Олимпстрой",
           "Бывший президент пивоваренной компании Балтика Таймураз Боллоев занял пост "
           "президента госкорпорации Олимпстрой, сменив на этом посту бывшего мэра Сочи "
           "Виктора Колодяжного.", ("госкорпорация", "пивоваренная")),
    "kk": ("Жетібай хабаршысы", "Атырау ықшамауданындағы тұрғындар",
           "Атырау ықшамауданындағы тұрғындарға берілген жер телімдеріне. Еуразия елдері "
           "экономикаларын жандандыруға, тың серпін беріп, олардың бәсекеге қабілеттігін "
           "жақсартуға бағытталған.", ("экономикалар", "жандандыру")),
    "fa": ("خبرگزاری ایسلند", "ایسلند با شب ازدواج سفید به رقابت‌های اسکار می‌آید",
           "به گزارش خبرگزاری فارس به نقل از سایت سینمایی اسکرین دیلی، فیلم کمدی شب ازدواج "
           "سفید به کارگردانی بالتازار کورما، روز گذشته بعنوان نماینده کشور ایسلند معرفی شد.",
           ("سینمایی", "کارگردانی")),
}
# Words searched for in the tests (each must find its article).
QUERIES = {"en": "TimeWarner", "ru": "Боллоев", "kk": "ықшамауданындағы", "fa": "کارگردانی"}


def make_bundles(folder: Path) -> list[Path]:
    """One bundle per publisher, each with its article (and a file-sized image)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, (language, (name, title, body, tags)) in enumerate(ARTICLES.items()):
        key: KeyFile = factory.publisher(name)
        html = f"<p>{body}</p><img src=\"photo.png\" alt=\"\">"
        draft = factory.draft(f"{language}-1", language=language, title=title, body_html=html,
                              tags=tags, images={"photo.png": noisy_png(seed=n + 1)},
                              summary=body[:80])
        paths.append(factory.make_bundle(folder / f"{language}.satchel", key, [draft]))
    return paths


def needles() -> list[str]:
    """What must never be readable: every title and publisher name, each tag, and the
    first six letters of every longer word (the index keeps stems, lowercased)."""
    found: set[str] = set()
    for name, title, body, tags in ARTICLES.values():
        found.update((name, title, *tags))
        for text in (name, title, body, *tags):
            for word in text.replace(",", " ").replace(".", " ").split():
                word = word.strip("%«»()‌")
                if len(word) >= 7:
                    found.add(word[:6])
    more = set()
    for needle in found:
        more.add(needle.lower())
        # The index normalizes Persian letters: look for both spellings.
        more.add(needle.replace("ی", "ي").replace("ک", "ك"))
    return sorted(found | more)


def scan(roots: Iterable[Path], words: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
    """(file, word, encoding) for every word found in any file under `roots`, in UTF-8
    and UTF-16 (both byte orders)."""
    words = list(words if words is not None else needles())
    patterns = [(w, enc, w.encode(enc)) for w in words for enc in ("utf-8", "utf-16-le",
                                                                   "utf-16-be")]
    hits = []
    for root in roots:
        files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
        for path in files:
            data = path.read_bytes()
            for word, encoding, pattern in patterns:
                if pattern in data:
                    hits.append((str(path), word, encoding))
    return hits


def protect_library(root: Path, passphrase: str = PASSPHRASE) -> None:
    paths = LibraryPaths(root)
    paths.root.mkdir(parents=True, exist_ok=True)
    lock = LibraryLock(paths.lock)
    lock.acquire()
    try:
        protect.protect(paths, passphrase.encode(), kdf=new_kdf(FAST))
    finally:
        lock.release()


def imported_library(root: Path, bundles: list[Path]) -> Path:
    with Library.open(root) as library:
        library.import_paths(bundles)
    return root
