"""Sentences (``/sentences``): the filter's sentences, actors highlighted, searchable, paged."""

import streamlit as st

from dashboard.ui import sentence_list
from dashboard.ui import session as ses
from dashboard.ui import widgets as w

ctx = ses.context()
st.title(ctx.t("page_sentences"))


def back_to_first_page():
    ses.set_page_option("sentences", "page", 1, widget=False)


query = ses.page_option(
    "q",
    lambda key: st.text_input(
        ctx.t("search"),
        key=key,
        help=ctx.t("search_help"),
        on_change=back_to_first_page,
        max_chars=200,
        icon=":material/search:",
    ),
)
total = ctx.memo(
    "search_total", lambda: ctx.queries.search_sentences(ctx.flt, query, 0, 1).total, query
)
pages = sentence_list.page_count(total)
st.caption(ctx.t("n_sentences", n=f"{total:,}"))
page = ses.page_option(
    "page",
    lambda key, value: st.pagination(pages, default=min(max(value, 1), pages), key=key),
    seed=False,
    # A new search or filter starts a new pager (on the stored page, 1 after a search).
    suffix=str(abs(hash((query, ctx.flt)))),
)
size = sentence_list.PAGE_SIZE
found = ctx.memo(
    "search",
    lambda: ctx.queries.search_sentences(ctx.flt, query, (page - 1) * size, size),
    query,
    page,
)
sentence_list.render_page(ctx, found)
w.export_frames(ctx)
