"""Removing a bundle's or a publisher's articles, and `check` reclaiming space."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import FileStatus, Library
from reader.errors import NotFound
from reader.removal import resolve_bundle
from tests.reader.conftest import bundle, draft, noisy_png, publisher, tree

REPO = Path(__file__).resolve().parents[2]


def _keys(library: Library) -> dict[str, int]:
    """Current article keys and their current version numbers."""
    return {f"{r['publisher'][:4]}/{r['article_id']}": r["version"] for r in library.catalog.rows(
        "SELECT a.publisher, a.article_id, v.version FROM articles a "
        "JOIN versions v ON v.id = a.shown")}


def _store_files(library: Library) -> set[str]:
    return {name for name, _ in library.store.stored_files()}


@pytest.fixture
def two_bundles(tmp_path: Path) -> tuple[Path, Path, str]:
    """A: a1 (with its own photo) and a2; B: the same a2 and a3. Returns A, B and the
    publisher id."""
    key = publisher("Remove News")
    a = bundle(tmp_path / "a.satchel", key, [
        draft("a1", images={"photo.png": noisy_png(seed=1)}), draft("a2")], title="Week 1")
    b = bundle(tmp_path / "b.satchel", key, [draft("a2"), draft("a3")], title="Week 2")
    return a, b, key.publisher_id


def test_removing_a_bundle_removes_only_what_it_alone_brought(
        library: Library, two_bundles: tuple[Path, Path, str]) -> None:
    a, b, pub = two_bundles
    library.import_paths([a, b])
    p = pub[:4]
    assert _keys(library) == {f"{p}/a1": 1, f"{p}/a2": 1, f"{p}/a3": 1}
    photo_files = _store_files(library)
    assert len(photo_files) == 1  # a1's photo, over the inline cap: a file
    first = resolve_bundle(library, "Week 1")
    plan = library.removal.plan_bundle(first)
    assert _keys(library) == {f"{p}/a1": 1, f"{p}/a2": 1, f"{p}/a3": 1}  # a plan changes nothing
    removal, changes = library.removal.bundle(first)
    assert removal == type(plan)(**{**plan.to_dict(), "done": True})
    assert (removal.articles, removal.versions, removal.kept, removal.bundles) == (1, 1, 1, 1)
    assert removal.blobs == 2 and removal.bytes > 70_000  # a1's body and its photo
    assert changes.articles and changes.bundles and changes.index
    assert _keys(library) == {f"{p}/a2": 1, f"{p}/a3": 1}
    assert _store_files(library) == set()  # the photo's file is gone
    assert [r.title for r in library.bundles.list()] == ["Week 2"]
    assert library.search("a1").total == 0
    report = library.check(repair=False)
    assert report.ok and not report.problems, report.to_dict()
    # Importing the file again brings it all back.
    assert library.import_paths([a]).files[0].new_articles == 1
    assert _keys(library) == {f"{p}/a1": 1, f"{p}/a2": 1, f"{p}/a3": 1}
    assert _store_files(library) == photo_files


def test_removing_a_correction_makes_the_earlier_version_current(
        library: Library, tmp_path: Path) -> None:
    key = publisher()
    first = bundle(tmp_path / "v1.satchel", key, [draft("a1")], title="First")
    second = bundle(tmp_path / "v2.satchel", key,
                    [draft("a1", version=2, status="corrected", title="Corrected")],
                    title="Correction")
    library.import_paths([first, second])
    assert list(_keys(library).values()) == [2]
    removal, _ = library.removal.bundle(resolve_bundle(library, "Correction"))
    assert (removal.articles, removal.versions, removal.updated) == (0, 1, 1)
    assert list(_keys(library).values()) == [1]
    assert library.check(repair=False).ok


def test_removing_a_publisher_keeps_who_they_are_and_others_articles(
        library: Library, tmp_path: Path) -> None:
    ours, theirs = publisher("Ours"), publisher("Theirs")
    only = bundle(tmp_path / "only.satchel", theirs, [draft("t1"), draft("t2")], title="Only")
    from tests.factory import sign_all
    from tests.reader.conftest import bundle_of_signed

    signed_ours, blobs_ours = sign_all(ours, [draft("o1")])
    signed_theirs, blobs_theirs = sign_all(theirs, [draft("t3")])
    (mixed,) = bundle_of_signed(tmp_path / "mixed.satchel", signed_ours + signed_theirs,
                                blobs_ours | blobs_theirs, ours, title="Mixed")
    library.import_paths([only, mixed])
    removal, _ = library.removal.publisher(theirs.publisher_id, block=True)
    assert (removal.articles, removal.versions, removal.bundles) == (3, 3, 1)
    assert removal.blocked and removal.name == "Theirs"
    assert _keys(library) == {f"{ours.publisher_id[:4]}/o1": 1}
    assert [r.title for r in library.bundles.list()] == ["Mixed"]  # still holds o1
    info = library.trust.get(theirs.publisher_id)
    assert str(info.state) == "blocked" and info.history[-1].note == "removed Theirs"
    assert library.check(repair=False).ok
    # The mixed bundle is read again, not skipped: its t3 comes back (blocked: hidden).
    again = library.import_paths([mixed]).files[0]
    assert again.status == FileStatus.IMPORTED and again.new_articles == 1
    assert library.catalog.scalar("SELECT count(*) FROM articles WHERE publisher = ?",
                                  (theirs.publisher_id,)) == 1
    assert library.import_paths([mixed]).files[0].status == FileStatus.ALREADY_HAD


def test_bundles_are_named_as_listed(library: Library, two_bundles: tuple[Path, Path, str]
                                     ) -> None:
    a, b, _ = two_bundles
    library.import_paths([a, b])
    rows = {r.title: r for r in library.bundles.list()}
    week1 = rows["Week 1"]
    for text in (str(week1.id), f"#{week1.id}", week1.bundle_id[:8], "Week 1", "a.satchel"):
        assert resolve_bundle(library, text) == week1.id
    with pytest.raises(NotFound, match="no imported bundle matches 'Week 3'"):
        resolve_bundle(library, "Week 3")


REMOVE_SCRIPT = """
import sys
from reader import FileStatus, Library
from reader.removal import resolve_bundle
with Library.open(sys.argv[1], reconcile_index=False) as library:
    library.removal.bundle(resolve_bundle(library, "Week 1"))
