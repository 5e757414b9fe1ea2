"""The search box language, parsed into a small tree; and `SearchFilters`.

    climate "carbon tax" -coal oil OR gas infla* lang:en since:2024-01 is:unread

- words must all match (in any inflection: the analysis stems them);
- "quoted words" must match as a phrase; an unclosed quote runs to the end;
- `-word` / `-"phrase"` exclude; a `-` on its own is ignored;
- `a OR b` matches either (OR binds tighter than the implicit AND);
- `word*` matches words that start with `word` (at least two letters);
- filters: `lang:fa`, `publisher:<id, id prefix or name>`, `tag:x` or
  `tag:"two words"`, `since:2024-01-31`, `until:2024` (dates are UTC, a
  year or month means all of it), `is:read|unread|bookmarked`,
  `trust:trusted|unknown|...`, `status:corrected`. A name that is not a filter
  (`http:`, `10:30`) is just text.

Parsing never raises anything but `QueryError`, whose message says what to
change. The parse is pure: analysis and Whoosh come later (`index.search`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date

from index.errors import QueryError

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 32
MIN_PREFIX = 2


@dataclass(frozen=True)
class SearchFilters:
    """Restrictions on what a search returns, from the box or from code.

    Within one field the values are alternatives (`languages={"fa", "ar"}`:
    either); `tags` must all be present. Reading state, bookmarks and trust
    are not in the index: they are asked of the caller's `StateFilter`.
    """

    languages: frozenset[str] = frozenset()
    publishers: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    since: date | None = None
    until: date | None = None
    read: bool | None = None
    bookmarked: bool | None = None
    trust: frozenset[str] = frozenset()
    status: frozenset[str] = frozenset()

    def is_empty(self) -> bool:
        return self == SearchFilters()

    def needs_state(self) -> bool:
        return self.read is not None or self.bookmarked is not None or bool(self.trust)


@dataclass(frozen=True)
class Word:
    """A typed word (or hyphenated compound); `prefix` when it ended in '*'."""

    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    text: str


Clause = Word | Phrase


@dataclass(frozen=True)
class ParsedQuery:
    """AND over `groups`, each an OR of clauses; minus `excluded`; within `filters`."""

    groups: tuple[tuple[Clause, ...], ...] = ()
    excluded: tuple[Clause, ...] = ()
    filters: SearchFilters = field(default_factory=SearchFilters)
    text: str = ""

    def clauses(self) -> list[Clause]:
        return [c for group in self.groups for c in group]


# -- Filters ----------------------------------------------------------------------

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_FILTER_NAMES = {
    "lang": "lang", "language": "lang", "publisher": "publisher", "pub": "publisher",
    "tag": "tag", "since": "since", "until": "until", "is": "is", "trust": "trust",
    "status": "status",
}
_IS_VALUES = {"read": ("read", True), "unread": ("read", False),
              "bookmarked": ("bookmarked", True), "unbookmarked": ("bookmarked", False)}


def parse_date(value: str, *, end: bool, name: str) -> date:
    """'2024' / '2024-05' / '2024-05-17' -> the first (or, with `end`, last) day."""
    m = _DATE_RE.match(value)
    if not m:
        raise QueryError(f"{name}: expects a date like 2024-05-17, 2024-05 or 2024, not {value!r}")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, last if end else 1)
        return date(year, month, day)
    except ValueError:
        raise QueryError(f"{name}: {value!r} is not a calendar date") from None


def _apply_filter(filters: SearchFilters, name: str, value: str) -> SearchFilters:
    shown = f"{name}:"
    if not value:
        raise QueryError(f"{shown} needs a value, for example {_EXAMPLES[name]}")
    low = value.lower()
    if name == "lang":
        return replace(filters, languages=filters.languages | {low.replace("_", "-")})
    if name == "publisher":
        return replace(filters, publishers=filters.publishers | {low})
    if name == "tag":
        return replace(filters, tags=filters.tags | {value})
    if name == "since":
        return replace(filters, since=parse_date(value, end=False, name=name))
    if name == "until":
        return replace(filters, until=parse_date(value, end=True, name=name))
    if name == "is":
        if low not in _IS_VALUES:
            raise QueryError(f"is: can be read, unread, bookmarked or unbookmarked, not {value!r}")
        attr, flag = _IS_VALUES[low]
        if attr == "read":
            return replace(filters, read=flag)
        return replace(filters, bookmarked=flag)
    if name == "trust":
        return replace(filters, trust=filters.trust | {low})
    return replace(filters, status=filters.status | {low})


_EXAMPLES = {
    "lang": "lang:fa", "publisher": "publisher:3f2a", "tag": "tag:elections",
    "since": "since:2024-01-31", "until": "until:2024-12", "is": "is:unread",
    "trust": "trust:trusted", "status": "status:corrected",
}


# -- Scanner ----------------------------------------------------------------------


@dataclass
class _Token:
    text: str
    quoted: bool = False
    negated: bool = False
    filter_name: str | None = None


def _read_quoted(text: str, i: int) -> tuple[str, int]:
    """From an opening quote at `i`: the quoted text and the index after it."""
    end = text.find('"', i + 1)
    if end < 0:
        return text[i + 1 :], len(text)
    return text[i + 1 : end], end + 1


def _scan(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = False
        while i < n and text[i] == "-":
            negated, i = True, i + 1
        if i >= n or text[i].isspace():
            continue  # a lone '-'
        if text[i] == '"':
            value, i = _read_quoted(text, i)
            tokens.append(_Token(value, quoted=True, negated=negated))
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        word = text[start:i]
        name, colon, rest = word.partition(":")
        filter_name = _FILTER_NAMES.get(name.lower()) if colon else None
        if filter_name:
            if not rest and i < n and text[i] == '"':
                rest, i = _read_quoted(text, i)
            tokens.append(_Token(rest.strip(), negated=negated, filter_name=filter_name))
        else:
            tokens.append(_Token(word, negated=negated))
    return tokens


def parse(text: str) -> ParsedQuery:
    """Parse the search box. Raises `QueryError` only, with a message to show."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the search is too long ({len(text)} characters; at most "
                         f"{MAX_QUERY_CHARS})")
    groups: list[list[Clause]] = []
    excluded: list[Clause] = []
    filters = SearchFilters()
    pending_or = False
    for token in _scan(text):
        if token.filter_name:
            if token.negated:
                raise QueryError(f"-{token.filter_name}: filters cannot be negated; "
                                 f"search without it, or with another {token.filter_name}: value")
            filters = _apply_filter(filters, token.filter_name, token.text)
            continue
        if token.text == "OR" and not token.quoted and not token.negated:
            pending_or = bool(groups)
            continue
        clause = _clause(token)
        if clause is None:  # nothing searchable: it takes a pending OR with it
            pending_or = False
            continue
        if token.negated:
            excluded.append(clause)
        elif pending_or:
            groups[-1].append(clause)
        else:
            groups.append([clause])
        pending_or = False
    count = sum(len(g) for g in groups) + len(excluded)
    if count > MAX_CLAUSES:
        raise QueryError(f"the search has too many words ({count}; at most {MAX_CLAUSES})")
    return ParsedQuery(tuple(tuple(g) for g in groups), tuple(excluded), filters, text)


def _clause(token: _Token) -> Clause | None:
    if token.quoted:
        return Phrase(token.text) if token.text.strip() else None
    text = token.text
    prefix = text.endswith("*")
    text = text.rstrip("*")
    if not text:
        return None
    if prefix and len(text) < MIN_PREFIX:
        raise QueryError(f"{token.text!r}: type at least {MIN_PREFIX} letters before the *")
    return Word(text, prefix)
