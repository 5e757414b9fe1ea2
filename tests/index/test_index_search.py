"""Searching real articles: inflections, scripts, syntax, filters, snippets, suggestions."""

from __future__ import annotations

import html
import json
import re
from array import array
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.reading import TermNotFound

from index import Index, IndexDocument, QueryError, SearchFilters, SearchPage
from index.analysis import WORD_RE, normalize, profile
from index.highlight import _matches, snippet
from index.reading import decode_positions, indices_of

BLNS = Path(__file__).resolve().parents[1] / "data" / "naughty-strings.json"


def text_of(doc: IndexDocument) -> str:
    return f"{doc.title}\n{doc.summary}\n{doc.body_text}"


def keys_matching(docs: list[IndexDocument], pattern: str, *, without: str | None = None,
                  language: str | None = None) -> set[str]:
    has, lacks = re.compile(pattern, re.I), re.compile(without, re.I) if without else None
    return {d.key for d in docs
            if (language is None or d.language == language) and has.search(text_of(d))
            and not (lacks and lacks.search(text_of(d)))}


def found(index: Index, query: str, **kwargs: object) -> set[str]:
    page = index.search(query, pagelen=200, **kwargs)  # type: ignore[arg-type]
    assert page.total <= 200, "the test needs every hit on one page"
    return {h.key for h in page.hits}


def test_english_and_russian_words_find_other_inflections(
        corpus_index: Index, corpus_docs: list[IndexDocument]) -> None:
    only_plural = keys_matching(corpus_docs, r"\belections\b", without=r"\belection\b")
    assert only_plural and only_plural <= found(corpus_index, "election")
    other_case = keys_matching(corpus_docs, r"\bгороде\b", without=r"\bгорода\b")
    assert other_case and other_case <= found(corpus_index, "города")


def test_kazakh_suffixed_forms_find_each_other(
        corpus_index: Index, corpus_docs: list[IndexDocument]) -> None:
    inflected = keys_matching(corpus_docs, r"(?<!\w)қала(сы|ның|лар\w*)(?!\w)",
                              without=r"(?<!\w)қала(?!\w)")
    assert inflected and inflected <= found(corpus_index, "қала")
    plain = keys_matching(corpus_docs, r"(?<!\w)қала(?!\w)", language="kk")
    assert plain and plain <= found(corpus_index, "қаласы")
    genitive = keys_matching(corpus_docs, r"Қазақстанның", without=r"Қазақстан(?!\w)")
    assert genitive and genitive <= found(corpus_index, "Қазақстанда")


def test_persian_word_typed_with_arabic_letters_and_the_reverse(
        corpus_index: Index, corpus_docs: list[IndexDocument]) -> None:
    written_arabic = keys_matching(corpus_docs, r"(?<!\w)بانكي(?!\w)")  # Arabic kaf and yeh
    assert written_arabic and written_arabic <= found(corpus_index, "بانکی")
    written_persian = keys_matching(corpus_docs, r"(?<!\w)کشور(?!\w)", without="كشور")
    assert written_persian and written_persian <= found(corpus_index, "كشور")


def test_phrase_matches_adjacent_words_only(
        corpus_index: Index, corpus_docs: list[IndexDocument]) -> None:
    expected = keys_matching(corpus_docs, r"\bprime\s+minister")
    assert expected and found(corpus_index, '"prime minister"') == expected
    assert not found(corpus_index, '"minister prime"')


def test_prefix_finds_every_word_that_starts_with_it(
        corpus_index: Index, corpus_docs: list[IndexDocument]) -> None:
    expected = keys_matching(corpus_docs, r"\bparliam")
    assert expected and found(corpus_index, "parliam*") == expected
    assert keys_matching(corpus_docs, r"(?<!\w)президент") <= found(corpus_index, "президен*")


def test_exclusion_removes_articles_with_the_word(
        corpus_index: Index, corpus_docs: list[IndexDocument]) -> None:
    with_labour = keys_matching(corpus_docs, r"\blabour\b")
    assert with_labour
    government = found(corpus_index, "government")
    assert found(corpus_index, "government -labour") == government - with_labour


