"""Stage 1 on a dask.distributed cluster: an existing one (``--scheduler tcp://HOST:8786``)
or a local one this process starts (``--workers N``).

``Cluster`` is a context manager around a ``distributed.Client``: it connects within
:data:`CONNECT_TIMEOUT_S` (an unreachable scheduler is a :class:`ClusterError` naming the
address, not a hang), waits for a worker, and ``map`` runs one picklable function over
many tasks, reporting the weight (articles) of each finished task as it comes home.

Every task first checks that the worker's data (the model, gazetteers and word lists in
``data/``, digested by the function it is given, ``store.versions.analysis_version``)
is the client's: a worker with other data refuses the task with a clear message rather
than writing frames the store would mix with the client's. A worker that dies costs only
the tasks it held: the scheduler gives them to the others (Dask's own rescheduling, up
to ``distributed.scheduler.allowed-failures`` deaths per task).

``warm`` starts a function on every worker without waiting for it: the writer has the
workers load the model while the client still reads the inputs. A local cluster's
workers run without Dask's ``MALLOC_TRIM_THRESHOLD_`` and do Dask's bookkeeping less
often (:data:`LOCAL_CONFIG`): on the same articles they burnt more CPU than the local
pool's workers.

Dask is an optional dependency (``pip install '.[cluster]'``); it is imported only when
a cluster is opened.
"""

from __future__ import annotations

import functools
import logging
import os
import socket
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: Seconds to reach the scheduler before giving up with a clear message.
CONNECT_TIMEOUT_S = 10.0
#: Seconds to wait for the first worker, and for any worker once all have gone.
WORKER_WAIT_S = 60.0
#: Retries of a task that raised (a shared file system's hiccup); a worker's death is
#: handled by the scheduler and costs no retry.
TASK_RETRIES = 1
#: Tasks per worker the articles are cut into: enough for the fast to take over the slow
#: and for a dead worker to cost little, few enough to keep partitions large.
TASKS_PER_WORKER = 4
#: Articles per task instead of the automatic size (``partition_sizes``), e.g. to test
#: many small tasks on a small corpus.
TASK_ARTICLES_ENV = "DASHBOARD_CLUSTER_TASK_ARTICLES"


#: Dask settings of a local cluster's scheduler, nannies and workers (all in this process
#: but the workers), which burnt more CPU than the local pool's on the same articles: the
#: environment of the workers, and Dask's own bookkeeping, paid per second of wall time
#: whatever the tasks do, less often (measured idle: this process 2.0 -> 0.8 % of a core,
#: each worker 1.3 -> 0.5 %; the longer a run, as on a loaded machine, the more it counts).
LOCAL_CONFIG = {
    # Dask has the nanny set MALLOC_TRIM_THRESHOLD_=65536 for its worker, so that glibc
    # hands freed memory back to the system at once; the analysis, which allocates and
    # frees all the time, then pays ~10 % more CPU in page faults (stage 1 of 600
    # articles in one process: 4.8 CPU s against 4.3). None unsets it (Dask's way); a
    # worker holds one partition at a time, so what glibc keeps is bounded anyway.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # The event loop's health check (Dask's default: every 20 ms); it warns after 3 s.
    "distributed.admin.tick.interval": "1s",
    # CPU, memory, network and disk figures for the dashboard (default: 500 ms).
    "distributed.admin.system-monitor.interval": "5s",
    # Memory-limit checks of worker and nanny (default: 100 ms).
    "distributed.worker.memory.monitor-interval": "1s",
    # The task's stack sampled for the dashboard's profile (default: 10 ms): each sample
    # takes the GIL from the analysis; 100 ms still fills the profile page.
    "distributed.worker.profile.interval": "100ms",
}


class ClusterError(Exception):
    """The cluster cannot run the analysis; the message says why and what to do."""


def _install_hint() -> str:
    return (
        "install the cluster extra: pip install 'arabic-news-explorer[cluster]' (or '.[cluster]')"
    )


@functools.lru_cache(maxsize=4)
def _worker_version(version: Callable[[], str]) -> str:
    """``version()`` once per worker process (it digests every data file)."""
    return version()


