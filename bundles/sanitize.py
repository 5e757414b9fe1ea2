"""Article HTML reduced to a safe reading subset with nh3 (DESIGN.md section 3).

No scripts, forms, iframes, event handlers, `style` attributes or `<style>`.
Images survive only as `sha256:<hex>` references to blobs of the same article
(relative and remote sources are dropped). Links keep an http(s) `href` in the
signed HTML; the reader shows them as text for copying (`links_as_text`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from html import escape
from html.parser import HTMLParser

import nh3

from .article import BLOB_URL_PREFIX, HEX64_RE

READING_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul",
}  # fmt: skip
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript",
                        "template", "form", "select", "textarea", "button", "svg", "math"}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "time": {"datetime"},
    "*": {"dir", "lang"},
}


def _blob_ref(value: str) -> str | None:
    if value.startswith(BLOB_URL_PREFIX) and HEX64_RE.match(value[len(BLOB_URL_PREFIX):]):
        return value[len(BLOB_URL_PREFIX):]
    return None


def sanitize(html: str, allowed_blobs: Collection[str] | None = None) -> str:
    """Clean article HTML. With `allowed_blobs`, image sources must name one of them."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            digest = _blob_ref(value)
            if digest is None or (allowed_blobs is not None and digest not in allowed_blobs):
                return None
            return value
        if tag == "a" and attribute == "href":
            lowered = value.strip().lower()
            return value if lowered.startswith(("http://", "https://")) else None
        if attribute in ("width", "height"):
            return value if value.isdigit() and len(value) <= 5 else None
        return value

    return nh3.clean(
        html,
        tags=READING_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=keep,
        url_schemes={"http", "https", "sha256"},
        url_relative="deny",
        link_rel=None,
        strip_comments=True,
    )


def image_refs(html: str) -> list[str]:
    """The blob hashes a (sanitized) body names as image sources, in order."""
    found: list[str] = []

    class _Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "img":
                for name, value in attrs:
                    digest = _blob_ref(value or "") if name == "src" else None
                    if digest and digest not in found:
                        found.append(digest)

    parser = _Collector(convert_charrefs=True)
    parser.feed(html)
    parser.close()
    return found


class _Passthrough(HTMLParser):
    """Writes (sanitized) HTML back out as it came; subclasses change chosen tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def rewrite(self, html: str) -> str:
        self.feed(html)
        self.close()
        return "".join(self.out)


def links_as_text(html: str) -> str:
    """Replace each link by its text followed by its address, never clickable."""

    class _Rewriter(_Passthrough):
        def __init__(self) -> None:
            super().__init__()
            self.hrefs: list[str | None] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "a":
                self.hrefs.append(dict(attrs).get("href"))
                return
            super().handle_starttag(tag, attrs)

        def handle_endtag(self, tag: str) -> None:
            if tag == "a":
                href = self.hrefs.pop() if self.hrefs else None
                if href:
                    self.out.append(f' <span class="link">[{escape(href)}]</span>')
                return
            super().handle_endtag(tag)

    return _Rewriter().rewrite(html)


def rewrite_images(html: str, replace: Callable[[str, dict[str, str]], str | None]) -> str:
    """Each `<img>` whose source is a blob given to `replace(sha256, attributes)`, which
    returns the markup to put in its place, or None to keep it as it is."""

    class _Rewriter(_Passthrough):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "img":
                values = {name: value or "" for name, value in attrs}
                digest = _blob_ref(values.get("src", ""))
                markup = replace(digest, values) if digest else None
                if markup is not None:
                    self.out.append(markup)
                    return
            super().handle_starttag(tag, attrs)

        handle_startendtag = handle_starttag

    return _Rewriter().rewrite(html)
