"""What quote extraction adds to a cold ingest: cold runs with and without it, alternated.

    .venv/bin/python bench/quotes_cost.py --workers 1 [--path load|store] [--n 4000] [--rounds 3]
                                          [--profile DIR]
    git archive <commit before quotes> | tar -x -C /tmp/base      # a checkout without them
    .venv/bin/python bench/quotes_cost.py --base /tmp/base [--n 4000] [--rounds 3] [--workers 1]

Each run is a fresh process that reads the first ``--n`` articles of the shared
``dated_news.jsonl`` cold: ``--path load`` (default) with ``load_corpus(use_cache=False,
workers=--workers)``; ``--path store`` into a fresh store with
``dashboard.store.writer.ingest`` (what ``python -m dashboard ingest SRC --store DIR``, the
command users run, does), then opens it. "With" runs this checkout; "without" runs
``--base`` or (no ``--base``, one process: ``--workers 1``) this checkout with stage 1's
statements switched off (``dashboard.ingest.batch.statements_of_candidates`` answering
none and the quote lexicon not loaded, so that linking attributes none either),
alternating so that both see the same machine load. Prints every run's wall and CPU
seconds, the medians, their ratio and the load average before and after; with
``--workers 1`` and no ``--base``, also the quote steps' own CPU seconds in each run with
them (stage 1's statements, the lexicon's loading, the speakers' attribution, timed
in-process) and the median of 1 + their share of the rest of the run: a direct reading of
the ratio that a busy machine disturbs less than the difference of two whole runs (it
leaves out what quotes cost elsewhere: packing, writing and reading their frames). CPU seconds
count the loading process only: with a pool they miss the workers' (started by
multiprocessing's forkserver, never this process's children), so ``--workers 1`` gives
the CPU ratio, which a machine shared with other work disturbs far less than wall time.
``--profile DIR`` writes each run's cProfile stats there (``pstats`` reads them; profiling
slows the runs, so take the ratio from runs without it). Needs the shared corpora
(``bench/shared_corpora.py``); not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from shared_corpora import corpora_dir

REPO = Path(__file__).resolve().parent.parent

CHILD = """
import cProfile, resource, shutil, sys, tempfile, time
import dashboard
from dashboard import load_corpus
from dashboard.store.reader import load_store
from dashboard.store.writer import ingest
import importlib
source, workers, switch, path, profile = sys.argv[1:6]
if switch == "off":
    import dashboard.ingest.batch
    dashboard.ingest.batch.statements_of_candidates = lambda *args, **kwargs: []
    dashboard.ingest.batch.load_lexicon = lambda: None
quote_cpu = [0.0]
def timed(module, name):
    # The quote steps' own CPU seconds, summed in this process (stage 1 runs here with
    # --workers 1): a direct reading of their share, less disturbed by a busy machine than
    # the difference of two whole runs.
    module = importlib.import_module(module)
    inner = getattr(module, name, None)
    if inner is None:  # a checkout without quotes (--base)
        return
    def wrapper(*args, **kwargs):
        began = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            quote_cpu[0] += time.process_time() - began
    setattr(module, name, wrapper)
if switch == "on":
    for module, name in (
        ("dashboard.ingest.batch", "statements_of_candidates"),
        ("dashboard.ingest.batch", "load_lexicon"),
        ("dashboard.store.writer", "attribute_quotes"),
        ("dashboard.corpus", "attribute_quotes"),
    ):
        timed(module, name)
def cold():
    if path == "load":
        return load_corpus(source, use_cache=False, workers=int(workers) or None)
    store = tempfile.mkdtemp(prefix="ane-quotes-cost-store-")
    try:
        ingest(source, store, workers=int(workers) or None)
        return load_store(store)
    finally:
        shutil.rmtree(store, ignore_errors=True)
profiler = cProfile.Profile(time.process_time) if profile else None
t0 = time.perf_counter()
if profiler:
    profiler.enable()
c = cold()
wall = time.perf_counter() - t0
if profiler:
    profiler.disable()
    profiler.dump_stats(profile)
