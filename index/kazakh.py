"""Kazakh matching: a typed word becomes the prefix its inflected forms share.

Snowball has no Kazakh stemmer. Kazakh is agglutinative and regular: a noun is
`stem + plural + possessive + case (+ -дағы "the one in")`, each suffix chosen
by vowel harmony and the stem's last sound. Kazakh words are therefore
indexed whole, and a typed word is looked up as a prefix: its suffixes are
stripped, longest first, layer by layer, and what is left (never shorter than
`MIN_PREFIX` letters, or the word) is the prefix. қаласы, қалада and
қалалардағы all become қала*, which finds every form of қала.

Why not strip suffixes on both sides, like a stemmer: without a dictionary the
rules cannot tell a suffix from the end of a stem. аудан ("district") ends in
the ablative -дан and ауданы in the accusative -ны, so both sides would get
different wrong stems (ау, ауда) and never meet; as prefixes, ауда* finds them
all. Why not a fixed-length prefix: four letters lump қала ("city") with
қалам ("pen"), five miss қала itself. The cost of prefixes is some precision
(қала* also finds қалам) and a term-dictionary scan per typed word. The scan
is capped, and words whose ending is a run of suffixes (`is_inflection`:
қала|лардағы, not қала|м) are kept first. Measured in docs/performance.md
("Search").
"""

from __future__ import annotations

import functools

# Each layer lists its allomorphs; the longest match is tried first. A suffix
# with a condition only comes off after one of those letters: the forms that
# follow a possessive (қала-сы-нда, экономика-лар-ы-н) would otherwise eat
# the last letter of stems like Қазақстан (Қазақстан-да, not Қазақста-нда).
_ANY: tuple[str, ...] = ()
_AFTER_POSSESSIVE = ("ы", "і")
_ADJECTIVAL = {s: _ANY for s in ("дағы", "дегі", "тағы", "тегі")} | {
    "ндағы": _AFTER_POSSESSIVE, "ндегі": _AFTER_POSSESSIVE}
_CASES = {s: _ANY for s in (
    "дан", "ден", "тан", "тен",  # ablative
    "да", "де", "та", "те",  # locative
    "ның", "нің", "дың", "дің", "тың", "тің",  # genitive
    "менен", "бенен", "пенен", "мен", "бен", "пен",  # instrumental
    "ға", "ге", "қа", "ке",  # dative
    "ны", "ні", "ды", "ді", "ты", "ті",  # accusative
)} | {
    "нан": (*_AFTER_POSSESSIVE, "м", "н", "ң"), "нен": (*_AFTER_POSSESSIVE, "м", "н", "ң"),
    "нда": _AFTER_POSSESSIVE, "нде": _AFTER_POSSESSIVE,
    "на": _AFTER_POSSESSIVE, "не": _AFTER_POSSESSIVE,
    "н": ("сы", "сі", "ры", "рі"),  # accusative after -сы/-сі, -лары/-лері only
}
_POSSESSIVES = {s: _ANY for s in (
    "ымыз", "іміз", "ыңыз", "іңіз", "мыз", "міз", "ңыз", "ңіз",
    "ым", "ім", "ың", "ің", "сы", "сі", "ы", "і",
)}
_PLURALS = {s: _ANY for s in ("лар", "лер", "дар", "дер", "тар", "тер")}

_LAYERS = tuple(
    tuple(sorted(layer.items(), key=lambda item: len(item[0]), reverse=True))
    for layer in (_ADJECTIVAL, _CASES, _POSSESSIVES, _PLURALS)
)
_VOWELS = frozenset("аәеёиоөуұүыіэюя")
MIN_STEM = 2
MIN_PREFIX = 3


def _strip(word: str, suffixes: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    for suffix, after in suffixes:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if (len(stem) >= MIN_STEM and _VOWELS.intersection(stem)
                    and (not after or stem.endswith(after))):
                return stem
    return word


_SUFFIXES = frozenset(suffix for layer in _LAYERS for suffix, _ in layer)


@functools.lru_cache(maxsize=4096)
def is_inflection(ending: str) -> bool:
    """Is `ending` a run of inflectional suffixes (ending of қалалардағы after қала)?"""
    return not ending or any(ending.startswith(s) and is_inflection(ending[len(s):])
                             for s in _SUFFIXES)


def strip_suffixes(word: str) -> str:
    """One lowercase Kazakh word without its inflectional suffixes (best effort)."""
    for layer in _LAYERS:
        word = _strip(word, layer)
    return word


def query_prefix(word: str) -> str:
    """The prefix a typed (normalized) Kazakh word is looked up as."""
    stem = strip_suffixes(word)
    return stem if len(stem) >= MIN_PREFIX else word[: max(len(stem), MIN_PREFIX)]
