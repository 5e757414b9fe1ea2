"""A release of Satchel as a signed folder (docs/format.md section 13).

A release folder holds the standalone build, the wheelhouse, the install
scripts and INSTALL.txt, and two things more:

    release.dsse.json               the manifest, a DSSE envelope of type RELEASE_TYPE:
                                    name, version, created, and every other file's
                                    path, size and SHA-256
    release-keys/root.N.dsse.json   the release key's chain, root.1 .. root.N

`verify_release(folder, trusted)` checks a copy against the release key chain
the caller trusts (the app passes the one built into it, reader/release.py;
tests pass their own): the chain, the signature, then every file, refusing a
changed, missing or extra file, a link, or an unsafe path, each naming the
file. As for bundles, the signature is checked before the payload is parsed,
and nothing is followed or opened outside the folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import chain as chains
from . import dsse, jsonio
from .archive import check_name
from .article import check_text
from .chain import KeyChain
from .durable import write_atomically
from .errors import FormatError, KeyChainError, ReleaseChanged, ReleaseError, SatchelError
from .keys import KeyFile, fingerprint
from .limits import MAX_ROOTS, GiB, KiB, MiB

RELEASE_TYPE = "application/vnd.satchel.release+json;v=1"
MANIFEST = "release.dsse.json"
KEYS_DIR = "release-keys"
NAME = "satchel"
FORMAT_VERSION = 1
MANIFEST_FIELDS = {"type", "format_version", "name", "version", "created", "files"}
FILE_FIELDS = {"path", "size", "sha256"}

MAX_FILES = 20_000
MAX_ENVELOPE = 16 * MiB  # 20,000 paths of up to 1 KiB each, base64
MAX_ROOT_FILE = 128 * KiB
MAX_FILE_SIZE = 4 * GiB - 1  # FAT32's largest file
MAX_TOTAL = 64 * GiB
MAX_PATH_BYTES = 1024
MAX_DEPTH = 16
CHUNK = 1 * MiB

_VERSION = re.compile(r"(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\Z")
_ROOT_NAME = re.compile(r"root\.([1-9][0-9]{0,2})\.dsse\.json\Z")
_HEX64 = re.compile(r"[0-9a-f]{64}\Z")
# Names Windows cannot hold: the release installs there too.
_WINDOWS_UNSAFE = re.compile(r'[<>:"|?*]|[ .]$')
_WINDOWS_DEVICES = re.compile(r"(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?\Z", re.IGNORECASE)


def parse_version(text: str) -> tuple[int, int, int]:
    """MAJOR.MINOR.PATCH, each 0..999999 without leading zeros; compared as numbers."""
    match = _VERSION.match(text) if isinstance(text, str) else None
    if match is None:
        raise FormatError(f"version {text!r} is not MAJOR.MINOR.PATCH (such as 1.4.0)")
    return int(match[1]), int(match[2]), int(match[3])


def path_problem(path: str) -> str | None:
    """Why `path` may not name a file of a release, or None."""
    problem = check_name(path, MAX_PATH_BYTES)
    if problem:
        return problem
    for segment in path.split("/"):
        if len(segment.encode("utf-8")) > 255:
            return "a name in the path is over 255 bytes"
        if _WINDOWS_UNSAFE.search(segment) or _WINDOWS_DEVICES.match(segment):
            return f"the name {segment!r} cannot be written on Windows"
    if path == MANIFEST or path.split("/")[0] == KEYS_DIR:
        return "the path is the manifest's or the release keys' own"
    return None


def _fold(path: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", path.casefold())


@dataclass(frozen=True)
class ReleaseFile:
    path: str
    size: int
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True)
class ReleaseManifest:
    version: str
    created: str
    files: tuple[ReleaseFile, ...]

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)

    def to_bytes(self) -> bytes:
        return jsonio.dumps({
            "type": "release",
            "format_version": FORMAT_VERSION,
            "name": NAME,
            "version": self.version,
            "created": self.created,
            "files": [f.to_dict() for f in self.files],
        })

    @classmethod
    def from_payload(cls, payload: bytes) -> ReleaseManifest:
        data = jsonio.loads(payload, cap=MAX_ENVELOPE, what="release manifest")
        if not isinstance(data, dict) or data.get("type") != "release":
            raise FormatError("the payload is not a release manifest")
        if set(data) != MANIFEST_FIELDS:
            missing, unknown = MANIFEST_FIELDS - set(data), set(data) - MANIFEST_FIELDS
            raise FormatError(f"the manifest's fields are wrong (missing {sorted(missing)}, "
                              f"unknown {sorted(unknown)})")
        if type(data["format_version"]) is not int or data["format_version"] != FORMAT_VERSION:
            raise FormatError(f"unknown release format version {data['format_version']!r}")
        if data["name"] != NAME:
            raise FormatError(f"the release is of {data['name']!r}, not {NAME!r}")
        parse_version(data["version"])
        check_text(data["created"], "created", 64)
        raw_files = data["files"]
        if not isinstance(raw_files, list) or not raw_files:
            raise FormatError("the manifest lists no files")
        if len(raw_files) > MAX_FILES:
            raise FormatError(f"the manifest lists over {MAX_FILES:,} files")
        files = tuple(_file_of(item) for item in raw_files)
        _check_paths([f.path for f in files])
        total = sum(f.size for f in files)
        if total > MAX_TOTAL:
            raise FormatError(f"the files add up to {total:,} bytes, over {MAX_TOTAL:,}")
        return cls(version=data["version"], created=data["created"], files=files)


def _file_of(item: Any) -> ReleaseFile:
    if not isinstance(item, dict) or set(item) != FILE_FIELDS:
        raise FormatError("a file must be an object with exactly path, size and sha256")
    path, size, digest = item["path"], item["size"], item["sha256"]
    if not isinstance(path, str):
        raise FormatError("a file's path must be a string")
    problem = path_problem(path)
    if problem:
        raise FormatError(f"file {path!r}: {problem}")
    if type(size) is not int or not 0 <= size <= MAX_FILE_SIZE:
        raise FormatError(f"file {path!r}: size must be an integer 0..{MAX_FILE_SIZE}")
    if not isinstance(digest, str) or not _HEX64.match(digest):
        raise FormatError(f"file {path!r}: sha256 must be 64 lowercase hex digits")
    return ReleaseFile(path, size, digest)


def _check_paths(paths: list[str]) -> None:
    """Sorted by UTF-8 bytes, unique also case-folded, no file where another is a folder."""
    keys = [p.encode("utf-8") for p in paths]
    if keys != sorted(keys):
        raise FormatError("the manifest's files are not sorted by path")
    folded: dict[str, str] = {}
    for path in paths:
        key = _fold(path)
        if key in folded:
            raise FormatError(f"file {path!r} is listed twice (or differs from "
                              f"{folded[key]!r} only in case)")
        folded[key] = path
    folders = {_fold("/".join(p.split("/")[:n])) for p in paths
               for n in range(1, p.count("/") + 1)}
    clash = next((p for p in paths if _fold(p) in folders), None)
    if clash:
        raise FormatError(f"file {clash!r} is also a folder of other files")


@dataclass(frozen=True)
class VerifiedRelease:
    folder: Path
    manifest: ReleaseManifest
    chain: KeyChain  # the release key's chain as trusted (the longer of the two)

    @property
    def version(self) -> str:
        return self.manifest.version

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.chain.publisher_id)

    @property
    def key_name(self) -> str:
        return self.chain.name


Progress = Callable[[int, int], None]


def is_release(folder: Path) -> bool:
    """Whether `folder` looks like a release (holds a manifest); says nothing of trust."""
    try:
        return stat.S_ISREG(os.lstat(Path(folder) / MANIFEST).st_mode)
    except OSError:
        return False


def verify_release(folder: Path | str, trusted: Sequence[bytes],
                   progress: Progress | None = None) -> VerifiedRelease:
    """Verify the release in `folder` against the trusted release key chain `trusted`
    (root envelopes, root.1 first). Raise ReleaseError naming the file and the reason."""
    folder = Path(folder)
    try:
        return _verify(folder, trusted, progress)
    except ReleaseError as exc:
        raise exc.with_context(path=str(folder)) from None
    except SatchelError as exc:
        raise ReleaseError(exc.reason, path=str(folder)) from exc
    except OSError as exc:
        from .errors import ReadError

        raise ReadError(f"cannot read the release ({exc.strerror or exc})",
                        path=str(exc.filename or folder)) from exc


def _verify(folder: Path, trusted: Sequence[bytes], progress: Progress | None
            ) -> VerifiedRelease:
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode):
        raise ReleaseError("is not a folder" + (" (it is a link)"
                                                if stat.S_ISLNK(info.st_mode) else ""))
    envelope = dsse.Envelope.from_bytes(_read_small(folder, MANIFEST, MAX_ENVELOPE),
                                        cap=MAX_ENVELOPE, what="release manifest")
    chain = _trusted_chain(trusted, _carried_chain(folder))
    if envelope.payload_type != RELEASE_TYPE:
        raise ReleaseError(f"{MANIFEST}: payload type is {envelope.payload_type!r}, "
                           f"not a release manifest")
    try:
        dsse.verify(envelope, RELEASE_TYPE, chain.current_keys, chain.latest.threshold)
    except SatchelError as exc:
        retired = {k: v for k, v in chain.all_keys.items() if k not in chain.current_keys}
        if retired and dsse.is_signed_by(envelope, RELEASE_TYPE, retired, 1):
            raise ReleaseError(f"{MANIFEST} is signed by a retired release key; a newer "
                               "Satchel no longer accepts it") from exc
        raise ReleaseError(f"{MANIFEST} is not signed by the Satchel release key "
                           f"({exc.reason})") from exc
    manifest = ReleaseManifest.from_payload(envelope.payload)
    _compare_tree(folder, manifest)
    total, done = manifest.size, 0
    for item in manifest.files:
        _check_file(folder, item, _offset(progress, done, total))
        done += item.size
        if progress is not None:
            progress(done, total)
    return VerifiedRelease(folder, manifest, chain)


def _offset(progress: Progress | None, before: int, total: int) -> Callable[[int], None]:
    """One file's progress as the whole release's."""
    def report(done: int) -> None:
        if progress is not None:
            progress(before + done, total)
    return report


def _read_small(folder: Path, name: str, cap: int) -> bytes:
    path = folder.joinpath(*name.split("/"))
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise ReleaseChanged(f"file {name!r} is missing") from None
    if not stat.S_ISREG(info.st_mode):
        raise ReleaseError(f"file {name!r} is not a plain file (a link or a device)")
    if info.st_size > cap:
        raise ReleaseError(f"file {name!r} is {info.st_size:,} bytes, over {cap:,}")
    with _open_plain(path) as handle:
        data: bytes = handle.read(cap + 1)
    if len(data) > cap:
        raise ReleaseError(f"file {name!r} is over {cap:,} bytes")
    return data


def _open_plain(path: Path) -> Any:
    """Open for reading without following a link put there after it was listed."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ReleaseError(f"{path.name!r} is not a plain file")
    return os.fdopen(fd, "rb")


