"""The lexical resources the recogniser's features read, loaded from the model's folder.

Files (in ``data/model/``, read through :mod:`dashboard.datafiles`):
``gazetteer.tsv`` (``key<TAB>class``: PER/LOC/ORG multi-word names, FN given
names, PN person-name tokens, NIS nisba adjectives), ``clusters.tsv``
(``word<TAB>c64<TAB>c256<TAB>c1024``: distributional word clusters learned from
unlabelled news, most frequent word first), ``triggers.tsv`` (``phrase<TAB>class``:
title words, verbs of saying, place prepositions, head nouns), ``profiles.tsv``
(``stem<TAB>n<TAB>`` then a count per :data:`PROFILE_CLASSES`: how unlabelled news
introduces each word, see :mod:`dashboard.actors.context_profiles`), ``autotags.tsv``
(``stem<TAB>n<TAB>`` then a count per :data:`AUTOTAG_CLASSES`: how a trained recogniser
tags each word across unlabelled news, see :mod:`dashboard.actors.autotags`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.arabic.normalize import normalize
from dashboard.datafiles import read_table
from dashboard.frames import ACTOR_KINDS
from dashboard.paths import data_file

#: The types the recogniser tags: the actor kinds, with GPE inside LOC (as ANERcorp tags).
NAME_TYPES = tuple(kind for kind in ACTOR_KINDS if kind != "GPE")
#: Columns of a context profile after its count ``n``: the trigger classes of
#: ``triggers.tsv`` a word follows, and ``NIS``, a nisba adjective after it.
PROFILE_CLASSES = ("TITLE", "ORGH", "LOCH", "LOCP", "SAY", "NIS")
#: Columns of an auto-tag row after its count ``n``: occurrences inside a name of each type.
AUTOTAG_CLASSES = NAME_TYPES


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """(normalised key, class) rows of a two-column table; an absent file gives none."""
    rows = read_table(path, ("key", "class"), required=False)
    return [(normalize(key).strip(), cls_.strip()) for key, cls_ in rows]


def read_counts(path: Path, classes: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """stem → (n, count per class) of a ``stem<TAB>n<TAB>count...`` table; an absent
    file gives none."""
    rows = read_table(path, ("stem", "n", *classes), required=False)
    return {stem: tuple(int(x) for x in numbers) for stem, *numbers in rows}


def write_counts(
    path: Path,
    counts: Mapping[str, Mapping[str, int]],
    classes: tuple[str, ...],
    min_count: int,
    min_in_classes: int,
) -> int:
    """Write the table ``read_counts`` reads: the stems seen at least ``min_count`` times,
    at least ``min_in_classes`` of them in one of ``classes``, most frequent first;
    returns how many."""
    rows = [
        (stem, c)
        for stem, c in counts.items()
        if c["n"] >= min_count and sum(c[k] for k in classes) >= min_in_classes
    ]
    rows.sort(key=lambda r: (-r[1]["n"], r[0]))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# stem\tn\t" + "\t".join(classes) + "\n")
        for stem, c in rows:
            fh.write(stem + "\t" + "\t".join(str(c[k]) for k in ("n", *classes)) + "\n")
    return len(rows)


def news_texts(paths: Iterable[Path]) -> Iterator[str]:
    """Title and text of each record of JSON Lines files of unlabelled news (what the
    tables above are counted on)."""
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)
                    yield (record.get("title") or "") + "\n" + (record.get("text") or "")


@dataclass
class Resources:
    """Lexical resources the features read; see the module docstring for the files."""

    names: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    max_len: dict[str, int] = field(default_factory=dict)  # first token → longest entry
    word_classes: dict[str, frozenset[str]] = field(default_factory=dict)  # FN/PN/NIS/1-token
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)  # frequency rank in unlabelled news
    triggers: dict[tuple[str, ...], str] = field(default_factory=dict)
    trigger_max: int = 1
    trigger_firsts: set[str] = field(default_factory=set)  # first words of multi-word triggers
    # stem → (n, count per PROFILE_CLASSES)
    profiles: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # stem → (n, count per AUTOTAG_CLASSES)
    autotags: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # stem of profiles or autotags → (its profile cues, its auto-tag cues), filled as
    # stems come (dashboard.actors.token_features.stem_cues)
    cues: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def load(cls, folder: str | Path | None = None) -> Resources:
        """Read the resource files from ``folder`` (default ``data/model``); absent files = empty."""
        folder = Path(folder).resolve() if folder else data_file("model")
        res = cls()
        res.add_gazetteer(read_pairs(folder / "gazetteer.tsv"))
        clusters = read_table(
            folder / "clusters.tsv", ("word", "c64", "c256", "c1024"), required=False
        )
        for word, *ids in clusters:
            res.clusters[word] = tuple(ids)
            res.rank[word] = len(res.rank)  # the file lists words by frequency
        for phrase, cls_ in read_pairs(folder / "triggers.tsv"):
            key = tuple(phrase.split())
            res.triggers[key] = cls_
            res.trigger_max = max(res.trigger_max, len(key))
            if len(key) > 1:
                res.trigger_firsts.add(key[0])
        res.profiles = read_counts(folder / "profiles.tsv", PROFILE_CLASSES)
        res.autotags = read_counts(folder / "autotags.tsv", AUTOTAG_CLASSES)
        return res

    def add_gazetteer(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Add (normalised key, class) pairs: multi-word names and single-word classes."""
        names: dict[tuple[str, ...], set[str]] = {}
        classes: dict[str, set[str]] = {}
        for key, cls_ in pairs:
            toks = tuple(key.split())
            if not toks:
                continue
            if cls_ in NAME_TYPES:
                names.setdefault(toks, set()).add(cls_)
            if len(toks) == 1:
                classes.setdefault(toks[0], set()).add(cls_)
        for toks, types in names.items():
            self.names[toks] = self.names.get(toks, frozenset()) | frozenset(types)
            self.max_len[toks[0]] = max(self.max_len.get(toks[0], 0), len(toks))
        for word, cl in classes.items():
            self.word_classes[word] = self.word_classes.get(word, frozenset()) | frozenset(cl)
