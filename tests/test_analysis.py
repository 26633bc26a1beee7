"""The analysis layer on a small hand-made corpus whose numbers are worked out by hand.

Corpus (sentence ids in brackets; actors found by exact surface):

a1 2024-03-01 سانا, dateline اللاذقية
   [0] استقبل الأسد لافروف في دمشق.            assad, lavrov, dam
   [1] وأكّد لافروف دعم روسيا لسوريا منذ 1949.  lavrov, rus, syr     date 1949
   [2] وتناول اللقاء الأوضاع في المنطقة.        -
a2 2024-03-05 18:30 رويترز
   [3] دعت الأمم المتحدة روسيا إلى وقف القتال في الخامس من مارس.   un, rus   date 2024-03-05
   [4] قال لافروف إن روسيا لن تتراجع هذا العام.  lavrov, rus          date 2024 (relative)
a3 = a2 (duplicate_of a2: no sentences)
a4 2024-04-20 سانا
   [5] التقى الأسد وفدا من الأمم المتحدة في دمشق صيف 2023.  assad, un, dam   date 2023-SU
a5 undated, الجزيرة
   [6] لافروف يزور دمشق.                        lavrov, dam
"""

from __future__ import annotations

import copy
import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from sample_corpus import build_corpus, synthetic_corpus

from dashboard.analysis import (
    Filter,
    actor_table,
    apply_filter,
    articles_over_time,
    comention,
    comention_matrix,
    mentions_by_kind_over_time,
    mentions_over_time,
    pair_sentences,
    referenced_dates,
    referenced_vs_published,
    search_sentences,
    summary,
    term_frequencies,
    top_actors,
    word_cloud_frequencies,
)
from dashboard.analysis.filters import corpus_index
from dashboard.frames import conform

A2_TEXT = (
    "دعت الأمم المتحدة روسيا إلى وقف القتال في الخامس من مارس. "
    "قال لافروف إن روسيا لن تتراجع هذا العام."
)
ARTICLES = [
    {
        "article_id": "a1",
        "date": "2024-03-01",
        "source": "سانا",
        "dateline": "اللاذقية",
        "title": "لقاء في دمشق",
        "text": "استقبل الأسد لافروف في دمشق. وأكّد لافروف دعم روسيا لسوريا منذ 1949. "
        "وتناول اللقاء الأوضاع في المنطقة.",
    },
    {"article_id": "a2", "date": "2024-03-05 18:30", "source": "رويترز", "text": A2_TEXT},
    {
        "article_id": "a3",
        "date": "2024-03-05",
        "source": "رويترز",
        "text": A2_TEXT,
        "duplicate_of": "a2",
    },
    {
        "article_id": "a4",
        "date": "2024-04-20",
        "source": "سانا",
        "text": "التقى الأسد وفدا من الأمم المتحدة في دمشق صيف 2023.",
    },
    {"article_id": "a5", "source": "الجزيرة", "text": "لافروف يزور دمشق."},
]
ACTORS = [
    {"actor_id": "assad", "name_ar": "بشار الأسد", "name_en": "Bashar al-Assad", "kind": "PER",
     "country": "SYR", "surfaces": ["الأسد"]},
    {"actor_id": "lavrov", "name_ar": "سيرغي لافروف", "name_en": "Sergey Lavrov", "kind": "PER",
     "country": "RUS", "surfaces": ["لافروف"]},
    {"actor_id": "rus", "name_ar": "روسيا", "name_en": "Russia", "kind": "GPE", "country": "RUS",
     "surfaces": ["روسيا"]},
    {"actor_id": "syr", "name_ar": "سوريا", "name_en": "Syria", "kind": "GPE", "country": "SYR",
     "surfaces": ["سوريا"]},
    {"actor_id": "dam", "name_ar": "دمشق", "name_en": "Damascus", "kind": "GPE", "country": "SYR",
     "surfaces": ["دمشق"]},
    {"actor_id": "un", "name_ar": "الأمم المتحدة", "name_en": "United Nations", "kind": "ORG",
     "surfaces": ["الأمم المتحدة"]},
    {"actor_id": "egy", "name_ar": "مصر", "name_en": "Egypt", "kind": "GPE", "country": "EGY",
     "surfaces": []},
]  # fmt: skip
DATES = [
    {"article_id": "a1", "surface": "1949", "value": "1949", "granularity": "year"},
    {"article_id": "a2", "surface": "الخامس من مارس", "value": "2024-03-05",
     "granularity": "day"},
    {"article_id": "a2", "surface": "هذا العام", "value": "2024", "granularity": "year",
     "relative": True},
    {"article_id": "a4", "surface": "صيف 2023", "value": "2023-SU", "granularity": "season"},
]  # fmt: skip

