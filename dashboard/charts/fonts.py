"""Which font the word cloud draws Arabic with, and whether a font can draw it at all.

Pillow draws Arabic in one of two ways (see ``dashboard.charts.wordcloud``): with raqm it
shapes the plain letters itself; without it (Pillow's BASIC layout) it draws exactly the
code points it is given, so the text must first be turned into *presentation forms*
(U+FE70..U+FEFC: each letter's isolated/initial/medial/final glyph, lam-alef ligatures)
by arabic-reshaper. A font is therefore checked for both: the Arabic letters (U+0621..U+064A)
and the presentation forms arabic-reshaper emits for them.

Default font: Amiri Bold from the ``fontpkg-amiri`` PyPI package (full Arabic and
presentation-form coverage; bold reads better at word-cloud sizes), else DejaVu Sans
(Debian ``fonts-dejavu-core``), else a :class:`FontError` saying what to install.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from arabic_reshaper.letters import FINAL, INITIAL, ISOLATED, LETTERS_ARABIC, MEDIAL
from arabic_reshaper.ligatures import LIGATURES

DEJAVU_SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# First bytes of the font formats FreeType (and so Pillow) opens as TrueType/OpenType.
_FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf")

# The plain Arabic letters every Arabic news text uses (hamza .. yeh).
ARABIC_LETTERS = tuple(range(0x0621, 0x063B)) + tuple(range(0x0641, 0x064B))

# Ligatures arabic-reshaper's default configuration produces (lam-alef family, Allah).
_REQUIRED_LIGATURES = (
    "ARABIC LIGATURE LAM WITH ALEF",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
    "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
)
ALLAH_LIGATURE = "ARABIC LIGATURE ALLAH"


class FontError(ValueError):
    """A font cannot be used to draw Arabic; the message says why, in plain words."""


def _presentation_forms() -> tuple[int, ...]:
    """Every presentation-form code point arabic-reshaper can emit for ARABIC_LETTERS."""
    forms: set[int] = set()
    for letter in ARABIC_LETTERS:
        positional = LETTERS_ARABIC.get(chr(letter))
        if positional is None:
            continue
        for position in (ISOLATED, INITIAL, MEDIAL, FINAL):
            glyph = positional[position]
            # Letters without that position have '' ; letters whose isolated form *is* the
            # plain letter (tatweel-like cases) map back into the Arabic block: skip those.
            if glyph and 0xFB50 <= ord(glyph) <= 0xFEFF:
                forms.add(ord(glyph))
    for name, (_, ligature_forms) in LIGATURES:
        if name in _REQUIRED_LIGATURES:
            forms.update(ord(g) for g in ligature_forms if g)
    return tuple(sorted(forms))


PRESENTATION_FORMS = _presentation_forms()
_ALLAH_FORMS = tuple(
    ord(g) for name, (_, forms) in LIGATURES if name == ALLAH_LIGATURE for g in forms if g
)


@dataclass(frozen=True)
class FontCoverage:
    """What a font file can draw.

    ``missing_letters`` / ``missing_forms``: code points of ARABIC_LETTERS /
    PRESENTATION_FORMS the font has no glyph for. ``allah_ligature``: whether it has
    U+FDF2 (arabic-reshaper only emits it when the font has it).
    """

    path: str
    missing_letters: tuple[int, ...]
    missing_forms: tuple[int, ...]
    allah_ligature: bool

    @property
    def arabic(self) -> bool:
        """The font has every plain Arabic letter (enough for raqm, which shapes itself)."""
        return not self.missing_letters

    @property
    def presentation_forms(self) -> bool:
        """The font has every presentation form (needed for Pillow's BASIC layout)."""
        return not self.missing_forms


def font_coverage(path: str | os.PathLike[str]) -> FontCoverage:
    """Read the cmap of the TrueType/OpenType font at ``path``.

    Raises :class:`FontError` when the file is missing or is not a TrueType/OpenType font.
    """
    resolved = Path(path).expanduser()
    if not resolved.is_file():
        raise FontError(f"Font file not found: {resolved}")
    stat = resolved.stat()
    return _coverage(str(resolved.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _coverage(path: str, _mtime_ns: int, _size: int) -> FontCoverage:
    # mtime and size are part of the cache key so a replaced file is read again.
    with open(path, "rb") as handle:
        magic = handle.read(4)
    if magic not in _FONT_MAGIC:
        raise FontError(f"Not a TrueType/OpenType font (.ttf/.otf/.ttc): {path}")
    # fontTools comes with matplotlib, which the wordcloud package requires.
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            cmap = font.getBestCmap() or {}
    except (TTLibError, KeyError, OSError, ValueError, AssertionError) as exc:
        raise FontError(f"Cannot read the font {path}: {exc}") from exc
    return FontCoverage(
        path=path,
        missing_letters=tuple(c for c in ARABIC_LETTERS if c not in cmap),
        missing_forms=tuple(c for c in PRESENTATION_FORMS if c not in cmap),
        allah_ligature=all(c in cmap for c in _ALLAH_FORMS),
    )


def amiri_path() -> Path | None:
    """Amiri Bold from the ``fontpkg-amiri`` package, or None when it is not installed."""
    try:
        import fontpkg

        candidate = Path(fontpkg.path("Amiri", weight=700))
    except Exception:  # any failure (not installed, registry error) means "not available"
        try:
            import fontpkg_amiri
        except ImportError:
            return None
        candidate = Path(fontpkg_amiri.ROOT) / "files" / "Amiri-Bold.ttf"
    return candidate if candidate.is_file() else None


def default_font_candidates() -> list[Path]:
    """Fonts tried, in order, when the user names none."""
    amiri = amiri_path()
    return [p for p in (amiri, DEJAVU_SANS) if p is not None]


def describe_missing(codepoints: tuple[int, ...], limit: int = 6) -> str:
    """``'U+0627 ا, U+FE8D ﺍ, ...'`` for an error message."""
    shown = ", ".join(f"U+{c:04X} {chr(c)}" for c in codepoints[:limit])
    more = len(codepoints) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def check_arabic_font(path: str | os.PathLike[str], *, presentation_forms: bool = True) -> str:
    """Return ``path`` (resolved, as str) if it can draw Arabic, else raise :class:`FontError`.

    ``presentation_forms=False`` only asks for the plain letters (enough when raqm shapes).
    """
    coverage = font_coverage(path)
    if not coverage.arabic:
        raise FontError(
            f"The font {coverage.path} has no Arabic letters "
            f"(missing {describe_missing(coverage.missing_letters)}). "
            "Choose a font with Arabic, e.g. Amiri or DejaVu Sans."
        )
    if presentation_forms and not coverage.presentation_forms:
        raise FontError(
            f"The font {coverage.path} lacks the Arabic presentation forms needed to draw "
            f"joined letters without raqm (missing {describe_missing(coverage.missing_forms)}). "
            "Choose a font such as Amiri or DejaVu Sans, or install libraqm."
        )
    return coverage.path


def arabic_font_path(
    preferred: str | os.PathLike[str] | None = None, *, presentation_forms: bool = True
) -> str:
    """The font file to draw Arabic with.

    ``preferred`` (e.g. the CLI's ``--font``) is checked and returned, or rejected with a
    :class:`FontError` — a bad user choice is reported, never silently replaced. Without it:
    Amiri Bold, else DejaVu Sans, else :class:`FontError` naming what to install.
    ``presentation_forms``: require the glyphs Pillow's BASIC layout needs (default).
    """
    if preferred is not None and str(preferred).strip():
        return check_arabic_font(preferred, presentation_forms=presentation_forms)
    problems = []
    for candidate in default_font_candidates():
        try:
            return check_arabic_font(candidate, presentation_forms=presentation_forms)
        except FontError as exc:
            problems.append(str(exc))
    detail = (" " + " ".join(problems)) if problems else ""
    raise FontError(
        "No font that can draw Arabic was found. Install the Python package fontpkg-amiri "
        "(pip install fontpkg-amiri) or the Debian package fonts-dejavu-core, or pass a "
        f"font file.{detail}"
    )
