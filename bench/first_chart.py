"""First chart of a fresh tab: the dashboard on a warm store vs a hello-world Streamlit app.

    .venv/bin/python bench/first_chart.py --store /work/stores/s29976 [--repeats 7]

Two servers run side by side: ``streamlit run dashboard/app.py`` on the store (copied
into a cache folder of this run, ``app_store.stage_store``) and a hello-world app with
one Plotly bar chart. The dashboard is warmed by one visit (its store opened, the
overview's queries memoised). Then, alternating between the two, a fresh browser
context (a new tab, nothing cached) opens the app and the time until its first Plotly
chart is drawn is taken. Prints the medians and their ratio (issue 11: at most 1.3).

With ``--cpu`` each visit is also traced (Chromium's own tracing) and the CPU time of
the page's main thread until the chart is drawn is summed: on a machine shared with
other work the wall times grow with the load average, this much less.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench"), str(REPO / "tests")]

from app_store import stage_store  # noqa: E402
from browser_support import launch_chromium, streamlit_server  # noqa: E402
from scale import load_average  # noqa: E402

HELLO = """import plotly.express as px
import streamlit as st

st.title("Hello")
st.plotly_chart(px.bar(x=["a", "b", "c"], y=[1, 3, 2]))
"""
CHART = ".js-plotly-plot .main-svg"


# Chromium's trace categories holding its tasks' thread (CPU) durations, and the names.
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "__metadata"]


def main_thread_cpu_ms(trace: Path) -> float:
    """CPU milliseconds of the page renderers' main threads in a Chromium trace (the sum
    of its top-level tasks' thread durations)."""
    events = json.loads(trace.read_text(encoding="utf-8"))
    events = events["traceEvents"] if isinstance(events, dict) else events
    threads = {
        (e["pid"], e["tid"]): e["args"]["name"] for e in events if e.get("name") == "thread_name"
    }
    processes = {e["pid"]: e["args"].get("name") for e in events if e.get("name") == "process_name"}
    return sum(
        e.get("tdur", 0) / 1000
        for e in events
        if e.get("ph") == "X"
        and e.get("name") == "RunTask"
        and threads.get((e["pid"], e["tid"])) == "CrRendererMain"
        and processes.get(e["pid"]) == "Renderer"
    )


def first_chart_s(
    browser, url: str, timeout: float, trace: Path | None = None
) -> tuple[float, float | None]:
    """(seconds from opening ``url`` in a fresh context until a Plotly chart is drawn,
    main-thread CPU ms of the page meanwhile when ``trace`` names a file to trace into)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    if trace is not None:
        browser.start_tracing(page=page, path=str(trace), categories=TRACE_CATEGORIES)
    t0 = time.monotonic()
    page.goto(url)
    page.wait_for_selector(CHART, state="visible", timeout=timeout * 1000)
    seconds = time.monotonic() - t0
    if trace is not None:
        browser.stop_tracing()
    context.close()
    return seconds, None if trace is None else main_thread_cpu_ms(trace)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--cpu", action="store_true", help="also the page's main-thread CPU")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="ane-first-chart-") as tmp:
        folder = Path(tmp)
        source = stage_store(args.store, folder / "cache")
        hello = folder / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        with (
            streamlit_server(source, folder / "cache", folder / "app.log", startup_timeout=120) as (
                app_url,
                _,
            ),
            streamlit_server(source, folder / "cache", folder / "hello.log", app=hello) as (
                hello_url,
                _,
            ),
            sync_playwright() as playwright,
        ):
            browser = launch_chromium(playwright)
            warm, _ = first_chart_s(browser, app_url, args.timeout)  # opens the store
            first_chart_s(browser, hello_url, args.timeout)
            print(f"warm-up visit of the dashboard: {warm:.2f} s; load average {load_average()}")
            trace = folder / "trace.json" if args.cpu else None
            app, hello_s = [], []
            for _ in range(args.repeats):
                app.append(first_chart_s(browser, app_url, args.timeout, trace))
                hello_s.append(first_chart_s(browser, hello_url, args.timeout, trace))
            browser.close()
    med = statistics.median
    a, h = med(s for s, _ in app), med(s for s, _ in hello_s)
    print(f"dashboard (overview) first chart, median of {args.repeats}: {a:.2f} s")
    print(f"hello-world app first chart, median of {args.repeats}:    {h:.2f} s")
    print(f"ratio {a / h:.2f} (target <= 1.3); load average at end: {load_average()}")
    if args.cpu:
        ac, hc = (
            med(c for _, c in app if c is not None),
            med(c for _, c in hello_s if c is not None),
        )
        print(
            f"page main-thread CPU until the chart, median: {ac:.0f} ms vs {hc:.0f} ms: {ac / hc:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
