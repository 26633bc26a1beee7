"""Token-level helpers shared by the gazetteer builder and the recogniser.

``tokenize(text)`` gives token spans (the project's tokenizer,
``dashboard.arabic.tokens.tokenize``); ``token_key(token)`` is the normalised matching key
of one token; ``name_key(text)`` the key of a whole name (token keys joined by one
space); ``clitic_variants(token)`` the ways a token can be read as clitics + a word
(لموسكو → ل + موسكو). Everything per token is memoised: news repeats its words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from dashboard.arabic.chars import CONJUNCTIONS, PREPOSITIONS, TASHKEEL_CHARS, TATWEEL
from dashboard.arabic.normalize import normalize_token
from dashboard.arabic.tokens import tokenize

_MARKS = TASHKEEL_CHARS + TATWEEL
_MARK_CHARS = re.compile(f"[{_MARKS}\u200e\u200f\u200b-\u200d]")


#: Normalised key of one token (``normalize`` without surrounding spaces; no clitic
#: stripping), memoised; the same cache serves the word counts (dashboard.arabic.tokens).
token_key = normalize_token


@lru_cache(maxsize=65_536)
def name_key(text: str) -> str:
    """Key of a multi-word name: the keys of its tokens joined by one space (memoised:
    the same surfaces recur in every article, and each would be tokenised again)."""
    return " ".join(k for k in (token_key(text[s:e]) for s, e in tokenize(text)) if k)


# Proclitics: a conjunction (و ف), then a preposition (ب ك ل); ل + ال is written لل.
_CONJ = CONJUNCTIONS
_PREP = PREPOSITIONS
MIN_STEM = 2


@lru_cache(maxsize=65_536)
def clitic_variants(key: str) -> tuple[tuple[int, str], ...]:
    """Readings of the token key ``key`` as proclitics + stem, without the bare reading.

    Returns ``(n_prefix_letters, stem_key)`` pairs, longest stem first. For ``لل`` the
    stem gets back its ال (للأمم → ل + الامم), so the stem is always a dictionary form.
    """
    out: list[tuple[int, str]] = []
    heads = [(0, key)]
    if len(key) > MIN_STEM + 1 and key[0] in _CONJ:
        heads.append((1, key[1:]))
    for n, rest in heads:
        if n:
            out.append((n, rest))
        if len(rest) > MIN_STEM + 1 and rest[0] in _PREP:
            if rest[0] == "ل" and rest[1] == "ل" and len(rest) > MIN_STEM + 2:
                out.append((n + 1, "ا" + rest[1:]))  # لل + stem = ل + ال + stem
            else:
                out.append((n + 1, rest[1:]))
    return tuple(o for o in out if len(o[1]) >= MIN_STEM)


def clitic_forms(stem: str) -> set[str]:
    """Keys that ``clitic_variants`` may read as proclitics + ``stem``, and ``stem`` itself.

    A superset (callers keep the forms whose ``clitic_variants`` do give ``stem``): و/ف,
    then ب/ك/ل, in front of the stem; for a stem with ال also لل (ل + ال) in its place.
    """
    forms: set[str] = set()
    for conj in ("", *_CONJ):
        forms.update(conj + prep + stem for prep in ("", *_PREP))
        if stem.startswith("ا"):
            forms.add(conj + "ل" + stem[1:])  # للرئيس = ل + الرئيس
    return forms


def original_offset(token: str, n_letters: int) -> int:
    """Index in the original ``token`` just after its first ``n_letters`` key letters.

    Key letters are the characters ``normalize`` keeps; tashkeel, tatweel and bidi marks
    following a clitic letter belong to the clitic (وَلِموسكو → the span starts at م).
    """
    seen = 0
    i = 0
    while i < len(token) and seen < n_letters:
        if not _MARK_CHARS.match(token[i]):
            seen += 1
        i += 1
    while i < len(token) and _MARK_CHARS.match(token[i]):
        i += 1
    return i


#: Letter-by-letter romanisation of normalised Arabic (for ids and spelling matches).
TRANSLITERATION = str.maketrans(
    dict(
        zip(
            "ابتثجحخدذرزسشصضطظعغفقكلمنهويءئؤة",
            [
                "a",
                "b",
                "t",
                "th",
                "j",
                "h",
                "kh",
                "d",
                "dh",
                "r",
                "z",
                "s",
                "sh",
                "s",
                "d",
                "t",
                "z",
                "",
                "gh",
                "f",
                "q",
                "k",
                "l",
                "m",
                "n",
                "h",
                "w",
                "y",
                "",
                "",
                "",
                "a",
            ],
            strict=True,
        )
    )
)


def slug(text: str) -> str:
    """URL-safe ASCII slug of an English name: 'Côte d’Ivoire' → 'cote-d-ivoire'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
