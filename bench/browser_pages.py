"""Every page with a new filter in Chromium, and the server's memory after them, on a store
served read-only (issue 11, acceptance 3 and 4 at 1,000,000 articles: each page <= 1.5 s,
the server's process tree <= 1 GB).

    .venv/bin/python bench/browser_pages.py --store /work/stores/s1m [--repeats 5]

The app runs as a deployment runs it: ``DASHBOARD_STORE`` names the store (opened
read-only, never ingested into or copied), DuckDB bounded by ``DASHBOARD_DUCKDB_MEMORY``
(the app's default unless given). One warm Chromium tab (the app's scripts cached, as for
a user who has it open) first opens every page once (the most mentioned actor); then, for each
repeat r, it opens every page by its link with a filter no earlier run used: the r-th most
mentioned actor (``actor=…``; the profile ``id=…``; compare the r-th and (r+1)-th);
``--pages overview,actors`` opens only those. The
time of a page is from ``goto`` until its charts are drawn and the script has finished
(Streamlit's status widget idle): polled every 50 ms, with no settling pause ("link":
a fresh page load, the websocket and session included). Then, in the same tab and session,
the filter pages are opened again by a click on their navigation link, as a user browses
after opening a link ("in the app": from the click until the page's title is the new
page's, its charts are drawn and the script has finished; each page runs the repeat's
filter for the first time: the (repeats + 1 + r)-th actor, which no link opens, since
the pages memoise results per filter). Prints each run, the median (and max) per page,
and the resident set of the server's whole process tree (psutil) after every page was
opened, with the load average.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench"), str(REPO / "tests")]

from app_store import top_actor_ids  # noqa: E402
from browser_support import launch_chromium, streamlit_server  # noqa: E402
from scale import load_average  # noqa: E402
from screenshots import READY  # noqa: E402

from dashboard.i18n import t  # noqa: E402
from dashboard.ui.pages import PAGES  # noqa: E402

# The profile pages draw three charts (timeline, co-mentions, words or dates).
DRAWN = {**READY, "actor": (".js-plotly-plot", 3), "compare": (".js-plotly-plot", 3)}
# True once the script has finished and at least ``minimum`` nodes match ``selector``
# (or the page shows an exception, which the caller reports).
IS_DRAWN = """([selector, minimum]) => {
  if (document.querySelector('[data-testid="stException"]')) return true;  // failed: said below
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  if (status && /Stop|Running|Connecting/.test(status.innerText)) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  return document.querySelectorAll(selector).length >= minimum;
}"""


# True once the main title reads ``title`` and the page is drawn (IS_DRAWN).
IS_SHOWN = (
    """([title, selector, minimum]) => {
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  if (!h1 || h1.innerText.trim() !== title) return false;
  return ("""
    + IS_DRAWN
    + """)([selector, minimum]);
}"""
)
#: The pages of the shared filter, opened in the app by their navigation link.
FILTER_PAGES = ("actors", "comentions", "words", "timeline", "sentences")


def tree_rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` and all its descendants, in MB."""
    import psutil

    root = psutil.Process(pid)
    total = 0
    for proc in [root, *root.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / 2**20


def page_query(name: str, actors: list[str], r: int) -> str:
    """The link's query of page ``name`` in repeat ``r`` (a filter no other repeat used)."""
    if name == "actor":
        return f"id={actors[r]}"
    if name == "compare":
        return f"a={actors[r]}&b={actors[r + 1]}"
    return f"actor={actors[r]}"


def drawn_s(page, url: str, name: str, timeout: float) -> float:
    """Seconds from opening ``url`` until page ``name`` has drawn."""
    selector, minimum = DRAWN.get(name, (".js-plotly-plot", 1))
    t0 = time.monotonic()
    page.goto(url)
    page.wait_for_function(IS_DRAWN, arg=[selector, minimum], polling=50, timeout=timeout * 1000)
    seconds = time.monotonic() - t0
    if page.locator('[data-testid="stException"]').count():
        error = page.locator('[data-testid="stException"]').first.inner_text()
        raise SystemExit(f"{url}: the page shows an error:\n{error[:2000]}")
    return seconds


def clicked_s(page, spec, timeout: float) -> float:
    """Seconds from a click on ``spec``'s navigation link until that page has drawn."""
    selector, minimum = DRAWN.get(spec.name, (".js-plotly-plot", 1))
    title = t(spec.title_key)  # the app's default language
    link = page.locator(f'[data-testid="stSidebarNavLink"][href$="/{spec.url_path}"]')
    t0 = time.monotonic()
    link.first.click()
    arg = [title, selector, minimum]
    page.wait_for_function(IS_SHOWN, arg=arg, polling=50, timeout=timeout * 1000)
    seconds = time.monotonic() - t0
    if page.locator('[data-testid="stException"]').count():
        error = page.locator('[data-testid="stException"]').first.inner_text()
        raise SystemExit(f"{spec.name}: the page shows an error:\n{error[:2000]}")
    return seconds


def report(label: str, times: dict[str, list[float]]) -> None:
    print(f"\n{label}: median (max) seconds per page with a new filter")
    for name, seconds in times.items():
        print(f"  {name:11} {statistics.median(seconds):6.2f} ({max(seconds):.2f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--pages", help="comma-separated page names to open (default: every page)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    actors = top_actor_ids(args.store, 2 * args.repeats + 3)
    names = [spec.name for spec in PAGES]
    if args.pages:  # a run measuring some pages only (e.g. while another is too slow)
        wanted = args.pages.split(",")
        if unknown := set(wanted) - set(names):
            parser.error(f"no such page: {', '.join(sorted(unknown))}")
        names = [name for name in names if name in wanted]
    filter_pages = [name for name in FILTER_PAGES if name in names]
    paths = {spec.name: spec.url_path for spec in PAGES}
    times: dict[str, list[float]] = {name: [] for name in names}
    in_app: dict[str, list[float]] = {name: [] for name in filter_pages}
    specs = {spec.name: spec for spec in PAGES}
    with tempfile.TemporaryDirectory(prefix="ane-browser-pages-") as tmp:
        folder = Path(tmp)
        env = {"DASHBOARD_STORE": str(args.store), "DASHBOARD_CORPUS": ""}
        with (
            streamlit_server("", folder / "cache", folder / "log", extra_env=env) as (url, proc),
            sync_playwright() as playwright,
        ):
            browser = launch_chromium(playwright)
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            print(f"{args.store}; load before {load_average()}", flush=True)
            t0 = time.monotonic()
            for name in names:  # the warm-up: every page once
                warm = drawn_s(
                    page, f"{url}/{paths[name]}?{page_query(name, actors, 0)}", name, args.timeout
                )
                print(f"  warm-up {name:11} {warm:6.2f} s", flush=True)
            print(f"warm-up {time.monotonic() - t0:.0f} s; RSS {tree_rss_mb(proc.pid):.0f} MB")
            for r in range(1, args.repeats + 1):
                row = []
                for name in names:
                    query = page_query(name, actors, r)
                    seconds = drawn_s(page, f"{url}/{paths[name]}?{query}", name, args.timeout)
                    times[name].append(seconds)
                    row.append(f"{name} {seconds:.2f}")
                print(f"repeat {r} (load {load_average()}): " + ", ".join(row), flush=True)
                # In the app: the repeat's filter by its link, then each page by a click
                # (a filter no run used before: an actor after those the links use, as
                # the pages memoise their results per filter).
                query = page_query("overview", actors, args.repeats + 1 + r)
                drawn_s(page, f"{url}/?{query}", "overview", args.timeout)
                row = []
                for name in filter_pages:
                    seconds = clicked_s(page, specs[name], args.timeout)
                    in_app[name].append(seconds)
                    row.append(f"{name} {seconds:.2f}")
                print(f"  in the app (load {load_average()}): " + ", ".join(row), flush=True)
            time.sleep(2)  # the last reruns finish
            rss = tree_rss_mb(proc.pid)
            browser.close()
    report(f"by link, {args.repeats} repeats", times)
    report(f"in the app, {args.repeats} repeats", in_app)
    print(f"server process tree RSS after every page: {rss:.0f} MB")
    print(f"load average at end: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
