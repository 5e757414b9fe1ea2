"""Text analysis: from raw text to the terms the index stores, for every language.

One function, `LanguageProfile.forms`, turns a raw word into its index terms:

1. Unicode NFKC, then case folding (fullwidth letters, ligatures, Arabic
   presentation forms and case all collapse).
2. Script-specific folding: Arabic ي/ى and ك become Persian ی and ک, ة and ۀ
   become ه, hamza-carrying alefs become ا, harakat, tatweel, zero-width
   (non-)joiners and bidi marks are dropped (so نتیجه‌بخش, with ZWNJ, and
   نتیجهبخش meet), Arabic-Indic digits become ASCII, Russian ё becomes е.
3. Stemming, chosen by the article's language *and* the word's script: the
   language's Snowball stemmer (PyStemmer) for words in that language's
   script, and for words in another script (an English name in a Persian
   article) the default stemmer of that script, so the name is indexed as an
   English article would index it.
4. Kazakh, which Snowball lacks, is indexed unstemmed: its words are stored
   whole, marked (`KAZAKH_MARK`) so that prefix look-ups never wander into
   Russian stems, and a typed word is looked up as the indexed words that are
   its forms (`index.kazakh`): қаласы finds қала, қалада, қаланың.
5. Chinese, Japanese and Korean runs become overlapping character bigrams.

Why one field per text part rather than one per language: the query's
language is unknown, but its script is not. A typed word can only have been
indexed by the languages that write its script, so the query asks for the
union of what those languages (present in the index) make of it: "города"
becomes город (Russian) or города (Kazakh); "cities" only citi. That is one
to three terms per word in a single field, where a field per language would
multiply posting-list reads by the number of languages, split the statistics
that ranking needs, and still have to guess which field a word belongs to.

Index and query time run the same code on the same raw word, and the results
are cached per language (word frequencies are Zipfian: the cache makes the
analysis of an article a few dictionary look-ups per word). Highlighting
tokenizes the original text with the same regular expression, so the character
offsets it marks are offsets into the text the reader sees.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import insort
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import cast

import Stemmer
from whoosh.analysis import Analyzer, Token

# Bump whenever a change alters the terms some text produces. The index
# records it with the Unicode and Snowball versions, which change terms too.
ANALYZER_VERSION = 2
ANALYZER_ID = f"{ANALYZER_VERSION}/unicode-{unicodedata.unidata_version}/snowball-{Stemmer.version()}"


# -- Tokens -------------------------------------------------------------------


def _combining_marks() -> str:
    """Every combining mark of the Basic Multilingual Plane, as a regex class body."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x300, 0x10000):
        if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me"):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


# Characters that may sit inside a word without splitting it, and that
# normalization then removes: ZWNJ, ZWJ, soft hyphen, word joiner, LRM/RLM, BOM.
_JOINERS = "\u200c\u200d\u00ad\u2060\u200e\u200f\ufeff"
ZWNJ = "\u200c"
INNER = f"\\w{_combining_marks()}{_JOINERS}"
# A word starts with a letter or digit; marks and joiners only continue one;
# an apostrophe between letters stays inside ("don't", "BBC's").
WORD_RE = re.compile(f"[^\\W_][{INNER}]*(?:['’][{INNER}]+)*")


def distinct_words(text: str) -> set[str]:
    """`set(WORD_RE.findall(text))`, in about three quarters of the time: a word
    never holds whitespace, so split there in C, take a token of letters and
    digits only as it is (one word), and run the regex only on the others
    (punctuation, marks, joiners). Tests check both facts over every code point."""
    words: set[str] = set()
    for token in set(text.split()):
        if token.isalnum():
            words.add(token)
        else:
            words.update(WORD_RE.findall(token))
    return words

_CJK_RE = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3130-\u318f\u3190-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f"
    "\U00020000-\U0003134f]+"
)


# -- Normalization ------------------------------------------------------------


