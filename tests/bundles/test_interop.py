"""DSSE envelopes interoperate with securesystemslib, an implementation we did not write."""

from __future__ import annotations

import json

import pytest

from bundles import dsse
from bundles.keys import PublicKey, SigningKey

sslib_dsse = pytest.importorskip("securesystemslib.dsse", reason="securesystemslib not installed")
signer_mod = pytest.importorskip("securesystemslib.signer")


def _sslib_pair():
    """A securesystemslib signer whose key id is Satchel's (SHA-256 of the raw key)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    ours = SigningKey(private)
    public = signer_mod.SSlibKey.from_crypto(private.public_key(), keyid=ours.keyid)
    return signer_mod.CryptoSigner(private, public), public, private


def test_envelope_signed_by_securesystemslib_verifies_in_satchel() -> None:
    signer, public, _ = _sslib_pair()
    envelope = sslib_dsse.Envelope(payload=b'{"a":1}', payload_type=dsse.ARTICLE_TYPE,
                                   signatures={})
    envelope.sign(signer)
    raw = json.dumps(envelope.to_dict()).encode()
    ours = dsse.Envelope.from_bytes(raw, cap=65536)
    key = PublicKey(bytes.fromhex(public.keyval["public"]))
    assert dsse.verify(ours, dsse.ARTICLE_TYPE, {key.keyid: key}) == b'{"a":1}'


def test_envelope_signed_by_satchel_verifies_in_securesystemslib() -> None:
    ours = SigningKey.generate()
    raw = dsse.sign(dsse.ARTICLE_TYPE, b'{"b":2}', [ours]).to_bytes()
    theirs = sslib_dsse.Envelope.from_dict(json.loads(raw))
    key = signer_mod.SSlibKey(
        keyid=ours.keyid, keytype="ed25519", scheme="ed25519",
        keyval={"public": ours.public.raw.hex()},
    )
    accepted = theirs.verify([key], threshold=1)
    assert ours.keyid in accepted
