"""Reported statements (quotes): who said what in an article, and where.

- :func:`extract_quotes` — one article's rows of the ``quotes`` frame (pure);
- :func:`quotes_frame` — the frame of a whole corpus from its other frames;
- :func:`load_lexicon` — the reporting verbs and word lists of ``data/quotes/``.
"""

from __future__ import annotations

from dashboard.quotes.extract import HOW_VALUES, POLICIES, QUOTE_COLUMNS, extract_quotes, quote_id
from dashboard.quotes.frame import QUOTE_DTYPES, actor_infos, quotes_frame
from dashboard.quotes.lexicon import QuoteLexicon, load_lexicon
from dashboard.quotes.speakers import ActorInfo, Mention

__all__ = [
    "HOW_VALUES",
    "POLICIES",
    "QUOTE_COLUMNS",
    "QUOTE_DTYPES",
    "ActorInfo",
    "Mention",
    "QuoteLexicon",
    "actor_infos",
    "extract_quotes",
    "load_lexicon",
    "quote_id",
    "quotes_frame",
]
