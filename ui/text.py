"""Small text helpers shared by widgets: dates, language names, writing direction."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from html import escape

from PySide6.QtCore import QDateTime, QLocale, QTimeZone
from PySide6.QtGui import QGuiApplication, Qt

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "sd", "ug", "yi", "dv", "prs"})


def base_language(tag: str) -> str:
    return tag.split("-", 1)[0].split("_", 1)[0].lower()


def is_rtl(language: str) -> bool:
    return base_language(language) in RTL_LANGUAGES


def parse_time(value: str) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _qdatetime(moment: datetime) -> QDateTime:
    utc = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.utc())
    return utc.toLocalTime()


def short_date(value: str, locale: QLocale | None = None) -> str:
    """The date alone, in the UI's language ("12.10.2026", "2026/10/12")."""
    moment = parse_time(value)
    if moment is None:
        return ""
    return (locale or QLocale()).toString(_qdatetime(moment).date(), QLocale.FormatType.ShortFormat)


def long_date(value: str, locale: QLocale | None = None) -> str:
    """Date and time in words, for the article header and provenance."""
    moment = parse_time(value)
    if moment is None:
        return ""
    loc = locale or QLocale()
    when = _qdatetime(moment)
    return f"{loc.toString(when.date(), QLocale.FormatType.LongFormat)}, " \
           f"{loc.toString(when.time(), QLocale.FormatType.ShortFormat)}"


def compact_date(value: str, locale: QLocale | None = None) -> str:
    """A short unambiguous date for lists ("1 Nov 2026", "1 нояб. 2026")."""
    moment = parse_time(value)
    if moment is None:
        return ""
    text = (locale or QLocale()).toString(_qdatetime(moment).date(), "d MMM yyyy")
    return text.replace(" ", "\u00a0")  # a date never breaks across lines


FSI, PDI, LRM, RLM = "\u2068", "\u2069", "\u200e", "\u200f"


def isolate(text: str) -> str:
    """Wrap a run of text so its direction cannot reorder what surrounds it (FSI...PDI)."""
    return f"{FSI}{text}{PDI}" if text else ""


def in_ui_direction(text: str) -> str:
    """A sentence holding an isolated name, laid out in the UI's direction.

    Qt (6.12) takes a paragraph's direction from its first strong letter even when that
    letter is inside an isolate, so "“خبرنامه” is connected" would be laid out right to
    left in an English window; a leading mark (LRM or RLM) settles it, where needed.
    """
    if FSI not in text:
        return text
    rtl = QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    depth = 0
    for char in text:
        if char in "\u2066\u2067\u2068":
            depth += 1
        elif char == PDI:
            depth = max(0, depth - 1)
        else:
            kind = unicodedata.bidirectional(char)
            if kind in ("L", "R", "AL"):
                if depth == 0 or (kind != "L") == rtl:
                    return text  # the sentence's own letter, or one of the UI's direction
                break
    return (RLM if rtl else LRM) + text


def text_direction(text: str) -> Qt.LayoutDirection:
    """The direction a text runs in, from its first strong letter (Unicode's rule P2):
    a title is laid out, and aligned, by it in the article list and in search results
    alike, whatever the window's language."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
    return Qt.LayoutDirection.LeftToRight


def join_isolated(parts: list[str] | tuple[str, ...], separator: str = " · ") -> str:
    return separator.join(isolate(p) for p in parts if p)


def tooltip(text: str) -> str:
    """`text` as a tooltip that shows it as written: Qt takes a tooltip that looks like
    HTML for HTML (there is no plain-text switch), so such text goes in escaped."""
    if not Qt.mightBeRichText(text):
        return text
    return f'<p style="white-space:pre-wrap">{escape(text, quote=False)}</p>'


def long_day(value: str, locale: QLocale | None = None) -> str:
    """The date in words, without the time ("1 November 2026")."""
    moment = parse_time(value)
    if moment is None:
        return ""
    return (locale or QLocale()).toString(_qdatetime(moment).date(),
                                          QLocale.FormatType.LongFormat)


def language_name(tag: str) -> str:
    """The language in its own words ("Русский", "қазақ тілі", "فارسی"), else the tag."""
    if not tag:
        return ""
    if tag.lower() == "en":
        return "English"
    locale = QLocale(tag.replace("-", "_"))
    if locale.language() == QLocale.Language.C:
        return tag
    name = locale.nativeLanguageName()
    if not name:
        return tag
    return name[:1].upper() + name[1:]
