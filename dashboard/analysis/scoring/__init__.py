"""Scores of words between two sets of texts (one module per measure, formula in its
docstring): ``log_odds`` — the weighted log-odds ratio with an informative Dirichlet
prior (Monroe, Colaresi and Quinn 2008)."""

from dashboard.analysis.scoring.log_odds import (
    LogOdds,
    Totals,
    informative_prior,
    weighted_log_odds,
)

__all__ = ["LogOdds", "Totals", "informative_prior", "weighted_log_odds"]