def test_or_matches_either(corpus_index: Index) -> None:
    either = found(corpus_index, "election OR parliament")
    assert either == found(corpus_index, "election") | found(corpus_index, "parliament")


def test_language_filter(corpus_index: Index) -> None:
    page = corpus_index.search("ایران lang:fa", pagelen=50)
    assert page.total > 0 and {h.language for h in page.hits} == {"fa"}
    assert corpus_index.search("ایران lang:en").total == 0
    by_code = corpus_index.search("ایران", filters=SearchFilters(languages=frozenset({"fa"})))
    assert by_code.total == page.total


def test_date_filter(corpus_index: Index) -> None:
    page = corpus_index.search("since:2010-03-01 until:2010-03-31", pagelen=100)
    assert page.total == 31  # one article a day
    assert all(datetime(2010, 3, 1, tzinfo=UTC) <= h.issued < datetime(2010, 4, 1, tzinfo=UTC)
               for h in page.hits if h.issued)
    code = SearchFilters(since=date(2010, 3, 1), until=date(2010, 3, 31))
    assert corpus_index.search("", filters=code).total == 31


def test_tag_and_publisher_filters(corpus_index: Index) -> None:
    politics = corpus_index.search("tag:politics", pagelen=100)
    assert politics.total > 0 and {h.publisher for h in politics.hits} == {"bbc"}
    assert corpus_index.search("publisher:lent").total == 60  # a prefix of the id
    assert corpus_index.search("publisher:kaznerd").total == 60


def test_sort_by_date_and_pages(corpus_index: Index) -> None:
    first = corpus_index.search("government", sort="date", pagelen=5)
    second = corpus_index.search("government", sort="date", pagelen=5, page=2)
    dates = [h.issued for h in first.hits + second.hits]
    assert dates == sorted(dates, reverse=True)
    assert first.total == second.total and first.pagecount == -(-first.total // 5)
    assert not {h.key for h in first.hits} & {h.key for h in second.hits}


def test_misspelled_words_get_suggestions(corpus_index: Index) -> None:
    page = corpus_index.search("goverment")
    assert page.total == 0 and "government" in page.suggestions
    assert "президент" in corpus_index.search("презедент").suggestions
    assert corpus_index.search("government").suggestions == ()


def test_snippets_mark_the_matched_words(corpus_index: Index, bodies: dict[str, str]) -> None:
    for query in ["government", "города", "ایران", "Қазақстан"]:
        page = corpus_index.search(query, body_text=bodies.get)
        assert page.hits
        marked_hits = 0
        for hit in page.hits:
            marked = re.findall(r"<b>(.*?)</b>", hit.snippet_html + hit.title_html)
            # The sample's bodies are cut short: a hit may match in its summary only.
            marked_hits += bool(marked)
            body = bodies[hit.key]
            for word in marked:
                assert html.unescape(word) in body + hit.title  # whole words of the text
            plain = html.unescape(re.sub(r"</?b>", "", hit.snippet_html)).strip("…")
            assert plain in " ".join(body.split())  # right-to-left text stays in order
        assert marked_hits >= len(page.hits) // 2, query


def test_snippet_marks_every_inflection_in_original_letters(
        corpus_index: Index, bodies: dict[str, str]) -> None:
    page = corpus_index.search("بانکی", body_text=bodies.get)
    marked = {w for h in page.hits for w in re.findall(r"<b>(.*?)</b>", h.snippet_html)}
    assert "بانكي" in marked  # written with Arabic letters, found with Persian ones
    assert {normalize(w) for w in marked} <= {"بانکی", "بانک"} | {normalize(w) for w in marked}


def _regex_matches(text: str, language: str, terms: frozenset[str]) -> list[tuple[int, int, str]]:
    """The definition `highlight._matches` must keep: the matched words as one
    regex alternation, longest first, whole words only."""
    analysis = profile(language)
    hits = {raw: t for raw in set(WORD_RE.findall(text)) for t in reversed(analysis.forms(raw))
            if t in terms}
    if not hits:
        return []
    words = "|".join(re.escape(w) for w in sorted(hits, key=len, reverse=True))
    return [(m.start(), m.end(), hits[m.group()])
            for m in re.finditer(f"(?<!\\w)(?:{words})(?!\\w)", text)]


# Words that share beginnings, glued by spaces, digits, underscores,
# apostrophes, Persian joiners and Arabic marks (some glue makes one word of two).
_WORDS = ["don", "don't", "dons", "city", "cities", "كتاب", "كتابً", "می\u200cخواهم", "خواهم",
          "қала", "қаласы"]
_GLUE = ["", " ", " ", ". ", "5", "_", "’", "\u064b", "\u200c"]


@settings(max_examples=400)
@example(["don't", "don"], [" "], "en", 3)
@example(["5", "don", "don"], ["", " "], "en", 3)
@example(["كتابً", "كتاب"], [" "], "fa", 3)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12),
       st.lists(st.sampled_from(_GLUE), max_size=12), st.sampled_from(["en", "fa", "kk"]),
       st.integers(1, 4))
