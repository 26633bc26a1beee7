"""Escaping untrusted text (articles, URL values, file names) before it is shown.

``md(text)`` makes text inert in Streamlit Markdown (no links, images, emphasis,
LaTeX, HTML); ``html(text)`` makes it inert in HTML (``st.html``, attributes).
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
