"""What the index is told about one article version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class IndexDocument:
    """One article version, as the caller (the library) hands it to the index.

    `body_text` is plain text (see `index.text.html_to_text`); it is analysed
    but not stored: snippets are cut from text the caller supplies at search
    time. `issued` must be timezone-aware, or None when the article has none.
    """

    key: str  # "<publisher>/<article_id>", unique in the index
    publisher: str
    publisher_name: str
    article_id: str
    version: int
    language: str  # BCP 47
    title: str
    byline: str
    summary: str
    body_text: str
    tags: tuple[str, ...] = ()
    issued: datetime | None = None
    status: str = "published"

    def __post_init__(self) -> None:
        if not self.key:
            raise ValueError("IndexDocument.key is empty")
        if self.issued is not None and self.issued.utcoffset() is None:
            raise ValueError(f"{self.key}: issued must be timezone-aware")

    @staticmethod
    def make_key(publisher: str, article_id: str) -> str:
        return f"{publisher}/{article_id}"
