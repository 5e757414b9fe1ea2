"""From a parsed query to scored documents, in bulk over posting arrays.

A clause (word, phrase, prefix) becomes a `Clause` of alternatives: every
(field, term) or (field, phrase) the typed text may have been indexed as, in
every language that writes its script. Scores are BM25F as Whoosh computes
them (same idf, K1, B and quantized field lengths, field boosts in the
weights), summed over a document's matching alternatives and clauses.

Evaluation is cheapest first: clauses are ordered by document frequency (read
from the term dictionary, no postings decoded); the first is scored in full,
each later one only within the documents still in the running, which lets
`SearchContext.postings(within=...)` skip whole blocks. Index-side filters
(language, publisher, tags, status) and the caller's state sets restrict the
running set the same way; dates are checked against the `issued` column.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from index import kazakh
from index.analysis import WORD_RE, LanguageProfile, normalize, word_alternatives
from index.query import Clause as ParsedClause
from index.query import Phrase, Word
from index.reading import LENGTHS, SearchContext, Within, indices_of

K1 = 1.2
B = 0.75
TEXT_FIELDS = ("title", "summary", "body", "byline")
# A prefix stands for at most this many terms (the most frequent), and for no
# more terms once their postings add up to this budget (docs/search.md).
MAX_EXPANSIONS = 24
EXPANSION_POSTINGS = 40_000
# A Kazakh word stands for at most this many of its forms (`kazakh_forms`),
# and for the words a whole word begins only when they are at most
# KAZAKH_COMPLETION letters longer.
KAZAKH_EXPANSIONS = 24
KAZAKH_COMPLETION = 3


@dataclass(frozen=True)
class Alternative:
    """One way a clause can match: a term, or consecutive terms, in one field."""

    field: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Clause:
    alternatives: tuple[Alternative, ...]

    def terms(self) -> set[str]:
        return {t for alt in self.alternatives for t in alt.terms}


Scores = dict[int, float]


# -- Compiling ----------------------------------------------------------------------


def text_fields(ctx: SearchContext) -> tuple[str, ...]:
    """The text fields a word is looked up in, less those no document uses
    (each field costs a dictionary look-up per term and segment)."""
    return ctx.memo("#text-fields", lambda: tuple(
        f for f in TEXT_FIELDS if ctx.reader.field_length(f) > 0))


def compile_clause(ctx: SearchContext, clause: ParsedClause,
                   profiles: list[LanguageProfile]) -> Clause | None:
    """The alternatives of one parsed clause; None when nothing in it is searchable."""
    raws = WORD_RE.findall(clause.text)
    if not raws:
        return None
    if isinstance(clause, Word) and clause.prefix and len(raws) == 1:
        return _compile_prefix(ctx, raws[0], profiles)
    sequences: dict[tuple[str, ...], None] = {}
    if isinstance(clause, Phrase) or len(raws) > 1:
        for prof in profiles:
            sequences.setdefault(tuple(prof.terms(clause.text)), None)
            # Persian words joined by a ZWNJ also as written without it.
            sequences.setdefault(tuple(prof.joined_terms(clause.text)), None)
    else:
        for terms, kazakh_word in word_alternatives(raws[0], profiles):
            if kazakh_word:  # the indexed forms of it
                for term in kazakh_forms(ctx, terms[0]):
                    sequences.setdefault((term,), None)
            else:
                sequences.setdefault(terms, None)
    sequences.pop((), None)
    alts = tuple(Alternative(f, seq) for seq in sequences for f in text_fields(ctx))
    return Clause(alts) if alts else None


def _compile_prefix(ctx: SearchContext, raw: str,
                    profiles: list[LanguageProfile]) -> Clause | None:
    prefix = normalize(raw)
    if not prefix:
        return None
    prefixes = [prefix]
    exact: set[str] = set()
    for terms, is_prefix in word_alternatives(raw, profiles):
        if is_prefix:
            prefixes.append(terms[0])
        elif len(terms) == 1:
            # Terms are stems: also take the stem of what was typed exactly
            # ("happy*" -> happi), so a prefix longer than the stem meets it.
            exact.add(terms[0])
    # And the stems of the words that start with it (securi* -> security ->
    # secur), from the segments' word lists.
    stems = {t for t in ctx.unstemmed(prefix) if not t.startswith(prefix)}
    alts = tuple(Alternative(f, (t,)) for t in _expand(ctx, prefixes, exact, stems=stems)
                 for f in text_fields(ctx))
    return Clause(alts) if alts else None


def _scan(ctx: SearchContext, prefix: str) -> dict[str, int]:
    """The terms starting with `prefix`, with their document frequency in the
    body and title (the other text fields are read so that the terms'
    look-ups there are answered by the scan)."""
    freq: dict[str, int] = {}
    for field in ("body", "title"):
        for term, df in ctx.iter_prefix(field, prefix):
            freq[term] = freq.get(term, 0) + df
    for field in text_fields(ctx):
        if field not in ("body", "title"):
            for _ in ctx.iter_prefix(field, prefix):
                pass
    return freq


def kazakh_forms(ctx: SearchContext, marked: str) -> list[str]:
    """The indexed words a typed Kazakh word (with `KAZAKH_MARK`) stands for,
    at most `KAZAKH_EXPANSIONS`, in this order (`index.kazakh`): the word;
    its inflections; the inflections of the stems it splits into, unless the
    index shows the word is a stem itself (a case ending was split off, yet
    the word takes suffixes: теңгенің, so теңге is not тең + ге); and the
    words it begins (a word typed short: павлод, павлодар), only those a few
    letters longer when the index holds the word itself. Most frequent first
    within each group."""
    mark, word = marked[:1], marked[1:]
    splits = kazakh.readings(word)
    shortest = min((stem for stem, _ in splits), key=len)
    freq = {t[1:]: df for t, df in _scan(ctx, mark + shortest).items()}
    own = [v for v in freq if v.startswith(word)]
    inflected = [v for v in own if v != word and kazakh.continues(word, v[len(word):])]
    stems = [stem for stem, chain in splits[1:]
             if not (inflected and kazakh.ends_in_case(chain))]
    family = {v for v in freq if any(v.startswith(s) and kazakh.continues(s, v[len(s):])
                                     for s in stems)}

    def by_freq(words: Iterable[str]) -> list[str]:
        return sorted(words, key=lambda v: (-freq[v], v))

    chosen = [word] if word in freq else []
    chosen += by_freq(inflected)
    chosen += by_freq(family - set(chosen))
    rest = set(own) - set(chosen)
    if word in freq:  # a whole word: only a few letters more (a word typed short)
        rest = {v for v in rest if len(v) - len(word) <= KAZAKH_COMPLETION}
    chosen += by_freq(rest)
    return [mark + v for v in chosen[:KAZAKH_EXPANSIONS]]


def _expand(ctx: SearchContext, prefixes: list[str], exact: set[str],
            stems: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The terms starting with any of `prefixes`, and `stems`, capped:
    `exact` (always kept), then the rest, most frequent first."""
    freq: dict[str, int] = {}
    for term in stems:
        freq[term] = ctx.doc_frequency("body", term) + ctx.doc_frequency("title", term)
    for prefix in prefixes:
        for term, df in _scan(ctx, prefix).items():
            freq[term] = freq.get(term, 0) + df
    for term in exact:
        freq[term] = freq.get(term, 0) + ctx.doc_frequency("body", term) + 1
    chosen: list[str] = []
    budget = 0
    for term in sorted(freq, key=lambda t: (t not in exact, -freq[t], t)):
        full = len(chosen) >= MAX_EXPANSIONS or budget + freq[term] > EXPANSION_POSTINGS
        if chosen and full and term not in exact:
            break
        chosen.append(term)
        budget += freq[term]
    return chosen


