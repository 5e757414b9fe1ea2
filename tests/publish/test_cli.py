"""`satchel pack` on the command line: the old contract, the new options, the report,
and what a reader's library makes of the result."""

from __future__ import annotations

import json

import pytest

from bundles.bundle import Bundle
from reader.cli import main
from tests.factory import png
from tests.publish.conftest import bbc_stories, fars_stories, lenta_stories

pytestmark = pytest.mark.publish  # feedparser and trafilatura


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "publisher.key"
    assert main(["key", "new", "--name", "Desk", "--out", str(path), "--no-passphrase"]) == 0
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def make_inputs(tmp_path):
    """A feed (English), a saved page (Persian) and Markdown (Russian), from the corpus."""
    (title, paragraphs), = bbc_stories(1, "politics")
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><language>en'
        f"</language><item><title>{title}</title><guid>p-1</guid><description>"
        f"{' '.join(paragraphs)}</description></item>"
        "<item><title>Empty</title><guid>p-2</guid></item></channel></rss>".replace("&", "&amp;"),
        encoding="utf-8")
    story, = fars_stories(1)
    pages = tmp_path / "pages"
    (pages / "fa_files").mkdir(parents=True)
    (pages / "fa_files" / "photo.png").write_bytes(png(20, 20))
    body = "".join(f"<p>{p}</p>" for p in story["paragraphs"])
    (pages / "fa.html").write_text(
        f'<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>'
        f'{story["title"]}</title></head><body><nav><a href="/">خانه</a></nav><article><h1>'
        f'{story["title"]}</h1><img src="fa_files/photo.png" alt="">{body}</article>'
        "<footer>footer</footer></body></html>", encoding="utf-8")
    (ru_title, ru_paragraphs), = lenta_stories(1)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "lenta.md").write_text(
        f"---\ntitle: \"{ru_title}\"\nlanguage: ru\n---\n" + "\n\n".join(ru_paragraphs),
        encoding="utf-8")
    return feed, pages, notes, {"en": title, "fa": story["title"].strip(), "ru": ru_title}


def test_old_contract_still_works(tmp_path, key_file, capsys):
    source = tmp_path / "source" / "hello"
    source.mkdir(parents=True)
    (source / "article.toml").write_text('title = "Hello"\nlanguage = "en"\n')
    (source / "body.md").write_text("Hello, **world**.\n")
    out = tmp_path / "news.satchel"
    code, stdout, _ = run(capsys, "pack", str(tmp_path / "source"), "--key", str(key_file),
                          "--out", str(out), "--max-size", "1G")
    assert code == 0
    assert "1 article(s) packed, 0 refused" in stdout
    with Bundle.open(out) as bundle:
        assert [a.payload.article_id for a in bundle.articles] == ["hello"]


def test_three_front_ends_in_one_run_with_a_json_report(tmp_path, key_file, capsys, no_network):
    feed, pages, notes, titles = make_inputs(tmp_path)
    out = tmp_path / "mixed.satchel"
    code, stdout, _ = run(capsys, "pack", "--from-feed", str(feed), "--from-html", str(pages),
                          "--from-markdown", str(notes), "--key", str(key_file), "--out",
                          str(out), "--json")
    assert code == 1  # entry 2 was refused; the others packed
    report = json.loads(stdout)
    assert report["outputs"] == [str(out)]
    assert (report["packed"], report["refused"]) == (3, 1)
    for article in report["articles"]:
        assert set(article) == {"source", "article_id", "version", "title", "ok", "error",
                                "dropped", "taken"}
    refused = [a for a in report["articles"] if not a["ok"]]
    assert refused[0]["error"].startswith(f"{feed} entry 2 ('Empty'): has no text")
    with Bundle.open(out) as bundle:
        languages = {a.payload.language: a.payload.title for a in bundle.articles}
    assert languages == titles


