"""Plotly figures of the analysis frames (no Streamlit here).

Arabic goes into the figures as plain logical strings: the browser shapes and
orders it. Never pass reshaped text. Axes with names use ``automargin`` so long
Arabic labels are not clipped, and categorical axes are keyed by actor id (with
the label as tick text) so two actors with the same name stay apart.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.comention import MEASURES
from dashboard.analysis.labels import actor_label, kind_label
from dashboard.frames import ACTOR_KINDS
from dashboard.i18n import t

FONT_FAMILY = (
    "Amiri, 'Noto Naskh Arabic', 'Noto Sans Arabic', 'Segoe UI', Tahoma, Arial, sans-serif"
)
# One colour per actor kind, in ACTOR_KINDS order (PER, GPE, LOC, ORG).
KIND_COLORS = dict(zip(ACTOR_KINDS, ("#1f77b4", "#2ca02c", "#8c564b", "#d62728"), strict=True))
GRANULARITY_COLORS = {
    "day": "#1f77b4",
    "week": "#17becf",
    "month": "#2ca02c",
    "season": "#bcbd22",
    "quarter": "#ff7f0e",
    "year": "#9467bd",
    "decade": "#7f7f7f",
}


def both(key: str) -> str:
    """The Arabic and English text of i18n ``key``: "عربي / English"."""
    return f"{t(key, 'ar')} / {t(key, 'en')}"


def _base_layout(fig: go.Figure, title: str | None = None, height: int | None = None) -> go.Figure:
    fig.update_layout(
        font={"family": FONT_FAMILY, "size": 14},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 14}},
        margin={"l": 10, "r": 10, "t": 50 if title else 20, "b": 10},
        template="plotly_white",
        title={"text": title} if title else None,
    )
    if height:
        fig.update_layout(height=height)
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def _empty(message: str) -> go.Figure:
    """A figure that says there is nothing to show (instead of empty axes)."""
    fig = go.Figure()
    fig.add_annotation(
        text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font_size=16
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _base_layout(fig, height=250)


def _labels_for(df: pd.DataFrame, lang: str) -> list[str]:
    return [
        _text(actor_label(a, e, i, lang))
        for a, e, i in zip(
            df["name_ar"] if "name_ar" in df else [None] * len(df),
            df["name_en"] if "name_en" in df else [None] * len(df),
            df["actor_id"],
            strict=True,
        )
    ]


def _text(value) -> str:
    """Untrusted text for a Plotly label: NA -> "", and < > & as entities.

    Plotly renders a few HTML-like tags (<b>, <a href>, <br>) inside labels; names
    and sources come from articles, so they are shown literally, never as markup.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=False)


# Numbers an actor bar's hover shows when the frame has them: column -> i18n key.
ACTOR_NUMBERS = {
    "mentions": "fig_mentions",
    "articles": "fig_articles",
    "together": "fig_together",
    "windows": "fig_windows",
    "jaccard": "fig_jaccard",
    "pmi": "fig_pmi",
}


def _numbers(column: pd.Series) -> list[str]:
    """Hover text of a numeric column: measures with 3 decimals, counts as integers."""
    as_float = column.dtype.kind == "f"
    return [
        "—" if pd.isna(v) else (f"{v:.3f}" if as_float else f"{int(v)}") for v in column.tolist()
    ]


def actor_bar(df: pd.DataFrame, lang: str = "ar", value: str = "mentions") -> go.Figure:
    """Horizontal bars of actors, biggest on top: ``counts.top_actors`` output, or
    ``comention.actor_partners`` output with ``value="together"``.

    Labels are the names in ``lang`` ("ar" or "en"); bars are coloured by kind; the
    hover shows the Arabic name, English name, kind and every count the frame has
    (mentions, articles, together, ...). In Arabic the bars grow leftwards with the
    names on the right, as an Arabic reader scans.
    """
    if df is None or df.empty:
        return _empty(both("fig_no_data"))
    df = df.reset_index(drop=True)
    labels = _labels_for(df, lang)
    kinds = df["kind"].astype(object).fillna("").tolist() if "kind" in df else [""] * len(df)
    blank = pd.Series([""] * len(df))
    numbers = [c for c in ACTOR_NUMBERS if c in df.columns]
    custom = np.column_stack(
        [
            [_text(x) for x in df.get("name_ar", blank)],
            [_text(x) for x in df.get("name_en", blank)],
            [kind_label(k, lang) for k in kinds],
            *[_numbers(df[c]) for c in numbers],
        ]
    )
    lines = [f"{both(ACTOR_NUMBERS[c])}: %{{customdata[{3 + i}]}}" for i, c in enumerate(numbers)]
    fig = go.Figure(
        go.Bar(
            x=df[value].to_numpy(),
            y=df["actor_id"].astype(str).tolist(),
            orientation="h",
            marker_color=[KIND_COLORS.get(k, "#7f7f7f") for k in kinds],
            customdata=custom,
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<br>"
            + "<br>".join(lines)
            + "<extra></extra>",
        )
    )
    fig.update_yaxes(
        type="category",
        tickmode="array",
        tickvals=df["actor_id"].astype(str).tolist(),
        ticktext=labels,
        autorange="reversed",
        side="right" if lang == "ar" else "left",
    )
    fig.update_xaxes(
        title=t(ACTOR_NUMBERS[value], lang) if value in ACTOR_NUMBERS else value,
        autorange="reversed" if lang == "ar" else True,
    )
    return _base_layout(fig, height=max(250, 28 * len(df) + 80))


