"""Sentences as right-to-left HTML text, actors highlighted, with their article's details.

Every piece of article text is escaped: the sentence by ``highlight.sentences_html``,
the title/source/dateline/date here (``text.html``). The HTML goes through
``st.html`` (sanitised by Streamlit, no scripts).
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from dashboard.query.sentences import SearchPage, mentions_in
from dashboard.ui.highlight import sentences_html
from dashboard.ui.text import html as esc

PAGE_SIZE = 25


def _clean(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def card(sentence_html: str, row, no_date: str) -> str:
    """One sentence with a line of metadata: date, source, dateline, title (all escaped)."""
    day = row.date.date().isoformat() if not pd.isna(row.date) else no_date
    parts = [day, _clean(getattr(row, "source", "")), _clean(getattr(row, "dateline", ""))]
    title = _clean(getattr(row, "title", ""))
    # Each fragment isolated (<bdi>), the separators outside the isolates: a Latin source
    # beside a date must not swallow the separator or run into the date.
    fragments = [f"<bdi>{esc(p)}</bdi>" for p in parts if p]
    if title:
        fragments.append(f"<bdi><b>{esc(title)}</b></bdi>")
    meta = '<span class="sep"> · </span>'.join(fragments)
    return (
        f'<div class="sentence-card" dir="rtl" lang="ar"><div class="meta">{meta}</div>'
        f'<div class="text">{sentence_html}</div></div>'
    )


def page_count(n_rows: int, page_size: int = PAGE_SIZE) -> int:
    return max(1, math.ceil(n_rows / page_size))


def render(ctx, rows: pd.DataFrame, page: int = 1, page_size: int = PAGE_SIZE) -> None:
    """Show page ``page`` (1-based) of ``rows`` (sentence columns + title/source/dateline),
    the filter's mentions in them highlighted (queried for that page only)."""
    chunk = rows.iloc[(page - 1) * page_size : page * page_size]
    ids = chunk["sentence_id"].astype("int64").tolist()
    mentions, actors = ctx.memo(
        "page_mentions",
        lambda: mentions_in(ctx.queries.db, ctx.flt, ids, chunk["article_id"]),
        tuple(ids),
    )
    render_page(ctx, SearchPage(len(rows), chunk, mentions, actors))


def render_page(ctx, found: SearchPage) -> None:
    """Show the rows of one page of a search (``StoreQueries.search_sentences``), its
    mentions highlighted."""
    rows = found.rows
    if rows.empty:
        st.info(ctx.t("no_sentences"))
        return
    marked = sentences_html(rows, found.mentions, found.actors)
    cards = [
        card(h, row, ctx.t("no_date"))
        for h, row in zip(marked, rows.itertuples(index=False), strict=True)
    ]
    # The filter's actors stand out from the other highlighted actors.
    chosen = ",".join(f'mark.actor[data-actor="{esc(a)}"]' for a in ctx.state.actors)
    style = (
        f"<style>{chosen}{{outline:2px solid #1f6f6b;font-weight:700;}}</style>" if chosen else ""
    )
    st.html(style + "".join(cards))
