"""When: mentions and articles per period, and the dates the articles talk about.

As ``dashboard.analysis.timeline``: a period is labelled by its first day (day, ISO week
from Monday, calendar month); series are zero-filled over every period from the
filter's first to last dated article. DuckDB counts per (row, period); the zero-filled
grid (periods x rows, small) is laid out here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from dashboard.analysis.timeline import FREQS, parse_timex
from dashboard.query.counts import top_actors, uses_article_actors
from dashboard.query.database import StoreDatabase
from dashboard.query.filter import QueryFilter, actor_scope, scope
from dashboard.query.sql import compose

#: Our period code -> DuckDB's date_trunc part (a W-SUN week starts on Monday, as ISO's).
_TRUNC = {"D": "day", "W": "week", "M": "month"}

# The counts and, in the same query (the filter's rows are found once), the filter's
# first and last article day: two rows with no actor.
_MENTIONS = """{scope}
SELECT m.actor_id, date_trunc('{part}', k.day) AS period, count(*) AS n
FROM kept_mentions m JOIN kept_articles k ON k.article_id = m.article_id
WHERE m.actor_id IN (SELECT UNNEST($chosen)) AND k.day IS NOT NULL
GROUP BY 1, 2
UNION ALL SELECT NULL, min(day), 0 FROM kept_articles
UNION ALL SELECT NULL, max(day), 0 FROM kept_articles"""
# The same from ``article_actors`` (a filter choosing actors): per article its mentions
# of the actor.
_PAIR_MENTIONS = """{scope}
SELECT n.actor_id, date_trunc('{part}', p.day) AS period, CAST(sum(p.mentions) AS BIGINT) AS n
FROM kept_pairs p JOIN actor_numbers n ON n.actor_key = p.actor_key
WHERE n.actor_id IN (SELECT UNNEST($chosen)) AND p.day IS NOT NULL
GROUP BY 1, 2
UNION ALL SELECT NULL, min(day), 0 FROM kept_keys
UNION ALL SELECT NULL, max(day), 0 FROM kept_keys"""
_ARTICLES = """{scope}
SELECT date_trunc('{part}', day) AS period{source}, count(*) AS n
FROM kept_articles WHERE day IS NOT NULL GROUP BY {group}"""
_REFERENCED = """{scope}
SELECT value, granularity, count(*) AS mentions, count(DISTINCT article_id) AS articles,
       sum(CASE WHEN relative THEN 1 ELSE 0 END) AS relative
FROM kept_dates WHERE {rule} GROUP BY value, granularity"""
# The same over the date expressions of some sentences (a frame registered as ``chosen``).
_SENTENCE_DATES = """WITH kept_dates AS (
  SELECT d.article_id, d.value, d.granularity, d.relative FROM dates d
  WHERE d.sentence_id IN (SELECT sentence_id FROM chosen)
)"""


def _trunc(freq: str) -> str:
    if freq not in _TRUNC:
        raise ValueError(f"freq must be one of {tuple(FREQS)}, not {freq!r}")
    return _TRUNC[freq]


def _periods(days: pd.Series, freq: str) -> pd.DatetimeIndex:
    """Every period of ``freq`` from the first to the last of ``days`` (none when all
    are missing): the filter's first to last dated article."""
    days = pd.to_datetime(days).dropna()
    if days.empty:
        return pd.DatetimeIndex([], name="period")
    span = pd.period_range(days.min(), days.max(), freq=FREQS[freq])
    return pd.DatetimeIndex(span.start_time, name="period")


def _grid(counts: pd.DataFrame, key: str, labels: list[str], periods: pd.DatetimeIndex, value: str):
    """Zero-filled (key, period) counts: rows in ``labels`` order, then period."""
    n_per = len(periods)
    grid = np.zeros((len(labels), n_per), dtype=np.int64)
    if len(counts) and n_per:
        row = pd.Index(labels).get_indexer(counts[key].astype(str))
        col = periods.get_indexer(pd.to_datetime(counts["period"]).astype("datetime64[ns]"))
        ok = (row >= 0) & (col >= 0)
        np.add.at(grid, (row[ok], col[ok]), counts["n"].to_numpy(np.int64)[ok])
    return pd.DataFrame(
        {
            "period": np.tile(periods.to_numpy(), len(labels)),
            key: pd.array(np.repeat(np.asarray(labels, dtype=object), n_per), dtype="string"),
            value: grid.ravel(),
        }
    )


