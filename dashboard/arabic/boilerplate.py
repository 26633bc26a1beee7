"""Boilerplate lines: kept in the article text, left out of word counts.

Patterns live in ``data/boilerplate_ar.txt`` (one regular expression a line, ``#``
comments). Each pattern is matched with ``re.match`` (at the START of the line, which
keeps it fast on long paragraphs; write ``.*?`` to look further) against the NORMALISED line
(``normalize(line, lower=True)``: no tashkeel, ا for أ إ آ, ي for ى, ه for ة, Latin
lower-case), so patterns are written in that form. A line is one stretch between line
breaks; a matching line is returned whole (trimmed of surrounding spaces).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from dashboard.arabic.normalize import normalize
from dashboard.datafiles import DataFileError, content_lines, resolve

# Lines as str.splitlines sees them (as in dashboard.arabic.sentences).
_LINE_RE = re.compile(r"[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
# Notices, sign-offs and link lines are short; a longer line is a paragraph of the article.
MAX_LINE = 300


@cache
def boilerplate_patterns() -> re.Pattern[str] | None:
    """All patterns of ``data/boilerplate_ar.txt`` joined into one compiled regex."""
    parts: list[str] = []
    for number, line in content_lines("boilerplate_ar.txt"):
        try:
            re.compile(line)
        except re.error as err:  # fail loudly on a broken pattern, naming file and line
            raise DataFileError(f"{resolve('boilerplate_ar.txt')} line {number}: {err}") from err
        parts.append(f"(?:{line})")
    return re.compile("|".join(parts)) if parts else None


@lru_cache(maxsize=8_192)  # notices repeat across articles; prose lines just pass through
def _line_is_boilerplate(line: str) -> bool:
    pattern = boilerplate_patterns()
    return pattern is not None and pattern.match(normalize(line, lower=True)) is not None


def is_boilerplate_line(line: str) -> bool:
    """True when one line of text (no line breaks) is boilerplate.

    Lines longer than ``MAX_LINE`` characters are article prose, never boilerplate.

    >>> is_boilerplate_line("اقرأ أيضاً: روسيا تعلن ..."), is_boilerplate_line("وقال لافروف")
    (True, False)
    """
    line = line.strip()
    return len(line) <= MAX_LINE and _line_is_boilerplate(line)


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the boilerplate lines of ``text``, in order.

    Each span is a whole line without its surrounding whitespace.
    """
    out: list[tuple[int, int]] = []
    for m in _LINE_RE.finditer(text):
        line = m.group()
        if len(line) <= MAX_LINE and is_boilerplate_line(line):
            s, e = m.span()
            stripped_left = len(line) - len(line.lstrip())
            stripped_right = len(line) - len(line.rstrip())
            if e - stripped_right > s + stripped_left:
                out.append((s + stripped_left, e - stripped_right))
    return out
