"""The filter of a store query, and the SQL that applies it.

``QueryFilter`` holds what ``dashboard.analysis.filters.Filter`` holds (actors, kinds,
sources, an inclusive day range) and ``scope(flt)`` turns it into a ``WITH`` clause
defining the rows the filter keeps, with the same rules (one place, so every query
agrees with the pandas analysis):

- ``kept_articles(article_id, day, source)``: never duplicates (``duplicate_of`` set);
  with a day bound, only dated articles inside it; with sources, only theirs; with
  actors, only articles mentioning ANY of them;
- ``article_sentences(sentence_id, article_id, position, date)``: every sentence of the kept articles
  (the windows of a sentence co-mention);
- ``kept_sentences`` (same columns): those, or with actors only the sentences
  mentioning one of them; ``kept_sentence_ids(sentence_id)`` their ids (with actors
  found from the chosen actors' own mentions, without reading the sentences);
- ``kept_mentions``: every mention in the kept articles of an actor of the chosen kinds
  (kinds restrict mentions only, never articles);
- ``kept_dates``: the date expressions of the kept sentences.

The values travel as named parameters (``$actors``...), never inside the SQL text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dashboard.analysis.filters import Filter
from dashboard.query.sql import compose


@dataclass(frozen=True)
class QueryFilter(Filter):
    """The pages' filter (``dashboard.analysis.filters.Filter``: the same fields, the same
    coercion of lists and days), as the store queries take it; hashable, so it keys caches."""

    @classmethod
    def of(cls, flt: Any) -> QueryFilter:
        """A ``QueryFilter`` from None, itself, or anything with the same fields (the
        analysis ``Filter`` the pages hold today)."""
        if flt is None:
            return cls()
        if isinstance(flt, cls):
            return flt
        return cls(
            actors=flt.actors,
            kinds=flt.kinds,
            sources=flt.sources,
            date_from=flt.date_from,
            date_to=flt.date_to,
        )

    def without_actors(self) -> QueryFilter:
        """The same filter with no actor chosen (what an actor picker lists under)."""
        return QueryFilter((), self.kinds, self.sources, self.date_from, self.date_to)

    def articles_only(self) -> QueryFilter:
        """The part of the filter that chooses articles by themselves: dates and sources
        (no actors, no kinds)."""
        return QueryFilter(sources=self.sources, date_from=self.date_from, date_to=self.date_to)


def _day_and_source_rules(
    flt: QueryFilter, params: dict[str, Any], date: str, source: str
) -> list[str]:
    """The filter's conditions on a row's day (column ``date``) and ``source``; adds
    their parameters to ``params``."""
    where = []
    if flt.date_from is not None or flt.date_to is not None:
        where.append(f"{date} IS NOT NULL")
    if flt.date_from is not None:
        params["date_from"] = flt.date_from
        where.append(f"CAST({date} AS DATE) >= $date_from")
    if flt.date_to is not None:
        params["date_to"] = flt.date_to
        where.append(f"CAST({date} AS DATE) <= $date_to")
    if flt.sources:
        params["sources"] = list(flt.sources)
        where.append(f"{source} IN (SELECT UNNEST($sources))")
    return where


def _article_conditions(flt: QueryFilter, params: dict[str, Any]) -> list[str]:
    where = ["duplicate_of IS NULL", *_day_and_source_rules(flt, params, "date", "source")]
    if flt.actors:
        params["actors"] = list(flt.actors)
        where.append("article_id IN (SELECT article_id FROM selected)")
    return where


# ``selected``: the mentions of the chosen actors (none without actors), read once and
# used twice: by the articles and by the sentences they keep; from the mentions sorted by
# actor (``StoreDatabase``'s view ``actor_mentions``), where they are found in their own
# row groups.
_SCOPE = """WITH
selected AS (
  SELECT article_id, sentence_id FROM actor_mentions WHERE {selected_rule}
),
kept_articles AS (
  SELECT article_id, CAST(date AS DATE) AS day, source FROM articles WHERE {article_rules}
),
article_sentences AS (
  SELECT s.sentence_id, s.article_id, s.position, s.date FROM sentences s
  WHERE s.article_id IN (SELECT article_id FROM kept_articles)
),
kept_sentences AS (SELECT * FROM article_sentences WHERE {sentence_rules}),
kept_sentence_ids AS ({sentence_ids}),
kept_mentions AS (
  SELECT m.article_id, m.sentence_id, m.actor_id, m.surface, m.start, m."end", m.method
  FROM mentions m
  WHERE m.article_id IN (SELECT article_id FROM kept_articles) AND {mention_rules}
),
kept_dates AS (
  SELECT d.article_id, d.sentence_id, d.surface, d.start, d."end", d.value, d.granularity,
         d.relative
  FROM dates d WHERE d.sentence_id IN (SELECT sentence_id FROM kept_sentence_ids)
)"""
_SENTENCES_OF_ACTORS = "sentence_id IN (SELECT sentence_id FROM selected)"
# The ids of kept_sentences: with actors, the sentences of their own mentions in the kept
# articles, found without a pass over every sentence.
_SELECTED_SENTENCE_IDS = """SELECT DISTINCT sentence_id FROM selected
  WHERE article_id IN (SELECT article_id FROM kept_articles)"""
_KEPT_SENTENCE_IDS = "SELECT sentence_id FROM kept_sentences"
_ACTORS_OF_KINDS = (
    "{alias}.actor_id IN (SELECT actor_id FROM actors WHERE kind IN (SELECT UNNEST($kinds)))"
)


def mention_kind_rule(flt: QueryFilter, params: dict[str, Any], alias: str) -> str:
    """The condition on mentions (table alias ``alias``) that the filter's kinds set
    ("true" without kinds); adds the ``$kinds`` parameter to ``params``."""
    if not flt.kinds:
        return "true"
    params["kinds"] = list(flt.kinds)
    return compose(_ACTORS_OF_KINDS, alias=alias)


def actor_kind_rule(flt: QueryFilter, params: dict[str, Any], alias: str) -> str:
    """The same condition as ``mention_kind_rule`` on rows of ``actors`` (alias ``alias``)
    already at hand: their own kind is one of the filter's ("true" without kinds)."""
    if not flt.kinds:
        return "true"
    params["kinds"] = list(flt.kinds)
    return f"{alias}.kind IN (SELECT UNNEST($kinds))"


