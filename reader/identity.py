"""The library's own key, used only to sign bundles it packs for passing on.

It names who re-packed a bundle ("packed by"), nothing more: every article
keeps its publisher's signature, and no one's trust depends on this key. It is
made on first use and kept in the catalog, unencrypted, like a device key.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from bundles.chain import new_root
from bundles.keys import KeyFile, SigningKey

if TYPE_CHECKING:
    from .library import Library


def packer_key(library: Library) -> KeyFile:
    catalog = library.catalog
    pem = catalog.scalar("SELECT value FROM meta WHERE key = 'packer.pem'")
    chain = catalog.scalar("SELECT value FROM meta WHERE key = 'packer.chain'")
    if pem is not None and chain is not None:
        envelopes = [c.encode("utf-8") for c in json.loads(chain)]
        key = SigningKey.from_pem(pem, None)
        return KeyFile(name="", signing_key=key, chain=envelopes, encrypted=False)
    library._writable()
    key = SigningKey.generate()
    name = library.settings.get("export.packer_name") or f"Satchel reader {key.keyid[:8]}"
    root = new_root(name, key)
    with catalog.transaction() as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('packer.pem', ?)",
                     (key.to_pem(None),))
        conn.execute("INSERT INTO meta (key, value) VALUES ('packer.chain', ?)",
                     (json.dumps([root.decode("utf-8")]),))
    return KeyFile(name=name, signing_key=key, chain=[root], encrypted=False)
