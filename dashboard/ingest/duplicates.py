"""``duplicate_of``: exact duplicates (after normalisation) of an earlier article.

Syndicated wire copy is common; a duplicate carries the id of the first article with
the same normalised text and is left out of the analysis and of counts.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from dashboard.arabic.normalize import normalize


def text_key(text: str) -> bytes:
    """16 bytes naming the normalised text: equal keys, duplicate articles."""
    return hashlib.blake2b(normalize(text).encode(), digest_size=16).digest()


def first_of(keys: list[bytes], article_ids: np.ndarray) -> pd.Series:
    """Per row, the id of the first row with the same key, NA on those first rows."""
    codes, _ = pd.factorize(pd.Series(keys, dtype="object"), sort=False)
    # Row position of the first article with each key (factorize numbers keys by first sight).
    _, first_of_code = np.unique(codes, return_index=True)
    first = first_of_code[codes]
    dup = pd.Series(article_ids[first], dtype="string")
    return dup.where(first != np.arange(len(keys)), pd.NA)


def duplicate_of(articles: pd.DataFrame, texts: list[str] | None = None) -> pd.Series:
    """``duplicate_of`` of each row of ``articles``, in their order (index kept).

    ``texts``: ``articles["text"].tolist()`` when the caller has it already.
    """
    if not len(articles):
        return pd.Series(dtype="string", index=articles.index)
    # tolist(): one C-level conversion; iterating the Arrow column yields item by item.
    texts = articles["text"].tolist() if texts is None else texts
    dup = first_of([text_key(t) for t in texts], articles["article_id"].to_numpy())
    return dup.set_axis(articles.index)
