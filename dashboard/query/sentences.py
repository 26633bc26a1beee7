"""The sentences themselves: search over the store's normalised column, paged, with the
mentions to highlight; and the date expressions of a filter.

Search matches as ``dashboard.analysis.sentences.search_sentences`` does: every term of
the query (``query_terms``: words or "quoted phrases", folded by ``normalize`` and lower
case) must occur in the sentence's ``text_norm`` (stored folded the same way) or in its
article's "source | dateline | YYYY-MM-DD | title", folded likewise. The store has no
column for the latter yet, so it is built once per database, on the first search with
terms (one short string per article).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.analysis.sentences import normalize_many, query_terms
from dashboard.frames import SCHEMAS
from dashboard.ingest.corpus_level import ARTICLE_KEYS
from dashboard.query.database import StoreDatabase
from dashboard.query.filter import QueryFilter, mention_kind_rule, scope
from dashboard.query.sql import compose, literal

_ARTICLE_COLUMNS = ("title", "source", "dateline")


@dataclass(frozen=True)
class SearchPage:
    """One page of a sentence search: ``total`` matching sentences, the ``rows`` of this
    page (sentence columns + title, source, dateline), the filter's ``mentions`` inside
    them (kinds applied, for highlighting) and the ``actors`` rows they name."""

    total: int
    rows: pd.DataFrame
    mentions: pd.DataFrame
    actors: pd.DataFrame


def sentence_rows(df: pd.DataFrame) -> pd.DataFrame:
    """Sentence rows typed as the contract's ``sentences`` (+ article and pair columns)."""
    types = {c: t for c, t in SCHEMAS["sentences"].items() if c in df}
    types.update({c: "string" for c in _ARTICLE_COLUMNS if c in df})
    types.update({c: "bool" for c in ("has_a", "has_b") if c in df})
    return df.astype(types).reset_index(drop=True)


def _meta_key(values: pd.Series) -> list[str]:
    return normalize_many(values.astype("string").fillna("").tolist())


def _build_article_meta(db: StoreDatabase) -> None:
    def build(cur) -> None:
        arts = cur.execute(
            "SELECT article_id, source, dateline, strftime(date, '%Y-%m-%d') AS day, title "
            "FROM articles"
        ).df()
        day = arts["day"].astype("string").fillna("")
        meta = [
            f"{s} | {d} | {y} | {t}"
            for s, d, y, t in zip(
                _meta_key(arts["source"]),
                _meta_key(arts["dateline"]),
                day.tolist(),
                _meta_key(arts["title"]),
                strict=True,
            )
        ]
        frame = pd.DataFrame({"article_id": arts["article_id"].astype(str), "meta": meta})
        cur.register("article_meta_df", frame)
        try:
            cur.execute("CREATE TABLE article_meta AS SELECT * FROM article_meta_df")
        finally:
            cur.unregister("article_meta_df")

    db.ensure("article_meta", build)


