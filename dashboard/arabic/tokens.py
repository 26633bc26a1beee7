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
from dashboard.arabic.clitics import (
    ARTICLE_PREFIXES,
    PARTICLE_PREFIXES,
    protected_words,
    split_clitics,
)
from dashboard.arabic.normalize import INVISIBLE_CHARS, TASHKEEL_CHARS, TATWEEL, normalize
from dashboard.arabic.stopwords import stopwords

# A word: a letter, then letters, tashkeel, tatweel or zero-width joiners (inside Persian
# and some Arabic web text). ``[^\W\d_]`` is "a Unicode letter" in Python's re.
_IN_WORD_MARKS = f"{TASHKEEL_CHARS}{TATWEEL}\u200c\u200d"
_WORD = (
    rf"[^\W\d_](?:[^\W\d_]|[{_IN_WORD_MARKS}])*+"  # possessive: no backtracking stack on long words
)
# A number: digits (any script), with decimal/thousands separators between digits.
_NUMBER = r"\d++(?:[.,٫٬]\d++)*+"
# Anything else visible is a one-character token; '#' and '_' only separate.
_OTHER = rf"[^\s#_{INVISIBLE_CHARS}]"

_TOKEN_RE = re.compile(f"{_WORD}|{_NUMBER}|{_OTHER}")
_WORD_RE = re.compile(_WORD)
_MARKS_RE = re.compile(f"[{TASHKEEL_CHARS}{TATWEEL}{INVISIBLE_CHARS}]")


def tokenize(text: str) -> list[tuple[int, int]]:
    """Token spans ``(start, end)`` into ``text``, in order, never overlapping.

    >>> t = "قال لافروف: 3.5%"
    >>> [t[s:e] for s, e in tokenize(t)]
    ['قال', 'لافروف', ':', '3.5', '%']
    """
    return [m.span() for m in _TOKEN_RE.finditer(text)]


def token_strings(text: str) -> list[str]:
    """The tokens of ``text`` as strings (``tokenize`` without the offsets)."""
    return _TOKEN_RE.findall(text)


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
    if put_back or not head.endswith(("ال", "لل")):
        return put_back + key[cut:]
    return "ال" + key[cut:]  # "للرئيس" = ل + الرئيس, "بالعلاقات" = ب + العلاقات


@lru_cache(maxsize=262_144)
def term_of_token(token: str) -> tuple[str, str] | None:
    """``(key, display)`` for one word token, or None when it is not worth counting.

    key = normalised, Latin lower-cased, clitic-stripped; display = the token's own
    letters without tashkeel/tatweel and without the stripped clitics.
    """
    key = normalize(token, lower=True)
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
    if key in protected_words():
        return False
    stop = stopwords()
    return any(
        key.startswith(prefix) and key[len(prefix) :] in stop
        for prefix in (*ARTICLE_PREFIXES, *PARTICLE_PREFIXES)
    )


def counting_terms(text: str) -> list[tuple[int, str, str]]:
    """Countable words of ``text`` as ``(start offset, key, display)``, in text order.

    Stop words, numbers, punctuation, one-letter words and words inside boilerplate
    lines (``boilerplate_spans``) are left out. Hashtags count as their words.

    >>> [k for _, k, _ in counting_terms("وقالت الوزيرة إن بلادها ستواصل تعزيز ترسانتها")]
    ['وزيره', 'بلادها', 'ستواصل', 'تعزيز', 'ترسانتها']
    """
    skip = boilerplate_spans(text)
    out: list[tuple[int, str, str]] = []
    append = out.append
    term = term_of_token
    if not skip:
        for m in _WORD_RE.finditer(text):
            t = term(m.group())
            if t is not None:
                append((m.start(), t[0], t[1]))
        return out
    i, n = 0, len(skip)
    for m in _WORD_RE.finditer(text):
        start = m.start()
        while i < n and skip[i][1] <= start:
            i += 1
        if i < n and skip[i][0] <= start:
            continue
        t = term(m.group())
        if t is not None:
            append((start, t[0], t[1]))
    return out
