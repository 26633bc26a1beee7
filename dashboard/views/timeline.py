"""Timeline (``/timeline``): mentions per period per actor, articles per day, dates in the text."""

import streamlit as st

from dashboard.analysis.timeline import articles_over_time, mentions_over_time, referenced_dates
from dashboard.charts.figures import articles_bar, referenced_dates_chart, timeline_lines
from dashboard.ui import session as ses
from dashboard.ui import widgets as w

FREQ = {"day": "D", "week": "W", "month": "M"}

ctx = ses.context()
st.title(ctx.t("page_timeline"))
unit = ses.page_option(
    "unit",
    lambda key: st.segmented_control(
        ctx.t("granularity"),
        list(FREQ),
        key=key,
        required=True,
        format_func=lambda u: ctx.t(f"gran_{u}"),
    ),
)

st.subheader(ctx.t("mentions_over_time"))
chosen = list(ctx.state.actors) or None
if chosen is None:
    st.caption(ctx.t("timeline_pick"))
series = ctx.memo(
    "mentions_over_time",
    lambda: mentions_over_time(ctx.view, chosen, freq=FREQ[unit], top_n=5),
    unit,
)
w.chart(timeline_lines(series, ctx.labels), "mentions_over_time", ctx, key="timeline_lines")

left, right = st.columns(2)
with left:
    st.subheader(ctx.t("articles_over_time"))
    published = ctx.memo("articles_over_time", lambda: articles_over_time(ctx.view, "D"))
    w.chart(articles_bar(published), "articles_over_time", ctx, key="timeline_articles")
with right:
    st.subheader(ctx.t("referenced_dates"))
    refs = ctx.memo("referenced_dates", lambda: referenced_dates(ctx.view, ["day", "month"]))
    fig = referenced_dates_chart(refs, published)
    w.chart(fig, "referenced_dates", ctx, key="timeline_refs")
w.export_frames(ctx)
