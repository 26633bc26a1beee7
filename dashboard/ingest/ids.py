"""Stable ``sentence_id``s: a 63-bit hash of the article id and the sentence's position.

An id depends on its article and position only, never on which other articles were
loaded or in which order, so a store that grows file by file gives every sentence the
id a single load of all the files gives it (DESIGN.md, "The store").
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

_MASK = np.uint64((1 << 63) - 1)


def _article_hashes(article_ids: pd.Series | pd.api.extensions.ExtensionArray) -> np.ndarray:
    """A uint64 hash of each article id (blake2b of its UTF-8), one call per distinct id."""
    codes, uniques = pd.factorize(article_ids)
    hashed = np.array(
        [
            int.from_bytes(hashlib.blake2b(str(u).encode(), digest_size=8).digest(), "little")
            for u in uniques
        ],
        dtype=np.uint64,
    )
    return hashed[codes] if len(hashed) else np.zeros(len(codes), dtype=np.uint64)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit reaches every output bit."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def sentence_ids(
    article_ids: pd.Series | pd.api.extensions.ExtensionArray, positions: np.ndarray
) -> np.ndarray:
    """The ``sentence_id`` (int64, non-negative) of each (article id, 0-based position)."""
    base = _article_hashes(article_ids)
    with np.errstate(over="ignore"):
        mixed = _mix(base + np.asarray(positions, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))
    return (mixed & _MASK).astype(np.int64)