def _folding_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for src, dst in {
        "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "ہ": "ه",
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و",
        "ё": "е", "’": "'",
    }.items():
        table[ord(src)] = dst
    dropped = [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06DD), *range(0x06DF, 0x06E9),
               *range(0x06EA, 0x06EE), 0x0640, *map(ord, _JOINERS)]
    for cp in dropped:
        table[cp] = None
    for i in range(10):
        table[0x0660 + i] = str(i)
        table[0x06F0 + i] = str(i)
    return table


_FOLD = _folding_table()
# `str.translate` with a dict costs a look-up per character (about 1 us for a
# Cyrillic or Arabic word); most words hold nothing to fold.
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]")


def normalize(word: str) -> str:
    """Fold one word to the form every language's analysis starts from:
    `unicodedata.normalize("NFKC", word).casefold().translate(_FOLD)`."""
    if word.isascii():  # NFKC keeps ASCII, casefold is lower(), nothing folds
        return word.lower()
    word = unicodedata.normalize("NFKC", word).casefold()
    return word.translate(_FOLD) if _FOLDABLE.search(word) else word


# -- Scripts and stemmers -----------------------------------------------------

LATIN, CYRILLIC, ARABIC, GREEK, OTHER = "latin", "cyrillic", "arabic", "greek", "other"


def script_of(word: str) -> str:
    """The script of a normalized word, judged by its first letter."""
    found = _SCRIPT_OF_FIRST.get(word[:1])
    if found is not None:
        return found
    for i, ch in enumerate(word):
        if ch.isdigit() or ch == "_":
            continue
        found = _script_of_letter(ord(ch))
        if i == 0 and len(_SCRIPT_OF_FIRST) < 65_536:
            _SCRIPT_OF_FIRST[ch] = found  # most words start with a letter
        return found
    return OTHER


_SCRIPT_OF_FIRST: dict[str, str] = {}


def _script_of_letter(cp: int) -> str:
    if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF:
        return LATIN
    if 0x0400 <= cp <= 0x052F:
        return CYRILLIC
    if 0x0600 <= cp <= 0x08FF or 0xFB50 <= cp <= 0xFEFF:
        return ARABIC
    if 0x0370 <= cp <= 0x03FF:
        return GREEK
    return OTHER


# BCP 47 primary subtag -> (script, Snowball algorithm or "kazakh").
LANGUAGES: dict[str, tuple[str, str]] = {
    "en": (LATIN, "english"), "fr": (LATIN, "french"), "de": (LATIN, "german"),
    "es": (LATIN, "spanish"), "pt": (LATIN, "portuguese"), "it": (LATIN, "italian"),
    "nl": (LATIN, "dutch"), "da": (LATIN, "danish"), "nb": (LATIN, "norwegian"),
    "no": (LATIN, "norwegian"), "nn": (LATIN, "norwegian"), "sv": (LATIN, "swedish"),
    "fi": (LATIN, "finnish"), "et": (LATIN, "estonian"), "hu": (LATIN, "hungarian"),
    "ro": (LATIN, "romanian"), "tr": (LATIN, "turkish"), "id": (LATIN, "indonesian"),
    "ms": (LATIN, "indonesian"), "ga": (LATIN, "irish"), "lt": (LATIN, "lithuanian"),
    "ca": (LATIN, "catalan"), "eu": (LATIN, "basque"), "cs": (LATIN, "czech"),
    "pl": (LATIN, "polish"), "eo": (LATIN, "esperanto"), "st": (LATIN, "sesotho"),
    "ru": (CYRILLIC, "russian"), "sr": (CYRILLIC, "serbian"), "kk": (CYRILLIC, "kazakh"),
    "ar": (ARABIC, "arabic"), "fa": (ARABIC, "persian"), "prs": (ARABIC, "persian"),
    "el": (GREEK, "greek"),
}
# The stemmer a script's words get when the article's language writes another
# script, or has no stemmer (Ukrainian, Urdu...), or is unknown.
SCRIPT_DEFAULTS: dict[str, str] = {LATIN: "en", CYRILLIC: "ru", ARABIC: "fa", GREEK: "el"}

