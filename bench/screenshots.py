"""Screenshots of every page of the dashboard, in Arabic and English (headless Chromium).

    .venv/bin/python bench/screenshots.py                       # the seed -> docs/screenshots/
    .venv/bin/python bench/screenshots.py --corpus PATH --limit 18748 --suffix _18k --cache DIR
    .venv/bin/python bench/screenshots.py --store /work/stores/s29976 --suffix _30k

Runs ``streamlit run dashboard/app.py`` on the corpus (``--limit`` keeps the first N
lines of a JSONL file, in a temporary copy) or on a built store (``--store``, copied
into the cache folder, ``app_store.stage_store``), opens each page of the page registry in
both languages, lets the page grow to its full height and saves
``docs/screenshots/<page>_<lang><suffix>.png``. Prints the seconds each page took.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "bench")]

from app_store import stage_store  # noqa: E402
from browser_support import launch_chromium, settle, streamlit_server  # noqa: E402

from dashboard.ui.pages import PAGES  # noqa: E402

SHOTS = REPO / "docs" / "screenshots"
# What proves a page finished drawing: (CSS selector, how many).
READY = {
    "overview": (".js-plotly-plot", 2),
    "actors": (".js-plotly-plot", 1),
    "comentions": (".js-plotly-plot", 1),
    "words": ('[data-testid="stImage"] img', 1),
    "timeline": (".js-plotly-plot", 3),
    "sentences": (".sentence-card", 1),
}
WIDTH = 1400


def first_lines(source: Path, limit: int, folder: Path) -> Path:
    """The first ``limit`` lines of a JSONL file, copied into ``folder``."""
    target = folder / source.name
    with source.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as out:
        for number, line in enumerate(src):
            if number >= limit:
                break
            out.write(line)
    return target


def shoot(
    browser, url: str, name: str, lang: str, path: Path, timeout: float, query: str = ""
) -> float:
    page = browser.new_context(viewport={"width": WIDTH, "height": 1000}).new_page()
    spec = next(p for p in PAGES if p.name == name)
    start = time.monotonic()
    page.goto(f"{url}/{spec.url_path}?lang={lang}" + (f"&{query}" if query else ""))
    selector, minimum = READY.get(name, (".js-plotly-plot", 1))
    settle(page, selector, minimum, timeout=timeout)
    seconds = time.monotonic() - start
    # The app scrolls inside its main block: make the window as tall as the page.
    height = page.evaluate(
        "() => Math.max(...['[data-testid=\"stMain\"]', '[data-testid=\"stSidebarContent\"]']"
        ".map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": WIDTH, "height": min(max(int(height) + 40, 800), 6000)})
    settle(page, selector, minimum, timeout=timeout)
    page.screenshot(path=str(path))
    page.context.close()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "seeds")
    parser.add_argument("--limit", type=int, default=0, help="first N lines of a JSONL file")
    parser.add_argument("--suffix", default="", help="added to every file name")
    parser.add_argument("--pages", default=",".join(p.name for p in PAGES))
    parser.add_argument("--langs", default="ar,en")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--query", default="", help="more URL parameters, e.g. top=60")
    parser.add_argument("--cache", type=Path, help="the store cache (kept between runs)")
    parser.add_argument("--store", type=Path, help="a built store (copied, never written)")
    parser.add_argument("--out", type=Path, default=SHOTS, help="the folder of the PNGs")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = args.corpus
        cache = args.cache or folder / "cache"
        if args.store:
            corpus = stage_store(args.store, cache)
        elif args.limit:  # the same file name and bytes each run: the cache still applies
            corpus = first_lines(corpus, args.limit, folder)
        log = folder / "streamlit.log"
        with (
            streamlit_server(corpus, cache, log, startup_timeout=120) as (
                url,
                _,
            ),
            sync_playwright() as playwright,
        ):
            browser = launch_chromium(playwright)
            for name in args.pages.split(","):
                for lang in args.langs.split(","):
                    path = args.out / f"{name}_{lang}{args.suffix}.png"
                    seconds = shoot(browser, url, name, lang, path, args.timeout, args.query)
                    print(f"{path}  {seconds:.1f} s", flush=True)
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
