"""The store's data files: Parquet, written once under a new unique name, never changed.

A file's name says what it holds (``data/b000003-<random>.sentences.parquet``); an
ingest that changes a dataset writes a new file, so a reader holding an older manifest
still finds every file that manifest lists until the grace period has passed.

Layout: a file is cut into row groups of at most :data:`ROW_GROUP_ROWS` rows, so that a
query engine (DuckDB reads a file's row groups in parallel, one per thread, and skips
those whose column statistics exclude a filter) neither decodes a whole column on one
core nor reads what it filters out. The rows keep the order they are written in: the
frames' order (``load_store``) is the order of the rows.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

DATA = "data"
#: Rows per Parquet row group (DuckDB's own row-group size): a 30,000-article store's
#: sentences make ~3 groups, its terms ~40; a million articles' terms ~1,200.
ROW_GROUP_ROWS = 122_880
#: Columns a store keeps beside the contract's, dropped when frames are loaded: where an
#: article came from and what its text and analysis hash to; the normalised sentence
#: text that search matches; the article of each term row.
STORE_COLUMNS = {
    "articles": ("input", "record", "raw_id", "text_key", "analysis_key"),
    "sentences": ("text_norm",),
    "terms": ("article_id",),
}


def write_file(folder: Path, owner: str, dataset: str, table: pa.Table) -> str:
    """Write ``table`` as a new file of ``dataset`` for ``owner`` (a batch or generation
    name); returns its path relative to ``folder``. The file is complete (fsync'd)
    before the caller lists it in a manifest."""
    return write_parts(folder, owner, dataset, table.schema, [table])


def write_parts(
    folder: Path, owner: str, dataset: str, schema: pa.Schema, parts: Iterable[pa.Table]
) -> str:
    """``write_file`` of the rows of ``parts`` (tables of ``schema``, in order) written
    one after another, so a dataset larger than memory is never held whole."""
    rel = f"{DATA}/{owner}-{secrets.token_hex(6)}.{dataset}.parquet"
    path = folder / rel
    path.parent.mkdir(exist_ok=True)
    tmp = path.with_name("." + path.name + ".tmp")
    with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        for part in parts:
            writer.write_table(part, row_group_size=ROW_GROUP_ROWS)
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    return rel


def read_file(folder: Path, rel: str, columns: list[str] | None = None) -> pa.Table:
    """The table in ``folder / rel`` (only ``columns`` when given)."""
    return pq.read_table(folder / rel, columns=columns)


def concat(tables: list[pa.Table]) -> pa.Table:
    """One table of same-schema tables (strings and dictionaries unified)."""
    if len(tables) == 1:
        return tables[0]
    return pa.concat_tables(tables, promote_options="permissive")
