"""Proclitics of normalised Arabic keys: و ف (conjunctions), ب ك ل (prepositions),
ال (article) and لل (ل + ال), in their combinations (وال، بال، ولل، وب...).

Stripping is conservative; a prefix comes off only when what remains is a plausible word:
- article forms (…ال / لل): at least two letters must remain, the key must not be a word
  that merely starts with those letters (``الله``, ``التي``, ``المانيا`` = ألمانيا), and
  the remainder must be a known word - else the definite form is kept when that is the
  known word (``للصين`` -> ``الصين``; also for nouns almost never written without ال:
  ``والعراق`` -> ``العراق``, ``المتحدة``), a known key stays whole (``التزام``,
  ``كاليفورنيا``), and only a wholly unknown word loses its article by default;
  ``لل`` may also be ل + a word starting with ل (``للقاء`` -> ``لقاء``);
- bare و ف ب ك ل: at least three letters must remain, the remainder must be a word seen
  on its own (``وروسيا`` -> ``روسيا``), and the whole must not be a word of its own: not
  seen far more often than the remainder (``وزير``, ``بوتين``, ``لافروف``, ``كييف``,
  ``فلاديمير``; stricter for 3-letter remainders and for ف ك), and not itself written
  with ال (``البنات``: so ``بنات`` is no ب + نات). Of several readings the one leaving
  the most frequent word wins; an unknown long word after و loses the و.

Both lists are data: ``data/clitics_ar.txt`` (words never to strip) and
``data/lexicon_ar.tsv`` (word frequencies from real news, used to judge remainders).
"""

from __future__ import annotations

from functools import cache, lru_cache

from dashboard.arabic.chars import (
    ARABIC_KEY_LETTERS,
    ARTICLE,
    CONJUNCTIONS,
    LAM_ARTICLE,
    PREPOSITIONS,
    PROCLITIC_LETTERS,
)
from dashboard.arabic.normalize import normalize
from dashboard.datafiles import read_lines, read_table


def _longest_first(prefixes: list[str]) -> tuple[str, ...]:
    return tuple(sorted(prefixes, key=lambda p: (-len(p), p)))


_CONJUNCTION_OR_NONE = ("", *CONJUNCTIONS)
# The article forms with the particles that may stand before them: وبال فكال ... ولل فلل
# لل ال (ب ك before ال; ل fuses with it into لل). Longest first, so "وبال" wins over "وب".
ARTICLE_PREFIXES = _longest_first(
    [c + p + ARTICLE for c in _CONJUNCTION_OR_NONE for p in ("", *PREPOSITIONS) if p != "ل"]
    + [c + LAM_ARTICLE for c in _CONJUNCTION_OR_NONE]
)
# و ف, ب ك ل, and a conjunction + a preposition (وب فل ...).
PARTICLE_PREFIXES = _longest_first(
    [c + p for c in CONJUNCTIONS for p in PREPOSITIONS] + list(PROCLITIC_LETTERS)
)
# A key can start with a clitic only when its first letter is a proclitic or the article's.
_CLITIC_INITIALS = frozenset(PROCLITIC_LETTERS + ARTICLE[0])


def _by_length(prefixes: tuple[str, ...]) -> tuple[tuple[int, frozenset[str]], ...]:
    """The prefixes grouped by length, longest first: a key starts with at most one prefix
    of each length, so the matching ones are found with a slice and a set lookup each."""
    lengths = sorted({len(p) for p in prefixes}, reverse=True)
    return tuple((n, frozenset(p for p in prefixes if len(p) == n)) for n in lengths)


_ARTICLE_BY_LENGTH = _by_length(ARTICLE_PREFIXES)
_PARTICLE_BY_LENGTH = _by_length(PARTICLE_PREFIXES)
_ARABIC_LETTERS = frozenset(ARABIC_KEY_LETTERS)

# How much more often than its remainder a key may be seen and still be "clitic + word".
# In news, و+word is seen up to ~0.3x as often as the word (90th percentile), ب/ل+word
# ~0.2x, ف/ك+word ~0.05x; a few set phrases go far beyond (واضاف 19x أضاف, وقال 2x قال).
# A key seen much more often than that is a word of its own: وزير (زير: 0), بيان (52x
# يان), كامل (1.7x أمل, but ك+word is rare), ولاية (77x لاية).
_MAX_KEY_PER_REST = {"و": 25.0, "ب": 10.0, "ل": 10.0, "ف": 0.5, "ك": 0.5}
# Three-letter remainders are often chance look-alikes inside names and loanwords
# (بنات = ب+نات?, لورا, بولت, ووكر, كمين, كيان): stricter limits for them.
_MAX_KEY_PER_SHORT_REST = {"و": 4.0, "ب": 1.5, "ل": 1.5, "ف": 0.2, "ك": 0.2}
# ال never precedes a proclitic, so a key often written with ال in front is a noun of its
# own (البنود, الوباء, الكيان, البريد): not clitic + word.
_MAX_ARTICLE_SHARE = 0.02
# A remainder must have been seen alone this often to count as a word at all.
_MIN_SEEN = 4
# A noun written bare less than this share of its definite form is "definite only": its
# key keeps ال (العراق 0.4%, المتحدة 0.1%, الأمم 4.5%; but روسي 15%, حكومة 25%).
_DEFINITE_ONLY = 0.05


@cache
def protected_words() -> frozenset[str]:
    """Keys that start with clitic letters but are not clitic + word (``data/clitics_ar.txt``;
    one word a line, lines of several words are ignored; no file: none)."""
    words = (normalize(line) for line in read_lines("clitics_ar.txt", required=False))
    return frozenset(w for w in words if w and " " not in w)


