"""The look every figure shares: fonts, margins, the empty figure, and untrusted text
made safe for a Plotly label (no Streamlit here)."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.i18n import t

FONT_FAMILY = (
    "Amiri, 'Noto Naskh Arabic', 'Noto Sans Arabic', 'Segoe UI', Tahoma, Arial, sans-serif"
)
#: Every figure's template. It is made Plotly's default rather than set on each figure:
#: Plotly copies its default into a new figure as it is (0.3 ms), but validates a
#: template set on a figure anew, all of it (8 ms a figure, three or four a page).
TEMPLATE = "plotly_white"
pio.templates.default = TEMPLATE


def base_layout(fig: go.Figure, title: str | None = None, height: int | None = None) -> go.Figure:
    """Fonts that shape Arabic, tight margins that grow for long labels (``automargin``),
    an optional title and height; the white template (``TEMPLATE``) is every new
    figure's already."""
    fig.update_layout(
        font={"family": FONT_FAMILY, "size": 14},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 14}},
        margin={"l": 10, "r": 10, "t": 50 if title else 20, "b": 10},
        title={"text": title} if title else None,
    )
    if height:
        fig.update_layout(height=height)
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def label_bars(fig: go.Figure, positions, labels, lang: str) -> go.Figure:
    """Horizontal bars' labels on the y axis, first on top, on the reading side (right
    in Arabic): bars are placed by position so that equal labels stay apart."""
    fig.update_yaxes(
        tickmode="array",
        tickvals=positions,
        ticktext=labels,
        autorange="reversed",
        side="right" if lang == "ar" else "left",
    )
    return fig


def empty_figure(lang: str) -> go.Figure:
    """A figure that says there is nothing to show (instead of empty axes)."""
    fig = go.Figure()
    fig.add_annotation(
        text=t("fig_no_data", lang),
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font_size=16,
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, height=250)


def plain_text(value) -> str:
    """Untrusted text for a Plotly label: NA -> "", and < > & as entities.

    Plotly renders a few HTML-like tags (<b>, <a href>, <br>) inside labels; names
    and sources come from articles, so they are shown literally, never as markup.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=False)
