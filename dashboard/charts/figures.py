"""Plotly figures of the analysis frames (no Streamlit here).

Arabic goes into the figures as plain logical strings: the browser shapes and
orders it. Never pass reshaped text. Axes with names use ``automargin`` so long
Arabic labels are not clipped, and categorical axes are keyed by actor id (with
the label as tick text) so two actors with the same name stay apart.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.comention import MEASURES
from dashboard.analysis.labels import actor_label, kind_label
from dashboard.charts.layout import base_layout as _base_layout
from dashboard.charts.layout import empty_figure as _empty
from dashboard.charts.layout import label_bars
from dashboard.charts.layout import plain_text as _text
from dashboard.frames import ACTOR_KINDS
from dashboard.i18n import t

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


# Granularity of a referenced date -> the i18n key of its legend entry.
GRANULARITY_KEYS = {
    "day": "gran_day",
    "week": "gran_week",
    "month": "gran_month",
    "season": "gran_season",
    "quarter": "gran_quarter",
    "year": "gran_year",
    "decade": "gran_decade",
}
MONTH_KEYS = (
    "month_1", "month_2", "month_3", "month_4", "month_5", "month_6",
    "month_7", "month_8", "month_9", "month_10", "month_11", "month_12",
)  # fmt: skip
# Tick spacings a time axis may use, finest first: (unit, how many).
TICK_STEPS = (
    ("D", 1), ("D", 2), ("D", 7), ("D", 14), ("M", 1), ("M", 2), ("M", 3), ("M", 6),
    ("Y", 1), ("Y", 2), ("Y", 5), ("Y", 10), ("Y", 20), ("Y", 50), ("Y", 100),
)  # fmt: skip
MAX_TICKS = 8
MAX_MARKERS = 120  # periods per line beyond which a line is drawn without markers
NARROW_TICKS = 5  # charts in half a page's width
RLI, PDI = "\u2067", "\u2069"  # right-to-left isolate, pop directional isolate
# Period code of the analysis (``timeline.FREQS``) -> how long one period is.
PERIOD_OFFSETS = {
    "D": pd.DateOffset(days=1),
    "W": pd.DateOffset(weeks=1),
    "M": pd.DateOffset(months=1),
}
BAR_FILL = 0.8  # a bar covers this share of its period (gaps show where periods end)
HEATMAP_LABEL_CHARS = 22  # longer actor names are shortened on the heatmap's axes


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
        return _empty(lang)
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
    lines = [
        f"{t(ACTOR_NUMBERS[c], lang)}: %{{customdata[{3 + i}]}}" for i, c in enumerate(numbers)
    ]
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


def short_label(name: str, limit: int = HEATMAP_LABEL_CHARS) -> str:
    """``name`` cut to ``limit`` characters at a word boundary where possible, with "…"."""
    if len(name) <= limit:
        return name
    cut = name[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


def _cell_texts(values: np.ndarray, digits: int | None) -> np.ndarray:
    """Hover text of every cell: integers, or ``digits`` decimals; "—" for NaN."""

    def text(v: float) -> str:
        if math.isnan(v):
            return "—"
        return f"{int(v)}" if digits is None else f"{v:.{digits}f}"

    return np.vectorize(text, otypes=[object])(values)


def _heat_scale(values: np.ndarray, measure: str) -> dict:
    """Colour scale of a co-mention heatmap: diverging at 0 for PMI, else from 0 to the
    largest value (the diagonal is blanked before, so pairs set the scale)."""
    finite = values[np.isfinite(values)]
    if measure == "pmi":
        bound = float(np.abs(finite).max()) if finite.size else 1.0
        return {
            "colorscale": "RdBu",
            "reversescale": True,
            "zmid": 0,
            "zmin": -bound,
            "zmax": bound,
        }
    top = float(finite.max()) if finite.size else 1.0
    return {"colorscale": "Blues", "zmin": 0, "zmax": max(top, 1e-9)}


def comention_heatmap(
    matrix: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    measure: str = "count",
    counts: pd.DataFrame | None = None,
    lang: str = "ar",
) -> go.Figure:
    """Heatmap of a ``comention_matrix``; hover names both actors in full and gives the
    co-count and (for jaccard/pmi) the measure.

    ``labels``: actor_id -> name; ``counts``: the co-count matrix in the same order
    (needed for the count in the hover when ``measure`` is not "count"). The diagonal
    (an actor with itself) is left out of the colours — its cells stay blank, their
    hover gives the actor's own window count — so the pairs set the colour scale; PMI
    uses a diverging scale at 0. Axis labels longer than ``HEATMAP_LABEL_CHARS`` are
    shortened (the hover has the full name), and their font shrinks as actors grow.
    Cells sit at integer x (column position) and y (row position), so a selected
    point maps back to ``matrix.columns[x]`` and ``matrix.index[y]``.
    """
    if matrix is None or matrix.empty:
        return _empty(lang)
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
    cnt_text = np.full((k, k), "", dtype=object) if cnt is None else _cell_texts(cnt, None)
    val_text = _cell_texts(values, 3)
    if cnt is not None:
        # The diagonal is an actor with itself: say how many windows it is in.
        for i in range(k):
            if not math.isnan(cnt[i, i]):
                cnt_text[i, i] = f"{int(cnt[i, i])} ({t('fig_all_windows', lang)})"
    custom = np.dstack([name_a, name_b, cnt_text, val_text])
    title = t(f"fig_measure_{measure}", lang) if measure in MEASURES else measure
    hover = (
        f"<b>%{{customdata[0]}}</b> × <b>%{{customdata[1]}}</b><br>"
        f"{t('fig_together', lang)}: %{{customdata[2]}}"
    )
    if measure != "count":
        hover += f"<br>{title}: %{{customdata[3]}}"
    shown = values.copy()
    np.fill_diagonal(shown, np.nan)
    heat = {
        "z": shown,
        "x": list(range(k)),
        "y": list(range(k)),
        "customdata": custom,
        "hovertemplate": hover + "<extra></extra>",
        "colorbar": {"title": {"text": title}},
        "hoverongaps": False,
        **_heat_scale(shown, measure),
    }
    if k <= 15:  # small matrices: the numbers are readable in the cells
        heat["texttemplate"] = "%{z:d}" if measure == "count" else "%{z:.2f}"
        heat["textfont"] = {"size": 11}
    fig = go.Figure(go.Heatmap(**heat))
    ticks = [short_label(n) for n in names]
    # Labels shrink with the number of actors; past 30 the columns' labels alternate
    # between the bottom and the top axis, so each has two columns' width to fit in.
    font = {"size": 13 if k <= 20 else 11 if k <= 40 else 10}
    positions = list(range(k))
    split = k > 30
    below = positions[::2] if split else positions
    fig.update_xaxes(
        tickmode="array",
        tickvals=below,
        ticktext=[ticks[i] for i in below],
        tickangle=-90 if split else -45,
        tickfont=font,
    )
    if split:
        above = positions[1::2]
        fig.add_trace(go.Scatter(x=[], y=[], xaxis="x2", showlegend=False, hoverinfo="skip"))
        fig.update_layout(
            xaxis2={
                "overlaying": "x",
                "matches": "x",
                "side": "top",
                "tickmode": "array",
                "tickvals": above,
                "ticktext": [ticks[i] for i in above],
                "tickangle": -90,
                "tickfont": font,
                "showgrid": False,
                "automargin": True,
            }
        )
    fig.update_yaxes(
        tickmode="array", tickvals=positions, ticktext=ticks, autorange="reversed", tickfont=font
    )
    # Blank diagonal cells show the plot's background: a light grey, apart from the scale.
    fig.update_layout(xaxis_side="bottom", plot_bgcolor="#eeeeee")
    cell = 26 if k <= 40 else 20
    return _base_layout(fig, height=max(350, cell * k + 220))


# ---------------------------------------------------------------------------
# Time axes: the range of the data, ticks at whole days, months or years, month names
# in the interface's language (never hours).


def _tick_days(low: pd.Timestamp, high: pd.Timestamp, unit: str, n: int) -> Sequence[pd.Timestamp]:
    # Indexes, not lists: a span of years holds a thousand days, and each candidate step
    # is only counted unless it is the one chosen.
    if unit == "D":
        start = low.ceil("D")
        if n >= 7:  # weeks start on Monday
            start += pd.Timedelta(days=(7 - start.weekday()) % 7)
        return pd.date_range(start, high, freq=f"{n}D")
    if unit == "M":
        first = pd.Timestamp(low.year, low.month, 1)
        if first < low:
            first += pd.DateOffset(months=1)
        months = pd.date_range(first, high, freq="MS")
        return months[(months.month - 1) % n == 0]
    first_year = low.year + (0 if (low.month, low.day, low.hour) == (1, 1, 0) else 1)
    years = range(first_year + (-first_year) % n, high.year + 1, n)
    return [pd.Timestamp(y, 1, 1) for y in years]


def date_ticks(
    low, high, lang: str = "ar", most: int = MAX_TICKS
) -> tuple[list[pd.Timestamp], list[str]]:
    """Tick positions and texts for a time axis from ``low`` to ``high``: at most
    ``most`` whole days, weeks, months or years; "5 مارس" (the year on the first tick
    and where it changes), "مارس 2018" or "2018"."""
    low, high = pd.Timestamp(low), pd.Timestamp(high)
    unit, days = "D", [low.normalize()]
    for unit, n in TICK_STEPS:
        found = _tick_days(low, high, unit, n)
        if 0 < len(found) <= most:
            days = list(found)
            break
    texts = []
    for i, day in enumerate(days):
        month = t(MONTH_KEYS[day.month - 1], lang)
        if unit == "Y":
            texts.append(f"{day.year}")
        elif unit == "M":
            texts.append(f"{month} {day.year}")
        else:
            new_year = i == 0 or day.year != days[i - 1].year
            texts.append(f"{day.day} {month}" + (f" {day.year}" if new_year else ""))
    if lang == "ar":
        # Right-to-left isolates: "1 نوفمبر 2024" must not read "نوفمبر 2024 1" on an axis
        # laid out left to right.
        texts = [f"{RLI}{text}{PDI}" for text in texts]
    return days, texts


def _datetimes(values) -> pd.Series:
    """The dates among ``values`` (a Series, an index, an array or any iterable), the
    others dropped. Arrays are converted as a whole: a list of Timestamps made one by one
    costs tens of milliseconds for a timeline of thousands of periods."""
    if not isinstance(values, pd.Series | pd.Index | np.ndarray):
        values = list(values)
    return pd.to_datetime(pd.Series(values), errors="coerce").dropna()


def time_axis(fig: go.Figure, starts, ends, lang: str = "ar", most: int = MAX_TICKS) -> go.Figure:
    """Fit ``fig``'s x axis to the periods ``[starts, ends)`` (Timestamps), with date ticks."""
    starts, ends = _datetimes(starts), _datetimes(ends)
    if starts.empty:
        return fig
    low, high = starts.min(), max(ends.max() if len(ends) else starts.max(), starts.max())
    pad = max((high - low) * 0.03, pd.Timedelta(hours=12))
    low, high = low - pad, high + pad
    ticks, texts = date_ticks(low, high, lang, most)
    fig.update_xaxes(
        type="date", range=[low, high], tickmode="array", tickvals=ticks, ticktext=texts
    )
    return fig


