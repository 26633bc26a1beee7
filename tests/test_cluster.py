"""Ingest on a Dask cluster (issue 12, acceptance 1 and 2): a scheduler and two workers
started as separate processes (``dask scheduler``, ``dask worker``) on 127.0.0.1 analyse
a fixture corpus for ``ingest --store --scheduler``, and the store's frames equal a local
ingest's, also when a worker is killed mid-run. Workers run without a nanny, so a killed
one stays dead; every process the tests start is stopped at the end."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.ingest.cluster import (
    LOCAL_CONFIG,
    TASK_ARTICLES_ENV,
    Cluster,
    ClusterError,
    partition_sizes,
)
from dashboard.ingest.progress import ProgressEvent
from dashboard.store.manifest import MANIFEST, read_manifest
from dashboard.store.reader import load_store
from dashboard.store.versions import analysis_version
from dashboard.store.writer import ingest
from tests.conftest import SEED_FILE
from tests.test_store import assert_same

#: Generated articles besides the seed: several cluster tasks, a few seconds of analysis.
N_ARTICLES = 480
STARTUP_S = 90


def make_corpus(root: Path) -> Path:
    """The seed article plus :data:`N_ARTICLES` JSONL records recombining its paragraphs
    (each with its own number and date, so that none is a duplicate)."""
    root.mkdir(parents=True)
    text = SEED_FILE.read_text(encoding="utf-8")
    (root / SEED_FILE.name).write_text(text, encoding="utf-8")
    paragraphs = [p.strip() for p in text.splitlines()[1:] if p.strip()]
    rng = random.Random(12)
    with (root / "news.jsonl").open("w", encoding="utf-8") as fh:
        for k in range(N_ARTICLES):
            body = "\n\n".join(rng.sample(paragraphs, 3))
            body += f"\n\nوقال المتحدث في التقرير رقم {k} إن الاجتماع يعقد يوم {1 + k % 28} آذار."
            record = {
                "id": f"g{k}",
                "date": f"2024-{1 + k % 12:02d}-{1 + k % 27:02d}",
                "source": "وكالة",
                "text": body,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return root


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The fixture corpus and its store made by a local ingest (the reference)."""
    root = tmp_path_factory.mktemp("cluster")
    source = make_corpus(root / "source")
    ingest(source, root / "local", workers=1)
    return source, load_store(root / "local")


class DaskProcesses:
    """``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1 (free ports,
    found through a scheduler file), stopped by ``stop``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.procs: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []
        self.scheduler: subprocess.Popen | None = None
        self.address = ""

    def start(self) -> None:
        scheduler_file = self.folder / "scheduler.json"
        self.scheduler = self._start(
            "scheduler",
            "scheduler",
            "--host=127.0.0.1",
            "--port=0",
            "--dashboard-address=127.0.0.1:0",
            f"--scheduler-file={scheduler_file}",
        )
        deadline = time.monotonic() + STARTUP_S
        while not scheduler_file.exists():
            assert self.scheduler.poll() is None, self.log("scheduler")
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.2)
        time.sleep(0.2)  # the file is written whole, but give the writer its close
        self.address = json.loads(scheduler_file.read_text())["address"]
        self.workers = [
            self._start(
                f"worker{i}",
                "worker",
                self.address,
                "--host=127.0.0.1",
                "--nworkers=1",
                "--nthreads=1",
                "--no-nanny",
                "--no-dashboard",
                f"--name=w{i}",
                f"--local-directory={self.folder / f'w{i}'}",
            )
            for i in range(2)
        ]
        with Cluster(scheduler=self.address, worker_wait_s=STARTUP_S) as cluster:
            cluster.client.wait_for_workers(2, timeout=STARTUP_S)

    def _start(self, name: str, *args: str) -> subprocess.Popen:
        log = (self.folder / f"{name}.log").open("w")
        proc = subprocess.Popen(
            [sys.executable, "-m", "dask", *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.procs.append(proc)
        return proc

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        """Workers first (so that none waits for a scheduler gone), then the scheduler."""
        for proc in sorted(self.procs, key=lambda p: p is self.scheduler):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@pytest.fixture
def dask_processes(tmp_path):
    procs = DaskProcesses(tmp_path)
    try:
        procs.start()
        yield procs
    finally:
        procs.stop()


def run_ingest(source: Path, store: Path, address: str, capsys) -> str:
    """``python -m dashboard ingest SOURCE --store STORE --scheduler ADDRESS``; its stderr."""
    status = main(["ingest", str(source), "--store", str(store), "--scheduler", address])
    err = capsys.readouterr().err
    assert status == 0, err
    return err


def partitions(store: Path) -> list[str]:
    """The store's batches written by cluster tasks (``<batch>p<k>``)."""
    return sorted(name for name in read_manifest(store).batches if "p" in name)


# ------------------------------------------------------------------ acceptance 1


