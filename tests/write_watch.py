"""Which files a piece of code writes: an audit hook (Python >= 3.8) that records every
path opened for writing, created, renamed, linked, removed or copied to, while a
``watching_writes()`` block runs (tests/test_readers_hostile.py,
tests/test_security_archives.py: readers never write to disk).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

_WRITES: list[str] | None = None
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _audit(event: str, args: tuple) -> None:
    if _WRITES is None:
        return
    if event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
        mode, flags = args[1], args[2] if len(args) > 2 else 0
        if (isinstance(mode, str) and set(mode) & set("wax+")) or (flags or 0) & _WRITE_FLAGS:
            _WRITES.append(os.fsdecode(args[0]))
    elif event in {"os.mkdir", "os.rename", "os.replace", "os.symlink", "os.link", "os.remove"}:
        _WRITES.append(os.fsdecode(args[0]))
    elif event == "shutil.copyfile":
        _WRITES.append(os.fsdecode(args[1]))


# Audit hooks cannot be removed: one for the whole test run, idle outside a block.
sys.addaudithook(_audit)


@contextlib.contextmanager
def watching_writes() -> Iterator[list[str]]:
    """Yield a list that collects the paths written to until the block ends."""
    global _WRITES
    writes: list[str] = []
    _WRITES = writes
    try:
        yield writes
    finally:
        _WRITES = None
