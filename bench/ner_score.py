"""Score Arabic NER on ANERcorp: per-type and micro P/R/F1 (exact span + type), tokens/s.

Scoring follows conlleval: an entity is an exact (start, end, type) span, an
entity may begin with ``I-``; gold ``PERS`` counts as ``PER``; MISC entities are
ignored on both sides. Only PER, LOC and ORG are scored.

    # the committed model on the test file (tags it, then scores; prints tokens/s)
    .venv/bin/python bench/ner_score.py
    .venv/bin/python bench/ner_score.py --model data/model/ner.crfsuite --no-propagation
    # a file someone else tagged (`token TAG` lines, same sentences as the gold file)
    .venv/bin/python bench/ner_score.py --pred OUT.conll
    # speed on real news: tokens/s of CPU time for the first N articles of a JSONL corpus
    .venv/bin/python bench/ner_score.py --corpus ../shared/data/corpora/dated_news.jsonl --n 2000

The gold file defaults to ANERcorp's test split in ``../shared`` beside the repository
(``--shared`` names another folder; ``--gold`` another file).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from shared_corpora import shared_dir  # noqa: E402

from dashboard.actors import conll, evaluate  # noqa: E402

#: The shared data folder beside the repository (``../shared``).
SHARED = shared_dir()
GOLD = Path("data", "ner", "anercorp", "test.txt")  # inside the shared folder


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    ap.add_argument("--gold", type=Path, help="gold CoNLL file (default: ANERcorp test)")
    ap.add_argument("--pred", type=Path, help="tagged file to score instead of running the model")
    ap.add_argument("--model", type=Path, default=None, help="model file (data/model/ner.crfsuite)")
    ap.add_argument("--window", type=int, default=20, help="propagation window in sentences")
    ap.add_argument("--no-propagation", action="store_true")
    ap.add_argument("--one-stage", action="store_true", help="first-stage CRF only (faster)")
    ap.add_argument("--corpus", type=Path, help="JSONL articles ({'text': ...}): measure speed")
    ap.add_argument("--n", type=int, default=2000, help="articles of --corpus to tag")
    ap.add_argument(
        "--batch",
        type=int,
        default=100,
        help="articles tagged together (the pipeline tags its chunks of 100 together)",
    )
    args = ap.parse_args(argv)
    if args.corpus:
        return corpus_speed(
            args.corpus, args.n, args.model, two_stage=not args.one_stage, batch=args.batch
        )

    gold_tokens, gold_tags = conll.read_tagged(args.gold or args.shared / GOLD)
    gold_tags = [conll.map_tags(t) for t in gold_tags]
    n_tokens = sum(len(s) for s in gold_tokens)
    if args.pred:
        pred_tokens, pred_tags = conll.read_tagged(args.pred)
        if pred_tokens != gold_tokens:
            print("error: the tagged file's tokens differ from the gold file's", file=sys.stderr)
            return 2
        print(evaluate.score(gold_tags, [conll.map_tags(t) for t in pred_tags]).table())
        return 0

    from dashboard.actors.recognizer import Recognizer

    t0 = time.perf_counter()
    rec = Recognizer.load(args.model, two_stage=not args.one_stage)
    load_s = time.perf_counter() - t0
    rec.propagate = not args.no_propagation
    # CPU time of this process = throughput on one core, whatever else the machine runs.
    t0, c0 = time.perf_counter(), time.process_time()
    pred = rec.tag_stream(gold_tokens, window=args.window)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    rec.tag_stream(gold_tokens, window=args.window)
    cpu_warm = time.process_time() - c0
    print(f"model {rec.path} ({rec.path.stat().st_size / 1e6:.1f} MB, loaded in {load_s:.2f}s)")
    print(
        f"stages: {1 if rec.stage1 is None else 2}; propagation: "
        f"{'off' if args.no_propagation else f'window {args.window}'}"
    )
    print(
        f"{n_tokens} tokens: {n_tokens / cpu:,.0f} tokens/s of CPU time on one core, cold "
        f"feature cache ({n_tokens / cpu_warm:,.0f} warm; wall clock {seconds:.2f}s)"
    )
    print(evaluate.score(gold_tags, pred).table())
    return 0


def corpus_speed(
    path: Path, n: int, model: Path | None, *, two_stage: bool = True, batch: int = 100
) -> int:
    """Print tokens/s of CPU time (one core) tagging the first ``n`` articles of ``path``
    ``batch`` documents at a time, as the pipeline does: a cold token table, then a warm
    pass."""
    from dashboard.actors.recognizer import Recognizer
    from dashboard.arabic.sentences import split_sentences
    from dashboard.arabic.tokens import tokenize

    docs = []
    with open(path, encoding="utf-8") as fh:
        for _, line in zip(range(n), fh, strict=False):
            text = json.loads(line)["text"]
            sents = (text[s:e] for s, e in split_sentences(text))
            docs.append([[sent[a:b] for a, b in tokenize(sent)] for sent in sents])
    n_tokens = sum(len(s) for d in docs for s in d)
    c0 = time.process_time()
    rec = Recognizer.load(model, two_stage=two_stage)
    print(f"model {rec.path} loaded in {time.process_time() - c0:.2f}s CPU")
    for label in ("cold", "warm"):
        c0 = time.process_time()
        for i in range(0, len(docs), batch):
            rec.tag_documents(docs[i : i + batch])
        cpu = time.process_time() - c0
        print(
            f"{label}: {len(docs)} articles ({batch} at a time), {n_tokens:,} tokens in "
            f"{cpu:.2f}s CPU: {n_tokens / cpu:,.0f} tokens/s on one core"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
