"""Why an input was skipped, in the interface's language.

The readers (``dashboard.readers``) say why a file was not loaded in English sentences;
the Arabic interface shows them through the pattern table ``data/skip_reasons_ar.tsv``
(regular expression -> Arabic text; ``{1}`` a group as is, ``{~1}`` a group translated in
turn). A reason no pattern matches is shown as written.
"""

from __future__ import annotations

import re
from functools import cache

from dashboard.datafiles import read_table

TABLE = "skip_reasons_ar.tsv"
_SLOT = re.compile(r"\{(~?)(\d+)\}")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(p), text) for p, text in read_table(TABLE, ("pattern", "arabic"), header=True)
    )


def translate_reason(reason: str, lang: str) -> str:
    """``reason`` (a readers' sentence) in ``lang``: Arabic through the table, else as is."""
    if lang == "en":
        return reason
    for pattern, text in _patterns():
        found = pattern.fullmatch(reason)
        if found:

            def fill(slot: re.Match[str], found: re.Match[str] = found) -> str:
                value = found.group(int(slot.group(2))) or ""
                return translate_reason(value, lang) if slot.group(1) else value

            return _SLOT.sub(fill, text)
    return reason
