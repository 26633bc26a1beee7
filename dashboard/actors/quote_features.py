"""Features of tokens inside a short quoted span: names of papers, companies, clubs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from dashboard.arabic.chars import QUOTE_PAIRS

#: The quotation marks the committed model was trained with (a subset of
#: ``QUOTE_PAIRS``: one closing mark each); retraining may take more of them.
OPEN_QUOTES: dict[str, str] = {q: QUOTE_PAIRS[q] for q in ("«", '"', "''", "“", "``")}

#: Longest quoted span, in tokens between the marks, that counts as a name.
MAX_QUOTED = 6


def quote_features(
    keys: Sequence[str], candidates: Sequence[int] | None = None
) -> Iterator[tuple[int, str]]:
    """(index, feature) marking tokens inside a short quoted span (at most
    :data:`MAX_QUOTED` tokens) of one sentence of normalised ``keys``; ``candidates``:
    the indices of opening quote marks, when known."""
    n = len(keys)
    after = 0
    for i in range(n) if candidates is None else candidates:
        if i < after:
            continue
        close = OPEN_QUOTES.get(keys[i])
        if close is None:
            continue
        end = next((j for j in range(i + 1, min(n, i + MAX_QUOTED + 2)) if keys[j] == close), None)
        if end is None or end == i + 1:
            continue
        width = str(min(end - i - 1, 4))
        for j in range(i + 1, end):
            yield j, "inq" + width
        yield i + 1, "qfirst"
        yield end - 1, "qlast"
        after = end + 1