# Hand-listed windows of every actor (sentence ids / article ids), from the docstring.
SENTENCES_OF = {
    "assad": {0, 5},
    "lavrov": {0, 1, 4, 6},
    "rus": {1, 3, 4},
    "syr": {1},
    "dam": {0, 5, 6},
    "un": {3, 5},
}
ARTICLES_OF = {
    "assad": {"a1", "a4"},
    "lavrov": {"a1", "a2", "a5"},
    "rus": {"a1", "a2"},
    "syr": {"a1"},
    "dam": {"a1", "a4", "a5"},
    "un": {"a2", "a4"},
}


@pytest.fixture(scope="module")
def corpus():
    c = build_corpus(ARTICLES, ACTORS, DATES)
    # The builder must reproduce the docstring, or every number below is meaningless.
    found = c.mentions.groupby("actor_id")["sentence_id"].agg(set).to_dict()
    assert found == SENTENCES_OF
    assert len(c.sentences) == 7
    return c


def view_of(corpus, **kw):
    return apply_filter(corpus, Filter(**kw))


# --------------------------------------------------------------------------- filters


def test_filter_normalises_its_fields_and_is_hashable():
    flt = Filter(actors=["a", "b", "a"], kinds="PER", date_from="2024-03-01")
    assert flt.actors == ("a", "b")
    assert flt.kinds == ("PER",)
    assert flt.date_from == dt.date(2024, 3, 1)
    assert hash(flt) == hash(Filter(actors=("a", "b"), kinds=("PER",), date_from="2024-03-01"))
    assert Filter().is_empty and not flt.is_empty


def test_no_filter_keeps_everything_but_duplicates(corpus):
    view = view_of(corpus)
    assert list(view.articles["article_id"]) == ["a1", "a2", "a4", "a5"]
    assert list(view.sentence_ids) == list(range(7))
    assert len(view.mentions) == sum(len(s) for s in SENTENCES_OF.values())
    assert len(view.dates) == 4


def test_date_range_is_inclusive_and_drops_undated(corpus):
    # a2 is dated 18:30 on the last day: still inside the range.
    view = view_of(corpus, date_from=dt.date(2024, 3, 1), date_to=dt.date(2024, 3, 5))
    assert list(view.articles["article_id"]) == ["a1", "a2"]
    only_from = view_of(corpus, date_from="2024-03-02")
    assert list(only_from.articles["article_id"]) == ["a2", "a4"]  # undated a5 dropped
    assert list(view_of(corpus, date_to="2024-02-29").articles["article_id"]) == []


def test_source_filter_never_brings_back_duplicates(corpus):
    view = view_of(corpus, sources=["رويترز"])
    assert list(view.articles["article_id"]) == ["a2"]
    assert set(view.mentions["article_id"]) == {"a2"}


def test_actor_filter_keeps_articles_of_any_selected_actor(corpus):
    view = view_of(corpus, actors=["assad"])
    assert list(view.articles["article_id"]) == ["a1", "a4"]
    # Only the sentences naming the actor ...
    assert list(view.sentence_ids) == [0, 5]
    # ... but every mention of those articles, so co-mentioned actors can be counted.
    assert set(view.mentions["sentence_id"]) == {0, 1, 5}

    either = view_of(corpus, actors=["assad", "un"])
    assert list(either.articles["article_id"]) == ["a1", "a2", "a4"]
    assert list(either.sentence_ids) == [0, 3, 5]


