"""Bounded reading: never hold more than a cap in memory, whatever a file or zip entry claims.

Zip headers can lie about sizes, and a single "line" of a JSONL file can be 300 MB of
zeros; so every read here is in chunks and counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Protocol

CHUNK = 1 << 20


class TooLarge(Exception):
    """A cap was hit; ``reason`` says which, in words for the skipped list."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Unreadable(Exception):
    """The bytes could not be read (a damaged archive entry); ``reason`` for the skipped list."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def human_size(n: int) -> str:
    """``314572800`` -> ``'300 MB'`` (binary units, as file managers show them)."""
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value >= 10 else f"{value:.1f} {unit}"
    return f"{n} bytes"


class ByteStream(Protocol):
    """What ``Blob.open`` returns: a binary stream, closed by leaving its ``with`` block
    (a file, a ``BytesIO``, a zip entry or a gzip reader)."""

    def read(self, n: int = ..., /) -> bytes: ...

    def __enter__(self) -> Any: ...

    def __exit__(self, exc_type: Any, exc: Any, tb: Any, /) -> Any: ...


class Budget:
    """Bytes an archive may still unpack in total (shared by nested archives)."""

    def __init__(self, total: int):
        self.total = total
        self.remaining = total

    def take(self, n: int) -> None:
        self.remaining -= n
        if self.remaining < 0:
            raise TooLarge(
                f"the archive unpacks to more than {human_size(self.total)} in total; "
                "the rest was not read"
            )


class CountedReader:
    """``read(n)`` over a binary stream that raises ``TooLarge`` past ``limit`` bytes."""

    def __init__(
        self, stream: ByteStream, limit: int | None, reason: str, budget: Budget | None = None
    ):
        self._stream = stream
        self._limit = limit
        self._reason = reason
        self._budget = budget
        self.count = 0

    def read(self, n: int = CHUNK) -> bytes:
        if n is None or n < 0:
            n = CHUNK
        data = self._stream.read(n)
        self.count += len(data)
        if self._limit is not None and self.count > self._limit:
            raise TooLarge(self._reason)
        if self._budget is not None:
            self._budget.take(len(data))
        return data


def read_capped(read: Callable[[int], bytes], cap: int) -> bytes | None:
    """Read to the end, but at most ``cap + 1`` bytes: None when there is more than ``cap``."""
    parts: list[bytes] = []
    size = 0
    while size <= cap:
        data = read(min(CHUNK, cap + 1 - size))
        if not data:
            return b"".join(parts)
        parts.append(data)
        size += len(data)
    return None


def iter_byte_lines(
    read: Callable[[int], bytes], line_cap: int, first: bytes = b"", sep: bytes = b"\n"
) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(line_number, line)`` from a stream, 1-based, the separator removed.

    A line longer than ``line_cap`` bytes is yielded as ``None`` (its bytes are read and
    dropped, never held). ``first`` is data already read from the stream (a sniffed head).
    """
    parts: list[bytes] = []
    size = 0
    oversize = False
    number = 0
    chunk = first or read(CHUNK)
    while chunk:
        start = 0
        while True:
            nl = chunk.find(sep, start)
            piece = chunk[start:] if nl < 0 else chunk[start:nl]
            if not oversize and size + len(piece) > line_cap:
                oversize, parts, size = True, [], 0
            elif not oversize:
                parts.append(piece)
                size += len(piece)
            if nl < 0:
                break
            number += 1
            yield number, None if oversize else b"".join(parts)
            parts, size, oversize = [], 0, False
            start = nl + len(sep)
        chunk = read(CHUNK)
    if size or oversize:
        number += 1
        yield number, None if oversize else b"".join(parts)