def test_matched_words_are_those_of_the_regex_definition(
        words: list[str], glue: list[str], language: str, queried: int) -> None:
    text = "".join(w + (glue[i] if i < len(glue) else " ") for i, w in enumerate(words))
    analysis = profile(language)
    terms = frozenset(t for word in words[:queried] for raw in WORD_RE.findall(word)
                      for t in analysis.forms(raw))
    assert _matches(text, language, terms) == _regex_matches(text, language, terms)


def test_snippet_reads_on_until_a_window_holds_every_searched_word() -> None:
    filler = "nothing to see here " * 300  # longer than the first piece read
    text = f"{filler}storm came. {filler}storm and flood together. {filler}flood."
    terms = frozenset({"storm", "flood"})
    both = snippet(text, "en", terms, group_of={"storm": 0, "flood": 1})
    assert "<b>storm</b> and <b>flood</b>" in both
    # One searched word: its first appearance will do.
    one = snippet(text, "en", frozenset({"storm"}), group_of={"storm": 0})
    assert "<b>storm</b> came" in one
    # Two alternatives of one word count once: the first appearance again.
    alternatives = snippet(text, "en", terms, group_of={"storm": 0, "flood": 0})
    assert "<b>storm</b> came" in alternatives
    # Words never found together: the best window of the text read.
    apart = snippet(filler + "storm. " + filler + "flood.", "en", terms,
                    group_of={"storm": 0, "flood": 1})
    assert apart.count("<b>") == 1


@given(st.sets(st.integers(0, 300), max_size=130), st.sets(st.integers(0, 300), max_size=60))
def test_indices_of_finds_exactly_the_wanted_ids(ids: set[int], wanted: set[int]) -> None:
    block = array("H", sorted(ids))
    assert indices_of(block, sorted(wanted)) == [k for k, d in enumerate(block) if d in wanted]


@given(st.lists(st.integers(0, 2**31), max_size=200).map(sorted))
def test_positions_decode_as_whoosh_decodes_them(positions: list[int]) -> None:
    from whoosh.formats import Positions

    value = Positions().encode(positions)
    assert decode_positions(value) == Positions().decode_positions(value) == positions
    assert decode_positions(value[:-1]) == positions  # without the final STOP byte


def _facts(info: W3TermInfo) -> tuple:
    postings = info.inlined_postings() if info.is_inlined() else info.extent()
    return info.doc_frequency(), info.weight(), info.min_id(), info.max_id(), postings


