"""The library's own key, used only to sign bundles it packs for passing on.

It names who re-packed a bundle ("packed by"), nothing more: every article
keeps its publisher's signature, and no one's trust depends on this key. It is
made on first use and kept in the catalog, unencrypted, like a device key.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from bundles.chain import new_root, verify_chain
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


def own_packer_id(library: Library) -> str | None:
    """This library's own key's publisher id, if it was ever made (read-only)."""
    chain = library.catalog.scalar("SELECT value FROM meta WHERE key = 'packer.chain'")
    if chain is None:
        return None
    return verify_chain([c.encode("utf-8") for c in json.loads(chain)]).publisher_id


def packer_note(library: Library, publisher: str, articles: int) -> str:
    """Why a key with no articles is listed among publishers: it packed bundles (a
    reader's export key, or a relay's), which names who passed a file on; "" otherwise."""
    if articles:
        return ""
    if publisher == own_packer_id(library):
        return ("this library's own key: it signs the bundles you pass on with satchel export, "
                "never articles")
    packed = library.catalog.scalar("SELECT count(*) FROM bundles WHERE packer = ?",
                                    (publisher,))
    if not packed:
        return ""
    return (f"a packer's key: it signed {packed} bundle(s) you imported as the reader or relay "
            "who passed them on; it signs no articles, so trusting it changes no article")
