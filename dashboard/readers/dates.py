"""Publication dates written in metadata fields and wire headers -> ``datetime.date``.

``parse_date_string(s)`` understands what article exports put in their date fields:

- ISO 8601: ``2024-11-01``, ``2024/11/01``, ``2024-11-01T10:00:00+03:00``, ``...Z``;
- RFC 822 / e-mail style: ``Fri, 01 Nov 2024 10:00:00 +0000`` (and English month names:
  ``1 November 2024``, ``Nov 1, 2024``);
- Arabic month names of every series (``data/calendar_ar.json`` via
  ``dashboard.arabic.calendar_names.gregorian_months``): ``1 نوفمبر 2024``, ``1 تشرين الثاني 2024``,
  ``1 نونبر 2024``, ``الجمعة 1 جانفي 2018``, the double form ``1 تشرين الثاني/نوفمبر 2024``
  or ``1 تشرين الثاني (نوفمبر) 2024``, with Western or Arabic-Indic digits;
- numeric day-first dates as written in the Arab world: ``01/11/2024`` (month-first only
  when the second number cannot be a month, e.g. ``11/30/2024``);
- Hijri dates with a month name: ``29 ربيع الآخر 1446 هـ`` (converted with hijridate),
  used only when the string holds no Gregorian date;
- compact ``20241101`` and Unix timestamps (seconds or milliseconds) when the whole string
  is digits.

Decisions:
- A publication date needs a day. Month-only or year-only strings (``نوفمبر 2024``,
  ``2024-11``, ``2024``) give ``None``: putting them on the first of the month would
  invent a precision the source does not have.
- With a time and an offset, the date is the calendar date *as written* (local to the
  publisher), not converted to UTC: ``2024-11-01T01:00:00+03:00`` is 2024-11-01.
- Anything unparseable, out of range (years outside 1800-2199) or impossible
  (31 February) gives ``None``; the function never raises.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from dashboard.arabic.calendar_names import english_months, gregorian_months, hijri_months
from dashboard.arabic.normalize import normalize

_MIN_YEAR, _MAX_YEAR = 1800, 2199

_ISO = re.compile(r"(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?!\d)")
_COMPACT = re.compile(r"\d{8}")
_EPOCH = re.compile(r"(\d{9,13})(?:\.\d+)?")
_HIJRI_YEAR = (1300, 1599)


def _alternation(names) -> str:
    # Longest first so that 'تشرين الثاني' wins over a shorter name it contains.
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@cache
def _month_patterns() -> tuple[re.Pattern, re.Pattern, dict[str, int]]:
    # English names appear in RFC 822 dates and in English-language exports.
    months = {**gregorian_months(), **english_months()}
    alt = _alternation(months)
    # Word edges: letters of any script, so that 'اب' (August) is not found inside 'كتاب'.
    month = rf"(?<![^\W\d_])(?:{alt})(?![^\W\d_])"
    second = rf"(?:\s*(?:/|\(|-|–)\s*(?P<m2>{month})\s*\)?)?"
    day_first = re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?\s*(?:من\s+)?(?:شهر\s+)?"
        rf"(?P<m>{month}){second}\.?\s*,?\s*(?:من\s+)?(?:عام\s+|سنه\s+)?(?P<y>\d{{4}})(?!\d)"
    )
    month_first = re.compile(
        rf"(?P<m>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<y>\d{{4}})(?!\d)"
    )
    return day_first, month_first, months


@cache
def _hijri_pattern() -> tuple[re.Pattern, dict[str, int]]:
    months = hijri_months()
    month = rf"(?<![^\W\d_])(?:{_alternation(months)})(?![^\W\d_])"
    pattern = re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?(?P<m>{month})\s*,?\s*(?P<y>\d{{4}})(?!\d)"
    )
    return pattern, months


def _make(year: int, month: int, day: int) -> dt.date | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _named_month(key: str) -> dt.date | None:
    day_first, month_first, months = _month_patterns()
    for pattern in (day_first, month_first):
        match = pattern.search(key)
        if match:
            month = months[match.group("m")]
            return _make(int(match.group("y")), month, int(match.group("d")))
    return None


def _hijri(key: str) -> dt.date | None:
    pattern, months = _hijri_pattern()
    match = pattern.search(key)
    if not match:
        return None
    year, month, day = int(match.group("y")), months[match.group("m")], int(match.group("d"))
    if not _HIJRI_YEAR[0] <= year <= _HIJRI_YEAR[1]:
        return None
    try:
        from hijridate import Hijri

        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


def _numeric(key: str) -> dt.date | None:
    match = _ISO.search(key)
    if match:
        return _make(int(match.group(1)), int(match.group(3)), int(match.group(4)))
    match = _DMY.search(key)
    if match:
        first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if second > 12 >= first:  # 11/30/2024 can only be month-first
            first, second = second, first
        return _make(year, second, first)
    return None


def _digits_only(key: str) -> dt.date | None:
    if _COMPACT.fullmatch(key):
        return _make(int(key[:4]), int(key[4:6]), int(key[6:]))
    match = _EPOCH.fullmatch(key)
    if match:
        value = int(match.group(1))
        seconds = value / 1000 if len(match.group(1)) >= 12 else value
        try:
            stamp = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return _make(stamp.year, stamp.month, stamp.day)
    return None


def parse_date_string(s: object) -> dt.date | None:
    """Return the calendar date written in ``s`` (a field value or header token), or None.

    ``s`` is usually a str; ints/floats are read as Unix timestamps, ``datetime`` and
    ``date`` objects pass through, anything else gives None.
    """
    if isinstance(s, dt.datetime):
        return s.date()
    if isinstance(s, dt.date):
        return s
    if isinstance(s, bool):
        return None
    if isinstance(s, int | float):
        s = str(int(s)) if s == s and abs(s) < 1e15 else ""
    if not isinstance(s, str):
        return None
    # Normalising folds Arabic-Indic digits and alef forms; lower() for English names.
    # Dates sit at the start of a field: 200 characters is plenty and bounds the work.
    key = normalize(s[:200]).lower().strip()
    if not key:
        return None
    if key.isdigit() or _EPOCH.fullmatch(key):
        return _digits_only(key)
    return _numeric(key) or _named_month(key) or _hijri(key)
