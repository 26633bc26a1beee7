"""With whom: co-mention matrices over sentence or article windows.

A *window* is a sentence or an article of the view. An actor is *in* a window when
it has at least one mention there (repeats in one window count once). The
actor x window incidence matrix ``B`` is sparse (scipy.sparse) and binary, so the
co-count matrix is ``C = B @ B.T``: ``C[a, b]`` = windows holding both, ``C[a, a]`` =
windows holding ``a``.

Measures, with ``N`` = number of windows in the view (every sentence of the kept
articles, or every kept article, including windows without any actor):
- ``count``: ``C`` (the diagonal is the actor's own window count);
- ``jaccard``: ``C[a,b] / (C[a,a] + C[b,b] - C[a,b])``, diagonal NaN;
- ``pmi``: ``log2( (C[a,b]/N) / ((C[a,a]/N) * (C[b,b]/N)) )``, NaN where ``C[a,b] == 0``
  and on the diagonal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from dashboard.analysis.counts import ACTOR_COLUMNS, distinct_per_actor
from dashboard.analysis.filters import View
from dashboard.analysis.measures import cluster_order, jaccard, measure_matrix, pmi

WINDOWS = ("sentence", "article")
MEASURES = ("count", "jaccard", "pmi")
ORDERS = ("frequency", "cluster")


@dataclass(frozen=True)
class Comention:
    """Everything a co-mention page shows: the measure matrix, the co-counts, N."""

    matrix: pd.DataFrame  # the requested measure, square, index/columns = actor ids
    counts: pd.DataFrame  # co-counts in the same order (diagonal = own window count)
    n_windows: int
    window: str
    measure: str


def check_option(name: str, value: str, allowed: tuple[str, ...]) -> None:
    """ValueError naming the option when ``value`` is not one of ``allowed``."""
    if value not in allowed:
        raise ValueError(f"{name} must be one of {allowed}, not {value!r}")


def _window_codes(view: View, window: str) -> tuple[np.ndarray, np.ndarray, int]:
    """(actor code, window code) for the view's mentions, and the number of windows N."""
    idx = view.index
    mask = view.mention_mask & (idx.ment_actor >= 0)
    if window == "sentence":
        win = idx.ment_sent
        n_windows = int(view.article_sentence_mask.sum())
    else:
        win = idx.ment_art
        n_windows = view.n_articles
    mask &= win >= 0
    return idx.ment_actor[mask], win[mask], n_windows


def _choose_actors(view: View, actor, actor_ids, top_n: int) -> np.ndarray:
    """Actor codes to show: the given ids (those known), else the ``top_n`` by mentions."""
    idx = view.index
    if actor_ids is not None:
        return idx.actor_codes(actor_ids)
    mentions = np.bincount(actor, minlength=len(idx.actor_ids))
    present = np.flatnonzero(mentions)
    # Most mentioned first; ties by actor id so the choice is reproducible.
    ids = np.asarray(idx.actor_ids.take(present), dtype=object).astype(str)
    order = np.lexsort((ids, -mentions[present]))
    return present[order][:top_n]


def _cocounts(actor, win, codes: np.ndarray, n_win_codes: int) -> np.ndarray:
    """Dense k x k co-count matrix of the chosen actor ``codes``.

    The incidence is built window-major (windows x actors): each row holds the few
    actors of one window, so removing repeats within a window is cheap, and
    ``B.T @ B`` gives the co-counts.
    """
    k = len(codes)
    if k == 0:
        return np.zeros((0, 0), dtype=np.int64)
    row_of = np.full(int(max(codes.max(), actor.max(initial=-1))) + 1, -1, dtype=np.int32)
    row_of[codes] = np.arange(k, dtype=np.int32)
    rows = row_of[actor] if len(actor) else np.empty(0, dtype=np.int32)
    keep = rows >= 0
    incidence = sparse.csr_matrix(
        (np.ones(int(keep.sum()), dtype=np.int32), (win[keep].astype(np.int32), rows[keep])),
        shape=(max(n_win_codes, 1), k),
    )
    incidence.sum_duplicates()
    incidence.data[:] = 1  # presence, not number of mentions
    return (incidence.T @ incidence).toarray().astype(np.int64)


