"""Trust: chains rotate and revoke through bundles; only the reader decides trust."""

from __future__ import annotations

from pathlib import Path

import pytest

from bundles import chain as chains
from bundles.keys import KeyFile, SigningKey, key_card
from reader import ArticleFilter, FileStatus, Library, TrustState
from reader.errors import ChainForkError, KeyCardError, NotFound
from reader.trust import ChainChange, merge_chains
from tests import factory
from tests.reader.conftest import (
    bundle,
    bundle_of_signed,
    draft,
    publisher,
    revoked_chain,
    rotated,
)


def test_rotated_chain_arriving_later_keeps_the_publishers_trust(
    library: Library, tmp_path: Path
) -> None:
    key = publisher("Example News")
    library.import_paths([bundle(tmp_path / "one.satchel", key, [draft("a1")])])
    library.trust.set(key.publisher_id, TrustState.TRUSTED)
    successor = rotated(key, name="Example News (new key)")
    result = library.import_paths(
        [bundle(tmp_path / "two.satchel", successor, [draft("a2")])]).files[0]
    assert result.status == FileStatus.IMPORTED
    assert result.chains == {key.publisher_id: "extended"}
    info = library.trust.get(key.publisher_id)
    assert info.state == TrustState.TRUSTED and info.chain_length == 2
    assert info.name == "Example News (new key)"
    assert [e.kind for e in info.history] == ["first-seen", "decision", "rotated"]
    # a1 was signed by the key root.2 dropped: kept, and marked.
    old = library.articles.open(f"{key.publisher_id}/a1")
    assert old.retired_key and "signed by a retired key" in old.notices
    assert not library.articles.open(f"{key.publisher_id}/a2").retired_key
    # An old bundle carrying only root.1 changes nothing.
    again = bundle(tmp_path / "three.satchel", key, [draft("a3")])
    assert library.import_paths([again]).files[0].chains == {}
    assert library.trust.get(key.publisher_id).chain_length == 2


def test_revocation_marks_the_publisher_revoked(library: Library, tmp_path: Path) -> None:
    key = publisher()
    signed, blobs = factory.sign_all(key, [draft("a1")])
    library.import_paths([bundle(tmp_path / "one.satchel", key, [draft("a1")])])
    library.trust.set(key.publisher_id, TrustState.TRUSTED)
    # A relay carries the article again with the publisher's revocation root.
    revoked = [type(s)(s.payload, s.envelope, tuple(revoked_chain(key))) for s in signed]
    [path] = bundle_of_signed(tmp_path / "revoked.satchel", revoked, blobs,
                              packer=publisher("Relay"))
    result = library.import_paths([path]).files[0]
    assert result.chains[key.publisher_id] == "extended"
    info = library.trust.get(key.publisher_id)
    assert info.revoked and info.state == TrustState.REVOKED
    assert info.decision == TrustState.TRUSTED  # the reader's decision is untouched
    assert info.history[-1].kind == "revoked"
    view = library.articles.open(f"{key.publisher_id}/a1")
    assert view.revoked and view.trust == TrustState.REVOKED


def test_forked_chain_is_rejected_with_a_clear_error(library: Library, tmp_path: Path) -> None:
    key = publisher("Example News")
    one = rotated(key)
    library.import_paths([bundle(tmp_path / "one.satchel", one, [draft("a1")])])
    forged = rotated(key)  # another root.2 signed by the same root.1 key: a fork
    result = library.import_paths(
        [bundle(tmp_path / "forged.satchel", forged, [draft("evil")])]).files[0]
    assert result.status == FileStatus.REJECTED
    assert "conflicts with the one in the library from root.2" in result.reason
    assert library.articles.count() == 1
    assert library.trust.chain(key.publisher_id).envelopes == tuple(one.chain)


def test_merge_chains_decides_from_bytes() -> None:
    key = publisher()
    base = chains.verify_chain(key.chain)
    longer = chains.verify_chain(rotated(key).chain)
    assert merge_chains(None, base) == ChainChange.NEW
    assert merge_chains(base, base) == ChainChange.SAME
    assert merge_chains(longer, base) == ChainChange.OLDER
    assert merge_chains(base, longer) == ChainChange.EXTENDED
    with pytest.raises(ChainForkError):
        merge_chains(longer, chains.verify_chain(rotated(key).chain))


def test_key_card_import_trusts_the_publisher(library: Library, tmp_path: Path) -> None:
    key = publisher("Card News")
    card = tmp_path / "card.json"
    card.write_bytes(key_card(key.name, key.chain))
    publisher_id, changes = library.trust.import_key_card(card)
    assert publisher_id == key.publisher_id and changes.trust
    assert library.trust.state(publisher_id) == TrustState.TRUSTED
    # Articles arriving later are from a trusted publisher.
    library.import_paths([bundle(tmp_path / "b.satchel", key, [draft("a1")])])
    assert library.articles.rows()[0].trust == TrustState.TRUSTED
    # The card round-trips.
    assert library.trust.key_card(publisher_id).startswith(b"{")


def test_bad_key_card_is_refused(library: Library, tmp_path: Path) -> None:
    key = publisher()
    other = SigningKey.generate()
    forged_root = chains.new_root("Impostor", other)
    card = tmp_path / "card.json"
    card.write_bytes(key_card("x", [key.chain[0][:-5] + b"!!!}}"]))
    with pytest.raises(KeyCardError):
        library.trust.import_key_card(card)
    card.write_bytes(key_card("x", [key.chain[0], forged_root]))
    with pytest.raises(KeyCardError):
        library.trust.import_key_card(card)
    assert library.trust.list() == []


def test_blocked_publishers_are_hidden_and_unblocking_shows_them(
    library: Library, tmp_path: Path
) -> None:
    good, bad = publisher("Good"), publisher("Bad")
    library.import_paths([bundle(tmp_path / "g.satchel", good, [draft("g1")]),
                          bundle(tmp_path / "b.satchel", bad, [draft("b1")])])
    changes = library.trust.set(bad.publisher_id, "blocked", note="spam")
    assert changes.trust and changes.articles
    assert [r.publisher_name for r in library.articles.rows()] == ["Good"]
    assert library.articles.count(ArticleFilter(trust=(TrustState.BLOCKED,))) == 1
    with pytest.raises(NotFound, match="blocked"):
        library.articles.open(f"{bad.publisher_id}/b1")
    # No bundle changes a decision: importing more of its articles keeps it blocked.
    library.import_paths([bundle(tmp_path / "b2.satchel", bad, [draft("b2")])])
    assert library.trust.state(bad.publisher_id) == TrustState.BLOCKED
    library.trust.set(bad.publisher_id, "unknown")
    assert library.articles.count() == 3
    assert library.trust.get(bad.publisher_id).history[-1].note == ""
    with pytest.raises(ValueError):
        library.trust.set(bad.publisher_id, "revoked")


def test_resolve_by_fingerprint_prefix_or_name(library: Library, tmp_path: Path) -> None:
    key: KeyFile = publisher("Named")
    library.import_paths([bundle(tmp_path / "b.satchel", key, [draft("a1")])])
    fp = library.trust.get(key.publisher_id).fingerprint
    assert library.trust.resolve(fp[:14]) == key.publisher_id
    assert library.trust.resolve("Named") == key.publisher_id
    with pytest.raises(NotFound):
        library.trust.resolve("nobody")
