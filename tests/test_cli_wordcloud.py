"""python -m dashboard wordcloud: the image a user gets reads right-to-left, joined,
whether or not the host's Pillow has raqm."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageFont, features

from dashboard.charts import shaping
from dashboard.charts.fonts import arabic_font_path
from dashboard.cli import main
from tests.test_wordcloud import DISSIMILAR, SIMILAR, draw_text, ink, similarity

WORD = "موسكو"


@pytest.fixture
def one_word_corpus(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "one.txt").write_text(f"{WORD}\n", encoding="utf-8")
    return tmp_path / "corpus"


def reference():
    return ink(draw_text(WORD, arabic_font_path(), 64, ImageFont.Layout.RAQM))


def wrong():
    """The letters unjoined and left-to-right: what a broken pipeline draws."""
    return ink(draw_text(" ".join(WORD), arabic_font_path(), 64, ImageFont.Layout.BASIC))


@pytest.mark.skipif(not features.check("raqm"), reason="the reference rendering needs raqm")
@pytest.mark.parametrize("host_has_raqm", [True, False])
def test_cli_word_cloud_of_one_word_reads_correctly(
    one_word_corpus, tmp_path, monkeypatch, host_has_raqm
):
    if not host_has_raqm:
        monkeypatch.setattr(shaping, "raqm_available", lambda: False)
    out = tmp_path / "cloud.png"
    code = main(
        [
            "wordcloud",
            str(one_word_corpus),
            "--out",
            str(out),
            "--width",
            "400",
            "--height",
            "200",
            "--no-cache",
        ]
    )
    assert code == 0
    drawn = ink(Image.open(io.BytesIO(out.read_bytes())))
    assert similarity(drawn, reference()) >= SIMILAR
    assert similarity(wrong(), reference()) <= DISSIMILAR  # the comparison can tell them apart


def test_cli_word_cloud_refuses_a_font_without_arabic(one_word_corpus, tmp_path, capsys):
    not_a_font = tmp_path / "font.ttf"
    not_a_font.write_text("not a font", encoding="utf-8")
    code = main(
        [
            "wordcloud",
            str(one_word_corpus),
            "--out",
            str(tmp_path / "x.png"),
            "--font",
            str(not_a_font),
            "--no-cache",
        ]
    )
    assert code == 1
    assert "font" in capsys.readouterr().err.lower()
    assert not (tmp_path / "x.png").exists()


def test_cli_word_cloud_unknown_actor_is_an_error(one_word_corpus, tmp_path, capsys):
    code = main(
        [
            "wordcloud",
            str(one_word_corpus),
            "--out",
            str(tmp_path / "x.png"),
            "--actor",
            "per-nobody",
            "--no-cache",
        ]
    )
    assert code == 2
    assert "per-nobody" in capsys.readouterr().err
