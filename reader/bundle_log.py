"""`library.bundles`: which bundles were imported and what each brought."""

from __future__ import annotations

import builtins  # the classes below have methods named list and set
import json
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from .catalog import Catalog
from .errors import NotFound


@dataclass(frozen=True)
class BundleRow:
    id: int
    bundle_id: str
    title: str
    file_name: str
    file_size: int
    created: str  # advisory, from the bundle
    imported_at: str  # this machine's clock
    set_id: str
    part: int
    parts: int
    packer: str | None
    packer_name: str
    articles: int
    new_versions: int
    new_blobs: int
    new_bytes: int
    warnings: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class BundleLog:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def list(self) -> list[BundleRow]:
        """Every imported bundle, newest import first."""
        return [self._row(r) for r in self.catalog.rows(
            "SELECT b.*, coalesce(p.name, '') AS packer_name FROM bundles b "
            "LEFT JOIN publishers p ON p.id = b.packer ORDER BY b.id DESC")]

    def get(self, row_id: int) -> BundleRow:
        r = self.catalog.one(
            "SELECT b.*, coalesce(p.name, '') AS packer_name FROM bundles b "
            "LEFT JOIN publishers p ON p.id = b.packer WHERE b.id = ?", (row_id,))
        if r is None:
            raise NotFound(f"no imported bundle {row_id}")
        return self._row(r)

    def article_ids(self, row_id: int) -> builtins.list[int]:
        """Articles (library ids) this bundle carried a version of."""
        return [r[0] for r in self.catalog.rows(
            "SELECT DISTINCT v.article FROM bundle_versions bv JOIN versions v "
            "ON v.id = bv.version WHERE bv.bundle = ? ORDER BY v.article", (row_id,))]

    def incomplete_sets(self) -> builtins.list[tuple[str, int, builtins.list[int]]]:
        """(set id, parts, parts held) for split collections not fully imported."""
        result = []
        for r in self.catalog.rows(
            "SELECT set_id, max(parts) AS parts, group_concat(DISTINCT part) AS held "
            "FROM bundles WHERE set_id != '' GROUP BY set_id"
        ):
            held = sorted(int(x) for x in r["held"].split(","))
            if len(held) < r["parts"]:
                result.append((r["set_id"], r["parts"], held))
        return result

    @staticmethod
    def _row(r: sqlite3.Row) -> BundleRow:
        return BundleRow(
            id=r["id"], bundle_id=r["bundle_id"], title=r["title"], file_name=r["file_name"],
            file_size=r["file_size"], created=r["created"], imported_at=r["imported_at"],
            set_id=r["set_id"], part=r["part"], parts=r["parts"], packer=r["packer"],
            packer_name=r["packer_name"], articles=r["articles"],
            new_versions=r["new_versions"], new_blobs=r["new_blobs"],
            new_bytes=r["new_bytes"], warnings=tuple(json.loads(r["warnings"])),
        )
