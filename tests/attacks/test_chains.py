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
from bundles.keys import KeyFile, SigningKey, key_card
from bundles.report import verify_file
from reader import FileStatus, Library, TrustState
from reader.errors import KeyCardError
from tests import factory
from tests.attacks import v1_library as keys
from tests.attacks.libraries import (
    library_fixture,  # noqa: F401 (a fixture)
    tree,
    unchecked_bundle,
)

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