def comention(
    view: View,
    actor_ids=None,
    top_n: int = 20,
    window: str = "sentence",
    measure: str = "count",
    order: str = "frequency",
    min_count: int = 1,
) -> Comention:
    """Co-mention matrix plus its co-counts (see ``comention_matrix``)."""
    check_option("window", window, WINDOWS)
    check_option("measure", measure, MEASURES)
    check_option("order", order, ORDERS)
    actor, win, n_windows = _window_codes(view, window)
    codes = _choose_actors(view, actor, actor_ids, top_n)
    n_win_codes = view.index.n_sentences if window == "sentence" else view.index.n_articles
    counts = _cocounts(actor, win, codes, n_win_codes)
    if order == "frequency":
        # Most windows first; ties keep the chosen order (mentions, then id).
        perm = np.argsort(-np.diag(counts), kind="stable")
    else:
        perm = cluster_order(counts)
    counts = counts[np.ix_(perm, perm)]
    ids = pd.Index(view.index.actor_ids.take(codes[perm]).astype(str), name="actor_id")
    values = measure_matrix(counts, measure, n_windows, min_count)
    matrix = pd.DataFrame(values, index=ids, columns=ids.rename(None))
    count_frame = pd.DataFrame(counts, index=ids, columns=ids.rename(None))
    return Comention(matrix, count_frame, n_windows, window, measure)


def comention_matrix(
    view: View,
    actor_ids=None,
    top_n: int = 20,
    window: str = "sentence",
    measure: str = "count",
    order: str = "frequency",
    min_count: int = 1,
) -> pd.DataFrame:
    """Square, symmetric co-mention matrix of actors in ``view``.

    ``actor_ids``: the actors to show (unknown ids dropped), else the ``top_n`` most
    mentioned. ``window``: "sentence" or "article". ``measure``: "count" (diagonal =
    own window count), "jaccard" or "pmi" (diagonal NaN; PMI NaN where never together).
    ``order``: "frequency" (most windows first) or "cluster" (hierarchical clustering
    on Jaccard distance, similar actors adjacent). ``min_count``: jaccard/pmi of pairs
    sharing fewer windows are NaN (PMI of rare pairs is noise). Index and columns are
    actor ids.
    """
    return comention(view, actor_ids, top_n, window, measure, order, min_count).matrix


def top_pairs(view: View, top_n: int = 50, window: str = "sentence", n: int = 20) -> pd.DataFrame:
    """The ``n`` pairs among the ``top_n`` actors that share most windows.

    Columns: a, b (actor ids), count, jaccard, pmi; sorted by count descending.
    """
    result = comention(view, top_n=top_n, window=window, measure="count")
    counts = result.counts.to_numpy()
    ids = result.counts.index.to_numpy()
    ia, ib = np.triu_indices(len(ids), k=1)
    co = counts[ia, ib]
    keep = co > 0
    jac = measure_matrix(counts, "jaccard", result.n_windows)[ia, ib]
    pmis = measure_matrix(counts, "pmi", result.n_windows)[ia, ib]
    out = pd.DataFrame(
        {"a": ids[ia][keep], "b": ids[ib][keep], "count": co[keep], "jaccard": jac[keep]}
    )
    out["pmi"] = pmis[keep]
    out = out.sort_values(["count", "jaccard", "a", "b"], ascending=[False, False, True, True])
    return out.head(n).reset_index(drop=True)


