"""One actor's profile, and two actors compared, over a store.

The shared filter's dates and sources apply (``flt``); its actors do not: the profile's
actor takes their place. The actor's **own** mentions are counted whatever the filter's
kinds (kinds choose which *other* actors are shown: partners), so a profile never goes
blank because the kind filter leaves the actor's kind out.

- ``actor_summary``: mentions, articles, sentences, first and last day, quotes;
- ``actor_timeline``: the actors' mentions per period (by source), zero-filled from the
  first to the last period any of them is mentioned in;
- ``actor_partners``: the actors named in the same sentences (or articles), with the
  count and PMI (``dashboard.analysis.measures.pmi``). PMI is left out (NaN) for pairs
  sharing fewer than ``partner_min_count`` windows — at least 3, and at least 1 % of the
  actor's own windows — and those rank after the others: a partner seen only with this
  actor has the highest PMI there is (``log2(N / own windows)``) however seldom it is
  seen, so without a floor a frequent actor's list fills with one-off names;
- ``actor_words`` / ``compare_words``: the words that set the sentences naming the actor
  apart from the rest of the filter's sentences, or one actor's sentences apart from
  another's: the weighted log-odds z-score with an informative Dirichlet prior
  (``dashboard.analysis.scoring.log_odds``), the prior following the words of both sides
  together. The words of the actors' own names are scored but not listed (they name
  them: they always "distinguish" their sentences).

Every query starts from the actor's own mentions (``own_mentions``: sentence, article,
day and source of each), read in one scan of the mentions per (actor, dates, sources)
and kept in the database's ``results``: the summary and the timeline are counted from
them in pandas, and the partners, words and dates queries look up only the actor's
sentences (by their integer ids) instead of each finding the actor's mentions again.
What does not depend on the actor — each partner's windows, each word's total — is,
for a filter bounding neither dates nor sources (``keeps_every_article``: the pages'
usual case), read from two small tables built once per database (``actor_windows``,
``term_totals``) instead of scanning every mention and every word again; the number of
windows (the N of PMI) is counted once per database and articles (``window_count``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from dashboard.analysis.comention import WINDOWS, check_option
from dashboard.analysis.measures import jaccard, pmi
from dashboard.analysis.scoring.log_odds import (
    PRIOR_WEIGHT,
    Totals,
    informative_prior,
    weighted_log_odds,
)
from dashboard.analysis.timeline import FREQS
from dashboard.arabic.tokens import counting_terms
from dashboard.ingest.corpus_level import ARTICLE_ACTORS
from dashboard.query.counts import ACTOR_COLUMNS
from dashboard.query.database import StoreDatabase
from dashboard.query.filter import QueryFilter, actor_kind_rule, scope
from dashboard.query.quotes import quote_counts
from dashboard.query.sql import compose
from dashboard.query.terms import ensure_term_labels
from dashboard.query.timeline import dates_of_sentences

#: Fewer shared windows than this (or than one in ``PARTNER_SHARE_OF`` of the actor's own
#: windows), and a partner's PMI is not shown nor ranked by.
MIN_PARTNER_COUNT = 3
PARTNER_SHARE_OF = 100
#: Fewer occurrences than this on its own side, and a word is not listed; with
#: ``min_count=None``, one occurrence per ``WORDS_PER_COUNT`` words of the side, between
#: 1 and this (a side of a few sentences, in a small corpus, still shows its words).
MIN_WORD_COUNT = 3
WORDS_PER_COUNT = 100

# The actor's own mentions in the filter's articles (dates, sources, never a duplicate),
# whatever the kinds: read once per (actor, dates, sources) into the database's results
# (``own_mentions``); every query of a profile starts from them (``own_rows``, a frame
# registered for the query) instead of scanning the mentions again.
_OWN = """{scope}
SELECT m.actor_id, m.sentence_id, m.article_id, k.day, coalesce(k.source, '') AS source
FROM actor_mentions m JOIN kept_articles k ON k.article_id = m.article_id
WHERE m.actor_id IN ({actors})"""
# The filter's windows: sentences or articles (the N of PMI).
_WINDOW_COUNTS = {
    "sentence": "{scope}\nSELECT count(*) FROM article_sentences",
    "article": "{scope}\nSELECT count(*) FROM kept_articles",
}
# The windows holding the actor (registered: ``own_rows``); the other actors in them;
# each one's windows; then their names, kept when of the filter's kinds (the actors table
# is read once, at the end). A window holding the actor lies in a kept article: no article
# condition is needed on the mentions found in it.
_PARTNERS = """{head}
target AS (SELECT DISTINCT {col} AS w FROM own_rows),
together AS (
  SELECT m.actor_id, count(DISTINCT m.{col}) AS together FROM mentions m
  WHERE m.{col} IN (SELECT w FROM target) AND m.actor_id <> $actor
  GROUP BY m.actor_id
),
windows AS ({windows})
SELECT a.actor_id, a.name_ar, a.name_en, a.kind, a.country, t.together, w.windows
FROM together t JOIN windows w ON w.actor_id = t.actor_id
JOIN actors a ON a.actor_id = t.actor_id
WHERE {kind_rule}"""
# A partner's windows under the filter (its kind passed the filter: all its mentions
# count), or, when the filter keeps every article, from the table built once.
_PARTNER_WINDOWS = """SELECT actor_id, count(DISTINCT {col}) AS windows FROM kept_mentions
  WHERE actor_id IN (SELECT actor_id FROM together) GROUP BY actor_id"""
_STORED_WINDOWS = """SELECT actor_id, {col} AS windows FROM actor_windows
  WHERE actor_id IN (SELECT actor_id FROM together)"""
_ACTOR_WINDOWS = """CREATE TABLE actor_windows AS {scope}
SELECT actor_id, count(DISTINCT sentence_id) AS sentence_id,
       count(DISTINCT article_id) AS article_id
