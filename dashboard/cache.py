"""Parquet cache of a corpus's frames, keyed by input content and pipeline version.

A key changes when any article, skipped item, the pipeline version or any file the
pipeline reads from ``data/`` (model, gazetteers, stopwords, the quote lexicon in
``data/quotes/``, overrides) changes, so a changed file or a new model never serves
stale frames.

Frames are Parquet files (``NAME.parquet``, one per frame), which other tools (DuckDB,
R, Arrow) open too. They are read with pyarrow straight into pandas' Arrow-backed
strings, and categorical columns (Parquet dictionaries) become pandas Categoricals
without a round trip through Python objects.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.frames import STORED_FRAMES
from dashboard.paths import cache_dir, data_dir

log = logging.getLogger(__name__)

#: Bump when the frames the pipeline produces change shape or meaning.
PIPELINE_VERSION = "3"
#: Oldest cache entries are evicted beyond this total size.
MAX_CACHE_BYTES = int(os.environ.get("DASHBOARD_CACHE_MAX_MB", "2048")) * 1024 * 1024
#: Arrow schema metadata key: the dtype of each categorical column's categories.
_CATEGORIES_KEY = b"dashboard.categories"


@cache
def data_digest() -> str:
    """Digest of every file under data/ that the pipeline reads (cache excluded: model,
    gazetteers, word lists, the quote lexicon, overrides). Computed once per process;
    ``data_digest.cache_clear()`` after editing data/ in a running process."""
    h = hashlib.blake2b(digest_size=16)
    root = data_dir()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "cache" not in path.relative_to(root).parts:
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def fingerprint(articles: pd.DataFrame, skipped: pd.DataFrame) -> str:
    """Short hex fingerprint of the loaded input: ids, metadata and text of every article.

    Independent of the pipeline version: it names the corpus (DESIGN.md's ``corpus``
    URL parameter), so a link keeps working after an upgrade. The value is that of
    ``pandas.util.hash_pandas_object(frame.astype("string"), index=False)`` over both
    frames (see :func:`_row_hashes`), so fingerprints and cache keys stay what they were.
    """
    h = hashlib.blake2b(digest_size=8)
    cols = ["article_id", "date", "dateline", "source", "title", "text"]
    h.update(_row_hashes(articles[cols]).tobytes())
    h.update(_row_hashes(skipped).tobytes())
    return h.hexdigest()


def _row_hashes(df: pd.DataFrame) -> np.ndarray:
    """``hash_pandas_object(df.astype("string"), index=False)`` as a uint64 array, faster.

    pandas hashes an Arrow-backed string column by turning its UTF-8 into Python str
    objects and encoding them back; hashing the UTF-8 bytes themselves gives the same
    numbers (SipHash of the UTF-8 bytes) without either step. The columns' hashes are
    combined as pandas does (``pandas.core.util.hashing.combine_hash_arrays``).
    """
    columns = [_string_hashes(df[name]) for name in df.columns]
    if not columns:
        return pd.util.hash_pandas_object(df.astype("string"), index=False).to_numpy()
    out = np.full(len(df), 0x345678, dtype=np.uint64)
    mult = np.uint64(1000003)
    for i, hashed in enumerate(columns):
        out ^= hashed
        out *= mult
        mult += np.uint64(82520 + 2 * (len(columns) - i))
    out += np.uint64(97531)
    return out


def _string_hashes(column: pd.Series) -> np.ndarray:
    """``pandas.util.hash_array`` of ``column.astype("string")``: uint64 per row, NA as 2**64-1."""
    values = column.astype("string").array
    if getattr(values.dtype, "storage", None) != "pyarrow":  # Python-object strings
        return pd.util.hash_array(values)
    arrow = pa.chunked_array(pa.array(values))  # zero-copy: the column's own Arrow data
    raw = arrow.cast(pa.large_binary())
    missing = raw.is_null().to_numpy(zero_copy_only=False)
    hashed = pd.util.hash_array(raw.fill_null(b"").to_numpy(zero_copy_only=False), categorize=False)
    hashed[missing] = np.iinfo(np.uint64).max
    return hashed


def cache_key(corpus_fingerprint: str) -> str:
    """The folder name for a corpus under this pipeline version and these data files."""
    raw = f"{corpus_fingerprint}:{PIPELINE_VERSION}:{data_digest()}"
    return hashlib.blake2b(raw.encode(), digest_size=12).hexdigest()


def load(corpus_fingerprint: str) -> dict[str, pd.DataFrame] | None:
    """The cached frames of a corpus, or None when absent or unreadable."""
    folder = cache_dir() / cache_key(corpus_fingerprint)
    if not (folder / "complete").exists():
        return None
    try:
        frames = {name: _read_frame(folder, name) for name in STORED_FRAMES}
    except Exception as exc:  # a damaged cache is rebuilt, never fatal
        log.warning("ignoring unreadable cache %s: %s", folder, exc)
        return None
    os.utime(folder / "complete")  # most recently used: evicted last
    return frames


def _read_frame(folder: Path, name: str) -> pd.DataFrame:
    """Frame ``name`` of a cache entry, as it was saved."""
    return _to_pandas(pq.read_table(folder / f"{name}.parquet"))


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    """``table.to_pandas()``, with dictionary columns made Categoricals directly.

    pyarrow's own conversion turns a dictionary's values into Python objects and back
    into Arrow strings; here the categories stay Arrow strings and the codes are the
    dictionary indices (copied: pandas may write to a Categorical's codes). The
    categories get the dtype they were saved with (``_arrow_table``), which Arrow
    cannot tell for an empty dictionary.
    """
    saved = json.loads((table.schema.metadata or {}).get(_CATEGORIES_KEY, b"{}"))
    # Parquet keeps a dictionary column as such, unless it has no values at all.
    coded = [
        i
        for i, field in enumerate(table.schema)
        if pa.types.is_dictionary(field.type) or field.name in saved
    ]
    if not coded:
        return table.to_pandas()
    df = table.drop_columns([table.column_names[i] for i in coded]).to_pandas()
    for i in coded:
        name, column, kind = table.column_names[i], table.column(i), table.schema.field(i).type
        if not pa.types.is_dictionary(kind) and column.null_count < len(column):
            values = column.to_pandas()  # a plain column saved as categorical: rebuild it
            df.insert(i, name, values.astype("category"))
            continue
        if not pa.types.is_dictionary(kind) or pa.types.is_null(kind.value_type):
            # No categories at all: every value is missing.
            categories = pd.Index([], dtype=saved.get(name, "object"))
            codes = np.full(len(column), -1, dtype=np.int8)
            df.insert(
                i, name, pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(categories))
            )
            continue
        else:
            values = (
                column.combine_chunks()
                if column.num_chunks
                else pa.DictionaryArray.from_arrays(
                    pa.array([], kind.index_type), pa.array([], kind.value_type)
                )
            )
            categories = pd.Index(values.dictionary.to_pandas())
            if name in saved and str(categories.dtype) != saved[name]:
                categories = categories.astype(saved[name])
            codes = values.indices.fill_null(-1).to_numpy(zero_copy_only=False, writable=True)
        dtype = pd.CategoricalDtype(categories, ordered=kind.ordered)
        df.insert(i, name, pd.Categorical.from_codes(codes, dtype=dtype))
    return df


def _arrow_table(df: pd.DataFrame) -> pa.Table:
    """``df`` as an Arrow table (no index), noting the dtype of each column's categories."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    categories = {
        str(name): str(df[name].cat.categories.dtype)
        for name in df.columns
        if isinstance(df[name].dtype, pd.CategoricalDtype)
    }
    if not categories:
        return table
    metadata = {**(table.schema.metadata or {}), _CATEGORIES_KEY: json.dumps(categories).encode()}
    return table.replace_schema_metadata(metadata)


