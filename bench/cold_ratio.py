"""Cold ingest of the same corpus by this checkout and by a baseline checkout, alternated in
one run (issue 11, acceptance 4: HEAD's cold ingest of 29,976 articles <= 1.10x commit
475f1db's).

    .venv/bin/python bench/cold_ratio.py --base /work/wt/base475 [--n 29976] [--rounds 3]
                                         [--json out.json] [--sides base,"head ingest --store"]

Three measurements per round, each in a fresh process with an empty cache or store, in
an order rotated every round (so neither side always runs first or on the same load):

* ``base``: the baseline's ``load_corpus`` without cache (its ``bench/scale.py`` child,
  ``seconds`` of the call, as that script reports cold);
* ``head load_corpus``: the same of this checkout;
* ``head ingest --store``: ``python -m dashboard ingest FILE --store DIR`` into a fresh
  folder, wall seconds of the process (interpreter start and imports included, as a user
  waits for them).

With ``--workers 1`` every side runs in one process, whose CPU seconds (also printed) are
all counted: on a machine other work loads, their ratio is the comparison that holds
(the pool's workers, started through a forkserver, are not children this script waits
for, so without it only wall seconds compare). Each checkout runs with its own ``.venv``. The input is the first ``--n`` lines of the
shared dated_news.jsonl + more_news.jsonl. Prints each run with the load average before
it, then the medians and the ratios. Needs the shared corpora; not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale import write_subset  # the first n articles of the shared corpora
from shared_corpora import REPO

SIDES = ("base", "head load_corpus", "head ingest --store")


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def children_cpu() -> float:
    """CPU seconds of this process's finished (waited-for) children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str], cwd: Path) -> tuple[str, float, float]:
    """(stdout, wall seconds, CPU seconds) of ``cmd``; exits with its stderr on failure."""
    t0, c0 = time.perf_counter(), children_cpu()
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, check=False)
    wall, cpu = time.perf_counter() - t0, children_cpu() - c0
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} failed in {cwd}:\n{out.stderr[-3000:]}")
    return out.stdout, wall, cpu


def cold_load(checkout: Path, source: Path, work: Path, workers: int | None) -> tuple[float, float]:
    """Seconds of ``load_corpus`` without cache in ``checkout`` (its bench/scale.py child),
    and the CPU seconds of that process."""
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=work))
    cmd = [str(checkout / ".venv/bin/python"), str(checkout / "bench/scale.py")]
    cmd += ["--child", str(source), "--cache", str(cache), "--mode", "cold"]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    stdout, _, cpu = run(cmd, checkout)
    shutil.rmtree(cache, ignore_errors=True)
    return float(json.loads(stdout.strip().splitlines()[-1])["seconds"]), cpu


def cold_store(
    checkout: Path, source: Path, work: Path, workers: int | None
) -> tuple[float, float]:
    """Wall and CPU seconds of ``python -m dashboard ingest SOURCE --store <fresh folder>``
    (with ``workers``: ``ingest(..., workers=N)``, the same run with that pool size)."""
    store = work / "store"
    shutil.rmtree(store, ignore_errors=True)
    python = str(checkout / ".venv/bin/python")
    cmd = [python, "-m", "dashboard", "ingest", str(source), "--store", str(store)]
    if workers is not None:
        call = "import sys; from dashboard.store.writer import ingest; "
        call += "ingest(sys.argv[1], sys.argv[2], workers=int(sys.argv[3]))"
        cmd = [python, "-c", call, str(source), str(store), str(workers)]
    _, wall, cpu = run(cmd, checkout)
    shutil.rmtree(store, ignore_errors=True)
    return wall, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", type=Path, required=True, help="the baseline checkout")
    ap.add_argument("--n", type=int, default=29_976)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", type=Path)
    ap.add_argument(
        "--offset", type=int, default=0, help="rotate the order as round 1+OFFSET would"
    )
    ap.add_argument(
        "--workers",
        type=int,
        help="pool size of every side (1: one process, so its CPU seconds are all counted: "
        "a comparison that holds on a loaded machine)",
    )
    ap.add_argument(
        "--sides",
        default=",".join(SIDES),
        help="comma-separated sides to run (default all: " + ", ".join(SIDES) + ")",
    )
    args = ap.parse_args()
    sides = tuple(s.strip() for s in args.sides.split(","))
    if unknown := set(sides) - set(SIDES):
        ap.error(f"unknown sides: {', '.join(sorted(unknown))}")
    if "base" not in sides:
        ap.error("the sides must include base (the ratios are to it)")
    work = Path(tempfile.mkdtemp(prefix="ane-cold-ratio-"))
    source = work / f"first_{args.n}.jsonl"
    n = write_subset(args.n, source)
    w = args.workers
    runs = {
        "base": lambda: cold_load(args.base, source, work, w),
        "head load_corpus": lambda: cold_load(REPO, source, work, w),
        "head ingest --store": lambda: cold_store(REPO, source, work, w),
    }
    print(f"{n:,} articles; cores {os.cpu_count()}; load at start {load_average()}", flush=True)
    times: dict[str, list[float]] = {side: [] for side in sides}
    cpus: dict[str, list[float]] = {side: [] for side in sides}
    log = []
    for r in range(args.rounds):
        turn = (r + args.offset) % len(sides)
        order = sides[turn:] + sides[:turn]
        for side in order:
            before = load_average()
            seconds, cpu = runs[side]()
            times[side].append(seconds)
            cpus[side].append(cpu)
            log.append({"round": r + 1, "side": side, "seconds": seconds, "cpu_s": cpu})
            log[-1]["load"] = before
            print(
                f"round {r + 1} {side:22} {seconds:8.1f} s {cpu:8.1f} s CPU (load before {before})",
                flush=True,
            )
    medians = {side: statistics.median(t) for side, t in times.items()}
    cpu_medians = {side: statistics.median(t) for side, t in cpus.items()}
    print(f"\nmedians of {args.rounds} (load at end {load_average()}):")
    for side in sides:
        ratio = medians[side] / medians["base"]
        cpu_ratio = cpu_medians[side] / cpu_medians["base"]
        print(
            f"  {side:22} {medians[side]:8.1f} s  x{ratio:.2f} of base; "
            f"{cpu_medians[side]:8.1f} s CPU  x{cpu_ratio:.2f}"
        )
    if args.json:
        body = {"n": n, "runs": log, "medians": medians, "cpu_medians": cpu_medians}
        args.json.write_text(json.dumps(body, indent=1))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
