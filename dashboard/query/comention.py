"""With whom: the co-mention matrix of the top actors, and the sentences of a pair.

A window is a sentence or an article of the filter (``article_sentences`` or
``kept_articles``); an actor is in a window when one of the filter's mentions of it is
there. DuckDB counts the windows each chosen pair shares (distinct (window, actor) rows
joined on the window); the few resulting numbers become the k x k matrix here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis.comention import MEASURES, ORDERS, WINDOWS, Comention, check_option
from dashboard.analysis.measures import cluster_order, measure_matrix
from dashboard.query.counts import uses_article_actors, uses_article_keys
from dashboard.query.database import StoreDatabase
from dashboard.query.filter import QueryFilter, actor_scope, mention_kind_rule, scope
from dashboard.query.sentences import sentence_rows
from dashboard.query.sql import compose

_TOP = """{scope}
SELECT actor_id FROM kept_mentions WHERE actor_id IN (SELECT actor_id FROM actors)
GROUP BY actor_id ORDER BY count(*) DESC, actor_id LIMIT $top_n"""
# Distinct (window, actor) rows of the chosen actors joined on the window: the pairs'
# shared windows; the last row carries the number of windows N.
_COCOUNTS = """{scope},
{present}
SELECT x.actor_id AS a, y.actor_id AS b, count(*) AS n
FROM present x JOIN present y ON x.w = y.w GROUP BY 1, 2
UNION ALL SELECT NULL, NULL, (SELECT count(*) FROM {windows})"""
# With actors chosen (``filter.actor_scope``): the top actors by their mentions per kept
# article, and an article window's actors read from ``article_actors``.
_PAIR_TOP = """{scope}
SELECT n.actor_id FROM kept_pairs p JOIN actor_numbers n ON n.actor_key = p.actor_key
WHERE n.actor_id IN (SELECT actor_id FROM actors)
GROUP BY n.actor_id ORDER BY sum(p.mentions) DESC, n.actor_id LIMIT $top_n"""
_PAIR_ARTICLES = """{scope},
present AS (
  SELECT p.article_key AS w, n.actor_id FROM kept_pairs p
  JOIN actor_numbers n ON n.actor_key = p.actor_key
  WHERE p.actor_key IN (
    SELECT actor_key FROM actor_numbers WHERE actor_id IN (SELECT UNNEST($chosen)))
)
SELECT x.actor_id AS a, y.actor_id AS b, count(*) AS n
FROM present x JOIN present y ON x.w = y.w GROUP BY 1, 2
UNION ALL SELECT NULL, NULL, (SELECT count(*) FROM kept_keys)"""
# A sentence window's actors: the chosen actors' own mentions (``actor_mentions``, read
# in their row groups) in the kept articles, not every mention of those articles.
_SENTENCE_PRESENT = """present AS (
  SELECT DISTINCT m.sentence_id AS w, m.actor_id FROM actor_mentions m
  WHERE m.actor_id IN (SELECT UNNEST($chosen)) AND m.sentence_id IS NOT NULL AND {kind_rule}
    AND m.article_id IN (SELECT article_id FROM kept_articles)
)"""
# The same with actors chosen, on a store whose mentions by actor carry article keys
# (``corpus_level.article_numbers``): the chosen actors' mentions in the kept articles are
# found by integer keys, and the sentence windows are the kept articles' sentence counts
# added up, where ``scope`` reads the articles' ids and every sentence.
_KEYED_SENTENCES = """{scope},
present AS (
  SELECT DISTINCT m.sentence_id AS w, m.actor_id FROM actor_mentions m
  WHERE m.actor_id IN (SELECT UNNEST($chosen)) AND m.sentence_id IS NOT NULL AND {kind_rule}
    AND m.article_key IN (SELECT article_key FROM kept_keys)
)
SELECT x.actor_id AS a, y.actor_id AS b, count(*) AS n
FROM present x JOIN present y ON x.w = y.w GROUP BY 1, 2
UNION ALL SELECT NULL, NULL, (
  SELECT coalesce(sum(n.sentences), 0) FROM article_numbers n
  WHERE n.article_key IN (SELECT article_key FROM kept_keys))"""
_PAIR = """{scope},
flags AS (
  SELECT sentence_id, any_value(article_id) AS article_id,
         bool_or(actor_id = $pair_a) AS has_a, bool_or(actor_id = $pair_b) AS has_b
  FROM kept_mentions WHERE actor_id IN ($pair_a, $pair_b) GROUP BY sentence_id
)
SELECT s.article_id, s.sentence_id, s.position, s.text, s.start, s."end", s.date,
       f.has_a, f.has_b, a.title, a.source, a.dateline
