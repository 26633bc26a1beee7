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
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import get_context

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

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
    return process_articles([(text, article_date)])[0]


def process_articles(items: list[tuple[str, date | None]]) -> list[ArticleResult]:
    """:func:`process_article` of each (text, date); the recogniser sees them all at once
    (``recognize_articles``: one CRF pass instead of one per article)."""
    from dashboard.actors.pipeline import recognize_articles
    from dashboard.dates import extract_dates

    spans = [split_sentences(text) for text, _ in items]
    candidates = recognize_articles([(text, s) for (text, _), s in zip(items, spans, strict=True)])
    return [
        ArticleResult(
            sentence_spans=s,
            terms=counting_terms(text),
            candidates=cands,
            dates=extract_dates(text, day),
        )
        for (text, day), s, cands in zip(items, spans, candidates, strict=True)
    ]


@dataclass
class ChunkResult:
    """Stage-1 results of consecutive articles, packed column-wise for the trip home.

    Per-article lists of tuples and dicts cost a Python object per term and per
    mention, in the pickle and in the parent's memory while the pool runs; here
    counts and offsets are numpy arrays, words are codes into the chunk's
    vocabulary (an Arrow string array), and candidates/dates are one Arrow array per field.
    """

    n_sentences: np.ndarray  # per article
    spans: np.ndarray  # (sentences, 2) start, end
    n_terms: np.ndarray  # per article
    term_start: np.ndarray
    term_code: np.ndarray  # into term_vocab
    display_code: np.ndarray  # into display_vocab
    term_vocab: pa.Array  # strings
    display_vocab: pa.Array
    n_candidates: np.ndarray  # per article
    candidates: dict[str, pa.Array]  # field -> values, in article order
    n_dates: np.ndarray
    dates: dict[str, pa.Array]


def _columns(rows: list[dict]) -> dict[str, list]:
    """Dicts with the same keys (recognize_article's, extract_dates') as one list per key."""
    return {key: [row[key] for row in rows] for key in rows[0]} if rows else {}


def _arrow_columns(rows: list[dict]) -> dict[str, pa.Array]:
    """:func:`_columns` as Arrow arrays: one buffer per field instead of a Python object
    per value, in the pickle and in the parent's memory while the pool runs."""
    return {key: pa.array(values) for key, values in _columns(rows).items()}


def pack_results(results: list[ArticleResult]) -> ChunkResult:
    """Pack per-article results into a :class:`ChunkResult` (see there)."""
    terms_vocab: dict[str, int] = {}
    display_vocab: dict[str, int] = {}
    starts, tcodes, dcodes = [], [], []
    for r in results:
        for start, term, display in r.terms:
            starts.append(start)
            tcodes.append(terms_vocab.setdefault(term, len(terms_vocab)))
            dcodes.append(display_vocab.setdefault(display, len(display_vocab)))

    def counts(kind: str) -> np.ndarray:
        return np.array([len(getattr(r, kind)) for r in results], dtype=np.int64)

    return ChunkResult(
        n_sentences=counts("sentence_spans"),
        spans=np.array(
            [span for r in results for span in r.sentence_spans], dtype=np.int64
        ).reshape(-1, 2),
        n_terms=counts("terms"),
        term_start=np.array(starts, dtype=np.int32),
        term_code=np.array(tcodes, dtype=np.int32),
        display_code=np.array(dcodes, dtype=np.int32),
        term_vocab=pa.array(list(terms_vocab), pa.string()),
        display_vocab=pa.array(list(display_vocab), pa.string()),
        n_candidates=counts("candidates"),
        candidates=_arrow_columns([c for r in results for c in r.candidates]),
        n_dates=counts("dates"),
        dates=_arrow_columns([d for r in results for d in r.dates]),
    )


def _process_chunk(items: list[tuple[str, date | None]]) -> ChunkResult:
    return pack_results(process_articles(items))


