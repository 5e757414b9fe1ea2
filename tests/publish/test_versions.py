"""Stable ids, and `--previous`: corrections get the next version, unchanged articles keep theirs."""

from __future__ import annotations

import html
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bundles.article import ARTICLE_ID_RE
from bundles.bundle import Bundle
from bundles.errors import SourceError
from reader.sources import markdown_items, publishing_source
from reader.sources.feed import feed_items
from reader.sources.ids import entry_key, normalize_link, path_id, slugify, stable_id
from reader.sources.previous import PreviousVersions
from tests.factory import CREATED
from tests.publish.conftest import Packed, bbc_stories, read_bundle


@given(st.text(min_size=0, max_size=300))
def test_any_key_gives_a_valid_id(key):
    article_id = stable_id(key)
    assert ARTICLE_ID_RE.match(article_id)
    assert stable_id(key) == article_id


@given(st.text(min_size=1, max_size=200).filter(lambda s: "\x00" not in s))
def test_any_path_gives_a_valid_id(relative):
    assert ARTICLE_ID_RE.match(path_id(relative))


@pytest.mark.parametrize("key, prefix", [
    ("https://example.com/news/2024/05/protests-in-almaty?utm_source=rss", "protests-in-almaty-"),
    ("https://example.com/news/2024/05/12345/", "05-12345-"),
    ("https://example.com/article.php?id=77", "id-77-"),
    ("https://example.com/story/index.html", "example-com-"),
    ("tag:example.com,2005:item-123", "item-123-"),
    ("https://fa.example/news/%D8%B3%D9%84%D8%A7%D9%85", ""),
])
def test_readable_ids(key, prefix):
    article_id = stable_id(entry_key(key, "", "") if key.startswith("http") else key)
    assert article_id.startswith(prefix)
    assert len(article_id.rsplit("-", 1)[-1]) == 12


def test_link_keys_ignore_tracking_and_fragments():
    assert normalize_link("HTTPS://Example.com/a?b=1&utm_medium=x#top") == \
        "https://example.com/a?b=1"
    assert entry_key("", "https://e.com/a?utm_source=rss", "x") == entry_key(
        "", "https://e.com/a#comments", "y")
    assert entry_key(" guid-1 ", "https://e.com/a", "x") == "guid-1"  # the guid wins
    assert slugify("Ёлка — 2024!") == "elka-2024" or slugify("Ёлка — 2024!").endswith("2024")


# ------------------------------------------------------------------ --previous


def feed_xml(stories: list[tuple[str, list[str]]]) -> str:
    items = "".join(
        f"<item><title>{html.escape(t)}</title><guid>story-{n}</guid>"
        f"<link>https://news.example/story-{n}</link>"
        f"<description>{html.escape(' '.join(p))}</description></item>"
        for n, (t, p) in enumerate(stories)
    )
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>N</title>'
            f"<language>en</language>{items}</channel></rss>")


def pack_feed(feed, out, key, previous=None) -> Packed:
    from reader.publish import pack

    result = pack(publishing_source(feeds=[str(feed)], previous=previous), key=key, out=out,
                  created=CREATED)
    articles, bodies, images = read_bundle(out)
    return Packed(result, out, articles, bodies, images)


def envelopes(path) -> dict[str, bytes]:
    with Bundle.open(path) as bundle:
        return {a.payload.article_id: a.envelope for a in bundle.articles}


def test_corrections_get_the_next_version(tmp_path, key, no_network):
    stories = bbc_stories(4, "business")
    feed = tmp_path / "feed.xml"
    feed.write_text(feed_xml(stories), encoding="utf-8")
    first = pack_feed(feed, tmp_path / "monday.satchel", key)
    assert {a.version for a in first.articles.values()} == {1}

    corrected = list(stories)
    corrected[1] = (stories[1][0], [*stories[1][1][:-1], "Correction: the figure was $1.1bn."])
    corrected[2] = (stories[2][0] + " (updated)", stories[2][1])
    corrected.append(("A new story", ["Brand new text."]))
    feed.write_text(feed_xml(corrected), encoding="utf-8")
    previous = PreviousVersions.load([tmp_path / "monday.satchel"], key.publisher_id)
    second = pack_feed(feed, tmp_path / "tuesday.satchel", key, previous)

    ids = {a.source_url.rsplit("-", 1)[-1]: a for a in second.articles.values()}
    assert (ids["0"].version, ids["0"].status) == (1, "published")
    assert (ids["1"].version, ids["1"].status) == (2, "corrected")
    assert (ids["2"].version, ids["2"].status) == (2, "corrected")
    assert (ids["3"].version, ids["4"].version) == (1, 1)
    # same ids as before, and unchanged articles are signed byte for byte as before
    assert set(first.articles) <= set(second.articles)
    before, after = envelopes(tmp_path / "monday.satchel"), envelopes(tmp_path / "tuesday.satchel")
    assert after[ids["0"].article_id] == before[ids["0"].article_id]
    assert after[ids["3"].article_id] == before[ids["3"].article_id]
    report = {r.article_id: r for r in second.reports}
    assert any("changed since version 1 (body" in t for t in report[ids["1"].article_id].taken)
    assert any("(title" in t for t in report[ids["2"].article_id].taken)
    assert "unchanged since version 1" in report[ids["0"].article_id].taken
    assert "new article (not in --previous)" in report[ids["4"].article_id].taken

    # again, against both bundles (a folder of them): the correction stays at 2
    archive = tmp_path / "archive"
    archive.mkdir()
    for name in ("monday.satchel", "tuesday.satchel"):
        shutil.copy(tmp_path / name, archive / name)
    previous = PreviousVersions.load([archive], key.publisher_id)
    third = pack_feed(feed, tmp_path / "wednesday.satchel", key, previous)
    assert {a.article_id: a.version for a in third.articles.values()} == {
        a.article_id: a.version for a in second.articles.values()}
    assert envelopes(tmp_path / "wednesday.satchel") == after