FROM kept_mentions GROUP BY actor_id"""
# The same from ``article_actors`` (originals only): an actor's articles are its rows,
# its sentences add up over them.
_ACTOR_WINDOWS_OF_PAIRS = """CREATE TABLE actor_windows AS
SELECT n.actor_id, CAST(sum(p.sentences) AS BIGINT) AS sentence_id,
       count(*) AS article_id
FROM article_actors p JOIN actor_numbers n ON n.actor_key = p.actor_key
GROUP BY n.actor_id"""
# The actors named in the same sentences as either of two (``own_rows``: one row per
# sentence naming either, ``in_a`` / ``in_b`` 1 or 0); in how many sentences with each.
_SHARED = """WITH
named AS (
  SELECT DISTINCT m.actor_id, m.sentence_id FROM mentions m
  WHERE m.sentence_id IN (SELECT sentence_id FROM own_rows)
    AND m.actor_id NOT IN (SELECT UNNEST($chosen))
),
together AS (
  SELECT n.actor_id, sum(o.in_a) AS with_a, sum(o.in_b) AS with_b
  FROM named n JOIN own_rows o ON o.sentence_id = n.sentence_id GROUP BY 1
)
SELECT a.actor_id, a.name_ar, a.name_en, a.kind, a.country, t.with_a, t.with_b
FROM together t JOIN actors a ON a.actor_id = t.actor_id
WHERE t.with_a > 0 AND t.with_b > 0 AND {kind_rule}"""
_WINDOW_COLUMN = {"sentence": "sentence_id", "article": "article_id"}
# Term counts of the sentences naming either of two actors (``own_rows``: one row per
# sentence, ``in_a`` / ``in_b`` 1 or 0: a sentence naming both counts on both sides).
# With each side's number of words (all_a, all_b); only the words counted at least
# ``{least_a}`` times on a's side or ``{least_b}`` on b's (the others are on neither list).
_WORDS = """WITH
counted AS (
  SELECT t.term, sum(o.in_a) AS n_a, sum(o.in_b) AS n_b
  FROM terms t JOIN own_rows o ON o.sentence_id = t.sentence_id
  WHERE t.term IS NOT NULL GROUP BY 1
),
labelled AS (
  SELECT c.term, l.display, c.n_a, c.n_b FROM counted c JOIN term_labels l ON l.term = c.term
),
sums AS (SELECT sum(n_a) AS all_a, sum(n_b) AS all_b FROM labelled)
SELECT w.term, w.display, w.n_a, w.n_b, s.all_a, s.all_b FROM labelled w, sums s
WHERE w.n_a >= {least_a} OR w.n_b >= {least_b}"""
_GIVEN_SIDE_LEAST = "$min_count"
_PAIR_SIDE_LEAST = "least($most, greatest(1, s.{side} // $per_count))"
# One actor's words against the rest: its sentences' term counts, and the totals of those
# terms in the filter's sentences (the others counted together, term NULL), in one scan of
# the terms.
_ACTOR_WORDS = """{head}
mine AS (
  SELECT t.term, count(*) AS n FROM terms t
  WHERE t.sentence_id IN (SELECT sentence_id FROM own_rows) AND t.term IS NOT NULL
  GROUP BY t.term
),
wanted AS (SELECT term FROM mine WHERE n >= {least}),
everywhere AS (
  SELECT CASE WHEN c.term IN (SELECT term FROM wanted) THEN c.term END AS term, sum(c.n) AS n
  FROM ({counted}) c GROUP BY 1
)
SELECT e.term, l.display, m.n AS own, e.n AS total,
       (SELECT sum(n) FROM mine) AS own_words, (SELECT sum(n) FROM everywhere) AS all_words
