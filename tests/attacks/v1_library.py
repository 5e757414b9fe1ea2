"""The keys of the attack tests, and the library of schema 1 that they migrate.

`tests/attacks/data/library-v1.sqlite3` was made by `build` running on the code
of commit 6247af2 (schema 1, before issue 13), which accepted all three
attacks it holds; the code of today refuses to build it, so the file is
committed. Remake it only with that code:

    git archive 6247af2 | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old python tests/attacks/v1_library.py OUT.sqlite3

It holds:
- "Victim News": the borrowed identity. A root.1 listing the victim's key and
  the attacker's, signed by the attacker alone, trusted by the fooled reader,
  with the attacker's article `evil` and the victim's genuine `genuine-1`
  (relayed: the victim's key signed it).
- "Pub": article `a1` twice, the second copy re-encoded (empty key id hint,
  other whitespace): a conflict nobody signed, which broke `satchel export`.
- "Story News": rotated from key 14 to key 15; `story` v1 signed by key 15,
  then v9 "retracted" signed by the retired key 14, which became current.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from bundles import chain as chains
from bundles import dsse
from bundles.keys import KeyFile, SigningKey
from tests import factory

DATA = Path(__file__).resolve().parent / "data"
LIBRARY_V1 = DATA / "library-v1.sqlite3"


def signing_key(seed: int) -> SigningKey:
    return SigningKey.from_seed(bytes([seed]) * 32)


def key_file(name: str, key: SigningKey, chain: list[bytes]) -> KeyFile:
    return KeyFile(name=name, signing_key=key, chain=chain, encrypted=False)


def victim() -> KeyFile:
    return key_file("Victim News", signing_key(11),
                    [chains.new_root("Victim News", signing_key(11))])


def borrowed_root(victim_key: SigningKey, attacker: SigningKey) -> bytes:
    """root.1 naming the victim's key first (so its id), signed by the attacker alone."""
    root = chains.Root(version=1, name="Victim News", keys=(victim_key.public, attacker.public),
                       threshold=1)
    return dsse.sign(dsse.ROOT_TYPE, root.to_bytes(), [attacker]).to_bytes()


def attacker() -> KeyFile:
    return key_file("Victim News", signing_key(12), [borrowed_root(signing_key(11),
                                                                   signing_key(12))])


def pub() -> KeyFile:
    return key_file("Pub", signing_key(13), [chains.new_root("Pub", signing_key(13))])


def story_chain() -> list[bytes]:
    first = [chains.new_root("Story News", signing_key(14))]
    return [*first, chains.rotate(first, signing_key(14), signing_key(15))]


def story_publisher() -> KeyFile:
    return key_file("Story News", signing_key(15), story_chain())


def story_thief() -> KeyFile:
    """Whoever kept the key the publisher rotated away from."""
    return key_file("Story News", signing_key(14), story_chain())


def fork_keys() -> tuple[KeyFile, KeyFile, KeyFile]:
    """Fork News: (root.1 only, the genuine rotation to key 42, a thief's rotation to key
    43 made with root.1's key, which the thief kept)."""
    first = key_file("Fork News", signing_key(41), [chains.new_root("Fork News",
                                                                   signing_key(41))])
    genuine = key_file("Fork News", signing_key(42), [*first.chain, chains.rotate(
        first.chain, signing_key(41), signing_key(42))])
    forged = key_file("Fork News", signing_key(43), [*first.chain, chains.rotate(
        first.chain, signing_key(41), signing_key(43))])
    return first, genuine, forged


def reencoded(envelope: bytes) -> bytes:
    """The same signed payload in other bytes: no key id hint, other whitespace."""
    document = json.loads(envelope)
    for signature in document["signatures"]:
        signature["keyid"] = ""
    return json.dumps(document, indent=1).encode()


def build(out: Path) -> None:
    from reader import Library
    from tests.reader.conftest import bundle_of_signed

    work = Path(tempfile.mkdtemp())
    try:
        with Library.open(work / "library") as library:
            evil = attacker()
            signed, blobs = factory.sign_all(evil, [factory.draft("evil", title="Forged")])
            genuine, more = factory.sign_all(victim(), [factory.draft("genuine-1")])
            relayed = [type(g)(g.payload, g.envelope, tuple(evil.chain)) for g in genuine]
            [path] = bundle_of_signed(work / "evil.satchel", signed + relayed,
                                      {**blobs, **more}, packer=evil)
            library.import_paths([path])
            library.trust.set(evil.publisher_id, "trusted", note="the fingerprint matched")

            signed, blobs = factory.sign_all(pub(), [factory.draft("a1")])
            [one] = bundle_of_signed(work / "one.satchel", signed, blobs, packer=pub())
            copy = [type(s)(s.payload, reencoded(s.envelope), s.chain) for s in signed]
            [two] = bundle_of_signed(work / "two.satchel", copy, blobs, packer=pub())
            library.import_paths([one, two])

            story = factory.make_bundle(work / "story.satchel", story_publisher(),
                                        [factory.draft("story", title="The story")])
            library.import_paths([story])
            library.trust.set(story_publisher().publisher_id, "trusted")
            retraction = factory.make_bundle(
                work / "retract.satchel", story_thief(),
                [factory.draft("story", version=9, status="retracted", title="Retracted")],
                packer=factory.publisher("Relay", seed=16))
            library.import_paths([retraction])
        shutil.copyfile(work / "library" / "library.sqlite3", out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    build(Path(sys.argv[1]))
