"""Runs stage 1 over many articles: in batches, serially or in the local process pool.

``run_batches(items, progress, workers)`` cuts the (text, date) items into batches of
:data:`BATCH_SIZE`, runs ``batch.analyse_batch`` on each and returns the results in
order, reporting the articles done after each batch. (A Dask scheduler plugs in here.)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from dashboard.ingest.batch import BatchResult, Item, analyse_batch

#: Below this many articles the pool costs more than it saves.
PARALLEL_MIN_ARTICLES = 400
#: Articles per batch: the recogniser tags a batch in one pass; results come home per batch.
BATCH_SIZE = 100


def run_batches(
    items: list[Item],
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> list[BatchResult]:
    """``analyse_batch`` over ``items`` in batches, in order; ``progress(done, total)``
    counts articles. ``workers``: pool size (default: the machine's cores); 1, or fewer
    than :data:`PARALLEL_MIN_ARTICLES` items, runs in this process."""
    total = len(items)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    batches = [items[i : i + BATCH_SIZE] for i in range(0, total, BATCH_SIZE)]
    results: list[BatchResult] = []
    done = 0
    if progress:
        progress(0, total)
    if workers > 1 and total >= PARALLEL_MIN_ARTICLES:
        # forkserver: Streamlit runs scripts in threads, and forking a threaded process is unsafe.
        # (No max_tasks_per_child: on Python 3.11 the pool can hang when a worker retires.)
        ctx = get_context("forkserver")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            for batch, packed in zip(batches, pool.map(analyse_batch, batches), strict=True):
                results.append(packed)
                done += len(batch)
                if progress:
                    progress(done, total)
    else:
        for batch in batches:
            results.append(analyse_batch(batch))
            done += len(batch)
            if progress:
                progress(done, total)
    return results
