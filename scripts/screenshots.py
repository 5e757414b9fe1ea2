"""Render the desktop reader's main views to PNG files, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Builds a library in a temporary folder from the welcome bundle and three
short news articles in each language (`scripts/screenshot_news.py`, signed
with fixed keys), then captures: the import summary, the library, an article
in English, Russian, Kazakh and Persian (with the Persian UI: Solar Hijri
dates), search results in English and in Persian, the provenance panel, the
fingerprint comparison, a bundle opened read-only from a drive, and the dark
theme. Each view is a `widget.grab()` of the real widgets.

The pictures are the same on every run and in every clone: nothing comes from
../shared, the library's own clock is fixed (the time it "first saw" an
article), and no text box has the focus (its cursor blinks).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from bundles import chain as chains  # noqa: E402
from bundles.keys import KeyFile, SigningKey  # noqa: E402
from bundles.pack import ArticleDraft, sign_article, write_bundles  # noqa: E402
from scripts.screenshot_news import NEWS  # noqa: E402
from ui.app import App, create_application  # noqa: E402
from ui.testing import running_app, settle, tampered_copy, wait_until  # noqa: E402

WELCOME = REPO / "examples" / "welcome.satchel"
SIZE = (1280, 800)
CLOCK = "2026-10-22T07:15:00+00:00"  # "now", for everything the library records
PUBLISHERS = {
    "en": ("Evening Courier", 41, "City desk"),
    "ru": ("Северный вестник", 42, "Отдел новостей"),
    "kk": ("Дала хабаршысы", 43, "Жаңалықтар бөлімі"),
    "fa": ("خبرنامهٔ آزاد", 44, "گروه خبر"),
}


def fix_the_clock() -> None:
    """The library's clock (`reader.catalog.now`) answers `CLOCK`, in every module that
    took it; the modules are loaded here, before the worker thread opens the library."""
    import reader.articles
    import reader.catalog
    import reader.importer
    import reader.library
    import reader.trust

    clock = reader.catalog.now
    for name, module in list(sys.modules.items()):
        if name.startswith("reader") and getattr(module, "now", None) is clock:
            module.now = lambda: CLOCK  # type: ignore[attr-defined]
    del reader.articles, reader.importer, reader.library, reader.trust


def _key(name: str, seed: int) -> KeyFile:
    signing = SigningKey.from_seed(bytes([seed]) * 32)
    return KeyFile(name=name, signing_key=signing, chain=[chains.new_root(name, signing)],
                   encrypted=False)


def build_bundles(folder: Path) -> list[Path]:
    """One bundle of news per language, signed by its publisher's fixed key."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for lang, articles in NEWS.items():
        name, seed, desk = PUBLISHERS[lang]
        key = _key(name, seed)
        signed, blobs = [], {}
        for n, (title, summary, paragraphs, tags) in enumerate(articles):
            draft = ArticleDraft(
                article_id=f"{lang}-{n}", language=lang, title=title,
                body_html="".join(f"<p>{p}</p>" for p in paragraphs), summary=summary,
                byline=desk, tags=tags, issued=f"2026-10-{20 - n:02d}T{8 + n:02d}:30:00Z",
            )
            item, item_blobs, _ = sign_article(draft, key)
            signed.append(item)
            blobs.update(item_blobs)
        out = folder / f"news-{lang}.satchel"
        write_bundles(signed, blobs.__getitem__, out, packer=key, title=f"{name}: week 43",
                      created="2026-10-21T06:00:00Z")
        paths.append(out)
    return paths


def pause(ms: int) -> None:
    """Let the event loop run for `ms` milliseconds (animations finish)."""
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, out: Path, name: str) -> None:
    QCoreApplication.processEvents()
    widget.grab().save(str(out / name))
    print(f"wrote {out / name}")


def open_article(app: App, article_id: str) -> None:
    """Open an article by its id (as the publisher named it), from the list."""
    window = app.window
    model = window.articles.model  # type: ignore[attr-defined]
    for row in range(model.rowCount()):
        model.index(row, 0).data()  # ask for every page
    settle(app)
    for row in range(model.rowCount()):
        item = model.cached_row(row)
        if item is not None and item.article_id == article_id:
            window.articles.view.setCurrentIndex(model.index(row, 0))  # type: ignore
            wait_until(lambda key=item.id: window.reading.view is not None  # type: ignore
                       and window.reading.view.key == key)
            settle(app)
            window.reading.browser.verticalScrollBar().setValue(0)  # type: ignore
            window.articles.view.setFocus()  # type: ignore[attr-defined]
            return
    raise LookupError(f"no article {article_id!r} in the list")


def search(app: App, text: str) -> None:
    window = app.window
    window.search_bar.set_text(text)  # type: ignore[attr-defined]
    wait_until(lambda: window.search.answer is not None  # type: ignore[attr-defined]
               and window.search.answer.text == text)  # type: ignore[attr-defined]
    settle(app)
    results = window.search.results  # type: ignore[attr-defined]
    results.view.setCurrentIndex(results.model.index(0, 0))
    results.view.setFocus()
    key = window.search.top_key()  # type: ignore[attr-defined]
    window.reading.open(key)  # type: ignore[attr-defined]
    wait_until(lambda: window.reading.view is not None  # type: ignore[attr-defined]
               and window.reading.view.key == key)  # type: ignore[attr-defined]
    settle(app)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    fix_the_clock()
    create_application()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        bundles = build_bundles(tmp / "drive")
        refused = tampered_copy(bundles[0], tmp / "drive" / "from-a-stranger.satchel")
        library = tmp / "library"

        with running_app(library, size=SIZE) as app:
            window = app.window
            wait_until(lambda: app.session.source is not None)
            dialog = window.importer.import_paths([refused, WELCOME, *bundles])
            wait_until(lambda: dialog.summary is not None)
            dialog.resize(560, 420)
            save(dialog, out, "import-summary.png")
            dialog.accept()
            wait_until(lambda: window.articles.model.rowCount() == 28)
            settle(app)

            open_article(app, "what-is-satchel-en")
            save(window, out, "library.png")
            open_article(app, "en-0")
            save(window, out, "article-en.png")
            open_article(app, "ru-1")
            save(window, out, "article-ru.png")
            open_article(app, "kk-0")
            save(window, out, "article-kk.png")

            # Provenance: the details of an article, then the fingerprint comparison.
            open_article(app, "compare-fingerprint-en")
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

            search(app, "Satchel")
            save(window, out, "search.png")
            window.search_bar.set_text("")
            pause(500)  # the box's clear button fades out (an animation): let it end

            app.themes.set_mode("dark")
            open_article(app, "ru-2")
            save(window, out, "dark.png")
            app.themes.set_mode("light")

        with running_app(library, language="fa", size=SIZE) as app:
            window = app.window
            wait_until(lambda: window.articles.model.rowCount() > 0)
            open_article(app, "fa-1")
            save(window, out, "article-fa.png")
            search(app, "Satchel")
            save(window, out, "search-fa.png")

        with running_app(tmp / "empty-library", bundles[1], size=SIZE) as app:
            window = app.window
            wait_until(lambda: window.articles.model.rowCount() > 0)
            open_article(app, "ru-0")
            save(window, out, "open-from-drive.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
