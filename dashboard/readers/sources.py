"""``read_source``: whatever the user gave (paths, folders, zips, uploads) -> ReadResult.

Sources: a str/Path (file, folder, zip), an uploaded-file object (``.name`` and
``.getvalue()``, as Streamlit gives them), a ``(name, bytes)`` tuple, or a list of any of
these. Folders are walked recursively in sorted order (so ids and order are stable);
links to folders are not followed; hidden and system files are skipped with a reason
(``formats.passed_over``).

Ids: ``RawArticle.article_id`` is the record's own id, else the path relative to the
source (posix): ``sub/a.txt``, ``data.jsonl:12``, ``data.json#3``, ``archive.zip!a.txt``.
An id seen earlier in the same load gets ``~2``, ``~3``... (first come keeps it), so
both articles are kept and ids are unique and stable across runs.

Progress: ``progress(done, total)`` counts files: the files found up front, plus each
zip's entries when the zip is opened (so ``total`` may grow); it is called once at the
start and after each file or entry. At the end ``done == total``.

Nothing here raises on bad input: unreadable things become skipped items.
"""

from __future__ import annotations

import gzip
import io
import lzma
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path, PurePosixPath

from dashboard.readers import formats
from dashboard.readers.archive import read_zip
from dashboard.readers.csvfile import read_csv
from dashboard.readers.decode import NotText, decode_bytes
from dashboard.readers.model import DEFAULT_LIMITS, Blob, Limits, RawArticle, ReadResult, Skip
from dashboard.readers.record_fields import to_article
from dashboard.readers.records import read_json, read_jsonl
from dashboard.readers.streams import (
    CHUNK,
    Budget,
    CountedReader,
    TooLarge,
    Unreadable,
    human_size,
    read_capped,
)
from dashboard.readers.wire import parse_article_text

Progress = Callable[[int, int], object]

# What reading a file or an archive entry can raise when the bytes are bad or the disk fails.
_READ_ERRORS = (
    OSError,
    EOFError,
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    RuntimeError,
    NotImplementedError,
)


_SURROGATE = re.compile("[\ud800-\udfff]")


