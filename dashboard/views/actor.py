"""An actor's profile (``/actor?id=…``): mentions over time by source, the actors named
with them (PMI), what they said, the words of their sentences, the dates they talk about.

The shared filter's dates, sources and kinds apply; the page's actor takes the place of
the sidebar's actor selection.
"""

import streamlit as st

from dashboard.analysis.timeline import split_outlying
from dashboard.charts.figures import referenced_dates_chart
from dashboard.charts.profile import source_timeline, word_scores_bar
from dashboard.ui import quote_list
from dashboard.ui import session as ses
from dashboard.ui import widgets as w
from dashboard.ui.text import md
from dashboard.views import people
from dashboard.views.shared import FREQ, granularity

ctx = ses.context()
st.title(ctx.t("page_actor"))
choices, labels = people.actor_choices(ctx, ("id",))
actor = people.actor_picker(ctx, "id", "profile_pick", choices, labels)


def show(actor: str) -> None:
    """The profile of ``actor``."""
    st.header(md(ctx.label(actor)))
    about = people.describe(ctx, actor)
    if about:
        st.caption(md(about))
    if ctx.state.actors:
        st.caption(ctx.t("profile_filter_note"))
    # What they said is read first: the page of quotes counts them all, and the headline's
    # number of quotes is then that count (the store's queries keep it), not a second one.
    said = people.memo(
        ctx,
        "actor_quotes",
        lambda: ctx.queries.quotes(ctx.flt.without_actors(), [actor], 0, quote_list.QUOTES_SHOWN),
        actor,
    )
    people.headline(ctx, actor)

    st.subheader(ctx.t("profile_timeline"))
    unit = granularity(ctx)
    lines = people.memo(
        ctx,
        "actor_timeline",
        lambda: ctx.queries.actor_timeline(ctx.flt, [actor], FREQ[unit], by_source=True),
        actor,
        unit,
    )
    w.chart(source_timeline(lines, ctx.lang, FREQ[unit]), "actor_timeline", ctx, key="actor_lines")

    left, right = st.columns(2)
    with left:
        st.subheader(ctx.t("profile_partners"))
        partners = people.memo(
            ctx, "actor_partners", lambda: ctx.queries.actor_partners(ctx.flt, actor, n=20), actor
        )
        if partners.empty:
            st.info(ctx.t("profile_no_partners"))
        else:
            st.caption(ctx.t("profile_partners_help", n=partners.attrs.get("min_count", 3)))
            people.partners_table(
                ctx,
                partners,
                "actor_partners_table",
                people.open_profile,
                {
                    "together": st.column_config.NumberColumn(ctx.t("col_together"), format="%d"),
                    "pmi": st.column_config.NumberColumn(ctx.t("col_pmi"), format="%.2f"),
                },
            )
    with right:
        st.subheader(ctx.t("profile_words"))
        words = people.memo(
            ctx, "actor_words", lambda: ctx.queries.actor_words(ctx.flt, actor, 25, None), actor
        )
        st.caption(ctx.t("profile_words_help"))
        w.chart(word_scores_bar(words, ctx.lang), "actor_words", ctx, key="actor_words_bar")

    st.subheader(ctx.t("profile_said"))
    quote_list.render(ctx, said)

    st.subheader(ctx.t("profile_dates"))
    refs = people.memo(
        ctx, "actor_dates", lambda: ctx.queries.actor_dates(ctx.flt, actor, ["day", "month"]), actor
    )
    seen = lines.loc[lines["mentions"] > 0, "period"] if len(lines) else None
    near, outlying = split_outlying(refs, seen)
    w.chart(referenced_dates_chart(near, None, ctx.lang), "actor_dates", ctx, key="actor_refs")
    if len(outlying):
        n = int(outlying["mentions"].sum())
        st.caption(ctx.t("refs_outlying", n=f"{n:,}", values=f"{len(outlying):,}"))


# No st.stop(): the app writes the URL after the page ran.
if actor:
    show(actor)
else:
    st.info(ctx.t("profile_none"))
people.follow_open(ctx)
