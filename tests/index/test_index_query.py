"""The search box language: what each piece of syntax means, and clear errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index import QueryError, SearchFilters
from index.query import MAX_QUERY_CHARS, Phrase, Word, parse

BLNS = Path(__file__).resolve().parents[1] / "data" / "naughty-strings.json"


def test_words_phrases_exclusions_and_or() -> None:
    q = parse('climate "carbon tax" -coal oil OR gas infla*')
    assert q.groups == (
        (Word("climate"),), (Phrase("carbon tax"),), (Word("oil"), Word("gas")),
        (Word("infla", prefix=True),),
    )
    assert q.excluded == (Word("coal"),)


def test_filters_are_taken_out_of_the_text() -> None:
    q = parse('lang:fa publisher:3F2A tag:"human rights" since:2024-01 until:2024 '
              'is:unread is:bookmarked trust:trusted status:corrected election')
    assert q.groups == ((Word("election"),),)
    assert q.filters == SearchFilters(
        languages=frozenset({"fa"}), publishers=frozenset({"3f2a"}),
        tags=frozenset({"human rights"}), since=date(2024, 1, 1), until=date(2024, 12, 31),
        read=False, bookmarked=True, trust=frozenset({"trusted"}),
        status=frozenset({"corrected"}))


def test_a_name_that_is_not_a_filter_is_text() -> None:
    assert parse("http://example.org 10:30").groups == (
        (Word("http://example.org"),), (Word("10:30"),))


@pytest.mark.parametrize(("value", "since", "until"), [
    ("2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024-02-10", date(2024, 2, 10), date(2024, 2, 10)),
])
def test_dates_cover_the_whole_period(value: str, since: date, until: date) -> None:
    q = parse(f"since:{value} until:{value}")
    assert (q.filters.since, q.filters.until) == (since, until)


def test_unbalanced_quote_runs_to_the_end() -> None:
    assert parse('"prime minister').groups == ((Phrase("prime minister"),),)


def test_lone_dash_stray_or_and_empty_quotes_are_ignored() -> None:
    assert parse('- OR a OR "" b OR').groups == ((Word("a"),), (Word("b"),))
    assert parse("").groups == ()


@pytest.mark.parametrize(("text", "message"), [
    ("since:yesterday", "since: expects a date"),
    ("until:2024-02-30", "is not a calendar date"),
    ("is:maybe", "is: can be read, unread"),
    ("lang:", "lang: needs a value"),
    ("-lang:fa", "filters cannot be negated"),
    ("a*", "at least 2 letters"),
    ("x" * (MAX_QUERY_CHARS + 1), "too long"),
    (" ".join(f"w{i}" for i in range(40)), "too many words"),
])
def test_errors_say_what_to_change(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as info:
        parse(text)
    assert "\n" not in str(info.value)


def parses_or_explains(text: str) -> None:
    try:
        parse(text)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)


def test_every_naughty_string_parses_or_is_a_query_error() -> None:
    for text in json.loads(BLNS.read_text("utf-8")):
        parses_or_explains(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_or_is_a_query_error(text: str) -> None:
    parses_or_explains(text)