def _period_ends(periods: pd.Series, freq: str) -> pd.Series:
    return pd.to_datetime(periods) + PERIOD_OFFSETS.get(freq, PERIOD_OFFSETS["D"])


def _bar_geometry(periods: pd.Series, freq: str) -> tuple[pd.Series, np.ndarray]:
    """Centre and width (ms) of a bar per period: a bar covers ``BAR_FILL`` of its period
    (Plotly's default width on a date axis is one millisecond for a lone bar)."""
    start = pd.to_datetime(periods)
    length = _period_ends(periods, freq) - start
    width = length.dt.total_seconds().to_numpy() * 1000 * BAR_FILL
    return start + length / 2, width


def timeline_lines(
    df: pd.DataFrame, labels: Mapping[str, str] | None = None, lang: str = "ar", freq: str = "W"
) -> go.Figure:
    """One line per actor of ``timeline.mentions_over_time`` output (periods of ``freq``)."""
    if df is None or df.empty:
        return _empty(lang)
    labels = labels or {}
    fig = go.Figure()
    for actor_id, grp in df.groupby("actor_id", sort=False):
        name = _text(labels.get(str(actor_id), str(actor_id)))
        fig.add_trace(
            go.Scatter(
                x=grp["period"],
                y=grp["mentions"],
                # A marker per period only where they can be told apart: each is an SVG
                # node, and thousands of days (years of a corpus by day) make the browser
                # draw the chart seconds later, a blur of dots.
                mode="lines+markers" if len(grp) <= MAX_MARKERS else "lines",
                name=name,
                hovertemplate="<b>%{fullData.name}</b><br>%{x|%Y-%m-%d}: %{y}<extra></extra>",
            )
        )
    fig.update_yaxes(title=t("fig_mentions", lang), rangemode="tozero")
    fig.update_layout(legend={"orientation": "h", "y": -0.2}, hovermode="x unified")
    time_axis(fig, df["period"], df["period"], lang)
    return _base_layout(fig, height=420)


