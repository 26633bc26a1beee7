"""TIMEX3 values (as the dates frame holds them) -> the calendar period they name."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.analysis.timeline import parse_timex


@pytest.mark.parametrize(
    ("value", "start", "end", "granularity"),
    [
        ("2024-10-31", "2024-10-31", "2024-10-31", "day"),
        ("2024-10-31T14:00", "2024-10-31", "2024-10-31", "day"),
        ("2024-02", "2024-02-01", "2024-02-29", "month"),  # leap year
        ("2023-02", "2023-02-01", "2023-02-28", "month"),
        ("2024-12", "2024-12-01", "2024-12-31", "month"),
        ("2024-W44", "2024-10-28", "2024-11-03", "week"),  # ISO week, Monday..Sunday
        ("2020-W53", "2020-12-28", "2021-01-03", "week"),
        ("2025-W01", "2024-12-30", "2025-01-05", "week"),  # ISO week 1 starts in the old year
        ("2024-SP", "2024-03-01", "2024-05-31", "season"),
        ("2024-SU", "2024-06-01", "2024-08-31", "season"),
        ("2024-FA", "2024-09-01", "2024-11-30", "season"),
        ("2024-WI", "2024-12-01", "2025-02-28", "season"),  # winter runs into the next year
        ("2024-Q3", "2024-07-01", "2024-09-30", "quarter"),
        ("1949", "1949-01-01", "1949-12-31", "year"),
        ("199X", "1990-01-01", "1999-12-31", "decade"),
    ],
)
def test_parse_timex(value, start, end, granularity):
    assert parse_timex(value) == (pd.Timestamp(start), pd.Timestamp(end), granularity)


@pytest.mark.parametrize(
    "value",
    ["PRESENT_REF", "XXXX-10", "2024-02-30", "2024-13", "2024-W53", "P3D", "", "24-10-31", None],
)
def test_values_that_name_no_calendar_period(value):
    assert parse_timex(value) is None


def test_distant_referenced_dates_are_set_apart_not_stretching_the_focus():
    import pandas as pd

    from dashboard.analysis.timeline import split_outlying

    refs = pd.DataFrame(
        {
            "value": ["1800", "2018-03-05", "2018-04", "1948-05-15", "2018-11"],
            "mentions": [1, 50, 30, 2, 3],
            "articles": [1, 20, 10, 2, 2],
            "period_start": pd.to_datetime(
                ["1800-01-01", "2018-03-05", "2018-04-01", "1948-05-15", "2018-11-01"]
            ),
            "period_end": pd.to_datetime(
                ["1800-12-31", "2018-03-05", "2018-04-30", "1948-05-15", "2018-11-30"]
            ),
        }
    )
    published = pd.to_datetime(["2018-03-01", "2018-06-30"])
    near, far = split_outlying(refs, published)
    assert near["value"].tolist() == ["2018-03-05", "2018-04", "2018-11"]
    assert far["value"].tolist() == ["1948-05-15", "1800"]  # most mentioned first
    # Without publication dates the references' own middle half is the focus.
    near, far = split_outlying(refs)
    assert {"1948-05-15", "1800"} <= set(far["value"])
    assert {"2018-03-05", "2018-04"} <= set(near["value"])
    assert split_outlying(refs.iloc[0:0])[1].empty
