"""Calendar arithmetic behind relative dates: which day, week, month and season a word means."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.dates import resolve as rv

D = dt.date


def test_timex_values_are_written_like_heideltime():
    assert rv.day_value(D(2024, 10, 31)) == "2024-10-31"
    assert rv.month_value(2024, 6) == "2024-06"
    assert rv.year_value(1949) == "1949"
    assert rv.season_value(2024, "SU") == "2024-SU"
    assert rv.week_value(D(2024, 11, 1)) == "2024-W44"
    # ISO weeks belong to the year of their Thursday.
    assert rv.week_value(D(2024, 12, 30)) == "2025-W01"
    assert rv.week_value(D(2021, 1, 3)) == "2020-W53"


def test_weekday_before_and_after():
    friday = D(2024, 11, 1)
    assert rv.weekday_before(friday, 4) == friday  # 'الجمعة' said on a Friday
    assert rv.weekday_before(friday, 3) == D(2024, 10, 31)
    assert rv.weekday_before(friday, 5) == D(2024, 10, 26)  # six days back at most
    assert rv.weekday_before(friday, 4, at_least=1) == D(2024, 10, 25)
    assert rv.weekday_after(friday, 6) == D(2024, 11, 3)
    assert rv.weekday_after(friday, 4) == friday
    assert rv.weekday_after(friday, 4, at_least=1) == D(2024, 11, 8)
    # across a leap day
    assert rv.weekday_before(D(2024, 3, 1), 3) == D(2024, 2, 29)


def test_shift_months_across_years():
    assert rv.shift_months(2024, 1, -1) == (2023, 12)
    assert rv.shift_months(2024, 12, 1) == (2025, 1)
    assert rv.shift_months(2024, 11, -23) == (2022, 12)


@pytest.mark.parametrize(
    ("ref", "month", "mode", "expected"),
    [
        (D(2024, 11, 1), 3, "past", (2024, 3)),
        (D(2024, 11, 1), 11, "past", (2023, 11)),  # 'نوفمبر الماضي' in November
        (D(2024, 11, 1), 11, "since", (2024, 11)),
        (D(2024, 11, 1), 11, "next", (2025, 11)),
        (D(2024, 11, 1), 12, "next", (2024, 12)),
        (D(2024, 11, 1), 1, "nearest", (2025, 1)),
        (D(2024, 11, 1), 6, "nearest", (2024, 6)),
        (D(2024, 11, 1), 5, "nearest", (2024, 5)),  # six months either way: the past one
        (D(2024, 1, 10), 12, "nearest", (2023, 12)),
        (D(2024, 11, 1), 7, "this", (2024, 7)),
    ],
)
def test_month_near(ref, month, mode, expected):
    assert rv.month_near(ref, month, mode) == expected


def test_day_month_near_handles_leap_days_and_year_ends():
    assert rv.day_month_near(D(2025, 1, 10), 2, 29) == D(2024, 2, 29)
    assert rv.day_month_near(D(2027, 6, 1), 2, 29) == D(2028, 2, 29)
    assert rv.day_month_near(D(2022, 6, 1), 2, 29) is None  # no leap year within a year
    assert rv.day_month_near(D(2019, 1, 3), 12, 28) == D(2018, 12, 28)
    assert rv.day_month_near(D(2018, 12, 20), 1, 2) == D(2019, 1, 2)
    assert rv.day_month_near(D(2018, 3, 1), 2, 22, "past") == D(2018, 2, 22)
    assert rv.day_month_near(D(2018, 3, 1), 3, 1, "past") == D(2017, 3, 1)
    assert rv.day_month_near(D(2018, 3, 1), 3, 1, "next") == D(2019, 3, 1)
    assert rv.day_month_near(D(2018, 3, 1), 4, 31) is None
    # news looks back more than ahead: 5 May in an article of 20 November is the past one
    # (199 days back) though next May is closer (166 days ahead)
    assert rv.day_month_near(D(2018, 11, 20), 5, 5) == D(2018, 5, 5)
    assert rv.day_month_near(D(2018, 11, 20), 5, 5, "ahead") == D(2019, 5, 5)
    assert rv.day_month_near(D(2018, 3, 1), 3, 1, "ahead") == D(2018, 3, 1)
    # a weekday next to it picks the year: 1 November 2024 was a Friday
    assert rv.day_month_near(D(2025, 4, 30), 11, 1, weekday=4) == D(2024, 11, 1)


@pytest.mark.parametrize(
    ("ref", "code", "mode", "expected"),
    [
        (D(2024, 11, 1), "SU", "this", (2024, "SU")),
        (D(2024, 3, 10), "SU", "this", (2024, "SU")),
        (D(2024, 7, 10), "SU", "this", (2024, "SU")),
        (D(2024, 11, 1), "SU", "past", (2024, "SU")),
        (D(2024, 7, 10), "SU", "past", (2023, "SU")),
        (D(2024, 11, 1), "SU", "next", (2025, "SU")),
        (D(2024, 3, 10), "SU", "next", (2024, "SU")),
        (D(2025, 1, 20), "WI", "this", (2024, "WI")),  # January is in the winter of 2024
        (D(2024, 12, 5), "WI", "past", (2023, "WI")),
        (D(2024, 4, 1), "WI", "this", (2023, "WI")),
        (D(2024, 10, 1), "WI", "this", (2024, "WI")),
        (D(2024, 4, 1), "FA", "this", (2024, "FA")),  # a tie goes to the coming one
    ],
)
def test_season_near(ref, code, mode, expected):
    assert rv.season_near(ref, code, mode) == expected


def test_hijri_conversion():
    assert rv.hijri_to_gregorian(1436, 10, 25) == D(2015, 8, 10)
    assert rv.hijri_to_gregorian(1445, 9, 1) == D(2024, 3, 11)  # Ramadan 1445
    assert rv.hijri_to_gregorian(1200, 1, 1) is None  # outside Umm al-Qura tables
    assert rv.hijri_to_gregorian(1445, 13, 1) is None