def articles_bar(df: pd.DataFrame, lang: str = "ar", freq: str = "D") -> go.Figure:
    """Articles per period of ``freq`` (``timeline.articles_over_time``), stacked by source
    when the frame has a ``source`` column. Every bar covers its period, so one article on
    one day draws a bar too."""
    if df is None or df.empty:
        return _empty(lang)
    fig = go.Figure()
    unit = t("fig_n_articles", lang)
    if "source" in df.columns:
        for source, grp in df.groupby("source", sort=True):
            centre, width = _bar_geometry(grp["period"], freq)
            fig.add_trace(
                go.Bar(
                    x=centre,
                    y=grp["articles"],
                    width=width,
                    name=_text(source) or t("fig_unknown_source", lang),
                    customdata=grp["period"],
                    hovertemplate=f"%{{fullData.name}}<br>%{{customdata|%Y-%m-%d}}: %{{y}} {unit}<extra></extra>",
                )
            )
        fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.2})
    else:
        centre, width = _bar_geometry(df["period"], freq)
        fig.add_trace(
            go.Bar(
                x=centre,
                y=df["articles"],
                width=width,
                marker_color="#4c78a8",
                customdata=df["period"],
                hovertemplate=f"%{{customdata|%Y-%m-%d}}: %{{y}} {unit}<extra></extra>",
            )
        )
    fig.update_yaxes(title=t("fig_articles_published", lang), rangemode="tozero")
    time_axis(fig, df["period"], _period_ends(df["period"], freq), lang, NARROW_TICKS)
    return _base_layout(fig, height=320)


