"""The actor gazetteer: data/gazetteers/{actors,aliases}.tsv + analyst overrides, indexed.

``load_gazetteer()`` (cached per process) returns a ``Gazetteer`` with
  ``actors``   actor id → {name_ar, name_en, kind, country}
  ``index``    first token key → [(token keys, actor ids, kind, form)], longest first
  ``match(keys, i)`` the longest name starting at token ``i`` of a sentence's token keys,
                     the first token read with or without proclitics (لموسكو → موسكو).
  ``first_keys``  every token key at which ``match`` may find a name (a frozenset): a
                  caller scanning tokens can skip the others without calling ``match``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dashboard.actors.overrides import Overrides, load_overrides
from dashboard.actors.text import clitic_forms, clitic_variants
from dashboard.arabic.chars import PROCLITIC_LETTERS
from dashboard.datafiles import read_table
from dashboard.paths import data_file

Entry = tuple[tuple[str, ...], tuple[str, ...], str, str]  # tokens, actor ids, kind, form
#: An entry as ``match`` reads it: its tokens after the first (a list), and the entry.
Reading = tuple[list[str], Entry]


@dataclass(frozen=True)
class Match:
    """A gazetteer hit over tokens [first, last) whose first token drops ``prefix`` letters."""

    first: int
    last: int
    prefix: int
    key: str
    actor_ids: tuple[str, ...]
    kind: str
    form: str


#: The columns of the gazetteer's tables (each file starts with this header).
TABLE_COLUMNS = {
    "actors.tsv": ("actor_id", "name_ar", "name_en", "kind", "country"),
    "aliases.tsv": ("key", "actor_id", "kind", "form"),
}


def read_tsv(path: Path) -> list[dict[str, str]]:
    """The rows of ``actors.tsv`` or ``aliases.tsv`` (by the file's name), by column."""
    columns = TABLE_COLUMNS[path.name]
    return [dict(zip(columns, row, strict=True)) for row in read_table(path, columns, header=True)]


class Gazetteer:
    """Names → actors, for longest-match lookup over normalised token keys."""

    def __init__(
        self,
        actor_rows,
        alias_rows,
        overrides: Overrides | None = None,
        countries: list[tuple[str, ...]] | None = None,
    ):
        overrides = overrides or Overrides()
        self.overrides = overrides
        self.actors: dict[str, dict[str, str]] = {
            r["actor_id"]: {
                "name_ar": r["name_ar"],
                "name_en": r["name_en"],
                "kind": r["kind"],
                "country": r.get("country") or "",
            }
            for r in actor_rows
        }
        by_key: dict[str, dict[str, tuple[str, str]]] = {}
        for r in alias_rows:
            by_key.setdefault(r["key"], {})[r["actor_id"]] = (r["kind"], r["form"])
        for key, actor_id in overrides.extra_aliases.items():
            kind = self.actors.get(actor_id, {}).get("kind") or overrides.relabel.get(
                actor_id, {}
            ).get("kind", "PER")
            by_key[key] = {actor_id: (kind, "name")}
        for key in overrides.never_keys:
            by_key.pop(key, None)
        self.kinds_of_key: dict[str, str] = {}
        index: dict[str, list[Entry]] = {}
        for key, ids in by_key.items():
            tokens = tuple(key.split(" "))
            kinds = {k for k, _ in ids.values()}
            forms = {f for _, f in ids.values()}
            kind = kinds.pop() if len(kinds) == 1 else "GPE"
            form = "name" if "name" in forms else forms.pop()
            index.setdefault(tokens[0], []).append((tokens, tuple(sorted(ids)), kind, form))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))
        self.index = index
        self.vocabulary = frozenset(t for entries in index.values() for e in entries for t in e[0])
        self.person_vocabulary = frozenset(
            t for entries in index.values() for e in entries if e[2] == "PER" for t in e[0]
        )
        # A country is the actor its nisba adjectives name (مصري → Egypt, not Cairo); of
        # two with one country code (England, the United Kingdom), the one with most forms.
        nisbas: dict[str, int] = {}
        for ids_of_key in by_key.values():
            for aid, (_, form) in ids_of_key.items():
                if form == "nisba":
                    nisbas[aid] = nisbas.get(aid, 0) + 1
        # The countries: CLDR's territories (countries.tsv, written by the build), then the
        # actors nisbas name (England beside the United Kingdom).
        if countries is None:
            countries = read_table(
                "gazetteers/countries.tsv", ("country", "actor_id"), header=True, required=False
            )
        self.country_actor: dict[str, str] = {}  # ISO alpha-3 → actor id
        for iso, aid in countries:
            if aid in self.actors:
                self.country_actor.setdefault(iso, aid)
        for aid in sorted(nisbas, key=lambda a: (-nisbas[a], a)):
            if named := self.actors.get(aid, {}).get("country"):
                self.country_actor.setdefault(named, aid)
        # Every actor named by a nisba is a country (England beside the United Kingdom).
        self.country_ids = frozenset(
            [
                *self.country_actor.values(),
                *(a for a in nisbas if self.actors.get(a, {}).get("country")),
            ]
        )

        # Every token key that may start a name: its first words, bare or behind proclitics
        # (لموسكو). Any other key starts none, and ``match`` returns at once. A few thousand
        # first words, a dozen clitic forms each: ~40,000 keys, ~6 MB. Their readings are
        # worked out when first met (so at most one entry per form).
        self.first_keys = frozenset(form for first in index for form in clitic_forms(first))
        self._readings_of: dict[str, tuple[tuple[int, tuple[Reading, ...]], ...]] = {}

    def _readings(self, key: str) -> tuple[tuple[int, tuple[Reading, ...]], ...]:
        """``(prefix letters, readings)`` of each way ``key`` starts a name: the bare key
        first, then ``clitic_variants`` in their order; each reading is an index entry
        with the list of its tokens after the first (compared with a slice of the keys)."""
        index = self.index
        out = []
        if key in index:
            out.append((0, tuple(index[key])))
        for prefix, stem in clitic_variants(key):
            if stem in index:
                out.append((prefix, tuple(index[stem])))
        # A two-letter first word behind one proclitic (لبي بي سي, وسي ان ان), which
        # clitic_variants leaves alone (لي، بي are words): only names of several words.
        if len(key) == 3 and key[0] in PROCLITIC_LETTERS and key[1:] in index:
            longer = tuple(e for e in index[key[1:]] if len(e[0]) > 1)
            if longer:
                out.append((1, longer))
        return tuple(
            (prefix, tuple((list(e[0][1:]), e) for e in entries)) for prefix, entries in out
        )

    def match(self, keys: list[str], i: int) -> Match | None:
        """Longest name starting at ``keys[i]``; the bare token wins ties over a clitic reading."""
        key = keys[i]
        if key not in self.first_keys:
            return None
        readings = self._readings_of.get(key)
        if readings is None:
            readings = self._readings_of[key] = self._readings(key)
        best: Entry | None = None
        best_prefix = 0
        after = i + 1
        for prefix, entries in readings:
            for rest, entry in entries:  # longest first: the first that fits is the longest
                # The words after the first, as a slice (shorter near the end: no match).
                if keys[after : after + len(rest)] == rest:
                    if best is None or len(entry[0]) > len(best[0]):
                        best, best_prefix = entry, prefix
                    break
        if best is None:
            return None
        tokens, ids, kind, form = best
        return Match(i, i + len(tokens), best_prefix, " ".join(tokens), ids, kind, form)


