"""`--from-html`: pages saved by browsers (with `_files` folders, or MHTML) become articles.

The pages are built here from the corpus texts, with the markup a browser
really saves: doctype, head with meta charset, navigation, header, the
article, an aside with ads, a footer and a comments section.
"""

from __future__ import annotations

import base64
import html
import quopri
from pathlib import Path

import pytest

from reader.sources import page_items
from reader.sources.webpage import decode_html
from tests.factory import png
from tests.publish.conftest import bbc_stories, fars_stories, lenta_stories, pack_items

pytestmark = pytest.mark.publish  # feedparser and trafilatura

AD = "Limited offer: cheap flights to everywhere"
COMMENT = "This comment should never reach a reader"
NAV = "Subscribe to our newsletter today"
FOOTER = "All rights reserved by the site owners"


def saved_page(
    *,
    title: str,
    paragraphs: list[str],
    lang: str,
    url: str,
    files: str,
    site: str,
    author: str = "",
    date: str = "",
    direction: str = "ltr",
    charset: str = "utf-8",
    photo: str | None = "photo.png",
) -> str:
    """A page as Chrome saves "Web page, complete" (links rewritten into the _files folder)."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    figure = (f'<figure><img src="./{files}/{photo}" alt="photo" width="640" height="480">'
              "<figcaption>Photo</figcaption></figure>") if photo else ""
    meta = ""
    if author:
        meta += f'<meta name="author" content="{html.escape(author)}">\n'
    if date:
        meta += f'<meta property="article:published_time" content="{date}">\n'
    return f"""<!DOCTYPE html>
