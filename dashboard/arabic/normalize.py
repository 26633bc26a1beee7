"""Normalised matching keys for Arabic text; the original text is never changed.

``normalize(text)`` folds what readers treat as the same letter so that counting
and matching agree: tashkeel and tatweel removed, alef forms folded to ا, ى → ي,
ة → ه, Persian/Urdu look-alike letters (ی ک) folded to Arabic, Arabic-Indic digits →
ASCII, bidi control marks, zero-width characters and soft hyphens dropped, exotic spaces
(NBSP, thin space...) turned into a plain space, presentation forms (ﻻ ﺍ) decomposed.
``normalize(text, lower=True)`` also lower-cases Latin letters (counting keys).
``normalize_token(token)`` is the memoised key of one token.

``strip_marks(text)`` only removes tashkeel, tatweel and invisible marks: the letters a
reader sees, without the vowel signs (used for display forms).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from dashboard.arabic.chars import INVISIBLE_CHARS, PRESENTATION_CHARS, TASHKEEL_CHARS, TATWEEL

_MARKS = re.compile(f"[{TASHKEEL_CHARS}{TATWEEL}{INVISIBLE_CHARS}]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Arabic presentation forms (glyphs such as ﻻ ﺍ): NFKC turns them into letters.
_PRESENTATION = re.compile(PRESENTATION_CHARS)

# The common folds, done with str.replace (several times faster than str.translate on
# short strings, and this runs for every distinct token).
_COMMON_FOLDS = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ى", "ي"), ("ة", "ه"))
_RARE_FOLD = str.maketrans(
    {
        "ٱ": "ا",  # alef wasla
        "ٲ": "ا",
        "ٳ": "ا",
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # Persian keheh
        "ۀ": "ه",
        "ە": "ه",
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended (Persian) digits
    }
)
_RARE = re.compile("[ٱٲٳیکۀە\u0660-\u0669\u06f0-\u06f9]")


def _one_class(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One character class holding the characters of several ``[...]`` patterns."""
    return re.compile("[" + "".join(p.pattern[1:-1] for p in patterns) + "]")


# What needs the slower, complete path: presentation forms, exotic spaces, rare letters.
_UNCOMMON = _one_class(_PRESENTATION, _SPACES, _RARE)
# Any character that ``normalize`` changes: most words have none (one search, no copies).
_ANY_CHANGE = _one_class(
    _MARKS, _UNCOMMON, re.compile("[" + "".join(old for old, _ in _COMMON_FOLDS) + "]")
)


def normalize(text: str, lower: bool = False) -> str:
    """Return the matching key of ``text`` (any length; may be shorter than the input).

    ``lower=True`` also lower-cases Latin letters (keys for counting words).

    >>> normalize("أَكَّدَتْ وزيرةُ الخارجيّة")
    'اكدت وزيره الخارجيه'
    >>> normalize("Vladimir ٢٠٢٤ ﻻ", lower=True)
    'vladimir 2024 لا'
    """
    if text.isascii() or not _ANY_CHANGE.search(text):
        return text.lower() if lower else text
    if not _UNCOMMON.search(text):
        # The usual case: only marks to drop and letters to fold (two scans, not five).
        text = _MARKS.sub("", text)
        for old, new in _COMMON_FOLDS:
            text = text.replace(old, new)
    else:
        if _PRESENTATION.search(text):
            # Old PDFs/web pages carry glyph forms (ﻻ ﺍ); NFKC maps them to letters.
            text = "".join(
                unicodedata.normalize("NFKC", ch) if _PRESENTATION.match(ch) else ch for ch in text
            )
        text = _MARKS.sub("", text)
        text = _SPACES.sub(" ", text)
        for old, new in _COMMON_FOLDS:
            text = text.replace(old, new)
        if _RARE.search(text):
            text = text.translate(_RARE_FOLD)
    return text.lower() if lower else text


@lru_cache(maxsize=65_536)
def normalize_token(token: str) -> str:
    """The matching key of one token: ``normalize(token)`` without surrounding spaces,
    memoised (news repeats its words; shared by actor matching and word counting).

    >>> normalize_token("لموسكوَ")
    'لموسكو'
    """
    return normalize(token).strip()


def strip_marks(text: str) -> str:
    """``text`` without tashkeel, tatweel and invisible marks; letters otherwise untouched.

    >>> strip_marks("وَقَّـعت")
    'وقعت'
    """
    return _MARKS.sub("", text)