def test_filters_combine(corpus):
    assert list(view_of(corpus, actors=["lavrov"], sources=["رويترز"]).sentence_ids) == [4]
    # Lavrov is in a1, a2 and (undated) a5; from March 2nd only a2 is left.
    view = view_of(corpus, actors=["lavrov"], date_from="2024-03-02")
    assert list(view.articles["article_id"]) == ["a2"]
    assert list(view.dates["value"]) == ["2024"]  # the date in Lavrov's sentence only
    # Kinds restrict mentions, not articles.
    kinds = view_of(corpus, actors=["lavrov"], kinds=["GPE"])
    assert list(kinds.articles["article_id"]) == ["a1", "a2", "a5"]
    assert set(kinds.mentions["actor_id"]) == {"rus", "syr", "dam"}


def test_unknown_actor_gives_an_empty_view(corpus):
    view = view_of(corpus, actors=["nobody"])
    assert view.articles.empty and len(view.sentence_ids) == 0 and view.mentions.empty
    assert summary(view)["articles"] == 0
    assert top_actors(view).empty


def test_index_is_memoised_and_rebuilt_when_a_frame_changes(corpus):
    first = corpus_index(corpus)
    assert corpus_index(corpus) is first
    twin = copy.deepcopy(corpus)  # e.g. the same corpus read back from a cache
    assert corpus_index(twin) is first
    changed = copy.copy(corpus)
    changed.mentions = corpus.mentions[corpus.mentions["actor_id"] != "lavrov"].reset_index(
        drop=True
    )
    assert "lavrov" not in set(top_actors(apply_filter(changed))["actor_id"])
    assert "lavrov" in set(top_actors(apply_filter(corpus))["actor_id"])


# --------------------------------------------------------------------------- counts


def test_top_actors_counts_mentions_and_articles(corpus):
    top = top_actors(view_of(corpus), n=None)
    got = top.set_index("actor_id")[["mentions", "articles"]].to_dict("index")
    for actor, sents in SENTENCES_OF.items():
        assert got[actor] == {"mentions": len(sents), "articles": len(ARTICLES_OF[actor])}
    # mentions desc, then articles desc, then id: lavrov 4; dam 3/3; rus 3/2; assad, un 2/2.
    assert list(top["actor_id"]) == ["lavrov", "dam", "rus", "assad", "un", "syr"]
    assert list(top_actors(view_of(corpus), n=2)["actor_id"]) == ["lavrov", "dam"]
    assert list(top_actors(view_of(corpus), kinds=["GPE"])["actor_id"]) == ["dam", "rus", "syr"]
    assert top.loc[0, "name_ar"] == "سيرغي لافروف"


def test_actor_table_has_first_and_last_seen(corpus):
    table = actor_table(view_of(corpus)).set_index("actor_id")
    assert table.loc["lavrov", "first_seen"] == pd.Timestamp("2024-03-01")
    assert table.loc["lavrov", "last_seen"] == pd.Timestamp("2024-03-05")  # a5 is undated
    assert table.loc["dam", "last_seen"] == pd.Timestamp("2024-04-20")
    assert "egy" not in table.index
    full = actor_table(view_of(corpus), include_unmentioned=True).set_index("actor_id")
    assert full.loc["egy", "mentions"] == 0 and full.index[-1] == "egy"


def test_summary(corpus):
    got = summary(view_of(corpus))
    assert got == {
        "articles": 4,
        "sentences": 7,
        "actors": 6,
        "mentions": 15,
        "date_min": dt.date(2024, 3, 1),
        "date_max": dt.date(2024, 4, 20),
        "sources": 3,
        "undated": 1,
        "duplicates": 1,
    }


# --------------------------------------------------------------------------- co-mentions


def expected_matrix(windows_of: dict[str, set], ids: list[str], measure: str, n: int):
    out = np.full((len(ids), len(ids)), np.nan)
    for i, a in enumerate(ids):
        for j, b in enumerate(ids):
            both = len(windows_of[a] & windows_of[b])
            na, nb = len(windows_of[a]), len(windows_of[b])
            if measure == "count":
                out[i, j] = both
            elif i != j and measure == "jaccard":
                out[i, j] = both / len(windows_of[a] | windows_of[b])
            elif i != j and measure == "pmi" and both:
                out[i, j] = math.log2((both / n) / ((na / n) * (nb / n)))
    return out