def test_a_cluster_ingest_equals_a_local_one(tmp_path, corpus, dask_processes, capsys, monkeypatch):
    source, local = corpus
    monkeypatch.setenv(TASK_ARTICLES_ENV, str(N_ARTICLES // 2 + 1))  # two tasks, two workers
    store = tmp_path / "store"
    err = run_ingest(source, store, dask_processes.address, capsys)

    assert_same(load_store(store), local)
    # The workers wrote the partitions, which the manifest lists; the CLI showed the
    # cluster's progress in articles and the Dask dashboard's link.
    assert partitions(store) == ["b000001p0000", "b000001p0001"]
    assert f"workers at {dask_processes.address}" in err
    assert "dashboard http://127.0.0.1:" in err
    assert "Analysing" in err and "articles/s" in err

    # A worker whose data (model, gazetteers) differs from the client's refuses the task.
    refused = pytest.raises(ClusterError, match="has other data.*install the same")
    with Cluster(scheduler=dask_processes.address) as cluster, refused:
        cluster.map(len, [("abc",)], [1], version=(analysis_version, "0" * 24))


# ------------------------------------------------------------------ acceptance 2


def test_a_worker_killed_mid_run_costs_only_its_tasks(
    tmp_path, corpus, dask_processes, capsys, monkeypatch
):
    source, local = corpus
    monkeypatch.setenv(TASK_ARTICLES_ENV, "40")  # a dozen tasks
    store = tmp_path / "store"
    victim = dask_processes.workers[1]
    killed = {}

    def kill_after_first_partition() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            data = store / "data"
            if data.is_dir() and any(p.name.startswith("b000001p") for p in data.iterdir()):
                killed["before_commit"] = not (store / MANIFEST).exists()
                os.kill(victim.pid, signal.SIGKILL)
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_after_first_partition, daemon=True)
    killer.start()
    events: list[ProgressEvent] = []
    with Cluster(scheduler=dask_processes.address) as cluster:
        ingest(source, store, progress=events.append, cluster=cluster)
    killer.join(timeout=5)

    assert killed == {"before_commit": True}, "the worker was not killed during the run"
    assert victim.wait(timeout=10) == -signal.SIGKILL
    assert_same(load_store(store), local)
    # Progress counted the articles of each task as it came home, up to all of them.
    analysing = [(e.done, e.total) for e in events if e.stage == "analysing"]
    assert analysing[0] == (0, N_ARTICLES + 1) and analysing[-1] == (N_ARTICLES + 1,) * 2
    assert len(analysing) > 3 and analysing == sorted(analysing)


# ------------------------------------------------------------------ a local cluster


def test_a_local_cluster_warms_every_worker_before_its_tasks(tmp_path):
    log = tmp_path / "log"

    def note(what: str) -> str:  # defined here: pickled by value for the workers
        import os

        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {what}\n")
        return what

    with Cluster(workers=2) as cluster:
        cluster.client.wait_for_workers(2, timeout=STARTUP_S)
        cluster.warm(note, "warm")
        tasks = [(f"task{i}",) for i in range(6)]
        got = cluster.map(note, tasks, [1] * 6, version=(analysis_version, analysis_version()))
        # Dask's MALLOC_TRIM_THRESHOLD_ made the analysis pay ~10 % more CPU; the local
        # cluster's workers keep glibc's default, and do Dask's bookkeeping less often.
        environ = cluster.client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_")
        config = cluster.client.run(
            lambda: {k: __import__("dask").config.get(k) for k in LOCAL_CONFIG}
        )
    assert got == [t for (t,) in tasks]
    lines = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    first = {}
    for pid, what in lines:
        first.setdefault(pid, what)
    assert len(first) == 2 and set(first.values()) == {"warm"}  # each worker warmed first
    assert sorted(what for _, what in lines) == sorted(["warm", "warm", *got])
    assert list(environ.values()) == [None, None]
    assert list(config.values()) == [LOCAL_CONFIG] * 2


# ------------------------------------------------------------------ failure


def test_an_unreachable_scheduler_fails_fast_and_clearly(tmp_path, capsys):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    status = main(
        [
            "ingest",
            str(tmp_path),
            "--store",
            str(tmp_path / "s"),
            "--scheduler",
            f"tcp://127.0.0.1:{port}",
        ]
    )
    elapsed = time.monotonic() - started
    err = capsys.readouterr().err
    assert status == 2
    assert f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in err
    assert "dask scheduler" in err
    assert elapsed < 20
    assert not (tmp_path / "s" / MANIFEST).exists()


def test_tasks_are_near_equal_and_bounded(monkeypatch):
    monkeypatch.delenv(TASK_ARTICLES_ENV, raising=False)
    for total, workers in [(1, 2), (999, 2), (4000, 2), (29976, 2), (29976, 16), (10**6, 64)]:
        sizes = partition_sizes(total, workers, smallest=1000, largest=2000)
        assert sum(sizes) == total and max(sizes) - min(sizes) <= 1
        assert max(sizes) <= 2000 and (min(sizes) >= 1000 or len(sizes) <= workers)
        assert len(sizes) >= min(workers, total)  # every worker has work
    # Enough tasks for every worker to take several where the corpus allows it.
    assert len(partition_sizes(29976, 2, smallest=1000, largest=2000)) >= 8
    monkeypatch.setenv(TASK_ARTICLES_ENV, "40")
    assert partition_sizes(481, 2, smallest=1000, largest=2000) == [37] * 13


def test_cluster_flags_need_a_store(tmp_path, capsys):
    assert main(["ingest", str(tmp_path), "--workers", "2"]) == 2
    assert "--scheduler and --workers need --store DIR" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())  # nothing started, nothing written
