"""Small text helpers shared by widgets: dates, language names, writing direction.

Dates are shown in the UI's language and calendar: a Persian UI shows the
Solar Hijri (Jalali) calendar with Persian digits (`calendar`), as Iranian
readers date their news; every other language the Gregorian one.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from html import escape

from PySide6.QtCore import QCalendar, QDate, QDateTime, QLocale, QTimeZone
from PySide6.QtGui import QGuiApplication, Qt

# Re-exported: the widgets take them from here.
from reader.languages import RTL_LANGUAGES as RTL_LANGUAGES
from reader.languages import base_language as base_language
from reader.languages import is_rtl as is_rtl


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


def calendar(locale: QLocale | None = None) -> QCalendar:
    """The calendar dates are shown in: Solar Hijri (Jalali) in a Persian UI."""
    if (locale or QLocale()).language() == QLocale.Language.Persian:
        return QCalendar(QCalendar.System.Jalali)
    return QCalendar()


def _date(date: QDate, kind: QLocale.FormatType, locale: QLocale | None) -> str:
    loc = locale or QLocale()
    return loc.toString(date, kind, calendar(loc))


def short_date(value: str, locale: QLocale | None = None) -> str:
    """The date alone, in the UI's language ("12.10.2026", "۱۴۰۵/۷/۲۸")."""
    moment = parse_time(value)
    if moment is None:
        return ""
    return _date(_qdatetime(moment).date(), QLocale.FormatType.ShortFormat, locale)


def long_date(value: str, locale: QLocale | None = None) -> str:
    """Date and time in words, for the article header and provenance."""
    moment = parse_time(value)
    if moment is None:
        return ""
    loc = locale or QLocale()
    when = _qdatetime(moment)
    comma = "، " if loc.language() in (QLocale.Language.Persian, QLocale.Language.Arabic) \
        else ", "
    return f"{_date(when.date(), QLocale.FormatType.LongFormat, loc)}{comma}" \
           f"{loc.toString(when.time(), QLocale.FormatType.ShortFormat)}"


def compact_date(value: str, locale: QLocale | None = None) -> str:
    """A short unambiguous date for lists ("1 Nov 2026", "1 нояб. 2026", "۲۸ مهر ۱۴۰۵")."""
    moment = parse_time(value)
    if moment is None:
        return ""
    loc = locale or QLocale()
    date = _qdatetime(moment).date()
    cal = calendar(loc)
    if cal.isGregorian():
        text = loc.toString(date, "d MMM yyyy")
    else:  # Qt has no format string with a calendar: day, month name and year in turn
        parts = cal.partsFromDate(date)
        digits = QLocale(loc)
        digits.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
        month = cal.monthName(loc, parts.month, parts.year, QLocale.FormatType.ShortFormat)
        text = f"{digits.toString(parts.day)} {month} {digits.toString(parts.year)}"
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
    return _date(_qdatetime(moment).date(), QLocale.FormatType.LongFormat, locale)


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
