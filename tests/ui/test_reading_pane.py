"""The reading pane fetches nothing: only the open article's own verified images are served."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument

from reader.records import ArticleView, ImageRef
from tests.factory import article_view, draft, make_bundle, png, publisher
from ui import images
from ui.article_browser import ArticleBrowser, PreparedArticle, prepare_article
from ui.bundle_source import BundleSource
from ui.reading_pane import ReadingPane

IMAGE = QTextDocument.ResourceType.ImageResource
STYLE = QTextDocument.ResourceType.StyleSheetResource


def _prepared(html: str, images_: dict[str, bytes], *, language: str = "en"
              ) -> PreparedArticle:
    """An article whose HTML has not been sanitized yet, made ready as the worker does."""
    refs = tuple(ImageRef(sha, "image/png", len(data)) for sha, data in images_.items())
    article: ArticleView = article_view(html, language=language, images=refs)
    return prepare_article(article, images_)


def _huge_png_header(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = b"IHDR" + header
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + body
            + struct.pack(">I", zlib.crc32(body)))


def test_loader_serves_only_the_open_articles_blobs(qtbot, tmp_path: Path) -> None:
    local = tmp_path / "secret.png"
    local.write_bytes(png(7, 5, (0, 200, 0)))
    own = png(6, 4)
    import hashlib

    own_sha = hashlib.sha256(own).hexdigest()
    other_sha = "b" * 64
    hostile = f"""<html><head>
        <link rel="stylesheet" type="text/css" href="http://evil.example/s.css"/>
        <link rel="stylesheet" type="text/css" href="file://{tmp_path}/local.css"/>
        <style>@import url("https://evil.example/i.css");</style></head><body>
        <p>text</p>
        <img src="https://evil.example/track.png">
        <img src="http://evil.example/t.gif">
        <img src="ftp://evil.example/x.png">
        <img src="file://{local}">
        <img src="{local}">
        <img src="secret.png">
        <img src="sha256:{other_sha}">
        <img src="sha256:{own_sha}">
        <table background="http://evil.example/bg.png"><tr><td>x</td></tr></table>
        </body></html>"""
    browser = ArticleBrowser()
    qtbot.addWidget(browser)
    browser.set_images({own_sha: images.decode(own)})
    browser.setSearchPaths([str(tmp_path)])  # even with a search path, nothing is read
    browser.setHtml(hostile)
    browser.resize(500, 400)
    browser.show()
    qtbot.waitExposed(browser)

    (tmp_path / "local.css").write_text("p { color: red }")
    browser.grab()  # paint it all: pictures are fetched when drawn
    asked = {r.url: r.served for r in browser.requests}
    for url in ("http://evil.example/s.css", f"file://{tmp_path}/local.css",
                "https://evil.example/i.css", "https://evil.example/track.png",
                f"file://{local}", str(local), "secret.png", f"sha256:{other_sha}",
                "http://evil.example/bg.png"):
        assert url in asked and not asked[url], url
    assert {url for url, served in asked.items() if served} == {f"sha256:{own_sha}"}
    # Each refused request got an image of 1x1, never None (None means Qt reads the file).
    for url in [f"file://{local}", str(local), "secret.png", "https://evil.example/track.png",
                "http://evil.example/s.css", f"sha256:{other_sha}"]:
        for kind in (IMAGE, STYLE):
            value = browser.loadResource(kind, QUrl(url))
            assert isinstance(value, QImage) and value.size().width() == 1, url
    # The local file's pixels never reached the document.
    cached = browser.document().resource(IMAGE, QUrl(f"file://{local}"))
    assert cached is None or (isinstance(cached, QImage) and cached.width() == 1)
    own_image = browser.document().resource(IMAGE, QUrl(f"sha256:{own_sha}"))
    assert isinstance(own_image, QImage) and own_image.width() == 6


def test_sanitizer_drops_remote_and_local_sources_before_display(qtbot, tmp_path: Path) -> None:
    html = ('<p>hi <a href="https://example.org/x">link</a></p><img src="https://e/x.png">'
            '<img src="file:///etc/passwd"><link rel="stylesheet" href="http://e/s.css">'
            '<script>alert(1)</script>')
    view = _prepared(html, {})
    assert "https://e/x.png" not in view.body_html and "passwd" not in view.body_html
    assert "<script" not in view.body_html and "<link" not in view.body_html
    assert "[https://example.org/x]" in view.body_html  # links become copyable text
    pane = ReadingPane()
    qtbot.addWidget(pane)
    pane.show_article(view)
    assert [r for r in pane.browser.requests if r.served] == []
    assert not pane.browser.openLinks() and not pane.browser.openExternalLinks()


def test_article_from_a_bundle_with_hostile_html_requests_nothing_else(qtbot, tmp_path: Path
                                                                        ) -> None:
    key = publisher("Hostile", seed=3)
    body = ('<h1>Hi</h1><p>Body</p><img src="photo.png" alt="ok">'
            '<img src="https://tracker.example/p.gif"><img src="/etc/hosts">'
            '<img src="file:///etc/hosts">')
    path = make_bundle(tmp_path / "h.satchel", key, [draft("a1", body_html=body)])
    source = BundleSource.open(path)
    try:
        article = source.article(0)
        view = prepare_article(article, source.images(article))
    finally:
        source.close()
    pane = ReadingPane()
    qtbot.addWidget(pane)
    pane.resize(600, 500)
    pane.show()
    pane.show_article(view)
    qtbot.waitExposed(pane)
    pane.grab()  # pictures are decoded when drawn
    requests = list(pane.browser.requests)
    assert any(r.served for r in requests)
    # Sources the sanitizer removed leave an <img> with no address: asked as "", refused.
    for r in requests:
        assert r.url == "" or r.url.startswith("sha256:"), r.url
        assert r.served == r.url.startswith("sha256:")


def test_images_over_the_caps_are_refused_before_decoding() -> None:
    assert images.decode(_huge_png_header(100_000, 100_000)) is None  # 10 gigapixels
    assert images.decode(_huge_png_header(8000, 7000)) is None  # 56 MP > 50 MP
    assert images.decode(b"GIF89a-not-really") is None
    assert images.decode(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
    big = images.decode(png(3000, 2))
    assert big is not None and big.width() == images.DISPLAY_WIDTH  # scaled while decoding


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_persian_and_arabic_articles_are_laid_out_right_to_left(qtbot, language: str) -> None:
    pane = ReadingPane()
    qtbot.addWidget(pane)
    pane.show_article(_prepared("<p>سلام دنیا</p>", {}, language=language))
    assert pane.browser.layoutDirection() == Qt.LayoutDirection.RightToLeft
    option = pane.browser.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    pane.show_article(_prepared("<p>Сәлем әлем</p>", {}, language="kk"))
    assert pane.browser.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_text_size_changes_within_bounds(qtbot) -> None:
    pane = ReadingPane()
    qtbot.addWidget(pane)
    start = pane.point_size
    pane.zoom(2)
    assert pane.point_size == start + 2
    assert pane.browser.document().defaultFont().pointSize() == start + 2
    pane.zoom(-100)
    assert pane.point_size == 8


def test_save_as_pdf_uses_the_same_safe_loader(qtbot, tmp_path: Path) -> None:
    import hashlib

    own = png(40, 30)
    sha = hashlib.sha256(own).hexdigest()
    pane = ReadingPane()
    qtbot.addWidget(pane)
    pane.show_article(_prepared(
        f'<p>Printed</p><img src="sha256:{sha}"><img src="http://e/x.png">', {sha: own}))
    out = tmp_path / "a.pdf"
    pane.save_pdf(out)
    assert out.read_bytes().startswith(b"%PDF")
    assert {r.url for r in pane.browser.requests if r.served} <= {f"sha256:{sha}"}
