"""Word colours that stay readable on the chosen background (WCAG contrast)."""

from __future__ import annotations

from collections.abc import Callable

from PIL import ImageColor

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


def _relative_luminance(rgb: tuple[int, ...]) -> float:
    def channel(c: int) -> float:
        c_ = c / 255
        return c_ / 12.92 if c_ <= 0.03928 else ((c_ + 0.055) / 1.055) ** 2.4

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


def color_func(palette: tuple[str, ...]) -> Callable[..., str]:
    """A wordcloud ``color_func`` drawing each word in a colour of ``palette``."""

    def color(word=None, font_size=None, position=None, orientation=None, random_state=None, **_):
        # random_state is the cloud's seeded Random: colours repeat for the same seed.
        return palette[random_state.randrange(len(palette))] if random_state else palette[0]

    return color
