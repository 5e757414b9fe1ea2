"""Searching one index generation: parse, evaluate, page, highlight, suggest."""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable
from datetime import UTC, datetime, time
from operator import itemgetter
from typing import Any, Literal

from index.analysis import WORD_RE, LanguageProfile, normalize, primary_language, query_profiles
from index.errors import QueryError
from index.evaluate import compile_clause, estimate, intersect, run
from index.highlight import mark_all, snippet
from index.query import ParsedQuery, SearchFilters, Word, parse
from index.reading import SearchContext
from index.results import Hit, SearchPage
from index.schema import NO_DATE, from_micros, normalize_tag, to_micros
from index.state import StateFilter, state_sets

Sort = Literal["relevance", "date"]
BodyText = Callable[[str], str]
MAX_PAGELEN = 1000


def profiles_for(ctx: SearchContext) -> list[LanguageProfile]:
    """The analyses a query word goes through: those of the index's languages."""
    return ctx.memo("#profiles", lambda: query_profiles(
        {primary_language(tag) for tag in ctx.lexicon("language")}))


def search(ctx: SearchContext, query: str | ParsedQuery, *,
           filters: SearchFilters | None = None, state: StateFilter | None = None,
           body_text: BodyText | None = None, sort: Sort = "relevance",
           page: int = 1, pagelen: int = 10, suggest: bool = True) -> SearchPage:
    if page < 1 or not 1 <= pagelen <= MAX_PAGELEN:
        raise ValueError(f"page must be >= 1 and pagelen 1..{MAX_PAGELEN}")
    parsed = query if isinstance(query, ParsedQuery) else parse(query)
    all_filters = [parsed.filters] + ([filters] if filters else [])
    profiles = profiles_for(ctx)

    groups = [[c for c in (compile_clause(ctx, pc, profiles) for pc in group) if c]
              for group in parsed.groups]
    excluded = [c for c in (compile_clause(ctx, pc, profiles) for pc in parsed.excluded) if c]
    searchable = [g for g in groups if g]  # "!!! election" searches election
    if parsed.groups and not searchable:
        # Words were typed but none can be searched ("!!!"): an empty result,
        # not every article.
        return SearchPage((), 0, page, 0, ())
    groups = searchable

    within: list[frozenset[int]] = []
    outside: list[frozenset[int]] = []
    for f in all_filters:
        within.extend(_index_sets(ctx, f))
        inside, out = state_sets(ctx, f, state)
        within.extend(inside)
        outside.extend(out)
    scores = run(ctx, groups, excluded, intersect(within))
    for docs in outside:
        for doc in docs.intersection(scores):
            del scores[doc]
    for f in all_filters:
        _apply_dates(ctx, scores, f)

    total = len(scores)
    pagecount = (total + pagelen - 1) // pagelen
    if not groups:
        sort = "date"  # nothing to rank by: newest first
    wanted = page * pagelen
    if sort == "date":
        issued = ctx.issued()
        top = heapq.nlargest(wanted, scores, key=lambda d: (issued[d], scores[d], -d))
    else:
        top = best_first(scores, wanted)
    # Each term marks the searched word (group) it stands for: a snippet
    # shows, where it can, one of every word.
    group_of = {t: i for i, group in enumerate(groups) for c in group for t in c.terms()}
    terms = frozenset(group_of)
    hits = tuple(_hit(ctx, d, scores[d], terms, group_of, body_text)
                 for d in top[wanted - pagelen:])
    suggestions = _suggest(ctx, parsed, profiles, filters, state) if suggest and not total else ()
    return SearchPage(hits, total, page, pagecount, suggestions)


def best_first(scores: dict[int, float], wanted: int) -> list[int]:
    """The `wanted` best documents, best first; equal scores in docnum order,
    as Whoosh orders them (the same article in two bundles scores the same)."""
    top = heapq.nlargest(wanted + 1, scores.items(), key=itemgetter(1))
    if len(top) > wanted and top[wanted][1] == top[wanted - 1][1]:
        # Tied across the cut: which of them make it is decided by docnum.
        cut = top[wanted - 1][1]
        top = [item for item in top if item[1] > cut]
        top += sorted((d, s) for d, s in scores.items() if s == cut)
    top.sort(key=lambda item: (-item[1], item[0]))
    return [d for d, _ in top[:wanted]]


# -- Filters --------------------------------------------------------------------------


def _union(sets: list[frozenset[int]]) -> frozenset[int]:
    return frozenset().union(*sets) if sets else frozenset()


