"""What is said: term frequencies and the word cloud of a filter.

The store's ``terms`` dataset holds the countable words of every sentence (stop words,
numbers and one-letter words already left out at ingest, as ``load_corpus`` does), so
counting is a GROUP BY over the filter's sentences. Each term is labelled, as
``dashboard.analysis.terms`` labels it, by its most common display form in the whole
store, ties going to the form seen first in source order (article order: input, then
record; then row order inside the article). Labels do not depend on the filter: they
are computed once per database into a small table (one row per distinct term), or read
from a published store, which carries that table (``dashboard.query.aggregates``).

Actor names (``names``, ``dashboard.analysis.terms.NAME_POLICIES``): with ``merge`` (the
words page's default) the words of every multi-word mention in the filter's sentences
(of any kind) are taken out of the counts and the mention counts once for its actor,
under the actor's Arabic name; ``omit`` takes every name's words out; ``split`` counts
them as words. The counting keys of each distinct mention surface and of each actor's
name come from ``dashboard.arabic.tokens.counting_terms``, in two small tables
(``surface_keys``, ``actor_terms``) that linking writes into the store
(``dashboard.ingest.corpus_level.name_tables``).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.analysis.terms import NAME_POLICIES
from dashboard.ingest.corpus_level import NAME_TABLES, name_tables
from dashboard.query.database import StoreDatabase
from dashboard.query.filter import QueryFilter, scope
from dashboard.query.order import ensure_article_order
from dashboard.query.sql import compose, literal

# Each term's most common display form; ties to the form seen first in source order.
# A row's place in that order is its article's rank, then its row in the file (an
# article's rows are in one file), as one number, so one GROUP BY pass finds each pair's
# count and first row (no sort of the whole dataset).
_LABELS = """CREATE TABLE term_labels AS
WITH pairs AS (
  SELECT t.term, coalesce(t.display, t.term) AS display, count(*) AS n,
         min(coalesce(o.rank, 2147483647) * 4294967296 + t.file_row_number) AS seen
  FROM ({terms}) t
  LEFT JOIN article_order o ON o.article_id = t.article_id
  GROUP BY 1, 2
),
first_seen AS (SELECT display, min(seen) AS seen FROM pairs GROUP BY display)
SELECT p.term, arg_min(p.display, (-p.n, f.seen)) AS display
FROM pairs p JOIN first_seen f ON f.display = p.display
WHERE p.term IS NOT NULL GROUP BY p.term"""
_COUNTS = """{scope},
counted AS (
  SELECT t.term, count(*) AS n FROM terms t
  WHERE t.sentence_id IN (SELECT sentence_id FROM kept_sentence_ids) AND t.term IS NOT NULL
    AND {only}
  GROUP BY t.term
),
freqs AS (
  SELECT c.term, l.display, c.n AS count FROM counted c JOIN term_labels l ON l.term = c.term
)"""
# Names policies (merge, omit): the words of the chosen mentions of the filter's sentences
# come out of the counts (clipped at zero); with merge each actor's such mentions count
# once, under its name (a term equal to a word's adds up, keeping the word's label; among
# actors sharing a term, the label of the one whose first surface sorts first).
_NAMED = """{scope},
counted AS (
  SELECT t.term, count(*) AS n FROM terms t
  WHERE t.sentence_id IN (SELECT sentence_id FROM kept_sentence_ids) AND t.term IS NOT NULL
  GROUP BY t.term
),
view_mentions AS (
  SELECT surface, actor_id, count(*) AS n FROM mentions
  WHERE sentence_id IN (SELECT sentence_id FROM kept_sentence_ids) GROUP BY 1, 2
),
name_words AS (
  SELECT v.surface, v.actor_id, v.n, k.key FROM view_mentions v
  JOIN surface_keys k ON k.surface = v.surface WHERE {word_rule}
),
removed AS (SELECT key AS term, sum(n) AS n FROM name_words GROUP BY 1),
words AS (
  SELECT c.term, l.display, c.n - coalesce(r.n, 0) AS count
  FROM counted c JOIN term_labels l ON l.term = c.term LEFT JOIN removed r ON r.term = c.term
  WHERE c.n - coalesce(r.n, 0) > 0
),
merged_actors AS (
  SELECT actor_id, sum(n) AS n, min(surface) AS first
  FROM (SELECT DISTINCT surface, actor_id, n FROM name_words) WHERE {merge_rule}
  GROUP BY actor_id
),
merged AS (
  SELECT coalesce(a.term, m.actor_id) AS term,
         arg_min(coalesce(a.display, m.actor_id), (m.first, m.actor_id)) AS display,
         sum(m.n) AS n
  FROM merged_actors m LEFT JOIN actor_terms a ON a.actor_id = m.actor_id GROUP BY 1
),
freqs AS (
  SELECT coalesce(w.term, g.term) AS term, coalesce(w.display, g.display) AS display,
         coalesce(w.count, 0) + coalesce(g.n, 0) AS count
  FROM words w FULL OUTER JOIN merged g ON g.term = w.term
)"""
#: What ``_NAMED`` removes and merges, per policy.
_WORD_RULES = {"merge": "k.n_keys >= 2", "omit": "true"}
_MERGE_RULES = {"merge": "true", "omit": "false"}
_TOP_TERMS = """{freqs}
SELECT term, display, count FROM freqs ORDER BY count DESC, term {limit}"""
# The cloud's words: display forms shared by several terms add up; ties keep
# term_frequencies' order (``pos``).
_CLOUD_WORDS = """ranked AS (
  SELECT display, count, row_number() OVER (ORDER BY count DESC, term) AS pos FROM freqs
),
cloud AS (
  SELECT display, sum(count) AS n, min(pos) AS pos FROM ranked GROUP BY display
  ORDER BY n DESC, pos LIMIT $max_words
)"""
_CLOUD = """{freqs},
{cloud}
SELECT display, n FROM cloud ORDER BY n DESC, pos"""
# Both at once (the words page shows both): the filter's terms are counted once, the two
# answers told apart by ``part``.
_TERMS_AND_CLOUD = """{freqs},
top_terms AS (SELECT term, display, count FROM freqs ORDER BY count DESC, term LIMIT $top_n),
{cloud}
SELECT 'terms' AS part, term, display, count, row_number() OVER (ORDER BY count DESC, term) AS i
FROM top_terms
UNION ALL
SELECT 'cloud', NULL, display, n, row_number() OVER (ORDER BY n DESC, pos) FROM cloud
ORDER BY part DESC, i"""


#: The dataset a published store keeps the labels in (``dashboard.query.aggregates``).
TERM_LABELS = "term_labels"
_PUBLISHED_LABELS = "CREATE VIEW term_labels AS SELECT term, display FROM read_parquet({file})"


def ensure_term_labels(db: StoreDatabase) -> None:
    """Make the table ``term_labels(term, display)`` (once per database): read from the
    store when it carries it (a published store), else computed from ``terms``."""
    if db.has_rows(TERM_LABELS):
        (path,) = db.store.files(TERM_LABELS)

        def read(cur) -> None:
            cur.execute(compose(_PUBLISHED_LABELS, file=literal(str(path))))

        db.ensure(TERM_LABELS, read)
        return
    ensure_article_order(db)

    def build(cur) -> None:
        if not db.has_rows("terms"):
            cur.execute("CREATE TABLE term_labels (term VARCHAR, display VARCHAR)")
            return
        cur.execute(compose(_LABELS, terms=db.dataset_with_row_numbers("terms")))

    db.ensure(TERM_LABELS, build)


_CREATE_NAME_TABLE = "CREATE TABLE {name} AS SELECT * FROM name_table_df"


def _build_name_tables(db: StoreDatabase) -> None:
    """``surface_keys(surface, key, n_keys)`` and ``actor_terms(actor_id, term, display)``
    (``dashboard.ingest.corpus_level.name_tables``): the database's views of the store's
    own, or, for a store linked before they existed, made here once per database."""
    if all(db.has_rows(n) for n in NAME_TABLES):
        return

    def build(cur) -> None:
        mentions = cur.execute("SELECT DISTINCT surface FROM mentions").df()
        actors = cur.execute("SELECT actor_id, name_ar FROM actors").df()
        for name, df in name_tables(mentions, actors).items():
            cur.register("name_table_df", df)
            try:
                cur.execute(compose(_CREATE_NAME_TABLE, name=name))
            finally:
                cur.unregister("name_table_df")

    db.ensure("name_tables", build)


def _counts_sql(
    db: StoreDatabase, flt: QueryFilter, sentence_ids=None, names: str = "merge"
) -> tuple[str, dict[str, Any]]:
    """``(WITH clause ending in freqs(term, display, count), parameters)``; actor names
    as ``names`` says (counted as words when ``sentence_ids`` are given, as the analysis
    does)."""
    if names not in NAME_POLICIES:
        raise ValueError(f"names must be one of {NAME_POLICIES}, not {names!r}")
    ensure_term_labels(db)
    with_clause, params = scope(flt)
    if names != "split" and sentence_ids is None:
        _build_name_tables(db)
        sql = compose(
            _NAMED,
            scope=with_clause,
            word_rule=_WORD_RULES[names],
            merge_rule=_MERGE_RULES[names],
        )
        return sql, params
    only = "true"
    if sentence_ids is not None:
        params["only_ids"] = [int(i) for i in sentence_ids]
        only = "t.sentence_id IN (SELECT UNNEST($only_ids))"
    return compose(_COUNTS, scope=with_clause, only=only), params


def term_frequencies(
    db: StoreDatabase,
    flt: QueryFilter,
    sentence_ids=None,
    top_n: int | None = None,
    names: str = "merge",
) -> pd.DataFrame:
    """How often each term occurs in the filter's sentences (only ``sentence_ids`` when
    given), actor names counted as ``names`` says (module docstring). Columns: term,
    display, count; by count (descending), then term; the first ``top_n`` rows when
    given."""
    with_clause, params = _counts_sql(db, flt, sentence_ids, names)
    limit = ""
    if top_n is not None:
        params["top_n"] = int(top_n)
        limit = "LIMIT $top_n"
    sql = compose(_TOP_TERMS, freqs=with_clause, limit=limit)
    out = db.frame(sql, params)
    return out.astype({"term": "string", "display": "string", "count": "int64"}).reset_index(
        drop=True
    )


def terms_and_cloud(
    db: StoreDatabase, flt: QueryFilter, top_n: int, max_words: int, names: str = "merge"
) -> tuple[pd.DataFrame, dict[str, int]]:
    """``(term_frequencies(..., top_n=top_n), word_cloud_frequencies(..., max_words))``
    of the same filter and ``names``, counted in one query (what the words page shows)."""
    with_clause, params = _counts_sql(db, flt, names=names)
    params.update(top_n=int(top_n), max_words=int(max_words))
    out = db.frame(compose(_TERMS_AND_CLOUD, freqs=with_clause, cloud=_CLOUD_WORDS), params)
    top = out.loc[out["part"] == "terms", ["term", "display", "count"]]
    top = top.astype({"term": "string", "display": "string", "count": "int64"})
    cloud = out.loc[out["part"] == "cloud"]
    freqs = {str(d): int(n) for d, n in zip(cloud["display"], cloud["count"], strict=True)}
    return top.reset_index(drop=True), freqs


def word_cloud_frequencies(
    db: StoreDatabase, flt: QueryFilter, max_words: int = 150, names: str = "merge"
) -> dict[str, int]:
    """``display -> count`` of the ``max_words`` most frequent display forms (terms sharing
    a display form add up; ties keep the order of ``term_frequencies``); actor names as
    ``names`` says."""
    with_clause, params = _counts_sql(db, flt, names=names)
    params["max_words"] = int(max_words)
    sql = compose(_CLOUD, freqs=with_clause, cloud=_CLOUD_WORDS)
    return {str(d): int(n) for d, n in db.rows(sql, params)}