# Snowball's Arabic stemmer expects Arabic letters; folding made them Persian.
_TO_ARABIC = str.maketrans({"ی": "ي", "ک": "ك"})
_FROM_ARABIC = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "ة": "ه"})


def primary_language(tag: str) -> str:
    """'fa-IR' -> 'fa'; what the analysis and the `lang:` filter key on."""
    return tag.strip().replace("_", "-").split("-", 1)[0].lower() or "und"


KAZAKH_MARK = "\x02"


class _Stemmer:
    """A PyStemmer stemmer behind a lock (its objects are not thread-safe)."""

    def __init__(self, algorithm: str):
        self.algorithm = algorithm
        self._lock = threading.Lock()
        self._stemmer = None if algorithm == "kazakh" else Stemmer.Stemmer(algorithm, 0)

    def __call__(self, word: str) -> str:
        if self._stemmer is None:
            return KAZAKH_MARK + word
        with self._lock:
            # PyStemmer has no types: its stems are str.
            if self.algorithm == "arabic":
                arabic: str = self._stemmer.stemWord(word.translate(_TO_ARABIC))
                return arabic.translate(_FROM_ARABIC)
            stem: str = self._stemmer.stemWord(word)
            return stem


_STEMMERS: dict[str, _Stemmer] = {}


def _stemmer_for(language: str) -> _Stemmer | None:
    entry = LANGUAGES.get(language)
    if entry is None:
        return None
    algorithm = entry[1]
    if algorithm not in _STEMMERS:
        _STEMMERS[algorithm] = _Stemmer(algorithm)
    return _STEMMERS[algorithm]


def bigrams(run: str) -> list[str]:
    """Overlapping character bigrams of a CJK run ('東京都' -> 東京, 京都)."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


# The analysis of the words met last is kept, in bytes at most this, per
# process, shared by its languages (`configure`): a searching process meets
# the words of its results' snippets; an indexing worker meets every word of
# its articles, and is given more (word frequencies are Zipfian: a few
# thousand words are most of a text).
CACHE_BYTES = 2 << 20
_WORD_OVERHEAD = 270  # two str headers, a tuple, dict slots: about


class _Budget:
    """Bytes of analysis kept, across languages, and whether to remember the
    normalized form of stemmed words (only indexing needs it: `unstemmed_pairs`)."""

    limit = CACHE_BYTES
    remember_words = False
    young = 0  # bytes in the languages' newer generations


def configure(cache_bytes: int | None = None, remember_words: bool | None = None) -> None:
    """Set this process's analysis cache size and word memory (indexing workers
    take more of both)."""
    if cache_bytes is not None:
        _Budget.limit = cache_bytes
    if remember_words is not None:
        _Budget.remember_words = remember_words


INDEXING_CACHE_BYTES = 32 << 20


@contextmanager
def indexing_here() -> Iterator[None]:
    """A larger analysis cache while this process indexes documents itself (an
    update too small for worker processes): a text's words are mostly those of
    the texts before it, which the searching budget would analyse again and
    again. The words are dropped after: searching goes back to its budget."""
    limit = _Budget.limit
    _Budget.limit = max(limit, INDEXING_CACHE_BYTES)
    try:
        yield
    finally:
        _Budget.limit = limit
        if limit < INDEXING_CACHE_BYTES:
            forget()


def forget() -> None:
    """Drop every language's analysed words (they come back as they are met)."""
    for found in list(_PROFILES.values()):
        found.forget()
    _Budget.young = 0


class Joined(tuple[str, ...]):
    """The terms of a Persian word joined by a ZWNJ: its parts' terms (at
    consecutive positions), and `joined`, the term of the whole word."""

    joined: str

    def __new__(cls, parts: tuple[str, ...], joined: str) -> Joined:
        found = super().__new__(cls, parts)
        found.joined = joined
        return found


