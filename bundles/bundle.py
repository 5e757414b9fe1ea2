"""Opening a bundle: every check of DESIGN.md section 3, then read-only access.

`Bundle.open(path)` is the only way to get a `Bundle`, so one always holds a
fully verified file. Verification steps, in order:

  (1) open the archive within limits (structure, names, overlap, sizes: archive.py),
      and what it inflates to within its budget (limits.inflation_error);
  (2) `mimetype` is the first entry, stored, with the exact media type;
  (3) every entry name fits the layout; unlisted-but-valid names only warn;
  (4) parse the manifest; every listed entry exists with the listed size;
  (5) verify every publisher key chain under `keys/` (root.1 .. root.N);
  (6) verify the packer's statement, if any: payload type, signatures by the
      packer's current keys over PAE, then the manifest hash and bundle id;
  (7) each article envelope: hash against the manifest, payload type, Ed25519
      signatures by its publisher's chain over PAE, then parse the payload and
      bind publisher, id and version to the entry name;
  (8) every blob, streamed in file order (alongside step 7, in another thread,
      which streams blobs too once step 7 is done):
      hash equals its name and the manifest; then, once the articles say what
      each blob is, its size equals every size an article declares for it, and
      size and kind are within caps (HTML is UTF-8; images are
      PNG/JPEG/GIF/WebP within the pixel cap, sniffed from the header without
      decoding, and their structure walked to where their data ends).
      `on_blob` receives each blob that a verified article uses, once its
      hash is checked and every article's signature too (never a blob nothing
      uses), always on the thread that called `open`; a later failure still
      rejects the whole bundle, so the caller keeps all or nothing (the
      importer stages blobs and discards them on failure).

Nothing is parsed before its size is capped, nothing is parsed before its
signature is checked (except root.1, whose keys are what it is checked with).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from . import dsse
from .archive import SafeZipReader, ZipEntry
from .article import HTML_TYPE, ArticlePayload
from .background import Background
from .chain import KeyChain, verify_chain
from .dsse import Envelope
from .errors import (
    ArchiveError,
    BundleError,
    Cancelled,
    FormatError,
    HashMismatchError,
    KeyChainError,
    LimitError,
    SatchelError,
    SignatureError,
)
from .images import ImageInfo, check_layout, image_info
from .keys import PublicKey
from .limits import DEFAULT_LIMITS, Limits
from .manifest import (
    MANIFEST_ENTRY,
    MIMETYPE,
    MIMETYPE_ENTRY,
    STATEMENT_ENTRY,
    Manifest,
    Statement,
)

HEX = "[0-9a-f]{64}"
KEY_RE = re.compile(rf"^keys/({HEX})/root\.([1-9][0-9]{{0,3}})\.dsse\.json\Z")
ARTICLE_RE = re.compile(
    rf"^articles/({HEX})/([A-Za-z0-9][A-Za-z0-9._-]{{0,127}})/([1-9][0-9]{{0,8}})\.dsse\.json\Z"
)
BLOB_RE = re.compile(rf"^blobs/sha256/({HEX})\Z")

Progress = Callable[[int, int], None]
BlobSink = Callable[[str, bytes], None]


@dataclass(frozen=True)
class VerifiedArticle:
    payload: ArticlePayload
    envelope: bytes  # the exact bytes of the entry, kept for re-packing
    payload_sha256: str  # of the signed payload: the version's identity, whatever the envelope
    signed_by: frozenset[str]
    retired_key: bool  # signed only by keys the chain's newest root dropped
    publisher_revoked: bool

    @property
    def key(self) -> str:
        return self.payload.key


@dataclass
class Bundle:
    """A verified bundle, read in place. Build it with `Bundle.open`."""

    path: Path
    manifest: Manifest
    statement: Statement | None
    packer: KeyChain | None
    chains: dict[str, KeyChain]
    articles: tuple[VerifiedArticle, ...]
    blob_types: dict[str, str]
    warnings: list[str] = field(default_factory=list)
    file_size: int = 0
    # SHA-256 of the manifest's exact bytes: with every entry's hash in it, this
    # names the bundle's whole content (what a library's "already imported" rests on).
    manifest_sha256: str = ""
    _reader: SafeZipReader | None = field(default=None, repr=False)

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        limits: Limits = DEFAULT_LIMITS,
        on_blob: BlobSink | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Bundle:
        """Verify everything; `on_blob(sha256, data)` receives each verified blob."""
        path = Path(path)
        reader = SafeZipReader.open(path, limits)  # (1)
        try:
            bundle = _Verifier(path, reader, limits, on_blob, progress, cancelled).run()
        except SatchelError as exc:
            reader.close()
            raise exc.with_context(path=str(path)) from None
        except BaseException:
            reader.close()
            raise
        bundle._reader = reader
        return bundle

    def read_blob(self, sha256: str) -> bytes:
        """Read a blob again from the file and check it still hashes to its name."""
        if self._reader is None:
            raise RuntimeError("bundle is closed")
        if sha256 not in self.blob_types:
            raise KeyError(sha256)
        name = f"blobs/sha256/{sha256}"
        try:
            data, digest = self._reader.read_hashed(name, self.manifest.entry_map[name].size)
        except SatchelError as exc:
            raise exc.with_context(path=str(self.path), entry=name) from None
        if digest != sha256:
            raise HashMismatchError(
                "its bytes are not the ones verified when it was opened", path=str(self.path),
                entry=name, headline="the file was changed while it was open")
        return data

    def article(self, key: str) -> VerifiedArticle:
        for item in self.articles:
            if item.key == key:
                return item
        raise KeyError(key)

    @property
    def languages(self) -> list[str]:
        return sorted({a.payload.language for a in self.articles})

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def __enter__(self) -> Bundle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Verifier:
    def __init__(
        self,
        path: Path,
        reader: SafeZipReader,
        limits: Limits,
        on_blob: BlobSink | None,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ):
        self.path = path
        self.reader = reader
        self.limits = limits
        self.on_blob = on_blob
        self.progress = progress
        self.cancelled = cancelled
        self.warnings: list[str] = []
        self.done = 0
        self.total = sum(e.compressed_size for e in reader.entries)
        self.stopping = threading.Event()  # set when the bundle is rejected or done
        self._tick_lock = threading.Lock()
        self._blob_failures: list[tuple[int, BaseException]] = []
        self._handoff: _Handoff[tuple[ZipEntry, str, bytes]] = _Handoff(_HANDOFF_BYTES)
        # Only blobs a verified article uses ever reach the sink. The worker appends
        # each verified article's blobs to `_verified_files` (appending is atomic);
        # the sink's thread delivers a blob once it is there, keeps the others it
        # verified (`_pending`, at most `_PENDING_BYTES`, then it waits for the
        # articles), and drops what is left once `_used` says they are all checked.
        self._verified_files: list[str] = []
        self._used: frozenset[str] | None = None
        self._articles_done = threading.Event()
        self._known: set[str] = set()  # the sink's thread's copy of _verified_files
        self._seen = 0  # how much of _verified_files it has read
        self._pending: dict[str, bytes] = {}
        self._pending_bytes = 0

    def _tick(self, entry: ZipEntry) -> None:
        """Count progress (from either thread); stop when cancelled or rejected."""
        if self.stopping.is_set():
            raise _Stopped("stopped before the bundle was fully read", path=str(self.path))
        if self.cancelled is not None and self.cancelled():
            raise Cancelled("stopped before the bundle was fully read", path=str(self.path))
        with self._tick_lock:
            self.done += entry.compressed_size
            done = self.done
        if self.progress is not None:
            self.progress(done, self.total)

    def _check_content_budget(self) -> None:
        """(1, continued) What the bundle costs once inflated, from the sizes every read
        holds each entry to (docs/format.md section 2): before a byte is inflated."""
        content = sum(e.size for e in self.reader.entries)
        error = self.limits.inflation_error(content, self.reader.file_size)
        if error is not None:
            raise LimitError(error)

    def _read(self, entry: ZipEntry, cap: int) -> bytes:
        """Read a listed entry with a cap and check it against the manifest."""
        listed = self.manifest.entry_map[entry.name]
        data, digest = self.reader.read_hashed(entry, min(cap, listed.size))
        if digest != listed.sha256:
            raise HashMismatchError("its bytes are not the ones the manifest lists (another "
                                    "SHA-256)", entry=entry.name)
        self._tick(entry)
        return data

    def run(self) -> Bundle:
        reader = self.reader
        self._check_content_budget()
        # (2) mimetype first, stored, exact.
        first = reader.entries[0] if reader.entries else None
        if first is None or first.name != MIMETYPE_ENTRY:
            raise ArchiveError("the first entry must be 'mimetype'")
        if first.header_offset != 0 or first.method != 0:
            raise ArchiveError("'mimetype' must be stored at offset 0", entry=MIMETYPE_ENTRY)
        if reader.read(first, len(MIMETYPE) + 1) != MIMETYPE:
            raise FormatError("not a Satchel bundle (wrong media type)", entry=MIMETYPE_ENTRY)

        # (3) names fit the layout.
        special = {MIMETYPE_ENTRY, MANIFEST_ENTRY, STATEMENT_ENTRY}
        for entry in reader.entries:
            name = entry.name
            if name in special or KEY_RE.match(name) or ARTICLE_RE.match(name):
                continue
            if not BLOB_RE.match(name):
                raise ArchiveError("name is outside the bundle layout", entry=name)

        # (4) the manifest.
        manifest_entry = reader.entry(MANIFEST_ENTRY)
        if manifest_entry is None:
            raise FormatError(f"has no {MANIFEST_ENTRY}")
        manifest_bytes = reader.read(manifest_entry, self.limits.manifest_bytes)
        self._tick(manifest_entry)
        try:
            self.manifest = manifest = Manifest.from_bytes(manifest_bytes, self.limits)
        except SatchelError as exc:
            raise exc.with_context(entry=MANIFEST_ENTRY) from None
        for listed in manifest.entries:
            found = reader.entry(listed.path)
            if listed.path in special:
                raise FormatError("the manifest lists itself or its statement", entry=listed.path)
            if found is None:
                raise FormatError("listed in the manifest but missing", entry=listed.path)
            if found.size != listed.size:
                raise HashMismatchError(
                    f"{found.size:,} bytes, but the manifest lists {listed.size:,}",
                    entry=listed.path,
                )
        for entry in reader.entries:
            if entry.name not in special and entry.name not in manifest.entry_map:
                self.warnings.append(f"entry {entry.name!r} is not in the manifest; ignored")

        listed_entries = [reader.entry(e.path) for e in manifest.entries]
        entries = [e for e in listed_entries if e is not None]

        # (5) key chains.
        chains = self._chains([e for e in entries if KEY_RE.match(e.name)])

        # (6) the packer's statement.
        statement, packer = self._statement(manifest_bytes, chains)

        # (7) and (8) overlap: a worker thread checks the article signatures (which
        # hold the GIL) while this thread streams the blobs in file order (reading,
        # inflating and hashing release it), so a stick is read front to back once.
        # When the articles are done, the worker streams blobs too (taking the next
        # in file order, as this thread does). A sink is only ever called from this
        # thread (the library's writes to its SQLite connection): the worker hands
        # its verified blobs over (`_Handoff`, a few MB at most) and this thread
        # delivers them between its own.
        # A blob is delivered once its hash matches its name and the manifest and
        # every article is checked, and only if one of them uses it: a sink never
        # writes what nothing uses (blobs verified before the articles wait, up to
        # `_PENDING_BYTES`). The checks that need the signed articles (kind, caps)
        # run at the end, and any failure rejects the whole bundle, so a receiver
        # keeps all or nothing.
        blobs = _Handout(sorted(
            (e for e in entries if BLOB_RE.match(e.name)), key=lambda e: e.header_offset
        ))
        article_entries = [e for e in entries if ARTICLE_RE.match(e.name)]
        facts: dict[str, _BlobFacts] = {}
        worker = Background(lambda: self._articles_then_blobs(article_entries, chains,
                                                              blobs, facts),
                            name="satchel-verify-articles")
        try:
            self._stream_blobs(blobs, facts, self._deliver)
            if self.on_blob is not None:
                while not worker.done and not self.stopping.is_set():
                    self._deliver_pending()  # once the articles are checked
                    self._deliver_handed(wait=0.02)  # what the worker verifies meanwhile
            worker.join()
            self._deliver_pending()
            self._deliver_handed()
        finally:
            self.stopping.set()
            worker.join()
        if self._blob_failures:  # the first bad blob in file order, whichever thread met it
            raise min(self._blob_failures, key=lambda failure: failure[0])[1]
        articles = worker.result()  # or the article checks' failure

        # (8, continued) what the articles declare against what the blobs are.
        blob_types = self._blob_types(articles)
        for item in articles:
            for ref in item.payload.files:
                if ref.sha256 not in facts:
                    raise FormatError(
                        f"article {item.payload.article_id!r} needs blob {ref.sha256[:16]}… "
                        "which is not in this bundle",
                        entry=item.payload.entry_name,
                    )
                # The signed size is what a library records and re-packs with.
                if facts[ref.sha256].size != ref.size:
                    raise HashMismatchError(
                        f"blob {ref.sha256[:16]}… is {facts[ref.sha256].size} bytes, but the "
                        f"article declares {ref.size}",
                        entry=item.payload.entry_name,
                        headline="an article was signed with a wrong size for its file",
                        hint="The publisher signed a size that is not its file's: the bundle "
                             "breaks the format, so nothing from it was used. Tell whoever "
                             "gave it to you, so it reaches the publisher.",
                    )
        for digest, fact in facts.items():
            media_type = blob_types.get(digest)
            if media_type is None:
                self.warnings.append(f"blob {digest[:16]}… is used by no article; ignored")
            else:
                self._check_blob(f"blobs/sha256/{digest}", fact, media_type)
        present = set(facts)

        used_chains = {a.payload.publisher for a in articles}
        if packer is not None:
            used_chains.add(packer.publisher_id)
        for unused in sorted(set(chains) - used_chains):
            self.warnings.append(f"key chain {unused[:16]}… signs nothing here")
        return Bundle(
            path=self.path,
            manifest=manifest,
            statement=statement,
            packer=packer,
            chains=chains,
            articles=tuple(articles),
            blob_types={k: v for k, v in blob_types.items() if k in present},
            warnings=self.warnings,
            file_size=self.path.stat().st_size,
            manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
        )

    def _articles_then_blobs(
        self, entries: list[ZipEntry], chains: dict[str, KeyChain],
        blobs: _Handout[ZipEntry], facts: dict[str, _BlobFacts],
    ) -> list[VerifiedArticle]:
        """The article checks, then a share of the blob stream:
        the articles take about a third of the time the blobs do, and this
        thread's core would otherwise sit idle for the rest."""
        try:
            articles = self._articles(entries, chains)
        except BaseException:
            self.stopping.set()
            self._articles_done.set()
            raise
        self._used = frozenset(ref.sha256 for item in articles for ref in item.payload.files)
        self._articles_done.set()
        self._stream_blobs(blobs, facts, self._hand_over)
        return articles

    def _stream_blobs(self, blobs: Iterable[ZipEntry], facts: dict[str, _BlobFacts],
                      deliver: Callable[[ZipEntry, str, bytes], None]) -> None:
        """Stream blobs until none are left or verification stops, passing each
        to `deliver`. A failure is kept with the blob's place in the file, for
        `run` to raise the first: each thread finishes the blob it holds, and
        every blob before the one that failed was handed out before it, so the
        first bad blob is found and reported as one thread alone would."""
        for entry in blobs:
            if self.stopping.is_set():
                return
            try:
                digest, data = self._stream_blob(entry, facts)
                deliver(entry, digest, data)
            except _Stopped:
                return
            except BaseException as exc:
                self._failed(entry, exc)
                return

    def _failed(self, entry: ZipEntry, exc: BaseException) -> None:
        with self._tick_lock:
            self._blob_failures.append((entry.header_offset, exc))
        self.stopping.set()

    def _stream_blob(self, entry: ZipEntry, facts: dict[str, _BlobFacts]) -> tuple[str, bytes]:
        data, digest = self.reader.read_hashed(entry, self.limits.blob_bytes)
        if digest != self.manifest.entry_map[entry.name].sha256:
            raise HashMismatchError("its bytes are not the ones the manifest lists (another "
                                    "SHA-256)", entry=entry.name)
        if digest != entry.name[len("blobs/sha256/"):]:
            raise HashMismatchError("its bytes do not have the SHA-256 its name says",
                                    entry=entry.name)
        facts[digest] = _BlobFacts.of(data, self.limits)
        self._tick(entry)
        return digest, data

    def _deliver(self, entry: ZipEntry, digest: str, data: bytes) -> None:
        """This thread's own blob to the sink as soon as a verified article uses it
        (kept until then, dropped if none does), then what the worker handed over."""
        if self.on_blob is None:
            return
        self._deliver_pending()
        if digest in self._known:
            self.on_blob(digest, data)
        else:  # kept, and settled by `_deliver_pending` (the articles may end meanwhile)
            self._pending[digest] = data
            self._pending_bytes += len(data)
            if self._used is None and self._pending_bytes > _PENDING_BYTES:
                while not self._articles_done.wait(0.05):  # memory stays bounded
                    if self.stopping.is_set():
                        raise _Stopped("stopped before the bundle was fully read")
            self._deliver_pending()
        self._deliver_handed()

    def _deliver_pending(self) -> None:
        """The kept blobs that articles verified since are now known to use, to the
        sink; once every article is checked, the rest are dropped unwritten."""
        if self.on_blob is None:
            return
        used = self._used  # read first: when set, every article's files are listed
        fresh = self._verified_files[self._seen:]
        self._seen += len(fresh)
        for digest in fresh:
            if digest in self._known:
                continue
            self._known.add(digest)
            data = self._pending.pop(digest, None)
            if data is not None:
                if self.stopping.is_set():
                    return  # rejected meanwhile: whoever stopped it reports why
                self._pending_bytes -= len(data)
                self.on_blob(digest, data)
        if used is not None and self._pending:
            self._pending.clear()  # used by no article
            self._pending_bytes = 0

    def _hand_over(self, entry: ZipEntry, digest: str, data: bytes) -> None:
        """The worker's blob (it streams only once the articles are checked), for this
        thread to deliver if an article uses it; otherwise, or with no sink, nothing."""
        if self.on_blob is not None and self._used is not None and digest in self._used:
            self._handoff.put((entry, digest, data), len(data), self.stopping)

    def _deliver_handed(self, wait: float = 0.0) -> None:
        """Deliver what the worker handed over (waiting up to `wait` for some)."""
        if self.on_blob is None:
            return
        for entry, digest, data in self._handoff.take(wait):
            if self.stopping.is_set():
                return
            try:
                self.on_blob(digest, data)
            except BaseException as exc:
                self._failed(entry, exc)
                return

    def _chains(self, key_entries: list[ZipEntry]) -> dict[str, KeyChain]:
        grouped: dict[str, dict[int, ZipEntry]] = {}
        for entry in key_entries:
            match = KEY_RE.match(entry.name)
            assert match is not None
            grouped.setdefault(match.group(1), {})[int(match.group(2))] = entry
        chains: dict[str, KeyChain] = {}
        for publisher, links in sorted(grouped.items()):
            numbers = sorted(links)
            if numbers != list(range(1, len(numbers) + 1)):
                raise KeyChainError(
                    f"key chain skips a number (has {numbers[:8]})", entry=f"keys/{publisher}/"
                )
            if len(numbers) > self.limits.chain_length:  # counted before anything is read
                raise KeyChainError(f"the key chain has over {self.limits.chain_length} links",
                                    entry=f"keys/{publisher}/")
            raw = [self._read(links[n], self.limits.root_bytes * 2) for n in numbers]
            try:
                chain = verify_chain(raw, self.limits)
            except SatchelError as exc:
                raise exc.with_context(entry=f"keys/{publisher}/") from None
            if chain.publisher_id != publisher:
                raise KeyChainError("chain belongs to another publisher", entry=links[1].name)
            chains[publisher] = chain
        return chains

    def _statement(
        self, manifest_bytes: bytes, chains: dict[str, KeyChain]
    ) -> tuple[Statement | None, KeyChain | None]:
        entry = self.reader.entry(STATEMENT_ENTRY)
        if entry is None:
            self.warnings.append("the bundle is not signed by a packer")
            return None, None
        try:
            raw = self.reader.read(entry, self.limits.envelope_bytes)
            self._tick(entry)
            envelope = Envelope.from_bytes(raw, cap=self.limits.envelope_bytes)
            if envelope.payload_type != dsse.BUNDLE_TYPE:
                raise SignatureError(f"payload type {envelope.payload_type!r} is not a bundle")
            # The statement names its packer, but only a signature decides: its
            # signatures must verify with current keys of the chains here (every
            # chain's at once, so a signature without a key id is tried once per
            # key, not once per chain), meet one chain's threshold with that
            # chain's keys alone, and that chain must be the one it names (a key
            # may be current in two chains: the statement says which it signs for).
            current: dict[str, PublicKey] = {}
            for chain in chains.values():
                current.update(chain.current_keys)
            if not current:
                raise SignatureError("no key chain in the bundle may sign as its packer")
            try:
                signed = dsse.check_signatures(envelope, dsse.BUNDLE_TYPE, current, 1).signed
            except SignatureError as exc:
                raise SignatureError("no key chain in the bundle verifies the packer's "
                                     f"signature ({exc.reason})") from None
            packers = {
                chain.publisher_id: chain for chain in chains.values()
                if not chain.revoked and signed <= chain.current_keys.keys()
                and len(signed) >= chain.latest.threshold
            }
            if not packers:
                raise SignatureError("no key chain in the bundle verifies the packer's signature")
            statement = Statement.from_payload(envelope.payload, self.limits)
            packer = packers.get(statement.packer)
            if packer is None:
                raise SignatureError("the statement names a different packer than signed it")
            if statement.manifest_sha256 != hashlib.sha256(manifest_bytes).hexdigest():
                raise HashMismatchError("the packer signed another manifest than this one "
                                        "(another SHA-256)")
            if statement.bundle_id != self.manifest.bundle_id:
                raise FormatError("names a different bundle id than the manifest")
        except SatchelError as exc:
            raise exc.with_context(entry=STATEMENT_ENTRY) from None
        return statement, packer

    def _articles(
        self, entries: list[ZipEntry], chains: dict[str, KeyChain]
    ) -> list[VerifiedArticle]:
        articles: list[VerifiedArticle] = []
        for entry in entries:
            match = ARTICLE_RE.match(entry.name)
            assert match is not None
            publisher, article_id, version = match.group(1), match.group(2), int(match.group(3))
            try:
                chain = chains.get(publisher)
                if chain is None:
                    raise SignatureError("its publisher's key chain is not in the bundle")
                raw = self._read(entry, self.limits.envelope_bytes)
                envelope = Envelope.from_bytes(raw, cap=self.limits.envelope_bytes)
                result = dsse.check_signatures(
                    envelope, dsse.ARTICLE_TYPE, chain.all_keys, 1
                )
                if not result:
                    raise SignatureError("not signed by its publisher")
                payload = ArticlePayload.from_payload(envelope.payload, self.limits)
                if (payload.publisher, payload.article_id, payload.version) != (
                    publisher, article_id, version,
                ):
                    raise SignatureError(
                        "signed content names another publisher, article or version"
                    )
            except SatchelError as exc:
                raise exc.with_context(entry=entry.name) from None
            current = set(chain.current_keys)
            self._verified_files.extend(ref.sha256 for ref in payload.files)
            articles.append(
                VerifiedArticle(
                    payload=payload,
                    envelope=raw,
                    payload_sha256=hashlib.sha256(envelope.payload).hexdigest(),
                    signed_by=result.signed,
                    retired_key=not (result.signed & current),
                    publisher_revoked=chain.revoked,
                )
            )
        articles.sort(key=lambda a: (a.payload.publisher, a.payload.article_id, a.payload.version))
        return articles

    @staticmethod
    def _blob_types(articles: list[VerifiedArticle]) -> dict[str, str]:
        types: dict[str, str] = {}
        for item in articles:
            for ref in item.payload.files:
                known = types.setdefault(ref.sha256, ref.media_type)
                if known != ref.media_type:
                    raise FormatError(
                        f"blob {ref.sha256[:16]}… is declared both {known} and {ref.media_type}",
                        entry=item.payload.entry_name,
                    )
        return types

    def _check_blob(self, name: str, fact: _BlobFacts, media_type: str) -> None:
        if media_type == HTML_TYPE:
            if fact.size > self.limits.html_bytes:
                raise LimitError(
                    f"is {fact.size} bytes, over the {self.limits.html_bytes}-byte cap for HTML",
                    entry=name,
                )
            if fact.utf8_error is not None:
                raise FormatError(f"HTML is not valid UTF-8 (byte {fact.utf8_error})", entry=name)
            return
        if fact.size > self.limits.image_bytes:
            raise LimitError(
                f"is {fact.size} bytes, over the {self.limits.image_bytes}-byte cap for images",
                entry=name,
            )
        if fact.image is None:
            raise FormatError(fact.image_error or "not an image", entry=name)
        if fact.image.media_type != media_type:
            raise FormatError(f"is {fact.image.media_type}, but signed as {media_type}",
                              entry=name)
        if fact.image.pixels > self.limits.image_pixels:
            raise LimitError(
                f"image is {fact.image.width}x{fact.image.height}, over the "
                f"{self.limits.image_pixels // 1_000_000}-megapixel cap",
                entry=name,
            )
        if fact.layout_error is not None:
            raise type(fact.layout_error)(fact.layout_error.reason, entry=name)


