"""Signing articles and writing bundles: one pipeline for every source.

`prepare_body` rewrites an article's image references to blob URLs and
sanitizes the HTML (so no bundle of ours ever carries a script),
`sign_article` signs an `ArticleDraft` with the publisher's key, and
`write_bundles` packs signed articles (new, or taken out of other bundles with
their original signatures) into one or more self-contained parts, each signed
by the packer. Output is deterministic for the same input and `created` time.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

import nh3

from . import dsse
from .archive import ZipWriter
from .article import HTML_TYPE, ArticlePayload, FileRef, blob_url
from .chain import KeyChain, verify_chain
from .errors import FormatError, LimitError, SourceError
from .images import fit_image, image_info
from .keys import KeyFile
from .limits import DEFAULT_LIMITS, GiB, Limits
from .manifest import (
    MANIFEST_ENTRY,
    MIMETYPE,
    MIMETYPE_ENTRY,
    STATEMENT_ENTRY,
    Manifest,
    ManifestEntry,
    Statement,
)
from .sanitize import sanitize

DEFAULT_MAX_SIZE = 1 * GiB
BlobSource = Callable[[str], bytes]


@dataclass
class ArticleDraft:
    """An article before signing; images maps the body's relative names to bytes."""

    article_id: str
    language: str
    title: str
    body_html: str
    images: dict[str, bytes] = field(default_factory=dict)
    version: int = 1
    status: str = "published"
    issued: str = ""
    byline: str = ""
    summary: str = ""
    tags: tuple[str, ...] = ()
    source_url: str = ""


@dataclass(frozen=True)
class SignedArticle:
    """A signed article ready to pack: exact envelope bytes plus its publisher's chain."""

    payload: ArticlePayload
    envelope: bytes
    chain: tuple[bytes, ...]

    @property
    def key(self) -> str:
        return self.payload.key


@dataclass
class PreparedBody:
    html: str
    images: dict[str, tuple[bytes, str]]  # sha256 -> (data, media type)
    dropped: list[str]


