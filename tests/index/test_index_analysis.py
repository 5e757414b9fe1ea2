"""Text analysis: one set of terms for every way a word may be written or inflected."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index import analysis as analysis_module
from index import kazakh
from index.analysis import (
    WORD_RE,
    LanguageProfile,
    distinct_words,
    normalize,
    profile,
    query_profiles,
    spans,
    word_alternatives,
)
from index.text import html_to_text


def terms(text: str, language: str) -> list[str]:
    return profile(language).terms(text)


def test_case_and_compatibility_forms_fold() -> None:
    assert terms("ＣＩＴＹ City ﬁnance", "en") == terms("city city finance", "en")


@pytest.mark.parametrize(("persian", "arabic"), [
    ("کتاب", "كتاب"),  # keheh / Arabic kaf
    ("بانکی", "بانكي"),  # and Arabic yeh
    ("روستایی", "روستايي"),
    ("مدرسه", "مدرسة"),  # teh marbuta
])
def test_arabic_letters_meet_persian_letters(persian: str, arabic: str) -> None:
    assert terms(persian, "fa") == terms(arabic, "fa")
    assert terms(persian, "ar") == terms(arabic, "ar")


def test_harakat_and_tatweel_are_ignored_and_a_joiner_joins() -> None:
    plain = terms("نتیجهبخش کتاب", "fa")
    fa = profile("fa")
    assert fa.joined_terms("نتیجه\u200cبخش كِتَاب") == plain  # ZWNJ, harakat
    assert fa.joined_terms("نتیجه\u200cبخش کتــــاب") == plain  # tatweel
    assert terms("كتاب", "fa") == terms("کتاب\u200f", "fa")  # a stray RLM


def test_a_word_joined_by_a_zwnj_is_its_parts_and_its_whole() -> None:
    """گفت‌وگو: its parts at consecutive positions, the joined form at the
    first part's; the next word after the last part."""
    fa = profile("fa")
    positions, raws = fa.positions("آغاز گفت\u200cوگو شد")
    assert raws == ["آغاز", "گفت\u200cوگو", "شد"]
    (joined,) = terms("گفتوگو", "fa")
    parts = terms("گفت وگو", "fa")
    assert terms("گفت\u200cوگو", "fa") == parts
    assert positions[joined] == positions[parts[0]] == [1]
    assert positions[parts[1]] == [2] and positions[terms("شد", "fa")[0]] == [3]
    assert [(s.term, s.position) for s in spans("آغاز گفت\u200cوگو", "fa")][1:] == [
        (joined, 1), (parts[0], 1), (parts[1], 2)]


def test_persian_plurals_meet_their_singular() -> None:
    positions, _ = profile("fa").positions("کتاب‌ها")
    assert positions[terms("کتاب", "fa")[0]] == [0]


def test_a_joiner_outside_persian_words_only_joins() -> None:
    assert terms("inter\u200cnational", "en") == terms("international", "en")
    assert terms("क\u200cष", "hi") == terms("कष", "hi")


def test_persian_digits_are_ascii() -> None:
    assert terms("۲۰۲۴", "fa") == ["2024"]
    assert terms("٢٠٢٤", "ar") == ["2024"]


def test_russian_yo_is_ye_and_inflections_meet() -> None:
    assert terms("ёлка", "ru") == terms("елка", "ru")
    assert len(set(terms("город города городами городе", "ru"))) == 1


def test_english_inflections_meet() -> None:
    assert len(set(terms("city cities", "en"))) == 1
    assert len(set(terms("election elections", "en"))) == 1


@pytest.mark.parametrize("form", ["қала", "қаласы", "қалада", "қаланың", "қалаға",
                                  "қалалар", "қалалардың", "қаласында", "қалалардағы"])
def test_kazakh_inflected_forms_split_into_their_stem(form: str) -> None:
    assert "қала" in {stem for stem, _ in kazakh.readings(form)}


@pytest.mark.parametrize("forms", [
    ["қазақстан", "қазақстанда", "қазақстанның", "қазақстаннан"],
    ["аудан", "ауданы", "ауданда"],  # аудан ends like the ablative -дан
    ["тұрғын", "тұрғындар", "тұрғындарға"],
    ["облыс", "облысы", "облысында"],
])
def test_each_kazakh_form_finds_every_other_form(forms: list[str]) -> None:
    for typed in forms:
        for form in forms:
            assert any(form.startswith(stem) and kazakh.continues(stem, form[len(stem):])
                       for stem, _ in kazakh.readings(typed)), (typed, form)


