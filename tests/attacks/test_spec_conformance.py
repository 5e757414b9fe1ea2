"""Attacks written from docs/format.md alone, by an independent implementation.

A second implementation of the format (outside this repository, see
docs/security.md section 11, "Independent implementation") was written from
the spec alone and used to build a hostile bundle for every rule the spec says
a reader MUST enforce. Each test here is one of those bundles that main
accepted, crashed on, or refused for the wrong reason, rebuilt with this
repository's own helpers: the exact refusal is asserted, and for import, that
the library is left byte-identical.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from bundles import chain as chains
from bundles import dsse, jsonio
from bundles.article import ArticlePayload, FileRef
from bundles.bundle import Bundle
from bundles.errors import FormatError, KeyChainError, SignatureError
from bundles.keys import KeyFile, PublicKey, SigningKey, key_card
from bundles.limits import MAX_HINTLESS_TRIES
from bundles.manifest import Manifest, ManifestEntry
from bundles.pack import write_bundles
from reader import Library
from reader.errors import KeyCardError
from tests.factory import (
    CREATED,
    article_entries,
    chain_entries,
    draft,
    make_bundle,
    publisher,
    raw_bundle,
    sign_all,
)
from tests.reader.conftest import tree

KEY = publisher("Spec News", seed=61)
HTML = b"<p>From the spec alone.</p>"
HTML_SHA = hashlib.sha256(HTML).hexdigest()


def payload(key: KeyFile = KEY, article_id: str = "a1") -> bytes:
    return ArticlePayload(key.publisher_id, article_id, 1, "en", "Spec", HTML_SHA,
                          (FileRef(HTML_SHA, len(HTML), "text/html", "body"),)).to_bytes()


def without_hints(envelope: bytes) -> bytes:
    """The same envelope with every keyid hint emptied (as a relay may re-encode it)."""
    document = json.loads(envelope)
    for signature in document["signatures"]:
        signature["keyid"] = ""
    return jsonio.dumps(document)


def root(version: int, keys: list[SigningKey], signers: list[SigningKey],
         threshold: int = 1, name: str = "Spec News", **extra: object) -> bytes:
    body = json.loads(chains.Root(version=version, name=name, threshold=threshold,
                                  keys=tuple(k.public for k in keys)).to_bytes())
    body.update(extra)
    return dsse.sign(dsse.ROOT_TYPE, jsonio.dumps(body), signers).to_bytes()


def many_keys_chain(links: int) -> tuple[list[bytes], list[SigningKey]]:
    """root.1 with one key, then each rotation keeps one key and adds fifteen."""
    first = SigningKey.from_seed(bytes([70]) * 32)
    envelopes = [root(1, [first], [first])]
    every, current = [first], first
    for version in range(2, links + 1):
        new = [SigningKey.from_seed(bytes([version, n]) * 16) for n in range(15)]
        envelopes.append(root(version, [current, *new], [current, *new]))
        every += new
        current = new[-1]
    return envelopes, every


def bundle_of(tmp_path: Path, entries: dict[str, bytes], packer: KeyFile | None = KEY,
              name: str = "hostile.satchel", **manifest_fields: object) -> Path:
    manifest = None
    if manifest_fields:
        listed = tuple(ManifestEntry(n, len(d), hashlib.sha256(d).hexdigest())
                       for n, d in entries.items())
        document = json.loads(Manifest(bundle_id="ab" * 16, title="", created=CREATED,
                                       entries=listed).to_bytes())
        document.update(manifest_fields)
        manifest = jsonio.dumps(document)
    return raw_bundle(tmp_path / name, entries, packer, manifest=manifest)


def refused(path: Path, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        Bundle.open(path).close()


# -- signatures ----------------------------------------------------------------


def test_hintless_signatures_against_a_chain_of_many_keys_are_refused(tmp_path) -> None:
    """Each signature without a key id is tried against every key the chain ever
    listed: with 3,841 keys (256 roots) and 16 such signatures an article took
    8 s to verify, and a bundle of 1,000 of them (3 MB) over two hours. The
    tries an envelope may need are bounded instead (docs/format.md section 6)."""
    envelopes, every = many_keys_chain(6)  # 76 keys
    key = KeyFile("Spec News", every[0], envelopes, encrypted=False)
    signer = every[-1]
    entries = {f"keys/{key.publisher_id}/root.{n}.dsse.json": raw
               for n, raw in enumerate(envelopes, start=1)}
    hinted = dsse.sign(dsse.ARTICLE_TYPE, payload(key), [signer]).to_bytes()
    entries[f"articles/{key.publisher_id}/a1/1.dsse.json"] = without_hints(hinted)
    entries[f"blobs/sha256/{HTML_SHA}"] = HTML
    path = bundle_of(tmp_path, entries, None)
    refused(path, SignatureError,
            f"1 signature without a key id against 76 keys: over the {MAX_HINTLESS_TRIES} tries")
    # With its key id the same signature costs one try, and verifies.
    entries[f"articles/{key.publisher_id}/a1/1.dsse.json"] = hinted
    with Bundle.open(bundle_of(tmp_path, entries, None, name="hinted.satchel")) as bundle:
        assert [a.payload.article_id for a in bundle.articles] == ["a1"]


def test_a_hintless_signature_of_a_small_chain_still_verifies(tmp_path) -> None:
    """A relay that empties the hints of a genuine article changes nothing (issue 13,
    item 3): a few keys are few tries."""
    hinted = dsse.sign(dsse.ARTICLE_TYPE, payload(), [KEY.signing_key]).to_bytes()
    entries = chain_entries(KEY)
    entries[f"articles/{KEY.publisher_id}/a1/1.dsse.json"] = without_hints(hinted)
    entries[f"blobs/sha256/{HTML_SHA}"] = HTML
    with Bundle.open(bundle_of(tmp_path, entries)) as bundle:
        assert bundle.articles[0].signed_by == {KEY.signing_key.keyid}


def test_a_signature_with_an_unknown_member_is_refused(tmp_path) -> None:
    """Nothing unsigned rides along: an envelope's members are fixed, and so are a
    signature's (`keyid`, `sig`)."""
    document = json.loads(dsse.sign(dsse.ARTICLE_TYPE, payload(), [KEY.signing_key]).to_bytes())
    document["signatures"][0]["cert"] = "anything at all"
    entries = article_entries(KEY, payload(), blobs={HTML_SHA: HTML})
    entries[f"articles/{KEY.publisher_id}/a1/1.dsse.json"] = jsonio.dumps(document)
    refused(bundle_of(tmp_path, entries), FormatError, r"signature has unknown fields \['cert'\]")


