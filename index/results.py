"""What a search returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Hit:
    """One matching article version.

    `title_html` and `snippet_html` are HTML-escaped text in which the matched
    words are wrapped in <b>; the snippet is cut from the body text the caller
    supplied (empty when it supplied none).
    """

    key: str
    publisher: str
    article_id: str
    version: int
    language: str
    title: str
    title_html: str
    snippet_html: str
    issued: datetime | None
    status: str
    score: float


@dataclass(frozen=True)
class SearchPage:
    """One page of results. `total` counts every match, not only this page.
    `suggestions` ("did you mean") are whole queries, offered when nothing matched."""

    hits: tuple[Hit, ...]
    total: int
    page: int
    pagecount: int
    suggestions: tuple[str, ...] = ()
