"""The interface's language: the string table (``dashboard.i18n``) and what only the UI needs.

``t(key, lang, **values)``: see ``dashboard.i18n``; ``kind_label`` names an actor kind,
``is_rtl`` says whether the interface reads right to left.
"""

from __future__ import annotations

from dashboard.i18n import DEFAULT_LANG, LANGS, STRINGS, t

__all__ = ["DEFAULT_LANG", "LANGS", "STRINGS", "is_rtl", "kind_label", "t"]


def kind_label(kind: str, lang: str) -> str:
    """'Countries' / 'دول' for GPE, etc.; unknown kinds get the 'other' label."""
    key = f"kind_{kind}"
    return t(key if key in STRINGS else "kind_other", lang)


def is_rtl(lang: str) -> bool:
    """Whether the interface is laid out right to left."""
    return lang != "en"
