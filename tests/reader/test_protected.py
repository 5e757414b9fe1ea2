"""A protected library (issue 18): nothing readable on disk, passphrases, panic, duress,
converting in place with kills at every step, and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import Library, protect
from reader.errors import PassphraseNeeded, VaultError, WrongPassphrase
from reader.paths import LibraryPaths
from reader.vault import KeyFile, new_kdf
from tests.protected import (
    ARTICLES,
    FAST,
    PASSPHRASE,
    QUERIES,
    imported_library,
    make_bundles,
    needles,
    protect_library,
    scan,
)

REPO = Path(__file__).resolve().parents[2]
WELCOME = REPO / "examples" / "welcome.satchel"


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return make_bundles(tmp_path_factory.mktemp("bundles"))


def _use(library: Library) -> None:
    """Search every script, open and read every article: what a reader does."""
    for language, query in QUERIES.items():
        page = library.search(query)
        assert page.total == 1, (language, query)
    for row in library.articles.rows():
        view = library.articles.open(row.key)
        assert view.html
        for image in view.images:
            assert library.articles.blob(view.id, image.sha256).startswith(b"\x89PNG")


def _titles(library: Library) -> set[str]:
    return {row.title for row in library.articles.rows()}


# -- nothing readable -------------------------------------------------------------------


def test_an_unprotected_library_shows_every_word_to_the_scan(tmp_path, bundles):
    """The control: the scan finds the words where they are readable (else it proves nothing)."""
    root = imported_library(tmp_path / "lib", bundles)
    with Library.open(root) as library:
        _use(library)
    hits = scan([root])
    found = {word for _, word, _ in hits}
    for name, title, _body, _tags in ARTICLES.values():
        assert name in found and title in found
    assert any(path.endswith(".trm") or "/index/" in path for path, _, _ in hits)


def test_a_library_protected_in_place_holds_no_readable_article_text(tmp_path, bundles):
    root = imported_library(tmp_path / "lib", bundles)
    with Library.open(root) as library:
        before = _titles(library)
        library.check(repair=False)
    protect_library(root)
    with Library.open(root, passphrase=PASSPHRASE) as library:
        assert library.protected
        assert _titles(library) == before
        _use(library)
        assert library.check(repair=False).ok
    assert scan([root]) == []
    assert sorted(p.name for p in root.iterdir()) == [
        "index", "library.key", "library.lock", "library.sqlite3", "store"]


def test_a_library_protected_first_then_filled_holds_no_readable_article_text(tmp_path,
                                                                              bundles):
    root = tmp_path / "lib"
    protect_library(root)  # the first run's offer: protect before any import
    with Library.open(root, passphrase=PASSPHRASE) as library:
        library.import_paths(bundles)
        _use(library)
        library.settings.set("export.packer_name", "Thornbury Gazette")
        assert library.check(repair=False).ok
    assert scan([root]) == []


def test_blob_files_are_named_and_sized_so_no_known_file_is_recognised(tmp_path, bundles):
    root = tmp_path / "lib"
    protect_library(root)
    with Library.open(root, passphrase=PASSPHRASE) as library:
        library.import_paths(bundles)
        rows = library.catalog.rows("SELECT sha256, size FROM blobs WHERE in_file = 1")
        assert rows
        files = {name: path for name, path in library.store.stored_files()}
    for row in rows:
        assert row["sha256"] not in files  # named by an HMAC, not the content's hash
    sizes = {path.stat().st_size for path in files.values()}
    assert not sizes & {row["size"] for row in rows}
    for path in files.values():
        assert bytes.fromhex(rows[0]["sha256"]) not in path.read_bytes()


# -- passphrases ------------------------------------------------------------------------


def test_a_protected_library_needs_its_passphrase(tmp_path, bundles):
    root = imported_library(tmp_path / "lib", bundles)
    protect_library(root)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    with pytest.raises(PassphraseNeeded):
        Library.open(root)
    with pytest.raises(WrongPassphrase):
        Library.open(root, passphrase="not the passphrase")
    with pytest.raises(WrongPassphrase):
        Library.open(root, readonly=True, passphrase="not the passphrase")
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert after.keys() == before.keys()
    assert all(after[p] == before[p] for p in before if p.name != "library.lock")


def test_changing_the_passphrase_rewraps_the_key_only(tmp_path, bundles):
    root = imported_library(tmp_path / "lib", bundles)
    protect_library(root)
    paths = LibraryPaths(root)
    others = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()
              and p.name not in ("library.key", "library.lock")}
    protect.change_passphrase(paths, PASSPHRASE.encode(), b"a new passphrase")
    assert {p: p.read_bytes() for p in others} == others
    with pytest.raises(WrongPassphrase):
        Library.open(root, passphrase=PASSPHRASE)
    with Library.open(root, passphrase="a new passphrase", readonly=True) as library:
        assert len(library.articles.rows()) == 4
    with pytest.raises(WrongPassphrase):
        protect.change_passphrase(paths, PASSPHRASE.encode(), b"another one")


def test_after_panic_the_right_passphrase_fails_and_nothing_is_left(tmp_path, bundles):
    root = imported_library(tmp_path / "lib", bundles)
    protect_library(root)
    with Library.open(root, passphrase=PASSPHRASE) as library:
        _use(library)
    result = protect.panic(LibraryPaths(root))
    assert result.had_key and result.key_seconds < result.total_seconds
    with pytest.raises(VaultError):
        Library.open(root, passphrase=PASSPHRASE)
    assert scan([root]) == []
    assert [p.name for p in root.iterdir()] == ["library.lock"]


def test_panic_destroys_the_key_even_when_the_rest_cannot_be_removed(tmp_path, bundles):
    """The key goes first: whatever happens to the rest, it is noise."""
    root = imported_library(tmp_path / "lib", bundles)
    protect_library(root)
    protect.panic(LibraryPaths(root), remove_rest=False)
    assert not (root / "library.key").exists()
    with pytest.raises(VaultError):
        Library.open(root, passphrase=PASSPHRASE)
    with pytest.raises(VaultError, match="key file is gone"):
        KeyFile.read(root / "library.key")
    assert scan([root]) == []


def test_the_duress_passphrase_destroys_the_library_and_opens_the_welcome_bundle(tmp_path,
                                                                                 bundles):
    root = imported_library(tmp_path / "lib", bundles)
    protect_library(root)
    paths = LibraryPaths(root)
    size_without = len((root / "library.key").read_bytes())
    protect.set_duress(paths, PASSPHRASE.encode(), b"my duress words")
    # The file does not say whether a duress passphrase exists.
    assert abs(len((root / "library.key").read_bytes()) - size_without) <= 2
    with Library.open(root, passphrase="my duress words") as library:
        titles = _titles(library)
        assert titles and not titles & {a[1] for a in ARTICLES.values()}
        assert library.protected
    with pytest.raises(WrongPassphrase):
        Library.open(root, passphrase=PASSPHRASE)  # the real library is gone for good
    with Library.open(root, passphrase="my duress words") as library:
        assert _titles(library) == titles  # and it stays a plausible library
    assert scan([root]) == []


def test_the_duress_passphrase_cannot_change_anything(tmp_path):
    root = tmp_path / "lib"
    protect_library(root)
    paths = LibraryPaths(root)
    protect.set_duress(paths, PASSPHRASE.encode(), b"my duress words")
    with pytest.raises(WrongPassphrase):
        protect.change_passphrase(paths, b"my duress words", b"taking it over")
    with pytest.raises(VaultError):
        protect.set_duress(paths, PASSPHRASE.encode(), PASSPHRASE.encode())
    protect.set_duress(paths, PASSPHRASE.encode(), None)
    with pytest.raises(WrongPassphrase):
        Library.open(root, passphrase="my duress words")


def test_a_passphrase_given_for_an_unprotected_library_is_refused(tmp_path, bundles):
    """After a panic a script that still passes the passphrase must not fill a plain library."""
    root = imported_library(tmp_path / "lib", bundles)
    with pytest.raises(VaultError, match="not protected"):
        Library.open(root, passphrase=PASSPHRASE)


# -- converting in place, killed at every step ------------------------------------------

PROTECT = f"""
import sys
from reader import protect
from reader.lock import LibraryLock
from reader.paths import LibraryPaths
from reader.vault import new_kdf
paths = LibraryPaths(__import__("pathlib").Path(sys.argv[1]))
lock = LibraryLock(paths.lock)
lock.acquire()
protect.protect(paths, sys.argv[2].encode(), kdf=new_kdf({FAST!r}))
"""
CHANGE = """
import sys
from reader import protect
from reader.paths import LibraryPaths
protect.change_passphrase(LibraryPaths(__import__("pathlib").Path(sys.argv[1])),
                          sys.argv[2].encode(), sys.argv[3].encode())
