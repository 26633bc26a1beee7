"""The text of one article file -> article fields (wire layout, TREC <DOC> files, plain text).

Wire layout (the project's seeds, SPA/AFP wires)::

     date 2024-11-01 موسكو: first paragraph ...
    <blank line>
    more paragraphs ...
    <blank line>
    (أ ف ب)

- the header is ``date``, a date, then ``CITY:`` and the first paragraph on the same line.
  Tolerated variants: no leading space or several, ``Date:``/``DATE=``, any date
  ``parse_date_string`` reads as one token (``2024/11/01``), the city on the next line, no
  city at all (the text then starts after the date);
- the city (``dateline``) is what stands before the first colon: at most 6 words and no
  sentence punctuation, so a colon later in the paragraph is not mistaken for it;
- ``text`` runs from the first character after ``CITY:`` (spaces skipped) to the end,
  without the trailing agency line and the blank space before it. Nothing else changes:
  inner newlines and every character stay as they are;
- the agency line is the last non-blank line when it is only ``(...)`` (``(أ ف ب)``,
  ``(واس)``, ``(رويترز)``, ``(د ب أ)``, ``(AFP)``); ``source`` is its text without the
  parentheses. End-of-copy marks like ``(انتهى)`` or ``(يتبع)`` are not agencies.

A file without the header is plain text: the whole file (stripped) is the text, and
date, dateline and source are unknown. A file starting with ``<DOC>`` (TREC layout, as in
the ANT corpus) holds one article per ``<DOC>`` element: DOCNO -> id, TITLE/HEADLINE ->
title, TIME/DATE -> date, SRC/SOURCE -> source, TEXT -> text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from dashboard.arabic.normalize import normalize
from dashboard.datafiles import read_words
from dashboard.readers.dates import parse_date_string

# Possessive quantifiers (*+): adjacent runs of blank space must not be re-split on
# failure, which is quadratic on a file of "date" and a long run of spaces.
_HEADER = re.compile(r"\A\s*+date\s*+[:=]?[ \t]*+(?P<date>\S+)", re.IGNORECASE)
# The city: no colon, newline or sentence punctuation; commas allowed
# ('دبي، الإمارات العربية المتحدة').
# (Matched after the blank space is skipped: a leading \s* here would backtrack
# quadratically over a long run of spaces.)
_CITY = re.compile(r"(?P<city>[^\n:.!?؟\"«»()\[\]]{1,60}?)[ \t]*:")
_CITY_MAX_WORDS = 6
_AGENCY = re.compile(r"\(\s*(?P<agency>[^()\n]{1,40}?)\s*\)\s*\.?")
_AGENCY_MAX = 64  # characters of a stripped agency line; longer lines are not tried
_DOC = re.compile(r"<DOC>(?P<body>.*?)(?:</DOC>|\Z)", re.DOTALL | re.IGNORECASE)
_DOC_START = re.compile(r"\A\s*<DOC>", re.IGNORECASE)


@cache
def end_of_copy_marks() -> frozenset[str]:
    """Keys of the end-of-copy marks wires put in parentheses too, ``(انتهى)``, ``(يتبع)``
    (``data/wire_end_marks_ar.txt``)."""
    return frozenset(normalize(w, lower=True) for w in read_words("wire_end_marks_ar.txt"))


@cache
def caption_words() -> frozenset[str]:
    """Keys of the words that make a bracketed last line a caption note, not an agency:
    ``(صورة أرشيفية)``, ``(فيديو)``, ``(Photo: file)`` (``data/wire_caption_words_ar.txt``)."""
    return frozenset(normalize(w, lower=True) for w in read_words("wire_caption_words_ar.txt"))


@dataclass(frozen=True)
class ArticleFields:
    """Fields found in an article file; ``text`` is never empty."""

    text: str
    date: dt.date | None = None
    dateline: str | None = None
    source: str | None = None
    title: str | None = None
    doc_id: str | None = None


def _agency_line(text: str, body_start: int) -> tuple[int, str | None]:
    """-> (end of the body, agency or None): the trailing ``(agency)`` line, if any."""
    end = len(text.rstrip())
    # The agency stands on its own line (or is all there is after the header).
    line_start = max(text.rfind("\n", body_start, end) + 1, body_start)
    line = text[line_start:end].strip()
    # The length check first: on a long line of spaces the pattern backtracks quadratically.
    match = _AGENCY.fullmatch(line) if len(line) <= _AGENCY_MAX else None
    if not match:
        return end, None
    agency = match.group("agency").strip()
    key = normalize(agency).lower()
    words = set(re.findall(r"\w+", key))
    if (
        key in end_of_copy_marks()
        or words & caption_words()
        or not any(c.isalpha() for c in agency)
    ):
        return end, None
    return len(text[:line_start].rstrip()), agency


def parse_wire(text: str) -> ArticleFields | None:
    """Parse the wire layout; None when ``text`` has no ``date ...`` header or no body."""
    header = _HEADER.match(text)
    if not header:
        return None
    date = parse_date_string(header.group("date"))
    if date is None:
        return None
    pos = header.end()
    while pos < len(text) and text[pos].isspace():
        pos += 1
    dateline = None
    city = _CITY.match(text, pos)
    if city and len(city.group("city").split()) <= _CITY_MAX_WORDS and city.group("city").strip():
        dateline = city.group("city").strip()
        pos = city.end()
    # The body starts at its first visible character.
    while pos < len(text) and text[pos].isspace():
        pos += 1
    end, agency = _agency_line(text, pos)
    body = text[pos:end]
    if not body.strip():
        return None
    return ArticleFields(text=body, date=date, dateline=dateline, source=agency)


def _tag(body: str, *names: str) -> str | None:
    """The content of the first non-empty ``<NAME>...</NAME>`` element, for the first name
    that has one. Linear in ``body``: each opening tag is paired with the next closing
    one (a regex search would retry from every unclosed opening tag: quadratic)."""
    for name in names:
        opener = re.compile(rf"<{name}>", re.IGNORECASE)
        closer = re.compile(rf"</{name}>", re.IGNORECASE)
        pos = 0
        while (start := opener.search(body, pos)) is not None:
            end = closer.search(body, start.end())
            if end is None:
                break
            content = body[start.end() : end.start()].strip()
            if content:
                return content
            pos = end.end()
    return None


def parse_docs(text: str) -> list[ArticleFields | str] | None:
    """Parse a TREC-style file of ``<DOC>`` elements; None when ``text`` is not one.

    Returns one entry per ``<DOC>``: its fields, or a reason (str) when it has no text.
    """
    if not _DOC_START.match(text):
        return None
    out: list[ArticleFields | str] = []
    for doc in _DOC.finditer(text):
        body = doc.group("body")
        article = _tag(body, "TEXT", "BODY")
        if article is None:
            out.append("has no text (no <TEXT> element)")
            continue
        out.append(
            ArticleFields(
                text=article,
                date=parse_date_string(_tag(body, "TIME", "DATE", "DATE_TIME")),
                source=_tag(body, "SRC", "SOURCE"),
                title=_tag(body, "TITLE", "HEADLINE"),
                doc_id=_tag(body, "DOCNO", "DOCID"),
            )
        )
    return out


def parse_article_text(text: str) -> list[ArticleFields | str]:
    """All articles in the decoded text of one file: fields, or a reason (str) per failure.

    A wire file or plain text gives one entry; a ``<DOC>`` file one per document.
    """
    docs = parse_docs(text)
    if docs:
        return docs
    wire = parse_wire(text)
    if wire is not None:
        return [wire]
    header = _HEADER.match(text)
    if header and parse_date_string(header.group("date")):
        return ["has a date header but no article text"]
    stripped = text.strip()
    if not stripped:
        return ["the file holds only blank space"]
    return [ArticleFields(text=stripped)]
