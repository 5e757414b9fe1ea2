"""Passing bundles and articles on: to a folder, a stick, another library.

Two ways, both ending in a read-back of every written byte:

- `copy_files`: copy original bundle files as they are (given by path);
- `repack`: choose articles (filter, search, `missing_from` another library's
  `have` list) and write new bundles from the store, each article keeping its
  publisher's exact signed envelope, the bundle signed by this library's own
  packer key. Parts are split to fit the target's free space and never exceed
  the format's part cap (2 GiB - 1, so FAT32's 4 GiB limit is never near).

Read-back: data is fsynced, dropped from the page cache where the OS allows
(`posix_fadvise`), read again and verified with `Bundle.open` (and, for copies,
compared by SHA-256 with the source). `os.sync()` runs before a result says
`safe_to_remove`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bundles import faults
from bundles.article import ArticlePayload
from bundles.bundle import Bundle, describe_error
from bundles.dsse import Envelope
from bundles.durable import fsync_dir
from bundles.errors import SatchelError
from bundles.pack import SignedArticle, write_bundle_bytes, write_bundles

from .catalog import Catalog
from .errors import Cancelled, DiskFull, LibraryError
from .progress import Progress
from .records import ArticleFilter
from .store import disk_full

if TYPE_CHECKING:
    from .library import Library

HAVE_FORMAT = "satchel-have"
HAVE_VERSION = 1
CHUNK = 1024 * 1024
# Room kept free on the target: directory entries, FAT, the filesystem's own needs.
MARGIN = 4 * 1024 * 1024
ENTRY_OVERHEAD = 400  # zip headers + the manifest line, per entry (an upper bound)


@dataclass
class WrittenFile:
    path: str
    size: int
    sha256: str
    verified: bool = False
    error: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ExportResult:
    files: list[WrittenFile] = field(default_factory=list)
    articles: int = 0  # article versions written (repack)
    left_out: int = 0  # chosen but not written: no room on the target
    skipped: int = 0  # chosen but the other library already has them

    @property
    def safe_to_remove(self) -> bool:
        """Every file was written, synced and read back intact."""
        return bool(self.files) and all(f.verified for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {"safe_to_remove": self.safe_to_remove, "articles": self.articles,
                "left_out": self.left_out, "skipped": self.skipped,
                "files": [f.to_dict() for f in self.files]}


def have_list(catalog: Catalog) -> dict[str, Any]:
    """Every article version this library holds, by key, version and envelope hash."""
    rows = catalog.rows(
        "SELECT a.publisher || '/' || a.article_id AS key, v.version, v.envelope_sha256, "
        "v.payload_sha256 FROM versions v JOIN articles a ON a.id = v.article "
        "WHERE v.verified = 1 ORDER BY key, v.version")
    return {
        "format": HAVE_FORMAT,
        "version": HAVE_VERSION,
        "articles": [{"key": r[0], "version": r[1], "envelope_sha256": r[2],
                      "payload_sha256": r[3]} for r in rows],
    }


def parse_have(have: dict[str, Any] | str | bytes) -> tuple[set[str], dict[str, int]]:
    """(envelope and payload hashes held, newest version per key) from another library's
    have list (a version is its payload: another envelope of it is had too)."""
    try:
        data = json.loads(have) if isinstance(have, str | bytes) else have
    except ValueError as exc:
        raise LibraryError(f"the 'have' list is not valid JSON ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != HAVE_FORMAT:
        raise LibraryError("not a Satchel 'have' list")
    if data.get("version") != HAVE_VERSION:
        raise LibraryError(f"unsupported 'have' list version {data.get('version')!r}")
    envelopes: set[str] = set()
    newest: dict[str, int] = {}
    for item in data.get("articles", []):
        try:
            envelopes.add(str(item["envelope_sha256"]))
            if item.get("payload_sha256"):
                envelopes.add(str(item["payload_sha256"]))
            newest[str(item["key"])] = max(newest.get(str(item["key"]), 0), int(item["version"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise LibraryError(f"the 'have' list has a malformed entry ({exc})") from exc
    return envelopes, newest


class Exporter:
    """`library.export`."""

    def __init__(self, library: Library):
        self.library = library

    # -- copying original files ----------------------------------------------------

    def copy_files(self, sources: Sequence[Path], dest: Path,
                   progress: Progress | None = None) -> ExportResult:
        """Copy bundle files to `dest`, then read every byte back and verify it.

        Cancelled (`progress.cancel()`), it removes every file it wrote and
        raises `Cancelled`."""
        written = self.copy(sources, dest, progress)
        with _removed_if_cancelled(written):
            return self.verify(written, progress)

    def copy(self, sources: Sequence[Path], dest: Path,
             progress: Progress | None = None) -> list[WrittenFile]:
        """Write copies (temp name, fsync, rename); `verify` must follow."""
        dest.mkdir(parents=True, exist_ok=True)
        total = sum(Path(s).stat().st_size for s in sources)
        if total + MARGIN > shutil.disk_usage(dest).free:
            raise DiskFull(f"needs {total} bytes, the target has "
                           f"{shutil.disk_usage(dest).free} free", path=str(dest))
        written: list[WrittenFile] = []
        with _removed_if_cancelled(written):
            for source in map(Path, sources):
                written.append(self._copy_one(source, dest, progress))
        fsync_dir(dest)
        return written

    @staticmethod
    def _copy_one(source: Path, dest: Path, progress: Progress | None) -> WrittenFile:
        target = _free_name(dest / source.name)
        digest = write_copy(source, target, progress)
        return WrittenFile(str(target), target.stat().st_size, digest)

    def verify(self, written: Iterable[WrittenFile],
               progress: Progress | None = None) -> ExportResult:
        """Read each written file back from the device and verify it completely."""
        sync()
        result = ExportResult()
        cancelled = _cancelled_flag(progress)
        for item in written:
            path = Path(item.path)
            if progress is not None:
                progress.update(stage="reading back", current_file=str(path))
            drop_cache(path)
            try:
                if cancelled():
                    raise Cancelled("stopped before every file was read back", path=str(path))
                digest = _sha256(path)
                if item.sha256 and digest != item.sha256:
                    raise LibraryError("the copy differs from what was written; the target "
                                       "may be failing", path=str(path))
                with Bundle.open(path, limits=self.library.limits, cancelled=cancelled):
                    pass
                item.verified, item.error = True, ""
            except Cancelled:
                raise
            except (SatchelError, OSError) as exc:
                item.verified, item.error = False, describe_error(exc)
            result.files.append(item)
        return result

    # -- re-packing from the store ---------------------------------------------------

    def select(
        self,
        filters: ArticleFilter | None = None,
        *,
        query: str | None = None,
        keys: Iterable[str] | None = None,
        missing_from: dict[str, Any] | str | bytes | None = None,
        include_history: bool = False,
    ) -> tuple[list[int], int]:
        """Version ids to pass on, and how many were skipped as the other side has them.

        By default each chosen article's current version, and both sides of a
        conflict (so the receiver sees the conflict too); `include_history`
        adds every other version held (those held back too). Versions that do
        not verify under the chain held (after a reset) never travel.
        """
        articles = self.library.articles
        if query:
            ids = self.library.search_ids(query, filters or ArticleFilter())
        elif keys is not None:
            ids = list(articles.ids_for_keys(keys).values())
        else:
            ids = articles.ids(filters or ArticleFilter())
        held, newest = parse_have(missing_from) if missing_from is not None else (set(), {})
        chosen: list[int] = []
        skipped = 0
        catalog = self.library.catalog
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = catalog.rows(
                "SELECT v.id, v.version, v.envelope_sha256, v.payload_sha256, v.held_back, "
                "a.high_version, a.publisher || '/' || a.article_id AS key FROM versions v "
                f"JOIN articles a ON a.id = v.article WHERE a.id IN ({','.join('?' * len(chunk))})"
                " AND v.verified = 1 ORDER BY a.id, v.version, v.id", chunk)
            for r in rows:
                if not include_history and (r["version"] != r["high_version"]
                                            or r["held_back"]):
                    continue
                if (r["envelope_sha256"] in held or r["payload_sha256"] in held
                        or newest.get(r["key"], 0) > r["version"]):
                    skipped += 1
                    continue
                chosen.append(r["id"])
        return chosen, skipped

    def repack(
        self,
        dest: Path,
        version_ids: Sequence[int],
        *,
        name: str = "satchel-export",
        title: str = "",
        max_part_bytes: int | None = None,
        verify: bool = True,
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write the chosen versions as new bundles in `dest`, signed by this library.

        Cancelled (`progress.cancel()`), it removes every file it wrote and
        raises `Cancelled`."""
        library = self.library
        dest.mkdir(parents=True, exist_ok=True)
        signed, sizes = self._signed(version_ids)
        free = shutil.disk_usage(dest).free - MARGIN
        fitting, left_out = _fit(signed, sizes, free)
        result = ExportResult(left_out=left_out)
        if not fitting:
            if left_out:
                raise DiskFull(f"not even one article fits in the {max(free, 0)} bytes free",
                               path=str(dest))
            return result
        cap = min(max_part_bytes or library.settings.get("export.part_size_mb") * 1024 * 1024,
                  library.limits.part_bytes, max(free, 1))
        cancelled = _cancelled_flag(progress)
        packer = library.packer_key()
        before = set(dest.iterdir())
        paths: list[Path] = []
        try:
            # A bundle holds one envelope per article version: the other sides of a
            # conflict travel in files of their own, so the receiver sees it too.
            for side, group in enumerate(_sides(fitting), start=1):
                out = _free_name(dest / f"{name}{'' if side == 1 else f'-conflict-{side}'}"
                                        ".satchel")
                if progress is not None:
                    progress.update(stage="packing", current_file=str(out))

                def read(sha256: str, out: Path = out) -> bytes:
                    faults.hit("export-write", cancelled=cancelled)
                    if cancelled():
                        raise Cancelled("stopped before the export was written", path=str(out))
                    return library.store.read(sha256)

                paths += write_bundles(group, read, out, packer=packer, title=title or name,
                                       max_size=cap, limits=library.limits)
        except Cancelled:
            # The files already finished (the one under way removed itself).
            for path in set(dest.iterdir()) - before:
                if path.name.startswith(name):
                    path.unlink(missing_ok=True)
            raise
        except OSError as exc:
            full = disk_full(exc, dest)
            if full is not None:
                raise full from exc
            raise
        fsync_dir(dest)
        # Hashed now, while the page cache still holds what was written, so the
        # read-back from the device compares against it byte for byte.
        written = [WrittenFile(str(p), p.stat().st_size, _sha256(p)) for p in paths]
        result.articles = len(fitting)
        with _removed_if_cancelled(written):
            if verify:
                checked = self.verify(written, progress)
                result.files = checked.files
            else:
                result.files = written
        return result

    def repack_to_memory(self, version_ids: Sequence[int], *, title: str = "",
                         max_bytes: int) -> tuple[bytes, int]:
        """One bundle of the chosen versions, made in memory as `repack` makes its files
        (each article's exact signed envelope), for the web front end, which must
        write nothing to disk. It is not signed by a packer: a read-only library makes
        no key, and a file a phone downloads should not name the machine it came from.
        Returns (bundle bytes, versions left out: the other sides of conflicts, which
        would need files of their own). `LimitError` when it needs more than
        `max_bytes`."""
        library = self.library
        signed, _ = self._signed(version_ids)
        sides = _sides(signed)
        first = sides[0] if sides else []
        data = write_bundle_bytes(first, library.store.read, packer=None, title=title,
                                  max_size=max_bytes, limits=library.limits)
        return data, len(signed) - len(first)

    def _signed(self, version_ids: Sequence[int]) -> tuple[list[SignedArticle], list[int]]:
        """Stored envelopes as SignedArticles (signatures untouched) and their byte costs."""
        library = self.library
        signed: list[SignedArticle] = []
        costs: list[int] = []
        seen_blobs: set[str] = set()
        for version_id in version_ids:
            raw = library.articles.envelope(version_id)
            envelope = Envelope.from_bytes(raw, cap=library.limits.envelope_bytes)
            payload = ArticlePayload.from_payload(envelope.payload, library.limits)
            chain = library.trust.chain(payload.publisher)
            signed.append(SignedArticle(payload, raw, chain.envelopes))
            cost = len(raw) + ENTRY_OVERHEAD
            for ref in payload.files:
                if ref.sha256 not in seen_blobs:
                    seen_blobs.add(ref.sha256)
                    cost += ref.size + ENTRY_OVERHEAD
            costs.append(cost)
        return signed, costs


