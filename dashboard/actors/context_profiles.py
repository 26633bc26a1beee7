"""Context profiles: how unlabelled news introduces each word (build time).

A name is often announced by the word before it: a title (الرئيس, اللاعب) before a
person, a head noun (شركة, نادي, صحيفة) before an organisation, a place noun or
preposition (مدينة, في) before a place, and a club or a company is often followed by a
nisba (ميلان الايطالي). One sentence rarely shows that cue, but the whole news corpus
does: ``ارسنال`` follows ``نادي``/``فريق`` again and again, ``نيسان`` follows ``شركة``.
For every clitic-stripped word seen often enough, the profile counts its occurrences
and how many of them follow a one-word trigger of each class (``data/model/triggers.tsv``)
or precede a nisba adjective; the recogniser turns the shares into features
(``dashboard.actors.token_features.own_profile``).

    python -m dashboard.actors.train --build-profiles NEWS.jsonl [NEWS2.jsonl ...]

writes ``data/model/profiles.tsv``: ``stem<TAB>n<TAB>TITLE<TAB>ORGH<TAB>LOCH<TAB>LOCP<TAB>SAY<TAB>NIS``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from dashboard.actors.resources import PROFILE_CLASSES, Resources, news_texts, write_counts
from dashboard.actors.token_features import stem_of, surface_forms
from dashboard.arabic.chars import ARTICLE
from dashboard.arabic.normalize import normalize

_WORD = re.compile(r"[\u0621-\u064a]+|[0-9]+|[A-Za-z]+|[^\s\w]")
_ARABIC = re.compile(r"^[\u0621-\u064a]+$")


class _Classifier:
    """Memoised (stem, trigger class, is a nisba) of a normalised token."""

    def __init__(self, res: Resources):
        self.res = res
        self.memo: dict[str, tuple[str, str, bool]] = {}

    def __call__(self, word: str) -> tuple[str, str, bool]:
        found = self.memo.get(word)
        if found is None:
            if _ARABIC.match(word):
                stem = stem_of(word)
                forms = (*surface_forms(word), stem)
            else:
                stem, forms = word, (word,)
            trig = next((c for f in forms if (c := self.res.triggers.get((f,)))), "")
            bare = stem[len(ARTICLE) :] if stem.startswith(ARTICLE) else stem
            nisba = any("NIS" in self.res.word_classes.get(f, ()) for f in (*forms, bare))
            found = (stem, trig, nisba)
            self.memo[word] = found
        return found


def count_profiles(texts: Iterator[str], res: Resources) -> dict[str, Counter[str]]:
    """Per Arabic stem: ``n`` (occurrences) and, per class of :data:`PROFILE_CLASSES`,
    how many occurrences follow a one-word trigger of that class (or, ``NIS``, precede
    a nisba)."""
    classify = _Classifier(res)
    counts: dict[str, Counter[str]] = {}
    for text in texts:
        words = [classify(w) for w in _WORD.findall(normalize(text))]
        for i, (stem, _, _) in enumerate(words):
            if len(stem) < 2 or not _ARABIC.match(stem):
                continue
            c = counts.get(stem)
            if c is None:
                c = counts[stem] = Counter()
            c["n"] += 1
            if i and words[i - 1][1]:
                c[words[i - 1][1]] += 1
            if i + 1 < len(words) and words[i + 1][2]:
                c["NIS"] += 1
    return counts


def build_profiles(
    paths: list[Path], out: Path, res: Resources, min_count: int = 3, min_cued: int = 2
) -> int:
    """Write the profiles of stems seen at least ``min_count`` times, of which at least
    ``min_cued`` had some cue, most frequent first; returns how many."""
    counts = count_profiles(news_texts(paths), res)
    return write_counts(out, counts, PROFILE_CLASSES, min_count, min_cued)