FROM everywhere e LEFT JOIN mine m ON m.term = e.term
LEFT JOIN term_labels l ON l.term = e.term"""
# The same when the filter keeps every article: the totals of the actor's words looked up
# in the table built once, and the number of all words summed once (``$all_words``).
_STORED_ACTOR_WORDS = """WITH
mine AS (
  SELECT t.term, count(*) AS n FROM terms t
  WHERE t.sentence_id IN (SELECT sentence_id FROM own_rows) AND t.term IS NOT NULL
  GROUP BY t.term
),
wanted AS (SELECT term, n FROM mine WHERE n >= {least})
SELECT w.term, l.display, w.n AS own, t.n AS total,
       (SELECT sum(n) FROM mine) AS own_words, $all_words AS all_words
FROM wanted w JOIN term_totals t ON t.term = w.term
LEFT JOIN term_labels l ON l.term = w.term"""
_ALL_WORDS = "SELECT sum(n) FROM term_totals"
# The fewest occurrences a listed word needs: the caller's, or ``word_min_count`` of the
# actor's words (the words below it are not listed: they are not fetched either).
_GIVEN_LEAST = "$min_count"
_SIDE_LEAST = "least($most, greatest(1, (SELECT sum(n) FROM mine) // $per_count))"
_SCANNED_TERMS = """SELECT t.term, 1 AS n FROM terms t
  WHERE t.sentence_id IN (SELECT sentence_id FROM article_sentences) AND t.term IS NOT NULL"""
_TERM_TOTALS = """CREATE TABLE term_totals AS {scope}
SELECT t.term, count(*) AS n FROM terms t
WHERE t.sentence_id IN (SELECT sentence_id FROM article_sentences) AND t.term IS NOT NULL
GROUP BY t.term"""
# The words each actor is named by (one small table: the profile reads it on every page).
_ACTOR_SURFACES = """CREATE TABLE actor_surfaces AS
SELECT DISTINCT actor_id, surface FROM mentions WHERE surface IS NOT NULL"""
_SURFACES = "SELECT surface FROM actor_surfaces WHERE actor_id IN (SELECT UNNEST($chosen))"
#: The columns of ``own_mentions``.
OWN_COLUMNS = ("sentence_id", "article_id", "day", "source")


def keeps_every_article(flt: QueryFilter) -> bool:
    """True when ``flt`` bounds neither dates nor sources: its articles are all the
    store's (but duplicates), whose per-actor windows and term totals are built once."""
    return flt.date_from is None and flt.date_to is None and not flt.sources