FROM flags f JOIN sentences s ON s.sentence_id = f.sentence_id
LEFT JOIN articles a ON a.article_id = s.article_id
WHERE {keep}
ORDER BY s.date DESC NULLS LAST, s.article_id, s.position"""
_BOTH_IN_SENTENCE = "f.has_a AND f.has_b"
_BOTH_IN_ARTICLE = """f.article_id IN (
    SELECT article_id FROM flags GROUP BY article_id HAVING bool_or(has_a) AND bool_or(has_b))"""
_KEPT_PRESENT = """present AS (
  SELECT DISTINCT {col} AS w, actor_id FROM kept_mentions
  WHERE actor_id IN (SELECT UNNEST($chosen)) AND w IS NOT NULL
)"""
_WINDOW_COLUMN = {"sentence": "sentence_id", "article": "article_id"}
_WINDOW_COUNT = {"sentence": "article_sentences", "article": "kept_articles"}


def _chosen(db: StoreDatabase, flt: QueryFilter, actor_ids, top_n: int) -> list[str]:
    """The actors to show: the given ids that exist (in order), else the ``top_n`` most
    mentioned under ``flt`` (ties by id)."""
    if actor_ids is not None:
        ids = list(dict.fromkeys(str(a) for a in actor_ids))
        known = {
            r[0]
            for r in db.rows(
                "SELECT actor_id FROM actors WHERE actor_id IN (SELECT UNNEST($ids))", {"ids": ids}
            )
        }
        return [a for a in ids if a in known]
    pairs = uses_article_actors(db, flt)
    with_clause, params = actor_scope(flt) if pairs else scope(flt)
    params["top_n"] = int(top_n)
    sql = compose(_PAIR_TOP if pairs else _TOP, scope=with_clause)
    return [r[0] for r in db.rows(sql, params)]


def _cocounts(db: StoreDatabase, flt: QueryFilter, ids: list[str], window: str):
    """(k x k co-count matrix of ``ids`` in their order, number of windows N)."""
    if window == "article" and uses_article_actors(db, flt):
        with_clause, params = actor_scope(flt)
        sql = compose(_PAIR_ARTICLES, scope=with_clause)
    elif window == "sentence" and uses_article_keys(db, flt):
        with_clause, params = actor_scope(flt)
        rule = mention_kind_rule(flt, params, "m")
        sql = compose(_KEYED_SENTENCES, scope=with_clause, kind_rule=rule)
    else:
        with_clause, params = scope(flt)
        if window == "sentence":
            rule = mention_kind_rule(flt, params, "m")
            present = compose(_SENTENCE_PRESENT, kind_rule=rule)
        else:
            present = compose(_KEPT_PRESENT, col=_WINDOW_COLUMN[window])
        sql = compose(_COCOUNTS, scope=with_clause, present=present, windows=_WINDOW_COUNT[window])
    params["chosen"] = ids
    pairs = db.frame(sql, params)
    total = pairs["a"].isna()
    n_windows = int(pairs.loc[total, "n"].iloc[0])
    pairs = pairs.loc[~total]
    pos = {a: i for i, a in enumerate(ids)}
    counts = np.zeros((len(ids), len(ids)), dtype=np.int64)
    counts[pairs["a"].map(pos).to_numpy(int), pairs["b"].map(pos).to_numpy(int)] = pairs["n"]
    return counts, n_windows


def comention(
    db: StoreDatabase,
    flt: QueryFilter,
    actor_ids=None,
    top_n: int = 20,
    window: str = "sentence",
    measure: str = "count",
    order: str = "frequency",
    min_count: int = 1,
) -> Comention:
    """The co-mention matrix and co-counts of ``actor_ids`` (else the ``top_n`` most
    mentioned), as ``dashboard.analysis.comention.comention`` returns them: index and
    columns are actor ids, "frequency" order = most windows first."""
    check_option("window", window, WINDOWS)
    check_option("measure", measure, MEASURES)
    check_option("order", order, ORDERS)
    ids = _chosen(db, flt, actor_ids, top_n)
    counts, n_windows = _cocounts(db, flt, ids, window)
    if order == "frequency":
        perm = np.argsort(-np.diag(counts), kind="stable")
    else:
        perm = cluster_order(counts)
    counts = counts[np.ix_(perm, perm)]
    index = pd.Index(np.asarray(ids, dtype=object)[perm].astype(str), name="actor_id")
    values = measure_matrix(counts, measure, n_windows, min_count)
    matrix = pd.DataFrame(values, index=index, columns=index.rename(None))
    count_frame = pd.DataFrame(counts, index=index, columns=index.rename(None))
    return Comention(matrix, count_frame, n_windows, window, measure)


def pair_sentences(
    db: StoreDatabase, flt: QueryFilter, a: str, b: str, window: str = "sentence"
) -> pd.DataFrame:
    """The evidence for the pair (``a``, ``b``), as ``analysis.comention.pair_sentences``:
    the sentences mentioning both (``window="sentence"``), or in the articles mentioning
    both the sentences mentioning either. Columns: the sentence columns, has_a, has_b,
    title, source, dateline; newest articles first, then sentence order."""
    check_option("window", window, WINDOWS)
    with_clause, params = scope(flt)
    params.update({"pair_a": str(a), "pair_b": str(b)})
    keep = _BOTH_IN_SENTENCE if window == "sentence" else _BOTH_IN_ARTICLE
    return sentence_rows(db.frame(compose(_PAIR, scope=with_clause, keep=keep), params))
