"""Words (``/words``): the most frequent terms and the Arabic word cloud of the filter."""

import streamlit as st

from dashboard.charts.figures import term_bar
from dashboard.charts.wordcloud import wordcloud_png
from dashboard.query import names as name_terms
from dashboard.ui import session as ses
from dashboard.ui import widgets as w

ctx = ses.context()
st.title(ctx.t("page_words"))
top = ses.page_option("top", lambda key: st.slider(ctx.t("top_words"), 10, 200, key=key))
names = ses.page_option(
    "names",
    lambda key: st.segmented_control(
        ctx.t("names"),
        ["merge", "omit"],
        key=key,
        required=True,
        format_func=lambda v: ctx.t(f"names_{v}"),
        help=ctx.t("names_help"),
    ),
)

# The names policy (``names=merge|omit``) over the store: ``dashboard.query.names``, until
# ``StoreQueries.term_frequencies`` takes ``names`` itself.
db = ctx.queries.db

# The term table and the cloud come from one count of the filter's terms.
terms, freqs = ctx.memo(
    "terms_and_cloud",
    lambda: name_terms.terms_and_cloud(db, ctx.flt, top, top, names),
    top,
    names,
)
left, right = st.columns([2, 3])
with left:
    st.subheader(ctx.t("top_terms"))
    if terms.empty:
        st.info(ctx.t("no_terms"))
    else:
        w.chart(term_bar(terms, ctx.lang, ctx.t("m_mentions")), "top_terms", ctx, key="terms_bar")
with right:
    st.subheader(ctx.t("word_cloud"))
    if not freqs:
        st.info(ctx.t("no_terms"))
    else:
        png = ctx.memo(
            "cloud_png", lambda: wordcloud_png(freqs, width=1200, height=700), top, names
        )
        st.image(png, width="stretch")
        st.download_button(
            ctx.t("download_png"),
            png,
            file_name="wordcloud.png",
            mime="image/png",
            on_click="ignore",
            icon=":material/download:",
        )
w.export_frames(ctx)
