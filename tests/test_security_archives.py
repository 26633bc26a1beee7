"""Hostile zip archives: each is refused with a reason naming the entry, within bounded
memory, and nothing is written to disk.

Archives are built at test time in tmp_path. Bombs are built without ever holding or
compressing their unpacked size more than once: ``raw_zip`` writes local headers, the
central directory and the end record by hand from an already-deflated payload, so that
10,000 entries of 1 MB cost one compression of 1 MB, and declared sizes can be made to lie.
"""

from __future__ import annotations

import functools
import io
import os
import stat
import struct
import time
import tracemalloc
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from write_watch import watching_writes

from dashboard.readers import Limits, read_source

MB = 1 << 20
GOOD_TEXT = "وصل الرئيس المصري إلى الرياض في زيارة رسمية تستمر يومين."
#: Peak memory a hostile archive may cost (traced Python allocations; RSS is checked too).
TRACED_PEAK = 64 * MB
RSS_GROWTH = 256 * MB


# --- a hand-made zip writer --------------------------------------------------------------


@dataclass
class Entry:
    """One entry of ``raw_zip``. ``payload`` is stored as given (already deflated when
    ``method`` is 8); ``size``/``crc`` describe the unpacked data; ``declared_*`` override
    what the headers claim."""

    name: str
    payload: bytes
    size: int
    crc: int
    method: int = zipfile.ZIP_DEFLATED
    declared_size: int | None = None
    declared_packed: int | None = None
    mode: int = 0o100644
    flags: int = 0x800  # names in UTF-8