class LanguageProfile:
    """The analysis of one language: raw word -> index terms, cached."""

    def __init__(self, language: str):
        self.language = language
        own = LANGUAGES.get(language)
        self.script = own[0] if own else None
        self._own = _stemmer_for(language)
        # Two generations of analysed words: new ones go to `_cache`; when it
        # holds its share of the budget it becomes `_older` (the words met
        # again move back) and the oldest are dropped: roughly least recently
        # used, with no bookkeeping on the many look-ups that hit.
        self._cache: dict[str, tuple[str, ...]] = {}
        self._older: dict[str, tuple[str, ...]] = {}
        self._bytes = 0
        # While indexing (an indexing worker, one segment a process): each raw
        # word whose term is not its normalized form, with that form, and the
        # words joined by a ZWNJ: the segment's word list (`remembered_pairs`).
        self._unstemmed: dict[str, str] = {}
        self._joined_words: set[str] = set()
        # The fast path of `forms`, for loops: the cached terms or None.
        self.cached = self._cache.get

    def forget(self) -> None:
        self._cache, self._older, self._bytes = {}, {}, 0
        self.cached = self._cache.get

    @property
    def matches_by_prefix(self) -> bool:
        """True when a typed word must be looked up as a prefix (Kazakh)."""
        return self._own is not None and self._own.algorithm == "kazakh"

    def query_forms(self, raw: str) -> tuple[tuple[str, ...], bool]:
        """What a typed word looks for: (terms, whether the one term is a Kazakh
        word, to be looked up as the indexed forms of it: `index.evaluate`)."""
        word = normalize(raw)
        if self.matches_by_prefix and word and script_of(word) == self.script \
                and not _CJK_RE.search(word):
            return (KAZAKH_MARK + word,), True
        return self.forms(raw), False

    def _stem(self, word: str) -> str:
        script = script_of(word)
        stemmer = self._own if script == self.script else None
        if stemmer is None and script in SCRIPT_DEFAULTS:
            stemmer = _stemmer_for(SCRIPT_DEFAULTS[script])
        return stemmer(word) if stemmer else word

    def _analyze_word(self, raw: str) -> tuple[str, ...]:
        word = normalize(raw)
        if not word:
            return ()
        if not _CJK_RE.search(word):
            term = self._stem(word)
            if term != word and _Budget.remember_words and not term.startswith(KAZAKH_MARK):
                self._unstemmed[raw] = word
            return (term,)
        terms: list[str] = []
        for piece in _split_cjk(word):
            terms.extend(bigrams(piece) if _CJK_RE.match(piece) else [self._stem(piece)])
        return tuple(terms)

    def _analyze(self, raw: str) -> tuple[str, ...]:
        if ZWNJ not in raw:
            return self._analyze_word(raw)
        if _Budget.remember_words:
            self._joined_words.add(raw)
        whole = self._analyze_word(raw)
        if len(whole) != 1 or script_of(normalize(raw)) != ARABIC:
            return whole  # the joiner is not a Persian word's: it only joins
        parts = tuple(t for part in raw.split(ZWNJ) if part for t in self._analyze_word(part))
        if len(parts) < 2:
            return whole
        return Joined(parts, whole[0])

    def forms(self, raw: str) -> tuple[str, ...]:
        """The terms one raw word (a WORD_RE match) is indexed as, at
        consecutive positions (a `Joined` also holds the joined form, indexed
        at the first part's position)."""
        cached = self._cache.get(raw)
        if cached is None:  # rare once warm: word frequencies are Zipfian
            cached = self._older.get(raw)
            if cached is None:
                cached = self._analyze(raw)
            self._keep(raw, cached)
        return cached

    def _keep(self, raw: str, terms: tuple[str, ...]) -> None:
        # About two bytes a character: most words kept are Cyrillic or Arabic.
        size = _WORD_OVERHEAD + 2 * (len(raw) + (len(terms[0]) if len(terms) == 1
                                                  else sum(map(len, terms))))
        self._bytes += size
        _Budget.young += size
        if _Budget.young > _Budget.limit // 2:  # the language adding words ages its own
            _Budget.young -= self._bytes
            self._older, self._cache, self._bytes = self._cache, {}, 0
            self.cached = self._cache.get
        self._cache[raw] = terms

    def terms(self, text: str) -> list[str]:
        """Every term of a text in order; a term's index is its position
        (joined forms left out: see `positions`)."""
        raws = WORD_RE.findall(text)
        found = list(map(self._cache.get, raws))  # in C; once warm, every word is known
        if None in found:
            forms = self.forms
            return list(chain.from_iterable(f if f is not None else forms(raw)
                                            for raw, f in zip(raws, found, strict=True)))
        return list(chain.from_iterable(cast("list[tuple[str, ...]]", found)))

    def joined_terms(self, text: str) -> list[str]:
        """`terms`, with each word joined by a ZWNJ as its joined form alone."""
        out: list[str] = []
        for raw in WORD_RE.findall(text):
            forms = self.forms(raw)
            out.extend((forms.joined,) if isinstance(forms, Joined) else forms)
        return out

    def positions(self, text: str) -> tuple[dict[str, list[int]], list[str]]:
        """Each term of a text with the positions it occurs at, and the text's
        raw words (for the segment's word list, `index.wordlist`)."""
        raws = WORD_RE.findall(text)
        cached = list(map(self._cache.get, raws))
        if None in cached:
            forms = self.forms
            found = [f if f is not None else forms(raw) for raw, f in zip(raws, cached, strict=True)]
        else:
            found = cast("list[tuple[str, ...]]", cached)
        positions: defaultdict[str, list[int]] = defaultdict(list)
        for pos, term in enumerate(chain.from_iterable(found)):
            positions[term].append(pos)
        if ZWNJ in text:  # joined forms, at their first part's position
            joined = [i for i, forms in enumerate(found) if type(forms) is Joined]
            if joined:
                starts = list(accumulate(map(len, found), initial=0))
                for i in joined:
                    word = cast(Joined, found[i])
                    if word.joined != word[0]:
                        insort(positions[word.joined], starts[i])
        return positions, raws

    def unstemmed_pairs(self, raws: Iterable[str]) -> Iterator[tuple[str, str]]:
        """(normalized word, the term it is indexed as) for those of `raws` whose
        term is not the word itself: the words a prefix longer than a stem
        must find (`securi*` -> security -> secur). Joined Persian words give
        their joined form and their parts."""
        raws = set(raws)
        # Remembering, only the words whose analysis changed them can be pairs.
        plain = raws.intersection(self._unstemmed) if _Budget.remember_words else raws
        for raw in plain:
            forms = self.forms(raw)
            if len(forms) == 1 and type(forms) is not Joined \
                    and not forms[0].startswith(KAZAKH_MARK) \
                    and (word := self._word_of(raw, forms[0])) != forms[0]:
                yield word, forms[0]
        for raw in (r for r in raws if ZWNJ in r):
            forms = self.forms(raw)
            if not isinstance(forms, Joined):
                continue
            if (word := self._word_of(raw, forms.joined)) != forms.joined:
                yield word, forms.joined
            for part in raw.split(ZWNJ):
                terms = self._analyze_word(part) if part else ()
                if len(terms) == 1 and (word := self._word_of(part, terms[0])) != terms[0]:
                    yield word, terms[0]

    def remembered_pairs(self) -> Iterator[tuple[str, str]]:
        """`unstemmed_pairs` of every word analysed while remembering them (an
        indexing worker's: they are all of its segment's)."""
        for raw, word in self._unstemmed.items():
            if ZWNJ not in raw:
                term = self.forms(raw)[0]
                if word != term and not term.startswith(KAZAKH_MARK):
                    yield word, term
        yield from self.unstemmed_pairs(self._joined_words)

    def _word_of(self, raw: str, term: str) -> str:
        """The normalized form of a raw word indexed as `term`: remembered while
        indexing (not there: the word is its term), else computed again."""
        if _Budget.remember_words:
            return self._unstemmed.get(raw, term)
        return normalize(raw)

    def words(self, text: str) -> set[str]:
        """The distinct normalized, unstemmed words of a text (prefixes, spelling)."""
        out: set[str] = set()
        for raw in distinct_words(text):
            word = normalize(raw)
            if word and not _CJK_RE.search(word):
                out.add(word)
        return out


