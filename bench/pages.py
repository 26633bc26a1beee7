"""Page benchmark: a filtered run of every dashboard page under streamlit.testing (AppTest).

    .venv/bin/python bench/pages.py [--n 18748] [--repeats 5] [--pages overview,words]

The app loads its corpus the way a server does: ``DASHBOARD_CORPUS`` names a JSONL
of the first N articles of ../shared/data/corpora/dated_news.jsonl (then
more_news.jsonl), ``DASHBOARD_CACHE`` a cache folder filled before timing starts
(so the app's first load is a warm load, reported on its own). Then, per page:

* ``new filter``: ``at.run()`` of a fresh AppTest opened from a URL with a filter no
  run has used yet (actor = one of the top actors, or two of them, in turn): what a
  user pays when they change the filter. The words page draws a word cloud for it.
* ``same filter``: the same URL opened again (memoised results: a rerun, a second
  user with the same link).

Medians over ``--repeats``; every run also asserts that the page raised nothing.
Needs ../shared (not part of the tests).
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from scale import CORPORA, load_average, write_subset  # noqa: E402

from dashboard.ui.pages import PAGE_NAMES  # noqa: E402

APP = REPO / "dashboard" / "app.py"
PAGES = list(PAGE_NAMES)


def open_page(page: str, params: dict[str, list[str]], timeout: float):
    """A fresh AppTest of ``page`` opened from a URL with ``params``; (seconds, at)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for name, values in params.items():
        at.query_params[name] = values
    if page != "overview":
        at.switch_page(f"views/{page}.py")
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):  # no "missing ScriptRunContext" line per run
            logging.getLogger(name).setLevel(logging.ERROR)
    t0 = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - t0
    if at.exception:
        raise SystemExit(f"{page} raised: {[e.message for e in at.exception]}")
    return seconds, at


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=18748, help="articles (first N of the corpora)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--cache", type=Path, default=None, help="reuse this cache folder")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    if not all(p.exists() for p in CORPORA):
        print("this benchmark needs ../shared", file=sys.stderr)
        return 2

    work = Path(tempfile.mkdtemp(prefix="ane-pages-"))
    subset = work / f"first_{args.n}.jsonl"
    n = write_subset(args.n, subset)
    cache = args.cache or work / "cache"
    os.environ["DASHBOARD_CORPUS"] = str(subset)
    os.environ["DASHBOARD_CACHE"] = str(cache)

    from dashboard import load_corpus

    t0 = time.perf_counter()
    corpus = load_corpus(subset)  # fills the cache (cold) unless it was given warm
    fill_s = time.perf_counter() - t0
    top = corpus.actors.sort_values(["mentions", "actor_id"], ascending=[False, True])
    top_ids = [str(a) for a in top["actor_id"].head(200)]
    del corpus
    print(f"{n:,} articles; cache filled in {fill_s:.1f} s; load average {load_average()}")

    first_s, _ = open_page("overview", {}, args.timeout)  # the app's own (warm) load
    print(f"first app run (warm load from the cache + overview, no filter): {first_s:.2f} s")

    # Never the same filter twice: one top actor, then two, in turn (views are shared
    # between pages, so a filter another page used would not be new).
    singles = ([a] for a in top_ids)
    pairs = ([a, b] for a, b in combinations(top_ids[:30], 2))
    filters = (f for pair in zip(singles, pairs, strict=False) for f in pair)
    pages = [p for p in args.pages.split(",") if p]
    print(f"\n{'page':<12}{'new filter s':>14}{'(max)':>8}{'same filter s':>15}")
    results = {}
    for page in pages:
        new, same = [], []
        for _ in range(args.repeats):
            params = {"actor": next(filters)}
            seconds, _ = open_page(page, params, args.timeout)
            new.append(seconds)
            seconds, _ = open_page(page, params, args.timeout)
            same.append(seconds)
        results[page] = (statistics.median(new), max(new), statistics.median(same))
        print(
            f"{page:<12}{results[page][0]:>14.2f}{results[page][1]:>8.2f}{results[page][2]:>15.2f}"
        )
    print(f"load average at end: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
