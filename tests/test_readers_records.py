"""JSON Lines records: the same article whatever way an export spells its fields.

Exports differ in how they escape Arabic (``ensure_ascii`` or raw UTF-8), how they
spell field names, and repeat the same dates and keys on every line; none of that may
change what is read.
"""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.readers import parse_date_string, read_source
from dashboard.readers.fieldnames import FIELD_NAMES

# Letters, marks, digits, punctuation, spaces and symbols (emoji) of any script; no lone
# surrogates, which raw UTF-8 cannot hold.
field_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),
    max_size=40,
)


def read_jsonl(lines: list[str]):
    return read_source([("feed.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {"id": field_text, "title": field_text, "text": field_text, "date": field_text}
        ),
        min_size=1,
        max_size=4,
    )
)
def test_escaped_and_raw_exports_read_the_same(recs):
    escaped = read_jsonl([json.dumps(r, ensure_ascii=True) for r in recs])
    raw = read_jsonl([json.dumps(r, ensure_ascii=False) for r in recs])
    assert escaped.articles == raw.articles
    assert escaped.skipped == raw.skipped
    assert escaped.given == raw.given == len(recs)


def test_arabic_with_emoji_escaped_as_surrogate_pairs():
    record = {"id": "ع1", "title": "عاجل 🔴", "text": "انطلقت القمة العربية في جدة 🇸🇦 اليوم."}
    line = json.dumps(record, ensure_ascii=True)
    assert "\\ud83d" in line  # the emoji is written as a pair of escapes
    (article,) = read_jsonl([line]).articles
    assert (article.article_id, article.title, article.text) == (
        record["id"],
        record["title"],
        record["text"],
    )


def test_field_names_are_trimmed_lowered_and_first_spelling_wins():
    lines = [
        json.dumps({" Text ": "نص أول.", "\ufeffTITLE": "عنوان", "Date": "2024-11-01"}),
        # Two spellings of one field: the first one in the record counts, even when empty.
        json.dumps({"Text": "", "text": "نص لا يقرأ."}),
        json.dumps({"TEXT": "نص ثالث.", "text": "بديل"}),
    ]
    result = read_jsonl(lines)
    first, third = result.articles
    assert (first.text, first.title, first.date) == ("نص أول.", "عنوان", dt.date(2024, 11, 1))
    assert third.text == "نص ثالث."
    assert result.skipped == [("feed.jsonl:2", "line 2 has an empty text field")]


def test_repeated_and_long_date_fields_parse_as_on_their_own():
    dates = [
        "2024-11-01",
        "1 تشرين الثاني/نوفمبر 2024",
        "2024-11-01",
        "الجمعة 1 نوفمبر 2024 " + "ملاحظة " * 60,  # longer than the part that is parsed
        "الجمعة 1 نوفمبر 2024 " + "ملاحظة أخرى " * 60,
        "غير معروف",
    ]
    result = read_jsonl([json.dumps({"text": "خبر.", "date": d}) for d in dates])
    assert [a.date for a in result.articles] == [parse_date_string(d) for d in dates]
    assert [a.date for a in result.articles][:5] == [dt.date(2024, 11, 1)] * 5


def test_endless_distinct_field_names_are_read_in_bounded_memory():
    lines = [
        json.dumps({"text": f"خبر رقم {i}.", **{f"extra_{i}_{k}": k for k in range(20)}})
        for i in range(400)
    ]
    result = read_jsonl(lines)
    assert len(result.articles) == 400 and result.skipped == []
    assert len(FIELD_NAMES.names) <= FIELD_NAMES.max_size
