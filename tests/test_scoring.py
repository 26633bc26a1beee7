"""The word and pair measures of the profile pages (issue 15): the weighted log-odds ratio
with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008) and PMI / Jaccard of
aligned counts, each checked against values worked out by hand from the formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dashboard.analysis.measures import jaccard, measure_matrix, pmi
from dashboard.analysis.scoring.log_odds import Totals, informative_prior, weighted_log_odds


def test_the_prior_spreads_its_weight_as_the_background_does():
    assert informative_prior([4, 3, 1], weight=8).tolist() == [4.0, 3.0, 1.0]
    assert informative_prior([1, 1, 2], weight=100).tolist() == [25.0, 25.0, 50.0]
    assert informative_prior([0, 0], weight=10).tolist() == [0.0, 0.0]


def test_log_odds_of_a_three_word_example_worked_by_hand():
    # i = [3, 1, 0] words, j = [1, 2, 1]; prior from i + j = [4, 3, 1] with weight 8, so
    # alpha = [4, 3, 1], alpha_0 = 8, n_i = n_j = 4. Word by word (module docstring):
    #   w0: l_i = log(7 / (4+8-3-4)) = log(7/5), l_j = log(5 / (4+8-1-4)) = log(5/7)
    #       delta = log(49/25), variance = 1/7 + 1/5
    #   w1: l_i = log(4 / 8), l_j = log(5 / 7): delta = log(7/10), variance = 1/4 + 1/5
    #   w2: l_i = log(1 / 11), l_j = log(2 / 10): delta = log(5/11), variance = 1/1 + 1/2
    scores = weighted_log_odds([3, 1, 0], [1, 2, 1], informative_prior([4, 3, 1], 8))
    delta = [math.log(49 / 25), math.log(7 / 10), math.log(5 / 11)]
    variance = [1 / 7 + 1 / 5, 1 / 4 + 1 / 5, 1 + 1 / 2]
    assert scores.delta == pytest.approx(delta)
    assert scores.variance == pytest.approx(variance)
    assert scores.z == pytest.approx(
        [d / math.sqrt(v) for d, v in zip(delta, variance, strict=True)]
    )
    # w0 is typical of i, w1 and w2 of j; w2 (never in i) is not as sure as its delta says.
    assert scores.z[0] > 0 > scores.z[1] and scores.z[2] < 0


def test_swapping_the_sides_flips_the_sign():
    i, j = np.array([5, 0, 2, 9]), np.array([1, 4, 2, 3])
    alpha = informative_prior(i + j, 50)
    assert weighted_log_odds(i, j, alpha).z == pytest.approx(-weighted_log_odds(j, i, alpha).z)
    assert weighted_log_odds(i, j, alpha).z[2] != 0  # same count, different totals


def test_the_variance_keeps_a_rare_word_below_a_steady_one():
    # Twice as often in i, seen 2 times vs 200 times: the same log-odds ratio, but only
    # the frequent word's z-score is far from zero.
    i = np.array([2, 200, 10_000])
    j = np.array([1, 100, 10_000])
    z = weighted_log_odds(i, j, informative_prior(i + j, 10)).z
    assert z[1] > 3 * z[0] > 0


def test_a_word_no_side_and_no_background_has_no_score():
    scores = weighted_log_odds([2, 0, 1], [1, 0, 2], informative_prior([3, 0, 3], 10))
    assert math.isfinite(scores.z[0]) and math.isnan(scores.z[1]) and math.isfinite(scores.z[2])


def test_pmi_and_jaccard_of_aligned_counts():
    # 3 windows together, 6 and 4 own windows, 48 windows: PMI = log2(3 * 48 / 24) =
    # log2(6); Jaccard = 3 / (6 + 4 - 3) = 3/7. Never together: NaN PMI, Jaccard 0.
    assert pmi([3, 0], [6, 6], [4, 5], 48) == pytest.approx([math.log2(6), math.nan], nan_ok=True)
    assert jaccard([3, 0], [6, 6], [4, 5]) == pytest.approx([3 / 7, 0.0])
    counts = np.array([[6, 3], [3, 4]])
    matrix = measure_matrix(counts, "pmi", 48)
    assert matrix[0, 1] == pytest.approx(math.log2(6)) and math.isnan(matrix[0, 0])
    assert measure_matrix(counts, "jaccard", 48)[1, 0] == pytest.approx(3 / 7)


def test_scoring_some_words_with_the_whole_vocabularys_totals_gives_their_scores():
    i, j = np.array([5, 0, 2, 9, 1]), np.array([1, 4, 2, 3, 0])
    whole = weighted_log_odds(i, j, informative_prior(i + j, 50))
    some = [0, 3]
    totals = Totals(n_i=i.sum(), n_j=j.sum(), alpha_0=50)
    alpha = informative_prior((i + j)[some], 50, total=(i + j).sum())
    part = weighted_log_odds(i[some], j[some], alpha, totals)
    assert part.z == pytest.approx(whole.z[some])
