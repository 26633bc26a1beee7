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
size = sentence_list.PAGE_SIZE


def search_page(number: int):
    """Page ``number`` of the search (memoised; its ``total`` counts every match)."""
    offset = (number - 1) * size
    return ctx.memo(
        "search",
        lambda: ctx.queries.search_sentences(ctx.flt, query, offset, size),
        query,
        number,
        size,
    )


# The first page also gives the total, so a new search or filter costs one query.
total = search_page(1).total
pages = sentence_list.page_count(total, size)
st.caption(ctx.t("n_sentences", n=f"{total:,}"))
page = ses.page_option(
    "page",
    lambda key, value: st.pagination(pages, default=min(max(value, 1), pages), key=key),
    seed=False,
    # A new search or filter starts a new pager (on the stored page, 1 after a search).
    suffix=str(abs(hash((query, ctx.flt)))),
)
sentence_list.render_page(ctx, search_page(page))
w.export_frames(ctx)
