"""Quotes, an actor's profile and two actors compared, queried from a store (issue 15):
the store's answers agree with the pandas side on load_corpus of the same inputs, the
actor filter keeps what an actor said even where the sentence does not name them, and
the measures rank what they should. Corpora: the seed, and the generated one of
tests/test_query.py (two batches), both in tmp_path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard import load_corpus
from dashboard.analysis import (
    Filter,
    actor_partners,
    apply_filter,
    distinctive_terms,
    term_frequencies,
)
from dashboard.analysis.scoring.log_odds import PRIOR_WEIGHT, informative_prior, weighted_log_odds
from dashboard.arabic.tokens import counting_terms
from dashboard.query import QueryFilter, StoreQueries
from dashboard.query.profile import partner_min_count, word_min_count
from dashboard.store.writer import ingest
from tests.conftest import SEEDS
from tests.test_query import Pair, filters, generated_records, write_jsonl

CHOE, LAVROV, PUTIN = "per-choe-son-hui", "per-sergey-lavrov", "per-vladimir-putin"


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    store = tmp_path_factory.mktemp("seed") / "store"
    ingest(SEEDS, store, workers=1)
    queries = StoreQueries(store, memory_limit="256MB", threads=1)
    yield Pair(queries, load_corpus(SEEDS, use_cache=False, workers=1))
    queries.close()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("generated")
    source, store = root / "src", root / "store"
    source.mkdir()
    records = generated_records()
    write_jsonl(source / "a.jsonl", records[:20])
    ingest(source, store, workers=1)
    write_jsonl(source / "b.jsonl", records[20:])
    ingest(source, store, workers=1)
    queries = StoreQueries(store, memory_limit="256MB", threads=1)
    yield Pair(queries, load_corpus(source, use_cache=False, workers=1))
    queries.close()


@pytest.fixture(params=["seed", "generated"])
def pair(request):
    return request.getfixturevalue(request.param)


def article_text(corpus, article_id: str) -> str:
    arts = corpus.articles.set_index("article_id")
    return str(arts.loc[article_id, "text"])


# --- quotes ---------------------------------------------------------------------------


def test_an_actor_filter_keeps_what_the_actor_said_where_the_sentence_does_not_name_them(seed):
    everything = seed.queries.quotes(None, limit=None)
    choe = seed.queries.quotes(QueryFilter(actors=[CHOE]), limit=None)
    # Four statements are hers; two of them leave her implicit (وقالت، وأضافت) in
    # sentences that do not name her, and the actor filter still keeps them.
    hers = choe.rows[choe.rows["speaker"] == CHOE]
    assert len(hers) == 4
    named = set(seed.corpus.mentions.loc[seed.corpus.mentions["actor_id"] == CHOE, "sentence_id"])
    assert (~hers["sentence_id"].isin(named)).sum() >= 2
    assert choe.total == len(choe.rows) <= everything.total
    # Putin is only mentioned: no quote of his; his filter keeps only quotes whose
    # sentence names him.
    putin = seed.queries.quotes(QueryFilter(actors=[PUTIN]), limit=None).rows
    assert PUTIN not in set(everything.rows["speaker"].dropna())
    mentioned = set(
        seed.corpus.mentions.loc[seed.corpus.mentions["actor_id"] == PUTIN, "sentence_id"]
    )
    assert set(putin["sentence_id"]) <= mentioned


def test_quotes_agree_with_the_pandas_view_for_every_filter(pair):
    actors = [*pair.corpus.quotes["speaker"].dropna().unique()[:2]]
    shapes = [
        *filters(pair.corpus),
        Filter(actors=actors),
        Filter(actors=actors[:1], kinds=["GPE"]),
    ]
    for flt in shapes:
        view = apply_filter(pair.corpus, flt)
        got = pair.queries.quotes(flt, limit=None)
        assert got.total == len(view.quotes), flt
        assert set(got.rows["quote_id"]) == set(view.quotes["quote_id"]), flt


def test_quotes_come_newest_first_with_their_words_and_article(pair):
    page = pair.queries.quotes(None, limit=None).rows
    assert len(page) == len(pair.corpus.quotes) > 0
    dates = page["date"].dropna()
    assert dates.is_monotonic_decreasing
    assert page["date"].isna().to_numpy().tolist() == sorted(page["date"].isna())  # undated last
    for row in page.itertuples():
        text = article_text(pair.corpus, row.article_id)
        assert row.statement == text[row.start : row.end]
        assert text[row.verb_start : row.verb_end] == row.verb
    arts = pair.corpus.articles.set_index("article_id")
    assert page["title"].fillna("").tolist() == [
        "" if pd.isna(t) else t for t in arts.loc[page["article_id"], "title"]
    ]
    # Pages of two: the same rows in the same order.
    paged = pd.concat(
        [pair.queries.quotes(None, offset=o, limit=2).rows for o in range(0, len(page), 2)]
    )
    assert paged["quote_id"].tolist() == page["quote_id"].tolist()


def test_quotes_of_speakers(seed):
    lavrov = seed.queries.quotes(None, speakers=[LAVROV], limit=None)
    assert lavrov.total == 3 and set(lavrov.rows["speaker"]) == {LAVROV}
    both = seed.queries.quotes(None, speakers=[LAVROV, CHOE], limit=None)
    assert both.total == 7
    assert seed.queries.quotes(None, speakers=["no-such-actor"]).total == 0
    assert seed.queries.quotes(None, speakers=[]).total == 0


# --- one actor ------------------------------------------------------------------------


def top_ids(corpus, n: int) -> list[str]:
    ranked = corpus.actors.sort_values(["mentions", "actor_id"], ascending=[False, True])
    return ranked["actor_id"].astype(str).head(n).tolist()


def own_mentions(corpus, flt: Filter, actor_id: str) -> pd.DataFrame:
    """The actor's mentions in the articles of ``flt`` without its actors (pandas)."""
    view = apply_filter(
        corpus, Filter(sources=flt.sources, date_from=flt.date_from, date_to=flt.date_to)
    )
    ments = corpus.mentions[corpus.mentions["actor_id"] == actor_id]
    ments = ments[ments["article_id"].isin(view.articles["article_id"])]
    return ments.merge(view.articles[["article_id", "date", "source"]], on="article_id")


