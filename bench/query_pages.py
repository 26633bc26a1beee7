"""Every page's query on a store through DuckDB (dashboard.query) against the pandas analysis
on the same frames, timed with a new filter each time, and the memory each side holds.

    .venv/bin/python bench/query_pages.py --store /tmp/store30k [--source first_29976.jsonl]
                                          [--n 29976] [--repeats 5] [--memory-limit 512MB]
                                          [--threads 2] [--sides query,pandas]

With ``--source`` and no store yet, the store is built first (``python -m dashboard ingest
SOURCE --store DIR`` in a child process); without ``--source`` the first ``--n`` shared
articles (``bench/shared_corpora.py``) are written to a JSONL beside the store.

Each side runs in its own fresh process (so one side's memory does not count against
the other): the DuckDB side opens ``StoreQueries`` on the store; the pandas side loads the
same frames (``load_store``, equal to ``load_corpus``'s for the same inputs, as
tests/test_store.py checks) and builds the corpus index. Each side first answers every
query once with no filter (the landing page, and the lazily built tables/caches: the
"first" column), then ``--repeats`` times with a filter no call has used before (the
i-th most mentioned actor, alternately with two actor kinds), and reports the
median, plus its resident memory (RSS) after all queries. The pandas side pays
``apply_filter`` in each timed call, as a page does once per new filter.
Needs the shared corpora or a store; not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from shared_corpora import REPO, corpora_dir

sys.path.insert(0, str(REPO))

QUERIES = [
    "summary",
    "top_actors",
    "actor_table",
    "actor_picker",
    "comention_20_sentence",
    "comention_50_article_jaccard",
    "pair_sentences",
    "mentions_over_time",
    "articles_over_time",
    "referenced_dates",
    "dates_rows",
    "term_frequencies",
    "word_cloud",
    "search_page",
    "search_text_page",
]
#: The queries each page (and the sidebar) runs for one filter, as the views ask them; a
#: page's time is the sum of its queries' medians.
PAGES = {
    "overview": ["summary", "top_actors", "mentions_over_time"],
    "actors": ["top_actors", "actor_table"],
    "co-mentions": ["comention_20_sentence", "pair_sentences"],
    "timeline": ["mentions_over_time", "articles_over_time", "referenced_dates"],
    "words": ["term_frequencies", "word_cloud"],
    "sentences": ["search_page", "search_text_page"],
    "sidebar (actor picker)": ["actor_picker"],
}


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def query_side(store: Path, memory_limit: str, threads: int):
    """(the DuckDB query of each name: fn(filter, top ids) -> result, what opening cost)."""
    from dashboard.query import StoreQueries

    t0 = time.perf_counter()
    q = StoreQueries(store, memory_limit=memory_limit, threads=threads)
    opened = time.perf_counter() - t0

    def pair(flt, ids):
        return q.pair_sentences(flt, ids[0], ids[1])

    calls = {
        "summary": lambda f, ids: q.summary(f),
        "top_actors": lambda f, ids: q.top_actors(f, n=20),
        "actor_table": lambda f, ids: q.actor_table(f.without_actors()),
        "actor_picker": lambda f, ids: q.search_actors("رو", limit=20),
        "comention_20_sentence": lambda f, ids: q.comention(f, top_n=20),
        "comention_50_article_jaccard": lambda f, ids: q.comention(
            f, top_n=50, window="article", measure="jaccard", order="cluster"
        ),
        "pair_sentences": pair,
        "mentions_over_time": lambda f, ids: q.mentions_over_time(f, None, "W", 5),
        "articles_over_time": lambda f, ids: q.articles_over_time(f, "D"),
        "referenced_dates": lambda f, ids: q.referenced_dates(f, ["day", "month"]),
        "dates_rows": lambda f, ids: q.dates(f),
        "term_frequencies": lambda f, ids: q.term_frequencies(f, top_n=100),
        "word_cloud": lambda f, ids: q.word_cloud_frequencies(f, 150),
        "search_page": lambda f, ids: q.search_sentences(f, "", 0, 50),
        "search_text_page": lambda f, ids: q.search_sentences(f, "اكد", 0, 50),
    }
    top = q.top_actors(None, n=60)["actor_id"].tolist()
    return calls, top, opened


def pandas_side(store: Path):
    """The same questions through dashboard.analysis on the store's frames."""
    from dashboard import analysis as an
    from dashboard.analysis.filters import corpus_index
    from dashboard.arabic.normalize import normalize
    from dashboard.store.reader import load_store

    t0 = time.perf_counter()
    corpus = load_store(store)
    corpus_index(corpus)
    opened = time.perf_counter() - t0

    def picker(f, ids):
        # What the sidebar does today: every actor, most mentioned first, labelled; here
        # also matched against the typed text as the server-side picker does.
        actors = corpus.actors
        key = normalize("رو").lower()
        names = actors["name_ar"].fillna("").map(lambda n: normalize(n).lower())
        hit = actors[names.str.contains(key, regex=False)]
        return hit.sort_values(["mentions", "actor_id"], ascending=[False, True]).head(20)

    def view(f):
        return an.apply_filter(corpus, f)

    def base(f):
        return an.Filter(kinds=f.kinds, sources=f.sources, date_from=f.date_from, date_to=f.date_to)

    calls = {
        "summary": lambda f, ids: an.summary(view(f)),
        "top_actors": lambda f, ids: an.top_actors(view(f), n=20),
        "actor_table": lambda f, ids: an.actor_table(an.apply_filter(corpus, base(f))),
        "actor_picker": picker,
        "comention_20_sentence": lambda f, ids: an.comention(view(f), top_n=20),
        "comention_50_article_jaccard": lambda f, ids: an.comention(
            view(f), top_n=50, window="article", measure="jaccard", order="cluster"
        ),
        "pair_sentences": lambda f, ids: an.pair_sentences(view(f), ids[0], ids[1]),
        "mentions_over_time": lambda f, ids: an.mentions_over_time(view(f), None, "W", 5),
        "articles_over_time": lambda f, ids: an.articles_over_time(view(f), "D"),
        "referenced_dates": lambda f, ids: an.referenced_dates(view(f), ["day", "month"]),
        "dates_rows": lambda f, ids: view(f).dates,
        "term_frequencies": lambda f, ids: an.term_frequencies(view(f), top_n=100),
        "word_cloud": lambda f, ids: an.word_cloud_frequencies(view(f), 150),
        "search_page": lambda f, ids: an.search_sentences(view(f), "").head(50),
        "search_text_page": lambda f, ids: an.search_sentences(view(f), "اكد").head(50),
    }
    top = an.top_actors(an.apply_filter(corpus), n=60)["actor_id"].tolist()
    return calls, top, opened


