"""Stage 1 per article, step by step: CPU milliseconds on one core.

    .venv/bin/python bench/stage1.py [--n 2000] [--corpus shared/data/corpora/dated_news.jsonl]

Times each step of what a pool worker does (dashboard.ingest.batch.process_articles) over the
first N articles, in chunks of 100 as the pool sends them; each step runs twice and the
faster pass is printed (warm caches: what a worker sees after its first chunks).
Needs the shared corpora (bench/shared_corpora.py finds them);
not part of the tests.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from datetime import date
from pathlib import Path

from shared_corpora import corpora_dir

CORPUS = corpora_dir() / "dated_news.jsonl"
CHUNK = 100


def main(argv: list[str] | None = None) -> int:
    from dashboard.actors import pipeline
    from dashboard.arabic.sentences import split_sentences
    from dashboard.arabic.tokens import counting_terms
    from dashboard.dates import extract_dates
    from dashboard.ingest.batch import process_articles

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    with open(args.corpus, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in itertools.islice(fh, args.n)]
    items = [(r["text"], date(2018, 1, 1)) for r in rows]
    texts = [t for t, _ in items]
    spans = [split_sentences(t) for t in texts]
    model = pipeline._recognizer()

    def chunks_of(values):
        return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]

    def recognize():
        for t, s in zip(chunks_of(texts), chunks_of(spans), strict=True):
            pipeline.recognize_articles(list(zip(t, s, strict=True)))

    def ms(step) -> float:
        best = float("inf")
        for _ in range(2):
            start = time.process_time()
            step()
            best = min(best, time.process_time() - start)
        return best / len(texts) * 1000

    rows_out = [
        ("split_sentences", ms(lambda: [split_sentences(t) for t in texts])),
        ("counting_terms", ms(lambda: [counting_terms(t) for t in texts])),
        ("extract_dates", ms(lambda: [extract_dates(t, d) for t, d in items])),
    ]
    pipeline._recognizer = lambda: None  # the rules alone
    rows_out.append(("recognize_articles without the model", ms(recognize)))
    pipeline._recognizer = lambda: model
    rows_out.append(("recognize_articles with the two-stage CRF", ms(recognize)))
    rows_out.append(
        (
            "process_articles, everything",
            ms(lambda: [process_articles(c) for c in chunks_of(items)]),
        )
    )
    print(f"first {len(texts):,} articles of {args.corpus.name}; CPU ms per article")
    for name, value in rows_out:
        print(f"| {name} | {value:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
