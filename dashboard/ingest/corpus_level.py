"""The steps that need the whole corpus: duplicates, then linking candidate mentions to
actors (one id per actor, canonical Arabic names, mention counts).

They run after stage 1 (duplicates before it too, so that copies are not analysed) and,
for a store, again over the stored candidates whenever its inputs or the linking data
change.
"""

from __future__ import annotations

import pandas as pd

from dashboard.actors.pipeline import link_mentions
from dashboard.frames import conform
from dashboard.ingest.duplicates import duplicate_of


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
