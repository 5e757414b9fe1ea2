"""Render the desktop reader's main views to PNG files, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Builds a library in a temporary folder from the welcome bundle and a few
articles of real news text (../shared/corpus, when present), then captures:
the library, an article in English, Russian, Kazakh and Persian (with the
Persian UI), search results, the import summary, the provenance panel, the
fingerprint comparison, a bundle opened read-only from a drive, and the dark
theme. Each view is a `widget.grab()` of the real widgets.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from bundles import chain as chains  # noqa: E402
from bundles.keys import KeyFile, SigningKey  # noqa: E402
from bundles.pack import ArticleDraft, sign_article, write_bundles  # noqa: E402
from ui.app import App, create_application  # noqa: E402
from ui.testing import running_app, settle, tampered_copy, wait_until  # noqa: E402

WELCOME = REPO / "examples" / "welcome.satchel"
CORPUS = REPO.parent / "shared" / "corpus"
SIZE = (1280, 800)


def _key(name: str, seed: int) -> KeyFile:
    signing = SigningKey.from_seed(bytes([seed]) * 32)
    return KeyFile(name=name, signing_key=signing, chain=[chains.new_root(name, signing)],
                   encrypted=False)


def _fix_mojibake(text: str) -> str:
    """The BBC files are UTF-8 read as Latin-1 by bench.corpus ("Â£600m"): undo that."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


def _detokenize(text: str) -> str:
    """KazNERD's sentences are tokens joined by spaces: close up the punctuation."""
    text = re.sub(r"\s+([.,:;!?»)%])", r"\1", text)
    return re.sub(r"([«(])\s+", r"\1", text)


def _texts() -> dict[str, list[tuple[str, list[str]]]]:
    """A few real articles per language (title, paragraphs), or stand-ins without the corpus."""
    sys.path.insert(0, str(REPO))
    try:
        from bench import corpus
    except ImportError:
        corpus = None  # type: ignore[assignment]
    if corpus is None or not CORPUS.is_dir():
        return {
            "en": [("Bridge reopens after repairs", ["Traffic crossed the river again."])],
            "ru": [("Мост снова открыт", ["Движение по мосту восстановлено."])],
            "kk": [("Көпір қайта ашылды", ["Қала тұрғындары қуанышты."])],
            "fa": [("پل دوباره باز شد", ["رفت و آمد از روی رودخانه از سر گرفته شد."])],
        }
    picks: dict[str, list[tuple[str, list[str]]]] = {}
    for lang, source in (("en", corpus.english), ("ru", corpus.russian),
                         ("kk", corpus.kazakh), ("fa", corpus.persian)):
        chosen = []
        for text in source():
            if 20 <= len(text.title) <= 90 and len(text.paragraphs) >= 3:
                clean = _fix_mojibake if lang == "en" else _detokenize
                chosen.append((clean(text.title), [clean(p) for p in text.paragraphs[:8]]))
            if len(chosen) == 6:
                break
        picks[lang] = chosen
    return picks


PUBLISHERS = {
    "en": ("Evening Courier", 41, "City desk"),
    "ru": ("Северный вестник", 42, "Отдел новостей"),
    "kk": ("Дала хабаршысы", 43, "Жаңалықтар бөлімі"),
    "fa": ("خبرنامهٔ آزاد", 44, "گروه خبر"),
}
TAGS = {"en": ("city", "economy"), "ru": ("город",), "kk": ("қала",), "fa": ("شهر",)}


def build_bundles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for lang, texts in _texts().items():
        name, seed, desk = PUBLISHERS[lang]
        key = _key(name, seed)
        signed, blobs = [], {}
        for n, (title, paragraphs) in enumerate(texts):
            body = "".join(f"<p>{p}</p>" for p in paragraphs[1:])
            draft = ArticleDraft(
                article_id=f"{lang}-{n}", language=lang, title=title, body_html=body,
                summary=paragraphs[0][:300], byline=desk, tags=TAGS[lang][: 1 + n % 2],
                issued=f"2026-10-{20 - n:02d}T{8 + n:02d}:30:00Z",
            )
            item, item_blobs, _ = sign_article(draft, key)
            signed.append(item)
            blobs.update(item_blobs)
        out = folder / f"news-{lang}.satchel"
        write_bundles(signed, blobs.__getitem__, out, packer=key, title=f"{name}: week 43",
                      created="2026-10-21T06:00:00Z")
        paths.append(out)
    return paths


