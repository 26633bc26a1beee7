"""The steps that need the whole corpus: duplicates, then linking candidate mentions to
actors (one id per actor, canonical Arabic names, mention counts), then naming the
speakers of the statements stage 1 found by the linked mentions.

They run after stage 1 (duplicates before it too, so that copies are not analysed) and,
for a store, again over the stored candidates and statements whenever its inputs or the
linking data change.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.actors.pipeline import link_mentions
from dashboard.frames import conform, frame
from dashboard.ingest.duplicates import duplicate_of
from dashboard.quotes.extract import quote_id


def mark_duplicates(articles: pd.DataFrame, texts: list[str] | None = None) -> pd.Index:
    """Fill ``articles["duplicate_of"]`` (in place) and return the index labels of the
    originals, the articles to analyse. ``texts``: the articles' texts, if at hand."""
    articles["duplicate_of"] = duplicate_of(articles, texts)
    return articles.index[articles["duplicate_of"].isna()]


def link_actors(
    articles: pd.DataFrame, sentences: pd.DataFrame, candidates: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``actors`` and ``mentions`` frames from the candidate mentions of the corpus
    (``dashboard.actors.link``: ids, overrides, canonical names, counts)."""
    actors, mentions = link_mentions(articles, sentences, candidates)
    return conform("actors", actors), conform("mentions", mentions)


def attribute_quotes(statements: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """The ``quotes`` frame of stage 1's statements (``assemble.statements_frame``) once
    the corpus is linked: stable ids (``dashboard.quotes.quote_id`` of the article and
    the verb's offset, for the statement and the one it is quoted inside) and each
    speaker by :func:`map_speakers`."""
    if not len(statements):
        return frame("quotes")
    articles = statements["article_id"].astype(str).tolist()
    ids = [quote_id(a, v) for a, v in zip(articles, statements["verb_start"].tolist(), strict=True)]
    parents = [
        None if pd.isna(p) else quote_id(a, int(p))
        for a, p in zip(articles, statements["parent_verb_start"].tolist(), strict=True)
    ]
    quotes = statements.drop(columns=["parent_verb_start"]).assign(quote_id=ids, parent_id=parents)
    quotes["speaker"] = map_speakers(quotes, mentions)
    return conform("quotes", quotes)


def map_speakers(quotes: pd.DataFrame, mentions: pd.DataFrame) -> pd.Series:
    """Each quote's speaker: the actor of the linked mention of its article that overlaps
    its antecedent (``antecedent_start``, ``antecedent_end``: the candidate its speaker
    was resolved to) the most, the earliest on a tie (then the first in ``mentions``); NA
    when none does (an actor linking dropped, an unnamed or unresolved speaker). Aligned
    with ``quotes``.

    Vectorised over the corpus: articles become integer codes, mentions are sorted by
    (article, start), and each antecedent reads only the mentions that may overlap it (those
    starting at most the longest mention's length before it), not every mention of its
    article."""
    out = pd.Series(pd.NA, index=quotes.index, dtype="string")
    has = quotes["antecedent_start"].notna().to_numpy()
    if not has.any() or not len(mentions):
        return out
    rows = np.flatnonzero(has)
    a_start = quotes["antecedent_start"].to_numpy()[has].astype(np.int64)
    a_end = quotes["antecedent_end"].to_numpy()[has].astype(np.int64)
    m_code, articles = pd.factorize(mentions["article_id"])
    m_code = m_code.astype(np.int64)
    q_code = (
        pd.Index(articles)
        .astype(str)
        .get_indexer(quotes["article_id"].astype(str).to_numpy()[has])
        .astype(np.int64)
    )
    m_start = mentions["start"].to_numpy(dtype=np.int64)
    m_end = mentions["end"].to_numpy(dtype=np.int64)
    width = int(max(m_end.max(), a_end.max())) + 1  # (article, offset) as one integer
    by_start = np.argsort(m_code * width + m_start, kind="stable")
    keys = (m_code * width + m_start)[by_start]
    lo = np.searchsorted(keys, q_code * width + a_start - int((m_end - m_start).max()))
    hi = np.searchsorted(keys, q_code * width + a_end)
    lo = np.where(q_code >= 0, lo, hi)  # an article without linked mentions reads none
    counts = hi - lo
    pair_row = np.repeat(np.arange(len(rows)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    m = by_start[np.repeat(lo, counts) + offsets]
    overlap = np.minimum(a_end[pair_row], m_end[m]) - np.maximum(a_start[pair_row], m_start[m])
    # the window may reach the end of the article before: keep this article's mentions
    keep = (overlap > 0) & (m_code[m] == q_code[pair_row])
    pair_row, m, overlap = pair_row[keep], m[keep], overlap[keep]
    order = np.lexsort((m, m_start[m], -overlap, pair_row))
    pair_row, m = pair_row[order], m[order]
    first = np.ones(len(pair_row), dtype=bool)
    first[1:] = pair_row[1:] != pair_row[:-1]
    out.iloc[rows[pair_row[first]]] = mentions["actor_id"].iloc[m[first]].astype(str).to_numpy()
    return out
