"""Sentence spans of Arabic news text.

``split_sentences(text)`` -> ``[(start, end), ...]``: offsets into ``text`` (never a
changed copy), each span trimmed of whitespace and invisible marks, non-empty, holding
at least one letter or digit, in order and non-overlapping.

Where a sentence ends:
- every line break ends a sentence (paragraphs, headlines, bullet lines), except in
  hard-wrapped text (broken at a fixed width, as in e-mail and some archives: at least
  three lines followed by a single line break, most of them filling one width and most
  not ending in a sentence mark), where such a line that fills the width and does not end
  in a sentence mark continues on the next line;
- ``.`` ``!`` ``?`` ``؟`` ``؛`` (and runs like ``?!``) followed by a space or the end,
  together with any closing quotes/brackets right after them.

Where it does NOT end (the common traps of wire copy):
- decimals and thousands (``3.5``, ``3,5``, ``8.000``), dotted abbreviations
  (``أ.ف.ب``), agency tags ``(أ ف ب)``;
- after a one-letter word or a known abbreviation (``د.`` Dr., ``م.``, ``Mr.``) unless it
  is a year marker after a number (``عام 1949 م.``);
- an ellipsis (``…``, ``..``) - in Arabic news it is a pause, not an end;
- inside a quotation (“...” «...» "..."): a quote is one sentence with its frame; a
  sentence whose last words are quoted keeps the closing quote mark;
- after a list number at the start of a line (``1. ``).
A full stop glued to the next word (``النصر.وقال``), common in scraped text, ends a
sentence when both words are Arabic (3+ letters before, 2+ after) and the second is not
a domain ending (``العربية.نت``). Quotations longer than ``MAX_QUOTE`` characters are not
protected (a stray quote mark must not glue a whole paragraph together).
"""

from __future__ import annotations

import re
from functools import cache

from dashboard.arabic.calendar_names import year_markers
from dashboard.arabic.chars import INVISIBLE_CHARS, QUOTE_CHARS, QUOTE_CLOSERS, QUOTE_OPENERS
from dashboard.arabic.normalize import normalize
from dashboard.datafiles import read_lines, read_words

