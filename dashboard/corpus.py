"""``load_corpus``: files in, the data contract's frames out (DESIGN.md).

The pipeline runs in two stages so that the expensive part parallelises:

1. per article (pure, in a process pool for large corpora): sentences, counting
   terms, candidate actor mentions, date expressions;
2. per corpus: duplicate detection, sentence ids, linking mentions to actors.

Results are cached as Parquet, keyed by the content of the inputs and the
pipeline version (``dashboard.cache``).
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import get_context

import numpy as np
import pandas as pd

from dashboard import cache
from dashboard.arabic.normalize import normalize
from dashboard.arabic.sentences import split_sentences
from dashboard.arabic.tokens import counting_terms
from dashboard.frames import FRAME_NAMES, conform, frame

log = logging.getLogger(__name__)

#: progress(fraction 0..1, message) — e.g. Streamlit's ``st.progress(...).progress``.
Progress = Callable[[float, str], None]

#: Longer texts are listed in ``skipped`` instead of analysed: a news article is tens of
#: thousands of characters; a million is a whole book or a file that is not articles, and
#: would hold the recogniser for minutes.
MAX_ARTICLE_CHARS = 1_000_000

#: Below this many articles the pool costs more than it saves.
PARALLEL_MIN_ARTICLES = 400
_CHUNK = 100


@dataclass
class Corpus:
    """The frames of one loaded corpus (DESIGN.md's data contract) and its fingerprint."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    actors: pd.DataFrame
    mentions: pd.DataFrame
    dates: pd.DataFrame
    skipped: pd.DataFrame
    terms: pd.DataFrame
    fingerprint: str
    meta: dict = field(default_factory=dict)

    def frames(self) -> dict[str, pd.DataFrame]:
        """The contract's six frames by name (``terms`` is extra and not included)."""
        return {name: getattr(self, name) for name in FRAME_NAMES}

    def all_frames(self) -> dict[str, pd.DataFrame]:
        """Every frame, ``terms`` included (what the cache stores)."""
        return {**self.frames(), "terms": self.terms}


# --------------------------------------------------------------------------- stage 1


@dataclass
class ArticleResult:
    """What stage 1 finds in one article; plain lists so it pickles cheaply."""

    sentence_spans: list[tuple[int, int]]
    terms: list[tuple[int, str, str]]
    candidates: list[dict]
    dates: list[dict]


def process_article(text: str, article_date: date | None) -> ArticleResult:
    """Sentences, counting terms, candidate mentions and dates of one article text."""
    from dashboard.actors.pipeline import recognize_article
    from dashboard.dates import extract_dates

    spans = split_sentences(text)
    return ArticleResult(
        sentence_spans=spans,
        terms=counting_terms(text),
        candidates=recognize_article(text, spans),
        dates=extract_dates(text, article_date),
    )


def _process_chunk(items: list[tuple[str, date | None]]) -> list[ArticleResult]:
    return [process_article(text, day) for text, day in items]


def _process_all(
    items: list[tuple[str, date | None]], progress: Progress | None, workers: int | None
) -> list[ArticleResult]:
    total = len(items)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    chunks = [items[i : i + _CHUNK] for i in range(0, total, _CHUNK)]
    results: list[ArticleResult] = []

    def report(done: int) -> None:
        if progress:
            progress(0.1 + 0.8 * done / max(total, 1), f"Analysing articles {done:,}/{total:,}")

    if workers > 1 and total >= PARALLEL_MIN_ARTICLES:
        # forkserver: Streamlit runs scripts in threads, and forking a threaded process is unsafe.
        ctx = get_context("forkserver")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            for chunk_result in pool.map(_process_chunk, chunks):
                results.extend(chunk_result)
                report(len(results))
    else:
        for chunk in chunks:
            results.extend(_process_chunk(chunk))
            report(len(results))
    return results


# --------------------------------------------------------------------------- stage 2


def _mark_duplicates(articles: pd.DataFrame) -> pd.Series:
    """``duplicate_of``: the id of the first earlier article with the same normalised text."""
    keys = articles["text"].map(
        lambda t: hashlib.blake2b(normalize(t).encode(), digest_size=16).digest()
    )
    first = keys.groupby(keys, sort=False).transform(lambda s: s.index[0])
    dup_of = articles["article_id"].reindex(first.to_numpy()).to_numpy()
    dup = pd.Series(dup_of, index=articles.index, dtype="string")
    return dup.where(first.to_numpy() != articles.index.to_numpy(), pd.NA)


def _assemble(articles: pd.DataFrame, results: dict[int, ArticleResult]) -> dict[str, pd.DataFrame]:
    """Sentences, terms, dates and candidate frames from the per-article results.

    Items found in an article (terms, dates, candidates) get their ``sentence_id`` by
    one vectorised ``searchsorted`` over corpus-wide character positions.
    """
    idx = list(results)
    if not idx:
        return {
            "sentences": frame("sentences"),
            "terms": frame("terms"),
            "dates": frame("dates"),
            "candidates": pd.DataFrame(),
        }
    n_sent = np.array([len(results[i].sentence_spans) for i in idx], dtype=np.int64)
    first_id = np.concatenate([[0], np.cumsum(n_sent)[:-1]]).astype(np.int64)
    lengths = articles.loc[idx, "text"].str.len().to_numpy(dtype=np.int64) + 1
    base = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    spans = np.array(
        [span for i in idx for span in results[i].sentence_spans], dtype=np.int64
    ).reshape(-1, 2)
    art_of_sentence = np.repeat(np.arange(len(idx)), n_sent)
    aids = articles.loc[idx, "article_id"].to_numpy()

    sentences = pd.DataFrame(
        {
            "article_id": aids[art_of_sentence],
            "sentence_id": np.arange(len(spans), dtype=np.int64),
            "position": np.arange(len(spans)) - first_id[art_of_sentence],
            "start": spans[:, 0],
            "end": spans[:, 1],
        }
    )
    texts = articles.loc[idx, "text"].to_numpy()[art_of_sentence]
    sentences["text"] = [t[s:e] for t, s, e in zip(texts, spans[:, 0], spans[:, 1], strict=True)]
    sentences["date"] = articles.loc[idx, "date"].to_numpy()[art_of_sentence]
    global_starts = base[art_of_sentence] + spans[:, 0]

    def sentence_of(art_pos: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        sid = np.searchsorted(global_starts, base[art_pos] + offsets, side="right") - 1
        # An item before its article's first sentence (leading blank) belongs to that sentence.
        sid = np.maximum(sid, first_id[art_pos])
        return np.where(n_sent[art_pos] > 0, sid, -1)

    def located(kind: str) -> pd.DataFrame:
        per_article = [getattr(results[i], kind) for i in idx]
        counts = np.array([len(items) for items in per_article], dtype=np.int64)
        rows = [item for items in per_article for item in items]
        if kind == "terms":
            df = pd.DataFrame(rows, columns=["start", "term", "display"])
        else:
            df = pd.DataFrame(rows)
        if df.empty:
            return df
        art_pos = np.repeat(np.arange(len(idx)), counts)
        df["article_id"] = aids[art_pos]
        df["sentence_id"] = sentence_of(art_pos, df["start"].to_numpy(dtype=np.int64))
        return df[df["sentence_id"] >= 0]

    terms = located("terms")
    terms = frame("terms") if terms.empty else terms[["sentence_id", "term", "display"]]
    return {
        "sentences": conform("sentences", sentences),
        "terms": terms,
        "dates": conform("dates", located("dates")),
        "candidates": located("candidates"),
    }


# --------------------------------------------------------------------------- entry point


def load_corpus(
    source,
    progress: Progress | None = None,
    use_cache: bool = True,
    workers: int | None = None,
) -> Corpus:
    """Load ``source`` (a path to a file, folder or zip; a list of paths; uploaded files).

    Returns a :class:`Corpus` whose frames follow DESIGN.md's data contract. Nothing
    raises for bad input: unreadable items are rows of ``corpus.skipped``.
    ``progress(fraction, message)`` is called as work advances.
    """
    from dashboard.actors.pipeline import link_mentions
    from dashboard.readers import read_source

    def reader_progress(done: int, total: int) -> None:
        if progress:
            progress(0.1 * done / max(total, 1), f"Reading files {done:,}/{total:,}")

    read = read_source(source, progress=reader_progress)
    too_long = [a for a in read.articles if len(a.text) > MAX_ARTICLE_CHARS]
    articles = conform(
        "articles",
        pd.DataFrame(
            [vars(a) for a in read.articles if len(a.text) <= MAX_ARTICLE_CHARS],
            columns=["article_id", "date", "dateline", "source", "title", "text", "path"],
        ),
    )
    skipped_rows = [{"item": i, "reason": r} for i, r in read.skipped]
    skipped_rows += [
        {
            "item": a.path or a.article_id,
            "reason": f"the article is {len(a.text):,} characters long; articles longer than "
            f"{MAX_ARTICLE_CHARS:,} characters are not analysed (split the file into articles)",
        }
        for a in too_long
    ]
    skipped = frame("skipped", skipped_rows)
    fingerprint = cache.fingerprint(articles, skipped)
    if use_cache:
        frames = cache.load(fingerprint)
        if frames is not None:
            if progress:
                progress(1.0, "Loaded from cache")
            return Corpus(**frames, fingerprint=fingerprint)

    articles["duplicate_of"] = (
        _mark_duplicates(articles) if len(articles) else pd.Series(dtype="string")
    )
    originals = articles.index[articles["duplicate_of"].isna()]
    items = [
        (articles.at[i, "text"], None if pd.isna(d) else d.date())
        for i, d in zip(originals, articles.loc[originals, "date"], strict=True)
    ]
    results = dict(zip(originals, _process_all(items, progress, workers), strict=True))
    parts = _assemble(articles, results)

    if progress:
        progress(0.92, "Linking actors")
    actors, mentions = link_mentions(articles, parts["sentences"], parts["candidates"])
    corpus = Corpus(
        articles=articles,
        sentences=parts["sentences"],
        actors=conform("actors", actors),
        mentions=conform("mentions", mentions),
        dates=parts["dates"],
        skipped=skipped,
        terms=_categorical_terms(parts["terms"]),
        fingerprint=fingerprint,
    )
    if use_cache:
        cache.save(fingerprint, corpus.all_frames())
    if progress:
        progress(1.0, "Done")
    return corpus


def _categorical_terms(terms: pd.DataFrame) -> pd.DataFrame:
    out = terms.reset_index(drop=True).copy()
    out["sentence_id"] = out["sentence_id"].astype("int64")
    out["term"] = out["term"].astype("category")
    out["display"] = out["display"].astype("category")
    return out
