"""Timeline (``/timeline``): mentions per period per actor, articles per day, dates in the text."""

import streamlit as st

from dashboard.analysis.timeline import split_outlying
from dashboard.charts.figures import articles_bar, referenced_dates_chart
from dashboard.ui import session as ses
from dashboard.ui import widgets as w
from dashboard.views.shared import granularity, mentions_over_time_chart

ctx = ses.context()
st.title(ctx.t("page_timeline"))
unit = granularity(ctx)

st.subheader(ctx.t("mentions_over_time"))
if not ctx.state.actors:
    st.caption(ctx.t("timeline_pick"))
mentions_over_time_chart(ctx, unit, key="timeline_lines")

left, right = st.columns(2)
with left:
    st.subheader(ctx.t("articles_over_time"))
    published = ctx.memo("articles_over_time", lambda: ctx.queries.articles_over_time(ctx.flt, "D"))
    fig = articles_bar(published, ctx.lang, freq="D")
    w.chart(fig, "articles_over_time", ctx, key="timeline_articles")
with right:
    st.subheader(ctx.t("referenced_dates"))
    refs = ctx.memo(
        "referenced_dates", lambda: ctx.queries.referenced_dates(ctx.flt, ["day", "month"])
    )
    dated = published.loc[published["articles"] > 0, "period"] if len(published) else None
    near, outlying = split_outlying(refs, dated)
    fig = referenced_dates_chart(near, published, ctx.lang)
    w.chart(fig, "referenced_dates", ctx, key="timeline_refs")
    if len(outlying):
        n = int(outlying["mentions"].sum())
        st.caption(ctx.t("refs_outlying", n=f"{n:,}", values=f"{len(outlying):,}"))
        with st.expander(ctx.t("refs_outlying_list")):
            st.dataframe(
                outlying[["value", "mentions", "articles"]],
                hide_index=True,
                column_config={
                    "value": ctx.t("refs_value"),
                    "mentions": st.column_config.NumberColumn(ctx.t("fig_references"), format="%d"),
                    "articles": st.column_config.NumberColumn(ctx.t("col_articles"), format="%d"),
                },
            )
w.export_frames(ctx)