def comention_heatmap(
    matrix: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    measure: str = "count",
    counts: pd.DataFrame | None = None,
) -> go.Figure:
    """Heatmap of a ``comention_matrix``; hover names both actors and gives the
    co-count and (for jaccard/pmi) the measure.

    ``labels``: actor_id -> name; ``counts``: the co-count matrix in the same order
    (needed for the count in the hover when ``measure`` is not "count"). For counts
    the colour scale stops at the largest off-diagonal value so the diagonal (an
    actor with itself) does not wash out the pairs; PMI uses a diverging scale at 0.
    Cells sit at integer x (column position) and y (row position), so a selected
    point maps back to ``matrix.columns[x]`` and ``matrix.index[y]``.
    """
    if matrix is None or matrix.empty:
        return _empty(both("fig_no_data"))
    labels = labels or {}
    ids = [str(i) for i in matrix.index]
    names = [_text(labels.get(i, i)) for i in ids]
    values = matrix.to_numpy(dtype=float)
    cnt = counts.to_numpy(dtype=float) if counts is not None else None
    if cnt is None and measure == "count":
        cnt = values
    k = len(ids)
    name_a = np.repeat(np.array(names, dtype=object)[:, None], k, axis=1)
    name_b = np.repeat(np.array(names, dtype=object)[None, :], k, axis=0)
    cnt_text = (
        np.full((k, k), "", dtype=object)
        if cnt is None
        else np.vectorize(lambda v: "" if math.isnan(v) else f"{int(v)}", otypes=[object])(cnt)
    )
    val_text = np.vectorize(lambda v: "—" if math.isnan(v) else f"{v:.3f}", otypes=[object])(values)
    if cnt is not None:
        # The diagonal is an actor with itself: say how many windows it is in.
        for i in range(k):
            if not math.isnan(cnt[i, i]):
                cnt_text[i, i] = f"{int(cnt[i, i])} ({both('fig_all_windows')})"
    custom = np.dstack([name_a, name_b, cnt_text, val_text])
    title_key = f"fig_measure_{measure}"
    title_ar, title_en = (
        (t(title_key, "ar"), t(title_key, "en")) if measure in MEASURES else (measure, measure)
    )
    hover = f"<b>%{{customdata[0]}}</b> × <b>%{{customdata[1]}}</b><br>{both('fig_together')}: %{{customdata[2]}}"
    if measure != "count":
        hover += f"<br>{title_en}: %{{customdata[3]}}"
    heat = {
        "z": values,
        "x": list(range(k)),
        "y": list(range(k)),
        "customdata": custom,
        "hovertemplate": hover + "<extra></extra>",
        "colorbar": {"title": {"text": f"{title_ar}<br>{title_en}"}},
        "hoverongaps": False,
    }
    if k <= 15:  # small matrices: the numbers are readable in the cells
        heat["texttemplate"] = "%{z:d}" if measure == "count" else "%{z:.2f}"
        heat["textfont"] = {"size": 11}
    if measure == "pmi":
        finite = values[np.isfinite(values)]
        bound = float(np.abs(finite).max()) if finite.size else 1.0
        heat.update(colorscale="RdBu", reversescale=True, zmid=0, zmin=-bound, zmax=bound)
    else:
        heat["colorscale"] = "Blues"
        off = values[~np.eye(k, dtype=bool)] if k > 1 else values.ravel()
        off = off[np.isfinite(off)]
        if off.size:
            heat.update(zmin=0, zmax=max(float(off.max()), 1e-9))
    fig = go.Figure(go.Heatmap(**heat))
    fig.update_xaxes(tickmode="array", tickvals=list(range(k)), ticktext=names, tickangle=-45)
    fig.update_yaxes(
        tickmode="array", tickvals=list(range(k)), ticktext=names, autorange="reversed"
    )
    fig.update_layout(xaxis_side="bottom")
    size = max(350, 26 * k + 200)
    return _base_layout(fig, height=size)


def timeline_lines(df: pd.DataFrame, labels: Mapping[str, str] | None = None) -> go.Figure:
    """One line per actor of ``timeline.mentions_over_time`` output."""
    if df is None or df.empty:
        return _empty(both("fig_no_data"))
    labels = labels or {}
    fig = go.Figure()
    for actor_id, grp in df.groupby("actor_id", sort=False):
        name = _text(labels.get(str(actor_id), str(actor_id)))
        fig.add_trace(
            go.Scatter(
                x=grp["period"],
                y=grp["mentions"],
                mode="lines+markers",
                name=name,
                hovertemplate="<b>%{fullData.name}</b><br>%{x|%Y-%m-%d}: %{y}<extra></extra>",
            )
        )
    fig.update_yaxes(title=both("fig_mentions"), rangemode="tozero")
    fig.update_layout(legend={"orientation": "h", "y": -0.2}, hovermode="x unified")
    return _base_layout(fig, height=420)


