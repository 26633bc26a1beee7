"""Figures of an actor's profile and of two actors compared (no Streamlit here).

- ``word_scores_bar``: the distinctive words (``query.profile.actor_words`` or one side
  of ``compare_words``), one bar per word, its log-odds z-score on the value axis, the
  counts on each side in the hover;
- ``source_timeline``: one actor's mentions per period stacked by source
  (``actor_timeline(..., by_source=True)``);
- ``compare_timeline``: two actors' mentions per period overlaid, in the colours their
  word bars have on the compare page.

Words and names come from articles: they go through ``plain_text`` before any label.
In Arabic the bars grow leftwards with the words on the right, as the other bar charts.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.figures import NARROW_TICKS, time_axis
from dashboard.charts.layout import base_layout, empty_figure, label_bars, plain_text
from dashboard.i18n import t

#: The two sides of a comparison (first actor, second actor), and a profile's words.
SIDE_COLORS = ("#1f77b4", "#d62728")
WORD_COLOR = "#3b7a78"
# Sources in a stable order of colours (Plotly's qualitative "D3" set).
SOURCE_COLORS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)  # fmt: skip
#: Period code -> how long one period is (to draw the last period's end).
_PERIOD = {"D": pd.DateOffset(days=1), "W": pd.DateOffset(weeks=1), "M": pd.DateOffset(months=1)}


def word_scores_bar(
    df: pd.DataFrame,
    lang: str = "ar",
    color: str = WORD_COLOR,
    own: str = "",
    other: str = "",
) -> go.Figure:
    """Horizontal bars of distinctive words (display, count, other, z), highest z on
    top, z on the value axis. ``own`` / ``other`` name the two sides in the hover
    (default: "in its sentences" / "in the other sentences")."""
    if df is None or df.empty:
        return empty_figure(lang)
    df = df.reset_index(drop=True)
    labels = [plain_text(d) for d in df["display"]]
    own = own or t("fig_in_own", lang)
    other = other or t("fig_in_other", lang)
    positions = list(range(len(df)))
    fig = go.Figure(
        go.Bar(
            x=df["z"].to_numpy(float),
            y=positions,
            orientation="h",
            marker_color=color,
            customdata=np.column_stack([labels, df["count"], df["other"]]),
            hovertemplate=(
                "<b>%{customdata[0]}</b><br>"
                f"{t('fig_score_z', lang)}: %{{x:.2f}}<br>"
                f"{plain_text(own)}: %{{customdata[1]}}<br>"
                f"{plain_text(other)}: %{{customdata[2]}}<extra></extra>"
            ),
        )
    )
    label_bars(fig, positions, labels, lang)
    fig.update_xaxes(
        title=t("fig_score_z", lang),
        rangemode="tozero",
        autorange="reversed" if lang == "ar" else True,
    )
    return base_layout(fig, height=max(250, 24 * len(df) + 80))


def _ends(periods: pd.Series, freq: str) -> pd.Series:
    return pd.to_datetime(periods) + _PERIOD.get(freq, _PERIOD["W"])


def source_timeline(df: pd.DataFrame, lang: str = "ar", freq: str = "W") -> go.Figure:
    """Mentions per period of ``freq``, one stacked area per source (period, source,
    mentions); a source with no name is "unknown"."""
    if df is None or df.empty:
        return empty_figure(lang)
    fig = go.Figure()
    unit = t("fig_mentions", lang)
    sources = sorted(df["source"].astype(str).unique())
    for i, source in enumerate(sources):
        grp = df[df["source"].astype(str) == source]
        fig.add_trace(
            go.Scatter(
                x=pd.to_datetime(grp["period"]),
                y=grp["mentions"].to_numpy(),
                name=plain_text(source) or t("fig_unknown_source", lang),
                mode="lines+markers",
                stackgroup="sources",
                line={"color": SOURCE_COLORS[i % len(SOURCE_COLORS)], "width": 1},
                hovertemplate=f"%{{fullData.name}}<br>%{{x|%Y-%m-%d}}: %{{y}} {unit}<extra></extra>",
            )
        )
    fig.update_yaxes(title=unit, rangemode="tozero")
    fig.update_layout(legend={"orientation": "h", "y": -0.2}, hovermode="x unified")
    time_axis(fig, df["period"], _ends(df["period"], freq), lang, NARROW_TICKS)
    return base_layout(fig, height=360)


def compare_timeline(
    df: pd.DataFrame, labels: Mapping[str, str], lang: str = "ar", freq: str = "W"
) -> go.Figure:
    """The mentions per period of two (or more) actors overlaid (period, actor_id,
    mentions), named by ``labels`` (actor id -> name), in ``SIDE_COLORS`` order."""
    if df is None or df.empty:
        return empty_figure(lang)
    fig = go.Figure()
    for i, (actor_id, grp) in enumerate(df.groupby("actor_id", sort=False)):
        fig.add_trace(
            go.Scatter(
                x=pd.to_datetime(grp["period"]),
                y=grp["mentions"].to_numpy(),
                name=plain_text(labels.get(str(actor_id), str(actor_id))),
                mode="lines+markers",
                line={"color": SIDE_COLORS[i % len(SIDE_COLORS)]},
                hovertemplate="<b>%{fullData.name}</b><br>%{x|%Y-%m-%d}: %{y}<extra></extra>",
            )
        )
    fig.update_yaxes(title=t("fig_mentions", lang), rangemode="tozero")
    fig.update_layout(legend={"orientation": "h", "y": -0.2}, hovermode="x unified")
    time_axis(fig, df["period"], _ends(df["period"], freq), lang)
    return base_layout(fig, height=380)
