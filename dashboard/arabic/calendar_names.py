"""Arabic calendar names: the one reader of ``data/calendar_ar.json``.

Month names (every series, Hijri months, English), weekdays and era marks are language knowledge that both
the stop-word list (they are date words, not topic words) and the date extractor
(``dashboard.dates.calendar``, which also reads the file's lexicon of date expressions
through :func:`calendar_table`) need, so they live at this layer.

All keys are normalised (``dashboard.arabic.normalize.normalize``), so callers
normalise the text they look up. Weekdays follow Python: Monday = 0.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from dashboard.arabic.normalize import normalize
from dashboard.paths import data_file


@cache
def calendar_table() -> dict[str, Any]:
    """The parsed calendar file: section name -> its words (a list, or label -> list)."""
    with data_file("calendar_ar.json").open(encoding="utf-8") as fh:
        table: dict[str, Any] = json.load(fh)
    return table


def name_index(section: str) -> dict[str, int]:
    """Normalised name -> its number, for a section that lists names by number."""
    out: dict[str, int] = {}
    for number, names in calendar_table()[section].items():
        for name in names:
            out[normalize(name)] = int(number)
    return out


@cache
def gregorian_months() -> dict[str, int]:
    """Normalised month name (every series, e.g. 'يناير', 'كانون الثاني', 'جانفي') -> 1..12."""
    return name_index("gregorian_months")


@cache
def hijri_months() -> dict[str, int]:
    """Normalised Hijri month name ('شوال', 'ذو الحجه') -> 1..12."""
    return name_index("hijri_months")


@cache
def english_months() -> dict[str, int]:
    """English month name or abbreviation ('november', 'nov'), as RFC 822 dates and
    English-language exports write them -> 1..12."""
    return name_index("english_months")


@cache
def weekdays() -> dict[str, int]:
    """Normalised weekday name with ال ('الجمعه') -> 0 (Monday) .. 6 (Sunday)."""
    return name_index("weekdays")


@cache
def year_markers() -> frozenset[str]:
    """The one-letter era marks written after a year: م (Gregorian), ه (Hijri, also هـ)."""
    table = calendar_table()
    suffixes = [*table["gregorian_year_suffixes"], *table["hijri_year_suffixes"]]
    return frozenset(key for key in map(normalize, suffixes) if len(key) == 1)