def _ensure_totals(db: StoreDatabase, name: str) -> None:
    """Create ``actor_windows`` (each actor's sentences and articles: from the actors per
    article where the store has them, else from every mention) or ``term_totals`` (each
    term's count) over every non-duplicate article, once per database."""
    if name == "actor_windows" and db.has_rows(ARTICLE_ACTORS):
        db.ensure(name, _creating(_ACTOR_WINDOWS_OF_PAIRS))
        return
    template = _ACTOR_WINDOWS if name == "actor_windows" else _TERM_TOTALS
    with_clause, _ = scope(QueryFilter())
    db.ensure(name, _creating(compose(template, scope=with_clause)))


def _creating(sql: str) -> Callable[[Any], None]:
    """A build for ``StoreDatabase.ensure`` running the CREATE TABLE ``sql``."""

    def build(cur: Any) -> None:
        cur.execute(sql)

    return build


def without_actors(flt: Any) -> QueryFilter:
    """The filter whose dates, sources and kinds a profile follows (its actors dropped)."""
    return QueryFilter.of(flt).without_actors()


def partner_min_count(own_windows: int) -> int:
    """The fewest shared windows a partner's PMI needs (module docstring) for an actor
    present in ``own_windows`` windows."""
    return max(MIN_PARTNER_COUNT, math.ceil(own_windows / PARTNER_SHARE_OF))