def referenced_dates_chart(
    df: pd.DataFrame, published: pd.DataFrame | None = None, lang: str = "ar"
) -> go.Figure:
    """Dates the text refers to (``timeline.referenced_dates``): one bar per value,
    spanning its period, coloured by granularity (named in words in the legend).
    ``published`` (``articles_over_time`` output, by day) adds the articles published as
    a line on a second axis. The x axis covers the rows given: leave the outlying dates
    out first (``timeline.split_outlying``) so they do not stretch it."""
    if df is None or df.empty or df["period_start"].isna().all():
        return _empty(lang)
    df = df[df["period_start"].notna()]
    fig = go.Figure()
    order = [g for g in GRANULARITY_COLORS if g in set(df["granularity"])]
    order += sorted(set(df["granularity"].dropna()) - set(order))
    references, articles = t("fig_references", lang), t("fig_articles", lang)
    # Wider periods are drawn first, so a month's bar does not hide the days inside it;
    # the legend keeps the order day, week, month, ...
    for rank, gran in reversed(list(enumerate(order))):
        grp = df[df["granularity"] == gran]
        start = pd.to_datetime(grp["period_start"])
        end = pd.to_datetime(grp["period_end"]).fillna(start) + pd.Timedelta(days=1)
        width_ms = (end - start).dt.total_seconds().to_numpy() * 1000
        fig.add_trace(
            go.Bar(
                x=start + (end - start) / 2,
                y=grp["mentions"],
                width=width_ms,
                name=t(GRANULARITY_KEYS[gran], lang) if gran in GRANULARITY_KEYS else _text(gran),
                opacity=0.7,
                legendrank=1000 + rank,
                marker_color=GRANULARITY_COLORS.get(gran, "#7f7f7f"),
                customdata=np.column_stack([[_text(v) for v in grp["value"]], grp["articles"]]),
                hovertemplate=(
                    f"<b>%{{customdata[0]}}</b><br>{references}: %{{y}}<br>"
                    f"{articles}: %{{customdata[1]}}<extra></extra>"
                ),
            )
        )
    starts = pd.to_datetime(df["period_start"])
    ends = pd.to_datetime(df["period_end"]).fillna(starts) + pd.Timedelta(days=1)
    if published is not None and not published.empty:
        fig.add_trace(
            go.Scatter(
                x=published["period"],
                y=published["articles"],
                name=t("fig_articles_published", lang),
                # One day of articles is one point: only a marker can show it.
                mode="lines+markers" if len(published) == 1 else "lines",
                line={"color": "#444", "dash": "dot"},
                legendrank=2000,  # after the dates in the legend
                yaxis="y2",
                hovertemplate=f"%{{x|%Y-%m-%d}}: %{{y}} {t('fig_n_articles', lang)}<extra></extra>",
            )
        )
        fig.update_layout(
            yaxis2={
                "overlaying": "y",
                "side": "right",
                "title": t("fig_articles_published", lang),
                "rangemode": "tozero",
                # Its own whole-number ticks, not ticks lined up with the left axis.
                "tickmode": "auto",
                "tickformat": ",d",
                "showgrid": False,
            }
        )
        starts = pd.concat([starts, pd.to_datetime(published["period"])])
        ends = pd.concat([ends, _period_ends(published["period"], "D")])
    # Only the left axis (update_yaxes would title the right one "references" too).
    fig.update_layout(yaxis={"title": t("fig_references", lang), "rangemode": "tozero"})
    fig.update_layout(barmode="overlay", legend={"orientation": "h", "y": -0.2})
    time_axis(fig, starts, ends, lang, NARROW_TICKS)
    return _base_layout(fig, height=380)


def term_bar(df: pd.DataFrame, lang: str = "ar", title: str = "") -> go.Figure:
    """Horizontal bars of ``terms.term_frequencies`` output (display, count), biggest
    on top; the hover gives the word as written, its counting key and the count."""
    if df is None or df.empty:
        return _empty(lang)
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
                f"<b>%{{customdata[0]}}</b> (%{{customdata[1]}})<br>{t('fig_times', lang)}: %{{x}}<extra></extra>"
            ),
        )
    )
    label_bars(fig, positions, labels, lang)
    fig.update_xaxes(
        title=title or t("fig_count", lang),
        autorange="reversed" if lang == "ar" else True,
    )
    return _base_layout(fig, height=max(250, 24 * len(df) + 80))
