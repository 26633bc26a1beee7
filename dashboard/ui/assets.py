"""Files the browser loads from the app's static folder (``dashboard/static/``).

The Amiri font is committed there (OFL, see ``dashboard/static/fonts/OFL-Amiri.txt``)
so Streamlit serves it at ``app/static/fonts/…`` as ``.streamlit/config.toml``'s
``[[theme.fontFaces]]`` expects, on any host (Community Cloud included). If a
checkout lacks the files, they are copied once from the ``fontpkg-amiri``
package, a dependency of the project.
"""

from __future__ import annotations

import shutil
from pathlib import Path

STATIC_FONTS = Path(__file__).resolve().parent.parent / "static" / "fonts"
FONT_FILES = ("Amiri-Regular.ttf", "Amiri-Bold.ttf")


def ensure_static_fonts() -> list[Path]:
    """The served font files, copying any missing one from fontpkg-amiri (best effort)."""
    present = []
    for name in FONT_FILES:
        target = STATIC_FONTS / name
        if not target.is_file():
            try:
                import fontpkg_amiri

                STATIC_FONTS.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(fontpkg_amiri.ROOT) / "files" / name, target)
            except (ImportError, OSError):
                continue  # the UI falls back to the system's Arabic font
        present.append(target)
    return present
