"""What the actor and compare pages share (a module, not a page): the actor pickers bound
to the URL, the headline numbers, the partners table, and opening a profile from a click.

The pages' actor takes the place of the sidebar's actor selection: their queries run on
``ctx.flt`` (dates, sources, kinds) and drop its actors (``dashboard.query.profile``).
"""

import streamlit as st

from dashboard.ui import session as ses
from dashboard.ui.i18n import is_rtl, kind_label
from dashboard.ui.sidebar import PICKER_OPTIONS

K_OPEN = "_open_page"  # a page to switch to after the current run's callbacks


def memo(ctx, name: str, compute, *args):
    """``ctx.memo`` keyed by the filter without its actors (the page's actors take their
    place): choosing actors in the sidebar does not recompute a profile."""
    return ctx.memo(name, compute, *args, flt=ctx.flt.without_actors())


def actor_choices(ctx, names: tuple[str, ...]) -> tuple[list[str], dict[str, str]]:
    """The ids a picker offers: none (""), the page's chosen actors, then the most
    mentioned ones (the sidebar picker's list with an empty search: computed once per
    corpus, whatever the filter); and their labels."""
    top = ctx.entry.memo(
        ("actor_search", "", PICKER_OPTIONS),
        lambda: ctx.queries.search_actors("", PICKER_OPTIONS),
    )
    chosen = [str(ctx.state.option(ctx.page, n) or "") for n in names]
    for n in names:
        value = st.session_state.get(f"o_{ctx.page}_{n}")
        if value:
            chosen.append(str(value))
    ids = list(dict.fromkeys(["", *[c for c in chosen if c], *top["actor_id"].astype(str)]))
    return ids, ctx.labels_for([i for i in ids if i])


def actor_picker(ctx, name: str, label_key: str, choices: list[str], labels: dict) -> str:
    """A select box of ``choices`` bound to the page option ``name``; the chosen id."""
    return ses.page_option(
        name,
        lambda key: st.selectbox(
            ctx.t(label_key),
            choices,
            key=key,
            format_func=lambda a: labels.get(a, a) if a else "—",
        ),
    )


def open_profile(actor_id: str) -> None:
    """For callbacks: make ``actor_id`` the actor page's actor and go there after the run
    (``follow_open``)."""
    ses.set_page_option("actor", "id", str(actor_id))
    st.session_state[K_OPEN] = "actor"


def open_clicked_bar(key: str) -> None:
    """Callback of an actor bar chart (bars on the actor ids' category axis): open the
    clicked actor's profile."""
    points = st.session_state[key]["selection"]["points"]
    if points and points[0].get("y"):
        open_profile(str(points[0]["y"]))


def open_compare(a: str, b: str) -> None:
    """For callbacks: compare ``a`` with ``b`` on the compare page after the run."""
    ses.set_page_option("compare", "a", str(a))
    ses.set_page_option("compare", "b", str(b))
    st.session_state[K_OPEN] = "compare"


def follow_open(ctx) -> None:
    """Switch to the page a callback asked for (``open_profile``, ``open_compare``); on
    that page already, the run just done shows it."""
    target = st.session_state.pop(K_OPEN, None)
    if target and target != ctx.page:
        st.switch_page(f"views/{target}.py")


def headline(ctx, actor_id: str) -> dict:
    """The actor's summary (``StoreQueries.actor_summary``) and its numbers as metrics."""
    summary = memo(
        ctx, "actor_summary", lambda: ctx.queries.actor_summary(ctx.flt, actor_id), actor_id
    )
    cols = st.columns(5)
    numbers = [
        ("col_mentions", f"{summary['mentions']:,}"),
        ("col_articles", f"{summary['articles']:,}"),
        ("profile_quotes", f"{summary['quotes']:,}"),
        ("col_first_seen", str(summary["first_seen"] or "—")),
        ("col_last_seen", str(summary["last_seen"] or "—")),
    ]
    for col, (key, value) in zip(cols, numbers, strict=True):
        col.metric(ctx.t(key), value)
    return summary


def describe(ctx, actor_id: str) -> str:
    """ "Kind · country" of an actor, in the interface language ("" when unknown)."""
    rows = memo(ctx, "actor_row", lambda: ctx.queries.actors_by_id([actor_id]), actor_id)
    if rows.empty:
        return ""
    row = rows.iloc[0]
    parts = [kind_label(str(row["kind"]), ctx.lang)]
    if isinstance(row.get("country"), str) and row["country"]:
        parts.append(str(row["country"]))
    return " · ".join(parts)


def partners_table(ctx, table, key: str, on_pick, columns: dict[str, object]) -> None:
    """A table of actors (``actor_id``, name_ar, name_en, kind, and ``columns``: name ->
    column config) whose row click calls ``on_pick(actor_id)``; their labels are made
    from its rows."""
    ids = table["actor_id"].astype(str).tolist()
    labels = ctx.labels_for(ids, rows=table)
    shown = table.assign(name=[labels.get(i, i) for i in ids])
    shown = shown.assign(kind=shown["kind"].map(lambda k: kind_label(str(k), ctx.lang)))
    order = ["name", "kind", *columns]
    st.dataframe(
        shown[order],
        key=key,
        on_select=lambda: _picked(key, ids, on_pick),
        selection_mode="single-row",
        hide_index=True,
        column_order=order[:: -1 if is_rtl(ctx.lang) else 1],
        column_config={"name": ctx.t("profile_pick"), "kind": ctx.t("col_kind"), **columns},
    )


def _picked(key: str, ids: list[str], on_pick) -> None:
    rows = st.session_state[key]["selection"]["rows"]
    if rows and 0 <= rows[0] < len(ids):
        on_pick(ids[rows[0]])