def word_min_count(side_words: float) -> int:
    """The fewest occurrences a word of a side with ``side_words`` words needs to be
    listed when no ``min_count`` is given (``WORDS_PER_COUNT``)."""
    return int(max(1, min(MIN_WORD_COUNT, side_words // WORDS_PER_COUNT)))


def own_mentions(db: StoreDatabase, flt: QueryFilter, actor_id: str) -> pd.DataFrame:
    """``OWN_COLUMNS`` of each mention of ``actor_id`` in the articles ``flt`` keeps
    (its dates and sources; whatever its kinds): sentence_id, article_id, day (NaT when
    undated), source ("" when unknown). Read once per database, actor and articles (the
    database's ``results``); callers must not change the frame."""
    return own_mentions_of(db, flt, [actor_id])[0]


def own_mentions_of(db: StoreDatabase, flt: QueryFilter, actor_ids) -> list[pd.DataFrame]:
    """``own_mentions`` of each of ``actor_ids``; those not read yet are read together,
    in one scan of the mentions."""
    articles = QueryFilter.of(flt).articles_only()
    found: dict[str, pd.DataFrame] = {}
    for a in _chosen(actor_ids):
        kept = db.results.peek_many([("own_mentions", articles, a)])
        if kept is not None:
            found[a] = kept[0]
    missing = [a for a in _chosen(actor_ids) if a not in found]
    if missing:
        with_clause, params = scope(articles)
        params.update({f"actor{i}": a for i, a in enumerate(missing)})
        wanted = ", ".join(f"$actor{i}" for i in range(len(missing)))
        rows = db.frame(compose(_OWN, scope=with_clause, actors=wanted), params)
        rows = rows.astype({"sentence_id": "int64", "day": "datetime64[ns]"})
        for a in missing:
            mine = rows[rows["actor_id"] == a] if len(missing) > 1 else rows
            found[a] = mine[list(OWN_COLUMNS)].reset_index(drop=True)
            db.results.put(("own_mentions", articles, a), found[a])
    return [found[str(a)] for a in actor_ids]


def _chosen(actor_ids) -> list[str]:
    return list(dict.fromkeys(str(a) for a in actor_ids))


def own_rows(db: StoreDatabase, flt: QueryFilter, actor_ids) -> pd.DataFrame:
    """The ``own_mentions`` of each of ``actor_ids`` (duplicates dropped), one after the
    other, with their ``actor_id``."""
    chosen = _chosen(actor_ids)
    frames = own_mentions_of(db, flt, chosen)
    if not chosen:
        return pd.DataFrame({**{c: [] for c in OWN_COLUMNS}, "actor_id": []}).astype(
            {"sentence_id": "int64", "day": "datetime64[ns]", "actor_id": "string"}
        )
    both = [f.assign(actor_id=a) for a, f in zip(chosen, frames, strict=True)]
    return pd.concat(both, ignore_index=True).astype({"actor_id": "string"})


def window_count(db: StoreDatabase, flt: QueryFilter, window: str) -> int:
    """How many windows (sentences or articles) the articles of ``flt`` hold (once per
    database and articles)."""
    articles = QueryFilter.of(flt).articles_only()

    def count() -> int:
        with_clause, params = scope(articles)
        return int(db.rows(compose(_WINDOW_COUNTS[window], scope=with_clause), params)[0][0])

    return int(db.results.get(("window_count", articles, window), count))


def _head(flt: QueryFilter, params: dict[str, Any], scoped: bool) -> str:
    """The start of a query's WITH clause: the filter's scope (its parameters added to
    ``params``) when the query reads it (``scoped``), else a bare ``WITH``."""
    if not scoped:
        return "WITH"
    with_clause, scope_params = scope(without_actors(flt))
    params.update(scope_params)
    return with_clause + ","


def actor_summary(db: StoreDatabase, flt: QueryFilter, actor_id: str) -> dict:
    """The actor's mentions, articles, sentences, first_seen, last_seen (days or None)
    and quotes (as speaker) under the filter's dates and sources."""
    rows = own_mentions(db, flt, actor_id)
    days = rows["day"].dropna()
    out: dict[str, Any] = {
        "mentions": len(rows),
        "articles": int(rows["article_id"].nunique()),
        "sentences": int(rows["sentence_id"].nunique()),
        "first_seen": None if days.empty else days.min().date(),
        "last_seen": None if days.empty else days.max().date(),
    }
    out["quotes"] = quote_counts(db, without_actors(flt), [actor_id])[str(actor_id)]
    return out


def actor_timeline(
    db: StoreDatabase, flt: QueryFilter, actor_ids, freq: str = "W", by_source: bool = False
) -> pd.DataFrame:
    """Mentions per period of ``freq`` of each of ``actor_ids`` (unknown ones give no
    rows), zero-filled from the first to the last period any of them is mentioned in;
    undated articles not counted. Columns: period, actor_id (+ source, "" when unknown,
    with ``by_source``), mentions; in actor order (then source), then period."""
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {tuple(FREQS)}, not {freq!r}")
    chosen = _chosen(actor_ids)
    keys = ["actor_id", "source"] if by_source else ["actor_id"]
    columns = ["period", *keys, "mentions"]
    rows = own_rows(db, flt, chosen)
    rows = rows[rows["day"].notna()]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=_TIMELINE_TYPES[c]) for c in columns})
    periods_of = rows["day"].dt.to_period(FREQS[freq]).dt.start_time
    counts = rows.assign(period=periods_of).groupby(["period", *keys]).size()
    counts = counts.rename("mentions").reset_index()
    span = pd.period_range(counts["period"].min(), counts["period"].max(), freq=FREQS[freq])
    periods = pd.DatetimeIndex(span.start_time, name="period")
    present = counts[keys].drop_duplicates()
    rank = {a: i for i, a in enumerate(chosen)}
    present = present.assign(_rank=present["actor_id"].map(rank))
    present = present.sort_values(["_rank", *keys[1:]])
    grid = present[keys].merge(pd.DataFrame({"period": periods}), how="cross")
    out = grid.merge(counts, how="left", on=["period", *keys])
    out["mentions"] = out["mentions"].fillna(0).astype("int64")
    return out[columns].astype(dict.fromkeys(keys, "string")).reset_index(drop=True)


_TIMELINE_TYPES = {
    "period": "datetime64[ns]",
    "actor_id": "string",
    "source": "string",
    "mentions": "int64",
}


