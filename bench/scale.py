"""Scale benchmark: cold ingest, warm load, peak memory and co-mentions at several sizes.

    .venv/bin/python bench/scale.py [--sizes 1000,4000,18748,29976] [--repeats 1] [--workers N]

The corpus is shared/data/corpora/dated_news.jsonl followed by more_news.jsonl
(29,976 articles); a size N takes its first N lines. Every measurement of one size runs
in a fresh Python process (as a server would), with an empty cache for the cold load:

* floor: reading the same JSONL and regex-tokenising its texts, in the same process;
* cold: ``load_corpus`` without a cache (readers, the process pool, linking, cache write);
  its stage timings come from ``corpus.meta["timings"]``;
* warm: ``load_corpus`` in another fresh process, served by the Parquet cache;
* peak memory: resident memory of the process tree (main process + forkserver + pool
  workers, psutil), sampled every 50 ms in a thread; also the peaks of the workers alone
  and of the main process alone (which peaks after the pool, in assembly and linking);
* co-mention: ``comention_matrix`` of the top 50 actors of the whole corpus (median of 5,
  after the corpus index is built; the index build is reported on its own).

Prints one row per size with medians over ``--repeats``, plus ``--json FILE`` for the raw
numbers. Needs the shared corpora (``bench/shared_corpora.py`` finds them; or
``--corpora``); not part of the tests.

Store mode (issue 11): the same questions of a store, each step a fresh
``python -m dashboard ingest SOURCE --store DIR`` process whose whole tree (the ingest,
its forkserver and pool workers) is sampled for resident memory:

    .venv/bin/python bench/scale.py --store DIR --source FOLDER [--increment FILE]
                                    [--remove-increment] [--json out.json]

* cold: ``SOURCE`` into ``DIR`` (which must not hold a store yet; skipped with a notice
  when it does, so a long cold run is never repeated by accident);
* incremental (``--increment``): ``FILE`` copied into the source folder (as
  ``zz-increment-<name>``, sorting after the inputs already there), ingested again;
* ``--remove-increment``: that copy removed and the store brought up to date again.

Each step prints wall seconds, CPU seconds of the tree, peak RSS of the tree (and of the
ingest process alone), the load average before and after, and the store's size on disk.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from shared_corpora import REPO, corpora_dir

CORPORA = (corpora_dir() / "dated_news.jsonl", corpora_dir() / "more_news.jsonl")
DEFAULT_SIZES = "1000,4000,18748,29976"


class PeakMemory:
    """Samples the resident memory of a process (``pid``, default this one) and all its
    descendants in a thread."""

    def __init__(self, interval: float = 0.05, pid: int | None = None):
        import psutil

        self._psutil = psutil
        self.pid = os.getpid() if pid is None else pid
        self.interval = interval
        self.peak = 0
        self.peak_workers = 0
        self.peak_main = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        try:
            me = self._psutil.Process(self.pid)
            total = me.memory_info().rss
            kids = me.children(recursive=True)
        except self._psutil.Error:  # the measured process has ended
            return
        children = 0
        for child in kids:
            # A worker may end between listing and reading.
            with contextlib.suppress(self._psutil.Error):
                children += child.memory_info().rss
        self.peak = max(self.peak, total + children)
        self.peak_workers = max(self.peak_workers, children)
        self.peak_main = max(self.peak_main, total)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def write_subset(n: int, out: Path, corpora=CORPORA) -> int:
    """The first ``n`` lines of the concatenated corpora into ``out``; lines written."""
    written = 0
    with out.open("w", encoding="utf-8") as dst:
        for path in corpora:
            with path.open(encoding="utf-8") as src:
                for line in src:
                    if written >= n:
                        return written
                    dst.write(line)
                    written += 1
    return written


def child(args: argparse.Namespace) -> int:
    """One measurement in this fresh process; prints a JSON object on the last line."""
    sys.path[:0] = [str(REPO), str(REPO / "bench")]  # this checkout's package, not another
    from ingest import floor

    os.environ["DASHBOARD_CACHE"] = args.cache
    from dashboard import load_corpus

    result: dict = {}
    if args.mode == "cold":
        floor_s, tokens = floor(Path(args.child))
        result.update(floor_s=floor_s, tokens=tokens)
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        corpus = load_corpus(args.child, workers=args.workers)
        result["seconds"] = time.perf_counter() - t0
    result.update(
        peak_mb=mem.peak / 2**20,
        peak_workers_mb=mem.peak_workers / 2**20,
        peak_main_mb=mem.peak_main / 2**20,
        articles=len(corpus.articles),
        mentions=len(corpus.mentions),
        actors=len(corpus.actors),
        timings=corpus.meta.get("timings", {}),
    )
    if args.mode == "warm":
        from dashboard.analysis import apply_filter, comention_matrix

        t0 = time.perf_counter()
        view = apply_filter(corpus)
        result["index_s"] = time.perf_counter() - t0
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            matrix = comention_matrix(apply_filter(corpus), top_n=50)
            times.append(time.perf_counter() - t0)
        assert matrix.shape[0] == min(50, len(corpus.actors)), matrix.shape
        result["comention_s"] = statistics.median(times)
        del view
    print(json.dumps(result))
    return 0


def run_child(path: Path, cache: Path, mode: str, workers: int | None) -> dict:
    cmd = [sys.executable, __file__, "--child", str(path), "--cache", str(cache), "--mode", mode]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=False)
    if out.returncode != 0:
        raise SystemExit(f"benchmark child failed ({mode}, {path.name}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


# ---------------------------------------------------------------------- store mode


def folder_mb(folder: Path) -> float:
    """Bytes of every file under ``folder``, in MB."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def store_step(what: str, source: Path, store: Path) -> dict:
    """One ``ingest --store`` in a fresh process (stage 1 on its pool of one worker per
    core), its tree's peak memory and CPU sampled."""
    import psutil

    cmd = [sys.executable, "-m", "dashboard", "ingest", str(source), "--store", str(store)]
    load_before = load_average()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = psutil.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakMemory(interval=0.25, pid=proc.pid) as mem:
        _, err = proc.communicate()
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{what} ingest failed:\n{err[-3000:]}")
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    result = {
        "step": what,
        "seconds": seconds,
        "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "peak_mb": mem.peak / 2**20,
        "peak_main_mb": mem.peak_main / 2**20,
        "peak_workers_mb": mem.peak_workers / 2**20,
        "load_before": load_before,
        "load_after": load_average(),
        "generation": manifest["generation"],
        "articles": sum(b["articles"] for b in manifest["batches"].values()),
        "store_mb": folder_mb(store),
        "last_line": err.strip().splitlines()[-1].strip() if err.strip() else "",
    }
    print(
        f"{what:>12}: {seconds:8.1f} s wall, {result['cpu_s']:8.1f} s CPU, peak "
        f"{result['peak_mb']:6,.0f} MB (ingest process {result['peak_main_mb']:,.0f}), "
        f"{result['articles']:,} articles, store {result['store_mb']:,.0f} MB, load "
        f"{load_before} -> {result['load_after']}",
        flush=True,
    )
    return result


