"""The store queries (dashboard.query) give what the pandas analysis gives on load_corpus of
the same inputs (issue 11, "one query interface on DuckDB"), for every filter shape the
pages build. Corpora: the seed, and a generated JSONL + wire files ingested in two runs
(two batches), both in tmp_path."""

from __future__ import annotations

import json
import random
import shutil
import threading
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pytest

from dashboard import load_corpus
from dashboard.analysis import (
    Filter,
    actor_table,
    apply_filter,
    articles_over_time,
    comention,
    filter_options,
    mentions_over_time,
    pair_sentences,
    referenced_dates,
    search_sentences,
    summary,
    term_frequencies,
    top_actors,
    word_cloud_frequencies,
)
from dashboard.arabic.normalize import normalize
from dashboard.ingest.corpus_level import ARTICLE_KEYS, DERIVED_TABLES
from dashboard.query import QueryFilter, StoreQueries
from dashboard.store.manifest import read_manifest, write_manifest
from dashboard.store.writer import ingest
from tests.conftest import SEED_FILE, SEEDS

SOURCES = ["BBC", "CNN", "رويترز", None]


def seed_sentences() -> list[str]:
    """The seed article's body, cut into sentences (material for generated articles)."""
    body = SEED_FILE.read_text(encoding="utf-8").split(":", 1)[1]
    parts = [p.strip() for p in body.replace("\n", " ").split(".")]
    return [p + "." for p in parts if len(p) > 20]


EXTRA = [
    "قال الرئيس الروسي فلاديمير بوتين في موسكو أمس إن بلاده ستواصل الحوار مع الصين.",
    "زار وزير الخارجية الأمريكي القاهرة يوم الأحد الماضي. وبحث مع نظيره المصري العلاقات.",
    "استقبل ولي العهد السعودي في الرياض رئيس وزراء باكستان يوم الخميس.",
    "قالت الحكومة اللبنانية في بيروت إنها ستجتمع غدا لبحث الأزمة مع سوريا.",
    "التقى الملك عبد الله الثاني في عمّان وفدا أوروبيا في آذار الماضي.",
    "أعلنت وزارة الخارجية القطرية في الدوحة عن جولة جديدة من المفاوضات في أكتوبر 2023.",
]


def generated_records(n: int = 36) -> list[dict]:
    rng = random.Random(11)
    pool = seed_sentences() + EXTRA
    records = []
    for i in range(n):
        text = " ".join(rng.sample(pool, rng.randint(2, 5)))
        day = pd.Timestamp("2023-01-01") + pd.Timedelta(days=rng.randint(0, 500))
        record = {"id": f"g{i:03d}", "text": text, "title": f"خبر رقم {i}"}
        if i % 9 != 4:  # some articles have no date
            record["date"] = day.strftime("%Y-%m-%d")
        source = SOURCES[i % len(SOURCES)]
        if source:
            record["source"] = source
        records.append(record)
    records.append({**records[3], "id": "copy-of-g003"})  # an exact duplicate
    return records


def write_jsonl(path, records) -> None:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )


@dataclass
class Pair:
    """A store's queries and load_corpus's frames of the same inputs."""

    queries: StoreQueries
    corpus: object


@pytest.fixture(scope="module", params=["generated", "seeds"])
def pair(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(request.param)
    store = root / "store"
    if request.param == "seeds":
        source = SEEDS
        ingest(source, store, workers=1)
    else:
        source = root / "src"
        source.mkdir()
        records = generated_records()
        write_jsonl(source / "a.jsonl", records[:20])
        ingest(source, store, workers=1)  # a first batch, then a second one
        write_jsonl(source / "b.jsonl", records[20:])
        (source / "wire.txt").write_text(SEED_FILE.read_text(encoding="utf-8"), encoding="utf-8")
        ingest(source, store, workers=1)
    queries = StoreQueries(store, memory_limit="256MB", threads=1)
    yield Pair(queries, load_corpus(source, use_cache=False, workers=1))
    queries.close()


def filters(corpus) -> list[Filter]:
    """Every shape of filter: none, kinds, sources, days, one actor (alone, and with kinds
    and a day), two actors (with an unknown one), and all at once."""
    ranked = corpus.actors.sort_values(["mentions", "actor_id"], ascending=[False, True])
    ids = ranked["actor_id"].astype(str).tolist()
    days = pd.to_datetime(corpus.articles["date"]).dropna().sort_values()
    low, high = days.iloc[len(days) // 4].date(), days.iloc[max(len(days) - 2, 0)].date()
    sources = list(corpus.articles["source"].dropna().unique())[:2]
    return [
        Filter(),
        Filter(kinds=["PER"]),
        Filter(kinds=["GPE", "ORG"]),
        Filter(sources=sources),
        Filter(date_from=low, date_to=high),
        Filter(date_from=low),
        Filter(actors=ids[:1]),
        Filter(actors=ids[:1], kinds=["PER"], date_from=low),
        Filter(actors=[ids[1], ids[3], "no-such-actor"]),
        Filter(actors=ids[2:4], kinds=["GPE"], date_to=high, sources=sources[:1]),
    ]


def views(pair):
    for flt in filters(pair.corpus):
        yield flt, apply_filter(pair.corpus, flt)


def same(got: pd.DataFrame, want: pd.DataFrame, **kw) -> None:
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), want.reset_index(drop=True), check_exact=False, **kw
    )


