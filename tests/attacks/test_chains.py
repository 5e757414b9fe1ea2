"""Attacks on key chains: borrowed identities, forks and lock-outs (issue 13, item 1).

A publisher id is the key id of the first key of root.1, so whoever may write
a root.1 that lists a key decides what that key's owner seems to say. Every
key a root introduces must therefore have signed it (docs/format.md section
7). A fork (two chains, each valid, for one publisher) is refused, but its
evidence is kept and shown, and `satchel trust reset` starts the publisher
over: no chain ever locks a publisher out for good.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bundles import chain as chains
from bundles import dsse
from bundles.bundle import Bundle
from bundles.errors import KeyChainError
from bundles.keys import KeyFile, SigningKey, fingerprint, key_card
from bundles.report import verify_file
from reader import FileStatus, Library, TrustState
from reader.errors import ChainForkError, KeyCardError, NotFound
from reader.trust import MAX_CONFLICTS
from tests import factory
from tests.attacks import v1_library as keys
from tests.attacks.libraries import (
    EVIDENCE,
    library_fixture,  # noqa: F401 (a fixture)
    satchel,
    tables,
    tree,
    unchecked_bundle,
    v1_library,
)
from tests.reader.conftest import bundle_of_signed

REPO = Path(__file__).resolve().parents[2]

# Ten throwaway keys, numbered as in python-tuf's tests/test_updater_key_rotations.py.
KEYS = [SigningKey.from_seed(bytes([100 + n]) * 32) for n in range(10)]


@dataclass(frozen=True)
class R:
    """One root: the keys it lists, its threshold, who signs it; `error` on the last only."""

    keys: list[int]
    threshold: int
    sigs: list[int]
    error: str | None = None


@dataclass(frozen=True)
class Roots:
    roots: list[R] = field(default_factory=list)

    def envelopes(self) -> list[bytes]:
        out = []
        for number, r in enumerate(self.roots, start=1):
            root = chains.Root(version=number, name="Pub", threshold=r.threshold,
                               keys=tuple(KEYS[k].public for k in r.keys))
            out.append(dsse.sign(dsse.ROOT_TYPE, root.to_bytes(),
                                 [KEYS[s] for s in r.sigs]).to_bytes())
        return out


def _introduces(k: int) -> str:
    return f"introduces key {KEYS[k].keyid[:16]}… but is not signed by it"


# fmt: off
CHAIN_CASES = {
    "1 key, self-signed": [R([1], 1, [1])],
    "borrowed identity: root.1 lists the victim's key, signed by the attacker alone":
        [R([0, 1], 1, [1], error=_introduces(0))],
    "root.1 with two keys, signed by both": [R([1, 2], 1, [1, 2])],
    "root.1 2-of-3, one key never signed": [R([1, 2, 3], 2, [1, 2], error=_introduces(3))],
    "root.1 signed by its key and a stranger":
        [R([1], 1, [1, 9], error="does not verify")],
    "1-of-1 key rotation": [R([1], 1, [1]), R([2], 1, [1, 2])],
    "rotation not signed by the old key":
        [R([1], 1, [1]), R([2], 1, [2], error="signed by 0 of root.1's 1 required keys")],
    "rotation not signed by the new key": [R([1], 1, [1]), R([2], 1, [1], error=_introduces(2))],
    "rotation adds a key that did not sign": [R([1], 1, [1]), R([1, 2], 1, [1], error=_introduces(2))],
    "rotation adds a key that signed": [R([1], 1, [1]), R([1, 2], 1, [1, 2])],
    "rotation drops a key, which need not sign": [R([1, 2], 1, [1, 2]), R([1], 1, [1])],
    "3-of-5, one key rotated": [
        R([0, 1, 2, 3, 4], 3, [0, 1, 2, 3, 4]),
        R([0, 1, 3, 4, 5], 3, [0, 1, 4, 5]),
    ],
    "3-of-5, one key rotated, the new key did not sign": [
        R([0, 1, 2, 3, 4], 3, [0, 1, 2, 3, 4]),
        R([0, 1, 3, 4, 5], 3, [0, 1, 4], error=_introduces(5)),
    ],
    "3-of-5, one key rotated, only 2 old keys signed": [
        R([0, 1, 2, 3, 4], 3, [0, 1, 2, 3, 4]),
        R([0, 1, 3, 4, 5], 3, [0, 4, 5], error="signed by 2 of root.1's 3 required keys"),
    ],
    "1-of-3 threshold increase to 2-of-3": [R([1, 2, 3], 1, [1, 2, 3]), R([1, 2, 3], 2, [1, 2])],
    "1-of-3 threshold bump to 2-of-3 fails: new threshold not reached": [
        R([1, 2, 3], 1, [1, 2, 3]),
        R([1, 2, 3], 2, [2], error="signed by 1 of its own 2 required keys"),
    ],
    "2-of-3 threshold decrease fails: old threshold not reached": [
        R([1, 2, 3], 2, [1, 2, 3]),
        R([1, 2, 3], 1, [1], error="signed by 1 of root.1's 2 required keys"),
    ],
    "revocation signed by the old key": [R([1], 1, [1]), R([], 0, [1])],
    "revocation signed by a stranger": [R([1], 1, [1]), R([], 0, [2], error="does not verify")],
    "root after a revocation": [
        R([1], 1, [1]), R([], 0, [1]), R([2], 1, [2], error="follows a revocation"),
    ],
    "an old key returns, and signs": [R([1], 1, [1]), R([2], 1, [1, 2]), R([1], 1, [1, 2])],
    "an old key returns without signing": [
        R([1], 1, [1]), R([2], 1, [1, 2]), R([1], 1, [2], error=_introduces(1)),
    ],
}
# fmt: on


@pytest.mark.parametrize("case", list(CHAIN_CASES.values()), ids=list(CHAIN_CASES))
def test_root_rotation(case: list[R]) -> None:
    """Each case is a sequence of roots; only the last may be refused, with its reason."""
    envelopes = Roots(case).envelopes()
    expected = case[-1].error
    if expected is None:
        chain = chains.verify_chain(envelopes)
        assert chain.publisher_id == KEYS[case[0].keys[0]].keyid
        assert chain.envelopes == tuple(envelopes)
        return
    with pytest.raises(KeyChainError) as caught:
        chains.verify_chain(envelopes)
    assert expected in caught.value.message
    assert f"root.{len(case)}" in caught.value.message
    if len(case) > 1:  # the chain before the bad root still verifies (the last good one)
        chains.verify_chain(envelopes[:-1])


@pytest.mark.parametrize("case", list(CHAIN_CASES.values()), ids=list(CHAIN_CASES))
def test_root_rotation_through_a_key_card(case: list[R], tmp_path: Path) -> None:
    """The same table against a library: a refused chain leaves the last good one, byte
    for byte; an accepted one is stored exactly."""
    envelopes = Roots(case).envelopes()
    card = tmp_path / "card.json"
    with Library.open(tmp_path / "library") as library:
        if len(envelopes) > 1:
            card.write_bytes(key_card("Pub", envelopes[:-1]))
            library.trust.import_key_card(card)
    before = tree(tmp_path / "library")
    card.write_bytes(key_card("Pub", envelopes))
    with Library.open(tmp_path / "library") as library:
        if case[-1].error is None:
            publisher, _ = library.trust.import_key_card(card)
            assert library.trust.chain(publisher).envelopes == tuple(envelopes)
            return
        with pytest.raises(KeyCardError, match=case[-1].error.replace("(", r"\(")):
            library.trust.import_key_card(card)
    assert tree(tmp_path / "library") == before


def _borrowed_bundle(tmp_path: Path) -> tuple[Path, KeyFile]:
    evil = keys.attacker()
    return unchecked_bundle(tmp_path / "evil.satchel", evil,
                            [factory.draft("evil", title="Forged")], packer=evil), evil


def test_borrowed_identity_bundle_is_refused_and_the_library_is_unchanged(
    tmp_path: Path
) -> None:
    # The attack of issue 13: root.1 = [victim's key, attacker's key], threshold 1,
    # signed by the attacker alone, so its publisher id and fingerprint are the victim's.
    root = tmp_path / "library"
    victim = keys.victim()
    with Library.open(root) as library:
        library.import_paths([factory.make_bundle(tmp_path / "real.satchel", victim,
                                                  [factory.draft("real")])])
        library.trust.set(victim.publisher_id, TrustState.TRUSTED)
    path, evil = _borrowed_bundle(tmp_path)
    assert evil.publisher_id == victim.publisher_id
    before = tree(root)
    with Library.open(root) as library:
        result = library.import_paths([path]).files[0]
    assert result.status == FileStatus.REJECTED
    assert result.error_type == "KeyChainError"
    assert result.reason == (
        f"{path}: entry 'root.1': root.1 introduces key "
        f"{victim.signing_key.keyid[:16]}… but is not signed by it"
    )
    assert tree(root) == before
    report = verify_file(path)  # `satchel verify` says the same, with no library at all
    assert not report.ok and report.error == result.reason


def test_borrowed_identity_arriving_first_does_not_lock_the_victim_out(tmp_path: Path) -> None:
    root = tmp_path / "library"
    Library.open(root).close()
    before = tree(root)
    path, _ = _borrowed_bundle(tmp_path)
    with Library.open(root) as library:
        assert library.import_paths([path]).files[0].status == FileStatus.REJECTED
    assert tree(root) == before
    victim = keys.victim()
    with Library.open(root) as library:
        real = library.import_paths([factory.make_bundle(tmp_path / "real.satchel", victim,
                                                         [factory.draft("real")])]).files[0]
        assert real.status == FileStatus.IMPORTED
        card = tmp_path / "victim.card"
        card.write_bytes(key_card(victim.name, victim.chain))
        assert library.trust.import_key_card(card)[0] == victim.publisher_id


def test_key_card_with_a_borrowed_identity_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "library"
    Library.open(root).close()
    before = tree(root)
    card = tmp_path / "card.json"
    card.write_bytes(key_card("Victim News", keys.attacker().chain))
    with Library.open(root) as library, pytest.raises(
        KeyCardError, match="root.1 introduces key .* but is not signed by it"
    ):
        library.trust.import_key_card(card)
    assert tree(root) == before


def test_todays_packer_makes_roots_that_every_introduced_key_signed(tmp_path: Path) -> None:
    signing = [SigningKey.generate() for _ in range(4)]
    chain = [chains.new_root("Pub", signing[0])]
    for old, new in itertools.pairwise(signing):
        chain.append(chains.rotate(chain, old, new))
    chain.append(chains.rotate(chain, signing[-1], signing[-1], name="Pub renamed"))
    chain.append(chains.rotate(chain, signing[-1], None))
    assert chains.verify_chain(chain).revoked
    with Bundle.open(REPO / "examples" / "welcome.satchel") as welcome:
        assert len(welcome.chains) == 1
    demo = json.loads((REPO / "examples" / "welcome-demo.key").read_text())
    chains.verify_chain([c.encode() for c in demo["chain"]])


# -- forks: refused, recorded, shown, and never a lock-out -----------------------------


def test_fork_is_refused_keeping_the_library_and_recording_the_evidence(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, genuine, forged = keys.fork_keys()
    publisher = first.publisher_id
    library.import_paths([factory.make_bundle(tmp_path / "real.satchel", genuine,
                                              [factory.draft("a1")])])
    library.trust.set(publisher, TrustState.TRUSTED)
    before = tables(library.paths.root, but=(EVIDENCE,))
    path = factory.make_bundle(tmp_path / "forged.satchel", forged, [factory.draft("evil")])
    result = library.import_paths([path]).files[0]
    assert result.status == FileStatus.REJECTED and result.error_type == "ChainForkError"
    assert result.reason == (
        f"{path}: publisher {publisher[:16]}…'s key chain conflicts with the one in the "
        "library from root.2; the library kept its own (see `satchel trust show "
        f"{publisher[:16]}`)"
    )
    assert tables(library.paths.root, but=(EVIDENCE,)) == before  # nothing else changed
    [conflict] = library.trust.get(publisher).conflicts
    assert (conflict.kind, conflict.root, conflict.times, conflict.source) == (
        "fork", 2, 1, "bundle forged.satchel")
    assert conflict.held_envelope == genuine.chain[1]
    assert conflict.other_envelope == forged.chain[1]
    assert conflict.held_keys == (fingerprint(genuine.signing_key.keyid),)
    assert conflict.other_keys == (fingerprint(forged.signing_key.keyid),)
    assert conflict.first_seen and not conflict.resolved
    # The same fork again is the same evidence, counted.
    library.import_paths([path])
    [again] = library.trust.get(publisher).conflicts
    assert again.times == 2
    # It is shown: trust list, trust show (text and JSON).
    root = str(library.paths.root)
    library.close()
    code, out, _ = satchel(capsys, "--library", root, "trust", "list")
    assert code == 0 and "CONFLICT" in out
    code, out, _ = satchel(capsys, "--library", root, "trust", "show", publisher[:12])
    assert code == 0
    assert "Conflict:    another key chain for this publisher, from root.2" in out
    assert "bundle forged.satchel" in out and "seen 2 times" in out
    assert fingerprint(forged.signing_key.keyid) in out
    code, out, _ = satchel(capsys, "--library", root, "trust", "show", publisher[:12], "--json")
    shown = json.loads(out)["conflicts"][0]
    assert shown["other_envelope"] == forged.chain[1].decode()
    assert shown["held_envelope"] == genuine.chain[1].decode()
    # `satchel verify` says so before anyone imports: the file is sound, the chain conflicts.
    code, out, _ = satchel(capsys, "--library", root, "verify", str(path))
    assert code == 0
    assert (f"  conflict  Fork News: its key chain conflicts with the one in your library; "
            f"importing this bundle will be refused (see `satchel trust show "
            f"{publisher[:16]}`)") in out.splitlines()
    code, out, _ = satchel(capsys, "--library", root, "verify", str(path), "--json")
    assert [p["library"] for p in json.loads(out)[0]["publishers"]] == ["conflict"]


def test_fork_never_locks_a_publisher_out_reset_starts_it_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The thief, holding the key the publisher rotated away from, reached this library
    # first: its rotation to the thief's key, the thief's article, and an older genuine one.
    first, genuine, forged = keys.fork_keys()
    publisher = first.publisher_id
    root = tmp_path / "library"
    old, _ = factory.sign_all(first, [factory.draft("before", title="Signed before")])
    evil, blobs = factory.sign_all(forged, [factory.draft("evil", title="Forged story")])
    _, more = factory.sign_all(first, [factory.draft("before")])
    relayed = [type(s)(s.payload, s.envelope, tuple(forged.chain)) for s in old]
    [thief_bundle] = bundle_of_signed(tmp_path / "thief.satchel", evil + relayed,
                                      {**blobs, **more}, packer=forged)
    real = factory.make_bundle(tmp_path / "real.satchel", genuine,
                               [factory.draft("a1", title="Genuine news")])
    with Library.open(root) as library:
        assert library.import_paths([thief_bundle]).files[0].status == FileStatus.IMPORTED
        library.trust.set(publisher, TrustState.TRUSTED)  # the reader was fooled
        refused = library.import_paths([real]).files[0]
        assert refused.error_type == "ChainForkError"  # every genuine bundle, until...
    code, out, err = satchel(capsys, "--library", str(root), "trust", "reset", publisher[:12])
    assert code == 0, err
    assert "Forgot the key chain and your decision for Fork News" in out
    assert "2 article(s) kept but hidden until a key chain arrives" in out
    with Library.open(root) as library:
        info = library.trust.get(publisher)
        assert (info.state, info.chain_length, info.articles) == (TrustState.UNKNOWN, 0, 0)
        assert info.history[-1].kind == "reset"
        assert [c.resolved for c in info.conflicts] == [True]
        assert library.articles.count() == 0
        # The next chain seen is taken fresh: the genuine bundle now imports.
        result = library.import_paths([real]).files[0]
        assert result.status == FileStatus.IMPORTED, result.reason
        assert library.trust.chain(publisher).envelopes == tuple(genuine.chain)
        assert library.trust.state(publisher) == TrustState.UNKNOWN  # decide again
        titles = {r.article_id: r for r in library.articles.rows()}
        # Kept and re-checked: what the genuine chain's keys signed is shown again
        # (signed by root.1's key, now retired); the thief's article no longer verifies.
        assert sorted(titles) == ["a1", "before"]
        assert titles["before"].retired_key
        with pytest.raises(NotFound):
            library.articles.open(f"{publisher}/evil")
        assert [h.article_id for h in library.search("forged").hits] == []
        ids, _ = library.export.select()
        assert len(ids) == 2
        # The thief's chain is now the fork. (The bundle imported before is "already had".)
        more = factory.make_bundle(tmp_path / "thief-more.satchel", forged,
                                   [factory.draft("evil-2")])
        again = library.import_paths([more]).files[0]
        assert again.error_type == "ChainForkError"
        assert [c.resolved for c in library.trust.get(publisher).conflicts] == [True, False]


def test_key_card_after_a_reset_is_taken_fresh_and_trusted(
    library: Library, tmp_path: Path
) -> None:
    first, genuine, forged = keys.fork_keys()
    library.import_paths([factory.make_bundle(tmp_path / "thief.satchel", forged,
                                              [factory.draft("evil")])])
    card = tmp_path / "genuine.card"
    card.write_bytes(key_card(genuine.name, genuine.chain))
    with pytest.raises(ChainForkError, match="satchel trust reset"):
        library.trust.import_key_card(card)
    assert library.trust.get(first.publisher_id).conflicts[0].source == "key card genuine.card"
    library.trust.reset(first.publisher_id)
    assert library.trust.import_key_card(card)[0] == first.publisher_id
    assert library.trust.state(first.publisher_id) == TrustState.TRUSTED
    assert library.trust.chain(first.publisher_id).envelopes == tuple(genuine.chain)
    assert library.articles.count() == 0  # "evil" does not verify under the card's chain


def test_upgrading_a_library_drops_a_borrowed_identity_and_lets_the_victim_in(
    tmp_path: Path
) -> None:
    root = v1_library(tmp_path)
    victim = keys.victim()
    with Library.open(root) as library:
        [backup] = (root / "backups").iterdir()
        assert ".v1." in backup.name
        info = library.trust.get(victim.publisher_id)
        # The stored root.1 could not exist under today's rule: forgotten with the
        # fooled reader's decision, kept as evidence, its articles hidden.
        assert (info.state, info.chain_length, info.articles) == (TrustState.UNKNOWN, 0, 0)
        [dropped] = info.conflicts
        assert (dropped.kind, dropped.root, dropped.source) == ("dropped", 1, "library upgrade")
        assert dropped.held_envelope == keys.attacker().chain[0]
        assert info.history[-1].kind == "reset" and info.history[-1].source == "library upgrade"
        assert "evil" not in {r.article_id for r in library.articles.rows()}
        result = library.import_paths([factory.make_bundle(
            tmp_path / "real.satchel", victim, [factory.draft("real")])]).files[0]
        assert result.status == FileStatus.IMPORTED, result.reason
        shown = {r.article_id for r in library.articles.rows()
                 if r.publisher == victim.publisher_id}
        assert shown == {"real", "genuine-1"}  # the victim's own, re-checked; not "evil"


def test_a_stream_of_forks_keeps_at_most_32_pieces_of_evidence(
    library: Library, tmp_path: Path
) -> None:
    # Each fork costs its maker a signature of a key the publisher used; its evidence
    # costs the library a root or two. Bounded, and a repeat is counted, not stored.
    first, genuine, _ = keys.fork_keys()
    card = tmp_path / "card.json"
    card.write_bytes(key_card(genuine.name, genuine.chain))
    library.trust.import_key_card(card)
    for n in range(MAX_CONFLICTS + 2):
        other = SigningKey.from_seed(bytes([200 + n]) * 32)
        card.write_bytes(key_card(first.name, [*first.chain, chains.rotate(
            first.chain, first.signing_key, other)]))
        with pytest.raises(ChainForkError):
            library.trust.import_key_card(card)
    with pytest.raises(ChainForkError):  # the first one again
        card.write_bytes(key_card(first.name, [*first.chain, chains.rotate(
            first.chain, first.signing_key, SigningKey.from_seed(bytes([200]) * 32))]))
        library.trust.import_key_card(card)
    conflicts = library.trust.get(first.publisher_id).conflicts
    assert len(conflicts) == MAX_CONFLICTS
    assert conflicts[0].times == 2


def test_a_reset_by_mistake_is_undone_by_importing_the_same_bundle_again(
    library: Library, tmp_path: Path
) -> None:
    # A reader who started a publisher over by mistake still has the stick: the
    # bundles imported before must be read again (their chain with them), not
    # skipped as "already imported" while the publisher's articles stay hidden.
    key = factory.publisher("Steady News")
    path = factory.make_bundle(tmp_path / "steady.satchel", key, [factory.draft("s1")])
    assert library.import_paths([path]).files[0].status == FileStatus.IMPORTED
    library.trust.reset(key.publisher_id)
    assert library.articles.count() == 0
    again = library.import_paths([path]).files[0]
    assert again.status != FileStatus.ALREADY_HAD, again.reason
    assert library.trust.chain(key.publisher_id).envelopes == tuple(key.chain)
    assert [r.article_id for r in library.articles.rows()] == ["s1"]
