"""The server's memory after an ingest: in its own process, or in a child process.

    .venv/bin/python bench/child_memory.py SOURCE [--workers 1]

Runs twice, each in a fresh process standing for the server: (1) ``ingest`` in that
process; (2) ``ingest_in_child`` (``python -m dashboard ingest --progress jsonl``).
Prints for each the process's resident set after the ingest and its peak, and for (2)
the child's peak: an ingest in a child leaves the server's memory where it was.
Prints the load average (the machine is shared). Not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def run(mode: str, source: str, workers: int) -> dict[str, float]:
    """In this process: ingest ``source`` into a new store the ``mode`` way."""
    from dashboard.store.child import ingest_in_child
    from dashboard.store.writer import ingest

    before = rss_mb()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ane-child-memory-") as tmp:
        if mode == "in-process":
            result = ingest(source, Path(tmp) / "store", workers=workers)
        else:
            result = ingest_in_child(source, Path(tmp) / "store")
    kib = 1024  # ru_maxrss is in KiB on Linux
    return {
        "articles": result.articles,
        "seconds": time.perf_counter() - t0,
        "rss_before_mb": before,
        "rss_after_mb": rss_mb(),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / kib,
        "children_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / kib,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--mode", choices=["in-process", "child"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.mode:
        print(json.dumps(run(args.mode, args.source, args.workers)))
        return 0
    for mode in ("in-process", "child"):
        command = [sys.executable, __file__, args.source, "--mode", mode]
        command += ["--workers", str(args.workers)]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        got = json.loads(out.strip().splitlines()[-1])
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"{mode:10s}: {got['articles']:,} articles in {got['seconds']:.0f} s; server "
            f"{got['rss_before_mb']:.0f} MB before, {got['rss_after_mb']:.0f} MB after, peak "
            f"{got['peak_mb']:.0f} MB; children's peak {got['children_peak_mb']:.0f} MB "
            f"(load {load})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
