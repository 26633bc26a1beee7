"""Stop words: words too common in news to say what an article is about.

The list lives in ``data/stopwords_ar.txt`` (one word a line, ``#`` comments); month and
weekday names are added from ``data/calendar_ar.json`` (``dashboard.arabic.calendar_names``)
so they are listed only once. Keys are normalised
(``dashboard.arabic.normalize.normalize``) and, for Latin, lower-case.
"""

from __future__ import annotations

from functools import cache

from dashboard.arabic import calendar_names
from dashboard.arabic.chars import ARTICLE
from dashboard.arabic.normalize import normalize
from dashboard.datafiles import read_lines


def _calendar_words() -> set[str]:
    # Month/weekday names are date information, not topic words; every token of a
    # multi-word name ("كانون الثاني") counts as a stop word.
    words: set[str] = set()
    for table in (
        calendar_names.gregorian_months,
        calendar_names.hijri_months,
        calendar_names.weekdays,
    ):
        for name in table():
            for word in normalize(name).split():
                words.add(word)
                if word.startswith(ARTICLE) and len(word) > 4:
                    words.add(word[len(ARTICLE) :])  # "والجمعة" is counted as "جمعه"
    return words


@cache
def stopwords() -> frozenset[str]:
    """All stop-word keys (normalised, Latin lower-cased)."""
    listed = {normalize(line, lower=True) for line in read_lines("stopwords_ar.txt")}
    return frozenset(listed | _calendar_words())


def is_stopword(key: str) -> bool:
    """True when the normalised ``key`` is a stop word (clitics are NOT stripped here).

    >>> is_stopword("التي"), is_stopword("روسيا")
    (True, False)
    """
    return key in stopwords()
