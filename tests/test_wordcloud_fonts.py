"""Choosing and checking the font the word cloud draws Arabic with."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from PIL import features

from dashboard.charts import fonts, shaping
from dashboard.charts.fonts import (
    ARABIC_LETTERS,
    DEJAVU_SANS,
    PRESENTATION_FORMS,
    FontError,
    arabic_font_path,
    font_coverage,
)
from dashboard.charts.shaping import resolve_layout, visual_form
from dashboard.charts.wordcloud import render_wordcloud

HAVE_RAQM = features.check("raqm")
ASCII = list(range(0x20, 0x7F))


def build_font(path: Path, codepoints: list[int]) -> Path:
    """A TrueType font whose glyph for each of ``codepoints`` is a filled box."""
    builder = FontBuilder(1000, isTTF=True)
    names = [".notdef"] + [f"uni{c:04X}" for c in codepoints]
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({c: f"uni{c:04X}" for c in codepoints})
    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((100, 700))
    pen.lineTo((500, 700))
    pen.lineTo((500, 0))
    pen.closePath()
    box = pen.glyph()
    builder.setupGlyf(dict.fromkeys(names, box))
    builder.setupHorizontalMetrics(dict.fromkeys(names, (600, 100)))
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Boxes", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))
    return path


@pytest.fixture
def latin_only_font(tmp_path):
    return build_font(tmp_path / "latin.ttf", ASCII)


@pytest.fixture
def letters_only_font(tmp_path):
    """Arabic letters but none of the presentation forms BASIC layout needs."""
    return build_font(tmp_path / "letters.ttf", ASCII + list(ARABIC_LETTERS))


def test_default_font_is_amiri_with_everything_basic_layout_needs():
    path = arabic_font_path()
    assert Path(path).is_file()
    assert Path(path).name == "Amiri-Bold.ttf"  # fontpkg-amiri is a dependency
    coverage = font_coverage(path)
    assert coverage.arabic and coverage.presentation_forms
    # Every code point BASIC layout will draw for the seed article's words has a glyph.
    with TTFont(path, lazy=True) as font:
        cmap = font.getBestCmap()
    for word in ("موسكو", "الشمالية", "لافروف", "بيونغ يانغ", "حزب الله", "إسرائيل"):
        assert all(ord(c) in cmap for c in visual_form(word)), word


def test_presentation_forms_cover_joining_letters_and_lam_alef():
    for code in (0xFE8D, 0xFE8E, 0xFEE3, 0xFEE4, 0xFEFB, 0xFEFC):  # alef, meem, lam-alef
        assert code in PRESENTATION_FORMS


def test_falls_back_to_dejavu_then_says_what_to_install(monkeypatch):
    monkeypatch.setattr(fonts, "amiri_path", lambda: None)
    if DEJAVU_SANS.is_file():
        assert arabic_font_path() == str(DEJAVU_SANS.resolve())
    monkeypatch.setattr(fonts, "default_font_candidates", lambda: [])
    with pytest.raises(FontError, match="fontpkg-amiri"):
        arabic_font_path()


def test_a_missing_font_file_is_reported(tmp_path):
    missing = tmp_path / "nowhere.ttf"
    with pytest.raises(FontError, match="not found") as error:
        arabic_font_path(missing)
    assert str(missing) in str(error.value)


def test_a_file_that_is_not_a_font_is_reported(tmp_path):
    fake = tmp_path / "fake.ttf"
    fake.write_text("موسكو", encoding="utf-8")
    with pytest.raises(FontError, match="Not a TrueType/OpenType font"):
        arabic_font_path(fake)


def test_a_font_without_arabic_is_refused(latin_only_font):
    with pytest.raises(FontError, match="no Arabic letters"):
        arabic_font_path(latin_only_font)
    with pytest.raises(FontError, match="no Arabic letters"):
        render_wordcloud({"موسكو": 1}, width=200, height=100, font_path=str(latin_only_font))


def test_a_font_without_presentation_forms_needs_raqm(letters_only_font, monkeypatch):
    path = str(letters_only_font)
    with pytest.raises(FontError, match="presentation forms"):
        arabic_font_path(path)
    assert arabic_font_path(path, presentation_forms=False) == str(letters_only_font.resolve())
    with pytest.raises(FontError, match="presentation forms"):
        render_wordcloud({"موسكو": 1}, width=200, height=100, font_path=path, layout="basic")
    if HAVE_RAQM:
        assert resolve_layout("auto", path) == "raqm"
        image = render_wordcloud({"موسكو": 1}, width=200, height=100, font_path=path)
        assert (np.asarray(image.convert("L")) < 128).any()
    monkeypatch.setattr(shaping, "raqm_available", lambda: False)
    with pytest.raises(FontError, match="presentation forms"):
        resolve_layout("auto", path)


def test_a_replaced_font_file_is_read_again(tmp_path):
    path = build_font(tmp_path / "font.ttf", ASCII)
    assert not font_coverage(path).arabic
    build_font(path, ASCII + list(ARABIC_LETTERS) + list(PRESENTATION_FORMS))
    assert font_coverage(path).presentation_forms
