"""Publication dates in metadata fields: every format an Arabic news export writes them in."""

from __future__ import annotations

import datetime as dt
import json
from email.utils import format_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.paths import data_file
from dashboard.readers.dates import parse_date_string

NOV_1 = dt.date(2024, 11, 1)


@pytest.mark.parametrize(
    "text",
    [
        "2024-11-01",
        "2024/11/01",
        "2024-11-01T10:00:00+03:00",
        "2024-11-01T23:59:59Z",
        "2024-11-01 08:15:00",
        "Fri, 01 Nov 2024 10:00:00 +0000",
        "Fri, 1 Nov 2024 10:00:00 GMT",
        "1 November 2024",
        "November 1, 2024",
        "Nov. 1, 2024",
        "1 نوفمبر 2024",
        "1 تشرين الثاني 2024",
        "1 تشرين الثاني/نوفمبر 2024",
        "1 نوفمبر/تشرين الثاني 2024",
        "١ تشرين الثاني (نوفمبر) ٢٠٢٤",
        "الجمعة 1 نونبر 2024",
        "الجمعة، ١ نوفمبر ٢٠٢٤ - ١٠:٠٠",
        "01/11/2024",
        "1.11.2024",
        "٢٠٢٤-١١-٠١",
        "20241101",
        "29 ربيع الآخر 1446 هـ",
        "الجمعة 29 ربيع الآخر 1446 هـ الموافق 1 نوفمبر 2024 م",
    ],
)
def test_november_first_in_every_notation(text):
    assert parse_date_string(text) == NOV_1


@pytest.mark.parametrize(
    "text, expected",
    [
        ("11/30/2024", dt.date(2024, 11, 30)),  # month-first only when day-first is impossible
        ("1 جانفي 2018", dt.date(2018, 1, 1)),
        ("15 آب 2015", dt.date(2015, 8, 15)),
        ("3 أيار 2019", dt.date(2019, 5, 3)),
        ("Thu, 01 Mar 2018 18:50:55 +0400", dt.date(2018, 3, 1)),
        ("2015-08-10 18:52:49", dt.date(2015, 8, 10)),
        # The date as written, not converted to UTC.
        ("2024-11-01T01:00:00+03:00", NOV_1),
    ],
)
def test_other_dates(text, expected):
    assert parse_date_string(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "جانفي 2018",  # no day: a publication date needs one
        "نوفمبر 2024",
        "2024-11",
        "2024",
        "2024-02-30",
        "31 فبراير 2024",
        "قرأت الكتاب 1 2024",  # 'اب' inside a word is not August
        "not a date",
        "00/00/0000",
        "9999-01-01",
    ],
)
def test_not_a_full_date_gives_none(text):
    assert parse_date_string(text) is None


def test_values_that_are_not_strings():
    assert parse_date_string(1730455200) == NOV_1  # Unix seconds, UTC
    assert parse_date_string("1730455200000") == NOV_1  # milliseconds
    assert parse_date_string(dt.datetime(2024, 11, 1, 22, 0)) == NOV_1
    assert parse_date_string(NOV_1) == NOV_1
    assert parse_date_string(None) is None
    assert parse_date_string(True) is None
    assert parse_date_string(float("nan")) is None
    assert parse_date_string(["2024-11-01"]) is None


def _written_month_names() -> list[tuple[str, int]]:
    """Month names as the calendar file writes them (with hamza, madda), every series."""
    calendar = json.loads(data_file("calendar_ar.json").read_text(encoding="utf-8"))
    return [(name, int(n)) for n, names in calendar["gregorian_months"].items() for name in names]


_EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@settings(max_examples=80, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)),
    name=st.sampled_from(_written_month_names()),
    eastern=st.booleans(),
)
def test_every_arabic_month_name_reads_back(day, name, eastern):
    written, month = name
    try:
        day = day.replace(month=month)
    except ValueError:  # 31 in a 30-day month
        day = day.replace(day=28, month=month)
    text = f"{day.day} {written} {day.year}"
    if eastern:
        text = text.translate(_EASTERN)
    assert parse_date_string(text) == day


@settings(max_examples=60, deadline=None)
@given(moment=st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2199, 1, 1)))
def test_iso_and_rfc822_read_back(moment):
    assert parse_date_string(moment.isoformat()) == moment.date()
    assert parse_date_string(format_datetime(moment)) == moment.date()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_never_raises(text):
    result = parse_date_string(text)
    assert result is None or isinstance(result, dt.date)