# Lines as str.splitlines sees them.
_LINE_RE = re.compile(r"[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
# A run of sentence-final marks, plus closing quotes/brackets after it.
_END_RE = re.compile(r"[.!?؟؛…]+")
_CLOSERS = "\"'”’»›)]}"
# Trimmed from both ends of a sentence: whitespace (as str.strip sees it) and invisible marks.
_TRIM = f"\\s\x1c-\x1f\x85{INVISIBLE_CHARS}"
_LEFT_TRIM_RE = re.compile(f"[{_TRIM}]+")


def _expand(ranges: str) -> frozenset[str]:
    """The characters of a regex class body made of characters and ``a-b`` ranges."""
    chars = set()
    for m in re.finditer(r"(.)-(.)|(.)", ranges, re.S):
        if m[3] is not None:
            chars.add(m[3])
        else:
            chars.update(map(chr, range(ord(m[1]), ord(m[2]) + 1)))
    return frozenset(chars)


_INVISIBLE_SET = _expand(INVISIBLE_CHARS)
_HAS_CONTENT_RE = re.compile(r"[^\W_]")
# "([^\W\d_]+)\W{0,2}$" read backwards ("$" also matches before a final "\n").
_WORD_BEFORE_REVERSED_RE = re.compile(r"\n?\W{0,2}([^\W\d_]+)")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LIST_NUMBER_RE = re.compile(r"[^\w]*\d{1,3}$")

_QUOTES_RE = re.compile(f"[{QUOTE_CHARS}]")


@cache
def abbreviations() -> frozenset[str]:
    """Normalised, lower-case words after which a full stop does not end a sentence."""
    lines = read_lines("abbreviations_ar.txt", required=False)
    return frozenset(normalize(word, lower=True).rstrip(".") for word in lines)


@cache
def domain_endings() -> frozenset[str]:
    """Domain endings in Arabic letters (``data/domain_endings_ar.txt``): "العربية.نت" and
    "بيت.كوم" are names, not two sentences."""
    return frozenset(normalize(word) for word in read_words("domain_endings_ar.txt"))


# A "quotation" longer than this is a mis-paired quote mark or a whole statement of many
# sentences; it is split like the text around it.
MAX_QUOTE = 600


def _quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost matched quotations ``(open, close)`` (positions of the marks) in a line."""
    stack: list[tuple[str, int]] = []
    regions: list[tuple[int, int]] = []
    for m in _QUOTES_RE.finditer(text, start, end):
        ch, pos = m.group(), m.start()
        if stack and ch in QUOTE_CLOSERS[stack[-1][0]]:
            _, open_pos = stack.pop()
            if not stack and pos - open_pos <= MAX_QUOTE:
                regions.append((open_pos, pos))
        elif ch in QUOTE_OPENERS or not stack:
            # An ASCII quote or an opening mark opens; a stray closer at depth 0 opens a
            # reversed pair (”...“).
            stack.append((ch, pos))
    return regions


def _inside(regions: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    for open_pos, close_pos in regions:
        if open_pos < pos < close_pos:
            return open_pos, close_pos
        if open_pos > pos:
            break
    return None


def _is_false_stop(text: str, seg_start: int, run_start: int, run: str) -> bool:
    """True when a lone full stop (or ellipsis) at ``run_start`` does not end a sentence."""
    if "…" in run or ".." in run:
        return not any(c in run for c in "!?؟؛")
    if run != ".":
        return False
    before = text[max(seg_start, run_start - 40) : run_start]
    # The word right before the stop (at most two non-word characters between): matched on
    # the reversed window, which reads it in one pass ("([^\W\d_]+)\W{0,2}$" searched
    # forwards retries every position of the window).
    m = _WORD_BEFORE_REVERSED_RE.match(before[::-1])
    if m and not before.endswith((")", '"', "”", "»")):
        word = normalize(m.group(1)[::-1], lower=True)
        if len(word) == 1:
            # "عام 1949 م." ends a sentence; "د." or "أ. ف. ب." does not.
            head = before[: len(before) - m.end(1)].rstrip()
            return not (word in year_markers() and head[-1:].isdigit())
        if word in abbreviations():
            return True
    # "1. " opening a line or following a sentence: a list number, not a sentence.
    return bool(_LIST_NUMBER_RE.match(text, seg_start, run_start))


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (untrimmed) of one line ``text[start:end]``."""
    regions = _quote_regions(text, start, end) if _QUOTES_RE.search(text, start, end) else []
    cuts: list[int] = []
    for m in _END_RE.finditer(text, start, end):
        run_start, run_end = m.span()
        run = m.group()
        # Swallow closing quotes and brackets right after the marks.
        stop = run_end
        while stop < end and text[stop] in _CLOSERS:
            stop += 1
        region = _inside(regions, run_start) if regions else None
        if region is not None and stop <= region[1]:
            # Inside a quotation: only its very end closes the sentence (“... النصر.”).
            continue
        nxt = text[stop] if stop < end else " "
        # ``in INVISIBLE_CHARS`` tests the class body as a string (the marks at its range
        # ends, and "-"), not the whole class; kept so sentences stay as they are.
        if not (nxt.isspace() or nxt in INVISIBLE_CHARS):
            # "النصر.وقال": a glued full stop between two Arabic words of 3+ letters.
            if not (
                run == "."
                and stop == run_end
                and region is None
                and _glued_stop(text, start, end, run_start, run_end)
            ):
                continue
        elif _is_false_stop(text, cuts[-1] if cuts else start, run_start, run):
            continue
        cuts.append(stop)
    spans = []
    prev = start
    for cut in cuts:
        spans.append((prev, cut))
        prev = cut
    spans.append((prev, end))
    return spans


_GLUED_BEFORE_RE = re.compile(r"[^\W\d_]{3,}$")
_GLUED_AFTER_RE = re.compile(r"[^\W\d_]{2,}")


def _glued_stop(text: str, start: int, end: int, run_start: int, run_end: int) -> bool:
    before = _GLUED_BEFORE_RE.search(text, max(start, run_start - 30), run_start)
    after = _GLUED_AFTER_RE.match(text, run_end, end)
    return bool(
        before
        and after
        and _ARABIC_LETTER.match(text, run_start - 1)
        and _ARABIC_LETTER.match(text, run_end)
        and normalize(after.group()) not in domain_endings()
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    m = _LEFT_TRIM_RE.match(text, start, end)
    if m:
        start = m.end()
    # From the end, character by character: a regex search for "[...]+$" would try every
    # position of the sentence. ``str.isspace`` is what ``\s`` matches (\x1c-\x1f, \x85
    # included), plus the invisible marks.
    while end > start and (text[end - 1].isspace() or text[end - 1] in _INVISIBLE_SET):
        end -= 1
    return start, end


#: Hard-wrapped paragraphs (see the module docstring).
_WRAP_MIN_LINES = 3
_WRAP_MAX_WIDTH = 200  # wider lines are paragraphs, not a fixed wrap width
_WRAP_FILL = 0.8  # a wrapped line fills at least this share of its paragraph's width
_LINE_ENDS = frozenset(".!?؟؛…:" + _CLOSERS)
_SINGLE_BREAKS = frozenset({"\n", "\r\n", "\r"})


def _units(text: str) -> list[tuple[int, int]]:
    """Ranges of ``text`` to split into sentences: its lines, with the lines of a
    hard-wrapped text that continue on the next line joined to it."""
    lines = [m.span() for m in _LINE_RE.finditer(text)]
    # continues[k]: line k and line k + 1 are separated by a single line break only.
    continues = [
        text[e:s2] in _SINGLE_BREAKS and not text[s:e].isspace() and not text[s2:e2].isspace()
        for (s, e), (s2, e2) in zip(lines, lines[1:], strict=False)
    ]
    joins = _wrapped_joins(text, lines, continues)
    units: list[tuple[int, int]] = []
    start = None
    for k, (s, e) in enumerate(lines):
        start = s if start is None else start
        if not (k < len(joins) and joins[k]):
            units.append((start, e))
            start = None
    return units


def _wrapped_joins(text: str, lines: list[tuple[int, int]], continues: list[bool]) -> list[bool]:
    """For each line followed by a single line break: does its sentence go on in the
    next line? Only when the text is hard-wrapped: at least ``_WRAP_MIN_LINES`` such
    lines, most filling one width and most not ending in a sentence mark."""
    joins = [False] * len(continues)
    inner = [k for k, c in enumerate(continues) if c]
    if len(inner) < _WRAP_MIN_LINES:
        return joins
    # Each inner line and the line after it (a paragraph's last line sets the width too).
    stripped = {k: text[slice(*lines[k])].strip() for k in {*inner, *(k + 1 for k in inner)}}
    width = max(len(line) for line in stripped.values())
    if width > _WRAP_MAX_WIDTH:
        return joins
    filled = {k: len(stripped[k]) >= _WRAP_FILL * width for k in inner}
    open_ = {k: stripped[k][-1] not in _LINE_ENDS for k in inner}
    if sum(filled.values()) < 0.7 * len(inner) or sum(open_.values()) < 0.5 * len(inner):
        return joins
    for k in inner:
        joins[k] = filled[k] and open_[k]
    return joins


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``; ``text[start:end]`` is the sentence.

    >>> t = "قال د. أحمد إن النمو بلغ 3.5 في المئة. وأضاف: “الوضع جيد… جدا.” (أ ف ب)"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['قال د. أحمد إن النمو بلغ 3.5 في المئة.', 'وأضاف: “الوضع جيد… جدا.”', '(أ ف ب)']
    """
    out: list[tuple[int, int]] = []
    for start, end in _units(text):
        for s, e in _split_line(text, start, end):
            s, e = _trim(text, s, e)
            if e > s and _HAS_CONTENT_RE.search(text, s, e):
                out.append((s, e))
    return out
