"""Character classes and letter sets of Arabic text, defined once (as spaCy's char_classes).

Every module that needs one of these imports it from here instead of spelling the
letters out again. Ranges are written as regex class bodies (``"\\u064b-\\u065f"``) where
they are used inside ``[...]``.
"""

from __future__ import annotations

#: Proclitic letters that glue onto the next word: the conjunctions و ف, the
#: prepositions ب ك ل (ل also as لل before ال). Order is not significant.
PROCLITIC_LETTERS = "وفبكل"
#: The same letters by role: a conjunction comes first, then a preposition (وبال...).
CONJUNCTION_LETTERS = "وف"
PREPOSITION_LETTERS = "بكل"

#: The definite article and its fusion with ل (ل + ال → لل).
ARTICLE = "ال"
LAM_ARTICLE = "لل"

#: Quotation marks: each opening mark and the marks that may close it. “ ” are also
#: set the other way round in Arabic typesetting, so either may open. Two-character
#: pairs are the ASCII forms tokenised corpora (ANERcorp) use.
QUOTE_PAIRS: dict[str, str] = {
    "«": "»",
    "“": "”",
    "”": "“",
    "„": "“”",
    '"': '"',
    "''": "''",
    "``": "''",
}

#: Every single character that is a quotation mark (opening or closing).
QUOTE_CHARS = '“”«»"„'
