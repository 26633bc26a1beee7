"""Zip archives, read in memory entry by entry (never extracted to disk), with caps.

Refused, each with a reason naming the entry: paths with ``..`` or absolute paths,
symbolic links, password-protected entries, entries bigger than the cap for their kind
(declared size; reads are bounded anyway because headers can lie), entries that unpack to
more than ``Limits.archive_ratio`` times their packed size, entries past the archive's
total budget, and zips nested deeper than ``Limits.archive_depth``. An archive with more
than ``Limits.archive_entries`` files is refused whole, before its table of contents is
parsed (the end record's count is checked, then the records themselves are counted: the
count can lie). Declared sizes can lie too: reads are capped whatever the header says, and
an entry whose content does not match its declared size or checksum is refused as damaged.
Folders inside the archive are not items.
"""

from __future__ import annotations

import contextlib
import functools
import io
import stat
import struct
import zipfile
from collections.abc import Callable, Iterator
from typing import IO, cast

from dashboard.readers.formats import kind_of, passed_over, size_cap
from dashboard.readers.model import Blob, Limits, RawArticle, Skip
from dashboard.readers.streams import (
    Budget,
    CountedReader,
    TooLarge,
    Unreadable,
    human_size,
    read_capped,
)

_EOCD = b"PK\x05\x06"
_CENTRAL = b"PK\x01\x02"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
_MAX_DIRECTORY = 64 * 1024 * 1024  # bytes of table of contents: ~250,000 entries


def _damaged(err: Exception) -> str:
    """Plain words for zipfile's failure to read an entry."""
    if isinstance(err, EOFError):
        return "is damaged in the archive: its data ends before the size it declares; not read"
    if "CRC" in str(err):
        return (
            "is damaged in the archive: its content does not match its checksum "
            "(the file is damaged, or its declared size is false); not read"
        )
    return f"is damaged in the archive; not read ({err or type(err).__name__})"


class _EntryStream:
    """A zip entry opened for reading; any failure of zipfile on damaged bytes (it raises
    ValueError, EOFError, zlib.error, BadZipFile, struct.error, ...) becomes ``Unreadable``.

    zipfile stops at the declared size and then checks the CRC, so an entry whose data
    unpacks to more than it declares is cut at the declared size and refused as damaged.
    """

    def __init__(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo):
        try:
            self._stream = archive.open(info)
        except Exception as err:  # see the class docstring
            raise Unreadable(_damaged(err)) from err

    def read(self, n: int = -1) -> bytes:
        try:
            return self._stream.read(n)
        except Exception as err:  # hostile bytes: see above
            raise Unreadable(_damaged(err)) from err

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> _EntryStream:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _table_of_contents(fh) -> tuple[int, int, int] | None:
    """-> (number of entries, size of the central directory, where it starts) from the end
    record, or None when there is no end record.

    Read before ``zipfile`` parses the directory, so that an archive claiming millions of
    entries is refused without building millions of ZipInfo objects. The directory ends
    where the end record (or the ZIP64 end record) begins, which also holds for archives
    with bytes prepended (self-extracting ones).
    """
    fh.seek(0, io.SEEK_END)
    size = fh.tell()
    tail_len = min(size, 22 + 65535)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    pos = tail.rfind(_EOCD)
    if pos < 0 or len(tail) - pos < 22:
        return None
    directory_end = size - tail_len + pos
    entries, directory = struct.unpack("<HI", tail[pos + 10 : pos + 16])
    if (entries == 0xFFFF or directory == 0xFFFFFFFF) and pos >= 20:
        locator = tail[pos - 20 : pos]
        if locator[:4] == _ZIP64_LOCATOR:
            (offset,) = struct.unpack("<Q", locator[8:16])
            if 0 <= offset < size:
                fh.seek(offset)
                record = fh.read(56)
                if record[:4] == _ZIP64_EOCD and len(record) == 56:
                    entries, directory = struct.unpack("<QQ", record[32:48])
                    directory_end = offset
    return entries, directory, directory_end - directory


def _count_files(fh, start: int, size: int, limit: int) -> int:
    """Files (not folders) listed in the central directory, counted up to ``limit + 1``.

    The end record's count is only a claim; this walks the records themselves, reading
    nothing but their fixed-size headers and names. Stops at the first thing that is not a
    directory record (zipfile then reports the damage).
    """
    if start < 0:
        return 0
    fh.seek(start)
    directory = fh.read(size)
    count = pos = 0
    while pos + 46 <= len(directory) and directory[pos : pos + 4] == _CENTRAL:
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", directory, pos + 28)
        name_end = pos + 46 + name_len
        if directory[name_end - 1 : name_end] != b"/":  # as zipfile.ZipInfo.is_dir
            count += 1
            if count > limit:
                break
        pos = name_end + extra_len + comment_len
    return count


def entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as the user saw it when zipping (UTF-8 names without the UTF-8 flag
    are common; zipfile shows them as cp437 mojibake)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("utf-8")
    return name.replace("\\", "/")