"""


@pytest.mark.parametrize("fault", ["remove-before-commit", "remove-after-commit"])
def test_removal_killed_midway_leaves_all_or_nothing(
        tmp_path: Path, two_bundles: tuple[Path, Path, str], fault: str) -> None:
    a, b, _ = two_bundles
    root = tmp_path / "library"
    with Library.open(root) as library:
        library.import_paths([a, b])
    before = tree(root)
    env = {**os.environ, "SATCHEL_FAULT": f"{fault}:kill", "PYTHONPATH": str(REPO)}
    run = subprocess.run([sys.executable, "-c", REMOVE_SCRIPT, str(root)], env=env, cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == -9, run.stderr  # SIGKILL: no cleanup of any kind
    with Library.open(root) as library:  # collects what the crash left
        assert library.check(repair=False).ok
        titles = [r.title for r in library.bundles.list()]
        files = _store_files(library)
    if fault == "remove-before-commit":
        assert titles == ["Week 2", "Week 1"] and len(files) == 1
        assert tree(root).keys() == before.keys()
    else:
        assert titles == ["Week 2"] and files == set()
        assert not (root / "staging").exists() or not any((root / "staging").iterdir())


def test_check_reclaims_the_space_of_blobs_nothing_uses(library: Library,
                                                        two_bundles: tuple[Path, Path, str]
                                                        ) -> None:
    a, _, _ = two_bundles
    library.import_paths([a])
    # A catalog that names a blob no version uses (as an older Satchel could leave).
    with library.catalog.transaction() as conn:
        conn.execute("DELETE FROM version_files WHERE size > 65536")  # a1's photo
    assert len(_store_files(library)) == 1
    found = library.check(repair=False).problems
    assert [p.message for p in found] == ["a blob no article uses"]
    report = library.check(repair=True)
    assert report.ok
    assert [p.message for p in report.problems if p.subject == "unused blobs"] == [
        f"1 blob(s) no article uses ({len(noisy_png(seed=1)):,} bytes): removed"]
    assert report.garbage_files == 1 and report.garbage_bytes == len(noisy_png(seed=1))
    assert _store_files(library) == set()
    assert library.check(repair=False).problems == []


def satchel(*args: str, root: Path, stdin: str | None = None
            ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SATCHEL_LIBRARY"}
    return subprocess.run([sys.executable, "-m", "reader.cli", "--library", str(root), *args],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
                          input=stdin)


def test_satchel_remove_lists_asks_and_removes(tmp_path: Path,
                                               two_bundles: tuple[Path, Path, str]) -> None:
    a, b, pub = two_bundles
    root = tmp_path / "library"
    with Library.open(root) as library:
        library.import_paths([a, b])
    listed = satchel("remove", "bundle", root=root)
    assert listed.returncode == 0 and "Week 1" in listed.stdout and "[a.satchel]" in listed.stdout
    rows = json.loads(satchel("remove", "bundle", "--json", root=root).stdout)
    assert [r["title"] for r in rows] == ["Week 2", "Week 1"]
    # Not at a terminal and no --yes: nothing happens.
    refused = satchel("remove", "bundle", "Week 1", root=root, stdin="y\n")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert len(json.loads(satchel("remove", "bundle", "--json", root=root).stdout)) == 2
    removed = satchel("remove", "bundle", "a.satchel", "--yes", "--json", root=root)
    assert removed.returncode == 0, removed.stderr
    data = json.loads(removed.stdout)
    assert {k: data[k] for k in ("what", "name", "articles", "versions", "kept", "done")} == {
        "what": "bundle", "name": "Week 1", "articles": 1, "versions": 1, "kept": 1,
        "done": True}
    gone = satchel("remove", "publisher", pub[:8], "--yes", "--block", root=root)
    assert gone.returncode == 0, gone.stderr
    assert gone.stdout.startswith("Removed publisher \u201cRemove News\u201d: 2 article(s)")
    assert "the publisher is blocked" in gone.stdout
    missing = satchel("remove", "bundle", "nothing-like-it", "--yes", root=root)
    assert missing.returncode == 1 and "no imported bundle matches" in missing.stderr