cpu = sum(
    getattr(resource.getrusage(who), f)
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    for f in ("ru_utime", "ru_stime")
)
quotes = len(getattr(c, "quotes", ()))
print(wall, cpu, len(c.articles), quotes, quote_cpu[0], dashboard.__file__)
"""


def run(
    repo: Path, subset: Path, workers: int, quotes: bool, path: str, profile: str
) -> tuple[float, float, int, int, float]:
    """One cold run: wall and CPU seconds, articles, quotes and the quote steps' own CPU
    seconds (stage 1's statements when they run in this process, the lexicon's loading,
    the speakers' attribution; 0 with quotes off)."""
    cache = tempfile.mkdtemp(prefix="ane-quotes-cost-cache-")
    env = {**os.environ, "PYTHONPATH": str(repo), "DASHBOARD_CACHE": cache}
    env.pop("DASHBOARD_DATA", None)
    switch = "on" if quotes else "off"
    try:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(subset), str(workers), switch, path, profile],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    if not out[5].startswith(str(repo)):
        raise SystemExit(f"{repo}: the run imported {out[5]}")
    return float(out[0]), float(out[1]), int(out[2]), int(out[3]), float(out[4])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--base", type=Path, help="a checkout without quotes (default: switch them off)"
    )
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=0, help="pool size (0: all cores)")
    parser.add_argument("--corpus", type=Path, default=corpora_dir() / "dated_news.jsonl")
    parser.add_argument(
        "--path",
        choices=("load", "store"),
        default="load",
        help="load: load_corpus without cache; store: ingest into a fresh store, as "
        "`python -m dashboard ingest SRC --store DIR` does, then open it",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="write each run's cProfile stats into this folder (<with|without>-<round>.prof)",
    )
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    if args.base is None and args.workers != 1:
        print("switching quotes off needs one process: --workers 1", file=sys.stderr)
        return 2
    subset = Path(tempfile.mkdtemp(prefix="ane-quotes-cost-")) / f"first_{args.n}.jsonl"
    with args.corpus.open(encoding="utf-8") as src, subset.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= args.n:
                break
            dst.write(line)
    print(f"path {args.path}, {args.n:,} articles, workers {args.workers or 'all cores'}")
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    results: dict[str, list[tuple[float, float]]] = {"without": [], "with": []}
    own: list[float] = []  # the quote steps' share of each "with" run: own / (cpu - own)
    for i in range(args.rounds):
        order = [("without", args.base or REPO), ("with", REPO)]
        for name, repo in order if i % 2 == 0 else order[::-1]:
            on = name == "with" or args.base is not None
            profile = ""
            if args.profile is not None:
                args.profile.mkdir(parents=True, exist_ok=True)
                profile = str((args.profile / f"{name}-{i + 1}.prof").resolve())
            wall, cpu, n, quotes, quote_cpu = run(
                repo.resolve(), subset, args.workers, on, args.path, profile
            )
            results[name].append((wall, cpu))
            if name == "with" and args.base is None:
                own.append(quote_cpu / (cpu - quote_cpu))
            mine = f", quote steps {quote_cpu:.1f} s" if quote_cpu else ""
            print(
                f"round {i + 1} {name:<8} {wall:7.1f} s wall {cpu:7.1f} s CPU{mine}  "
                f"{n:,} articles, {quotes:,} quotes  (load {os.getloadavg()[0]:.1f})",
                flush=True,
            )
    medians = {
        name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
        for name, runs in results.items()
    }
    for name, (wall, cpu) in medians.items():
        print(f"median {name:<8} {wall:7.1f} s wall {cpu:7.1f} s CPU")
    ratio_wall = medians["with"][0] / medians["without"][0]
    ratio_cpu = medians["with"][1] / medians["without"][1]
    print(f"with / without: wall {ratio_wall:.3f}, CPU {ratio_cpu:.3f}")
    if own and args.workers == 1:
        print(
            f"quote steps' own CPU in the runs with them: x{1 + statistics.median(own):.3f} "
            "(median of 1 + quote CPU / rest of the run's CPU)"
        )
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    shutil.rmtree(subset.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
