r"""Weighted log-odds ratio with an informative Dirichlet prior.

Monroe, Colaresi and Quinn (2008), "Fightin' Words: Lexical Feature Selection and
Evaluation for Identifying the Content of Political Conflict", *Political Analysis*
16(4), section 3.5 (the measure scattertext calls ``LogOddsRatioInformativeDirichletPrior``).

Two sets of texts ``i`` and ``j`` with word counts :math:`y^i_w`, :math:`y^j_w` and totals
:math:`n^i = \sum_w y^i_w`, :math:`n^j`; a Dirichlet prior with pseudo-counts
:math:`\alpha_w` and :math:`\alpha_0 = \sum_w \alpha_w`. The log-odds of word ``w`` in
``i``, smoothed by the prior, is

.. math::  \ell^i_w = \log \frac{y^i_w + \alpha_w}{n^i + \alpha_0 - y^i_w - \alpha_w}

(the same for ``j``); their difference, and its approximate variance, are

.. math::  \hat\delta_w = \ell^i_w - \ell^j_w, \qquad
           \sigma^2(\hat\delta_w) \approx \frac{1}{y^i_w + \alpha_w} + \frac{1}{y^j_w + \alpha_w}

and the score of ``w`` is the z-score :math:`z_w = \hat\delta_w / \sqrt{\sigma^2(\hat\delta_w)}`:
positive when ``w`` is typical of ``i``, negative when of ``j``, near 0 when neither.
Dividing by the standard deviation is what keeps rare words (large :math:`|\hat\delta|`
from a handful of counts) from topping the list, and frequent function words (small
:math:`\hat\delta`, small variance) from vanishing entirely.

The *informative* prior follows a background distribution of words (the paper uses the
whole collection): :math:`\alpha_w = \alpha_0 \cdot b_w / \sum_v b_v` for background
counts :math:`b_w` (``informative_prior``); :math:`\alpha_0` says how many words of
evidence the prior is worth. Words the background never saw get :math:`\alpha_w = 0`;
a word with no count on either side then has no score (NaN).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Default prior weight :math:`\alpha_0` (in words): small beside a profile's tens of
#: thousands of words, large beside one rare word's count.
PRIOR_WEIGHT = 1000.0


@dataclass(frozen=True)
class LogOdds:
    """Per word: ``delta`` (the smoothed log-odds ratio), ``variance`` (its approximate
    variance) and ``z`` (``delta / sqrt(variance)``); NaN where undefined."""

    delta: np.ndarray
    variance: np.ndarray
    z: np.ndarray


def informative_prior(background, weight: float = PRIOR_WEIGHT, total=None) -> np.ndarray:
    r"""The pseudo-counts :math:`\alpha_w = \alpha_0 b_w / \sum_v b_v` of background
    counts ``background`` with total weight :math:`\alpha_0` = ``weight`` (all zero when
    the background is empty). ``total``: :math:`\sum_v b_v` when ``background`` holds
    only some of the words (default: its sum)."""
    counts = np.asarray(background, dtype=float)
    total = counts.sum() if total is None else float(total)
    if total <= 0:
        return np.zeros_like(counts)
    return weight * counts / total


@dataclass(frozen=True)
class Totals:
    r"""The sums over the whole vocabulary, for scoring only some of its words:
    :math:`n^i`, :math:`n^j` and :math:`\alpha_0`."""

    n_i: float
    n_j: float
    alpha_0: float


def weighted_log_odds(counts_i, counts_j, alpha, totals: Totals | None = None) -> LogOdds:
    r"""The scores of the module docstring for word counts ``counts_i`` and ``counts_j``
    (aligned arrays) under the prior pseudo-counts ``alpha`` (same length; e.g.
    ``informative_prior(background)``). The arrays cover the whole vocabulary, or only
    the words to score when ``totals`` gives the sums over all of it."""
    y_i = np.asarray(counts_i, dtype=float)
    y_j = np.asarray(counts_j, dtype=float)
    a = np.asarray(alpha, dtype=float)
    if totals is None:
        totals = Totals(n_i=y_i.sum(), n_j=y_j.sum(), alpha_0=a.sum())
    n_i, n_j, a_0 = totals.n_i, totals.n_j, totals.alpha_0
    with np.errstate(divide="ignore", invalid="ignore"):
        log_odds_i = np.log(y_i + a) - np.log(n_i + a_0 - y_i - a)
        log_odds_j = np.log(y_j + a) - np.log(n_j + a_0 - y_j - a)
        delta = log_odds_i - log_odds_j
        variance = 1.0 / (y_i + a) + 1.0 / (y_j + a)
        z = delta / np.sqrt(variance)
    undefined = ~np.isfinite(z)
    return LogOdds(
        delta=np.where(undefined, np.nan, delta),
        variance=np.where(undefined, np.nan, variance),
        z=np.where(undefined, np.nan, z),
    )
