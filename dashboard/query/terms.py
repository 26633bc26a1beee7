"""What is said: term frequencies and the word cloud of a filter.

The store's ``terms`` dataset holds the countable words of every sentence (stop words,
numbers and one-letter words already left out at ingest, as ``load_corpus`` does), so
counting is a GROUP BY over the filter's sentences. Each term is labelled, as
``dashboard.analysis.terms`` labels it, by its most common display form in the whole
store, ties going to the form seen first in source order (article order: input, then
record; then row order inside the article). Labels do not depend on the filter: they
are computed once per database into a small table (one row per distinct term), or read
from a published store, which carries that table (``dashboard.query.aggregates``).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.query.database import StoreDatabase
from dashboard.query.filter import QueryFilter, scope
from dashboard.query.order import ensure_article_order
from dashboard.query.sql import compose, literal

# Each term's most common display form; ties to the form seen first in source order.
_LABELS = """CREATE TABLE term_labels AS
WITH rows AS (
  SELECT t.term, coalesce(t.display, t.term) AS display,
         row_number() OVER (ORDER BY o.rank, t.file_row_number) AS seen
  FROM ({terms}) t
  LEFT JOIN article_order o ON o.article_id = t.article_id
),
first_seen AS (SELECT display, min(seen) AS seen FROM rows GROUP BY display),
pairs AS (SELECT term, display, count(*) AS n FROM rows WHERE term IS NOT NULL GROUP BY 1, 2)
SELECT p.term, arg_min(p.display, (-p.n, f.seen)) AS display
FROM pairs p JOIN first_seen f ON f.display = p.display GROUP BY p.term"""
_COUNTS = """{scope},
counted AS (
  SELECT t.term, count(*) AS n FROM terms t
  WHERE t.sentence_id IN (SELECT sentence_id FROM kept_sentences) AND t.term IS NOT NULL
    AND {only}
  GROUP BY t.term
),
freqs AS (
  SELECT c.term, l.display, c.n AS count FROM counted c JOIN term_labels l ON l.term = c.term
)"""
_TOP_TERMS = """{freqs}
SELECT term, display, count FROM freqs ORDER BY count DESC, term {limit}"""
# Display forms shared by several terms add up; ties keep term_frequencies' order.
_CLOUD = """{freqs},
ranked AS (
  SELECT display, count, row_number() OVER (ORDER BY count DESC, term) AS pos FROM freqs
)
SELECT display, sum(count) AS n FROM ranked GROUP BY display
ORDER BY n DESC, min(pos) LIMIT $max_words"""


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


def _counts_sql(flt: QueryFilter, sentence_ids=None) -> tuple[str, dict[str, Any]]:
    """``(WITH clause ending in freqs(term, display, count), parameters)``."""
    with_clause, params = scope(flt)
    only = "true"
    if sentence_ids is not None:
        params["only_ids"] = [int(i) for i in sentence_ids]
        only = "t.sentence_id IN (SELECT UNNEST($only_ids))"
    return compose(_COUNTS, scope=with_clause, only=only), params


def term_frequencies(
    db: StoreDatabase, flt: QueryFilter, sentence_ids=None, top_n: int | None = None
) -> pd.DataFrame:
    """How often each term occurs in the filter's sentences (only ``sentence_ids`` when
    given). Columns: term, display, count; by count (descending), then term; the first
    ``top_n`` rows when given."""
    ensure_term_labels(db)
    with_clause, params = _counts_sql(flt, sentence_ids)
    limit = ""
    if top_n is not None:
        params["top_n"] = int(top_n)
        limit = "LIMIT $top_n"
    sql = compose(_TOP_TERMS, freqs=with_clause, limit=limit)
    out = db.frame(sql, params)
    return out.astype({"term": "string", "display": "string", "count": "int64"}).reset_index(
        drop=True
    )


def word_cloud_frequencies(db: StoreDatabase, flt: QueryFilter, max_words: int = 150):
    """``display -> count`` of the ``max_words`` most frequent display forms (terms sharing
    a display form add up; ties keep the order of ``term_frequencies``)."""
    ensure_term_labels(db)
    with_clause, params = _counts_sql(flt)
    params["max_words"] = int(max_words)
    sql = compose(_CLOUD, freqs=with_clause)
    return {str(d): int(n) for d, n in db.rows(sql, params)}
