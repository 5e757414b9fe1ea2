"""Attacks on article versions: re-encoded envelopes, retired and revoked keys (issue 13,
items 3 and 4).

A version is its signed payload: the same publisher, article, version and
payload bytes in other envelope bytes is the same version, never a conflict.
A key the publisher has retired, or a chain it has revoked, never rewrites
what the reader has (docs/format.md section 8, "Versions").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bundles import chain as chains
from bundles import dsse
from bundles.keys import KeyFile, SigningKey
from bundles.pack import SignedArticle
from reader import FileStatus, Library, TrustState
from tests import factory
from tests.attacks import v1_library as keys
from tests.attacks.libraries import (
    library_fixture,  # noqa: F401 (a fixture)
    satchel,
    tables,
    v1_library,
)
from tests.reader.conftest import bundle_of_signed

RELAY = factory.publisher("Relay", seed=16)


def _with(signed: list[SignedArticle], envelope: bytes) -> list[SignedArticle]:
    return [SignedArticle(signed[0].payload, envelope, signed[0].chain)]


def _two_key_publisher() -> tuple[KeyFile, SigningKey]:
    """A publisher whose root.1 lists two keys (both signed it), threshold 1."""
    a, b = SigningKey.from_seed(b"\x33" * 32), SigningKey.from_seed(b"\x34" * 32)
    root = chains.Root(version=1, name="Two Keys", keys=(a.public, b.public), threshold=1)
    envelope = dsse.sign(dsse.ROOT_TYPE, root.to_bytes(), [a, b]).to_bytes()
    return KeyFile("Two Keys", a, [envelope], encrypted=False), b


def _reencode(kind: str, envelope: bytes) -> bytes:
    document = json.loads(envelope)
    if kind == "empty key id hint":
        return keys.reencoded(envelope)
    if kind == "other whitespace":
        return json.dumps(document, indent=4).encode()
    if kind == "fields in another order":
        return json.dumps(dict(reversed(list(document.items())))).encode()
    assert kind == "signatures reordered"
    document["signatures"].reverse()
    return json.dumps(document, separators=(",", ":")).encode()


ENCODINGS = ["empty key id hint", "other whitespace", "fields in another order",
             "signatures reordered"]


@pytest.mark.parametrize("genuine_first", [True, False], ids=["genuine first", "copy first"])
@pytest.mark.parametrize("kind", ENCODINGS)
def test_reencoded_envelope_is_the_same_version_not_a_conflict(
    library: Library, tmp_path: Path, kind: str, genuine_first: bool
) -> None:
    key, second = _two_key_publisher()
    signed, blobs = factory.sign_all(key, [factory.draft("a1")])
    both = dsse.sign(dsse.ARTICLE_TYPE, dsse.Envelope.from_bytes(
        signed[0].envelope, cap=1 << 18).payload, [key.signing_key, second]).to_bytes()
    genuine = _with(signed, both)
    copy = _with(signed, _reencode(kind, both))
    assert copy[0].envelope != both
    [one] = bundle_of_signed(tmp_path / "genuine.satchel", genuine, blobs, packer=RELAY)
    [two] = bundle_of_signed(tmp_path / "copy.satchel", copy, blobs, packer=RELAY)
    first, then = (one, two) if genuine_first else (two, one)
    assert library.import_paths([first]).files[0].status == FileStatus.IMPORTED
    before = tables(library.paths.root, but=("bundles", "bundle_versions", "publishers",
                                             "chain_roots", "trust_events"))
    result = library.import_paths([then]).files[0]
    assert (result.status, result.conflicts, result.warnings) == (
        FileStatus.NOTHING_NEW, [], []), result
    # One version, one envelope (the first one seen), nothing in conflict.
    assert tables(library.paths.root, but=("bundles", "bundle_versions", "publishers",
                                           "chain_roots", "trust_events")) == before
    [row] = library.articles.rows()
    assert not row.conflict and library.catalog.scalar("SELECT count(*) FROM envelopes") == 1


def test_export_after_importing_a_reencoded_envelope_works(
    library: Library, tmp_path: Path
) -> None:
    # Issue 13's reproduction: the fake conflict made `satchel export` fail
    # ("the same article version is given twice").
    key = factory.publisher("Pub", seed=13)
    signed, blobs = factory.sign_all(key, [factory.draft("a1")])
    [one] = bundle_of_signed(tmp_path / "one.satchel", signed, blobs, packer=key)
    [two] = bundle_of_signed(tmp_path / "two.satchel",
                             _with(signed, keys.reencoded(signed[0].envelope)), blobs,
                             packer=RELAY)
    library.import_paths([one, two])
    ids, _ = library.export.select()
    result = library.export.repack(tmp_path / "out", ids)
    assert result.safe_to_remove and result.articles == 1


def test_two_signed_payloads_of_one_version_are_a_conflict_and_both_travel_on(
    library: Library, tmp_path: Path
) -> None:
    key = factory.publisher("Pub", seed=13)
    first, blobs = factory.sign_all(key, [factory.draft("a1", title="One text")])
    other, more = factory.sign_all(key, [factory.draft("a1", title="Another text")])
    [one] = bundle_of_signed(tmp_path / "one.satchel", first, blobs, packer=key)
    [two] = bundle_of_signed(tmp_path / "two.satchel", other, more, packer=key)
    library.import_paths([one])
    result = library.import_paths([two]).files[0]
    assert result.conflicts == [f"{key.publisher_id}/a1"]
    [row] = library.articles.rows()
    assert row.conflict
    # Export used to fail here too; each side of the conflict now travels in its own file.
    ids, _ = library.export.select()
    exported = library.export.repack(tmp_path / "out", ids)
    assert exported.safe_to_remove and len(exported.files) == 2
    with Library.open(tmp_path / "receiver") as receiver:
        receiver.import_paths([Path(f.path) for f in exported.files])
        [received] = receiver.articles.rows()
        assert received.conflict


def test_upgrading_a_library_merges_reencoded_copies_so_export_works(tmp_path: Path) -> None:
    from tests.attacks.libraries import v1_library

    root = v1_library(tmp_path)
    with Library.open(root) as library:
        [row] = [r for r in library.articles.rows() if r.article_id == "a1"]
        assert not row.conflict
        assert library.catalog.scalar(
            "SELECT count(*) FROM versions v JOIN articles a ON a.id = v.article "
            "WHERE a.article_id = 'a1'") == 1
        ids, _ = library.export.select()
        assert library.export.repack(tmp_path / "out", ids).safe_to_remove


# -- retired and revoked keys -----------------------------------------------------------


def _story(version: int, status: str = "published", title: str = "") -> factory.ArticleDraft:
    return factory.draft("story", version=version, status=status,
                         title=title or f"The story, version {version}")


def _first_key_only() -> KeyFile:
    """Story News before its rotation: root.1 and key 14."""
    return KeyFile("Story News", keys.signing_key(14), keys.story_chain()[:1], encrypted=False)


def _import(library: Library, tmp_path: Path, name: str, key: KeyFile, *drafts) -> object:
    path = factory.make_bundle(tmp_path / f"{name}.satchel", key, list(drafts), packer=RELAY)
    result = library.import_paths([path]).files[0]
    assert result.ok, result.reason
    return result


def _current(library: Library) -> tuple[int, str]:
    row = library.articles.row(f"{keys.story_publisher().publisher_id}/story")
    return row.version, row.status


def _listed_story(library: Library, capsys: pytest.CaptureFixture[str]) -> str:
    """Close the library, then the story's line as `satchel list` prints it."""
    root = str(library.paths.root)
    library.close()
    code, out, _ = satchel(capsys, "--library", root, "list")
    assert code == 0
    [line] = [x for x in out.splitlines() if "The story" in x]
    return line


