"""Files to frames: the ``articles`` and ``skipped`` frames of a source, before analysis."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from dashboard.frames import conform, frame
from dashboard.readers import RawArticle, read_source

#: Longer texts are listed in ``skipped`` instead of analysed: a news article is tens of
#: thousands of characters; a million is a whole book or a file that is not articles, and
#: would hold the recogniser for minutes.
MAX_ARTICLE_CHARS = 1_000_000

#: The ``articles`` columns the readers fill (``duplicate_of`` comes later).
ARTICLE_COLUMNS = ["article_id", "date", "dateline", "source", "title", "text", "path"]


def too_long_reason(n_chars: int) -> str:
    """The ``skipped`` reason of an article of ``n_chars`` characters."""
    return (
        f"the article is {n_chars:,} characters long; articles longer than "
        f"{MAX_ARTICLE_CHARS:,} characters are not analysed (split the file into articles)"
    )


def articles_frame(articles: Iterable[RawArticle]) -> pd.DataFrame:
    """The ``articles`` frame (without ``duplicate_of`` values) of reader articles.

    Column by column: no dict per article, and every column converted once.
    """
    kept = list(articles)
    return conform(
        "articles",
        pd.DataFrame(
            {col: [getattr(a, col) for a in kept] for col in ARTICLE_COLUMNS},
            columns=ARTICLE_COLUMNS,
        ),
    )


def read_articles(
    source: object, progress: Callable[[int, int], None] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``articles`` and ``skipped`` frames of ``source`` (anything ``read_source``
    takes). ``progress(done, total)`` counts files as the readers go. Articles over
    :data:`MAX_ARTICLE_CHARS` characters become ``skipped`` rows."""
    read = read_source(source, progress=progress)
    too_long = [a for a in read.articles if len(a.text) > MAX_ARTICLE_CHARS]
    articles = articles_frame(a for a in read.articles if len(a.text) <= MAX_ARTICLE_CHARS)
    skipped_rows = [{"item": i, "reason": r} for i, r in read.skipped]
    skipped_rows += [
        {"item": a.path or a.article_id, "reason": too_long_reason(len(a.text))} for a in too_long
    ]
    return articles, frame("skipped", skipped_rows)
