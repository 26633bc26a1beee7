"""Stop words: words too common in news to say what an article is about.

The list lives in ``data/stopwords_ar.txt`` (normalised keys, ``#`` comments); month and
weekday names are added from ``data/calendar_ar.json`` so they are listed only once.
Keys are normalised (``dashboard.arabic.normalize.normalize``) and, for Latin, lower-case.
"""

from __future__ import annotations

from functools import cache

from dashboard.arabic.normalize import normalize
from dashboard.paths import data_file


def _read_list(path) -> set[str]:
    words: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                words.add(normalize(line, lower=True))
    return words


def _calendar_words() -> set[str]:
    # Month/weekday names are date information, not topic words; every token of a
    # multi-word name ("كانون الثاني") counts as a stop word.
    try:
        from dashboard.dates import calendar
    except ImportError:  # pragma: no cover - the dates layer is optional here
        return set()
    words: set[str] = set()
    for table in (calendar.gregorian_months, calendar.hijri_months, calendar.weekdays):
        try:
            names = table()
        except (OSError, KeyError, ValueError):  # pragma: no cover - malformed calendar
            continue
        for name in names:
            for word in normalize(name).split():
                words.add(word)
                if word.startswith("ال") and len(word) > 4:
                    words.add(word[2:])  # "والجمعة" is counted as "جمعه"
    return words


@cache
def stopwords() -> frozenset[str]:
    """All stop-word keys (normalised, Latin lower-cased)."""
    return frozenset(_read_list(data_file("stopwords_ar.txt")) | _calendar_words())


def is_stopword(key: str) -> bool:
    """True when the normalised ``key`` is a stop word (clitics are NOT stripped here).

    >>> is_stopword("التي"), is_stopword("روسيا")
    (True, False)
    """
    return key in stopwords()
