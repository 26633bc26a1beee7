"""Batch results to frames: sentences, terms, dates, candidate mentions and statements.

``assemble(articles, analysed, batches)`` turns the packed stage-1 results of the
analysed articles into the ``sentences``, ``terms`` and ``dates`` frames, the candidate
mentions that linking reads and the statements whose speakers linking names (see
``corpus_level.attribute_quotes``). Items found in an article (terms, dates, candidates,
statements by their verb) get their ``sentence_id`` by one vectorised ``searchsorted``
over corpus-wide character positions.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.frames import SCHEMAS, conform, frame
from dashboard.ingest.batch import BatchResult
from dashboard.ingest.ids import sentence_ids
from dashboard.quotes.frame import STATEMENT_FIELDS

#: (article positions among the analysed, character offsets) -> sentence ids, -1 for none.
SentenceOf = Callable[[np.ndarray, np.ndarray], np.ndarray]


def empty_terms() -> pd.DataFrame:
    """A terms frame without rows, with the dtypes of a full one (categorical words)."""
    return frame("terms").astype({"term": "category", "display": "category"})


def empty_statements() -> pd.DataFrame:
    """A statements frame (see :func:`statements_frame`) without rows."""
    return statements_frame(pd.DataFrame())


def statements_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Stage 1's statements, typed: ``article_id``, ``sentence_id`` (of the verb) and
    ``dashboard.quotes.frame.STATEMENT_FIELDS`` with the ``quotes`` frame's dtypes
    (``parent_verb_start``: nullable, as the speaker offsets)."""
    schema = SCHEMAS["quotes"]
    dtypes = {
        "article_id": "string",
        "sentence_id": "int64",
        **{f: schema.get(f, "Int32") for f in STATEMENT_FIELDS},
    }
    if df.empty:
        df = pd.DataFrame(columns=list(dtypes))
    return df[list(dtypes)].astype(dtypes).reset_index(drop=True)