@functools.cache
def deflate(data: bytes = b"", zeros: int = 0) -> tuple[bytes, int, int]:
    """Raw deflate of ``data`` or of ``zeros`` zero bytes (fed 1 MB at a time) ->
    (payload, unpacked size, crc)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts, crc, size = [], 0, 0
    if data:
        parts.append(packer.compress(data))
        crc, size = zlib.crc32(data), len(data)
    block = bytes(MB)
    while size < zeros or (zeros and size == 0):
        chunk = block[: min(MB, zeros - size)]
        parts.append(packer.compress(chunk))
        crc, size = zlib.crc32(chunk, crc), size + len(chunk)
    parts.append(packer.flush())
    return b"".join(parts), size, crc


def entry(name: str, data: bytes = b"", zeros: int = 0, **kwargs) -> Entry:
    payload, size, crc = deflate(data, zeros)
    return Entry(name, payload, size, crc, **kwargs)


def stored(name: str, data: bytes, **kwargs) -> Entry:
    return Entry(name, data, len(data), zlib.crc32(data), method=zipfile.ZIP_STORED, **kwargs)


def raw_zip(entries: list[Entry], claimed_count: int | None = None) -> bytes:
    """A zip archive (no ZIP64: sizes below 4 GB) from ``entries``, written by hand."""
    out = io.BytesIO()
    central = []
    for e in entries:
        name = e.name.encode("utf-8")
        size = e.size if e.declared_size is None else e.declared_size
        packed = len(e.payload) if e.declared_packed is None else e.declared_packed
        offset = out.tell()
        fields = (20, e.flags, e.method, 0, 0x21, e.crc, packed, size, len(name), 0)
        out.write(b"PK\x03\x04" + struct.pack("<HHHHHIIIHH", *fields) + name + e.payload)
        central.append(
            b"PK\x01\x02"
            + struct.pack(
                "<HHHHHHIIIHHHHHII",
                (3 << 8) | 20,  # made by Unix: the mode is in the high 16 bits of attributes
                20,
                e.flags,
                e.method,
                0,
                0x21,
                e.crc,
                packed,
                size,
                len(name),
                0,
                0,
                0,
                0,
                e.mode << 16,
                offset,
            )
            + name
        )
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    count = len(entries) if claimed_count is None else claimed_count
    out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, len(directory), start, 0))
    return out.getvalue()


def small_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- watching memory and writes -------------------------------------------------------------


@dataclass
class Outcome:
    articles: dict[str, str]  # article_id -> text
    skipped: dict[str, str]  # item -> reason
    given: int
    traced_peak: int
    rss_growth: int
    writes: list[str]
    seconds: float


def read_guarded(source, **kwargs) -> Outcome:
    """read_source with memory (tracemalloc peak, RSS growth) and disk writes watched."""
    process = psutil.Process()
    rss_before = process.memory_info().rss
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with watching_writes() as writes:
            result = read_source(source, **kwargs)
        seconds = time.perf_counter() - started
        traced_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    skipped = dict(result.skipped)
    assert len(skipped) == len(result.skipped), "two skipped items share a name"
    assert result.given == len(result.articles) + len(result.skipped)
    print(
        f"traced {traced_peak / MB:.1f} MB, rss +{(process.memory_info().rss - rss_before) / MB:.1f} MB, {seconds:.2f} s"
    )
    return Outcome(
        articles={a.article_id: a.text for a in result.articles},
        skipped=skipped,
        given=result.given,
        traced_peak=traced_peak,
        rss_growth=process.memory_info().rss - rss_before,
        writes=[w for w in writes if "__pycache__" not in w],
        seconds=seconds,
    )


def assert_bounded(outcome: Outcome, traced: int = TRACED_PEAK) -> None:
    assert outcome.traced_peak < traced, f"traced peak {outcome.traced_peak / MB:.0f} MB"
    assert outcome.rss_growth < RSS_GROWTH, f"RSS grew {outcome.rss_growth / MB:.0f} MB"
    assert outcome.writes == []


@pytest.fixture
def place(tmp_path):
    """Write an archive into tmp_path and return its path (read from disk, like a user's)."""

    def write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


def test_the_write_watcher_sees_writes(tmp_path):
    # Without this, "no writes" below could pass because the hook saw nothing at all.
    with watching_writes() as seen:
        (tmp_path / "probe.txt").write_bytes(b"x")
    assert seen == [str(tmp_path / "probe.txt")]


# --- paths that point outside, links, passwords ----------------------------------------------


def test_entries_pointing_outside_the_archive_are_refused_by_name(place, tmp_path):
    names = {
        "../../etc/evil.txt": "'..'",
        "news/../../escape.txt": "'..'",
        "..\\..\\windows.txt": "'..'",
        "/etc/passwd.txt": "absolute path",
        "C:/Windows/win.ini.txt": "absolute path",
        "C:\\boot.txt": "absolute path",
        "\\\\server\\share\\unc.txt": "absolute path",
    }
    good = entry("news/ok.txt", GOOD_TEXT.encode())
    archive = place("paths.zip", raw_zip([entry(n, b"pwned") for n in names] + [good]))
    outcome = read_guarded(archive)
    assert outcome.articles == {"paths.zip!news/ok.txt": GOOD_TEXT}
    for name, words in names.items():
        shown = name.replace("\\", "/")
        reason = outcome.skipped[f"paths.zip!{shown}"]
        assert words in reason and "not read" in reason, reason
    assert outcome.given == len(names) + 1
    assert_bounded(outcome)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paths.zip"]
    assert not (tmp_path.parent / "escape.txt").exists()


def test_symbolic_link_entries_are_never_followed(place):
    link = stored("latest.txt", b"/etc/passwd", mode=stat.S_IFLNK | 0o777)
    dir_link = stored("data", b"/etc", mode=stat.S_IFLNK | 0o777)
    archive = place("links.zip", raw_zip([link, dir_link, entry("ok.txt", GOOD_TEXT.encode())]))
    outcome = read_guarded(archive)
    assert outcome.articles == {"links.zip!ok.txt": GOOD_TEXT}
    for name in ("latest.txt", "data"):
        assert outcome.skipped[f"links.zip!{name}"] == (
            "is a symbolic link; links inside archives are not followed"
        )
    assert "root:" not in "".join(outcome.articles.values())
    assert_bounded(outcome)


def test_password_protected_entries_are_refused(place):
    locked = entry("secret.txt", GOOD_TEXT.encode(), flags=0x801)
    outcome = read_guarded(place("locked.zip", raw_zip([locked])))
    assert outcome.skipped == {"locked.zip!secret.txt": "is password-protected; not read"}


# --- bombs ------------------------------------------------------------------------------------


def test_300_mb_of_zeros_is_refused_by_its_unpacked_size(place):
    bomb = entry("zeros.txt", zeros=300 * MB)
    archive = place("bomb.zip", raw_zip([bomb, entry("ok.txt", GOOD_TEXT.encode())]))
    assert archive.stat().st_size < MB
    outcome = read_guarded(archive)
    assert outcome.articles == {"bomb.zip!ok.txt": GOOD_TEXT}
    assert outcome.skipped == {
        "bomb.zip!zeros.txt": "is 300 MB unpacked; a file inside an archive may be at most 50 MB"
    }
    assert_bounded(outcome)


def test_10k_entries_of_1_mb_zeros_are_each_refused_by_their_ratio(place):
    payload, size, crc = deflate(zeros=MB)
    entries = [Entry(f"part{i:05d}.jsonl", payload, size, crc) for i in range(10_000)]
    archive = place("ratio.zip", raw_zip(entries))
    outcome = read_guarded(archive)
    assert outcome.articles == {}
    assert outcome.given == 10_000
    ratio = f"{size / len(payload):,.0f}"
    assert set(outcome.skipped.values()) == {
        f"unpacks to {ratio} times its packed size (1.0 MB), as zip bombs do; not read"
    }
    assert "ratio.zip!part09999.jsonl" in outcome.skipped
    assert outcome.seconds < 10
    assert_bounded(outcome)


def test_many_entries_under_the_ratio_floor_stop_at_the_total_budget(place):
    # 0.9 MB each is under the 1 MB floor of the ratio check: only the total budget stops
    # them. Decompressing each costs time, so the budget is lowered to 40 MB for speed.
    payload, size, crc = deflate(zeros=900_000)
    entries = [Entry(f"n{i:03d}.txt", payload, size, crc) for i in range(100)]
    archive = place("budget.zip", raw_zip(entries))
    outcome = read_guarded(archive, limits=Limits(archive_total_bytes=40 * MB))
    reasons = list(outcome.skipped.values())
    assert reasons[:46] == ["looks like a binary file, not text"] * 46
    assert reasons[46:] == [
        "the archive unpacks to more than 40 MB in total; this file was not read"
    ] * (100 - 46)
    assert_bounded(outcome)


def test_a_42_zip_style_nested_bomb_is_read_one_level_deep(place):
    # 42.zip: zips of zips of zips, whose leaves unpack to gigabytes. Here 16 x 16 x 16
    # leaves of 64 MB zeros (64 GB declared in all); only the first level of nesting is
    # opened, so no leaf is ever reached.
    leaf = entry("0.txt", zeros=64 * MB)
    bottom = raw_zip([Entry(f"{i:x}.txt", leaf.payload, leaf.size, leaf.crc) for i in range(16)])
    middle = small_zip({f"lib{i:x}.zip": bottom for i in range(16)})
    top = small_zip({f"book{i:x}.zip": middle for i in range(16)})
    outcome = read_guarded(place("42.zip", top))
    assert outcome.articles == {}
    assert outcome.given == 16 * 16
    assert outcome.skipped["42.zip!book0.zip!lib0.zip"] == (
        "is an archive inside an archive inside an archive; only one level is read"
    )
    assert set(outcome.skipped.values()) == {outcome.skipped["42.zip!book0.zip!lib0.zip"]}
    assert_bounded(outcome)

    # One level down the leaves are in reach: each is refused by its size.
    outcome = read_guarded(place("41.zip", small_zip({"lib0.zip": bottom})))
    assert outcome.given == 16
    assert outcome.skipped["41.zip!lib0.zip!f.txt"] == (
        "is 64 MB unpacked; a file inside an archive may be at most 50 MB"
    )
    assert_bounded(outcome)


def test_nested_zips_are_read_to_depth_one_and_share_the_budget(place):
    inner = small_zip({"inner.txt": GOOD_TEXT.encode(), "deeper.zip": small_zip({"x.txt": b"x"})})
    outer = small_zip({"outer.txt": GOOD_TEXT.encode(), "inner.zip": inner})
    outcome = read_guarded(place("outer.zip", outer))
    assert outcome.articles == {
        "outer.zip!outer.txt": GOOD_TEXT,
        "outer.zip!inner.zip!inner.txt": GOOD_TEXT,
    }
    assert outcome.skipped == {
        "outer.zip!inner.zip!deeper.zip": (
            "is an archive inside an archive inside an archive; only one level is read"
        )
    }
    text = GOOD_TEXT.encode() * 1000  # ~100 KB: under the ratio cap
    inner = small_zip({"a.txt": text, "b.txt": text})
    outer = small_zip({"first.txt": text, "inner.zip": inner})
    outcome = read_guarded(place("shared.zip", outer), limits=Limits(archive_total_bytes=250_000))
    assert sorted(outcome.articles) == ["shared.zip!first.txt", "shared.zip!inner.zip!a.txt"]
    assert "more than 244 KB in total" in outcome.skipped["shared.zip!inner.zip!b.txt"]


# --- too many entries ---------------------------------------------------------------------------


def test_20000_empty_entries_are_refused_before_they_are_parsed(place):
    entries = [Entry(f"e{i:05d}.txt", b"", 0, 0, method=0) for i in range(20_000)]
    outcome = read_guarded(place("many.zip", raw_zip(entries)))
    assert outcome.skipped == {
        "many.zip": "holds 20,000 files; at most 10,000 are read from one archive"
    }
    assert outcome.given == 1
    assert_bounded(outcome, traced=16 * MB)


def test_an_end_record_that_understates_the_entry_count_is_caught(place):
    entries = [Entry(f"e{i:05d}.txt", b"", 0, 0, method=0) for i in range(20_000)]
    outcome = read_guarded(place("liar.zip", raw_zip(entries, claimed_count=3)))
    assert outcome.skipped == {
        "liar.zip": "holds more than 10,000 files; at most 10,000 are read from one archive "
        "(its end record claims 3)"
    }
    assert_bounded(outcome, traced=16 * MB)


# --- lying sizes and damage ------------------------------------------------------------------------


def test_an_entry_that_unpacks_to_more_than_it_declares_is_cut_and_refused(place):
    # The directory says 100 bytes (and a sane ratio); the data inflates to 300 MB.
    payload, size, crc = deflate(zeros=300 * MB)
    liar = Entry("small.txt", payload, size, crc, declared_size=100)
    outcome = read_guarded(place("liar.zip", raw_zip([liar, entry("ok.txt", GOOD_TEXT.encode())])))
    assert outcome.articles == {"liar.zip!ok.txt": GOOD_TEXT}
    assert outcome.skipped["liar.zip!small.txt"] == (
        "is damaged in the archive: its content does not match its checksum "
        "(the file is damaged, or its declared size is false); not read"
    )
    assert_bounded(outcome, traced=8 * MB)


def test_an_entry_that_overstates_its_packed_size_to_dodge_the_ratio_cap(place):
    # Declared 20 MB packed into 20 MB (ratio 1, under the size cap); the real payload is
    # 300 KB of deflate that inflates to 300 MB. Reads stop at the declared 20 MB.
    payload, size, crc = deflate(zeros=300 * MB)
    liar = Entry("flat.txt", payload, size, crc, declared_size=20 * MB, declared_packed=20 * MB)
    outcome = read_guarded(place("flat.zip", raw_zip([liar])))
    assert outcome.skipped == {
        "flat.zip!flat.txt": (
            "is damaged in the archive: its data ends before the size it declares; not read"
        )
    }
    assert_bounded(outcome)

    # With bytes after it to read on, the inflated data is cut at 20 MB and fails its CRC.
    padding = stored("padding.bin", os.urandom(2 * MB))
    outcome = read_guarded(place("flat2.zip", raw_zip([liar, padding])))
    assert outcome.skipped["flat2.zip!flat.txt"] == (
        "is damaged in the archive: its content does not match its checksum "
        "(the file is damaged, or its declared size is false); not read"
    )
    assert outcome.skipped["flat2.zip!padding.bin"].startswith(".bin is not a supported format")
    assert_bounded(outcome)  # at most the declared 20 MB (twice, while joined) is held


def test_a_truncated_archive_is_refused_whole_with_a_reason(place):
    data = small_zip({"a.txt": GOOD_TEXT.encode(), "b.txt": GOOD_TEXT.encode() * 50})
    outcome = read_guarded(place("cut.zip", data[: len(data) // 2]))
    assert outcome.articles == {}
    assert list(outcome.skipped) == ["cut.zip"]
    assert outcome.skipped["cut.zip"].startswith(
        "is not a readable zip archive: it is damaged, cut short or not a zip"
    )


def test_a_corrupt_entry_is_refused_and_its_neighbours_still_load(place):
    body = (GOOD_TEXT + " ").encode() * 40
    good, bad = entry("good.txt", body), entry("bad.txt", body)
    bad.payload = bad.payload[:10] + bytes(16) + bad.payload[26:]
    outcome = read_guarded(place("flip.zip", raw_zip([bad, good])))
    assert outcome.articles == {"flip.zip!good.txt": body.decode().strip()}
    assert outcome.skipped["flip.zip!bad.txt"].startswith("is damaged in the archive")


def test_uploaded_bombs_are_refused_the_same_way():
    bomb = raw_zip([entry("zeros.txt", zeros=300 * MB)])
    outcome = read_guarded([("upload.zip", bomb)])
    assert outcome.skipped == {
        "upload.zip!zeros.txt": "is 300 MB unpacked; a file inside an archive may be at most 50 MB"
    }
    assert_bounded(outcome)