def save(corpus_fingerprint: str, frames: dict[str, pd.DataFrame]) -> Path | None:
    """Write the frames atomically (temporary folder, then rename); None if it failed."""
    root = cache_dir()
    folder = root / cache_key(corpus_fingerprint)
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
        for name in STORED_FRAMES:
            pq.write_table(_arrow_table(frames[name]), tmp / f"{name}.parquet")
        (tmp / "meta.json").write_text(
            json.dumps(
                {
                    "fingerprint": corpus_fingerprint,
                    "pipeline": PIPELINE_VERSION,
                    "format": "parquet",
                }
            )
        )
        (tmp / "complete").touch()
        if folder.exists():
            shutil.rmtree(tmp, ignore_errors=True)
            return folder
        tmp.rename(folder)
    except OSError as exc:  # a read-only or full disk must not stop the dashboard
        log.warning("could not write cache %s: %s", folder, exc)
        return None
    _evict(root)
    return folder


def _evict(root: Path) -> None:
    """Remove least recently used entries until the cache fits MAX_CACHE_BYTES."""
    entries = []
    for folder in root.iterdir():
        marker = folder / "complete"
        if folder.is_dir() and marker.exists():
            size = sum(f.stat().st_size for f in folder.iterdir())
            entries.append((marker.stat().st_mtime, size, folder))
    total = sum(size for _, size, _ in entries)
    for _, size, folder in sorted(entries):
        if total <= MAX_CACHE_BYTES:
            break
        shutil.rmtree(folder, ignore_errors=True)
        total -= size