def test_a_statement_by_a_key_two_chains_share_names_the_packer_that_signed(tmp_path) -> None:
    """A key may be current in two chains (its holder signed both). The statement
    names which: the first chain in id order used to be taken as the packer, and
    a statement naming the other was refused as naming 'a different packer'."""
    shared = SigningKey.from_seed(bytes([62]) * 32)
    own = SigningKey.from_seed(bytes([63]) * 32)
    a = KeyFile("A", shared, [root(1, [shared], [shared], name="A")], encrypted=False)
    b = KeyFile("B", own, [root(1, [own, shared], [own, shared], name="B")], encrypted=False)
    entries = {**chain_entries(a), **chain_entries(b)}
    for packer in sorted((a, b), key=lambda k: k.publisher_id):
        signer = KeyFile(packer.name, shared, packer.chain, encrypted=False)
        path = raw_bundle(tmp_path / f"{packer.name}.satchel", entries, signer)
        with Bundle.open(path) as bundle:
            assert bundle.packer is not None
            assert bundle.packer.publisher_id == packer.publisher_id


# -- roots -----------------------------------------------------------------------


def test_a_root_with_an_unknown_field_is_refused(tmp_path) -> None:
    """Section 4: unknown fields in a root are errors, as in every other document."""
    key = SigningKey.from_seed(bytes([64]) * 32)
    entries = {f"keys/{key.keyid}/root.1.dsse.json":
               root(1, [key], [key], expires="2030-01-01")}
    refused(bundle_of(tmp_path, entries, None), KeyChainError,
            r"root.1: root has unknown fields \['expires'\]")