@dataclass(frozen=True)
class _BlobFacts:
    """What a blob is, learnt while it streams by, checked once the articles say what it
    should be (so the data itself need not be kept)."""

    size: int
    utf8_error: int | None  # the first bad byte, or None when it is valid UTF-8
    image: ImageInfo | None
    image_error: str = ""
    layout_error: BundleError | None = None  # broken, padded or trailed (images.check_layout)

    @classmethod
    def of(cls, data: bytes, limits: Limits) -> _BlobFacts:
        try:
            data.decode("utf-8", errors="strict")
            utf8_error = None
        except UnicodeDecodeError as exc:
            utf8_error = exc.start
        try:
            info = image_info(data)
        except FormatError as exc:
            return cls(len(data), utf8_error, None, exc.reason)
        try:
            check_layout(data, info, limits)
        except BundleError as exc:
            return cls(len(data), utf8_error, info, layout_error=exc)
        return cls(len(data), utf8_error, info)


T = TypeVar("T")


class _Stopped(Cancelled):
    """Another thread rejected the bundle: stop, and leave the reporting to it."""


class _Handout(Generic[T]):
    """Items handed out in order, each to exactly one of the threads asking."""

    def __init__(self, items: Iterable[T]):
        self._items = iter(items)
        self._lock = threading.Lock()

    def __iter__(self) -> _Handout[T]:
        return self

    def __next__(self) -> T:
        with self._lock:
            return next(self._items)


