"""Benchmark of an actor's profile and of two actors compared (issue 15, acceptance 4).

    .venv/bin/python bench/profile_pages.py --store /work/stores/s29976 [--repeats 5]
                                            [--memory-limit 512MB] [--threads 2]
    .venv/bin/python bench/profile_pages.py --store /work/stores/s29976 --level pages

``--level pages`` (AppTest, as bench/pages.py): the app opened on the store (read only:
the app's store provisioning is replaced by the store given), a warm-up run of each page,
then each page ``--repeats`` times from a URL with a filter no run has used (the i-th
most mentioned actor as ``id``, or a new pair as ``a``/``b``, alternately with two actor
kinds): the median seconds of ``at.run()``, the page's whole script run (wall, and the
process's CPU: Streamlit's and every DuckDB thread's).

``--level queries`` (the default): the queries each page runs (``StoreQueries``, as the pages call them) on a store opened
once: first each page with no filter for the most mentioned actor (opening the store and
the lazily built tables: the "first" column), then ``--repeats`` times with a filter no
call has used before (the i-th most mentioned actor, or pair of actors, alternately with
two actor kinds): what a user pays on opening a profile or a comparison. Median seconds
per query and per page (the sum of its queries in one run), wall and CPU (the process's,
all DuckDB threads together: on a machine shared by other work, the wall time grows
with the load average, the CPU time much less). Needs a store (read only);
not part of the tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from pages import open_page  # noqa: E402  (seconds, CPU seconds, AppTest)
from scale import load_average  # noqa: E402

TIMEOUT = 600


def profile_queries(q, flt, actor: str) -> dict:
    """What the actor page asks for one actor under ``flt``, in the page's order (its
    quotes first: their total is the headline's)."""
    return {
        "actor_quotes": lambda: q.quotes(flt.without_actors(), [actor], 0, 20),
        "actor_summary": lambda: q.actor_summary(flt, actor),
        "actor_timeline_by_source": lambda: q.actor_timeline(flt, [actor], "W", by_source=True),
        "actor_partners": lambda: q.actor_partners(flt, actor, n=20),
        "actor_words": lambda: q.actor_words(flt, actor, 25, None),
        "actor_dates": lambda: q.actor_dates(flt, actor, ["day", "month"]),
    }


def compare_queries(q, flt, a: str, b: str) -> dict:
    """What the compare page asks for two actors under ``flt``, in the page's order."""
    return {
        "compare_words": lambda: q.compare_words(flt, a, b, 20, None),
        "compare_timeline": lambda: q.actor_timeline(flt, [a, b], "W"),
        "shared_partners": lambda: q.shared_partners(flt, a, b, n=20),
        "compare_quotes": lambda: q.speaker_quotes(flt.without_actors(), [a, b], 20),
    }


def timed(calls: dict) -> dict[str, tuple[float, float]]:
    """name -> (wall seconds, CPU seconds of the process: every DuckDB thread's) per call."""
    out = {}
    for name, call in calls.items():
        t0, c0 = time.perf_counter(), time.process_time()
        call()
        out[name] = (time.perf_counter() - t0, time.process_time() - c0)
    return out


def new_filters(top: list[str], repeats: int):
    """Per repeat, a filter and actors no call has used before: (filter, actor, (a, b))."""
    from dashboard.query import QueryFilter

    out = []
    for i in range(repeats):
        kinds = ("PER", "GPE") if i % 2 else ()
        actor = top[1 + i]
        pair = (top[1 + repeats + 2 * i], top[2 + repeats + 2 * i])
        out.append((QueryFilter(kinds=kinds), actor, pair))
    return out


def medians(times: list[tuple[float, float]]) -> tuple[float, float]:
    """The median wall and the median CPU seconds."""
    return statistics.median(w for w, _ in times), statistics.median(c for _, c in times)


