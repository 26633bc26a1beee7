"""Arabic News Explorer: who is in the Arabic news, with whom, when, and what is said.

``from dashboard import load_corpus`` turns files into the frames of DESIGN.md's
data contract; ``python -m dashboard --help`` lists the command-line tools; the
Streamlit app is ``dashboard/app.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dashboard.corpus import Corpus, load_corpus

__all__ = ["Corpus", "load_corpus"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # Lazy, so that `import dashboard.arabic...` stays light (no pandas import).
    if name in __all__:
        from dashboard import corpus

        return getattr(corpus, name)
    raise AttributeError(f"module 'dashboard' has no attribute {name!r}")
