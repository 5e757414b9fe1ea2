"""The reading room's pages over real HTTP: what a phone sees, in four languages."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from bundles.bundle import Bundle
from bundles.keys import fingerprint
from reader import Library
from reader.web import i18n
from reader.web.pages import highlighted
from tests.web.room import BLOCKED_WORD, HOSTILE_TITLE, Room, get


def test_home_lists_the_latest_articles_with_publisher_and_language_filters(room: Room):
    reply = get(room.server, "/")
    assert reply.status == 200
    assert "The harbour reopens after the storm" in reply.text
    assert "Новый мост через реку открыт" in reply.text
    for language in ("en", "ru", "kk", "fa"):
        assert f'href="/?lang={language}"' in reply.text
    fa = get(room.server, "/?lang=fa")
    assert "نمایشگاه کتاب در تهران گشایش یافت" in fa.text
    assert "The harbour" not in fa.text
    courier = room.keys["Evening Courier"].publisher_id
    only = get(room.server, f"/?publisher={courier}")
    assert "The harbour" in only.text and "Новый мост" not in only.text


@pytest.mark.parametrize("query, title", [
    ("harbour", "harbour"),
    ("мост", "мост"),
    ("өнім", "Астықтың"),
    ("کتاب", "کتاب"),
])
def test_search_finds_each_language_with_highlighted_snippets(room: Room, query: str,
                                                               title: str):
    reply = get(room.server, "/search?q=" + quote(query))
    assert reply.status == 200
    assert title in reply.text
    assert "<mark>" in reply.text  # the matched words, highlighted


def test_search_takes_the_apps_query_language_and_filters(room: Room):
    both = get(room.server, "/search?q=" + quote("harbour OR мост"))
    assert "reopens after" in both.text and "через реку" in both.text
    only_ru = get(room.server, "/search?q=" + quote("harbour OR мост lang:ru"))
    assert "через реку" in only_ru.text and "reopens after" not in only_ru.text
    bad = get(room.server, "/search?q=" + quote("since:notadate"))
    assert bad.status == 400 and "cannot be run as typed" in bad.text


def test_search_never_reveals_the_owners_reading_state(room: Room):
    for query in ("is:read", "harbour is:unread", "is:bookmarked"):
        reply = get(room.server, "/search?q=" + quote(query))
        assert reply.status == 400
        assert "reading state of this computer" in reply.text
        assert "The harbour reopens" not in reply.text


def test_article_page_carries_the_provenance_line_and_the_fingerprint(room: Room):
    key = room.keys["Северный вестник"]
    reply = get(room.server, room.article_path("Северный вестник", "most"))
    assert reply.status == 200
    grouped = fingerprint(key.publisher_id)
    assert re.fullmatch(r"([0-9a-f]{4} ){15}[0-9a-f]{4}", grouped)
    assert grouped in reply.text
    assert f'content="{key.publisher_id}"' in reply.text
    assert "unverified publisher" in reply.text  # said plainly: not trusted
    assert '<article lang="ru" dir="ltr">' in reply.text
    trusted = get(room.server, room.article_path("Evening Courier", "harbour"))
    assert "trusted publisher" in trusted.text and "unverified" not in trusted.text


def test_persian_article_is_right_to_left_in_any_interface(room: Room):
    reply = get(room.server, room.article_path("خبرنامهٔ آزاد", "ketab"))
    assert '<html lang="en" dir="ltr">' in reply.text  # interface: English
    assert '<article lang="fa" dir="rtl">' in reply.text  # the article: Persian
    fa_ui = get(room.server, room.article_path("خبرنامهٔ آزاد", "ketab") + "?ui=fa")
    assert '<html lang="fa" dir="rtl">' in fa_ui.text


def test_article_images_come_from_the_store_and_only_that_articles(room: Room):
    page = get(room.server, room.article_path("Evening Courier", "harbour")).text
    sources = re.findall(r'<img src="([^"]+)"', page)
    assert len(sources) == 1 and sources[0].startswith("/article/")
    image = get(room.server, sources[0])
    assert image.status == 200 and image.headers["content-type"] == "image/png"
    assert hashlib.sha256(image.body).hexdigest() == sources[0].rsplit("/", 1)[1]
    # The same picture asked for under another article: refused.
    other = room.article_path("Северный вестник", "most")
    own = re.findall(r'<img src="([^"]+)"', get(room.server, other).text)[0]
    assert get(room.server, f"{other}/image/{sources[0].rsplit('/', 1)[1]}").status == 404 \
        or own.rsplit("/", 1)[1] == sources[0].rsplit("/", 1)[1]
    assert get(room.server, f"{other}/image/{'0' * 64}").status == 404


def test_web_links_are_text_and_nothing_loads_from_elsewhere(room: Room):
    page = get(room.server, room.article_path("Evening Courier", "harbour")).text
    assert "https://example.org/x" in page
    assert 'href="https://' not in page and 'src="http' not in page


def test_blocked_publishers_never_appear(room: Room):
    blocked = room.blocked_key.publisher_id
    assert BLOCKED_WORD not in get(room.server, "/").text
    assert "Blocked Gazette" not in get(room.server, "/").text
    for query in (BLOCKED_WORD, f"{BLOCKED_WORD} trust:blocked", f"publisher:{blocked[:16]}"):
        reply = get(room.server, "/search?q=" + quote(query))
        assert reply.status in (200, 400)
        assert 'class="item"' not in reply.text and "Blocked Gazette" not in reply.text
        assert f"/article/{blocked}" not in reply.text
    assert get(room.server, f"/article/{blocked}/secret").status == 404
    assert get(room.server, f"/?publisher={blocked}").text.count(BLOCKED_WORD) == 0
    download = get(room.server, f"/bundle?a={blocked}/secret")
    assert download.status == 404


def test_titles_and_names_are_text_never_markup(room: Room):
    for path in ("/", "/search?q=" + quote("markup"), room.article_path("Evening Courier",
                                                                        "hostile")):
        reply = get(room.server, path)
        assert "<script>" not in reply.text and 'onerror="' not in reply.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in reply.text
    assert HOSTILE_TITLE not in get(room.server, "/").text


def test_highlights_keep_only_the_highlighters_marks():
    assert highlighted("a <b>word</b> &lt;script&gt;") == "a <mark>word</mark> &lt;script&gt;"
    assert highlighted("<b>open") == "<mark>open</mark>"
    assert highlighted("x</b>y") == "xy"
    assert "<img" not in highlighted("&lt;img src=x&gt;<b>y</b>")


@pytest.mark.parametrize("header, language", [
    ("ru-RU,ru;q=0.9,en;q=0.8", "ru"),
    ("fa-IR", "fa"),
    ("de-DE,kk;q=0.5", "kk"),
    ("de, fr", "en"),
    ("en;q=0.1, fa;q=0.9", "fa"),
    ("", "en"),
])
def test_interface_language_follows_accept_language(room: Room, header: str, language: str):
    reply = get(room.server, "/", {"Accept-Language": header})
    assert f'<html lang="{language}"' in reply.text
    assert reply.headers["content-language"] == language
    assert i18n.Messages(language)("latest") in reply.text


def test_the_switch_sets_a_session_cookie_holding_only_the_language(room: Room):
    reply = get(room.server, "/?ui=kk", {"Accept-Language": "ru"})
    assert '<html lang="kk"' in reply.text
    cookie = reply.headers["set-cookie"]
    assert cookie.startswith("ui=kk;") and "Expires" not in cookie and "Max-Age" not in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    later = get(room.server, "/search?q=x", {"Cookie": "ui=kk", "Accept-Language": "ru"})
    assert '<html lang="kk"' in later.text and "set-cookie" not in later.headers
    junk = get(room.server, "/", {"Cookie": "ui=<script>", "Accept-Language": "fa"})
    assert '<html lang="fa"' in junk.text


def test_every_message_and_library_notice_is_translated():
    for key, texts in i18n.messages_table().items():
        assert all(t.strip() for t in texts), key
        assert len(set(texts)) > 1 or key in ("title",), key
    # Every notice `ArticleView.notices` can hold (reader/articles.py `_with_notices`).
    notices = ["unverified publisher", "publisher revoked its keys", "signed by a retired key",
               "conflicting versions: neither is shown as current", "superseded by version 3",
               "kept, not current: it arrived after the publisher revoked its keys",
               "kept, not current: signed only by a retired key",
               "newer version 4 held back: it arrived after the publisher revoked its keys",
               "newer version 4 held back: signed only by a retired key",
               "retracted by the publisher", "corrected by the publisher"]
    for language in ("ru", "kk", "fa"):
        m = i18n.Messages(language)
        for notice in notices:
            assert m.notice(notice) != notice, (language, notice)


def test_download_is_a_bundle_with_every_signature_intact(room: Room, tmp_path: Path):
    keys = [f"{room.keys['Evening Courier'].publisher_id}/harbour",
            f"{room.keys['خبرنامهٔ آزاد'].publisher_id}/ketab"]
    reply = get(room.server, "/bundle?" + "&".join(f"a={quote(k)}" for k in keys))
    assert reply.status == 200
    assert reply.headers["content-type"] == "application/vnd.satchel.bundle+zip"
    assert reply.headers["content-disposition"].startswith("attachment;")
    path = tmp_path / "download.satchel"
    path.write_bytes(reply.body)
    with Bundle.open(path) as bundle:
        got = {f"{a.payload.publisher}/{a.payload.article_id}": a for a in bundle.articles}
    assert set(got) == set(keys)
    with Library.open(room.library, readonly=True) as lib:
        for key, item in got.items():
            view = lib.articles.open(key)
            assert lib.articles.envelope(view.version_id) == item.envelope  # the same bytes
    with Library.open(tmp_path / "other") as other:
        assert other.import_paths([path]).ok
        assert other.articles.count() == 2


def test_download_refuses_nothing_chosen_and_too_much(room: Room):
    assert get(room.server, "/bundle").status == 400
    assert get(room.server, "/bundle?a=nonsense").status == 400
    many = "&".join(f"a={'a' * 64}/x{n}" for n in range(51))
    assert get(room.server, "/bundle?" + many).status == 413


def test_a_publisher_blocked_while_serving_disappears_at_once(tmp_path: Path):
    from reader.web.config import ServeConfig
    from reader.web.server import Server
    from tests import factory

    key = factory.publisher("Soon Blocked")
    path = factory.make_bundle(tmp_path / "b.satchel", key, [factory.draft(
        "x1", title="Soon gone")])
    with Library.open(tmp_path / "lib") as lib:
        assert lib.import_paths([path]).ok
    server = Server(tmp_path / "lib", ServeConfig(port=0))
    server.start()
    try:
        assert "Soon gone" in get(server, "/").text  # now remembered for the home page
        with Library.open(tmp_path / "lib") as lib:  # the desktop app, beside the server
            lib.trust.set(key.publisher_id, "blocked")
        home = get(server, "/").text
        assert "Soon gone" not in home and "Soon Blocked" not in home
        assert get(server, f"/article/{key.publisher_id}/x1").status == 404
        assert "Soon gone" not in get(server, "/search?q=soon").text
    finally:
        server.stop()


def test_routes_take_every_article_id_the_format_allows_and_no_other():
    import re as regex

    from bundles.article import ARTICLE_ID_RE
    from reader.web.pages import ARTICLE

    route = regex.compile(rf"^/article/(?P<id>{ARTICLE})/image/x$")
    for article_id in ("a", "A-1.b_c", "x" * 128, "9"):
        assert ARTICLE_ID_RE.match(article_id) and route.match(f"/article/{article_id}/image/x")
    for article_id in ("", ".a", "a/b", "x" * 129, "a\n", "..", "a b"):
        assert not route.match(f"/article/{article_id}/image/x"), article_id