@pytest.mark.parametrize("measure", ["count", "jaccard", "pmi"])
@pytest.mark.parametrize(
    ("window", "windows_of", "n_windows"),
    [("sentence", SENTENCES_OF, 7), ("article", ARTICLES_OF, 4)],
)
def test_comention_measures_match_hand_computation(corpus, measure, window, windows_of, n_windows):
    matrix = comention_matrix(view_of(corpus), top_n=10, window=window, measure=measure)
    ids = list(matrix.index)
    assert ids == list(matrix.columns)
    assert set(ids) == set(windows_of)
    expected = expected_matrix(windows_of, ids, measure, n_windows)
    np.testing.assert_allclose(matrix.to_numpy(dtype=float), expected, equal_nan=True)
    np.testing.assert_allclose(matrix.to_numpy(dtype=float), matrix.T.to_numpy(dtype=float),
                               equal_nan=True)  # fmt: skip


def test_comention_known_values(corpus):
    view = view_of(corpus)
    jac = comention_matrix(view, measure="jaccard")
    assert jac.loc["lavrov", "dam"] == pytest.approx(2 / 5)  # {0,6} of {0,1,4,5,6}
    pmi = comention_matrix(view, measure="pmi")
    assert pmi.loc["lavrov", "dam"] == pytest.approx(math.log2(2 * 7 / (4 * 3)))
    assert math.isnan(pmi.loc["lavrov", "un"])  # never in one sentence
    assert math.isnan(pmi.loc["dam", "dam"]) and math.isnan(jac.loc["dam", "dam"])
    counts = comention_matrix(view, measure="count")
    assert counts.loc["dam", "dam"] == 3 and counts.loc["lavrov", "un"] == 0
    assert comention_matrix(view, window="article").loc["lavrov", "un"] == 1  # both in a2


def test_comention_frequency_order_and_selection(corpus):
    view = view_of(corpus)
    assert list(comention_matrix(view).index) == ["lavrov", "dam", "rus", "assad", "un", "syr"]
    assert list(comention_matrix(view, top_n=3).index) == ["lavrov", "dam", "rus"]
    chosen = comention_matrix(view, actor_ids=["un", "nobody", "assad"])
    assert set(chosen.index) == {"un", "assad"} and chosen.loc["un", "assad"] == 1


def test_comention_follows_the_filter(corpus):
    # Within Assad's articles (a1, a4) Lavrov and Russia share sentence 1 only.
    result = comention(view_of(corpus, actors=["assad"]), window="sentence")
    assert result.n_windows == 4  # every sentence of a1 and a4
    assert result.counts.loc["lavrov", "rus"] == 1
    assert "lavrov" in result.counts.index and result.counts.loc["lavrov", "lavrov"] == 2


def test_cluster_order_puts_related_actors_together():
    # Two groups that are only ever named together, interleaved by frequency.
    texts = ["أحمد وباسم وجميل."] * 5 + ["دانة وهالة وزينب."] * 4 + ["أحمد."] * 3 + ["دانة."] * 2
    texts += ["باسم."] * 2 + ["هالة."]
    arts = [{"article_id": f"x{i}", "date": "2024-01-01", "text": t} for i, t in enumerate(texts)]
    names = ["أحمد", "باسم", "جميل", "دانة", "هالة", "زينب"]
    actors = [
        {"actor_id": f"p{i}", "name_ar": n, "kind": "PER", "surfaces": [n]}
        for i, n in enumerate(names)
    ]
    view = apply_filter(build_corpus(arts, actors))
    freq = comention_matrix(view, order="frequency")
    assert list(freq.index[:2]) == ["p0", "p1"]
    ordered = list(comention_matrix(view, order="cluster").index)
    first, second = {"p0", "p1", "p2"}, {"p3", "p4", "p5"}
    assert {frozenset(ordered[:3]), frozenset(ordered[3:])} == {frozenset(first),
                                                                frozenset(second)}  # fmt: skip
    cluster = comention_matrix(view, order="cluster")
    pd.testing.assert_frame_equal(cluster.loc[freq.index, freq.columns], freq)


