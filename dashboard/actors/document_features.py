"""Second-stage features: what the first stage found elsewhere in the document.

The two-stage recogniser tags every sentence once (stage 1), then tags it again with
these extra features: the first-stage tag of each token and its neighbours (``s1=``),
the type other sentences within a window gave to the same stem (``dt=``), and whether a
name found elsewhere in the window starts or continues here (``dsB=``/``dsI=``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import Protocol

from dashboard.actors.iob import entity_spans
from dashboard.actors.resources import NAME_TYPES
from dashboard.actors.token_features import TokenInfo

#: Longest name (in tokens) that document-level features and propagation look for. Real
#: names are far shorter; the bound keeps a text that repeats one name thousands of times
#: (or a first stage that tags a whole sentence) linear instead of cubic.
MAX_NAME_TOKENS = 8

_LABELS = ("O", "BOS", "EOS", *(f"{p}-{t}" for p in "BI" for t in NAME_TYPES))
_S1 = {t: "s1=" + t for t in _LABELS}
_S1_BEFORE = {t: "s1-=" + t for t in _LABELS}
_S1_AFTER = {t: "s1+=" + t for t in _LABELS}

#: type → the sorted indices of the sentences where a stem or a name had that type.
Positions = dict[str, list[int]]


class TokenSource(Protocol):
    """What :func:`document_features` needs of a featurizer: each token's :class:`TokenInfo`."""

    def token_info(self, token: str) -> TokenInfo: ...


def count_in_window(positions: list[int], centre: int, window: int) -> int:
    """How many sentence indices in the sorted list lie within ``window`` of ``centre``,
    not counting ``centre`` itself."""
    lo = bisect_left(positions, centre - window)
    hi = bisect_right(positions, centre + window)
    own = bisect_right(positions, centre) - bisect_left(positions, centre)
    return hi - lo - own


def document_features(
    featurizer: TokenSource,
    sentences: list[list[str]],
    tags: list[list[str]],
    window: int,
) -> list[list[list[str]]]:
    """Second-stage features of each token from first-stage ``tags`` (see the module
    docstring). The token's own sentence never counts as "elsewhere"."""
    infos = [[featurizer.token_info(t) for t in sent] for sent in sentences]
    out: list[list[list[str]]] = []
    for sent_tags in tags:
        if not sent_tags:
            out.append([])
            continue
        own = [_S1[t] for t in sent_tags]
        before = [_S1_BEFORE[t] for t in ("BOS", *sent_tags[:-1])]
        after = [_S1_AFTER[t] for t in (*sent_tags[1:], "EOS")]
        out.append([list(x) for x in zip(own, before, after, strict=True)])
    for s_idx, i, feature in document_context(
        [[x.stem for x in sent] for sent in infos],
        [[x.key for x in sent] for sent in infos],
        tags,
        window,
    ):
        out[s_idx][i].append(feature)
    return out


def _index_names(stems, keys, tags):
    """(token index, sequence index): the sentences where the first stage tagged each stem
    as part of a name of each type, and each name (first stem, rest normalised) by type."""
    tok_index: dict[str, Positions] = {}
    seq_index: dict[tuple[str, ...], Positions] = {}
    for s_idx, (sent_stems, sent_keys, sent_tags) in enumerate(zip(stems, keys, tags, strict=True)):
        for start, end, typ in entity_spans(sent_tags):
            if end - start > MAX_NAME_TOKENS:  # a runaway first-stage span is no name to spread
                continue
            key = (sent_stems[start], *sent_keys[start + 1 : end])
            seq_index.setdefault(key, {}).setdefault(typ, []).append(s_idx)
            for stem in sent_stems[start:end]:
                tok_index.setdefault(stem, {}).setdefault(typ, []).append(s_idx)
    return tok_index, seq_index


def _token_type(by_type: Positions, s_idx: int, window: int) -> Iterator[str]:
    """The ``dt=`` features: the type most often given to the stem within the window."""
    best, best_n = "", 0
    for typ, positions in by_type.items():
        c = count_in_window(positions, s_idx, window)
        if c > best_n:
            best, best_n = typ, c
    if best:
        yield "dt=" + best
        yield "dt=" + best + ("+" if best_n > 1 else "1")


def _sequence_match(seq_index, max_len, sent_keys, stem, i, s_idx, window):
    """(length, type) of the longest name from elsewhere in the window starting at token
    ``i``, or None."""
    for length in range(min(max_len, len(sent_keys) - i), 0, -1):
        found = seq_index.get((stem, *sent_keys[i + 1 : i + length]))
        if not found:
            continue
        counts = {typ: count_in_window(pos, s_idx, window) for typ, pos in found.items()}
        typ = max(counts, key=lambda t: counts[t])
        if counts[typ]:
            return length, typ
    return None


def document_context(
    stems: list[list[str]],
    keys: list[list[str]],
    tags: list[list[str]],
    window: int,
) -> Iterator[tuple[int, int, str]]:
    """(sentence index, token index, feature) pairs: the ``dt=`` and ``dsB=``/``dsI=``
    features of :func:`document_features`, from each token's stem and normalised key
    and the first-stage tags, in sentence order."""
    tok_index, seq_index = _index_names(stems, keys, tags)
    if not tok_index:
        return
    firsts = {k[0] for k in seq_index}
    max_len = max((len(k) for k in seq_index), default=0)
    for s_idx, (sent_stems, sent_keys) in enumerate(zip(stems, keys, strict=True)):
        for i, stem in enumerate(sent_stems):
            by_type = tok_index.get(stem)
            if not by_type:
                continue  # every first-token stem is in tok_index too
            for feature in _token_type(by_type, s_idx, window):
                yield s_idx, i, feature
            if stem not in firsts:
                continue
            match = _sequence_match(seq_index, max_len, sent_keys, stem, i, s_idx, window)
            if match:
                length, typ = match
                yield s_idx, i, "dsB=" + typ
                for j in range(i + 1, i + length):
                    yield s_idx, j, "dsI=" + typ