def test_the_filter_is_hashable_and_reads_what_the_pages_hold():
    flt = QueryFilter(actors=["a", "b", "a"], date_from="2024-01-02", sources="BBC")
    assert flt.actors == ("a", "b") and flt.sources == ("BBC",)
    assert flt.date_from == pd.Timestamp("2024-01-02").date()
    assert {flt: 1}[QueryFilter(actors=("a", "b"), date_from=flt.date_from, sources=("BBC",))]
    page_filter = Filter(actors=["x"], kinds=["PER"], date_to="2024-05-01")
    assert QueryFilter.of(page_filter) == QueryFilter(["x"], ["PER"], date_to="2024-05-01")
    assert QueryFilter.of(None) == QueryFilter()


def test_counts_and_top_actors(pair):
    q = pair.queries
    assert q.filter_options() == filter_options(pair.corpus)
    for flt, view in views(pair):
        assert q.summary(flt) == summary(view), flt
        same(q.top_actors(flt, n=10), top_actors(view, n=10))
        same(q.top_actors(flt, n=None, kinds=["GPE"]), top_actors(view, n=None, kinds=["GPE"]))
        same(q.actor_table(flt, include_unmentioned=True), actor_table(view, True))
        whole = actor_table(view, True)
        for limit in (3, len(actor_table(view)) + 2):  # mentioned actors only; then some others
            same(q.actor_table(flt, include_unmentioned=True, limit=limit), whole.head(limit))
        same(q.actor_table(flt, limit=3), actor_table(view).head(3))


@pytest.mark.parametrize("window", ["sentence", "article"])
def test_comention_matrices(pair, window):
    q = pair.queries
    for flt, view in views(pair):
        for measure in ("count", "jaccard", "pmi"):
            for order in ("frequency", "cluster"):
                got = q.comention(flt, top_n=8, window=window, measure=measure, order=order)
                want = comention(view, top_n=8, window=window, measure=measure, order=order)
                same(got.matrix, want.matrix, check_index_type=False)
                same(got.counts, want.counts, check_index_type=False)
                assert list(got.matrix.index) == list(want.matrix.index)
                assert got.n_windows == want.n_windows
        if len(want.counts) >= 2:
            a, b = want.counts.index[:2]
            same(q.pair_sentences(flt, a, b, window), pair_sentences(view, a, b, window))
    chosen = ["no-such-actor", *want.counts.index[:3][::-1]]
    got = q.comention(None, actor_ids=chosen, measure="jaccard", min_count=2)
    want = comention(apply_filter(pair.corpus), actor_ids=chosen, measure="jaccard", min_count=2)
    same(got.matrix, want.matrix, check_index_type=False)


@pytest.mark.parametrize("freq", ["D", "W", "M"])
def test_timelines(pair, freq):
    q = pair.queries
    for flt, view in views(pair):
        same(q.mentions_over_time(flt, freq=freq), mentions_over_time(view, freq=freq))
        chosen = [*flt.actors, "no-such-actor", *top_actors(view, n=2)["actor_id"]]
        same(
            q.mentions_over_time(flt, chosen, freq=freq),
            mentions_over_time(view, chosen, freq=freq),
        )
        same(q.articles_over_time(flt, freq), articles_over_time(view, freq))
        # The pandas side's source column is "string" or "str" depending on its reindex
        # path; the values are what matters.
        same(
            q.articles_over_time(flt, freq, by_source=True),
            articles_over_time(view, freq, by_source=True),
            check_dtype=False,
        )


def test_dates_in_the_text(pair):
    q = pair.queries
    keys = ["article_id", "start", "end", "value"]
    for flt, view in views(pair):
        same(q.referenced_dates(flt), referenced_dates(view))
        same(q.referenced_dates(flt, ["day", "month"]), referenced_dates(view, ["day", "month"]))
        want = view.dates.sort_values(keys, kind="stable")
        same(q.dates(flt), want)


