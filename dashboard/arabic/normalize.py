"""Normalised matching keys for Arabic text; the original text is never changed.

``normalize(text)`` folds what readers treat as the same letter so that counting
and matching agree: tashkeel and tatweel removed, alef forms folded to ا, ى → ي,
ة → ه, Arabic-Indic digits → ASCII, bidi control marks and NBSP dropped/spaced.
"""

from __future__ import annotations

import re

# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks.
_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u200b\u200c\u200d\ufeff]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended (Persian) digits
    }
)


def normalize(text: str) -> str:
    """Return the matching key of ``text`` (any length; may be shorter than the input).

    >>> normalize("أَكَّدَتْ وزيرةُ الخارجيّة")
    'اكدت وزيره الخارجيه'
    """
    text = _BIDI.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _TASHKEEL.sub("", text).replace(_TATWEEL, "")
    return text.translate(_FOLD)