def assemble(
    articles: pd.DataFrame, analysed: pd.Index, batches: list[BatchResult]
) -> dict[str, pd.DataFrame]:
    """``sentences``, ``terms``, ``dates``, ``candidates`` and ``statements`` frames of
    stage-1 results (statements: :func:`statements_frame`).

    ``analysed``: the index labels (in ``articles``) of the analysed articles, in the
    order of ``batches``. Sentence ids are stable: a hash of the article id and the
    sentence's position (``dashboard.ingest.ids``), whatever else is loaded.
    """
    if not len(analysed):
        return {
            "sentences": frame("sentences"),
            "terms": empty_terms(),
            "dates": frame("dates"),
            "candidates": pd.DataFrame(),
            "statements": empty_statements(),
        }
    n_sent = np.concatenate([b.n_sentences for b in batches])
    first_id = np.concatenate([[0], np.cumsum(n_sent)[:-1]]).astype(np.int64)
    # Row positions instead of .loc[analysed]: a .loc take would copy every article's text.
    pos = articles.index.get_indexer(analysed)
    lengths = articles["text"].str.len().to_numpy(dtype=np.int64)[pos] + 1
    base = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    spans = np.concatenate([b.spans for b in batches]).astype(np.int64).reshape(-1, 2)
    art_of_sentence = np.repeat(np.arange(len(pos)), n_sent)
    # Arrow takes: ids are repeated per row without a Python string each.
    aids = articles["article_id"].array.take(pos)

    positions = np.arange(len(spans)) - first_id[art_of_sentence]
    sentence_aids = aids.take(art_of_sentence)
    stable_id = sentence_ids(sentence_aids, positions)
    sentences = pd.DataFrame(
        {
            "article_id": sentence_aids,
            "sentence_id": stable_id,
            "position": positions.astype(np.int32),
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
        has = n_sent[art_pos] > 0
        return np.where(has, stable_id[np.where(has, sid, 0)] if len(stable_id) else -1, -1)

    def located(kind: str, offset: str = "start") -> pd.DataFrame:
        counts = np.concatenate([getattr(b, "n_" + kind) for b in batches])
        fields: dict[str, list[pa.Array]] = {}
        for b in batches:
            for key, values in getattr(b, kind).items():
                fields.setdefault(key, []).append(values)
        df = pd.DataFrame({key: _field(parts) for key, parts in fields.items()})
        if df.empty:
            return df
        art_pos = np.repeat(np.arange(len(pos)), counts)
        df["article_id"] = aids.take(art_pos)
        df["sentence_id"] = sentence_of(art_pos, df[offset].to_numpy(dtype=np.int64))
        return df[df["sentence_id"] >= 0]

    return {
        "sentences": conform("sentences", sentences),
        "terms": _terms_frame(batches, len(pos), sentence_of),
        "dates": conform("dates", located("dates")),
        "candidates": located("candidates"),
        "statements": statements_frame(located("quotes", offset="verb_start")),
    }


def _field(parts: list[pa.Array]) -> pd.api.extensions.ExtensionArray | pd.Series:
    """One candidates/dates field over all batches (one Arrow array per batch).

    Strings become pandas' ``str`` dtype without a copy; a batch whose values are all
    missing (Arrow's null type) takes the type of the others.
    """
    typed = [p for p in parts if p.type != pa.null()]
    kind = typed[0].type if typed else pa.null()
    if pa.types.is_string(kind):
        kind = pa.large_string()
    joined = pa.concat_arrays([p.cast(kind) for p in parts])
    return pd.array(joined, dtype="str") if kind == pa.large_string() else joined.to_pandas()


def _sentence_texts(
    texts: pd.api.extensions.ExtensionArray,
    pos: np.ndarray,
    first_id: np.ndarray,
    n_sent: np.ndarray,
    spans: np.ndarray,
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
    batches: list[BatchResult], codes: str, vocab: str, keep: np.ndarray
) -> pd.Categorical:
    """One categorical over the kept rows of all batches, from their local codes and
    vocabularies; its categories are the words those rows use, sorted.

    Vectorised in Arrow: the batches' vocabularies are dictionary-encoded together, the
    distinct words sorted once (UTF-8 byte order is code point order, as ``sorted``),
    local codes become ranks through an offset per batch, unused words go by ``bincount``.
    """
    vocabs = [getattr(b, vocab) for b in batches]
    encoded = pa.concat_arrays([v.cast(pa.large_string()) for v in vocabs]).dictionary_encode()
    words = encoded.dictionary
    order = pc.array_sort_indices(words).to_numpy()
    rank = np.empty(len(words), dtype=np.int64)
    rank[order] = np.arange(len(words))
    global_of = rank[encoded.indices.to_numpy()]
    del encoded, rank
    local_codes = [getattr(b, codes) for b in batches]
    offsets = np.cumsum([0] + [len(v) for v in vocabs[:-1]], dtype=np.int64)
    row_offset = np.repeat(offsets, [len(x) for x in local_codes])
    all_codes = global_of[np.concatenate(local_codes).astype(np.int64) + row_offset][keep]
    del row_offset, global_of
    used = np.flatnonzero(np.bincount(all_codes, minlength=len(words)))
    new_code = np.zeros(len(words), dtype=np.int64)
    new_code[used] = np.arange(len(used))
    categories = pd.Index(words.take(order[used]).to_pylist(), dtype="str")
    return pd.Categorical.from_codes(new_code[all_codes], categories=categories)


def _terms_frame(
    batches: list[BatchResult], n_articles: int, sentence_of: SentenceOf
) -> pd.DataFrame:
    """The terms frame: sentence_id and categorical term/display (sorted categories)."""
    counts = np.concatenate([b.n_terms for b in batches])
    if not counts.sum():
        return empty_terms()
    art_pos = np.repeat(np.arange(n_articles), counts)
    sid = sentence_of(art_pos, np.concatenate([b.term_start for b in batches]))
    del art_pos
    keep = sid >= 0
    out = {"sentence_id": sid[keep].astype("int64")}
    del sid
    for name, codes, vocab in (
        ("term", "term_code", "term_vocab"),
        ("display", "display_code", "display_vocab"),
    ):
        out[name] = _categories(batches, codes, vocab, keep)
    return pd.DataFrame(out)
