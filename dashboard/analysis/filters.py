"""The shared filter every page follows, and the filtered ``View`` of a corpus.

``apply_filter(corpus, Filter(...)) -> View``. The corpus is anything with the
contract's frames as attributes (``articles, sentences, actors, mentions, dates,
terms``). Filtering works on integer codes built once per corpus
(``corpus_index``), so a view of 20k articles / 1M mentions costs a few
boolean-array operations; the filtered frames are sliced lazily on first use.

Semantics (one place, so every page agrees):
- duplicates (``duplicate_of`` set) are always left out;
- ``date_from``/``date_to`` are inclusive days on the article date; when either is
  set, articles without a date are dropped, otherwise they are kept;
- ``sources``: the article's source is one of them;
- ``actors``: articles mentioning ANY selected actor; the view's sentences are then
  only the sentences mentioning a selected actor, while ``mentions`` keep every
  mention of those articles (so co-mentioned actors can be counted);
- ``kinds``: only restricts ``mentions`` (actors of those kinds), not articles.
"""

from __future__ import annotations

import datetime as _dt
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from dashboard.frames import ACTOR_KINDS, STORED_FRAMES


def _as_tuple(values: Any) -> tuple[str, ...]:
    """Filter fields accept any iterable (or one string): a tuple, order kept, no repeats."""
    if values is None:
        return ()
    if isinstance(values, str):
        return (values,)
    return tuple(dict.fromkeys(str(v) for v in values))