def checked_call(
    version: Callable[[], str], expected: str, fn: Callable[..., Any], *args: Any
) -> Any:
    """``fn(*args)`` on a worker whose ``version()`` is ``expected``; else a
    :class:`ClusterError` naming the worker and both versions."""
    got = _worker_version(version)
    if got != expected:
        raise ClusterError(
            f"worker on {socket.gethostname()} (pid {os.getpid()}) has other data: analysis "
            f"version {got}, the client's is {expected}; install the same dashboard version "
            "(and the same data/ folder: model, gazetteers, word lists) on every worker"
        )
    return fn(*args)


def worker_cpu_seconds() -> float:
    """User + system CPU seconds of the process that runs this (a worker)."""
    t = os.times()
    return t.user + t.system


class Cluster:
    """A connection to a Dask cluster for stage 1.

    ``scheduler``: the address of a running ``dask scheduler`` (``tcp://HOST:8786``);
    else ``workers`` local worker processes (a ``LocalCluster``, one thread each: the
    analysis is pure Python and holds the GIL). Use as a context manager.
    """

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int | None = None,
        connect_timeout_s: float = CONNECT_TIMEOUT_S,
        worker_wait_s: float = WORKER_WAIT_S,
    ) -> None:
        if (scheduler is None) == (workers is None):
            raise ValueError("give a scheduler address or a number of local workers")
        if workers is not None and workers < 1:
            raise ClusterError(f"--workers {workers}: a local cluster needs at least 1 worker")
        self.scheduler, self.workers = scheduler, workers
        self.connect_timeout_s, self.worker_wait_s = connect_timeout_s, worker_wait_s
        self.client: Any = None
        self._local: Any = None
        self._warming: list[Any] = []

    # ------------------------------------------------------------------ connecting

    def __enter__(self) -> Cluster:
        return self.open()

    def open(self) -> Cluster:
        """Connect (or start the local cluster) and wait for a worker; idempotent."""
        if self.client is not None:
            return self
        try:
            import distributed
        except ImportError as exc:
            raise ClusterError(f"Dask is not installed ({exc}); {_install_hint()}") from None
        try:
            if self.scheduler is not None:
                self.client = self._connect(distributed)
            else:
                self._local = self._start_local(distributed)
                self.client = distributed.Client(self._local, timeout=self.connect_timeout_s)
            self._wait_for_workers()
        except BaseException:
            self.close()
            raise
        return self

    def _start_local(self, distributed: Any) -> Any:
        """A ``LocalCluster`` of :attr:`workers` processes, one thread each, with
        :data:`LOCAL_CONFIG`. (An existing cluster's workers are set up where they start;
        README, "A cluster".)"""
        import dask

        with dask.config.set(LOCAL_CONFIG):
            return distributed.LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
                silence_logs=logging.ERROR,  # not the nanny's notes on stopping workers
            )

    def _connect(self, distributed: Any) -> Any:
        address = self.scheduler
        started = time.monotonic()
        try:
            return distributed.Client(address, timeout=self.connect_timeout_s)
        except (OSError, TimeoutError, ValueError) as exc:
            waited = time.monotonic() - started
            raise ClusterError(
                f"cannot reach the Dask scheduler at {address} (gave up after {waited:.0f} s: "
                f"{exc}); start one with `dask scheduler` and give its address as "
                "--scheduler tcp://HOST:8786"
            ) from None

    def _wait_for_workers(self) -> None:
        try:
            self.client.wait_for_workers(1, timeout=self.worker_wait_s)
        except (TimeoutError, OSError) as exc:
            raise ClusterError(
                f"the Dask scheduler at {self.address} has no worker after "
                f"{self.worker_wait_s:.0f} s ({exc}); start some with `dask worker {self.address}`"
            ) from None

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Disconnect; stop the local cluster if this started one."""
        self._warming.clear()
        if self.client is not None:
            self.client.close()
            self.client = None
        if self._local is not None:
            self._local.close()
            self._local = None

    @property
    def address(self) -> str:
        """The scheduler's address."""
        return str(self.client.scheduler.address) if self.client else str(self.scheduler)

    @property
    def dashboard_link(self) -> str:
        """The Dask dashboard's URL (served when bokeh is installed on the scheduler)."""
        return str(self.client.dashboard_link)

    def n_workers(self) -> int:
        """Workers connected now."""
        return len(self.client.scheduler_info()["workers"])

    def worker_cpu_seconds(self) -> dict[str, float]:
        """CPU seconds each worker process has used so far, by worker address."""
        return dict(self.client.run(worker_cpu_seconds))

    # ------------------------------------------------------------------ running

    def warm(self, fn: Callable[..., Any], *args: Any) -> None:
        """Start ``fn(*args)`` on every worker connected now and return at once: a worker
        loads the model while the client still reads the inputs, instead of in its first
        task. :meth:`map`'s tasks, submitted later, run after it on each worker; its
        result is dropped (errors too: the tasks meet them again) once that :meth:`map`
        has finished."""
        for worker in self.client.scheduler_info()["workers"]:
            self._warming.append(
                self.client.submit(
                    fn, *args, workers=[worker], allow_other_workers=False, pure=False
                )
            )

    def map(
        self,
        fn: Callable[..., Any],
        tasks: Sequence[tuple],
        weights: Sequence[int],
        version: tuple[Callable[[], str], str],
        progress: Callable[[int, int], None] | None = None,
    ) -> list[Any]:
        """``fn(*task)`` for each task on the cluster, results in task order.

        ``version``: (a function giving the worker's data version, the client's value):
        each task checks it first. ``progress(done, total)`` counts ``weights`` of
        finished tasks. A task that raises fails the run (:class:`ClusterError`), the
        remaining tasks cancelled.
        """
        from distributed import wait

        total = sum(weights)
        futures = [
            self.client.submit(checked_call, *version, fn, *task, pure=False, retries=TASK_RETRIES)
            for task in tasks
        ]
        index = {f.key: i for i, f in enumerate(futures)}
        results: list[Any] = [None] * len(futures)
        done = 0
        if progress:
            progress(0, total)
        # Only unfinished futures are held: a finished task's result is released at
        # once, so a worker dying later does not make the scheduler run it again.
        pending = set(futures)
        del futures
        try:
            while pending:
                finished, pending = self._next_finished(wait, pending)
                for future in finished:
                    i = index[future.key]
                    results[i] = self._result(future)
                    done += weights[i]
                    if progress:
                        progress(done, total)
        except BaseException:
            self.client.cancel(list(pending))
            raise
        finally:
            self._warming.clear()  # run, or pinned to a worker that has gone
        return results

    def _next_finished(self, wait: Any, pending: set) -> tuple[set, set]:
        """Wait for some of ``pending`` to finish; a :class:`ClusterError` when every
        worker has been gone for :data:`WORKER_WAIT_S` (the tasks would wait forever)."""
        gone_since: float | None = None
        while True:
            try:
                got = wait(list(pending), timeout=1.0, return_when="FIRST_COMPLETED")
            except TimeoutError:
                if self.n_workers():
                    gone_since = None
                    continue
                gone_since = gone_since or time.monotonic()
                if time.monotonic() - gone_since > self.worker_wait_s:
                    raise ClusterError(
                        f"every worker of the Dask scheduler at {self.address} has gone for "
                        f"{self.worker_wait_s:.0f} s; {len(pending)} tasks were left"
                    ) from None
                continue
            return set(got.done), set(got.not_done)

    @staticmethod
    def _result(future: Any) -> Any:
        try:
            return future.result()
        except ClusterError:
            raise
        except Exception as exc:
            raise ClusterError(
                f"a task failed on the cluster: {type(exc).__name__}: {exc}"
            ) from exc


def partition_sizes(total: int, workers: int, smallest: int, largest: int) -> list[int]:
    """``total`` articles cut into near-equal tasks: :data:`TASKS_PER_WORKER` per worker
    where each can still hold at least ``smallest`` articles (a partition the store does
    not compact at once), else one per worker; none more than ``largest`` (memory per
    task, work lost with a worker). About ``$DASHBOARD_CLUSTER_TASK_ARTICLES`` articles
    each when that is set."""
    if total <= 0:
        return []
    if os.environ.get(TASK_ARTICLES_ENV):
        smallest = largest = max(1, int(os.environ[TASK_ARTICLES_ENV]))
    workers = max(workers, 1)
    fewest = -(-total // largest)  # so that none exceeds ``largest``
    most = max(workers, total // smallest)  # each holds ``smallest``, or one per worker
    n = min(max(fewest, min(workers * TASKS_PER_WORKER, most)), total)
    base, extra = divmod(total, n)
    return [base + 1 if i < extra else base for i in range(n)]


def shared_path(folder: Path) -> Path:
    """``folder`` as an absolute path, as the workers must see it (version 1 assumes a
    file system every worker mounts at the same place)."""
    return folder.resolve()
