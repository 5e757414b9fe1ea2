"""`library.articles`: list, filter, open and mark articles (the reading API).

Lists are built for a table of 100,000 rows fetched on demand: `count(f)`,
`ids(f)` (all ids, cheap) and `rows(f, offset, limit)` / `rows_by_id(ids)`
(only what is visible). Blocked publishers' articles are left out unless a
filter asks for them. Rows and views are the frozen records of `reader.records`.

An article is named by its library id (`ArticleRow.id`, an int) or its key
`"<publisher id>/<article id>"`; both are accepted wherever `ArticleRef` is.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bundles.keys import fingerprint
from bundles.sanitize import links_as_text, sanitize

from .catalog import Catalog, now
from .changes import Changes
from .errors import NotFound
from .records import (
    ALL,
    ArticleFilter,
    ArticleRow,
    ArticleView,
    ImageRef,
    Packer,
    TrustState,
    VersionInfo,
)
from .store import Store
from .trust import STATE_SQL, Trust

ArticleRef = int | str
ORDERS = {
    "issued": "v.issued_ts IS NULL, v.issued_ts {dir}, a.id {dir}",
    "title": "v.title COLLATE NOCASE {dir}, a.id {dir}",
    "publisher": "p.name COLLATE NOCASE {dir}, v.issued_ts {dir}, a.id {dir}",
    "imported": "a.id {dir}",
}


@dataclass(frozen=True)
class HistoryEntry:
    row: ArticleRow
    opened_at: str


_ROW_SQL = f"""
    SELECT a.id, a.publisher, a.article_id, a.conflict, a.read_at, a.bookmarked_at, a.position,
           v.version, v.title, v.language, v.issued, v.status, v.byline, v.summary,
           p.name AS publisher_name, {STATE_SQL} AS trust, a.retired, a.held_back, p.revoked
    FROM articles a JOIN versions v ON v.id = a.shown JOIN publishers p ON p.id = a.publisher
