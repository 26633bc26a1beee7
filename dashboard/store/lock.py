"""One ingest at a time per store: an exclusive ``flock`` on ``STORE/lock``.

The kernel drops the lock when its holder exits, killed or not, so a crashed ingest
never leaves a store locked. Readers take no lock: they read the manifest's files.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK = "lock"


@contextmanager
def store_lock(folder: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold ``folder``'s ingest lock for the ``with`` block, waiting for another ingest
    to finish first (``waiting()`` is called once if it has to wait)."""
    fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
