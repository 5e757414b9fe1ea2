"""Attacks with numbers out of range, and one bad file stopping the rest (issue 13, item 7).

Every integer of the format has a documented range (docs/format.md sections
5, 7 and 8), checked when the JSON is parsed, before anything is stored: a
signed size of 2**63 or an unsigned part number of 10**30 used to verify and
then crash the import with OverflowError (SQLite integers are 64-bit), and
nothing else on the stick was imported. A declared file size must equal its
blob's size. Whatever goes wrong with one file of a folder import, the rest
are imported, and the failed file leaves nothing behind. Folder walks are
iterative, depth-limited, and never follow links.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bundles import faults
from bundles.article import ArticlePayload, FileRef
from bundles.bundle import Bundle
from bundles.chain import Root
from bundles.errors import FormatError, HashMismatchError, KeyChainError
from bundles.keys import SigningKey
from bundles.manifest import Manifest, ManifestEntry
from reader import FileStatus, Library
from reader.drives import find_bundles
from reader.importer import ImportSummary, find_bundle_files
from reader.sources.markdown import markdown_items
from reader.sources.webpage import page_items
from tests.factory import (
    CREATED,
    article_entries,
    draft,
    make_bundle,
    publisher,
    raw_bundle,
)
from tests.reader.conftest import tree

KEY = publisher("Numbers News", seed=21)
HTML = b"<p>Counting on you.</p>"
HTML_SHA = hashlib.sha256(HTML).hexdigest()
TOO_BIG = [2**31, 2**63, 10**30]


# -- helpers ---------------------------------------------------------------------


@pytest.fixture
def library_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A closed library that already holds one genuine bundle."""
    monkeypatch.delenv("SATCHEL_FAULT", raising=False)
    faults.reset()
    root = tmp_path / "library"
    with Library.open(root) as library:
        library.import_paths([make_bundle(tmp_path / "genuine.satchel", KEY, [draft("g1")])])
    return root


def import_into(root: Path, paths: list[Path]) -> ImportSummary:
    with Library.open(root) as library:
        return library.import_paths(paths)


def article_dict(**changes: object) -> dict:
    data = ArticlePayload(KEY.publisher_id, "a1", 1, "en", "Counting", HTML_SHA,
                          (FileRef(HTML_SHA, len(HTML), "text/html", "body"),)).to_dict()
    data.update(changes)
    return data


def signed_bundle(path: Path, article: dict, *, version: int = 1) -> Path:
    """A bundle whose article payload (possibly out of range) is properly signed."""
    entries = article_entries(KEY, json.dumps(article).encode(), version=version,
                              blobs={HTML_SHA: HTML})
    return raw_bundle(path, entries, KEY)


def manifest_bytes(entries: dict[str, bytes], **changes: object) -> bytes:
    listed = tuple(ManifestEntry(n, len(d), hashlib.sha256(d).hexdigest())
                   for n, d in entries.items())
    data = json.loads(Manifest(bundle_id="ab" * 16, title="", created=CREATED,
                               entries=listed).to_bytes())
    data.update(changes)
    return json.dumps(data).encode()


def good_entries() -> dict[str, bytes]:
    return article_entries(KEY, json.dumps(article_dict()).encode(), blobs={HTML_SHA: HTML})


# -- signed numbers out of range ------------------------------------------------------


@pytest.mark.parametrize("size", TOO_BIG, ids=["2**31", "2**63", "10**30"])
def test_signed_file_size_out_of_range_is_refused_when_parsed(size: int) -> None:
    files = [{"sha256": HTML_SHA, "size": size, "media_type": "text/html", "role": "body"}]
    with pytest.raises(FormatError, match=r"^a file's size must be an integer from 0 to "
                                          r"2,147,483,647$"):
        ArticlePayload.from_payload(json.dumps(article_dict(files=files)).encode())


@pytest.mark.parametrize("version", [0, 10**9, 2**63, 10**30])
def test_signed_article_version_out_of_range_is_refused_when_parsed(version: int) -> None:
    with pytest.raises(FormatError, match=r"^version must be an integer from 1 to "
                                          r"999,999,999$"):
        ArticlePayload.from_payload(json.dumps(article_dict(version=version)).encode())