def test_other_publishers_do_not_count(tmp_path, key, no_network):
    from tests.factory import publisher

    stories = bbc_stories(1, "tech")
    feed = tmp_path / "feed.xml"
    feed.write_text(feed_xml(stories), encoding="utf-8")
    pack_feed(feed, tmp_path / "theirs.satchel", publisher("Someone Else", seed=9))
    previous = PreviousVersions.load([tmp_path / "theirs.satchel"], key.publisher_id)
    assert len(previous) == 0


def test_explicit_versions_are_checked_against_previous(tmp_path, key, no_network):
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "a.md").write_text("---\ntitle: A\nlanguage: en\nversion: 3\n---\nFirst text.\n")
    from reader.publish import pack

    pack(publishing_source(markdown=[str(posts)]), key=key, out=tmp_path / "v3.satchel",
         created=CREATED)
    previous = PreviousVersions.load([tmp_path / "v3.satchel"], key.publisher_id)
    (posts / "a.md").write_text("---\ntitle: A\nlanguage: en\nversion: 3\n---\nChanged.\n")
    (item,) = publishing_source(markdown=[str(posts)], previous=previous)
    assert item[1] is None and "raise the version" in item[3]
    (posts / "a.md").write_text("---\ntitle: A\nlanguage: en\nversion: 2\n---\nChanged.\n")
    (item,) = publishing_source(markdown=[str(posts)], previous=previous)
    assert item[1] is None and "older than version 3" in item[3]
    (posts / "a.md").write_text("---\ntitle: A\nlanguage: en\n---\nChanged.\n")
    (item,) = publishing_source(markdown=[str(posts)], previous=previous)
    assert (item[1].version, item[1].status) == (4, "corrected")
    (posts / "a.md").write_text("---\ntitle: A\nlanguage: en\nstatus: retracted\n---\nGone.\n")
    (item,) = publishing_source(markdown=[str(posts)], previous=previous)
    assert (item[1].version, item[1].status) == (4, "retracted")


def test_previous_errors(tmp_path, key):
    with pytest.raises(SourceError, match="no such bundle"):
        PreviousVersions.load([tmp_path / "missing.satchel"], key.publisher_id)
    with pytest.raises(SourceError, match="no \\*.satchel bundles"):
        PreviousVersions.load([tmp_path], key.publisher_id)


def test_previous_from_a_reader_library(tmp_path, key, no_network):
    from reader import library as library_module
    stories = bbc_stories(2, "politics")
    feed = tmp_path / "feed.xml"
    feed.write_text(feed_xml(stories), encoding="utf-8")
    pack_feed(feed, tmp_path / "monday.satchel", key)
    with library_module.Library.open(tmp_path / "library") as library:
        library.import_paths([tmp_path / "monday.satchel"])
    previous = PreviousVersions.load([tmp_path / "library"], key.publisher_id)
    assert len(previous) == 2
    changed = [(stories[0][0], ["Rewritten."]), stories[1]]
    feed.write_text(feed_xml(changed), encoding="utf-8")
    items = list(feed_items([str(feed)]))
    versions = [previous.assign(item).draft.version for item in items]
    assert versions == [2, 1]


def test_markdown_ids_survive_a_title_change(tmp_path):
    (tmp_path / "post.md").write_text("---\ntitle: Before\nlanguage: en\n---\nx\n")
    (before,) = markdown_items([str(tmp_path)])
    (tmp_path / "post.md").write_text("---\ntitle: After\nlanguage: en\n---\nx\n")
    (after,) = markdown_items([str(tmp_path)])
    assert before.draft.article_id == after.draft.article_id == "post"
