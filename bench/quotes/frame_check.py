"""The ``quotes`` frame of the first N shared articles, ingested as users do, saved or compared.

    .venv/bin/python bench/quotes/frame_check.py --save /tmp/quotes-before    # before a change
    .venv/bin/python bench/quotes/frame_check.py --compare /tmp/quotes-before # after it

Ingests the first ``--n`` articles (default 4,000) of ``dated_news.jsonl`` into a fresh
store (``dashboard.store.writer.ingest``, the path of ``python -m dashboard ingest SRC
--store DIR``; ``--workers``: stage 1's pool size, default all cores) and either writes its
``quotes`` and ``mentions`` frames as Parquet or compares them with saved ones, sorted by
their natural keys, with ``pandas.testing.assert_frame_equal(check_exact=True)``: a
speed-up of quote extraction must leave them identical. Exits non-zero when one differs
and says which column. Needs the shared corpora (not a test).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from frames_check import (  # noqa: E402  (sorted by its SORT_KEYS)
    check_arguments,
    first_articles,
    save_or_compare,
)

#: The frames compared (``frames_check.SORT_KEYS`` orders them).
COMPARED = ("quotes", "mentions")


def stored_frames(source: Path, workers: int | None) -> dict[str, pd.DataFrame]:
    """The compared frames of a fresh store of ``source``."""
    from dashboard.store.reader import load_store
    from dashboard.store.writer import ingest

    with tempfile.TemporaryDirectory(prefix="ane-quotes-check-") as store:
        ingest(source, store, workers=workers)
        corpus = load_store(Path(store))
        return {name: getattr(corpus, name).copy() for name in COMPARED}


def main() -> int:
    parser = check_arguments(__doc__)
    parser.add_argument("--workers", type=int, help="stage 1's pool size (default: all cores)")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="ane-quotes-src-") as work:
        subset = first_articles(args.corpus, args.n, Path(work))
        began = time.perf_counter()
        frames = stored_frames(subset, args.workers)
        print(f"ingested {args.n:,} articles in {time.perf_counter() - began:.1f} s")
    return save_or_compare(frames, args)


if __name__ == "__main__":
    raise SystemExit(main())
