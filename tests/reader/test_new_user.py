"""What a new user tripped on, tried again through the command line with real files.

Each test runs `satchel` as a person would (`reader.cli.main` with the real
streams captured, or a real process where a terminal matters) on real keys,
bundles, libraries and source folders in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bundles.archive import SafeZipReader, ZipWriter
from bundles.bundle import Bundle
from bundles.keys import key_card, read_public
from reader.cli import main
from reader.jalali import is_leap, persian_date, to_jalali
from tests.factory import draft, make_bundle, publisher

REPO = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    key = publisher("Evening Courier", seed=21)
    return make_bundle(tmp_path / "courier.satchel", key, [
        draft("c1", title="Bridge reopens after repairs", issued="2026-10-01T08:00:00Z"),
        draft("c2", title="Bakers share flour", issued="2024-03-20T10:00:00Z"),
    ])


def changed_copy(good: Path, out: Path) -> tuple[Path, str]:
    """`good` with one byte of its article body changed after signing, rebuilt as a
    valid archive (the manifest still lists the old hash)."""
    with SafeZipReader.open(good) as reader:
        entries = {e.name: reader.read(e, 1 << 26) for e in reader.entries}
    body = next(n for n, d in entries.items() if n.startswith("blobs/") and d.startswith(b"<"))
    entries[body] = entries[body].replace(b"Body", b"B0dy", 1)
    writer = ZipWriter(out)
    for name, data in entries.items():
        writer.add(name, data, compress=name != "mimetype")
    writer.close()
    return out, body


def key_file(tmp_path: Path, name: str = "Example News", *, demo: bool = False) -> Path:
    path = tmp_path / ("demo.key" if demo else "example.key")
    key = publisher(name, seed=33 if demo else 34)
    key.demo = demo
    key.save(path, None)
    return path


def article(folder: Path, title: str, *, language: str = "en", body: str = "Some text.") -> None:
    folder.mkdir(parents=True)
    (folder / "article.toml").write_text(f'title = "{title}"\nlanguage = "{language}"\n'
                                         'issued = 2026-10-01T08:00:00Z\n', encoding="utf-8")
    (folder / "body.md").write_text(body, encoding="utf-8")


# ---------------------------------------------------------------- messages


def test_a_copy_cut_short_says_the_file_is_incomplete(capsys, tmp_path, good) -> None:
    cut = tmp_path / "cut.satchel"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    code, out, err = run(capsys, "verify", str(cut))
    assert code == 1
    assert out.startswith(f"REJECTED {cut}: the file is incomplete: it ends after ")
    assert out.count("\n") == 1  # one line per file on stdout, for scripts
    assert "Copy the file again" in err
    assert "central directory" not in out + err and "appended" not in out + err
    code, out, err = run(capsys, "--library", str(tmp_path / "lib"), "import", str(cut),
                         "--json")
    assert code == 1
    (item,) = json.loads(out)["files"]
    assert item["status"] == "rejected" and item["error_type"] == "IncompleteError"
    assert item["reason"].startswith(f"{cut}: the file is incomplete")
    assert "Copy the file again" in item["hint"]


def test_a_changed_entry_says_the_bundle_was_changed_after_it_was_signed(
        capsys, tmp_path, good) -> None:
    bad, entry = changed_copy(good, tmp_path / "changed.satchel")
    code, out, err = run(capsys, "verify", str(bad))
    assert code == 1
    assert out == (f"REJECTED {bad}: the bundle was changed after it was signed: entry "
                   f"{entry!r}: its bytes are not the ones the manifest lists (another "
                   "SHA-256)\n")
    assert "manifest hash" not in out
    assert "Ask for another copy from someone you trust" in err
    code, out, _ = run(capsys, "verify", str(bad), "--json")
    (report,) = json.loads(out)
    assert report["error_type"] == "HashMismatchError" and "changed on purpose" in report["hint"]


def test_a_folder_given_to_verify_is_a_usage_error(capsys, tmp_path, good) -> None:
    for command in ("verify", "inspect"):
        code, out, err = run(capsys, command, str(tmp_path))
        assert code == 2 and out == ""
        assert f"{tmp_path} is a folder" in err and f"satchel import {tmp_path}" in err
        assert "REJECTED" not in err


def test_a_missing_file_is_an_environment_problem_everywhere(capsys, tmp_path, good) -> None:
    missing = str(tmp_path / "missing.satchel")
    lib = str(tmp_path / "lib")
    source = tmp_path / "src"
    article(source / "a1", "Hello")
    key = key_file(tmp_path)
    passphrase_file = str(tmp_path / "no-passphrase.txt")
    for args in (["verify", missing], ["--library", lib, "import", missing],
                 ["pack", str(source), "--key", str(tmp_path / "no.key"), "--out", "o.satchel"],
                 ["key", "new", "--name", "X", "--out", str(tmp_path / "x.key"),
                  "--passphrase-file", passphrase_file],
                 ["key", "show", str(tmp_path / "no.key")],
                 ["--library", lib, "trust", "import", str(tmp_path / "no.card")],
                 ["pack", str(tmp_path / "no-folder"), "--key", str(key), "--out", "o.satchel"],
                 ["pack", "--from-markdown", str(tmp_path / "no-posts"), "--key", str(key),
                  "--out", "o.satchel"],
                 ["--library", lib, "export", str(tmp_path / "out"), "--missing-from",
                  str(tmp_path / "no-have.json")]):
        code, out, err = run(capsys, *args)
        assert code == 3, (args, out, err)
        assert "No such file" in out + err or "no such f" in err, (args, out, err)
    assert not (tmp_path / "x.key").exists()


def test_an_unknown_error_still_says_what_to_do(capsys, tmp_path) -> None:
    code, _, err = run(capsys, "key", "show", str(tmp_path / "no.key"))
    first, hint = err.splitlines()
    assert first == f"satchel: {tmp_path / 'no.key'}: cannot read the key file (No such file " \
                    "or directory)"
    assert hint.startswith("  Check the file's name.")


# ---------------------------------------------------------------- pack


def test_pack_exits_1_when_an_article_was_refused_and_says_which(capsys, tmp_path) -> None:
    key = key_file(tmp_path)
    article(tmp_path / "src" / "good", "A fine title")
    article(tmp_path / "src" / "bad", "A title\\nwith a line break")
    out_file = tmp_path / "news.satchel"
    code, out, err = run(capsys, "pack", str(tmp_path / "src"), "--key", str(key), "--out",
                         str(out_file))
    assert code == 1
    assert f"refused  {tmp_path / 'src' / 'bad'}: title contains a line break" in out
    assert "1 article(s) packed, 1 refused" in out
    assert "1 article(s) refused" in err
    with Bundle.open(out_file) as bundle:  # the others were still packed
        assert [a.payload.article_id for a in bundle.articles] == ["good"]
    code, out, _ = run(capsys, "pack", str(tmp_path / "src"), "--key", str(key), "--out",
                       str(tmp_path / "again.satchel"), "--json")
    assert code == 1 and json.loads(out)["refused"] == 1


def test_nothing_to_pack_says_why(capsys, tmp_path) -> None:
    key = key_file(tmp_path)
    article(tmp_path / "src" / "only", "One article")
    code, out, err = run(capsys, "pack", str(tmp_path / "src" / "only"), "--key", str(key),
                         "--out", str(tmp_path / "o.satchel"))
    assert code == 2 and out == ""
    assert "is itself one article (it holds article.toml)" in err
    assert f"satchel pack {(tmp_path / 'src').resolve()}" in err
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "hello.md").write_text("# Hello\n\nText.\n", encoding="utf-8")
    code, _, err = run(capsys, "pack", str(posts), "--key", str(key), "--out",
                       str(tmp_path / "o.satchel"))
    assert code == 2 and f"--from-markdown {posts}" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, "pack", str(empty), "--key", str(key), "--out",
                       str(tmp_path / "o.satchel"))
    assert code == 2 and "holds no article folder" in err
    assert not (tmp_path / "o.satchel").exists()


def test_markdown_without_front_matter_packs_with_lang_and_a_heading(capsys, tmp_path) -> None:
    key = key_file(tmp_path)
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "power.md").write_text("# Power is back in Almaty\n\nShops reopened at noon.\n",
                                    encoding="utf-8")
    (posts / "notes.md").write_text("Just a line, no heading.\n", encoding="utf-8")
    out_file = tmp_path / "posts.satchel"
    code, out, _ = run(capsys, "pack", "--from-markdown", str(posts), "--lang", "en", "--key",
                       str(key), "--out", str(out_file))
    assert code == 1  # notes.md has no heading to take a title from
    assert "no '# heading' to take its title from" in out
    with Bundle.open(out_file) as bundle:
        (item,) = bundle.articles
        assert (item.payload.title, item.payload.language) == ("Power is back in Almaty", "en")
        body = bundle.read_blob(item.payload.body).decode("utf-8")
    assert "Shops reopened at noon." in body and "Power is back" not in body  # not twice
    code, out, _ = run(capsys, "pack", "--from-markdown", str(posts), "--key", str(key),
                       "--out", str(tmp_path / "none.satchel"))
    assert code == 1 and "has no front matter: give --lang" in out


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Courier</title><language>en</language>
<item><title>Power back</title><guid>p1</guid>
<description>Power returned to most of Almaty on Friday.</description>
<content:encoded><![CDATA[<p>Power returned to most of Almaty on Friday.  Shops
reopened in the afternoon.</p>]]></content:encoded></item>
<item><title>Bread</title><guid>p2</guid><description>Bakers help.</description>
<content:encoded><![CDATA[<p>The bakery on the corner gave flour away.</p>]]></content:encoded>
</item>
<item><title>Short</title><guid>p3</guid><description>All there is to say.</description></item>
</channel></rss>"""