def _image_name(src: str) -> str | None:
    """A relative reference to a local file, normalised; None for anything else."""
    parts = urlsplit(src.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None
    name = posixpath.normpath(unquote(parts.path))
    if name.startswith(("/", "../")) or name == "..":
        return None
    return unicodedata.normalize("NFC", name)


def prepare_body(
    html: str, images: Mapping[str, bytes], limits: Limits = DEFAULT_LIMITS
) -> PreparedBody:
    """Point `<img src="photo.jpg">` at the image's blob, then sanitize."""
    by_name = {unicodedata.normalize("NFC", posixpath.normpath(k)): v for k, v in images.items()}
    used: dict[str, tuple[bytes, str]] = {}
    dropped: list[str] = []

    def rewrite(tag: str, attribute: str, value: str) -> str | None:
        if tag != "img" or attribute != "src":
            return value
        name = _image_name(value)
        data = by_name.get(name) if name else None
        if data is None:
            dropped.append(f"image {value[:200]!r}: not a file beside the article")
            return None
        try:
            info = image_info(data)
            if len(data) > limits.image_bytes or info.pixels > limits.image_pixels:
                dropped.append(f"image {value[:200]!r}: larger than readers accept")
                return None
            data, cut = fit_image(data, info, limits)
        except (FormatError, LimitError) as exc:
            dropped.append(f"image {value[:200]!r}: {exc.reason}")
            return None
        if cut:
            dropped.append(f"image {value[:200]!r}: {cut:,} bytes after the end of the "
                           "image (another picture or a trailer) left out")
        digest = hashlib.sha256(data).hexdigest()
        used[digest] = (data, info.media_type)
        return blob_url(digest)

    rewritten = nh3.clean(
        html,
        tags=None,
        attribute_filter=rewrite,
        url_relative="pass_through",
        url_schemes={"http", "https", "sha256"},
        link_rel=None,
        strip_comments=True,
        attributes={"img": {"src", "alt", "title", "width", "height"}, "a": {"href", "title"},
                    "*": {"dir", "lang"}, "td": {"colspan", "rowspan"},
                    "th": {"colspan", "rowspan"}, "time": {"datetime"}},
    )
    clean = sanitize(rewritten, allowed_blobs=used.keys())
    if len(clean.encode("utf-8")) > limits.html_bytes:
        raise LimitError(f"the body is over {limits.html_bytes // (1024 * 1024)} MiB")
    return PreparedBody(html=clean, images=used, dropped=dropped)


def sign_article(
    draft: ArticleDraft, key: KeyFile, limits: Limits = DEFAULT_LIMITS
) -> tuple[SignedArticle, dict[str, bytes], list[str]]:
    """Sign a draft. Returns the signed article, its blobs and what was dropped."""
    body = prepare_body(draft.body_html, draft.images, limits)
    html_bytes = body.html.encode("utf-8")
    body_sha = hashlib.sha256(html_bytes).hexdigest()
    files = [FileRef(body_sha, len(html_bytes), HTML_TYPE, "body")]
    blobs = {body_sha: html_bytes}
    for digest, (data, media_type) in body.images.items():
        if digest not in blobs:
            files.append(FileRef(digest, len(data), media_type, "image"))
            blobs[digest] = data
    payload = ArticlePayload(
        publisher=key.publisher_id,
        article_id=draft.article_id,
        version=draft.version,
        language=draft.language,
        title=draft.title,
        body=body_sha,
        files=tuple(files),
        status=draft.status,
        issued=draft.issued,
        byline=draft.byline,
        summary=draft.summary,
        tags=tuple(draft.tags),
        source_url=draft.source_url,
    )
    envelope = dsse.sign(dsse.ARTICLE_TYPE, payload.to_bytes(), [key.signing_key])
    signed = SignedArticle(payload, envelope.to_bytes(), tuple(key.chain))
    return signed, blobs, body.dropped


def rfc3339(moment: datetime | None = None) -> str:
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class _Part:
    articles: list[SignedArticle]
    blob_sizes: dict[str, int]


def _plan_parts(
    articles: Sequence[SignedArticle], max_size: int, fixed_overhead: int
) -> list[_Part]:
    """Split by article, never splitting bytes: each part is complete on its own.

    Sizes are upper bounds (entries counted uncompressed, with header overhead),
    so a part never exceeds `max_size` once written.
    """
    parts: list[_Part] = []
    current: list[SignedArticle] = []
    blobs: dict[str, int] = {}
    chains: set[str] = set()
    # Article ids are case-sensitive, entry names unique only case-folded (the
    # names are ASCII): `News/1` and `news/1` can only travel in separate parts.
    folded: set[str] = set()
    used = fixed_overhead

    def entry_cost(name: str, size: int) -> int:
        # Header bytes, the data (deflate adds at most ~0.1% + a few bytes; images are
        # stored), and the entry's line in the manifest (uncompressed, an upper bound).
        return ZipWriter.entry_overhead(name) + size + size // 1000 + 64 + len(name) + 120

    def cost(item: SignedArticle, blobs: dict[str, int], chains: set[str]) -> int:
        total = entry_cost(item.payload.entry_name, len(item.envelope))
        for ref in item.payload.files:
            if ref.sha256 not in blobs:
                total += entry_cost("blobs/sha256/" + ref.sha256, ref.size)
        if item.payload.publisher not in chains:
            total += sum(entry_cost(f"keys/{item.payload.publisher}/root.{n}.dsse.json", len(r))
                         for n, r in enumerate(item.chain, start=1))
        return total

    for item in articles:
        extra = cost(item, blobs, chains)
        name = item.payload.entry_name.casefold()
        if current and (used + extra > max_size or name in folded):
            parts.append(_Part(current, blobs))
            current, blobs, chains, folded, used = [], {}, set(), set(), fixed_overhead
            extra = cost(item, blobs, chains)
        folded.add(name)
        if used + extra > max_size:
            raise LimitError(
                f"article {item.payload.article_id!r} alone needs about {extra} bytes, "
                f"more than the {max_size}-byte part size"
            )
        current.append(item)
        used += extra
        chains.add(item.payload.publisher)
        for ref in item.payload.files:
            blobs[ref.sha256] = ref.size
    if current:
        parts.append(_Part(current, blobs))
    return parts


def part_paths(out: Path, parts: int) -> list[Path]:
    if parts == 1:
        return [out]
    stem = out.name[: -len(".satchel")] if out.name.endswith(".satchel") else out.name
    return [out.with_name(f"{stem}.part{k}of{parts}.satchel") for k in range(1, parts + 1)]


def _planned(articles: Sequence[SignedArticle], packer: KeyFile | None, max_size: int,
             limits: Limits) -> tuple[dict[str, KeyChain], list[str], list[_Part]]:
    """The chains to copy, the article version keys in order, and the parts."""
    if not articles:
        raise SourceError("nothing to pack: no article was accepted",
                          hint="Every article was refused: fix what each refusal names, then "
                               "pack again.")
    max_size = min(max_size, limits.part_bytes)
    chains = _verified_chains(articles, packer)
    ordered = sorted(articles, key=lambda a: (a.payload.publisher, a.payload.article_id,
                                              a.payload.version))
    keys = [a.key + f"/{a.payload.version}" for a in ordered]
    if len(set(keys)) != len(keys):
        raise SourceError("the same article version is given twice")
    # mimetype, manifest header, the packer's statement and the packer's chain.
    fixed = 4096 + sum(len(r) + 512 for r in (packer.chain if packer else ()))
    return chains, keys, _plan_parts(ordered, max_size, fixed)


def write_bundles(
    articles: Sequence[SignedArticle],
    blobs: BlobSource,
    out: Path,
    *,
    packer: KeyFile | None,
    title: str = "",
    created: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    limits: Limits = DEFAULT_LIMITS,
) -> list[Path]:
    """Write one bundle, or several parts when they would not fit `max_size`."""
    chains, keys, plan = _planned(articles, packer, max_size, limits)
    created = created or rfc3339()
    set_id = ""
    if len(plan) > 1:
        digest = hashlib.sha256("\n".join(keys).encode() + created.encode()).hexdigest()
        set_id = digest[:32]
    paths = part_paths(Path(out), len(plan))
    for number, (part, path) in enumerate(zip(plan, paths, strict=True), start=1):
        _write_part(part, path, blobs, chains, packer, title, created, set_id, number, len(plan),
                    limits)
    return paths


def write_bundle_bytes(
    articles: Sequence[SignedArticle],
    blobs: BlobSource,
    *,
    packer: KeyFile | None,
    title: str = "",
    created: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    limits: Limits = DEFAULT_LIMITS,
    name: str = "bundle.satchel",
) -> bytes:
    """One bundle, written in memory (nothing touches the disk) as `write_bundles` writes
    it; `LimitError` when it would not fit in one part of `max_size` bytes."""
    chains, _, plan = _planned(articles, packer, max_size, limits)
    if len(plan) > 1:
        raise LimitError(f"{name}: the articles need {len(plan)} parts of at most "
                         f"{min(max_size, limits.part_bytes)} bytes; choose fewer")
    stream = io.BytesIO()
    _write_part(plan[0], Path(name), blobs, chains, packer, title, created or rfc3339(), "",
                1, 1, limits, stream=stream)
    return stream.getvalue()


def _verified_chains(
    articles: Sequence[SignedArticle], packer: KeyFile | None
) -> dict[str, KeyChain]:
    """Every chain we copy must verify and be the newest we were given."""
    chains: dict[str, KeyChain] = {}
    given = [tuple(a.chain) for a in articles] + ([tuple(packer.chain)] if packer else [])
    for raw in dict.fromkeys(given):  # each distinct chain verified once, not per article
        chain = verify_chain(raw)
        known = chains.get(chain.publisher_id)
        if known is None or known.is_prefix_of(chain):
            chains[chain.publisher_id] = chain
        elif not chain.is_prefix_of(known):
            raise SourceError(f"two different key chains for publisher {chain.publisher_id[:16]}")
    return chains


def _write_part(
    part: _Part,
    path: Path,
    blobs: BlobSource,
    chains: dict[str, KeyChain],
    packer: KeyFile | None,
    title: str,
    created: str,
    set_id: str,
    number: int,
    parts: int,
    limits: Limits = DEFAULT_LIMITS,
    stream: BinaryIO | None = None,
) -> None:
    # Small entries are held in memory; blobs are read one at a time while
    # writing, so packing a 1 GiB part needs memory for one blob, not the part.
    small: list[tuple[str, bytes]] = []
    publishers = sorted({a.payload.publisher for a in part.articles})
    if packer is not None and packer.publisher_id not in publishers:
        publishers = sorted([*publishers, packer.publisher_id])
    for publisher in publishers:
        for n, raw in enumerate(chains[publisher].envelopes, start=1):
            small.append((f"keys/{publisher}/root.{n}.dsse.json", raw))
    for item in part.articles:
        small.append((item.payload.entry_name, item.envelope))
    listed = [ManifestEntry(name, len(data), hashlib.sha256(data).hexdigest())
              for name, data in small]
    listed += [ManifestEntry(f"blobs/sha256/{digest}", size, digest)
               for digest, size in sorted(part.blob_sizes.items())]
    identity = hashlib.sha256(
        "\n".join(f"{e.path} {e.sha256}" for e in listed).encode()
        + f"\n{set_id} {number}/{parts} {created} {title}".encode()
    ).hexdigest()[:32]
    manifest = Manifest(
        bundle_id=identity, title=title, created=created, entries=tuple(listed),
        set_id=set_id, part=number, parts=parts,
    )
    manifest_bytes = manifest.to_bytes()
    writer = ZipWriter(path, stream=stream)
    content = len(MIMETYPE) + len(manifest_bytes) + sum(e.size for e in listed)
    try:
        writer.add(MIMETYPE_ENTRY, MIMETYPE, compress=False)
        writer.add(MANIFEST_ENTRY, manifest_bytes, compress=True)
        if packer is not None:
            statement = Statement(
                bundle_id=identity,
                manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
                packer=packer.publisher_id,
            )
            envelope = dsse.sign(dsse.BUNDLE_TYPE, statement.to_bytes(), [packer.signing_key])
            writer.add(STATEMENT_ENTRY, envelope.to_bytes(), compress=True)
            content += len(envelope.to_bytes())
        for name, data in small:
            writer.add(name, data, compress=True)
        for digest, size in sorted(part.blob_sizes.items()):
            data = blobs(digest)
            if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
                raise FormatError(f"blob {digest[:16]}… does not match its hash or size")
            # Images are already compressed: store them, deflate the text.
            compress = not data.startswith((b"\x89PNG", b"\xff\xd8", b"GIF8", b"RIFF"))
            writer.add(f"blobs/sha256/{digest}", data, compress=compress)
        # Readers refuse a bundle that inflates past its budget (docs/format.md section 2).
        too_much = limits.inflation_error(content, writer.size_so_far)
        if too_much is not None:
            raise LimitError(f"{path.name}: the bundle {too_much}; readers would refuse it")
        writer.close()
    except BaseException:
        writer.abort()
        raise
