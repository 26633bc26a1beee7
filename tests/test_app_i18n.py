"""The string table: every key the code asks for exists in Arabic and English, and every
key in the table is asked for somewhere (no dead strings)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from dashboard.analysis.comention import MEASURES
from dashboard.frames import ACTOR_KINDS
from dashboard.i18n import LANGS, STRINGS, t
from dashboard.ui.pages import PAGES

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard"
TABLE = DASHBOARD / "i18n.py"
# t("key", ...), ctx.t("key"), both("key"): a literal key passed to a lookup.
LOOKUP = re.compile(r"""\b(?:t|both)\(\s*["']([A-Za-z0-9_]+)["']""")


def sources() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in DASHBOARD.rglob("*.py") if p != TABLE}


def literals() -> set[str]:
    """Every string constant of the package's code (the table itself left out)."""
    found: set[str] = set()
    for text in sources().values():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def generated_keys() -> set[str]:
    """Keys the code builds from a vocabulary rather than spelling them out."""
    keys = {f"kind_{k}" for k in ACTOR_KINDS} | {"kind_other"}
    keys |= {f"lang_{code}" for code in LANGS}
    keys |= {f"fig_measure_{m}" for m in MEASURES}
    for page in PAGES:
        keys |= {page.title_key, page.help_key}
        for name, option in page.options.items():
            keys |= {f"{name}_{value}" for value in option.values}
    return keys


def test_every_key_has_both_languages():
    for key, texts in STRINGS.items():
        assert len(texts) == len(LANGS), key
        assert all(text.strip() for text in texts), key


def test_every_key_used_in_code_exists():
    asked = {key for text in sources().values() for key in LOOKUP.findall(text)}
    assert asked, "the pattern finds the code's lookups"
    assert sorted(asked - set(STRINGS)) == []
    assert sorted(generated_keys() - set(STRINGS)) == []


def test_every_key_in_the_table_is_used():
    used = (literals() & set(STRINGS)) | generated_keys()
    assert sorted(set(STRINGS) - used) == []


def test_lookup_falls_back_to_arabic_and_refuses_unknown_keys():
    assert t("page_words", "en") == "Words"
    assert t("page_words", "fr") == t("page_words", "ar") == "الكلمات"
    try:
        t("no_such_key", "en")
    except KeyError:
        pass
    else:
        raise AssertionError("an unknown key must raise")
