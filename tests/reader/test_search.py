"""Search through the library: the index is derived, filtered by trust and state."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader import ArticleFilter, Library, TrustState
from tests.reader.conftest import bundle, draft, publisher


@pytest.fixture
def news(library: Library, tmp_path: Path) -> Library:
    one, two = publisher("Daily"), publisher("Weekly")
    library.import_paths([
        bundle(tmp_path / "one.satchel", one, [
            draft("flood", title="River flood", body_html="<p>The river flooded the valley.</p>",
                  images={}),
            draft("vote", title="Election day", body_html="<p>Voters queued at dawn.</p>",
                  images={}),
        ]),
        bundle(tmp_path / "two.satchel", two, [
            draft("flood2", title="Flood again", body_html="<p>Another flood downstream.</p>",
                  images={}, language="en-GB"),
        ]),
    ])
    return library


def test_search_finds_rows_with_snippets(news: Library) -> None:
    results = news.search("flood")
    assert {h.article_id for h in results.hits} == {"flood", "flood2"}
    assert results.total == 2
    hit = next(h for h in results.hits if h.article_id == "flood")
    assert "<b>" in hit.snippet_html and "flood" in hit.snippet_html.lower()
    rows = news.articles.rows_by_key(h.key for h in results.hits)
    assert {r.article_id for r in rows.values()} == {"flood", "flood2"}


def test_search_hides_blocked_publishers_and_applies_filters(news: Library) -> None:
    weekly = news.trust.resolve("Weekly")
    news.trust.set(weekly, TrustState.BLOCKED)
    assert [h.article_id for h in news.search("flood").hits] == ["flood"]
    blocked = news.search("flood", ArticleFilter(trust=(TrustState.BLOCKED,)))
    assert [h.article_id for h in blocked.hits] == ["flood2"]
    news.trust.set(weekly, TrustState.UNKNOWN)
    news.articles.mark_read(f"{weekly}/flood2")
    unread = news.search("flood", ArticleFilter(read=False))
    assert [h.article_id for h in unread.hits] == ["flood"]
    assert [h.article_id for h in news.search("flood is:read").hits] == ["flood2"]


def test_index_is_rebuilt_when_deleted_and_checked(news: Library) -> None:
    root = news.paths.root
    news.close()
    shutil.rmtree(root / "index")
    with Library.open(root) as library:
        assert {h.article_id for h in library.search("flood").hits} == {"flood", "flood2"}
        assert library.check(repair=False).ok


def test_check_repairs_an_index_that_fell_behind(news: Library, tmp_path: Path) -> None:
    news.indexing._open().update(add=[], remove=[r.key for r in news.articles.rows()])
    report = news.check(repair=False)
    assert not report.ok and report.unrepaired[0].area == "index"
    assert news.check(repair=True).ok
    assert news.check(repair=False).ok
    assert len(news.search("flood").hits) == 2


def test_export_of_a_search(news: Library, tmp_path: Path) -> None:
    ids, _ = news.export.select(query="flood")
    result = news.export.repack(tmp_path / "stick", ids)
    assert result.safe_to_remove and result.articles == 2


def test_a_big_first_import_builds_the_index_in_bulk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import indexing

    monkeypatch.setattr(indexing, "BULK", 2)
    with Library.open(tmp_path / "library") as library:
        library.import_paths([bundle(tmp_path / "b.satchel", publisher(),
                                     [draft(f"a{i}", images={}) for i in range(3)])])
        assert len(library.search("body").hits) == 3
        assert library.check(repair=False).ok
        # Later imports into the non-empty index are ordinary updates.
        library.import_paths([bundle(tmp_path / "c.satchel", publisher(),
                                     [draft(f"c{i}", images={}) for i in range(3)])])
        assert library.search("body").total == 6
