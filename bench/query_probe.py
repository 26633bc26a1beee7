"""Wall and CPU seconds of each page query on a store, for a loaded machine.

    .venv/bin/python bench/query_probe.py STORE [MEMORY_LIMIT] [OUT.json]

The queries of ``bench/query_pages.py`` (``query_side``), each asked with no filter (the
first call also builds the lazily made tables), then with two filters no call has used
(the 4th most mentioned actor; the 5th with kinds PER and GPE). CPU seconds are those of
this process (DuckDB's threads included): on a machine other work loads, wall seconds
mostly measure the wait for a core, CPU seconds the work. Prints each query as it ends
(a run at a million articles on a loaded machine takes long), and the resident memory of
the process. Not part of the tests.
"""

from __future__ import annotations

import json
import os
import sys
import time

import psutil
from query_pages import query_side
from shared_corpora import REPO

sys.path.insert(0, str(REPO))


def main() -> int:
    from dashboard.query import QueryFilter

    store = sys.argv[1]
    limit = sys.argv[2] if len(sys.argv) > 2 else "512MB"
    me = psutil.Process()

    def cpu() -> float:
        t = me.cpu_times()
        return t.user + t.system

    calls, top, opened = query_side(store, limit, 2)
    load = os.getloadavg()[0]
    print(f"store {store} memory_limit {limit}; opened {opened:.2f} s; load {load:.1f}", flush=True)
    filters = [
        ("none", QueryFilter()),
        ("actor", QueryFilter(actors=(top[3],))),
        ("actor+kinds", QueryFilter(actors=(top[4],), kinds=("PER", "GPE"))),
    ]
    results: dict[str, dict] = {}
    peak = 0
    for name, call in calls.items():
        row = {}
        for label, flt in filters:
            w0, c0 = time.perf_counter(), cpu()
            call(flt, top[:2])
            row[label] = (time.perf_counter() - w0, cpu() - c0)
            peak = max(peak, me.memory_info().rss)
        results[name] = row
        cells = "  ".join(f"{k} {w:6.2f} s/{c:6.2f} cpu" for k, (w, c) in row.items())
        rss = me.memory_info().rss >> 20
        print(f"{name:30} {cells}  rss {rss} MB load {os.getloadavg()[0]:.1f}", flush=True)
    print(f"peak RSS {peak >> 20} MB; final {me.memory_info().rss >> 20} MB", flush=True)
    if len(sys.argv) > 3:
        with open(sys.argv[3], "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
