"""Title/trigger patterns that find people: ``نظيرها الروسي سيرغي لافروف`` → سيرغي لافروف.

Language knowledge lives in data/gazetteers/patterns.toml (triggers, skippable head
nouns, name connectors, breakers). ``find_people(keys, gaz_at)`` scans one sentence's
token keys and returns ``(first, last, hint_ids)``: the token range of a name and the
actor ids of the places/organisations between title and name (الروسي → gpe-russia).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from dashboard.actors.text import clitic_forms, clitic_variants, name_key
from dashboard.arabic.chars import ARTICLE, CONJUNCTIONS
from dashboard.arabic.stopwords import is_stopword
from dashboard.datafiles import read_words
from dashboard.paths import data_file

# A word this frequent in the news (data/lexicon_ar.tsv) is a common word, not part of a
# name, unless it is a known personal name (given_names.txt, gazetteer names).
COMMON_WORD_FREQ = 150
MAX_SKIP = 3
MAX_NAME = 4
_ARABIC_WORD = re.compile("^[\u0621-\u064a]{2,}$")


@dataclass(frozen=True)
class Patterns:
    triggers: dict[str, tuple[tuple[str, ...], ...]]  # first key -> trigger token tuples
    skippable: frozenset[str]
    connectors: frozenset[str]
    breakers: frozenset[str]
    not_after: dict[str, frozenset[str]]  # name key -> words after which it is not a name


@lru_cache(maxsize=1)
def load_patterns() -> Patterns:
    data = tomllib.loads(data_file("gazetteers", "patterns.toml").read_text(encoding="utf-8"))
    triggers: dict[str, list[tuple[str, ...]]] = {}
    for t in data["triggers"]:
        toks = tuple(name_key(t).split(" "))
        triggers.setdefault(toks[0], []).append(toks)
    return Patterns(
        {k: tuple(sorted(v, key=len, reverse=True)) for k, v in triggers.items()},
        frozenset(name_key(w) for w in data["skippable"]),
        frozenset(name_key(w) for w in data["connectors"]),
        frozenset(name_key(w) for w in data["breakers"]),
        {
            name_key(k): frozenset(name_key(w) for w in v)
            for k, v in data.get("not_after", {}).items()
        },
    )


@lru_cache(maxsize=32_768)
def is_definite(key: str) -> bool:
    """الروسي، بالعاصمة، للبلاد: the token is (clitics +) ال + word."""
    return key.startswith("ال") or any(s.startswith("ال") for _, s in clitic_variants(key))


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    from dashboard.actors.gazetteer import load_gazetteer

    names = read_words("gazetteers/given_names.txt", required=False)
    return frozenset(names) | load_gazetteer().person_vocabulary


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, int]:
    try:
        from dashboard.arabic.clitics import lexicon

        return lexicon()
    except Exception:  # noqa: BLE001 - without a lexicon the rule is simply not applied
        return {}


def is_common_word(key: str) -> bool:
    """A frequent news word (or clitics + one) that is not a known personal name."""
    known = known_names()
    if key in known:
        return False
    lx = _lexicon()
    if lx.get(key, 0) >= COMMON_WORD_FREQ:
        return True
    return any(
        lx.get(stem, 0) >= COMMON_WORD_FREQ and stem not in known
        for _, stem in clitic_variants(key)
    )


@lru_cache(maxsize=32_768)
def can_be_name(key: str) -> bool:
    """A plain Arabic word that is neither a stop word, a breaker, nor a common word."""
    p = load_patterns()
    return (
        bool(_ARABIC_WORD.match(key))
        and not is_stopword(key)
        and key not in p.breakers
        and not is_common_word(key)
    )


RARE_WORD_FREQ = 30
# Words ending in an attached pronoun (جولته، زيارتها) are not names.
_PRONOUN_ENDINGS = ("ته", "تها", "تهم", "تهما", "هما")


def _has_unknown_clitic(key: str) -> bool:
    """The word may be read as proclitic + word and is not itself a known name."""
    return key not in known_names() and bool(clitic_variants(key))


def _fits_name(key: str, position: int, after_connector: bool, first: str) -> bool:
    """May ``key`` be word number ``position`` (0-based) of a name starting with ``first``?"""
    if not can_be_name(key):
        return False
    known = key in known_names()
    if not known:
        if key.endswith(_PRONOUN_ENDINGS):
            return False
        lx = _lexicon()
        # و/ف/ب/ك/ل + a news word (لإذاعة، بتهمة): a clitic-bearing common word.
        if any(lx.get(stem, 0) >= RARE_WORD_FREQ for _, stem in clitic_variants(key)):
            return False
    if position == 0:
        return not is_definite(key) and not _is_trigger(key)
    if position == 1 and is_definite(key) and not known and _has_unknown_clitic(first):
        return False  # للاتحاد … لمحترفي الغولف: a preposition + noun phrase, not a name
    if key[0] in CONJUNCTIONS and not known:
        return False  # "… بوتين وشي": a coordinated second name starts here
    # A surname is written with its own ال (الأسد), not with a preposition (بالقصيم),
    # and comes second, or after a connector (بن عبد الرحمن).
    if (
        is_definite(key)
        and not known
        and (not key.startswith("ال") or (position > 1 and not after_connector))
    ):
        return False
    if position >= 2 and not after_connector and not known:
        return _lexicon().get(key, 0) < RARE_WORD_FREQ
    return True


@lru_cache(maxsize=32_768)
def _is_trigger(key: str) -> bool:
    p = load_patterns()
    return key in p.triggers or any(s in p.triggers for _, s in clitic_variants(key))


@lru_cache(maxsize=32_768)
def _triggers_at(key: str) -> tuple[tuple[str, ...], ...]:
    """Trigger token tuples that may start at a token with key ``key`` (read bare, then
    with its clitics off), in the order they are tried; empty for most words."""
    p = load_patterns()
    heads = [key] + [s for _, s in clitic_variants(key)]
    return tuple(toks for head in heads for toks in p.triggers.get(head, ()))


@lru_cache(maxsize=1)
def _trigger_keys() -> frozenset[str]:
    """Every token key at which a trigger may start (``_triggers_at`` is not empty): the
    first words of the triggers, bare or behind proclitics. A sentence without any of
    them has no pattern name."""
    heads = {toks[0] for tuples in load_patterns().triggers.values() for toks in tuples}
    forms = {form for head in heads for form in clitic_forms(head)}
    return frozenset(k for k in forms if _triggers_at(k))


def _trigger_end(keys: list[str], i: int) -> int | None:
    """End token of the first trigger that starts at ``keys[i]`` (None if none does)."""
    for toks in _triggers_at(keys[i]):
        n = len(toks)
        if all(i + j < len(keys) and keys[i + j] == toks[j] for j in range(1, n)):
            return i + n
    return None


def find_people(
    keys: list[str],
    gaz_at: dict[int, tuple[int, str, tuple[str, ...]]],
    tries: Sequence[int] | None = None,
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Token ranges ``(first, last)`` of person names announced by a trigger.

    ``keys``: normalised token keys of one sentence; ``gaz_at``: token index → (end token,
    kind, actor ids) of gazetteer matches, which may be skipped (nisba, place, organisation) but are
    never part of a pattern name (a known person is the gazetteer's). ``tries``: the
    tokens, in order, that may start a trigger (every token whose key is one of
    :func:`person_start_keys` at least), when the caller knows them; None: all.
    """
    out: list[tuple[int, int, tuple[str, ...]]] = []
    trigger_keys = _trigger_keys()
    at = [i for i in (range(len(keys)) if tries is None else tries) if keys[i] in trigger_keys]
    if not at:
        return out  # most sentences: no word that may start a trigger
    p = load_patterns()
    n = len(keys)
    resume = 0  # a trigger is looked for from here on (after the last name found)
    for i in at:
        if i < resume:
            continue
        j = _trigger_end(keys, i)
        if j is None:
            continue
        skipped = 0
        hints: list[str] = []
        while j < n and skipped < MAX_SKIP:
            if j in gaz_at and gaz_at[j][1] != "PER":
                hints.extend(gaz_at[j][2])
                j = gaz_at[j][0]
            elif keys[j] in p.skippable or (
                is_definite(keys[j]) and keys[j] not in p.breakers and not is_stopword(keys[j])
            ):
                j += 1
            else:
                break
            skipped += 1
        start = j
        j = _name_end(keys, start, gaz_at)
        if j > start:
            out.append((start, j, tuple(hints)))
        resume = max(j, i + 1)
    return out


