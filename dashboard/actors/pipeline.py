"""Actor mentions: per-article recognition and corpus-level linking.

``recognize_article(text, sentence_spans) -> list[dict]`` — pure and picklable, no corpus
state. Finds, within each sentence:
  * gazetteer names (longest match over normalised tokens; a proclitic on the first token
    is left out of the span: لموسكو → موسكو), nisba adjectives included (الروسي → Russia);
  * people announced by a title/trigger (نظيرها الروسي سيرغي لافروف → سيرغي لافروف);
  * the CRF recogniser's entities (dashboard.actors.recognizer), if its model loads;
    otherwise a warning is logged once and the other two methods carry on.
Each candidate: start, end (``text[start:end] == surface``), surface, kind
(PER/GPE/LOC/ORG), method (gazetteer/pattern/model), key (normalised name), actor_ids
('|'-joined gazetteer ids, '' when unlinked), form (name/nisba/abbr), hint ('|'-joined ids
of the nisba/place/organisation between a title and a pattern name: the person's country).

``link_mentions(articles_df, sentences_df, candidates_df) -> (actors_df, mentions_df)`` —
see dashboard.actors.link (candidates_df = the dicts above plus ``article_id``).
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import replace
from functools import lru_cache

from dashboard.actors.gazetteer import load_gazetteer
from dashboard.actors.homographs import is_homograph, place_evidence
from dashboard.actors.iob import entity_spans
from dashboard.actors.link import link_mentions
from dashboard.actors.organisations import (
    COUNTRY,
    english_name,
    find_organisations,
    is_classifier,
    is_state_body,
    load_grammar,
)
from dashboard.actors.patterns import (
    can_be_name,
    find_named_people,
    find_people,
    given_names,
    is_common_word,
    is_definite,
    is_past_verb,
    known_names,
    load_patterns,
    person_start_keys,
    person_titles,
)
from dashboard.actors.text import (
    clitic_forms,
    clitic_variants,
    name_key,
    original_offset,
    token_key,
    tokenize,
)
from dashboard.arabic.stopwords import is_stopword
from dashboard.datafiles import read_table, read_words
from dashboard.frames import ACTOR_KINDS

__all__ = [
    "recognize_article",
    "recognize_articles",
    "recognize_articles_with_tokens",
    "link_mentions",
    "model_available",
    "actors_fingerprint",
]

log = logging.getLogger(__name__)
# Tanwin (ً ٌ ٍ) marks an indefinite common word: names in the news do not carry it.
_TANWIN = re.compile("[\u064b-\u064d]")
#: What covers a token already: (end token of the name, kind, actor ids).
Covered = tuple[int, str, tuple[str, ...]]
#: Recogniser label → actor kind (ANERcorp-style MISC is no actor).
MODEL_KINDS: dict[str, str | None] = {**{kind: kind for kind in ACTOR_KINDS}, "MISC": None}


@lru_cache(maxsize=1)
def _recognizer():
    """The CRF recogniser, loaded once per process; None (with a warning) if unavailable."""
    try:
        from dashboard.actors.recognizer import Recognizer

        return Recognizer.load()
    except Exception as exc:  # noqa: BLE001 - any failure means: run without the model
        log.warning("actor recogniser unavailable (%s); using gazetteer and patterns only", exc)
        return None


def actors_fingerprint() -> str:
    """Short hex digest of every data file that changes actor results (gazetteers, patterns,
    name lists, overrides, the model): part of a cache key, so an edit never serves stale
    frames."""
    import hashlib

    from dashboard.paths import data_file

    h = hashlib.blake2b(digest_size=8)
    files = sorted(data_file("gazetteers").glob("*")) + sorted(data_file("model").glob("*"))
    for path in [*files, data_file("actor_overrides.toml")]:
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def model_available() -> bool:
    """True when the CRF model loaded (recognition then includes method='model')."""
    return _recognizer() is not None


def _candidate(text, start, end, kind, method, key, ids=(), form="name") -> dict:
    return {
        "start": start,
        "end": end,
        "surface": text[start:end],
        "kind": kind,
        "method": method,
        "key": key,
        "actor_ids": "|".join(ids),
        "form": form,
        "hint": "",
        "name_en": "",
    }


def _strip_model_clitic(token: str, key: str, known: frozenset[str]) -> int:
    """Letters of proclitics to drop from a model entity's first token (0 if unsure)."""
    for prefix, stem in clitic_variants(key):
        if stem in known:
            return original_offset(token, prefix)
    return 0


def recognize_article(text: str, sentence_spans: list[tuple[int, int]]) -> list[dict]:
    """Candidate actor mentions of one article, in text order (see the module docstring)."""
    return recognize_articles([(text, sentence_spans)])[0]


