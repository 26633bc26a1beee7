"""Term counts with a policy for actor names (``analysis.terms.NAME_POLICIES``), in SQL.

``dashboard.analysis.terms.term_frequencies(view, names=...)`` decides what the words
of actor names count as: ``merge`` counts a multi-word name (الولايات المتحدة) as one
term, labelled by the actor's Arabic name, instead of its words; ``omit`` leaves every
name's words out; ``split`` counts them like any other words. This module gives the
same answers over a store: DuckDB counts the terms (``query.terms``) and the name
mentions (surface, actor) of the filter's sentences, and the policy adjusts the
counts here, as the analysis does.

Transitional: the words page calls these while ``StoreQueries.term_frequencies`` takes
no ``names`` (the query layer's own ``terms`` module is to grow the policy).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from dashboard.analysis.terms import NAME_POLICIES
from dashboard.arabic.tokens import counting_terms
from dashboard.query.database import StoreDatabase
from dashboard.query.filter import QueryFilter, scope
from dashboard.query.sql import compose
from dashboard.query.terms import term_frequencies as plain_term_frequencies

# Every mention (whatever its kind) in the filter's sentences: a sentence's words hold
# every name in it.
_NAME_MENTIONS = """{scope}
SELECT m.surface, m.actor_id, count(*) AS n FROM mentions m
WHERE m.sentence_id IN (SELECT sentence_id FROM kept_sentences)
GROUP BY m.surface, m.actor_id ORDER BY m.surface, m.actor_id"""
_NAMES = "SELECT actor_id, name_ar FROM actors WHERE actor_id IN (SELECT UNNEST($ids))"
_COLUMNS = {"term": "string", "display": "string", "count": "int64"}


@lru_cache(maxsize=100_000)
def surface_keys(surface: str) -> tuple[str, ...]:
    """The counting keys of a name's words (``counting_terms``)."""
    return tuple(key for _, key, _ in counting_terms(surface))


def _merged_names(db: StoreDatabase, merged: dict[str, int]) -> pd.DataFrame:
    """term, display, count of each merged actor: its Arabic name (else its id) as the
    display, the name's counting keys joined by spaces as the term."""
    rows = db.rows(_NAMES, {"ids": list(merged)})
    names = {str(i): n for i, n in rows}
    out = []
    for actor_id, n in merged.items():
        name = names.get(actor_id)
        display = str(name) if isinstance(name, str) and name else actor_id
        out.append((" ".join(surface_keys(display)) or display, display, n))
    return pd.DataFrame(out, columns=list(_COLUMNS)).astype(_COLUMNS)


def term_frequencies(
    db: StoreDatabase, flt: QueryFilter, top_n: int | None = None, names: str = "merge"
) -> pd.DataFrame:
    """``analysis.terms.term_frequencies(view, top_n=top_n, names=names)`` over a store:
    term, display, count, by count (descending) then term."""
    if names not in NAME_POLICIES:
        raise ValueError(f"names must be one of {NAME_POLICIES}, not {names!r}")
    if names == "split":
        return plain_term_frequencies(db, flt, None, top_n)
    counts = plain_term_frequencies(db, flt)
    with_clause, params = scope(flt)
    found = db.rows(compose(_NAME_MENTIONS, scope=with_clause), params)
    less: dict[str, int] = {}
    merged: dict[str, int] = {}
    for surface, actor_id, n in found:
        keys = surface_keys(str(surface))
        if names == "merge" and len(keys) < 2:
            continue  # a one-word name is already one term
        for key in keys:
            less[key] = less.get(key, 0) + int(n)
        if names == "merge":
            merged[str(actor_id)] = merged.get(str(actor_id), 0) + int(n)
    if less:
        taken = counts["term"].map(less).fillna(0).astype("int64")
        counts = counts.assign(count=(counts["count"] - taken).clip(lower=0))
        counts = counts[counts["count"] > 0]
    if merged:
        counts = pd.concat([counts, _merged_names(db, merged)], ignore_index=True)
        counts = counts.groupby(["term"], sort=False, as_index=False).agg(
            display=("display", "first"), count=("count", "sum")
        )
    out = counts.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    out = out.astype(_COLUMNS).reset_index(drop=True)
    return out if top_n is None else out.head(top_n)


def cloud_of(freqs: pd.DataFrame, max_words: int = 150) -> dict[str, int]:
    """display -> count of the ``max_words`` most frequent display forms of a
    ``term_frequencies`` table (forms shared by several terms add up)."""
    summed = freqs.groupby("display", sort=False)["count"].sum()
    summed = summed.sort_values(ascending=False, kind="stable").head(max_words)
    return {str(k): int(v) for k, v in summed.items()}


def word_cloud_frequencies(
    db: StoreDatabase, flt: QueryFilter, max_words: int = 150, names: str = "merge"
) -> dict[str, int]:
    """``analysis.terms.word_cloud_frequencies(view, max_words, names)`` over a store."""
    return cloud_of(term_frequencies(db, flt, names=names), max_words)


def terms_and_cloud(
    db: StoreDatabase, flt: QueryFilter, top_n: int, max_words: int, names: str = "merge"
) -> tuple[pd.DataFrame, dict[str, int]]:
    """``term_frequencies(top_n=top_n)`` and ``word_cloud_frequencies(max_words)`` from
    one count of the filter's terms (what the words page shows side by side)."""
    freqs = term_frequencies(db, flt, names=names)
    return freqs.head(top_n).reset_index(drop=True), cloud_of(freqs, max_words)
