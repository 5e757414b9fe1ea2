"""The index schema, and how an `IndexDocument` becomes Whoosh field values.

Text fields are analysed by the article's language (`index.analysis`), which a
Whoosh analyzer cannot see: it only gets the text. So text values travel as
`(language, text)` pairs and `LanguageText.index` analyses them itself. That
also keeps the analysis inside the worker processes of a parallel rebuild.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from whoosh import columns, fields, formats

from index.analysis import LanguageAnalyzer, normalize, primary_language, profile
from index.document import IndexDocument

# Field boosts for BM25F: a word in the title says more than one in the body.
TITLE_BOOST = 3.0
SUMMARY_BOOST = 1.5



_SINGLE: dict[int, bytes] = {}
_SINGLE_LIMIT = 1 << 16


class LanguageText(fields.TEXT):
    """A TEXT field whose value is `(language, text)`, analysed per language."""

    def positions(self, value: Any) -> tuple[dict[str, list[int]], list[str]]:
        """Each term of the text with the positions it occurs at, and the
        text's raw words (`LanguageProfile.positions`)."""
        language, text = value
        return profile(language).positions(text)

    def encode_positions(self, poslist: list[int]) -> bytes:
        if len(poslist) == 1 and poslist[0] < _SINGLE_LIMIT:
            # Most terms occur once in a document: encode each position once.
            vbytes = _SINGLE.get(poslist[0])
            if vbytes is None:
                vbytes = _SINGLE[poslist[0]] = self.format.encode(poslist)
            return vbytes
        encoded: bytes = self.format.encode(poslist)  # Whoosh has no types
        return encoded

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        boost = self.format.field_boost
        for term, poslist in self.positions(value)[0].items():
            yield (term.encode("utf-8"), len(poslist), len(poslist) * boost,
                   self.encode_positions(poslist))


class WordSet(fields.FieldType):
    """The distinct normalized, unstemmed words of a document's title and summary.

    "Did you mean" suggests from these, so a suggestion is a word a person
    wrote ("government"), not a stem ("govern"). Titles and summaries hold the
    words people search for; taking the body too would double the postings an
    import writes for rarer words.
    """

    def __init__(self) -> None:
        super().__init__(formats.Existence(), analyzer=LanguageAnalyzer(), scorable=True)

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        words: set[str] = set()
        for text in value:
            words |= profile("und").words(text)
        for word in words:
            yield word.encode("utf-8"), 1, 1.0, b""


class StoredColumn(fields.COLUMN):
    """A stored per-document number that is never searched, only read and
    sorted on (`version`, `issued`): a NUMERIC field would also index 8 to 16
    trie terms per document, a sixth of an import's postings."""

    stored = True

    def __init__(self, default: int):
        super().__init__(columns.NumericColumn("q", default=default))


# Bump when fields change: an index with other fields needs a rebuild.
SCHEMA_ID = "schema-2"
NO_DATE = -(2**63)  # the `issued` column of an article without a date


def build_schema() -> fields.Schema:
    return fields.Schema(
        key=fields.ID(stored=True, unique=True, sortable=True),
        publisher=fields.ID(stored=True),
        publisher_name=fields.KEYWORD(lowercase=False, scorable=False),
        article_id=fields.STORED(),
        version=StoredColumn(default=0),
        language=fields.ID(stored=True),
        title=LanguageText(stored=True, field_boost=TITLE_BOOST, analyzer=LanguageAnalyzer()),
        byline=LanguageText(analyzer=LanguageAnalyzer()),
        summary=LanguageText(field_boost=SUMMARY_BOOST, analyzer=LanguageAnalyzer()),
        body=LanguageText(analyzer=LanguageAnalyzer()),
        words=WordSet(),
        tags=fields.KEYWORD(lowercase=False, scorable=False),
        issued=StoredColumn(default=NO_DATE),
        status=fields.ID(stored=True),
    )


def normalize_tag(tag: str) -> str:
    return " ".join(normalize(tag).split())


def to_micros(moment: datetime) -> int:
    """A UTC instant as microseconds since 1970, the `issued` column's unit."""
    return (moment - EPOCH) // timedelta(microseconds=1)


def from_micros(value: int) -> datetime | None:
    return None if value == NO_DATE else EPOCH + timedelta(microseconds=value)


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def to_fields(doc: IndexDocument) -> dict[str, Any]:
    """The keyword arguments of `writer.add_document` for one document."""
    lang = doc.language or "und"
    primary = primary_language(lang)
    values: dict[str, Any] = {
        "key": doc.key,
        "publisher": doc.publisher,
        "publisher_name": [w for w in (normalize(w) for w in doc.publisher_name.split()) if w],
        "article_id": doc.article_id,
        "version": doc.version,
        "language": sorted({primary, lang.lower()}),
        "_stored_language": lang,
        "title": (lang, doc.title),
        "_stored_title": doc.title,
        "byline": (lang, doc.byline),
        "summary": (lang, doc.summary),
        "body": (lang, doc.body_text),
        "words": (doc.title, doc.summary),
        "tags": sorted({t for t in map(normalize_tag, doc.tags) if t}),
        "status": doc.status,
    }
    if doc.issued is not None:
        values["issued"] = to_micros(doc.issued)
    return values
