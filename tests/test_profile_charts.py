"""The profile and compare figures (issue 15): the score is on the value axis, the words
as written label the bars (literally, never as markup), the timelines stack by source or
overlay two actors, and an empty selection says so."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.charts import profile as charts
from dashboard.i18n import t

WORDS = pd.DataFrame(
    {
        "term": ["تسميم", "جاسوس", "<b>x</b>"],
        "display": ["تسميم", "جاسوس", "<b>x</b>"],
        "count": [239, 236, 5],
        "other": [44, 31, 0],
        "z": [25.79, 23.94, 1.5],
    }
)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_word_scores_put_the_score_on_the_axis_and_the_counts_in_the_hover(lang):
    fig = charts.word_scores_bar(WORDS, lang)
    bar = fig.data[0]
    assert list(bar.x) == WORDS["z"].tolist()
    assert bar.orientation == "h"
    assert fig.layout.xaxis.title.text == t("fig_score_z", lang)
    # Highest score on top, each bar labelled by its word; markup in a word stays text.
    assert fig.layout.yaxis.autorange == "reversed"
    assert list(fig.layout.yaxis.tickvals) == list(bar.y) == [0, 1, 2]
    assert list(fig.layout.yaxis.ticktext) == ["تسميم", "جاسوس", "&lt;b&gt;x&lt;/b&gt;"]
    assert [list(row[1:]) for row in bar.customdata] == [["239", "44"], ["236", "31"], ["5", "0"]]
    assert t("fig_in_own", lang) in bar.hovertemplate
    # Arabic reads from the right: words on the right, bars growing leftwards.
    assert fig.layout.yaxis.side == ("right" if lang == "ar" else "left")
    assert (fig.layout.xaxis.autorange == "reversed") == (lang == "ar")


def test_word_scores_name_both_sides_when_asked():
    fig = charts.word_scores_bar(WORDS, "en", color="#d62728", own="Putin", other="<i>Lavrov</i>")
    assert fig.data[0].marker.color == "#d62728"
    assert "Putin: %{customdata[1]}" in fig.data[0].hovertemplate
    assert "&lt;i&gt;Lavrov&lt;/i&gt;: %{customdata[2]}" in fig.data[0].hovertemplate


TIMELINE = pd.DataFrame(
    {
        "period": pd.to_datetime(["2018-03-05", "2018-03-12"] * 3),
        "actor_id": ["gpe-russia"] * 6,
        "source": ["BBC", "BBC", "", "", "<Sky>", "<Sky>"],
        "mentions": [3, 0, 1, 4, 2, 2],
    }
)


def test_the_source_timeline_stacks_one_area_per_source():
    fig = charts.source_timeline(TIMELINE, "en", freq="W")
    assert [tr.name for tr in fig.data] == ["unknown", "&lt;Sky&gt;", "BBC"]
    assert {tr.stackgroup for tr in fig.data} == {"sources"}
    stacked = {}
    for tr in fig.data:
        for x, y in zip(tr.x, tr.y, strict=True):
            stacked[pd.Timestamp(x)] = stacked.get(pd.Timestamp(x), 0) + y
    want = TIMELINE.groupby("period")["mentions"].sum()
    assert stacked == want.to_dict()
    assert fig.layout.yaxis.title.text == t("fig_mentions", "en")
    # The axis covers the last week to its end.
    high = pd.Timestamp(fig.layout.xaxis.range[1])
    assert high >= pd.Timestamp("2018-03-19")


def test_two_timelines_overlay_in_the_colours_of_their_sides():
    df = pd.DataFrame(
        {
            "period": pd.to_datetime(["2018-03-05", "2018-03-12"] * 2),
            "actor_id": ["a", "a", "b", "b"],
            "mentions": [1, 2, 5, 0],
        }
    )
    fig = charts.compare_timeline(df, {"a": "بوتين", "b": "<b>لافروف</b>"}, "ar")
    assert [tr.name for tr in fig.data] == ["بوتين", "&lt;b&gt;لافروف&lt;/b&gt;"]
    assert [tr.line.color for tr in fig.data] == list(charts.SIDE_COLORS)
    assert [list(tr.y) for tr in fig.data] == [[1, 2], [5, 0]]


@pytest.mark.parametrize(
    "draw",
    [
        lambda: charts.word_scores_bar(WORDS.iloc[:0], "en"),
        lambda: charts.source_timeline(TIMELINE.iloc[:0], "en"),
        lambda: charts.compare_timeline(TIMELINE.iloc[:0], {}, "en"),
    ],
)
def test_nothing_to_show_says_so(draw):
    fig = draw()
    assert not fig.data
    assert fig.layout.annotations[0].text == t("fig_no_data", "en")


def test_every_profile_figure_is_drawn_on_the_white_template():
    import plotly.io as pio

    timeline = pd.DataFrame(
        {
            "period": pd.to_datetime(["2018-03-05", "2018-03-12"]),
            "actor_id": ["a", "a"],
            "source": ["x", "y"],
            "mentions": [1, 2],
        }
    )
    figures = [
        charts.word_scores_bar(WORDS, "ar"),
        charts.word_scores_bar(WORDS.iloc[:0], "en"),  # the empty figure
        charts.source_timeline(timeline, "en"),
        charts.compare_timeline(timeline, {"a": "A"}, "ar"),
    ]
    for fig in figures:
        assert fig.layout.template == pio.templates["plotly_white"]