def test_signed_file_size_of_2_63_rejects_the_bundle_and_leaves_the_library_as_it_was(
    library_root: Path, tmp_path: Path
) -> None:
    files = [{"sha256": HTML_SHA, "size": 2**63, "media_type": "text/html", "role": "body"}]
    hostile = signed_bundle(tmp_path / "huge-size.satchel", article_dict(files=files))
    before = tree(library_root)
    summary = import_into(library_root, [hostile])
    [result] = summary.files
    assert (result.status, result.error_type) == (FileStatus.REJECTED, "FormatError")
    assert result.reason == (
        f"{hostile}: entry 'articles/{KEY.publisher_id}/a1/1.dsse.json': "
        "a file's size must be an integer from 0 to 2,147,483,647")
    assert tree(library_root) == before


@pytest.mark.parametrize("field", ["version", "threshold"])
@pytest.mark.parametrize("value", [257, 2**63, 10**30])
def test_root_number_out_of_range_is_refused(field: str, value: int) -> None:
    key = SigningKey.from_seed(b"\x05" * 32)
    root = json.loads(Root(version=1, name="N", keys=(key.public,), threshold=1).to_bytes())
    root[field] = value
    bound = {"version": "1 to 256", "threshold": "0 to 16"}[field]
    with pytest.raises(FormatError, match=rf"^root {field} must be an integer from {bound}$"):
        Root.from_payload(json.dumps(root).encode())


def test_root_number_out_of_range_rejects_the_bundle(tmp_path: Path) -> None:
    from bundles import dsse

    key = SigningKey.from_seed(b"\x06" * 32)
    root = json.loads(Root(version=1, name="N", keys=(key.public,), threshold=1).to_bytes())
    root["threshold"] = 10**30
    raw = dsse.sign(dsse.ROOT_TYPE, json.dumps(root).encode(), [key]).to_bytes()
    path = raw_bundle(tmp_path / "root.satchel", {f"keys/{key.keyid}/root.1.dsse.json": raw},
                      None)
    with pytest.raises(KeyChainError, match="root threshold must be an integer from 0 to 16"):
        Bundle.open(path)


# -- unsigned numbers out of range ----------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"parts": 10**30}, "parts must be an integer from 1 to 10,000"),
        ({"part": 10**30, "parts": 10**30}, "part must be an integer from 1 to 10,000"),
        ({"parts": 2**63}, "parts must be an integer from 1 to 10,000"),
        ({"part": 0}, "part must be an integer from 1 to 10,000"),
        ({"part": 2, "parts": 1}, "part 2 of 1 is out of range"),
    ],
    ids=["parts-10**30", "part-10**30", "parts-2**63", "part-0", "part-over-parts"],
)
def test_unsigned_manifest_number_out_of_range_rejects_the_bundle(
    library_root: Path, tmp_path: Path, changes: dict, reason: str
) -> None:
    entries = good_entries()
    hostile = raw_bundle(tmp_path / "parts.satchel", entries, None,
                         manifest=manifest_bytes(entries, **changes))
    before = tree(library_root)
    [result] = import_into(library_root, [hostile]).files
    assert (result.status, result.error_type) == (FileStatus.REJECTED, "FormatError")
    assert result.reason == f"{hostile}: entry 'META-INF/bundle.json': {reason}"
    assert tree(library_root) == before


@pytest.mark.parametrize("size", TOO_BIG, ids=["2**31", "2**63", "10**30"])
def test_unsigned_manifest_entry_size_out_of_range_is_refused_when_parsed(size: int) -> None:
    entry = {"path": "blobs/sha256/" + HTML_SHA, "size": size, "sha256": HTML_SHA}
    with pytest.raises(FormatError, match=r"size must be an integer from 0 to 2,147,483,647$"):
        ManifestEntry.from_dict(entry)


def test_unsigned_manifest_entry_size_of_10_30_rejects_the_bundle(tmp_path: Path) -> None:
    entries = good_entries()
    data = json.loads(manifest_bytes(entries))
    for item in data["entries"]:
        if item["path"].startswith("blobs/"):
            item["size"] = 10**30
    path = raw_bundle(tmp_path / "entry-size.satchel", entries, None,
                      manifest=json.dumps(data).encode())
    with pytest.raises(FormatError, match=r"^.*entry-size\.satchel: entry 'META-INF/bundle\.json':"
                                          r" manifest entry 'blobs/sha256/[0-9a-f]{64}' size must"
                                          r" be an integer from 0 to 2,147,483,647$"):
        Bundle.open(path)


