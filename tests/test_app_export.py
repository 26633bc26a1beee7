"""The pages' CSV export, written by DuckDB from a store: the filter's rows, and hostile
article text that is safe to open in a spreadsheet (no formulas)."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from conftest import SEED_FILE

from dashboard.analysis.filters import Filter, apply_filter
from dashboard.query import StoreQueries
from dashboard.query.export import EXPORT_DATASETS, FORMULA_START
from dashboard.ui.widgets import export_csv

HOSTILE_TITLES = ['=HYPERLINK("http://x.example","اضغط")', "+1-2", "@SUM(A1)", "قال الرئيس"]
# A first sentence of its own per article, so that none is a duplicate of another.
OPENINGS = ("صباح", "مساء", "ظهر", "ليل")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A store of four articles (the seed's text) whose titles and sources a spreadsheet
    would run, and the same inputs through load_corpus."""
    from dashboard import load_corpus
    from dashboard.store.writer import ingest

    root = tmp_path_factory.mktemp("export")
    text = SEED_FILE.read_text(encoding="utf-8").split("\n", 1)[1]
    records = [
        {"id": f"a{i}", "date": f"2024-11-0{i + 1}", "source": f"-cmd|{i}", "title": title}
        | {"text": f"وفي {OPENINGS[i]} السبت قال مسؤول إن الاجتماع انتهى. {text}"}
        for i, title in enumerate(HOSTILE_TITLES)
    ]
    source = root / "src" / "news.jsonl"
    source.parent.mkdir()
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    ingest(source, root / "store")
    return StoreQueries(root / "store"), load_corpus(source, use_cache=False)


def read(data: bytes) -> pd.DataFrame:
    assert data.startswith("\ufeff".encode())  # spreadsheets open the Arabic as UTF-8
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, dtype=str)


def test_cells_a_spreadsheet_would_run_get_an_apostrophe_and_the_rest_is_untouched(hostile):
    queries, _ = hostile
    articles = read(export_csv(queries, None, "articles"))
    assert articles["title"].tolist() == ["'" + t for t in HOSTILE_TITLES[:3]] + ["قال الرئيس"]
    assert articles["source"].tolist() == [f"'-cmd|{i}" for i in range(4)]
    assert articles["date"].tolist() == ["2024-11-01", "2024-11-02", "2024-11-03", "2024-11-04"]
    for name in EXPORT_DATASETS:
        frame = read(export_csv(queries, None, name))
        for column in frame.columns:
            assert not frame[column].str.startswith(FORMULA_START).any(), (name, column)
    mentions = read(export_csv(queries, None, "mentions"))
    assert mentions["start"].astype(int).ge(0).all()  # numbers keep their value


@pytest.mark.parametrize(
    "flt",
    [Filter(), Filter(actors=["gpe-russia"]), Filter(kinds=["PER"]), Filter(sources=["-cmd|1"])],
)
def test_the_export_holds_the_filters_rows_as_the_analysis_view_has_them(hostile, flt):
    queries, corpus = hostile
    view = apply_filter(corpus, flt)
    for name in EXPORT_DATASETS:
        got = read(export_csv(queries, flt, name))
        want = getattr(view, name)
        want = pd.read_csv(io.StringIO(want.to_csv(index=False)), keep_default_na=False, dtype=str)
        for column in want.columns:  # the view's text, defused as the export defuses it
            risky = want[column].str.startswith(FORMULA_START)
            want[column] = want[column].where(~risky, "'" + want[column])
        assert list(got.columns) == list(want.columns), name
        pd.testing.assert_frame_equal(got, want, obj=name)
    assert len(read(export_csv(queries, flt, "articles"))) == view.n_articles >= 1
