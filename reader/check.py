"""`Library.check`: do the catalog, the store and the index agree?

Steps, each reporting what it found and, with `repair`, what it fixed:

  (1) SQLite's own consistency (`quick_check`, foreign keys): not repairable here;
  (2) garbage: staging leftovers, store files no row names, rows nothing uses
      (blobs no article version names: their space is reclaimed);
  (3) every blob and envelope still hashes to its name (bit rot): a damaged
      blob is moved to `quarantine/` and forgotten, so importing any bundle
      that carries it restores it; until then it is reported unrepaired;
  (4) every version's files are in the store;
  (5) every article envelope still verifies against its publisher's stored
      chain, and every chain still verifies (a publisher that was reset holds
      none, and its hidden versions are not expected to verify);
  (6) current versions match the version rules (re-derived, versions.py);
  (7) the search index matches the catalog (updated or rebuilt).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from bundles import dsse, faults
from bundles.article import ArticlePayload
from bundles.dsse import Envelope
from bundles.errors import SatchelError

from . import versions
from .changes import Changes
from .errors import Cancelled, NotFound
from .progress import Progress

if TYPE_CHECKING:
    from .library import Library


@dataclass(frozen=True)
class Problem:
    area: str  # catalog, store, trust, index
    subject: str  # a blob hash, an article key, a publisher id...
    message: str
    repaired: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    garbage_files: int = 0
    garbage_bytes: int = 0
    repair: bool = True

    @property
    def unrepaired(self) -> list[Problem]:
        return [p for p in self.problems if not p.repaired]

    @property
    def ok(self) -> bool:
        """True when nothing is left wrong (the CLI exits with 1 otherwise)."""
        return not self.unrepaired

    @property
    def changes(self) -> Changes:
        """What the repairs changed, for the UI to refresh."""
        fixed = {p.area for p in self.problems if p.repaired}
        return Changes(articles=bool(fixed & {"catalog", "store"}) or self.garbage_files > 0,
                       index="index" in fixed)

    def add(self, area: str, subject: str, message: str, repaired: bool) -> None:
        self.problems.append(Problem(area, subject, message, repaired))

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "garbage_files": self.garbage_files,
            "garbage_bytes": self.garbage_bytes,
            "problems": [p.to_dict() for p in self.problems],
        }


def run_check(library: Library, *, repair: bool, progress: Progress | None = None) -> CheckReport:
    """Cancelled (`progress.cancel()`), it raises `Cancelled` between steps or blobs:
    each repair is its own transaction, so what was repaired stays repaired."""
    report = CheckReport(repair=repair)
    progress = progress or Progress()
    catalog = library.catalog
    progress.update(stage="checking")

    # (1) SQLite itself.
    for row in catalog.rows("PRAGMA quick_check"):
        if row[0] != "ok":
            report.add("catalog", "sqlite", row[0], False)
    for row in catalog.rows("PRAGMA foreign_key_check"):
        report.add("catalog", f"{row[0]} row {row[1]}", f"refers to a missing {row[2]} row",
                   False)

    _stop_if_cancelled(progress)
    # (2) garbage: rows nothing uses (a blob no version names, after a removal or
    # an older Satchel), then files no row names.
    if repair:
        with catalog.transaction() as conn:
            unused = conn.execute("SELECT sha256, size FROM blobs WHERE sha256 NOT IN "
                                  "(SELECT sha256 FROM version_files)").fetchall()
            conn.executemany("DELETE FROM blobs WHERE sha256 = ?", [(r[0],) for r in unused])
            conn.execute("DELETE FROM blob_data WHERE sha256 NOT IN (SELECT sha256 FROM blobs)")
            conn.execute("DELETE FROM envelopes WHERE sha256 NOT IN "
                         "(SELECT envelope_sha256 FROM versions)")
        report.garbage_files, report.garbage_bytes = library.store.collect_garbage()
        if unused:
            freed = sum(r[1] for r in unused)
            report.add("store", "unused blobs", f"{len(unused)} blob(s) no article uses "
                       f"({freed:,} bytes): removed", True)
    else:
        _count_garbage(library, report)

    _stop_if_cancelled(progress)
    # (3) bit rot in blobs and envelopes.
    damaged = _check_blobs(library, report, progress)
    if repair and damaged:
        with catalog.transaction() as conn:
            for sha in damaged:
                library.store.move_to_quarantine(sha)
                conn.execute("DELETE FROM blob_data WHERE sha256 = ?", (sha,))
                conn.execute("DELETE FROM blobs WHERE sha256 = ?", (sha,))

    _stop_if_cancelled(progress)
    # (4) every version's files are present.
    for row in catalog.rows(
        "SELECT DISTINCT f.sha256, a.publisher || '/' || a.article_id AS key "
        "FROM version_files f JOIN versions v ON v.id = f.version "
        "JOIN articles a ON a.id = v.article WHERE f.sha256 NOT IN (SELECT sha256 FROM blobs)"
    ):
        report.add("store", row["sha256"],
                   f"article {row['key']} lacks blob {row['sha256'][:16]}…; import a bundle "
                   "that carries it to restore it", False)

    _stop_if_cancelled(progress)
    # (5) signatures and chains, from the stored bytes.
    _check_signatures(library, report, progress)

    _stop_if_cancelled(progress)
    # (6) high-water marks.
    _check_marks(library, report, repair)

    _stop_if_cancelled(progress)
    # (7) the index.
    progress.update(stage="checking the index")
    result = library.indexing.reconcile(repair=repair) if not library.readonly else None
    if result is not None:
        if result.error:
            report.add("index", "index", result.error, False)
        elif result.rebuilt:
            report.add("index", "index", "the index was rebuilt", True)
        elif result.added or result.removed:
            report.add("index", "index",
                       f"{result.added} articles re-indexed, {result.removed} removed", repair)
    return report


def _stop_if_cancelled(progress: Progress) -> None:
    if progress.cancelled:
        raise Cancelled("the check stopped before the end")


def _count_garbage(library: Library, report: CheckReport) -> None:
    staging = library.store.staging_root
    leftovers = list(staging.iterdir()) if staging.is_dir() else []
    known = library.store.known_file_names()
    strays = [name for name, _ in library.store.stored_files() if name not in known]
    for item in leftovers:
        report.add("store", item.name, "an interrupted import left staging files", False)
    for name in strays:
        report.add("store", name, "a file in the store is not in the catalog", False)


def _check_blobs(library: Library, report: CheckReport, progress: Progress) -> list[str]:
    catalog = library.catalog
    damaged: list[str] = []
    rows = catalog.rows("SELECT sha256, size, in_file FROM blobs")
    for n, row in enumerate(rows):
        faults.hit("check-blob", cancelled=lambda: progress.cancelled)
        _stop_if_cancelled(progress)
        sha = row["sha256"]
        data = library.store._raw(sha, bool(row["in_file"]))
        if data is None or hashlib.sha256(data).hexdigest() != sha or len(data) != row["size"]:
            damaged.append(sha)
            users = catalog.rows(
                "SELECT DISTINCT a.publisher || '/' || a.article_id FROM version_files f "
                "JOIN versions v ON v.id = f.version JOIN articles a ON a.id = v.article "
                "WHERE f.sha256 = ? LIMIT 3", (sha,))
            what = ", ".join(u[0] for u in users) or "no article"
            report.add("store", sha,
                       f"blob {sha[:16]}… is {'missing' if data is None else 'damaged'} "
                       f"(used by {what})", False)
        if n % 256 == 0:
            progress.update(stage=f"checking blobs {n}/{len(rows)}")
    report.checked["blobs"] = len(rows)
    unused = catalog.rows(
        "SELECT sha256 FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM version_files)")
    for row in unused:
        report.add("store", row[0], "a blob no article uses", False)
    return damaged


def _check_signatures(library: Library, report: CheckReport, progress: Progress) -> None:
    catalog = library.catalog
    trust = library.trust
    trust.forget_cache()
    chains = {}
    for row in catalog.rows("SELECT id FROM publishers WHERE chain_length > 0"):
        try:
            chains[row[0]] = trust.chain(row[0])
        except (SatchelError, NotFound) as exc:
            report.add("trust", row[0], f"the stored key chain does not verify ({exc})", False)
    report.checked["publishers"] = len(chains)
    rows = catalog.rows(
        "SELECT v.id, v.envelope_sha256, v.version, v.body, a.publisher, a.article_id, "
        "e.data FROM versions v JOIN articles a ON a.id = v.article "
        "LEFT JOIN envelopes e ON e.sha256 = v.envelope_sha256 WHERE v.verified = 1")
    for row in rows:
        _stop_if_cancelled(progress)
        key = f"{row['publisher']}/{row['article_id']}"
        data = row["data"]
        if data is None or hashlib.sha256(data).hexdigest() != row["envelope_sha256"]:
            report.add("store", key, f"the signed envelope of version {row['version']} is "
                       "missing or damaged; import a bundle that carries it", False)
            continue
        chain = chains.get(row["publisher"])
        if chain is None:
            continue
        try:
            envelope = Envelope.from_bytes(bytes(data), cap=library.limits.envelope_bytes)
            if not dsse.check_signatures(envelope, dsse.ARTICLE_TYPE, chain.all_keys, 1):
                raise SatchelError("not signed by its publisher")
            payload = ArticlePayload.from_payload(envelope.payload, library.limits)
            if (payload.publisher, payload.article_id, payload.version, payload.body) != (
                row["publisher"], row["article_id"], row["version"], row["body"]
            ):
                raise SatchelError("the catalog disagrees with the signed content")
        except SatchelError as exc:
            report.add("trust", key, f"version {row['version']}: {exc.message}", False)
    report.checked["versions"] = len(rows)


def _check_marks(library: Library, report: CheckReport, repair: bool) -> None:
    """Derive each article's current version again from its versions and compare."""
    catalog = library.catalog
    trust = library.trust
    chains = {r[0]: trust.chain(r[0]) if r[1] else None
              for r in catalog.rows("SELECT id, chain_length FROM publishers")}
    wrong: list[tuple[int, str]] = []
    articles = catalog.rows("SELECT id, publisher, high_version, current, shown, conflict, "
                            "retired, held_back FROM articles")
    for a in articles:
        chain = chains.get(a["publisher"])
        derived = (versions.derive(versions.held_versions(catalog.conn, a["id"]), chain)
                   if chain is not None else None)
        expected = ((None, None, 0, 0, 0) if derived is None else
                    (derived.current, derived.shown, int(derived.conflict),
                     int(derived.retired), len(derived.held_back)))
        found = (a["current"], a["shown"], a["conflict"], a["retired"], a["held_back"])
        if found != expected or (derived is not None
                                 and a["high_version"] != derived.high_version):
            wrong.append((a["id"], a["publisher"]))
    report.checked["articles"] = len(articles)
    if repair and wrong:
        with catalog.transaction():
            for article, publisher in wrong:
                catalog.recompute_current(article, chains.get(publisher))
    for article, _ in wrong:
        report.add("catalog", str(article), "the current version disagreed with the versions "
                   "held" + ("; recomputed" if repair else ""), repair)
