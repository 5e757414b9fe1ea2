"""`--from-markdown`: Markdown files with `---` (simple YAML) or `+++` (TOML) front matter."""

from __future__ import annotations

import pytest

from reader.sources import markdown_items
from reader.sources.markdown import FrontMatterError, parse_simple_yaml, split_front_matter
from tests.factory import png
from tests.publish.conftest import bbc_stories, fars_stories, pack_items


def write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_yaml_and_toml_front_matter_with_images(tmp_path, key, no_network):
    (title, paragraphs), = bbc_stories(1, "sport")
    story, = fars_stories(1)
    root = tmp_path / "site"
    (root / "images").mkdir(parents=True)
    (root / "images" / "stadium.png").write_bytes(png(30, 20))
    write(root / "en" / "match-report.md", (
        "---\n"
        f"title: \"{title}\"\n"
        "language: en-gb  # British English\n"
        "byline: Sports desk\n"
        "summary: >\n  A match report,\n  in two lines.\n"
        "tags: [sport, 'football, english']\n"
        "issued: 2005-01-15T15:00:00Z\n"
        "source_url: https://www.bbc.example/sport/1\n"
        "weight: 10\n"
        "---\n"
        f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n\n![Stadium](../images/stadium.png)\n"
    ))
    write(root / "fa" / "news.md", (
        "+++\n"
        f'title = "{story["title"].strip()}"\n'
        'language = "fa"\n'
        'id = "fars-1"\n'
        "version = 2\n"
        'status = "corrected"\n'
        f"tags = {[t.strip() for t in story['tags'][:2]]!r}\n".replace("'", '"')
        + "issued = 2015-02-15\n"
        "+++\n\n" + "\n\n".join(p.strip() for p in story["paragraphs"]) + "\n"
    ))
    packed = pack_items(markdown_items([str(root)]), tmp_path / "o.satchel", key)
    assert packed.result.refused == 0, packed.refused()
    english = packed.articles["en-match-report"]
    assert english.title == title
    assert english.language == "en-GB"
    assert english.byline == "Sports desk"
    assert english.summary == "A match report, in two lines."
    assert english.tags == ("sport", "football, english")
    assert english.issued == "2005-01-15T15:00:00Z"
    assert english.source_url == "https://www.bbc.example/sport/1"
    assert packed.images["en-match-report"] == [png(30, 20)]
    assert paragraphs[0][:50] in packed.body("en-match-report").replace("&quot;", '"')
    report = next(r for r in packed.reports if r.article_id == "en-match-report")
    assert any("'weight'" in d for d in report.dropped)
    persian = packed.articles["fars-1"]
    assert (persian.language, persian.version, persian.status) == ("fa", 2, "corrected")
    assert persian.issued == "2015-02-15"
    assert persian.tags == tuple(t.strip() for t in story["tags"][:2])


def test_aliases_and_lang_option(tmp_path, key, no_network):
    write(tmp_path / "a.md", "---\ntitle: Alias\nauthor: A. Writer\ndescription: d\n"
                             "date: 2024-02-29\n---\nBody text.\n")
    (item,) = markdown_items([str(tmp_path)])
    assert item.draft is None and "(or give --lang)" in item.error
    (item,) = markdown_items([str(tmp_path)], lang="kk")
    draft = item.draft
    assert (draft.byline, draft.summary, draft.issued, draft.language, draft.article_id) == (
        "A. Writer", "d", "2024-02-29", "kk", "a")


@pytest.mark.parametrize("text, message", [
    ("No front matter at all.\n", "has no front matter"),
    ("---\ntitle: Unclosed\nlanguage: en\n", "never closed"),
    ("---\nlanguage: en\n---\nText\n", "needs a 'title'"),
    ("---\ntitle: T\nlanguage: english please\n---\nText\n", "not a BCP 47 tag"),
    ("---\ntitle: T\nlanguage: en\n---\n\n", "has no text"),
    ("---\ntitle: T\nlanguage: en\ndraft: true\n---\nText\n", "draft"),
    ("---\ntitle: T\nlanguage: en\nversion: 0\n---\nText\n", "version must be"),
    ("---\ntitle: T\nlanguage: en\nstatus: deleted\n---\nText\n", "status 'deleted'"),
    ("---\ntitle: T\nlanguage: en\nid: ../../x\n---\nText\n", "article id"),
    ("---\ntitle: T\nlanguage: en\nissued: yesterday\n---\nText\n", "not an RFC 3339 date"),
    ("---\ntitle: T\nlanguage: en\nextra: {a: 1}\n---\nText\n", "use +++ TOML"),
    ("+++\ntitle = T\n+++\nText\n", "not valid"),
    ("---\ntitle: T\ntitle: U\nlanguage: en\n---\nText\n", "given twice"),
])
def test_broken_files_are_refused_with_one_line(tmp_path, text, message):
    path = tmp_path / "broken.md"
    path.write_text(text, encoding="utf-8")
    (item,) = markdown_items([str(path)])
    assert item.draft is None
    assert item.error.startswith(f"{path}: ")
    assert message in item.error
    assert "\n" not in item.error


def test_non_utf8_file_is_refused(tmp_path):
    path = tmp_path / "cp.md"
    path.write_bytes("---\ntitle: Ошибка\nlanguage: ru\n---\nТекст\n".encode("cp1251"))
    (item,) = markdown_items([str(path)])
    assert item.draft is None and "not UTF-8" in item.error


def test_the_rest_of_the_batch_still_packs(tmp_path, key, no_network):
    write(tmp_path / "good.md", "---\ntitle: Good\nlanguage: en\n---\nFine.\n")
    write(tmp_path / "bad.md", "---\ntitle: Bad\n---\nNo language.\n")
    packed = pack_items(markdown_items([str(tmp_path)]), tmp_path / "o.satchel", key)
    assert list(packed.articles) == ["good"]
    (error,) = packed.refused()
    assert error.startswith(str(tmp_path / "bad.md"))


def test_ids_from_paths_are_stable_and_valid(tmp_path):
    write(tmp_path / "2024" / "May" / "hello world.md", "---\ntitle: T\nlanguage: en\n---\nx\n")
    write(tmp_path / "новости.md", "---\ntitle: T\nlanguage: ru\n---\nx\n")
    first = [i.draft.article_id for i in markdown_items([str(tmp_path)])]
    second = [i.draft.article_id for i in markdown_items([str(tmp_path)])]
    assert first == second
    assert first[0].startswith("2024-may-hello-world-")
    assert len(first[1]) == 12  # no ASCII slug: the hash alone


def test_simple_yaml_subset():
    data = parse_simple_yaml(
        "# comment\n"
        "title: 'It''s here'  # trailing comment\n"
        'quoted: "a \\"b\\" # not a comment"\n'
        "count: 3\n"
        "flag: yes\n"
        "empty: ~\n"
        "when: 2024-01-02 03:04:05+01:00\n"
        "tags:\n  - one\n  - 'two'\n"
        "block: |\n  line 1\n  line 2\n"
        "flow: []\n"
    )
    assert data == {"title": "It's here", "quoted": 'a "b" # not a comment', "count": 3,
                    "flag": True, "empty": None, "when": "2024-01-02 03:04:05+01:00",
                    "tags": ["one", "two"], "block": "line 1\nline 2", "flow": []}
    with pytest.raises(FrontMatterError, match="line 2"):
        parse_simple_yaml("title: x\n  indented: y\n")
    assert split_front_matter("\ufeff---\na: b\n...\nbody") == ("---", "a: b", "body")