"""
PROTECT_POINTS = ["vault-write", "protect-key", "protect-catalog", "protect-blob",
                  "protect-blob:kill:3", "protect-store", "protect-index", "protect-commit",
                  "protect-move-catalog", "protect-move-part", "protect-move-part:kill:2"]


def _run(script: str, *args: str, fault: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SATCHEL_FAULT": fault, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", script, *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def _opens_with_old_or_new(root: Path, titles: set[str], old: str | None, new: str) -> str:
    """The library opens with exactly one of the two, whole; returns which."""
    outcomes = []
    for passphrase in (old, new):
        try:
            library = Library.open(root, passphrase=passphrase)
        except (WrongPassphrase, PassphraseNeeded, VaultError):
            continue
        with library:
            assert _titles(library) == titles
            assert library.check(repair=False).ok
            _use(library)
        outcomes.append("old" if passphrase == old else "new")
    assert len(outcomes) == 1, outcomes
    return outcomes[0]


@pytest.mark.slow
@pytest.mark.parametrize("point", PROTECT_POINTS)
def test_protecting_killed_at_each_step_leaves_the_old_library_or_the_new(tmp_path, bundles,
                                                                          point):
    root = imported_library(tmp_path / "lib", bundles)
    with Library.open(root) as library:
        titles = _titles(library)
    result = _run(PROTECT, str(root), PASSPHRASE, fault=f"{point}" if ":" in point
                  else f"{point}:kill")
    assert result.returncode == -9, result.stderr
    which = _opens_with_old_or_new(root, titles, None, PASSPHRASE)
    assert which == ("new" if point.startswith(("protect-commit", "protect-move")) else "old")
    if which == "new":
        assert scan([root]) == []
    assert not (root / "protecting").exists() and not (root / "discarding").exists()


@pytest.mark.slow
@pytest.mark.parametrize("point", ["vault-write"])
def test_changing_the_passphrase_killed_leaves_the_old_or_the_new(tmp_path, bundles, point):
    root = imported_library(tmp_path / "lib", bundles)
    protect_library(root)
    with Library.open(root, passphrase=PASSPHRASE) as library:
        titles = _titles(library)
    result = _run(CHANGE, str(root), PASSPHRASE, "the new passphrase", fault=f"{point}:kill")
    assert result.returncode == -9, result.stderr
    assert _opens_with_old_or_new(root, titles, PASSPHRASE, "the new passphrase") == "old"
    result = _run(CHANGE, str(root), PASSPHRASE, "the new passphrase", fault="vault-written")
    assert result.returncode == -9, result.stderr
    assert _opens_with_old_or_new(root, titles, PASSPHRASE, "the new passphrase") == "new"


# -- the command line -------------------------------------------------------------------


def _satchel(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SATCHEL_FAULT", None)
    return subprocess.run([sys.executable, "-m", "reader.cli", *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=180, input=stdin)


@pytest.mark.slow
def test_cli_protect_then_every_command_needs_the_passphrase(tmp_path, bundles):
    root = tmp_path / "lib"
    secret, wrong = tmp_path / "pass", tmp_path / "wrong"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    lib = ["--library", str(root)]
    assert _satchel(*lib, "import", *map(str, bundles)).returncode == 0
    done = _satchel(*lib, "protect", "--new-passphrase-file", str(secret))
    assert done.returncode == 0, done.stderr
    for command in (["list"], ["search", "Боллоев"], ["import", str(WELCOME)], ["check"]):
        refused = _satchel(*lib, *command)
        assert refused.returncode == 3 and len(refused.stderr.strip().splitlines()) == 1, refused
        assert "--library-passphrase-file" in refused.stderr
        refused = _satchel(*lib, "--library-passphrase-file", str(wrong), *command)
        assert refused.returncode == 3, refused
        assert refused.stderr.strip().splitlines() == [
            f"satchel: {root / 'library.key'}: the passphrase is wrong"]
    given = ["--library-passphrase-file", str(secret)]
    found = _satchel(*lib, *given, "search", "Боллоев", "--json")
    assert found.returncode == 0, found.stderr
    assert [hit["language"] for hit in json.loads(found.stdout)] == ["ru"]
    listed = _satchel(*lib, *given, "list", "--json")
    assert len(json.loads(listed.stdout)) == 4
    assert _satchel(*lib, *given, "check").returncode == 0
    assert scan([root]) == []
    gone = _satchel(*lib, "panic")
    assert gone.returncode == 0 and "destroyed" in gone.stdout
    after = _satchel(*lib, *given, "list")
    assert after.returncode == 3 and "not protected" in after.stderr
    assert [p.name for p in root.iterdir()] == ["library.lock"]


def test_protect_refuses_a_protected_library_and_a_short_passphrase(tmp_path):
    root = tmp_path / "lib"
    protect_library(root)
    short = tmp_path / "short"
    short.write_text("abc\n", encoding="utf-8")
    from reader.cli import main

    assert main(["--library", str(root), "protect", "--new-passphrase-file", str(short)]) == 2
    assert main(["--library", str(tmp_path / "other"), "protect",
                 "--new-passphrase-file", str(short)]) == 2
    assert not (tmp_path / "other" / "library.key").exists()


def test_fast_parameters_are_within_the_bounds_and_the_defaults_too():
    new_kdf(FAST)
    new_kdf()
    assert needles()
