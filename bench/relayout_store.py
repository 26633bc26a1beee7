"""A copy of a store's current generation with every data file written again by this
checkout's ``dashboard.store.files.write_file`` (its row groups and layout), to measure a
layout against the old one on the same rows without ingesting again.

    .venv/bin/python bench/relayout_store.py SRC DST [--row-group-rows N]

``DST`` must not exist. The copy keeps the store id, generation, inputs and batches; only
file names (new random parts) and row groups change, so its frames equal ``SRC``'s
(checked at the end unless ``--no-check``: ``load_store`` of both, sorted as
``bench/frames_check.py`` sorts). Not part of the tests.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from shared_corpora import REPO

sys.path.insert(0, str(REPO))


def relayout(src: Path, dst: Path) -> dict[str, int]:
    """Write ``dst`` from ``src``; rows per dataset."""
    from dashboard.store.files import read_file, write_file
    from dashboard.store.manifest import read_manifest, write_manifest

    manifest = read_manifest(src)
    dst.mkdir(parents=True)
    rows: dict[str, int] = {}

    def copy(rel: str, dataset: str) -> str:
        table = read_file(src, rel)
        rows[dataset] = rows.get(dataset, 0) + table.num_rows
        owner = Path(rel).name.split("-", 1)[0]
        return write_file(dst, owner, dataset, table)

    for batch in manifest.batches.values():
        batch.files = {d: copy(rel, d) for d, rel in batch.files.items()}
    manifest.corpus = {d: copy(rel, d) for d, rel in manifest.corpus.items()}
    manifest.superseded = []
    write_manifest(dst, manifest)
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    ap.add_argument("--row-group-rows", type=int, help="override files.ROW_GROUP_ROWS")
    ap.add_argument("--no-check", action="store_true")
    args = ap.parse_args()
    from dashboard.store import files

    if args.row_group_rows:
        files.ROW_GROUP_ROWS = args.row_group_rows
    t0 = time.perf_counter()
    rows = relayout(args.src, args.dst)
    print(f"wrote {args.dst} in {time.perf_counter() - t0:.1f} s: {rows}")
    if args.no_check:
        return 0
    import pandas as pd
    from frames_check import normalised

    from dashboard.store.reader import load_store

    got, want = load_store(args.dst), load_store(args.src)
    for name, df in want.all_frames().items():
        pd.testing.assert_frame_equal(
            normalised(name, getattr(got, name)), normalised(name, df), check_exact=True
        )
    print(f"same frames; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
