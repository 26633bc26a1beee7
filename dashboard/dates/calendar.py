"""Arabic month and weekday names, read from ``data/calendar_ar.json``.

All keys are normalised (``dashboard.arabic.normalize.normalize``), so callers
normalise the text they look up. Weekdays follow Python: Monday = 0.
"""

from __future__ import annotations

import json
from functools import cache

from dashboard.arabic.normalize import normalize
from dashboard.paths import data_file


@cache
def _calendar() -> dict:
    with data_file("calendar_ar.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def _index(section: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for number, names in _calendar()[section].items():
        for name in names:
            out[normalize(name)] = int(number)
    return out


@cache
def gregorian_months() -> dict[str, int]:
    """Normalised month name (every series, e.g. 'يناير', 'كانون الثاني', 'جانفي') -> 1..12."""
    return _index("gregorian_months")


@cache
def hijri_months() -> dict[str, int]:
    """Normalised Hijri month name ('شوال', 'ذو الحجه') -> 1..12."""
    return _index("hijri_months")


@cache
def weekdays() -> dict[str, int]:
    """Normalised weekday name with ال ('الجمعه') -> 0 (Monday) .. 6 (Sunday)."""
    return _index("weekdays")
