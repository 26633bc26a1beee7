"""CoNLL files for the recogniser: read, write, tag, and score entities.

A CoNLL file holds one token per line (first column = the token, later columns,
if any, = tags), blank lines between sentences. ``tag_conll`` tags the first
column with the committed model and writes ``token TAG`` lines (IOB2 over
PER/LOC/ORG). ``score`` compares gold and predicted tag sequences the way
conlleval does: an entity is an exact (start, end, type) span; an entity may
start with ``I-`` (as in seqeval's conlleval mode).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

# ANERcorp spells persons PERS; the product and the model use PER. MISC is not modelled.
TYPE_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG"}


def read_conll(path: str | Path) -> list[list[list[str]]]:
    """Sentences of a CoNLL file: each a list of token rows, each row its columns."""
    sentences: list[list[list[str]]] = []
    current: list[list[str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            cols = line.split()
            if not cols:
                if current:
                    sentences.append(current)
                    current = []
                continue
            current.append(cols)
    if current:
        sentences.append(current)
    return sentences


def read_tagged(path: str | Path, column: int = -1) -> tuple[list[list[str]], list[list[str]]]:
    """(tokens, tags) per sentence of a CoNLL file; tags from ``column`` (default: last)."""
    sentences = read_conll(path)
    tokens = [[row[0] for row in sent] for sent in sentences]
    tags = [[row[column] if len(row) > 1 else "O" for row in sent] for sent in sentences]
    return tokens, tags


def map_tags(tags: Sequence[str]) -> list[str]:
    """ANERcorp tags → model tags: PERS→PER, GPE→LOC, MISC and unknown types → O."""
    out = []
    for tag in tags:
        if tag == "O" or "-" not in tag:
            out.append("O")
            continue
        prefix, typ = tag.split("-", 1)
        mapped = TYPE_MAP.get(typ)
        out.append(f"{prefix}-{mapped}" if mapped and prefix in ("B", "I") else "O")
    return out


def write_tagged(path: str | Path, tokens: list[list[str]], tags: list[list[str]]) -> None:
    """Write ``token TAG`` lines with a blank line after each sentence."""
    with open(path, "w", encoding="utf-8") as fh:
        for sent_tokens, sent_tags in zip(tokens, tags, strict=True):
            for token, tag in zip(sent_tokens, sent_tags, strict=True):
                fh.write(f"{token} {tag}\n")
            fh.write("\n")


def tag_conll(in_path: str | Path, out_path: str | Path, window: int = 20, model=None) -> int:
    """Tag the first column of the CoNLL file ``in_path``; write ``token TAG`` to ``out_path``.

    ``window``: sentences on each side that count as the same document for name
    propagation (a CoNLL file has no document breaks). ``model``: a loaded
    ``Recognizer`` (default: the committed model). Returns the number of tokens.
    """
    from dashboard.actors.recognizer import Recognizer

    tokens = [[row[0] for row in sent] for sent in read_conll(in_path)]
    rec = model or Recognizer.load()
    tags = rec.tag_stream(tokens, window=window)
    write_tagged(out_path, tokens, tags)
    return sum(len(s) for s in tokens)


def entity_spans(tags: Sequence[str]):
    """Entity spans (start, end exclusive, type) of one IOB2 tag sequence, in order.

    Like conlleval: an ``I-X`` that does not continue an X entity starts a new one.
    """
    start, typ = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, t = tag.partition("-")
        continues = prefix == "I" and t == typ and start is not None
        if start is not None and not continues:
            yield start, i, typ
            start, typ = None, None
        if prefix in ("B", "I") and not continues:
            start, typ = i, t


def entities(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """The exact entity spans of :func:`entity_spans`, as a set (for scoring)."""
    return set(entity_spans(tags))


@dataclass
class Scores:
    """Per-type and micro precision/recall/F1 over exact entity spans."""

    per_type: dict[str, tuple[float, float, float, int, int, int]]  # P, R, F1, tp, pred, gold
    micro: tuple[float, float, float, int, int, int]

    def table(self) -> str:
        lines = [f"{'type':6} {'P':>7} {'R':>7} {'F1':>7} {'tp':>6} {'pred':>6} {'gold':>6}"]
        rows = [*sorted(self.per_type.items()), ("micro", self.micro)]
        for name, (p, r, f, tp, pred, gold) in rows:
            lines.append(
                f"{name:6} {p * 100:7.2f} {r * 100:7.2f} {f * 100:7.2f} {tp:6d} {pred:6d} {gold:6d}"
            )
        return "\n".join(lines)


def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float, int, int, int]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp, pred, gold


def score(
    gold: Iterable[Sequence[str]],
    pred: Iterable[Sequence[str]],
    types: Iterable[str] = ("PER", "LOC", "ORG"),
) -> Scores:
    """Entity-level P/R/F1 of ``pred`` against ``gold`` (parallel lists of tag sequences).

    Only entities whose type is in ``types`` count, on both sides.
    """
    types = tuple(types)
    tp = dict.fromkeys(types, 0)
    n_pred = dict.fromkeys(types, 0)
    n_gold = dict.fromkeys(types, 0)
    for g_tags, p_tags in zip(gold, pred, strict=True):
        if len(g_tags) != len(p_tags):
            raise ValueError("gold and predicted sentences differ in length")
        g = {e for e in entities(g_tags) if e[2] in tp}
        p = {e for e in entities(p_tags) if e[2] in tp}
        for e in g:
            n_gold[e[2]] += 1
        for e in p:
            n_pred[e[2]] += 1
        for e in g & p:
            tp[e[2]] += 1
    per_type = {t: _prf(tp[t], n_pred[t], n_gold[t]) for t in types}
    micro = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return Scores(per_type, micro)
