"""Build real signed bundles in temporary folders with throwaway keys."""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bundles import chain as chains
from bundles.keys import KeyFile, SigningKey
from bundles.pack import ArticleDraft, SignedArticle, sign_article, write_bundles
from reader.records import ArticleRow, ArticleView, TrustState

CREATED = "2026-11-01T00:00:00Z"


def publisher(name: str = "Test News", seed: int | None = None) -> KeyFile:
    key = SigningKey.from_seed(bytes([seed]) * 32) if seed is not None else SigningKey.generate()
    return KeyFile(name=name, signing_key=key, chain=[chains.new_root(name, key)],
                   encrypted=False)


def png(width: int = 4, height: int = 3, color: tuple[int, int, int] = (200, 30, 30),
        noise: int | None = None) -> bytes:
    """A real, valid PNG of one colour (decodable by Qt and any viewer), or with
    `noise` (a seed) of random pixels, which do not compress."""
    if noise is None:
        raw = b"".join(b"\x00" + bytes(color) * width for _ in range(height))
    else:
        pixels = random.Random(noise).randbytes(3 * width * height)
        raw = b"".join(b"\x00" + pixels[3 * width * y: 3 * width * (y + 1)]
                       for y in range(height))

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


def raw_bundle(path: Path, entries: dict[str, bytes], packer: KeyFile | None,
               *, manifest: bytes | None = None) -> Path:
    """Write any entries as a bundle with a correct manifest and packer seal.

    For crafting hostile bundles: whatever is wrong inside is then the only thing
    wrong, so the check that should fire is the one that does.
    """
    import hashlib

    from bundles import dsse
    from bundles.archive import ZipWriter
    from bundles.manifest import (
        MANIFEST_ENTRY,
        MIMETYPE,
        STATEMENT_ENTRY,
        Manifest,
        ManifestEntry,
        Statement,
    )

    listed = tuple(ManifestEntry(n, len(d), hashlib.sha256(d).hexdigest())
                   for n, d in entries.items())
    if manifest is None:
        manifest = Manifest(bundle_id="ab" * 16, title="", created=CREATED,
                            entries=listed).to_bytes()
    writer = ZipWriter(path)
    writer.add("mimetype", MIMETYPE, compress=False)
    writer.add(MANIFEST_ENTRY, manifest, compress=True)
    if packer is not None:
        statement = Statement("ab" * 16, hashlib.sha256(manifest).hexdigest(),
                              packer.publisher_id)
        env = dsse.sign(dsse.BUNDLE_TYPE, statement.to_bytes(), [packer.signing_key])
        writer.add(STATEMENT_ENTRY, env.to_bytes(), compress=True)
    for name, data in entries.items():
        writer.add(name, data, compress=True)
    writer.close()
    return path


def chain_entries(key: KeyFile) -> dict[str, bytes]:
    return {f"keys/{key.publisher_id}/root.{n}.dsse.json": raw
            for n, raw in enumerate(key.chain, start=1)}


def article_entries(key: KeyFile, payload: bytes, *, article_id: str = "a1", version: int = 1,
                    payload_type: str | None = None,
                    blobs: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """A (possibly hostile) article payload signed properly, with its blobs."""
    from bundles import dsse

    env = dsse.sign(payload_type or dsse.ARTICLE_TYPE, payload, [key.signing_key])
    entries = chain_entries(key)
    entries[f"articles/{key.publisher_id}/{article_id}/{version}.dsse.json"] = env.to_bytes()
    for digest, data in (blobs or {}).items():
        entries[f"blobs/sha256/{digest}"] = data
    return entries


def article_row(id: int = 1, **fields: object) -> ArticleRow:
    """The library's record of one listed article, for widgets tested without a library."""
    base = ArticleRow(
        id=id, key=f"{'a' * 64}/a{id}", publisher="a" * 64, publisher_name="Pub",
        article_id=f"a{id}", version=1, title=f"Title {id}", language="en",
        issued="2026-10-01T12:00:00Z", status="published", byline="", summary="",
        trust=TrustState.UNKNOWN, read=False, bookmarked=False, conflict=False, position=0.0,
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def article_view(html: str = "<p>Body</p>", **fields: object) -> ArticleView:
    """The library's record of one article to show (no images unless given)."""
    base = ArticleView(
        id=1, key=f"{'a' * 64}/a1", version_id=1, publisher="a" * 64, article_id="a1",
        version=1, status="published", issued="2026-10-01T12:00:00Z", language="en",
        title="T", byline="", summary="", tags=(), source_url="", html=html,
        body_sha256="b" * 64, images=(), publisher_name="P", fingerprint="aaaa " * 16,
        trust=TrustState.UNKNOWN, signed_by=(), retired_key=False, revoked=False, packers=(),
        bundles=(), current=True, superseded_by=None, conflict=False, conflicts=(),
        versions=(), read=False, bookmarked=False, position=0.0,
    )
    return replace(base, **fields)  # type: ignore[arg-type]
