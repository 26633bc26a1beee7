"""The wordcloud package, made to draw Arabic: a pinned Pillow layout engine, padded words.

The wordcloud package opens its fonts itself with ``ImageFont.truetype(path, size)``,
which picks raqm whenever Pillow has it; drawing reshaped text that way reverses it twice
(see ``dashboard.charts.shaping``). :class:`ArabicWordCloud` pins the layout engine of
every font the package opens while it computes its layout or draws, and pads every word
so that two words never read as one phrase.

Pinning swaps a module-level name of the wordcloud package, under a lock
(:data:`_PIN_LOCK`): concurrent renders (Streamlit sessions) run one at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import wordcloud.wordcloud as _wc_module
from PIL import Image, ImageDraw, ImageFont
from wordcloud import WordCloud

# Space kept around each word, as a fraction of its font size. wordcloud's own margin is a
# fixed number of pixels: 4 px between 200 px words makes two Arabic words read as one
# phrase (or as one word, when an alef ends one and the next begins right beside it).
WORD_PADDING = 0.1


def padding_for(font_size: float) -> int:
    """Pixels kept free around a word drawn at ``font_size``."""
    return max(3, round(font_size * WORD_PADDING))


class _PaddedFont(ImageFont.TransposedFont):
    """A TransposedFont (what wordcloud measures and draws with) with room around the ink.

    ``getbbox`` reports the ink box grown by ``pad`` on every side and ``getmask`` returns the
    ink centred in that box, so the space wordcloud reserves for a word keeps ``pad`` pixels
    from its neighbours on all four sides.
    """

    def __init__(self, font, orientation=None, scale: int = 1) -> None:
        super().__init__(font, orientation=orientation)
        # Drawn ``scale`` times larger than laid out: the padding the layout kept, scaled.
        self.pad = scale * padding_for(font.size / scale)

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


# The wordcloud package looks up ``ImageFont`` in its own module namespace each time it opens
# a font. While one of our word clouds computes its layout or draws, that name points at a
# _PinnedImageFont; the lock makes sure only one thread at a time swaps it (Streamlit runs
# sessions in threads) and the original is always put back (finally). Re-entrant because
# WordCloud.generate_from_frequencies calls itself to find the largest font size.
_PIN_LOCK = threading.RLock()


class _PinnedImageFont:
    """Stands in for ``PIL.ImageFont`` inside ``wordcloud.wordcloud``.

    ``truetype`` opens fonts with a fixed layout engine (and reuses them: wordcloud reopens
    the same font for every size it tries); ``TransposedFont`` pads words (_PaddedFont),
    by the padding of the laid-out size when drawing ``scale`` times larger;
    everything else is PIL.ImageFont's.
    """

    def __init__(self, engine: ImageFont.Layout, scale: int = 1) -> None:
        self._engine = engine
        self._scale = scale
        self._fonts: dict[tuple, ImageFont.FreeTypeFont] = {}

    def TransposedFont(self, font, orientation=None) -> _PaddedFont:
        return _PaddedFont(font, orientation=orientation, scale=self._scale)

    def truetype(self, font=None, size: float = 10, index: int = 0, encoding: str = "", **_):
        key = (font, size, index, encoding)
        if key not in self._fonts:
            self._fonts[key] = ImageFont.truetype(
                font, size, index, encoding, layout_engine=self._engine
            )
        return self._fonts[key]

    def __getattr__(self, name: str) -> Any:
        return getattr(ImageFont, name)


@contextmanager
def _pinned_layout(engine: ImageFont.Layout, scale: int = 1) -> Iterator[None]:
    """Within the block, every font the wordcloud package opens uses ``engine`` (and pads
    words as laid out at 1/``scale`` of their size)."""
    with _PIN_LOCK:
        original = _wc_module.ImageFont
        _wc_module.ImageFont = _PinnedImageFont(engine, scale)
        try:
            yield
        finally:
            _wc_module.ImageFont = original


class ArabicWordCloud(WordCloud):
    """A WordCloud whose fonts always use ``layout_engine`` (Pillow BASIC or RAQM).

    ``scale`` (WordCloud's own: the layout is computed on the canvas, the image drawn that
    many times larger) must be a whole number here, so that sizes and padding scale exactly.
    """

    def __init__(self, *args, layout_engine: ImageFont.Layout, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.layout_engine = layout_engine

    def generate_from_frequencies(self, frequencies, max_font_size=None):
        with _pinned_layout(self.layout_engine):
            if max_font_size == self.height and 0 < len(frequencies) <= 2:
                max_font_size = self._first_fit(frequencies)
            return super().generate_from_frequencies(frequencies, max_font_size=max_font_size)

    def _first_fit(self, frequencies) -> int:
        """Where wordcloud's first pass (the two heaviest words laid out from font size
        ``height`` down, to choose the largest size) would place its first word: the
        largest of ``height``, ``height - font_step``, … at which that word fits the
        empty canvas; ``height`` when none does.

        wordcloud steps down one size at a time, measuring the word and scanning the
        canvas at each: half of a cloud's layout time went there. An empty canvas holds a
        box exactly when it is smaller than the canvas on both sides (its occupancy query
        then finds a place; a failed query draws no random number), and a word's box
        grows with its size, so a bisection over the same sizes finds the same one, and
        the pass goes on exactly as it would have.
        """
        word = max(frequencies.items(), key=lambda item: item[1])[0]  # sorted() keeps the first
        draw = ImageDraw.Draw(Image.new("L", (self.width, self.height)))

        def fits(size: int) -> bool:
            font = _wc_module.ImageFont.truetype(self.font_path, size)
            box = draw.textbbox(
                (0, 0), word, font=_wc_module.ImageFont.TransposedFont(font), anchor="lt"
            )
            return box[3] + self.margin < self.height and box[2] + self.margin < self.width

        sizes = range(self.height, self.min_font_size - 1, -self.font_step)
        low, high = 0, len(sizes)  # the first fitting index is in [low, high]
        while low < high:
            mid = (low + high) // 2
            if fits(sizes[mid]):
                high = mid
            else:
                low = mid + 1
        return sizes[low] if low < len(sizes) else self.height

    def to_image(self):
        with _pinned_layout(self.layout_engine, int(self.scale)):
            return super().to_image()
