"""Score the project's actor mentions on the stand-off development set (bench/devset/).

Rebuilds the annotated articles' texts from ``../shared/data/corpora/raw`` (checking every
hash), loads them with ``dashboard.load_corpus`` as a user would (a JSONL file, no cache),
and compares the ``mentions`` frame (kind = the linked actor's kind) with the annotations,
counting only predictions that overlap an annotated sentence::

    .venv/bin/python bench/dev_score.py --half A            # tuning half
    .venv/bin/python bench/dev_score.py --half A --errors   # and list half A's misses
    .venv/bin/python bench/dev_score.py --half C            # the second tuning half (C, AC)
    .venv/bin/python bench/dev_score.py --half all          # halves A and B: the final run

Two matchings: *exact* (same start, end and kind) and *overlap* (same kind, spans share a
character; one prediction per annotation, largest overlap first). *untyped* rows match
spans whatever the kind. Half B's errors are never printed (it stays unseen until the
final run).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Appended, not prepended: bench/'s scripts must not shadow any importable module.
sys.path.append(str(REPO))
sys.path.append(str(REPO / "bench"))

from devset import devset  # noqa: E402  (bench/devset/devset.py)

from dashboard.frames import ACTOR_KINDS  # noqa: E402

Span = tuple[str, int, int, str]  # doc_id, start, end, kind


@dataclass
class Tally:
    """Matched, predicted and annotated counts per kind."""

    matched_pred: Counter = field(default_factory=Counter)
    matched_gold: Counter = field(default_factory=Counter)
    pred: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)

    def row(self, kind: str | None) -> dict[str, float | int]:
        """P/R/F1 of one kind, or micro over all kinds when ``kind`` is None."""

        def total(c: Counter) -> int:
            return c[kind] if kind else sum(c.values())

        n_pred, n_gold = total(self.pred), total(self.gold)
        p = total(self.matched_pred) / n_pred if n_pred else 0.0
        r = total(self.matched_gold) / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"P": p, "R": r, "F1": f, "gold": n_gold, "pred": n_pred}


def in_sentences(pred: list[Span], sentences: list[dict]) -> list[Span]:
    """The predictions that overlap an annotated sentence."""
    by_doc: dict[str, list[tuple[int, int]]] = {}
    for s in sentences:
        by_doc.setdefault(s["doc_id"], []).append((s["start"], s["end"]))
    return [p for p in pred if any(p[1] < e and s < p[2] for s, e in by_doc.get(p[0], ()))]


def exact(gold: list[Span], pred: list[Span], typed: bool = True) -> Tally:
    key = (lambda x: x) if typed else (lambda x: x[:3])
    gold_keys, pred_keys = {key(g) for g in gold}, {key(p) for p in pred}
    t = Tally()
    for g in gold:
        t.gold[g[3]] += 1
        t.matched_gold[g[3]] += key(g) in pred_keys
    for p in pred:
        t.pred[p[3]] += 1
        t.matched_pred[p[3]] += key(p) in gold_keys
    return t


def overlap(gold: list[Span], pred: list[Span], typed: bool = True) -> Tally:
    """One-to-one matching of overlapping spans (same kind when ``typed``), greedy by the
    number of shared characters."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            shared = min(g[2], p[2]) - max(g[1], p[1])
            if g[0] == p[0] and shared > 0 and (not typed or g[3] == p[3]):
                pairs.append((-shared, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in sorted(pairs):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    t = Tally()
    for gi, g in enumerate(gold):
        t.gold[g[3]] += 1
        t.matched_gold[g[3]] += gi in used_g
    for pi, p in enumerate(pred):
        t.pred[p[3]] += 1
        t.matched_pred[p[3]] += pi in used_p
    return t


def predictions(recs: dict[str, dict], workers: int | None) -> tuple[list[Span], dict]:
    """Mentions of ``recs`` as ``load_corpus`` finds them, and the texts it read."""
    from dashboard.corpus import load_corpus

    with tempfile.TemporaryDirectory() as tmp:
        path = devset.write_jsonl(recs, Path(tmp) / "devset.jsonl")
        corpus = load_corpus(str(path), use_cache=False, workers=workers)
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"], strict=True))
    dupes = corpus.articles.loc[corpus.articles["duplicate_of"].notna(), "article_id"]
    if len(dupes):
        print(f"warning: load_corpus marked {list(dupes)} as duplicates (no mentions)")
    kinds = dict(zip(corpus.actors["actor_id"], corpus.actors["kind"], strict=True))
    m = corpus.mentions
    pred = {
        (str(d), int(s), int(e), str(kinds.get(a, "?")))
        for d, s, e, a in zip(m["article_id"], m["start"], m["end"], m["actor_id"], strict=True)
    }
    return sorted(pred), texts


def table(results: dict[str, Tally]) -> str:
    lines = [
        "| matching | kind | P | R | F1 | gold | predicted |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, tally in results.items():
        kinds = [*ACTOR_KINDS, None] if not name.startswith("untyped") else [None]
        for kind in kinds:
            r = tally.row(kind)
            lines.append(
                f"| {name} | {kind or 'micro'} | {r['P']:.3f} | {r['R']:.3f} | {r['F1']:.3f} "
                f"| {r['gold']} | {r['pred']} |"
            )
    return "\n".join(lines)


# "all" stays halves A and B, the numbers reported before half C was added.
HALVES = {"A": {"A"}, "B": {"B"}, "C": {"C"}, "AC": {"A", "C"}, "all": {"A", "B"}}


def show_errors(gold: list[Span], pred: list[Span], texts: dict[str, str]) -> None:
    """Misses and false alarms (exact matching), with their surfaces; half A only."""
    gold_set, pred_set = set(gold), set(pred)
    print("\n## missed (annotated, not predicted exactly)")
    for d, s, e, k in sorted(gold_set - pred_set):
        print(f"{k}\t{texts[d][s:e]}\t{d} {s}-{e}")
    print("\n## false (predicted, not annotated exactly)")
    for d, s, e, k in sorted(pred_set - gold_set):
        print(f"{k}\t{texts[d][s:e]}\t{d} {s}-{e}")


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--half", choices=["A", "B", "C", "AC", "all"], default="A")
    ap.add_argument("--shared", type=Path, help="the shared folder (default: ../shared)")
    ap.add_argument("--errors", action="store_true", help="list misses and false alarms (A, C)")
    ap.add_argument("--workers", type=int, default=None, help="load_corpus worker processes")
    ap.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = ap.parse_args(argv)
    if args.errors and "B" in HALVES[args.half]:
        ap.error("--errors is for the tuning halves A and C: B stays unseen until the final run")

    recs, sentences, entities = devset.load_devset(args.shared or devset.find_shared())
    halves = HALVES[args.half]
    recs = {d: r for d, r in recs.items() if r["half"] in halves}
    sentences = [s for s in sentences if s["doc_id"] in recs]
    gold = sorted(
        (e["doc_id"], e["start"], e["end"], e["kind"]) for e in entities if e["doc_id"] in recs
    )

    clock = time.perf_counter()
    pred, texts = predictions(recs, args.workers)
    changed = [d for d, r in recs.items() if texts.get(d) != r["text"]]
    if changed:
        raise SystemExit(f"load_corpus read other texts than the annotated ones: {changed[:5]}")
    pred = in_sentences(pred, sentences)

    results = {
        "exact": exact(gold, pred),
        "overlap": overlap(gold, pred),
        "untyped exact": exact(gold, pred, typed=False),
        "untyped overlap": overlap(gold, pred, typed=False),
    }
    print(
        f"half {args.half}: {len(recs)} articles, {len(sentences)} sentences, "
        f"{len(gold)} annotated mentions, {len(pred)} predicted in those sentences "
        f"({time.perf_counter() - clock:.1f} s)\n"
    )
    print(table(results))
    numbers = {
        name: {k or "micro": t.row(k) for k in [*ACTOR_KINDS, None]} for name, t in results.items()
    }
    if args.json:
        args.json.write_text(json.dumps({"half": args.half, **numbers}, indent=1))
    if args.errors:
        show_errors(gold, pred, texts)
    return numbers


if __name__ == "__main__":
    main()