# -- Scoring ------------------------------------------------------------------------


def _norms(ctx: SearchContext, field: str) -> list[float]:
    """BM25's length normalization for each possible length byte of `field`."""

    def compute() -> list[float]:
        avg = ctx.average_length(field)
        return [K1 * ((1 - B) + B * length / avg) for length in LENGTHS]

    return ctx.memo(("#norms", field), compute)


def _idf(ctx: SearchContext, df: int) -> float:
    return math.log(ctx.doc_count_all / (df + 1)) + 1


def _term_scores(ctx: SearchContext, field: str, term: str, within: Within | None) -> Scores:
    postings = ctx.postings(field, term, within)
    if not len(postings):
        return {}
    df = len(postings) if within is None else ctx.doc_frequency(field, term)
    factor = _idf(ctx, df) * (K1 + 1)
    norms = _norms(ctx, field)
    lengths = ctx.length_bytes(field)
    scores: Scores = {}
    for offset, block_ids, block_weights in postings.parts:
        ids: Sequence[int] = block_ids
        weights: Sequence[float] = block_weights
        if within is not None:
            # The blocks read hold other documents too: score only the wanted
            # ones, found by binary search when they are few beside the ids
            # read, else by a set intersection (in C).
            if not len(ids):
                continue
            low, high = offset + ids[0], offset + ids[-1] + 1
            if within.count_between(low, high) * 8 < len(ids):
                hits = indices_of(ids, list(map((-offset).__add__, within.between(low, high))))
                ids, weights = [ids[k] for k in hits], [weights[k] for k in hits]
            else:
                found = dict(zip(ids, weights, strict=True))
                wanted = [d - offset for d in within.members.intersection(
                    map(offset.__add__, found) if offset else found)]
                ids, weights = wanted, [found[d] for d in wanted]
        if offset:
            scores.update({offset + d: factor * w / (w + norms[lengths[offset + d]])
                           for d, w in zip(ids, weights, strict=True)})
        else:
            scores.update({d: factor * w / (w + norms[lengths[d]])
                           for d, w in zip(ids, weights, strict=True)})
    return scores


