"""A normalised view of a text that maps its offsets back to the original.

Date patterns match on ``normalize(text)`` (folded letters, ASCII digits) but the contract
wants offsets into the original text. ``normalize`` folds letters one for one and only
drops characters (tashkeel, tatweel, bidi marks), so a list of where the dropped
characters were is enough to map any offset of the view back.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from dashboard.arabic.chars import INVISIBLE_CHARS, TASHKEEL_CHARS, TATWEEL
from dashboard.arabic.normalize import normalize

# What normalize() removes. If normalize() ever does more than drop these and fold letters
# one for one (e.g. it splits a ligature 'ﻻ' into two letters), NormalisedView notices the
# length difference and maps character by character instead.
_DROPPED = re.compile(f"[{TASHKEEL_CHARS}{TATWEEL}{INVISIBLE_CHARS}]")
# Marks that belong to the letter before them: a span ending on a letter takes them along.
_MARKS = re.compile(f"[{TASHKEEL_CHARS}{TATWEEL}]*")


@lru_cache(maxsize=4096)
def _normalize_char(ch: str) -> str:
    return normalize(ch)


class NormalisedView:
    """``view`` is the normalised text; ``span(a, b)`` maps a view span to the original.

    >>> v = NormalisedView("عامَ ١٩٤٩")
    >>> v.view
    'عام 1949'
    >>> v.span(4, 8)
    (5, 9)
    """

    __slots__ = ("_index", "_kept_before_drop", "text", "view")

    def __init__(self, text: str) -> None:
        self.text = text
        view = normalize(text)
        drops = [m.start() for m in _DROPPED.finditer(text)]
        self._index: list[int] | None = None
        if len(view) == len(text) - len(drops):
            # The j-th dropped character sits before view position (its offset - j).
            self._kept_before_drop = [p - j for j, p in enumerate(drops)]
        else:  # normalize() changed in a way this module does not know: map char by char.
            self._kept_before_drop = []
            pieces: list[str] = []
            index: list[int] = []
            for i, ch in enumerate(text):
                folded = _normalize_char(ch)
                pieces.append(folded)
                index.extend([i] * len(folded))
            view = "".join(pieces)
            self._index = index
        self.view = view

    def _orig(self, i: int) -> int:
        if self._index is not None:
            return self._index[i]
        return i + bisect_right(self._kept_before_drop, i)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the non-empty view span [start, end).

        The end takes along the tashkeel/tatweel written on the span's last letter.
        """
        first = self._orig(start)
        last = self._orig(end - 1) + 1
        marks = _MARKS.match(self.text, last)
        assert marks is not None  # "[...]*" matches everywhere, if only the empty string
        return first, marks.end()