"""


_STATES = {str(s): s for s in TrustState}


def _row(r: sqlite3.Row) -> ArticleRow:
    # Positional, from the column order of _ROW_SQL: this runs 100,000 times for a big list.
    (id_, publisher, article_id, conflict, read_at, bookmarked_at, position, version, title,
     language, issued, status, byline, summary, publisher_name, trust, retired, held_back,
     revoked) = r
    return ArticleRow(id_, f"{publisher}/{article_id}", publisher, publisher_name, article_id,
                      version, title, language, issued, status, byline, summary, _STATES[trust],
                      read_at is not None, bookmarked_at is not None, bool(conflict), position,
                      bool(retired), held_back, bool(revoked))


def _where(f: ArticleFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []

    def among(column: str, values: Sequence[Any]) -> None:
        clauses.append(f"{column} IN ({','.join('?' * len(values))})")
        params.extend(values)

    if f.publishers:
        among("a.publisher", f.publishers)
    if f.languages:
        among("v.language", f.languages)
    if f.statuses:
        among("v.status", f.statuses)
    for tag in f.tags:
        clauses.append("EXISTS (SELECT 1 FROM version_tags t WHERE t.version = a.shown "
                       "AND t.tag = ?)")
        params.append(tag)
    if f.since is not None:
        clauses.append("v.issued_ts >= ?")
        params.append(_timestamp(f.since))
    if f.until is not None:
        clauses.append("v.issued_ts < ?")
        params.append(_timestamp(f.until))
    if f.read is not None:
        clauses.append("a.read_at IS NOT NULL" if f.read else "a.read_at IS NULL")
    if f.bookmarked is not None:
        clauses.append("a.bookmarked_at IS NOT NULL" if f.bookmarked
                       else "a.bookmarked_at IS NULL")
    if f.conflicts is not None:
        clauses.append("a.conflict = ?")
        params.append(int(f.conflicts))
    if f.trust:
        among(f"({STATE_SQL})", [str(s) for s in f.trust])
    else:
        clauses.append("a.publisher NOT IN (SELECT id FROM publishers WHERE decision = 'blocked')")
    if f.ids is not None:
        if len(f.ids) <= 500:
            among("a.id", list(f.ids) or [-1])
        else:
            # One JSON parameter, whatever the count: SQLite caps bound parameters
            # (32,766), and a whole large bundle can hold more articles than that.
            clauses.append("a.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(f.ids)))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _from(f: ArticleFilter) -> str:
    """Joins for count/ids: the publishers table only when the filter or order needs it."""
    joins = " FROM articles a JOIN versions v ON v.id = a.shown"
    if f.trust or f.order == "publisher":
        joins += " JOIN publishers p ON p.id = a.publisher"
    return joins


def _timestamp(moment: datetime) -> float:
    return moment.timestamp() if moment.tzinfo else moment.astimezone().timestamp()


def _order(f: ArticleFilter) -> str:
    if f.order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}")
    return " ORDER BY " + ORDERS[f.order].format(dir="DESC" if f.descending else "ASC")


class Articles:
    def __init__(self, catalog: Catalog, store: Store, trust: Trust):
        self.catalog = catalog
        self.store = store
        self.trust = trust

    # -- lists -------------------------------------------------------------------

    def count(self, f: ArticleFilter = ALL) -> int:
        where, params = _where(f)
        return int(self.catalog.scalar("SELECT count(*)" + _from(f) + where, params))

    def ids(self, f: ArticleFilter = ALL) -> list[int]:
        """Every matching id in list order: the UI holds these and fetches rows by id."""
        where, params = _where(f)
        cursor = self.catalog.conn.execute("SELECT a.id" + _from(f) + where + _order(f), params)
        cursor.row_factory = None  # plain tuples: no Row objects for 100,000 ids
        return [r[0] for r in cursor]

    def rows(self, f: ArticleFilter = ALL, offset: int = 0,
             limit: int = 100) -> list[ArticleRow]:
        where, params = _where(f)
        cursor = self.catalog.conn.execute(
            _ROW_SQL + where + _order(f) + " LIMIT ? OFFSET ?", [*params, limit, offset])
        cursor.row_factory = None
        return [_row(r) for r in cursor]

    def rows_by_id(self, ids: Sequence[int]) -> list[ArticleRow]:
        """Rows for these ids, in the order given (missing ones skipped)."""
        found: dict[int, ArticleRow] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            cursor = self.catalog.conn.execute(
                _ROW_SQL + f" WHERE a.id IN ({','.join('?' * len(chunk))})", chunk)
            cursor.row_factory = None
            for r in cursor:
                found[r[0]] = _row(r)
        return [found[i] for i in ids if i in found]

    def row(self, ref: ArticleRef) -> ArticleRow:
        rows = self.rows_by_id([self.resolve(ref)])
        if not rows:
            raise NotFound(f"no article {ref!r} in the library")
        return rows[0]

    def list_dicts(self, f: ArticleFilter = ALL, limit: int | None = None
                   ) -> list[dict[str, Any]]:
        """For `satchel list --json`: publisher, article_id, version, title, language, ..."""
        return [r.to_dict() for r in self.rows(f, 0, -1 if limit is None else limit)]

    def languages(self) -> list[tuple[str, int]]:
        """(language, articles) for a filter menu, most common first."""
        return [(r[0], r[1]) for r in self.catalog.rows(
            "SELECT v.language, count(*) FROM articles a JOIN versions v ON v.id = a.shown "
            "GROUP BY v.language ORDER BY count(*) DESC, v.language")]

    def tags(self) -> list[tuple[str, int]]:
        return [(r[0], r[1]) for r in self.catalog.rows(
            "SELECT t.tag, count(*) FROM articles a JOIN version_tags t ON t.version = a.shown "
            "GROUP BY t.tag ORDER BY count(*) DESC, t.tag")]

    def resolve(self, ref: ArticleRef) -> int:
        """The library id of an id or `<publisher>/<article id>` key."""
        if isinstance(ref, int):
            return ref
        publisher, _, article_id = ref.partition("/")
        found = self.catalog.scalar(
            "SELECT id FROM articles WHERE publisher = ? AND article_id = ?",
            (publisher, article_id))
        if found is None:
            raise NotFound(f"no article {ref!r} in the library")
        return int(found)

    def rows_by_key(self, keys: Iterable[str]) -> dict[str, ArticleRow]:
        """Rows for these `<publisher>/<article id>` keys (search hits), by key; a key the
        library does not list (unknown, hidden, blocked) is left out."""
        ids = self.ids_for_keys(keys)
        return {r.key: r for r in self.rows_by_id(list(ids.values()))}

    def ids_for_keys(self, keys: Iterable[str]) -> dict[str, int]:
        """Key -> id for the keys the library holds (search results to rows)."""
        result: dict[str, int] = {}
        pairs = [key.partition("/")[::2] for key in keys]
        for start in range(0, len(pairs), 400):
            chunk = pairs[start:start + 400]
            # Joined on (publisher, article_id), so the unique index finds each row: a
            # condition on `publisher || '/' || article_id` read every article (60 ms of a
            # 100 ms search in a library of 100,000).
            for r in self.catalog.rows(
                "SELECT a.id, a.publisher || '/' || a.article_id AS key FROM (VALUES "
                f"{','.join('(?, ?)' for _ in chunk)}) AS k "
                "JOIN articles a ON a.publisher = k.column1 AND a.article_id = k.column2",
                [value for pair in chunk for value in pair]
            ):
                result[r["key"]] = r["id"]
        return result

    # -- one article -----------------------------------------------------------------

    def open(self, ref: ArticleRef, *, version: int | None = None,
             allow_blocked: bool = False) -> ArticleView:
        """Everything to show one article: by default its shown (current) version.

        `version` picks another held version (history, or one side of a
        conflict) by its `VersionInfo.id`. A blocked publisher's article raises
        `NotFound` unless `allow_blocked`.
        """
        article = self.catalog.one(
            "SELECT a.*, p.name AS publisher_name, p.revoked, p.decision FROM articles a "
            "JOIN publishers p ON p.id = a.publisher WHERE a.id = ?", (self.resolve(ref),))
        if article is None:
            raise NotFound(f"no article {ref!r} in the library")
        state = self.trust.state(article["publisher"])
        if state == TrustState.BLOCKED and not allow_blocked:
            raise NotFound(f"article {ref!r} is from a blocked publisher")
        if article["shown"] is None:
            raise NotFound(f"article {ref!r} is hidden: it does not verify under the key chain "
                           "the library holds for its publisher")
        version_id = article["shown"] if version is None else version
        v = self.catalog.one("SELECT * FROM versions WHERE id = ? AND article = ? "
                             "AND verified = 1", (version_id, article["id"]))
        if v is None:
            raise NotFound(f"article {ref!r} has no version id {version_id}")
        files = self.catalog.rows(
            "SELECT sha256, size, media_type, role FROM version_files WHERE version = ?",
            (v["id"],))
        images = tuple(ImageRef(f["sha256"], f["media_type"], f["size"])
                       for f in files if f["role"] == "image")
        html = links_as_text(sanitize(self.store.read(v["body"]).decode("utf-8"),
                                      allowed_blobs={i.sha256 for i in images}))
        versions = tuple(
            VersionInfo(r["id"], r["version"], r["envelope_sha256"], r["status"], r["title"],
                        r["first_seen"], r["id"] == article["current"], bool(r["held_back"]))
            for r in self.catalog.rows(
                "SELECT * FROM versions WHERE article = ? AND verified = 1 "
                "ORDER BY version DESC, id", (article["id"],)))
        chain = self.trust.chain(article["publisher"])
        signed_by = set(json.loads(v["signed_by"]))
        retired = not (signed_by & set(chain.current_keys))
        conflict = bool(article["conflict"])
        conflicts = tuple(x for x in versions if conflict and not x.held_back
                          and x.version == article["high_version"])
        superseded = (article["high_version"]
                      if v["version"] < article["high_version"] and not v["held_back"] else None)
        newer_held_back = tuple(sorted({x.version for x in versions if x.held_back
                                        and x.version >= v["version"] and x.id != v["id"]},
                                       reverse=True))
        packers = tuple(
            Packer(r["id"], r["name"], fingerprint(r["id"]), TrustState(r["state"]))
            for r in self.catalog.rows(
                f"SELECT DISTINCT p.id, p.name, {STATE_SQL} AS state FROM bundle_versions bv "
                "JOIN bundles b ON b.id = bv.bundle JOIN publishers p ON p.id = b.packer "
                "WHERE bv.version = ? ORDER BY p.name", (v["id"],)))
        bundles = tuple(
            r["title"] or r["file_name"] for r in self.catalog.rows(
                "SELECT b.title, b.file_name FROM bundle_versions bv JOIN bundles b "
                "ON b.id = bv.bundle WHERE bv.version = ? ORDER BY b.id", (v["id"],)))
        tags = tuple(r[0] for r in self.catalog.rows(
            "SELECT tag FROM version_tags WHERE version = ? ORDER BY tag", (v["id"],)))
        view = ArticleView(
            id=article["id"], key=f"{article['publisher']}/{article['article_id']}",
            version_id=v["id"], publisher=article["publisher"], article_id=article["article_id"],
            version=v["version"], status=v["status"], issued=v["issued"], language=v["language"],
            title=v["title"], byline=v["byline"], summary=v["summary"], tags=tags,
            source_url=v["source_url"], html=html, body_sha256=v["body"], images=images,
            publisher_name=article["publisher_name"],
            fingerprint=fingerprint(article["publisher"]), trust=state,
            signed_by=tuple(fingerprint(k) for k in sorted(signed_by)), retired_key=retired,
            revoked=bool(article["revoked"]), packers=packers, bundles=bundles,
            current=v["id"] == article["current"], superseded_by=superseded,
            conflict=conflict, conflicts=conflicts, versions=versions,
            read=article["read_at"] is not None, bookmarked=article["bookmarked_at"] is not None,
            position=article["position"], held_back=bool(v["held_back"]),
            newer_held_back=newer_held_back, chain_length=len(chain.roots),
            key_conflicts=tuple(c for c in self.trust.conflicts(article["publisher"])
                                if not c.resolved),
        )
        return _with_notices(view)

    def blob(self, ref: ArticleRef, sha256: str, *, version: int | None = None) -> bytes:
        """A blob of this article's version (default: shown), and nothing else.

        The reading pane's resource loader calls this; any other hash, or
        another article's blob, raises `NotFound`.
        """
        article = self.resolve(ref)
        version_id = version if version is not None else self.catalog.scalar(
            "SELECT shown FROM articles WHERE id = ?", (article,))
        allowed = self.catalog.one(
            "SELECT 1 FROM version_files f JOIN versions v ON v.id = f.version "
            "WHERE f.version = ? AND v.article = ? AND f.sha256 = ? AND v.verified = 1",
            (version_id, article, sha256))
        if allowed is None:
            raise NotFound(f"blob {sha256[:16]}… is not part of article {ref!r}")
        return self.store.read(sha256)

    def envelope(self, version_id: int) -> bytes:
        """The exact signed bytes of a version (for re-packing or inspection)."""
        sha = self.catalog.scalar("SELECT envelope_sha256 FROM versions WHERE id = ?",
                                  (version_id,))
        if sha is None:
            raise NotFound(f"no version id {version_id}")
        return self.store.envelope(sha)

    # -- reading state -------------------------------------------------------------

    def mark_read(self, refs: ArticleRef | Iterable[ArticleRef], read: bool = True) -> Changes:
        ids = self._ids(refs)
        with self.catalog.transaction() as conn:
            conn.executemany(
                "UPDATE articles SET read_at = ? WHERE id = ?",
                [(now() if read else None, i) for i in ids])
        return Changes(reading=True)

    def set_position(self, ref: ArticleRef, position: float) -> Changes:
        """Where the reader stopped, 0..1 of the article's height."""
        with self.catalog.transaction() as conn:
            conn.execute("UPDATE articles SET position = ? WHERE id = ?",
                         (min(1.0, max(0.0, float(position))), self.resolve(ref)))
        return Changes(reading=True)

    def bookmark(self, refs: ArticleRef | Iterable[ArticleRef], on: bool = True) -> Changes:
        ids = self._ids(refs)
        with self.catalog.transaction() as conn:
            conn.executemany(
                "UPDATE articles SET bookmarked_at = ? WHERE id = ?",
                [(now() if on else None, i) for i in ids])
        return Changes(reading=True)

    def record_opened(self, ref: ArticleRef, version_id: int | None = None) -> Changes:
        """Add to the reading history (the UI calls this when it shows an article)."""
        article = self.resolve(ref)
        with self.catalog.transaction() as conn:
            conn.execute("INSERT INTO history (article, version, opened_at) VALUES (?, ?, ?)",
                         (article, version_id, now()))
        return Changes(reading=True)

    def history(self, limit: int = 200) -> list[HistoryEntry]:
        """Recently opened articles, newest first (each article once)."""
        opened = self.catalog.rows(
            "SELECT article, max(opened_at) AS at, max(id) AS last FROM history "
            "GROUP BY article ORDER BY last DESC LIMIT ?", (limit,))
        rows = {r.id: r for r in self.rows_by_id([o["article"] for o in opened])}
        return [HistoryEntry(rows[o["article"]], o["at"]) for o in opened
                if o["article"] in rows]

    def clear_history(self) -> Changes:
        with self.catalog.transaction() as conn:
            conn.execute("DELETE FROM history")
        return Changes(reading=True)

    def _ids(self, refs: ArticleRef | Iterable[ArticleRef]) -> list[int]:
        if isinstance(refs, int | str):
            return [self.resolve(refs)]
        return [self.resolve(r) for r in refs]


def _with_notices(view: ArticleView) -> ArticleView:
    notices = []
    if view.trust == TrustState.UNKNOWN:
        notices.append("unverified publisher")
    if view.revoked:
        notices.append("publisher revoked its keys")
    if view.retired_key:
        notices.append("signed by a retired key")
    if view.conflict:
        notices.append("conflicting versions: neither is shown as current")
    if view.superseded_by is not None:
        notices.append(f"superseded by version {view.superseded_by}")
    why = ("it arrived after the publisher revoked its keys" if view.revoked
           else "signed only by a retired key")
    if view.held_back:
        notices.append(f"kept, not current: {why}")
    for number in view.newer_held_back:
        notices.append(f"newer version {number} held back: {why}")
    if view.status == "retracted":
        notices.append("retracted by the publisher")
    elif view.status == "corrected":
        notices.append("corrected by the publisher")
    return replace(view, notices=tuple(notices))