@pytest.mark.publish
def test_a_feed_summary_that_is_its_first_sentence_is_not_shown_twice(capsys, tmp_path) -> None:
    key = key_file(tmp_path)
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED, encoding="utf-8")
    out_file = tmp_path / "feed.satchel"
    code, out, _ = run(capsys, "pack", "--from-feed", str(feed), "--key", str(key), "--out",
                       str(out_file), "--json")
    assert code == 0
    report = {a["title"]: a for a in json.loads(out)["articles"]}
    assert "summary: the text begins with it; left out so it is not shown twice" in \
        report["Power back"]["dropped"]
    with Bundle.open(out_file) as bundle:
        summaries = {a.payload.title: a.payload.summary for a in bundle.articles}
    assert summaries == {"Power back": "", "Bread": "Bakers help.", "Short": ""}


# ---------------------------------------------------------------- keys and trust


def test_trust_import_of_a_demo_card_warns_and_asks_for_yes(capsys, tmp_path) -> None:
    lib = str(tmp_path / "lib")
    card = tmp_path / "demo.card.json"
    code, _, _ = run(capsys, "key", "export", str(key_file(tmp_path, "Demo", demo=True)),
                     "--out", str(card))
    assert code == 0 and read_public(card).demo
    code, out, err = run(capsys, "--library", lib, "trust", "import", str(card))
    assert code == 2 and out == ""
    assert "DEMO key" in err and "--yes" in err and "Nothing was changed" in err
    assert run(capsys, "--library", lib, "trust", "list", "--json")[1].strip() == "[]"
    code, out, _ = run(capsys, "--library", lib, "trust", "import", str(card), "--yes")
    assert code == 0 and "Trusted Demo" in out and "Warning: this is a DEMO key" in out
    # The welcome bundle's key says so in its signed name, flag or not.
    welcome = tmp_path / "welcome.card.json"
    chain = read_public(REPO / "examples" / "welcome-demo.key").chain
    welcome.write_bytes(key_card("Satchel Welcome (DEMO KEY - do not trust)", chain))
    code, _, err = run(capsys, "--library", lib, "trust", "import", str(welcome))
    assert code == 2 and "its name says so" in err


