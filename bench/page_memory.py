"""Server memory after every page was opened, for stores of different sizes (headless Chromium).

    .venv/bin/python bench/page_memory.py --stores /work/stores/s4000,/work/stores/s29976

For each store (copied into a cache folder of this run, ``app_store.stage_store``):
``streamlit run dashboard/app.py`` serves it as its default corpus; one Chromium tab
opens every page without a filter and then with the store's most mentioned actor,
waiting each time until the page has drawn (``screenshots.READY``). Then the resident
set (RSS) of the server's whole process tree is summed (``psutil``), DuckDB included
(it lives in the server process; its ``memory_limit`` is ``session.QUERY_MEMORY``).
Prints MB per store and the ratio of each to the first.

A store built by an older analysis version is brought up to date by the server's first
run (in a child process) before any page draws; ``--cache DIR`` keeps each staged,
up-to-date copy in ``DIR/<store folder name>`` for the next run, so that only the first
pays for it (a temporary folder, emptied at the end, without it). A store whose source
is not at hand (the replicated 1,000,000-article store) is served as a deployment serves
one, named by ``DASHBOARD_STORE`` and opened read-only, never staged nor ingested into.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench"), str(REPO / "tests")]

from app_store import stage_store, top_actor_ids  # noqa: E402
from browser_pages import DRAWN, page_query, tree_rss_mb  # noqa: E402
from browser_support import launch_chromium, settle, streamlit_server  # noqa: E402
from scale import load_average  # noqa: E402

from dashboard.store.manifest import read_manifest  # noqa: E402
from dashboard.ui.pages import PAGES  # noqa: E402

#: Pages that show an actor (or two) given by id rather than the shared filter.
PROFILES = ("actor", "compare")


def open_every_page(
    browser, url: str, queries: list[str], top: list[str], timeout: float, pid: int
) -> None:
    """Each page once per URL query in ``queries``, in one tab, until it has drawn (the
    profile pages of the most mentioned actors ``top``, whatever the query); prints the
    server's RSS after each and the seconds it took (or that it was not drawn within
    ``timeout``)."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    for query in queries:
        seen = []
        for spec in PAGES:
            here = page_query(spec.name, top, 0) if spec.name in PROFILES else query
            page.goto(f"{url}/{spec.url_path}" + (f"?{here}" if here else ""))
            selector, minimum = DRAWN.get(spec.name, (".js-plotly-plot", 1))
            t0, state = time.monotonic(), ""
            try:
                settle(page, selector, minimum, timeout=timeout)
            except AssertionError:  # an error shown, or slower than timeout: said, not fatal
                state = " NOT DRAWN"
            seconds = time.monotonic() - t0
            seen.append(f"{spec.name}{state} {tree_rss_mb(pid):.0f} ({seconds:.0f} s)")
        print(f"  RSS MB after each page ({query or 'no filter'}): " + ", ".join(seen), flush=True)
    page.context.close()


def measure(store: Path, timeout: float, cache: Path | None = None) -> float:
    """RSS (MB) of a server on ``store`` after every page was opened (the staged copy
    kept under ``cache`` when given)."""
    with tempfile.TemporaryDirectory(prefix="ane-memory-") as tmp:
        folder = Path(tmp) if cache is None else cache / store.name
        env: dict[str, str] = {}
        if Path(read_manifest(store).source).is_dir():
            source: str | Path = stage_store(store, folder / "cache")
        else:  # served as deployed: read-only, by DASHBOARD_STORE
            source, env = "", {"DASHBOARD_STORE": str(store), "DASHBOARD_CORPUS": ""}
        top = top_actor_ids(store, 2)
        from playwright.sync_api import sync_playwright

        log = folder / "streamlit.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        server = streamlit_server(source, folder / "cache", log, startup_timeout=120, extra_env=env)
        with (
            server as (url, proc),
            sync_playwright() as playwright,
        ):
            browser = launch_chromium(playwright)
            t0 = time.monotonic()
            queries = ["", f"actor={top[0]}" if top else ""]
            open_every_page(browser, url, queries, top, timeout, proc.pid)
            seconds = time.monotonic() - t0
            browser.close()
            time.sleep(2)  # let the last reruns finish
            rss = tree_rss_mb(proc.pid)
        print(f"{store}: {rss:.0f} MB after every page ({seconds:.0f} s to open them)")
        return rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stores", required=True, help="comma-separated store folders")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--cache", type=Path, help="keep the staged stores here (see above)")
    args = parser.parse_args()
    print(f"load average {load_average()}")
    stores = [Path(s) for s in args.stores.split(",") if s]
    results = [(s, measure(s, args.timeout, args.cache)) for s in stores]
    base = results[0][1]
    for store, rss in results:
        print(f"{str(store):<40}{rss:>8.0f} MB{rss / base:>8.2f}x")
    print(f"load average at end: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