def write_copy(source: Path, target: Path, progress: Progress | None) -> str:
    """Copy `source` to `target` (a temporary name, fsync, rename); its SHA-256. Stopped
    (`progress.cancel()`) or failed, nothing is left at `target`."""
    tmp = target.with_name(target.name + ".part")
    digest = hashlib.sha256()
    try:
        with open(source, "rb") as src, open(tmp, "wb") as out:
            while chunk := src.read(CHUNK):
                faults.hit("export-write", cancelled=_cancelled_flag(progress))
                if progress is not None and progress.cancelled:
                    raise _cancelled(tmp)
                digest.update(chunk)
                out.write(chunk)
                if progress is not None:
                    progress.add(bytes_done=len(chunk))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        full = disk_full(exc, target.parent)
        if full is not None:
            raise full from exc
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return digest.hexdigest()


def _fit(signed: list[SignedArticle], costs: list[int], free: int
         ) -> tuple[list[SignedArticle], int]:
    """As many articles as fit in `free` bytes, in the order chosen; how many did not."""
    chains = sum(len(r) + ENTRY_OVERHEAD for c in {s.chain for s in signed} for r in c)
    budget = free - chains - 64 * 1024  # manifest header, statement, packer chain
    taken: list[SignedArticle] = []
    used = 0
    for item, cost in zip(signed, costs, strict=True):
        if used + cost > budget:
            break
        taken.append(item)
        used += cost
    return taken, len(signed) - len(taken)