def test_a_root_issued_with_a_control_character_is_refused(tmp_path) -> None:
    """Every `issued` is one line of text of at most 64 characters, the root's too."""
    key = SigningKey.from_seed(bytes([65]) * 32)
    body = json.loads(chains.Root(version=1, name="Spec News", threshold=1,
                                  keys=(key.public,)).to_bytes())
    body["issued"] = "2026-01-01\x1b[2J"
    entries = {f"keys/{key.keyid}/root.1.dsse.json":
               dsse.sign(dsse.ROOT_TYPE, jsonio.dumps(body), [key]).to_bytes()}
    refused(bundle_of(tmp_path, entries, None), KeyChainError,
            "issued contains the control character U[+]001B")


# -- the manifest ----------------------------------------------------------------


@pytest.mark.parametrize(("fields", "match"), [
    ({"parts": 2, "set_id": ""}, "a part of a split set .* needs a set_id"),
    ({"parts": 1, "set_id": "cd" * 16}, "a single file .* has no set_id"),
], ids=["split part without a set id", "single file with a set id"])
def test_set_id_exactly_when_split(tmp_path, fields, match) -> None:
    entries = article_entries(KEY, payload(), blobs={HTML_SHA: HTML})
    refused(bundle_of(tmp_path, entries, None, **fields), FormatError, match)


def test_a_refused_bundle_leaves_the_library_byte_identical(tmp_path) -> None:
    """One of the attacks above, imported: refused, and nothing on disk changed."""
    entries = article_entries(KEY, payload(), blobs={HTML_SHA: HTML})
    hostile = bundle_of(tmp_path, entries, None, parts=3, set_id="")
    with Library.open(tmp_path / "library") as library:
        pass
    before = tree(tmp_path / "library")
    with Library.open(tmp_path / "library") as library:
        summary = library.import_paths([hostile])
    assert [f.error_type for f in summary.files] == ["FormatError"]
    assert tree(tmp_path / "library") == before



# -- key cards -------------------------------------------------------------------


def test_a_key_card_of_an_unknown_version_is_refused(tmp_path) -> None:
    """Section 10: a reader refuses a key file or card whose version it does not know
    (a later version may mean something else by `chain`); it was read as version 1."""
    card = json.loads(key_card(KEY.name, KEY.chain))
    card["version"] = 2
    path = tmp_path / "future.card"
    path.write_bytes(jsonio.dumps_pretty(card))
    with Library.open(tmp_path / "library") as library:
        pass
    before = tree(tmp_path / "library")
    with Library.open(tmp_path / "library") as library, \
            pytest.raises(KeyCardError, match="unsupported key file version 2"):
        library.trust.import_key_card(path)
    assert tree(tmp_path / "library") == before


# -- found by the independent implementation's attacks ---------------------------


@pytest.mark.parametrize("raw", [b"1.0", b"true"], ids=["1.0", "true"])
def test_a_format_version_that_only_equals_1_is_refused(tmp_path, raw) -> None:
    """Section 4: `1.0` and `true` are not integers. `format_version` was compared
    with `!=`, and in Python 1.0 == True == 1, so both were read as version 1."""
    entries = article_entries(KEY, payload(), blobs={HTML_SHA: HTML})
    listed = tuple(ManifestEntry(n, len(d), hashlib.sha256(d).hexdigest())
                   for n, d in entries.items())
    manifest = Manifest(bundle_id="ab" * 16, title="", created=CREATED,
                        entries=listed).to_bytes().replace(b'"format_version":1',
                                                           b'"format_version":' + raw)
    path = raw_bundle(tmp_path / "v.satchel", entries, None, manifest=manifest)
    refused(path, FormatError, "unsupported bundle format version")