def recognize_articles(articles: list[tuple[str, list[tuple[int, int]]]]) -> list[list[dict]]:
    """:func:`recognize_article` of each (text, sentence spans) pair; the CRF tags all
    the articles in one pass, which is much faster than one article at a time."""
    return [cands for cands, _, _ in recognize_articles_with_tokens(articles)]


def recognize_articles_with_tokens(
    articles: list[tuple[str, list[tuple[int, int]]]],
) -> list[tuple[list[dict], list[tuple[int, int]], list[str]]]:
    """:func:`recognize_articles`, each article's candidates with its token spans
    (``dashboard.arabic.tokens.tokenize``) and their keys (``token_key``), which later
    steps may read instead of tokenising and normalising the text again."""
    gaz = load_gazetteer()  # once per batch: it checks its files for edits
    found = [_rule_candidates(text, spans, gaz) for text, spans in articles]
    # The model reads each sentence's token strings, cut from the article's once.
    tagged = _tag_articles(
        [[words[a:b] for a, b, _ in model_input] for _, _, words, model_input, _, _ in found]
    )
    out = []
    for (text, _), (cands, spans, _, model_input, untitled, keys), tags in zip(
        articles, found, tagged, strict=True
    ):
        if tags is not None:
            cands.extend(_model_candidates(text, spans, model_input, tags, gaz))
        taken = sorted((c["start"], c["end"]) for c in cands)
        cands.extend(c for c in untitled if not _overlaps(taken, c["start"], c["end"]))
        _clubs_throughout(cands, gaz.country_ids)
        cands.sort(key=lambda c: (c["start"], -c["end"]))
        out.append((cands, spans, keys))
    return out


def _rule_candidates(text: str, sentence_spans: list[tuple[int, int]], gaz):
    """Gazetteer (``gaz``), pattern and name-part candidates of one article (unsorted),
    its token spans and their strings, per sentence (first token, end token, tokens
    already covered), the people named without a title, to add where no other candidate
    is, and the tokens' keys."""
    never = gaz.overrides.never_keys
    spans = tokenize(text)
    starts = [s for s, _ in spans]
    # Token keys once per article (the name parts below read them again).
    words = [text[s:e] for s, e in spans]
    all_keys = list(map(token_key, words))
    # The few tokens at which a finder below may start, found once per article: each
    # sentence's finders try only these instead of reading every token.
    maybe = _maybe_starts(all_keys, gaz)
    out: list[dict] = []
    untitled: list[dict] = []  # people named without a title (find_named_people)
    # Per sentence: its token range, then (range, tokens already covered) for the model.
    model_input: list[tuple[int, int, dict[int, Covered]]] = []
    for s_start, s_end in sentence_spans:
        a = bisect.bisect_left(starts, s_start)
        b = bisect.bisect_left(starts, s_end)
        covered: dict[int, Covered] = {}
        model_input.append((a, b, covered))
        tries = [i - a for i in maybe[bisect.bisect_left(maybe, a) : bisect.bisect_left(maybe, b)]]
        if not tries:
            continue  # no finder starts anywhere in this sentence
        toks = spans[a:b]
        keys = all_keys[a:b]
        _add_gazetteer_names(text, toks, keys, covered, out, gaz, tries)
        _add_organisations(text, toks, keys, covered, out, gaz, tries)
        _add_latin_acronyms(text, toks, keys, covered, out, gaz, tries)
        for first, last, hints in find_people(keys, covered, tries):
            _add_person(text, toks, keys, (first, last), hints, covered, out, never)
        # People without a title only where the model finds nothing (see recognize_articles):
        # their tokens stay uncovered, so that the model reads the sentence as before.
        for first, last in find_named_people(keys, covered, is_homograph, tries):
            _add_person(text, toks, keys, (first, last), (), {}, untitled, never)
    out.extend(_name_parts(text, spans, all_keys, model_input, out))
    return out, spans, words, model_input, untitled, all_keys


@lru_cache(maxsize=4)
def _start_keys(gaz) -> frozenset[str]:
    """Every token key at which a name of ``gaz``, an organisation's head or a person's
    pattern may start."""
    return gaz.first_keys | load_grammar().head_keys | person_start_keys()


