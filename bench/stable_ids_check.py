"""Frames with stable sentence ids compared with frames saved before them (dense ids).

    .venv/bin/python bench/stable_ids_check.py --compare /work/frames-475f1db [--n 4000]

``bench/frames_check.py`` compares frames exactly; since sentence ids became a hash of
(article id, position) its ``sentence_id`` columns differ by design. This loads the same
first N shared articles, maps every new ``sentence_id`` back to the saved frames' id of
the same (article_id, position), and then compares every frame exactly as
frames_check does. Needs the shared corpora (``bench/shared_corpora.py``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from frames_check import compare_frames, first_articles, frames_of
from shared_corpora import corpora_dir


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--corpus", type=Path, default=corpora_dir() / "dated_news.jsonl")
    parser.add_argument("--compare", type=Path, required=True)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    work = Path(tempfile.gettempdir()) / "ane-frames-check"  # frames_check's folder: same paths
    work.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    frames = frames_of(first_articles(args.corpus, args.n, work))
    print(f"loaded {args.n:,} articles in {time.perf_counter() - t0:.1f} s")
    sentences_file = args.compare / "sentences.parquet"
    key = ["article_id", "position"]
    old_ids = pd.read_parquet(sentences_file, columns=[*key, "sentence_id"])
    old_ids = old_ids.rename(columns={"sentence_id": "old"})
    mapping = frames["sentences"][[*key, "sentence_id"]].merge(old_ids, on=key, how="left")
    if mapping["old"].isna().any() or not frames["sentences"]["sentence_id"].is_unique:
        print("DIFFERENT sentences: an (article_id, position) has no saved sentence")
        return 1
    to_old = pd.Series(mapping["old"].to_numpy(), index=mapping["sentence_id"].to_numpy())

    def with_old_ids(df: pd.DataFrame) -> pd.DataFrame:
        if "sentence_id" not in df.columns:
            return df
        return df.assign(sentence_id=df["sentence_id"].map(to_old).astype("int64"))

    return 1 if compare_frames(frames, args.compare, with_old_ids) else 0


if __name__ == "__main__":
    raise SystemExit(main())
