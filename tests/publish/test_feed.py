"""`--from-feed`: every kind of feed feedparser reads becomes verified, signed articles."""

from __future__ import annotations

import html

import pytest

from reader.sources.feed import feed_items, screen_xml
from tests.factory import png
from tests.publish.conftest import bbc_stories, fars_stories, lenta_stories, pack_items


def rss20(items: list[str], *, language: str = "en-gb", extra_ns: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        f'xmlns:media="http://search.yahoo.com/mrss/" {extra_ns}>\n<channel>\n'
        "<title>BBC News - Business</title><link>https://www.bbc.example/news/business</link>\n"
        f"<description>Business news</description><language>{language}</language>\n"
        + "\n".join(items) + "\n</channel>\n</rss>\n"
    )


def bbc_item(number: int, title: str, paragraphs: list[str], **extra: str) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    slug = "-".join(title.lower().split()[:5])
    parts = [
        f"<title>{html.escape(title)}</title>",
        f"<link>https://www.bbc.example/news/business-{number}-{html.escape(slug)}</link>",
        f'<guid isPermaLink="false">bbc-business-{number}</guid>',
        f"<pubDate>Thu, 10 Feb 2005 08:0{number % 10}:00 GMT</pubDate>",
        "<dc:creator>BBC Business Desk</dc:creator>",
        "<category>Business</category><category>Economy</category>",
        f"<description>{html.escape(paragraphs[0])}</description>",
        f"<content:encoded><![CDATA[{body}{extra.get('content', '')}]]></content:encoded>",
        extra.get("more", ""),
    ]
    return "<item>" + "".join(parts) + "</item>"


# ------------------------------------------------------------------ kinds of feed


def test_rss20_with_full_content_images_and_metadata(tmp_path, key, no_network):
    stories = bbc_stories(3)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "chart.png").write_bytes(png(40, 30))
    (tmp_path / "enclosed.png").write_bytes(png(20, 10, (0, 90, 0)))
    items = [bbc_item(n, title, paragraphs) for n, (title, paragraphs) in enumerate(stories)]
    items[0] = bbc_item(0, *stories[0], content='<p><img src="images/chart.png" alt="Chart">'
                        '<img src="https://cdn.bbc.example/remote.jpg" alt="remote"></p>',
                        more='<enclosure url="enclosed.png" type="image/png" length="1"/>')
    feed = tmp_path / "business.xml"
    feed.write_text(rss20(items), encoding="utf-8")
    packed = pack_items(feed_items([str(feed)]), tmp_path / "out.satchel", key)

    assert packed.result.packed == 3 and packed.result.refused == 0
    by_title = {a.title: a for a in packed.articles.values()}
    first = by_title[stories[0][0]]
    assert first.language == "en-GB"
    assert first.byline == "BBC Business Desk"
    assert first.issued == "2005-02-10T08:00:00Z"
    assert first.tags == ("Business", "Economy")
    assert first.source_url.startswith("https://www.bbc.example/news/business-0-")
    # The summary is the text's first paragraph: shown above it, it would be read twice.
    assert first.summary == ""
    assert "summary: the text begins with it; left out so it is not shown twice" in \
        packed.reports[0].dropped
    body = packed.body(first.article_id)
    for paragraph in stories[0][1]:
        assert html.escape(paragraph, quote=False) in body
    # the local image and the enclosure are in; the remote one is dropped and reported
    assert len(first.images) == 2
    assert body.count('src="sha256:') == 2
    assert "cdn.bbc.example" not in body
    assert any("remote.jpg" in d and "--fetch" in d for d in packed.dropped())
    report = next(r for r in packed.reports if r.article_id == first.article_id)
    assert "2 images" in report.taken and "full text" in report.taken


def test_rss091_with_netscape_doctype(tmp_path, key, no_network):
    feed = tmp_path / "rss091.xml"
    feed.write_bytes(
        b'<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"\n'
        b' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        b'<rss version="0.91"><channel><title>Caf\xe9 News</title>'
        b"<link>http://cafe.example/</link><description>d</description>"
        b"<language>fr</language>"
        b"<item><title>Le caf\xe9 rouvre</title><link>http://cafe.example/rouvre.html</link>"
        b"<description>Le caf\xe9 du coin rouvre ses portes lundi.</description></item>"
        b"</channel></rss>"
    )
    assert screen_xml(feed.read_bytes()) is None  # an external DTD is not an entity attack
    packed = pack_items(feed_items([str(feed)]), tmp_path / "out.satchel", key)
    article = packed.only()
    assert article.title == "Le café rouvre"
    assert article.language == "fr"
    assert article.issued == ""  # no date in the entry: none invented
    assert article.article_id.startswith("rouvre-")
    assert "Le café du coin rouvre ses portes lundi." in packed.body()