def test_retired_key_cannot_retract_a_story_signed_by_the_current_key(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 13: after the publisher rotated from key 14 to key 15, whoever kept key 14
    # signs "version 9: retracted"; it became current, unmarked.
    _import(library, tmp_path, "story", keys.story_publisher(), _story(1))
    library.trust.set(keys.story_publisher().publisher_id, TrustState.TRUSTED)
    result = _import(library, tmp_path, "retraction", keys.story_thief(),
                     _story(9, "retracted", "Retracted"))
    key = f"{keys.story_publisher().publisher_id}/story"
    assert (result.updated, result.history, result.held_back) == (0, 1, [key])
    assert result.warnings == [
        f"article {key} version 9 is signed only by a key its publisher has retired; "
        "kept, not shown as current"]
    assert _current(library) == (1, "published")
    row = library.articles.row(key)
    assert (row.held_back, row.retired_key) == (1, False)
    view = library.articles.open(key)
    assert "newer version 9 held back: signed only by a retired key" in view.notices
    [held] = [v for v in view.versions if v.version == 9]
    assert held.held_back and not held.current
    root = str(library.paths.root)
    library.close()
    code, out, _ = satchel(capsys, "--library", root, "list", "--json")
    [listed] = json.loads(out)
    assert (listed["version"], listed["status"], listed["held_back"], listed["retired_key"],
            listed["publisher_revoked"]) == (1, "published", 1, False, False)
    code, out, _ = satchel(capsys, "--library", root, "list")
    assert "The story, version 1" in out and "[newer version held back]" in out
    code, out, _ = satchel(capsys, "--library", root, "search", "story", "--json")
    [hit] = json.loads(out)
    assert (hit["version"], hit["held_back"]) == (1, 1)
    code, out, _ = satchel(capsys, "--library", root, "search", "story")
    assert "[newer version held back]" in out


def test_retired_key_cannot_retract_an_old_story_once_the_rotation_is_known(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(library, tmp_path, "old", _first_key_only(), _story(1))
    _import(library, tmp_path, "rotation", keys.story_publisher(),
            factory.draft("other", title="After the rotation"))
    result = _import(library, tmp_path, "retraction", keys.story_thief(),
                     _story(9, "retracted", "Retracted"))
    assert result.held_back == [f"{keys.story_publisher().publisher_id}/story"]
    assert _current(library) == (1, "published")
    row = library.articles.row(f"{keys.story_publisher().publisher_id}/story")
    assert row.retired_key and row.held_back == 1
    line = _listed_story(library, capsys)
    assert "[signed by a retired key]" in line and "[newer version held back]" in line


def test_versions_held_before_the_rotation_keep_their_order(
    library: Library, tmp_path: Path
) -> None:
    # Not an attack: a correction the reader got while key 14 was still current stays
    # current when the rotation arrives (it rewrote nothing the reader had).
    _import(library, tmp_path, "one", _first_key_only(), _story(1))
    _import(library, tmp_path, "two", _first_key_only(), _story(2, "corrected"))
    _import(library, tmp_path, "rotation", keys.story_publisher(), factory.draft("other"))
    assert _current(library) == (2, "corrected")


def test_rotation_arriving_later_demotes_what_the_retired_key_signed(
    library: Library, tmp_path: Path
) -> None:
    # The thief's retraction reached the reader before news of the rotation did: it was
    # current then. The rotation arrives with the story re-signed by the new key.
    _import(library, tmp_path, "one", _first_key_only(), _story(1))
    _import(library, tmp_path, "retraction", KeyFile(
        "Story News", keys.signing_key(14), keys.story_chain()[:1], encrypted=False),
        _story(9, "retracted", "Retracted"))
    assert _current(library) == (9, "retracted")
    result = _import(library, tmp_path, "rotation", keys.story_publisher(),
                     _story(2, "corrected", "The story, re-signed"))
    assert _current(library) == (2, "corrected")
    assert result.updated == 1
    key = f"{keys.story_publisher().publisher_id}/story"
    assert library.articles.row(key).held_back == 1
    assert [h.version for h in library.search("story").hits] == [2]  # re-indexed


def test_retired_key_cannot_bury_a_story_in_a_forged_conflict(
    library: Library, tmp_path: Path
) -> None:
    _import(library, tmp_path, "story", keys.story_publisher(), _story(1))
    result = _import(library, tmp_path, "forged", keys.story_thief(),
                     _story(1, title="Same number, other text"))
    assert result.conflicts == [] and result.held_back
    row = library.articles.row(f"{keys.story_publisher().publisher_id}/story")
    assert (row.conflict, row.title, row.held_back) == (False, "The story, version 1", 1)


def _revoked_relay_bundle(tmp_path: Path) -> Path:
    """A relay carries an article of Story News with the publisher's revocation."""
    publisher = keys.story_publisher()
    revoked = [*publisher.chain, chains.rotate(publisher.chain, publisher.signing_key, None)]
    signed, blobs = factory.sign_all(publisher, [factory.draft("farewell")])
    signed = [SignedArticle(s.payload, s.envelope, tuple(revoked)) for s in signed]
    [path] = bundle_of_signed(tmp_path / "revoked.satchel", signed, blobs, packer=RELAY)
    return path


def test_revoked_chain_cannot_supersede_what_the_reader_had(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(library, tmp_path, "story", keys.story_publisher(), _story(1))
    library.import_paths([_revoked_relay_bundle(tmp_path)])
    thief = KeyFile("Story News", keys.signing_key(15), keys.story_chain(), encrypted=False)
    result = _import(library, tmp_path, "after", thief, _story(9, "retracted", "Retracted"))
    key = f"{keys.story_publisher().publisher_id}/story"
    assert result.held_back == [key]
    assert result.warnings == [
        f"article {key} version 9 arrived after its publisher revoked its keys; "
        "kept, not shown as current"]
    assert _current(library) == (1, "published")
    view = library.articles.open(key)
    assert "newer version 9 held back: it arrived after the publisher revoked its keys" \
        in view.notices
    [story] = [r for r in library.articles.list_dicts() if r["article_id"] == "story"]
    assert (story["trust"], story["publisher_revoked"], story["held_back"]) == (
        "revoked", True, 1)
    line = _listed_story(library, capsys)
    assert "[revoked]" in line and "[newer version held back]" in line


def test_version_arriving_with_the_revocation_supersedes_nothing(
    library: Library, tmp_path: Path
) -> None:
    publisher = keys.story_publisher()
    _import(library, tmp_path, "story", publisher, _story(1))
    revoked = [*publisher.chain, chains.rotate(publisher.chain, publisher.signing_key, None)]
    signed, blobs = factory.sign_all(publisher, [_story(2, "retracted", "Retracted")])
    signed = [SignedArticle(s.payload, s.envelope, tuple(revoked)) for s in signed]
    [path] = bundle_of_signed(tmp_path / "with.satchel", signed, blobs, packer=RELAY)
    assert library.import_paths([path]).files[0].held_back
    assert _current(library) == (1, "published")


def test_article_first_seen_after_revocation_is_shown_and_marked(
    library: Library, tmp_path: Path
) -> None:
    # Nothing the reader had is rewritten by it, so it is shown, as the revoked
    # publisher's: the list and the reading pane say so.
    library.import_paths([_revoked_relay_bundle(tmp_path)])
    [row] = library.articles.rows()
    assert (row.article_id, row.trust, row.held_back) == ("farewell", TrustState.REVOKED, 0)
    assert row.to_dict()["publisher_revoked"]
    view = library.articles.open(row.id)
    assert "publisher revoked its keys" in view.notices


def test_upgrading_a_library_demotes_the_retired_keys_retraction(tmp_path: Path) -> None:
    root = v1_library(tmp_path)
    with Library.open(root) as library:
        key = f"{keys.story_publisher().publisher_id}/story"
        row = library.articles.row(key)
        assert (row.version, row.status, row.held_back) == (1, "published", 1)
