"""Who said what: the reported statements (the store's ``quotes``) a filter keeps.

A quote is kept when its article is (dates, sources, never a duplicate) and, with actors
chosen, when the sentence of its reporting verb names one of them **or its speaker is
one of them** — "what Lavrov said" holds his statements even where the sentence says
only وأضاف (issue 15). Kinds restrict mentions, not quotes. ``speakers`` narrows the
quotes to those of some actors (an actor's profile: what they said). The pandas side
applies the same rule (``dashboard.analysis.filters.View.quotes``).

A page of quotes is one query: its total comes with its rows (a window count), and is
counted apart only when the page is past the end. The totals of one speaker's quotes
under a filter without actors are kept in the database's results: an actor's profile
shows the number (``quote_counts``) and the first page (``quotes``), and whichever comes
second does not count them again.

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
# Newest first; a page of quotes with the words of each (``quote_statements``), and how
# many the filter keeps (counted before the LIMIT).
_PAGE = """{kept}
SELECT q.*, w.statement, a.date, a.source, a.title, a.path, count(*) OVER () AS _total
FROM kept_quotes q
JOIN articles a ON a.article_id = q.article_id
LEFT JOIN quote_statements w ON w.quote_id = q.quote_id
ORDER BY a.date DESC NULLS LAST, q.article_id, q.verb_start
LIMIT $limit OFFSET $offset"""
# The first page of each speaker's quotes, with each speaker's total: one query for the
# two sides of a comparison (``speaker_pages``).
_SPEAKER_PAGES = """{kept},
ranked AS (
  SELECT q.*, a.date, a.source, a.title, a.path,
         row_number() OVER (
           PARTITION BY q.speaker ORDER BY a.date DESC NULLS LAST, q.article_id, q.verb_start
         ) AS _rank,
         count(*) OVER (PARTITION BY q.speaker) AS _total
  FROM kept_quotes q JOIN articles a ON a.article_id = q.article_id
)
SELECT r.*, w.statement FROM ranked r
LEFT JOIN quote_statements w ON w.quote_id = r.quote_id
WHERE r._rank <= $limit
ORDER BY r.speaker, r._rank"""
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
    counting = dict(params)
    params["offset"] = max(int(offset), 0)
    # LIMIT NULL: every row from the offset on.
    params["limit"] = None if limit is None else max(int(limit), 0)
    rows = db.frame(compose(_PAGE, kept=kept), params)
    if len(rows):
        total = int(rows["_total"].iloc[0])
    else:  # past the end (or an empty page): no row carries the total
        total = int(db.rows(compose(_COUNT, kept=kept), counting)[0][0])
    chosen = _chosen(speakers)
    if not flt.actors and chosen is not None and len(chosen) == 1:
        db.results.put(_total_key(flt, chosen[0]), total)
    return QuotePage(total=total, rows=_typed(rows))


def speaker_pages(
    db: StoreDatabase, flt: QueryFilter, speakers, limit: int
) -> dict[str, QuotePage]:
    """speaker -> ``quotes(db, flt, [speaker], 0, limit)`` for each of ``speakers``, all
    read in one query."""
    chosen = _chosen(speakers) or []
    if limit <= 0:  # no row would carry the totals
        return {s: quotes(db, flt, [s], 0, limit) for s in chosen}
    db.ensure("quote_statements", _build_statements)
    kept, params = kept_quotes_sql(flt, chosen)
    params["limit"] = int(limit)
    rows = db.frame(compose(_SPEAKER_PAGES, kept=kept), params)
    out = {}
    for s in chosen:
        mine = rows[rows["speaker"] == s]
        total = int(mine["_total"].iloc[0]) if len(mine) else 0
        if not flt.actors:
            db.results.put(_total_key(flt, s), total)
        out[s] = QuotePage(total=total, rows=_typed(mine))
    return out


def _chosen(speakers) -> list[str] | None:
    return None if speakers is None else list(dict.fromkeys(str(s) for s in speakers))


def _total_key(flt: QueryFilter, speaker: str) -> tuple:
    """Where the database's results keep how many quotes of ``speaker`` a filter without
    actors keeps (kinds do not restrict quotes: only dates and sources count)."""
    return ("speaker_quotes", flt.articles_only(), speaker)


def quote_counts(db: StoreDatabase, flt: QueryFilter, speakers) -> dict[str, int]:
    """speaker -> how many quotes ``flt`` keeps of each of ``speakers`` (0 when none)."""
    chosen = _chosen(speakers) or []
    if flt.actors:
        return _counted(db, flt, chosen)
    kept = db.results.peek_many([_total_key(flt, s) for s in chosen])
    if kept is not None:
        return dict(zip(chosen, kept, strict=True))
    counts = _counted(db, flt, chosen)
    for speaker, n in counts.items():
        db.results.put(_total_key(flt, speaker), n)
    return counts


def _counted(db: StoreDatabase, flt: QueryFilter, speakers: list[str]) -> dict[str, int]:
    kept, params = kept_quotes_sql(flt, speakers)
    counted = {str(s): int(n) for s, n in db.rows(compose(_BY_SPEAKER, kept=kept), params)}
    return {s: counted.get(s, 0) for s in speakers}