def test_atom10_persian_with_xml_lang_xhtml_and_categories(tmp_path, key, no_network):
    stories = fars_stories(2)
    entries = []
    for number, story in enumerate(stories):
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in story["paragraphs"])
        categories = "".join(f'<category term="{html.escape(t)}"/>' for t in story["tags"][:3])
        entries.append(
            f"<entry><title>{html.escape(story['title'])}</title>"
            f'<link rel="alternate" href="https://farsnews.example/news/{number}"/>'
            f"<id>urn:fars:{number}</id><updated>2020-03-0{number + 1}T10:00:00+03:30</updated>"
            f"<author><name>خبرگزاری فارس</name></author>{categories}"
            f"<summary>{html.escape(story['abstract'])}</summary>"
            f'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{paragraphs}'
            "</div></content></entry>"
        )
    feed = tmp_path / "fars.atom"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
        'xml:lang="fa-IR"><title>فارس</title><id>urn:fars</id>'
        "<updated>2020-03-02T10:00:00Z</updated>" + "".join(entries) + "</feed>",
        encoding="utf-8",
    )
    packed = pack_items(feed_items([str(feed)]), tmp_path / "out.satchel", key)
    assert packed.result.packed == 2
    for number, story in enumerate(stories):
        article = next(a for a in packed.articles.values()
                       if a.source_url.endswith(f"/news/{number}"))
        assert article.title == story["title"].strip()
        assert article.language == "fa-IR"
        assert article.byline == "خبرگزاری فارس"
        assert article.issued == f"2020-03-0{number + 1}T06:30:00Z"
        assert article.tags == tuple(t.strip() for t in story["tags"][:3] if t.strip())
        body = packed.body(article.article_id)
        assert html.escape(story["paragraphs"][0].strip(), quote=False)[:40] in body


def test_rss10_rdf(tmp_path, key, no_network):
    feed = tmp_path / "rdf.xml"
    feed.write_text(
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="http://x.example/"><title>X</title><link>http://x.example/</link>'
        "<description>d</description><dc:language>de</dc:language></channel>"
        '<item rdf:about="http://x.example/a"><title>Netz abgeschaltet</title>'
        "<link>http://x.example/a</link><dc:date>2022-01-05T12:00:00Z</dc:date>"
        "<description>Das Netz war zwei Tage lang abgeschaltet.</description></item>"
        "</rdf:RDF>",
        encoding="utf-8",
    )
    packed = pack_items(feed_items([str(feed)]), tmp_path / "out.satchel", key)
    article = packed.only()
    assert (article.title, article.language, article.issued) == (
        "Netz abgeschaltet", "de", "2022-01-05T12:00:00Z")


def test_windows_1251_feed(tmp_path, key, no_network):
    stories = lenta_stories(3)
    items = "".join(
        f"<item><title>{html.escape(title)}</title><guid>lenta-{n}</guid>"
        f"<description>{html.escape(' '.join(paragraphs))}</description></item>"
        for n, (title, paragraphs) in enumerate(stories)
    )
    text = ('<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel>'
            "<title>Лента</title><language>ru</language>" + items + "</channel></rss>")
    feed = tmp_path / "lenta.xml"
    feed.write_bytes(text.encode("windows-1251", errors="xmlcharrefreplace"))
    packed = pack_items(feed_items([str(feed)]), tmp_path / "out.satchel", key)
    assert packed.result.packed == 3
    titles = {a.title for a in packed.articles.values()}
    assert titles == {title.strip() for title, _ in stories}
    assert all(a.language == "ru" for a in packed.articles.values())
    some = packed.articles[next(iter(packed.articles))]
    assert any(c in packed.body(some.article_id) for c in "абвгдежз")