@pytest.mark.parametrize("names", ["merge", "omit", "split"])
def test_terms_and_the_word_cloud(pair, names):
    q = pair.queries
    for flt, view in views(pair):
        same(q.term_frequencies(flt, names=names), term_frequencies(view, names=names))
        same(
            q.term_frequencies(flt, top_n=15, names=names),
            term_frequencies(view, top_n=15, names=names),
        )
        got = q.word_cloud_frequencies(flt, 40, names=names)
        assert list(got.items()) == list(word_cloud_frequencies(view, 40, names=names).items())
        # The words page asks for both in one query: the same answers.
        top, cloud = q.terms_and_cloud(flt, 15, 12, names=names)
        same(top, term_frequencies(view, top_n=15, names=names))
        assert list(cloud.items()) == list(word_cloud_frequencies(view, 12, names=names).items())
    some = pair.corpus.sentences["sentence_id"].iloc[::3].tolist()
    same(
        q.term_frequencies(None, sentence_ids=some, names=names),
        term_frequencies(pair.corpus, some, names=names),
    )


@pytest.mark.parametrize("dropped", ["all", ARTICLE_KEYS])
def test_a_store_linked_before_its_derived_tables_answers_alike(pair, tmp_path, dropped):
    """Linking writes tables derived from the linked corpus: the ones that count actor
    names (surface keys, actor terms), the rollup of mentions by actor, day and source
    that actor counts read when no actor is chosen, the mentions sorted by actor where
    chosen actors are looked up, the actors of each article (integer keys) that counts
    and timelines read when actors are chosen, and each keyed article's sentence count
    that sentence co-mentions read. A store linked before they existed has none (or, linked
    before the last, only the others); its queries count from the mentions: same answers."""
    derived = DERIVED_TABLES if dropped == "all" else (dropped,)
    copy = tmp_path / "older"
    shutil.copytree(pair.queries.db.store.folder, copy)
    manifest = read_manifest(copy)
    assert set(derived) <= set(manifest.corpus), "linking wrote the derived tables"
    kept = {k: v for k, v in manifest.corpus.items() if k not in derived}
    write_manifest(copy, replace(manifest, corpus=kept))
    older, q = StoreQueries(copy, memory_limit="256MB", threads=1), pair.queries
    try:
        assert not any(older.db.has_rows(name) for name in derived)
        for flt in filters(pair.corpus):
            assert older.summary(flt) == q.summary(flt)
            same(older.top_actors(flt, n=7), q.top_actors(flt, n=7))
            same(
                older.top_actors(flt, n=None, kinds=["PER"]),
                q.top_actors(flt, kinds=["PER"], n=None),
            )
            same(older.actor_table(flt), q.actor_table(flt))
            for freq in ("D", "M"):
                same(older.articles_over_time(flt, freq), q.articles_over_time(flt, freq))
                same(
                    older.articles_over_time(flt, freq, by_source=True),
                    q.articles_over_time(flt, freq, by_source=True),
                )
                chosen = [*flt.actors, *q.top_actors(flt, n=2)["actor_id"]]
                same(older.mentions_over_time(flt, freq=freq), q.mentions_over_time(flt, freq=freq))
                same(
                    older.mentions_over_time(flt, chosen, freq=freq),
                    q.mentions_over_time(flt, chosen, freq=freq),
                )
            for names in ("merge", "omit"):
                same(older.term_frequencies(flt, names=names), q.term_frequencies(flt, names=names))
            for window in ("sentence", "article"):
                was, now = (
                    older.comention(flt, top_n=6, window=window),
                    q.comention(flt, top_n=6, window=window),
                )
                same(was.matrix, now.matrix)
                same(was.counts, now.counts)
                assert was.n_windows == now.n_windows
            for offset in (0, 5):
                was, now = (
                    older.search_sentences(flt, "", offset, 5),
                    q.search_sentences(flt, "", offset, 5),
                )
                assert was.total == now.total
                same(was.rows, now.rows)
                same(was.mentions, now.mentions)
                same(was.actors, now.actors)
            for actor in [*flt.actors, *q.top_actors(flt, n=2)["actor_id"]]:
                assert older.actor_summary(flt, actor) == q.actor_summary(flt, actor)
                same(older.actor_partners(flt, actor), q.actor_partners(flt, actor))
    finally:
        older.close()


