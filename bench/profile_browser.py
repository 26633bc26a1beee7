"""The actor and compare pages in headless Chromium on a store (issue 15, acceptance 3 at
4,000 articles), with screenshots of both pages in Arabic and English.

    .venv/bin/python bench/profile_browser.py --store /work/stores/s4000 [--shots docs/screenshots]

A Streamlit server runs the app on the store, read only (the app's store provisioning is
replaced by the store given, in the server's process); Chromium opens the profile of the
most mentioned actor and the comparison of the two most mentioned, in Arabic and in
English, checks that each page drew its three charts without an error, and saves
``actor_<lang>.png`` / ``compare_<lang>.png``. Needs a store; not part of the tests.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "bench")]

from browser_support import free_port, launch_chromium, settle  # noqa: E402
from scale import load_average  # noqa: E402

# Tall enough for a whole page in one screenshot (Streamlit scrolls inside its main
# block, so a full-page screenshot of a short window shows only its top).
WINDOW = {"width": 1400, "height": 3600}
# The server: the app on a store given, never ingesting into it.
SERVE = """
import sys
from pathlib import Path
sys.path.insert(0, {repo!r})
import os
os.environ["DASHBOARD_STORE"] = {store!r}  # opened read-only: never ingested into
from streamlit.web import cli
sys.argv = ["streamlit", "run", "dashboard/app.py", "--server.headless", "true",
            "--server.port", {port!r}, "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
            "--server.runOnSave", "false"]
sys.exit(cli.main())
"""


def serve(store: Path, log: Path):
    """(url, process) of the app on ``store``, once it answers."""
    port = free_port()
    code = SERVE.format(repo=str(REPO), store=str(store), port=str(port))
    env = {**os.environ, "DASHBOARD_CORPUS": str(store), "DASHBOARD_CACHE": str(log.parent)}
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", code], cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as reply:  # noqa: S310
                if reply.status == 200:
                    return url, proc
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("streamlit did not start:\n" + log.read_text())
        time.sleep(0.5)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--shots", type=Path, default=REPO / "docs" / "screenshots")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from dashboard.query import StoreQueries

    q = StoreQueries(args.store)
    top = q.top_actors(None, n=2)["actor_id"].astype(str).tolist()
    q.close()
    args.shots.mkdir(parents=True, exist_ok=True)
    print(f"load average before: {load_average()}")
    work = Path(tempfile.mkdtemp(prefix="ane-profile-browser-"))
    url, proc = serve(args.store, work / "streamlit.log")
    failures = []
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            for lang in ("ar", "en"):
                for name, path in (
                    ("actor", f"actor?id={top[0]}"),
                    ("compare", f"compare?a={top[0]}&b={top[1]}"),
                ):
                    page = browser.new_context(viewport=WINDOW).new_page()
                    t0 = time.perf_counter()
                    page.goto(f"{url}/{path}&lang={lang}")
                    settle(page, ".js-plotly-plot", 3, timeout=300)
                    seconds = time.perf_counter() - t0
                    errors = page.locator('[data-testid="stException"]').count()
                    shot = args.shots / f"{name}_{lang}.png"
                    page.screenshot(path=str(shot), full_page=True)
                    print(f"{name:8} {lang}: {seconds:6.1f} s to draw, {errors} errors -> {shot}")
                    if errors:
                        failures.append(f"{name} {lang}")
                    page.context.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print(f"load average after: {load_average()}")
    if failures:
        print("errors on: " + ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