@pytest.mark.parametrize(("word", "not_a_stem"), [
    ("павлодар", "павло"),  # -дар never follows a vowel: -лар does
    ("алдағы", "ал"),  # a stem split off an -ғы form has three letters or more
    ("теңгеге", "тең"),  # one case ending at most
    ("үйіме", "үйім"),  # after a possessive the dative is -а/-е, not -ге
    ("қалалар", "қалал"),  # vowel harmony: a front -ар does not exist
])
def test_kazakh_words_do_not_split_where_kazakh_does_not(word: str, not_a_stem: str) -> None:
    assert not_a_stem not in {stem for stem, _ in kazakh.readings(word)}


def test_kazakh_suffixes_follow_each_other_in_order() -> None:
    assert kazakh.continues("қала", "ларындағы")  # plural, possessive, case, -ғы
    assert kazakh.continues("теңге", "нің")
    assert not kazakh.continues("қала", "дағылар")  # no plural after a case
    assert not kazakh.continues("қала", "дар")  # -дар after a vowel
    assert not kazakh.continues("тең", "геге")  # two case endings


def test_kazakh_words_are_indexed_whole() -> None:
    assert terms("Қалада", "kk") == ["\x02қалада"]
    assert word_alternatives("қалада", query_profiles({"kk"})) == [
        (("\x02қалада",), True), (("қалад",), False)]  # Kazakh forms; Russian stem


def test_words_of_another_script_get_that_scripts_stemmer() -> None:
    # An English name inside a Persian article is indexed as English would be.
    assert terms("Elections", "fa") == terms("Elections", "en")
    assert terms("президента", "en") == terms("президента", "ru")


def test_cjk_is_indexed_as_bigrams() -> None:
    assert terms("東京都", "ja") == ["東京", "京都"]
    assert terms("中", "zh") == ["中"]


def test_query_word_gets_every_languages_form() -> None:
    alternatives = word_alternatives("города", query_profiles({"ru", "kk"}))
    assert (("город",), False) in alternatives  # Russian
    assert (("\x02города",), True) in alternatives  # Kazakh: its forms (index.evaluate)
    assert word_alternatives("cities", query_profiles({"ru", "kk", "en"})) == [(("citi",), False)]


def test_spans_point_into_the_original_text() -> None:
    text = "Ｃity «كِتَاب» нет"
    for span in spans(text, "fa"):
        assert text[span.start:span.end].strip()
    assert [text[s.start:s.end] for s in spans(text, "fa")] == ["Ｃity", "كِتَاب", "нет"]


def test_word_pattern_keeps_marks_and_joiners_inside_words() -> None:
    assert WORD_RE.findall("می\u200cشود don't BBC’s") == ["می\u200cشود", "don't", "BBC’s"]


def test_normalize_handles_hostile_text() -> None:
    for text in ["\x00", "\ud800", "ﷺ" * 100, "\u202e\u200f", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇"]:
        normalize(text)
        terms(text, "fa")


def test_html_to_text_keeps_visible_text_only() -> None:
    html = ("<h1>Title</h1><p>One&nbsp;<b>two</b></p><script>var x = 'secret'</script>"
            "<style>p {}</style><ul><li>a</li><li>b</li></ul>tail<br>end")
    text = html_to_text(html)
    assert "secret" not in text and "p {}" not in text
    assert text.splitlines() == ["Title", "", "One two", "", "a", "b", "", "tail", "end"]


def test_html_to_text_keeps_table_cells_apart() -> None:
    assert html_to_text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>") == "a b\nc"


def test_html_to_text_survives_broken_markup() -> None:
    assert html_to_text("<p>open <script>never closed") == "open"
    assert html_to_text("</script>text</style>") == "text"
    assert html_to_text("") == ""


def test_no_word_holds_whitespace_and_every_letter_or_digit_is_one() -> None:
    """What `distinct_words` relies on, over every code point."""
    for cp in range(0x110000):
        char = chr(cp)
        if char.isspace():
            assert WORD_RE.findall(f"a{char}b") == ["a", "b"], hex(cp)
        elif char.isalnum():
            assert WORD_RE.fullmatch(char), hex(cp)


_PIECES = [*"ab’'_-.,5 \t\n\u00a0\u200c\u200d\u064b\u0301", "қала", "شهر", "don't", "東京"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join) | st.text(max_size=60))
def test_distinct_words_are_the_regex_words(text: str) -> None:
    assert distinct_words(text) == set(WORD_RE.findall(text))


_WORDY = (st.lists(st.sampled_from([*_PIECES, "كتابي", "ـ", "Ёлка", "ﬁ", "12ab"]), max_size=40)
          .map("".join) | st.text(max_size=60))


