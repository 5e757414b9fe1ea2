"""Kazakh matching: the forms of a typed word, told apart from other words.

Snowball has no Kazakh stemmer. Kazakh is agglutinative and regular: a noun
is `stem + plural + possessive + case (+ -ғы "the one in")`, each suffix
chosen by vowel harmony and the stem's last sound (`SUFFIXES`). Kazakh words
are therefore indexed whole, and a typed word is looked up as the indexed
words that are one of its forms (`index.evaluate`):

1. the word itself and its inflections (қала: қаласы, қалада, қалалардағы);
2. the inflections of the stems it can be split into (`readings`: қаласы is
   қала + сы, so қала, қалада...), where the split is one Kazakh allows
   (павлодар is not павло + дар: -дар never follows a vowel) and the index
   does not contradict it (теңге is not тең + ге: the index holds теңгенің,
   and nothing follows a case ending);
3. the other words it begins, for a word typed short (павлод -> павлодар).

The rules cannot tell every suffix from the end of a stem without a
dictionary (алдағы, "upcoming", is ал + да + ғы to them), so a stem split
off an -ғы form must have three letters or more. Measured in
docs/search.md ("Kazakh") with `bench/search.py --kazakh` and `--spelling`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

MIN_STEM = 2
MIN_ADJECTIVE_STEM = 3  # a stem split off an -ғы form
_PURE_VOWELS = frozenset("аәеоөұүыіэяюё")
_VOWELS = _PURE_VOWELS | frozenset("иу")
_BACK = frozenset("аоұыяё")
_FRONT = frozenset("әеөүіэ")
_VOICELESS = frozenset("кқпстфхцчшщбвгд")  # final б, в, г, д sound voiceless


def harmony(stem: str) -> str | None:
    """'back' or 'front' by the stem's last vowel (и and у count only alone)."""
    fallback = None
    for ch in reversed(stem):
        if ch in _BACK:
            return "back"
        if ch in _FRONT:
            return "front"
        if ch in "иу" and fallback is None:
            fallback = "front" if ch == "и" else "back"
    return fallback


def _after(letters: str) -> Callable[[str], bool]:
    allowed = frozenset(letters)
    return lambda stem: stem[-1] in allowed


_VOWEL = _after("аәеоөұүыіэяюё")
_CONSONANT = lambda stem: stem[-1] not in _PURE_VOWELS  # noqa: E731
_VOICED = _after("аәеоөұүыіэяюёуийлрмнңжз")  # vowels, glides and voiced consonants
_VOICELESS_END = _after("кқпстфхцчшщбвгд")


@dataclass(frozen=True)
class Suffix:
    text: str
    layer: int  # 0 plural, 1 possessive, 2 case, 3 -ғы
    after: Callable[[str], bool]  # may it follow this stem?
    third_person: bool = False  # a 3rd person possessive (ы, і, сы, сі)
    needs_third_person: bool = False  # follows only a 3rd person possessive
    harmonic: bool = True
    after_possessive: bool = True  # may directly follow a possessive


PLURAL, POSSESSIVE, CASE, ADJECTIVE = range(4)


def _pair(back: str, front: str, layer: int, after: Callable[[str], bool],
          **kwargs: bool) -> list[Suffix]:
    """The back- and front-vowel forms of one suffix."""
    return [Suffix(back, layer, after, **kwargs), Suffix(front, layer, after, **kwargs)]


