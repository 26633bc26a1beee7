"""Term counts with the names policy over a store (dashboard.query.names) equal the
analysis layer's on load_corpus of the same inputs: names merged, omitted or split."""

from __future__ import annotations

import pytest
from conftest import SEEDS
from ui_corpus import write_corpus

from dashboard.analysis.filters import Filter, apply_filter
from dashboard.analysis.terms import term_frequencies, word_cloud_frequencies
from dashboard.query import QueryFilter, StoreQueries
from dashboard.query import names as name_terms


@pytest.fixture(scope="module", params=["seeds", "ui_corpus"])
def pair(request, tmp_path_factory):
    """(store queries, load_corpus) of the seed and of the forty-article UI corpus."""
    from dashboard import load_corpus
    from dashboard.store.writer import ingest

    root = tmp_path_factory.mktemp("names")
    source = SEEDS if request.param == "seeds" else write_corpus(root / "src")
    ingest(source, root / "store")
    return StoreQueries(root / "store"), load_corpus(source, use_cache=False)


def filters(corpus) -> list[Filter]:
    top = corpus.actors.sort_values(["mentions", "actor_id"], ascending=False)
    return [
        Filter(),
        Filter(actors=[str(top["actor_id"].iloc[0])]),
        Filter(kinds=["PER"]),
        Filter(date_from="2030-01-01"),  # nothing left
    ]


@pytest.mark.parametrize("names", ["merge", "omit", "split"])
def test_term_counts_and_the_cloud_follow_the_names_policy_as_the_analysis_does(pair, names):
    queries, corpus = pair
    for flt in filters(corpus):
        view = apply_filter(corpus, flt)
        for top_n in (None, 10):
            got = name_terms.term_frequencies(queries.db, QueryFilter.of(flt), top_n, names)
            want = term_frequencies(view, top_n=top_n, names=names).reset_index(drop=True)
            assert got.equals(want), (flt, top_n)
        cloud = name_terms.word_cloud_frequencies(queries.db, QueryFilter.of(flt), 40, names)
        want_cloud = word_cloud_frequencies(view, 40, names)
        assert list(cloud.items()) == list(want_cloud.items())
        table, both = name_terms.terms_and_cloud(queries.db, QueryFilter.of(flt), 10, 40, names)
        assert table.equals(term_frequencies(view, top_n=10, names=names).reset_index(drop=True))
        assert list(both.items()) == list(want_cloud.items())


def test_merging_counts_a_multi_word_name_once_and_not_its_words(pair):
    queries, corpus = pair
    merged = name_terms.term_frequencies(queries.db, QueryFilter(), None, "merge")
    split = name_terms.term_frequencies(queries.db, QueryFilter(), None, "split")
    multi = corpus.actors[corpus.actors["name_ar"].str.contains(" ", na=False)]
    multi = multi[multi["mentions"] > 0]
    assert len(multi), "the corpus names a multi-word actor"
    assert set(multi["name_ar"]) & set(merged["display"])
    assert not set(multi["name_ar"]) & set(split["display"])
    assert merged["count"].sum() < split["count"].sum()  # words merged into fewer terms


def test_an_unknown_policy_is_refused(pair):
    queries, _ = pair
    with pytest.raises(ValueError, match="names must be one of"):
        name_terms.term_frequencies(queries.db, QueryFilter(), None, "join")