_LANGUAGES = ["en", "ru", "kk", "fa", "ar", "ja", "el", "uk", "und"]
_MIXED = "كتابي می\u200cشود Ёлка қаласы 東京都 ـ ﬁnance 12ab don't Θεός cities"


def _check_learning(text: str, language: str) -> None:
    """`terms` looks its words up in the cache all at once, and analyses
    those it has not met: the result must be what `_analyze` makes of each
    word alone, whether the profile is fresh or has met them."""
    fresh, single = LanguageProfile(language), LanguageProfile(language)
    expected = [term for raw in WORD_RE.findall(text) for term in single._analyze(raw)]
    assert fresh.terms(text) == expected
    assert fresh.terms(text) == expected  # and again, from the cache


@pytest.mark.parametrize("language", _LANGUAGES)
def test_terms_mixed_scripts_gives_each_words_forms(language: str) -> None:
    _check_learning(_MIXED, language)


@given(_WORDY, st.sampled_from(_LANGUAGES))
def test_terms_many_words_at_once_gives_each_words_forms(text: str, language: str) -> None:
    _check_learning(text, language)


def test_terms_survives_a_full_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis_module._Budget, "limit", 600)  # a few words a generation
    fresh = LanguageProfile("en")
    text = "cities of rivers and roads, rivers again"
    assert fresh.terms(text) == LanguageProfile("en").terms(text)
    assert fresh.terms("new words here and there") == ["new", "word", "here", "and", "there"]
    assert fresh.terms(text) == LanguageProfile("en").terms(text)


def test_the_analysis_cache_stays_within_its_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """However many words are analysed, the words kept take at most the budget
    (both generations), and each word's terms stay right."""
    monkeypatch.setattr(analysis_module._Budget, "limit", 50_000)
    monkeypatch.setattr(analysis_module._Budget, "young", 0)
    fresh = LanguageProfile("ru")
    words = [f"город{n}ами" for n in range(5_000)]
    for word in words:
        assert fresh.forms(word) == LanguageProfile("ru")._analyze(word)
    kept = [w for gen in (fresh._cache, fresh._older) for w in gen]
    size = sum(sys.getsizeof(w) + sum(map(sys.getsizeof, fresh.forms(w))) + 120 for w in kept)
    assert 0 < len(kept) < len(words) and size <= 50_000


@given(_WORDY)
def test_normalize_is_nfkc_casefold_and_folding(text: str) -> None:
    """`normalize` skips work where it can (ASCII, nothing to fold); the
    result must be the plain definition's, for any text."""
    expected = unicodedata.normalize("NFKC", text).casefold().translate(analysis_module._FOLD)
    assert normalize(text) == expected
    for word in text.split():
        assert normalize(word) == unicodedata.normalize("NFKC", word).casefold().translate(
            analysis_module._FOLD)


def test_no_ascii_character_is_folded() -> None:
    assert all(cp > 0x7F for cp in analysis_module._FOLD)


def _script_by_first_letter(word: str) -> str:
    for ch in word:
        if not (ch.isdigit() or ch == "_"):
            return analysis_module._script_of_letter(ord(ch))
    return analysis_module.OTHER


@given(_WORDY)
def test_script_of_remembers_first_letters_correctly(text: str) -> None:
    for word in [*text.split(), "12abc", "_x", "5", "", "٣كتاب"]:
        assert analysis_module.script_of(word) == _script_by_first_letter(word)
        assert analysis_module.script_of(word) == _script_by_first_letter(word)  # memo


def test_indexing_in_this_process_keeps_more_words_then_gives_them_back(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An update too small for worker processes analyses its texts with the indexing
    budget (the searching one re-analysed most words of every text: 37% slower), and
    afterwards the searching process is back to its own budget, holding no words."""
    monkeypatch.setattr(analysis_module._Budget, "limit", 50_000)
    monkeypatch.setattr(analysis_module._Budget, "young", 0)
    monkeypatch.setattr(analysis_module, "_PROFILES", {})
    russian = analysis_module.profile("ru")
    words = [f"город{n}ами" for n in range(2_000)]  # about 600 KB of analysis
    with analysis_module.indexing_here():
        assert analysis_module._Budget.limit == analysis_module.INDEXING_CACHE_BYTES
        for word in words:
            russian.forms(word)
        assert all(russian.cached(word) is not None for word in words)  # none dropped
    assert analysis_module._Budget.limit == 50_000
    assert analysis_module._Budget.young == 0
    assert not russian._cache and not russian._older and russian.cached(words[0]) is None
    assert russian.forms(words[0]) == LanguageProfile("ru")._analyze(words[0])