def test_key_new_without_a_terminal_names_both_ways(capsys, tmp_path) -> None:
    code, out, err = run(capsys, "key", "new", "--name", "X", "--out", str(tmp_path / "x.key"))
    assert code == 2 and out == ""
    assert "--passphrase-file FILE" in err and "--no-passphrase" in err
    assert not (tmp_path / "x.key").exists()


def _expect(fd: int, wanted: str, seen: list[str]) -> None:
    deadline = time.monotonic() + 60
    while wanted not in "".join(seen):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"never saw {wanted!r} in {''.join(seen)!r}")
        seen.append(os.read(fd, 4096).decode("utf-8", "replace"))
    text = "".join(seen)
    seen[:] = [text[text.index(wanted) + len(wanted):]]


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_a_short_passphrase_at_the_terminal_is_asked_again(tmp_path) -> None:
    import fcntl
    import termios

    master, slave = os.openpty()

    def controlling_terminal() -> None:  # getpass reads /dev/tty: make the pty it
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SATCHEL_LIBRARY", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "reader.cli", "key", "new", "--name", "Pty News", "--out",
         str(tmp_path / "pty.key")], stdin=slave, stdout=slave, stderr=slave, cwd=tmp_path,
        env=env, start_new_session=True, preexec_fn=controlling_terminal)
    os.close(slave)
    seen: list[str] = []
    try:
        _expect(master, "New passphrase for the key: ", seen)
        os.write(master, b"short\n")
        _expect(master, "Too short: use at least 8 characters", seen)
        _expect(master, "New passphrase for the key: ", seen)
        os.write(master, b"a long enough one\n")
        _expect(master, "Repeat the passphrase: ", seen)
        os.write(master, b"a long enough one\n")
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    public = read_public(tmp_path / "pty.key")
    assert public.encrypted


