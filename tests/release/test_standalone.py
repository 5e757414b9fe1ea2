"""The standalone build runs on a machine with no Python: every check here runs its
`satchel` with an empty environment (`env -i`: no PYTHONPATH, no virtual environment,
PATH holding only an empty folder), as the installed command would be run.

The build takes about a minute: `scripts/build-standalone` makes it, and `.ci/run` runs
these tests on it in a step of their own (SATCHEL_STANDALONE names the folder). The
GUI check uses ui/smoke.py: the frozen reader quits by itself once the first run's
welcome bundle is imported.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.factory import draft, make_bundle, publisher

REPO = Path(__file__).resolve().parents[2]
WELCOME = REPO / "examples" / "welcome.satchel"
FOLDER = os.environ.get("SATCHEL_STANDALONE", "")

pytestmark = pytest.mark.skipif(
    not FOLDER, reason="no standalone build named: scripts/build-standalone, then "
    "SATCHEL_STANDALONE=dist/satchel-<version>-linux-x86_64 (.ci/run does both)")


def version() -> str:
    import tomllib

    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]


@pytest.fixture(scope="module")
def exe() -> Path:
    path = Path(FOLDER).resolve() / "satchel"
    assert path.is_file(), f"{path}: no standalone build there"
    return path


def run(exe: Path, tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    empty = tmp_path / "no-python-here"
    empty.mkdir(exist_ok=True)
    return subprocess.run(["env", "-i", f"PATH={empty}", f"HOME={tmp_path}",
                           *(f"{k}={v}" for k, v in env.items()), str(exe), *args],
                          capture_output=True, text=True, timeout=180, cwd=tmp_path)


def test_version_is_the_projects(exe: Path, tmp_path: Path) -> None:
    done = run(exe, tmp_path, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"satchel {version()}"


def test_verify_import_search_list_check_and_rebuild(exe: Path, tmp_path: Path) -> None:
    library = str(tmp_path / "library")
    done = run(exe, tmp_path, "verify", str(WELCOME))
    assert done.returncode == 0 and done.stdout.startswith("OK"), done.stdout + done.stderr
    done = run(exe, tmp_path, "--library", library, "import", str(WELCOME))
    assert done.returncode == 0, done.stderr
    assert "imported (16 new articles)" in done.stdout
    done = run(exe, tmp_path, "--library", library, "search", "fingerprint", "--json")
    hits = json.loads(done.stdout)
    assert done.returncode == 0 and hits
    assert {"publisher", "article_id", "version", "title", "language", "snippet"} <= set(hits[0])
    rows = json.loads(run(exe, tmp_path, "--library", library, "list", "--json").stdout)
    assert len(rows) == 16
    # The index's workers are processes of the frozen program (forked on Linux).
    done = run(exe, tmp_path, "--library", library, "index", "rebuild")
    assert done.returncode == 0, done.stderr
    done = run(exe, tmp_path, "--library", library, "check")
    assert done.returncode == 0 and "Library OK." in done.stdout, done.stdout + done.stderr


def test_a_tampered_bundle_is_refused(exe: Path, tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path / "b.satchel", publisher("Frozen News", seed=9),
                         [draft("a1")])
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x20  # inside an entry's data: a hash or its CRC no longer matches
    bundle.write_bytes(bytes(data))
    done = run(exe, tmp_path, "verify", str(bundle))
    assert done.returncode == 1
    assert done.stdout.startswith("REJECTED")


def test_a_publisher_packs_with_the_standalone(exe: Path, tmp_path: Path) -> None:
    done = run(exe, tmp_path, "key", "new", "--name", "Frozen News", "--out", "k.key",
               "--no-passphrase")
    assert done.returncode == 0, done.stderr
    article = tmp_path / "src" / "hello"
    article.mkdir(parents=True)
    (article / "article.toml").write_text('title = "Hello"\nlanguage = "en"\n')
    (article / "body.md").write_text("Hello from a machine with no Python.\n")
    done = run(exe, tmp_path, "pack", "src", "--key", "k.key", "--out", "o.satchel")
    assert done.returncode == 0, done.stderr
    assert run(exe, tmp_path, "verify", "o.satchel").returncode == 0
    # Feeds and saved pages are a relay's work: the publish extra, not in this build.
    done = run(exe, tmp_path, "pack", "--from-feed", "feed.xml", "--key", "k.key", "--out",
               "f.satchel")
    assert done.returncode == 3
    assert 'pip install "satchel[publish]"' in done.stderr


def test_desktop_reader_imports_the_welcome_bundle_offscreen(exe: Path, tmp_path: Path
                                                             ) -> None:
    library = str(tmp_path / "library")
    done = run(exe, tmp_path, "--library", library, QT_QPA_PLATFORM="offscreen",
               SATCHEL_SMOKE="welcome")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("smoke welcome ")
    rows = json.loads(run(exe, tmp_path, "--library", library, "list", "--json").stdout)
    assert len(rows) == 16
    assert {r["language"] for r in rows} == {"en", "ru", "kk", "fa"}


def test_no_display_is_one_line_and_exit_3(exe: Path, tmp_path: Path) -> None:
    done = run(exe, tmp_path, "--library", str(tmp_path / "l"))
    assert done.returncode == 3
    assert done.stderr.strip().splitlines() == [
        "satchel: no display found, so the desktop reader cannot start; the command-line "
        "tools work without one: see `satchel --help`"]


def test_a_protected_library_opens_in_the_standalone(exe: Path, tmp_path: Path) -> None:
    """sqlcipher3 (the core's, imported only for a protected library) is in the build."""
    library = str(tmp_path / "library")
    secret = tmp_path / "passphrase"
    secret.write_text("a long passphrase for the frozen build\n")
    assert run(exe, tmp_path, "--library", library, "import", str(WELCOME)).returncode == 0
    done = run(exe, tmp_path, "--library", library, "--library-passphrase-file", str(secret),
               "protect", "--new-passphrase-file", str(secret))
    assert done.returncode == 0, done.stdout + done.stderr
    done = run(exe, tmp_path, "--library", library, "--library-passphrase-file", str(secret),
               "search", "fingerprint", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)


def test_the_reading_room_serves_pages_from_the_standalone(exe: Path, tmp_path: Path) -> None:
    """waitress, Jinja2 and reader/web's templates and stylesheet are in the build."""
    import signal
    import socket

    library = str(tmp_path / "library")
    assert run(exe, tmp_path, "--library", library, "import", str(WELCOME)).returncode == 0
    empty = tmp_path / "no-python-here"
    process = subprocess.Popen(["env", "-i", f"PATH={empty}", f"HOME={tmp_path}", str(exe),
                                "--library", library, "serve", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline().decode().rstrip("\n")
        assert first.startswith("http://127.0.0.1:"), first + process.stderr.read().decode()
        port = int(first.rsplit(":", 1)[1].rstrip("/"))
        pages = {}
        for path in ("/", "/search?q=fingerprint"):
            with socket.create_connection(("127.0.0.1", port), 30) as sock:
                sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                             "Connection: close\r\n\r\n".encode())
                pages[path] = b"".join(iter(lambda s=sock: s.recv(65536), b""))
        os.killpg(process.pid, signal.SIGINT)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
    for path, page in pages.items():
        assert page.startswith(b"HTTP/1.1 200"), (path, page[:300])
        assert b"</html>" in page
    assert b"<link" in pages["/"] or b"<style" in pages["/"]
