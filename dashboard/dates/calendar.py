"""Arabic calendar words, read from ``data/calendar_ar.json``.

Month names (every series, Hijri months) and weekdays (from
``dashboard.arabic.calendar_names``, which reads the file), and the lexicon of date expressions
(ordinal days, relative day words, units and their past/next/this adjectives, seasons,
future markers) used by ``dashboard.dates.extract``.

All keys are normalised (``dashboard.arabic.normalize.normalize``), so callers
normalise the text they look up. Weekdays follow Python: Monday = 0.
"""

from __future__ import annotations

from functools import cache

from dashboard.arabic.calendar_names import (
    calendar_table,
    gregorian_months,
    hijri_months,
    weekdays,
)
from dashboard.arabic.normalize import normalize

__all__ = [
    "adjectives",
    "gregorian_months",
    "hijri_months",
    "month_context",
    "ordinal_days",
    "original_words",
    "relative_days",
    "seasons",
    "units",
    "weekdays",
    "words",
]


# --- The lexicon of date expressions (relative words, units, seasons, future markers) -------


def words(section: str) -> tuple[str, ...]:
    """The normalised words of a list section of the calendar file, longest first, no repeats.

    >>> "الماضي" in adjectives()
    True
    """
    return _words(section)


@cache
def _words(section: str) -> tuple[str, ...]:
    return _longest_first(normalize(w) for w in calendar_table()[section])


def _longest_first(items) -> tuple[str, ...]:
    return tuple(sorted(set(items), key=lambda w: (-len(w), w)))


def _labels(section: str) -> dict[str, str]:
    """Normalised word -> the label it is listed under (e.g. 'الصيف' -> 'SU')."""
    out: dict[str, str] = {}
    for label, names in calendar_table()[section].items():
        for name in names:
            out[normalize(name)] = label
    return out


@cache
def ordinal_days() -> dict[str, int]:
    """Normalised ordinal ('الحادي عشر') -> day of the month (11)."""
    return {word: int(day) for word, day in _labels("ordinal_days").items()}


@cache
def relative_days() -> dict[str, int]:
    """Normalised relative day word ('امس', 'اول امس', 'غدا') -> offset in days from the article date."""
    return {word: int(offset) for word, offset in _labels("relative_days").items()}


@cache
def units() -> dict[str, str]:
    """Normalised unit word ('الاسبوع', 'الشهر', 'العام', 'السنه') -> 'week' / 'month' / 'year'."""
    return _labels("units")


@cache
def adjectives() -> dict[str, str]:
    """Normalised adjective ('الماضي', 'المقبله', 'الجاري') -> 'past' / 'next' / 'this'."""
    return _labels("adjectives")


@cache
def seasons() -> dict[str, str]:
    """Normalised season name with ال ('الصيف') -> TimeML season code ('SU')."""
    return _labels("seasons")


@cache
def month_context() -> dict[str, str]:
    """Normalised word that makes a bare month a date ('في', 'منذ') -> 'nearest' or 'past'."""
    return _labels("month_context_before")


@cache
def original_words(section: str) -> frozenset[str]:
    """The words of a list section exactly as written (not normalised): 'إب' is a city,
    not August ('آب'), though both normalise to 'اب'."""
    return frozenset(calendar_table()[section])
