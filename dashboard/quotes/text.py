"""The pieces of one article the quote extractor reads: tokens with their keys, sentences,
quotation marks and paragraphs (offsets into the article ``text``, never a changed copy).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from dashboard.arabic.chars import QUOTE_CHARS, QUOTE_PAIRS
from dashboard.arabic.normalize import normalize_token
from dashboard.arabic.tokens import tokenize

#: Marks that end a statement's span when they are its last characters.
TRAILING_PUNCTUATION = ".،,:؛;!-–— \n\t\u00a0"
#: Marks that end a sentence inside a colon quote or a clause.
SENTENCE_MARKS = ".!?؟؛"


@dataclass(frozen=True)
class Quotation:
    """A quotation: its opening mark at ``open``; the quoted words run from ``open + 1`` to
    ``close`` (the closing mark's offset, or the paragraph's end when it never closes)."""

    open: int
    close: int
    closed: bool


class ArticleText:
    """Tokens, sentences, quotations and paragraphs of one article.

    ``starts``/``ends``/``keys`` are parallel lists: a word's key is its normalised form
    (:func:`normalize_token`), any other token's key is the character itself.
    ``sentences`` is a list of ``(sentence_id, start, end)`` in text order.
    """

    def __init__(self, text: str, sentences: Sequence[tuple[int, int, int]]):
        self.text = text
        spans = tokenize(text)
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.keys = [normalize_token(text[s:e]) for s, e in spans]
        self.is_word = [k[:1].isalpha() for k in self.keys]
        self.sentences = sorted(sentences, key=lambda s: s[1])
        self._sentence_starts = [s[1] for s in self.sentences]
        self.quotations = find_quotations(text)
        self.opening = {q.open: q for q in self.quotations}

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect_right(self.starts, offset - 1)

    def sentence_of(self, offset: int) -> int:
        """Index into ``sentences`` of the sentence holding ``offset`` (the one before a gap)."""
        return max(0, bisect_right(self._sentence_starts, offset) - 1)

    def sentence_end(self, offset: int) -> int:
        if not self.sentences:
            return self.paragraph_end(offset)
        return self.sentences[self.sentence_of(offset)][2]

    def sentence_start(self, offset: int) -> int:
        if not self.sentences:
            return self.text.rfind("\n", 0, offset) + 1
        return self.sentences[self.sentence_of(offset)][1]

    def paragraph_end(self, offset: int) -> int:
        end = self.text.find("\n", offset)
        return len(self.text) if end < 0 else end

    def quotation_around(self, offset: int) -> Quotation | None:
        """The innermost quotation whose quoted words hold ``offset``."""
        best = None
        for q in self.quotations:
            if q.open < offset < q.close and (best is None or q.open > best.open):
                best = q
        return best


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation of ``text``, in order of their opening marks.

    “ « „ open and their pairs (``QUOTE_PAIRS``) close, nested ones included; a straight
    ``"`` alternates between opening and closing. A quotation does not cross a paragraph
    (line break): one left open ends with its paragraph.

    >>> [(q.open, q.close, q.closed) for q in find_quotations('قال "نعم" و«لا')]
    [(4, 8, True), (11, 14, False)]
    """
    found: list[Quotation] = []
    stack: list[tuple[int, str]] = []  # (offset, mark) of open quotations, innermost last
    for i, ch in enumerate(text):
        if ch == "\n":
            found += [Quotation(o, i, False) for o, _ in stack]
            stack = []
            continue
        if ch not in QUOTE_CHARS:
            continue
        if stack and ch in QUOTE_PAIRS.get(stack[-1][1], ""):
            found.append(Quotation(stack.pop()[0], i, True))
        elif ch in QUOTE_PAIRS:
            stack.append((i, ch))
    found += [Quotation(o, len(text), False) for o, _ in stack]
    return sorted(found, key=lambda q: q.open)
