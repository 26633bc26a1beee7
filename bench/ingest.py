"""Ingest benchmark: cold and warm load of the first N articles of the shared corpus.

    .venv/bin/python bench/ingest.py [--n 4000] [--corpus shared/data/corpora/dated_news.jsonl]

Prints articles/s and tokens/s for a cold run (no cache) and a warm run (Parquet cache),
beside the floor measured in the same run: merely reading the same file and
regex-tokenising its texts. Needs the shared corpora (bench/shared_corpora.py finds
them); not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

from shared_corpora import corpora_dir

DEFAULT_CORPUS = corpora_dir() / "dated_news.jsonl"
TOKEN = re.compile(r"\w+|[^\w\s]")


def floor(path: Path) -> tuple[float, int]:
    """Seconds to read the JSONL and regex-tokenise every text; and the token count."""
    t0 = time.perf_counter()
    tokens = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            tokens += len(TOKEN.findall(json.loads(line).get("text", "")))
    return time.perf_counter() - t0, tokens


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=4000, help="articles to take from the start")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--workers", type=int, default=None, help="process pool size (default: all cores)"
    )
    args = parser.parse_args()
    if not args.corpus.exists():
        print(
            f"no corpus at {args.corpus} (this benchmark needs the shared corpora; see bench/shared_corpora.py)",
            file=sys.stderr,
        )
        return 2

    work = Path(tempfile.mkdtemp(prefix="ane-bench-"))
    os.environ["DASHBOARD_CACHE"] = str(work / "cache")
    subset = work / f"first_{args.n}.jsonl"
    with args.corpus.open(encoding="utf-8") as src, subset.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= args.n:
                break
            dst.write(line)

    from dashboard import load_corpus

    floor_s, tokens = floor(subset)
    t0 = time.perf_counter()
    cold = load_corpus(subset, workers=args.workers)
    cold_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    warm = load_corpus(subset, workers=args.workers)
    warm_s = time.perf_counter() - t0
    assert len(warm.articles) == len(cold.articles)
    n = len(cold.articles)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(f"corpus: first {n:,} articles of {args.corpus.name}, {tokens:,} regex tokens")
    print(f"{'run':<28}{'seconds':>10}{'articles/s':>14}{'tokens/s':>14}{'x floor':>10}")
    for name, secs in (
        ("floor: read + regex tokens", floor_s),
        ("cold load (full pipeline)", cold_s),
        ("warm load (Parquet cache)", warm_s),
    ):
        print(
            f"{name:<28}{secs:>10.2f}{n / secs:>14,.0f}{tokens / secs:>14,.0f}{secs / floor_s:>10.1f}"
        )
    print(
        f"frames: {len(cold.sentences):,} sentences, {len(cold.actors):,} actors, "
        f"{len(cold.mentions):,} mentions, {len(cold.dates):,} dates, {len(cold.skipped):,} skipped"
    )
    print(f"peak RSS: main process {peak_mb:,.0f} MB, largest worker {child_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
