"""Plain text from (sanitized) article HTML, for indexing and snippets."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Content that is never text a reader sees.
_SKIPPED = frozenset({"script", "style", "template", "noscript", "head", "title", "svg", "math"})
# What an element puts around its text, so no word runs across it: paragraphs
# stand apart, lines follow each other, table cells stay on their row.
_PARAGRAPHS = frozenset({
    "address", "article", "aside", "blockquote", "details", "div", "dl", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
    "section", "table", "ul",
})
_LINES = frozenset({"br", "caption", "dd", "dt", "figcaption", "li", "summary", "tr"})
_CELLS = frozenset({"td", "th"})
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping.append(tag)
        elif tag in _PARAGRAPHS:
            self.parts.append("\n\n")
        elif tag in _LINES:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append(" ")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt and not self._skipping:
                self.parts.append(f" {alt} ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIPPED:  # <script/> opens nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            if tag in self._skipping:
                # Close up to the matching opener: stray end tags must not
                # leave the rest of the document hidden.
                while self._skipping and self._skipping.pop() != tag:
                    pass
        elif tag in _PARAGRAPHS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of `html`: paragraphs on their own lines, entities decoded,
    scripts and styles dropped, runs of spaces collapsed."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except AssertionError:
        # html.parser dies on some markup (`<![>`) a signed body may hold: read what
        # nh3 (html5ever) makes of it instead, which html.parser always reads.
        import nh3

        parser = _TextExtractor()
        parser.feed(nh3.clean(html, strip_comments=True))
        parser.close()
    text = _SPACES.sub(" ", "".join(parser.parts))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()