def articles_bar(df: pd.DataFrame) -> go.Figure:
    """Articles per period (``timeline.articles_over_time``), stacked by source when
    the frame has a ``source`` column."""
    if df is None or df.empty:
        return _empty(both("fig_no_data"))
    fig = go.Figure()
    if "source" in df.columns:
        for source, grp in df.groupby("source", sort=True):
            name = _text(source) or both("fig_unknown_source")
            fig.add_trace(
                go.Bar(
                    x=grp["period"],
                    y=grp["articles"],
                    name=name,
                    hovertemplate="%{fullData.name}<br>%{x|%Y-%m-%d}: %{y}<extra></extra>",
                )
            )
        fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.2})
    else:
        fig.add_trace(
            go.Bar(
                x=df["period"],
                y=df["articles"],
                marker_color="#4c78a8",
                hovertemplate=f"%{{x|%Y-%m-%d}}: %{{y}} {both('fig_n_articles')}<extra></extra>",
            )
        )
    fig.update_yaxes(title=both("fig_articles"), rangemode="tozero")
    return _base_layout(fig, height=320)


def referenced_dates_chart(df: pd.DataFrame, published: pd.DataFrame | None = None) -> go.Figure:
    """Dates the text refers to (``timeline.referenced_dates``): one bar per value,
    spanning its period, coloured by granularity. ``published`` (articles_over_time
    output) adds the publication series as a line on a second axis."""
    if df is None or df.empty or df["period_start"].isna().all():
        return _empty(both("fig_no_data"))
    df = df[df["period_start"].notna()]
    fig = go.Figure()
    order = [g for g in GRANULARITY_COLORS if g in set(df["granularity"])]
    order += sorted(set(df["granularity"].dropna()) - set(order))
    for gran in order:
        grp = df[df["granularity"] == gran]
        start = pd.to_datetime(grp["period_start"])
        end = pd.to_datetime(grp["period_end"]).fillna(start) + pd.Timedelta(days=1)
        width_ms = (end - start).dt.total_seconds().to_numpy() * 1000
        fig.add_trace(
            go.Bar(
                x=start + (end - start) / 2,
                y=grp["mentions"],
                width=width_ms,
                name=gran,
                opacity=0.7,
                marker_color=GRANULARITY_COLORS.get(gran, "#7f7f7f"),
                customdata=np.column_stack([[_text(v) for v in grp["value"]], grp["articles"]]),
                hovertemplate=(
                    f"<b>%{{customdata[0]}}</b><br>{both('fig_mentions')}: %{{y}}<br>"
                    f"{both('fig_articles')}: %{{customdata[1]}}<extra></extra>"
                ),
            )
        )
    if published is not None and not published.empty:
        fig.add_trace(
            go.Scatter(
                x=published["period"],
                y=published["articles"],
                name=both("fig_published"),
                mode="lines",
                line={"color": "#444", "dash": "dot"},
                yaxis="y2",
                hovertemplate=f"%{{x|%Y-%m-%d}}: %{{y}} {both('fig_n_articles')}<extra></extra>",
            )
        )
        fig.update_layout(
            yaxis2={"overlaying": "y", "side": "right", "title": both("fig_articles")}
        )
    fig.update_yaxes(title=both("fig_references"), rangemode="tozero")
    fig.update_layout(barmode="overlay", legend={"orientation": "h", "y": -0.2})
    return _base_layout(fig, height=380)


def term_bar(df: pd.DataFrame, lang: str = "ar", title: str = "") -> go.Figure:
    """Horizontal bars of ``terms.term_frequencies`` output (display, count), biggest
    on top; the hover gives the word as written, its counting key and the count."""
    if df is None or df.empty:
        return _empty(both("fig_no_data"))
    df = df.reset_index(drop=True)
    labels = [_text(d) for d in df["display"]]
    keys = [_text(t) for t in df["term"]] if "term" in df else labels
    positions = list(range(len(df)))
    fig = go.Figure(
        go.Bar(
            x=df["count"].to_numpy(),
            y=positions,
            orientation="h",
            marker_color="#3b7a78",
            customdata=np.column_stack([labels, keys]),
            hovertemplate=(
                f"<b>%{{customdata[0]}}</b> (%{{customdata[1]}})<br>{both('fig_times')}: %{{x}}<extra></extra>"
            ),
        )
    )
    fig.update_yaxes(
        tickmode="array",
        tickvals=positions,
        ticktext=labels,
        autorange="reversed",
        side="right" if lang == "ar" else "left",
    )
    fig.update_xaxes(
        title=title or t("fig_count", lang),
        autorange="reversed" if lang == "ar" else True,
    )
    return _base_layout(fig, height=max(250, 24 * len(df) + 80))