# The hits carry the columns they are ordered by, so the page is chosen without reading
# any text, and where each row lies (file, row number), so that only the page's rows are
# then read whole: a filter on ``file_row_number`` reads only the Parquet pages holding
# them (a filter on ``sentence_id``, a hash, reads the whole text column).
_ALL_HITS = """{scope},
hits AS (
  SELECT s.sentence_id, s.date, s.article_id, s.position, s.filename, s.file_row_number
  FROM ({numbered}) s WHERE s.sentence_id IN (SELECT sentence_id FROM kept_sentence_ids)
)"""
_HITS = """{scope},
hits AS (
  SELECT s.sentence_id, s.date, s.article_id, s.position, s.filename, s.file_row_number
  FROM ({numbered}) s
  LEFT JOIN article_meta m ON m.article_id = s.article_id
  WHERE s.sentence_id IN (SELECT sentence_id FROM kept_sentence_ids) AND {rules}
)"""
_NO_ROW_NUMBERS = (
    "SELECT *, NULL::VARCHAR AS filename, NULL::BIGINT AS file_row_number FROM sentences"
)
_TERM_RULE = "(contains(s.text_norm, $term) OR contains(coalesce(m.meta, ''), $term))"
_COUNT = """{hits}
SELECT count(*) FROM hits"""
_PAGE_IDS = """{hits}
SELECT sentence_id, count(*) OVER () AS total, filename, file_row_number FROM hits
ORDER BY date DESC NULLS LAST, article_id, position {page}"""
_FILE_ROWS = """SELECT article_id, sentence_id, position, text, start, "end", date
FROM read_parquet({file}, file_row_number = true)
WHERE file_row_number IN (SELECT UNNEST(${rows}))"""
_ROWS = """WITH picked AS ({picked})
SELECT s.article_id, s.sentence_id, s.position, s.text, s.start, s."end", s.date
FROM picked s ORDER BY s.date DESC NULLS LAST, s.article_id, s.position"""
# The page's articles, by the ids of its rows given as values: looked up from a query's
# own rows, DuckDB reads the titles of every article that may match (2 s at 1,000,000).
_PAGE_ARTICLES = """SELECT article_id, title, source, dateline FROM articles
WHERE article_id IN (SELECT UNNEST($ids))"""
_NO_ROWS = """SELECT article_id, sentence_id, position, text, start, "end", date
FROM sentences WHERE false"""
_MENTIONS_IN = """
SELECT m.article_id, m.sentence_id, m.actor_id, m.surface, m.start, m."end", m.method
FROM {mentions} m WHERE m.sentence_id IN (SELECT UNNEST($ids)) AND {kind_rule}
ORDER BY m.article_id, m.start, m."end", m.actor_id"""
# Where the mentions of the page's articles lie in the store's mentions file
# (``corpus_level.article_numbers``): a filter on the row numbers reads only the row
# groups holding them, where the sentence ids (hashes) make DuckDB read every mention.
_SPANS = """SELECT mention_first, mention_last FROM article_numbers
WHERE article_id IN (SELECT UNNEST($articles)) AND mention_first IS NOT NULL
ORDER BY mention_first"""
_MENTION_ROWS = """(SELECT * FROM read_parquet({file}, file_row_number = true)
  WHERE {spans})"""
_DATES = """{scope}
SELECT d.article_id, d.sentence_id, d.surface, d.start, d."end", d.value, d.granularity,
       d.relative
FROM kept_dates d ORDER BY d.article_id, d.start, d."end", d.value"""


def _matches(db: StoreDatabase, flt: QueryFilter, query: str) -> tuple[str, dict[str, Any]]:
    """``(WITH clause ending in hits(sentence_id, date, article_id, position, filename,
    file_row_number), parameters)`` for ``query``."""
    with_clause, params = scope(flt)
    numbered = (
        db.dataset_with_row_numbers("sentences") if db.has_rows("sentences") else _NO_ROW_NUMBERS
    )
    terms = query_terms(query)
    if not terms:
        return compose(_ALL_HITS, scope=with_clause, numbered=numbered), params
    _build_article_meta(db)
    rules = []
    for i, term in enumerate(terms):
        params[f"term{i}"] = term
        rules.append(_TERM_RULE.replace("$term", f"$term{i}"))
    return compose(_HITS, scope=with_clause, numbered=numbered, rules=" AND ".join(rules)), params


def _page_rows(db: StoreDatabase, chosen: list[tuple]) -> pd.DataFrame:
    """The sentence rows (+ title, source, dateline) of ``chosen`` (sentence_id, total,
    filename, file_row_number), each read from its file by row number."""
    by_file: dict[str, list[int]] = {}
    for _, _, filename, row in chosen:
        by_file.setdefault(str(filename), []).append(int(row))
    params: dict[str, Any] = {}
    parts = []
    for i, (filename, rows) in enumerate(sorted(by_file.items())):
        params[f"rows{i}"] = rows
        parts.append(compose(_FILE_ROWS, file=literal(filename), rows=f"rows{i}"))
    picked = " UNION ALL ".join(parts) or _NO_ROWS
    rows = db.frame(compose(_ROWS, picked=picked), params)
    ids = sorted(set(rows["article_id"].astype(str)))
    articles = db.frame(_PAGE_ARTICLES, {"ids": ids}).astype({"article_id": "string"})
    rows = rows.astype({"article_id": "string"})
    return rows.merge(articles, on="article_id", how="left")


