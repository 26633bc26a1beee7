"""Tokens, clitic stripping and the countable words of a text.

- ``tokenize(text)`` -> ``[(start, end), ...]``: words (tashkeel/tatweel inside them
  belong to the word), numbers (``3.5``, ``8,000``, ``٢٠٢٤``), and every other visible
  character as its own token. ``#`` and ``_`` separate (hashtags ``#ليوناردو_دي_كابريو``
  give three words); spaces and invisible marks are never tokens.
- ``strip_clitics(key)`` -> the normalised key without its proclitics (و ف ب ك ل, ال,
  لل and their combinations), stripped only when what remains is a plausible word.
- ``counting_terms(text)`` -> ``[(start, key, display), ...]``: every word worth counting
  (not a stop word, number, punctuation, one letter, or inside a boilerplate line).

Per-token work is memoised (``functools.lru_cache``): news vocabularies are Zipfian, so
after a few thousand articles almost every token is a cache hit.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dashboard.arabic.boilerplate import boilerplate_spans
from dashboard.arabic.chars import (
    ARTICLE,
    INVISIBLE_CHARS,
    LAM_ARTICLE,
    PRESENTATION_CHARS,
    TASHKEEL_CHARS,
    TATWEEL,
)
from dashboard.arabic.clitics import (
    ARTICLE_PREFIXES,
    PARTICLE_PREFIXES,
    protected_words,
    split_clitics,
)
from dashboard.arabic.normalize import normalize, normalize_token
from dashboard.arabic.stopwords import stopwords

# A word: a letter, then letters, tashkeel, tatweel or zero-width joiners (inside Persian
# and some Arabic web text). ``[^\W\d_]`` is "a Unicode letter" in Python's re.
_IN_WORD_MARKS = f"{TASHKEEL_CHARS}{TATWEEL}\u200c\u200d"


def _bmp_letter_class() -> str:
    r"""``[^\W\d_]`` restricted to the Basic Multilingual Plane, spelled out as ranges.

    The regex engine checks a spelled-out class with one bitmap lookup; a class built from
    categories (``\W``, ``\d``) costs several Unicode-table lookups per character. Same
    characters (``\w`` is ``str.isalnum()`` or "_", ``\d`` is ``str.isdecimal()``).
    """
    codes = [c for c in range(0x10000) if chr(c).isalnum() and not chr(c).isdecimal()]
    ranges, first, last = [], codes[0], codes[0]
    for c in codes[1:]:
        if c != last + 1:
            ranges.append((first, last))
            first = c
        last = c
    ranges.append((first, last))
    return "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"


# A letter: ``[^\W\d_]`` (a Unicode letter or other non-decimal alphanumeric), looked up
# in the spelled-out class, and by category beyond the BMP.
_BMP_LETTER = _bmp_letter_class()
_ASTRAL_LETTER = r"(?=[\U00010000-\U0010ffff])[^\W\d_]"
# Possessive runs of letters or of marks (the same words as ``(?:letter|mark)*+``, but the
# engine loops over a run inside one class instead of re-entering the group per character);
# no backtracking stack on long words.
_WORD = (
    rf"(?:{_BMP_LETTER}|{_ASTRAL_LETTER})"
    rf"(?:{_BMP_LETTER}++|[{_IN_WORD_MARKS}]++|{_ASTRAL_LETTER})*+"
)
# A number: digits (any script), with decimal/thousands separators between digits.
_NUMBER = r"\d++(?:[.,٫٬]\d++)*+"
# Anything else visible is a one-character token; '#' and '_' only separate.
_OTHER = rf"[^\s#_{INVISIBLE_CHARS}]"

_TOKEN_RE = re.compile(f"{_WORD}|{_NUMBER}|{_OTHER}")
_WORD_RE = re.compile(_WORD)
_WORD_START_RE = re.compile(f"{_BMP_LETTER}|{_ASTRAL_LETTER}")
_MARKS_RE = re.compile(f"[{TASHKEEL_CHARS}{TATWEEL}{INVISIBLE_CHARS}]")
_PRESENTATION_RE = re.compile(PRESENTATION_CHARS)


def tokenize(text: str) -> list[tuple[int, int]]:
    """Token spans ``(start, end)`` into ``text``, in order, never overlapping.

    >>> t = "قال لافروف: 3.5%"
    >>> [t[s:e] for s, e in tokenize(t)]
    ['قال', 'لافروف', ':', '3.5', '%']
    """
    return [m.span() for m in _TOKEN_RE.finditer(text)]


def strip_clitics(key: str) -> str:
    """The normalised ``key`` without proclitics, or ``key`` itself when unsure.

    >>> strip_clitics("لموسكو"), strip_clitics("والروسي"), strip_clitics("وزير")
    ('موسكو', 'روسي', 'وزير')
    """
    cut, put_back = split_clitics(key)
    return put_back + key[cut:]


def strip_particles(key: str) -> str:
    """Like ``strip_clitics`` but keeps the article: only و ف ب ك ل come off.

    For matching names that carry ال (gazetteer keys such as "الامم المتحده").

    >>> strip_particles("والعراق"), strip_particles("للرئيس"), strip_particles("لموسكو")
    ('العراق', 'الرئيس', 'موسكو')
    """
    cut, put_back = split_clitics(key)
    if not cut:
        return key
    head = key[:cut]
    if put_back or not head.endswith((ARTICLE, LAM_ARTICLE)):
        return put_back + key[cut:]
    return ARTICLE + key[cut:]  # "للرئيس" = ل + الرئيس, "بالعلاقات" = ب + العلاقات


#: Distinct tokens whose term is kept (:func:`_term_of_any_token`), the most recent ones:
#: with news vocabularies most lookups hit (at 15,000 articles 94 %; a cache holding all
#: 160,000 distinct tokens hits 96 %, for some 40 MB more).
TOKEN_CACHE_SIZE = 65_536


def term_of_token(token: str) -> tuple[str, str] | None:
    """``(key, display)`` for one word token, or None when it is not worth counting.

    key = normalised, Latin lower-cased, clitic-stripped; display = the token's own
    letters without tashkeel/tatweel and without the stripped clitics.
    """
    # The token's key is usually known already (actor matching reads every token); only
    # presentation forms may normalise to text with spaces round it, which the memoised
    # key strips off.
    key = (
        normalize(token, lower=True)
        if _PRESENTATION_RE.search(token)
        else normalize_token(token).lower()
    )
    stop = stopwords()
    if len(key) < 2 or key in stop:
        return None
    cut, put_back = split_clitics(key)
    stem = put_back + key[cut:]
    if len(stem) < 2 or stem in stop or (cut == 0 and _is_clitic_plus_stopword(key)):
        return None
    display = _MARKS_RE.sub("", token)
    if cut:
        # Normalising maps letters one to one once marks are gone, so the clitic is the
        # first ``cut`` letters of the display form too (presentation forms aside).
        display = put_back + display[cut:] if len(display) == len(key) else stem
    return stem, display


def _is_clitic_plus_stopword(key: str) -> bool:
    """True for clitic + stop word ("وفي", "بانه", "ولكن"), even where the remainder is
    too short to strip in general; never for protected whole words ("ولي", "والي")."""
    return key in _clitic_stopwords() and key not in protected_words()


@lru_cache(maxsize=1)
def _clitic_stopwords() -> frozenset[str]:
    """Every clitic prefix + stop word (some 34,000 keys, ~5 MB): one set lookup instead of
    trying each prefix on each new word."""
    stop = stopwords()
    return frozenset(
        prefix + word for prefix in (*ARTICLE_PREFIXES, *PARTICLE_PREFIXES) for word in stop
    )


def counting_terms(
    text: str, tokens: list[tuple[int, int]] | None = None
) -> list[tuple[int, str, str]]:
    """Countable words of ``text`` as ``(start offset, key, display)``, in text order.

    Stop words, numbers, punctuation, one-letter words and words inside boilerplate
    lines (``boilerplate_spans``) are left out. Hashtags count as their words.
    ``tokens``: ``tokenize(text)``, if at hand: its word tokens are the words (the token
    pattern tries a word first, so a token is a word exactly when it starts with a
    letter), and the text is not scanned again.

    >>> [k for _, k, _ in counting_terms("وقالت الوزيرة إن بلادها ستواصل تعزيز ترسانتها")]
    ['وزيره', 'بلادها', 'ستواصل', 'تعزيز', 'ترسانتها']
    """
    spans = [m.span() for m in _WORD_RE.finditer(text)] if tokens is None else tokens
    skip = boilerplate_spans(text)
    if skip:
        spans = _outside(spans, skip)
    # One memoised lookup per token (words and the rest alike), in C loops: map() over
    # the token strings, then the tokens that count.
    found = map(_term_of_any_token, [text[s:e] for s, e in spans])
    return [(s, t[0], t[1]) for (s, _), t in zip(spans, found, strict=True) if t is not None]


def _outside(spans: list[tuple[int, int]], skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ``spans`` that do not start inside a span of ``skip`` (both in text order)."""
    out = []
    i, n = 0, len(skip)
    for span in spans:
        start = span[0]
        while i < n and skip[i][1] <= start:
            i += 1
        if i < n and skip[i][0] <= start:
            continue
        out.append(span)
    return out


@lru_cache(maxsize=TOKEN_CACHE_SIZE)
def _term_of_any_token(token: str) -> tuple[str, str] | None:
    """:func:`term_of_token` of a word token (one that starts with a letter), None for any
    other token (a number, a punctuation mark): one cache for both tests."""
    return term_of_token(token) if _WORD_START_RE.match(token) is not None else None