def store_mode(args: argparse.Namespace) -> int:
    """Cold, incremental and removal ingests of a store (module docstring)."""
    source, store = args.source, args.store
    if source is None or not source.is_dir():
        print("--store needs --source FOLDER (a folder: the increment is added to it)")
        return 2
    print(f"cores: {os.cpu_count()}, load average at start: {load_average()}", flush=True)
    steps = []
    if (store / "manifest.json").exists():
        print(f"{store} holds a store already: no cold ingest (give a new folder for one)")
    else:
        steps.append(store_step("cold", source, store))
    if args.increment is not None:
        added = source / f"zz-increment-{args.increment.name}"
        shutil.copyfile(args.increment, added)
        steps.append(store_step("incremental", source, store))
        if args.remove_increment:
            added.unlink()
            steps.append(store_step("removal", source, store))
    if args.json:
        args.json.write_text(json.dumps(steps, indent=1))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="comma-separated article counts")
    parser.add_argument("--repeats", type=int, default=1, help="runs per size (medians shown)")
    parser.add_argument("--workers", type=int, default=None, help="pool size (default: cores)")
    parser.add_argument("--json", type=Path, default=None, help="also write raw results here")
    parser.add_argument(
        "--corpora", type=Path, nargs="+", default=list(CORPORA), help="JSONL files, in order"
    )
    parser.add_argument("--store", type=Path, help="store mode: the store folder")
    parser.add_argument("--source", type=Path, help="store mode: the source folder")
    parser.add_argument("--increment", type=Path, help="store mode: a file to add, then ingest")
    parser.add_argument(
        "--remove-increment", action="store_true", help="store mode: then remove it, ingest"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    parser.add_argument("--mode", choices=("cold", "warm"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    if args.store:
        return store_mode(args)
    missing = [p for p in args.corpora if not p.exists()]
    if missing:
        print(
            f"missing {missing[0]} (this benchmark needs the shared corpora; see bench/shared_corpora.py)",
            file=sys.stderr,
        )
        return 2

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = Path(tempfile.mkdtemp(prefix="ane-scale-"))
    print(f"cores: {os.cpu_count()}, load average at start: {load_average()}", flush=True)
    rows = []
    raw = []
    for n in sizes:
        subset = work / f"first_{n}.jsonl"
        n = write_subset(n, subset, args.corpora)
        runs = []
        for r in range(args.repeats):
            cache = work / f"cache-{n}-{r}"
            load_before = load_average()
            cold = run_child(subset, cache, "cold", args.workers)
            warm = run_child(subset, cache, "warm", args.workers)
            runs.append({"cold": cold, "warm": warm, "load": load_before})
            print(
                f"  n={n:,} run {r + 1}: cold {cold['seconds']:.1f} s, warm "
                f"{warm['seconds']:.2f} s, load avg {load_before}",
                flush=True,
            )
        raw.append({"n": n, "runs": runs})

        def med(key, mode="cold", runs=runs):
            return statistics.median(run[mode][key] for run in runs)

        cold_s, floor_s = med("seconds"), med("floor_s")
        tokens = runs[0]["cold"]["tokens"]
        stages = {
            k: statistics.median(run["cold"]["timings"].get(k, 0.0) for run in runs)
            for k in runs[0]["cold"]["timings"]
        }
        rows.append(
            {
                "n": n,
                "tokens": tokens,
                "cold_s": cold_s,
                "art_s": n / cold_s,
                "tok_s": tokens / cold_s,
                "x_floor": cold_s / floor_s,
                "floor_s": floor_s,
                "warm_s": med("seconds", "warm"),
                "peak_mb": max(med("peak_mb"), med("peak_mb", "warm")),
                "workers_mb": med("peak_workers_mb"),
                "main_mb": med("peak_main_mb"),
                "index_s": med("index_s", "warm"),
                "comention_s": med("comention_s", "warm"),
                "mentions": runs[0]["cold"]["mentions"],
                "stages": stages,
            }
        )

    head = (
        f"{'articles':>9}{'tokens':>11}{'cold s':>8}{'art/s':>7}{'tok/s':>8}{'x floor':>9}"
        f"{'warm s':>8}{'peak MB':>9}{'(workers)':>10}{'(main)':>8}{'index s':>8}{'co-m 50 s':>10}"
    )
    print(f"\nmedians of {args.repeats} run(s); load average at end: {load_average()}")
    print(head)
    for r in rows:
        print(
            f"{r['n']:>9,}{r['tokens']:>11,}{r['cold_s']:>8.1f}{r['art_s']:>7.0f}"
            f"{r['tok_s']:>8,.0f}{r['x_floor']:>9.0f}{r['warm_s']:>8.2f}{r['peak_mb']:>9,.0f}"
            f"{r['workers_mb']:>10,.0f}{r['main_mb']:>8,.0f}{r['index_s']:>8.2f}"
            f"{r['comention_s']:>10.3f}"
        )
    print("\ncold-load stages (seconds, medians):")
    names = list(rows[0]["stages"]) if rows else []
    print(f"{'articles':>9}" + "".join(f"{k:>12}" for k in names))
    for r in rows:
        print(f"{r['n']:>9,}" + "".join(f"{r['stages'].get(k, 0):>12.2f}" for k in names))
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        growth = (b["cold_s"] / a["cold_s"]) / (b["n"] / a["n"])
        print(
            f"\ncost per article at {b['n']:,} vs {a['n']:,}: x{growth:.2f} "
            "(1.0 = linear; below 1: fixed start-up costs amortised)"
        )
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "raw": raw}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
