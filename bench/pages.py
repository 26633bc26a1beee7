"""Page benchmark: a filtered run of every dashboard page under streamlit.testing (AppTest).

    .venv/bin/python bench/pages.py --store /work/stores/s29976 [--repeats 5] [--pages overview,words]
    .venv/bin/python bench/pages.py [--n 18748]     # a store ingested from the first N articles

The app opens its corpus the way a server does: ``DASHBOARD_CORPUS`` names the source,
whose store the app keeps in ``DASHBOARD_CACHE``. With ``--store`` a built store is
copied there (``app_store.stage_store``; the original is only read); else the first N
articles of ../shared/data/corpora/dated_news.jsonl (then more_news.jsonl) are
ingested into it before timing starts. The app's first run (opening the store) is
reported on its own. Then, per page:

* ``new filter``: ``at.run()`` of a fresh AppTest opened from a URL with a filter no
  run has used yet (actor = one of the top actors, or two of them, in turn): what a
  user pays when they change the filter. The words page draws a word cloud for it.
* ``CPU s``: the process's CPU time of the new-filter run (all threads, DuckDB's
  included): what the run costs whatever else the machine is doing.
* ``same filter``: the same URL opened again (memoised results: a rerun, a second
  user with the same link).

Streamlit's scan of the installed packages for components, which AppTest repeats for
every new AppTest and a server does once at start, runs once (``scan_components_once``).

Medians over ``--repeats``; every run also asserts that the page raised nothing.
Needs ../shared (not part of the tests).
"""

from __future__ import annotations

import argparse
import functools
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

from app_store import stage_store, top_actor_ids  # noqa: E402
from scale import CORPORA, load_average, write_subset  # noqa: E402

from dashboard.ui.pages import PAGE_NAMES  # noqa: E402

APP = REPO / "dashboard" / "app.py"
PAGES = list(PAGE_NAMES)


def scan_components_once() -> None:
    """Make Streamlit's scan of the installed packages for components run once.

    A server scans them once, when it starts; AppTest scans them again for every new
    AppTest (~0.1 s CPU of the harness per run, in ``at.run()``), which no user pays.
    """
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    if not hasattr(scan, "cache_info"):
        manifest_scanner.scan_component_manifests = functools.cache(scan)


def open_page(page: str, params: dict[str, list[str]], timeout: float):
    """A fresh AppTest of ``page`` opened from a URL with ``params``; (seconds, CPU
    seconds of this process's threads (DuckDB's included), at). Installed components
    are scanned once per process, as a server does (``scan_components_once``)."""
    from streamlit.testing.v1 import AppTest

    scan_components_once()

    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for name, values in params.items():
        at.query_params[name] = values
    if page != "overview":
        at.switch_page(f"views/{page}.py")
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):  # no "missing ScriptRunContext" line per run
            logging.getLogger(name).setLevel(logging.ERROR)
    t0, cpu0 = time.perf_counter(), time.process_time()
    at.run()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    if at.exception:
        raise SystemExit(f"{page} raised: {[e.message for e in at.exception]}")
    return seconds, cpu, at


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", type=Path, help="a built store (copied, never written)")
    parser.add_argument("--n", type=int, default=18748, help="articles (first N of the corpora)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--cache", type=Path, default=None, help="reuse this cache folder")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ane-pages-"))
    cache = args.cache or work / "cache"
    t0 = time.perf_counter()
    if args.store:
        stage_store(args.store, cache)
        store = args.store
    else:
        if not all(p.exists() for p in CORPORA):
            print("this benchmark needs ../shared", file=sys.stderr)
            return 2
        subset = work / f"first_{args.n}.jsonl"
        write_subset(args.n, subset)
        os.environ["DASHBOARD_CORPUS"] = str(subset)
        os.environ["DASHBOARD_CACHE"] = str(cache)
        from dashboard.store.locations import store_for_source
        from dashboard.store.writer import ingest

        store = store_for_source(subset)
        ingest(subset, store)  # fills the store (cold) unless the cache was given warm
    fill_s = time.perf_counter() - t0
    from dashboard.store.manifest import read_manifest

    n = sum(i.given for i in read_manifest(store).inputs)
    top_ids = top_actor_ids(store, 200)
    print(f"{n:,} articles given; store ready in {fill_s:.1f} s; load average {load_average()}")

    first_s, _, _ = open_page("overview", {}, args.timeout)  # the app's own first run
    print(f"first app run (opens the store + overview, no filter): {first_s:.2f} s")

    # Never the same filter twice: one top actor, then two, in turn (results are memoised
    # per filter, and shared between pages, so a filter another page used would not be new).
    singles = ([a] for a in top_ids)
    pairs = ([a, b] for a, b in combinations(top_ids[:30], 2))
    filters = (f for pair in zip(singles, pairs, strict=False) for f in pair)
    pages = [p for p in args.pages.split(",") if p]
    print(f"\n{'page':<12}{'new filter s':>14}{'(max)':>8}{'CPU s':>8}{'same filter s':>15}")
    results = {}
    for page in pages:
        new, cpu, same = [], [], []
        for _ in range(args.repeats):
            params = {"actor": next(filters)}
            seconds, cpu_s, _ = open_page(page, params, args.timeout)
            new.append(seconds)
            cpu.append(cpu_s)
            seconds, _, _ = open_page(page, params, args.timeout)
            same.append(seconds)
        med = statistics.median
        results[page] = (med(new), max(new), med(cpu), med(same))
        print(f"{page:<12}{med(new):>14.2f}{max(new):>8.2f}{med(cpu):>8.2f}{med(same):>15.2f}")
    print(f"load average at end: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
