"""Build real signed bundles in temporary folders with throwaway keys."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bundles import chain as chains
from bundles.keys import KeyFile, SigningKey
from bundles.pack import ArticleDraft, SignedArticle, sign_article, write_bundles

CREATED = "2026-11-01T00:00:00Z"


def publisher(name: str = "Test News", seed: int | None = None) -> KeyFile:
    key = SigningKey.from_seed(bytes([seed]) * 32) if seed is not None else SigningKey.generate()
    return KeyFile(name=name, signing_key=key, chain=[chains.new_root(name, key)],
                   encrypted=False)


def png(width: int = 4, height: int = 3, color: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A real, valid PNG of one colour (decodable by Qt and any viewer)."""
    raw = b"".join(b"\x00" + bytes(color) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def draft(article_id: str = "a1", **fields: object) -> ArticleDraft:
    base = ArticleDraft(
        article_id=article_id,
        language="en",
        title=f"Title of {article_id}",
        body_html=f"<h1>Hello</h1><p>Body of {article_id}.</p><img src=\"photo.png\" alt=\"p\">",
        images={"photo.png": png()},
        issued="2026-10-01T12:00:00Z",
        tags=("news",),
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def sign_all(key: KeyFile, drafts: Sequence[ArticleDraft]) -> tuple[list[SignedArticle], dict]:
    signed, blobs = [], {}
    for d in drafts:
        item, item_blobs, _ = sign_article(d, key)
        signed.append(item)
        blobs.update(item_blobs)
    return signed, blobs


def make_bundle(
    path: Path,
    key: KeyFile | None = None,
    drafts: Sequence[ArticleDraft] | None = None,
    *,
    packer: KeyFile | None = None,
    **options: object,
) -> Path:
    key = key or publisher()
    signed, blobs = sign_all(key, drafts if drafts is not None else [draft()])
    paths = write_bundles(signed, blobs.__getitem__, path, packer=packer or key,
                          created=CREATED, **options)  # type: ignore[arg-type]
    return paths[0]