def test_list_and_search_show_the_publisher_and_the_trust_state(capsys, tmp_path, good) -> None:
    lib = str(tmp_path / "lib")
    assert run(capsys, "--library", lib, "import", str(good))[0] == 0
    code, out, _ = run(capsys, "--library", lib, "list")
    assert code == 0
    assert out.splitlines()[0] == ("2026-10-01  en    Bridge reopens after repairs  \u2014 "
                                   "Evening Courier [unknown]")
    run(capsys, "--library", lib, "trust", "set", "Evening Courier", "trusted")
    code, out, _ = run(capsys, "--library", lib, "search", "bridge")
    assert out.splitlines()[0] == ("  1. Bridge reopens after repairs  [en, 2026-10-01]  \u2014 "
                                   "Evening Courier [trusted]")


def test_the_library_key_is_explained_where_it_appears_as_a_publisher(
        capsys, tmp_path, good) -> None:
    first, second = str(tmp_path / "first"), str(tmp_path / "second")
    assert run(capsys, "--library", first, "import", str(good))[0] == 0
    assert run(capsys, "--library", first, "export", str(tmp_path / "out"), "--query",
               "bridge")[0] == 0
    (exported,) = (tmp_path / "out").glob("*.satchel")
    code, out, _ = run(capsys, "--library", first, "verify", str(exported))
    assert code == 0 and "packed by this library's own key: you exported this file" in out
    assert run(capsys, "--library", second, "import", str(exported))[0] == 0
    code, out, _ = run(capsys, "--library", second, "trust", "list")
    packer = next(line for line in out.splitlines() if "0 article(s)" in line)
    assert packer.startswith("unknown  Satchel reader ")
    assert "(a packer's key: it signed 1 bundle(s) you imported" in packer
    assert run(capsys, "--library", first, "import", str(exported))[0] == 0
    code, out, _ = run(capsys, "--library", first, "trust", "list")
    assert "(this library's own key: it signs the bundles you pass on" in out


def test_version(capsys) -> None:
    from importlib.metadata import version

    code, out, _ = run(capsys, "--version")
    assert (code, out) == (0, f"satchel {version('satchel')}\n")


# ---------------------------------------------------------------- Persian dates


