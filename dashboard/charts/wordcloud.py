"""The Arabic word cloud: joined, right-to-left words drawn by Pillow via the wordcloud package.

In: ``frequencies`` maps a word's *display form* (plain logical Arabic, as a user reads it)
to its weight (e.g. a count). Out: a ``PIL.Image.Image`` (:func:`render_wordcloud`) or PNG
bytes (:func:`wordcloud_png`).

Why this module exists: Pillow draws Arabic correctly only one of two ways.

* ``layout="raqm"``: Pillow with libraqm shapes (joins) and orders right-to-left the plain
  logical string itself. Only available where Pillow was built with raqm.
* ``layout="basic"``: the string is first reshaped into presentation forms
  (arabic-reshaper) and put into visual order (python-bidi's ``get_display``), then drawn
  with Pillow's BASIC layout, which draws code points as given. Works on every Pillow.

Mixing them breaks the text: reshaped, reversed text given to raqm is reversed a second time
and comes out backwards; plain text drawn with BASIC comes out as unjoined letters
left-to-right. The wordcloud package opens its fonts itself with
``ImageFont.truetype(path, size)``, which picks raqm whenever Pillow has it, so the layout
engine of every font it opens is pinned for the duration of our calls (see
:func:`_pinned_layout`). ``layout="auto"`` (default) uses BASIC whenever the font has the
presentation forms — the same result with or without raqm — and raqm otherwise.

Nothing reshaped is handed out as text: ``PlacedWord.word`` is the display form. Rendering
holds a lock (see :data:`_PIN_LOCK`), so concurrent renders (Streamlit sessions) run one at a
time; a 1200×600 cloud of 150 words takes about a second.
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

import wordcloud.wordcloud as _wc_module
from arabic_reshaper import ArabicReshaper
from bidi import get_display
from PIL import Image, ImageColor, ImageFont, features
from wordcloud import WordCloud

from dashboard.charts.fonts import ALLAH_LIGATURE, FontError, arabic_font_path, font_coverage

Layout = Literal["auto", "raqm", "basic"]
LAYOUTS: tuple[str, ...] = ("auto", "raqm", "basic")

# Colours for words on a light background: each has a contrast ratio of at least 4.5:1
# against white (WCAG AA for text), and they are distinct hues so neighbours separate.
DARK_PALETTE: tuple[str, ...] = (
    "#1f4e79",  # dark blue
    "#a1262b",  # brick red
    "#2e6b30",  # forest green
    "#6a3d9a",  # purple
    "#8a4f00",  # brown
    "#00606b",  # dark teal
    "#b0306a",  # raspberry
    "#3c3c3c",  # charcoal
)
# The same idea for a dark background (at least 4.5:1 against black).
LIGHT_PALETTE: tuple[str, ...] = (
    "#8cc4f2",
    "#f59a9d",
    "#93d696",
    "#c9a8f0",
    "#f2c078",
    "#7fd6df",
    "#f4a3c8",
    "#e0e0e0",
)


class EmptyWordCloudError(ValueError):
    """There is nothing to draw; the message is meant to be shown to the user as is."""


def raqm_available() -> bool:
    """Whether this Pillow can shape text itself (built with libraqm)."""
    return bool(features.check("raqm"))


def resolve_layout(layout: str, font_path: str) -> Literal["raqm", "basic"]:
    """The engine actually used for ``layout`` with the font at ``font_path``.

    ``auto``: BASIC when the font has the presentation forms (identical output on hosts with
    and without raqm), else raqm if Pillow has it. Raises :class:`FontError` when the font
    cannot draw Arabic with any available engine, ``ValueError`` for an unknown layout or
    ``layout="raqm"`` on a Pillow without raqm.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, got {layout!r}")
    coverage = font_coverage(font_path)
    if layout == "raqm":
        if not raqm_available():
            raise ValueError(
                'layout="raqm" needs Pillow built with libraqm; use layout="basic" or "auto"'
            )
        return "raqm"
    if layout == "basic" or coverage.presentation_forms or not raqm_available():
        # Fails with a clear message when BASIC is the only option and the font lacks forms.
        arabic_font_path(font_path, presentation_forms=True)
        return "basic"
    return "raqm"


