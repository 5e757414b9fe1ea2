"""The commands of DESIGN.md section 6, run as a user runs them: a real process each."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factory import png

REPO = Path(__file__).resolve().parents[2]


def satchel(*args: str, cwd: Path, env: dict[str, str] | None = None,
            stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    run_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    run_env.pop("SATCHEL_LIBRARY", None)
    return subprocess.run([sys.executable, "-m", "reader.cli", *args], cwd=cwd, env=run_env,
                          capture_output=True, text=True, timeout=300, input=stdin)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    for name, lang, title, body in [
        ("storm", "en", "Storm closes the mountain pass", "The storm closed the pass. ![p](p.png)"),
        ("vybory", "ru", "Выборы перенесли на весну", "Голосование перенесли. Ёлки зелёные."),
        ("bazaar", "fa", "بازار تهران تعطیل شد", "بازار بزرگ امروز تعطیل بود."),
    ]:
        folder = root / "src" / name
        folder.mkdir(parents=True)
        (folder / "article.toml").write_text(
            f'title = "{title}"\nlanguage = "{lang}"\ntags = ["news"]\n'
            'issued = 2026-10-01T08:00:00Z\n', encoding="utf-8")
        (folder / "body.md").write_text(body, encoding="utf-8")
    (root / "src" / "storm" / "p.png").write_bytes(png())
    return root


def test_publisher_and_reader_commands_work_as_documented(workspace) -> None:
    w = workspace
    made = satchel("key", "new", "--name", "Example News", "--out", "example.key",
                   "--no-passphrase", cwd=w)
    assert made.returncode == 0, made.stderr
    assert (w / "example.key").stat().st_mode & 0o777 == 0o600
    packed = satchel("pack", "src", "--key", "example.key", "--out", "news.satchel",
                     "--max-size", "1G", cwd=w)
    assert packed.returncode == 0, packed.stderr
    verified = satchel("verify", "news.satchel", "--json", cwd=w)
    assert verified.returncode == 0, verified.stderr
    (report,) = json.loads(verified.stdout)
    assert report["verdict"] == "OK" and report["article_count"] == 3
    assert report["languages"] == ["en", "fa", "ru"]

    imported = satchel("--library", "lib", "import", "news.satchel", cwd=w)
    assert imported.returncode == 0, imported.stderr
    assert "imported (3 new articles)" in imported.stdout
    again = satchel("--library", "lib", "import", "news.satchel", cwd=w)
    assert again.returncode == 0 and "already imported" in again.stdout

    found = satchel("--library", "lib", "search", "storms", "--json", cwd=w)
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert hits[0]["title"] == "Storm closes the mountain pass"
    assert {"publisher", "article_id", "version", "title", "language", "snippet"} <= set(hits[0])
    russian = satchel("--library", "lib", "search", "елки", "--lang", "ru", "--json", cwd=w)
    assert [h["article_id"] for h in json.loads(russian.stdout)] == ["vybory"]
    persian = satchel("--library", "lib", "search", "بازار", "--limit", "1", "--json", cwd=w)
    assert [h["language"] for h in json.loads(persian.stdout)] == ["fa"]

    listed = satchel("--library", "lib", "list", "--json", cwd=w)
    rows = json.loads(listed.stdout)
    assert sorted(r["article_id"] for r in rows) == ["bazaar", "storm", "vybory"]
    assert all({"publisher", "article_id", "version", "title", "language"} <= set(r)
               for r in rows)


def test_rejected_bundle_exits_1_with_one_line_naming_file_and_entry(workspace) -> None:
    bad = workspace / "zip-slip.satchel"
    corpus = REPO.parent / "shared" / "corpus" / "hostile" / "zip-slip.zip"
    if not corpus.exists():
        pytest.skip(f"corpus absent: {corpus}")
    shutil.copy(corpus, bad)
    result = satchel("--library", "lib2", "import", str(bad), cwd=workspace)
    assert result.returncode == 1
    line = result.stdout.strip()
    assert "\n" not in line and "zip-slip.satchel" in line and "'..'" in line
    listed = satchel("--library", "lib2", "list", "--json", cwd=workspace)
    assert json.loads(listed.stdout) == []


def test_usage_errors_exit_2(workspace) -> None:
    assert satchel("pack", cwd=workspace).returncode == 2
    assert satchel("frobnicate", cwd=workspace).returncode == 2
    no_pass = satchel("key", "new", "--name", "X", "--out", "x.key", cwd=workspace, stdin="")
    assert no_pass.returncode == 2 and "passphrase" in no_pass.stderr


def test_second_writer_gets_library_in_use_exit_3(workspace) -> None:
    from reader.library import Library

    with Library.open(workspace / "lib3"):
        result = satchel("--library", "lib3", "import", "news.satchel", cwd=workspace)
        assert result.returncode == 3
        assert "in use" in result.stderr
        # Readers are never blocked.
        assert satchel("--library", "lib3", "list", cwd=workspace).returncode == 0


def test_encrypted_key_with_passphrase_file(workspace) -> None:
    (workspace / "pass.txt").write_text("correct horse battery\n")
    made = satchel("key", "new", "--name", "Enc", "--out", "enc.key",
                   "--passphrase-file", "pass.txt", cwd=workspace)
    assert made.returncode == 0, made.stderr
    assert b"ENCRYPTED" in (workspace / "enc.key").read_bytes()
    wrong = workspace / "wrong.txt"
    wrong.write_text("nope\n")
    refused = satchel("pack", "src", "--key", "enc.key", "--out", "e.satchel",
                      "--passphrase-file", "wrong.txt", cwd=workspace)
    assert refused.returncode == 1 and "passphrase" in refused.stderr
    ok = satchel("pack", "src", "--key", "enc.key", "--out", "e.satchel",
                 "--passphrase-file", "pass.txt", cwd=workspace)
    assert ok.returncode == 0, ok.stderr


def test_no_display_exits_3_pointing_to_the_command_line(tmp_path) -> None:
    env = {"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    result = satchel("--library", str(tmp_path / "lib"), cwd=tmp_path, env=env)
    assert result.returncode == 3
    assert len(result.stderr.strip().splitlines()) == 1
    assert "satchel --help" in result.stderr


def test_search_says_how_to_rebuild_an_index_from_another_version(tmp_path) -> None:
    from index.manifest import FILENAME

    imported = satchel("--library", "lib", "import", str(REPO / "examples" / "welcome.satchel"),
                       cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    manifest = tmp_path / "lib" / "index" / FILENAME
    fields = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**fields, "analyzer": "an older Satchel's index"}))

    found = satchel("--library", "lib", "search", "fingerprint", cwd=tmp_path)
    assert found.returncode == 1
    (line,) = found.stderr.strip().splitlines()
    assert "index" in line and "another version of Satchel" in line
    assert line.endswith("index rebuild")
    rebuilt = satchel("--library", "lib", "index", "rebuild", cwd=tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stderr
    again = satchel("--library", "lib", "search", "fingerprint", "--json", cwd=tmp_path)
    assert again.returncode == 0 and json.loads(again.stdout)
