"""Keys, DSSE envelopes and key chains: each test named after what it checks."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bundles import chain as chains
from bundles import dsse
from bundles.errors import FormatError, KeyChainError, KeyFileError, LimitError, SignatureError
from bundles.jsonio import _depth, loads
from bundles.keys import KeyFile, PublicKey, SigningKey, fingerprint, read_public

PAYLOAD = b'{"hello":"world"}'


def test_pae_matches_the_dsse_spec_bytes() -> None:
    assert dsse.pae("http://example.com/HelloWorld", b"hello world") == (
        b"DSSEv1 29 http://example.com/HelloWorld 11 hello world"
    )


def test_envelope_round_trips_exact_bytes() -> None:
    key = SigningKey.generate()
    env = dsse.sign(dsse.ARTICLE_TYPE, PAYLOAD, [key])
    again = dsse.Envelope.from_bytes(env.to_bytes(), cap=4096)
    assert again == env
    assert dsse.verify(again, dsse.ARTICLE_TYPE, {key.keyid: key.public}) == PAYLOAD


def test_signature_by_key_a_never_verifies_as_key_b() -> None:
    a, b = SigningKey.generate(), SigningKey.generate()
    env = dsse.sign(dsse.ARTICLE_TYPE, PAYLOAD, [a])
    with pytest.raises(SignatureError, match="does not verify"):
        dsse.verify(env, dsse.ARTICLE_TYPE, {b.keyid: b.public})


def test_key_id_is_a_hint_but_a_wrong_one_is_tampering() -> None:
    a = SigningKey.generate()
    env = dsse.sign(dsse.ARTICLE_TYPE, PAYLOAD, [a])
    unnamed = dsse.Envelope(env.payload_type, env.payload,
                            (dsse.Signature("", env.signatures[0].sig),))
    assert dsse.verify(unnamed, dsse.ARTICLE_TYPE, {a.keyid: a.public}) == PAYLOAD
    relabelled = dsse.Envelope(env.payload_type, env.payload,
                               (dsse.Signature("f" * 64, env.signatures[0].sig),))
    with pytest.raises(SignatureError, match="names key"):
        dsse.verify(relabelled, dsse.ARTICLE_TYPE, {a.keyid: a.public})


def test_non_canonical_base64_is_rejected() -> None:
    a = SigningKey.generate()
    env = json.loads(dsse.sign(dsse.ARTICLE_TYPE, b"ab", [a]).to_bytes())
    assert env["payload"] == "YWI="
    env["payload"] = "YWJ="  # same bytes, different unused bits
    with pytest.raises(FormatError, match="canonical"):
        dsse.Envelope.from_bytes(json.dumps(env).encode(), cap=4096)


def test_signature_of_one_payload_type_never_verifies_as_another() -> None:
    key = SigningKey.generate()
    env = dsse.sign(dsse.ROOT_TYPE, PAYLOAD, [key])
    with pytest.raises(SignatureError, match="payload type"):
        dsse.verify(env, dsse.ARTICLE_TYPE, {key.keyid: key.public})
    # Changing the declared type breaks the signature, because PAE covers the type.
    forged = dsse.Envelope(dsse.ARTICLE_TYPE, env.payload, env.signatures)
    with pytest.raises(SignatureError):
        dsse.verify(forged, dsse.ARTICLE_TYPE, {key.keyid: key.public})


def test_duplicate_signature_is_rejected() -> None:
    key = SigningKey.generate()
    env = dsse.sign(dsse.ARTICLE_TYPE, PAYLOAD, [key])
    doubled = dsse.Envelope(env.payload_type, env.payload, env.signatures * 2)
    with pytest.raises(SignatureError, match="twice"):
        dsse.verify(doubled, dsse.ARTICLE_TYPE, {key.keyid: key.public})


def test_envelope_without_signatures_is_rejected() -> None:
    raw = json.dumps({"payload": base64.b64encode(PAYLOAD).decode(),
                      "payloadType": dsse.ARTICLE_TYPE, "signatures": []}).encode()
    with pytest.raises(SignatureError, match="no signatures"):
        dsse.Envelope.from_bytes(raw, cap=4096)


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b'{"a":1,"a":2}', "twice"),
        (b'{"a":NaN}', "NaN"),
        (b'[' * 100 + b']' * 100, "nested"),
        (b'{"a":"\xff"}', "UTF-8"),
        (b"\xef\xbb\xbf{}", "byte-order"),
        (b"{", "not valid JSON"),
    ],
)
def test_strict_json_refuses(raw: bytes, error: str) -> None:
    with pytest.raises((FormatError, LimitError), match=error):
        loads(raw, cap=4096)


def _true_depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_true_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_true_depth, value), default=0)
    return 0


# Strings full of brackets, quotes and backslashes, which must not count as nesting.
_tricky = st.text(alphabet='[]{}"\\abc\u0416 ', max_size=8)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | _tricky,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_tricky, inner, max_size=4),
    max_leaves=40,
)


@given(_json, st.booleans())
def test_depth_is_counted_exactly_on_raw_bytes(value: object, ascii_only: bool) -> None:
    raw = json.dumps(value, ensure_ascii=ascii_only).encode()
    assert _depth(raw, limit=0) == _true_depth(value)


def test_json_over_cap_is_refused_before_parsing() -> None:
    with pytest.raises(LimitError, match="cap"):
        loads(b" " * 5000, cap=4096)


def test_fingerprint_is_in_groups_of_four() -> None:
    key = SigningKey.from_seed(b"\x01" * 32)
    printed = fingerprint(key.keyid)
    assert printed.replace(" ", "") == key.keyid
    assert all(len(group) == 4 for group in printed.split(" "))
    assert len(printed.split(" ")) == 16


def test_key_file_is_encrypted_and_private(tmp_path) -> None:
    key = SigningKey.generate()
    path = tmp_path / "pub.key"
    KeyFile("P", key, [chains.new_root("P", key)]).save(path, b"correct horse")
    assert path.stat().st_mode & 0o777 == 0o600
    assert b"ENCRYPTED PRIVATE KEY" in path.read_bytes()
    assert KeyFile.load(path, b"correct horse").signing_key.keyid == key.keyid
    with pytest.raises(KeyFileError, match="passphrase"):
        KeyFile.load(path, b"wrong")
    with pytest.raises(KeyFileError, match="encrypted"):
        KeyFile.load(path, None)
    assert read_public(path).encrypted


def test_unencrypted_key_needs_an_explicit_choice(tmp_path) -> None:
    key = SigningKey.generate()
    with pytest.raises(KeyFileError, match="no-passphrase"):
        KeyFile("P", key, [chains.new_root("P", key)]).save(tmp_path / "k", None)
    KeyFile("P", key, [chains.new_root("P", key)], encrypted=False).save(tmp_path / "k", None)
    assert KeyFile.load(tmp_path / "k", None).signing_key.keyid == key.keyid


def _chain(length: int) -> tuple[list[bytes], list[SigningKey]]:
    keys = [SigningKey.generate()]
    chain = [chains.new_root("Pub", keys[0])]
    for _ in range(length - 1):
        keys.append(SigningKey.generate())
        chain.append(chains.rotate(chain, keys[-2], keys[-1]))
    return chain, keys


def test_rotated_chain_verifies_and_keeps_the_publisher_id() -> None:
    chain, keys = _chain(3)
    verified = chains.verify_chain(chain)
    assert verified.publisher_id == keys[0].keyid
    assert set(verified.current_keys) == {keys[2].keyid}
    assert set(verified.all_keys) == {k.keyid for k in keys}


def test_chain_that_skips_a_number_is_rejected() -> None:
    chain, _ = _chain(3)
    with pytest.raises(KeyChainError, match="version 3"):
        chains.verify_chain([chain[0], chain[2]])


def test_new_root_without_the_old_keys_signature_is_rejected() -> None:
    chain, keys = _chain(1)
    new = SigningKey.generate()
    root = chains.Root(version=2, name="Pub", keys=(new.public,), threshold=1)
    self_signed = dsse.sign(dsse.ROOT_TYPE, root.to_bytes(), [new]).to_bytes()
    with pytest.raises(KeyChainError, match="root.1's"):
        chains.verify_chain([chain[0], self_signed])


def test_new_root_without_its_own_keys_signature_is_rejected() -> None:
    chain, keys = _chain(1)
    new = SigningKey.generate()
    root = chains.Root(version=2, name="Pub", keys=(new.public,), threshold=1)
    old_signed = dsse.sign(dsse.ROOT_TYPE, root.to_bytes(), [keys[0]]).to_bytes()
    with pytest.raises(KeyChainError, match="introduces key .* but is not signed by it"):
        chains.verify_chain([chain[0], old_signed])


def test_revocation_ends_the_chain() -> None:
    chain, keys = _chain(2)
    revoked = [*chain, chains.rotate(chain, keys[-1], None)]
    verified = chains.verify_chain(revoked)
    assert verified.revoked and not verified.current_keys
    with pytest.raises(KeyChainError, match="revoked"):
        chains.rotate(revoked, keys[-1], SigningKey.generate())


def test_root_one_must_be_self_signed() -> None:
    a, b = SigningKey.generate(), SigningKey.generate()
    root = chains.Root(version=1, name="Pub", keys=(a.public,), threshold=1)
    forged = dsse.sign(dsse.ROOT_TYPE, root.to_bytes(), [b]).to_bytes()
    with pytest.raises(KeyChainError):
        chains.verify_chain([forged])


def test_every_wycheproof_vector_gives_the_expected_result(corpus) -> None:
    vectors = json.loads((corpus / "hostile" / "wycheproof-ed25519_test.json").read_text())
    checked = 0
    for group in vectors["testGroups"]:
        try:
            public = PublicKey.from_dict({"keytype": "ed25519", "public": group["publicKey"]["pk"]})
        except FormatError:
            assert all(t["result"] == "invalid" for t in group["tests"])
            continue
        for test in group["tests"]:
            ok = public.verify(bytes.fromhex(test["sig"]), bytes.fromhex(test["msg"]))
            assert ok == (test["result"] == "valid"), f"tcId {test['tcId']}: {test['comment']}"
            checked += 1
    assert checked >= 140