def new_filters(top: list[str], repeats: int):
    """A filter no call has used before, per repeat: one actor, or one actor and two kinds."""
    from dashboard.analysis import Filter
    from dashboard.query import QueryFilter

    out = []
    for i in range(repeats):
        actor = top[1 + i]
        if i % 2:
            out.append(Filter(actors=[actor], kinds=["PER", "GPE"]))
        else:
            out.append(Filter(actors=[actor]))
    return [(f, QueryFilter.of(f)) for f in out]


def run_side(side: str, store: Path, repeats: int, memory_limit: str, threads: int) -> dict:
    from dashboard.analysis import Filter
    from dashboard.query import QueryFilter

    if side == "query":
        calls, top, opened = query_side(store, memory_limit, threads)
    else:
        calls, top, opened = pandas_side(store)
    after_open = rss_mb()
    first, medians = {}, {}
    pair_ids = top[:2]
    for name, call in calls.items():
        t0 = time.perf_counter()
        call(Filter() if side == "pandas" else QueryFilter(), pair_ids)
        first[name] = time.perf_counter() - t0
    for name, call in calls.items():
        times = []
        for flt, qflt in new_filters(top, repeats):
            chosen = flt if side == "pandas" else qflt
            t0 = time.perf_counter()
            call(chosen, pair_ids)
            times.append(time.perf_counter() - t0)
        medians[name] = statistics.median(times)
    return {
        "opened_s": opened,
        "rss_after_open_mb": after_open,
        "rss_after_queries_mb": rss_mb(),
        "first": first,
        "median": medians,
    }