def _process_all(
    items: list[tuple[str, date | None]], progress: Progress | None, workers: int | None
) -> list[ChunkResult]:
    total = len(items)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    chunks = [items[i : i + _CHUNK] for i in range(0, total, _CHUNK)]
    results: list[ChunkResult] = []
    done = 0

    def report(done: int) -> None:
        if progress:
            progress(0.1 + 0.8 * done / max(total, 1), f"Analysing articles {done:,}/{total:,}")

    if workers > 1 and total >= PARALLEL_MIN_ARTICLES:
        # forkserver: Streamlit runs scripts in threads, and forking a threaded process is unsafe.
        # (No max_tasks_per_child: on Python 3.11 the pool can hang when a worker retires.)
        ctx = get_context("forkserver")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            for chunk, packed in zip(chunks, pool.map(_process_chunk, chunks), strict=True):
                results.append(packed)
                done += len(chunk)
                report(done)
    else:
        for chunk in chunks:
            results.append(_process_chunk(chunk))
            done += len(chunk)
            report(done)
    return results


# --------------------------------------------------------------------------- stage 2


def _mark_duplicates(articles: pd.DataFrame, texts: list[str] | None = None) -> pd.Series:
    """``duplicate_of``: the id of the first earlier article with the same normalised text.

    ``texts``: ``articles["text"].tolist()`` when the caller has it already.
    """
    # tolist(): one C-level conversion; iterating the Arrow column yields item by item.
    texts = articles["text"].tolist() if texts is None else texts
    keys = [hashlib.blake2b(normalize(t).encode(), digest_size=16).digest() for t in texts]
    codes, _ = pd.factorize(pd.Series(keys, dtype="object"), sort=False)
    # Row position of the first article with each key (factorize numbers keys by first sight).
    _, first_of_code = np.unique(codes, return_index=True)
    first = first_of_code[codes]
    dup_of = articles["article_id"].to_numpy()[first]
    dup = pd.Series(dup_of, index=articles.index, dtype="string")
    return dup.where(first != np.arange(len(articles)), pd.NA)


