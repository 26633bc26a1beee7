"""Actors (``/actors``): frequency by kind (a bar opens that actor's profile) and a table
whose selected rows set the filter."""

import streamlit as st

from dashboard.charts.figures import actor_bar
from dashboard.frames import ACTOR_KINDS
from dashboard.ui import session as ses
from dashboard.ui import widgets as w
from dashboard.ui.i18n import is_rtl, kind_label
from dashboard.views import people

ctx = ses.context()
st.title(ctx.t("page_actors"))

# The picker lists actors under the rest of the filter, so picking rows does not
# shrink the list being picked from.
base = ctx.flt.without_actors()

st.subheader(ctx.t("actors_by_kind"))
top = ses.page_option("top", lambda key: st.slider(ctx.t("top_n"), 3, 100, key=key))
st.caption(ctx.t("actors_bar_help"))
tabs = st.tabs([kind_label(k, ctx.lang) for k in ACTOR_KINDS])
for tab, kind in zip(tabs, ACTOR_KINDS, strict=True):
    with tab:
        table = ctx.memo(
            "top_by_kind",
            lambda kind=kind: ctx.queries.top_actors(base, n=top, kinds=[kind]),
            kind,
            top,
            flt=base,
        )
        w.chart(
            actor_bar(table, lang=ctx.lang),
            f"actors_{kind}",
            ctx,
            key=f"actors_bar_{kind}",
            on_select=lambda key=f"actors_bar_{kind}": people.open_clicked_bar(key),
            selection_mode="points",
        )

st.subheader(ctx.t("actors_table"))
st.caption(ctx.t("actors_table_help"))


# A large store mentions ~1M actors: the table shows the most mentioned (every row
# travels to the browser); the others are found with the sidebar's search.
rows = w.ACTOR_TABLE_ROWS
table = ctx.memo("actor_table", lambda: ctx.queries.actor_table(base, limit=rows), rows, flt=base)
n_actors = ctx.memo("summary", lambda: ctx.queries.summary(base), flt=base)["actors"]
if n_actors > len(table):
    st.caption(ctx.t("actors_table_capped", n=f"{len(table):,}", total=f"{n_actors:,}"))
ids = table["actor_id"].astype(str).tolist()
shown = table.assign(kind=table["kind"].map(lambda k: kind_label(k, ctx.lang)))
columns = [
    "name_ar",
    "name_en",
    "kind",
    "country",
    "mentions",
    "articles",
    "first_seen",
    "last_seen",
]
shown = shown[[c for c in columns if c in shown.columns]]
picked = set(ctx.state.actors)
# Chosen actors beyond the table's rows stay chosen when rows are selected or unselected.
unlisted = [a for a in ctx.state.actors if a not in set(ids)]
st.session_state["actors_table"] = {
    "selection": {"rows": [i for i, a in enumerate(ids) if a in picked]}
}
st.dataframe(
    shown,
    key="actors_table",
    on_select=lambda: ses.set_actors(
        [*unlisted, *(ids[i] for i in st.session_state["actors_table"]["selection"]["rows"])]
    ),
    selection_mode="multi-row",
    hide_index=True,
    # The grid lays columns out left to right: in Arabic the name goes rightmost.
    column_order=list(shown.columns)[:: -1 if is_rtl(ctx.lang) else 1],
    column_config={
        "name_ar": ctx.t("col_name_ar"),
        "name_en": ctx.t("col_name_en"),
        "kind": ctx.t("col_kind"),
        "country": ctx.t("col_country"),
        "mentions": st.column_config.NumberColumn(ctx.t("col_mentions"), format="%d"),
        "articles": st.column_config.NumberColumn(ctx.t("col_articles"), format="%d"),
        "first_seen": st.column_config.DateColumn(ctx.t("col_first_seen"), format="YYYY-MM-DD"),
        "last_seen": st.column_config.DateColumn(ctx.t("col_last_seen"), format="YYYY-MM-DD"),
    },
)
w.export_frames(ctx)
people.follow_open(ctx)
