"""Overview (``/``): headline numbers, the most mentioned actors, mentions over time."""

import streamlit as st

from dashboard.charts.figures import actor_bar
from dashboard.ui import session as ses
from dashboard.ui import widgets as w
from dashboard.views.shared import granularity, mentions_over_time_chart

ctx = ses.context()
st.title(ctx.t("app_title"))
st.caption(ctx.t("app_tagline"))

numbers = ctx.memo("summary", lambda: ctx.queries.summary(ctx.flt))
low, high = numbers["date_min"], numbers["date_max"]
span = (f"{low}" if low == high else f"{low} – {high}") if low else ctx.t("m_span_none")
cols = st.columns(4)
cols[0].metric(ctx.t("m_articles"), f"{numbers['articles']:,}")
cols[1].metric(ctx.t("m_sentences"), f"{numbers['sentences']:,}")
cols[2].metric(ctx.t("m_actors"), f"{numbers['actors']:,}")
cols[3].metric(ctx.t("m_mentions"), f"{numbers['mentions']:,}")
cols = st.columns([2, 1, 1])
cols[0].metric(ctx.t("m_span"), span)
cols[1].metric(ctx.t("m_sources"), f"{numbers['sources']:,}")
cols[2].metric(ctx.t("m_undated"), f"{numbers['undated']:,}")
# What the filter applies to (analysis.filters): say it where the numbers disagree.
if ctx.state.actors:
    st.caption(ctx.t("scope_actors"))
if ctx.state.kinds:
    st.caption(ctx.t("scope_kinds"))
if numbers["duplicates"]:
    st.caption(ctx.t("m_duplicates", n=f"{numbers['duplicates']:,}"))
if not numbers["articles"]:
    whole = ctx.entry.memo(("summary",), ctx.queries.summary)
    st.info(ctx.t("empty_view" if whole["articles"] else "empty_corpus"))

left, right = st.columns(2)
with left:
    st.subheader(ctx.t("top_actors"))
    top = ses.page_option("top", lambda key: st.slider(ctx.t("top_n"), 3, 100, key=key))
    table = ctx.memo("top_actors", lambda: ctx.queries.top_actors(ctx.flt, n=top), top)
    w.chart(actor_bar(table, lang=ctx.lang), "top_actors", ctx, key="overview_top")
with right:
    st.subheader(ctx.t("mentions_over_time"))
    unit = granularity(ctx)
    mentions_over_time_chart(ctx, unit, key="overview_time")

w.export_frames(ctx)
