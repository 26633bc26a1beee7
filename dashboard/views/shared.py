"""What more than one page draws (a module, not a page: ``dashboard.ui.pages`` lists the pages).

``granularity()`` is the day/week/month picker, a page option kept in the URL as
``unit``; ``mentions_over_time_chart(ctx, unit, key)`` draws the mentions per period
of the chosen actors (else the five most mentioned) on the overview and the timeline,
memoised under one name so both pages share the computed series.
"""

import streamlit as st

from dashboard.charts.figures import timeline_lines
from dashboard.ui import session as ses
from dashboard.ui import widgets as w

FREQ = {"day": "D", "week": "W", "month": "M"}


def granularity(ctx) -> str:
    """The period unit the user picked for this page: "day", "week" or "month"."""
    return ses.page_option(
        "unit",
        lambda key: st.segmented_control(
            ctx.t("granularity"),
            list(FREQ),
            key=key,
            format_func=lambda u: ctx.t(f"unit_{u}"),
            required=True,
        ),
    )


def mentions_over_time_chart(ctx, unit: str, key: str) -> None:
    """Mentions per ``unit`` of the filter's actors (the top five when none is chosen)."""
    chosen = list(ctx.state.actors) or None
    series = ctx.memo(
        "mentions_over_time",
        lambda: ctx.queries.mentions_over_time(ctx.flt, chosen, freq=FREQ[unit], top_n=5),
        unit,
    )
    labels = ctx.labels_for(series["actor_id"].astype(str).unique())
    fig = timeline_lines(series, labels, ctx.lang, freq=FREQ[unit])
    w.chart(fig, "mentions_over_time", ctx, key=key)
