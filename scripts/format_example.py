"""Print the worked example of docs/format.md from the code (a test checks they agree).

    .venv/bin/python scripts/format_example.py
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bundles import chain as chains
from bundles import dsse
from bundles.archive import SafeZipReader
from bundles.keys import KeyFile, SigningKey
from bundles.manifest import MANIFEST_ENTRY, STATEMENT_ENTRY
from bundles.pack import ArticleDraft, sign_article, write_bundles

# RFC 8032, section 7.1, TEST 1: a published secret key, so anyone can redo this.
SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
CREATED = "2026-01-01T00:00:00Z"


def example() -> dict[str, str]:
    key = SigningKey.from_seed(SEED)
    root = chains.new_root("Example News", key, issued=CREATED)
    publisher = KeyFile("Example News", key, [root], encrypted=False)
    draft = ArticleDraft(article_id="hello", language="en", title="Hello",
                         body_html="<p>Hello, world.</p>", issued=CREATED)
    signed, blobs, _ = sign_article(draft, publisher)
    envelope = dsse.Envelope.from_bytes(signed.envelope, cap=65536)
    with tempfile.TemporaryDirectory() as folder:
        path = write_bundles([signed], blobs.__getitem__, Path(folder) / "hello.satchel",
                             packer=publisher, created=CREATED)[0]
        bundle_bytes = path.read_bytes()
        with SafeZipReader.open(path) as reader:
            manifest = reader.read(MANIFEST_ENTRY, 1 << 20)
            statement = dsse.Envelope.from_bytes(reader.read(STATEMENT_ENTRY, 1 << 20),
                                                 cap=1 << 20)
    return {
        "public key": key.public.raw.hex(),
        "key id": key.keyid,
        "root.1 envelope": root.decode(),
        "body blob": blobs[signed.payload.body].decode(),
        "article payload": signed.payload.to_bytes().decode(),
        "PAE": envelope.pae().decode(),
        "signature": envelope.signatures[0].sig.hex(),
        "article envelope": signed.envelope.decode(),
        "bundle id": json.loads(manifest)["bundle_id"],
        "manifest": manifest.decode(),
        "statement payload": statement.payload.decode(),
        "bundle sha256": hashlib.sha256(bundle_bytes).hexdigest(),
        "bundle size": str(len(bundle_bytes)),
    }


if __name__ == "__main__":
    for name, value in example().items():
        print(f"## {name}\n{value}\n")