def _carried_chain(folder: Path) -> list[bytes]:
    """The release key chain the folder carries, root.1 .. root.N, all of release-keys/."""
    keys = folder / KEYS_DIR
    try:
        info = os.lstat(keys)
    except FileNotFoundError:
        raise ReleaseChanged(f"the folder {KEYS_DIR!r} (the release key chain) is missing"
                             ) from None
    if not stat.S_ISDIR(info.st_mode):
        raise ReleaseError(f"{KEYS_DIR!r} is not a folder (a link or a file)")
    numbers: dict[int, str] = {}
    with os.scandir(keys) as entries:
        for entry in entries:
            match = _ROOT_NAME.match(entry.name)
            if match is None or entry.is_symlink() or not entry.is_file(follow_symlinks=False):
                raise ReleaseChanged(f"file {KEYS_DIR + '/' + entry.name!r} is not part of the "
                                     "release (only root.N.dsse.json may be there)")
            numbers[int(match[1])] = entry.name
            if len(numbers) > MAX_ROOTS:
                raise ReleaseError(f"the release key chain has over {MAX_ROOTS} roots")
    if sorted(numbers) != list(range(1, len(numbers) + 1)):
        raise ReleaseError(f"the release key chain in {KEYS_DIR!r} has gaps or no root.1")
    return [_read_small(folder, f"{KEYS_DIR}/{numbers[n]}", MAX_ROOT_FILE)
            for n in range(1, len(numbers) + 1)]


