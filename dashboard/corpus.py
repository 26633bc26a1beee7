"""``load_corpus``: files in, the data contract's frames out (DESIGN.md).

The pipeline (``dashboard.ingest``) runs in two stages so that the expensive part
parallelises:

1. per batch of articles (pure, in a process pool for large corpora): sentences,
   counting terms, candidate actor mentions, date expressions, reported statements;
2. per corpus: duplicate detection, sentence ids, linking mentions to actors, naming
   the statements' speakers by the linked mentions.

Results are cached as Parquet, keyed by the content of the inputs and the
pipeline version (``dashboard.cache``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard import cache
from dashboard.frames import FRAME_NAMES, frame
from dashboard.ingest.assemble import assemble
from dashboard.ingest.corpus_level import attribute_quotes, link_actors, mark_duplicates
from dashboard.ingest.progress import Clock, Progress, Reporter
from dashboard.ingest.read import read_articles
from dashboard.ingest.runner import run_batches

__all__ = ["Corpus", "load_corpus"]


@dataclass
class Corpus:
    """The frames of one loaded corpus (DESIGN.md's data contract) and its fingerprint.
    ``quotes`` comes last and may be left out (an empty frame), for code that builds a
    corpus by hand."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    actors: pd.DataFrame
    mentions: pd.DataFrame
    dates: pd.DataFrame
    skipped: pd.DataFrame
    terms: pd.DataFrame
    fingerprint: str
    meta: dict = field(default_factory=dict)
    quotes: pd.DataFrame = field(default_factory=lambda: frame("quotes"))

    def frames(self) -> dict[str, pd.DataFrame]:
        """The contract's seven frames by name (``terms`` is extra and not included)."""
        return {name: getattr(self, name) for name in FRAME_NAMES}

    def all_frames(self) -> dict[str, pd.DataFrame]:
        """Every frame, ``terms`` included (what the cache stores)."""
        return {**self.frames(), "terms": self.terms}


def load_corpus(
    source: object,
    progress: Progress | None = None,
    use_cache: bool = True,
    workers: int | None = None,
) -> Corpus:
    """Load ``source`` (a path to a file, folder or zip; a list of paths; uploaded files).

    Returns a :class:`Corpus` whose frames follow DESIGN.md's data contract. Nothing
    raises for bad input: unreadable items are rows of ``corpus.skipped``.
    ``progress(event)`` receives a ``dashboard.ingest.progress.ProgressEvent`` as work
    advances. ``use_cache``: read and write the Parquet cache. ``workers``: the stage-1
    process pool's size (default: the machine's cores; 1 runs in this process).
    """
    report = Reporter(progress)
    clock = Clock()
    articles, skipped = read_articles(
        source, progress=lambda done, total: report("reading", done, total)
    )
    fingerprint = cache.fingerprint(articles, skipped)
    clock.lap("read")
    if use_cache:
        frames = cache.load(fingerprint)
        if frames is not None:
            n = len(frames["articles"])
            report("done", n, n)
            clock.lap("cache_read")
            return Corpus(**frames, fingerprint=fingerprint, meta={"timings": clock.laps})
    corpus = _analyse(articles, skipped, fingerprint, report, workers, clock)
    if use_cache:
        report("saving", 0, 1)
        cache.save(fingerprint, corpus.all_frames())
        report("saving", 1, 1)
        clock.lap("cache_write")
    report("done", len(articles), len(articles))
    return corpus


def _analyse(
    articles: pd.DataFrame,
    skipped: pd.DataFrame,
    fingerprint: str,
    report: Reporter,
    workers: int | None,
    clock: Clock,
) -> Corpus:
    """The cold path of :func:`load_corpus`: duplicates, stage 1, assembly, linking,
    speakers."""
    # One Python string per text, shared by the duplicate check and the batches' items.
    texts = articles["text"].tolist()
    originals = mark_duplicates(articles, texts)
    days = articles["date"].tolist()
    items = [
        (texts[p], None if pd.isna(days[p]) else days[p].date())
        for p in articles.index.get_indexer(originals).tolist()
    ]
    del texts, days
    clock.lap("duplicates")
    packed = run_batches(
        items, progress=lambda done, total: report("analysing", done, total), workers=workers
    )
    del items
    clock.lap("analyse")
    parts = assemble(articles, originals, packed)
    del packed
    clock.lap("assemble")
    report("linking", 0, 1)
    actors, mentions = link_actors(articles, parts["sentences"], parts.pop("candidates"))
    quotes = attribute_quotes(parts.pop("statements"), mentions)
    report("linking", 1, 1)
    clock.lap("link")
    return Corpus(
        articles=articles,
        sentences=parts["sentences"],
        actors=actors,
        mentions=mentions,
        dates=parts["dates"],
        quotes=quotes,
        skipped=skipped,
        terms=parts["terms"],
        fingerprint=fingerprint,
        meta={"timings": clock.laps},
    )
