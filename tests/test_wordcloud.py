"""The Arabic word cloud draws joined, right-to-left words, whichever Pillow layout engine draws.

The proof of correct shaping compares each rendered word with a reference drawn by a trusted
shaper (Pillow + raqm given the plain logical string) and checks that deliberately wrong
renderings (unjoined letters, reversed letters, reshaped text given to raqm, a mirror image)
are clearly *not* similar to the reference — so the comparison can fail.
"""

from __future__ import annotations

import io
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import arabic_reshaper
import numpy as np
import pytest
import wordcloud.wordcloud as wc_module
from bidi import get_display
from PIL import Image, ImageDraw, ImageFilter, ImageFont, features

from dashboard.charts import shaping
from dashboard.charts.cloud_engine import ArabicWordCloud
from dashboard.charts.fonts import DEJAVU_SANS, arabic_font_path, font_coverage
from dashboard.charts.palette import DARK_PALETTE, LIGHT_PALETTE, contrast_ratio, palette_for
from dashboard.charts.shaping import resolve_layout, visual_form
from dashboard.charts.wordcloud import (
    EmptyWordCloudError,
    build_wordcloud,
    min_font_size_for,
    render_wordcloud,
    wordcloud_png,
)

HAVE_RAQM = features.check("raqm")
needs_raqm = pytest.mark.skipif(not HAVE_RAQM, reason="Pillow built without libraqm")
BASIC, RAQM = ImageFont.Layout.BASIC, ImageFont.Layout.RAQM
SEED_ARTICLE = Path(__file__).resolve().parent.parent / "seeds" / "000_ca1ffc38c5cd97af.txt"

FONTS = [
    pytest.param(arabic_font_path(), id="default-amiri"),
    pytest.param(
        str(DEJAVU_SANS),
        id="dejavu-sans",
        marks=pytest.mark.skipif(not DEJAVU_SANS.is_file(), reason="fonts-dejavu-core missing"),
    ),
]
# Words from the seed article: plain joins, a lam-alef ligature (لافروف, الولايات).
WORDS = ["موسكو", "الشمالية", "لافروف", "الولايات"]

# Similarity (IoU of ink after scaling to a common box) of a correct rendering to the raqm
# reference is 0.83-0.97 for these words with Amiri and DejaVu Sans; wrong renderings score
# at most ~0.37. (Amiri's own OpenType ligatures, which BASIC layout cannot use, make some
# other words, e.g. بين, differ more from the raqm reference although both are correct.)
SIMILAR = 0.75
DISSIMILAR = 0.45


# --- image helpers ------------------------------------------------------------------------


def ink(image: Image.Image, threshold: int = 160) -> np.ndarray:
    """Boolean mask of the dark pixels, cropped to their bounding box."""
    grey = np.asarray(image.convert("L")) < threshold
    rows, cols = np.nonzero(grey)
    assert rows.size, "nothing was drawn"
    return grey[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]


