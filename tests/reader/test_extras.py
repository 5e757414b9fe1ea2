"""The core installs alone: the CLI's reading and checking commands work without the
desktop or publishing libraries, and a front end whose extra is missing says in one
line what to install (exit 3).

Each run is a real `satchel` process in which the extras' libraries cannot be imported
(`sys.modules[name] = None` makes `import name` fail, as in a venv without them); CI
also runs the core's tests in a venv that really lacks them (`.ci/run`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.factory import draft, make_bundle, publisher

REPO = Path(__file__).resolve().parents[2]
WELCOME = REPO / "examples" / "welcome.satchel"
EXTRAS_LIBRARIES = ("PySide6", "shiboken6", "feedparser", "trafilatura", "lxml",
                    "lxml_html_clean", "waitress", "jinja2", "markupsafe", "segno", "psutil",
                    "ui")

RUN = """
import sys
for name in {blocked!r}:
    sys.modules[name] = None
from reader.cli import main
code = main(sys.argv[1:])
loaded = sorted(name.split(".")[0] for name, module in sys.modules.items() if module is not None)
sys.stderr.write("\\nLOADED " + " ".join(sorted(set(loaded))) + "\\n")
sys.exit(code)
"""


def satchel(*args: str, blocked: tuple[str, ...] = EXTRAS_LIBRARIES,
            env: dict[str, str] | None = None) -> tuple[int, str, str, set[str]]:
    done = subprocess.run([sys.executable, "-c", RUN.format(blocked=blocked), *args],
                          capture_output=True, text=True, cwd=REPO, timeout=120, env=env)
    err, _, loaded = done.stderr.rpartition("\nLOADED ")
    return done.returncode, done.stdout, err, set(loaded.split())


def test_reading_commands_run_with_the_core_alone(tmp_path: Path) -> None:
    library = str(tmp_path / "library")
    for args in (["--version"], ["verify", str(WELCOME)], ["--library", library, "import",
                 str(WELCOME)], ["--library", library, "list", "--json"],
                 ["--library", library, "search", "fingerprint", "--json"],
                 ["--library", library, "trust", "list"], ["--library", library, "check"]):
        code, out, err, loaded = satchel(*args)
        assert code == 0, (args, out, err)
        assert not loaded & set(EXTRAS_LIBRARIES), (args, loaded & set(EXTRAS_LIBRARIES))
    hits = json.loads(satchel("--library", library, "search", "fingerprint", "--json")[1])
    assert hits and all(h["publisher"] for h in hits)


def test_packing_a_source_folder_and_markdown_needs_no_publishing_library(tmp_path: Path
                                                                          ) -> None:
    key = tmp_path / "k.key"
    code, _, err, _ = satchel("key", "new", "--name", "Core News", "--out", str(key),
                              "--no-passphrase")
    assert code == 0, err
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "hello.md").write_text("# Hello\n\nA post from a relay without the extras.\n")
    code, out, err, loaded = satchel("pack", "--from-markdown", str(posts), "--lang", "en",
                                     "--key", str(key), "--out", str(tmp_path / "o.satchel"))
    assert code == 0, (out, err)
    assert not loaded & set(EXTRAS_LIBRARIES)


def test_desktop_app_without_its_extra_says_what_to_install(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for args in ([], ["--library", str(tmp_path / "l")], ["open", str(WELCOME)]):
        code, out, err, _ = satchel(*args, env=env)
        assert code == 3, (args, out, err)
        assert err.strip().splitlines() == [
            'satchel: the desktop reader is not installed (it needs PySide6); install it '
            'with: pip install "satchel[desktop]" (the command-line tools work without it: '
            'satchel --help)']


def test_feeds_and_pages_without_the_publish_extra_say_what_to_install(tmp_path: Path
                                                                       ) -> None:
    key = publisher("Feed News", seed=5)
    key_path = tmp_path / "k.key"
    key.encrypted = True
    key.save(key_path, b"a passphrase nobody is asked for")
    (tmp_path / "feed.xml").write_text("<rss/>")
    for option, lacking in (("--from-feed", "feedparser and trafilatura"),
                            ("--from-html", "feedparser and trafilatura")):
        code, out, err, _ = satchel("pack", option, str(tmp_path / "feed.xml"), "--key",
                                    str(key_path), "--out", str(tmp_path / "o.satchel"))
        assert code == 3, (option, out, err)
        # One line, before any passphrase is asked for (stdin is not a terminal here:
        # asking would have been a usage error, 2).
        assert err.strip().splitlines() == [
            f'satchel: {option} needs {lacking}, which are not installed; install it with: '
            'pip install "satchel[publish]"']
    assert not (tmp_path / "o.satchel").exists()


def test_a_bundle_packed_with_the_core_alone_verifies(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path / "b.satchel", publisher("Core", seed=8), [draft("a1")])
    code, out, err, _ = satchel("verify", "--json", str(bundle))
    assert code == 0, err
    assert json.loads(out)[0]["ok"] is True


def test_serving_without_the_serve_extra_says_what_to_install(tmp_path: Path) -> None:
    code, out, err, loaded = satchel("--library", str(tmp_path / "l"), "serve", "--port", "0")
    assert code == 3, (out, err)
    assert err.strip().splitlines() == [
        'satchel: satchel serve needs waitress and jinja2 and segno and psutil, which are not '
        'installed; install it with: pip install "satchel[serve]"']
    assert out == ""
    assert not (tmp_path / "l").exists()


def test_a_protected_library_needs_no_extra(tmp_path: Path) -> None:
    """sqlcipher3 is in the core, as `satchel protect` is."""
    library = str(tmp_path / "library")
    secret = tmp_path / "passphrase"
    secret.write_text("a long passphrase for the core alone\n")
    code, out, err, _ = satchel("--library", library, "import", str(WELCOME))
    assert code == 0, err
    code, out, err, loaded = satchel("--library", library, "--library-passphrase-file",
                                     str(secret), "protect",
                                     "--new-passphrase-file", str(secret))
    assert code == 0, (out, err)
    code, out, err, loaded = satchel("--library", library, "--library-passphrase-file",
                                     str(secret), "search", "fingerprint", "--json")
    assert code == 0, (out, err)
    assert json.loads(out)
    assert "sqlcipher3" in loaded and not loaded & set(EXTRAS_LIBRARIES)
