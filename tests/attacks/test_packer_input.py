"""Attacks on `satchel pack`: input that reaches out of its folder, markup that kills parsers.

The packer signs what it reads, so a file it should not have read becomes a
signed, published article. And one bad article must never stop a batch: it is
refused with its reason, the rest still pack (docs/security.md section 8).
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bundles.bundle import Bundle
from bundles.errors import SatchelError
from bundles.pack import prepare_body
from bundles.source import read_article
from reader.cli import main
from tests.factory import png

SECRET = "TOP-SECRET-0451 root:x:0:0"
# html.parser raises AssertionError on it ("expected name token at '<![><img src=...'").
CRASH = '<p>Before.</p><![><img src="]><img src=x onerror=alert(1)//"><p>After.</p>'


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "publisher.key"
    assert main(["key", "new", "--name", "Desk", "--out", str(path), "--no-passphrase"]) == 0
    return path


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside every input folder, as /etc/passwd or ~/.ssh/id_ed25519 would be."""
    folder = tmp_path / "private"
    folder.mkdir()
    path = folder / "secret.md"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def article(folder: Path, title: str, body: str | None = "Plain text.", *,
            name: str = "body.md") -> Path:
    folder.mkdir(parents=True)
    (folder / "article.toml").write_text(f'title = "{title}"\nlanguage = "en"\n',
                                         encoding="utf-8")
    if body is not None:
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def pack(capsys, key_file: Path, out: Path, *source: str) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(["pack", *source, "--key", str(key_file), "--out", str(out), "--json"])
    return code, json.loads(capsys.readouterr().out)


def contents(bundle: Path) -> tuple[dict[str, str], str]:
    """Titles by article id and everything readable in the bundle, verified."""
    with Bundle.open(bundle) as opened:
        titles = {a.payload.article_id: a.payload.title for a in opened.articles}
        text = "\n".join(opened.read_blob(ref.sha256).decode("utf-8", "replace")
                         for a in opened.articles for ref in a.payload.files)
        text += "\n".join(a.payload.to_bytes().decode() for a in opened.articles)
    return titles, text


def refusals(report: dict) -> list[str]:
    return [a["error"] for a in report["articles"] if not a["ok"]]


# ---------------------------------------------------------------- links out of the input


@pytest.mark.parametrize("linked", ["body.md", "body.html", "article.toml", "folder"])
def test_pack_refuses_an_article_linked_out_of_the_source(tmp_path, capsys, key_file, secret,
                                                          linked) -> None:
    source = tmp_path / "source"
    if linked == "folder":
        target = article(tmp_path / "private" / "story", "Private", SECRET)
        source.mkdir()
        bad, shown = source / "story", "story"
        bad.symlink_to(target, target_is_directory=True)
    else:
        target, shown = secret, linked
        bad = article(source / "leak", "Leak", None)
        if linked == "article.toml":
            (bad / "article.toml").unlink()
            secret.write_text(f'title = "{SECRET}"\nlanguage = "en"\n', encoding="utf-8")
            (bad / "body.md").write_text("Text.", encoding="utf-8")
        (bad / linked).symlink_to(secret)
    article(source / "good", "Good")
    code, report = pack(capsys, key_file, tmp_path / "o.satchel", str(source))
    assert code == 1  # the others packed; a refusal is a failed check
    assert refusals(report) == [f"{bad}: {shown} is outside the input folder "
                                f"(it leads to {target.resolve()}); not read"]
    titles, text = contents(tmp_path / "o.satchel")
    assert titles == {"good": "Good"}
    assert SECRET not in text


def test_pack_refuses_an_image_linked_out_of_its_article(tmp_path, capsys, key_file) -> None:
    source = tmp_path / "source"
    folder = article(source / "pic", "Pic", "Text ![p](photo.png)")
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "photo.png").write_bytes(png(9, 9, (1, 2, 3)))
    (folder / "photo.png").symlink_to(tmp_path / "private" / "photo.png")
    code, report = pack(capsys, key_file, tmp_path / "o.satchel", str(source))
    assert code == 0
    assert report["articles"][0]["dropped"] == ["image 'photo.png': outside the article folder",
                                                "image 'photo.png': not a file beside the "
                                                "article"]
    with Bundle.open(tmp_path / "o.satchel") as opened:
        assert opened.articles[0].payload.images == ()


