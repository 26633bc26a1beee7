"""Structured progress: what the pipeline is doing, as counts a UI can render in any
language (the Streamlit bar in Arabic, right to left; the CLI's tqdm bar).

``Progress = Callable[[ProgressEvent], None]``; an event says which stage runs, how
much of it is done out of how much, and the seconds the stage has run, from which
``rate`` and ``remaining_s`` follow.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

#: The stages, in the order they run. ``reading`` counts files (and zip entries);
#: ``analysing`` counts articles; ``linking`` and ``saving`` are one step each
#: (0 of 1, then 1 of 1); ``done`` closes a load (a cache hit goes straight there).
STAGES = ("reading", "analysing", "linking", "saving", "done")
#: What ``done``/``total`` count in each stage.
UNITS = {
    "reading": "files",
    "analysing": "articles",
    "linking": "steps",
    "saving": "steps",
    "done": "articles",
}
#: Share of the whole load each stage starts at, for a single bar over all stages.
_STAGE_START = {"reading": 0.0, "analysing": 0.1, "linking": 0.9, "saving": 0.95, "done": 1.0}


@dataclass(frozen=True)
class ProgressEvent:
    """``done`` of ``total`` units of ``stage`` (one of :data:`STAGES`) after ``elapsed_s``
    seconds of that stage."""

    stage: str
    done: int
    total: int
    elapsed_s: float

    @property
    def unit(self) -> str:
        """What ``done`` and ``total`` count (``files``, ``articles``, ``steps``)."""
        return UNITS[self.stage]

    @property
    def rate(self) -> float | None:
        """Units per second so far in this stage (None before any time has passed)."""
        return self.done / self.elapsed_s if self.elapsed_s > 0 and self.done else None

    @property
    def remaining_s(self) -> float | None:
        """Seconds left in this stage at the rate so far (None when unknown)."""
        rate = self.rate
        return max(self.total - self.done, 0) / rate if rate else None

    @property
    def overall(self) -> float:
        """The whole load's progress, 0..1, for one bar over every stage."""
        start = _STAGE_START[self.stage]
        following = [v for v in _STAGE_START.values() if v > start]
        end = min(following) if following else 1.0
        share = min(self.done / self.total, 1.0) if self.total > 0 else 0.0
        return start + (end - start) * share


Progress = Callable[[ProgressEvent], None]

#: The CLI's ``--progress`` value that writes each event as a JSON line on stdout (read by
#: ``dashboard.store.child``), beside the default, a bar on stderr.
PROGRESS_LINES = "jsonl"
PROGRESS_FORMATS = ("bar", PROGRESS_LINES)


class Reporter:
    """Sends :class:`ProgressEvent` s to an optional callback, timing each stage."""

    def __init__(self, callback: Progress | None) -> None:
        self.callback = callback
        self._stage = ""
        self._started = time.perf_counter()

    def __call__(self, stage: str, done: int, total: int) -> None:
        """Report ``done`` of ``total`` in ``stage``; a new stage restarts the clock."""
        if stage not in UNITS:
            raise ValueError(f"unknown progress stage {stage!r}; one of {STAGES}")
        if stage != self._stage:
            self._stage, self._started = stage, time.perf_counter()
        if self.callback is not None:
            elapsed = time.perf_counter() - self._started
            self.callback(ProgressEvent(stage, done, total, elapsed))


class Clock:
    """Seconds spent per pipeline step (``corpus.meta["timings"]``, for benchmarks)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        """Add the time since the previous lap to step ``name``."""
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self._last
        self._last = now