def _reshaper(allah_ligature: bool) -> ArabicReshaper:
    # An explicit configuration so an environment-wide arabic-reshaper config file cannot
    # change what we draw; lam-alef ligatures are mandatory in Arabic, the Allah ligature is
    # used only when the font has its glyph. Tashkeel is dropped: BASIC layout cannot place
    # marks over their letters (display forms come without it anyway).
    return ArabicReshaper(
        configuration={
            "delete_harakat": True,
            "shift_harakat_position": False,
            "support_ligatures": True,
            ALLAH_LIGATURE: allah_ligature,
        }
    )


_RESHAPERS = {flag: _reshaper(flag) for flag in (False, True)}


def visual_form(word: str, *, allah_ligature: bool = True) -> str:
    """``word`` (logical order) as the code points Pillow's BASIC layout must draw.

    Joined presentation forms (arabic-reshaper) in left-to-right visual order (bidi).
    """
    return get_display(_RESHAPERS[allah_ligature].reshape(word))


# --- how the wordcloud package measures and draws words ----------------------------------

# Space kept around each word, as a fraction of its font size. wordcloud's own margin is a
# fixed number of pixels: 4 px between 200 px words makes two Arabic words read as one
# phrase (or as one word, when an alef ends one and the next begins right beside it).
WORD_PADDING = 0.1


class _PaddedFont(ImageFont.TransposedFont):
    """A TransposedFont (what wordcloud measures and draws with) with room around the ink.

    ``getbbox`` reports the ink box grown by ``pad`` on every side and ``getmask`` returns the
    ink centred in that box, so the space wordcloud reserves for a word keeps ``pad`` pixels
    from its neighbours on all four sides.
    """

    def __init__(self, font, orientation=None) -> None:
        super().__init__(font, orientation=orientation)
        self.pad = padding_for(font.size)

    def getbbox(self, text, *args, **kwargs):
        left, top, right, bottom = super().getbbox(text, *args, **kwargs)
        return left, top, right + 2 * self.pad, bottom + 2 * self.pad

    def getmask(self, text, mode="", *args, **kwargs):
        mask = super().getmask(text, mode, *args, **kwargs)
        width, height = mask.size
        pad = self.pad
        # getmask returns Pillow's core image (what ImageDraw.text draws), so the padded copy is
        # made at that level too.
        padded = Image.core.fill(mask.mode, (width + 2 * pad, height + 2 * pad), 0)
        padded.paste(mask, (pad, pad, pad + width, pad + height))
        return padded


def padding_for(font_size: float) -> int:
    """Pixels kept free around a word drawn at ``font_size``."""
    return max(3, round(font_size * WORD_PADDING))


# The wordcloud package looks up ``ImageFont`` in its own module namespace each time it opens
# a font. While one of our word clouds computes its layout or draws, that name points at a
# _PinnedImageFont; the lock makes sure only one thread at a time swaps it (Streamlit runs
# sessions in threads) and the original is always put back (finally). Re-entrant because
# WordCloud.generate_from_frequencies calls itself to find the largest font size.
_PIN_LOCK = threading.RLock()


class _PinnedImageFont:
    """Stands in for ``PIL.ImageFont`` inside ``wordcloud.wordcloud``.

    ``truetype`` opens fonts with a fixed layout engine (and reuses them: wordcloud reopens
    the same font for every size it tries); ``TransposedFont`` pads words (_PaddedFont);
    everything else is PIL.ImageFont's.
    """

    TransposedFont = _PaddedFont

    def __init__(self, engine: ImageFont.Layout) -> None:
        self._engine = engine
        self._fonts: dict[tuple, ImageFont.FreeTypeFont] = {}

    def truetype(self, font=None, size: float = 10, index: int = 0, encoding: str = "", **_):
        key = (font, size, index, encoding)
        if key not in self._fonts:
            self._fonts[key] = ImageFont.truetype(
                font, size, index, encoding, layout_engine=self._engine
            )
        return self._fonts[key]

    def __getattr__(self, name: str):
        return getattr(ImageFont, name)


@contextmanager
def _pinned_layout(engine: ImageFont.Layout) -> Iterator[None]:
    """Within the block, every font the wordcloud package opens uses ``engine``."""
    with _PIN_LOCK:
        original = _wc_module.ImageFont
        _wc_module.ImageFont = _PinnedImageFont(engine)
        try:
            yield
        finally:
            _wc_module.ImageFont = original