def draw_text(text: str, font_path: str, size: int, engine: ImageFont.Layout) -> Image.Image:
    """``text`` drawn black on white by Pillow with the given layout engine."""
    font = ImageFont.truetype(font_path, size, layout_engine=engine)
    image = Image.new("L", (size * (len(text) + 2), size * 3), 255)
    ImageDraw.Draw(image).text((size, size // 2), text, font=font, fill=0)
    return image


def similarity(a: np.ndarray, b: np.ndarray, shape: tuple[int, int] = (48, 144)) -> float:
    """IoU of two ink masks after scaling both to ``shape`` (rows, cols)."""

    def scaled(mask: np.ndarray) -> np.ndarray:
        image = Image.fromarray(mask.astype(np.uint8) * 255)
        resized = image.resize((shape[1], shape[0]), Image.Resampling.BILINEAR)
        return np.asarray(resized) >= 128

    a, b = scaled(a), scaled(b)
    return float((a & b).sum() / (a | b).sum())


def components(mask: np.ndarray, min_pixels: int = 4) -> int:
    """Connected ink components (letter bodies, dots, hamzas) of at least ``min_pixels``."""
    image = Image.fromarray(mask.astype(np.uint8) * 255).copy()  # a writable image
    count = 0
    while True:
        remaining = np.argwhere(np.asarray(image) == 255)
        if remaining.size == 0:
            return count
        row, col = remaining[0]
        before = int((np.asarray(image) == 255).sum())
        ImageDraw.floodfill(image, (int(col), int(row)), 128)
        if before - int((np.asarray(image) == 255).sum()) >= min_pixels:
            count += 1


def single_word(word: str, font_path: str, layout: str, scale: int = 1) -> tuple[np.ndarray, int]:
    """The word cloud of one word: its ink and the font size it was drawn at."""
    cloud, placed = build_wordcloud(
        {word: 1}, width=300, height=100, font_path=font_path, layout=layout, scale=scale
    )
    assert [p.word for p in placed] == [word]
    return ink(cloud.to_image()), placed[0].font_size


def seed_words(limit: int) -> dict[str, int]:
    """Distinct words of the seed article (3+ Arabic letters) with their counts, most first."""
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for word in re.findall(r"[\u0621-\u064A]{3,}", text):
        counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return dict(ranked[:limit])


# --- shaping and direction: both engines against a trusted reference ----------------------


@needs_raqm
@pytest.mark.parametrize("font_path", FONTS)
@pytest.mark.parametrize("word", WORDS)
@pytest.mark.parametrize("layout", ["basic", "raqm", "auto"])
def test_word_matches_raqm_reference_and_wrong_renderings_do_not(word, font_path, layout):
    got, size = single_word(word, font_path, layout)
    reference = ink(draw_text(word, font_path, size, RAQM))
    assert similarity(reference, got) >= SIMILAR

    # Built with arabic-reshaper and python-bidi directly, independent of the code under test.
    joined = get_display(arabic_reshaper.reshape(word))
    wrong = {
        "unshaped letters, left to right": draw_text(word, font_path, size, BASIC),
        "unshaped letters, right to left": draw_text(get_display(word), font_path, size, BASIC),
        "joined forms in reversed order": draw_text(joined[::-1], font_path, size, BASIC),
        "reshaped text given to raqm": draw_text(joined, font_path, size, RAQM),
    }
    for what, image in wrong.items():
        assert similarity(reference, ink(image)) <= DISSIMILAR, what
    assert similarity(reference, reference[:, ::-1]) <= DISSIMILAR, "mirror image"


@pytest.mark.parametrize("font_path", FONTS)
@pytest.mark.parametrize("word", ["موسكو", "الشمالية"])
@pytest.mark.parametrize("layout", ["basic", pytest.param("raqm", marks=needs_raqm)])
@pytest.mark.parametrize("scale", [1, 2])
def test_letters_join(word, font_path, layout, scale):
    got, size = single_word(word, font_path, layout, scale)
    isolated = ink(draw_text(get_display(word), font_path, size, BASIC))
    # Joined letters share one body per run of connected letters; isolated letters do not.
    assert components(got) < components(isolated)
    if word == "موسكو":  # no dots: exactly two bodies, مو (waw joins no further) and سكو
        assert components(got) == 2


def test_visual_form_is_joined_presentation_forms_in_visual_order():
    shaped = visual_form("موسكو")
    assert all(0xFB50 <= ord(c) <= 0xFEFF for c in shaped)
    # Drawn left to right: the word's last letter (final waw) first, its first (initial meem) last.
    assert shaped[0] == "\ufeee"
    assert shaped[-1] == "\ufee3"
    assert visual_form("لا") == "\ufefb"  # lam-alef is one ligature
    assert visual_form("بيونغ يانغ").split(" ")[0] == visual_form("يانغ")  # second word on the left


def test_auto_gives_the_same_image_with_and_without_raqm(monkeypatch):
    words = seed_words(25)
    with_host_raqm = wordcloud_png(words, width=360, height=180, seed=3)
    monkeypatch.setattr(shaping, "raqm_available", lambda: False)
    assert resolve_layout("auto", arabic_font_path()) == "basic"
    assert wordcloud_png(words, width=360, height=180, seed=3) == with_host_raqm
    with pytest.raises(ValueError, match="raqm"):
        render_wordcloud(words, width=360, height=180, layout="raqm")


def test_unknown_layout_is_refused():
    with pytest.raises(ValueError, match="layout must be one of"):
        render_wordcloud({"موسكو": 1}, width=200, height=100, layout="harfbuzz")


# --- what the cloud shows -----------------------------------------------------------------


def test_heavier_words_are_drawn_larger():
    weights = {"روسيا": 40, "موسكو": 20, "كييف": 10, "بيونغ يانغ": 5}
    _, placed = build_wordcloud(weights, width=600, height=300)
    size = {p.word: p.font_size for p in placed}
    assert set(size) == set(weights)
    by_weight = sorted(weights, key=weights.get, reverse=True)
    assert [size[w] for w in by_weight] == sorted(size.values(), reverse=True)
    assert size["روسيا"] >= 1.5 * size["بيونغ يانغ"]


def test_equal_weights_get_equal_sizes():
    _, placed = build_wordcloud({"روسيا": 7, "أوكرانيا": 7}, width=600, height=300)
    assert len({p.font_size for p in placed}) == 1


def test_max_words_keeps_the_heaviest():
    words = seed_words(40)
    assert len(words) == 40
    _, placed = build_wordcloud(words, width=500, height=250, max_words=12)
    assert 0 < len(placed) <= 12
    assert {p.word for p in placed} <= set(list(words)[:12])
    _, more = build_wordcloud(words, width=500, height=250, max_words=40)
    assert len(more) > 12


def test_display_forms_are_kept_whole_and_never_reshaped():
    weights = {"بيونغ يانغ": 3, "كوريا الشمالية": 2, "لافروف": 1}
    for layout in ["basic", *(["raqm"] if HAVE_RAQM else [])]:
        _, placed = build_wordcloud(weights, width=500, height=250, layout=layout)
        assert sorted(p.word for p in placed) == sorted(weights)
        assert {p.weight for p in placed} == set(weights.values())


def test_no_word_is_smaller_than_the_readable_minimum():
    words = seed_words(200)
    for scale in (1, 2, 3):
        _, placed = build_wordcloud(words, width=300, height=150, max_words=200, scale=scale)
        assert min(p.font_size for p in placed) >= min_font_size_for(300, 150) >= 12
        assert len(placed) < len(words)  # words that no longer fit are left out, not shrunk


@pytest.mark.parametrize("scale", [1, 2])
@pytest.mark.parametrize("layout", ["basic", pytest.param("raqm", marks=needs_raqm)])
def test_words_do_not_touch_and_boxes_locate_the_ink(layout, scale):
    """Also when laid out on a smaller canvas and drawn ``scale`` times larger (the words
    page's cloud): the boxes are the image's, the words still apart."""
    font_path = arabic_font_path()
    cloud, placed = build_wordcloud(
        seed_words(30), width=480, height=240, layout=layout, seed=1, scale=scale
    )
    assert cloud.to_image().size == (480, 240)
    engine = BASIC if layout == "basic" else RAQM
    allah = font_coverage(font_path).allah_ligature
    masks = []
    for p in placed:
        text = visual_form(p.word, allah_ligature=allah) if layout == "basic" else p.word
        font = ImageFont.TransposedFont(
            ImageFont.truetype(font_path, p.font_size, layout_engine=engine)
        )
        alone = Image.new("L", (480, 240), 0)
        ImageDraw.Draw(alone).text(p.box[:2], text, font=font, fill=255)
        mask = np.asarray(alone) >= 96
        left, top, width, height = p.box
        assert not mask.sum() - mask[top : top + height, left : left + width].sum(), p.word
        masks.append(mask)
    # Each word, grown by one pixel, shares no pixel with any other word.
    grown = [
        np.asarray(Image.fromarray(m.astype(np.uint8) * 255).filter(ImageFilter.MaxFilter(3))) > 0
        for m in masks
    ]
    for i in range(len(masks)):
        for j in range(i + 1, len(masks)):
            assert not (grown[i] & masks[j]).any(), (placed[i].word, placed[j].word)
    # Together they are exactly what the cloud drew.
    drawn = np.asarray(cloud.to_image().convert("L")) < 200
    union = np.logical_or.reduce(masks)
    assert (drawn & union).sum() / (drawn | union).sum() > 0.95


def test_empty_or_weightless_input_gives_a_message_for_the_user():
    for frequencies in ({}, {"": 3, "  ": 2, "موسكو": 0, "روسيا": float("nan"), "كييف": -1}):
        with pytest.raises(EmptyWordCloudError, match="No words to draw") as error:
            render_wordcloud(frequencies, width=200, height=100)
        assert isinstance(error.value, ValueError)


def test_too_small_canvas_gives_a_message_and_restores_pillow():
    for words in ({"الاستخبارات": 1}, {"الاستخبارات": 2, "الاستراتيجية": 1}):
        with pytest.raises(EmptyWordCloudError, match="do not fit"):
            render_wordcloud(words, width=50, height=50)
    assert wc_module.ImageFont is ImageFont


def test_same_seed_same_image_other_seed_other_image():
    words = seed_words(30)
    first = wordcloud_png(words, width=360, height=180, seed=7)
    assert wordcloud_png(words, width=360, height=180, seed=7) == first
    assert wordcloud_png(words, width=360, height=180, seed=8) != first


def test_colours_are_readable_on_the_background():
    assert all(contrast_ratio(c, "white") >= 4.5 for c in DARK_PALETTE)
    assert all(contrast_ratio(c, "black") >= 4.5 for c in LIGHT_PALETTE)
    for background in ("white", "#f0f2f6", "#0e1117", "black", "#808080"):
        assert all(contrast_ratio(c, background) >= 4.5 for c in palette_for(background))
    image = render_wordcloud(seed_words(20), width=360, height=180)
    colours = {
        rgb for count, rgb in image.getcolors(360 * 180) if count > 40 and rgb != (255, 255, 255)
    }
    solid = {Image.new("RGB", (1, 1), c).getpixel((0, 0)) for c in DARK_PALETTE}
    assert colours & solid  # words are drawn in the palette's colours


def test_png_bytes_and_transparent_background():
    data = wordcloud_png({"موسكو": 2, "روسيا": 1}, width=240, height=120)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data))
    assert image.size == (240, 120)
    clear = render_wordcloud({"موسكو": 2, "روسيا": 1}, width=240, height=120, background=None)
    assert clear.mode == "RGBA"
    assert clear.getpixel((0, 0))[3] == 0


