"""The catalog file: WAL, schema versions and migrations, the single-writer lock."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader import Library, migrations
from reader.errors import LibraryInUse, SchemaTooNew
from reader.paths import ENV_VAR, library_dir
from tests.reader.conftest import bundle, draft, publisher

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"


def test_new_catalog_is_wal_at_the_newest_schema(library: Library) -> None:
    conn = library.catalog.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert migrations.schema_version(conn) == migrations.SCHEMA_VERSION


def test_older_catalog_is_copied_then_migrated_step_by_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "library"
    Library.open(root).close()
    ran: list[int] = []

    def v2(conn: sqlite3.Connection) -> None:
        ran.append(2)
        conn.execute("ALTER TABLE articles ADD COLUMN starred INTEGER NOT NULL DEFAULT 0")

    old = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, v2])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", old + 1)
    with Library.open(root) as library:
        assert migrations.schema_version(library.catalog.conn) == old + 1
        library.catalog.conn.execute("SELECT starred FROM articles")
    assert ran == [2]
    [backup] = (root / "backups").iterdir()
    assert f".v{old}." in backup.name
    with sqlite3.connect(backup) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == old


def test_failed_migration_step_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "library"
    Library.open(root).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE articles ADD COLUMN half INTEGER")
        raise RuntimeError("step failed half-way")

    old = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, broken])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", old + 1)
    with pytest.raises(RuntimeError):
        Library.open(root)
    conn = sqlite3.connect(root / "library.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == old
    columns = [r[1] for r in conn.execute("PRAGMA table_info(articles)")]
    assert "half" not in columns


def test_a_library_made_at_schema_1_is_migrated_keeping_its_bundles(tmp_path: Path) -> None:
    """Schema 2 (reader/migrations.py) on a catalog made by Satchel at schema 1
    (tests/reader/data/library-v1.sql): the bundles table is rebuilt with a
    manifest digest column (NULL for old rows: they never short-cut an import)
    and without UNIQUE (bundle_id, file_size); every row and reference is kept."""
    root = tmp_path / "library"
    root.mkdir()
    with sqlite3.connect(root / "library.sqlite3") as conn:
        conn.executescript((DATA / "library-v1.sql").read_text(encoding="utf-8"))
        before = conn.execute("SELECT * FROM bundles").fetchall()
        links = conn.execute("SELECT * FROM bundle_versions").fetchall()
    conn.close()
    assert len(before) == 1 and len(links) == 1
    with Library.open(root) as library:
        conn = library.catalog.conn
        assert migrations.schema_version(conn) == migrations.SCHEMA_VERSION
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        rows = [tuple(r) for r in conn.execute(
            "SELECT id, bundle_id, file_size, file_name, file_mtime_ns, set_id, part, parts, "
            "title, created, packer, imported_at, articles, new_versions, new_blobs, new_bytes, "
            "warnings FROM bundles")]
        assert rows == [tuple(r) for r in before]
        assert conn.execute("SELECT manifest_sha256 FROM bundles").fetchall()[0][0] is None
        assert [tuple(r) for r in conn.execute("SELECT * FROM bundle_versions")] == \
            [tuple(r) for r in links]
        indexes = {r[1] for r in conn.execute("PRAGMA index_list(bundles)")}
        assert indexes == {"bundles_manifest", "bundles_size"}  # no UNIQUE left
        [old] = library.bundles.list()
        assert old.file_name == "week43.satchel"
        assert library.bundles.article_ids(old.id) == [r.id for r in library.articles.rows()]
        assert library.check(repair=False).ok
    [backup] = (root / "backups").iterdir()
    assert ".v1." in backup.name


def test_newer_catalog_is_refused_untouched(tmp_path: Path) -> None:
    root = tmp_path / "library"
    Library.open(root).close()
    with sqlite3.connect(root / "library.sqlite3") as conn:
        conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaTooNew, match="newer|knows up to"):
        Library.open(root)


def test_second_writer_gets_library_in_use_with_the_pid(tmp_path: Path) -> None:
    root = tmp_path / "library"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from reader import Library; "
         "lib = Library.open(sys.argv[1]); print('ready', flush=True); time.sleep(60)",
         str(root)],
        cwd=REPO, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(LibraryInUse) as caught:
            Library.open(root)
        assert f"library is in use by another Satchel (pid {holder.pid})" in caught.value.message
        # Readers are never blocked.
        with Library.open(root, readonly=True) as reader:
            assert reader.articles.count() == 0
    finally:
        holder.kill()
        holder.wait()
    Library.open(root).close()  # the OS dropped the lock with the process


def test_library_folder_comes_from_argument_then_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    assert library_dir() == tmp_path / "from-env"
    assert library_dir(tmp_path / "given") == tmp_path / "given"
    monkeypatch.delenv(ENV_VAR)
    assert library_dir().name == "Satchel"


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    root = tmp_path / "library"
    with Library.open(root) as library:
        library.import_paths([bundle(tmp_path / "b.satchel", publisher(), [draft("a1")])])
        library.articles.bookmark(library.articles.ids())
    with Library.open(root) as library:
        assert library.articles.rows()[0].bookmarked
        assert not (root / "library.sqlite3-wal").exists() or \
            (root / "library.sqlite3-wal").stat().st_size == 0


def test_a_catalog_that_is_not_sqlite_is_reported(tmp_path: Path) -> None:
    from reader.errors import LibraryCorrupt

    root = tmp_path / "library"
    root.mkdir()
    (root / "library.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(LibraryCorrupt, match="cannot open the catalog"):
        Library.open(root)
    Library.open(tmp_path / "other").close()  # the lock of the failed open was released
    with pytest.raises(LibraryCorrupt):
        Library.open(root)