def test_the_summary_counts_the_actor_whatever_the_kinds(pair):
    for flt in filters(pair.corpus):
        for actor_id in top_ids(pair.corpus, 3):
            got = pair.queries.actor_summary(flt, actor_id)
            ments = own_mentions(pair.corpus, flt, actor_id)
            assert got["mentions"] == len(ments), (flt, actor_id)
            assert got["articles"] == ments["article_id"].nunique()
            assert got["sentences"] == ments["sentence_id"].nunique()
            days = pd.to_datetime(ments["date"]).dropna()
            assert got["first_seen"] == (days.min().date() if len(days) else None)
            view = apply_filter(
                pair.corpus,
                Filter(sources=flt.sources, date_from=flt.date_from, date_to=flt.date_to),
            )
            assert got["quotes"] == int((view.quotes["speaker"] == actor_id).sum())


@pytest.mark.parametrize("freq", ["D", "W", "M"])
def test_timelines_by_source_add_up_to_the_dated_mentions(pair, freq):
    for flt in filters(pair.corpus)[::2]:
        ids = top_ids(pair.corpus, 2)
        lines = pair.queries.actor_timeline(flt, [*ids, "no-such-actor"], freq=freq, by_source=True)
        assert list(lines.columns) == ["period", "actor_id", "source", "mentions"]
        for actor_id in ids:
            ments = own_mentions(pair.corpus, flt, actor_id).dropna(subset=["date"])
            mine = lines[lines["actor_id"] == actor_id]
            by_source = mine.groupby("source")["mentions"].sum()
            want = ments["source"].fillna("").value_counts()
            assert by_source[by_source > 0].sort_index().to_dict() == want.sort_index().to_dict()
        assert "no-such-actor" not in set(lines["actor_id"])
        # Every period from the first to the last, once per (actor, source).
        for _, grp in lines.groupby(["actor_id", "source"]):
            periods = pd.DatetimeIndex(grp["period"])
            assert periods.is_monotonic_increasing and periods.is_unique
        assert lines["actor_id"].drop_duplicates().tolist() == [
            a for a in ids if a in set(lines["actor_id"])
        ]
        overlay = pair.queries.actor_timeline(flt, ids, freq=freq)
        assert overlay.groupby("actor_id")["mentions"].sum().to_dict() == (
            lines.groupby("actor_id")["mentions"].sum().to_dict()
        )


