"""Arabic text for Pillow: which layout engine draws it, and the code points each one needs.

Pillow draws Arabic correctly only one of two ways:

* ``"raqm"``: Pillow with libraqm shapes (joins) and orders right-to-left the plain
  logical string itself. Only available where Pillow was built with raqm.
* ``"basic"``: the string is first reshaped into presentation forms (arabic-reshaper) and
  put into visual order (python-bidi's ``get_display``, :func:`visual_form`), then drawn
  with Pillow's BASIC layout, which draws code points as given. Works on every Pillow.

Mixing them breaks the text: reshaped, reversed text given to raqm is reversed a second
time and comes out backwards; plain text drawn with BASIC comes out as unjoined letters
left-to-right. ``"auto"`` uses BASIC whenever the font has the presentation forms (the
same result with or without raqm) and raqm otherwise (:func:`resolve_layout`).
"""

from __future__ import annotations

from typing import Literal

from arabic_reshaper import ArabicReshaper
from bidi import get_display
from PIL import features

from dashboard.charts.fonts import ALLAH_LIGATURE, arabic_font_path, font_coverage

Layout = Literal["auto", "raqm", "basic"]
LAYOUTS: tuple[str, ...] = ("auto", "raqm", "basic")


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