def run(store: Path, repeats: int, memory_limit: str, threads: int) -> dict:
    from dashboard.query import QueryFilter, StoreQueries

    t0 = time.perf_counter()
    q = StoreQueries(store, memory_limit=memory_limit, threads=threads)
    opened = time.perf_counter() - t0
    top = q.top_actors(None, n=3 + 3 * repeats)["actor_id"].tolist()
    first = timed(profile_queries(q, QueryFilter(), top[0]))
    first |= timed(compare_queries(q, QueryFilter(), top[0], top[1]))
    runs: dict[str, list[tuple[float, float]]] = {}
    pages: dict[str, list[tuple[float, float]]] = {"actor": [], "compare": []}
    for flt, actor, (a, b) in new_filters(top, repeats):
        for page, calls in (
            ("actor", profile_queries(q, flt, actor)),
            ("compare", compare_queries(q, flt, a, b)),
        ):
            seconds = timed(calls)
            pages[page].append(tuple(map(sum, zip(*seconds.values(), strict=True))))
            for name, s in seconds.items():
                runs.setdefault(name, []).append(s)
    return {
        "opened": opened,
        "first": first,
        "median": {name: medians(times) for name, times in runs.items()},
        "pages": {page: medians(times) for page, times in pages.items()},
    }


def page_urls(top: list[str], repeats: int):
    """Per repeat, the URL parameters of each page with actors no run has used."""
    out = []
    for i in range(repeats):
        kinds = {"kind": ["PER", "GPE"]} if i % 2 else {}
        pair = (top[1 + repeats + 2 * i], top[2 + repeats + 2 * i])
        out.append(
            {
                "actor": {"id": [top[1 + i]], **kinds},
                "compare": {"a": [pair[0]], "b": [pair[1]], **kinds},
            }
        )
    return out


def run_pages(store: Path, repeats: int) -> dict:
    """The pages under AppTest on ``store`` (module docstring)."""
    import os

    from dashboard.query import StoreQueries

    os.environ["DASHBOARD_STORE"] = str(store)  # opened read-only: never ingested into
    q = StoreQueries(store)
    top = q.top_actors(None, n=3 + 3 * repeats)["actor_id"].tolist()
    q.close()
    first = {
        "actor": open_page("actor", {"id": [top[0]]}, TIMEOUT)[0],
        "compare": open_page("compare", {"a": [top[0]], "b": [top[1]]}, TIMEOUT)[0],
    }
    runs: dict[str, list[tuple[float, float]]] = {"actor": [], "compare": []}
    for urls in page_urls(top, repeats):
        for page, params in urls.items():
            runs[page].append(open_page(page, params, TIMEOUT)[:2])
    return {
        "first": first,
        "median": {p: medians(t) for p, t in runs.items()},
        "max": {p: max(w for w, _ in t) for p, t in runs.items()},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--level", choices=["queries", "pages"], default="queries")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--memory-limit", default="512MB")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    print(f"load average before: {load_average()}")
    if args.level == "pages":
        pages = run_pages(args.store, args.repeats)
        print(f"store {args.store}; AppTest, median of {args.repeats} new filters (seconds)")
        print(f"{'page':10} {'median':>8} {'CPU':>8} {'max':>8} {'first':>8}")
        for page, (wall, cpu) in pages["median"].items():
            print(
                f"{page:10} {wall:8.3f} {cpu:8.3f} {pages['max'][page]:8.3f} "
                f"{pages['first'][page]:8.3f}"
            )
        print(f"load average after: {load_average()}")
        return 0
    result = run(args.store, args.repeats, args.memory_limit, args.threads)
    print(
        f"store {args.store} (opened in {result['opened']:.2f} s); DuckDB memory_limit "
        f"{args.memory_limit}, threads {args.threads}; median of {args.repeats} new filters"
    )
    print(f"{'query':28} {'median s':>9} {'CPU s':>7} {'first s':>8}")
    for name, (wall, cpu) in result["median"].items():
        print(f"{name:28} {wall:9.3f} {cpu:7.3f} {result['first'][name][0]:8.3f}")
    for page, (wall, cpu) in result["pages"].items():
        print(f"page {page:23} {wall:9.3f} {cpu:7.3f}")
    print(f"load average after: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
