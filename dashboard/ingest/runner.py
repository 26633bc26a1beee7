"""Runs stage 1 over many articles: in batches, serially or in the local process pool.

``run_batches(items, progress, workers)`` cuts the (text, date) items into batches of
:data:`BATCH_SIZE`, runs ``batch.analyse_batch`` on each and returns the results in
order, reporting the articles done after each batch. (A Dask scheduler plugs in here.)
``few_collections()`` is the collector's policy of a whole ingest.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context

from dashboard.ingest.batch import BatchResult, Item, analyse_batch

#: Below this many articles the pool costs more than it saves.
PARALLEL_MIN_ARTICLES = 400
#: Articles per batch: the recogniser tags a batch in one pass; results come home per batch.
BATCH_SIZE = 100
#: The cyclic collector's thresholds while stage 1 and linking run (``few_collections``).
#: The default (700 allocations) scans the young objects some 1,000 times per 1,000
#: articles, and each scan of an older generation walks the model's tables and the
#: results kept so far; almost nothing stage 1 makes is cyclic garbage.
INGEST_GC_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def few_collections() -> Iterator[None]:
    """Run the body with :data:`INGEST_GC_THRESHOLDS` and with what exists already (the
    modules, and the models once loaded: see ``run_batches``) frozen out of the
    collector's scans; the thresholds and the frozen objects are given back on exit."""
    before = gc.get_threshold()
    gc.set_threshold(*INGEST_GC_THRESHOLDS)
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def _worker_start() -> None:
    """A pool worker's collector policy: the ingest's thresholds for its whole life."""
    gc.set_threshold(*INGEST_GC_THRESHOLDS)


def _analyse_in_worker(batch: list[Item]) -> BatchResult:
    """``analyse_batch`` in a pool worker; after its first batch, what the worker holds
    then (the models that batch loaded) is frozen out of the collector's scans."""
    packed = analyse_batch(batch)
    if not gc.get_freeze_count():
        gc.freeze()
    return packed


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
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=ctx, initializer=_worker_start
        ) as pool:
            for batch, packed in zip(batches, pool.map(_analyse_in_worker, batches), strict=True):
                results.append(packed)
                done += len(batch)
                if progress:
                    progress(done, total)
    else:
        for k, batch in enumerate(batches):
            results.append(analyse_batch(batch))
            if k == 0 and gc.get_freeze_count():
                gc.freeze()  # within few_collections: the models the first batch loaded
            done += len(batch)
            if progress:
                progress(done, total)
    return results