def search_sentences(
    db: StoreDatabase, flt: QueryFilter, query: str = "", offset: int = 0, limit: int | None = 50
) -> SearchPage:
    """The page ``offset .. offset + limit`` (``limit`` None: all) of the filter's sentences
    matching ``query`` (empty: every sentence of the filter), newest articles first, then
    article id and sentence order; see the module docstring."""
    with_clause, params = _matches(db, flt, query)
    paged = dict(params, offset=int(offset))
    page = "OFFSET $offset"
    if limit is not None:
        paged["limit"] = int(limit)
        page = "LIMIT $limit OFFSET $offset"
    chosen = db.rows(compose(_PAGE_IDS, hits=with_clause, page=page), paged)
    if chosen:
        total = int(chosen[0][1])
    elif offset:  # past the last page: the window saw no row, count them
        total = int(db.rows(compose(_COUNT, hits=with_clause), params)[0][0])
    else:
        total = 0
    ids = [int(r[0]) for r in chosen]
    rows = sentence_rows(_page_rows(db, chosen))
    mentions, actors = mentions_in(db, flt, ids, rows["article_id"])
    return SearchPage(total, rows, mentions, actors)


def _mentions_of_articles(db: StoreDatabase, article_ids) -> str:
    """What ``_MENTIONS_IN`` reads: the view ``mentions``, or, when the store has the
    mentions' rows per article and ``article_ids`` are given, only those articles' rows
    of its mentions file."""
    files = db.store.files("mentions")
    if article_ids is None or len(files) != 1 or not db.has_rows(ARTICLE_KEYS):
        return "mentions"
    articles = sorted({str(a) for a in article_ids})
    spans = db.rows(_SPANS, {"articles": articles})
    if not spans:
        return "(SELECT * FROM mentions WHERE false)"
    rules = " OR ".join(
        f"file_row_number BETWEEN {int(lo)} AND {int(hi)}" for lo, hi in _merged(spans)
    )
    return compose(_MENTION_ROWS, file=literal(str(files[0])), spans=rules)


def _merged(spans: list[tuple]) -> list[tuple[int, int]]:
    """Sorted row spans with the touching or overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for lo, hi in spans:
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], int(hi)))
        else:
            out.append((int(lo), int(hi)))
    return out


def mentions_in(
    db: StoreDatabase, flt: QueryFilter, sentence_ids, article_ids=None
) -> tuple[pd.DataFrame, Any]:
    """(the filter's mentions inside ``sentence_ids`` (kinds applied), sorted by article
    and offsets; the actors rows they name: actor_id, name_ar, name_en, kind, country).
    ``article_ids``: the articles of those sentences, when known (they let the store read
    only their mentions)."""
    params: dict[str, Any] = {"ids": [int(i) for i in sentence_ids]}
    # The sentences are the filter's, so their articles are kept: only kinds remain.
    rule = mention_kind_rule(flt, params, "m")
    source = _mentions_of_articles(db, article_ids)
    mentions = db.frame(compose(_MENTIONS_IN, mentions=source, kind_rule=rule), params)
    mentions = mentions[list(SCHEMAS["mentions"])].astype(SCHEMAS["mentions"])
    actors = db.frame(
        "SELECT actor_id, name_ar, name_en, kind, country FROM actors "
        "WHERE actor_id IN (SELECT UNNEST($ids)) ORDER BY actor_id",
        {"ids": sorted(set(mentions["actor_id"].astype(str)))},
    ).astype("string")
    return mentions.reset_index(drop=True), actors


def dates_rows(db: StoreDatabase, flt: QueryFilter) -> pd.DataFrame:
    """The ``dates`` rows of the filter's sentences (contract columns), sorted by
    article id and offsets."""
    with_clause, params = scope(flt)
    return (
        db.frame(compose(_DATES, scope=with_clause), params)
        .astype(SCHEMAS["dates"])
        .reset_index(drop=True)
    )
