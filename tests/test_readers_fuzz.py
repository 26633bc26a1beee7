"""Fuzzing the loader, the fast subset (the long run is bench/fuzz_loader.py).

Families: truncated UTF-8, BOM variants, stray NUL bytes, mixed encodings in one file,
deeply nested JSON, CSV with missing/extra cells and odd quoting, file names that are not
UTF-8, lone surrogates in JSON; and the full ``load_corpus`` on hostile folders. Each
property says what a user keeps: good records beside bad ones still load with their exact
text, and every input item is either loaded or skipped with a reason.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import time

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dashboard.readers import read_source

FAST = settings(
    max_examples=int(os.environ.get("READERS_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SENTENCES = [
    "أكدت وزيرة الخارجية الكورية الشمالية شو سون هوي أن بلادها ستقف إلى جانب روسيا.",
    "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو تدعم الحوار في المنطقة.",
    "وصل الرئيس المصري عبد الفتاح السيسي إلى الرياض في زيارة رسمية تستمر يومين.",
    "أعلنت الحكومة العراقية اليوم الأحد عن خطة جديدة لإعادة إعمار الموصل.",
    "افتتح معرض الشارقة الدولي للكتاب أبوابه أمام الزوار في الخامس من نوفمبر 2024.",
    "فاز المنتخب المغربي على نظيره التونسي بهدفين مقابل هدف في الدار البيضاء.",
]
sentence = st.sampled_from(SENTENCES)
article_text = st.lists(sentence, min_size=1, max_size=4).map(" ".join)


def accounted(result) -> None:
    """Every item loaded or skipped; ids unique; texts non-empty and encodable."""
    assert result.given == len(result.articles) + len(result.skipped) >= 1
    ids = [a.article_id for a in result.articles]
    assert len(ids) == len(set(ids))
    for article in result.articles:
        assert article.text.strip()
        article.text.encode("utf-8")  # no lone surrogates
        article.article_id.encode("utf-8")
    assert all(item and reason for item, reason in result.skipped)


def jsonl(texts: list[str]) -> str:
    return "".join(
        json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False) + "\n"
        for i, t in enumerate(texts)
    )


# --- truncated UTF-8 ------------------------------------------------------------------------


@FAST
@given(texts=st.lists(article_text, min_size=2, max_size=6), data=st.data())
def test_a_jsonl_cut_anywhere_keeps_every_complete_line(texts, data):
    raw = jsonl(texts).encode("utf-8")
    cut = data.draw(st.integers(min_value=1, max_value=len(raw)))
    result = read_source([("feed.jsonl", raw[:cut])])
    accounted(result)
    complete = raw[:cut].count(b"\n")  # lines that ended before the cut
    loaded = {a.article_id: a.text for a in result.articles}
    for i in range(complete):
        assert loaded[f"r{i}"] == texts[i]
    assert len(result.articles) + len(result.skipped) == raw[:cut].rstrip(b"\n").count(b"\n") + 1


@FAST
@given(text=article_text, cut=st.integers(min_value=1, max_value=3))
def test_an_article_whose_last_character_is_cut_still_loads(text, cut):
    raw = text.encode("utf-8")[:-cut]
    result = read_source([("cut.txt", raw)])
    accounted(result)
    (article,) = result.articles
    assert text.startswith(article.text.rstrip("\ufffd").rstrip())


# --- BOM variants and encodings ------------------------------------------------------------------

BOMS = {
    "utf-8": b"",
    "utf-8-sig": b"",
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


@FAST
@given(
    texts=st.lists(article_text, min_size=1, max_size=4),
    encoding=st.sampled_from([*BOMS, "bomless-utf-16-le", "bomless-utf-16-be"]),
    kind=st.sampled_from(["txt", "jsonl", "csv", "json"]),
)
def test_every_bom_and_unicode_encoding_reads_the_same_text(texts, encoding, kind):
    if kind == "txt":
        content, expected = "\n\n".join(texts), ["\n\n".join(texts)]
    elif kind == "jsonl":
        content, expected = jsonl(texts), texts
    elif kind == "json":
        content = json.dumps([{"text": t} for t in texts], ensure_ascii=False)
        expected = texts
    else:
        buffer = io.StringIO()
        csv.writer(buffer).writerows([["id", "text"], *[[f"r{i}", t] for i, t in enumerate(texts)]])
        content, expected = buffer.getvalue(), texts
    codec = encoding.removeprefix("bomless-")
    raw = BOMS.get(encoding, b"") + content.encode(codec)
    result = read_source([(f"doc.{kind}", raw)])
    accounted(result)
    assert result.skipped == []
    assert [a.text for a in result.articles] == expected


@FAST
@given(texts=st.lists(article_text, min_size=1, max_size=8), data=st.data())
def test_jsonl_lines_in_windows_1256_beside_utf8_lines_all_load(texts, data):
    encodings = data.draw(
        st.lists(st.sampled_from(["utf-8", "cp1256"]), min_size=len(texts), max_size=len(texts))
    )
    lines = [
        json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False).encode(enc)
        for i, (t, enc) in enumerate(zip(texts, encodings, strict=True))
    ]
    result = read_source([("mixed.jsonl", b"\n".join(lines))])
    accounted(result)
    assert result.skipped == []
    assert {a.article_id: a.text for a in result.articles} == {
        f"r{i}": t for i, t in enumerate(texts)
    }


@FAST
@given(texts=st.lists(article_text, min_size=2, max_size=6), data=st.data())
def test_a_line_in_utf16_inside_a_utf8_file_costs_only_that_line(texts, data):
    bad = data.draw(st.integers(min_value=0, max_value=len(texts) - 1))
    lines = [
        json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False).encode(
            "utf-16-le" if i == bad else "utf-8"
        )
        for i, t in enumerate(texts)
    ]
    assume(bad > 0 or len(texts) > 1)
    result = read_source([("odd.jsonl", b"\n".join(lines))])
    accounted(result)
    # A UTF-16 line holds NUL bytes; the file is UTF-8 by its other lines: only that line
    # (or, when it comes first and the file looks binary, the file) is lost.
    loaded = {a.article_id: a.text for a in result.articles}
    if result.skipped != [("odd.jsonl", "looks like a binary file, not text")]:
        assert loaded == {f"r{i}": t for i, t in enumerate(texts) if i != bad}


# --- NUL bytes ------------------------------------------------------------------------------------


@FAST
@given(text=article_text, data=st.data())
def test_a_stray_nul_in_an_article_does_not_lose_it(text, data):
    spots = data.draw(st.lists(st.integers(0, len(text)), min_size=1, max_size=2))
    for spot in sorted(spots, reverse=True):
        text = text[:spot] + "\x00" + text[spot:]
    result = read_source([("nul.txt", text.encode("utf-8"))])
    accounted(result)
    (article,) = result.articles
    assert article.text == text.strip()


def test_nul_padding_and_nul_only_files_are_binary():
    text = SENTENCES[0].encode("utf-8")
    for data in (bytes(4096), text + bytes(5000), bytes(200) + text):
        result = read_source([("nul.txt", data)])
        assert result.skipped == [("nul.txt", "looks like a binary file, not text")]


# --- deep JSON ------------------------------------------------------------------------------------


@settings(FAST, max_examples=12)
@given(
    depth=st.sampled_from([10, 500, 2_000, 100_000]),
    shape=st.sampled_from([("[", "]"), ('{"a":', "}")]),
    closed=st.booleans(),
)
def test_deeply_nested_json_is_refused_beside_good_lines(depth, shape, closed):
    opener, closer = shape
    nest = opener * depth + "1" + (closer * depth if closed else "")
    good = json.dumps({"text": SENTENCES[1]}, ensure_ascii=False)
    feed = f'{good}\n{{"text": "{SENTENCES[2]}", "meta": {nest}}}\n{good}\n'
    result = read_source([("deep.jsonl", feed.encode()), ("deep.json", nest.encode())])
    accounted(result)
    texts = [a.text for a in result.articles if a.path == "deep.jsonl"]
    assert texts[0] == texts[-1] == SENTENCES[1]
    reasons = dict(result.skipped)
    if depth >= 2_000 and closed:
        assert "nested too deeply" in reasons["deep.jsonl:2"]
        assert "nested too deeply" in reasons["deep.json"]
    elif depth <= 500 and closed:
        assert texts == [SENTENCES[1], SENTENCES[2], SENTENCES[1]]


# --- CSV with missing and extra cells, odd quoting -----------------------------------------------

cell = st.sampled_from(SENTENCES + ["", "نص, بفاصلة", 'قال "المتحدث"', "سطر\nجديد"])


@FAST
@given(
    rows=st.lists(st.lists(cell, min_size=0, max_size=5), min_size=1, max_size=8),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_csv_rows_with_missing_or_extra_cells_are_each_one_item(rows, newline):
    buffer = io.StringIO()
    # With CR line ends, Python's writer leaves a cell holding LF unquoted (not valid CSV).
    quoting = csv.QUOTE_ALL if newline == "\r" else csv.QUOTE_MINIMAL
    writer = csv.writer(buffer, lineterminator=newline, quoting=quoting)
    writer.writerow(["id", "title", "text"])
    for i, row in enumerate(rows):
        writer.writerow([f"r{i}", *row])
    result = read_source([("ragged.csv", buffer.getvalue().encode("utf-8"))])
    accounted(result)
    expected = {
        f"r{i}": row[1].strip() for i, row in enumerate(rows) if len(row) > 1 and row[1].strip()
    }
    assert {a.article_id: a.text for a in result.articles} == expected
    assert result.given == len(rows)


@FAST
@given(
    lines=st.lists(
        st.one_of(
            sentence.map(lambda s: f'r,"{s}"'),
            sentence.map(lambda s: f'r,"{s}'),  # a quote never closed
            sentence.map(lambda s: f'r,{s[:9]}"{s[9:]}'),  # a quote inside a bare cell
            sentence.map(lambda s: f'r,"{s}"tail'),  # text after the closing quote
            st.just(""),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_odd_quoting_never_raises_and_accounts_for_the_file(lines):
    raw = ("id,text\n" + "\n".join(lines) + "\n").encode("utf-8")
    result = read_source([("quotes.csv", raw)])
    accounted(result)
    items = {item.split(":")[0] for item, _ in result.skipped} | {a.path for a in result.articles}
    assert items == {"quotes.csv"}


def test_a_csv_whose_rows_are_all_invalid_names_each_row_and_nothing_else():
    result = read_source([("bad.csv", b"id,text\nx\ry,z\nq\rw,z\n")])
    reason = "is not valid CSV: a line break inside a cell that is not in quotes"
    assert result.skipped == [
        ("bad.csv:2", f"row at line 2 {reason}"),
        ("bad.csv:3", f"row at line 3 {reason}"),
    ]


def test_old_mac_line_ends_with_line_breaks_inside_quoted_cells():
    raw = 'id,text\r1,"سطر\nثان"\r2,خبر\r'
    for encoding in ("utf-8", "utf-16"):
        result = read_source([("mac.csv", raw.encode(encoding))])
        assert [(a.article_id, a.text) for a in result.articles] == [
            ("1", "سطر\nثان"),
            ("2", "خبر"),
        ]


# --- layouts that make parsers backtrack ----------------------------------------------------------

N = 200_000
LAYOUTS = {
    "date and spaces": "date" + " " * N,
    "spaces where the city goes": " date 2024-11-01 " + " \t" * (N // 2) + "x",
    "spaces in the agency line": f" date 2024-11-01 موسكو: {SENTENCES[0]}\n(" + " " * N + "x",
    "unclosed TEXT tags": "<DOC>" + "<TEXT>كلمة " * (N // 11),
    "closing before opening": "<DOC>" + "</TEXT><TEXT>" * (N // 13),
    "many documents": "<DOC><TEXT>خبر</TEXT></DOC>\n" * (N // 28),
}


@pytest.mark.parametrize("name", LAYOUTS)
def test_article_layouts_built_to_backtrack_parse_in_linear_time(name):
    # Each took minutes (quadratic backtracking) before the parsers were made linear.
    started = time.perf_counter()
    result = read_source([("layout.txt", LAYOUTS[name].encode("utf-8"))])
    assert time.perf_counter() - started < 2.0
    accounted(result)


def test_a_wire_file_with_spaces_before_its_body_still_parses():
    text = " date 2024-11-01" + " " * 5000 + "\n موسكو: " + SENTENCES[0] + "\n\n(أ ف ب)\n"
    (article,) = read_source([("w.txt", text.encode())]).articles
    assert (article.dateline, article.source, article.text) == ("موسكو", "أ ف ب", SENTENCES[0])


# --- names and surrogates ----------------------------------------------------------------------


def test_file_names_that_are_not_utf8_load_with_readable_ids(tmp_path):
    folder = tmp_path / "names"
    folder.mkdir()
    arabic = "أخبار".encode("cp1256")  # a Windows-1256 name on a UTF-8 file system
    (folder / os.fsdecode(arabic + b".txt")).write_text(SENTENCES[0], encoding="utf-8")
    (folder / os.fsdecode(b"\xff\xfe-raw.txt")).write_text(SENTENCES[1], encoding="utf-8")
    result = read_source(folder)
    accounted(result)
    ids = sorted(a.article_id for a in result.articles)
    assert "أخبار.txt" in ids
    assert len(ids) == 2
    for article in result.articles:
        article.path.encode("utf-8")


def test_lone_surrogates_in_json_become_replacement_characters():
    feed = '{"id": "a\\ud800", "title": "\\udfff", "text": "خبر \\ud83d عاجل"}\n'
    result = read_source([("s.jsonl", feed.encode())])
    (article,) = result.articles
    assert article.text == "خبر \ufffd عاجل"
    assert article.article_id == "a\ufffd"
    assert article.title == "\ufffd"


# --- the full pipeline on hostile input ----------------------------------------------------------


@pytest.fixture(scope="module")
def load_corpus():
    from dashboard import load_corpus as load

    return lambda source: load(source, use_cache=False, workers=1)


hostile_file = st.one_of(
    st.binary(max_size=2000),
    st.tuples(article_text, st.integers(0, 400)).map(lambda p: p[0].encode()[: p[1] or None]),
    st.tuples(article_text, st.sampled_from(list(BOMS))).map(
        lambda p: BOMS[p[1]] + p[0].encode(p[1])
    ),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(article_text, min_size=1, max_size=3).map(lambda ts: jsonl(ts).encode()),
)


@settings(FAST, max_examples=int(os.environ.get("READERS_PIPELINE_EXAMPLES", "15")))
@given(
    files=st.lists(
        st.tuples(st.sampled_from([".txt", ".jsonl", ".csv", ".json", ""]), hostile_file),
        min_size=1,
        max_size=5,
    )
)
def test_the_full_pipeline_takes_whatever_the_readers_load(load_corpus, files):
    source = [(f"f{i}{ext}", data) for i, (ext, data) in enumerate(files)]
    source.append(("good.txt", SENTENCES[0].encode()))
    read = read_source(source)
    corpus = load_corpus(source)
    assert len(corpus.articles) == len(read.articles)
    assert len(corpus.skipped) == len(read.skipped)
    assert "good.txt" in set(corpus.articles["article_id"])
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"], strict=True))
    for name in ("mentions", "dates"):
        df = getattr(corpus, name)
        for aid, start, end, surface in zip(
            df["article_id"], df["start"], df["end"], df["surface"], strict=True
        ):
            assert texts[aid][start:end] == surface