def test_partners_match_the_pandas_analysis_and_rank_rare_pairs_last(pair):
    for flt in filters(pair.corpus):
        if flt.kinds:
            continue  # the profile counts its actor's own mentions whatever the kinds
        view = apply_filter(
            pair.corpus, Filter(sources=flt.sources, date_from=flt.date_from, date_to=flt.date_to)
        )
        for actor_id in top_ids(pair.corpus, 2):
            got = pair.queries.actor_partners(flt, actor_id, n=None, min_count=2)
            want = actor_partners(view, actor_id, n=None).set_index("actor_id")
            assert set(got["actor_id"]) == set(want.index), (flt, actor_id)
            mine = got.set_index("actor_id").loc[want.index]
            assert mine["together"].tolist() == want["together"].tolist()
            assert mine["windows"].tolist() == want["windows"].tolist()
            often = mine["together"] >= 2
            np.testing.assert_allclose(mine.loc[often, "pmi"], want.loc[often, "pmi"])
            assert mine.loc[~often, "pmi"].isna().all()
            # Ranked by PMI among pairs seen at least twice, the rest after them.
            rare = (got["together"] < 2).tolist()
            assert rare == sorted(rare)
            pmis = got.loc[~got["together"].lt(2), "pmi"].tolist()
            assert pmis == sorted(pmis, reverse=True)
            by_count = pair.queries.actor_partners(flt, actor_id, n=3, order="together")
            assert by_count["together"].tolist() == sorted(got["together"], reverse=True)[:3]


def test_partners_follow_the_kinds_and_leave_the_actor_out(seed):
    people = seed.queries.actor_partners(QueryFilter(kinds=["PER"]), LAVROV, n=None)
    assert set(people["kind"]) == {"PER"} and LAVROV not in set(people["actor_id"])
    # Lavrov is named in 3 sentences: PMI needs the floor of 3 shared sentences.
    assert people.attrs["min_count"] == 3 and people["pmi"].isna().all()
    assert seed.queries.actor_partners(None, "no-such-actor").empty
    with pytest.raises(ValueError):
        seed.queries.actor_partners(None, LAVROV, window="paragraph")


def test_the_pmi_floor_grows_with_the_actor():
    # At least 3 shared windows, and at least 1 % of the actor's own windows.
    assert [partner_min_count(n) for n in (0, 3, 300, 301, 2420)] == [3, 3, 3, 4, 25]


def name_keys(corpus, actor_ids) -> set[str]:
    surfaces = corpus.mentions.loc[corpus.mentions["actor_id"].isin(actor_ids), "surface"]
    return {key for s in surfaces for _, key, _ in counting_terms(str(s))}


def test_an_actors_words_are_the_fightin_words_of_its_sentences_without_its_name(pair):
    for actor_id in top_ids(pair.corpus, 3):
        got = pair.queries.actor_words(None, actor_id, top_n=None, min_count=1)
        assert not set(got["term"]) & name_keys(pair.corpus, [actor_id])
        # The sentences naming the actor against the rest: what the pandas analysis
        # computes for a view filtered to that actor, word for word.
        want = distinctive_terms(
            apply_filter(pair.corpus, Filter(actors=[actor_id])), top_n=None, min_count=1
        )
        want = want.set_index("term").loc[got["term"]]
        assert got["count"].tolist() == want["count"].tolist()
        assert got["other"].tolist() == want["rest"].tolist()
        np.testing.assert_allclose(got["z"], want["z"])
        assert got["z"].is_monotonic_decreasing
        assert (got["count"] >= 1).all()
        assert (pair.queries.actor_words(None, actor_id, top_n=None)["count"] >= 3).all()


