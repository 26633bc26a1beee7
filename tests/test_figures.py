"""Plotly figures: Arabic stays logical (never reshaped), hovers carry the numbers,
labels from articles are shown literally, empty selections give a message."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from sample_corpus import build_corpus

from dashboard.analysis import (
    apply_filter,
    articles_over_time,
    comention,
    mentions_over_time,
    referenced_dates,
    term_frequencies,
    top_actors,
)
from dashboard.analysis.labels import actor_labels
from dashboard.charts import figures

ARTICLES = [
    {"article_id": "a1", "date": "2024-03-01", "source": "سانا",
     "text": "التقى محمد بن سلمان الرئيس الأمريكي في الرياض. وقالت واشنطن إن الرياض شريك."},
    {"article_id": "a2", "date": "2024-03-20", "source": "<b>وكالة</b>",
     "text": "زار محمد بن سلمان واشنطن في مارس 2024. الرياض وواشنطن تتفقان."},
]  # fmt: skip
ACTORS = [
    {"actor_id": "mbs", "name_ar": "محمد بن سلمان", "name_en": "Mohammed bin Salman",
     "kind": "PER", "country": "SAU", "surfaces": ["محمد بن سلمان"]},
    {"actor_id": "riyadh", "name_ar": "الرياض", "name_en": "Riyadh", "kind": "GPE",
     "country": "SAU", "surfaces": ["الرياض"]},
    {"actor_id": "dc", "name_ar": "واشنطن", "name_en": "Washington", "kind": "GPE",
     "country": "USA", "surfaces": ["واشنطن"]},
]  # fmt: skip
DATES = [{"article_id": "a2", "surface": "مارس 2024", "value": "2024-03", "granularity": "month"}]


@pytest.fixture(scope="module")
def view():
    return apply_filter(build_corpus(ARTICLES, ACTORS, DATES))


def no_presentation_forms(text: str) -> bool:
    """Reshaped Arabic uses presentation forms (U+FB50..U+FDFF, U+FE70..U+FEFF)."""
    return not any(0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFF for ch in text)


def test_actor_bar_labels_and_hover(view):
    df = top_actors(view)
    fig = figures.actor_bar(df, "ar")
    bar = fig.data[0]
    assert list(bar.y) == list(df["actor_id"])  # keyed by id, labelled by name
    assert list(fig.layout.yaxis.ticktext) == list(df["name_ar"])
    assert all(no_presentation_forms(t) for t in fig.layout.yaxis.ticktext)
    assert list(bar.x) == list(df["mentions"])
    first = list(bar.customdata[0])
    assert first[:2] == [df.loc[0, "name_ar"], df.loc[0, "name_en"]]
    assert int(first[3]) == df.loc[0, "mentions"] and int(first[4]) == df.loc[0, "articles"]
    assert "%{customdata[1]}" in bar.hovertemplate and "%{customdata[3]}" in bar.hovertemplate
    assert fig.layout.yaxis.automargin and fig.layout.font.family.startswith("Amiri")
    assert fig.layout.yaxis.autorange == "reversed"  # the most mentioned on top
    english = figures.actor_bar(df, "en")
    assert list(english.layout.yaxis.ticktext) == list(df["name_en"])


def test_actor_bar_keeps_namesakes_apart_and_shows_markup_literally():
    df = pd.DataFrame(
        {
            "actor_id": ["p1", "p2"],
            "name_ar": ["<b>علي</b>", "<b>علي</b>"],
            "name_en": ["Ali", "Ali"],
            "kind": ["PER", "PER"],
            "mentions": [3, 2],
            "articles": [1, 1],
        }
    )
    fig = figures.actor_bar(df, "ar")
    assert len(fig.data[0].y) == 2
    assert list(fig.layout.yaxis.ticktext) == ["&lt;b&gt;علي&lt;/b&gt;"] * 2


def test_comention_heatmap_hover_gives_names_count_and_measure(view):
    result = comention(view, measure="jaccard")
    labels = actor_labels(view.corpus.actors)
    fig = figures.comention_heatmap(result.matrix, labels, "jaccard", counts=result.counts)
    heat = fig.data[0]
    ids = list(result.matrix.index)
    i, j = ids.index("mbs"), ids.index("dc")
    cell = list(heat.customdata[i][j])
    assert cell[0] == "محمد بن سلمان" and cell[1] == "واشنطن"
    assert cell[2] == str(result.counts.loc["mbs", "dc"])
    assert cell[3] == f"{result.matrix.loc['mbs', 'dc']:.3f}"
    assert "%{customdata[3]}" in heat.hovertemplate
    assert list(fig.layout.xaxis.ticktext) == [labels[a] for a in ids]
    assert list(heat.x) == list(range(len(ids)))  # a clicked cell maps back by position
    assert math.isnan(heat.z[i][i])


def test_count_heatmap_scale_ignores_the_diagonal(view):
    result = comention(view, measure="count")
    fig = figures.comention_heatmap(result.matrix, {}, "count")
    values = result.matrix.to_numpy()
    off = values[~np.eye(len(values), dtype=bool)]
    assert fig.data[0].zmax == off.max() < values.max()
    z = np.asarray(fig.data[0].z, dtype=float)
    assert np.isnan(np.diag(z)).all()  # the diagonal is shown apart, not coloured
    assert "all its windows" not in fig.data[0].customdata[0][0][2]  # Arabic by default
    pmi = comention(view, measure="pmi")
    fig = figures.comention_heatmap(pmi.matrix, {}, "pmi", counts=pmi.counts)
    assert fig.data[0].zmid == 0


def test_timeline_and_article_charts(view):
    labels = actor_labels(view.corpus.actors)
    series = mentions_over_time(view, ["mbs", "riyadh"], "D")
    fig = figures.timeline_lines(series, labels)
    assert [t.name for t in fig.data] == ["محمد بن سلمان", "الرياض"]
    assert sum(fig.data[0].y) == 2 and len(fig.data[0].x) == 20  # zero-filled days
    assert fig.data[0].mode == "lines+markers"  # a few periods: each one marked

    stacked = figures.articles_bar(articles_over_time(view, "W", by_source=True))
    assert {t.name for t in stacked.data} == {"سانا", "&lt;b&gt;وكالة&lt;/b&gt;"}
    assert stacked.layout.barmode == "stack"
    plain = figures.articles_bar(articles_over_time(view, "D"))
    assert sum(plain.data[0].y) == 2


def test_long_timelines_are_lines_without_a_marker_per_period():
    """Years by day: thousands of periods are one line each (a marker per period would be
    thousands of SVG nodes), every period still in the data."""
    days = pd.date_range("2015-01-01", periods=3 * 365, freq="D")
    series = pd.DataFrame(
        {
            "period": list(days) * 2,
            "actor_id": ["a"] * len(days) + ["b"] * len(days),
            "mentions": [1] * len(days) + [2] * len(days),
        }
    )
    fig = figures.timeline_lines(series, {"a": "روسيا", "b": "موسكو"}, "ar", freq="D")
    assert [t.mode for t in fig.data] == ["lines", "lines"]
    assert [len(t.x) for t in fig.data] == [len(days)] * 2
    assert [sum(t.y) for t in fig.data] == [len(days), 2 * len(days)]


def test_referenced_dates_chart_spans_the_named_period(view):
    published = articles_over_time(view, "D")
    fig = figures.referenced_dates_chart(referenced_dates(view), published, lang="en")
    month = fig.data[0]
    assert month.name == "A month"  # the legend in words, not the code "month"
    assert month.width[0] == pytest.approx(31 * 24 * 3600 * 1000)  # March is 31 days wide
    assert fig.data[1].yaxis == "y2"
    # Each axis is titled for what it counts, in one language.
    assert fig.layout.yaxis.title.text == "References to the date"
    assert fig.layout.yaxis2.title.text == "Articles published"
    arabic = figures.referenced_dates_chart(referenced_dates(view), published, lang="ar")
    assert arabic.layout.yaxis.title.text == "الإشارات إلى التاريخ"
    assert arabic.layout.yaxis2.title.text == "المقالات المنشورة"
    assert [d.name for d in arabic.data] == ["شهر", "المقالات المنشورة"]


def test_a_single_article_on_a_single_day_draws_a_bar():
    one = pd.DataFrame({"period": pd.to_datetime(["2024-11-01"]), "articles": [1]})
    fig = figures.articles_bar(one, "ar", freq="D")
    bar = fig.data[0]
    day_ms = 24 * 3600 * 1000
    assert list(bar.y) == [1] and bar.width[0] == pytest.approx(0.8 * day_ms)
    low, high = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    centre = pd.Timestamp(bar.x[0])
    assert low < centre - pd.Timedelta(hours=9) and centre + pd.Timedelta(hours=9) < high
    assert high - low < pd.Timedelta(days=3)  # zoomed on the day, not on milliseconds
    ticks = [text.strip("\u2067\u2069") for text in fig.layout.xaxis.ticktext]
    assert ticks == ["1 نوفمبر 2024", "2 نوفمبر"][: len(ticks)]


@pytest.mark.parametrize(
    ("low", "high", "lang", "expected"),
    [
        ("2018-03-01", "2018-06-30", "ar", ["مارس 2018", "أبريل 2018", "مايو 2018", "يونيو 2018"]),
        ("2018-03-01", "2018-06-30", "en", ["Mar 2018", "Apr 2018", "May 2018", "Jun 2018"]),
        ("2018-12-30", "2019-01-02", "en", ["30 Dec 2018", "31 Dec", "1 Jan 2019", "2 Jan"]),
        (
            "1990-01-01",
            "2023-06-01",
            "ar",
            ["1990", "1995", "2000", "2005", "2010", "2015", "2020"],
        ),
    ],
)
def test_time_ticks_are_dates_with_month_names_in_the_interface_language(low, high, lang, expected):
    days, texts = figures.date_ticks(low, high, lang)
    assert [text.strip("\u2067\u2069") for text in texts] == expected
    if lang == "ar":  # each Arabic label reads right to left on the left-to-right axis
        assert all(text[0] == "\u2067" and text[-1] == "\u2069" for text in texts)
    assert all(d == d.normalize() for d in days)  # whole days: never an hour on a tick


def test_timeline_axis_keeps_to_the_data(view):
    series = mentions_over_time(view, ["mbs"], "D")
    fig = figures.timeline_lines(series, {}, "en", freq="D")
    low, high = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert low <= series["period"].min() and series["period"].max() <= high
    assert high - low < pd.Timedelta(days=25)
    assert fig.layout.yaxis.title.text == "Mentions"


def test_term_chart(view):
    terms = term_frequencies(view, top_n=5)
    bars = figures.term_bar(terms, "ar")
    assert list(bars.layout.yaxis.ticktext) == list(terms["display"])


@pytest.mark.parametrize(
    "make",
    [
        lambda: figures.actor_bar(pd.DataFrame(), "ar"),
        lambda: figures.comention_heatmap(pd.DataFrame(), {}, "count"),
        lambda: figures.timeline_lines(pd.DataFrame(), {}),
        lambda: figures.articles_bar(pd.DataFrame()),
        lambda: figures.referenced_dates_chart(pd.DataFrame()),
        lambda: figures.term_bar(pd.DataFrame()),
    ],
)
def test_empty_selections_say_so(make):
    fig = make()
    assert len(fig.data) == 0
    assert fig.layout.annotations[0].text == "لا توجد بيانات لهذا الاختيار"
    assert figures.articles_bar(pd.DataFrame(), "en").layout.annotations[0].text == (
        "No data for this selection"
    )


def test_partner_bars_show_together_and_the_measures(view):
    from dashboard.analysis import actor_partners

    partners = actor_partners(view, "mbs")
    fig = figures.actor_bar(partners, "en", value="together")
    bar = fig.data[0]
    assert list(bar.x) == list(partners["together"])
    assert "Jaccard" in bar.hovertemplate and "PMI" in bar.hovertemplate
    jaccard_at = 3 + [c for c in figures.ACTOR_NUMBERS if c in partners].index("jaccard")
    assert bar.customdata[0][jaccard_at] == f"{partners.loc[0, 'jaccard']:.3f}"
    assert fig.layout.xaxis.title.text == "together"