def _name_end(keys: list[str], start: int, gaz_at) -> int:
    """End token of the person's name starting at ``start`` (``start`` when there is none:
    a single word is too ambiguous to be a new person — a first name, a verb …)."""
    p = load_patterns()
    j = start
    while j < len(keys) and j - start < MAX_NAME and j not in gaz_at:
        key = keys[j]
        after_connector = j > start and keys[j - 1] in p.connectors
        if j > start and key in p.connectors:
            j += 1
            continue
        if not _fits_name(key, j - start, after_connector, keys[start]):
            break
        j += 1
        if is_definite(key):
            break  # بشار الأسد: a definite word ends the name
    while j > start and keys[j - 1] in p.connectors:
        j -= 1
    return j if j - start >= 2 else start


@lru_cache(maxsize=1)
def person_start_keys() -> frozenset[str]:
    """Every token key at which :func:`find_people` (a trigger) or
    :func:`find_named_people` (a given name) may start: a caller that knows where these
    are passes them as ``tries``, and the other tokens are not read."""
    return _trigger_keys() | _name_starts()


@lru_cache(maxsize=1)
def person_titles() -> frozenset[str]:
    """One-word titles of people with the article (الرئيس، البابا، الملك), from the
    triggers: before a name, outside it."""
    return frozenset(
        t[0]
        for ts in load_patterns().triggers.values()
        for t in ts
        if len(t) == 1 and t[0].startswith(ARTICLE)
    )


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """One-word personal names (``data/gazetteers/given_names.txt``)."""
    return frozenset(read_words("gazetteers/given_names.txt", required=False))


