"""Readers: what a user drops (wire files, exports, folders, zips, uploads) becomes articles."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.readers import Limits, read_source

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_ca1ffc38c5cd97af.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "readers"


def one(result):
    assert result.skipped == []
    (article,) = result.articles
    return article


def read_bytes(name: str, data: bytes):
    return read_source([(name, data)])


def read_text(name: str, text: str):
    return read_bytes(name, text.encode("utf-8"))


# --- the wire layout ---------------------------------------------------------------------


def test_seed_article_fields_and_untouched_body():
    result = read_source(SEED)
    article = one(result)
    raw = SEED.read_text(encoding="utf-8")
    assert article.article_id == "000_ca1ffc38c5cd97af.txt"
    assert article.date == dt.date(2024, 11, 1)
    assert article.dateline == "موسكو"
    assert article.source == "أ ف ب"
    assert article.title is None
    assert article.path == str(SEED)
    # The body from the first word after 'موسكو:' up to the agency line, characters untouched.
    assert article.text == raw[raw.index("أكدت") : raw.rindex("(أ ف ب)")].rstrip()
    assert "\n\n" in article.text
    assert "(أ ف ب)" not in article.text
    assert result.given == 1


@pytest.mark.parametrize(
    "header, dateline",
    [
        (" date 2015-08-10 المدينة المنورة: ", "المدينة المنورة"),
        ("date 2015-08-10 إسلام آباد: ", "إسلام آباد"),
        ("  Date: 2015/08/10 دبي، الإمارات العربية المتحدة: ", "دبي، الإمارات العربية المتحدة"),
        (" DATE 2015-08-10\nبيروت:\n", "بيروت"),
        (" date 10 آب 2015 بغداد: ", None),  # the date must be one token: no header
    ],
)
def test_wire_header_variants(header, dateline):
    body = "طالب رئيس مجلس النواب العراقي اليوم بالإسراع في الإصلاحات.\n\nوأضاف أن الحكومة ستعمل."
    article = one(read_text("w.txt", f"{header}{body}\n\n(واس)\n"))
    if dateline is None:
        assert article.date is None
        assert article.text.startswith(header.strip()[:6])
        return
    assert article.dateline == dateline
    assert article.date == dt.date(2015, 8, 10)
    assert article.text == body
    assert article.source == "واس"


def test_a_colon_inside_the_first_sentence_is_not_a_city():
    text = " date 2024-11-01 قال المتحدث باسم وزارة الخارجية في مؤتمر صحفي اليوم: لا تغيير."
    article = one(read_text("w.txt", text))
    assert article.dateline is None
    assert article.text == text.split("2024-11-01 ")[1]


@pytest.mark.parametrize(
    "last_line, source", [("(رويترز)", "رويترز"), ("(د ب أ)", "د ب أ"), ("( AFP )", "AFP")]
)
def test_agency_line(last_line, source):
    article = one(read_text("w.txt", f" date 2024-11-01 القاهرة: خبر قصير.\n\n{last_line}\n\n"))
    assert (article.source, article.text) == (source, "خبر قصير.")


def test_end_marks_and_inline_parentheses_are_not_agencies():
    article = one(read_text("w.txt", " date 2024-11-01 القاهرة: خبر قصير.\n(انتهى)"))
    assert article.source is None
    assert article.text == "خبر قصير.\n(انتهى)"
    article = one(read_text("w.txt", " date 2024-11-01 القاهرة: قال مصدر (رويترز)"))
    assert article.source is None


@pytest.mark.parametrize(
    "caption", ["(صورة أرشيفية)", "(صورة تعبيرية)", "( فيديو )", "(Photo: file)"]
)
def test_a_caption_note_on_the_last_line_is_not_the_agency(caption):
    article = one(read_text("w.txt", f" date 2024-11-01 القاهرة: خبر قصير.\n\n{caption}\n"))
    assert article.source is None
    assert article.text == f"خبر قصير.\n\n{caption}"


def test_plain_text_is_read_whole():
    text = "\n\n  قال الرئيس الفرنسي إن باريس تدعم الحل السياسي.\n\n(أ ف ب)\n"
    article = one(read_text("plain.txt", text))
    assert article.text == text.strip()
    assert (article.date, article.dateline, article.source) == (None, None, None)


def test_header_without_body_is_skipped():
    result = read_text("w.txt", " date 2024-11-01 القاهرة:\n\n(واس)\n")
    assert result.articles == []
    assert result.skipped == [("w.txt", "has a date header but no article text")]


def test_trec_doc_files_hold_one_article_per_doc():
    doc = (
        "<DOC>\n<DOCNO>AL-1</DOCNO>\n<SRC>alarabia</SRC>\n<TITLE>عنوان أول</TITLE>\n"
        "<TIME>Thu, 01 Mar 2018 18:50:55 +0400</TIME>\n<TEXT>\nنص الخبر الأول.\n</TEXT>\n</DOC>\n"
        "<DOC>\n<DOCNO>AL-2</DOCNO>\n<TITLE>بلا نص</TITLE>\n</DOC>\n"
    )
    result = read_text("docs.txt", doc)
    (article,) = result.articles
    assert (article.article_id, article.title, article.source) == ("AL-1", "عنوان أول", "alarabia")
    assert article.date == dt.date(2018, 3, 1)
    assert article.text == "نص الخبر الأول."
    assert result.skipped == [("docs.txt#2", "document 2 has no text (no <TEXT> element)")]


# --- encodings -----------------------------------------------------------------------------

SEED_BODY_START = "أكدت وزيرة الخارجية الكورية الشمالية"


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("utf-16-le"),  # no BOM
        lambda t: t.encode("utf-16-be"),  # no BOM
        lambda t: "\ufeff".encode("utf-16-be") + t.encode("utf-16-be"),
        lambda t: t.encode("utf-32"),
        lambda t: t.encode("cp1256"),
        lambda t: t.encode("utf-8").replace(b"\n\n", b"\n\xd8\n", 1),  # one broken byte
    ],
    ids=["utf8-bom", "utf16", "utf16le", "utf16be", "utf16be-bom", "utf32", "cp1256", "broken"],
)
def test_seed_in_every_encoding(encode):
    raw = SEED.read_text(encoding="utf-8")
    article = one(read_bytes("seed.txt", encode(raw)))
    assert article.text.startswith(SEED_BODY_START)
    assert (article.date, article.dateline, article.source) == (
        dt.date(2024, 11, 1),
        "موسكو",
        "أ ف ب",
    )


def test_short_windows_1256_file():
    article = one(read_bytes("short.txt", "موسكو: قال الرئيس".encode("cp1256")))
    assert article.text == "موسكو: قال الرئيس"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "the file is empty"),
        (b"  \n\t\n", "the file holds only blank space"),
        (b"%PDF-1.7\n...", "is a PDF document, not text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "is a PNG image, not text"),
        (bytes(range(256)) * 4, "looks like a binary file, not text"),
    ],
)
def test_not_text(data, reason):
    result = read_bytes("x.txt", data)
    assert result.articles == []
    assert result.skipped == [("x.txt", reason)]


# --- JSON Lines, JSON, CSV -------------------------------------------------------------


def test_jsonl_field_aliases_are_case_insensitive():
    records = [
        {
            "ID": 7,
            "Headline": "قمة",
            "Body": "انعقدت القمة.",
            "pubDate": "2024-11-01",
            "Agency": "واس",
            "City": "جدة",
        },
        {
            "source": {"id": "bbc", "name": "BBC عربي"},
            "publishedAt": "2024-11-02T10:00:00Z",
            "content": "خبر ثان.",
        },
        {"article": ["فقرة أولى.", "فقرة ثانية."], "date": {"$date": "2024-11-03T00:00:00Z"}},
        {"id": "x", "title": "بلا نص"},
        {"id": "y", "text": "   "},
    ]
    content = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n\n"
    result = read_text("feed.jsonl", content)
    first, second, third = result.articles
    assert (first.article_id, first.title, first.text) == ("7", "قمة", "انعقدت القمة.")
    assert (first.date, first.source, first.dateline) == (dt.date(2024, 11, 1), "واس", "جدة")
    assert (second.article_id, second.source, second.date) == (
        "feed.jsonl:2",
        "BBC عربي",
        dt.date(2024, 11, 2),
    )
    assert third.text == "فقرة أولى.\n\nفقرة ثانية."
    assert third.date == dt.date(2024, 11, 3)
    assert result.skipped == [
        ("feed.jsonl:4", "line 4 has no article text (no text, content, body or article field)"),
        ("feed.jsonl:5", "line 5 has an empty text field"),
    ]
    assert result.given == 5


def test_jsonl_bad_lines_are_named_and_the_rest_loads():
    lines = ['{"text": "أ"}', "{not json", "[1, 2]", "", '{"text": "ب"}']
    result = read_text("f.jsonl", "\r\n".join(lines))
    assert [a.text for a in result.articles] == ["أ", "ب"]
    assert [a.article_id for a in result.articles] == ["f.jsonl:1", "f.jsonl:5"]
    reasons = dict(result.skipped)
    assert reasons["f.jsonl:2"].startswith("line 2 is not valid JSON")
    assert reasons["f.jsonl:3"] == "line 3 is not a JSON object"
    assert result.given == 4


def test_repeated_ids_are_kept_and_made_unique():
    lines = [json.dumps({"id": "a", "text": t}) for t in ("one", "two", "three")]
    lines.append(json.dumps({"id": "a~2", "text": "four"}))
    result = read_text("f.jsonl", "\n".join(lines))
    assert [a.article_id for a in result.articles] == ["a", "a~2", "a~3", "a~2~2"]
    assert [a.text for a in result.articles] == ["one", "two", "three", "four"]


@pytest.mark.parametrize(
    "doc, ids",
    [
        ([{"text": "أ"}, {"text": "ب", "id": "b"}], ["d.json#1", "b"]),
        ({"articles": [{"content": "أ"}]}, ["d.json#1"]),
        ({"response": {"docs": [{"body": "أ"}]}}, ["d.json#1"]),
        ({"id": "solo", "text": "خبر واحد"}, ["solo"]),
        ({"title": "خبر واحد", "text": "نص"}, ["d.json"]),
    ],
)
def test_json_shapes(doc, ids):
    result = read_text("d.json", json.dumps(doc, ensure_ascii=False))
    assert result.skipped == []
    assert [a.article_id for a in result.articles] == ids


@pytest.mark.parametrize(
    "content, reason",
    [
        ("[]", "holds an empty list: no articles"),
        ('{"stats": 3}', "holds no articles"),
        ('"just a string"', "holds no articles"),
        ('{"text": "unterminated', "is not valid JSON (Unterminated string"),
    ],
)
def test_json_without_articles(content, reason):
    result = read_text("d.json", content)
    assert result.articles == []
    ((item, why),) = result.skipped
    assert item == "d.json"
    assert why.startswith(reason)


def test_json_lines_saved_as_json_are_read_line_by_line():
    result = read_text("d.json", '{"text": "أ"}\n{"text": "ب"}\n')
    assert [a.article_id for a in result.articles] == ["d.json:1", "d.json:2"]


def test_json_records_that_are_not_objects():
    result = read_text("d.json", '[{"text": "أ"}, 3, {"title": "ب"}]')
    assert [a.text for a in result.articles] == ["أ"]
    assert result.skipped == [
        ("d.json#2", "record 2 is not a JSON object"),
        ("d.json#3", "record 3 has no article text (no text, content, body or article field)"),
    ]


def test_csv_fixture_with_odd_rows():
    """tests/fixtures/readers/odd.csv: semicolons, BOM, short and long rows, a quoted
    newline, a row without text and Arabic-Indic dates."""
    result = read_source(FIXTURES / "odd.csv")
    by_id = {a.article_id: a for a in result.articles}
    assert by_id["n1"].text == "قال الوزير: «سنواصل العمل»؛ وأضاف أن الخطة جاهزة."
    assert by_id["n1"].date == dt.date(2024, 11, 1)
    assert by_id["n1"].source == "الأهرام"
    assert by_id["n2"].text == "سطر أول\nسطر ثان"
    assert by_id["n2"].source is None  # the row is short: no source cell
    assert by_id["n4"].text == "عمود زائد"  # extra cells are ignored
    assert result.skipped == [
        ("odd.csv:5", "row at line 5 has an empty text field"),
    ]
    assert result.given == 4


def test_csv_long_fields_tsv_and_missing_text_column():
    long_text = "خبر " * 60_000  # 240 KB, beyond the csv module's default field limit
    data = f'id,text\n1,"{long_text}"\n'.encode()
    assert one(read_bytes("long.csv", data)).text == long_text.strip()

    tsv = "title\ttext\tdate\nعنوان\tنص, بفاصلة\t2024-11-01\n"
    article = one(read_text("t.tsv", tsv))
    assert (article.title, article.text, article.date) == (
        "عنوان",
        "نص, بفاصلة",
        dt.date(2024, 11, 1),
    )

    result = read_text("bad.csv", "name,value\nأ,ب\n")
    assert result.skipped == [
        (
            "bad.csv",
            "has no article text column (columns: name, value); "
            "expected one of text, content, body, article",
        )
    ]


def test_csv_in_windows_1256():
    data = "text,source\nقال الوزير إن الاجتماع كان مثمرا,واس\n".encode("cp1256")
    article = one(read_bytes("w.csv", data))
    assert (article.text, article.source) == ("قال الوزير إن الاجتماع كان مثمرا", "واس")


def test_csv_quote_that_never_closes_is_reported():
    result = read_text("q.csv", 'id,text\n1,خبر\n2,"مقتبس بلا نهاية\n3,خبر آخر\n')
    assert [a.text for a in result.articles] == ["خبر"]
    assert result.skipped == [
        (
            "q.csv:3",
            'row at line 3 opens a quote (") that is never closed, so the rest of the file '
            "ran into it; not read",
        )
    ]
    # A literal quote inside an unquoted cell is fine, and so is a closed multi-line cell.
    result = read_text("ok.csv", 'id,text\n1,"سطر\nسطر"\n2,قال "فلان\n')
    assert [a.text for a in result.articles] == ["سطر\nسطر", 'قال "فلان']


# --- folders, zips, uploads ----------------------------------------------------------------


def test_folder_walk_rules(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("خبر ز", encoding="utf-8")
    (tmp_path / "a.txt").write_text("خبر أ", encoding="utf-8")
    (tmp_path / "c.TXT").write_text("خبر ج", encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main")
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "._a.txt").write_bytes(b"\x00")
    (tmp_path / "link").symlink_to(tmp_path / "b", target_is_directory=True)

    result = read_source(tmp_path)
    assert [(a.article_id, a.text) for a in result.articles] == [
        ("a.txt", "خبر أ"),
        ("b/z.txt", "خبر ز"),
        ("c.TXT", "خبر ج"),
    ]
    assert result.skipped == [
        (".DS_Store", "hidden file, not read"),
        (".git", "hidden folder, not read"),
        ("__MACOSX", "macOS metadata folder (__MACOSX), not articles"),
        ("link", "is a link to a folder; linked folders are not followed"),
        ("report.pdf", ".pdf is not a supported format: use .txt, .jsonl, .json, .csv or .zip"),
    ]
    assert result.given == 8
    assert read_source(tmp_path) == result  # same input, same result


def test_missing_and_empty_sources_are_skipped_not_raised(tmp_path):
    missing = tmp_path / "nope"
    assert read_source(missing).skipped == [(str(missing), "does not exist")]
    (tmp_path / "empty").mkdir()
    assert read_source(tmp_path / "empty").skipped == [
        (str(tmp_path / "empty"), "the folder holds no files")
    ]
    assert read_source(42).skipped == [("42", "is not a file, folder or uploaded file")]
    assert read_source([]).given == 0


def test_uploads_tuples_and_lists():
    class Upload:
        def __init__(self, name, data):
            self.name, self._data = name, data

        def getvalue(self):
            return self._data

    result = read_source(
        [Upload("a.txt", "نص أ".encode()), ("b.jsonl", b'{"text": "\xd8\xa8"}\n'), SEED]
    )
    assert [a.article_id for a in result.articles] == ["a.txt", "b.jsonl:1", SEED.name]
    assert result.articles[0].path == "a.txt"


def test_zip_entries_ids_and_formats():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("أخبار/خبر.txt", "نص الخبر")  # non-ASCII name: UTF-8 flag set
        legacy = zipfile.ZipInfo("x.txt")
        archive.writestr(legacy, "نص")
        archive.writestr("feed.jsonl", '{"text": "أ"}\n{"text": "ب"}\n')
        archive.writestr("docs/", b"")  # a folder entry: not an item
        archive.writestr("__MACOSX/._x.txt", b"\x00\x05")
        archive.writestr("notes.docx", b"PK")
    result = read_source([("pack.zip", buffer.getvalue())])
    assert [a.article_id for a in result.articles] == [
        "pack.zip!feed.jsonl:1",
        "pack.zip!feed.jsonl:2",
        "pack.zip!x.txt",
        "pack.zip!أخبار/خبر.txt",
    ]
    assert result.articles[-1].path == "pack.zip!أخبار/خبر.txt"
    assert result.skipped == [
        ("pack.zip!__MACOSX/._x.txt", "macOS metadata folder (__MACOSX), not articles"),
        (
            "pack.zip!notes.docx",
            ".docx is not a supported format: use .txt, .jsonl, .json, .csv or .zip",
        ),
    ]


def test_zip_on_disk_is_not_extracted(tmp_path):
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("sub/one.txt", "نص واحد")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = read_source(path)
    assert [a.article_id for a in result.articles] == ["a.zip!sub/one.txt"]
    assert result.articles[0].path == f"{path}!sub/one.txt"
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "text", "Content", "date", "source", "title", "articles", "x"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=80, deadline=None)
@given(doc=_JSON)
def test_any_json_document_is_accounted_for(doc):
    data = json.dumps(doc, ensure_ascii=False).encode()
    for name in ("d.json", "d.jsonl"):
        result = read_bytes(name, data)
        assert result.given == len(result.articles) + len(result.skipped) >= 1
        assert all(isinstance(a.text, str) and a.text.strip() for a in result.articles)


def test_gzip_compressed_exports():
    feed = '{"text": "خبر مضغوط"}\n{bad\n'.encode()
    result = read_source(
        [
            ("n.jsonl.gz", gzip.compress(feed)),
            ("cut.txt.gz", gzip.compress("نص".encode() * 100)[:-8]),
            ("a.zip.gz", gzip.compress(b"PK")),
            ("zeros.txt.gz", gzip.compress(bytes(3 << 20))),
        ],
        limits=Limits(article_bytes=1 << 20),
    )
    assert [(a.article_id, a.text) for a in result.articles] == [("n.jsonl.gz:1", "خبر مضغوط")]
    reasons = dict(result.skipped)
    assert reasons["n.jsonl.gz:2"].startswith("line 2 is not valid JSON")
    assert reasons["cut.txt.gz"].startswith("is not a valid gzip file")
    assert reasons["a.zip.gz"].startswith("a .gz file is read only when")
    assert reasons["zeros.txt.gz"] == "is larger than 1.0 MB; an article file may be at most 1.0 MB"


def test_windows_line_endings_in_the_wire_layout():
    raw = SEED.read_text(encoding="utf-8").replace("\n", "\r\n") + "\r\n"
    article = one(read_text("crlf.txt", raw))
    assert article.source == "أ ف ب"
    assert article.text.startswith(SEED_BODY_START)
    assert article.text.endswith("خلال الصيف.")
    assert "\r\n\r\n" in article.text  # characters untouched


def test_mixed_encodings_line_by_line_and_mojibake_refused():
    utf8 = json.dumps({"text": "سطر بترميز يونيكود"}, ensure_ascii=False).encode()
    legacy = json.dumps({"text": "سطر بترميز ويندوز"}, ensure_ascii=False).encode("cp1256")
    result = read_bytes("mixed.jsonl", b"\n".join([utf8, legacy, utf8]))
    assert [a.text for a in result.articles] == [
        "سطر بترميز يونيكود",
        "سطر بترميز ويندوز",
        "سطر بترميز يونيكود",
    ]
    # The same in one text file cannot be decoded as a whole: refused, not shown as mojibake.
    paragraph = "فقرة عربية طويلة بما يكفي لتقدير الترميز. " * 3
    mixed = paragraph.encode() + b"\n\n" + paragraph.encode("cp1256") * 2
    result = read_bytes("mixed.txt", mixed)
    assert result.articles == []
    assert result.skipped[0][1].startswith("could not be decoded as text")