def _as_date(value: Any) -> _dt.date | None:
    """A day from a date, datetime, Timestamp or ISO string (ValueError if unreadable)."""
    if value is None or (not isinstance(value, _dt.date) and pd.isna(value)):
        return None
    if isinstance(value, _dt.datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    return pd.Timestamp(value).date()


@dataclass(frozen=True)
class Filter:
    """What the user selected; hashable so it can key caches.

    Lists are accepted and stored as tuples (order kept, repeats dropped); dates
    may be ``datetime.date``, ``Timestamp`` or ISO strings.
    """

    actors: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    date_from: _dt.date | None = None
    date_to: _dt.date | None = None

    def __post_init__(self) -> None:
        for name in ("actors", "kinds", "sources"):
            object.__setattr__(self, name, _as_tuple(getattr(self, name)))
        for name in ("date_from", "date_to"):
            object.__setattr__(self, name, _as_date(getattr(self, name)))

    @property
    def is_empty(self) -> bool:
        """True when nothing is selected (the view is the whole de-duplicated corpus)."""
        return not (self.actors or self.kinds or self.sources or self.date_from or self.date_to)


# ---------------------------------------------------------------------------
# Per-corpus integer index, built once and memoised by corpus identity.


@dataclass(eq=False)
class CorpusIndex:
    """Integer codes linking the corpus frames (row positions, not ids).

    ``art_*`` arrays are per article row, ``sent_*`` per sentence row, ``ment_*`` per
    mention row, ``date_*`` per date row. Codes of -1 mean "not found".
    """

    article_ids: pd.Index  # article row -> article_id
    actor_ids: pd.Index  # actor code -> actor_id (row order of corpus.actors)
    actor_kind: np.ndarray  # actor code -> kind (object array, "" if unknown)
    art_keep: np.ndarray  # bool: not a duplicate
    art_day: np.ndarray  # datetime64[ns] floored to the day (NaT if unknown)
    art_source: np.ndarray  # object array (None if unknown)
    sent_art: np.ndarray  # sentence row -> article row
    ment_art: np.ndarray  # mention row -> article row
    ment_sent: np.ndarray  # mention row -> sentence row
    ment_actor: np.ndarray  # mention row -> actor code
    date_art: np.ndarray  # date row -> article row
    date_sent: np.ndarray  # date row -> sentence row
    extras: dict = field(default_factory=dict)  # lazily built caches of other modules

    @property
    def n_articles(self) -> int:
        return len(self.art_keep)

    @property
    def n_sentences(self) -> int:
        return len(self.sent_art)

    def actor_codes(self, actor_ids) -> np.ndarray:
        """Codes of the given actor ids, in order (unknown ids and repeats dropped)."""
        wanted = list(dict.fromkeys(str(a) for a in actor_ids))
        codes = self.actor_ids.get_indexer(pd.Index(wanted, dtype=object))
        return codes[codes >= 0]


def _positions(index: pd.Index, values: pd.Series) -> np.ndarray:
    """Row positions of ``values`` in unique ``index`` (-1 where absent or NA).

    Values are factorised first (fast on Arrow strings), so only the distinct values
    are looked up in ``index``.
    """
    if len(values) == 0:
        return np.empty(0, dtype=np.int64)
    if index.dtype.kind == "i" and values.dtype.kind == "i":
        return index.get_indexer(values.to_numpy(dtype=np.int64)).astype(np.int64)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    found = index.get_indexer(np.asarray(uniques, dtype=object)).astype(np.int64)
    found = np.append(found, -1)  # code -1 (NA) -> position -1
    return found[codes]


def _unique_index(values: np.ndarray) -> pd.Index:
    """An index usable by get_indexer even if ids repeat (repeats map to the first row)."""
    idx = pd.Index(values)
    if idx.is_unique:
        return idx
    # Give later repeats a unique, unfindable label so get_indexer still works.
    dup = idx.duplicated(keep="first")
    labels = [object() if d else v for v, d in zip(values.tolist(), dup, strict=True)]
    return pd.Index(labels, dtype=object)


def _via_sentence(sent_art, row_sent, art_idx: pd.Index, article_ids: pd.Series) -> np.ndarray:
    """Article row of each row through its sentence (cheap integer lookups); rows whose
    sentence is unknown fall back to looking up their own article_id."""
    out = (
        np.where(row_sent >= 0, sent_art[np.clip(row_sent, 0, None)], -1)
        if len(sent_art)
        else np.full(len(row_sent), -1, dtype=np.int64)
    )
    missing = np.flatnonzero(out < 0)
    if len(missing):
        out[missing] = _positions(art_idx, article_ids.iloc[missing])
    return out.astype(np.int64)


def build_index(corpus) -> CorpusIndex:
    """Build the integer index of ``corpus`` (vectorised; ~1 s for 1M mentions)."""
    arts = corpus.articles
    sents = corpus.sentences
    ments = corpus.mentions
    actors = corpus.actors
    dates = getattr(corpus, "dates", None)

    art_idx = _unique_index(arts["article_id"].to_numpy(dtype=object))
    sent_idx = _unique_index(sents["sentence_id"].to_numpy(dtype=np.int64))
    actor_idx = _unique_index(actors["actor_id"].to_numpy(dtype=object))

    if "duplicate_of" in arts.columns:
        art_keep = arts["duplicate_of"].isna().to_numpy(dtype=bool)
    else:
        art_keep = np.ones(len(arts), dtype=bool)
    art_day = pd.to_datetime(arts["date"], errors="coerce").dt.floor("D").to_numpy()
    art_source = arts["source"].astype(object).where(arts["source"].notna(), None).to_numpy()

    sent_art = _positions(art_idx, sents["article_id"])
    ment_sent = _positions(sent_idx, ments["sentence_id"].astype("int64"))
    ment_art = _via_sentence(sent_art, ment_sent, art_idx, ments["article_id"])
    ment_actor = _positions(actor_idx, ments["actor_id"])
    if dates is not None and len(dates):
        date_sent = _positions(sent_idx, dates["sentence_id"].astype("int64"))
        date_art = _via_sentence(sent_art, date_sent, art_idx, dates["article_id"])
    else:
        date_art = date_sent = np.empty(0, dtype=np.int64)
    kind = actors["kind"].astype(object).where(actors["kind"].notna(), "").to_numpy()
    return CorpusIndex(
        article_ids=art_idx,
        actor_ids=actor_idx,
        actor_kind=kind,
        art_keep=art_keep,
        art_day=art_day,
        art_source=art_source,
        sent_art=sent_art,
        ment_art=ment_art,
        ment_sent=ment_sent,
        ment_actor=ment_actor,
        date_art=date_art,
        date_sent=date_sent,
    )


# The frames an index is built from: every stored frame but the skipped inputs.
INDEXED_FRAMES = tuple(name for name in STORED_FRAMES if name != "skipped")

# id(corpus) -> (weak reference to the corpus, frame identities, its index). The weak
# reference proves the id still names the same object, the frame identities that no
# frame was swapped since; a finaliser drops the entry with the corpus.
_BY_ID: dict[int, tuple[Any, tuple, CorpusIndex]] = {}
# (fingerprint, frame lengths) -> index: a copy of the same corpus (e.g. unpickled from
# a cache) reuses the index instead of rebuilding it. Small: corpora are large.
_BY_CONTENT: OrderedDict[tuple, CorpusIndex] = OrderedDict()
_CONTENT_SLOTS = 2


def _frame_ids(corpus) -> tuple:
    return tuple(id(getattr(corpus, name, None)) for name in INDEXED_FRAMES)


def _content_key(corpus) -> tuple | None:
    fingerprint = getattr(corpus, "fingerprint", None)
    if not fingerprint:
        return None
    lengths = tuple(
        -1 if getattr(corpus, name, None) is None else len(getattr(corpus, name))
        for name in INDEXED_FRAMES
    )
    return (str(fingerprint), *lengths)


def _same_rows(index: CorpusIndex, corpus) -> bool:
    """Cheap proof that ``index`` fits ``corpus``: same article and actor ids in order."""
    ids = corpus.articles["article_id"].to_numpy(dtype=object)
    actors = corpus.actors["actor_id"].to_numpy(dtype=object)
    return bool(
        np.array_equal(index.article_ids.to_numpy(dtype=object), ids)
        and np.array_equal(index.actor_ids.to_numpy(dtype=object), actors)
    )


def corpus_index(corpus) -> CorpusIndex:
    """The memoised ``CorpusIndex`` of ``corpus`` (built on first use).

    Memoised by object identity (as long as the corpus lives and its frames are not
    replaced), and by content fingerprint, so an equal copy reuses the index.
    """
    key = id(corpus)
    frames = _frame_ids(corpus)
    hit = _BY_ID.get(key)
    if hit is not None and hit[0]() is corpus and hit[1] == frames:
        return hit[2]
    content = _content_key(corpus)
    index = _BY_CONTENT.get(content) if content else None
    if index is None or not _same_rows(index, corpus):
        index = build_index(corpus)
    if content:
        _BY_CONTENT[content] = index
        _BY_CONTENT.move_to_end(content)
        while len(_BY_CONTENT) > _CONTENT_SLOTS:
            _BY_CONTENT.popitem(last=False)
    try:
        ref = weakref.ref(corpus)
    except TypeError:  # not weak-referenceable: only the content memo applies
        return index
    if key not in _BY_ID:
        weakref.finalize(corpus, _BY_ID.pop, key, None)
    _BY_ID[key] = (ref, frames, index)
    return index


# ---------------------------------------------------------------------------
# The view.


def _take(df: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    if mask.all():
        # A shallow copy is free and, with copy-on-write, edits to it never reach the corpus.
        return df.copy(deep=False)
    return df.loc[mask].reset_index(drop=True)


@dataclass(eq=False)
class View:
    """A corpus seen through a ``Filter``.

    Boolean masks over the corpus frames' rows are computed eagerly (cheap);
    the frames ``articles``, ``sentences``, ``mentions``, ``dates``, ``quotes`` and
    ``sentence_ids`` are sliced on first access and then kept.
    ``article_sentence_mask`` marks every sentence of the kept articles (not only
    those mentioning a selected actor): the windows of a sentence co-mention.
    """

    corpus: Any
    filter: Filter
    index: CorpusIndex
    article_mask: np.ndarray
    sentence_mask: np.ndarray
    article_sentence_mask: np.ndarray
    mention_mask: np.ndarray
    date_mask: np.ndarray

    @cached_property
    def articles(self) -> pd.DataFrame:
        """Kept articles (contract columns), corpus row order."""
        return _take(self.corpus.articles, self.article_mask)

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """Kept sentences (only those mentioning a selected actor when actors are selected)."""
        return _take(self.corpus.sentences, self.sentence_mask)

    @cached_property
    def mentions(self) -> pd.DataFrame:
        """Mentions in the kept articles, of actors of the selected kinds."""
        return _take(self.corpus.mentions, self.mention_mask)

    @cached_property
    def dates(self) -> pd.DataFrame:
        """Date expressions in the kept sentences."""
        dates = getattr(self.corpus, "dates", None)
        if dates is None:
            from dashboard.frames import frame

            return frame("dates")
        return _take(dates, self.date_mask)

    @cached_property
    def quotes(self) -> pd.DataFrame:
        """Reported statements in the kept articles; with actors, those whose verb's
        sentence is kept **or whose speaker is a selected actor** (what an actor said
        counts even where the sentence leaves them implicit). Kinds do not apply."""
        quotes = getattr(self.corpus, "quotes", None)
        if quotes is None:
            from dashboard.frames import frame

            return frame("quotes")
        keep = quotes["article_id"].isin(self.articles["article_id"]).to_numpy(dtype=bool)
        if self.filter.actors:
            said = quotes["speaker"].isin(list(self.filter.actors)).to_numpy(dtype=bool)
            named = quotes["sentence_id"].isin(self.sentence_ids).to_numpy(dtype=bool)
            keep = keep & (said | named)
        return _take(quotes, keep)

    @cached_property
    def sentence_ids(self) -> np.ndarray:
        """``sentence_id`` values of the kept sentences (int64 array)."""
        ids = self.corpus.sentences["sentence_id"].to_numpy(dtype=np.int64)
        return ids[self.sentence_mask]

    @property
    def n_articles(self) -> int:
        return int(self.article_mask.sum())

    @property
    def n_sentences(self) -> int:
        return int(self.sentence_mask.sum())


def _article_mask(index: CorpusIndex, flt: Filter) -> np.ndarray:
    mask = index.art_keep.copy()
    if flt.date_from is not None or flt.date_to is not None:
        day = index.art_day
        mask &= ~np.isnat(day)
        if flt.date_from is not None:
            mask &= day >= np.datetime64(flt.date_from, "ns")
        if flt.date_to is not None:
            mask &= day < np.datetime64(flt.date_to, "ns") + np.timedelta64(1, "D")
    if flt.sources:
        mask &= np.isin(index.art_source, np.array(flt.sources, dtype=object))
    return mask


def _gather(mask: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """``mask[positions]`` with -1 positions mapping to False."""
    if len(mask) == 0:
        return np.zeros(len(positions), dtype=bool)
    out = mask[np.clip(positions, 0, None)]
    out &= positions >= 0
    return out


def apply_filter(corpus, flt: Filter | None = None) -> View:
    """Filter ``corpus`` by ``flt`` (None = no filter); see the module docstring."""
    flt = flt or Filter()
    index = corpus_index(corpus)
    art_mask = _article_mask(index, flt)

    if flt.actors:
        selected = np.isin(index.ment_actor, index.actor_codes(flt.actors))
        # Only mentions in otherwise-kept articles select articles and sentences.
        selected &= _gather(art_mask, index.ment_art)
        hit_arts = np.zeros(index.n_articles, dtype=bool)
        hit_arts[index.ment_art[selected & (index.ment_art >= 0)]] = True
        art_mask &= hit_arts
        hit_sents = np.zeros(index.n_sentences, dtype=bool)
        hit_sents[index.ment_sent[selected & (index.ment_sent >= 0)]] = True
        art_sent_mask = _gather(art_mask, index.sent_art)
        sent_mask = art_sent_mask & hit_sents
    else:
        art_sent_mask = _gather(art_mask, index.sent_art)
        sent_mask = art_sent_mask

    ment_mask = _gather(art_mask, index.ment_art)
    if flt.kinds:
        kind_ok = np.isin(index.actor_kind, np.array(flt.kinds, dtype=object))
        ment_mask &= _gather(kind_ok, index.ment_actor)

    date_mask = _gather(sent_mask, index.date_sent)

    return View(
        corpus=corpus,
        filter=flt,
        index=index,
        article_mask=art_mask,
        sentence_mask=sent_mask,
        article_sentence_mask=art_sent_mask,
        mention_mask=ment_mask,
        date_mask=date_mask,
    )


def filter_options(corpus) -> dict:
    """What a filter can choose from: sources (by article count), kinds, date range."""
    index = corpus_index(corpus)
    arts = corpus.articles.loc[index.art_keep]
    sources = arts["source"].dropna().value_counts()
    days = pd.Series(index.art_day[index.art_keep]).dropna()
    kinds = [k for k in ACTOR_KINDS if k in set(index.actor_kind)]
    kinds += sorted(set(index.actor_kind) - set(kinds) - {""})
    return {
        "sources": list(sources.index.astype(str)),
        "kinds": kinds,
        "date_min": days.min().date() if len(days) else None,
        "date_max": days.max().date() if len(days) else None,
    }