def actor_partners(
    db: StoreDatabase,
    flt: QueryFilter,
    actor_id: str,
    n: int | None = 20,
    window: str = "sentence",
    min_count: int | None = None,
    order: str = "pmi",
) -> pd.DataFrame:
    """The actors (of the filter's kinds) named in the same ``window`` as ``actor_id``.

    Columns: actor_id, name_ar, name_en, kind, country, together (windows with both),
    windows (the partner's windows), jaccard, pmi (NaN below ``min_count`` together;
    None: ``partner_min_count`` of the actor's windows, kept in ``attrs["min_count"]``).
    ``order="pmi"``: by PMI (descending), the pairs below ``min_count`` after the others
    by together; ``order="together"``: by together, then PMI. Ties by id; the first ``n``.
    """
    check_option("window", window, WINDOWS)
    check_option("order", order, ("pmi", "together"))
    col = _WINDOW_COLUMN[window]
    own = own_mentions(db, flt, actor_id)[[col]]
    params: dict[str, Any] = {"actor": str(actor_id)}
    kind_rule = actor_kind_rule(flt, params, "a")
    windows = _PARTNER_WINDOWS
    if keeps_every_article(flt):
        _ensure_totals(db, "actor_windows")
        windows = _STORED_WINDOWS
    head = _head(flt, params, scoped=windows is _PARTNER_WINDOWS)
    sql = compose(compose(_PARTNERS, windows=windows), head=head, col=col, kind_rule=kind_rule)
    found = db.frame(sql, params, tables={"own_rows": own})
    out = found[ACTOR_COLUMNS].astype(dict.fromkeys(ACTOR_COLUMNS, "string"))
    together = found["together"].to_numpy(np.int64)
    own_windows = int(own[col].nunique()) if len(found) else 0
    target = np.full(len(found), own_windows, dtype=np.int64)
    n_windows = window_count(db, flt, window) if len(found) else 0
    if min_count is None:
        min_count = partner_min_count(own_windows)
    out["together"] = together
    out["windows"] = found["windows"].to_numpy(np.int64)
    out["jaccard"] = jaccard(together, target, out["windows"].to_numpy())
    scores = pmi(together, target, out["windows"].to_numpy(), n_windows)
    out["pmi"] = np.where(together >= min_count, scores, np.nan)
    # Rank: below min_count last; then by the chosen order.
    out["_rare"] = together < min_count
    out["_pmi"] = out["pmi"].fillna(-np.inf)
    keys = ["_rare", "_pmi", "together"] if order == "pmi" else ["together", "_pmi"]
    ascending = [True, False, False] if order == "pmi" else [False, False]
    out = out.sort_values([*keys, "actor_id"], ascending=[*ascending, True], kind="stable")
    out = out.drop(columns=["_rare", "_pmi"]).reset_index(drop=True)
    out = out if n is None else out.head(n)
    out.attrs["min_count"] = int(min_count)
    return out


def shared_partners(
    db: StoreDatabase, flt: QueryFilter, a: str, b: str, n: int | None = 20
) -> pd.DataFrame:
    """The actors named in the same sentences as both ``a`` and ``b`` (neither of them).
    Columns: actor_id, name_ar, name_en, kind, country, with_a, with_b (sentences shared
    with each); by the smaller of the two, then the sum (descending), then id."""
    params: dict[str, Any] = {"chosen": _chosen([a, b])}
    kind_rule = actor_kind_rule(flt, params, "a")
    sides = _sides(db, flt, a, b)
    found = db.frame(compose(_SHARED, kind_rule=kind_rule), params, tables={"own_rows": sides})
    out = found[ACTOR_COLUMNS].astype(dict.fromkeys(ACTOR_COLUMNS, "string"))
    out["with_a"] = found["with_a"].to_numpy(np.int64)
    out["with_b"] = found["with_b"].to_numpy(np.int64)
    low = np.minimum(out["with_a"], out["with_b"])
    out = out.assign(_low=low, _sum=out["with_a"] + out["with_b"]).sort_values(
        ["_low", "_sum", "actor_id"], ascending=[False, False, True], kind="stable"
    )
    out = out.drop(columns=["_low", "_sum"]).reset_index(drop=True)
    return out if n is None else out.head(n)