@cache
def lexicon() -> dict[str, int]:
    """Normalised word -> frequency in a real news corpus (``data/lexicon_ar.tsv``; no file:
    empty, and stripping falls back on the length rule and the protected list)."""
    rows = read_table("lexicon_ar.tsv", ("word", "count"), required=False)
    return {word: int(count) for word, count in rows if word and count.isdigit()}


def _plausible_after_particle(key: str, rest: str) -> bool:
    if len(rest) < 3:
        return False
    counts = lexicon()
    if not counts:
        return True  # no lexicon: fall back on the length rule and the protected list
    seen_rest = counts.get(rest, 0)
    if seen_rest < _MIN_SEEN:
        return False
    seen_key = counts.get(key, 0)
    seen_definite = counts.get(ARTICLE + key, 0)
    if seen_definite >= _MIN_SEEN and seen_definite >= _MAX_ARTICLE_SHARE * seen_key:
        return False
    # Two-letter prefixes (وب، فل...) are rarer than either letter: use the stricter one.
    limits = _MAX_KEY_PER_SHORT_REST if len(rest) == 3 else _MAX_KEY_PER_REST
    limit = min(limits[c] for c in key[: len(key) - len(rest)])
    return seen_key <= limit * seen_rest


_NO_SPLIT = (0, "")


def _article_reading(key: str, counts: dict[str, int], protected: frozenset[str]):
    """(cut, put back) for a key starting with an article prefix, or None to try particles."""
    for n, group in _ARTICLE_BY_LENGTH:  # the longest article prefix of the key, if any
        prefix = key[:n]
        if prefix not in group:
            continue
        rest = key[len(prefix) :]
        if len(rest) < 2 or rest[0] not in _ARABIC_LETTERS:
            return None
        # The particles before the article: "و" of "وال", "ل" of "لل", "ول" of "ولل".
        particles = prefix[: -len(ARTICLE)] if prefix.endswith(ARTICLE) else prefix[:-1]
        if key[len(particles) :] in protected:
            return None  # "والتي" = و + "التي", "بالمانيا" = ب + "المانيا"
        if not counts:
            return len(prefix), ""
        seen_rest = counts.get(rest, 0)
        seen_definite = counts.get(ARTICLE + rest, 0)
        best = None
        if seen_rest >= _MIN_SEEN and seen_rest >= _DEFINITE_ONLY * seen_definite:
            best = (seen_rest, (len(prefix), ""))
        if prefix.endswith(LAM_ARTICLE):
            # "للقاء" is ل + "لقاء", "لليفربول" ل + "ليفربول": a word that starts with ل.
            word = key[len(prefix) - 1 :]
            seen_word = counts.get(word, 0)
            if (
                seen_word >= _MIN_SEEN
                and (best is None or seen_word > best[0])
                and split_clitics(word) == _NO_SPLIT  # not "لبلاد" = ل + بلاد again
            ):
                best = (seen_word, (len(prefix) - 1, ""))
        if best is not None:
            return best[1]
        if seen_definite >= _MIN_SEEN:
            # "العراق", "والعراق", "للصين": names and set phrases whose bare form is
            # (almost) never written - the definite form is the word.
            return len(prefix), ARTICLE
        if counts.get(key, 0) >= _MIN_SEEN:
            return None  # a word of its own: "التزام", "كاليفورنيا", "باليستيه"
        return len(prefix), ""  # nothing known: article + a rare word
    return None


def _particle_reading(key: str, counts: dict[str, int], protected: frozenset[str]) -> int:
    prefixes = [key[:n] for n, group in _PARTICLE_BY_LENGTH if key[:n] in group]
    # A known whole word after the clitic wins: "وبعيدا" is و + "بعيدا", not وب + "عيدا".
    for prefix in prefixes:
        if key[len(prefix) :] in protected:
            return len(prefix)
    # Of the plausible readings, the one leaving the most frequent word: "ولدينا" is
    # و + "لدينا", not ول + "دينا"; "ولموسكو" is ول + "موسكو".
    plausible = [p for p in prefixes if _plausible_after_particle(key, key[len(p) :])]
    if plausible:
        return len(max(plausible, key=lambda p: (counts.get(key[len(p) :], 0), -len(p))))
    if counts and key[0] == "و" and len(key) >= 6 and key not in counts:
        # Neither the word nor its remainder was ever seen: a new name after the
        # conjunction ("وزيلينسكي") is likelier than a new name starting with و.
        rest = key[1:]
        if rest not in counts and rest[0] in _ARABIC_LETTERS:
            return 1
    return 0


@lru_cache(maxsize=65_536)
def split_clitics(key: str) -> tuple[int, str]:
    """How to strip the proclitics of the normalised ``key``: ``(cut, put_back)``.

    The stem is ``put_back + key[cut:]``; ``put_back`` is "ال" when the word is only known
    in its definite form ("للصين" -> "الصين"), else "". ``(0, "")`` means no clitic.

    >>> [split_clitics(w) for w in ("لموسكو", "والروسي", "بالعلاقات", "وزير", "الله")]
    [(1, ''), (3, ''), (3, ''), (0, ''), (0, '')]
    """
    protected = protected_words()
    if len(key) < 3 or key[0] not in _CLITIC_INITIALS or key in protected:
        return _NO_SPLIT
    counts = lexicon()
    article = _article_reading(key, counts, protected)
    if article is not None:
        return article
    cut = _particle_reading(key, counts, protected)
    return (cut, "") if cut else _NO_SPLIT