@pytest.mark.parametrize(("where", "match"), [
    ("language", "language 'en\\\\n' is not a BCP 47 tag"),
    ("bundle_id", "bundle_id must be 32 lowercase hex digits"),
    ("set_id", "set_id must be 32 lowercase hex digits"),
])
def test_an_identifier_with_a_trailing_line_feed_is_refused(tmp_path, where, match) -> None:
    """Python's `$` also matches before a final line feed: `en\\n` passed as a
    language tag, and a bundle or set id with a line feed after its 32 digits
    verified and was stored. Every pattern now ends at the end of the text."""
    if where == "language":
        document = json.loads(payload())
        document["language"] = "en\n"
        entries = article_entries(KEY, jsonio.dumps(document), blobs={HTML_SHA: HTML})
        path = bundle_of(tmp_path, entries, None)
    else:
        entries = article_entries(KEY, payload(), blobs={HTML_SHA: HTML})
        fields = {"bundle_id": "ab" * 16 + "\n"} if where == "bundle_id" else {
            "parts": 2, "set_id": "cd" * 16 + "\n"}
        path = bundle_of(tmp_path, entries, None, **fields)
    refused(path, FormatError, match)


NEUTRAL = bytes([1]) + bytes(31)  # the neutral element of edwards25519, encoded


def forged(payload_type: str, payload: bytes) -> bytes:
    """An envelope 'signed' by the neutral element: R = neutral, S = 0 verifies any
    message under that public key (8 small-order points do this, some after a few
    tries of the message)."""
    return jsonio.dumps({
        "payload": base64.b64encode(payload).decode(), "payloadType": payload_type,
        "signatures": [{"keyid": hashlib.sha256(NEUTRAL).hexdigest(),
                        "sig": base64.b64encode(NEUTRAL + bytes(32)).decode()}]})


def test_a_small_order_public_key_is_refused(tmp_path) -> None:
    """A 'key' anyone can sign for: root.1 listing the neutral element, 'signed' by
    it, verified, and so did any article anyone wrote for that publisher id. A key
    must be a point of large order (docs/format.md section 7)."""
    root = jsonio.dumps({"issued": "", "keys": [{"keytype": "ed25519", "public": NEUTRAL.hex()}],
                         "name": "Anyone's News", "threshold": 1, "type": "root",
                         "version": 1})
    publisher_id = hashlib.sha256(NEUTRAL).hexdigest()
    article = ArticlePayload(publisher_id, "a1", 1, "en", "Signed by nobody", HTML_SHA,
                             (FileRef(HTML_SHA, len(HTML), "text/html", "body"),)).to_bytes()
    entries = {f"keys/{publisher_id}/root.1.dsse.json": forged(dsse.ROOT_TYPE, root),
               f"articles/{publisher_id}/a1/1.dsse.json": forged(dsse.ARTICLE_TYPE, article),
               f"blobs/sha256/{HTML_SHA}": HTML}
    refused(bundle_of(tmp_path, entries, None), KeyChainError,
            "root.1: public key 0100000000000000… is a point of small order")


@pytest.mark.parametrize("public", [
    bytes(32),  # order 4
    (2**255 - 20).to_bytes(32, "little"),  # p - 1: order 2
    (2**255 - 18).to_bytes(32, "little"),  # p + 1: the neutral element, not canonical
    bytes.fromhex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),  # order 8
], ids=["order 4", "order 2", "non-canonical neutral", "order 8"])
def test_every_small_order_or_non_canonical_key_is_refused(public) -> None:
    with pytest.raises(FormatError, match="small order|not a canonical"):
        PublicKey.from_dict({"keytype": "ed25519", "public": public.hex()})


def test_real_keys_are_points_of_large_order() -> None:
    for seed in range(50):
        key = SigningKey.from_seed(bytes([seed]) * 32)
        assert PublicKey.from_dict(key.public.to_dict()) == key.public


