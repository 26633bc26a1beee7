"""Parquet cache of a corpus's frames, keyed by input content and pipeline version.

A key changes when any article, skipped item, the pipeline version or any file the
pipeline reads from ``data/`` (model, gazetteers, stopwords, overrides) changes, so
a changed file or a new model never serves stale frames.
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

import pandas as pd

from dashboard.paths import cache_dir, data_dir

log = logging.getLogger(__name__)

#: Bump when the frames the pipeline produces change shape or meaning.
PIPELINE_VERSION = "1"
#: Oldest cache entries are evicted beyond this total size.
MAX_CACHE_BYTES = int(os.environ.get("DASHBOARD_CACHE_MAX_MB", "2048")) * 1024 * 1024
_FRAMES = ("articles", "sentences", "actors", "mentions", "dates", "skipped", "terms")


@cache
def _data_digest() -> str:
    """Digest of every file under data/ that the pipeline reads (cache excluded)."""
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
    URL parameter), so a link keeps working after an upgrade.
    """
    h = hashlib.blake2b(digest_size=8)
    cols = ["article_id", "date", "dateline", "source", "title", "text"]
    hashed = pd.util.hash_pandas_object(articles[cols].astype("string"), index=False)
    h.update(hashed.to_numpy().tobytes())
    h.update(pd.util.hash_pandas_object(skipped.astype("string"), index=False).to_numpy().tobytes())
    return h.hexdigest()


def cache_key(corpus_fingerprint: str) -> str:
    """The folder name for a corpus under this pipeline version and these data files."""
    raw = f"{corpus_fingerprint}:{PIPELINE_VERSION}:{_data_digest()}"
    return hashlib.blake2b(raw.encode(), digest_size=12).hexdigest()


def load(corpus_fingerprint: str) -> dict[str, pd.DataFrame] | None:
    """The cached frames of a corpus, or None when absent or unreadable."""
    folder = cache_dir() / cache_key(corpus_fingerprint)
    if not (folder / "complete").exists():
        return None
    try:
        frames = {name: pd.read_parquet(folder / f"{name}.parquet") for name in _FRAMES}
    except Exception as exc:  # a damaged cache is rebuilt, never fatal
        log.warning("ignoring unreadable cache %s: %s", folder, exc)
        return None
    os.utime(folder / "complete")  # most recently used: evicted last
    return frames


def save(corpus_fingerprint: str, frames: dict[str, pd.DataFrame]) -> Path | None:
    """Write the frames atomically (temporary folder, then rename); None if it failed."""
    root = cache_dir()
    folder = root / cache_key(corpus_fingerprint)
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
        for name in _FRAMES:
            frames[name].to_parquet(tmp / f"{name}.parquet", index=False)
        (tmp / "meta.json").write_text(
            json.dumps({"fingerprint": corpus_fingerprint, "pipeline": PIPELINE_VERSION})
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
