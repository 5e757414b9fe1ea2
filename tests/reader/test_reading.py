"""The reading API: filtered, paged lists; opening; blobs; reading state; settings."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader import ArticleFilter, Library, TrustState
from reader.errors import NotFound
from reader.settings import SETTINGS
from tests.reader.conftest import bundle, draft, noisy_png, publisher


@pytest.fixture
def filled(library: Library, tmp_path: Path) -> Library:
    en, fa = publisher("English Daily"), publisher("روزنامه")
    library.import_paths([
        bundle(tmp_path / "en.satchel", en, [
            draft(f"e{i}", issued=f"2026-10-{i + 1:02d}T08:00:00Z",
                  tags=("politics",) if i % 2 else ("sport",))
            for i in range(6)
        ]),
        bundle(tmp_path / "fa.satchel", fa, [
            draft("f1", language="fa", title="خبر", issued="2026-09-01T08:00:00Z", tags=()),
            draft("f2", language="fa", title="بی‌تاریخ", issued=""),
        ]),
    ])
    library.trust.set(en.publisher_id, TrustState.TRUSTED)
    return library


def test_count_rows_and_ids_agree_and_page(filled: Library) -> None:
    articles = filled.articles
    assert articles.count() == 8
    ids = articles.ids()
    assert len(ids) == 8
    first, second = articles.rows(offset=0, limit=5), articles.rows(offset=5, limit=5)
    assert [r.id for r in first + second] == ids
    # Newest signed time first; undated last.
    assert first[0].article_id == "e5" and second[-1].article_id == "f2"
    assert [r.id for r in articles.rows_by_id(ids[::-1])] == ids[::-1]


def test_filters(filled: Library) -> None:
    count = filled.articles.count
    assert count(ArticleFilter(languages=("fa",))) == 2
    assert count(ArticleFilter(tags=("politics",))) == 3
    assert count(ArticleFilter(trust=(TrustState.TRUSTED,))) == 6
    assert count(ArticleFilter(trust=(TrustState.UNKNOWN,))) == 2
    assert count(ArticleFilter(since=datetime(2026, 10, 3, tzinfo=UTC))) == 4
    assert count(ArticleFilter(until=datetime(2026, 10, 1, tzinfo=UTC))) == 1
    rows = filled.articles.rows(ArticleFilter(order="title", descending=False))
    assert [r.title for r in rows][:2] == ["Title of e0", "Title of e1"]
    assert [lang for lang, _ in filled.articles.languages()] == ["en", "fa"]
    assert dict(filled.articles.tags()) == {"sport": 3, "politics": 3, "news": 1}


def test_open_gives_safe_html_and_provenance(library: Library, tmp_path: Path) -> None:
    key, relay = publisher("Example News"), publisher("Relay")
    body = ('<p onclick="x()">Hi <a href="https://example.org/x">source</a></p>'
            '<script>alert(1)</script><img src="photo.png"><img src="file:///etc/passwd">')
    library.import_paths([bundle(tmp_path / "b.satchel", key,
                                 [draft("a1", body_html=body,
                                        images={"photo.png": noisy_png()})], packer=relay)])
    view = library.articles.open(f"{key.publisher_id}/a1")
    assert "script" not in view.html and "onclick" not in view.html
    assert "https://example.org/x" in view.html and "<a " not in view.html
    assert "/etc/passwd" not in view.html
    [image] = view.images
    assert f"sha256:{image.sha256}" in view.html
    assert view.fingerprint.replace(" ", "") == key.publisher_id
    assert view.signed_by == (view.fingerprint,)
    assert [p.name for p in view.packers] == ["Relay"]
    assert view.trust == TrustState.UNKNOWN and "unverified publisher" in view.notices
    assert library.articles.blob(view.id, image.sha256) == noisy_png()


def test_blob_serves_only_the_open_articles_blobs(library: Library, tmp_path: Path) -> None:
    key = publisher()
    library.import_paths([bundle(tmp_path / "b.satchel", key, [
        draft("a1", images={"photo.png": noisy_png(seed=1)}),
        draft("a2", images={"photo.png": noisy_png(seed=2)}),
    ])])
    one = library.articles.open(f"{key.publisher_id}/a1")
    two = library.articles.open(f"{key.publisher_id}/a2")
    with pytest.raises(NotFound):
        library.articles.blob(one.id, two.images[0].sha256)
    with pytest.raises(NotFound):
        library.articles.blob(one.id, "0" * 64)
    assert library.articles.blob(one.id, one.body_sha256).startswith(b"<h1>")


def test_read_state_bookmarks_and_history(filled: Library) -> None:
    articles = filled.articles
    ids = articles.ids()
    changes = articles.mark_read(ids[:3])
    assert changes.reading and not changes.articles
    assert articles.count(ArticleFilter(read=True)) == 3
    assert articles.count(ArticleFilter(read=False)) == 5
    articles.bookmark(ids[4])
    assert [r.id for r in articles.rows(ArticleFilter(bookmarked=True))] == [ids[4]]
    articles.set_position(ids[4], 0.4)
    assert articles.row(ids[4]).position == pytest.approx(0.4)
    for article in (ids[1], ids[2], ids[1]):
        articles.record_opened(article)
    assert [h.row.id for h in articles.history()] == [ids[1], ids[2]]
    articles.clear_history()
    assert articles.history() == []


def test_a_correction_is_shown_unread(library: Library, tmp_path: Path) -> None:
    key = publisher()
    library.import_paths([bundle(tmp_path / "v1.satchel", key, [draft("a1")])])
    library.articles.mark_read(f"{key.publisher_id}/a1")
    library.import_paths([bundle(tmp_path / "v2.satchel", key, [draft("a1", version=2)])])
    assert not library.articles.row(f"{key.publisher_id}/a1").read


def test_list_dicts_for_the_command_line(filled: Library) -> None:
    [item] = filled.articles.list_dicts(ArticleFilter(languages=("fa",)), limit=1)
    assert {"publisher", "article_id", "version", "title", "language"} <= set(item)
    assert item["trust"] == "unknown"


def test_settings_have_defaults_and_persist(library: Library) -> None:
    assert library.settings.all() == {s.key: s.default for s in SETTINGS}
    for setting in SETTINGS:
        value = {bool: not setting.default, int: 7, float: 1.5, str: "x"}[setting.type]
        assert library.settings.set(setting.key, value).settings
        assert library.settings.get(setting.key) == value
    with pytest.raises(TypeError):
        library.settings.set("reading.show_images", "yes")
    with pytest.raises(KeyError):
        library.settings.get("no.such.setting")


def test_unknown_article_is_not_found(library: Library) -> None:
    with pytest.raises(NotFound):
        library.articles.open("nobody/nothing")


def test_a_broken_index_is_said_not_hidden(tmp_path: Path) -> None:
    """Search never quietly finds nothing: an index that lost its files says
    it needs a rebuild (the reader and `check` say so), and a rebuild heals it."""
    from index.errors import IndexNeedsRebuildError

    with Library.open(tmp_path / "library") as library:
        assert library.import_paths([bundle(tmp_path / "b.satchel", publisher(), [draft()])]).ok
        assert library.search("hello").total == 1
        for toc in library.paths.index.glob("*.toc"):
            toc.unlink()
        with pytest.raises(IndexNeedsRebuildError, match="rebuild"):
            library.search("hello")
        report = library.check(repair=False)
        assert not report.ok
        library.rebuild_index()
        assert library.search("hello").total == 1


def test_filtering_by_more_ids_than_sqlite_has_parameters(tmp_path) -> None:
    """A whole large bundle's articles (say 40,000 ids) can be listed and counted."""
    from reader import ArticleFilter, Library
    from tests.factory import draft, make_bundle, publisher

    path = make_bundle(tmp_path / "b.satchel", publisher(), [draft("a"), draft("b")])
    with Library.open(tmp_path / "lib") as library:
        assert library.import_paths([path]).ok
        real = library.articles.ids()
        many = tuple(real) + tuple(range(10**6, 10**6 + 40_000))
        assert sorted(library.articles.ids(ArticleFilter(ids=many))) == sorted(real)
        assert library.articles.count(ArticleFilter(ids=many)) == 2
