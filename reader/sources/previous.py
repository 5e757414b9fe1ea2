"""`--previous`: give changed articles the next version, keep unchanged ones as they were.

A reader's library keeps, per (publisher, article id), the highest version as
current (DESIGN.md section 2). So when a publisher packs a feed again after a
correction, the corrected entry must carry a higher version than the one
readers already have, and an unchanged entry must be signed exactly as before
(same version, same fields), or readers would see a conflict.

`PreviousVersions.load(paths, publisher)` reads what was packed before, from
bundles (`*.satchel`, verified with `Bundle.open`), folders of bundles, or a
reader's library folder when `reader.library` is available. `assign` then
compares a new draft with the newest previous version of the same id: the
title, the body (its sanitized HTML, images included, by hash), the language,
byline, summary, tags, source address and date. Equal: same version and
status. Different: version + 1, status `corrected` (a retraction stays
`retracted`). Only this publisher's articles count.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bundles.article import ArticlePayload
from bundles.bundle import Bundle
from bundles.dsse import Envelope
from bundles.errors import SatchelError, SourceError
from bundles.limits import DEFAULT_LIMITS
from bundles.pack import ArticleDraft, prepare_body

from .common import Item


@dataclass(frozen=True)
class PreviousArticle:
    article_id: str
    version: int
    status: str
    fields: tuple[Any, ...]  # what a change is judged by
    source: str


def _fields(title: str, body_sha: str, language: str, byline: str, summary: str,
            tags: tuple[str, ...], source_url: str, issued: str) -> tuple[Any, ...]:
    return (title, body_sha, language, byline, summary, tuple(tags), source_url, issued)


FIELD_NAMES = ("title", "body", "language", "byline", "summary", "tags", "source_url", "issued")


def payload_fields(payload: ArticlePayload) -> tuple[Any, ...]:
    return _fields(payload.title, payload.body, payload.language, payload.byline,
                   payload.summary, payload.tags, payload.source_url, payload.issued)


def draft_fields(draft: ArticleDraft) -> tuple[Any, ...]:
    """The same fields as they will be signed (the body after images and sanitizing)."""
    body = prepare_body(draft.body_html, draft.images)
    body_sha = hashlib.sha256(body.html.encode("utf-8")).hexdigest()
    return _fields(draft.title, body_sha, draft.language, draft.byline, draft.summary,
                   tuple(draft.tags), draft.source_url, draft.issued)


class PreviousVersions:
    def __init__(self, articles: dict[str, PreviousArticle], sources: list[str]):
        self.articles = articles
        self.sources = sources

    def __len__(self) -> int:
        return len(self.articles)

    @classmethod
    def load(cls, paths: Iterable[Path], publisher: str) -> PreviousVersions:
        newest: dict[str, PreviousArticle] = {}
        sources: list[str] = []

        def add(payload: ArticlePayload, source: str) -> None:
            if payload.publisher != publisher:
                return
            known = newest.get(payload.article_id)
            if known is None or payload.version > known.version:
                newest[payload.article_id] = PreviousArticle(
                    payload.article_id, payload.version, payload.status,
                    payload_fields(payload), source)

        for path in paths:
            path = Path(path)
            if path.is_dir() and (path / "library.sqlite3").exists():
                for payload in _library_payloads(path, publisher):
                    add(payload, str(path))
                sources.append(str(path))
                continue
            if path.is_dir():
                bundles = sorted(path.glob("*.satchel"))
                if not bundles:
                    raise SourceError("has no *.satchel bundles (nor is it a Satchel library)",
                                      path=str(path))
            elif path.is_file():
                bundles = [path]
            else:
                raise SourceError("no such bundle or library", path=str(path))
            for bundle_path in bundles:
                with Bundle.open(bundle_path) as bundle:
                    for article in bundle.articles:
                        add(article.payload, str(bundle_path))
                sources.append(str(bundle_path))
        return cls(newest, sources)

    def assign(self, item: Item) -> Item:
        """Set the draft's version (and status) from the previous versions."""
        draft = item.draft
        if draft is None:
            return item
        known = self.articles.get(draft.article_id)
        if known is None:
            if not item.explicit_version:
                item.taken.append("new article (not in --previous)")
            return item
        try:
            new_fields = draft_fields(draft)
        except SatchelError:
            return item  # signing will refuse it with the reason
        changed = [name for name, a, b in zip(FIELD_NAMES, known.fields, new_fields, strict=True)
                   if a != b]
        if item.explicit_version:
            if draft.version < known.version:
                return Item.refuse(item.label, f"version {draft.version} is older than version "
                                   f"{known.version} in {known.source}; readers would ignore it")
            if draft.version == known.version and changed:
                return Item.refuse(item.label, f"version {draft.version} was already published "
                                   f"with different {', '.join(changed)} ({known.source}); "
                                   "raise the version")
            return item
        if not changed:
            status = draft.status if item.explicit_status else known.status
            item.draft = replace(draft, version=known.version, status=status)
            item.taken.append(f"unchanged since version {known.version}")
            return item
        status = draft.status if item.explicit_status else (
            "retracted" if known.status == "retracted" else "corrected")
        item.draft = replace(draft, version=known.version + 1, status=status)
        item.taken.append(f"changed since version {known.version} ({', '.join(changed)}): "
                          f"now version {known.version + 1}")
        return item


def _library_payloads(path: Path, publisher: str) -> list[ArticlePayload]:
    """The newest held version of each of `publisher`'s articles in a reader's library.

    Read through the library's own API (read-only: never waits, never writes);
    the exact signed envelopes it kept at import are parsed again here.
    """
    try:
        from reader.library import Library
        from reader.records import ArticleFilter
    except ImportError as exc:
        raise SourceError("is a Satchel library, but this Satchel cannot read libraries; "
                          "give the bundles you packed before", path=str(path)) from exc
    payloads: list[ArticlePayload] = []
    try:
        with Library.open(path, readonly=True) as library:
            rows = library.articles.rows(ArticleFilter(publishers=(publisher,)), 0, -1)
            for row in rows:
                view = library.articles.open(row.id, allow_blocked=True)
                newest = max(view.versions, key=lambda v: v.version, default=None)
                if newest is None:
                    continue
                envelope = Envelope.from_bytes(library.articles.envelope(newest.id),
                                                  cap=DEFAULT_LIMITS.envelope_bytes)
                payloads.append(ArticlePayload.from_payload(envelope.payload))
    except SatchelError as exc:
        raise SourceError(f"cannot read the library ({exc.message})", path=str(path)) from exc
    return payloads