def _assemble(
    articles: pd.DataFrame, analysed: pd.Index, chunks: list[ChunkResult]
) -> dict[str, pd.DataFrame]:
    """Sentences, terms, dates and candidate frames from the packed stage-1 results.

    ``analysed``: the index labels of the analysed articles, in the order of ``chunks``.
    Items found in an article (terms, dates, candidates) get their ``sentence_id`` by
    one vectorised ``searchsorted`` over corpus-wide character positions.
    """
    idx = list(analysed)
    if not idx:
        return {
            "sentences": frame("sentences"),
            "terms": _empty_terms(),
            "dates": frame("dates"),
            "candidates": pd.DataFrame(),
        }
    n_sent = np.concatenate([c.n_sentences for c in chunks])
    first_id = np.concatenate([[0], np.cumsum(n_sent)[:-1]]).astype(np.int64)
    # Row positions instead of .loc[idx]: a .loc take would copy every article's text.
    pos = articles.index.get_indexer(analysed)
    lengths = articles["text"].str.len().to_numpy(dtype=np.int64)[pos] + 1
    base = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    spans = np.concatenate([c.spans for c in chunks]).astype(np.int64).reshape(-1, 2)
    art_of_sentence = np.repeat(np.arange(len(idx)), n_sent)
    # Arrow takes: ids are repeated per row without a Python string each.
    aids = articles["article_id"].array.take(pos)

    sentences = pd.DataFrame(
        {
            "article_id": aids.take(art_of_sentence),
            "sentence_id": np.arange(len(spans), dtype=np.int64),
            "position": (np.arange(len(spans)) - first_id[art_of_sentence]).astype(np.int32),
            "text": _sentence_texts(articles["text"].array, pos, first_id, n_sent, spans),
            "start": spans[:, 0].astype(np.int32),
            "end": spans[:, 1].astype(np.int32),
            "date": articles["date"].to_numpy()[pos][art_of_sentence],
        }
    )
    global_starts = base[art_of_sentence] + spans[:, 0]

    def sentence_of(art_pos: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        sid = np.searchsorted(global_starts, base[art_pos] + offsets, side="right") - 1
        # An item before its article's first sentence (leading blank) belongs to that sentence.
        sid = np.maximum(sid, first_id[art_pos])
        return np.where(n_sent[art_pos] > 0, sid, -1)

    def located(kind: str) -> pd.DataFrame:
        counts = np.concatenate([getattr(c, "n_" + kind) for c in chunks])
        fields: dict[str, list] = {}
        for c in chunks:
            for key, values in getattr(c, kind).items():
                fields.setdefault(key, []).append(values)
        df = pd.DataFrame({key: _field(parts) for key, parts in fields.items()})
        if df.empty:
            return df
        art_pos = np.repeat(np.arange(len(idx)), counts)
        df["article_id"] = aids.take(art_pos)
        df["sentence_id"] = sentence_of(art_pos, df["start"].to_numpy(dtype=np.int64))
        return df[df["sentence_id"] >= 0]

    return {
        "sentences": conform("sentences", sentences),
        "terms": _terms_frame(chunks, idx, sentence_of),
        "dates": conform("dates", located("dates")),
        "candidates": located("candidates"),
    }


def _field(parts: list[pa.Array]):
    """One candidates/dates field over all chunks (one Arrow array per chunk).

    Strings become pandas' ``str`` dtype without a copy; a chunk whose values are all
    missing (Arrow's null type) takes the type of the others.
    """
    typed = [p for p in parts if p.type != pa.null()]
    kind = typed[0].type if typed else pa.null()
    if pa.types.is_string(kind):
        kind = pa.large_string()
    joined = pa.concat_arrays([p.cast(kind) for p in parts])
    return pd.array(joined, dtype="str") if kind == pa.large_string() else joined.to_pandas()


def _sentence_texts(
    texts, pos: np.ndarray, first_id: np.ndarray, n_sent: np.ndarray, spans: np.ndarray
) -> pd.api.extensions.ExtensionArray:
    """The text of every sentence (``texts[pos[i]][start:end]`` for the i-th analysed
    article's sentences) as a pandas ``string`` array, built a block of articles at a
    time: only one block's texts and slices exist as Python strings at once."""
    block = 1000
    pieces = []
    for a0 in range(0, len(pos), block):
        a1 = min(a0 + block, len(pos))
        s0, s1 = first_id[a0], first_id[a1 - 1] + n_sent[a1 - 1]
        local = texts.take(pos[a0:a1]).tolist()
        arts = np.repeat(np.arange(a1 - a0), n_sent[a0:a1])
        cuts = spans[s0:s1]
        pieces.append(
            pa.array(
                [local[a][s:e] for a, s, e in zip(arts.tolist(), *cuts.T.tolist(), strict=True)],
                type=pa.large_string(),
            )
        )
    chunked = pa.chunked_array(pieces, type=pa.large_string())
    return pd.array(chunked, dtype="string")


def _categories(
    chunks: list[ChunkResult], codes: str, vocab: str, keep: np.ndarray
) -> pd.Categorical:
    """One categorical over the kept rows of all chunks, from their local codes and
    vocabularies; its categories are the words those rows use, sorted.

    Vectorised in Arrow: the chunks' vocabularies are dictionary-encoded together, the
    distinct words sorted once (UTF-8 byte order is code point order, as ``sorted``),
    local codes become ranks through an offset per chunk, unused words go by ``bincount``.
    """
    vocabs = [getattr(c, vocab) for c in chunks]
    encoded = pa.concat_arrays([v.cast(pa.large_string()) for v in vocabs]).dictionary_encode()
    words = encoded.dictionary
    order = pc.array_sort_indices(words).to_numpy()
    rank = np.empty(len(words), dtype=np.int64)
    rank[order] = np.arange(len(words))
    global_of = rank[encoded.indices.to_numpy()]
    del encoded, rank
    local_codes = [getattr(c, codes) for c in chunks]
    offsets = np.cumsum([0] + [len(v) for v in vocabs[:-1]], dtype=np.int64)
    row_offset = np.repeat(offsets, [len(x) for x in local_codes])
    all_codes = global_of[np.concatenate(local_codes).astype(np.int64) + row_offset][keep]
    del row_offset, global_of
    used = np.flatnonzero(np.bincount(all_codes, minlength=len(words)))
    new_code = np.zeros(len(words), dtype=np.int64)
    new_code[used] = np.arange(len(used))
    categories = pd.Index(words.take(order[used]).to_pylist(), dtype="str")
    return pd.Categorical.from_codes(new_code[all_codes], categories=categories)


def _terms_frame(chunks: list[ChunkResult], idx: list, sentence_of) -> pd.DataFrame:
    """The terms frame: sentence_id and categorical term/display (sorted categories)."""
    counts = np.concatenate([c.n_terms for c in chunks])
    if not counts.sum():
        return _empty_terms()
    art_pos = np.repeat(np.arange(len(idx)), counts)
    sid = sentence_of(art_pos, np.concatenate([c.term_start for c in chunks]))
    del art_pos
    keep = sid >= 0
    out = {"sentence_id": sid[keep].astype("int64")}
    del sid
    for name, codes, vocab in (
        ("term", "term_code", "term_vocab"),
        ("display", "display_code", "display_vocab"),
    ):
        out[name] = _categories(chunks, codes, vocab, keep)
    return pd.DataFrame(out)


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
    from dashboard.readers import read_source

    def reader_progress(done: int, total: int) -> None:
        if progress:
            progress(0.1 * done / max(total, 1), f"Reading files {done:,}/{total:,}")

    clock = _Clock()
    read = read_source(source, progress=reader_progress)
    too_long = [a for a in read.articles if len(a.text) > MAX_ARTICLE_CHARS]
    kept = [a for a in read.articles if len(a.text) <= MAX_ARTICLE_CHARS]
    columns = ["article_id", "date", "dateline", "source", "title", "text", "path"]
    # Column by column: no dict per article, and every column converted once.
    articles = conform(
        "articles",
        pd.DataFrame({col: [getattr(a, col) for a in kept] for col in columns}, columns=columns),
    )
    del kept
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
    # The articles' texts now live in the frame: free the readers' copies before the pool.
    del read, too_long, skipped_rows
    fingerprint = cache.fingerprint(articles, skipped)
    clock.lap("read")
    if use_cache:
        frames = cache.load(fingerprint)
        if frames is not None:
            if progress:
                progress(1.0, "Loaded from cache")
            clock.lap("cache_read")
            return Corpus(**frames, fingerprint=fingerprint, meta={"timings": clock.laps})

    return _analyse(articles, skipped, fingerprint, progress, use_cache, workers, clock)


def _analyse(articles, skipped, fingerprint, progress, use_cache, workers, clock) -> Corpus:
    """The cold path of :func:`load_corpus`: stage 1 in the pool, stage 2, the cache write."""
    from dashboard.actors.pipeline import link_mentions

    # One Python string per text, shared by the duplicate check and the pool's work items.
    texts = articles["text"].tolist()
    articles["duplicate_of"] = (
        _mark_duplicates(articles, texts) if len(articles) else pd.Series(dtype="string")
    )
    originals = articles.index[articles["duplicate_of"].isna()]
    days = articles["date"].tolist()
    items = [
        (texts[p], None if pd.isna(days[p]) else days[p].date())
        for p in articles.index.get_indexer(originals).tolist()
    ]
    del texts, days
    clock.lap("duplicates")
    packed = _process_all(items, progress, workers)
    del items
    clock.lap("analyse")
    parts = _assemble(articles, originals, packed)
    del packed
    clock.lap("assemble")

    if progress:
        progress(0.92, "Linking actors")
    candidates = parts.pop("candidates")
    actors, mentions = link_mentions(articles, parts["sentences"], candidates)
    del candidates  # not needed for the cache write and the Corpus
    clock.lap("link")
    corpus = Corpus(
        articles=articles,
        sentences=parts["sentences"],
        actors=conform("actors", actors),
        mentions=conform("mentions", mentions),
        dates=parts["dates"],
        skipped=skipped,
        terms=parts["terms"],
        fingerprint=fingerprint,
        meta={"timings": clock.laps},
    )
    if use_cache:
        cache.save(fingerprint, corpus.all_frames())
        clock.lap("cache_write")
    if progress:
        progress(1.0, "Done")
    return corpus


class _Clock:
    """Seconds spent per pipeline stage (``corpus.meta["timings"]``, for benchmarks)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self._last
        self._last = now


def _empty_terms() -> pd.DataFrame:
    """A terms frame without rows, with the dtypes of a full one (categorical words)."""
    return frame("terms").astype({"term": "category", "display": "category"})