def test_malformed_feed_is_read_leniently(tmp_path, key, no_network):
    feed = tmp_path / "broken.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken & co</title>'
        "<item><title>First & foremost</title><link>http://b.example/1</link>"
        "<description>Text with a bare & ampersand <b>unclosed bold</description></item>"
        "<item><title>Second</title><link>http://b.example/2</link>"
        "<description>Still read.</description></item>",  # no closing tags at all
        encoding="utf-8",
    )
    packed = pack_items(feed_items([str(feed)], lang="en"), tmp_path / "out.satchel", key)
    assert packed.result.packed == 2
    assert {a.title for a in packed.articles.values()} == {"First & foremost", "Second"}
    report = packed.reports[0]
    assert any("not well-formed" in t for t in report.taken)


def test_entries_without_dates_content_title_or_language(tmp_path, key, no_network):
    feed = tmp_path / "sparse.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>S</title>'
        "<item><title>Only a title</title><link>http://s.example/only</link></item>"
        "<item><description>A post without a title. It has two sentences.</description>"
        "<guid>post-7</guid></item>"
        "<item><title>Dated nothing</title><guid>x</guid><description>Body.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    items = list(feed_items([str(feed)]))
    # no language anywhere and no --lang: refused with a clear message naming the feed
    assert all(i.draft is None for i in items[1:])
    assert "give --lang" in items[1].error and str(feed) in items[1].error
    items = list(feed_items([str(feed)], lang="en"))
    assert items[0].draft is None
    assert items[0].error.startswith(f"{feed} entry 1 ('Only a title'): has no text")
    packed = pack_items(iter(items), tmp_path / "out.satchel", key)
    assert packed.result.packed == 2 and packed.result.refused == 1
    titled = {a.title: a for a in packed.articles.values()}
    assert "A post without a title. It has two sentences." in titled
    assert titled["Dated nothing"].issued == ""
    assert all(a.language == "en" for a in packed.articles.values())


def test_language_precedence_entry_then_feed_then_lang(tmp_path, no_network):
    feed = tmp_path / "langs.atom"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        'xml:lang="ru"><title>t</title><id>urn:t</id><updated>2024-01-01T00:00:00Z</updated>'
        '<entry><id>urn:1</id><title>One</title><content type="text">Один.</content></entry>'
        '<entry xml:lang="kk"><id>urn:2</id><title>Two</title>'
        '<content type="text" xml:lang="kk">Екі.</content></entry></feed>',
        encoding="utf-8",
    )
    drafts = [i.draft for i in feed_items([str(feed)], lang="en")]
    assert [d.language for d in drafts] == ["ru", "kk"]
    assert "<p>Один.</p>" in drafts[0].body_html  # text/plain content becomes paragraphs


def test_not_a_feed_and_missing_files_are_refused(tmp_path):
    page = tmp_path / "page.xml"
    page.write_text("<html><body><p>Just a page</p></body></html>", encoding="utf-8")
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    items = list(feed_items([str(page), str(empty), str(tmp_path / "missing.xml")]))
    assert [i.draft for i in items] == [None, None, None]
    assert "is not an RSS or Atom feed" in items[0].error
    assert items[1].error.startswith(str(empty))
    assert "no such feed file" in items[2].error


def test_a_web_address_needs_fetch(no_network):
    (item,) = feed_items(["https://news.example/feed.xml"])
    assert item.draft is None
    assert "--fetch" in item.error


def test_same_feed_packed_twice_gives_the_same_ids_and_bytes(tmp_path, key, no_network):
    stories = bbc_stories(4, "politics")
    feed = tmp_path / "politics.xml"
    feed.write_text(rss20([bbc_item(n, t, p) for n, (t, p) in enumerate(stories)]),
                    encoding="utf-8")
    first = pack_items(feed_items([str(feed)]), tmp_path / "a.satchel", key)
    second = pack_items(feed_items([str(feed)]), tmp_path / "b.satchel", key)
    assert sorted(first.articles) == sorted(second.articles)
    assert (tmp_path / "a.satchel").read_bytes() == (tmp_path / "b.satchel").read_bytes()
    for article_id in first.articles:
        assert article_id.endswith(tuple("0123456789abcdef"))
        assert len(article_id) <= 128