def _split_cjk(word: str) -> list[str]:
    pieces: list[str] = []
    last = 0
    for m in _CJK_RE.finditer(word):
        if m.start() > last:
            pieces.append(word[last : m.start()])
        pieces.append(m.group())
        last = m.end()
    if last < len(word):
        pieces.append(word[last:])
    return pieces


_PROFILES: dict[str, LanguageProfile] = {}


def remembered_pairs() -> set[tuple[str, str]]:
    """`LanguageProfile.remembered_pairs` of every language."""
    return {pair for found in list(_PROFILES.values()) for pair in found.remembered_pairs()}


def profile(language: str) -> LanguageProfile:
    """The analysis for a BCP 47 tag ('fa-IR' and 'fa' share one)."""
    key = primary_language(language)
    found = _PROFILES.get(key)
    if found is None:
        found = _PROFILES.setdefault(key, LanguageProfile(key))
    return found


def query_profiles(languages: frozenset[str] | set[str]) -> list[LanguageProfile]:
    """The profiles a typed word must go through to meet every indexed form of it:
    each language present in the index, plus each script's default."""
    keys = {primary_language(lang) for lang in languages} | set(SCRIPT_DEFAULTS.values())
    return [profile(k) for k in sorted(keys)]


def word_alternatives(raw: str, profiles: list[LanguageProfile]
                      ) -> list[tuple[tuple[str, ...], bool]]:
    """Distinct (terms, is-a-prefix) a typed word may have been indexed as."""
    word = normalize(raw)
    if not word:
        return []
    script = script_of(word)
    seen: dict[tuple[tuple[str, ...], bool], None] = {}
    for prof in profiles:
        # A language only ever stems words of its own script; skip the rest.
        if prof.script not in (None, script) and SCRIPT_DEFAULTS.get(script) != prof.language:
            continue
        terms, prefix = prof.query_forms(raw)
        if terms:
            seen.setdefault((tuple(terms), prefix), None)
        if isinstance(terms, Joined):  # also the word written without its joiner
            seen.setdefault(((terms.joined,), False), None)
    return list(seen)