def test_an_actors_words_under_dates_and_sources_score_against_the_filters_other_sentences(pair):
    # Without dates or sources the totals come from a table built once; with them, from
    # the filter's sentences: both must be the formula on the filter's counts.
    for flt in filters(pair.corpus):
        if flt.actors or flt.kinds:
            continue
        bounds = {"sources": flt.sources, "date_from": flt.date_from, "date_to": flt.date_to}
        everything = term_frequencies(apply_filter(pair.corpus, Filter(**bounds)), names="split")
        all_counts = everything.set_index("term")["count"].astype(float)
        for actor_id in top_ids(pair.corpus, 2):
            got = pair.queries.actor_words(flt, actor_id, top_n=None, min_count=1)
            theirs = apply_filter(pair.corpus, Filter(actors=[actor_id], **bounds))
            own = term_frequencies(theirs, names="split").set_index("term")["count"]
            y_i = own.reindex(all_counts.index, fill_value=0).astype(float)
            y_j = all_counts - y_i
            if y_i.sum() == 0 or y_j.sum() == 0:
                assert got.empty, (flt, actor_id)
                continue
            z = pd.Series(
                weighted_log_odds(y_i, y_j, informative_prior(all_counts, PRIOR_WEIGHT)).z,
                index=all_counts.index,
            )
            assert len(got), (flt, actor_id)
            assert got["count"].tolist() == y_i[got["term"]].astype(int).tolist()
            assert got["other"].tolist() == y_j[got["term"]].astype(int).tolist()
            np.testing.assert_allclose(got["z"], z[got["term"]])
            # Every word of the actor's sentences but its names is there.
            named = name_keys(pair.corpus, [actor_id])
            assert set(got["term"]) == set(own.index) - named, (flt, actor_id)


def test_a_side_with_few_words_lists_words_seen_fewer_times(seed):
    # One occurrence per 100 words of the side, between 1 and 3.
    assert [word_min_count(n) for n in (0, 99, 100, 250, 300, 10_000)] == [1, 1, 1, 2, 3, 3]
    # Choe's few sentences in the seed: no word of hers reaches 3, but some are listed
    # with the floor her words set.
    strict = seed.queries.actor_words(None, CHOE, top_n=None)
    adaptive = seed.queries.actor_words(None, CHOE, top_n=None, min_count=None)
    assert len(adaptive) > len(strict)
    floor = int(adaptive["count"].min())
    assert floor < 3
    same = seed.queries.actor_words(None, CHOE, top_n=None, min_count=floor)
    assert adaptive["term"].tolist() == same["term"].tolist()
    for_a, for_b = seed.queries.compare_words(None, CHOE, LAVROV, top_n=None, min_count=None)
    assert len(for_a) and len(for_b)


def test_a_word_only_one_actor_uses_tops_its_side(generated):
    # In the generated corpus Lavrov's seed sentences keep their words; compare him with
    # Putin: a word of Lavrov's sentences never in Putin's has a positive score on his side
    # and the same score, negated, on Putin's list would put it last.
    for_a, for_b = generated.queries.compare_words(None, LAVROV, PUTIN, top_n=None, min_count=1)
    assert len(for_a) and len(for_b)
    assert not (set(for_a["term"]) | set(for_b["term"])) & name_keys(
        generated.corpus, [LAVROV, PUTIN]
    )
    assert for_a["z"].is_monotonic_decreasing and for_b["z"].is_monotonic_decreasing
    only_a = for_a[for_a["other"] == 0]
    assert (only_a["z"] > 0).all()
    both = for_a.merge(for_b, on="term", suffixes=("_a", "_b"))
    np.testing.assert_allclose(both["z_a"], -both["z_b"])
    assert (both["count_a"] == both["other_b"]).all()


def test_actors_named_with_both(pair):
    a, b = top_ids(pair.corpus, 2)
    shared = pair.queries.shared_partners(None, a, b, n=None)
    first = pair.queries.actor_partners(None, a, n=None, min_count=1).set_index("actor_id")
    second = pair.queries.actor_partners(None, b, n=None, min_count=1).set_index("actor_id")
    assert set(shared["actor_id"]) == (set(first.index) & set(second.index)) - {a, b}
    for row in shared.itertuples():
        assert row.with_a == first.loc[row.actor_id, "together"]
        assert row.with_b == second.loc[row.actor_id, "together"]
    low = np.minimum(shared["with_a"], shared["with_b"]).tolist()
    assert low == sorted(low, reverse=True)