# Verified blobs waiting for the sink's thread, at most (a larger blob waits alone).
_HANDOFF_BYTES = 8 << 20
# Verified blobs the sink's thread keeps until the articles say which are used.
_PENDING_BYTES = 32 << 20


class _Handoff(Generic[T]):
    """Items one thread passes to another, at most `limit` bytes waiting: the
    giver waits (or stops, when verification stops) until the taker catches up."""

    def __init__(self, limit: int):
        self._items: list[T] = []
        self._bytes = 0
        self._limit = limit
        self._cond = threading.Condition()

    def put(self, item: T, size: int, stopping: threading.Event) -> None:
        with self._cond:
            while self._items and self._bytes + size > self._limit:
                if stopping.is_set():
                    raise _Stopped("stopped before the bundle was fully read")
                self._cond.wait(0.05)
            self._items.append(item)
            self._bytes += size
            self._cond.notify_all()

    def take(self, wait: float = 0.0) -> list[T]:
        """Everything waiting, after waiting up to `wait` seconds for something."""
        with self._cond:
            if not self._items and wait:
                self._cond.wait(wait)
            items, self._items, self._bytes = self._items, [], 0
            self._cond.notify_all()
        return items


def describe_error(exc: BaseException) -> str:
    """One line for any failure while opening, whatever raised it."""
    if isinstance(exc, SatchelError):
        return exc.message
    if isinstance(exc, OSError):
        return f"{exc.filename or 'file'}: cannot read ({exc.strerror or exc})"
    return f"unexpected error: {exc!r}"


__all__ = ["Bundle", "BundleError", "VerifiedArticle", "describe_error"]