#: A word the news writes this often with a feminine ت after it (زارت، جرت) is a verb.
MIN_VERB_FORMS = 5


def is_past_verb(key: str) -> bool:
    """A past-tense verb that lists of given names hold too (زار، شكر، جرى): the news
    writes it with the feminine ت (زارت، شكرت، جرت)."""
    lx = _lexicon()
    return lx.get(key + "ت", 0) >= MIN_VERB_FORMS or (
        key.endswith(("ى", "ي")) and lx.get(key[:-1] + "ت", 0) >= MIN_VERB_FORMS
    )


@lru_cache(maxsize=1)
def _name_starts() -> frozenset[str]:
    """Token keys that may start a name without a title: a given name of three letters
    or more, bare or after و alone (ولوكاس; بيانا، لجان، بشكل are words, not ب/ل + a name)."""
    names = [n for n in given_names() if len(n) >= 3]
    return frozenset([*names, *("و" + n for n in names)])


def find_named_people(
    keys: list[str],
    gaz_at: dict[int, tuple[int, str, tuple[str, ...]]],
    is_homograph,
    tries: Sequence[int] | None = None,
) -> list[tuple[int, int]]:
    """Token ranges of people named without a title: a known given name, not a common
    word there (``is_homograph``), then a surname no list knows, a rare word
    (باستيان شفاينشتايجر، ومورجان شنايدرلين، علي الخضراوي). Tokens of ``gaz_at`` are
    never part of one. ``tries``: as for :func:`find_people`."""
    names, connectors = given_names(), load_patterns().connectors
    starts = _name_starts()
    out: list[tuple[int, int]] = []
    j = 0
    for i in [i for i in (range(len(keys)) if tries is None else tries) if keys[i] in starts]:
        key = keys[i]
        if i < j or i in gaz_at or i + 1 >= len(keys) or i + 1 in gaz_at:
            continue
        before = keys[i - 1] if i > 0 else ""
        if before in names or before in connectors or gaz_at.get(i - 1, (0, ""))[1] == "PER":
            continue  # inside a name already (أيهم | أحمد، سعيد بن | محمد)
        stem = key if key in names else key[1:]
        if stem in connectors or is_homograph(stem) or is_definite(key) or is_past_verb(stem):
            continue  # a connector, a common word, a verb (وجرى اقتيادهم)
        if _is_trigger(key) or (stem == key and (i - 1) in gaz_at):
            continue  # right after a known name, a word of it (جوجل بلس)
        if _lexicon().get(keys[i + 1], 0) >= RARE_WORD_FREQ:
            continue  # a news word, or a frequent name (أيهم أحمد): no surname here
        # The name read from its stem (ولوكاس → لوكاس); the caller leaves the clitic out.
        j = _name_end([*keys[:i], stem, *keys[i + 1 :]] if stem != key else keys, i, gaz_at)
        if j > i:
            out.append((i, j))
    return out
