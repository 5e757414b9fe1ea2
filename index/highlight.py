"""Highlighted titles and snippets: HTML-escaped text with matched words in <b>.

This is Whoosh's `highlight(text, terms, analyzer, ContextFragmenter,
HtmlFormatter)` specialised for speed: the text is tokenized with the same
regular expression and the same cached per-language analysis that indexed it
(`analysis.spans`), so a word is marked exactly when its index term is one the
query matched, in any inflection. Only the words are analysed (no Token
objects), a body is read a piece at a time and only until a window holds a
match for every searched word (at most `SCAN_CHARS`), and only the top hits
get snippets at all. Offsets are into the original string, so marks
never split a word, its combining marks (Persian, Arabic harakat) or its
zero-width joiners, and right-to-left text stays in logical order.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from index.analysis import distinct_words, profile

SNIPPET_CHARS = 220
CONTEXT_BEFORE = 60
SCAN_CHARS = 60_000
# The first piece of a body read for a snippet; each next one is twice as long.
PIECE_CHARS = 1_500
ELLIPSIS = "…"
_SPACE = re.compile(r"\s+")


def _is_word_char(char: str) -> bool:
    """What `\\w` matches (Unicode): letters, digits and the underscore."""
    return char.isalnum() or char == "_"


def _matches(text: str, language: str, terms: frozenset[str],
             limit: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, term) of every word of `text` whose index term is in `terms`."""
    if limit is not None and limit < len(text):
        text = text[:limit]
    # Analyse each distinct word once (mostly split in C), then find
    # the few matching words with str.find: a second regex pass over the text
    # cost as much as the first.
    analysis = profile(language)
    known, forms = analysis.cached, analysis.forms
    hits: dict[str, str] = {}
    for raw in distinct_words(text):
        for term in known(raw) or forms(raw):
            if term in terms:
                hits[raw] = term
                break
    if not hits:
        return []
    found: list[tuple[int, int, str]] = []
    for raw, term in hits.items():
        start = text.find(raw)
        while start >= 0:
            end = start + len(raw)
            # Whole words only; a raw word already holds its marks and joiners.
            if not (start and _is_word_char(text[start - 1])) and not (
                    end < len(text) and _is_word_char(text[end])):
                found.append((start, end, term))
            start = text.find(raw, start + 1)
    # Where two matched words start at one place, the longer wins ("don't",
    # not "don"); a match inside another is dropped: as a regex alternation of
    # the words, longest first, would scan.
    found.sort(key=lambda m: (m[0], -m[1]))
    out: list[tuple[int, int, str]] = []
    for match in found:
        if not out or match[0] >= out[-1][1]:
            out.append(match)
    return out


def _render(text: str, start: int, end: int, marks: list[tuple[int, int, str]]) -> str:
    out: list[str] = []
    pos = start
    for s, e, _ in marks:
        if s < pos or e > end:
            continue
        out.append(html.escape(_SPACE.sub(" ", text[pos:s]), quote=False))
        out.append("<b>" + html.escape(text[s:e], quote=False) + "</b>")
        pos = e
    out.append(html.escape(_SPACE.sub(" ", text[pos:end]), quote=False))
    return "".join(out)


def mark_all(text: str, language: str, terms: frozenset[str]) -> str:
    """All of `text` (a title), escaped, with every matched word in <b>."""
    return _render(text, 0, len(text), _matches(text, language, terms) if terms else [])


def _best_window(marks: list[tuple[int, int, str]], width: int,
                 group_of: Mapping[str, int]) -> tuple[int, int]:
    """(index of its first mark, distinct groups in it) of the window of
    `width` chars with marks of the most distinct groups (searched words),
    then the most marks; earliest wins ties."""
    best, best_key = 0, (0, 0)
    j = 0
    for i, (start, _, _) in enumerate(marks):
        j = max(j, i)
        while j + 1 < len(marks) and marks[j + 1][1] - start <= width:
            j += 1
        window = marks[i : j + 1]
        key = (len({group_of.get(t, t) for _, _, t in window}), len(window))
        if key > best_key:
            best, best_key = i, key
    return best, best_key[0]


def _next_space(text: str, pos: int, limit: int) -> int:
    """The first whitespace at or after `pos` (a piece never ends inside a
    word), or `limit`."""
    if pos >= limit:
        return limit
    found = _SPACE.search(text, pos, limit)
    return found.start() if found else limit


def snippet(text: str, language: str, terms: frozenset[str],
            width: int = SNIPPET_CHARS, group_of: Mapping[str, int] | None = None) -> str:
    """A fragment of about `width` characters around the best cluster of matched
    words; the start of the text when nothing matches.

    `group_of` tells which searched word each term stands for (alternatives of
    one word share a number; default: every term its own). The text is read a
    piece at a time, each twice the last, and reading stops at the first piece
    after which some window holds a mark of every searched word: the best a
    window can do, and most bodies have it in their first paragraphs.
    """
    group_of = group_of or {}
    need = len(set(group_of.values())) if group_of else 1
    marks: list[tuple[int, int, str]] = []
    limit = min(len(text), SCAN_CHARS)
    scanned, piece = 0, PIECE_CHARS
    best = covered = 0
    while terms and scanned < limit:
        end = _next_space(text, scanned + piece, limit)
        marks.extend((s + scanned, e + scanned, t)
                     for s, e, t in _matches(text[scanned:end], language, terms))
        scanned, piece = end, piece * 2
        if marks:
            best, covered = _best_window(marks, width - CONTEXT_BEFORE, group_of)
            if covered >= need:
                break
    if marks:
        first = marks[best][0]
        start = max(0, first - CONTEXT_BEFORE)
    else:
        start = 0
    end = min(len(text), start + width)
    # Cut at spaces, never inside a word.
    if start > 0:
        space = text.find(" ", start, first if marks else end)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    body = _render(text, start, end, marks).strip()
    if not body:
        return ""
    return (ELLIPSIS if start > 0 else "") + body + (ELLIPSIS if end < len(text) else "")