# -- a declared size that is not the blob's ----------------------------------------------


@pytest.mark.parametrize("delta", [1, -1], ids=["one-more", "one-less"])
def test_declared_file_size_that_is_not_its_blobs_size_is_rejected(
    library_root: Path, tmp_path: Path, delta: int
) -> None:
    files = [{"sha256": HTML_SHA, "size": len(HTML) + delta, "media_type": "text/html",
              "role": "body"}]
    hostile = signed_bundle(tmp_path / "lying-size.satchel", article_dict(files=files))
    before = tree(library_root)
    [result] = import_into(library_root, [hostile]).files
    assert (result.status, result.error_type) == (FileStatus.REJECTED, "HashMismatchError")
    assert result.reason == (
        f"{hostile}: an article was signed with a wrong size for its file: "
        f"entry 'articles/{KEY.publisher_id}/a1/1.dsse.json': blob "
        f"{HTML_SHA[:16]}… is {len(HTML)} bytes, but the article declares "
        f"{len(HTML) + delta}")
    assert tree(library_root) == before
    with pytest.raises(HashMismatchError):
        Bundle.open(hostile)


# -- one bad file never stops the rest ---------------------------------------------------


def test_a_stick_with_out_of_range_numbers_still_imports_everything_else(
    library_root: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    files = [{"sha256": HTML_SHA, "size": 2**63, "media_type": "text/html", "role": "body"}]
    signed_bundle(stick / "a-huge-size.satchel", article_dict(files=files))
    entries = good_entries()
    raw_bundle(stick / "b-parts.satchel", entries, None,
               manifest=manifest_bytes(entries, part=10**30, parts=10**30))
    make_bundle(stick / "c-good.satchel", KEY, [draft("c1")])
    summary = import_into(library_root, [stick])
    assert [(Path(f.path).name, f.status) for f in summary.files] == [
        ("a-huge-size.satchel", FileStatus.REJECTED),
        ("b-parts.satchel", FileStatus.REJECTED),
        ("c-good.satchel", FileStatus.IMPORTED),
    ]
    with Library.open(library_root) as library:
        assert sorted(r.article_id for r in library.articles.rows()) == ["c1", "g1"]
        assert library.check(repair=False).ok


@pytest.mark.parametrize("point", ["verified", "before-rename", "before-commit"])
def test_an_unexpected_error_in_one_file_is_that_files_result_and_the_rest_import(
    library_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point: str
) -> None:
    """Any exception while importing one file (here a fault raised at a named step,
    inside the file's transaction, standing for a bug) becomes that file's one-line
    result; its transaction and staged blobs are undone; the next files import."""
    from tests.reader.conftest import noisy_png

    stick = tmp_path / "stick"
    stick.mkdir()
    paths = [make_bundle(stick / f"{n}.satchel", KEY,
                         [draft(f"{n}1", images={"photo.png": noisy_png(seed=i)})])
             for i, n in enumerate("abc")]
    monkeypatch.setenv("SATCHEL_FAULT", f"{point}:error:2")
    faults.reset()
    summary = import_into(library_root, [stick])
    monkeypatch.delenv("SATCHEL_FAULT")
    faults.reset()
    assert [f.status for f in summary.files] == [
        FileStatus.IMPORTED, FileStatus.REJECTED, FileStatus.IMPORTED]
    failed = summary.files[1]
    assert failed.error_type == "RuntimeError"
    assert failed.reason == (f"{paths[1]}: not imported: unexpected error "
                             f"(RuntimeError: fault at {point}); nothing of it was kept")
    assert "\n" not in failed.reason
    with Library.open(library_root) as library:
        assert sorted(r.article_id for r in library.articles.rows()) == ["a1", "c1", "g1"]
        assert library.check(repair=False).ok
        assert len(list(library.store.stored_files())) == 2
        staging = library.paths.staging
        assert not staging.exists() or not any(staging.iterdir())


# -- folder walks ------------------------------------------------------------------------

DEPTH = 1_900


@pytest.fixture
def deep_folder(tmp_path: Path) -> Iterator[Path]:
    """1,900 nested folders (made and removed without recursion: os.makedirs and
    shutil.rmtree recurse once per level on this Python), a bundle at depth 2 and
    one at the bottom."""
    top = tmp_path / "deep"
    path = str(top)
    os.mkdir(path)
    levels = [path]
    for _ in range(DEPTH):
        path = os.path.join(path, "d")
        os.mkdir(path)
        levels.append(path)
    make_bundle(Path(levels[2]) / "shallow.satchel", KEY, [draft("s1")])
    make_bundle(Path(levels[-1]) / "bottom.satchel", KEY, [draft("b1")])
    yield top
    for level in reversed(levels):
        for name in os.listdir(level):
            if not os.path.isdir(os.path.join(level, name)):
                os.unlink(os.path.join(level, name))
        os.rmdir(level)


def test_1900_nested_folders_do_not_crash_finding_bundles(deep_folder: Path) -> None:
    found = find_bundle_files([deep_folder])
    assert [p.name for p in found] == ["shallow.satchel"]


def test_1900_nested_folders_import_what_is_in_reach_and_say_what_was_not(
    library_root: Path, deep_folder: Path
) -> None:
    summary = import_into(library_root, [deep_folder])
    assert [(Path(f.path).name, f.status) for f in summary.files] == [
        ("shallow.satchel", FileStatus.IMPORTED), ("d", FileStatus.UNREADABLE)]
    too_deep = summary.files[1]
    assert too_deep.reason == (f"{too_deep.path}: folders nested deeper than 32 levels; "
                               "nothing below was searched")
    assert too_deep.path == str(deep_folder / "/".join(["d"] * 33))


def test_1900_nested_folders_do_not_crash_drive_scanning(deep_folder: Path) -> None:
    assert [b.path.name for b in find_bundles(deep_folder)] == ["shallow.satchel"]


def test_1900_nested_folders_do_not_crash_the_publishing_sources(deep_folder: Path) -> None:
    (deep_folder / "d" / "post.md").write_text(
        "---\ntitle: A post\nlanguage: en\n---\nSome words.\n", encoding="utf-8")
    (deep_folder / "d" / "page.html").write_text(
        "<html><head><title>A page</title></head><body><article><p>"
        + "Words of a saved page. " * 40 + "</p></article></body></html>", encoding="utf-8")
    markdown = list(markdown_items([deep_folder], lang="en"))
    assert [Path(i.label).name for i in markdown] == ["post.md"]
    pages = list(page_items([deep_folder], lang="en"))
    assert [Path(i.label).name for i in pages] == ["page.html"]


def test_folder_walks_never_follow_links(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    make_bundle(outside / "private.satchel", KEY, [draft("p1")])
    (outside / "post.md").write_text("---\ntitle: Private\nlanguage: en\n---\nSecret.\n",
                                     encoding="utf-8")
    stick = tmp_path / "stick"
    stick.mkdir()
    make_bundle(stick / "public.satchel", KEY, [draft("o1")])
    (stick / "linked-folder").symlink_to(outside, target_is_directory=True)
    (stick / "linked.satchel").symlink_to(outside / "private.satchel")
    (stick / "linked.md").symlink_to(outside / "post.md")
    (stick / "empty.satchel").touch()  # a regular file: found (and rejected on import)
    os.mkfifo(stick / "pipe.satchel")  # not a regular file: never listed
    assert [p.name for p in find_bundle_files([stick])] == ["empty.satchel", "public.satchel"]
    assert [b.path.name for b in find_bundles(stick)] == ["empty.satchel", "public.satchel"]
    # The packer says which links it did not follow out of its input (test_packer_input.py).
    *links, refusal = markdown_items([stick], lang="en")
    assert [Path(i.label).name for i in links] == ["linked-folder", "linked.md"]
    assert all(i.draft is None and "outside the input folder" in i.error for i in links)
    assert refusal.draft is None and refusal.error == f"{stick}: has no Markdown files (*.md)"
