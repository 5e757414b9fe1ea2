"""The Solar Hijri (Jalali) calendar of Iran and Afghanistan, and Persian digits.

`to_jalali` is the exact arithmetic conversion of jalaali-js (Borkowski's
algorithm with the table of break years, as Iran's calendar authority computes
Nowruz from the vernal equinox), valid for Jalali years 1 to 3177. Pure Python:
the command line shows Persian dates without Qt (the desktop app uses
QCalendar's Jalali system).
"""

from __future__ import annotations

import datetime as dt

# Jalali years where the 33-year leap pattern breaks (jalaali-js).
_BREAKS = (-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192,
           2262, 2324, 2394, 2456, 3178)
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر",
          "دی", "بهمن", "اسفند")


def _div(a: int, b: int) -> int:
    """Division truncated toward zero (the algorithm is written for it, not for //)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def _mod(a: int, b: int) -> int:
    return a - _div(a, b) * b


def _year(jy: int) -> tuple[int, int]:
    """(years since the last leap year: 0 when `jy` is a leap year, the Gregorian day in
    March on which `jy` begins)."""
    if not _BREAKS[0] < jy < _BREAKS[-1]:
        raise ValueError(f"Jalali year {jy} is outside 1..3177")
    gy = jy + 621
    leap_j = -14
    jp = _BREAKS[0]
    jump = 0
    for jm in _BREAKS[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += _div(jump, 33) * 8 + _div(_mod(jump, 33), 4)
        jp = jm
    n = jy - jp
    leap_j += _div(n, 33) * 8 + _div(_mod(n, 33) + 3, 4)
    if _mod(jump, 33) == 4 and jump - n == 4:
        leap_j += 1
    leap_g = _div(gy, 4) - _div((_div(gy, 100) + 1) * 3, 4) - 150
    march = 20 + leap_j - leap_g
    if jump - n < 6:
        n = n - jump + _div(jump + 4, 33) * 33
    leap = _mod(_mod(n + 1, 33) - 1, 4)
    return (4 if leap == -1 else leap), march


def is_leap(jy: int) -> bool:
    """Whether Esfand of `jy` has 30 days."""
    return _year(jy)[0] == 0


def to_jalali(day: dt.date) -> tuple[int, int, int]:
    """(year, month 1-12, day) of a Gregorian date."""
    jy = day.year - 621
    _, march = _year(jy)
    k = day.toordinal() - dt.date(day.year, 3, march).toordinal()
    if k >= 0:
        if k <= 185:  # the first six months have 31 days
            return jy, 1 + k // 31, k % 31 + 1
        k -= 186
    else:  # before Nowruz: the end of the previous year
        jy -= 1
        k += 179 + (1 if is_leap(jy) else 0)
    return jy, 7 + k // 30, k % 30 + 1


def persian_digits(text: str) -> str:
    return text.translate(_PERSIAN_DIGITS)


def persian_date(day: dt.date) -> str:
    """'۱۴۰۳/۰۱/۰۱': year/month/day in the Solar Hijri calendar, in Persian digits."""
    year, month, mday = to_jalali(day)
    return persian_digits(f"{year:04d}/{month:02d}/{mday:02d}")
