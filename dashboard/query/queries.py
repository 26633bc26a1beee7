"""``StoreQueries``: every question the pages ask, answered by DuckDB over a store.

One object per store generation, shared by every Streamlit session (each thread
queries through its own cursor; see ``dashboard.query.database``). Every method takes
the filter (a ``QueryFilter``, an analysis ``Filter`` or None) first and returns a small
pandas frame (or dict) equal to what the same-named function of
``dashboard.analysis`` computes on ``load_corpus`` of the same inputs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.analysis.comention import Comention
from dashboard.query import comention as co_mention
from dashboard.query import counts, export, profile, quotes, sentences, terms, timeline
from dashboard.query.database import MEMORY_LIMIT, THREADS, StoreDatabase
from dashboard.query.filter import QueryFilter
from dashboard.query.quotes import QuotePage
from dashboard.query.sentences import SearchPage
from dashboard.store.manifest import read_manifest


class StoreQueries:
    """Queries over the store in ``store_path`` (the generation current when opened).

    ``memory_limit`` and ``threads`` bound DuckDB for the whole object (all sessions);
    ``temp_directory`` is where a query over the limit spills.
    """

    def __init__(
        self,
        store_path: str | Path,
        memory_limit: str = MEMORY_LIMIT,
        threads: int = THREADS,
        temp_directory: str | Path | None = None,
    ) -> None:
        self.db = StoreDatabase(store_path, memory_limit, threads, temp_directory)

    # -- the store -------------------------------------------------------------------

    @property
    def store_id(self) -> str:
        return self.db.store_id

    @property
    def generation(self) -> int:
        return self.db.generation

    def is_current(self) -> bool:
        """False once an ingest has published a newer generation (open a new object)."""
        return read_manifest(self.db.store.folder).generation == self.generation

    def close(self) -> None:
        self.db.close()

    def filter_options(self) -> dict:
        """sources, kinds, date_min, date_max a filter can choose (``analysis.filter_options``)."""
        return counts.filter_options(self.db)

    # -- who -------------------------------------------------------------------------

    def summary(self, flt: Any = None) -> dict:
        """Headline numbers: articles, sentences, actors, mentions, date_min, date_max,
        sources, undated, duplicates (``analysis.summary``)."""
        return counts.summary(self.db, QueryFilter.of(flt))

    def top_actors(self, flt: Any = None, n: int | None = 20, kinds=None) -> pd.DataFrame:
        """actor_id, name_ar, name_en, kind, country, mentions, articles, sentences of the
        ``n`` most mentioned actors (``analysis.top_actors``)."""
        return counts.top_actors(self.db, QueryFilter.of(flt), n, kinds)

    def actor_table(
        self, flt: Any = None, include_unmentioned: bool = False, limit: int | None = None
    ) -> pd.DataFrame:
        """``top_actors`` of every actor + first_seen, last_seen (``analysis.actor_table``);
        the first ``limit`` rows when given."""
        return counts.actor_table(self.db, QueryFilter.of(flt), include_unmentioned, limit)

    def search_actors(self, text: str = "", limit: int = 20, kinds=None) -> pd.DataFrame:
        """The actor picker: at most ``limit`` actors whose folded Arabic or English name
        contains ``text``; names starting with it first, then by mentions. Columns:
        actor_id, name_ar, name_en, kind, country, mentions, label."""
        return counts.search_actors(self.db, text, limit, kinds)

    def actors_by_id(self, actor_ids) -> pd.DataFrame:
        """Rows (with ``label``) of the given actors, in order; unknown ids dropped."""
        return counts.actors_by_id(self.db, actor_ids)

    # -- with whom -------------------------------------------------------------------

    def comention(
        self,
        flt: Any = None,
        actor_ids=None,
        top_n: int = 20,
        window: str = "sentence",
        measure: str = "count",
        order: str = "frequency",
        min_count: int = 1,
    ) -> Comention:
        """The co-mention matrix and co-counts (``analysis.comention``)."""
        return co_mention.comention(
            self.db, QueryFilter.of(flt), actor_ids, top_n, window, measure, order, min_count
        )

    def pair_sentences(self, flt: Any, a: str, b: str, window: str = "sentence") -> pd.DataFrame:
        """The sentences of the pair (``a``, ``b``) (``analysis.pair_sentences``)."""
        return co_mention.pair_sentences(self.db, QueryFilter.of(flt), a, b, window)

    # -- when ------------------------------------------------------------------------

    def mentions_over_time(
        self, flt: Any = None, actor_ids=None, freq: str = "W", top_n: int = 5
    ) -> pd.DataFrame:
        """period, actor_id, mentions, zero-filled (``analysis.mentions_over_time``)."""
        return timeline.mentions_over_time(self.db, QueryFilter.of(flt), actor_ids, freq, top_n)

    def articles_over_time(
        self, flt: Any = None, freq: str = "W", by_source: bool = False
    ) -> pd.DataFrame:
        """period (, source), articles, zero-filled (``analysis.articles_over_time``)."""
        return timeline.articles_over_time(self.db, QueryFilter.of(flt), freq, by_source)

    def referenced_dates(self, flt: Any = None, granularity=None) -> pd.DataFrame:
        """One row per TIMEX3 value in the text (``analysis.referenced_dates``)."""
        return timeline.referenced_dates(self.db, QueryFilter.of(flt), granularity)

    def dates(self, flt: Any = None) -> pd.DataFrame:
        """The ``dates`` rows of the filter's sentences, by article id and offsets."""
        return sentences.dates_rows(self.db, QueryFilter.of(flt))

    # -- what ------------------------------------------------------------------------

    def term_frequencies(
        self, flt: Any = None, sentence_ids=None, top_n: int | None = None, names: str = "merge"
    ) -> pd.DataFrame:
        """term, display, count; actor names counted as ``names`` says (merge, omit,
        split) (``analysis.term_frequencies``)."""
        return terms.term_frequencies(self.db, QueryFilter.of(flt), sentence_ids, top_n, names)

    def word_cloud_frequencies(
        self, flt: Any = None, max_words: int = 150, names: str = "merge"
    ) -> dict[str, int]:
        """display -> count for the word cloud (``analysis.word_cloud_frequencies``)."""
        return terms.word_cloud_frequencies(self.db, QueryFilter.of(flt), max_words, names)

    def terms_and_cloud(
        self, flt: Any, top_n: int, max_words: int, names: str = "merge"
    ) -> tuple[pd.DataFrame, dict[str, int]]:
        """(``term_frequencies(flt, top_n=top_n, names=names)``,
        ``word_cloud_frequencies(flt, max_words, names)``) in one query."""
        return terms.terms_and_cloud(self.db, QueryFilter.of(flt), top_n, max_words, names)

    def search_sentences(
        self, flt: Any = None, query: str = "", offset: int = 0, limit: int | None = 50
    ) -> SearchPage:
        """One page of the filter's sentences matching ``query``, with their mentions
        (``analysis.search_sentences``, paged)."""
        return sentences.search_sentences(self.db, QueryFilter.of(flt), query, offset, limit)

    # -- export ----------------------------------------------------------------------

    def export_csv(self, dataset: str, flt: Any, path: str | Path) -> Path:
        """Write the filter's ``dataset`` rows (articles, sentences, mentions or dates,
        contract columns) to ``path`` as CSV, spreadsheet formulas defused
        (``dashboard.query.export``); returns ``path``."""
        return export.write_csv(self.db, QueryFilter.of(flt), dataset, path)

    # -- who said what ---------------------------------------------------------------

    def quotes(
        self, flt: Any = None, speakers=None, offset: int = 0, limit: int | None = 50
    ) -> QuotePage:
        """One page of the quotes the filter keeps, newest first (a selected actor's
        quotes count even where the sentence does not name them); only those of
        ``speakers`` when given (``dashboard.query.quotes``)."""
        return quotes.quotes(self.db, QueryFilter.of(flt), speakers, offset, limit)

    def speaker_quotes(self, flt: Any, speakers, limit: int = 50) -> dict[str, QuotePage]:
        """speaker -> ``quotes(flt, [speaker], 0, limit)`` for each of ``speakers``, in one
        query (the two sides of a comparison)."""
        return quotes.speaker_pages(self.db, QueryFilter.of(flt), speakers, limit)

    # -- one actor, two actors (the filter's actors are replaced by theirs) ----------

    def actor_summary(self, flt: Any, actor_id: str) -> dict:
        """mentions, articles, sentences, first_seen, last_seen, quotes of one actor."""
        return profile.actor_summary(self.db, QueryFilter.of(flt), actor_id)

    def actor_timeline(
        self, flt: Any, actor_ids, freq: str = "W", by_source: bool = False
    ) -> pd.DataFrame:
        """period, actor_id (, source), mentions of the actors, zero-filled over their span."""
        return profile.actor_timeline(self.db, QueryFilter.of(flt), actor_ids, freq, by_source)

    def actor_partners(
        self,
        flt: Any,
        actor_id: str,
        n: int | None = 20,
        window: str = "sentence",
        min_count: int | None = None,
        order: str = "pmi",
    ) -> pd.DataFrame:
        """The actors named with ``actor_id``: together, windows, jaccard, pmi (NaN below
        ``min_count`` together, by default ``profile.partner_min_count``)."""
        return profile.actor_partners(
            self.db, QueryFilter.of(flt), actor_id, n, window, min_count, order
        )

    def shared_partners(self, flt: Any, a: str, b: str, n: int | None = 20) -> pd.DataFrame:
        """The actors named with both ``a`` and ``b``: with_a, with_b."""
        return profile.shared_partners(self.db, QueryFilter.of(flt), a, b, n)

    def actor_words(
        self, flt: Any, actor_id: str, top_n: int | None = 30, min_count: int | None = 3
    ) -> pd.DataFrame:
        """The words distinguishing the sentences naming ``actor_id``: count, other, z
        (``min_count=None``: ``profile.word_min_count`` of the actor's words)."""
        return profile.actor_words(self.db, QueryFilter.of(flt), actor_id, top_n, min_count)

    def compare_words(
        self, flt: Any, a: str, b: str, top_n: int | None = 30, min_count: int | None = 3
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The words of ``a``'s sentences against ``b``'s, and the reverse."""
        return profile.compare_words(self.db, QueryFilter.of(flt), a, b, top_n, min_count)

    def actor_dates(self, flt: Any, actor_id: str, granularity=None) -> pd.DataFrame:
        """The dates the sentences naming ``actor_id`` talk about (``referenced_dates``)."""
        return profile.actor_dates(self.db, QueryFilter.of(flt), actor_id, granularity)
