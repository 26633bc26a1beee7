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
from functools import lru_cache

from dashboard.actors.gazetteer import load_gazetteer
from dashboard.actors.homographs import is_homograph, place_evidence
from dashboard.actors.iob import entity_spans
from dashboard.actors.link import link_mentions
from dashboard.actors.organisations import COUNTRY, english_name, find_organisations, is_state_body
from dashboard.actors.patterns import (
    can_be_name,
    find_people,
    is_definite,
    known_names,
    load_patterns,
)
from dashboard.actors.text import clitic_variants, name_key, original_offset, token_key, tokenize
from dashboard.arabic.stopwords import is_stopword
from dashboard.datafiles import read_words
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
    return [cands for cands, _ in recognize_articles_with_tokens(articles)]


def recognize_articles_with_tokens(
    articles: list[tuple[str, list[tuple[int, int]]]],
) -> list[tuple[list[dict], list[tuple[int, int]]]]:
    """:func:`recognize_articles`, each article's candidates with its token spans
    (``dashboard.arabic.tokens.tokenize``), which later steps may read instead of
    tokenising the text again."""
    found = [_rule_candidates(text, spans) for text, spans in articles]
    gaz = load_gazetteer()
    tagged = _tag_articles(
        [
            _model_sentences(text, spans, model_input)
            for (text, _), (_, spans, model_input) in zip(articles, found, strict=True)
        ]
    )
    out = []
    for (text, _), (cands, spans, model_input), tags in zip(articles, found, tagged, strict=True):
        if tags is not None:
            cands.extend(_model_candidates(text, spans, model_input, tags, gaz))
        _clubs_throughout(cands, gaz.country_ids)
        cands.sort(key=lambda c: (c["start"], -c["end"]))
        out.append((cands, spans))
    return out


def _rule_candidates(text: str, sentence_spans: list[tuple[int, int]]):
    """Gazetteer, pattern and name-part candidates of one article (unsorted), its token
    spans, and per sentence (first token, end token, tokens already covered)."""
    gaz = load_gazetteer()
    never = gaz.overrides.never_keys
    names = known_names()
    not_after = load_patterns().not_after
    spans = tokenize(text)
    starts = [s for s, _ in spans]
    # Token keys once per article (the name parts below read them again).
    all_keys = [token_key(text[s:e]) for s, e in spans]
    first_keys = gaz.first_keys
    out: list[dict] = []
    # Per sentence: its token range, then (range, tokens already covered) for the model.
    model_input: list[tuple[int, int, dict[int, Covered]]] = []
    for s_start, s_end in sentence_spans:
        a = bisect.bisect_left(starts, s_start)
        b = bisect.bisect_left(starts, s_end)
        covered: dict[int, Covered] = {}
        model_input.append((a, b, covered))
        toks = spans[a:b]
        keys = all_keys[a:b]
        resume = 0  # after a name, the next one starts at its end
        # Only tokens that may start a name are tried (most do not).
        for i in [i for i, key in enumerate(keys) if key in first_keys]:
            if i < resume:
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

            start = toks[i][0] + (original_offset(first_tok, m.prefix) if m.prefix else 0)
            end = toks[m.last - 1][1]
            out.append(
                _club_candidate(text, start, end, keys, m, gaz)
                or _candidate(text, start, end, m.kind, "gazetteer", m.key, m.actor_ids, m.form)
            )
            for j in range(m.first, m.last):
                covered[j] = (m.last, m.kind, m.actor_ids)
            resume = m.last
        _add_organisations(text, toks, keys, covered, out, gaz)
        for first, last, hints in find_people(keys, covered):
            key = " ".join(keys[first:last])
            if key in never:
                continue
            # A proclitic on the first name (ليوسف عجلان) stays outside the mention.
            word = text[toks[first][0] : toks[first][1]]
            cut = 0 if keys[first] in names else _strip_model_clitic(word, keys[first], names)
            if cut:
                key = " ".join([token_key(word[cut:]), *keys[first + 1 : last]])
            cand = _candidate(text, toks[first][0] + cut, toks[last - 1][1], "PER", "pattern", key)
            cand["hint"] = "|".join(hints)
            out.append(cand)
            for j in range(first, last):
                covered[j] = (last, "PER", ())
    out.extend(_name_parts(text, spans, all_keys, model_input, out))
    return out, spans, model_input


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


