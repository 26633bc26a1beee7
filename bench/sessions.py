"""Many visitors at once against one dashboard server: own views, render times, memory.

    .venv/bin/python bench/sessions.py [--corpus PATH] [--sessions 10] [--articles 2000]

Starts ``streamlit run dashboard/app.py`` on ``--corpus`` (default: the first
``--articles`` articles of ../shared/data/corpora/dated_news.jsonl written to a
temporary JSONL; seeds/ when that file is missing), opens one session to load the
shared corpus, then ``--sessions`` browser contexts of one headless Chromium open
different filter links (actors, kinds, pages; Arabic and English) all at once. Each
must see its own view (URL, numbers, actor chips, direction). Prints every
session's render time and the server's resident memory (the Streamlit process
and its children, psutil): idle, after the first session, peak during the
concurrent sessions, and after them.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from shared_corpora import corpora_dir

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # the browser tests' server and session helpers

from browser_support import (  # noqa: E402
    check_session,
    launch_chromium,
    run_session,
    session_plans,
    streamlit_server,
)

SHARED_NEWS = corpora_dir() / "dated_news.jsonl"
MB = 2**20


def default_corpus(folder: Path, articles: int) -> Path:
    """The first ``articles`` lines of the shared news corpus as a JSONL file (or seeds/)."""
    if not SHARED_NEWS.exists():
        print(f"{SHARED_NEWS} not found: using seeds/")
        return REPO / "seeds"
    target = folder / f"dated_news_{articles}.jsonl"
    with SHARED_NEWS.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as out:
        out.writelines(itertools.islice(src, articles))
    return target


class MemoryWatch:
    """Samples the resident memory of a process and its children in a thread."""

    def __init__(self, pid: int, every: float = 0.1) -> None:
        self.process = psutil.Process(pid)
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def rss(self) -> int:
        total = 0
        for proc in [self.process, *self.process.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):  # a worker that just ended
                total += proc.memory_info().rss
        return total

    def cpu(self) -> float:
        """CPU seconds (user + system) the server and its children used so far."""
        total = 0.0
        for proc in [self.process, *self.process.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                total += times.user + times.system
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss())
            time.sleep(self.every)

    def __enter__(self) -> MemoryWatch:
        self.peak = self.rss()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.rss())


async def visit(url: str, plans, server_pid: int):
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await launch_chromium(p)
        try:
            watch = MemoryWatch(server_pid)
            idle = watch.rss()
            start = time.monotonic()
            first = await run_session(browser, url, plans[0], timeout=1800)
            load_seconds = time.monotonic() - start
            loaded = watch.rss()
            cpu = watch.cpu()
            with watch:
                start = time.monotonic()
                seen = await asyncio.gather(
                    *(run_session(browser, url, plan, timeout=600) for plan in plans)
                )
                wall = time.monotonic() - start
            cpu = watch.cpu() - cpu
            after = watch.rss()
            return (
                first,
                load_seconds,
                seen,
                (wall, cpu),
                {
                    "idle": idle,
                    "loaded": loaded,
                    "peak": watch.peak,
                    "after": after,
                },
            )
        finally:
            await browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="file or folder (default: see above)")
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument(
        "--cache", type=Path, help="Parquet cache folder (default: DASHBOARD_CACHE or data/cache)"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="ane-sessions-") as tmp:
        tmp_path = Path(tmp)
        # A fixed place for the default extract, so the cache serves later runs.
        stable = Path(tempfile.gettempdir()) / "ane-bench-sessions"
        stable.mkdir(exist_ok=True)
        corpus_path = args.corpus or default_corpus(stable, args.articles)
        if args.cache:
            os.environ["DASHBOARD_CACHE"] = str(args.cache)
        from dashboard import load_corpus
        from dashboard.paths import cache_dir

        cache = cache_dir()  # the server reads what this process wrote

        start = time.monotonic()
        corpus = load_corpus(corpus_path)  # also fills the cache the server reads
        print(
            f"corpus {corpus_path}: {len(corpus.articles):,} articles, "
            f"{len(corpus.sentences):,} sentences, {len(corpus.actors):,} actors "
            f"(loaded in {time.monotonic() - start:.1f} s)"
        )
        plans = session_plans(corpus, args.sessions)
        with streamlit_server(corpus_path, cache, tmp_path / "streamlit.log") as (url, proc):
            first, load_s, seen, (wall, cpu), memory = asyncio.run(visit(url, plans, proc.pid))

    failures = 0
    print(f"\nfirst session (server loads the corpus from the cache): {load_s:.1f} s")
    print(
        f"{args.sessions} concurrent sessions: {wall:.1f} s wall, "
        f"server CPU {cpu:.1f} s ({cpu / args.sessions:.2f} s per session; the rest is Chromium)"
    )
    print(f"{'session':8} {'page':10} {'filter':48} {'sent.':>6} {'render s':>9}  check")
    for s in seen:
        problems = check_session(s, plans)
        failures += bool(problems)
        shown = "&".join(f"{k}={','.join(v)}" for k, v in s.plan.params.items())
        print(
            f"{s.plan.name:8} {s.plan.path or 'overview':10} {shown[:48]:48} "
            f"{s.sentences if s.sentences is not None else '-':>6} {s.seconds:9.1f}  "
            + ("ok" if not problems else "; ".join(problems))
        )
    times = sorted(s.seconds for s in seen)
    print(f"render time: median {times[len(times) // 2]:.1f} s, max {times[-1]:.1f} s")
    print(
        "server RSS (process + children): "
        + ", ".join(f"{k} {v / MB:,.0f} MB" for k, v in memory.items())
    )
    print("all sessions saw their own view" if not failures else f"{failures} sessions wrong")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
