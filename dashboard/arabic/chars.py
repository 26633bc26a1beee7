"""Character classes and letter sets of Arabic text, defined once (as spaCy's char_classes).

Every module that needs one of these imports it from here instead of spelling the
letters out again. Ranges are written as regex class bodies (``"\\u064b-\\u065f"``) where
they are used inside ``[...]``.
"""

from __future__ import annotations

# --- letters -------------------------------------------------------------------------------

#: The conjunctions و ف and the prepositions ب ك ل that glue onto the next word.
CONJUNCTIONS = "وف"
PREPOSITIONS = "بكل"

#: Proclitic letters that glue onto the next word: the conjunctions و ف, the
#: prepositions ب ك ل (ل also as لل before ال). Order is not significant.
PROCLITIC_LETTERS = CONJUNCTIONS + PREPOSITIONS

#: The definite article and its fusion with ل (ل + ال → لل).
ARTICLE = "ال"
LAM_ARTICLE = "لل"

#: The letters of the Arabic alphabet as normalised keys spell them (no hamzated alef,
#: ى or ة: ``dashboard.arabic.normalize`` folds those).
ARABIC_KEY_LETTERS = "ءابتثجحخدذرزسشصضطظعغفقكلمنهويئؤ"

# --- marks and invisible characters (regex class bodies) -------------------------------------

#: Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks.
TASHKEEL_CHARS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
TATWEEL = "\u0640"
#: Bidi controls, Arabic letter mark, zero-width (non-)joiners/space, BOM, soft hyphen.
INVISIBLE_CHARS = "\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad"
#: Arabic presentation forms (glyphs such as ﻻ ﺍ), as a whole regex class.
PRESENTATION_CHARS = "[\ufb50-\ufdff\ufe70-\ufefe]"

# --- quotation marks -------------------------------------------------------------------------

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

#: The marks that open a quotation in running text (the ASCII quote both opens and closes).
QUOTE_OPENERS = '"“«„'

#: For each single mark, the marks that close a quotation it opened: the one-character
#: QUOTE_PAIRS, and the reversed pairs a stray closing mark opens (closed by either mark
#: of its pair: ”...“ or ”...”, »...« or »...»).
QUOTE_CLOSERS: dict[str, str] = {
    **{mark: closers for mark, closers in QUOTE_PAIRS.items() if len(mark) == 1},
    "”": "“”",
    "»": "«»",
}