def ensure_store(store: Path, source: Path | None, n: int) -> None:
    if (store / "manifest.json").exists():
        return
    if source is None:
        source = store.parent / f"first_{n}.jsonl"
        lines = []
        for name in ("dated_news.jsonl", "more_news.jsonl"):
            with open(corpora_dir() / name, encoding="utf-8") as fh:
                lines += [line for line in fh if line.strip()][: n - len(lines)]
        source.write_text("".join(lines), encoding="utf-8")
    cmd = [sys.executable, "-m", "dashboard", "ingest", str(source), "--store", str(store)]
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=REPO, check=True, capture_output=True)
    print(f"built {store} in {time.perf_counter() - t0:.0f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--source", type=Path)
    ap.add_argument("--n", type=int, default=29976)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--memory-limit", default="512MB")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument(
        "--sides", default="query,pandas", help="which sides to run (pandas needs the frames)"
    )
    ap.add_argument("--side", choices=["query", "pandas"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.side:
        result = run_side(args.side, args.store, args.repeats, args.memory_limit, args.threads)
        print(json.dumps(result))
        return 0
    ensure_store(args.store, args.source, args.n)
    print(f"load average before: {load_average()}")
    results = {}
    for side in args.sides.split(","):
        cmd = [sys.executable, __file__, "--store", str(args.store), "--side", side]
        cmd += ["--repeats", str(args.repeats), "--memory-limit", args.memory_limit]
        cmd += ["--threads", str(args.threads)]
        out = subprocess.run(cmd, cwd=REPO, check=False, capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(f"the {side} side failed:\n{out.stderr[-3000:]}")
        results[side] = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"  {side} side done; load average {load_average()}")
    report(results, args)
    return 0


def report(results: dict, args) -> None:
    none = {"median": {}, "first": {}, "opened_s": float("nan")}
    none.update(rss_after_open_mb=float("nan"), rss_after_queries_mb=float("nan"))
    q, p = results.get("query", none), results.get("pandas", none)
    print(
        f"\nstore {args.store}; DuckDB memory_limit {args.memory_limit}, threads {args.threads}; "
        f"median of {args.repeats} new filters (seconds)"
    )
    print(f"{'query':32} {'duckdb':>8} {'pandas':>8} {'duckdb 1st':>10} {'pandas 1st':>10}")
    for name in QUERIES:
        nan = float("nan")
        print(
            f"{name:32} {q['median'].get(name, nan):8.3f} {p['median'].get(name, nan):8.3f} "
            f"{q['first'].get(name, nan):10.3f} {p['first'].get(name, nan):10.3f}"
        )
    for page, names in PAGES.items():
        sums = [sum(side["median"].get(n, float("nan")) for n in names) for side in (q, p)]
        print(f"{'page ' + page:32} {sums[0]:8.3f} {sums[1]:8.3f}")
    print(f"{'open (store / frames + index)':32} {q['opened_s']:8.2f} {p['opened_s']:8.2f}")
    print(f"{'RSS after open, MB':32} {q['rss_after_open_mb']:8.0f} {p['rss_after_open_mb']:8.0f}")
    print(
        f"{'RSS after all queries, MB':32} {q['rss_after_queries_mb']:8.0f} "
        f"{p['rss_after_queries_mb']:8.0f}"
    )
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    raise SystemExit(main())