def _name_terms(db: StoreDatabase, actor_ids) -> set[str]:
    """The counting keys of every word the actors are named by (anywhere in the store)."""
    db.ensure("actor_surfaces", _creating(_ACTOR_SURFACES))
    surfaces = db.rows(_SURFACES, {"chosen": _chosen(actor_ids)})
    return {key for (surface,) in surfaces for _, key, _ in counting_terms(str(surface))}


def _pair_counts(
    db: StoreDatabase, flt: QueryFilter, a: str, b: str, min_count: int | None
) -> pd.DataFrame:
    """term, display, n_a, n_b, all_a, all_b: the term counts of the filter's sentences
    naming ``a`` and of those naming ``b`` (a sentence naming both counts on both sides),
    and each side's number of words; only the words a side lists (``min_count``, None:
    ``word_min_count`` of the side's words)."""
    ensure_term_labels(db)
    if min_count is None:
        params: dict[str, Any] = {"most": MIN_WORD_COUNT, "per_count": WORDS_PER_COUNT}
        least_a = compose(_PAIR_SIDE_LEAST, side="all_a")
        least_b = compose(_PAIR_SIDE_LEAST, side="all_b")
    else:
        params = {"min_count": int(min_count)}
        least_a = least_b = _GIVEN_SIDE_LEAST
    sql = compose(_WORDS, least_a=least_a, least_b=least_b)
    return db.frame(sql, params, tables={"own_rows": _sides(db, flt, a, b)})


def _sides(db: StoreDatabase, flt: QueryFilter, a: str, b: str) -> pd.DataFrame:
    """sentence_id, in_a, in_b: each sentence naming ``a`` or ``b`` (under the filter's
    dates and sources), and which of them it names (1 or 0)."""
    mine_a, mine_b = own_mentions_of(db, flt, [a, b])
    of_a, of_b = mine_a["sentence_id"].unique(), mine_b["sentence_id"].unique()
    either = np.union1d(of_a, of_b)
    return pd.DataFrame(
        {
            "sentence_id": either,
            "in_a": np.isin(either, of_a).astype(np.int64),
            "in_b": np.isin(either, of_b).astype(np.int64),
        }
    )


def _scored(
    words: pd.DataFrame,
    y_i: np.ndarray,
    y_j: np.ndarray,
    min_count: int,
    prior: float,
    totals: Totals | None = None,
) -> pd.DataFrame:
    """term, display, count (``y_i``), other (``y_j``), z of ``i`` against ``j`` for the
    words (term, display) given, the prior following ``y_i + y_j``; ``totals``: the
    sums over the whole vocabulary when the words are only some of it. Only words
    counted ``min_count`` times in ``i``; none when either side has no words."""
    if totals is None:
        totals = Totals(n_i=y_i.sum(), n_j=y_j.sum(), alpha_0=prior)
    if totals.n_i == 0 or totals.n_j == 0:
        words, y_i, y_j = words.iloc[:0], y_i[:0], y_j[:0]
    alpha = informative_prior(y_i + y_j, prior, total=totals.n_i + totals.n_j)
    z = weighted_log_odds(y_i, y_j, alpha, totals).z
    keep = np.flatnonzero((y_i >= min_count) & np.isfinite(z))
    out = pd.DataFrame(
        {
            "term": words["term"].to_numpy(object)[keep],
            "display": words["display"].to_numpy(object)[keep],
            "count": y_i[keep].astype(np.int64),
            "other": y_j[keep].astype(np.int64),
            "z": z[keep].astype(float),
        }
    )
    return out.astype({"term": "string", "display": "string"})


def _ranked(words: pd.DataFrame, top_n: int | None, descending: bool = True) -> pd.DataFrame:
    out = words.sort_values(["z", "term"], ascending=[not descending, True], kind="stable")
    out = out.reset_index(drop=True)
    return out if top_n is None else out.head(top_n)