def test_text_report_says_what_was_taken_and_dropped(tmp_path, key_file, capsys, no_network):
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><language>en</language>'
                    "<item><title>T</title><guid>g</guid><description><![CDATA[<p>x</p>"
                    '<img src="https://far.example/a.jpg">]]></description></item>'
                    "</channel></rss>", encoding="utf-8")
    code, stdout, _ = run(capsys, "pack", "--from-feed", str(feed), "--key", str(key_file),
                          "--out", str(tmp_path / "o.satchel"))
    assert code == 0
    lines = stdout.splitlines()
    assert lines[0].startswith("packed   g-") and lines[0].endswith(": T")
    assert lines[1].startswith("         took title; text from the summary")
    assert "dropped" in lines[2] and "far.example/a.jpg" in lines[2] and "--fetch" in lines[2]


def test_previous_on_the_command_line(tmp_path, key_file, capsys, no_network):
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "a.md").write_text("---\ntitle: A\nlanguage: en\n---\nOne.\n")
    assert run(capsys, "pack", "--from-markdown", str(posts), "--key", str(key_file), "--out",
               str(tmp_path / "v1.satchel"))[0] == 0
    (posts / "a.md").write_text("---\ntitle: A\nlanguage: en\n---\nOne, corrected.\n")
    code, stdout, _ = run(capsys, "pack", "--from-markdown", str(posts), "--key", str(key_file),
                          "--out", str(tmp_path / "v2.satchel"), "--previous",
                          str(tmp_path / "v1.satchel"), "--json")
    assert code == 0
    (article,) = json.loads(stdout)["articles"]
    assert article["version"] == 2


@pytest.mark.parametrize("argv, message", [
    (["--from-markdown", "x", "--out", "o.satchel"], "needs --key"),
    (["src", "--fetch", "--key", "k", "--out", "o.satchel"], "--fetch applies"),
    (["src", "--previous", "p.satchel", "--key", "k", "--out", "o.satchel"], "--previous applies"),
    (["--out", "o.satchel"], "give a SOURCE_DIR"),
])
def test_usage_errors(argv, message, capsys):
    code, _, err = run(capsys, "pack", *argv)
    assert code == 2 and message in err


def test_bad_lang_is_a_usage_error(tmp_path, key_file, capsys):
    code, _, err = run(capsys, "pack", "--from-markdown", str(tmp_path), "--lang", "not a tag",
                       "--key", str(key_file), "--out", str(tmp_path / "o.satchel"))
    assert code == 2 and "--lang" in err


def test_everything_refused_still_says_why(tmp_path, key_file, capsys, no_network):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]><rss/>')
    code, stdout, err = run(capsys, "pack", "--from-feed", str(bomb), "--key", str(key_file),
                            "--out", str(tmp_path / "o.satchel"))
    assert code == 1
    assert stdout.startswith(f"refused  {bomb}: declares XML entities")
    assert "nothing to pack" in err
    assert not (tmp_path / "o.satchel").exists()


# ------------------------------------------------------------------ in a reader's library


def _import(tmp_path, key_file, capsys):
    from reader import library as library_module
    feed, pages, notes, titles = make_inputs(tmp_path)
    out = tmp_path / "mixed.satchel"
    assert run(capsys, "pack", "--from-feed", str(feed), "--from-html", str(pages),
               "--from-markdown", str(notes), "--key", str(key_file), "--out", str(out))[0] == 1
    library = library_module.Library.open(tmp_path / "library")
    summary = library.import_paths([out])
    assert [f.status for f in summary.files] == ["imported"]
    return library, titles


def test_packed_articles_import_into_a_library(tmp_path, key_file, capsys, no_network):
    library, titles = _import(tmp_path, key_file, capsys)
    try:
        rows = library.articles.list_dicts()
        assert {r["language"]: r["title"] for r in rows} == titles
        for row in rows:
            view = library.articles.open(row["id"])
            assert view.html.strip()
    finally:
        library.close()


def test_packed_articles_are_found_by_search(tmp_path, key_file, capsys, no_network):
    library, titles = _import(tmp_path, key_file, capsys)
    try:
        for language, title in titles.items():
            word = max(title.split(), key=len).strip(".,:;«»\"'()")
            results = library.search(word)
            hits = getattr(results, "hits", results)  # a page of hits, or a list of them
            assert any(h.title == title for h in hits), (language, word)
    finally:
        library.close()
