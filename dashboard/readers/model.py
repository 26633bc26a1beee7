"""What the readers hand back: articles, skipped items, and the caps that bound the work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from dashboard.readers.streams import Budget, ByteStream

MB = 1024 * 1024


@dataclass(frozen=True)
class RawArticle:
    """One article as found in the input, before any language processing.

    ``text`` is the article body with its characters untouched (offsets computed later point
    into it); ``article_id`` is unique within one ``read_source`` call; ``path`` says where
    the article was found (a file path, ``archive.zip!entry``, or an uploaded file's name).
    """

    article_id: str
    date: dt.date | None
    dateline: str | None
    source: str | None
    title: str | None
    text: str
    path: str | None


@dataclass(frozen=True)
class Skip:
    """An input item that was not loaded: ``item`` names it, ``reason`` says why in plain words."""

    item: str
    reason: str


@dataclass
class ReadResult:
    """Everything ``read_source`` found.

    ``given`` counts the input items (each article file, each non-blank JSONL line, each
    JSON/CSV record, each zip entry that is not a folder); every item is either in
    ``articles`` or in ``skipped``, so ``given == len(articles) + len(skipped)``.
    """

    articles: list[RawArticle] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    given: int = 0


@dataclass(frozen=True)
class Limits:
    """Caps that keep hostile or accidental input (zip bombs, huge files) from eating memory.

    Sizes are bytes of *uncompressed* content. Article files and zip entries read whole are
    capped by ``article_bytes``; JSONL/CSV files are streamed line by line (``line_bytes``
    bounds one line or CSV field), so a zipped export may be larger (``stream_entry_bytes``).
    A .json file is parsed whole, hence ``json_bytes``.
    """

    article_bytes: int = 50 * MB
    line_bytes: int = 50 * MB
    json_bytes: int = 100 * MB
    stream_entry_bytes: int = 500 * MB
    archive_total_bytes: int = 500 * MB
    archive_entries: int = 10_000
    # Text deflates about 3-10:1; a ratio above this on a sizeable entry is a zip bomb.
    archive_ratio: float = 100.0
    archive_ratio_min_bytes: int = 1 * MB
    # Zips inside a zip are read to this depth (1: a zip in the zip; deeper ones refused).
    archive_depth: int = 1


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Blob:
    """One file to read, wherever it lives (disk, upload, zip entry).

    ``name`` is its name relative to the source (the base of article ids and of skipped
    items, e.g. ``sub/a.txt`` or ``archive.zip!sub/a.txt``); ``path`` goes to
    ``RawArticle.path``; ``open()`` returns a fresh binary stream the caller closes.
    ``size`` is the (declared) uncompressed size when known; ``depth`` counts the
    archives around it; ``cap`` bounds how much may be streamed from it (zip entries);
    ``local`` is its own file name (the entry path inside its archive), which decides the
    format; it defaults to ``name``. ``seekable``: ``open()`` gives a real file or a
    ``BytesIO`` (a binary IO that can seek), not a one-way entry or gzip stream.
    """

    name: str
    path: str | None
    open: Callable[[], ByteStream]
    size: int | None = None
    depth: int = 0
    seekable: bool = True
    cap: int | None = None
    budget: Budget | None = None
    local: str | None = None

    @property
    def filename(self) -> str:
        return self.local if self.local is not None else self.name
