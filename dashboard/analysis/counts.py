"""Who is in the news: actor counts and a summary of a ``View``.

All counts are over the view's mentions (duplicates excluded, kinds applied),
computed with ``numpy.bincount`` on the per-corpus integer codes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from dashboard.analysis.filters import View

ACTOR_COLUMNS = ["actor_id", "name_ar", "name_en", "kind", "country"]


def _mention_codes(view: View, kinds=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(actor code, article row, sentence row) of the view's mentions of known actors."""
    idx = view.index
    mask = view.mention_mask & (idx.ment_actor >= 0)
    if kinds:
        kind_ok = np.isin(idx.actor_kind, np.array(list(kinds), dtype=object))
        mask &= kind_ok[np.clip(idx.ment_actor, 0, None)] if len(kind_ok) else False
    return idx.ment_actor[mask], idx.ment_art[mask], idx.ment_sent[mask]


def distinct_per_actor(actor: np.ndarray, other: np.ndarray, n_actors: int) -> np.ndarray:
    """Number of distinct ``other`` values (articles, sentences) per actor code.

    A sparse (other x actor) matrix with repeats summed has one stored entry per
    distinct pair; rows hold few actors, so this is much faster than sorting pairs.
    """
    ok = (other >= 0) & (actor >= 0)
    if not ok.any():
        return np.zeros(n_actors, dtype=np.int64)
    pairs = sparse.csr_matrix(
        (
            np.ones(int(ok.sum()), dtype=np.int32),  # int8 could wrap to 0 and be dropped
            (other[ok].astype(np.int32), actor[ok].astype(np.int32)),
        ),
        shape=(int(other[ok].max()) + 1, n_actors),
    )
    pairs.sum_duplicates()
    return np.bincount(pairs.indices, minlength=n_actors).astype(np.int64)


def actor_stats(view: View, kinds=None, with_dates: bool = False) -> pd.DataFrame:
    """Per actor with at least one mention in the view: identity columns + counts.

    Columns: actor_id, name_ar, name_en, kind, country, mentions, articles, sentences
    (+ first_seen, last_seen: earliest/latest article date, when ``with_dates``).
    Unsorted; one row per actor.
    """
    actors = view.corpus.actors
    n_actors = len(actors)
    actor, art, sent = _mention_codes(view, kinds)
    mentions = np.bincount(actor, minlength=n_actors)
    present = np.flatnonzero(mentions)
    out = actors.iloc[present][ACTOR_COLUMNS].reset_index(drop=True)
    out["mentions"] = mentions[present].astype(np.int64)
    out["articles"] = distinct_per_actor(actor, art, n_actors)[present].astype(np.int64)
    out["sentences"] = distinct_per_actor(actor, sent, n_actors)[present].astype(np.int64)
    if with_dates:
        days = pd.DataFrame({"actor": actor, "day": view.index.art_day[np.clip(art, 0, None)]})
        days.loc[art < 0, "day"] = pd.NaT
        span = days.groupby("actor")["day"].agg(["min", "max"]).reindex(present)
        out["first_seen"] = span["min"].to_numpy()
        out["last_seen"] = span["max"].to_numpy()
    return out


def _sort(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(
        ["mentions", "articles", "actor_id"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def top_actors(view: View, n: int | None = 20, kinds=None) -> pd.DataFrame:
    """The ``n`` most mentioned actors of the view (``kinds`` further restricts them).

    Returns columns actor_id, name_ar, name_en, kind, country, mentions, articles
    (+ sentences), sorted by mentions, then articles (descending), then id.
    """
    out = _sort(actor_stats(view, kinds=kinds))
    return out if n is None else out.head(n).reset_index(drop=True)


def actor_table(view: View, include_unmentioned: bool = False) -> pd.DataFrame:
    """Every actor mentioned in the view with mentions, articles, sentences,
    first_seen and last_seen (article dates), sorted like ``top_actors``.

    With ``include_unmentioned`` the actors not mentioned in the view follow with zeros.
    """
    out = _sort(actor_stats(view, with_dates=True))
    if include_unmentioned:
        rest = view.corpus.actors.loc[
            ~view.corpus.actors["actor_id"].isin(out["actor_id"]), ACTOR_COLUMNS
        ]
        rest = rest.assign(mentions=0, articles=0, sentences=0, first_seen=pd.NaT, last_seen=pd.NaT)
        rest = rest.sort_values("actor_id", kind="stable")
        out = pd.concat([out, rest.astype(out.dtypes.to_dict())], ignore_index=True)
    return out


def summary(view: View) -> dict:
    """Headline numbers of the view.

    Keys: articles, sentences, actors (distinct actors mentioned), mentions,
    date_min, date_max (``datetime.date`` or None), sources (distinct sources),
    undated (kept articles without a date), duplicates (duplicate articles left out).
    """
    idx = view.index
    actor, _, _ = _mention_codes(view)
    days = idx.art_day[view.article_mask]
    days = days[~np.isnat(days)]
    sources = idx.art_source[view.article_mask]
    return {
        "articles": view.n_articles,
        "sentences": view.n_sentences,
        "actors": int(len(np.unique(actor))),
        "mentions": int(len(actor)),
        "date_min": pd.Timestamp(days.min()).date() if len(days) else None,
        "date_max": pd.Timestamp(days.max()).date() if len(days) else None,
        "sources": int(len({s for s in sources if s is not None})),
        "undated": int(view.n_articles - len(days)),
        "duplicates": int((~idx.art_keep).sum()),
    }
