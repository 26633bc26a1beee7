"""Make heatmap cells clickable in Streamlit.

Streamlit reports Plotly *selections*, and heatmap traces cannot be selected. An
invisible scatter point over every cell (carrying the heatmap's hover text) can:
a click selects that point, and ``st.plotly_chart(on_select=...)`` reports its
``x``/``y`` — the cell's column and row.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go


def with_click_targets(fig: go.Figure) -> go.Figure:
    """Add one transparent, clickable point per cell of ``fig``'s first heatmap."""
    heat = next((t for t in fig.data if t.type == "heatmap"), None)
    if heat is None or heat.z is None:
        return fig
    z = np.asarray(heat.z, dtype=float)
    rows, cols = z.shape
    xs = list(heat.x) if heat.x is not None else list(range(cols))
    ys = list(heat.y) if heat.y is not None else list(range(rows))
    grid_y, grid_x = np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")
    extra: dict[str, Any] = {}
    if heat.customdata is not None:
        custom = np.asarray(heat.customdata, dtype=object)
        extra["customdata"] = custom.reshape(rows * cols, -1)
        extra["hovertemplate"] = heat.hovertemplate
    invisible = {"marker": {"opacity": 0}}
    fig.add_trace(
        go.Scatter(
            x=[xs[i] for i in grid_x.ravel()],
            y=[ys[i] for i in grid_y.ravel()],
            mode="markers",
            marker={"size": 18, "opacity": 0, "color": "#000"},
            selected=invisible,
            unselected=invisible,
            showlegend=False,
            **extra,
        )
    )
    heat.hoverinfo = "skip"  # the points carry the hover text now
    heat.hovertemplate = None
    fig.update_layout(clickmode="event+select", dragmode=False)
    if all(isinstance(v, int | np.integer) for v in (*xs, *ys)):
        # Keep the cells edge to edge: the points must not widen the axes' range.
        fig.update_xaxes(range=[min(xs) - 0.5, max(xs) + 0.5])
        fig.update_yaxes(range=[max(ys) + 0.5, min(ys) - 0.5], autorange=False)
    return fig