def pair_sentences(view: View, a: str, b: str, window: str = "sentence") -> pd.DataFrame:
    """The evidence for a co-mention of actors ``a`` and ``b`` in ``view``.

    ``window="sentence"``: the sentences mentioning both. ``window="article"``: in the
    articles mentioning both, the sentences mentioning either. Columns: the sentence
    columns plus title, source, dateline (of the article) and ``has_a``/``has_b``;
    newest articles first, then sentence order.
    """
    check_option("window", window, WINDOWS)
    idx = view.index
    codes_a = idx.actor_codes([a])
    codes_b = idx.actor_codes([b])
    base = view.mention_mask & (idx.ment_sent >= 0)
    ment_a = base & np.isin(idx.ment_actor, codes_a)
    ment_b = base & np.isin(idx.ment_actor, codes_b)
    has_a = np.zeros(idx.n_sentences, dtype=bool)
    has_b = np.zeros(idx.n_sentences, dtype=bool)
    has_a[idx.ment_sent[ment_a]] = True
    has_b[idx.ment_sent[ment_b]] = True
    if window == "sentence":
        keep = has_a & has_b
    else:
        art_a = np.zeros(idx.n_articles, dtype=bool)
        art_b = np.zeros(idx.n_articles, dtype=bool)
        art_a[idx.sent_art[has_a & (idx.sent_art >= 0)]] = True
        art_b[idx.sent_art[has_b & (idx.sent_art >= 0)]] = True
        both = art_a & art_b
        in_both = np.zeros(idx.n_sentences, dtype=bool)
        ok = idx.sent_art >= 0
        in_both[ok] = both[idx.sent_art[ok]]
        keep = in_both & (has_a | has_b)
    keep &= view.article_sentence_mask
    return _with_article_columns(view, keep, has_a, has_b)


def _with_article_columns(view: View, keep, has_a, has_b) -> pd.DataFrame:
    sents = view.corpus.sentences.loc[keep].copy()
    sents["has_a"] = has_a[keep]
    sents["has_b"] = has_b[keep]
    arts = view.corpus.articles[["article_id", "title", "source", "dateline"]]
    out = sents.merge(arts.drop_duplicates("article_id"), on="article_id", how="left")
    out = out.sort_values(
        ["date", "article_id", "position"], ascending=[False, True, True], na_position="last"
    )
    return out.reset_index(drop=True)


def actor_partners(
    view: View, actor_id: str, n: int | None = 10, window: str = "sentence"
) -> pd.DataFrame:
    """The actors most often named together with ``actor_id`` in the view.

    Columns: actor_id, name_ar, name_en, kind, country, together (windows with both),
    windows (the partner's own windows), jaccard, pmi (as in ``comention_matrix``);
    sorted by together, then jaccard (descending), then id. The actor itself is left out.
    """
    check_option("window", window, WINDOWS)
    idx = view.index
    actor, win, n_windows = _window_codes(view, window)
    codes = idx.actor_codes([actor_id])
    n_actors = len(idx.actor_ids)
    n_win_codes = idx.n_sentences if window == "sentence" else idx.n_articles
    own = distinct_per_actor(actor, win, n_actors)
    if len(codes) == 0 or len(actor) == 0:
        together = np.zeros(n_actors, dtype=np.int64)
    else:
        in_target = np.zeros(max(n_win_codes, 1), dtype=bool)
        in_target[win[actor == codes[0]]] = True
        hit = in_target[win]
        together = distinct_per_actor(actor[hit], win[hit], n_actors)
        together[codes[0]] = 0
    present = np.flatnonzero(together)
    target_own = float(own[codes[0]]) if len(codes) else 0.0
    both = together[present].astype(float)
    other = own[present].astype(float)
    out = view.corpus.actors.iloc[present][ACTOR_COLUMNS].reset_index(drop=True)
    out["together"] = together[present].astype(np.int64)
    out["windows"] = own[present].astype(np.int64)
    out["jaccard"] = jaccard(both, target_own, other)
    out["pmi"] = pmi(both, target_own, other, n_windows)
    out = out.sort_values(
        ["together", "jaccard", "actor_id"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)
    return out if n is None else out.head(n)