class ArabicWordCloud(WordCloud):
    """A WordCloud whose fonts always use ``layout_engine`` (Pillow BASIC or RAQM)."""

    def __init__(self, *args, layout_engine: ImageFont.Layout, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.layout_engine = layout_engine

    def generate_from_frequencies(self, frequencies, max_font_size=None):
        with _pinned_layout(self.layout_engine):
            return super().generate_from_frequencies(frequencies, max_font_size=max_font_size)

    def to_image(self):
        with _pinned_layout(self.layout_engine):
            return super().to_image()


# --- colours ----------------------------------------------------------------------------


def _relative_luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str | tuple, b: str | tuple) -> float:
    """WCAG contrast ratio of two colours (1 = identical .. 21 = black on white)."""
    la, lb = (
        _relative_luminance(ImageColor.getrgb(c) if isinstance(c, str) else c) for c in (a, b)
    )
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def palette_for(background: str | None) -> tuple[str, ...]:
    """Word colours readable on ``background`` (None = transparent, treated as light)."""
    if background is None:
        return DARK_PALETTE
    on_dark = _relative_luminance(ImageColor.getrgb(background)) < 0.18
    palette = LIGHT_PALETTE if on_dark else DARK_PALETTE
    readable = tuple(c for c in palette if contrast_ratio(c, background) >= 4.5)
    if readable:
        return readable
    # A mid-tone background none of the palette reads on: black or white, whichever is stronger.
    return ("#000000",) if contrast_ratio("#000000", background) >= 4.5 else ("#ffffff",)


def _color_func(palette: tuple[str, ...]):
    def color(word=None, font_size=None, position=None, orientation=None, random_state=None, **_):
        # random_state is the cloud's seeded Random: colours repeat for the same seed.
        return palette[random_state.randrange(len(palette))] if random_state else palette[0]

    return color


# --- the word cloud -----------------------------------------------------------------------


@dataclass(frozen=True)
class PlacedWord:
    """One word as drawn: display form, weight given, font size (px), box (left, top, w, h)."""

    word: str
    weight: float
    font_size: int
    box: tuple[int, int, int, int]
    color: str
    vertical: bool


def _clean_frequencies(frequencies: Mapping[str, float]) -> dict[str, float]:
    """Drop blank words and non-positive / non-finite weights; strip surrounding spaces."""
    cleaned: dict[str, float] = {}
    for word, weight in frequencies.items():
        if not isinstance(word, str) or not word.strip():
            continue
        try:
            value = float(weight)
        except (TypeError, ValueError):
            continue
        if not math.isfinite(value) or value <= 0:
            continue
        key = word.strip()
        cleaned[key] = cleaned.get(key, 0.0) + value
    return cleaned


_TOO_SMALL = (
    "The words do not fit in a {width}×{height} pixel word cloud at a readable size; "
    "make it larger."
)


def min_font_size_for(width: int, height: int) -> int:
    """Smallest font size (px) drawn: smaller Arabic is unreadable (dots and marks merge)."""
    return max(12, round(min(width, height) / 40))


