"""Stage 1: the per-batch analysis of article texts, in whatever process runs it.

``analyse_batch(items) -> BatchResult`` takes (text, date) pairs and returns their
sentences, counting terms, candidate actor mentions, date expressions and reported
statements (quotes before linking names their speakers), packed column-wise. It is a
top-level function of its arguments only (the recogniser, the quote lexicon and the word
lists load from ``data/`` once in the process that runs it), so a process pool or a Dask
worker can run it and pickle the result home.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa

from dashboard.actors.pipeline import recognize_articles_with_tokens
from dashboard.arabic.sentences import split_sentences
from dashboard.arabic.tokens import counting_terms
from dashboard.dates import extract_dates
from dashboard.quotes.frame import statements_of_candidates
from dashboard.quotes.lexicon import load_lexicon

#: One article to analyse: its text and its date (None when unknown).
Item = tuple[str, date | None]


@dataclass
class ArticleResult:
    """What stage 1 finds in one article; plain lists so it pickles cheaply."""

    sentence_spans: list[tuple[int, int]]
    terms: list[tuple[int, str, str]]
    candidates: list[dict]
    dates: list[dict]
    quotes: list[dict]


def process_articles(items: list[Item]) -> list[ArticleResult]:
    """Sentences, counting terms, candidate mentions, dates and statements of each (text,
    date); the recogniser sees them all at once (``recognize_articles_with_tokens``: one
    CRF pass instead of one per article); statements read the candidates and the
    recogniser's tokens and their keys (``dashboard.quotes.statements_of_candidates``:
    speakers are named after linking), and add the speakers' names the recogniser missed
    to the candidates; counting terms are read off the same tokens."""
    spans = [split_sentences(text) for text, _ in items]
    recognised = recognize_articles_with_tokens(
        [(text, s) for (text, _), s in zip(items, spans, strict=True)]
    )
    lexicon = load_lexicon()  # cached: read once per process
    results = []
    for (text, day), s, (cands, tokens, keys) in zip(items, spans, recognised, strict=True):
        names: list[dict] = []  # speakers' names the recogniser missed, found with the quotes
        # the recogniser's tokens and keys: the text is tokenised and normalised once
        quotes = statements_of_candidates(
            text, s, cands, lexicon, tokens=tokens, keys=keys, names=names
        )
        results.append(
            ArticleResult(
                sentence_spans=s,
                terms=counting_terms(text, tokens),
                candidates=[*cands, *names] if names else cands,
                dates=extract_dates(text, day),
                quotes=quotes,
            )
        )
    return results


@dataclass
class BatchResult:
    """Stage-1 results of consecutive articles, packed column-wise for the trip home.

    Per-article lists of tuples and dicts cost a Python object per term and per
    mention, in the pickle and in the parent's memory while the pool runs; here
    counts and offsets are numpy arrays, words are codes into the batch's
    vocabulary (an Arrow string array), and candidates/dates/quotes are one Arrow array per
    field.
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
    n_quotes: np.ndarray
    quotes: dict[str, pa.Array]


def _arrow_columns(rows: list[dict]) -> dict[str, pa.Array]:
    """Dicts with the same keys (a candidate's, a date's, a statement's) as one Arrow array per key: one
    buffer per field instead of a Python object per value, in the pickle and in the
    parent's memory while the pool runs."""
    if not rows:
        return {}
    return {key: pa.array([row[key] for row in rows]) for key in rows[0]}


def _first_use_codes(words: list[str]) -> pa.DictionaryArray:
    """``words`` dictionary-encoded: int32 codes into the distinct words in order of first
    use (Arrow's hash table numbers them as it meets them)."""
    return pa.array(words, pa.string()).dictionary_encode()


def pack_results(results: list[ArticleResult]) -> BatchResult:
    """Pack per-article results into a :class:`BatchResult` (see there)."""
    terms = [t for r in results for t in r.terms]
    # Words become codes into vocabularies in order of first use, encoded by Arrow.
    term = _first_use_codes([t[1] for t in terms])
    display = _first_use_codes([t[2] for t in terms])

    def counts(kind: str) -> np.ndarray:
        return np.array([len(getattr(r, kind)) for r in results], dtype=np.int64)

    return BatchResult(
        n_sentences=counts("sentence_spans"),
        spans=np.array(
            [span for r in results for span in r.sentence_spans], dtype=np.int64
        ).reshape(-1, 2),
        n_terms=counts("terms"),
        term_start=np.array([t[0] for t in terms], dtype=np.int32),
        term_code=term.indices.to_numpy(),
        display_code=display.indices.to_numpy(),
        term_vocab=term.dictionary,
        display_vocab=display.dictionary,
        n_candidates=counts("candidates"),
        candidates=_arrow_columns([c for r in results for c in r.candidates]),
        n_dates=counts("dates"),
        dates=_arrow_columns([d for r in results for d in r.dates]),
        n_quotes=counts("quotes"),
        quotes=_arrow_columns([q for r in results for q in r.quotes]),
    )


def analyse_batch(items: list[Item]) -> BatchResult:
    """Stage 1 of a batch of (text, date) items, packed (picklable in and out)."""
    return pack_results(process_articles(items))