def test_links_that_stay_inside_the_source_are_followed(tmp_path, capsys, key_file) -> None:
    """A link inside the tree reveals nothing that was not given: it is read."""
    source = tmp_path / "source"
    shared = source / "shared"
    shared.mkdir(parents=True)
    (shared / "intro.md").write_text("The shared introduction.", encoding="utf-8")
    folder = article(source / "a", "A", None)
    (folder / "body.md").symlink_to(Path("..") / "shared" / "intro.md")
    code, report = pack(capsys, key_file, tmp_path / "o.satchel", str(source))
    assert code == 0 and refusals(report) == []
    _, text = contents(tmp_path / "o.satchel")
    assert "The shared introduction." in text


def test_pack_refuses_a_markdown_post_linked_out_of_its_folder(tmp_path, capsys, key_file,
                                                              secret) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    secret.write_text(f"---\ntitle: Stolen\nlanguage: en\n---\n{SECRET}\n", encoding="utf-8")
    (posts / "leak.md").symlink_to(secret)
    (posts / "more").symlink_to(secret.parent, target_is_directory=True)  # a linked folder
    (posts / "good.md").write_text("---\ntitle: Good\nlanguage: en\n---\nText.\n",
                                   encoding="utf-8")
    code, report = pack(capsys, key_file, tmp_path / "o.satchel", "--from-markdown",
                           str(posts))
    assert code == 1  # the others packed; a refusal is a failed check
    assert refusals(report) == [
        f"{posts / 'leak.md'}: leak.md is outside the input folder (it leads to "
        f"{secret.resolve()}); not read",
        f"{posts / 'more'}: more is outside the input folder (it leads to "
        f"{secret.parent.resolve()}); not read",
    ]
    titles, text = contents(tmp_path / "o.satchel")
    assert list(titles.values()) == ["Good"] and SECRET not in text


@pytest.mark.publish
def test_pack_refuses_a_saved_page_linked_out_of_its_folder(tmp_path, capsys, key_file,
                                                           secret) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    page = ("<html lang='en'><head><title>{t}</title></head><body><article><h1>{t}</h1>"
            "<p>{p}</p></article></body></html>")
    secret.write_text(page.format(t="Stolen", p=(SECRET + " ") * 20), encoding="utf-8")
    (pages / "leak.html").symlink_to(secret)
    (pages / "good.html").write_text(page.format(t="Good", p="A long enough paragraph. " * 20),
                                     encoding="utf-8")
    code, report = pack(capsys, key_file, tmp_path / "o.satchel", "--from-html", str(pages))
    assert code == 1  # the others packed; a refusal is a failed check
    assert refusals(report) == [f"{pages / 'leak.html'}: leak.html is outside the input folder "
                                f"(it leads to {secret.resolve()}); not read"]
    titles, text = contents(tmp_path / "o.satchel")
    assert list(titles.values()) == ["Good"] and "TOP-SECRET" not in text


# ---------------------------------------------------------------- markup that kills parsers


def _no_live_markup(text: str) -> None:
    assert re.search(r"<[^>]*\son\w+\s*=", text, re.IGNORECASE) is None, text
    assert "<script" not in text.lower()


def test_pack_survives_the_html_parser_crash_in_a_source_folder(tmp_path, capsys,
                                                               key_file) -> None:
    source = tmp_path / "source"
    article(source / "html", "HTML body", CRASH, name="body.html")
    article(source / "md", "Markdown body", "Text\n\n" + CRASH)
    article(source / "good", "Good")
    code, report = pack(capsys, key_file, tmp_path / "o.satchel", str(source))
    assert code == 0 and refusals(report) == []
    titles, text = contents(tmp_path / "o.satchel")
    assert set(titles) == {"html", "md", "good"}
    assert "Before." in text and "After." in text
    _no_live_markup(text)


