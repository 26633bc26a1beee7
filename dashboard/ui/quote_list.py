"""Reported statements (``StoreQueries.quotes``) as cards: who said it, the words, where.

Everything from the articles (statement, verb, title, source) and the speaker's name is
escaped (``text.html``); an article's ``path`` becomes a link only when it is a web
address (``http(s)://``): a file on the server is never shown. The HTML goes through
``st.html`` (sanitised by Streamlit, no scripts), in the sentence cards' style.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.ui.text import html as esc

#: How many quotes a list shows at most.
QUOTES_SHOWN = 20


def _clean(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def article_link(title: str, path: str) -> str:
    """The article's title (escaped), a link when ``path`` is a web address."""
    shown = f"<b>{esc(title)}</b>" if title else ""
    if path.lower().startswith(("http://", "https://")):
        text = shown or esc(path)
        return f'<a href="{esc(path)}" target="_blank" rel="noopener noreferrer">{text}</a>'
    return shown


def quote_card(row, speaker: str, labels: dict[str, str]) -> str:
    """One statement: the speaker and verb, the words (quoted when direct), then the
    article's date, source and title (each escaped, isolated with ``<bdi>``)."""
    day = row.date.date().isoformat() if not pd.isna(row.date) else labels["no_date"]
    meta = [day, _clean(row.source)]
    fragments = [f"<bdi>{esc(p)}</bdi>" for p in meta if p]
    link = article_link(_clean(row.title), _clean(row.path))
    if link:
        fragments.append(f"<bdi>{link}</bdi>")
    kind = labels["direct"] if bool(row.direct) else labels["indirect"]
    who = f"<b>{esc(speaker)}</b> · <bdi>{esc(_clean(row.verb))}</bdi> · {esc(kind)}"
    words = esc(_clean(row.statement))
    if bool(row.direct):
        words = f"«{words}»"
    sep = '<span class="sep"> · </span>'
    return (
        f'<div class="sentence-card quote-card" dir="rtl" lang="ar">'
        f'<div class="meta">{sep.join(fragments)}</div>'
        f'<div class="meta">{who}</div><div class="text">{words}</div></div>'
    )


def render(ctx, page) -> None:
    """The rows of a ``QuotePage`` as cards, their speakers named in the interface
    language; a note when there are none, the count when more than shown."""
    rows = page.rows
    if rows.empty:
        st.info(ctx.t("quotes_none"))
        return
    speakers = ctx.labels_for(rows["speaker"].dropna().astype(str).unique())
    labels = {
        "no_date": ctx.t("no_date"),
        "direct": ctx.t("quote_direct"),
        "indirect": ctx.t("quote_indirect"),
    }
    cards = [
        quote_card(row, speakers.get(str(row.speaker), ctx.t("quote_unknown")), labels)
        for row in rows.itertuples(index=False)
    ]
    if page.total > len(rows):
        st.caption(ctx.t("quotes_shown", n=f"{len(rows):,}", total=f"{page.total:,}"))
    st.html("".join(cards))
