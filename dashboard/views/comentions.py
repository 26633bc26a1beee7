"""Co-mentions (``/comentions``): who is named with whom, and the sentences of a pair."""

import streamlit as st

from dashboard.charts.figures import comention_heatmap
from dashboard.ui import sentence_list
from dashboard.ui import session as ses
from dashboard.ui import widgets as w
from dashboard.ui.clickable import with_click_targets

ctx = ses.context()
st.title(ctx.t("page_comentions"))


def segmented(name, values):
    return ses.page_option(
        name,
        lambda key: st.segmented_control(
            ctx.t(name),
            values,
            key=key,
            required=True,
            format_func=lambda v: ctx.t(f"{name}_{v}"),
        ),
    )


cols = st.columns(3)
with cols[0]:
    window = segmented("window", ["sentence", "article"])
with cols[1]:
    measure = segmented("measure", ["count", "jaccard", "pmi"])
with cols[2]:
    order = segmented("order", ["frequency", "cluster"])
top = ses.page_option("top", lambda key: st.slider(ctx.t("top_n"), 2, 60, key=key))

result = ctx.memo(
    "comention",
    lambda: ctx.queries.comention(ctx.flt, top_n=top, window=window, measure=measure, order=order),
    top,
    window,
    measure,
    order,
)
ids = [str(i) for i in result.matrix.index]


def pick_cell():
    """A click on a cell makes its two actors the pair below."""
    points = st.session_state["comention_heatmap"]["selection"]["points"]
    if points:
        x, y = int(points[0]["x"]), int(points[0]["y"])
        if 0 <= x < len(ids) and 0 <= y < len(ids):
            ses.set_page_option("comentions", "a", ids[y])
            ses.set_page_option("comentions", "b", ids[x])


if len(ids) < 2:
    st.info(ctx.t("comention_few"))
else:
    fig = comention_heatmap(
        result.matrix, ctx.labels_for(ids), measure=measure, counts=result.counts, lang=ctx.lang
    )
    fig = with_click_targets(fig)
    w.chart(
        fig,
        "comentions",
        ctx,
        key="comention_heatmap",
        on_select=pick_cell,
        selection_mode="points",
    )

st.subheader(ctx.t("pair_header"))
choices = [""] + ids
for name in ("a", "b"):
    chosen = ctx.state.option("comentions", name)
    if chosen and chosen not in choices:
        choices.append(chosen)
labels = ctx.labels_for([c for c in choices if c])
left, right = st.columns(2)
pair = []
for col, name, label in ((left, "a", "pair_a"), (right, "b", "pair_b")):
    with col:
        pair.append(
            ses.page_option(
                name,
                lambda key, label=label: st.selectbox(
                    ctx.t(label),
                    choices,
                    key=key,
                    format_func=lambda a: labels.get(a, a) if a else "—",
                ),
            )
        )
a, b = pair
if not (a and b):
    st.caption(ctx.t("pair_none"))
elif a == b:
    st.caption(ctx.t("pair_same"))
else:
    rows = ctx.memo(
        "pair_sentences", lambda: ctx.queries.pair_sentences(ctx.flt, a, b, window), a, b, window
    )
    st.caption(ctx.t("n_sentences", n=f"{len(rows):,}"))
    pages = sentence_list.page_count(len(rows))
    if not len(rows):
        st.info(ctx.t("pair_empty"))
    else:
        page = st.pagination(pages, key=f"pair_page_{a}_{b}_{window}") if pages > 1 else 1
        sentence_list.render(ctx, rows, page)

w.export_frames(ctx)