@pytest.mark.skipif(not HAVE_RAQM, reason="needs both engines")
def test_concurrent_renders_do_not_mix_engines():
    words = seed_words(12)
    jobs = [("basic", 1), ("raqm", 1), ("basic", 2), ("raqm", 2)] * 2
    expected = {
        job: wordcloud_png(words, width=240, height=120, layout=job[0], seed=job[1])
        for job in set(jobs)
    }
    start_together = threading.Barrier(4)  # four at a time, so renders really overlap

    def render(job):
        start_together.wait(timeout=60)
        return job, wordcloud_png(words, width=240, height=120, layout=job[0], seed=job[1])

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(render, jobs))
    for job, png in results:
        assert png == expected[job], job
    assert wc_module.ImageFont is ImageFont


@pytest.mark.parametrize(
    "words",
    [
        pytest.param(None, id="seed-article"),
        pytest.param({"الولايات المتحدة الأمريكية": 10, "روسيا": 8, "مصر": 3}, id="long-first"),
        pytest.param({"لافروف": 4, "موسكو": 4, "الشمالية": 4}, id="equal-weights"),
    ],
)
@pytest.mark.parametrize("width,height,scale", [(600, 300, 2), (360, 500, 1)])
def test_the_first_size_is_the_one_wordcloud_steps_down_to(
    monkeypatch, words, width, height, scale
):
    """wordcloud picks its largest size by laying out the two heaviest words from the canvas
    height down, one size at a time; the cloud bisects those sizes for the first word: the
    same sizes, positions and image."""
    words = words or seed_words(40)
    options = {"width": width, "height": height, "scale": scale}
    fast, fast_png = build_wordcloud(words, **options), wordcloud_png(words, **options)
    monkeypatch.setattr(ArabicWordCloud, "_first_fit", lambda self, frequencies: self.height)
    stepped = build_wordcloud(words, **options)
    assert fast[0].layout_ == stepped[0].layout_
    assert fast[1] == stepped[1]
    assert fast_png == wordcloud_png(words, **options)