def _sides(signed: list[SignedArticle]) -> list[list[SignedArticle]]:
    """Groups with at most one envelope per article version, in the order chosen."""
    groups: list[list[SignedArticle]] = []
    seen: list[set[tuple[str, int]]] = []
    for item in signed:
        version = (item.payload.key, item.payload.version)
        side = next((n for n, keys in enumerate(seen) if version not in keys), len(seen))
        if side == len(seen):
            groups.append([])
            seen.append(set())
        groups[side].append(item)
        seen[side].add(version)
    return groups


def _free_name(path: Path) -> Path:
    """`path`, or `name-2.satchel`, `name-3.satchel`... if taken: never overwrite."""
    if not path.exists() and not path.with_name(path.name + ".part").exists():
        return path
    stem, suffix = path.name.rsplit(".", 1) if "." in path.name else (path.name, "")
    for n in range(2, 10_000):
        candidate = path.with_name(f"{stem}-{n}.{suffix}" if suffix else f"{stem}-{n}")
        if not candidate.exists():
            return candidate
    raise LibraryError("too many files with this name", path=str(path))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def drop_cache(path: Path) -> None:
    """Ask the OS to forget its cached copy, so the read-back comes from the device."""
    if not hasattr(os, "posix_fadvise"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def sync() -> None:
    if hasattr(os, "sync"):
        os.sync()


def _cancelled(tmp: Path) -> Exception:
    tmp.unlink(missing_ok=True)
    return Cancelled("stopped; the partial copy was removed", path=str(tmp))


def _cancelled_flag(progress: Progress | None) -> Callable[[], bool]:
    return (lambda: progress.cancelled) if progress is not None else (lambda: False)


@contextlib.contextmanager
def _removed_if_cancelled(written: list[WrittenFile]) -> Iterator[None]:
    """A stopped export leaves nothing behind: not even the files it finished."""
    try:
        yield
    except Cancelled:
        for item in written:
            Path(item.path).unlink(missing_ok=True)
        raise
