"""Names that are also common words count only with evidence from their context.

A one-word name is a homograph of a common noun when the news uses the same word with
the article about as often as without it: مشهد (Mashhad / "scene": المشهد), صور (Tyre /
"pictures": الصور), أمل (a given name / "hope": الأمل). A proper name almost never takes
the article, so the share is measured on the project's news lexicon
(``data/lexicon_ar.tsv``), not listed by hand.

Such a name is kept as a place only after a word that announces a place (``مدينة``,
``بمحافظة``: ``data/gazetteers/place_cues.txt``), next to a coordinated place (طهران
ومشهد، أو طهران، مشهد) or before a nisba (مشهد الإيرانية); as a person only after a title
(السيدة أمل); otherwise it is the common word.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from dashboard.actors.text import clitic_variants, name_key
from dashboard.arabic.chars import ARTICLE
from dashboard.arabic.clitics import lexicon
from dashboard.datafiles import read_words

#: A word is a homograph of a common noun when its definite form is at least this share
#: of its bare form in the news lexicon (المشهد 1.7× مشهد; دوما 0.02×, جمال 0.04×) …
DEFINITE_SHARE = 0.3
#: … and the definite form is seen at least this often (rare words decide nothing).
MIN_DEFINITE = 20


@lru_cache(maxsize=32_768)
def is_homograph(key: str) -> bool:
    """Whether the one-word name ``key`` is also a common noun of the news (see above)."""
    counts = lexicon()
    definite = counts.get(ARTICLE + key, 0)
    return definite >= MIN_DEFINITE and definite >= DEFINITE_SHARE * counts.get(key, 0)


@lru_cache(maxsize=1)
def place_cues() -> frozenset[str]:
    """Normalised words that announce a place name (``place_cues.txt``)."""
    return frozenset(name_key(w) for w in read_words("gazetteers/place_cues.txt"))


def _is_cue(key: str) -> bool:
    cues = place_cues()
    return key in cues or any(stem in cues for _, stem in clitic_variants(key))


def place_evidence(
    keys: list[str],
    first: int,
    last: int,
    place_at: Callable[[int], str | None],
) -> bool:
    """Whether tokens ``first``..``last`` of a sentence are a place by their context.

    ``place_at(j)``: the form (``name``/``nisba``/...) of a place name starting at token
    ``j``, or None.
    """
    if first > 0 and _is_cue(keys[first - 1]):
        return True
    after = place_at(last) if last < len(keys) else None
    if after == "nisba":  # مشهد الإيرانية
        return True
    if keys[first][:1] == "و" and first > 0 and place_at(first - 1):  # طهران ومشهد
        return True
    if first > 1 and keys[first - 1] in ("،", ",") and place_at(first - 2):  # طهران، مشهد
        return True
    return last + 1 < len(keys) and keys[last] in ("،", ",", "و") and bool(place_at(last + 1))