def shown_name(name: str) -> str:
    """A file name fit to show and store: names on disk that are not valid UTF-8 come
    back from the OS with lone surrogates standing for the bad bytes (which no text may
    hold: they cannot be encoded); they are decoded as Windows-1256 (Arabic names saved
    by Windows), else shown with U+FFFD."""
    if name.isascii() or not _SURROGATE.search(name):
        return name
    try:
        raw = os.fsencode(name)
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", name)
    for encoding in ("utf-8", "cp1256"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


class _Tracker:
    def __init__(self, callback: Progress | None):
        self._callback = callback
        self.done = 0
        self.total = 0

    def expect(self, n: int) -> None:
        self.total += n

    def advance(self) -> None:
        self.done += 1
        self.emit()

    def emit(self) -> None:
        if self._callback is not None:
            self._callback(self.done, self.total)


def _disk_blob(path: Path, name: str, size: int | None) -> Blob:
    return Blob(
        name=shown_name(name), path=shown_name(str(path)), open=lambda: path.open("rb"), size=size
    )


def _listing(folder: Path, shown: str) -> Iterator[os.DirEntry] | Skip:
    try:
        with os.scandir(folder) as listing:
            return iter(sorted(listing, key=lambda e: e.name))
    except OSError as err:
        return Skip(shown_name(shown), f"the folder could not be read ({err.strerror})")


def _walk(root: Path) -> Iterator[Blob | Skip]:
    """Files under ``root``, depth-first in sorted order (``a.txt``, ``b/z.txt``, ``c.txt``);
    skips for what is passed over. An explicit stack: folder depth is not bounded."""
    first = _listing(root, str(root))
    if isinstance(first, Skip):
        yield first
        return
    stack: list[tuple[Iterator[os.DirEntry], str]] = [(first, "")]
    found = False
    while stack:
        entries, prefix = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        found = True
        name = prefix + entry.name
        try:
            is_link = entry.is_symlink()
            is_dir = entry.is_dir()
            is_file = entry.is_file()
            size = entry.stat().st_size if is_file else None
        except OSError as err:
            yield Skip(shown_name(name), f"could not be read ({err.strerror})")
            continue
        reason = formats.passed_over(entry.name, is_dir=is_dir)
        if is_dir and is_link:
            yield Skip(shown_name(name), "is a link to a folder; linked folders are not followed")
        elif reason:
            yield Skip(shown_name(name), reason)
        elif is_dir:
            inner = _listing(Path(entry.path), name)
            if isinstance(inner, Skip):
                yield inner
            else:
                stack.append((inner, name + "/"))
        elif is_file:
            yield _disk_blob(Path(entry.path), name, size)
        else:
            yield Skip(
                shown_name(name), "is not a regular file (a device, pipe or socket); not read"
            )
    if not found:
        yield Skip(shown_name(str(root)), "the folder holds no files")


def _from_path(path: Path) -> Iterator[Blob | Skip]:
    shown = shown_name(str(path))
    try:
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield _disk_blob(path, path.name, path.stat().st_size)
        elif path.exists():
            yield Skip(shown, "is not a regular file or folder; not read")
        else:
            yield Skip(shown, "does not exist")
    except (OSError, ValueError) as err:  # ValueError: a path with a NUL character
        yield Skip(shown, f"could not be read ({getattr(err, 'strerror', None) or err})")


def _from_upload(name: object, data: object) -> Blob | Skip:
    shown = shown_name(str(name).replace("\\", "/").strip()) or "upload"
    if isinstance(data, memoryview | bytearray):
        data = bytes(data)
    if not isinstance(data, bytes):
        return Skip(shown, "the upload holds no bytes")
    return Blob(name=shown, path=shown, open=lambda: io.BytesIO(data), size=len(data))


def _expand(source: object) -> Iterator[Blob | Skip]:
    """Every top-level file (or the reason it cannot be read) in ``source``."""
    if source is None:
        return
    if isinstance(source, str | os.PathLike):
        yield from _from_path(Path(source))
    elif (
        isinstance(source, tuple)
        and len(source) == 2
        and isinstance(source[1], bytes | bytearray | memoryview)
    ):
        yield _from_upload(source[0], source[1])
    elif hasattr(source, "getvalue") and hasattr(source, "name"):
        try:
            data = source.getvalue()
        except (OSError, ValueError) as err:
            yield Skip(str(source.name), f"the upload could not be read ({err})")
            return
        yield _from_upload(source.name, data)
    elif isinstance(source, Iterable) and not isinstance(source, bytes | bytearray):
        for part in source:
            yield from _expand(part)
    else:
        yield Skip(repr(source)[:80], "is not a file, folder or uploaded file")


def _read_text(blob: Blob, limits: Limits) -> Iterator[RawArticle | Skip]:
    with blob.open() as stream:
        data = read_capped(CountedReader(stream, None, "", blob.budget).read, limits.article_bytes)
    if data is None:
        cap = human_size(limits.article_bytes)
        yield Skip(blob.name, f"is larger than {cap}; an article file may be at most {cap}")
        return
    try:
        text, _ = decode_bytes(data)
    except NotText as err:
        yield Skip(blob.name, err.reason)
        return
    del data
    parsed = parse_article_text(text)
    many = len(parsed) > 1
    for number, fields in enumerate(parsed, start=1):
        item = f"{blob.name}#{number}" if many else blob.name
        if isinstance(fields, str):
            yield Skip(item, f"document {number} {fields}" if many else fields)
        else:
            yield to_article(fields, item, blob.path)


class _Gunzip:
    """Decompressing reader over a ``.gz`` stream; damaged data becomes ``Unreadable``."""

    def __init__(self, raw):
        self._raw = raw
        self._gzip = gzip.GzipFile(fileobj=raw, mode="rb")

    def read(self, n: int = CHUNK) -> bytes:
        try:
            return self._gzip.read(n if n is not None and n >= 0 else CHUNK)
        except (OSError, EOFError, zlib.error) as err:
            raise Unreadable(f"is not a valid gzip file ({err})") from err

    def __enter__(self) -> _Gunzip:
        return self

    def __exit__(self, *exc) -> None:
        self._gzip.close()
        self._raw.close()


def _gunzipped(blob: Blob, limits: Limits) -> Blob | Skip:
    """``news.jsonl.gz`` -> a Blob reading ``news.jsonl`` through gzip, capped like a zip
    entry (a small .gz can unpack to gigabytes)."""
    inner = blob.filename[:-3]
    kind = formats.kind_of(inner)
    if kind in (None, formats.ZIP) or not PurePosixPath(inner).suffix:
        return Skip(
            blob.name,
            "a .gz file is read only when it holds a .txt, .jsonl, .json or .csv file "
            "named in its own name (news.jsonl.gz)",
        )
    return replace(
        blob,
        open=lambda: _Gunzip(blob.open()),
        size=None,
        seekable=False,
        cap=formats.size_cap(kind, limits, in_archive=True),
        budget=blob.budget or Budget(limits.archive_total_bytes),
        local=inner,
    )


def read_blob(blob: Blob, limits: Limits, tracker: _Tracker) -> Iterator[RawArticle | Skip]:
    """Read one file of any supported format; one outcome per item in it."""
    if blob.filename.lower().endswith(".gz"):
        unpacked = _gunzipped(blob, limits)
        if isinstance(unpacked, Skip):
            yield unpacked
            return
        blob = unpacked
    kind = formats.kind_of(blob.filename)
    if kind is None:
        yield Skip(blob.name, formats.unsupported_reason(blob.filename))
        return
    cap = formats.size_cap(kind, limits, in_archive=blob.depth > 0)
    if cap is not None and blob.size is not None and blob.size > cap:
        yield Skip(
            blob.name,
            f"is {human_size(blob.size)}; files of this kind may be at most {human_size(cap)}",
        )
        return
    try:
        if kind == formats.TEXT:
            yield from _read_text(blob, limits)
        elif kind == formats.JSONL:
            yield from read_jsonl(blob, limits)
        elif kind == formats.JSON:
            yield from read_json(blob, limits)
        elif kind in (formats.CSV, formats.TSV):
            yield from read_csv(blob, limits, delimiter="\t" if kind == formats.TSV else ",")
        else:
            yield from read_zip(
                blob,
                limits,
                read_child=lambda child: read_blob(child, limits, tracker),
                on_entries=tracker.expect,
                entry_done=tracker.advance,
            )
    except (TooLarge, Unreadable) as err:
        yield Skip(blob.name, err.reason)
    except _READ_ERRORS as err:
        yield Skip(blob.name, f"could not be read ({err})")


def _unique_ids(articles: list[RawArticle]) -> list[RawArticle]:
    """Suffix repeated ids with ~2, ~3, ... in order of appearance (deterministic)."""
    seen: set[str] = set()
    out = []
    for article in articles:
        article_id = article.article_id
        if article_id in seen:
            n = 2
            while f"{article_id}~{n}" in seen:
                n += 1
            article_id = f"{article_id}~{n}"
            article = RawArticle(**{**article.__dict__, "article_id": article_id})
        seen.add(article_id)
        out.append(article)
    return out


def read_source(
    source: object, progress: Progress | None = None, limits: Limits = DEFAULT_LIMITS
) -> ReadResult:
    """Read every article in ``source``; see the module docstring for what is accepted.

    Returns a ReadResult: ``articles`` (RawArticle, unique ids, in input order),
    ``skipped`` ((item, reason) pairs) and ``given`` (items found: each article file,
    JSONL line, JSON/CSV record and zip entry), with ``given == loaded + skipped``.
    """
    tracker = _Tracker(progress)
    top = list(_expand(source))
    tracker.expect(len(top))
    tracker.emit()
    result = ReadResult()
    articles: list[RawArticle] = []
    for entry in top:
        outcomes = [entry] if isinstance(entry, Skip) else read_blob(entry, limits, tracker)
        for outcome in outcomes:
            result.given += 1
            if isinstance(outcome, Skip):
                result.skipped.append((outcome.item, outcome.reason))
            else:
                articles.append(outcome)
        tracker.advance()
    result.articles = _unique_ids(articles)
    return result