def _refusal(info: zipfile.ZipInfo, name: str, limits: Limits, in_nested: bool) -> str | None:
    """Why an entry is not read (before opening it), or None."""
    parts = name.split("/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "has an absolute path; not read (archives may only hold relative paths)"
    if ".." in parts:
        return "has a path with '..' that points outside the archive; not read"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "is a symbolic link; links inside archives are not followed"
    if info.flag_bits & 0x1:
        return "is password-protected; not read"
    for depth, part in enumerate(parts):
        reason = passed_over(part, is_dir=depth < len(parts) - 1)
        if reason:
            return reason
    kind = kind_of(name)
    if kind is None:
        return None  # the dispatcher names the unsupported format
    cap = size_cap(kind, limits, in_archive=True)
    if cap is not None and info.file_size > cap:
        what = "an archive inside an archive" if kind == "zip" else "a file inside an archive"
        return f"is {human_size(info.file_size)} unpacked; {what} may be at most {human_size(cap)}"
    if (
        info.file_size >= limits.archive_ratio_min_bytes
        and info.file_size > limits.archive_ratio * max(info.compress_size, 1)
    ):
        ratio = info.file_size / max(info.compress_size, 1)
        return (
            f"unpacks to {ratio:,.0f} times its packed size ({human_size(info.file_size)}), "
            "as zip bombs do; not read"
        )
    if kind == "zip" and in_nested:
        return "is an archive inside an archive inside an archive; only one level is read"
    return None


def read_zip(
    blob: Blob,
    limits: Limits,
    read_child: Callable[[Blob], Iterator[RawArticle | Skip]],
    on_entries: Callable[[int], None],
    entry_done: Callable[[], None],
) -> Iterator[RawArticle | Skip]:
    """Yield one outcome per entry (or more: a JSONL entry yields one per line).

    ``read_child`` reads an entry given as a Blob (the caller's dispatcher);
    ``on_entries(n)`` announces the number of entries, ``entry_done()`` follows each.
    """
    # Zip parsing of hostile bytes raises a zoo of exception types (BadZipFile, EOFError,
    # struct.error, ValueError, OSError, ...): any failure here means "not a readable zip".
    try:
        if blob.seekable:
            # A seekable blob opens a real file or a BytesIO (see ``Blob``).
            fh = cast(IO[bytes], blob.open())
        else:
            with blob.open() as entry:
                counted = CountedReader(entry, None, "", blob.budget)
                data = read_capped(counted.read, limits.article_bytes)
            if data is None:
                yield Skip(blob.name, f"is larger than {human_size(limits.article_bytes)}")
                return
            fh = io.BytesIO(data)
    except (Unreadable, TooLarge) as err:
        yield Skip(blob.name, err.reason)
        return
    except Exception as err:  # hostile bytes: see above
        yield Skip(blob.name, f"could not be read ({err})")
        return
    with fh:
        try:
            toc = _table_of_contents(fh)
        except Exception:  # hostile bytes: see above
            toc = None
        if toc is not None:
            entries, directory, start = toc
            if entries > limits.archive_entries:
                yield Skip(blob.name, _too_many(f"{entries:,}", limits))
                return
            if directory > _MAX_DIRECTORY:
                yield Skip(blob.name, "its table of contents is too large to be a real archive")
                return
            try:
                files = _count_files(fh, start, directory, limits.archive_entries)
            except Exception:  # hostile bytes: zipfile will say what is wrong
                files = 0
            if files > limits.archive_entries:
                yield Skip(
                    blob.name,
                    _too_many(f"more than {limits.archive_entries:,}", limits)
                    + f" (its end record claims {entries:,})",
                )
                return
        try:
            fh.seek(0)
            archive = zipfile.ZipFile(fh)
            infos = [i for i in archive.infolist() if not i.is_dir()]
        except Exception as err:  # hostile bytes: see above
            yield Skip(
                blob.name,
                f"is not a readable zip archive: it is damaged, cut short or not a zip ({err})",
            )
            return
        with archive:
            yield from _entries(blob, archive, infos, limits, read_child, on_entries, entry_done)


def _too_many(count: str, limits: Limits) -> str:
    return f"holds {count} files; at most {limits.archive_entries:,} are read from one archive"


def _entries(blob, archive, infos, limits, read_child, on_entries, entry_done):
    if len(infos) > limits.archive_entries:
        yield Skip(blob.name, _too_many(f"{len(infos):,}", limits))
        return
    if not infos:
        yield Skip(blob.name, "the archive holds no files")
        return
    named = sorted(((entry_name(i), n, i) for n, i in enumerate(infos)), key=lambda t: t[:2])
    budget = blob.budget or Budget(limits.archive_total_bytes)
    on_entries(len(named))
    for name, _, info in named:
        item = f"{blob.name}!{name}"
        reason = _refusal(info, name, limits, in_nested=blob.depth >= limits.archive_depth)
        if reason is None and info.file_size > budget.remaining:
            reason = (
                f"the archive unpacks to more than {human_size(budget.total)} in total; "
                "this file was not read"
            )
        if reason:
            yield Skip(item, reason)
        else:
            yield from read_child(
                Blob(
                    name=item,
                    path=f"{blob.path}!{name}" if blob.path else item,
                    open=functools.partial(_EntryStream, archive, info),
                    size=info.file_size,
                    depth=blob.depth + 1,
                    seekable=False,
                    cap=size_cap(kind_of(name) or "text", limits, in_archive=True),
                    budget=budget,
                    local=name,
                )
            )
        entry_done()