def _index_sets(ctx: SearchContext, f: SearchFilters) -> list[frozenset[int]]:
    """The document sets the index itself can answer for `f`; a result must be in all."""
    sets: list[frozenset[int]] = []
    if f.languages:
        sets.append(_union([ctx.docset("language", lang.lower()) for lang in f.languages]))
    if f.publishers:
        sets.append(_union([_publisher_docs(ctx, p) for p in f.publishers]))
    for tag in f.tags:
        sets.append(ctx.docset("tags", normalize_tag(tag)))
    if f.status:
        sets.append(_union([ctx.docset("status", s.lower()) for s in f.status]))
    return sets


def _publisher_docs(ctx: SearchContext, value: str) -> frozenset[int]:
    """Publishers whose id starts with `value`, or whose name has a word that does."""
    value = value.lower()
    sets = [ctx.docset("publisher", term) for term, _ in ctx.iter_prefix("publisher", value)]
    name = normalize(value)
    if name:
        sets += [ctx.docset("publisher_name", term)
                 for term, _ in ctx.iter_prefix("publisher_name", name)]
    return _union(sets)


def _apply_dates(ctx: SearchContext, scores: dict[int, float], f: SearchFilters) -> None:
    """Keep the articles issued within `f.since`..`f.until` (whole UTC days);
    an article without a date is outside every range."""
    if f.since is None and f.until is None:
        return
    low = to_micros(datetime.combine(f.since, time.min, UTC)) if f.since else NO_DATE + 1
    high = to_micros(datetime.combine(f.until, time.max, UTC)) if f.until else 2**63 - 1
    issued = ctx.issued()
    for doc in [d for d in scores if not low <= issued[d] <= high]:
        del scores[doc]


# -- Hits -------------------------------------------------------------------------------


def _hit(ctx: SearchContext, docnum: int, score: float, terms: frozenset[str],
         group_of: dict[str, int], body_text: BodyText | None) -> Hit:
    stored: dict[str, Any] = ctx.stored_fields(docnum)
    language = stored.get("language", "und")
    title = stored.get("title", "")
    key = stored["key"]
    body = ""
    if body_text is not None:
        try:
            body = body_text(key)
        except (LookupError, OSError):
            body = ""  # the article left the store: show the hit without a snippet
    issued = stored.get("issued")
    return Hit(
        key=key,
        publisher=stored.get("publisher", ""),
        article_id=stored.get("article_id", ""),
        version=int(stored.get("version", 0)),
        language=language,
        title=title,
        title_html=mark_all(title, language, terms),
        snippet_html=snippet(body, language, terms, group_of=group_of) if body else "",
        issued=from_micros(issued) if isinstance(issued, int) else None,
        status=stored.get("status", ""),
        score=score,
    )


# -- Did you mean -------------------------------------------------------------------------

SPELL_FIELD = "words"
MAX_SUGGESTIONS = 3


def _corrections(ctx: SearchContext, word: str) -> list[str]:
    """Words of the index near `word`, nearest first, then most frequent."""
    for maxdist in (1, 2):
        if maxdist == 2 and len(word) < 5:
            break
        found = ctx.terms_within(SPELL_FIELD, word, maxdist) - {word}
        if found:
            return sorted(found, key=lambda t: (-ctx.doc_frequency(SPELL_FIELD, t), t))
    return []


def _replace_word(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<!\S){re.escape(old)}(?!\S)", lambda _: new, text, count=1)


def _suggest(ctx: SearchContext, parsed: ParsedQuery, profiles: list[LanguageProfile],
             filters: SearchFilters | None, state: StateFilter | None) -> tuple[str, ...]:
    """Queries like this one with each unknown word replaced by a near index word,
    kept only if they find something."""
    fixes: list[tuple[str, list[str]]] = []
    for clause in parsed.clauses():
        if not isinstance(clause, Word) or clause.prefix:
            continue
        raws = WORD_RE.findall(clause.text)
        compiled = compile_clause(ctx, clause, profiles) if len(raws) == 1 else None
        if compiled is None or estimate(ctx, compiled) > 0:
            continue
        word = normalize(raws[0])
        if len(word) >= 3 and (near := _corrections(ctx, word)):
            fixes.append((clause.text, near))
    if not fixes:
        return ()
    candidates = [parsed.text]
    for old, near in fixes:
        candidates[0] = _replace_word(candidates[0], old, near[0])
    first_near = fixes[0][1]
    candidates += [_replace_word(candidates[0], first_near[0], alt) for alt in first_near[1:]]
    out: list[str] = []
    for text in candidates:
        if text not in out and text != parsed.text and _finds_something(ctx, text, filters, state):
            out.append(text)
        if len(out) >= MAX_SUGGESTIONS:
            break
    return tuple(out)


def _finds_something(ctx: SearchContext, text: str, filters: SearchFilters | None,
                     state: StateFilter | None) -> bool:
    try:
        page = search(ctx, text, filters=filters, state=state, pagelen=1, suggest=False)
    except QueryError:  # a replaced word made the query unsearchable: skip it
        return False
    return page.total > 0
