"""Entity-level precision, recall and F1 of predicted IOB2 tags against gold tags.

Scored the way conlleval does: an entity is an exact (start, end, type) span
(:func:`dashboard.actors.iob.entities`); an entity may start with ``I-`` (as in
seqeval's conlleval mode).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dashboard.actors.iob import entities

#: Precision, recall, F1, true positives, predicted entities, gold entities.
PRF = tuple[float, float, float, int, int, int]


@dataclass
class Scores:
    """Per-type and micro precision/recall/F1 over exact entity spans."""

    per_type: dict[str, PRF]
    micro: PRF

    def table(self) -> str:
        """A plain-text table: one row per type and a micro row, P/R/F1 in percent."""
        lines = [f"{'type':6} {'P':>7} {'R':>7} {'F1':>7} {'tp':>6} {'pred':>6} {'gold':>6}"]
        rows = [*sorted(self.per_type.items()), ("micro", self.micro)]
        for name, (p, r, f, tp, pred, gold) in rows:
            lines.append(
                f"{name:6} {p * 100:7.2f} {r * 100:7.2f} {f * 100:7.2f} {tp:6d} {pred:6d} {gold:6d}"
            )
        return "\n".join(lines)


def prf(tp: int, pred: int, gold: int) -> PRF:
    """Precision, recall and F1 of ``tp`` correct among ``pred`` predicted and ``gold`` gold."""
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
    per_type = {t: prf(tp[t], n_pred[t], n_gold[t]) for t in types}
    micro = prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return Scores(per_type, micro)
