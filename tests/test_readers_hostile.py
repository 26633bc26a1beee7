"""Hostile and broken input: the readers load every good article and explain every bad item.

The acceptance scenario builds, in tmp_path, a folder of the seed (UTF-8, Windows-1256,
UTF-16), an empty file, random bytes, a JSONL with a malformed line, a CSV and a zip
holding a path-traversal entry and a 300 MB entry of zeros. Property tests feed arbitrary
bytes in every supported format.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from write_watch import watching_writes

from dashboard.readers import Limits, read_source
from dashboard.readers.streams import read_capped

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_ca1ffc38c5cd97af.txt"
SEED_START = "أكدت وزيرة الخارجية الكورية الشمالية شو سون هوي"
SEED_END = "عندما زار بيونغ يانغ خلال الصيف."
JSONL_TEXTS = ["قال وزير الخارجية الروسي إن المحادثات مثمرة.", "وصل الرئيس المصري إلى الرياض."]
CSV_TEXTS = ["أعلنت الحكومة العراقية, اليوم, خطة جديدة.", 'قال "المتحدث" إن الاجتماع\nانتهى.']
ZIP_TEXTS = ["افتتح معرض الكتاب في الشارقة.", "فاز المنتخب المغربي على نظيره التونسي."]

# --- the acceptance folder -------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "corpus"
    folder.mkdir()
    seed_text = SEED.read_text(encoding="utf-8")
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "noise.txt").write_bytes(random.Random(0).randbytes(4096))
    (folder / "seed-cp1256.txt").write_bytes(seed_text.encode("cp1256"))
    (folder / "seed-utf16.txt").write_bytes(seed_text.encode("utf-16"))
    lines = [
        json.dumps({"id": "j1", "date": "2024-11-02", "source": "رويترز", "text": JSONL_TEXTS[0]}),
        '{"id": "j-bad", "text": "لم يكتمل السطر',
        json.dumps({"text": JSONL_TEXTS[1], "published": "Sun, 03 Nov 2024 09:00:00 +0300"}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Headline", "Content", "pubDate", "Outlet"])
    writer.writerow(["خطة", CSV_TEXTS[0], "4 تشرين الثاني/نوفمبر 2024", "الجزيرة"])
    writer.writerow(["", CSV_TEXTS[1], "٥ نوفمبر ٢٠٢٤", "العربية"])
    (folder / "export.csv").write_text(buffer.getvalue(), encoding="utf-8")
    with zipfile.ZipFile(folder / "bundle.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("news/a.txt", ZIP_TEXTS[0])
        archive.writestr("news/b.txt", ZIP_TEXTS[1].encode("cp1256"))
        archive.writestr("../escape.txt", "هذا الملف يحاول الخروج من الأرشيف")
        with archive.open("zeros.txt", "w", force_zip64=True) as entry:
            block = bytes(1 << 20)
            for _ in range(300):
                entry.write(block)
    return folder


def test_hostile_folder_loads_every_good_article_and_explains_every_bad_item(hostile_folder):
    tracemalloc.start()
    try:
        with watching_writes() as writes:
            result = read_source(hostile_folder)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    by_id = {a.article_id: a for a in result.articles}
    seed_copies = [by_id[name] for name in ("seed.txt", "seed-cp1256.txt", "seed-utf16.txt")]
    for article in seed_copies:
        assert article.text.startswith(SEED_START)
        assert article.text.endswith(SEED_END)
        assert (str(article.date), article.dateline, article.source) == (
            "2024-11-01",
            "موسكو",
            "أ ف ب",
        )
    assert seed_copies[0].text == seed_copies[1].text == seed_copies[2].text

    assert by_id["j1"].text == JSONL_TEXTS[0]
    assert by_id["j1"].source == "رويترز"
    assert by_id["feed.jsonl:3"].text == JSONL_TEXTS[1]
    assert str(by_id["feed.jsonl:3"].date) == "2024-11-03"
    assert by_id["export.csv:2"].text == CSV_TEXTS[0]
    assert by_id["export.csv:2"].title == "خطة"
    assert str(by_id["export.csv:2"].date) == "2024-11-04"
    assert by_id["export.csv:2"].source == "الجزيرة"
    assert by_id["export.csv:3"].text == CSV_TEXTS[1]  # quoted comma, quotes and a newline
    assert str(by_id["export.csv:3"].date) == "2024-11-05"
    assert by_id["bundle.zip!news/a.txt"].text == ZIP_TEXTS[0]
    assert by_id["bundle.zip!news/b.txt"].text == ZIP_TEXTS[1]
    assert len(result.articles) == 9

    skipped = dict(result.skipped)
    assert skipped["empty.txt"] == "the file is empty"
    assert skipped["noise.txt"] == "looks like a binary file, not text"
    assert "line 2 is not valid JSON" in skipped["feed.jsonl:2"]
    assert "'..'" in skipped["bundle.zip!../escape.txt"]
    assert "300 MB" in skipped["bundle.zip!zeros.txt"]
    assert len(result.skipped) == 5
    assert result.given == 14

    tmp_root = hostile_folder.parent
    with watching_writes() as probe:
        (tmp_root / "probe.txt").write_text("x")
    assert probe == [str(tmp_root / "probe.txt")]  # the watcher sees writes
    outside = [w for w in writes if not Path(w).is_relative_to(tmp_root) and "__pycache__" not in w]
    assert outside == []
    assert not (tmp_root / "escape.txt").exists()
    assert not (tmp_root.parent / "escape.txt").exists()
    assert peak < 200 * 1024 * 1024, f"peak traced memory {peak / 2**20:.0f} MB"


def test_progress_reaches_the_total_counting_zip_entries(hostile_folder):
    calls: list[tuple[int, int]] = []
    read_source(hostile_folder, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 8)  # eight files found up front
    dones = [d for d, _ in calls]
    assert dones == sorted(dones)
    assert calls[-1] == (12, 12)  # + the four zip entries


# --- zip caps ------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes], **kwargs) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, **kwargs) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_inside_a_zip_is_read_one_level_deep():
    innermost = _zip({"deep.txt": "نص عميق جدا".encode()})
    inner = _zip({"inner.txt": "نص داخلي".encode(), "deeper.zip": innermost})
    outer = _zip({"outer.txt": "نص خارجي".encode(), "inner.zip": inner})
    result = read_source([("outer.zip", outer)])
    texts = {a.article_id: a.text for a in result.articles}
    assert texts == {"outer.zip!outer.txt": "نص خارجي", "outer.zip!inner.zip!inner.txt": "نص داخلي"}
    ((item, reason),) = result.skipped
    assert item == "outer.zip!inner.zip!deeper.zip"
    assert "only one level" in reason


def test_symlink_entries_and_absolute_paths_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("/abs/path.txt", "نص")
        archive.writestr("ok.txt", "نص سليم")
    result = read_source([("links.zip", buffer.getvalue())])
    assert [a.text for a in result.articles] == ["نص سليم"]
    reasons = dict(result.skipped)
    assert "symbolic link" in reasons["links.zip!link.txt"]
    assert "absolute path" in reasons["links.zip!/abs/path.txt"]


def test_archive_caps_on_entry_count_ratio_and_total():
    many = _zip({f"n{i}.txt": "خبر".encode() for i in range(12)})
    result = read_source([("many.zip", many)], limits=Limits(archive_entries=10))
    assert result.articles == []
    assert result.skipped == [("many.zip", "holds 12 files; at most 10 are read from one archive")]

    bomb = _zip({"bomb.jsonl": b" " * (3 << 20), "fine.txt": "خبر".encode()})
    result = read_source([("bomb.zip", bomb)])
    assert [a.text for a in result.articles] == ["خبر"]
    assert "zip bombs" in dict(result.skipped)["bomb.zip!bomb.jsonl"]

    text = "خبر عاجل من القاهرة. ".encode() * 3000  # ~100 KB, compresses well under 100:1
    two = _zip({"a.txt": text, "b.txt": text})
    result = read_source([("two.zip", two)], limits=Limits(archive_total_bytes=150_000))
    assert [a.article_id for a in result.articles] == ["two.zip!a.txt"]
    assert "more than" in dict(result.skipped)["two.zip!b.txt"]


def test_capped_read_never_reads_past_the_cap():
    class Endless:
        def __init__(self):
            self.handed_out = 0

        def read(self, n):
            self.handed_out += n
            return b"\0" * n

    stream = Endless()
    assert read_capped(stream.read, 1000) is None
    assert stream.handed_out == 1001
    assert read_capped(io.BytesIO(b"abc").read, 3) == b"abc"


def test_a_huge_streamed_line_is_skipped_with_bounded_memory(tmp_path):
    path = tmp_path / "huge.jsonl"
    good = json.dumps({"text": "سطر سليم"}, ensure_ascii=False).encode()
    with path.open("wb") as fh:
        fh.write(good + b"\n")
        for _ in range(12):
            fh.write(b"x" * (1 << 20))
        fh.write(b"\n" + good + b"\n")
    tracemalloc.start()
    try:
        result = read_source(path, limits=Limits(line_bytes=4 << 20))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [a.article_id for a in result.articles] == ["huge.jsonl:1", "huge.jsonl:3"]
    assert result.skipped == [("huge.jsonl:2", "line 2 is longer than 4.0 MB")]
    assert peak < 16 << 20


# --- properties: never raise, and every item is accounted for --------------------------

FAST = settings(
    max_examples=int(os.environ.get("READERS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _accounted(result) -> None:
    assert result.given == len(result.articles) + len(result.skipped)
    assert result.given >= 1
    ids = [a.article_id for a in result.articles]
    assert len(ids) == len(set(ids))
    assert all(a.text.strip() for a in result.articles)
    assert all(item and reason for item, reason in result.skipped)


@FAST
@given(
    data=st.binary(max_size=3000),
    ext=st.sampled_from([".txt", ".jsonl", ".csv", ".json", ".zip", ""]),
)
def test_arbitrary_bytes_never_raise(data, ext):
    _accounted(read_source([(f"input{ext}", data)]))


_ZIP_NAMES = st.lists(
    st.sampled_from(list("ab./\\_-") + ["خبر", "..", ".txt", ".jsonl", ".zip", "__MACOSX/"]),
    min_size=1,
    max_size=8,
).map("".join)


@FAST
@given(entries=st.lists(st.tuples(_ZIP_NAMES, st.binary(max_size=300)), min_size=1, max_size=6))
def test_arbitrary_zips_never_raise(entries):
    result = read_source([("archive.zip", _zip(dict(entries)))])
    _accounted(result)


@FAST
@given(data=st.binary(min_size=30, max_size=2000), cut=st.integers(min_value=0, max_value=2000))
def test_corrupted_zips_never_raise(data, cut):
    archive = bytearray(_zip({"a.txt": "خبر".encode(), "b.jsonl": b'{"text": "x"}\n'}))
    position = cut % len(archive)
    archive[position : position + len(data)] = data[: len(archive) - position]
    _accounted(read_source([("broken.zip", bytes(archive))]))


_LINE = st.one_of(
    st.builds(lambda t: json.dumps({"text": t}, ensure_ascii=False), st.text(min_size=1)),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=40),
    st.sampled_from(["", "   ", "{", "[1, 2]", '{"title": "بلا نص"}', '{"text": ""}']),
)


@FAST
@given(lines=st.lists(_LINE, max_size=12))
def test_jsonl_items_are_the_non_blank_lines(lines):
    content = "\n".join(lines)
    non_blank = sum(1 for line in content.split("\n") if line.strip())
    result = read_source([("feed.jsonl", content.encode("utf-8"))])
    _accounted(result)
    assert result.given == max(non_blank, 1)


_CELL = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)


@FAST
@given(rows=st.lists(st.tuples(_CELL, _CELL), min_size=1, max_size=8))
def test_csv_round_trips_any_text(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "text"])
    writer.writerows([(f"r{i}", text) for i, (_, text) in enumerate(rows)])
    result = read_source([("rows.csv", buffer.getvalue().encode("utf-8"))])
    _accounted(result)
    expected = {f"r{i}": text.strip() for i, (_, text) in enumerate(rows) if text.strip()}
    assert {a.article_id: a.text for a in result.articles} == expected
