"""Who is in the news: headline numbers, actor counts and the actor picker, in SQL.

Counts follow ``dashboard.analysis.counts``: over the filter's mentions of known actors
(duplicates excluded, kinds applied), actors ranked by mentions, then articles
(descending), then id. When no actor is chosen, the actor counts are sums over the
store's rollup by actor, day and source (``dashboard.ingest.corpus_level.actor_days``),
when it has one, instead of a pass over every mention.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from dashboard.arabic.normalize import normalize
from dashboard.frames import ACTOR_KINDS
from dashboard.ingest.corpus_level import ACTOR_DAYS, ARTICLE_ACTORS, ARTICLE_KEYS
from dashboard.query.database import StoreDatabase
from dashboard.query.filter import QueryFilter, actor_scope, kept_days, scope
from dashboard.query.order import ensure_article_order
from dashboard.query.sql import compose

ACTOR_COLUMNS = ["actor_id", "name_ar", "name_en", "kind", "country"]
_ACTOR_TYPES = dict.fromkeys(ACTOR_COLUMNS, "string")
_COUNT_TYPES = {"mentions": "int64", "articles": "int64", "sentences": "int64"}


def _day(value: Any) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def summary(db: StoreDatabase, flt: QueryFilter) -> dict:
    """Headline numbers of the filter, the keys of ``analysis.counts.summary``: articles,
    sentences, actors, mentions, date_min, date_max (dates or None), sources, undated,
    duplicates (in the whole store)."""
    with_clause, params = scope(flt)
    articles, sentences = "kept_articles", _KEPT_SENTENCES
    if _uses_rollup(db, flt):
        with_clause, known = f"{with_clause},\n{kept_days(flt, params)}", _KNOWN_DAYS
    elif uses_article_actors(db, flt):
        pairs, pair_params = actor_scope(flt)
        params |= pair_params  # the same names for the same values
        with_clause, known = f"{with_clause},{pairs.removeprefix('WITH')}", _KNOWN_PAIRS
        articles = "kept_keys"
        # one actor: its sentences per kept article add up (each counted once there)
        sentences = _ONE_ACTOR_SENTENCES if len(flt.actors) == 1 else _ACTORS_SENTENCES
    else:
        known = _KNOWN_MENTIONS
    sql = compose(_SUMMARY, scope=with_clause, known=known, articles=articles, sentences=sentences)
    row = db.rows(sql, params)[0]
    keys = ("articles", "sentences", "actors", "mentions")
    out: dict[str, Any] = {k: int(v) for k, v in zip(keys, row[:4], strict=True)}
    out["date_min"], out["date_max"] = _day(row[4]), _day(row[5])
    out["sources"], out["undated"], out["duplicates"] = int(row[6]), int(row[7]), int(row[8])
    return out


# ``articles``: the kept articles' table (``kept_articles``, or ``kept_keys`` when the
# counts come from ``article_actors``); ``sentences``: a query counting their sentences.
_SUMMARY = """{scope},
{known}
SELECT
  (SELECT count(*) FROM {articles}),
  ({sentences}),
  (SELECT count(DISTINCT actor_id) FROM known),
  (SELECT coalesce(sum(n), 0) FROM known),
  (SELECT min(day) FROM {articles}),
  (SELECT max(day) FROM {articles}),
  (SELECT count(DISTINCT source) FROM {articles}),
  (SELECT count(*) - count(day) FROM {articles}),
  (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL)"""
_KEPT_SENTENCES = "SELECT count(*) FROM kept_sentence_ids"
# The mentions of known actors, one row per mention (n = 1) or per rolled-up day (n =
# its mentions).
_KNOWN_MENTIONS = """known AS (
  SELECT actor_id, 1 AS n FROM kept_mentions WHERE actor_id IN (SELECT actor_id FROM actors)
)"""
_KNOWN_DAYS = """known AS (
  SELECT actor_id, mentions AS n FROM kept_days
  WHERE actor_id IN (SELECT actor_id FROM actors)
)"""


# With actors chosen: the kept articles and the actors' counts from ``article_actors``;
# the sentences mentioning a chosen actor are, for one actor, the sum of its sentences
# in the kept articles, else the distinct sentences of their own mentions (``selected``)
# in kept articles: not a pass over every sentence.
_ONE_ACTOR_SENTENCES = "SELECT coalesce(sum(sentences), 0) FROM chosen_pairs"
_ACTORS_SENTENCES = """SELECT count(DISTINCT sentence_id) FROM selected
   WHERE article_id IN (SELECT article_id FROM kept_articles)"""
_KNOWN_PAIRS = """known AS (
  SELECT n.actor_id, sum(p.mentions) AS n FROM kept_pairs p
  JOIN actor_numbers n ON n.actor_key = p.actor_key
  WHERE n.actor_id IN (SELECT actor_id FROM actors)
  GROUP BY n.actor_id
)"""


def uses_article_actors(db: StoreDatabase, flt: QueryFilter) -> bool:
    """True when ``flt`` chooses actors and the store has the table of actors per article
    (``filter.actor_scope`` reads it)."""
    return bool(flt.actors) and db.has_rows(ARTICLE_ACTORS)


def uses_article_keys(db: StoreDatabase, flt: QueryFilter) -> bool:
    """True when ``flt`` chooses actors and the store has the article keys of the mentions
    by actor and the articles' sentence counts (``corpus_level.article_numbers``, with
    the tables ``filter.actor_scope`` reads)."""
    return uses_article_actors(db, flt) and db.has_rows(ARTICLE_KEYS)


def _uses_rollup(db: StoreDatabase, flt: QueryFilter) -> bool:
    """True when ``flt`` chooses no actor and the store has the rollup by actor, day and
    source (the database's view ``actor_days``)."""
    return not flt.actors and db.has_rows(ACTOR_DAYS)


def _stats_sql(
    db: StoreDatabase, flt: QueryFilter, kinds, with_dates: bool
) -> tuple[str, dict[str, Any]]:
    """Per actor mentioned under ``flt`` (of ``kinds`` when given): counts (+ days)."""
    params: dict[str, Any] = {}
    kind_rule = "true"
    if kinds:
        params["only_kinds"] = [str(k) for k in kinds]
        kind_rule = "a.kind IN (SELECT UNNEST($only_kinds))"
    if _uses_rollup(db, flt):
        days = ", min(day) AS first_seen, max(day) AS last_seen" if with_dates else ""
        stats = compose(_DAY_STATS, days=days)
        with_clause = f"WITH {kept_days(flt, params)}"
    elif uses_article_actors(db, flt):
        days = ", min(p.day) AS first_seen, max(p.day) AS last_seen" if with_dates else ""
        stats = compose(_PAIR_STATS, days=days)
        with_clause, scope_params = actor_scope(flt)
        params |= scope_params
    else:
        days, day_join = "", ""
        if with_dates:
            days = ", min(k.day) AS first_seen, max(k.day) AS last_seen"
            day_join = "JOIN kept_articles k ON k.article_id = m.article_id"
        stats = compose(_MENTION_STATS, days=days, day_join=day_join)
        with_clause, scope_params = scope(flt)
        params |= scope_params
    return compose(_STATS, scope=with_clause, stats=stats, kind_rule=kind_rule), params


# kept_mentions are those of kept articles already: their days are joined only when asked
# (a join of every mention on its article id costs more than the counting).
_MENTION_STATS = """SELECT m.actor_id, count(*) AS mentions, count(DISTINCT m.article_id) AS articles,
         count(DISTINCT m.sentence_id) AS sentences{days}
  FROM kept_mentions m {day_join}
  GROUP BY m.actor_id"""
# Articles and sentences add up over the rollup's rows (each is in one day and source).
_DAY_STATS = """SELECT actor_id, CAST(sum(mentions) AS BIGINT) AS mentions,
         CAST(sum(articles) AS BIGINT) AS articles,
         CAST(sum(sentences) AS BIGINT) AS sentences{days}
  FROM kept_days GROUP BY actor_id"""
# Per actor key of the kept articles (one row per article: articles count rows, and
# sentences add up, a sentence being in one article), then its id.
_PAIR_STATS = """SELECT n.actor_id, s.* EXCLUDE (actor_key) FROM (
    SELECT p.actor_key, CAST(sum(p.mentions) AS BIGINT) AS mentions,
           count(*) AS articles, CAST(sum(p.sentences) AS BIGINT) AS sentences{days}
    FROM kept_pairs p GROUP BY p.actor_key
  ) s JOIN actor_numbers n ON n.actor_key = s.actor_key"""
_STATS = """{scope},
stats AS (
  {stats}
)
SELECT a.actor_id, a.name_ar, a.name_en, a.kind, a.country, s.* EXCLUDE (actor_id)
FROM stats s JOIN actors a ON a.actor_id = s.actor_id
WHERE {kind_rule}
ORDER BY s.mentions DESC, s.articles DESC, a.actor_id"""


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    out = df.astype({**_ACTOR_TYPES, **{c: t for c, t in _COUNT_TYPES.items() if c in df}})
    for col in ("first_seen", "last_seen"):
        if col in out:
            out[col] = pd.to_datetime(out[col]).astype("datetime64[ns]")
    return out.reset_index(drop=True)


def top_actors(db: StoreDatabase, flt: QueryFilter, n: int | None = 20, kinds=None) -> pd.DataFrame:
    """The ``n`` most mentioned actors (``kinds`` restricts them further): actor_id,
    name_ar, name_en, kind, country, mentions, articles, sentences."""
    sql, params = _stats_sql(db, flt, kinds, with_dates=False)
    if n is not None:
        params["top_n"] = int(n)
        sql += " LIMIT $top_n"
    return _typed(db.frame(sql, params))


def actor_table(
    db: StoreDatabase, flt: QueryFilter, include_unmentioned: bool = False, limit: int | None = None
):
    """Every actor mentioned under ``flt`` with mentions, articles, sentences, first_seen
    and last_seen (article days), ranked like ``top_actors``; with
    ``include_unmentioned`` the other actors follow (by id) with zeros. ``limit``: the
    first rows only."""
    sql, params = _stats_sql(db, flt, None, with_dates=True)
    if limit is not None:
        params["top_n"] = int(limit)
        sql += " LIMIT $top_n"
    out = _typed(db.frame(sql, params))
    if not include_unmentioned or (limit is not None and len(out) >= limit):
        return out
    rest = db.frame(
        "SELECT actor_id, name_ar, name_en, kind, country FROM actors "
        "WHERE actor_id NOT IN (SELECT UNNEST($seen)) ORDER BY actor_id",
        {"seen": out["actor_id"].astype(str).tolist()},
    )
    rest = rest.assign(mentions=0, articles=0, sentences=0, first_seen=pd.NaT, last_seen=pd.NaT)
    out = pd.concat([out, _typed(rest)], ignore_index=True)
    return out if limit is None else out.head(limit)


# ---------------------------------------------------------------------------
# The actor picker: searched on the server, never listed whole.


def _name_key(name: Any) -> str:
    """A name as the picker matches it: folded like search (``normalize``), lower case."""
    return normalize(name).lower() if isinstance(name, str) else ""


def _build_actor_keys(db: StoreDatabase):
    def build(cur) -> None:
        actors = cur.execute("SELECT actor_id, name_ar, name_en FROM actors").df()
        keys = pd.DataFrame(
            {
                "actor_id": actors["actor_id"].astype(str),
                "key_ar": [_name_key(n) for n in actors["name_ar"].astype(object)],
                "key_en": [_name_key(n) for n in actors["name_en"].astype(object)],
            },
            dtype="string",  # typed even without rows (a store with no actor)
        )
        cur.register("actor_keys_df", keys)
        try:
            cur.execute("CREATE TABLE actor_keys AS SELECT * FROM actor_keys_df")
        finally:
            cur.unregister("actor_keys_df")

    db.ensure("actor_keys", build)


def option_label(name_ar: Any, name_en: Any, actor_id: str) -> str:
    """``'روسيا · Russia'``: the Arabic name, then the English one (as the sidebar shows)."""
    names = [str(n) for n in (name_ar, name_en) if isinstance(n, str) and n.strip()]
    return " · ".join(dict.fromkeys(names)) or actor_id


_PICKER = """
SELECT a.actor_id, a.name_ar, a.name_en, a.kind, a.country, a.mentions
FROM actors a JOIN actor_keys k ON k.actor_id = a.actor_id
WHERE (contains(k.key_ar, $q) OR contains(k.key_en, $q)) AND {kind_rule}
ORDER BY CASE WHEN starts_with(k.key_ar, $q) OR starts_with(k.key_en, $q) THEN 0 ELSE 1 END,
         a.mentions DESC, a.actor_id
LIMIT $limit"""


def search_actors(db: StoreDatabase, text: str, limit: int = 20, kinds=None) -> pd.DataFrame:
    """Actors whose Arabic or English name contains ``text`` (both folded as search folds
    them: hamza, diacritics, case), names starting with it first, then by mentions in
    the whole store (descending), then id; at most ``limit`` rows. An empty ``text``
    gives the most mentioned actors. ``kinds`` keeps only actors of those kinds.
    Columns: actor_id, name_ar, name_en, kind, country, mentions, label."""
    _build_actor_keys(db)
    key = " ".join(_name_key(text or "").split())
    params: dict[str, Any] = {"q": key, "limit": int(limit)}
    kind_rule = "true"
    if kinds:
        params["kinds"] = [str(k) for k in kinds]
        kind_rule = "a.kind IN (SELECT UNNEST($kinds))"
    out = db.frame(compose(_PICKER, kind_rule=kind_rule), params).astype(
        {**_ACTOR_TYPES, "mentions": "int64"}
    )
    out["label"] = [
        option_label(ar, en, str(i))
        for i, ar, en in zip(out["actor_id"], out["name_ar"], out["name_en"], strict=True)
    ]
    return out.reset_index(drop=True)


def actors_by_id(db: StoreDatabase, actor_ids) -> pd.DataFrame:
    """The actors rows of ``actor_ids`` (unknown ids dropped), in the order given, with
    their ``label``: what a picker shows for the actors already chosen. Kept per
    database (its ``results``): a page opened from a link asks for its actors' rows up
    to three times (the link checked, their labels, their kind and country)."""
    ids = tuple(dict.fromkeys(str(a) for a in actor_ids or ()))
    return db.results.get(("actors_by_id", ids), lambda: _actors_by_id(db, list(ids))).copy()


def _actors_by_id(db: StoreDatabase, ids: list[str]) -> pd.DataFrame:
    out = db.frame(
        "SELECT actor_id, name_ar, name_en, kind, country, mentions FROM actors "
        "WHERE actor_id IN (SELECT UNNEST($ids))",
        {"ids": ids},
    ).astype({**_ACTOR_TYPES, "mentions": "int64"})
    out = out.set_index("actor_id", drop=False).reindex(
        [i for i in ids if i in set(out["actor_id"])]
    )
    out["label"] = [
        option_label(ar, en, str(i))
        for i, ar, en in zip(out["actor_id"], out["name_ar"], out["name_en"], strict=True)
    ]
    return out.reset_index(drop=True)


_OPTIONS = """
SELECT a.source, count(*) AS n, min(o.rank) AS first FROM articles a
JOIN article_order o ON o.article_id = a.article_id
WHERE a.duplicate_of IS NULL AND a.source IS NOT NULL
GROUP BY a.source ORDER BY n DESC, first"""
_SPAN = """
SELECT min(CAST(date AS DATE)), max(CAST(date AS DATE)) FROM articles WHERE duplicate_of IS NULL"""


def filter_options(db: StoreDatabase) -> dict:
    """What a filter can choose from, as ``analysis.filter_options``: sources (most
    articles first, ties in source order), kinds (``ACTOR_KINDS`` order, then others
    sorted), date_min, date_max (days or None); duplicates left out."""
    ensure_article_order(db)
    sources = [str(r[0]) for r in db.rows(_OPTIONS)]
    present = {str(r[0]) for r in db.rows("SELECT DISTINCT kind FROM actors WHERE kind <> ''")}
    kinds = [k for k in ACTOR_KINDS if k in present] + sorted(present - set(ACTOR_KINDS))
    low, high = db.rows(_SPAN)[0]
    return {"sources": sources, "kinds": kinds, "date_min": _day(low), "date_max": _day(high)}