def test_comention_counts_equal_a_brute_force_count_on_a_random_corpus():
    corpus = synthetic_corpus(n_articles=200, sentences_per_article=5, n_actors=40, seed=3)
    view = apply_filter(corpus, Filter(date_from="2023-06-01"))
    for window, key in (("sentence", "sentence_id"), ("article", "article_id")):
        matrix = comention_matrix(view, top_n=15, window=window)
        pairs = view.mentions[["actor_id", key]].drop_duplicates()
        both = pairs.merge(pairs, on=key)
        brute = both.groupby(["actor_id_x", "actor_id_y"]).size()
        for a in matrix.index:
            for b in matrix.columns:
                assert matrix.loc[a, b] == brute.get((a, b), 0), (window, a, b)


def test_comention_rejects_unknown_options(corpus):
    with pytest.raises(ValueError, match="measure"):
        comention_matrix(view_of(corpus), measure="cosine")


def test_pair_sentences(corpus):
    view = view_of(corpus)
    rows = pair_sentences(view, "lavrov", "dam")
    assert list(rows["sentence_id"]) == [0, 6]  # dated a1 first, undated a5 last
    assert rows.loc[0, "source"] == "سانا" and rows.loc[0, "title"] == "لقاء في دمشق"
    assert rows.loc[0, "date"] == pd.Timestamp("2024-03-01")
    by_article = pair_sentences(view, "lavrov", "un", window="article")
    # Only a2 names both; its sentences naming either of them:
    assert list(by_article["sentence_id"]) == [3, 4]
    assert list(by_article["has_a"]) == [False, True]
    assert list(by_article["has_b"]) == [True, False]
    sana_only = pair_sentences(view_of(corpus, sources=["سانا"]), "lavrov", "dam")
    assert sana_only["sentence_id"].tolist() == [0]


# --------------------------------------------------------------------------- timelines


