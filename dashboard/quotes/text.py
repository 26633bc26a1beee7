"""The pieces of one article the quote extractor reads: tokens with their keys, sentences,
quotation marks and paragraphs (offsets into the article ``text``, never a changed copy).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice, starmap
from operator import attrgetter, itemgetter
from typing import Any, Generic, TypeVar, overload

from dashboard.arabic.chars import QUOTE_CHARS, QUOTE_PAIRS
from dashboard.arabic.normalize import (
    INVISIBLE_CHARS,
    TASHKEEL_CHARS,
    TATWEEL,
    normalize,
    normalize_token,
)
from dashboard.arabic.tokens import tokenize

#: Marks that end a statement's span when they are its last characters.
TRAILING_PUNCTUATION = ".،,:؛;!-–— \n\t\u00a0"
#: Marks that end a sentence inside a colon quote or a clause.
SENTENCE_MARKS = ".!?؟؛"


# What normalize deletes, and a stand-in it keeps (a control character no text holds):
# replacing the one by the other keeps every offset of the normalised copy.
_DELETED = re.compile(f"[{TASHKEEL_CHARS}{TATWEEL}{INVISIBLE_CHARS}]")
_PLACEHOLDER = "\x00"
# A word of the normalised copy (letters, digits; a placeholder may sit inside), and a
# token (a word or one visible character).
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_FOLDED_WORD = re.compile(r"[^\W\d_](?:[^\W_]|\x00)*")
_TOKENS = re.compile(r"[^\W_](?:[^\W_]|\x00)*|[^\w\s\x00]")
# How far back a "previous token" is looked for.
_LOOKBACK = 60


_T = TypeVar("_T")


class _ComputedOnce(Generic[_T]):
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every first
    use, which costs more than most of what an article's properties compute): the value
    is computed on first use and kept in the instance's ``__dict__``, which later reads
    find first."""

    def __init__(self, compute: Callable[[Any], _T]):
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> _ComputedOnce[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass(frozen=True)
class Quotation:
    """A quotation: its opening mark at ``open``; the quoted words run from ``open + 1`` to
    ``close`` (the closing mark's offset, or the paragraph's end when it never closes)."""

    open: int
    close: int
    closed: bool


class ArticleText:
    """Tokens, sentences, quotations and paragraphs of one article.

    ``starts``/``ends``/``keys`` are parallel sequences of the tokens
    (:func:`dashboard.arabic.tokens.tokenize`): a word's key is its normalised form
    (:func:`dashboard.arabic.normalize.normalize_token`), any other token's key is the
    character itself; ``is_word`` says which are words. ``sentences`` is a list of
    ``(sentence_id, start, end)`` in text order. ``tokens`` and ``keys``: the text's token
    spans and their keys when the caller has them (the recogniser's), not computed again.
    ``folded`` (the normalised text with the same offsets as ``text``: letters folded as
    :func:`normalize` does, the marks it deletes held by a placeholder) and the quotations
    are worked out on first use: an article whose tokens hold no reporting verb never
    needs them.
    """

    def __init__(
        self,
        text: str,
        sentences: Sequence[tuple[int, int, int]],
        tokens: Sequence[tuple[int, int]] | None = None,
        keys: Sequence[str] | None = None,
    ):
        self.text = text
        self.sentences = sorted(sentences, key=_SECOND)
        self._sentence_starts = list(map(_SECOND, self.sentences))
        spans = tokenize(text) if tokens is None else tokens
        self.starts = list(map(_FIRST, spans))
        self.ends = list(map(_SECOND, spans))
        self.keys: Sequence[str] = self._keys_of(spans) if keys is None else keys
        # Word tokens are runs of letters (tokenize keeps digits apart), so this says "word".
        self.is_word = list(map(str.isalpha, self.keys))

    @_ComputedOnce
    def folded(self) -> str:
        return self._folding[0]

    @_ComputedOnce
    def _folding(self) -> tuple[str, bool, bool]:
        """``folded``; whether it has the text's offsets (not with presentation forms, ﻻ,
        which fold to two letters: then ``folded`` is the text itself); whether marks
        were deleted (placeholders hold them)."""
        text = self.text
        deleted = _DELETED.search(text) is not None
        folded = normalize(_DELETED.sub(_PLACEHOLDER, text) if deleted else text)
        exact = len(folded) == len(text)
        return (folded if exact else text), exact, deleted

    @_ComputedOnce
    def _placeheld(self) -> bool:
        return _PLACEHOLDER in self.folded

    def _keys_of(self, spans: Sequence[tuple[int, int]]) -> list[str]:
        """The keys of the tokens ``spans`` (see the class), cut from ``folded``."""
        folded, exact, deleted = self._folding
        if not exact:
            return [normalize_token(self.text[s:e]) for s, e in spans]
        keys = list(map(folded.__getitem__, starmap(slice, spans)))
        if deleted:  # take the placeholders out of the few tokens holding one
            for m in _DELETED.finditer(self.text):
                i = bisect_right(self.starts, m.start()) - 1
                if i >= 0 and m.start() < self.ends[i]:
                    keys[i] = keys[i].replace(_PLACEHOLDER, "")
        return keys

    @_ComputedOnce
    def quotations(self) -> list[Quotation]:
        return find_quotations(self.text)

    @_ComputedOnce
    def _quotation_opens(self) -> list[int]:
        return [q.open for q in self.quotations]

    @_ComputedOnce
    def opening(self) -> dict[int, Quotation]:
        """Quotations by the offset of their opening mark."""
        return {q.open: q for q in self.quotations}

    @_ComputedOnce
    def closing(self) -> dict[int, Quotation]:
        """Closed quotations by the offset of their closing mark."""
        return {q.close: q for q in self.quotations if q.closed}

    def token_before(self, offset: int) -> tuple[str, bool]:
        """(key, is a word) of the token right before ``offset`` (("", False) at the start),
        read from the text itself, tokenised or not."""
        folded = self.folded
        end = offset
        while end > 0 and (folded[end - 1].isspace() or folded[end - 1] == _PLACEHOLDER):
            end -= 1
        if end == 0:
            return "", False
        if not _is_letter(folded[end - 1]):
            return folded[end - 1], False
        start = end - 1
        while start > 0 and (_is_letter(folded[start - 1]) or folded[start - 1] == _PLACEHOLDER):
            start -= 1
        return folded[start:end].replace(_PLACEHOLDER, ""), True

    def words_in(self, start: int, end: int, most: int | None = None) -> list[str]:
        """Keys of the tokens (words and single marks) of ``text[start:end]``; with
        ``most``, of its first ``most`` tokens only (the rest is not read)."""
        if most is None:
            found = _TOKENS.findall(self.folded, max(0, start), end)
        else:
            matches = islice(_TOKENS.finditer(self.folded, max(0, start), end), most)
            found = [m.group() for m in matches]
        if not self._placeheld:  # most texts: no mark was deleted, no key to mend
            return found
        return [t.replace(_PLACEHOLDER, "") for t in found]

    def folded_text(self, start: int, end: int) -> str:
        """``text[start:end]`` normalised (the marks normalising deletes left out)."""
        folded = self.folded[start:end]
        return folded.replace(_PLACEHOLDER, "") if self._placeheld else folded

    def word_at(self, offset: int) -> str:
        """The key of the word starting at ``offset`` ("" if none starts there)."""
        m = _FOLDED_WORD.match(self.folded, offset)
        return m.group().replace(_PLACEHOLDER, "") if m else ""

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
        """The innermost quotation whose quoted words hold ``offset``: of those opening
        before it, the last opened that closes after it."""
        quotations = self.quotations
        for k in range(bisect_left(self._quotation_opens, offset) - 1, -1, -1):
            if offset < quotations[k].close:
                return quotations[k]
        return None


_OPEN = attrgetter("open")


def _is_letter(ch: str) -> bool:
    return ch.isalnum() and ch != "_"


def _quote_marks(text: str) -> list[tuple[int, str]]:
    """(offset, mark) of every quotation mark of ``text``, in text order: each mark looked
    for with ``str.find``, several times faster on Arabic text than a regular expression's
    character class."""
    found = []
    for ch in QUOTE_CHARS:
        i = text.find(ch)
        while i >= 0:
            found.append((i, ch))
            i = text.find(ch, i + 1)
    found.sort()
    return found


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
    # Only the marks are visited: a paragraph's end matters only while a quotation is
    # open, and is looked up then (an article has many more line breaks than open quotes).
    last = 0  # offset of the last mark read
    for i, ch in _quote_marks(text):
        if stack:
            br = text.find("\n", last, i)
            if br >= 0:
                found += [Quotation(o, br, False) for o, _ in stack]
                stack = []
        last = i
        if stack and ch in QUOTE_PAIRS.get(stack[-1][1], ""):
            found.append(Quotation(stack.pop()[0], i, True))
        elif ch in QUOTE_PAIRS:
            stack.append((i, ch))
    if stack:
        br = text.find("\n", last)
        end = len(text) if br < 0 else br
        found += [Quotation(o, end, False) for o, _ in stack]
    return sorted(found, key=_OPEN)