@pytest.mark.publish
def test_pack_survives_the_html_parser_crash_in_every_front_end(tmp_path, capsys,
                                                               key_file) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><language>en</language>'
        f"<item><title>Feed</title><guid>f1</guid><description><![CDATA[{CRASH}]]>"
        "</description></item><item><title>Calm</title><guid>f2</guid><description>"
        "Calm text.</description></item></channel></rss>", encoding="utf-8")
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "post.md").write_text(f"---\ntitle: Post\nlanguage: en\n---\nText\n\n{CRASH}\n",
                                   encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "page.html").write_text(
        f"<html lang='en'><head><title>Page</title>{CRASH}</head><body><article><h1>Page</h1>"
        f"<p>{'A paragraph long enough to be the main text. ' * 8}</p>{CRASH}</article>"
        "</body></html>", encoding="utf-8")
    code, report = pack(capsys, key_file, tmp_path / "o.satchel", "--from-feed", str(feed),
                           "--from-markdown", str(posts), "--from-html", str(pages))
    assert code == 0
    assert refusals(report) == []
    titles, text = contents(tmp_path / "o.satchel")
    assert sorted(titles.values()) == ["Calm", "Feed", "Page", "Post"]
    _no_live_markup(text)


def test_pack_reports_each_refused_article_and_packs_the_rest(tmp_path, capsys,
                                                              key_file, secret) -> None:
    """The plain report names every refusal on its own line, then the count."""
    source = tmp_path / "source"
    article(source / "a-bad", "Bad", None)
    (source / "a-bad" / "body.md").symlink_to(secret)
    article(source / "b-crash", "Crash", CRASH, name="body.html")
    article(source / "c-no-body", "Empty", None)
    capsys.readouterr()
    code = main(["pack", str(source), "--key", str(key_file), "--out",
                 str(tmp_path / "o.satchel")])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1  # the others packed; a refusal is a failed check
    assert [line.split(":")[0] for line in lines if line.startswith("refused")] == [
        f"refused  {source / 'a-bad'}", f"refused  {source / 'c-no-body'}"]
    assert lines[-1] == "1 article(s) packed, 2 refused"


# ---------------------------------------------------------------- no string crashes the packer


def _toml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid TOML basic string


@pytest.mark.publish
def test_no_naughty_string_crashes_the_packer(corpus, tmp_path, capsys, key_file) -> None:
    """Every string of the Big List of Naughty Strings, as a body (HTML and Markdown), a
    title, a byline, a tag, a summary, a Markdown post, a feed entry and a saved page:
    `satchel pack` ends with a report, each input packed or refused with a one-line
    reason, and what it wrote verifies."""
    strings = json.loads((corpus / "hostile" / "blns.json").read_text(encoding="utf-8"))
    strings.append((corpus / "hostile" / "UTF-8-test.txt").read_bytes().decode("utf-8",
                                                                               "replace"))
    source = tmp_path / "source"
    posts = tmp_path / "posts"
    posts.mkdir()
    items = []
    for n, text in enumerate(strings):
        for kind in ("html", "markup", "md", "title", "byline", "tag", "summary"):
            folder = source / f"{kind}-{n}"
            folder.mkdir(parents=True)
            fields = {"title": f"t{n}", "language": "en"}
            if kind in ("title", "byline", "summary"):
                fields[kind] = text
            meta = "".join(f"{k} = {_toml_string(v)}\n" for k, v in fields.items())
            if kind == "tag":
                meta += f"tags = [{_toml_string(text)}]\n"
            (folder / "article.toml").write_text(meta, encoding="utf-8")
            body = {"html": text, "md": text, "markup": (
                f'<p>{text}</p><img src="{text}"><a href="{text}">{text}</a><!{text}><![{text}>'
            )}.get(kind, "Text.")
            (folder / ("body.md" if kind == "md" else "body.html")).write_text(
                body, encoding="utf-8", errors="surrogatepass")
            items.append(folder)
        (posts / f"p{n}.md").write_text(
            f"---\ntitle: {_toml_string(text)}\nlanguage: en\n---\n{text}\n",
            encoding="utf-8", errors="surrogatepass")
    entries = "".join(
        f"<item><title><![CDATA[{text}]]></title><guid>g{n}</guid><description><![CDATA["
        f"{text}]]></description></item>" for n, text in enumerate(strings)
        if "]]>" not in text)
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                    f"<language>en</language>{entries}</channel></rss>", encoding="utf-8",
                    errors="surrogatepass")
    code, report = pack(capsys, key_file, tmp_path / "o.satchel", str(source),
                           "--from-markdown", str(posts), "--from-feed", str(feed))
    assert code == 1  # the others packed; a refusal is a failed check
    articles = report["articles"]
    assert len(articles) >= len(items) + len(strings)
    for item in articles:
        if not item["ok"]:
            assert item["error"] and "\n" not in item["error"], item
    packed = {a["article_id"] for a in articles if a["ok"]}
    assert {f"html-{n}" for n in range(len(strings))} <= packed  # any text is a body
    assert {f"markup-{n}" for n in range(len(strings))} <= packed
    with Bundle.open(tmp_path / "o.satchel") as opened:
        assert {a.payload.article_id for a in opened.articles} == packed


