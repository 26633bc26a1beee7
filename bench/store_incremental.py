"""Incremental ingest into a store against a fresh ingest of the whole (issue 11, acceptance 2).

    .venv/bin/python bench/store_incremental.py [--base 4000] [--added 500] [--appended 100]
                                                [--corpus shared/data/corpora/dated_news.jsonl]

Builds a store from the first ``--base`` articles (one JSONL file), then times, each as
``python -m dashboard ingest SOURCE --store DIR`` in a fresh process (as a user runs it):

1. a new file of the next ``--added`` articles added to the source, ingested into the
   store, against a fresh ingest of the whole source into an empty store;
2. ``--appended`` more records appended to that new file, likewise.

Prints wall and CPU seconds, the ratios incremental / fresh (the goal: at most 0.25) and
the load average, and checks that each incremental store's frames equal the fresh store's.
CPU seconds count the pool's workers only with ``--workers 1`` (then there is no pool).
Needs the shared corpora (``bench/shared_corpora.py``), not part of the tests.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from frames_check import same_stores
from shared_corpora import REPO, corpora_dir


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def timed_ingest(source: Path, store: Path, workers: int | None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one ``ingest --store`` in a fresh
    process. CPU time barely moves with the load that other programs put on the machine;
    wall time does. Pool workers are the forkserver's children, not the ingest's, so CPU
    seconds are complete only with ``--workers 1``."""
    cmd = [sys.executable, "-m", "dashboard", "ingest", str(source), "--store", str(store)]
    if workers:
        cmd += ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise SystemExit(f"ingest failed:\n{out.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    last = out.stderr.strip().splitlines()[-1].strip()
    print(f"    {last}; {seconds:.1f} s wall, {cpu:.1f} s CPU")
    return seconds, cpu


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", type=int, default=4000)
    parser.add_argument("--added", type=int, default=500)
    parser.add_argument("--appended", type=int, default=100)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--corpus", type=Path, default=corpora_dir() / "dated_news.jsonl")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus} (see bench/shared_corpora.py)", file=sys.stderr)
        return 2
    with args.corpus.open(encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, args.base + args.added + args.appended))
    base = lines[: args.base]
    added = lines[args.base : args.base + args.added]
    appended = lines[args.base + args.added :]
    work = Path(tempfile.mkdtemp(prefix="ane-store-bench-"))
    source, store = work / "source", work / "store"
    source.mkdir()
    (source / "part_000.jsonl").write_text("".join(base), encoding="utf-8")
    print(f"cores: {os.cpu_count()}, load average at start: {load_average()}")
    print(f"store of {len(base):,} articles:")
    build, _ = timed_ingest(source, store, args.workers)
    print(f"  built in {build:.1f} s")

    rows = []
    steps = [
        (f"a new file of {len(added):,} articles", "w", added),
        (f"{len(appended):,} records appended to it", "a", appended),
    ]
    for i, (what, mode, new_lines) in enumerate(steps):
        with (source / "part_001.jsonl").open(mode, encoding="utf-8") as fh:
            fh.write("".join(new_lines))
        load = load_average()
        print(f"{what}:")
        incremental = timed_ingest(source, store, args.workers)
        fresh_store = work / f"fresh_{i}"
        fresh = timed_ingest(source, fresh_store, args.workers)
        equal = same_stores(store, fresh_store)
        rows.append((what, incremental, fresh, equal, load))
    print(f"\nload average at end: {load_average()}")
    print(
        "| change | incremental s (CPU s) | fresh ingest s (CPU s) | ratio wall | ratio CPU "
        "| equal to fresh | load avg before |"
    )
    print("|---|---|---|---|---|---|---|")
    for what, (inc, inc_cpu), (fresh, fresh_cpu), equal, load in rows:
        print(
            f"| {what} | {inc:.1f} ({inc_cpu:.1f}) | {fresh:.1f} ({fresh_cpu:.1f}) | "
            f"{inc / fresh:.2f} | {inc_cpu / fresh_cpu:.2f} | {'yes' if equal else 'NO'} | {load} |"
        )
    return 0 if all(r[3] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