def scope(flt: QueryFilter) -> tuple[str, dict[str, Any]]:
    """``(WITH clause, parameters)`` defining the rows ``flt`` keeps (module docstring).
    The clause ends without a comma: a query appends ``, more AS (...)`` or its SELECT."""
    params: dict[str, Any] = {}
    article_rules = " AND ".join(_article_conditions(flt, params))
    mention_rules = mention_kind_rule(flt, params, "m")
    sql = compose(
        _SCOPE,
        selected_rule="actor_id IN (SELECT UNNEST($actors))" if flt.actors else "false",
        article_rules=article_rules,
        sentence_rules=_SENTENCES_OF_ACTORS if flt.actors else "true",
        sentence_ids=_SELECTED_SENTENCE_IDS if flt.actors else _KEPT_SENTENCE_IDS,
        mention_rules=mention_rules,
    )
    return sql, params


# The rollup of mentions by actor, day and source (``dashboard.ingest.corpus_level.
# actor_days``: originals only), cut as the filter cuts articles and mentions.
_KEPT_DAYS = """kept_days AS (
  SELECT r.actor_id, CAST(r.day AS DATE) AS day, r.mentions, r.articles, r.sentences
  FROM actor_days r WHERE {rules}
)"""


def kept_days(flt: QueryFilter, params: dict[str, Any]) -> str:
    """The CTE ``kept_days(actor_id, day, mentions, articles, sentences)``: the rows of
    the ``actor_days`` rollup that the filter keeps, for a filter that chooses no actor
    (dates, sources and kinds cut the rollup as ``scope`` cuts articles and mentions);
    adds its parameters to ``params``. To follow ``WITH`` or a comma."""
    if flt.actors:
        raise ValueError("the rollup counts whole days: a filter of actors needs scope()")
    where = _day_and_source_rules(flt, params, "r.day", "r.source")
    where.append(mention_kind_rule(flt, params, "r"))
    return compose(_KEPT_DAYS, rules=" AND ".join(where))


# The same rows for a filter that chooses actors, over the integer-keyed table of actors
# per article (``dashboard.ingest.corpus_level.article_actors``: originals only, so no
# duplicate is kept): the articles naming a chosen actor are read from the chosen actors'
# row groups (the table is sorted by actor key), then every actor of those articles from
# small integer columns, where ``scope`` reads every mention.
_ACTOR_SCOPE = """WITH
chosen_keys AS (
  SELECT actor_key FROM actor_numbers WHERE actor_id IN (SELECT UNNEST($actors))
),
chosen_pairs AS (
  SELECT p.article_key, CAST(p.day AS DATE) AS day, p.source, p.sentences
  FROM article_actors p
  WHERE p.actor_key IN (SELECT actor_key FROM chosen_keys) AND {article_rules}
),
kept_keys AS (SELECT DISTINCT article_key, day, source FROM chosen_pairs),
kept_pairs AS (
  SELECT p.actor_key, p.article_key, CAST(p.day AS DATE) AS day, p.mentions, p.sentences
  FROM article_actors p
  WHERE p.article_key IN (SELECT article_key FROM kept_keys) AND {kind_rule}
)"""
_KEYS_OF_KINDS = """{alias}.actor_key IN (
    SELECT n.actor_key FROM actor_numbers n JOIN actors a ON a.actor_id = n.actor_id
    WHERE a.kind IN (SELECT UNNEST($kinds)))"""


def actor_scope(flt: QueryFilter) -> tuple[str, dict[str, Any]]:
    """``(WITH clause, parameters)`` for a filter that chooses actors, over the tables
    ``article_actors`` and ``actor_numbers``: ``chosen_keys(actor_key)``;
    ``chosen_pairs(article_key, day, source, sentences)``, the chosen actors' rows in the
    articles the filter keeps (whatever their kinds);
    ``kept_keys(article_key, day, source)``, the articles ``scope`` keeps;
    ``kept_pairs(actor_key, article_key, day, mentions, sentences)``, per actor of the
    chosen kinds and kept article, its mentions and the sentences mentioning it there
    (what ``kept_mentions`` holds, counted per article). Ends without a comma."""
    if not flt.actors:
        raise ValueError("actor_scope needs a filter that chooses actors: scope() otherwise")
    params: dict[str, Any] = {"actors": list(flt.actors)}
    rules = _day_and_source_rules(flt, params, "p.day", "p.source")
    kind_rule = "true"
    if flt.kinds:
        params["kinds"] = list(flt.kinds)
        kind_rule = compose(_KEYS_OF_KINDS, alias="p")
    sql = compose(_ACTOR_SCOPE, article_rules=" AND ".join(rules) or "true", kind_rule=kind_rule)
    return sql, params
