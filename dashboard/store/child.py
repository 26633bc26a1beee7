"""``ingest_in_child(source, store, progress)``: an ingest run in a child process.

The server never ingests in its own process: the analysis's peak memory (the recogniser,
the frames of a whole batch) would stay with the server for its lifetime. The child is
``python -m dashboard ingest SOURCE --store DIR --progress jsonl``, which writes one JSON
object a line on its standard output (see :func:`progress_line`, :func:`result_line`,
:func:`error_line`): each ``ProgressEvent``, then the ``IngestResult`` or the error.
The parent hands the events to its callback (the dashboard draws its progress bar from
them) and returns the result.

A failure becomes :class:`IngestFailed`, whose message names the source and gives the
child's own error, or the last lines it wrote (a traceback's last line, the signal that
killed it). Cancelling — ``cancelled()`` turning true, or any exception out of the
callback (Streamlit stops a script that way) — kills the child and its process pool:
the store stays at its previous generation (the manifest is replaced last, atomically)
and its lock goes with the child.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from dashboard.ingest.progress import PROGRESS_LINES, Progress, ProgressEvent
from dashboard.paths import REPO_ROOT
from dashboard.store.manifest import StoreError
from dashboard.store.writer import IngestResult

#: How many of the child's last stderr lines a failure quotes (when it gave no error).
TAIL_LINES = 8
#: How often (seconds) ``cancelled()`` is asked while the child is silent.
POLL_S = 0.25


class IngestFailed(StoreError):
    """The child ingest failed or was stopped; the message names the source and why."""


class IngestCancelled(IngestFailed):
    """The child ingest was killed because ``cancelled()`` turned true."""


# --- the lines the child writes ------------------------------------------------------


def progress_line(event: ProgressEvent) -> str:
    """One progress event as a JSON line."""
    return json.dumps({"progress": asdict(event)})


def result_line(result: IngestResult) -> str:
    """The ingest's result as a JSON line (the last line of a successful child)."""
    return json.dumps({"result": asdict(result)})


def error_line(message: str) -> str:
    """A failed ingest's message as a JSON line."""
    return json.dumps({"error": message}, ensure_ascii=False)


def _parse(line: str) -> dict[str, Any]:
    """A line's object; any other output (a stray print) is an empty dict."""
    try:
        value = json.loads(line)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# --- running the child ---------------------------------------------------------------


def ingest_command(
    source: str | Path, store: str | Path, python: str = sys.executable
) -> list[str]:
    """The child's command line (absolute paths: the child runs from the repository)."""
    return [
        python,
        "-m",
        "dashboard",
        "ingest",
        str(Path(source).expanduser().resolve()),
        "--store",
        str(Path(store).expanduser().resolve()),
        "--progress",
        PROGRESS_LINES,
    ]


def ingest_in_child(
    source: str | Path,
    store: str | Path,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    env: Mapping[str, str] | None = None,
) -> IngestResult:
    """Create or update the store ``store`` from ``source`` in a child process (see the
    module docstring); ``progress(event)`` gets each of its progress events.
    ``cancelled()`` is asked while waiting: true kills the child (:class:`IngestCancelled`).
    ``env``: the child's environment (default: this process's)."""
    found: dict[str, Any] = {}
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as errors:
        with _child(ingest_command(source, store), errors, env) as proc:
            assert proc.stdout is not None  # Popen(stdout=PIPE)
            try:
                for line in _lines(proc.stdout, proc, cancelled):
                    message = _parse(line)
                    if "progress" in message and progress is not None:
                        progress(ProgressEvent(**message["progress"]))
                    found.update((k, message[k]) for k in ("result", "error") if k in message)
            except IngestCancelled:
                raise IngestCancelled(
                    f"ingest of {source} cancelled; the store keeps its previous generation"
                ) from None
            status = proc.wait()
        if status == 0 and "result" in found:
            return IngestResult(**found["result"])
        errors.seek(0)
        reason = found.get("error") or _tail(errors.read()) or "it wrote no error"
    raise IngestFailed(f"ingest of {source} failed ({_status(status)}): {reason}")


@contextmanager
def _child(
    command: list[str], errors: IO[str], env: Mapping[str, str] | None
) -> Iterator[subprocess.Popen[str]]:
    """The running child, in its own process group so that killing the group stops its
    analysis pool too; killed on leaving the block unless it has ended."""
    environ = dict(os.environ if env is None else env)
    # The child imports this checkout's package, whatever the current folder.
    environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO_ROOT), environ.get("PYTHONPATH", "")) if p
    )
    proc = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env=environ,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
        encoding="utf-8",
        start_new_session=True,
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            _kill(proc)
        if proc.stdout is not None:
            proc.stdout.close()


def _kill(proc: subprocess.Popen[str]) -> None:
    with suppress(ProcessLookupError):  # it ended meanwhile
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _lines(
    stream: IO[str], proc: subprocess.Popen[str], cancelled: Callable[[], bool] | None
) -> Iterator[str]:
    """The child's output lines as they come; with ``cancelled``, a thread reads them so
    that the question is asked every :data:`POLL_S` seconds even while the child is silent."""
    if cancelled is None:
        yield from stream
        return
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        try:
            for line in stream:
                lines.put(line)
        except (OSError, ValueError):  # the parent closed the pipe: it stopped listening
            pass
        lines.put(None)

    threading.Thread(target=pump, daemon=True, name="ingest-child-output").start()
    while True:
        try:
            line = lines.get(timeout=POLL_S)
        except queue.Empty:
            line = ""
        if line is None:
            return
        if cancelled():
            _kill(proc)
            raise IngestCancelled("cancelled")
        if line:
            yield line


def _tail(text: str) -> str:
    """The last non-empty lines of ``text`` (at most :data:`TAIL_LINES`), joined."""
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    return "\n".join(lines[-TAIL_LINES:])


def _status(status: int) -> str:
    if status < 0:
        try:
            name = signal.Signals(-status).name
        except ValueError:
            name = str(-status)
        return f"the ingest process was killed by {name}"
    return f"exit status {status}"