def save(widget: QWidget, out: Path, name: str) -> None:
    QCoreApplication.processEvents()
    widget.grab().save(str(out / name))
    print(f"wrote {out / name}")


def open_title(app: App, match: Callable[[str, str], bool]) -> None:
    """Open the first article of the list whose (title, language) matches."""
    window = app.window
    model = window.articles.model  # type: ignore[attr-defined]
    for row in range(model.rowCount()):
        model.index(row, 0).data()
    settle(app)
    for row in range(model.rowCount()):
        item = model.cached_row(row)
        if item is not None and match(item.title, item.language):
            key = item.key
            window.articles.view.setCurrentIndex(model.index(row, 0))  # type: ignore[attr-defined]
            wait_until(lambda key=key: window.reading.view is not None  # type: ignore
                       and window.reading.view.key == key)
            settle(app)
            window.reading.browser.verticalScrollBar().setValue(0)  # type: ignore[attr-defined]
            return
    raise LookupError("no such article in the list")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    create_application()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        bundles = build_bundles(tmp / "drive")
        refused = tampered_copy(bundles[0], tmp / "drive" / "from-a-stranger.satchel")
        welcome = [WELCOME] if WELCOME.is_file() else []
        library = tmp / "library"

        with running_app(library, size=SIZE) as app:
            window = app.window
            wait_until(lambda: app.session.source is not None)
            dialog = window.importer.import_paths([refused, *welcome, *bundles])
            wait_until(lambda: dialog.summary is not None)
            dialog.resize(560, 420)
            save(dialog, out, "import-summary.png")
            dialog.accept()
            settle(app)
            wait_until(lambda: window.articles.model.rowCount() > 0)

            open_title(app, lambda title, lang: lang == "en" and "Welcome" in title)
            save(window, out, "library.png")
            open_title(app, lambda title, lang: lang == "en" and "Welcome" not in title
                       and "fingerprint" not in title.lower() and "search" not in title
                       and "Passing" not in title)
            save(window, out, "article-en.png")
            open_title(app, lambda title, lang: lang == "ru" and "Satchel" in title)
            save(window, out, "article-ru.png")
            open_title(app, lambda title, lang: lang == "kk" and "Satchel" not in title
                       and "Кілт" not in title and "Кітап" not in title
                       and "Бума" not in title)
            save(window, out, "article-kk.png")

            # Provenance: trust one publisher, show the details of one of its articles.
            open_title(app, lambda title, lang: lang == "en" and "fingerprint" in title.lower())
            window.actions_.details.setChecked(True)
            settle(app)
            save(window, out, "provenance.png")
            from ui.provenance import TrustDialog

            article = window.provenance.article
            trust = TrustDialog(article.publisher_name, article.fingerprint, window)
            trust.show()
            trust.adjustSize()
            save(trust, out, "trust-dialog.png")
            trust.reject()
            window.actions_.details.setChecked(False)

            window.search_bar.set_text("Satchel")
            wait_until(lambda: window.search.answer is not None)
            settle(app)
            window.search.results.view.setCurrentIndex(window.search.results.model.index(0, 0))
            window.search.results.view.setFocus()
            settle(app)
            save(window, out, "search.png")
            window.search_bar.set_text("")

            app.themes.set_mode("dark")
            open_title(app, lambda title, lang: lang == "ru" and "Satchel" not in title
                       and "отпечаток" not in title and "искать" not in title
                       and "передавать" not in title)
            save(window, out, "dark.png")
            app.themes.set_mode("light")

        with running_app(library, language="fa", size=SIZE) as app:
            window = app.window
            wait_until(lambda: window.articles.model.rowCount() > 0)
            open_title(app, lambda title, lang: lang == "fa" and "Satchel" in title)
            save(window, out, "article-fa.png")

        with running_app(tmp / "empty-library", bundles[1], size=SIZE) as app:
            window = app.window
            wait_until(lambda: window.articles.model.rowCount() > 0)
            open_title(app, lambda title, lang: lang == "ru")
            save(window, out, "open-from-drive.png")
    QApplication.instance()
    return 0


if __name__ == "__main__":
    sys.exit(main())