<!-- saved from url=({len(url):04d}){url} -->
<html lang="{lang}" dir="{direction}"><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} - {site}</title>
<meta name="description" content="{html.escape(paragraphs[0][:150])}">
{meta}<link rel="canonical" href="{url}">
<link rel="stylesheet" href="./{files}/main.css">
<script async="" src="./{files}/analytics.js"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body class="article-page">
<div id="cookie-banner">We use cookies. <button>Accept</button></div>
<header class="site-header"><a href="https://{site}/"><img src="./{files}/logo.png" alt="{site}"></a>
<nav class="main-nav"><ul><li><a href="https://{site}/">Home</a></li><li><a href="https://{site}/world">World</a></li>
<li><a href="https://{site}/business">Business</a></li><li><a href="https://{site}/sport">Sport</a></li>
<li><a href="https://{site}/subscribe">{NAV}</a></li></ul></nav></header>
<main id="main-content"><div class="layout">
<article class="story">
<h1 class="story-title">{html.escape(title)}</h1>
<div class="byline">{html.escape(author)} <time datetime="{date}">{date[:10]}</time></div>
{figure}
{body}
<div class="share"><a href="https://social.example/share?u={url}">Share</a></div>
</article>
<aside class="sidebar"><div class="advert ad-slot"><p>{AD}</p><img src="https://ads.example/banner.gif" width="300" height="250"></div>
<div class="most-read"><h3>Most read</h3><ol><li><a href="https://{site}/1">Another story entirely</a></li></ol></div></aside>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p class="comment-author">reader42</p><p>{COMMENT}</p></div></section>
</div></main>
<footer class="site-footer"><p>© {site}. {FOOTER}.</p><a href="https://{site}/privacy">Privacy</a></footer>
<img src="https://tracker.example/p.gif?id=1" width="1" height="1" style="display:none">
</body></html>
"""


def save(folder: Path, name: str, page: str, *, charset: str = "utf-8",
         photo: bytes | None = None) -> Path:
    files = folder / f"{name}_files"
    files.mkdir(parents=True, exist_ok=True)
    (files / "photo.png").write_bytes(photo or png(64, 48))
    (files / "logo.png").write_bytes(png(32, 8, (0, 0, 0)))
    (files / "main.css").write_text("body{font-family:serif}", encoding="utf-8")
    (files / "analytics.js").write_text("track()", encoding="utf-8")
    (files / "ad-frame.html").write_text("<html><body><p>ad frame</p></body></html>")
    path = folder / f"{name}.html"
    path.write_bytes(page.encode(charset, errors="xmlcharrefreplace"))
    return path


def assert_clean(body: str) -> None:
    for unwanted in (AD, COMMENT, NAV, FOOTER, "We use cookies", "Most read", "dataLayer"):
        assert unwanted not in body, unwanted


# ------------------------------------------------------------------ languages


def test_english_bbc_pages(tmp_path, key, no_network):
    stories = bbc_stories(3, "tech")
    for n, (title, paragraphs) in enumerate(stories):
        save(tmp_path / "saved", f"story-{n}", saved_page(
            title=title, paragraphs=paragraphs, lang="en-GB",
            url=f"https://www.bbc.example/news/technology-{4000 + n}", files=f"story-{n}_files",
            site="www.bbc.example", author="Technology reporter",
            date=f"2005-03-0{n + 1}T09:00:00Z"))
    packed = pack_items(page_items([str(tmp_path / "saved")]), tmp_path / "o.satchel", key)
    assert packed.result.refused == 0 and packed.result.packed == 3
    for n, (title, paragraphs) in enumerate(stories):
        article = next(a for a in packed.articles.values() if a.title == title)
        assert article.language == "en-GB"
        assert article.source_url == f"https://www.bbc.example/news/technology-{4000 + n}"
        assert article.article_id.startswith(f"technology-{4000 + n}-")
        assert article.byline == "Technology reporter"
        assert article.issued == f"2005-03-0{n + 1}"
        body = packed.body(article.article_id)
        assert html.escape(paragraphs[0], quote=False) in body
        assert html.escape(paragraphs[-1], quote=False) in body
        assert_clean(body)
        assert f"<h1>{html.escape(title)}" not in body  # the title is not repeated
        assert packed.images[article.article_id] == [png(64, 48)]  # the photo, from _files


def test_russian_page_in_windows_1251(tmp_path, key, no_network):
    (title, paragraphs), = lenta_stories(1)
    path = save(tmp_path, "lenta", saved_page(
        title=title, paragraphs=paragraphs, lang="ru", url="https://lenta.example/news/2009/1/",
        files="lenta_files", site="lenta.example", charset="windows-1251"),
        charset="windows-1251")
    assert b"charset=windows-1251" in path.read_bytes()
    packed = pack_items(page_items([str(path)]), tmp_path / "o.satchel", key)
    article = packed.only()
    assert article.title == title
    assert article.language == "ru"
    body = packed.body()
    assert html.escape(paragraphs[0], quote=False) in body
    assert_clean(body)


def test_persian_page_right_to_left(tmp_path, key, no_network):
    story, = fars_stories(1)
    path = save(tmp_path, "fars", saved_page(
        title=story["title"].strip(), paragraphs=[p.strip() for p in story["paragraphs"]],
        lang="fa", direction="rtl", url="https://www.farsnews.example/news/13931126000123",
        files="fars_files", site="farsnews.example", author="خبرگزاری فارس",
        date="2015-02-15T10:00:00+03:30"))
    packed = pack_items(page_items([str(path)]), tmp_path / "o.satchel", key)
    article = packed.only()
    assert article.title == story["title"].strip()
    assert article.language == "fa"
    assert article.byline == "خبرگزاری فارس"
    body = packed.body()
    assert html.escape(story["paragraphs"][0].strip(), quote=False)[:60] in body
    assert_clean(body)
    assert len(packed.images[article.article_id]) == 1


def test_language_from_lang_option_or_refused(tmp_path, key, no_network):
    page = saved_page(title="No language", paragraphs=["A paragraph of text. " * 20] * 3,
                      lang="", url="https://x.example/a", files="a_files", site="x.example")
    path = save(tmp_path, "a", page.replace(' lang=""', ""))
    (item,) = page_items([str(path)])
    assert item.draft is None and "give --lang" in item.error and str(path) in item.error
    (item,) = page_items([str(path)], lang="en")
    assert item.draft is not None and item.draft.language == "en"


def test_folder_of_pages_skips_resource_folders(tmp_path, no_network):
    save(tmp_path, "one", saved_page(title="One", paragraphs=["First story text. " * 30],
                                     lang="en", url="https://s.example/one", files="one_files",
                                     site="s.example"))
    items = list(page_items([str(tmp_path)]))
    assert [Path(i.label).name for i in items] == ["one.html"]  # not one_files/ad-frame.html


def test_empty_page_is_refused(tmp_path, no_network):
    path = tmp_path / "empty.html"
    path.write_text("<!DOCTYPE html><html lang='en'><head><title>Nothing</title></head>"
                    "<body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    (item,) = page_items([str(path)])
    assert item.draft is None
    assert item.error == f"{path}: no main text found on the page (nothing to read)"


# ------------------------------------------------------------------ MHTML


def mhtml(page_url: str, page: str, parts: dict[str, tuple[str, bytes]]) -> bytes:
    boundary = "----MultipartBoundary--Satchel0123456789----"
    out = [
        "From: <Saved by Blink>",
        f"Snapshot-Content-Location: {page_url}",
        "Subject: saved page",
        "Date: Sat, 1 Mar 2025 10:00:00 -0000",
        "MIME-Version: 1.0",
        "Content-Type: multipart/related;",
        '\ttype="text/html";',
        f'\tboundary="{boundary}"',
        "",
        "",
        f"--{boundary}",
        "Content-Type: text/html",
        "Content-ID: <frame-0123@mhtml.blink>",
        "Content-Transfer-Encoding: quoted-printable",
        f"Content-Location: {page_url}",
        "",
        quopri.encodestring(page.encode("utf-8")).decode("ascii"),
    ]
    for location, (kind, data) in parts.items():
        out += [f"--{boundary}", f"Content-Type: {kind}", "Content-Transfer-Encoding: base64"]
        out += ([f"Content-ID: <{location[4:]}>"] if location.startswith("cid:")
                else [f"Content-Location: {location}"])
        out += ["", base64.encodebytes(data).decode("ascii")]
    out.append(f"--{boundary}--")
    return "\r\n".join(out).encode("ascii")


def test_mhtml_page_with_its_images(tmp_path, key, no_network):
    stories = bbc_stories(1, "entertainment")
    (title, paragraphs), = stories
    url = "https://www.bbc.example/news/entertainment-4100"
    page = saved_page(title=title, paragraphs=paragraphs, lang="en", url=url, files="x",
                      site="www.bbc.example")
    # MHTML keeps the page's own addresses; the images are parts named by them
    page = page.replace("./x/photo.png", "https://static.bbc.example/img/photo.png")
    page = page.replace("./x/logo.png", "cid:logo@bbc")
    page = page.replace("</article>", '<p><img src="/img/second.png" alt="2"></p></article>')
    data = mhtml(url, page, {
        "https://static.bbc.example/img/photo.png": ("image/png", png(50, 40)),
        "https://www.bbc.example/img/second.png": ("image/png", png(30, 20)),
        "cid:logo@bbc": ("image/png", png(32, 8)),
        "https://www.bbc.example/main.css": ("text/css", b"body{}"),
    })
    path = tmp_path / "story.mhtml"
    path.write_bytes(data)
    packed = pack_items(page_items([str(path)]), tmp_path / "o.satchel", key)
    article = packed.only()
    assert article.title == title and article.language == "en"
    assert article.source_url == url
    assert sorted(packed.images[article.article_id]) == sorted([png(50, 40), png(30, 20)])
    body = packed.body()
    assert html.escape(paragraphs[1], quote=False) in body
    assert_clean(body)


def test_mhtml_that_is_not_one(tmp_path):
    path = tmp_path / "bad.mhtml"
    path.write_bytes(b"Content-Type: text/plain\r\n\r\nhello")
    (item,) = page_items([str(path)])
    assert item.draft is None and "no HTML page" in item.error


@pytest.mark.parametrize("data, expected", [
    ("<meta charset='koi8-r'><p>Привет</p>".encode("koi8-r"), "Привет"),
    ("\ufeff<p>سلام</p>".encode(), "سلام"),
    ("<p>Grüße</p>".encode("cp1252"), "Gr"),
])
def test_decode_html(data, expected):
    assert expected in decode_html(data)