def test_duplicate_guid_is_refused_but_the_rest_packs(tmp_path, key, no_network):
    feed = tmp_path / "dup.xml"
    feed.write_text(rss20([
        "<item><title>A</title><guid>same</guid><description>a</description></item>",
        "<item><title>B</title><guid>same</guid><description>b</description></item>",
        "<item><title>C</title><guid>other</guid><description>c</description></item>",
    ]), encoding="utf-8")
    packed = pack_items(feed_items([str(feed)]), tmp_path / "out.satchel", key)
    assert packed.result.packed == 2
    (error,) = packed.refused()
    assert "used twice" in error and "entry 2" in error


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8"])
def test_screen_sees_entities_in_any_encoding(encoding):
    bomb = (f'<?xml version="1.0" encoding="{encoding}"?>\n<!DOCTYPE rss [<!ENTITY a "aaaa">]>'
            "<rss/>")
    assert screen_xml(bomb.encode(encoding)) is not None
    clean = '<?xml version="1.0"?><rss version="2.0"><channel/></rss>'
    assert screen_xml(clean.encode(encoding)) is None


def test_entities_in_cdata_are_not_mistaken_for_declarations():
    post = ('<?xml version="1.0"?><rss version="2.0"><channel><item><title>XXE</title>'
            "<description><![CDATA[An attack looks like <!ENTITY x SYSTEM 'file:///'>]]>"
            "</description></item></channel></rss>")
    assert screen_xml(post.encode()) is None


def test_feed_report_names_each_entry(tmp_path, key, no_network):
    feed = tmp_path / "r.xml"
    feed.write_text(rss20(["<item><title>T</title><guid>g</guid><description>d</description>"
                           "</item>"]), encoding="utf-8")
    packed = pack_items(feed_items([str(feed)]), tmp_path / "o.satchel", key)
    (report,) = packed.reports
    assert report.source == f"{feed} entry 1 ('T')"
    assert report.ok and report.version == 1 and report.title == "T"
    assert "language en-GB (from the feed)" in report.taken


def test_feed_path_is_never_handed_to_feedparser(tmp_path, monkeypatch):
    """feedparser opens paths and URLs given as strings or bytes; we give it a stream."""
    import feedparser

    seen: list[object] = []
    real = feedparser.parse

    def spy(source, *args, **kwargs):
        seen.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(feedparser, "parse", spy)
    other = tmp_path / "other.xml"
    other.write_text(rss20(["<item><title>Other</title><description>o</description></item>"]))
    feed = tmp_path / "path.xml"
    feed.write_bytes(str(other).encode())  # a "feed" whose bytes are a path
    (item,) = feed_items([str(feed)])
    assert item.draft is None  # not a feed: the path inside was not followed
    assert all(hasattr(source, "read") for source in seen)


def test_images_only_from_beside_the_feed(tmp_path, key, no_network):
    outside = tmp_path / "secret.png"
    outside.write_bytes(png(9, 9))
    site = tmp_path / "site"
    (site / "img").mkdir(parents=True)
    (site / "img" / "ok.png").write_bytes(png(8, 8))
    (site / "img" / "escape.png").symlink_to(outside)
    (site / "cdn.example" / "photos").mkdir(parents=True)
    (site / "cdn.example" / "photos" / "mirror.png").write_bytes(png(7, 7))
    content = ('<p>x</p><img src="img/ok.png"><img src="img/escape.png">'
               '<img src="../secret.png"><img src="/etc/passwd"><img src="file:///etc/passwd">'
               f'<img src="{outside}"><img src="https://cdn.example/photos/mirror.png">')
    feed = site / "feed.xml"
    feed.write_text(rss20([f"<item><title>I</title><guid>i</guid><description><![CDATA["
                           f"{content}]]></description></item>"]), encoding="utf-8")
    packed = pack_items(feed_items([str(feed)]), tmp_path / "o.satchel", key)
    (images,) = packed.images.values()
    assert sorted(images) == sorted([png(8, 8), png(7, 7)])  # beside it, and its saved mirror
    dropped = "\n".join(packed.dropped())
    assert dropped.count("outside the input folder") == 2
    assert dropped.count("absolute path") == 2
    assert "file: address" in dropped


def test_entry_of_only_remote_images_is_refused(tmp_path, no_network):
    feed = tmp_path / "pics.xml"
    feed.write_text(rss20(['<item><title>Gallery</title><guid>g</guid><description><![CDATA['
                           '<img src="https://far.example/1.jpg">]]></description></item>']),
                    encoding="utf-8")
    (item,) = feed_items([str(feed)])
    assert item.draft is None
    assert "no image could be taken" in item.error and "--fetch" in item.error