def actor_words(
    db: StoreDatabase,
    flt: QueryFilter,
    actor_id: str,
    top_n: int | None = 30,
    min_count: int | None = MIN_WORD_COUNT,
    prior: float = PRIOR_WEIGHT,
) -> pd.DataFrame:
    """The words of the filter's sentences naming ``actor_id`` against the filter's other
    sentences (module docstring). Columns: term, display, count (in the actor's
    sentences, at least ``min_count``; None: ``word_min_count`` of their words), other
    (in the rest), z; by z (descending), then term; the first ``top_n``. Empty when the
    actor's sentences are all there is."""
    ensure_term_labels(db)
    if min_count is None:
        params: dict[str, Any] = {"most": MIN_WORD_COUNT, "per_count": WORDS_PER_COUNT}
        least = _SIDE_LEAST
    else:
        params = {"min_count": int(min_count)}
        least = _GIVEN_LEAST
    if keeps_every_article(flt):
        _ensure_totals(db, "term_totals")
        params["all_words"] = db.results.get(("all_words",), lambda: db.rows(_ALL_WORDS)[0][0])
        sql = compose(_STORED_ACTOR_WORDS, least=least)
    else:
        head = _head(flt, params, scoped=True)
        sql = compose(_ACTOR_WORDS, head=head, counted=_SCANNED_TERMS, least=least)
    own = own_mentions(db, flt, actor_id)[["sentence_id"]].drop_duplicates()
    found = db.frame(sql, params, tables={"own_rows": own})
    counts = found[found["term"].notna()]
    own_words = float(found["own_words"].iloc[0] or 0) if len(found) else 0.0
    all_words = float(found["all_words"].iloc[0] or 0) if len(found) else 0.0
    y_i = counts["own"].to_numpy(float)
    y_j = counts["total"].to_numpy(float) - y_i
    totals = Totals(n_i=own_words, n_j=all_words - own_words, alpha_0=prior)
    if min_count is None:
        min_count = word_min_count(own_words)
    words = _scored(counts, y_i, y_j, min_count, prior, totals)
    return _ranked(words[~words["term"].isin(list(_name_terms(db, [actor_id])))], top_n)


def compare_words(
    db: StoreDatabase,
    flt: QueryFilter,
    a: str,
    b: str,
    top_n: int | None = 30,
    min_count: int | None = MIN_WORD_COUNT,
    prior: float = PRIOR_WEIGHT,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The words of the sentences naming ``a`` against those naming ``b``, and the
    reverse: two frames term, display, count (own side, at least ``min_count``; None:
    ``word_min_count`` of the side's words), other (the other side), z (higher = more
    typical of the own side), by z descending; the first ``top_n`` of each. Both empty
    when either actor has no words."""
    counts = _pair_counts(db, flt, a, b, min_count)
    y_a = counts["n_a"].to_numpy(float)
    y_b = counts["n_b"].to_numpy(float)
    all_a = float(counts["all_a"].iloc[0]) if len(counts) else 0.0
    all_b = float(counts["all_b"].iloc[0]) if len(counts) else 0.0
    names = list(_name_terms(db, [a, b]))
    least_a = word_min_count(all_a) if min_count is None else min_count
    least_b = word_min_count(all_b) if min_count is None else min_count
    for_a = _scored(counts, y_a, y_b, least_a, prior, Totals(n_i=all_a, n_j=all_b, alpha_0=prior))
    for_b = _scored(counts, y_b, y_a, least_b, prior, Totals(n_i=all_b, n_j=all_a, alpha_0=prior))
    return (
        _ranked(for_a[~for_a["term"].isin(names)], top_n),
        _ranked(for_b[~for_b["term"].isin(names)], top_n),
    )


def actor_dates(db: StoreDatabase, flt: QueryFilter, actor_id: str, granularity=None):
    """The dates the filter's sentences naming ``actor_id`` talk about: what
    ``referenced_dates`` gives for the filter with that actor as its only one."""
    own = own_mentions(db, flt, actor_id)[["sentence_id"]].drop_duplicates()
    return dates_of_sentences(db, own, granularity)