def mentions_over_time(
    db: StoreDatabase, flt: QueryFilter, actor_ids=None, freq: str = "W", top_n: int = 5
) -> pd.DataFrame:
    """Mentions per period of each actor (the ``top_n`` most mentioned when
    ``actor_ids`` is None; unknown ids dropped), zero-filled; undated articles' mentions
    are not counted. Columns: period, actor_id, mentions; in actor order, then period."""
    part = _trunc(freq)
    if actor_ids is None:
        actor_ids = top_actors(db, flt, n=top_n)["actor_id"].tolist()
    wanted = list(dict.fromkeys(str(a) for a in actor_ids))
    pairs = uses_article_actors(db, flt)
    with_clause, params = actor_scope(flt) if pairs else scope(flt)
    params["chosen"] = wanted
    known = {
        r[0]
        for r in db.rows(
            "SELECT actor_id FROM actors WHERE actor_id IN (SELECT UNNEST($ids))", {"ids": wanted}
        )
    }
    sql = compose(_PAIR_MENTIONS if pairs else _MENTIONS, scope=with_clause, part=part)
    rows = db.frame(sql, params)
    span = rows["actor_id"].isna()
    periods = _periods(rows.loc[span, "period"], freq)
    counts = rows.loc[~span]
    return _grid(counts, "actor_id", [a for a in wanted if a in known], periods, "mentions")


def articles_over_time(
    db: StoreDatabase, flt: QueryFilter, freq: str = "W", by_source: bool = False
) -> pd.DataFrame:
    """Articles per publication period, zero-filled; undated articles not counted.
    Columns: period, articles (+ source after period when ``by_source``; articles
    without a source under "")."""
    part = _trunc(freq)
    if uses_article_actors(db, flt):
        with_clause, params = actor_scope(flt)
        # kept_keys holds the kept articles' days and sources as kept_articles does
        with_clause += ",\nkept_articles AS (SELECT day, source FROM kept_keys)"
    else:
        with_clause, params = scope(flt)
    source = ", coalesce(source, '') AS source" if by_source else ""
    group = "1, 2" if by_source else "1"
    sql = compose(_ARTICLES, scope=with_clause, part=part, source=source, group=group)
    counts = db.frame(sql, params)
    # The first and last periods counted are those of the first and last dated article.
    periods = _periods(counts["period"], freq)
    if not by_source:
        series = counts.assign(key="").pipe(_grid, "key", [""], periods, "articles")
        return series[["period", "articles"]]
    sources = sorted(counts["source"].astype(str).unique())
    out = _grid(counts, "source", sources, periods, "articles")
    return out[["period", "source", "articles"]]


def _granularity_rule(granularity, params: dict[str, Any]) -> str:
    """The condition on ``kept_dates`` keeping ``granularity`` (None, one or a list)."""
    if granularity is None:
        return "true"
    grans = [granularity] if isinstance(granularity, str) else list(granularity)
    params["grans"] = [str(g) for g in grans]
    return "granularity IN (SELECT UNNEST($grans))"


def referenced_dates(db: StoreDatabase, flt: QueryFilter, granularity=None) -> pd.DataFrame:
    """The dates the filter's sentences talk about, one row per distinct TIMEX3 value
    (``granularity``: None, one or a list). Columns: value, granularity, period_start,
    period_end (NaT when the value names no calendar period), mentions, articles,
    relative; sorted by period_start, then value."""
    with_clause, params = scope(flt)
    rule = _granularity_rule(granularity, params)
    return _referenced(db.frame(compose(_REFERENCED, scope=with_clause, rule=rule), params))


def dates_of_sentences(
    db: StoreDatabase, sentences: pd.DataFrame, granularity=None
) -> pd.DataFrame:
    """``referenced_dates`` of the sentences whose ids are in the ``sentence_id`` column
    of ``sentences`` (rather than of a filter's)."""
    params: dict[str, Any] = {}
    rule = _granularity_rule(granularity, params)
    sql = compose(_REFERENCED, scope=_SENTENCE_DATES, rule=rule)
    return _referenced(db.frame(sql, params, tables={"chosen": sentences[["sentence_id"]]}))


def _referenced(grouped: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``referenced_dates`` from the counts per value (value, granularity,
    mentions, articles, relative)."""
    parsed: dict[Any, Any] = {v: parse_timex(v) for v in grouped["value"].dropna().unique()}
    starts = [parsed[v][0] if parsed.get(v) else pd.NaT for v in grouped["value"]]
    ends = [parsed[v][1] if parsed.get(v) else pd.NaT for v in grouped["value"]]
    out = pd.DataFrame(
        {
            "value": grouped["value"].astype("string"),
            "granularity": grouped["granularity"].astype("string"),
            "period_start": pd.to_datetime(pd.Series(starts, dtype=object), errors="coerce"),
            "period_end": pd.to_datetime(pd.Series(ends, dtype=object), errors="coerce"),
            "mentions": grouped["mentions"].astype("int64"),
            "articles": grouped["articles"].astype("int64"),
            "relative": grouped["relative"].fillna(0).astype("int64"),
        }
    )
    out = out.astype({"period_start": "datetime64[ns]", "period_end": "datetime64[ns]"})
    return out.sort_values(["period_start", "value"], na_position="last").reset_index(drop=True)
