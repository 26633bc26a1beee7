"""Cold ingest of the same corpus by this checkout and by a baseline checkout, alternated in
one run (issue 11, acceptance 4: HEAD's cold ingest of 29,976 articles <= 1.10x commit
475f1db's).

    .venv/bin/python bench/cold_ratio.py --base /work/wt/base475 [--n 29976] [--rounds 3]
                                         [--json out.json]

Three measurements per round, each in a fresh process with an empty cache or store, in
an order rotated every round (so neither side always runs first or on the same load):

* ``base``: the baseline's ``load_corpus`` without cache (its ``bench/scale.py`` child,
  ``seconds`` of the call, as that script reports cold);
* ``head load_corpus``: the same of this checkout;
* ``head ingest --store``: ``python -m dashboard ingest FILE --store DIR`` into a fresh
  folder, wall seconds of the process (interpreter start and imports included, as a user
  waits for them).

Each checkout runs with its own ``.venv``. The input is the first ``--n`` lines of the
shared dated_news.jsonl + more_news.jsonl. Prints each run with the load average before
it, then the medians and the ratios. Needs the shared corpora; not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shared_corpora import REPO, corpora_dir

SIDES = ("base", "head load_corpus", "head ingest --store")


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def write_subset(n: int, out: Path) -> int:
    written = 0
    with out.open("w", encoding="utf-8") as dst:
        for name in ("dated_news.jsonl", "more_news.jsonl"):
            with (corpora_dir() / name).open(encoding="utf-8") as src:
                for line in src:
                    if written >= n:
                        return written
                    dst.write(line)
                    written += 1
    return written


def cold_load(checkout: Path, source: Path, work: Path) -> float:
    """Seconds of ``load_corpus`` without cache in ``checkout`` (its bench/scale.py child)."""
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=work))
    cmd = [str(checkout / ".venv/bin/python"), str(checkout / "bench/scale.py")]
    cmd += ["--child", str(source), "--cache", str(cache), "--mode", "cold"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=checkout, check=False)
    shutil.rmtree(cache, ignore_errors=True)
    if out.returncode != 0:
        raise SystemExit(f"cold load failed in {checkout}:\n{out.stderr[-3000:]}")
    return float(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])


def cold_store(checkout: Path, source: Path, work: Path) -> float:
    """Wall seconds of ``python -m dashboard ingest SOURCE --store <fresh folder>``."""
    store = work / "store"
    shutil.rmtree(store, ignore_errors=True)
    cmd = [str(checkout / ".venv/bin/python"), "-m", "dashboard", "ingest", str(source)]
    cmd += ["--store", str(store)]
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=checkout, check=False)
    seconds = time.perf_counter() - t0
    shutil.rmtree(store, ignore_errors=True)
    if out.returncode != 0:
        raise SystemExit(f"ingest --store failed:\n{out.stderr[-3000:]}")
    return seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", type=Path, required=True, help="the baseline checkout")
    ap.add_argument("--n", type=int, default=29_976)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ane-cold-ratio-"))
    source = work / f"first_{args.n}.jsonl"
    n = write_subset(args.n, source)
    runs = {
        "base": lambda: cold_load(args.base, source, work),
        "head load_corpus": lambda: cold_load(REPO, source, work),
        "head ingest --store": lambda: cold_store(REPO, source, work),
    }
    print(f"{n:,} articles; cores {os.cpu_count()}; load at start {load_average()}", flush=True)
    times: dict[str, list[float]] = {side: [] for side in SIDES}
    log = []
    for r in range(args.rounds):
        order = SIDES[r % len(SIDES) :] + SIDES[: r % len(SIDES)]
        for side in order:
            before = load_average()
            seconds = runs[side]()
            times[side].append(seconds)
            log.append({"round": r + 1, "side": side, "seconds": seconds, "load": before})
            print(f"round {r + 1} {side:22} {seconds:8.1f} s  (load before {before})", flush=True)
    medians = {side: statistics.median(t) for side, t in times.items()}
    print(f"\nmedians of {args.rounds} (load at end {load_average()}):")
    for side in SIDES:
        ratio = medians[side] / medians["base"]
        print(f"  {side:22} {medians[side]:8.1f} s  x{ratio:.2f} of base")
    if args.json:
        args.json.write_text(json.dumps({"n": n, "runs": log, "medians": medians}, indent=1))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