def _trusted_chain(trusted: Sequence[bytes], carried: Sequence[bytes]) -> KeyChain:
    """The chain to check the signature with: the trusted one, or the carried one when it
    extends the trusted one (a rotation, each new root signed by the keys before it)."""
    known = chains.verify_chain(trusted)
    try:
        theirs = chains.verify_chain(carried)
    except KeyChainError as exc:
        raise ReleaseError(f"the release key chain is broken ({exc.message})") from exc
    if theirs.publisher_id != known.publisher_id:
        raise ReleaseError(
            f"signed by another key than the Satchel release key: its key "
            f"{fingerprint(theirs.publisher_id)[:19]}…, the release key "
            f"{fingerprint(known.publisher_id)[:19]}…")
    if theirs.is_prefix_of(known):
        chain = known
    elif known.is_prefix_of(theirs):
        chain = theirs
    else:
        raise ReleaseError("the release key chain it carries differs from the one this "
                           "Satchel trusts (another history of the release key)")
    if chain.revoked:
        raise ReleaseError("the Satchel release key was revoked: no release is accepted "
                           "under it")
    return chain


def _compare_tree(folder: Path, manifest: ReleaseManifest) -> None:
    """Every file listed is on disk and nothing else is: no extra file, link or device."""
    listed = {f.path for f in manifest.files}
    found: set[str] = set()
    stack: list[tuple[Path, str, int]] = [(folder, "", 0)]
    while stack:
        where, prefix, depth = stack.pop()
        with os.scandir(where) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if depth == 0 and entry.name in (MANIFEST, KEYS_DIR):
                    continue  # checked on their own
                if entry.is_symlink() or getattr(os.path, "isjunction", lambda _p: False)(
                        entry.path):
                    raise ReleaseChanged(f"{rel!r} is a link; a release holds only plain "
                                         "files and folders")
                if entry.is_dir(follow_symlinks=False):
                    if depth + 1 >= MAX_DEPTH:
                        raise ReleaseChanged(f"folder {rel!r} is nested over {MAX_DEPTH} deep")
                    stack.append((Path(entry.path), rel + "/", depth + 1))
                    continue
                if not entry.is_file(follow_symlinks=False):
                    raise ReleaseChanged(f"{rel!r} is not a plain file (a device or a pipe)")
                if rel not in listed:
                    raise ReleaseChanged(f"file {rel!r} is not part of the release (it is not "
                                         "in the signed manifest)")
                found.add(rel)
                if len(found) > MAX_FILES:
                    raise ReleaseChanged(f"the folder holds over {MAX_FILES:,} files")
    for item in manifest.files:
        if item.path not in found:
            raise ReleaseChanged(f"file {item.path!r} is missing")


