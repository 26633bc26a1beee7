"""Do the store queries equal the pandas analysis on a real store? (tests/test_query.py
checks small fixtures; this checks a store of real articles.)

    .venv/bin/python bench/query_check.py --store /tmp/store30k [--filters 6]

Loads the store's frames (``load_store``, which equal ``load_corpus``'s), and for no
filter and ``--filters`` - 1 actor filters (the most mentioned actors, one with kinds, one
with a source) compares every query of ``StoreQueries`` with its ``dashboard.analysis``
counterpart. Prints "same" or the first difference per query. Not part of the tests.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd
from shared_corpora import REPO

sys.path.insert(0, str(REPO))


def same(a, b) -> str:
    try:
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(
                a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False
            )
        else:
            assert a == b, f"{a!r} != {b!r}"
    except AssertionError as exc:
        return "DIFFERENT: " + " ".join(str(exc).split())[:300]
    return "same"


def checks(q, an, view, flt, ids):
    yield "summary", q.summary(flt), an.summary(view)
    yield "top_actors", q.top_actors(flt, 30), an.top_actors(view, 30)
    yield "actor_table", q.actor_table(flt), an.actor_table(view)
    got, want = q.comention(flt, top_n=30), an.comention(view, top_n=30)
    yield "comention sentence count", got.counts, want.counts
    got = q.comention(flt, top_n=30, window="article", measure="pmi", order="cluster")
    want = an.comention(view, top_n=30, window="article", measure="pmi", order="cluster")
    yield "comention article pmi cluster", got.matrix, want.matrix
    yield "pair_sentences", q.pair_sentences(flt, *ids), an.pair_sentences(view, *ids)
    yield "mentions_over_time", q.mentions_over_time(flt), an.mentions_over_time(view)
    yield "articles_over_time D", q.articles_over_time(flt, "D"), an.articles_over_time(view, "D")
    yield "referenced_dates", q.referenced_dates(flt), an.referenced_dates(view)
    keys = ["article_id", "start", "end", "value"]
    yield "dates rows", q.dates(flt), view.dates.sort_values(keys, kind="stable")
    yield "term_frequencies", q.term_frequencies(flt), an.term_frequencies(view)
    yield "word_cloud", q.word_cloud_frequencies(flt), an.word_cloud_frequencies(view)
    for text in ("", "اكد", "روسيا"):
        page = q.search_sentences(flt, text, 0, 200)
        want = an.search_sentences(view, text)
        yield f"search {text!r} total", page.total, len(want)
        yield f"search {text!r} first page", page.rows, want.head(200)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--filters", type=int, default=6)
    args = ap.parse_args()
    from dashboard import analysis as an
    from dashboard.query import QueryFilter, StoreQueries
    from dashboard.store.reader import load_store

    corpus = load_store(args.store)
    q = StoreQueries(args.store)
    top = an.top_actors(an.apply_filter(corpus), n=20)["actor_id"].tolist()
    source = corpus.articles["source"].dropna().value_counts().index[0]
    filters = [an.Filter()] + [an.Filter(actors=[a]) for a in top[1 : args.filters - 2]]
    filters += [
        an.Filter(actors=top[:2], kinds=["PER"]),
        an.Filter(actors=[top[3]], sources=[source]),
    ]
    different = 0
    for flt in filters[: args.filters]:
        t0 = time.perf_counter()
        view = an.apply_filter(corpus, flt)
        print(f"filter {flt}")
        for name, got, want in checks(q, an, view, QueryFilter.of(flt), top[:2]):
            verdict = same(got, want)
            different += verdict != "same"
            print(f"  {name:32} {verdict}")
        print(f"  ({time.perf_counter() - t0:.1f} s)")
    print("all same" if not different else f"{different} different")
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
