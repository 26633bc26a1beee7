"""A store's derived tables added to a linked copy, for stores linked before they existed.

    .venv/bin/python bench/derive_tables.py /work/stores/s1m /tmp/s1m-derived

Linking writes tables derived from the linked corpus (``dashboard.ingest.corpus_level``:
the name tables, the rollup ``actor_days``, ``actor_mentions`` and the actors per article over
integer keys, ``article_actors``, ``actor_numbers`` and ``article_numbers``). A store linked before they existed gets
them at its next ingest, by re-linking, which reads every stored candidate; the replicated
1,000,000-article store (``replicate_store.py``) has no candidates of its own to re-link
from. This script makes a copy of STORE in OUT whose data folder holds symbolic links to
STORE's files (nothing is copied, STORE is only read) plus the derived tables computed,
with the code linking uses, from STORE's mentions, actors and articles, and a manifest
listing them. Prints the rows and bytes of each and the time they took. A bench helper;
not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO)]

import pandas as pd  # noqa: E402
import pyarrow as pa  # noqa: E402

from dashboard.ingest.corpus_level import derived_tables  # noqa: E402
from dashboard.store.files import write_file  # noqa: E402
from dashboard.store.manifest import read_manifest, write_manifest  # noqa: E402
from dashboard.store.reader import open_store  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    store = open_store(args.store)
    (args.out / "data").mkdir(parents=True)
    for path in sorted((args.store / "data").iterdir()):
        (args.out / "data" / path.name).symlink_to(path.resolve())
    t0 = time.perf_counter()
    mentions = store.table("mentions", ["article_id", "sentence_id", "actor_id", "surface"])
    mentions = mentions.to_pandas() if mentions is not None else pd.DataFrame()
    actors = store.table("actors", ["actor_id", "name_ar"]).to_pandas()
    articles = store.table("articles", ["article_id", "date", "source", "duplicate_of"])
    articles = articles.to_pandas()
    sentences = store.table("sentences", ["article_id"]).to_pandas()
    print(f"read {len(mentions):,} mentions in {time.perf_counter() - t0:.1f} s", flush=True)
    manifest = read_manifest(args.store)
    owner = f"g{manifest.generation:06d}"
    corpus = dict(manifest.corpus)
    t0, cpu = time.perf_counter(), time.process_time()
    tables = derived_tables(mentions, actors, articles, sentences)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu
    print(f"derived in {wall:.1f} s ({cpu:.1f} CPU s)", flush=True)
    t0 = time.perf_counter()
    for dataset, df in tables.items():
        table = pa.Table.from_pandas(df, preserve_index=False)
        corpus[dataset] = write_file(args.out, owner, dataset, table)
        size = (args.out / corpus[dataset]).stat().st_size
        print(f"{dataset}: {len(df):,} rows, {size / 1e6:.1f} MB", flush=True)
    print(f"written in {time.perf_counter() - t0:.1f} s", flush=True)
    write_manifest(args.out, replace(manifest, corpus=corpus))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