@pytest.mark.parametrize("chunk", [1, 16, 1 << 16])
def test_prefix_scans_read_what_whoosh_reads(corpus_index: Index, chunk: int,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # Small chunks make entries cross chunk ends (and a chunk smaller than an
    # entry's lengths must not stall the scan).
    import index.reading as reading

    monkeypatch.setattr(reading, "PREFIX_CHUNK", chunk)
    monkeypatch.setattr(reading, "PREFIX_CHUNK_MAX", max(chunk, 1 << 10))
    ctx = corpus_index._context()
    scanned = 0
    for field in ("body", "title", "words", "language", "no-such-field"):
        for prefix in ["gov", "e", "қал", "\x02қа", "اس", "пре", "zzzz", ""]:
            for leaf in ctx.leaves:
                try:
                    whoosh = [(t, _facts(i)) for t, i in
                              leaf.reader.iter_prefix(field, prefix.encode())]
                except TermNotFound:
                    whoosh = []  # Whoosh's own error for a field the segment lacks
                ours = [(t, _facts(W3TermInfo.from_bytes(raw))) for t, raw in
                        reading.prefix_entries(leaf.reader, field, prefix.encode())]
                assert ours == whoosh, (field, prefix)
                scanned += len(ours)
    assert scanned > 1000


def test_a_prefix_scan_answers_for_the_terms_it_covers(corpus_index: Index) -> None:
    ctx = corpus_index._context()
    probes = ["govern", "governx", "gov", "go", "gove", "president"]
    ctx._forget_terms()
    by_lookup = {t: ctx.doc_frequency("body", t) for t in probes}
    ctx._forget_terms()
    scanned = dict.fromkeys(t for t, _ in ctx.iter_prefix("body", "gov"))
    assert "govern" in scanned and by_lookup["govern"] > 0
    assert {t: ctx.doc_frequency("body", t) for t in probes} == by_lookup
    assert by_lookup["governx"] == 0  # answered by the scan: no such term


def test_title_html_escapes_and_marks(tmp_path: Path,
                                      make_doc: Callable[..., IndexDocument]) -> None:
    with Index.open(tmp_path / "i") as index:
        index.update([make_doc("a", "x", title="<Cities> & towns")], [])
        hit = index.search("city").hits[0]
        assert hit.title_html == "&lt;<b>Cities</b>&gt; &amp; towns"


class FakeState:
    def __init__(self, read: set[str], trusted: set[str]):
        self.read, self.trusted = read, trusted

    def keys_matching(self, name: str, value: str) -> frozenset[str]:
        return frozenset(self.read) if (name, value) == ("read", "yes") else frozenset()

    def publishers_matching(self, name: str, value: str) -> frozenset[str]:
        return frozenset(self.trusted) if value == "trusted" else frozenset()


def test_reading_state_and_trust_come_from_the_caller(corpus_index: Index) -> None:
    everything = found(corpus_index, "government")
    read = set(sorted(everything)[:3])
    state = FakeState(read, {"bbc"})
    assert found(corpus_index, "government is:read", state=state) == read
    assert found(corpus_index, "government is:unread", state=state) == everything - read
    assert found(corpus_index, "government trust:trusted", state=state) == {
        k for k in everything if k.startswith("bbc/")}
    with pytest.raises(QueryError, match="reading state"):
        corpus_index.search("is:read")


def test_trusting_all_but_one_publisher_leaves_out_that_ones_articles(
        corpus_index: Index) -> None:
    """Every publisher but one trusted (the reader's usual filter leaves out
    only the blocked): the same hits as naming the others one by one."""
    everyone = {"bbc", "lenta", "fars", "varzesh3", "kaznerd"}
    state = FakeState(set(), everyone - {"lenta"})
    kept = found(corpus_index, "президент OR government trust:trusted", state=state)
    assert kept and not any(k.startswith("lenta/") for k in kept)
    assert kept == {k for k in found(corpus_index, "президент OR government")
                    if not k.startswith("lenta/")}


def test_junk_finds_nothing_and_blank_lists_everything(corpus_index: Index) -> None:
    assert corpus_index.search("!!! ???").total == 0
    assert corpus_index.search("!!! government").total == corpus_index.search("government").total
    everything = corpus_index.search("", pagelen=1000)
    assert everything.total == corpus_index.doc_count()
    dates = [h.issued for h in everything.hits]
    assert dates == sorted(dates, reverse=True)  # newest first


def search_anything(index: Index, text: str) -> SearchPage | None:
    try:
        return index.search(text, body_text=lambda key: text)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
        return None


def test_every_naughty_string_searches_or_is_a_query_error(corpus_index: Index) -> None:
    for text in json.loads(BLNS.read_text("utf-8")):
        search_anything(corpus_index, text)
    search_anything(corpus_index, "x" * 10_000)
    search_anything(corpus_index, "\x00\ud800\uffff" * 300)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=120))
def test_any_text_searches_or_is_a_query_error(corpus_index: Index, text: str) -> None:
    search_anything(corpus_index, text)