def _check_file(folder: Path, item: ReleaseFile, progress: Callable[[int], None]) -> None:
    path = folder.joinpath(*item.path.split("/"))
    size = os.lstat(path).st_size
    if size != item.size:
        raise ReleaseChanged(f"file {item.path!r} is {size:,} bytes, but the signed manifest "
                             f"says {item.size:,}")
    digest = hashlib.sha256()
    read = 0
    with _open_plain(path) as handle:
        while chunk := handle.read(min(CHUNK, item.size + 1 - read)):
            read += len(chunk)
            if read > item.size:
                break
            digest.update(chunk)
            progress(read)
    if read != item.size or digest.hexdigest() != item.sha256:
        raise ReleaseChanged(f"file {item.path!r} differs from what was signed (its SHA-256 "
                             "does not match the manifest)")


# -- making a release (scripts/build-release) -----------------------------------------


def list_files(folder: Path) -> list[ReleaseFile]:
    """Every file under `folder` but the manifest and release-keys/, hashed, sorted;
    refusing links and paths a release may not hold."""
    files: list[ReleaseFile] = []
    for where, dirs, names in os.walk(folder):
        base = Path(where)
        rel_base = base.relative_to(folder).as_posix()
        prefix = "" if rel_base == "." else rel_base + "/"
        if prefix == "":
            dirs[:] = [d for d in dirs if d != KEYS_DIR]
        for name in dirs + names:
            if (base / name).is_symlink():
                raise ReleaseError(f"{prefix + name!r} is a link: a release holds only plain "
                                   "files (links do not survive a FAT stick)")
        for name in names:
            rel = prefix + name
            if rel == MANIFEST:
                continue
            problem = path_problem(rel)
            if problem:
                raise ReleaseError(f"file {rel!r}: {problem}")
            digest = hashlib.sha256()
            with open(base / name, "rb") as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
            files.append(ReleaseFile(rel, (base / name).stat().st_size, digest.hexdigest()))
    files.sort(key=lambda f: f.path.encode("utf-8"))
    _check_paths([f.path for f in files])
    return files


def sign_release(folder: Path, key: KeyFile, version: str, created: str) -> ReleaseManifest:
    """Write release-keys/ (the key's chain) and the signed manifest of every other file."""
    parse_version(version)
    keys = folder / KEYS_DIR
    keys.mkdir(exist_ok=True)
    for old in keys.iterdir():
        old.unlink()
    for number, root in enumerate(key.chain, start=1):
        write_atomically(keys / f"root.{number}.dsse.json", root)
    manifest = ReleaseManifest(version, created, tuple(list_files(folder)))
    envelope = dsse.sign(RELEASE_TYPE, manifest.to_bytes(), [key.signing_key])
    write_atomically(folder / MANIFEST, envelope.to_bytes())
    return manifest


def describe(release: VerifiedRelease) -> Mapping[str, Any]:
    """What `satchel verify --json` prints of a verified release."""
    return {
        "version": release.version,
        "created": release.manifest.created,
        "files": len(release.manifest.files),
        "size": release.manifest.size,
        "key": {"name": release.key_name, "id": release.chain.publisher_id,
                "fingerprint": release.fingerprint, "chain_length": len(release.chain.roots)},
    }
