"""The actor page (``/actor?id=…``) and the compare page (``/compare?a=…&b=…``) under
streamlit.testing (AppTest) on the seed: what they show for an actor from the URL, the
URL restoring them with the shared filter, a bad id announced, both interface languages,
(a click on the actors page: tests/test_browser_profile.py)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from app_support import open_app
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent
CHOE, LAVROV = "per-choe-son-hui", "per-sergey-lavrov"


pytestmark = pytest.mark.usefixtures("seed_corpus_env")


@pytest.fixture(scope="module")
def top_two(seed_corpus) -> list[str]:
    ranked = seed_corpus.actors.sort_values(["mentions", "actor_id"], ascending=[False, True])
    return ranked["actor_id"].astype(str).head(2).tolist()


def html_of(at: AppTest) -> str:
    return "".join(h.proto.body for h in at.get("html"))


def charts(at: AppTest) -> list:
    """The page's Plotly figures (``plotly.graph_objects.Figure``), their arrays decoded."""
    import plotly.graph_objects as go

    return [go.Figure(decoded(json.loads(c.proto.spec))) for c in at.get("plotly_chart")]


def decoded(value):
    """A figure's JSON with Plotly's typed arrays ({"dtype", "bdata"}) as lists."""
    if isinstance(value, dict):
        if set(value) >= {"dtype", "bdata"}:
            raw = base64.b64decode(value["bdata"])
            return np.frombuffer(raw, dtype=np.dtype(value["dtype"])).tolist()
        return {k: decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decoded(v) for v in value]
    return value


def quote_cards(at: AppTest) -> list[str]:
    return html_of(at).split('class="sentence-card quote-card"')[1:]


def test_the_profile_of_an_actor_from_the_url(seed_corpus):
    at = open_app("actor", id=CHOE)
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="o_actor_id").value == CHOE
    assert at.query_params["id"] == CHOE
    numbers = {m.label: m.value for m in at.metric}
    mentions = int((seed_corpus.mentions["actor_id"] == CHOE).sum())
    assert numbers["مرات الذكر"] == f"{mentions:,}"
    # Her four statements, two of them in sentences that do not name her, newest first.
    assert numbers["التصريحات"] == "4"
    cards = quote_cards(at)
    assert len(cards) == 4
    hers = seed_corpus.quotes[seed_corpus.quotes["speaker"] == CHOE]
    text = seed_corpus.articles.set_index("article_id")["text"]
    for row in hers.itertuples():
        words = text[row.article_id][row.start : row.end]
        assert any(words[:30] in c for c in cards)
    # Timeline by source, distinctive words (z on the axis), referenced dates.
    specs = charts(at)
    assert len(specs) == 3
    timeline, words, _dates = specs
    assert sum(sum(t.y) for t in timeline.data) > 0
    assert words.layout.xaxis.title.text == "الدرجة (z)"
    # The partners, named as everywhere else (labels made from the table's own rows).
    from dashboard.analysis.labels import actor_labels

    ments = seed_corpus.mentions
    sentences = ments.loc[ments["actor_id"] == CHOE, "sentence_id"]
    partners = set(ments.loc[ments["sentence_id"].isin(sentences), "actor_id"]) - {CHOE}
    rows = seed_corpus.actors[seed_corpus.actors["actor_id"].isin(partners)]
    (table,) = at.dataframe
    assert set(table.value["name"]) == set(actor_labels(rows, "ar").values())


def test_the_profile_url_restores_its_unit_and_the_shared_filter(top_two):
    actor = top_two[0]
    at = open_app("actor", id=actor, unit="month", kind="PER", lang="en")
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "Actor profile"
    assert at.button_group(key="o_actor_unit").value == "month"
    assert at.multiselect(key="f_kind").value == ["PER"]
    params = at.query_params
    assert params["id"] == actor and params["unit"] == "month" and params["kind"] == "PER"
    # Partners follow the kinds: only people.
    table = at.dataframe[0].value
    assert set(table["kind"]) <= {"People"}


def test_the_sidebar_actors_do_not_change_the_profile(top_two):
    alone = open_app("actor", id=top_two[0])
    with_filter = open_app("actor", id=top_two[0], actor=top_two[1])
    assert not with_filter.exception
    assert {m.label: m.value for m in alone.metric} == {
        m.label: m.value for m in with_filter.metric
    }
    assert any("تطبق هنا" in c.value for c in with_filter.caption)


def test_a_bad_id_is_announced_and_the_page_asks_for_an_actor():
    at = open_app("actor", id="no-such-actor")
    assert not at.exception
    notice = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "no-such-actor" in notice
    assert at.info and not at.metric
    assert "id" not in at.query_params
    assert at.selectbox(key="o_actor_id").value == ""


def test_picking_an_actor_on_the_page_puts_it_in_the_url(top_two):
    at = open_app("actor")
    assert at.info and not at.metric
    at.selectbox(key="o_actor_id").set_value(top_two[1]).run()
    assert not at.exception
    assert at.query_params["id"] == top_two[1] and at.metric


def test_compare_shows_both_actors_distinctive_words(seed_corpus):
    a, b = CHOE, LAVROV
    at = open_app("compare", a=a, b=b, unit="week")
    assert not at.exception, [e.message for e in at.exception]
    assert at.query_params["a"] == a and at.query_params["b"] == b
    assert at.query_params["unit"] == "week"
    words_a, words_b, lines = charts(at)
    shown = []
    for words in (words_a, words_b):
        (bar,) = words.data
        assert len(bar.x) and words.layout.xaxis.title.text == "الدرجة (z)"
        assert bar.x[0] > 0  # the top word is typical of its side
        shown.append(dict(zip(words.layout.yaxis.ticktext, bar.x, strict=True)))
    # One measure seen from both sides: a word on both lists scores the opposite way.
    for word in set(shown[0]) & set(shown[1]):
        assert shown[0][word] == pytest.approx(-shown[1][word])
    arabic = seed_corpus.actors.set_index("actor_id")["name_ar"]
    assert [t.name for t in lines.data] == [arabic[a], arabic[b]]
    # What each said: Choe's four, Lavrov's three.
    assert len(quote_cards(at)) == 7


def test_compare_with_a_bad_actor_or_one_actor_says_so(top_two):
    at = open_app("compare", a=top_two[0], b="nobody")
    assert not at.exception
    assert "nobody" in " ".join(w.value for w in at.warning).replace("\\", "")
    assert at.info and "b" not in at.query_params
    same = open_app("compare", a=top_two[0], b=top_two[0])
    assert not same.exception and same.info and not same.get("plotly_chart")


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("page", ["actor", "compare"])
def test_both_pages_in_both_languages(page, lang, top_two):
    params = {"id": top_two[0]} if page == "actor" else {"a": top_two[0], "b": top_two[1]}
    at = open_app(page, lang=lang, **params)
    assert not at.exception, [e.message for e in at.exception]
    title = {
        "actor": ("ملف فاعل", "Actor profile"),
        "compare": ("مقارنة فاعلين", "Compare two actors"),
    }
    assert at.title[0].value == title[page][0 if lang == "ar" else 1]
    assert len(at.get("plotly_chart")) == 3
