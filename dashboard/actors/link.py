"""Corpus-level linking of candidate mentions into actors.

``link_mentions(articles_df, sentences_df, candidates_df) -> (actors_df, mentions_df)``

``candidates_df`` holds the dicts of ``recognize_article`` plus ``article_id``. Rules:
  * a key that names several gazetteer actors (a bare كوري، عمان) goes to the one of them
    the article gives most evidence for (its mentions and those of its country), and is
    dropped when there is none;
  * a person's partial name (لافروف، سون هوي) joins the full name containing it — first
    within the article, then across the corpus, in both cases only when exactly one full
    name fits;
  * names no list knows become actors of their own, with an id from their key;
  * overrides (data/actor_overrides.toml): never, merge, split, relabel;
  * a capital city stays the city (بيونغ يانغ is Pyongyang, not North Korea);
  * ``sentence_id`` comes from ``sentences_df`` by offset.
Canonical ``name_ar`` is the most frequent full name form among the mentions (the
gazetteer's name when the corpus only has nisba forms); ``mentions`` counts them.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard.actors.gazetteer import load_gazetteer
from dashboard.actors.organisations import COUNTRY
from dashboard.actors.overrides import Overrides
from dashboard.actors.text import TRANSLITERATION, clitic_variants, name_key, original_offset, slug
from dashboard.datafiles import read_table, read_words
from dashboard.frames import ACTOR_KINDS, conform, frame

#: Prefix of a discovered actor's id, by kind.
PREFIX = {kind: kind.lower() for kind in ACTOR_KINDS}


#: The target of a mention that is no actor (a bare first name no full name takes).
DROPPED = "drop:"


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """One-word personal names (``data/gazetteers/given_names.txt``): a mention of one of
    these alone is a first name, not a whole name."""
    return frozenset(read_words("gazetteers/given_names.txt", required=False))


def discovered_id(kind: str, key: str) -> str:
    """Stable, URL-safe id of an actor no list knows: kind prefix, transliteration, hash."""
    latin = re.sub(r"[^a-z0-9]+", "-", key.translate(TRANSLITERATION).lower()).strip("-")[:40]
    digest = hashlib.blake2b(f"{kind}:{key}".encode(), digest_size=3).hexdigest()
    return f"{PREFIX.get(kind, 'x')}-{latin + '-' if latin else ''}{digest}"


@lru_cache(maxsize=1)
def _english_tokens() -> dict[str, str]:
    """Normalised Arabic name token → English spelling (data/gazetteers/name_tokens_en.tsv,
    built from arabnamer's name dictionary by dashboard.actors.build_gazetteers)."""
    rows = read_table(
        "gazetteers/name_tokens_en.tsv", ("key", "english"), header=True, required=False
    )
    return {row[0]: row[1] for row in rows}  # (key, english)


def english_token(token: str) -> str | None:
    """English spelling of one Arabic name token, or None when the name list lacks it."""
    return _english_tokens().get(token)


def english_name(key: str) -> str | None:
    """English spelling of a person's name key when every token is in the name list."""
    words = [w for t in key.split(" ") if (w := english_token(t)) is not None]
    if not words or len(words) != key.count(" ") + 1:
        return None
    return " ".join(words)


def _contains(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return len(full) > n and any(full[i : i + n] == part for i in range(len(full) - n + 1))


class NameIndex:
    """Full person names (key → target), indexed by their rarest word for fast lookup of
    the names that contain a partial name."""

    def __init__(self, fulls: dict[str, str]):
        self.fulls = fulls
        self.by_word: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, target in fulls.items():
            toks = tuple(key.split(" "))
            for word in set(toks):
                self.by_word.setdefault(word, []).append((toks, target))

    def unique_container(self, part: str) -> str | None:
        """The one target among the full names containing ``part`` (longer than it), else None."""
        p = tuple(part.split(" "))
        lists = [self.by_word.get(w, []) for w in p]
        shortest = min(lists, key=len)
        targets = {t for toks, t in shortest if _contains(toks, p)}
        return targets.pop() if len(targets) == 1 else None


# The helpers below assign to the frame they are given without copying it first: pandas
# copies on write, so the caller's frame never changes.


def _strip_corpus_clitics(c: pd.DataFrame) -> pd.DataFrame:
    """لبيرنلي → بيرنلي when the corpus also names بيرنلي without a clitic.

    Recognition strips a clitic only from names it knows; across the corpus a name found
    bare somewhere tells that the same letters after و/ف/ب/ك/ل elsewhere are clitics.
    """
    unlinked = c["actor_ids"].eq("")
    keys = set(c.loc[unlinked, "key"])
    fix: dict[str, tuple[int, str]] = {}
    for key in keys:
        first, _, rest = key.partition(" ")
        for prefix, stem in clitic_variants(first):
            bare = f"{stem} {rest}" if rest else stem
            if bare in keys:
                fix[key] = (prefix, bare)
                break
    todo = unlinked & c["key"].isin(fix)
    if not todo.any():
        return c
    rows = c.loc[todo, ["key", "surface", "start"]]
    cuts = [
        original_offset(sf, fix[k][0])
        for k, sf in zip(rows["key"].tolist(), rows["surface"].tolist(), strict=True)
    ]
    c.loc[todo, "start"] = rows["start"].to_numpy() + cuts
    c.loc[todo, "surface"] = [
        sf[cut:] for sf, cut in zip(rows["surface"].tolist(), cuts, strict=True)
    ]
    c.loc[todo, "key"] = [fix[k][1] for k in rows["key"].tolist()]
    return c


def _resolve_ambiguous(c: pd.DataFrame, gaz) -> pd.DataFrame:
    """Give keys naming several gazetteer actors to the one the article gives most
    evidence for: its own mentions, and the mentions of anything of its country (عمان is
    Amman beside الأردنية or Jordan's king, Oman beside مسقط or العماني); dropped when
    there is none for any."""
    amb = c["actor_ids"].str.contains("|", regex=False)
    if not amb.any():
        return c
    known = c[~amb & (c["actor_ids"] != "")]
    counts = known.groupby(["article_id", "actor_ids"]).size()
    country = {aid: a["country"] for aid, a in gaz.actors.items() if a["country"]}
    by_country = known.assign(country=known["actor_ids"].map(country)).dropna(subset=["country"])
    country_counts = by_country.groupby(["article_id", "country"]).size()
    options = c.loc[amb, ["article_id", "actor_ids"]].copy()
    options["option"] = options["actor_ids"].str.split("|")
    options = options.explode("option").reset_index()
    idx = pd.MultiIndex.from_frame(options[["article_id", "option"]])
    own = counts.reindex(idx).fillna(0).to_numpy()
    country_idx = pd.MultiIndex.from_arrays(
        [options["article_id"], options["option"].map(country).fillna("")]
    )
    options["n"] = own + country_counts.reindex(country_idx).fillna(0).to_numpy()
    options = options[options["n"] > 0].sort_values(["index", "n", "option"], ascending=[1, 0, 1])
    best = options.drop_duplicates("index").set_index("index")["option"]
    c.loc[amb, "actor_ids"] = best.reindex(c.index[amb]).fillna("").astype(str)
    return c[~amb | (c["actor_ids"] != "")]


def _link_people(c: pd.DataFrame) -> pd.Series:
    """Target of every unlinked person mention: a gazetteer id or a full-name key."""
    gaz = load_gazetteer()
    per = c["kind"].eq("PER")
    target = pd.Series(pd.NA, index=c.index, dtype="object")
    linked = per & c["actor_ids"].ne("")
    target[linked] = c.loc[linked, "actor_ids"]
    unlinked = per & c["actor_ids"].eq("")
    target[unlinked] = "key:" + c.loc[unlinked, "key"]
    # Within each article: a partial name joins the one full name of the article containing it.
    names = c.loc[per, ["article_id", "key"]].assign(target=target[per]).drop_duplicates()
    local: dict[tuple[str, str], str] = {}
    # Plain dicts per article: a pandas group per article costs more than the work in it.
    by_article: dict[str, dict[str, str]] = {}
    for art, key, tgt in zip(
        names["article_id"].tolist(), names["key"].tolist(), names["target"].tolist(), strict=True
    ):
        by_article.setdefault(art, {})[key] = tgt
    for art, fulls in by_article.items():
        if len(fulls) < 2:
            continue
        article_open = [key for key, tgt in fulls.items() if tgt.startswith("key:")]
        if not article_open:  # every name already linked: no index to build
            continue
        article_index = NameIndex(fulls)
        for key in article_open:
            if hit := article_index.unique_container(key):
                local[(art, key)] = hit
    if local:
        pairs = list(
            zip(
                c.loc[unlinked, "article_id"].tolist(), c.loc[unlinked, "key"].tolist(), strict=True
            )
        )
        mapped = pd.Series([local.get(p) for p in pairs], index=c.index[unlinked])
        target.update(mapped.dropna())
    # A bare first name (كيم، جمال) that no full name of its article takes is no actor.
    alone = unlinked & target.astype(str).eq("key:" + c["key"].astype(str))
    bare = alone & c["key"].isin(given_names())
    target[bare] = DROPPED
    # Across the corpus: a still-unlinked name joins the one full name anywhere containing it.
    fulls = {k: f"key:{k}" for k in c.loc[unlinked, "key"].unique()}
    for _tokens, entries in gaz.index.items():
        for toks, ids, kind, _form in entries:
            if kind == "PER" and len(ids) == 1:
                fulls[" ".join(toks)] = ids[0]
    open_keys = target[unlinked & target.astype(str).str.startswith("key:")].str[4:].unique()
    index = NameIndex(fulls)
    corpus = {k: hit for k in open_keys if (hit := index.unique_container(k))}
    if corpus:
        still = unlinked & target.astype(str).str.startswith("key:")
        target[still] = [corpus.get(k[4:], k) for k in target[still]]
    # Chains (partial → full key → gazetteer id) settle in a second pass.
    again = target[per].astype(str).str.startswith("key:")
    if again.any():
        idx = again[again].index
        target[idx] = [corpus.get(t[4:], t) if corpus.get(t[4:]) else t for t in target[idx]]
    return target[per]


def _assign_ids(c: pd.DataFrame, ov: Overrides) -> pd.DataFrame:
    c["actor_id"] = c["actor_ids"].where(c["actor_ids"].ne(""), None)
    per_target = _link_people(c)
    c.loc[per_target.index, "actor_id"] = per_target
    c = c[c["actor_id"].ne(DROPPED).fillna(True)].copy()
    target = c["actor_id"].astype("object")
    is_key = target.isna() | target.astype(str).str.startswith("key:")
    keys = target.where(~target.isna() & is_key, "key:" + c["key"]).astype(str).str[4:]
    c["target_key"] = keys.where(is_key, None)
    # One id per distinct (kind, key), not per mention: hashing is the costly part.
    pairs = list(zip(c.loc[is_key, "kind"].tolist(), keys[is_key].tolist(), strict=True))
    ids = {pair: discovered_id(*pair) for pair in set(pairs)}
    c.loc[is_key, "actor_id"] = [ids[pair] for pair in pairs]
    # Overrides: split first (it names the wrong merge by actor + alias), then merge.
    if ov.splits:
        id_keys = zip(c["actor_id"].tolist(), c["key"].tolist(), strict=True)
        split_to = pd.Series([ov.splits.get(p) for p in id_keys], index=c.index)
        c["actor_id"] = split_to.fillna(c["actor_id"])
    if ov.merge_actors:
        merge = ov.merge_actors
        c["actor_id"] = [merge.get(a, a) for a in c["actor_id"].tolist()]
    return c


def _hint_countries(c: pd.DataFrame, gaz) -> pd.Series:
    """actor_id → the country most often named between a title and this person's name
    (الرئيس الروسي X → RUS), for people no list knows."""
    h = c.loc[c["hint"].ne(""), ["actor_id", "hint"]]
    if h.empty:
        return pd.Series(dtype="object")
    h = h.assign(hint=h["hint"].str.split("|")).explode("hint")
    country = {aid: a["country"] for aid, a in gaz.actors.items() if a["country"]}
    h["country"] = h["hint"].map(country)
    h = h.dropna(subset=["country"])
    if h.empty:
        return pd.Series(dtype="object")
    counts = h.groupby(["actor_id", "country"]).size().rename("n").reset_index()
    counts = counts.sort_values(["actor_id", "n", "country"], ascending=[True, False, True])
    return counts.drop_duplicates("actor_id").set_index("actor_id")["country"]


def _place_country(key: str, gaz) -> str:
    """Country of the place a dateline names (القاهرة → EGY), "" when none is known."""
    keys = key.split(" ")
    m = gaz.match(keys, 0) if keys and keys[0] else None
    if m is None or m.kind not in ("GPE", "LOC"):
        return ""
    countries = {gaz.actors.get(i, {}).get("country") for i in m.actor_ids} - {None, ""}
    return countries.pop() if len(countries) == 1 else ""


#: How much a mention of each kind says about its article's country.
ARTICLE_COUNTRY_WEIGHTS = {"GPE": 1.0, "ORG": 0.5, "PER": 0.5}


def _article_countries(c: pd.DataFrame, articles: pd.DataFrame | None, gaz) -> dict[str, str]:
    """article_id → the country an organisation without one in its name belongs to: the
    country the article names most (its places, and at half weight the known organisations
    and people of a country: a Saudi club, a Saudi minister), else the dateline's (readers
    give some outlets' seat as every article's dateline: أبوظبي for Sky News Arabia)."""
    out: dict[str, str] = {}
    known = c.loc[
        c["kind"].isin(["GPE", "ORG", "PER"])
        & c["actor_ids"].ne("")
        & ~c["actor_ids"].str.contains("|", regex=False)
    ]
    country = {aid: a["country"] for aid, a in gaz.actors.items() if a["country"]}
    named = known.assign(country=known["actor_ids"].map(country)).dropna(subset=["country"])
    # A place counts fully, a known organisation or person (a Saudi club, a minister) half.
    named = named.assign(n=named["kind"].map(ARTICLE_COUNTRY_WEIGHTS))
    if not named.empty:
        counts = named.groupby(["article_id", "country"], sort=False)["n"].sum().reset_index()
        counts = counts.sort_values(["article_id", "n"], ascending=[True, False], kind="stable")
        out.update(
            counts.drop_duplicates("article_id").set_index("article_id")["country"].to_dict()
        )
    if articles is not None and "dateline" in articles.columns:
        lines = articles.dropna(subset=["dateline"])
        for aid, line in zip(lines["article_id"].astype(str), lines["dateline"], strict=True):
            found = _place_country(name_key(str(line)), gaz)
            if found:  # an outlet's seat may stand as every article's dateline
                out.setdefault(aid, found)
    return out


def _organisation_name(english: str, country: str, country_names: dict[str, str]) -> str:
    """The English name of an organisation with its country: "Ministry of Finance (Egypt)",
    "Saudi Arabia national team"; the ``{country}`` placeholder goes when there is none."""
    place = country_names.get(country, country)
    if COUNTRY in english:
        if place:
            return english.replace(COUNTRY, place)
        return english.replace(f" ({COUNTRY})", "").replace(f"{COUNTRY} ", "").strip()
    return f"{english} ({place})" if english and place else english


def _join_partial_organisations(c: pd.DataFrame, gaz) -> None:
    """An organisation the model found by part of its name (ريال، بي سي) joins the one
    organisation of its article whose name contains it, else the one organisation of the
    gazetteer whose name contains it (in place)."""
    org = c["kind"].eq("ORG") & c["method"].isin(["model", "gazetteer"])
    partial = org & c["actor_ids"].eq("") & c["method"].eq("model")
    if not partial.any():
        return
    names: dict[str, dict[str, str]] = {}  # article → name → actor ids ("" if none)
    orgs = c.loc[org, ["article_id", "key", "actor_ids"]]
    for art, key, ids in zip(*(orgs[column].tolist() for column in orgs.columns), strict=True):
        names.setdefault(art, {}).setdefault(key, ids)
    known = NameIndex(_gazetteer_organisations(gaz))
    # The new values by index label, set at the end in one go: setting an Arrow-backed
    # column row by row copies the whole column each time.
    new_ids: dict[int, str] = {}
    new_keys: dict[int, str] = {}
    indexes: dict[str, NameIndex] = {}
    parts = c.loc[partial, ["article_id", "key"]]
    for idx, art, key in zip(
        parts.index.tolist(), parts["article_id"].tolist(), parts["key"].tolist(), strict=True
    ):
        article = names[art]
        if art not in indexes:
            indexes[art] = NameIndex({name: name for name in article})
        full = indexes[art].unique_container(key) if len(article) > 1 else None
        if full is not None:
            new_ids[idx] = article[full]
            new_keys[idx] = full
        elif hit := known.unique_container(key):
            new_ids[idx] = hit
    for column, new in (("actor_ids", new_ids), ("key", new_keys)):
        if new:
            values = c[column].copy()
            values.loc[list(new)] = list(new.values())
            c[column] = values


def _gazetteer_organisations(gaz) -> dict[str, str]:
    """Every many-word organisation name of the gazetteer (key → its one actor id)."""
    return {
        " ".join(toks): ids[0]
        for entries in gaz.index.values()
        for toks, ids, kind, _ in entries
        if kind == "ORG" and len(toks) > 1 and len(ids) == 1
    }


def _link_organisations(c: pd.DataFrame, articles: pd.DataFrame | None, gaz) -> dict[str, dict]:
    """Give each organisation found by its grammar an actor of its own per country (in
    place): its country from a place in its name, else from the article
    (:func:`_article_countries`), so وزارة الخارجية in a Cairo and in a Riyadh article
    are two actors. Returns the new actors' facts by id."""
    orgs = c.index[c["method"].eq("pattern") & c["kind"].eq("ORG") & c["actor_ids"].eq("")]
    if not len(orgs):
        return {}
    by_article = _article_countries(c, articles, gaz)
    country = {aid: a["country"] for aid, a in gaz.actors.items() if a["country"]}
    country_names = {iso: gaz.actors[aid]["name_en"] for iso, aid in gaz.country_actor.items()}
    facts: dict[str, dict] = {}
    ids = []
    rows = c.loc[orgs, ["article_id", "key", "hint", "name_en"]]
    for article, key, hint, english in zip(
        *(rows[column].tolist() for column in rows.columns), strict=True
    ):
        inside = [i for i in hint.split("|") if i in country]
        # A state body without a country in its name is the article's country's.
        iso = (
            country[inside[0]]
            if inside
            else by_article.get(article, "")
            if COUNTRY in english
            else ""
        )
        # The country its name gives by name (England's team), else the country's name.
        named = inside[0] if inside and inside[0] in gaz.country_ids else None
        names = {**country_names, iso: gaz.actors[named]["name_en"]} if named else country_names
        # COUNTRY alone: a state body without an English name, which takes its country.
        name = _organisation_name(english, iso, names) if english != COUNTRY else ""
        aid = f"org-{slug(name)}" if name else discovered_id("ORG", f"{key}|{iso}")
        facts.setdefault(
            aid, {"name_ar": "", "name_en": name or None, "kind": "ORG", "country": iso}
        )
        ids.append(aid)
    c.loc[orgs, "actor_ids"] = ids
    return facts


def _canonical_names(m: pd.DataFrame) -> pd.Series:
    """actor_id → its most frequent full name form (most words first, then frequency)."""
    names = m.loc[m["form"].eq("name"), ["actor_id", "surface", "key", "kind"]]
    if names.empty:
        return pd.Series(dtype="string")
    names["words"] = names["key"].astype("str").str.count(" ") + 1  # Arrow counts in C++
    is_per = names["kind"].eq("PER")
    # People: the fullest form; places and organisations: the most used name.
    names["rank_words"] = names["words"].where(is_per, 0)
    counts = names.groupby(["actor_id", "surface", "rank_words"]).size().rename("n").reset_index()
    counts = counts.sort_values(["actor_id", "rank_words", "n", "surface"], ascending=[1, 0, 0, 1])
    best = counts.drop_duplicates("actor_id").set_index("actor_id")["surface"]
    return best.str.replace("_", " ", regex=False)  # #يوسف_عجلان is written يوسف عجلان


def _sentence_ids(article_ids: pd.Series, starts: np.ndarray, sentences: pd.DataFrame):
    """Per mention (article id, start offset): the ``sentence_id`` of the last sentence of
    its article starting at or before it, -1 when there is none.

    One ``searchsorted`` over (article, start) keys: what ``merge_asof(by=article_id)``
    does, without its factorising and frame copies.
    """
    s_article = sentences["article_id"].astype(str)
    known = pd.Index(s_article.unique())
    s_code = known.get_indexer(s_article).astype(np.int64)
    m_code = known.get_indexer(article_ids.astype(str)).astype(np.int64)
    span = np.int64(1) << 32  # offsets are below MAX_ARTICLE_CHARS, far below this
    s_key = s_code * span + sentences["start"].to_numpy(dtype=np.int64)
    order = np.argsort(s_key, kind="stable")
    s_key = s_key[order]
    ids = sentences["sentence_id"].to_numpy(dtype=np.int64)[order]
    if not len(s_key):
        return np.full(len(starts), -1, dtype=np.int64)
    pos = np.searchsorted(s_key, m_code * span + starts.astype(np.int64), side="right") - 1
    pos_ok = np.maximum(pos, 0)
    found = (m_code >= 0) & (pos >= 0) & (s_key[pos_ok] // span == m_code)
    return np.where(found, ids[pos_ok], -1)


def link_mentions(
    articles_df: pd.DataFrame,
    sentences_df: pd.DataFrame,
    candidates_df: pd.DataFrame,
    overrides: Overrides | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Actors and mentions frames (dashboard.frames contract) from candidate mentions."""
    gaz = load_gazetteer()
    ov = overrides if overrides is not None else gaz.overrides
    cols = ["article_id", "start", "end", "surface", "kind", "method", "key", "actor_ids", "form"]
    for column in ("hint", "name_en"):
        if candidates_df is not None and column not in candidates_df.columns:
            candidates_df = candidates_df.assign(**{column: ""})
    if candidates_df is None or len(candidates_df) == 0:
        return frame("actors"), frame("mentions")
    c = candidates_df[[*cols, "hint", "name_en"]].copy()
    c["hint"] = c["hint"].fillna("").astype(str)
    c["name_en"] = c["name_en"].fillna("").astype(str)
    c["actor_ids"] = c["actor_ids"].fillna("").astype(str)
    c["article_id"] = c["article_id"].astype(str)
    c = c[~c["key"].isin(ov.never_keys)]
    c = _strip_corpus_clitics(c.reset_index(drop=True))
    c = _resolve_ambiguous(c, gaz).reset_index(drop=True)
    _join_partial_organisations(c, gaz)
    org_facts = _link_organisations(c, articles_df, gaz)
    c = _assign_ids(c, ov)
    if c.empty:  # every candidate dropped (an ambiguous name without evidence, say)
        return frame("actors"), frame("mentions")

    # Sentence ids by offset: the last sentence starting at or before the mention.
    # Rows end sorted by article, start, end; ties keep their order by start (a quicksort,
    # as ever). The orders are found on the three key columns, the whole frame moved once.
    c["start"] = c["start"].astype("int64")
    keys = c[["article_id", "start", "end"]].sort_values("start")
    sentence_id = _sentence_ids(keys["article_id"], keys["start"].to_numpy(), sentences_df)
    keys = keys.assign(sentence_id=sentence_id)[sentence_id >= 0]
    keys = keys.sort_values(["article_id", "start", "end"])
    c = c.loc[keys.index].assign(sentence_id=keys["sentence_id"]).reset_index(drop=True)

    # The actors table: gazetteer facts, then overrides, then corpus-derived names.
    ids = c["actor_id"].unique()
    firsts = c.drop_duplicates("actor_id")
    first_kind = dict(zip(firsts["actor_id"], firsts["kind"], strict=True))
    first_key = dict(zip(firsts["actor_id"], firsts["target_key"], strict=True))
    hint_country = _hint_countries(c, gaz).to_dict()
    rows = []
    for aid in ids:
        known = gaz.actors.get(aid) or org_facts.get(aid)
        if known:
            row = {"actor_id": aid, **known}
        else:
            key = first_key.get(aid)
            key = key if isinstance(key, str) else ""
            kind = first_kind.get(aid, "PER")
            row = {
                "actor_id": aid,
                "name_ar": "",
                "name_en": english_name(key) if kind == "PER" and key else None,
                "kind": kind,
                "country": hint_country.get(aid, ""),
            }
        row.update(ov.relabel.get(aid, {}))
        rows.append(row)
    actors = pd.DataFrame(rows)
    canon = _canonical_names(c)
    fixed_name = {aid for aid, f in ov.relabel.items() if "name_ar" in f}
    # get_indexer, not isin: the same test for a unique index, and far faster on strings.
    has_canon = canon.index.get_indexer(actors["actor_id"]) >= 0
    use_canon = has_canon & ~actors["actor_id"].isin(fixed_name)
    actors.loc[use_canon, "name_ar"] = actors.loc[use_canon, "actor_id"].map(canon)
    kinds = actors.set_index("actor_id")["kind"]
    c["kind"] = c["actor_id"].map(kinds)
    actors["mentions"] = actors["actor_id"].map(c["actor_id"].value_counts()).astype("int64")
    actors["country"] = actors["country"].replace("", pd.NA)
    actors["name_en"] = actors["name_en"].replace("", pd.NA)
    actors = actors.sort_values(["mentions", "actor_id"], ascending=[False, True])
    mentions = conform(
        "mentions",
        c[
            [
                "article_id",
                "sentence_id",
                "actor_id",
                "surface",
                "start",
                "end",
                "method",
                "kind",
                "form",
            ]
        ].astype({"kind": "str", "form": "str"}),  # whatever dtype the candidates had
    )
    return conform("actors", actors), mentions
