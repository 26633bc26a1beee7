"""The dashboard's URL state (dashboard.ui.state), i18n and escaping — no Streamlit run."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from dashboard.frames import ACTOR_KINDS
from dashboard.ui import state as S
from dashboard.ui.i18n import STRINGS, t
from dashboard.ui.loaded import LoadedCorpora, content_key
from dashboard.ui.text import html, md

CHOICES = S.Choices(
    actor_ids=frozenset({"Q159", "Q423", "lavrov"}),
    sources=frozenset({"أ ف ب", "رويترز"}),
    fingerprint="abc123",
)


def notice_keys(notices):
    return [n.key for n in notices]


def test_a_shared_link_restores_the_filter_and_page_options():
    params = {
        "actor": ["Q159", "lavrov"],
        "from": "2024-11-01",
        "to": "2024-11-30",
        "source": ["رويترز"],
        "kind": ["GPE", "PER"],
        "corpus": "abc123",
        "lang": "en",
        "window": "article",
        "measure": "pmi",
        "top": "12",
        "a": "Q159",
    }
    state, notices = S.parse_query(params, CHOICES, "comentions")
    assert notices == []
    assert state.actors == ("Q159", "lavrov")
    assert (state.date_from, state.date_to) == (dt.date(2024, 11, 1), dt.date(2024, 11, 30))
    assert state.sources == ("رويترز",) and state.kinds == ("GPE", "PER")
    assert state.lang == "en"
    assert state.option("comentions", "window") == "article"
    assert state.option("comentions", "top") == 12
    assert state.option("comentions", "a") == "Q159"
    # ... and writing it back gives the same link.
    query = S.to_query(state, "comentions", "abc123")
    assert S.parse_query(query, CHOICES, "comentions") == (state, [])
    assert query["actor"] == ["Q159", "lavrov"] and query["corpus"] == ["abc123"]


def test_garbage_in_the_url_is_dropped_with_a_notice_per_value():
    params = {
        "actor": ["Q159", "no-such-actor", "<script>"],
        "from": "2024-13-45",
        "to": "yesterday",
        "kind": ["GPE", "ALIEN"],
        "source": "CNN",
        "lang": "fr",
        "top": "ten",
        "window": "paragraph",
    }
    state, notices = S.parse_query(params, CHOICES, "comentions")
    assert state.actors == ("Q159",)
    assert state.kinds == ("GPE",)
    assert state.sources == ()
    assert state.date_from is None and state.date_to is None
    assert state.lang == "ar"
    assert state.option("comentions", "top") == 20
    assert state.option("comentions", "window") == "sentence"
    keys = notice_keys(notices)
    assert keys.count("notice_bad_actor") == 2
    assert keys.count("notice_bad_date") == 2
    assert {"notice_bad_kind", "notice_bad_source", "notice_bad_lang"} <= set(keys)
    assert keys.count("notice_bad_option") == 2


def test_a_reversed_date_range_is_dropped():
    state, notices = S.parse_query({"from": "2024-12-01", "to": "2024-11-01"}, CHOICES)
    assert state.date_from is None and state.date_to is None
    assert notice_keys(notices) == ["notice_date_order"]


def test_a_link_made_for_another_corpus_says_so():
    _, notices = S.parse_query({"corpus": "ffffff"}, CHOICES)
    assert notice_keys(notices) == ["notice_other_corpus"]
    assert notices[0].fields() == {"link": "ffffff", "current": "abc123"}


def test_out_of_range_numbers_and_unknown_pair_actors_are_refused():
    state, notices = S.parse_query({"top": "100000", "b": "nobody"}, CHOICES, "comentions")
    assert state.option("comentions", "top") == 20
    assert state.option("comentions", "b") == ""
    assert notice_keys(notices) == ["notice_bad_option", "notice_bad_option"]


def test_only_the_current_pages_options_are_read_and_written():
    state, _ = S.parse_query({"q": "موسكو", "page": "3"}, CHOICES, "sentences")
    assert state.option("sentences", "q") == "موسكو"
    assert S.to_query(state, "sentences")["page"] == ["3"]
    assert "q" not in S.to_query(state, "overview")
    other, _ = S.parse_query({"q": "موسكو"}, CHOICES, "overview")
    assert other.option("sentences", "q") == ""


def test_share_url_points_at_the_page_whatever_page_the_base_url_names():
    query = {"actor": ["Q159"], "q": ["روسيا"]}
    url = S.share_url("http://host:8501/actors", "sentences", query)
    assert url.startswith("http://host:8501/sentences?actor=Q159&q=")
    assert "%D8%B1" in url  # Arabic is percent-encoded
    assert S.share_url("http://host:8501/", "overview", {}) == "http://host:8501/"


def test_the_date_widget_range_fills_missing_ends_from_the_corpus_span():
    low, high = dt.date(2024, 11, 1), dt.date(2024, 12, 31)
    assert S.date_range(None, None, low, high) == (low, high)
    assert S.date_range(dt.date(2024, 11, 5), None, low, high) == (dt.date(2024, 11, 5), high)
    after = dt.date(2025, 3, 1)  # a link's range after the corpus stays as given
    assert S.date_range(after, None, low, high) == (after, after)
    assert S.date_range(None, None, None, None) == ()


ids = st.sampled_from(sorted(CHOICES.actor_ids))


@given(
    actors=st.lists(ids, unique=True, max_size=3),
    kinds=st.lists(st.sampled_from(ACTOR_KINDS), unique=True),
    days=st.tuples(st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)), st.integers(0, 400)),
    q=st.text(alphabet="ابتثجح روسيا\"'<>&", max_size=30),
)
def test_any_valid_state_survives_the_round_trip_through_the_url(actors, kinds, days, q):
    start, extra = days
    state = S.ViewState(
        actors=tuple(actors),
        kinds=tuple(kinds),
        date_from=start,
        date_to=start + dt.timedelta(days=extra),
    ).with_option("sentences", "q", q.strip())
    query = S.to_query(state, "sentences", "abc123")
    assert S.parse_query(query, CHOICES, "sentences") == (state, [])


def test_every_string_has_both_languages_and_formats():
    for key, (ar, en) in STRINGS.items():
        assert ar.strip() and en.strip(), key
    assert t("notice_bad_actor", "ar", value="x").endswith("x")
    assert t("page_actors", "en") == "Actors"
    assert t("page_actors", "xx") == "الفاعلون"


def test_untrusted_text_is_inert_in_markdown_and_html():
    evil = "[click](javascript:alert(1)) <img src=x onerror=alert(1)> $x$ **b**"
    escaped = md(evil)
    # Every character Markdown (or Streamlit's LaTeX) acts on is backslash-escaped.
    assert re.search(r"(?<!\\)[\[\]()<>$*]", escaped) is None
    assert escaped.replace("\\", "") == evil
    assert html('<b title="x">روسيا</b>') == "&lt;b title=&quot;x&quot;&gt;روسيا&lt;/b&gt;"


def test_the_store_loads_each_corpus_once_and_evicts_old_uploads():
    store = LoadedCorpora(max_uploads=2, max_bytes=10**9)
    calls = []

    def loader(name):
        return lambda: calls.append(name) or name

    store.get("default", loader("default"), pinned=True)
    store.get("default", loader("default"), pinned=True)
    for name in ("u1", "u2", "u3"):
        store.get(name, loader(name), size=10)
    assert calls == ["default", "u1", "u2", "u3"]
    assert store.peek("u1") is None and store.peek("default") is not None
    entry = store.peek("u3")
    assert entry.memo("k", lambda: [1]) is entry.memo("k", lambda: [2])
    assert content_key([("a.txt", b"1"), ("b.txt", b"2")]) == content_key(
        [("b.txt", b"2"), ("a.txt", b"1")]
    )
    assert content_key([("a.txt", b"1")]) != content_key([("a.txt", b"2")])


def test_a_one_day_time_axis_is_widened_and_numeric_axes_are_left_alone():
    import pandas as pd

    from dashboard.charts.figures import actor_bar, timeline_lines

    one_day = pd.DataFrame(
        {"period": pd.to_datetime(["2024-11-01"]), "actor_id": ["a"], "mentions": [3]}
    )
    line = timeline_lines(one_day, {"a": "روسيا"}, "ar", freq="D")
    low, high = (pd.Timestamp(v) for v in line.layout.xaxis.range)
    assert low < pd.Timestamp("2024-11-01") < high and high - low < pd.Timedelta(days=2)
    bars = actor_bar(
        pd.DataFrame(
            {
                "actor_id": ["a", "b"],
                "name_ar": ["أ", "ب"],
                "kind": ["PER", "GPE"],
                "mentions": [3, 1],
            }
        )
    )
    assert bars.layout.xaxis.range is None


def test_heatmap_cells_get_one_clickable_point_each_with_the_hover_text():
    import plotly.graph_objects as go

    from dashboard.ui.clickable import with_click_targets

    custom = [[["روسيا", "روسيا"], ["روسيا", "كييف"]], [["كييف", "روسيا"], ["كييف", "كييف"]]]
    fig = go.Figure(
        go.Heatmap(
            z=[[3, 1], [1, 2]],
            x=[0, 1],
            y=[0, 1],
            customdata=custom,
            hovertemplate="%{customdata[1]}",
        )
    )
    with_click_targets(fig)
    points = fig.data[1]
    assert points.type == "scatter" and len(points.x) == 4
    # The point over row 0, column 1 carries that cell's hover data.
    i = [(x, y) for x, y in zip(points.x, points.y, strict=True)].index((1, 0))
    assert list(points.customdata[i]) == ["روسيا", "كييف"]
    assert fig.data[0].hoverinfo == "skip" and fig.layout.clickmode == "event+select"


def test_progress_says_counts_rate_and_time_left_in_both_languages():
    from dashboard.ingest.progress import ProgressEvent
    from dashboard.ui.progress import progress_text

    event = ProgressEvent("analysing", 12_340, 18_748, 60.0)
    assert progress_text(event, "ar") == (
        "تحليل المقالات · 12,340 من 18,748 مقالة · 206 مقالة في الثانية · الوقت المتبقي 0:31"
    )
    assert progress_text(event, "en") == (
        "Analysing the articles · 12,340 of 18,748 articles · 206 articles a second · 0:31 left"
    )
    # Before any time has passed there is no rate and no estimate; steps have no counts.
    assert progress_text(ProgressEvent("reading", 0, 4, 0.0), "en") == (
        "Reading the files · 0 of 4 files"
    )
    assert progress_text(ProgressEvent("linking", 0, 1, 3.0), "ar") == "ربط الفاعلين"
