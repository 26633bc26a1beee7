"""Two actors compared (``/compare?a=…&b=…``): the words of each one's sentences against
the other's, their timelines overlaid, the actors named with both, what each said.

The shared filter's dates, sources and kinds apply; the two actors take the place of the
sidebar's actor selection.
"""

import streamlit as st

from dashboard.charts.profile import SIDE_COLORS, compare_timeline, word_scores_bar
from dashboard.ui import quote_list
from dashboard.ui import session as ses
from dashboard.ui import widgets as w
from dashboard.ui.text import md
from dashboard.views import people
from dashboard.views.shared import FREQ, granularity

ctx = ses.context()
st.title(ctx.t("page_compare"))
choices, labels = people.actor_choices(ctx, ("a", "b"))
left, right = st.columns(2)
with left:
    a = people.actor_picker(ctx, "a", "pair_a", choices, labels)
with right:
    b = people.actor_picker(ctx, "b", "pair_b", choices, labels)


def show(a: str, b: str) -> None:
    """``a`` and ``b`` compared."""
    if ctx.state.actors:
        st.caption(ctx.t("profile_filter_note"))
    names = {a: ctx.label(a), b: ctx.label(b)}

    st.subheader(ctx.t("compare_words"))
    st.caption(ctx.t("compare_words_help"))
    for_a, for_b = people.memo(
        ctx, "compare_words", lambda: ctx.queries.compare_words(ctx.flt, a, b, 20, None), a, b
    )
    cols = st.columns(2)
    for col, side, words, other, color in (
        (cols[0], a, for_a, b, SIDE_COLORS[0]),
        (cols[1], b, for_b, a, SIDE_COLORS[1]),
    ):
        with col:
            st.markdown(f"**{md(names[side])}**")
            fig = word_scores_bar(words, ctx.lang, color=color, own=names[side], other=names[other])
            w.chart(fig, f"compare_words_{'a' if side == a else 'b'}", ctx, key=f"words_{side}")

    st.subheader(ctx.t("compare_timeline"))
    unit = granularity(ctx)
    lines = people.memo(
        ctx,
        "compare_timeline",
        lambda: ctx.queries.actor_timeline(ctx.flt, [a, b], FREQ[unit]),
        a,
        b,
        unit,
    )
    fig = compare_timeline(lines, names, ctx.lang, FREQ[unit])
    w.chart(fig, "compare_timeline", ctx, key="compare_lines")

    st.subheader(ctx.t("compare_shared"))
    shared = people.memo(
        ctx, "shared_partners", lambda: ctx.queries.shared_partners(ctx.flt, a, b, 20), a, b
    )
    if shared.empty:
        st.info(ctx.t("compare_no_shared"))
    else:
        st.caption(ctx.t("compare_shared_help"))
        people.partners_table(
            ctx,
            shared,
            "compare_shared_table",
            people.open_profile,
            {
                "with_a": st.column_config.NumberColumn(names[a], format="%d"),
                "with_b": st.column_config.NumberColumn(names[b], format="%d"),
            },
        )

    st.subheader(ctx.t("compare_said"))
    said = people.memo(
        ctx,
        "pair_quotes",
        lambda: ctx.queries.speaker_quotes(
            ctx.flt.without_actors(), [a, b], quote_list.QUOTES_SHOWN
        ),
        a,
        b,
    )
    cols = st.columns(2)
    for col, side in zip(cols, (a, b), strict=True):
        with col:
            st.markdown(f"**{md(names[side])}**")
            quote_list.render(ctx, said[side])


# No st.stop(): the app writes the URL after the page ran.
if not (a and b):
    st.info(ctx.t("compare_none"))
elif a == b:
    st.info(ctx.t("pair_same"))
else:
    show(a, b)
people.follow_open(ctx)