def build_wordcloud(
    frequencies: Mapping[str, float],
    *,
    width: int = 1200,
    height: int = 600,
    font_path: str | None = None,
    layout: Layout = "auto",
    max_words: int = 150,
    background: str | None = "white",
    seed: int = 0,
) -> tuple[ArabicWordCloud, list[PlacedWord]]:
    """Lay out the word cloud; returns the WordCloud (call ``.to_image()``) and what was placed.

    See :func:`render_wordcloud` for the arguments. ``PlacedWord.word`` is the display form
    (never the reshaped string). Words that do not fit at the minimum font size are left out.
    """
    if width < 50 or height < 50:
        raise ValueError(f"The word cloud needs at least 50×50 pixels, got {width}×{height}")
    if max_words < 1:
        raise ValueError(f"max_words must be at least 1, got {max_words}")
    words = _clean_frequencies(frequencies)
    if not words:
        raise EmptyWordCloudError(
            "No words to draw: the selection has no countable words. "
            "Widen the filters or load more articles."
        )
    font = arabic_font_path(font_path, presentation_forms=False)
    engine = resolve_layout(layout, font)
    # The most frequent words first; ties broken by the word so the result is deterministic.
    ranked = sorted(words.items(), key=lambda item: (-item[1], item[0]))[:max_words]

    if engine == "basic":
        allah = font_coverage(font).allah_ligature
        drawn: dict[str, float] = {}
        display_of: dict[str, str] = {}
        for word, weight in ranked:
            visual = visual_form(word, allah_ligature=allah)
            # Two display forms that draw identically are one word on screen.
            drawn[visual] = drawn.get(visual, 0.0) + weight
            display_of.setdefault(visual, word)
        pil_engine = ImageFont.Layout.BASIC
    else:
        drawn = dict(ranked)
        display_of = {word: word for word in drawn}
        pil_engine = ImageFont.Layout.RAQM

    cloud = ArabicWordCloud(
        font_path=font,
        width=width,
        height=height,
        margin=2,
        max_words=max_words,
        min_font_size=min_font_size_for(width, height),
        font_step=2,
        random_state=seed,
        background_color=background,
        mode="RGB" if background is not None else "RGBA",
        color_func=_color_func(palette_for(background)),
        # Arabic turned on its side is hard to read: all words horizontal.
        prefer_horizontal=1.0,
        collocations=False,
        normalize_plurals=False,
        repeat=False,
        layout_engine=pil_engine,
    )
    try:
        cloud.generate_from_frequencies(drawn)
    except ValueError as exc:  # wordcloud: "Couldn't find space to draw."
        raise EmptyWordCloudError(_TOO_SMALL.format(width=width, height=height)) from exc
    if not cloud.layout_:
        raise EmptyWordCloudError(_TOO_SMALL.format(width=width, height=height))
    placed = []
    for (visual, _rel), size, (row, col), orientation, color in cloud.layout_:
        # wordcloud draws the ink's box (padded) with its top-left corner at (col, row).
        ink_font = ImageFont.truetype(font, size, layout_engine=pil_engine)
        left, top, right, bottom = ink_font.getbbox(visual)
        pad = padding_for(size)
        placed.append(
            PlacedWord(
                word=display_of[visual],
                weight=drawn[visual],
                font_size=int(size),
                box=(int(col) + pad, int(row) + pad, int(right - left), int(bottom - top)),
                color=color,
                vertical=orientation is not None,
            )
        )
    return cloud, placed


def render_wordcloud(
    frequencies: Mapping[str, float],
    *,
    width: int = 1200,
    height: int = 600,
    font_path: str | None = None,
    layout: Layout = "auto",
    max_words: int = 150,
    background: str | None = "white",
    seed: int = 0,
) -> Image.Image:
    """Draw the word cloud of ``frequencies`` (display form → weight) as an image.

    - ``width``, ``height``: canvas in pixels.
    - ``font_path``: a TrueType/OpenType font with Arabic; None = Amiri Bold, else DejaVu Sans
      (:func:`dashboard.charts.fonts.arabic_font_path`). A bad font raises ``FontError``.
    - ``layout``: ``"auto"`` (reshape + BASIC when the font allows, so the result is the same
      with or without raqm), ``"basic"`` (always reshape + BASIC), ``"raqm"`` (plain text,
      Pillow's raqm shapes it; ValueError where Pillow lacks raqm).
    - ``max_words``: at most this many words, the heaviest first.
    - ``background``: a colour name/hex, or None for a transparent RGBA image; word colours
      are chosen to be readable on it.
    - ``seed``: the same inputs and seed give the same image.

    Font size grows with weight; words that no longer fit at a readable size are dropped.
    Raises :class:`EmptyWordCloudError` (a ValueError whose message can be shown to a user)
    when no word has a positive weight.
    """
    cloud, _ = build_wordcloud(
        frequencies,
        width=width,
        height=height,
        font_path=font_path,
        layout=layout,
        max_words=max_words,
        background=background,
        seed=seed,
    )
    return cloud.to_image()


def wordcloud_png(frequencies: Mapping[str, float], **options) -> bytes:
    """:func:`render_wordcloud` encoded as PNG bytes (same keyword arguments)."""
    image = render_wordcloud(frequencies, **options)
    buffer = io.BytesIO()
    # Not optimize=True: it tries every filter for ~2% fewer bytes and costs ~0.3 s per cloud.
    image.save(buffer, format="PNG")
    return buffer.getvalue()


__all__ = [
    "DARK_PALETTE",
    "LAYOUTS",
    "LIGHT_PALETTE",
    "ArabicWordCloud",
    "EmptyWordCloudError",
    "FontError",
    "PlacedWord",
    "build_wordcloud",
    "contrast_ratio",
    "palette_for",
    "raqm_available",
    "render_wordcloud",
    "resolve_layout",
    "visual_form",
    "wordcloud_png",
]