SUFFIXES: tuple[Suffix, ...] = tuple(
    _pair("лар", "лер", PLURAL, _after("аәеоөұүыіэяюёуийр"))
    + _pair("дар", "дер", PLURAL, _after("лмнңжз"))
    + _pair("тар", "тер", PLURAL, _VOICELESS_END)
    + _pair("сы", "сі", POSSESSIVE, _VOWEL, third_person=True)
    + _pair("ы", "і", POSSESSIVE, _CONSONANT, third_person=True)
    + [Suffix("м", POSSESSIVE, _VOWEL)] + _pair("ым", "ім", POSSESSIVE, _CONSONANT)
    + [Suffix("ң", POSSESSIVE, _VOWEL)] + _pair("ың", "ің", POSSESSIVE, _CONSONANT)
    + _pair("мыз", "міз", POSSESSIVE, _VOWEL) + _pair("ымыз", "іміз", POSSESSIVE, _CONSONANT)
    + _pair("ңыз", "ңіз", POSSESSIVE, _VOWEL) + _pair("ыңыз", "іңіз", POSSESSIVE, _CONSONANT)
    # After a possessive, the dative is -а/-е (үйіме) or, 3rd person, -на/-не.
    + _pair("ға", "ге", CASE, _VOICED, after_possessive=False)
    + _pair("қа", "ке", CASE, _VOICELESS_END, after_possessive=False)
    + _pair("на", "не", CASE, _VOWEL, needs_third_person=True)
    + _pair("да", "де", CASE, _VOICED) + _pair("та", "те", CASE, _VOICELESS_END)
    + _pair("нда", "нде", CASE, _VOWEL, needs_third_person=True)
    + _pair("дан", "ден", CASE, _after("аәеоөұүыіэяюёуийлржз"))
    + _pair("нан", "нен", CASE, _after("мнң"))
    + _pair("нан", "нен", CASE, _VOWEL, needs_third_person=True)
    + _pair("тан", "тен", CASE, _VOICELESS_END)
    + _pair("ның", "нің", CASE, _after("аәеоөұүыіэяюёмнң"))
    + _pair("дың", "дің", CASE, _after("уийлржз"))
    + _pair("тың", "тің", CASE, _VOICELESS_END)
    + _pair("ны", "ні", CASE, _VOWEL) + _pair("ды", "ді", CASE, _after("уийлрмнңжз"))
    + _pair("ты", "ті", CASE, _VOICELESS_END)
    + [Suffix("н", CASE, _VOWEL, needs_third_person=True)]
    + [Suffix(s, CASE, _after("аәеоөұүыіэяюёуийлрмнң"), harmonic=False)
       for s in ("мен", "менен")]
    + [Suffix(s, CASE, _after("жз"), harmonic=False) for s in ("бен", "бенен")]
    + [Suffix(s, CASE, _VOICELESS_END, harmonic=False) for s in ("пен", "пенен")]
    + _pair("дағы", "дегі", ADJECTIVE, _VOICED) + _pair("тағы", "тегі", ADJECTIVE, _VOICELESS_END)
    + _pair("ндағы", "ндегі", ADJECTIVE, _VOWEL, needs_third_person=True)
)
_BY_ENDING = sorted(SUFFIXES, key=lambda s: -len(s.text))


def _fits(stem: str, suffix: Suffix) -> bool:
    """May `suffix` follow `stem` (its last sound, its vowels)?"""
    if len(stem) < MIN_STEM or not _VOWELS.intersection(stem) or not suffix.after(stem):
        return False
    if suffix.harmonic and (_BACK | _FRONT).intersection(suffix.text):
        wanted = "back" if _BACK.intersection(suffix.text) else "front"
        found = harmony(stem)
        if found is not None and found != wanted:
            return False
    return True


@functools.lru_cache(maxsize=4096)
def readings(word: str) -> tuple[tuple[str, tuple[Suffix, ...]], ...]:
    """Every way to split a lowercase Kazakh word into a stem and inflectional
    suffixes (innermost first) that Kazakh allows, the word itself first."""
    found: list[tuple[str, tuple[Suffix, ...]]] = [(word, ())]

    def strip(rest: str, below: int, outer: tuple[Suffix, ...], third: bool) -> None:
        # `below`: only layers under this one may come off next; `third`: the
        # next suffix must be a 3rd person possessive.
        for suffix in _BY_ENDING:
            if suffix.layer >= below or not rest.endswith(suffix.text):
                continue
            if third and not suffix.third_person:
                continue
            if suffix.layer == POSSESSIVE and outer and not outer[0].after_possessive:
                continue
            stem = rest[: -len(suffix.text)]
            if not _fits(stem, suffix):
                continue
            chain = (suffix, *outer)
            if any(s.layer == ADJECTIVE for s in chain) and len(stem) < MIN_ADJECTIVE_STEM:
                continue
            if not suffix.needs_third_person:
                found.append((stem, chain))
            strip(stem, suffix.layer, chain, suffix.needs_third_person)

    strip(word, ADJECTIVE + 1, (), False)
    return tuple(found)


@functools.lru_cache(maxsize=8192)
def continues(stem: str, rest: str) -> bool:
    """Is `rest` a run of inflectional suffixes that may follow `stem`, in
    Kazakh order (plural, possessive, case, -ғы)? An empty `rest` is."""
    return _continues(stem, rest, PLURAL, stem[-1:] in ("ы", "і"))


def _continues(stem: str, rest: str, layer: int, after_third: bool,
               after_possessive: bool = False) -> bool:
    if not rest:
        return True
    for suffix in SUFFIXES:
        if suffix.layer < layer or not rest.startswith(suffix.text):
            continue
        if suffix.needs_third_person and not after_third:
            continue
        if after_possessive and not suffix.after_possessive:
            continue
        if _fits(stem, suffix) and _continues(
                stem + suffix.text, rest[len(suffix.text):], suffix.layer + 1,
                suffix.third_person, suffix.layer == POSSESSIVE):
            return True
    return False


def ends_in_case(chain: tuple[Suffix, ...]) -> bool:
    """Was the outermost suffix a case ending (after which no plural,
    possessive or other case may follow)?"""
    return bool(chain) and chain[-1].layer == CASE


def strip_suffixes(word: str) -> str:
    """The shortest stem `readings` gives (what a stemmer on both sides would use)."""
    return min((stem for stem, _ in readings(word)), key=len)
