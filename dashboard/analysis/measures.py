"""Co-mention measures over a small dense co-count matrix (numpy), shared by the pandas
analysis (``dashboard.analysis.comention``) and the store queries (``dashboard.query``):
``count``; ``jaccard`` =
``C[a,b] / (C[a,a] + C[b,b] - C[a,b])``; ``pmi`` = ``log2(C[a,b] * N / (C[a,a] * C[b,b]))``,
NaN on the diagonal and where two actors share fewer than ``min_count`` windows; and the
"cluster" order (average linkage on Jaccard distance, optimal leaf order).
``pmi`` and ``jaccard`` give the same measures of aligned arrays (an actor's partners).
"""

from __future__ import annotations

import numpy as np


def pmi(together, own_a, own_b, n_windows: int) -> np.ndarray:
    """``log2(together * N / (own_a * own_b))`` elementwise (broadcasting): the pointwise
    mutual information of windows holding both actors; NaN where they share none."""
    co = np.asarray(together, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.asarray(own_a, dtype=float) * np.asarray(own_b, dtype=float)
        return np.where(co > 0, np.log2(co * max(n_windows, 1) / expected), np.nan)


def jaccard(together, own_a, own_b) -> np.ndarray:
    """``together / (own_a + own_b - together)`` elementwise; NaN where the union is empty."""
    co = np.asarray(together, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        union = np.asarray(own_a, dtype=float) + np.asarray(own_b, dtype=float) - co
        return np.where(union > 0, co / union, np.nan)


def measure_matrix(counts: np.ndarray, measure: str, n_windows: int, min_count: int = 1):
    """The ``measure`` matrix of the co-count matrix ``counts`` over ``n_windows``."""
    own = np.diag(counts).astype(float)
    co = counts.astype(float)
    if measure == "count":
        return counts.astype(np.int64)
    if measure == "jaccard":
        out = jaccard(co, own[:, None], own[None, :])
    else:
        out = pmi(co, own[:, None], own[None, :], n_windows)
    if min_count > 1:
        out = np.where(co >= min_count, out, np.nan)
    np.fill_diagonal(out, np.nan)
    return out


def cluster_order(counts: np.ndarray) -> np.ndarray:
    """Leaf order of average-linkage clustering on Jaccard distance (the given order for
    fewer than 3 actors or when clustering fails)."""
    from scipy.cluster.hierarchy import leaves_list, linkage, optimal_leaf_ordering
    from scipy.spatial.distance import squareform

    k = len(counts)
    if k < 3:
        return np.arange(k)
    own = np.diag(counts).astype(float)
    union = own[:, None] + own[None, :] - counts
    with np.errstate(divide="ignore", invalid="ignore"):
        sim = np.where(union > 0, counts / union, 0.0)
    dist = 1.0 - sim
    np.fill_diagonal(dist, 0.0)
    dist = (dist + dist.T) / 2
    condensed = squareform(np.clip(dist, 0.0, 1.0), checks=False)
    try:
        tree = optimal_leaf_ordering(linkage(condensed, method="average"), condensed)
        return leaves_list(tree)
    except (ValueError, FloatingPointError):
        return np.arange(k)