# -- Whoosh analyzer (highlighting) --------------------------------------------


@dataclass(frozen=True)
class Span:
    """One term of a text with where it came from, and its position."""

    term: str
    start: int
    end: int
    position: int


def spans(text: str, language: str) -> Iterator[Span]:
    """The terms of `text` with character offsets into `text` itself, in the
    positions `LanguageProfile.positions` gives them."""
    forms = profile(language).forms
    pos = 0
    for m in WORD_RE.finditer(text):
        terms = forms(m.group())
        if isinstance(terms, Joined) and terms.joined != terms[0]:
            yield Span(terms.joined, m.start(), m.end(), pos)
        # A word's terms (CJK bigrams, a joined word's parts) all mark the
        # whole word: offsets inside it may shift under NFKC, and the word is
        # what the reader should see bold.
        for term in terms:
            yield Span(term, m.start(), m.end(), pos)
            pos += 1


class LanguageAnalyzer(Analyzer):
    """A Whoosh analyzer over `spans`, for `whoosh.highlight` and the schema."""

    def __init__(self, language: str = "und"):
        self.language = language

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LanguageAnalyzer) and other.language == self.language

    def __hash__(self) -> int:
        return hash(("LanguageAnalyzer", self.language))

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, mode: str = "", **kwargs: object) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode)
        for span in spans(value, self.language):
            token.text = span.term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[span.start : span.end]
            if positions:
                token.pos = start_pos + span.position
            if chars:
                token.startchar = start_char + span.start
                token.endchar = start_char + span.end
            yield token