@pytest.mark.parametrize(("gregorian", "jalali"), [
    ("2024-03-20", (1403, 1, 1)),  # Nowruz 1403
    ("2023-03-21", (1402, 1, 1)), ("2022-03-21", (1401, 1, 1)), ("2021-03-21", (1400, 1, 1)),
    ("2020-03-20", (1399, 1, 1)), ("2025-03-21", (1404, 1, 1)), ("2026-03-21", (1405, 1, 1)),
    ("2016-03-20", (1395, 1, 1)), ("1979-03-21", (1358, 1, 1)),
    ("2024-03-19", (1402, 12, 29)),  # the last day of 1402 (not a leap year)
    ("2025-03-20", (1403, 12, 30)),  # the last day of 1403 (a leap year)
    ("2021-03-20", (1399, 12, 30)),
    ("2024-09-21", (1403, 6, 31)), ("2024-09-22", (1403, 7, 1)),  # 31-day months end
    ("2024-12-20", (1403, 9, 30)), ("2024-12-21", (1403, 10, 1)),  # Yalda, then Dey
    ("2026-10-01", (1405, 7, 9)),
])
def test_jalali_conversion_of_known_dates(gregorian, jalali) -> None:
    assert to_jalali(dt.date.fromisoformat(gregorian)) == jalali


def test_jalali_leap_years_and_digits() -> None:
    assert [y for y in range(1395, 1412) if is_leap(y)] == [1395, 1399, 1403, 1408]
    assert persian_date(dt.date(2024, 3, 20)) == "۱۴۰۳/۰۱/۰۱"
    # Every day follows the one before, across forty years of month and year ends.
    day, last = dt.date(1990, 1, 1), to_jalali(dt.date(1989, 12, 31))
    while day < dt.date(2030, 1, 1):
        now = to_jalali(day)
        assert now in ((last[0], last[1], last[2] + 1), (last[0], last[1] + 1, 1),
                       (last[0] + 1, 1, 1)), (day, last, now)
        assert now[2] <= (31 if now[1] <= 6 else 30 if now[1] < 12 or is_leap(now[0]) else 29)
        day, last = day + dt.timedelta(days=1), now


def test_persian_readers_get_solar_hijri_dates_in_list_and_search(
        capsys, monkeypatch, tmp_path, good) -> None:
    lib = tmp_path / "lib"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert run(capsys, "--library", str(lib), "import", str(good))[0] == 0
    monkeypatch.setenv("LANG", "fa_IR.UTF-8")
    _, out, _ = run(capsys, "--library", str(lib), "list")
    assert [line[:10] for line in out.splitlines()] == ["۱۴۰۵/۰۷/۰۹", "۱۴۰۳/۰۱/۰۱"]
    _, out, _ = run(capsys, "--library", str(lib), "search", "bridge")
    assert "[en, ۱۴۰۵/۰۷/۰۹]" in out
    _, out, _ = run(capsys, "--library", str(lib), "list", "--json")
    assert json.loads(out)[0]["issued"] == "2026-10-01T08:00:00Z"  # JSON stays exact
    monkeypatch.setenv("LC_ALL", "C")  # overrides everything, for one command
    _, out, _ = run(capsys, "--library", str(lib), "list")
    assert out.startswith("2026-10-01")
    # The desktop app's choice for this library counts over LANG (not over LC_ALL).
    monkeypatch.delenv("LC_ALL")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    (lib / "desktop.ini").write_text("[ui]\nlanguage=fa\n", encoding="utf-8")
    _, out, _ = run(capsys, "--library", str(lib), "list")
    assert out.startswith("۱۴۰۵/۰۷/۰۹")


# ---------------------------------------------------------------- README


def test_the_readme_sample_bundle_command_builds_a_bundle(tmp_path) -> None:
    if not (REPO.parent / "shared" / "corpus").is_dir():
        pytest.skip(f"corpus absent: {REPO.parent / 'shared' / 'corpus'}")
    assert "scripts/sample-bundle" in (REPO / "README.md").read_text(encoding="utf-8")
    out = tmp_path / "sample.satchel"
    done = subprocess.run([str(REPO / "scripts" / "sample-bundle"), "--articles", "30", "--out",
                           str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"--library /tmp/satchel-try import {out}" in done.stdout
    with Bundle.open(out) as bundle:
        assert len(bundle.articles) == 30 and set(bundle.languages) == {"en", "fa", "ru"}