def _weight_scores(ctx: SearchContext, field: str, term: str,
                   weights: dict[int, float]) -> Scores:
    """`_term_scores` of postings already read (docnum -> weight)."""
    factor = _idf(ctx, ctx.doc_frequency(field, term)) * (K1 + 1)
    norms = _norms(ctx, field)
    lengths = ctx.length_bytes(field)
    return {d: factor * w / (w + norms[lengths[d]]) for d, w in weights.items()}


def _phrase_scores(ctx: SearchContext, field: str, terms: tuple[str, ...],
                   within: Within | None) -> Scores:
    # Candidates hold every term, found rarest first; then positions decide.
    # The later (commoner) terms are read once, weights and positions together.
    # A word the phrase repeats counts each time, as in Whoosh.
    times = Counter(terms)
    order = sorted(times, key=lambda t: ctx.doc_frequency(field, t))
    scores = _term_scores(ctx, field, order[0], within)
    if times[order[0]] > 1:
        scores = {d: s * times[order[0]] for d, s in scores.items()}
    found: dict[str, dict[int, list[int]]] = {}
    for term in order[1:]:
        if not scores:
            return {}
        weights, found[term] = ctx.weighted_positions(field, term, Within.of(scores))
        part = _weight_scores(ctx, field, term, weights)
        n = times[term]
        scores = {d: s + n * part[d] for d, s in scores.items() if d in part}
    if not scores:
        return {}
    candidates = Within.of(scores)
    found[order[0]] = ctx.positions(field, order[0], candidates)
    positions = [found[term] for term in terms]
    matched: Scores = {}
    for doc, score in scores.items():
        first = positions[0].get(doc, ())
        later = [set(p.get(doc, ())) for p in positions[1:]]
        if any(all(start + k + 1 in later[k] for k in range(len(later))) for start in first):
            matched[doc] = score
    return matched


def clause_scores(ctx: SearchContext, clause: Clause, within: Within | None) -> Scores:
    """Documents matching any alternative, with the sum of their scores."""
    total: Scores = {}
    for alt in clause.alternatives:
        if len(alt.terms) == 1:
            part = _term_scores(ctx, alt.field, alt.terms[0], within)
        else:
            part = _phrase_scores(ctx, alt.field, alt.terms, within)
        total = _add(total, part)
    return total


def clause_docs(ctx: SearchContext, clause: Clause, within: Within) -> set[int]:
    """The documents of `within` that a clause matches, unscored (what an
    exclusion needs: a Kazakh word's 16 forms in 4 fields are 64 posting
    lists, and scoring them cost more than the rest of such a query)."""
    docs: set[int] = set()
    for alt in clause.alternatives:
        if len(alt.terms) > 1:
            docs.update(_phrase_scores(ctx, alt.field, alt.terms, within))
            continue
        for offset, ids, _ in ctx.postings(alt.field, alt.terms[0], within).parts:
            docs.update(map(offset.__add__, ids) if offset else ids)
    return docs


def _add(a: Scores, b: Scores) -> Scores:
    if len(a) < len(b):
        a, b = b, a
    for d, s in b.items():
        a[d] = a.get(d, 0.0) + s
    return a


def estimate(ctx: SearchContext, clause: Clause) -> int:
    """An upper bound on the documents a clause can match, from the term dictionary."""
    total = 0
    for alt in clause.alternatives:
        total += min(ctx.doc_frequency(alt.field, t) for t in alt.terms)
    return total


# -- Running ------------------------------------------------------------------------


def run(ctx: SearchContext, groups: list[list[Clause]], excluded: list[Clause],
        restrict: frozenset[int] | None) -> Scores:
    """Documents matching every group (any clause of it), none of `excluded`, and
    within `restrict` (None: anywhere); deleted documents are not returned."""
    ordered = sorted(groups, key=lambda g: sum(estimate(ctx, c) for c in g))
    scores: Scores | None = None
    for group in ordered:
        if scores is None:
            use_within = restrict is not None and len(restrict) < sum(estimate(ctx, c) for c in group)
            within = Within.of(restrict) if use_within and restrict is not None else None
        else:
            within = Within.of(scores)
        part: Scores = {}
        for clause in group:
            part = _add(part, clause_scores(ctx, clause, within))
        if scores is None:
            scores = part if restrict is None else {d: s for d, s in part.items() if d in restrict}
        else:
            scores = {d: s + part[d] for d, s in scores.items() if d in part}
        if not scores:
            return {}
    if scores is None:  # no words: everything the filters allow
        live = range(ctx.doc_count_all) if restrict is None else restrict
        scores = dict.fromkeys(live, 0.0)
    if excluded and scores:
        within = Within.of(scores)
        for clause in excluded:
            for doc in clause_docs(ctx, clause, within).intersection(scores):
                del scores[doc]
    for doc in ctx.deleted.intersection(scores) if ctx.deleted else ():
        del scores[doc]
    return scores


def intersect(sets: Iterable[frozenset[int]]) -> frozenset[int] | None:
    """The intersection of `sets`, or None when there are none (no restriction)."""
    result: frozenset[int] | None = None
    for s in sorted(sets, key=len):
        result = s if result is None else result & s
    return result
