"""CSV exports of hostile article text are safe to open in a spreadsheet (no formulas)."""

from __future__ import annotations

import io

import pandas as pd

from dashboard.ui.widgets import _csv, defuse_formulas


def test_cells_a_spreadsheet_would_run_get_an_apostrophe_and_the_rest_is_untouched():
    df = pd.DataFrame(
        {
            "title": ['=HYPERLINK("http://x.example","اضغط")', "+1-2", "قال الرئيس", None],
            "source": pd.Series(["@SUM(A1)", "-cmd|' /C calc'!A0", "وكالة", "\tx"], dtype="string"),
            "mentions": [-3, 4, 5, 6],
            "date": pd.to_datetime(["2024-10-30", None, "2024-10-31", "2024-11-01"]),
        }
    )
    safe = defuse_formulas(df)
    assert safe["title"].tolist()[:3] == ["'" + df["title"][0], "'+1-2", "قال الرئيس"]
    assert pd.isna(safe["title"][3])
    assert safe["source"].tolist() == ["'@SUM(A1)", "'-cmd|' /C calc'!A0", "وكالة", "'\tx"]
    assert safe["mentions"].tolist() == [-3, 4, 5, 6]  # numbers keep their sign
    assert df["title"][0].startswith("=")  # the caller's frame is not changed

    back = pd.read_csv(io.BytesIO(_csv(df)), encoding="utf-8-sig")
    assert not back["title"].astype(str).str.startswith(("=", "+", "-", "@")).any()
    assert back["title"][2] == "قال الرئيس"