def test_merged_names_count_once_under_the_actor_name(pair):
    """The words page's default: a multi-word name is one term, its words are not counted."""
    q = pair.queries
    merged = q.term_frequencies(None)
    split = q.term_frequencies(None, names="split")
    multi = pair.corpus.mentions[pair.corpus.mentions["surface"].str.contains(" ")]
    assert len(multi), "the fixture needs multi-word mentions"
    top = multi["actor_id"].value_counts().index[0]
    name = pair.corpus.actors.set_index("actor_id").loc[top, "name_ar"]
    assert name in set(merged["display"]) and name not in set(split["display"])
    assert merged["count"].sum() < split["count"].sum()
    with pytest.raises(ValueError, match="names must be one of"):
        q.term_frequencies(None, names="join")


SEARCHES = ["", "اكد", "أكّدت", "روسيا موسكو", '"وزير الخارجية"', "bbc", "2023-0", "رقم 1"]


def test_sentence_search_pages_and_highlights(pair):
    q = pair.queries
    for flt, view in views(pair):
        for text in SEARCHES:
            want = search_sentences(view, text)
            whole = q.search_sentences(flt, text, limit=None)
            assert whole.total == len(want), (flt, text)
            same(whole.rows, want)
            page = q.search_sentences(flt, text, offset=3, limit=4)
            assert page.total == len(want)
            same(page.rows, want.iloc[3:7])
            ids = page.rows["sentence_id"].to_numpy()
            mentions = view.mentions[view.mentions["sentence_id"].isin(ids)]
            mentions = mentions.sort_values(["article_id", "start", "end", "actor_id"])
            same(page.mentions, mentions[page.mentions.columns])
            assert set(page.actors["actor_id"]) == set(mentions["actor_id"])
        past = q.search_sentences(flt, "", offset=len(view.sentences) + 5, limit=10)
        assert past.total == len(view.sentences) and past.rows.empty


def test_the_actor_picker_searches_folded_names(pair):
    q = pair.queries
    actors = pair.corpus.actors

    def key(name):
        return normalize(name).lower() if isinstance(name, str) else ""

    for text in ["", "رو", "روسيا", "RUSS", "كوريه", "أوكرانيا", "زعيم", "zzz"]:
        k = key(text)
        rows = []
        for row in actors.astype(object).itertuples():
            ar, en = key(row.name_ar), key(row.name_en)
            if k in ar or k in en:
                starts = ar.startswith(k) or en.startswith(k)
                rows.append((not starts, -row.mentions, row.actor_id, row.mentions))
        want = sorted(rows)[:5]
        got = q.search_actors(text, limit=5)
        assert got["actor_id"].tolist() == [r[2] for r in want], text
        assert got["mentions"].tolist() == [r[3] for r in want]
    persons = q.search_actors("", limit=100, kinds=["PER"])
    assert set(persons["kind"]) <= {"PER"} and len(persons) == (actors["kind"] == "PER").sum()
    first = actors["actor_id"].iloc[0]
    assert q.actors_by_id(["nope", first])["actor_id"].tolist() == [first]


def test_sessions_share_one_object_across_threads(pair):
    q = pair.queries
    flt = filters(pair.corpus)[6]
    want = (q.summary(flt), q.term_frequencies(flt, top_n=20), q.comention(flt).counts)
    results: list = []
    errors: list = []

    def session():
        try:
            for _ in range(5):
                got = (q.summary(flt), q.term_frequencies(flt, top_n=20), q.comention(flt).counts)
                results.append(got)
        except Exception as exc:  # any failure in a session thread fails the test below
            errors.append(exc)

    threads = [threading.Thread(target=session) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 20
    for got in results:
        assert got[0] == want[0]
        same(got[1], want[1])
        same(got[2], want[2])


def test_limits_are_set_and_only_the_manifest_files_are_read(tmp_path):
    source, store = tmp_path / "src", tmp_path / "store"
    source.mkdir()
    records = generated_records(12)
    write_jsonl(source / "a.jsonl", records[:6])
    ingest(source, store, workers=1)
    old = StoreQueries(store, memory_limit="300MB", threads=1)
    assert old.db.setting("threads") == "1"
    assert old.db.setting("memory_limit").startswith("286")  # 300 MB in MiB
    before = old.summary()
    # The next generation's files land in the same folder: the open object does not see
    # them (it reads only what its manifest listed) and says it is no longer current.
    write_jsonl(source / "b.jsonl", records[6:])
    ingest(source, store, workers=1, grace_s=3600)
    assert old.summary() == before and before["articles"] == 6
    assert not old.is_current()
    new = StoreQueries(store)
    assert new.is_current() and new.generation == old.generation + 1
    assert new.summary() == summary(apply_filter(load_corpus(source, use_cache=False, workers=1)))
    assert np.isfinite(new.summary()["mentions"])
