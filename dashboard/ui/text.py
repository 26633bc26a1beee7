"""Escaping untrusted text (articles, URL values, file names) before it is shown.

``md(text)`` makes text inert in Streamlit Markdown (no links, images, emphasis,
LaTeX, HTML); ``html(text)`` makes it inert in HTML (``st.html``, attributes);
``isolate(text)`` keeps a fragment of the other direction from reordering its neighbours.
"""

from __future__ import annotations

import html as _html
import re

# Everything Markdown (and Streamlit's extensions: $ LaTeX, :emoji:, ~~) could act on.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&=\"'])")


def md(text: object) -> str:
    """``text`` with Markdown syntax backslash-escaped and line breaks flattened."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", flat)


def html(text: object) -> str:
    """``text`` escaped for HTML text and quoted attributes."""
    return _html.escape(str(text), quote=True)


# First-strong isolate ... pop directional isolate (Unicode bidi, UAX #9).
FSI, PDI = "\u2068", "\u2069"


def isolate(text: object) -> str:
    """``text`` between U+2068 and U+2069: a fragment of either direction (a Latin name in
    an Arabic sentence, a date beside it) keeps its own order and leaves its neighbours'."""
    return f"{FSI}{text}{PDI}"
