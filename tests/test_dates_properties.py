"""Properties of `extract_dates` on arbitrary text: it never raises and its spans are exact."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dashboard.dates import extract_dates
from dashboard.dates.extract import _matches
from dashboard.dates.patterns import grammar
from dashboard.dates.textmap import NormalisedView

# Pieces that make the matcher work hard: date words, digits in both scripts, clitics,
# punctuation, tashkeel, tatweel, bidi and zero-width marks, ligature presentation forms.
PIECES = [
    "الخميس",
    "يوم",
    "اليوم",
    "أمس",
    "غداً",
    "الماضي",
    "المقبل",
    "هذا",
    "الصيف",
    "العام",
    "عام",
    "سنة",
    "عامي",
    "نوفمبر",
    "تشرين",
    "الثاني",
    "الأول",
    "من",
    "شوال",
    "هـ",
    "م",
    "آب",
    "إب",
    "شهر",
    "في",
    "منذ",
    "سيزور",
    "قال",
    "و",
    "ب",
    "ل",
    "ال",
    "الـ",
    "1",
    "29",
    "2024",
    "1436",
    "١٩٤٩",
    "٠١",
    "/",
    "-",
    ".",
    "،",
    "(",
    ")",
] + [" ", " ", "\n", "\u064e", "\u0651", "\u0640", "\u200f", "\u200e", "\u00ad", "\ufefb", "\u00a0"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(max_size=80)
DAY = st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}|-(?:SP|SU|FA|WI))?$")


@settings(max_examples=400, deadline=None)
@given(TEXT, DAY)
def test_never_raises_and_spans_round_trip(text, day):
    dates = extract_dates(text, day)
    previous_end = 0
    for d in dates:
        assert 0 <= d["start"] < d["end"] <= len(text)
        assert text[d["start"] : d["end"]] == d["surface"]
        assert d["start"] >= previous_end  # sorted, no overlaps
        previous_end = d["end"]
        assert VALUE.match(d["value"]), d
        assert d["granularity"] in {"day", "week", "month", "season", "year"}
        assert isinstance(d["relative"], bool)
        if day is None:
            assert not d["relative"]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_normalised_view_maps_back_to_the_same_letters(text):
    view = NormalisedView(text)
    for start in range(len(view.view)):
        a, b = view.span(start, start + 1)
        assert 0 <= a < b <= len(text)
        # the original character(s) normalise to the view character (or contain it)
        assert view.view[start] in NormalisedView(text[a:b]).view


def _all_matches(text: str) -> list[tuple[int, int]]:
    g = grammar()
    view = NormalisedView(text).view
    return [m.span() for m in g.regex.finditer(view)]


def _fast_matches(text: str) -> list[tuple[int, int]]:
    g = grammar()
    view = NormalisedView(text).view
    return [m.span() for m in _matches(g, view)]


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example("الخميس٠١آب")  # a digit right after a weekday: the pre-checks once missed it
def test_anchor_search_finds_what_the_full_scan_finds(text):
    # The fast path only tries the grammar near anchor words; it must lose nothing.
    assert _fast_matches(text) == _all_matches(text)


def test_anchor_search_on_news_sentences():
    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_ca1ffc38c5cd97af.txt"
    sentences = [
        seed.read_text(encoding="utf-8"),
        "يستأنف التحقيق يومي الأحد والاثنين المقبلين",
        "يوم الجمعة الحادي والعشرين من شهر نوفمبر 2024",
        "في 23 و27 مارس الحالي وفي الـ18 من الشهر الجاري",
        "وإيطاليا يوم 27مارس. و25 شوال 1436 هـ و01/11/2024 وعامي 2015 و2016",
        "بعد غد الأحد وأول من أمس وهذا الصيف والعام قبل الماضي وصيف 2014",
    ]
    for text in sentences:
        assert _fast_matches(text) == _all_matches(text)
