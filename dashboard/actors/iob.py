"""IOB2 tag sequences: the entity spans they encode, and repair of invalid ones.

A tag is ``O``, ``B-X`` (starts an entity of type X) or ``I-X`` (continues one). The
recogniser, the scorer, the document features and the pipeline all read spans here, so
they agree on what an entity is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

#: A token of punctuation only (``.``, ``..``, ``...``, ``؟!``, ``«``): never part of a
#: name's edge.
PUNCTUATION = re.compile(r"^[^\w\s]+$")


def entity_spans(tags: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """Entity spans (start, end exclusive, type) of one IOB2 tag sequence, in order.

    Like conlleval: an ``I-X`` that does not continue an X entity starts a new one.
    """
    # Only the tagged positions are read (most sentences have none, names are short): an
    # ``O`` between two of them ends the entity before it.
    tagged = [i for i, tag in enumerate(tags) if tag != "O"]
    start: int | None = None
    typ = ""
    end = -1  # one past the last tagged position read
    for i in tagged:
        prefix, _, t = tags[i].partition("-")
        continues = i == end and prefix == "I" and t == typ and start is not None
        if start is not None and not continues:
            yield start, end, typ
            start, typ = None, ""
        if prefix in ("B", "I") and not continues:
            start, typ = i, t
        end = i + 1
    if start is not None:
        yield start, end, typ


def entities(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """The exact entity spans of :func:`entity_spans`, as a set (for scoring)."""
    return set(entity_spans(tags))


def valid_iob2(tags: list[str]) -> list[str]:
    """Make a tag sequence valid IOB2 in place: an I-X that does not continue an X
    becomes B-X. Returns ``tags``."""
    prev = "O"
    for i, tag in enumerate(tags):
        if tag[0] == "I" and prev[1:] != tag[1:]:
            tags[i] = "B" + tag[1:]
        prev = tag
    return tags


def trim_punctuation(tokens: Sequence[str], tags: list[str]) -> list[str]:
    """Tags (in place, valid IOB2) where no entity starts or ends with a punctuation token:
    such tokens at an entity's edges become ``O`` (an entity of punctuation alone goes)."""
    tagged = [tok for tok, tag in zip(tokens, tags, strict=True) if tag != "O"]
    if not any(map(PUNCTUATION.match, tagged)):
        return tags  # the usual case: no punctuation inside any entity
    for start, end, typ in list(entity_spans(tags)):
        first, last = start, end
        while first < last and PUNCTUATION.match(tokens[first]):
            first += 1
        while last > first and PUNCTUATION.match(tokens[last - 1]):
            last -= 1
        if (first, last) == (start, end):
            continue
        for i in range(start, end):
            tags[i] = "O"
        for i in range(first, last):
            tags[i] = ("B-" if i == first else "I-") + typ
    return tags
