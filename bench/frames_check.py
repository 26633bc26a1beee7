"""Behaviour check for refactors: the frames of the first N shared articles, saved or compared.

    .venv/bin/python bench/frames_check.py --save /tmp/frames-before     # on the old commit
    .venv/bin/python bench/frames_check.py --compare /tmp/frames-before  # on the new one

Loads the first ``--n`` articles (default 4,000) of ``dated_news.jsonl`` with
``load_corpus`` and no cache, then either writes every frame (``terms`` included) as
Parquet or compares each frame with the saved one, sorted by its natural key, with
``pandas.testing.assert_frame_equal(check_exact=True)``. Exits non-zero on the first
difference and says which frame and column differ; a frame the saved set lacks (saved
before it existed) is reported as new. Needs ../shared (not a test).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from shared_corpora import corpora_dir

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEFAULT_CORPUS = corpora_dir() / "dated_news.jsonl"

#: How each frame is ordered before comparing (rows of equal key keep their order).
SORT_KEYS = {
    "articles": ["article_id"],
    "sentences": ["article_id", "start"],
    "actors": ["actor_id"],
    "mentions": ["article_id", "start", "end", "actor_id"],
    "dates": ["article_id", "start", "end"],
    "quotes": ["article_id", "verb_start"],
    "skipped": ["item", "reason"],
    "terms": ["sentence_id"],
}


def first_articles(corpus: Path, n: int, work: Path) -> Path:
    subset = work / f"first_{n}.jsonl"
    with corpus.open(encoding="utf-8") as src, subset.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    return subset


def frames_of(source: Path) -> dict[str, pd.DataFrame]:
    from dashboard import load_corpus

    corpus = load_corpus(source, use_cache=False)
    frames = dict(corpus.frames())
    frames["terms"] = corpus.terms
    return frames


def normalised(name: str, df: pd.DataFrame) -> pd.DataFrame:
    if name == "terms":  # categories may be renumbered; compare the words
        df = df.astype({"term": "string", "display": "string"})
    key = [c for c in SORT_KEYS[name] if c in df.columns]
    return df.sort_values(key, kind="stable").reset_index(drop=True)


def save_frames(frames: dict[str, pd.DataFrame], folder: Path) -> None:
    """Write each frame as ``folder/<name>.parquet`` (what ``compare_frames`` reads)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in frames.items():
        df.to_parquet(folder / f"{name}.parquet")
        print(f"saved {name}: {len(df):,} rows")


def compare_frames(
    frames: dict[str, pd.DataFrame],
    folder: Path,
    adjust: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> int:
    """Compare each frame with the one saved in ``folder`` (``adjust`` first maps a new
    frame onto the saved one's conventions); print same/DIFFERENT/new per frame and
    return the number that differ."""
    failed = 0
    for name, df in frames.items():
        if adjust is not None:
            df = adjust(df)
        if not (folder / f"{name}.parquet").exists():
            print(f"new {name}: {len(df):,} rows (not in the saved frames)")
            continue
        before = pd.read_parquet(folder / f"{name}.parquet")
        if name == "terms":
            before = before.astype({"term": "category", "display": "category"})
        try:
            pd.testing.assert_frame_equal(
                normalised(name, df), normalised(name, before), check_exact=True
            )
            print(f"same {name}: {len(df):,} rows")
        except AssertionError as exc:
            failed += 1
            print(f"DIFFERENT {name}: {exc}")
    return failed


def same_stores(a: Path, b: Path) -> bool:
    """Every frame of store ``a`` equals store ``b``'s (sorted as ``normalised`` sorts),
    and so does the fingerprint; the first difference is printed."""
    from dashboard.store.reader import load_store

    left, right = load_store(a), load_store(b)
    for name, df in left.all_frames().items():
        try:
            pd.testing.assert_frame_equal(
                normalised(name, df), normalised(name, getattr(right, name)), check_exact=True
            )
        except AssertionError as exc:
            print(f"    DIFFERENT {name}: {str(exc)[:300]}")
            return False
    return left.fingerprint == right.fingerprint


def check_arguments(description: str | None) -> argparse.ArgumentParser:
    """What every frame check takes: ``--n``, ``--corpus`` and ``--save DIR | --compare DIR``."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the frames into this folder")
    action.add_argument("--compare", type=Path, help="compare with the frames saved here")
    return parser


def save_or_compare(frames: dict[str, pd.DataFrame], args: argparse.Namespace) -> int:
    """Save ``frames`` (``--save``: exit status 0) or compare them with the saved ones
    (``--compare``: 1 when one differs)."""
    if args.save is not None:
        save_frames(frames, args.save)
        return 0
    return 1 if compare_frames(frames, args.compare) else 0


def main() -> int:
    args = check_arguments(__doc__).parse_args()
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus} (this check needs ../shared)", file=sys.stderr)
        return 2
    # A fixed folder: the articles' ``path`` column names it, and must match across runs.
    work = Path(tempfile.gettempdir()) / "ane-frames-check"
    work.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    frames = frames_of(first_articles(args.corpus, args.n, work))
    print(f"loaded {args.n:,} articles in {time.perf_counter() - t0:.1f} s")
    return save_or_compare(frames, args)


if __name__ == "__main__":
    raise SystemExit(main())