@lru_cache(maxsize=4)
def _load(actors_path: str, aliases_path: str, overrides_path: str, _stamp: tuple) -> Gazetteer:
    return Gazetteer(
        read_tsv(Path(actors_path)),
        read_tsv(Path(aliases_path)),
        load_overrides(overrides_path),
    )


def _mtime(path: str) -> float:
    try:  # one stat call (this runs once per article): exists() + stat() would be two
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


def load_gazetteer() -> Gazetteer:
    """The project's gazetteer with the current overrides.

    Cached per process, and reloaded when one of its files changes (an analyst editing
    data/actor_overrides.toml while the dashboard runs).
    """
    # This runs once per article: the paths are worked out once per data folder setting
    # (building them costs more than the three stat calls that detect an edit).
    paths = _paths(data_file, os.environ.get("DASHBOARD_DATA"), os.getcwd())
    return _load(*paths, tuple(_mtime(p) for p in paths))


@lru_cache(maxsize=8)
def _paths(finder, _data_env: str | None, _cwd: str) -> tuple[str, str, str]:
    """The gazetteer's files as ``finder`` (``data_file``) names them; the other
    arguments are what ``data_file``'s answer depends on (the cache key)."""
    return (
        str(finder("gazetteers", "actors.tsv")),
        str(finder("gazetteers", "aliases.tsv")),
        str(finder("actor_overrides.toml")),
    )