MARKUP = ["<![", "<!", "<!--", "-->", "<?", "?>", "]]>", "<![CDATA[", "<!DOCTYPE", "</",
          "<img src=", '<img src="', "<a href=", "<p>", "</p>", "<script>", "<svg><", ">",
          "<", "&", "&#", "&#x", ";", '"', "'", "=", " ", "\n", "\x00", "<math><mi>",
          "<template>", "<noscript>", "<style>", "<table><td>", "</table>", "x.png"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MARKUP) | st.text(max_size=6), max_size=40).map("".join))
def test_no_markup_makes_the_packers_parsers_raise(html: str) -> None:
    """What every front end does to a body before signing: nh3 first, then the rest."""
    from index.text import html_to_text
    from reader.sources.common import attach_images, tiny_images
    from reader.sources.webpage import read_head

    with contextlib.suppress(SatchelError):  # a refusal is an answer; anything else is not
        prepare_body(html, {"x.png": png()})
    attach_images(html, lambda _src: png(8, 8))
    tiny_images(html)
    read_head(html)
    html_to_text(html)


def test_read_article_names_images_as_nh3_parses_the_body(tmp_path) -> None:
    folder = article(tmp_path / "a", "A", CRASH + '<img src="photo.png">', name="body.html")
    (folder / "photo.png").write_bytes(png())
    draft, dropped = read_article(folder)
    assert draft.images == {"photo.png": png()}
    assert dropped == []


# ---------------------------------------------------------------- the same markup in a bundle


def test_markup_that_kills_html_parser_in_a_signed_body_does_not_stop_search(tmp_path) -> None:
    """A hand-made bundle (no packer sanitized it) with that body imports, and the
    library's search index still takes it and every other article."""
    import hashlib

    from bundles.article import ArticlePayload, FileRef
    from reader import Library
    from tests.factory import article_entries, make_bundle, publisher, raw_bundle

    key = publisher("Stranger")
    body = CRASH.encode()
    digest = hashlib.sha256(body).hexdigest()
    payload = ArticlePayload(publisher=key.publisher_id, article_id="x", version=1,
                             language="en", title="Hostile markup", body=digest,
                             files=(FileRef(digest, len(body), "text/html", "body"),))
    hostile = raw_bundle(tmp_path / "x.satchel", article_entries(
        key, payload.to_bytes(), article_id="x", blobs={digest: body}), key)
    calm = make_bundle(tmp_path / "calm.satchel", publisher("Calm"))
    with Library.open(tmp_path / "lib") as library:
        summary = library.import_paths([hostile, calm])
        assert summary.ok and summary.index_error == ""
        assert [h.article_id for h in library.search("after").hits] == ["x"]
        assert [h.article_id for h in library.search("hello").hits] == ["a1"]