def _common_word_here(keys: list[str], i: int, kind: str, gaz) -> bool:
    """Whether the one-word name at token ``i`` is a common word there: a homograph of a
    common noun (dashboard.actors.homographs) without a place's context; a person's
    one-word name that is a common noun is always taken as the noun."""
    stem = next((s for p, s in clitic_variants(keys[i]) if s in gaz.index), keys[i])
    if kind == "ORG" or not is_homograph(stem):
        return False  # an organisation's one-word name is written as a name (سبق، الأمل)
    if kind == "PER":
        return True

    def place_at(j: int) -> str | None:
        m = gaz.match(keys, j)
        return m.form if m is not None and m.kind in ("GPE", "LOC") else None

    return not place_evidence(keys, i, i + 1, place_at)


def _add_organisations(text, toks, keys, covered, out: list[dict], gaz) -> None:
    """Organisations named by their grammar (dashboard.actors.organisations) in one
    sentence: each becomes a candidate (kind ORG, method pattern) whose ``hint`` holds the
    places inside it (its country) and ``name_en`` its English name without the country;
    the places' own candidates inside it are dropped, its tokens covered."""
    for org in find_organisations(keys, covered):
        first_tok = text[toks[org.first][0] : toks[org.first][1]]
        start = toks[org.first][0] + (original_offset(first_tok, org.prefix) if org.prefix else 0)
        end = toks[org.last - 1][1]
        out[:] = [c for c in out if not (start <= c["start"] and c["end"] <= end)]
        key = name_key(text[start:end])
        cand = _candidate(text, start, end, "ORG", "pattern", key)
        cand["hint"] = "|".join(org.place_ids or _country_after(keys, org.last, covered, gaz))
        english = english_name(org, lambda part: _place_name(part, gaz)) or ""
        if english and is_state_body(org) and COUNTRY not in english:
            english += f" ({COUNTRY})"  # the linker puts the country here, or drops it
        cand["name_en"] = english
        out.append(cand)
        for j in range(org.first, org.last):
            covered[j] = (org.last, "ORG", ())


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
    out = []
    for a, b, covered in sentences:
        keys = all_keys[a:b]
        i = 0
        while i < len(keys):
            hit = None
            if i not in covered:
                for prefix, head in ((0, keys[i]), *clitic_variants(keys[i])):
                    for p in by_first.get(head, ()):
                        n = len(p)
                        if all(
                            i + j < len(keys) and j + i not in covered and keys[i + j] == p[j]
                            for j in range(1, n)
                        ):
                            hit = (prefix, p)
                            break
                    if hit:
                        break
            if not hit:
                i += 1
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
            i += len(p)
    return out


def _model_sentences(text, spans, model_input) -> list[list[str]]:
    return [[text[s:e] for s, e in spans[a:b]] for a, b, _ in model_input]


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
    person's name a nisba (والأوروغوياني لويس سواريز)."""
    words = [text[s:e] for s, e in spans[a + first : a + last]]
    lo, hi = 0, len(words)
    if not all(_LATIN_WORD.match(w) for w in words):
        while lo < hi and _LATIN_WORD.match(words[lo]):
            lo += 1
        while hi > lo and _LATIN_WORD.match(words[hi - 1]):
            hi -= 1
    if kind == "PER":
        while hi - lo > 1 and _is_nisba_word(token_key(words[lo])):
            lo += 1
    return first + lo, first + hi


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
            if cut:
                keys[0] = token_key(words[0][cut:])
            key = " ".join(keys)
            if first > 0:
                before = token_key(text[spans[a + first - 1][0] : spans[a + first - 1][1]])
                if before in load_patterns().not_after.get(key, ()):
                    continue  # دعم مالي: "financial", whoever tagged it
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
