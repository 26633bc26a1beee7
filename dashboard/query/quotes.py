"""Who said what: the reported statements (the store's ``quotes``) a filter keeps.

A quote is kept when its article is (dates, sources, never a duplicate) and, with actors
chosen, when the sentence of its reporting verb names one of them **or its speaker is
one of them** — "what Lavrov said" holds his statements even where the sentence says
only وأضاف (issue 15). Kinds restrict mentions, not quotes. ``speakers`` narrows the
quotes to those of some actors (an actor's profile: what they said). The pandas side
applies the same rule (``dashboard.analysis.filters.View.quotes``).

The statement's words are cut from its article's text (``text[start:end]``: a statement
may cross sentences), all at once on first use (``quote_statements``): one article's text
costs a read of the whole text column, so a page of quotes from 20 articles would pay it
each time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.frames import SCHEMAS
from dashboard.query.database import StoreDatabase
from dashboard.query.filter import QueryFilter, scope
from dashboard.query.sql import compose

#: The columns of a page of quotes: the ``quotes`` frame's, the statement's words, and
#: where it was published.
QUOTE_COLUMNS = (*SCHEMAS["quotes"], "statement", "date", "source", "title", "path")

_KEPT = """{scope},
kept_quotes AS (
  SELECT q.* FROM quotes q
  WHERE q.article_id IN (SELECT article_id FROM kept_articles) AND ({actor_rule})
    AND ({speaker_rule})
)"""
_OF_ACTORS = (
    "q.sentence_id IN (SELECT sentence_id FROM selected) OR q.speaker IN (SELECT UNNEST($actors))"
)
_OF_SPEAKERS = "q.speaker IN (SELECT UNNEST($speakers))"
_COUNT = """{kept}
SELECT count(*) FROM kept_quotes"""
_BY_SPEAKER = """{kept}
SELECT speaker, count(*) FROM kept_quotes GROUP BY speaker"""
# Newest first; a page of quotes with the words of each (``quote_statements``).
_PAGE = """{kept}
SELECT q.*, w.statement, a.date, a.source, a.title, a.path FROM kept_quotes q
JOIN articles a ON a.article_id = q.article_id
LEFT JOIN quote_statements w ON w.quote_id = q.quote_id
ORDER BY a.date DESC NULLS LAST, q.article_id, q.verb_start
LIMIT $limit OFFSET $offset"""
# Each statement's words cut from its article's text (a character offset is a code point,
# as DuckDB's substr counts). Reading one article's text means reading the whole text
# column, so every statement is cut once, on first use, into this table.
_STATEMENTS = """CREATE TABLE quote_statements AS
SELECT q.quote_id, substr(a.text, q.start + 1, q."end" - q.start) AS statement
FROM quotes q JOIN articles a ON a.article_id = q.article_id"""


def _build_statements(cur: Any) -> None:
    cur.execute(_STATEMENTS)


@dataclass(frozen=True)
class QuotePage:
    """``total`` quotes the filter keeps, and the ``rows`` of one page (``QUOTE_COLUMNS``)."""

    total: int
    rows: pd.DataFrame


def kept_quotes_sql(flt: QueryFilter, speakers=None) -> tuple[str, dict[str, Any]]:
    """``(WITH clause ending in kept_quotes, parameters)``: the filter's scope and the
    quotes it keeps (module docstring), only those of ``speakers`` when given."""
    with_clause, params = scope(flt)
    speaker_rule = "true"
    if speakers is not None:
        params["speakers"] = list(dict.fromkeys(str(s) for s in speakers))
        speaker_rule = _OF_SPEAKERS
    sql = compose(
        _KEPT,
        scope=with_clause,
        actor_rule=_OF_ACTORS if flt.actors else "true",
        speaker_rule=speaker_rule,
    )
    return sql, params


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    types = dict(SCHEMAS["quotes"])
    types.update(statement="string", source="string", title="string", path="string")
    types["date"] = "datetime64[ns]"
    return df.astype(types)[list(QUOTE_COLUMNS)].reset_index(drop=True)


def quotes(
    db: StoreDatabase, flt: QueryFilter, speakers=None, offset: int = 0, limit: int | None = 50
) -> QuotePage:
    """The quotes ``flt`` keeps (of ``speakers`` when given), newest first (then article,
    then position): their number, and the ``limit`` rows from ``offset`` (all with None)."""
    db.ensure("quote_statements", _build_statements)
    kept, params = kept_quotes_sql(flt, speakers)
    total = int(db.rows(compose(_COUNT, kept=kept), params)[0][0])
    params["offset"] = max(int(offset), 0)
    params["limit"] = total if limit is None else max(int(limit), 0)
    rows = db.frame(compose(_PAGE, kept=kept), params)
    return QuotePage(total=total, rows=_typed(rows))


def quote_counts(db: StoreDatabase, flt: QueryFilter, speakers) -> dict[str, int]:
    """speaker -> how many quotes ``flt`` keeps of each of ``speakers`` (0 when none)."""
    kept, params = kept_quotes_sql(flt, speakers)
    counted = {str(s): int(n) for s, n in db.rows(compose(_BY_SPEAKER, kept=kept), params)}
    return {str(s): counted.get(str(s), 0) for s in speakers}
