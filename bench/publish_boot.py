"""A deployment's boot on a published store: its size, and how soon the first page shows.

    .venv/bin/python bench/publish_boot.py --out /tmp/pub18k [--source SOURCE|STORE]
                                           [--browser] [--repeats 3]

1. Unless ``--out`` already holds a store, publish ``--source`` (default: the shared
   ``dated_news.jsonl``, 18,748 articles; a store folder is copied, anything else
   ingested first) into it with ``python -m dashboard publish``, timed.
2. The published folder: files, total and largest size (a Git host takes no file over
   50 MB without LFS).
3. "first page", in a fresh process each time (a booting server has nothing warm but
   the operating system's file cache): import the query layer, open ``StoreQueries``
   on the folder, answer the overview's questions (filter options, headline numbers,
   top actors, the two timelines) and the sidebar's actor picker; then, still cold,
   the first question of every other page (whose lazily built tables — the actor
   picker's keys, article order, sentence metadata, term labels — are what a published
   aggregate would spare). ``--repeats`` runs; medians.
4. ``--browser``: ``streamlit run dashboard/app.py`` with ``DASHBOARD_STORE`` set to the
   folder; seconds from the server's start to its health check, and to the first chart
   of the overview drawn in Chromium (a fresh tab), ``--repeats`` fresh servers.

Prints the load average beside the numbers (the machine is shared). Not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shared_corpora import REPO, corpora_dir

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # the browser tests' server helpers

OVERVIEW = ["filter_options", "summary", "top_actors", "mentions_over_time", "articles_over_time"]
OTHER_PAGES = ["actor_table", "comention", "term_frequencies", "word_cloud", "search_sentences"]


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def publish(source: Path, out: Path) -> float:
    t0 = time.perf_counter()
    command = [sys.executable, "-m", "dashboard", "publish", str(source), "--out", str(out)]
    subprocess.run(command, cwd=REPO, check=True)
    return time.perf_counter() - t0


def folder_sizes(folder: Path) -> dict:
    files = [p for p in folder.rglob("*") if p.is_file()]
    sizes = [p.stat().st_size for p in files]
    return {"files": len(files), "total_mb": sum(sizes) / 1e6, "largest_mb": max(sizes) / 1e6}


def first_page(folder: Path) -> dict:
    """In this (fresh) process: seconds per step of a cold first page, then of every
    other page's first question."""
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    from dashboard.query import StoreQueries

    times["import"] = time.perf_counter() - t0
    mark = time.perf_counter()
    queries = StoreQueries(folder)
    times["open"] = time.perf_counter() - mark
    calls = {
        "filter_options": lambda: queries.filter_options(),
        "summary": lambda: queries.summary(None),
        "top_actors": lambda: queries.top_actors(None, n=20),
        "mentions_over_time": lambda: queries.mentions_over_time(None, None, "W", 5),
        "articles_over_time": lambda: queries.articles_over_time(None, "W"),
        "actor_picker": lambda: queries.search_actors("", limit=20),
        "actor_table": lambda: queries.actor_table(None),
        "comention": lambda: queries.comention(None, top_n=20),
        "term_frequencies": lambda: queries.term_frequencies(None, top_n=100),
        "word_cloud": lambda: queries.word_cloud_frequencies(None, 150),
        "search_sentences": lambda: queries.search_sentences(None, "", 0, 50),
    }
    for name, call in calls.items():
        mark = time.perf_counter()
        call()
        times[name] = time.perf_counter() - mark
    page = ["import", "open", *OVERVIEW, "actor_picker"]
    times["first_page_total"] = sum(times[k] for k in page)
    import psutil

    times["rss_mb"] = psutil.Process().memory_info().rss / 2**20
    return times


def cold_runs(folder: Path, repeats: int) -> dict[str, float]:
    runs = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, __file__, "--first-page", str(folder)],
            cwd=REPO,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def browser_runs(folder: Path, repeats: int) -> list[dict[str, float]]:
    """Seconds from a fresh server's start to health, and to the overview's first chart."""
    from browser_support import launch_chromium, settle, streamlit_server
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        chromium = launch_chromium(p)
        for i in range(repeats):
            t0 = time.perf_counter()
            log = Path(tmp) / f"server{i}.log"
            env = {"DASHBOARD_STORE": str(folder)}
            with streamlit_server("seeds", Path(tmp) / "cache", log, extra_env=env) as (url, _):
                healthy = time.perf_counter() - t0
                context = chromium.new_context()
                page = context.new_page()
                page.goto(url)
                settle(page, ".js-plotly-plot", 1, timeout=180)
                shown = time.perf_counter() - t0
                context.close()
            out.append({"health_s": healthy, "first_chart_s": shown})
        chromium.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, help="the published folder (made when missing)")
    ap.add_argument("--source", type=Path, default=corpora_dir() / "dated_news.jsonl")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--browser", action="store_true")
    ap.add_argument("--first-page", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.first_page:
        print(json.dumps(first_page(args.first_page)))
        return 0
    if args.out is None:
        ap.error("--out DIR is required")
    if not (args.out / "manifest.json").exists():
        seconds = publish(args.source, args.out)
        print(f"published {args.source} in {seconds:.1f} s (load {load_average()})")
    sizes = folder_sizes(args.out)
    print(
        f"{args.out}: {sizes['files']} files, {sizes['total_mb']:.1f} MB, "
        f"largest {sizes['largest_mb']:.1f} MB"
    )
    cold = cold_runs(args.out, args.repeats)
    print(f"cold first page, median of {args.repeats} fresh processes (load {load_average()}):")
    for name, value in cold.items():
        unit = "MB" if name == "rss_mb" else "s"
        print(f"  {name:20s} {value:8.3f} {unit}")
    if args.browser:
        runs = browser_runs(args.out, args.repeats)
        for run in runs:
            print(
                f"server with DASHBOARD_STORE: healthy after {run['health_s']:.1f} s, first "
                f"chart after {run['first_chart_s']:.1f} s (load {load_average()})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
