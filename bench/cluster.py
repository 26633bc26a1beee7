"""Ingest on a local Dask cluster against the local process pool (issue 12, acceptance 3).

    .venv/bin/python bench/cluster.py [--articles 4000 29976] [--repeat 3] [--workers 2]

For each size, the first N shared articles (dated_news.jsonl, then more_news.jsonl) in
one JSONL file are ingested into fresh stores, alternately:

* ``pool``: ``ingest(SOURCE, STORE, workers=W)``, stage 1 in the local process pool;
* ``cluster``: a ``LocalCluster`` of W worker processes (one thread each), then
  ``ingest(..., cluster=...)``: the workers analyse and write the partitions.

Prints per run the seconds (the cluster's with and without its start-up), the CPU seconds
of this process (the client) and of the workers (the pool's children, the cluster's worker
processes), the load average; then medians, the median of the ratios cluster / pool of
each pair of runs (target <= 1.2) and whether both stores hold the same frames. Needs
the shared corpora (``bench/shared_corpora.py``); not part of the tests.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from frames_check import same_stores
from shared_corpora import REPO, corpora_dir

sys.path.insert(0, str(REPO))

from dashboard.ingest.cluster import Cluster  # noqa: E402
from dashboard.store.writer import ingest  # noqa: E402


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


class DescendantsCPU:
    """CPU seconds of this process's descendants (the pool's workers are the forkserver's
    children, which getrusage never sees), sampled every half second while running."""

    def __init__(self) -> None:
        import psutil  # a dependency of distributed

        self.me = psutil.Process()
        self.seen: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self.stop.wait(0.5):
            for child in self.me.children(recursive=True):
                with contextlib.suppress(Exception):  # gone between listing and reading
                    t = child.cpu_times()
                    self.seen[child.pid] = t.user + t.system

    def __enter__(self) -> DescendantsCPU:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    def total(self) -> float:
        return sum(self.seen.values())


def run_pool(source: Path, store: Path, workers: int) -> dict[str, float]:
    client0 = cpu(resource.RUSAGE_SELF)
    with DescendantsCPU() as children:
        t0 = time.perf_counter()
        ingest(source, store, workers=workers)
        seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "with_start": seconds,
        "client_cpu": cpu(resource.RUSAGE_SELF) - client0,
        "workers_cpu": children.total(),
    }


def run_cluster(source: Path, store: Path, workers: int) -> dict[str, float]:
    t_start = time.perf_counter()
    with Cluster(workers=workers) as cluster:
        client0 = cpu(resource.RUSAGE_SELF)
        before = cluster.worker_cpu_seconds()
        t0 = time.perf_counter()
        ingest(source, store, cluster=cluster)
        seconds = time.perf_counter() - t0
        client_cpu = cpu(resource.RUSAGE_SELF) - client0
        after = cluster.worker_cpu_seconds()
        with_start = time.perf_counter() - t_start
    return {
        "seconds": seconds,
        "with_start": with_start,
        "client_cpu": client_cpu,
        "workers_cpu": sum(after[w] - before.get(w, 0.0) for w in after),
    }


def first_lines(n: int) -> list[str]:
    paths = [corpora_dir() / "dated_news.jsonl", corpora_dir() / "more_news.jsonl"]
    lines: list[str] = []
    for path in paths:
        if not path.exists():
            raise SystemExit(f"no corpus at {path} (see bench/shared_corpora.py)")
        with path.open(encoding="utf-8") as fh:
            lines += itertools.islice(fh, n - len(lines))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, nargs="+", default=[4000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ane-cluster-bench-"))
    print(f"cores: {os.cpu_count()}, load average at start: {load_average()}")
    summary: list[tuple[int, dict[str, dict[str, float]], bool]] = []
    try:
        for n in args.articles:
            source = work / f"source_{n}"
            source.mkdir()
            (source / "news.jsonl").write_text("".join(first_lines(n)), encoding="utf-8")
            runs: dict[str, list[dict[str, float]]] = {"pool": [], "cluster": []}
            stores = {}
            for r in range(args.repeat):
                for kind, run in (("pool", run_pool), ("cluster", run_cluster)):
                    store = work / f"{kind}_{n}_{r}"
                    load = load_average()
                    m = run(source, store, args.workers)
                    runs[kind].append(m)
                    print(
                        f"{n:>6,} articles  {kind:<7} {m['seconds']:6.1f} s "
                        f"(with start-up {m['with_start']:6.1f} s)  client CPU "
                        f"{m['client_cpu']:6.1f} s, workers' CPU {m['workers_cpu']:6.1f} s  "
                        f"load {load}",
                        flush=True,
                    )
                    if kind in stores:
                        shutil.rmtree(store)
                    else:
                        stores[kind] = store
            equal = same_stores(stores["cluster"], stores["pool"])

            def med(kind: str, key: str, runs: dict = runs) -> float:
                return statistics.median(m[key] for m in runs[kind])

            medians = {k: {key: med(k, key) for key in runs[k][0]} for k in runs}
            # The load changes between runs: each cluster run against the pool run just
            # before it, and the median of those ratios.
            for key in ("seconds", "with_start"):
                medians["cluster"][f"ratio_{key}"] = statistics.median(
                    c[key] / p["seconds"]
                    for p, c in zip(runs["pool"], runs["cluster"], strict=True)
                )
            summary.append((n, medians, equal))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nload average at end: {load_average()}; medians of {args.repeat} run(s)")
    print(
        "| articles | pool s | cluster s (with start-up) | paired ratio (with start-up) "
        "| client CPU pool / cluster "
        "| workers' CPU pool / cluster | same frames |"
    )
    print("|---|---|---|---|---|---|---|")
    for n, medians, equal in summary:
        p, c = medians["pool"], medians["cluster"]
        print(
            f"| {n:,} | {p['seconds']:.1f} | {c['seconds']:.1f} ({c['with_start']:.1f}) | "
            f"{c['ratio_seconds']:.2f} ({c['ratio_with_start']:.2f}) | "
            f"{p['client_cpu']:.1f} / {c['client_cpu']:.1f} | "
            f"{p['workers_cpu']:.1f} / {c['workers_cpu']:.1f} | {'yes' if equal else 'NO'} |"
        )
    return 0 if all(e for _, _, e in summary) else 1


if __name__ == "__main__":
    raise SystemExit(main())