def test_an_actors_dates_are_those_of_the_sentences_naming_it(pair):
    for actor_id in top_ids(pair.corpus, 2):
        got = pair.queries.actor_dates(Filter(kinds=["ORG"]), actor_id)
        view = apply_filter(pair.corpus, Filter(actors=[actor_id]))
        assert got["mentions"].sum() == len(view.dates)
        assert set(got["value"]) == set(view.dates["value"].dropna())


def test_an_actors_dates_equal_those_of_the_filter_naming_only_it(pair):
    # The profile reads them from the actor's sentences; the dates page from the filter.
    opts = pair.queries.filter_options()
    for flt in [QueryFilter(), QueryFilter(sources=opts["sources"][:1], kinds=("PER",))]:
        for actor_id in top_ids(pair.corpus, 3):
            got = pair.queries.actor_dates(flt, actor_id, ["day", "month"])
            want = pair.queries.referenced_dates(
                QueryFilter(actors=(actor_id,), sources=flt.sources), ["day", "month"]
            )
            pd.testing.assert_frame_equal(got, want)


# --- what a profile reads once -------------------------------------------------------


def test_two_actors_read_together_give_what_each_gives_alone(generated):
    # A fresh database reads both actors' mentions in one scan; the shared one has read
    # each alone before.
    a, b = top_ids(generated.corpus, 2)
    fresh = StoreQueries(generated.queries.db.store.folder, memory_limit="256MB", threads=1)
    try:
        both = fresh.compare_words(None, a, b, top_n=None, min_count=1)
        shared = fresh.shared_partners(None, a, b, n=None)
        summaries = [fresh.actor_summary(None, actor_id) for actor_id in (a, b)]
    finally:
        fresh.close()
    for got, want in zip(
        both, generated.queries.compare_words(None, a, b, top_n=None, min_count=1), strict=True
    ):
        pd.testing.assert_frame_equal(got, want)
    pd.testing.assert_frame_equal(shared, generated.queries.shared_partners(None, a, b, n=None))
    for actor_id, summary in zip((a, b), summaries, strict=True):
        assert summary == generated.queries.actor_summary(None, actor_id)
        assert summary["mentions"] == len(own_mentions(generated.corpus, Filter(), actor_id))


def test_each_speakers_quotes_in_one_query_are_the_pages_of_each(pair):
    speakers = pair.corpus.quotes["speaker"].dropna().value_counts().index[:3].tolist()
    speakers.append("no-such-actor")
    for flt in [QueryFilter(), QueryFilter(actors=tuple(speakers[:1])), *filters(pair.corpus)]:
        for limit in (2, 0):
            pages = pair.queries.speaker_quotes(flt, speakers, limit)
            assert list(pages) == speakers
            for speaker in speakers:
                want = pair.queries.quotes(flt, [speaker], 0, limit)
                assert pages[speaker].total == want.total, (flt, speaker, limit)
                pd.testing.assert_frame_equal(pages[speaker].rows, want.rows)


def test_a_page_of_quotes_past_the_end_still_counts_them(seed):
    everything = seed.queries.quotes(None, speakers=[LAVROV, CHOE], limit=None)
    past = seed.queries.quotes(None, speakers=[LAVROV, CHOE], offset=everything.total, limit=5)
    assert past.total == everything.total == 7 and past.rows.empty
    assert seed.queries.quotes(None, speakers=[CHOE], limit=0).total == 4


def test_the_headline_counts_the_quotes_the_list_shows_in_either_order(seed):
    # The profile reads its list first and the headline takes its total from there.
    for flt in [QueryFilter(), QueryFilter(kinds=("GPE",))]:
        listed = seed.queries.quotes(flt, [CHOE], 0, 2)
        assert seed.queries.actor_summary(flt, CHOE)["quotes"] == listed.total == 4
        assert seed.queries.actor_summary(flt, LAVROV)["quotes"] == 3
        assert seed.queries.quotes(flt, [LAVROV], 0, 2).total == 3
