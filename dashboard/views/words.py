"""Words (``/words``): the most frequent terms and the Arabic word cloud of the filter."""

import streamlit as st

from dashboard.charts.figures import term_bar
from dashboard.charts.wordcloud import wordcloud_png
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

# The bar's terms and the cloud's words are counted by one query.
terms, freqs = ctx.memo(
    "terms_and_cloud", lambda: ctx.queries.terms_and_cloud(ctx.flt, top, top, names), top, names
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
        # Laid out at 600×350 and drawn twice as large: a quarter of the layout's work.
        png = ctx.memo(
            "cloud_png",
            lambda: wordcloud_png(freqs, width=1200, height=700, scale=2),
            top,
            names,
        )
        # Shown as the PNG it is: "auto" would decode it and re-encode it as a JPEG on every
        # run (~40 ms, and blurred letter edges).
        st.image(png, width="stretch", output_format="PNG")
        st.download_button(
            ctx.t("download_png"),
            png,
            file_name="wordcloud.png",
            mime="image/png",
            on_click="ignore",
            icon=":material/download:",
        )
w.export_frames(ctx)