def test_mentions_over_time_daily_is_zero_filled(corpus):
    df = mentions_over_time(view_of(corpus), ["lavrov", "assad", "nobody"], freq="D")
    assert list(df.columns) == ["period", "actor_id", "mentions"]
    days = pd.date_range("2024-03-01", "2024-04-20", freq="D")
    assert list(df["actor_id"].unique()) == ["lavrov", "assad"]
    lav = df[df["actor_id"] == "lavrov"].set_index("period")["mentions"]
    assert list(lav.index) == list(days)
    assert lav[pd.Timestamp("2024-03-01")] == 2 and lav[pd.Timestamp("2024-03-05")] == 1
    assert lav.sum() == 3  # the undated a5 is not on a timeline
    assert (lav.drop([pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-05")]) == 0).all()


def test_mentions_over_time_weeks_and_months(corpus):
    weekly = mentions_over_time(view_of(corpus), ["assad"], freq="W")
    # 2024-03-01 is a Friday: its week starts on Monday 2024-02-26.
    assert weekly["period"].iloc[0] == pd.Timestamp("2024-02-26")
    assert len(weekly) == 8 and weekly["mentions"].tolist() == [1, 0, 0, 0, 0, 0, 0, 1]
    monthly = mentions_over_time(view_of(corpus), ["lavrov", "un"], freq="M")
    got = monthly.set_index(["actor_id", "period"])["mentions"].to_dict()
    march, april = pd.Timestamp("2024-03-01"), pd.Timestamp("2024-04-01")
    assert got == {("lavrov", march): 3, ("lavrov", april): 0, ("un", march): 1, ("un", april): 1}
    default = mentions_over_time(view_of(corpus), None, freq="M", top_n=2)
    assert list(default["actor_id"].unique()) == ["lavrov", "dam"]


def test_articles_over_time(corpus):
    daily = articles_over_time(view_of(corpus), "D")
    assert daily["articles"].sum() == 3 and len(daily) == 51
    by_source = articles_over_time(view_of(corpus), "M", by_source=True)
    got = by_source.set_index(["source", "period"])["articles"].to_dict()
    assert got[("سانا", pd.Timestamp("2024-03-01"))] == 1
    assert got[("سانا", pd.Timestamp("2024-04-01"))] == 1
    assert got[("رويترز", pd.Timestamp("2024-04-01"))] == 0


def test_mentions_by_kind_over_time(corpus):
    df = mentions_by_kind_over_time(view_of(corpus), "M")
    got = df.set_index(["kind", "period"])["mentions"].to_dict()
    # PER: assad 0, lavrov 0/1/4 in March + assad 5 in April; a5 undated.
    assert got[("PER", pd.Timestamp("2024-03-01"))] == 4
    assert got[("PER", pd.Timestamp("2024-04-01"))] == 1
    assert got[("ORG", pd.Timestamp("2024-04-01"))] == 1


def test_referenced_dates(corpus):
    refs = referenced_dates(view_of(corpus))
    assert list(refs["value"]) == ["1949", "2023-SU", "2024", "2024-03-05"]
    row = refs.set_index("value").loc["2023-SU"]
    assert row["period_start"] == pd.Timestamp("2023-06-01")
    assert row["period_end"] == pd.Timestamp("2023-08-31")
    assert refs.set_index("value").loc["2024", "relative"] == 1
    assert list(referenced_dates(view_of(corpus), "year")["value"]) == ["1949", "2024"]
    assert list(referenced_dates(view_of(corpus, actors=["un"]))["value"]) == [
        "2023-SU",
        "2024-03-05",
    ]
    both = referenced_vs_published(view_of(corpus), "M").set_index("period")
    assert both.loc[pd.Timestamp("2024-03-01"), "published"] == 2
    assert both.loc[pd.Timestamp("2024-03-01"), "referenced"] == 1  # 2024-03-05; years don't fit


# --------------------------------------------------------------------------- terms


def test_term_frequencies_count_keys_and_label_with_the_commonest_form():
    arts = [
        {"article_id": "t1", "text": "أكّد الوزير. أكد الوزير. اكد المتحدث. أكد الرئيس."},
    ]
    freqs = term_frequencies(apply_filter(build_corpus(arts, [])))
    row = freqs.set_index("term").loc["اكد"]
    assert row["count"] == 4 and row["display"] == "أكد"  # 2x أكد beats أكّد and اكد
    assert freqs.iloc[0]["term"] == "اكد"
    assert freqs.set_index("term").loc["الوزير", "count"] == 2


def test_term_frequencies_follow_the_view_and_exclude_duplicates(corpus):
    # A pipeline that forgot to drop the duplicate's sentences and terms:
    leaky = copy.copy(corpus)
    extra_sent = corpus.sentences[corpus.sentences["article_id"] == "a2"].assign(
        article_id="a3", sentence_id=lambda d: d["sentence_id"] + 100
    )
    leaky.sentences = conform("sentences", pd.concat([corpus.sentences, extra_sent]))
    extra_terms = corpus.terms[corpus.terms["sentence_id"].isin([3, 4])].assign(
        sentence_id=lambda d: d["sentence_id"] + 100
    )
    leaky.terms = conform("terms", pd.concat([corpus.terms, extra_terms]))
    counts = term_frequencies(leaky).set_index("term")["count"]
    assert counts["روسيا"] == 3  # sentences 1, 3 and 4, not the copies of 3 and 4
    assert term_frequencies(corpus).set_index("term")["count"]["روسيا"] == 3

    a4 = view_of(corpus, sources=["سانا"], date_from="2024-04-01")
    only_a4 = term_frequencies(a4, names="split")
    assert set(only_a4["term"]) == {"التقي", "الاسد", "وفدا", "من", "الامم", "المتحده", "في",
                                    "دمشق", "صيف", "2023"}  # fmt: skip
    merged = set(term_frequencies(a4)["term"])  # the UN's two words are one term
    assert merged == set(only_a4["term"]) - {"الامم", "المتحده"} | {"الامم المتحده"}
    picked = term_frequencies(view_of(corpus), sentence_ids=[6])
    assert picked["count"].sum() == 3


def test_word_cloud_frequencies(corpus):
    cloud = word_cloud_frequencies(view_of(corpus, actors=["lavrov"]), max_words=3)
    assert len(cloud) == 3
    assert cloud["لافروف"] == 4
    assert list(cloud.values()) == sorted(cloud.values(), reverse=True)


# --------------------------------------------------------------------------- search


def texts(df):
    return df["sentence_id"].tolist()


def test_search_folds_hamza_and_diacritics(corpus):
    view = view_of(corpus)
    assert texts(search_sentences(view, "اكد")) == [1]  # the text says وأكّد
    assert texts(search_sentences(view, "الأمم المتّحدة")) == [5, 3]  # newest article first
    assert texts(search_sentences(view, "المتحده")) == [5, 3]  # ة typed as ه
    assert texts(search_sentences(view, '"الامم المتحدة روسيا"')) == [3]  # phrase
    assert texts(search_sentences(view, "لافروف روسيا")) == [4, 1]  # every word


def test_search_matches_article_metadata(corpus):
    view = view_of(corpus)
    assert texts(search_sentences(view, "رويترز")) == [3, 4]  # source; not the duplicate
    assert texts(search_sentences(view, "اللاذقية")) == [0, 1, 2]  # dateline
    assert texts(search_sentences(view, "2024-04-20")) == [5]  # article date
    assert texts(search_sentences(view, "رويترز لافروف")) == [4]


def test_search_stays_inside_the_view(corpus):
    assert texts(search_sentences(view_of(corpus, actors=["assad"]), "دمشق")) == [5, 0]
    assert len(search_sentences(view_of(corpus), "")) == 7
    assert search_sentences(view_of(corpus), "غير موجود").empty
    found = search_sentences(view_of(corpus), "دمشق")
    assert {"source", "title", "dateline", "date", "text"} <= set(found.columns)


# --------------------------------------------------------------------------- edge cases


@pytest.mark.parametrize(
    "articles",
    [[], [{"article_id": "u", "text": "نص بلا تاريخ."}]],
    ids=["no articles", "one undated article without actors"],
)
def test_empty_and_actorless_corpora_give_empty_results_not_errors(articles):
    corpus = build_corpus(articles, [])
    view = apply_filter(corpus)
    assert summary(view)["mentions"] == 0
    assert top_actors(view).empty and actor_table(view).empty
    assert comention_matrix(view).shape == (0, 0)
    assert mentions_over_time(view, None, "W").empty
    assert articles_over_time(view, "D")["articles"].sum() == 0  # undated: not on a timeline
    assert referenced_dates(view).empty
    assert pair_sentences(view, "x", "y").empty
    assert len(search_sentences(view, "نص")) == len(articles)
    assert summary(apply_filter(corpus, Filter(date_from="2024-01-01")))["articles"] == 0


def test_filter_options(corpus):
    from dashboard.analysis import filter_options

    options = filter_options(corpus)
    assert options["sources"][0] == "سانا"  # two articles; the duplicate is not counted
    assert set(options["sources"]) == {"سانا", "رويترز", "الجزيرة"}
    assert options["kinds"] == ["PER", "GPE", "ORG"]
    assert (options["date_min"], options["date_max"]) == (dt.date(2024, 3, 1), dt.date(2024, 4, 20))


# --------------------------------------------------------------------------- partners, pairs, words


def test_actor_partners(corpus):
    from dashboard.analysis import actor_partners

    partners = actor_partners(view_of(corpus), "lavrov")
    # Lavrov's sentences {0,1,4,6}: dam {0,6}, rus {1,4}, syr {1}, assad {0}; never with un.
    assert list(partners["actor_id"]) == ["dam", "rus", "syr", "assad"]
    assert list(partners["together"]) == [2, 2, 1, 1]
    row = partners.set_index("actor_id").loc["dam"]
    assert row["windows"] == 3 and row["jaccard"] == pytest.approx(0.4)
    assert row["pmi"] == pytest.approx(math.log2(2 * 7 / (4 * 3)))
    by_article = actor_partners(view_of(corpus), "lavrov", window="article")
    assert by_article.set_index("actor_id").loc["un", "together"] == 1  # both in a2
    assert actor_partners(view_of(corpus), "nobody").empty


def test_top_pairs(corpus):
    from dashboard.analysis import top_pairs

    pairs = top_pairs(view_of(corpus), n=3)
    got = [frozenset((a, b)) for a, b in zip(pairs["a"], pairs["b"], strict=True)]
    # Three pairs share two sentences; assad-dam has the highest Jaccard (2/3).
    assert got[0] == {"assad", "dam"}
    assert set(got[1:]) == {frozenset({"lavrov", "dam"}), frozenset({"lavrov", "rus"})}
    assert list(pairs["count"]) == [2, 2, 2]


def test_distinctive_terms_prefer_words_concentrated_in_the_view():
    arts = [
        {"article_id": f"m{i}", "source": "عسكري", "text": "قال المتحدث إن الصواريخ أطلقت."}
        for i in range(6)
    ] + [
        {"article_id": f"e{i}", "source": "اقتصاد", "text": "قال المتحدث إن الأسعار ارتفعت."}
        for i in range(6)
    ]
    corpus = build_corpus(arts, [])
    from dashboard.analysis import distinctive_terms

    words = distinctive_terms(apply_filter(corpus, Filter(sources=["عسكري"])), min_count=2)
    z = words.set_index("term")["z"]
    assert words.iloc[0]["term"] in {"الصواريخ", "اطلقت"}
    assert z["الصواريخ"] > 0
    assert z["قال"] == pytest.approx(0.0)  # as common in the view as outside it
    assert "الاسعار" not in z.index  # never in the view
    assert distinctive_terms(apply_filter(corpus)).empty  # nothing to compare with


def test_query_terms_keep_phrases_and_drop_stray_quotes():
    from dashboard.analysis.sentences import query_terms

    assert query_terms('"الأمم المتّحدة"  أكّد «روسيا» "Reuters') == [
        "الامم المتحده",
        "اكد",
        "روسيا",
        "reuters",
    ]
    assert query_terms("   ") == []


def test_min_count_hides_measures_of_rare_pairs(corpus):
    pmi = comention_matrix(view_of(corpus), measure="pmi", min_count=2)
    assert pmi.loc["lavrov", "dam"] == pytest.approx(math.log2(2 * 7 / (4 * 3)))  # 2 sentences
    assert math.isnan(pmi.loc["lavrov", "assad"])  # only sentence 0
    counts = comention_matrix(view_of(corpus), measure="count", min_count=2)
    assert counts.loc["lavrov", "assad"] == 1  # counts are never hidden


def test_an_actor_named_hundreds_of_times_in_one_sentence_counts_one_window():
    text = "بوتين " * 300 + "وروسيا."
    actors = [
        {"actor_id": "putin", "name_ar": "بوتين", "kind": "PER", "surfaces": ["بوتين"]},
        {"actor_id": "rus", "name_ar": "روسيا", "kind": "GPE", "surfaces": ["روسيا"]},
    ]
    view = apply_filter(build_corpus([{"article_id": "p", "text": text}], actors))
    row = top_actors(view).set_index("actor_id").loc["putin"]
    assert (row["mentions"], row["articles"], row["sentences"]) == (300, 1, 1)
    assert comention_matrix(view).loc["putin", "rus"] == 1


def test_actors_sharing_a_name_are_told_apart_without_internal_ids():
    from dashboard.analysis.labels import actor_labels

    actors = pd.DataFrame(
        {
            "actor_id": ["org-lyfrbwl-86220d", "gpe-liverpool", "per-a1", "per-a2", "gpe-x"],
            "name_ar": ["ليفربول", "ليفربول", "أحمد علي", "أحمد علي", "روسيا"],
            "name_en": ["Liverpool F.C.", "Liverpool", None, None, "Russia"],
            "kind": ["ORG", "GPE", "PER", "PER", "GPE"],
        }
    )
    labels = actor_labels(actors, "ar")
    assert labels["org-lyfrbwl-86220d"] == "ليفربول (Liverpool F.C.)"
    assert labels["gpe-liverpool"] == "ليفربول (Liverpool)"
    assert {labels["per-a1"], labels["per-a2"]} == {"أحمد علي (1)", "أحمد علي (2)"}
    assert labels["gpe-x"] == "روسيا"
    english = actor_labels(
        actors.assign(name_en=["Liverpool", "Liverpool", None, None, "Russia"]), "en"
    )
    # Same name in both languages: the kind tells them apart.
    assert english["org-lyfrbwl-86220d"] == "Liverpool (Organisations)"
    assert english["gpe-liverpool"] == "Liverpool (Countries & cities)"
    assert all("-" not in label for label in labels.values())