def _maybe_starts(keys: list[str], gaz) -> list[int]:
    """Indices of the tokens (by their ``keys``) at which a finder of
    :func:`_rule_candidates` may start: a key of :func:`_start_keys` or a Latin acronym.
    Each finder still checks its own keys; the others are not read at all."""
    distinct = set(keys)
    # Set operations and filter() loop in C: only the article's distinct keys are tested.
    wanted = distinct & _start_keys(gaz)
    wanted.update(filter(_LATIN_ACRONYM.match, distinct))
    return [i for i, key in enumerate(keys) if key in wanted]


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a span of ``taken`` ((start, end) pairs)."""
    return any(s < end and start < e for s, e in taken)


def _add_person(text, toks, keys, tokens: tuple[int, int], hints, covered, out, never) -> None:
    """A person found by a pattern over ``tokens`` (first, last): its candidate, its
    tokens covered; unless the name is one of ``never`` (the overrides')."""
    first, last = tokens
    key = " ".join(keys[first:last])
    if key in never:
        return
    # A proclitic on the first name (ليوسف عجلان، ومورجان) stays outside the mention.
    names = known_names()
    word = text[toks[first][0] : toks[first][1]]
    cut = 0 if keys[first] in names else _strip_model_clitic(word, keys[first], names)
    if cut:
        key = " ".join([token_key(word[cut:]), *keys[first + 1 : last]])
    cand = _candidate(text, toks[first][0] + cut, toks[last - 1][1], "PER", "pattern", key)
    cand["hint"] = "|".join(hints)
    out.append(cand)
    for j in range(first, last):
        covered[j] = (last, "PER", ())


def _add_gazetteer_names(text, toks, keys, covered, out: list[dict], gaz, tries) -> None:
    """Names the gazetteer knows in one sentence, longest first, left to right: each a
    candidate, its tokens covered. A place followed by words of a foreign organisation's
    name (واشنطن بوست) is that organisation. ``tries``: the tokens that may start one
    (every token whose key is one of ``gaz.first_keys`` at least), in order."""
    not_after, connectors = load_patterns().not_after, load_patterns().connectors
    first_keys = gaz.first_keys
    resume = 0  # after a name, the next one starts at its end
    # Only tokens that may start a name are tried (most do not).
    for i in tries:
        if i < resume or keys[i] not in first_keys:
            continue
        m = gaz.match(keys, i)
        if m is None:
            continue
        first_tok = text[toks[i][0] : toks[i][1]]
        last_tok = text[toks[m.last - 1][0] : toks[m.last - 1][1]]
        if _TANWIN.search(last_tok) or (i > 0 and keys[i - 1] in not_after.get(m.key, ())):
            # دوماً is "always", not Douma; دعم مالي is "financial support", not Mali.
            continue
        if m.form == "name" and m.last - i == 1 and _common_word_here(keys, i, m.kind, gaz):
            continue  # مشهد "scene", not Mashhad
        if m.form == "nisba" and m.last < len(keys) and keys[m.last] in connectors:
            continue  # تركي آل الشيخ، سعودي بن …: a given name before its family's

        if len(m.actor_ids) > 1:
            m = _narrow_places(keys, m, covered, gaz)
        start = toks[i][0] + (original_offset(first_tok, m.prefix) if m.prefix else 0)
        end = toks[m.last - 1][1]
        key = m.key
        tail = _org_tail(keys, m, gaz)
        if _relative_before(keys, m, covered, gaz):  # إيفانكا ترامب is not Donald Trump
            first_tok = text[toks[i - 1][0] : toks[i - 1][1]]
            cut = _strip_model_clitic(first_tok, keys[i - 1], given_names())
            key = " ".join([token_key(first_tok[cut:]), m.key])
            out.append(_candidate(text, toks[i - 1][0] + cut, end, "PER", "pattern", key))
            m = replace(m, first=i - 1)
        elif tail is not None:  # واشنطن بوست: the newspaper
            key, end = " ".join([m.key, *keys[m.last : tail[0]]]), toks[tail[0] - 1][1]
            m = replace(m, last=tail[0], kind="ORG", actor_ids=())
            cand = _candidate(text, start, end, "ORG", "pattern", key)
            cand["name_en"] = tail[1]
            out.append(cand)
        else:
            if _classifier_before_name(keys, m):  # وكالة [رويترز]: the name without it
                start, key = toks[i + 1][0], " ".join(keys[i + 1 : m.last])
            out.append(
                _club_candidate(text, start, end, keys, m, gaz)
                or _candidate(text, start, end, m.kind, "gazetteer", key, m.actor_ids, m.form)
            )
        for j in range(m.first, m.last):
            covered[j] = (m.last, m.kind, m.actor_ids)
        resume = m.last


def _relative_before(keys: list[str], m, covered, gaz) -> bool:
    """Whether a known person's one-word name (ترامب) follows a given name that is not
    theirs (إيفانكا، ميلانيا): a relative, another person with the family name. Not a
    past-tense verb (زار، شكر: given names too), which the news also writes with the
    feminine ت (زارت)."""
    i = m.first
    if m.kind != "PER" or m.last - i != 1 or m.prefix or i == 0 or (i - 1) in covered:
        return False
    before = keys[i - 1]
    names = given_names()
    stem = (
        before
        if before in names
        else next((s for _, s in clitic_variants(before) if s in names), "")
    )
    patterns = load_patterns()
    if len(stem) < 3 or is_homograph(stem) or stem in patterns.connectors:
        return False
    if stem in patterns.breakers or is_past_verb(stem):
        return False  # زار ترامب، شكر ترامب: a verb (زارت، شكرت) before the name
    own = {
        t
        for aid in m.actor_ids
        for t in name_key(gaz.actors.get(aid, {}).get("name_ar", "")).split(" ")
    }
    return stem not in own and not is_definite(before)


@lru_cache(maxsize=1)
def _org_tails() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Words of a foreign organisation's name after a place's (``org_tails.tsv``), by
    their first word: (words, English), longest first."""
    tails: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for arabic, english in read_table(
        "gazetteers/org_tails.tsv", ("arabic", "english"), header=True
    ):
        words = tuple(name_key(arabic).split(" "))
        tails.setdefault(words[0], []).append((words, english))
    return {k: sorted(v, key=lambda t: -len(t[0])) for k, v in tails.items()}


def _org_tail(keys: list[str], m, gaz) -> tuple[int, str] | None:
    """(end token, English name) of the organisation a place's name starts, when words of
    ``org_tails.tsv`` follow it: واشنطن بوست, نيويورك سيتي إف سي; else None."""
    if m.kind != "GPE" or m.form != "name" or m.last >= len(keys):
        return None
    tails = _org_tails()
    last, words = m.last, []
    while last < len(keys) and keys[last] in tails:
        run = next(
            (t for t in tails[keys[last]] if tuple(keys[last : last + len(t[0])]) == t[0]), None
        )
        if run is None:
            break
        words.append(run[1])
        last += len(run[0])
    if not words:
        return None
    places = [gaz.actors[i]["name_en"] for i in m.actor_ids if i in gaz.actors]
    place = places[0] if len(places) == 1 else ""
    if place.split(" ")[-1:] == words[:1]:
        place = place.rsplit(" ", 1)[0]  # New York City + City FC
    english = " ".join([place, *words]) if place else ""  # no English from an unsure place
    return last, english


@lru_cache(maxsize=1)
def _city_cues() -> frozenset[str]:
    """Words that announce a city (العاصمة عمان): ``city_cues.txt``."""
    return frozenset(name_key(w) for w in read_words("gazetteers/city_cues.txt"))


def _narrow_places(keys: list[str], m, covered, gaz):
    """A name of both a country and a city (عمان: Oman, Amman) read by the words around
    it: a city after a word that announces one (العاصمة عمان); the country or the city
    when coordinated with a country or a city (الكويت وعمان والبحرين). Else unchanged:
    the linker weighs the article's evidence."""
    countries = tuple(i for i in m.actor_ids if i in gaz.country_ids)
    cities = tuple(i for i in m.actor_ids if i not in gaz.country_ids)
    if not countries or not cities:
        return m
    before = keys[m.first - 1] if m.first > 0 else ""
    if before in _city_cues() or any(s in _city_cues() for _, s in clitic_variants(before)):
        return replace(m, actor_ids=cities)
    neighbours = []
    if keys[m.first].startswith("و") or before in ("،", ","):
        j = m.first - 1 if keys[m.first].startswith("و") else m.first - 2
        if j >= 0 and j in covered:
            neighbours.append(covered[j][2])
    j = m.last + 1 if m.last < len(keys) and keys[m.last] in ("،", ",") else m.last
    after = gaz.match(keys, j) if j < len(keys) else None
    if after is not None and (j > m.last or keys[j].startswith("و")):
        neighbours.append(after.actor_ids)
    for ids in neighbours:
        if len(ids) == 1 and ids[0] in gaz.country_ids:
            return replace(m, actor_ids=countries)
        if len(ids) == 1 and gaz.actors.get(ids[0], {}).get("kind") == "GPE":
            return replace(m, actor_ids=cities)
    return m


def _classifier_before_name(keys: list[str], m) -> bool:
    """Whether a gazetteer organisation's name starts with a classifier noun followed by
    the organisation's own name (وكالة رويترز، نادي برشلونة), which the mention is alone;
    not when a common noun follows (وكالة الأنباء السعودية is built on its head)."""
    if m.kind != "ORG" or m.last - m.first < 2 or not is_classifier(keys[m.first]):
        return False
    after = keys[m.first + 1]
    return not (is_definite(after) and is_common_word(after))


#: A Latin acronym (CNN, TRAI): upper-case letters only.
_LATIN_ACRONYM = re.compile("^[A-Z]{2,6}$")
_DASHES = frozenset("-–—")


@lru_cache(maxsize=1)
def _acronym_actors() -> dict[str, str]:
    """Latin acronym → the gazetteer organisation whose English name it is (CNN, AFP)."""
    gaz = load_gazetteer()
    return {
        a["name_en"]: aid
        for aid, a in sorted(gaz.actors.items())
        if a["kind"] == "ORG" and _LATIN_ACRONYM.match(a["name_en"] or "")
    }


def _add_latin_acronyms(text, toks, keys, covered, out: list[dict], gaz, tries) -> None:
    """Latin acronyms in an Arabic sentence as organisations (form ``abbr``, so that the
    Arabic name stays the actor's name): right after an organisation, in parentheses or
    not (هيئة تنظيم الاتصالات الهندية TRAI), the same organisation; an acronym the
    gazetteer knows by its English name; one in parentheses before a dash, an outlet's
    credit (دبي (CNN)--). ``tries``: the tokens that may be one (every Latin acronym at
    least), in order."""
    for j in tries:
        key = keys[j]
        if j in covered or not _LATIN_ACRONYM.match(key):
            continue
        before = j - 1 if j > 0 and keys[j - 1] != "(" else j - 2
        start, end = toks[j]
        org = covered.get(before) if before >= 0 else None
        source = None
        if org is not None and org[1] == "ORG":
            ends = toks[before][1]
            source = next((c for c in out if c["kind"] == "ORG" and c["end"] == ends), None)
        if source is not None:
            cand = {**source, "start": start, "end": end, "surface": key, "form": "abbr"}
        elif key in _acronym_actors():
            cand = _candidate(text, start, end, "ORG", "gazetteer", key, (_acronym_actors()[key],))
            cand["form"] = "abbr"
        elif _in_parentheses_before_dash(keys, j):
            cand = _candidate(text, start, end, "ORG", "pattern", key, form="abbr")
        else:
            continue
        out.append(cand)
        covered[j] = (j + 1, "ORG", ())


def _in_parentheses_before_dash(keys: list[str], j: int) -> bool:
    return (
        0 < j < len(keys) - 2
        and keys[j - 1] == "("
        and keys[j + 1] == ")"
        and keys[j + 2][:1] in _DASHES
    )


@lru_cache(maxsize=1)
def _club_cues() -> frozenset[str]:
    return frozenset(name_key(w) for w in read_words("gazetteers/club_cues.txt"))


def _club_candidate(text, start, end, keys, m, gaz) -> dict | None:
    """A city named for its sports club (أمام روما، برشلونة الإسباني) as an organisation
    candidate: the club the gazetteer knows as نادي/فريق + the city, else a club linked by
    its city (``hint``) with the English name "<city> club"; None when the city is a city.
    Evidence: a word of ``club_cues.txt`` before it, or a masculine nisba after it."""
    if m.kind != "GPE" or m.form != "name" or len(m.actor_ids) != 1:
        return None
    city = m.actor_ids[0]
    if city in gaz.country_ids:
        return None
    before = keys[m.first - 1] if m.first > 0 else ""
    cue = before in _club_cues() or any(s in _club_cues() for _, s in clitic_variants(before))
    if not cue:  # else a masculine nisba after it (برشلونة الإسباني)
        after = gaz.match(keys, m.last) if m.last < len(keys) else None
        if after is None or after.form != "nisba" or keys[m.last].endswith("ه"):
            return None
    return _club(text, start, end, m.key, city, gaz)


def _clubs_throughout(cands: list[dict], countries: frozenset[str]) -> None:
    """A city found as its club somewhere in an article is the club wherever the article
    names it alone (in place): فاز روما … وسجل روما. A country is never a club."""

    def is_city(c: dict) -> bool:
        return c["kind"] == "GPE" and c["form"] == "name" and c["actor_ids"] not in countries

    places = {c["key"] for c in cands if is_city(c)}
    clubs = {
        key: c for c in cands if c["kind"] == "ORG" and (key := name_key(c["surface"])) in places
    }
    if not clubs:
        return
    for c in cands:
        club = clubs.get(c["key"]) if is_city(c) else None
        if club is not None:
            c.update({k: club[k] for k in ("kind", "method", "actor_ids", "name_en", "hint")})


def _known_club(text, start, end, key: str, gaz) -> dict | None:
    """The candidate of the club the gazetteer knows as نادي/فريق + ``key``, or None."""
    for head in ("نادي", "فريق"):
        club = gaz.match([head, *key.split(" ")], 0)
        if club is not None and club.kind == "ORG" and club.key.count(" ") == key.count(" ") + 1:
            return _candidate(text, start, end, "ORG", "gazetteer", club.key, club.actor_ids)
    return None


def _club(text, start, end, key: str, city: str, gaz) -> dict:
    """The candidate of the club named by the city ``city`` (its name ``key``)."""
    known = _known_club(text, start, end, key, gaz)
    if known is not None:
        return known
    cand = _candidate(text, start, end, "ORG", "pattern", key)
    cand["hint"] = city
    cand["name_en"] = f"{gaz.actors[city]['name_en']} club" if city in gaz.actors else ""
    return cand


@lru_cache(maxsize=65_536)
def _names_a_homograph(key: str, gaz) -> bool:
    """Whether the name ``gaz`` reads in the token key ``key`` (its first clitic reading
    that ``gaz`` indexes, else the key) is a homograph of a common noun: memoised, as the
    same few thousand names come back in every article."""
    stem = next((s for _, s in clitic_variants(key) if s in gaz.index), key)
    return is_homograph(stem)


def _common_word_here(keys: list[str], i: int, kind: str, gaz) -> bool:
    """Whether the one-word name at token ``i`` is a common word there: a homograph of a
    common noun (dashboard.actors.homographs) without a place's context; a person's
    one-word name that is a common noun is always taken as the noun."""
    if kind == "ORG" or not _names_a_homograph(keys[i], gaz):
        return False  # an organisation's one-word name is written as a name (سبق، الأمل)
    if kind == "PER":
        return True

    def place_at(j: int) -> str | None:
        m = gaz.match(keys, j)
        return m.form if m is not None and m.kind in ("GPE", "LOC") else None

    return not place_evidence(keys, i, i + 1, place_at)


def _add_organisations(text, toks, keys, covered, out: list[dict], gaz, tries) -> None:
    """Organisations named by their grammar (dashboard.actors.organisations) in one
    sentence: each becomes a candidate (kind ORG, method pattern) whose ``hint`` holds the
    places inside it (its country) and ``name_en`` its English name without the country;
    the places' own candidates inside it are dropped, its tokens covered. ``tries``: the
    tokens that may start one (see :func:`find_organisations`)."""
    for org in find_organisations(keys, covered, tries=tries):
        first_tok = text[toks[org.first][0] : toks[org.first][1]]
        start = toks[org.first][0] + (original_offset(first_tok, org.prefix) if org.prefix else 0)
        end = toks[org.last - 1][1]
        out[:] = [c for c in out if not (start <= c["start"] and c["end"] <= end)]
        key = name_key(text[start:end])
        cand = _candidate(text, start, end, "ORG", "pattern", key)
        cand["hint"] = "|".join(org.place_ids or _country_after(keys, org.last, covered, gaz))
        english = english_name(org, lambda part: _place_name(part, gaz)) or ""
        supranational = not _supranational_words().isdisjoint(english.split(" "))
        if is_state_body(org) and COUNTRY not in english and not supranational:
            # The linker puts the country here, or drops it; a state body without an
            # English name (a word org_words.tsv lacks) still gets its country.
            english = f"{english} ({COUNTRY})" if english else COUNTRY
        cand["name_en"] = english
        out.append(cand)
        for j in range(org.first, org.last):
            covered[j] = (org.last, "ORG", ())


@lru_cache(maxsize=1)
def _supranational_words() -> frozenset[str]:
    """English words of an organisation's name that give it no state (``org_supranational.txt``)."""
    return frozenset(read_words("gazetteers/org_supranational.txt"))


def _country_after(keys: list[str], j: int, covered, gaz) -> tuple[str, ...]:
    """The country named right after an organisation: الهيئة العامة للاستثمار في
    السعودية، النيابة العسكرية بمصر."""
    if j < len(keys) and keys[j] == "في":
        j += 1
    elif not (j < len(keys) and keys[j].startswith("ب")):
        return ()
    found = covered.get(j)
    if found is None or found[1] != "GPE":
        return ()
    return tuple(i for i in found[2] if i in gaz.country_ids)


def _place_name(part, gaz) -> str | None:
    """English name of a place inside an organisation's name (جامعة القاهرة → Cairo);
    None for a country, which the linker adds as the organisation's country."""
    ids = [i for i in part.ids if i not in gaz.country_ids]
    return gaz.actors[ids[0]]["name_en"] if len(ids) == 1 and ids[0] in gaz.actors else None


def _parts_of(key: str) -> list[str]:
    """Partial forms of a person's name key: its surname(s) — every proper suffix — and
    every inner run of two or more words (شو سون هوي → سون هوي، هوي)."""
    toks = key.split(" ")
    n = len(toks)
    connectors = load_patterns().connectors
    # After بن/عبد/أبو comes a father's or compound name, never a name on its own (حمد of
    # خليفة بن حمد); a part never starts with a connector either.
    starts = [i for i in range(1, n) if toks[i] not in connectors and toks[i - 1] not in connectors]
    parts = {" ".join(toks[i:]) for i in starts}
    parts |= {
        " ".join(toks[i:j])
        for i in [0, *starts]
        for j in range(i + 2, n + 1)
        if j - i < n and toks[j - 1] not in connectors
    }
    return [p for p in parts if all(len(t) >= 3 and can_be_name(t) for t in p.split(" "))]


def _name_parts(text, spans, all_keys, sentences, found) -> list[dict]:
    """Mentions of a part of a person's name found elsewhere in the same article.

    ``وتزور سون هوي موسكو`` after ``شو سون هوي``: the part is tagged with the full name's
    actor (gazetteer) or key (pattern), so linking joins them. Only uncovered tokens.
    """
    parts: dict[tuple[str, ...], dict] = {}
    for c in found:
        if c["kind"] == "PER" and c["form"] == "name":
            for part in _parts_of(c["key"]):
                parts.setdefault(tuple(part.split(" ")), c)
    if not parts:
        return []
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for p in sorted(parts, key=len, reverse=True):
        by_first.setdefault(p[0], []).append(p)
    # Tokens that may start a part (its first word, bare or behind proclitics; a
    # superset, which _part_at sorts out): only those positions are read.
    heads = set(by_first).union(*map(clitic_forms, by_first))
    at = [i for i, key in enumerate(all_keys) if key in heads]
    out = []
    for a, b, covered in sentences:
        lo, hi = bisect.bisect_left(at, a), bisect.bisect_left(at, b)
        if lo == hi:
            continue
        keys = all_keys[a:b]
        resume = 0  # after a part, the next one starts at its end
        for i in [g - a for g in at[lo:hi]]:
            hit = None if i < resume or i in covered else _part_at(keys, i, covered, by_first)
            if hit is None:
                continue
            prefix, p = hit
            src = parts[p]
            first_tok = text[spans[a + i][0] : spans[a + i][1]]
            start = spans[a + i][0] + (original_offset(first_tok, prefix) if prefix else 0)
            end = spans[a + i + len(p) - 1][1]
            ids = tuple(src["actor_ids"].split("|")) if src["actor_ids"] else ()
            out.append(_candidate(text, start, end, "PER", src["method"], " ".join(p), ids))
            for j in range(i, i + len(p)):
                covered[j] = (i + len(p), "PER", ())
            resume = i + len(p)
    return out


def _part_at(keys, i: int, covered, by_first) -> tuple[int, tuple[str, ...]] | None:
    """(proclitic letters, part) of the longest name part of ``by_first`` (first word →
    parts, longest first) starting at token ``i`` over uncovered tokens, else None."""
    for prefix, head in ((0, keys[i]), *clitic_variants(keys[i])):
        for p in by_first.get(head, ()):
            n = len(p)
            if all(
                i + j < len(keys) and j + i not in covered and keys[i + j] == p[j]
                for j in range(1, n)
            ):
                return prefix, p
    return None


def _tag_articles(documents: list[list[list[str]]]) -> list[list[list[str]] | None]:
    """CRF tags of each document (its sentences' tokens); None where there is no model or
    it failed on that document (logged: the article keeps its other candidates)."""
    rec = _recognizer()
    if rec is None:
        return [None] * len(documents)
    try:
        return rec.tag_documents(documents)
    except Exception as exc:  # noqa: BLE001 - retry one by one: a bad article loses only its own
        log.warning("actor recogniser failed on a batch of articles (%s); retrying one by one", exc)
    out: list[list[list[str]] | None] = []
    for doc in documents:
        try:
            out.append(rec.tag_document(doc))
        except Exception as exc:  # noqa: BLE001 - a model failure must not lose the article
            log.warning(
                "actor recogniser failed on an article (%s); skipped its model entities", exc
            )
            out.append(None)
    return out


_LATIN_WORD = re.compile("^[A-Za-z]+$")


def _trim_model_span(text, spans, a: int, first: int, last: int, kind: str) -> tuple[int, int]:
    """A model entity without the words at its edges that cannot be part of an Arabic
    name: Latin words beside Arabic ones (مارك زوكربيرغ Mark Zuckerberg), and before a
    person's name a nisba (والأوروغوياني لويس سواريز) or a title (البابا فرانسيس), and a
    second person joined by و (مسعود أوزيل [وسينك طوسون])."""
    words = [text[s:e] for s, e in spans[a + first : a + last]]
    lo, hi = 0, len(words)
    if not all(_LATIN_WORD.match(w) for w in words):
        while lo < hi and _LATIN_WORD.match(words[lo]):
            lo += 1
        while hi > lo and _LATIN_WORD.match(words[hi - 1]):
            hi -= 1
    if kind == "PER":
        while hi - lo > 1 and (
            _is_nisba_word(token_key(words[lo])) or token_key(words[lo]) in person_titles()
        ):
            lo += 1
        # و before a word no name list knows, after two words, starts a second person:
        # مسعود أوزيل | وسينك طوسون.
        hi = next((k for k in range(lo + 2, hi) if _starts_second_name(words[k])), hi)
    return first + lo, first + hi


def _starts_second_name(word: str) -> bool:
    key = token_key(word)
    return (
        key.startswith("و") and key not in known_names() and key not in load_patterns().connectors
    )


#: Endings of a nisba adjective (الروسي، الروسية، الأوروغوياني، المصريين).
_NISBA_ENDINGS = ("ي", "يه", "يون", "يين", "يان")


def _is_nisba_word(key: str) -> bool:
    """A definite word with a nisba's ending that no name list knows (والأوروغوياني), as
    before a person's name; not a name written with ال (الوليد)."""
    return is_definite(key) and key.endswith(_NISBA_ENDINGS) and key not in known_names()


def _model_candidates(text, spans, model_input, tags, gaz) -> list[dict]:
    """Candidates from the CRF's tags of one article (not covered by the other methods)."""
    known, never = gaz.vocabulary, gaz.overrides.never_keys
    out = []
    for (a, _b, covered), sent_tags in zip(model_input, tags, strict=True):
        for first, last, label in entity_spans(sent_tags):
            kind = MODEL_KINDS.get(label)
            if kind is None or any(j in covered for j in range(first, last)):
                continue
            first, last = _trim_model_span(text, spans, a, first, last, kind)
            if first == last:
                continue
            tok_spans = spans[a + first : a + last]
            words = [text[s:e] for s, e in tok_spans]
            keys = [token_key(w) for w in words]
            if not all(k[:1].isalpha() for k in keys) or all(is_stopword(k) for k in keys):
                continue
            if any(_TANWIN.search(w) for w in words):
                continue  # دوماً، تدريباً: indefinite common words
            cut = _strip_model_clitic(words[0], keys[0], known)
            if not cut and kind == "PER" and keys[0] not in given_names():
                # وباستيان شفاينشتايغر: و + a given name (فريد is a name itself)
                cut = _strip_model_clitic(words[0], keys[0], given_names())
            if cut:
                keys[0] = token_key(words[0][cut:])
            key = " ".join(keys)
            if first > 0:
                before = token_key(text[spans[a + first - 1][0] : spans[a + first - 1][1]])
                if before in load_patterns().not_after.get(key, ()):
                    continue  # دعم مالي: "financial", whoever tagged it
            if len(keys) == 1 and first > 0 and _is_quantity(text, spans[a + first - 1]):
                continue  # مليون ريال: a currency or a unit after a number, not a name
            # A lone definite word (الغرب، الحكومة) is a common noun far more often than a name.
            if key in never or (len(keys) == 1 and is_definite(keys[0])):
                continue
            if len(keys) == 1 and is_homograph(keys[0]):
                sent_keys = [token_key(text[s:e]) for s, e in spans[a:_b]]
                if _common_word_here(sent_keys, first, kind, gaz):
                    continue
            start, end = tok_spans[0][0] + cut, tok_spans[-1][1]
            club = _model_club(text, start, end, key, gaz) if kind == "ORG" else None
            out.append(club or _candidate(text, start, end, kind, "model", key))
    return out


@lru_cache(maxsize=1)
def _quantity_words() -> frozenset[str]:
    return frozenset(name_key(w) for w in read_words("gazetteers/quantity_words.txt"))


def _is_quantity(text: str, span: tuple[int, int]) -> bool:
    """Whether the token at ``span`` is a number (12، 1.106) or a word of quantity (مليون)."""
    word = text[span[0] : span[1]]
    return any(ch.isdigit() for ch in word) or token_key(word) in _quantity_words()


def _model_club(text, start, end, key: str, gaz) -> dict | None:
    """The club a model organisation names: one the gazetteer knows (نادي ليفربول), or
    a city's (ليفربول is a city the gazetteer knows); None for any other organisation."""
    club = _known_club(text, start, end, key, gaz)
    if club is not None:
        return club
    city = gaz.match(key.split(" "), 0)
    if city is None or city.kind != "GPE" or city.key != key:
        return None
    ids = [i for i in city.actor_ids if i not in gaz.country_ids]
    return _club(text, start, end, key, ids[0], gaz) if len(ids) == 1 else None