# -- writing ---------------------------------------------------------------------


def test_article_ids_differing_only_in_case_go_to_separate_parts(tmp_path) -> None:
    """Article ids are case-sensitive (`News` and `news` are two articles), but no two
    entry names of a bundle may be equal after case folding (section 2). The packer
    failed on both (nothing packed), and so would `satchel export` of a library
    holding both; now they go to separate parts (section 5), and every part verifies."""
    signed, blobs = sign_all(KEY, [draft("News"), draft("news"), draft("other")])
    paths = write_bundles(signed, blobs.__getitem__, tmp_path / "case.satchel", packer=KEY,
                          created=CREATED)
    assert [p.name for p in paths] == ["case.part1of2.satchel", "case.part2of2.satchel"]
    ids = []
    for path in paths:
        with Bundle.open(path) as bundle:
            ids.append(sorted(a.payload.article_id for a in bundle.articles))
    assert ids == [["News"], ["news", "other"]]


# -- chains held by a reader -----------------------------------------------------


def re_encoded(envelope: bytes) -> bytes:
    """The same signed root, as a relay may re-encode it: no key id hint, indented."""
    document = json.loads(envelope)
    for signature in document["signatures"]:
        signature["keyid"] = ""
    return json.dumps(document, indent=1).encode()


def test_a_relay_that_re_encodes_a_root_makes_no_fork(tmp_path) -> None:
    """Section 7: a fork needs the publisher's keys. Chains were compared by their
    envelope bytes, so a relay holding no key re-encoded root.1 (same signed
    payload) and its copy was refused as a fork; a reader who got that copy first
    then refused the publisher's own next bundle, a rotation, as a fork too (until
    a trust reset). A root is its signed payload, as an article version is."""
    key = publisher("Relayed News", seed=68)
    genuine = make_bundle(tmp_path / "genuine.satchel", key, [draft("a1")])
    entries = article_entries(key, payload(key, "a2"), article_id="a2", blobs={HTML_SHA: HTML})
    name = f"keys/{key.publisher_id}/root.1.dsse.json"
    entries[name] = re_encoded(entries[name])
    relayed = raw_bundle(tmp_path / "relayed.satchel", entries, None)
    new_key = SigningKey.from_seed(bytes([69]) * 32)
    rotated = KeyFile(key.name, new_key, [*key.chain, chains.rotate(key.chain, key.signing_key,
                                                                    new_key)], encrypted=False)
    later = make_bundle(tmp_path / "later.satchel", rotated, [draft("a3")])

    with Library.open(tmp_path / "one") as library:
        summary = library.import_paths([genuine, relayed])
        assert [(f.status, f.error_type) for f in summary.files] == [("imported", "")] * 2
    with Library.open(tmp_path / "two") as library:
        summary = library.import_paths([relayed, later])
        assert [(f.status, f.error_type) for f in summary.files] == [("imported", "")] * 2
        assert len(library.trust.chain(key.publisher_id).roots) == 2


def test_roots_are_counted_before_they_are_read(tmp_path) -> None:
    """A chain of up to 9,999 roots fits the layout, each root up to 128 KiB: they were
    all inflated into memory (1.25 GB for 9,999 roots of whitespace) before the chain
    was found too long. Now the count comes first: root.2 here is not even valid
    JSON, and its hash is wrong, yet the refusal is the chain's length."""
    entries = chain_entries(KEY)
    for n in range(2, 258):
        entries[f"keys/{KEY.publisher_id}/root.{n}.dsse.json"] = b" " * 1000
    listed = tuple(ManifestEntry(n, len(d), "0" * 64 if "root.2." in n else
                                 hashlib.sha256(d).hexdigest()) for n, d in entries.items())
    manifest = Manifest(bundle_id="ab" * 16, title="", created=CREATED, entries=listed).to_bytes()
    path = raw_bundle(tmp_path / "long.satchel", entries, None, manifest=manifest)
    refused(path, KeyChainError, "the key chain has over 256 links")
