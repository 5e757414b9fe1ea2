"""Highlighted titles and snippets: HTML-escaped text with matched words in <b>.

This is Whoosh's `highlight(text, terms, analyzer, ContextFragmenter,
HtmlFormatter)` specialised for speed: the text is tokenized with the same
regular expression and the same cached per-language analysis that indexed it
(`analysis.spans`), so a word is marked exactly when its index term is one the
query matched, in any inflection. Only the words are analysed (no Token
objects), only the first `SCAN_CHARS` of a long body are read, and only the
top hits get snippets at all. Offsets are into the original string, so marks
never split a word, its combining marks (Persian, Arabic harakat) or its
zero-width joiners, and right-to-left text stays in logical order.
"""

from __future__ import annotations

import html
import re

from index.analysis import distinct_words, profile

SNIPPET_CHARS = 220
CONTEXT_BEFORE = 60
SCAN_CHARS = 60_000
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


def _best_window(marks: list[tuple[int, int, str]], width: int) -> int:
    """Index of the first mark of the window of `width` chars with the most
    distinct matched terms (then the most marks); earliest wins ties."""
    best, best_key = 0, (0, 0)
    j = 0
    for i, (start, _, _) in enumerate(marks):
        j = max(j, i)
        while j + 1 < len(marks) and marks[j + 1][1] - start <= width:
            j += 1
        window = marks[i : j + 1]
        key = (len({t for _, _, t in window}), len(window))
        if key > best_key:
            best, best_key = i, key
    return best


def snippet(text: str, language: str, terms: frozenset[str],
            width: int = SNIPPET_CHARS) -> str:
    """A fragment of about `width` characters around the best cluster of matched
    words; the start of the text when nothing matches."""
    marks = _matches(text, language, terms, min(len(text), SCAN_CHARS)) if terms else []
    if marks:
        first = marks[_best_window(marks, width - CONTEXT_BEFORE)][0]
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
