"""The sentences themselves: search on the normalised form, and safe highlighting.

Search folds what Arabic readers treat as the same (``dashboard.arabic.normalize``:
hamza/alef forms, diacritics, tatweel, ة/ه, ى/ي, Arabic-Indic digits) on both the
query and the text, so "اكد" finds "أكّد". Article metadata (source, dateline,
date as YYYY-MM-DD, title) is searched too.

Highlighting returns data, not markup: actor mentions as (start, end, actor_id)
spans relative to the sentence start (``highlight_spans``, ``sentence_spans``). The
interface turns them into escaped HTML (``dashboard.ui.highlight``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard.analysis.filters import View, corpus_index
from dashboard.arabic.chars import QUOTE_CHARS
from dashboard.arabic.normalize import normalize

_QUERY_TOKENS = re.compile(r'"([^"]+)"|(\S+)')


def _normalize_series(values: pd.Series) -> pd.Series:
    """``normalize`` over a string Series (NA -> ""), lower-cased for Latin metadata."""
    filled = values.astype("string").fillna("")
    uniq = pd.unique(filled.to_numpy(dtype=object))
    mapping = {u: normalize(u).lower() for u in uniq}
    return pd.Series(filled.map(mapping).to_numpy(dtype=object), index=values.index, dtype="string")


def _normalized_sentences(corpus) -> pd.Series:
    """Normalised text of every corpus sentence (cached per corpus)."""
    extras = corpus_index(corpus).extras
    if "norm_sentences" not in extras:
        texts = corpus.sentences["text"].astype("string").fillna("").tolist()
        extras["norm_sentences"] = pd.Series(normalize_many(texts), dtype="string")
    return extras["norm_sentences"]


def normalize_many(texts: list[str]) -> list[str]:
    """``normalize(t).lower()`` for many texts (measured: joining texts to normalise
    them in one pass is no faster than this on real sentences)."""
    return [normalize(t).lower() for t in texts]


def _normalized_meta(corpus) -> pd.Series:
    """Per article: normalised "source | dateline | YYYY-MM-DD | title" (cached)."""
    extras = corpus_index(corpus).extras
    if "norm_meta" not in extras:
        arts = corpus.articles
        day = pd.to_datetime(arts["date"], errors="coerce").dt.strftime("%Y-%m-%d")
        parts = [
            _normalize_series(arts[c]) if c in arts else pd.Series("", index=arts.index)
            for c in ("source", "dateline", "title")
        ]
        meta = parts[0] + " | " + parts[1] + " | " + day.fillna("").astype("string")
        meta = meta + " | " + parts[2]
        extras["norm_meta"] = meta.reset_index(drop=True)
    return extras["norm_meta"]


def query_terms(query: str) -> list[str]:
    """Normalised search terms: words, or "quoted phrases" kept whole."""
    terms = []
    for phrase, word in _QUERY_TOKENS.findall(query or ""):
        term = normalize(phrase or word.strip(QUOTE_CHARS)).strip().lower()
        term = " ".join(term.split())
        if term:
            terms.append(term)
    return terms


def search_sentences(view: View, query: str, limit: int | None = None) -> pd.DataFrame:
    """The view's sentences matching every term of ``query``.

    A term matches when it occurs (as a substring of the normalised form) in the
    sentence text or in its article's source, dateline, date (YYYY-MM-DD) or title.
    An empty query matches every sentence of the view. Columns: the sentence
    columns plus title, source, dateline; newest articles first, then sentence order.
    ``limit`` keeps the first rows.
    """
    idx = view.index
    mask = view.sentence_mask.copy()
    terms = query_terms(query)
    if terms and mask.any():
        positions = np.flatnonzero(mask)
        text = _normalized_sentences(view.corpus).iloc[positions].reset_index(drop=True)
        art = idx.sent_art[positions]
        meta_all = _normalized_meta(view.corpus)
        meta = pd.Series(
            np.where(art >= 0, meta_all.to_numpy(dtype=object)[np.clip(art, 0, None)], ""),
            dtype="string",
        )
        hit = np.ones(len(positions), dtype=bool)
        for term in terms:
            in_text = text.str.contains(term, regex=False).to_numpy(dtype=bool, na_value=False)
            in_meta = meta.str.contains(term, regex=False).to_numpy(dtype=bool, na_value=False)
            hit &= in_text | in_meta
        mask[:] = False
        mask[positions[hit]] = True
    sents = view.corpus.sentences.loc[mask]
    arts = view.corpus.articles[["article_id", "title", "source", "dateline"]]
    out = sents.merge(arts.drop_duplicates("article_id"), on="article_id", how="left")
    out = out.sort_values(
        ["date", "article_id", "position"], ascending=[False, True, True], na_position="last"
    ).reset_index(drop=True)
    return out if limit is None else out.head(limit)


# ---------------------------------------------------------------------------
# Highlighting.


def highlight_spans(sentence_row, mentions: pd.DataFrame) -> list[tuple[int, int, str]]:
    """Actor mentions inside one sentence, as (start, end, actor_id) relative to it.

    ``sentence_row``: a sentences row (Series, namedtuple or dict with article_id,
    sentence_id, start, end, text). ``mentions``: a mentions frame (any subset;
    offsets into the article text). Mentions are matched by sentence_id, clipped to
    the sentence; overlapping ones keep the earliest, then the longest. Sorted.
    """
    by_key = isinstance(sentence_row, Mapping | pd.Series)

    def field(name):
        return sentence_row[name] if by_key else getattr(sentence_row, name)

    if mentions is None or mentions.empty:
        return []
    sid, s_start, s_end = int(field("sentence_id")), int(field("start")), int(field("end"))
    own = mentions[mentions["sentence_id"].to_numpy() == sid]
    spans = []
    starts = own["start"].to_numpy(dtype=np.int64) - s_start
    ends = own["end"].to_numpy(dtype=np.int64) - s_start
    for a, b, actor in zip(starts, ends, own["actor_id"].astype(str), strict=True):
        a, b = max(int(a), 0), min(int(b), s_end - s_start)
        if b > a:
            spans.append((a, b, actor))
    return drop_overlaps(spans)


def drop_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``spans`` sorted, overlapping ones dropped: the earliest wins, then the longest."""
    spans = sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]), s[2]))
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def sentence_spans(view: View, sentences: pd.DataFrame) -> list[list[tuple[int, int, str]]]:
    """The view's actor mentions in each row of ``sentences`` (e.g. a search result page),
    as ``highlight_spans`` gives them: (start, end, actor_id) relative to the sentence,
    without overlaps. One list per row, in order. Only the view's mentions count (its
    kinds filter applies to highlighting too)."""
    if sentences.empty:
        return []
    mentions = view.corpus.mentions
    wanted = sentences["sentence_id"].to_numpy(dtype=np.int64)
    keep = view.mention_mask & np.isin(mentions["sentence_id"].to_numpy(dtype=np.int64), wanted)
    mentions = mentions.loc[keep]
    # Mentions sorted by sentence, so each row takes a slice (no per-row DataFrame).
    m_sid = mentions["sentence_id"].to_numpy(dtype=np.int64)
    order = np.argsort(m_sid, kind="stable")
    m_sid = m_sid[order]
    m_start = mentions["start"].to_numpy(dtype=np.int64)[order].tolist()
    m_end = mentions["end"].to_numpy(dtype=np.int64)[order].tolist()
    m_actor = mentions["actor_id"].astype(str).to_numpy(dtype=object)[order].tolist()
    lo = np.searchsorted(m_sid, wanted, side="left").tolist()
    hi = np.searchsorted(m_sid, wanted, side="right").tolist()
    out = []
    for i, (s_start, s_end) in enumerate(
        sentences[["start", "end"]].itertuples(index=False, name=None)
    ):
        s_start, s_end = int(s_start), int(s_end)
        spans = [
            (max(m_start[j] - s_start, 0), min(m_end[j], s_end) - s_start, m_actor[j])
            for j in range(lo[i], hi[i])
        ]
        out.append(drop_overlaps([sp for sp in spans if sp[1] > sp[0]]))
    return out
