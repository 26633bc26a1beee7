"""What is said: term frequencies over the view's sentences.

The corpus ``terms`` frame has one row per countable word (sentence_id, term =
normalised counting key, display = the word as written minus clitics/tashkeel).
Terms are counted by key; each key is labelled by its most common display form
in the whole corpus (stable from view to view). Codes are built once per corpus
and cached, so a view costs one mask and one ``bincount``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.analysis.filters import View, apply_filter, corpus_index
from dashboard.analysis.scoring.log_odds import informative_prior, weighted_log_odds
from dashboard.arabic.tokens import counting_terms


@dataclass(eq=False)
class TermIndex:
    """Integer codes of the corpus ``terms`` frame."""

    term_sent: np.ndarray  # term row -> sentence row (-1 if unknown)
    term_code: np.ndarray  # term row -> code
    terms: np.ndarray  # code -> term key
    labels: np.ndarray  # code -> most common display form


def _build_term_index(corpus) -> TermIndex:
    terms = getattr(corpus, "terms", None)
    if terms is None:
        from dashboard.frames import frame

        terms = frame("terms")
    index = corpus_index(corpus)
    sent_ids = corpus.sentences["sentence_id"].to_numpy(dtype=np.int64)
    sent_pos = pd.Index(sent_ids).get_indexer(terms["sentence_id"].to_numpy(dtype=np.int64))
    del index  # built for its side effect: the memo is shared with apply_filter
    code, uniques = pd.factorize(terms["term"], use_na_sentinel=True)
    disp_code, disp_uniques = pd.factorize(terms["display"].fillna(terms["term"]))
    # Most common display per term: count (term, display) pairs, keep the largest,
    # ties to the display seen first in the corpus (smallest display code).
    pairs = pd.DataFrame({"t": code, "d": disp_code})
    pairs = pairs[pairs["t"] >= 0]
    sizes = pairs.groupby(["t", "d"]).size().rename("n").reset_index()
    sizes = sizes.sort_values(["t", "n", "d"], ascending=[True, False, True])
    best = sizes.drop_duplicates("t").set_index("t")["d"]
    labels = np.asarray(disp_uniques, dtype=object)[best.reindex(range(len(uniques))).to_numpy()]
    return TermIndex(
        term_sent=sent_pos.astype(np.int64),
        term_code=code.astype(np.int64),
        terms=np.asarray(uniques, dtype=object),
        labels=labels,
    )


def term_index(corpus) -> TermIndex:
    """The memoised ``TermIndex`` of ``corpus`` (cached beside its ``CorpusIndex``)."""
    extras = corpus_index(corpus).extras
    if "terms" not in extras:
        extras["terms"] = _build_term_index(corpus)
    return extras["terms"]


#: What happens to the words of actor names when counting terms: ``merge`` counts a
#: multi-word name (الولايات المتحدة) as one term instead of its words; ``omit`` leaves
#: every actor name out; ``split`` counts a name's words like any other words.
NAME_POLICIES = ("merge", "omit", "split")


def _surface_keys(corpus, surface: str) -> tuple[str, ...]:
    """The counting keys of a mention's words (memoised per corpus)."""
    extras = corpus_index(corpus).extras
    cache = extras.setdefault("surface_keys", {})
    if surface not in cache:
        cache[surface] = tuple(key for _, key, _ in counting_terms(surface))
    return cache[surface]


def _view_mentions(view: View) -> pd.DataFrame:
    """(surface, actor_id, n): mentions in the view's sentences, whatever their kind (the
    words of a sentence include every name in it)."""
    idx = view.index
    sent = idx.ment_sent
    keep = sent >= 0
    if len(view.sentence_mask):
        keep &= view.sentence_mask[np.clip(sent, 0, None)]
    else:
        keep &= False
    found = view.corpus.mentions.loc[keep, ["surface", "actor_id"]].astype(str)
    return found.groupby(["surface", "actor_id"]).size().rename("n").reset_index()


def _name_adjustment(view: View, tindex: TermIndex, counts: np.ndarray, names: str) -> pd.DataFrame:
    """Take actor names' words out of ``counts`` (in place) and return the names counted
    as single terms (columns term, display, count) — none for ``omit``."""
    code_of = {str(term): code for code, term in enumerate(tindex.terms)}
    merged: dict[str, int] = {}
    for surface, actor_id, n in _view_mentions(view).itertuples(index=False, name=None):
        keys = _surface_keys(view.corpus, surface)
        if names == "merge" and len(keys) < 2:
            continue  # a one-word name is already one term
        for key in keys:
            code = code_of.get(key)
            if code is not None:
                counts[code] -= n
        if names == "merge":
            merged[actor_id] = merged.get(actor_id, 0) + int(n)
    np.clip(counts, 0, None, out=counts)
    if not merged:
        return pd.DataFrame({"term": [], "display": [], "count": []})
    actors = view.corpus.actors.set_index(view.corpus.actors["actor_id"].astype(str))
    rows = []
    for actor_id, n in merged.items():
        name = actors["name_ar"].get(actor_id)
        display = str(name) if isinstance(name, str) and name else actor_id
        rows.append((" ".join(_surface_keys(view.corpus, display)) or display, display, n))
    return pd.DataFrame(rows, columns=["term", "display", "count"])


def term_frequencies(
    view_or_corpus, sentence_ids=None, top_n: int | None = None, names: str = "merge"
) -> pd.DataFrame:
    """How often each term occurs.

    ``view_or_corpus``: a ``View`` (its sentences) or a corpus (all non-duplicate
    sentences). ``sentence_ids``: count only these sentences (intersected with the
    view). ``names``: what actor names count as (``NAME_POLICIES``; by default a
    multi-word name is one term, labelled by the actor's Arabic name). Columns: term
    (counting key), display (label), count; sorted by count descending, then term.
    ``top_n`` keeps the first rows.
    """
    if names not in NAME_POLICIES:
        raise ValueError(f"names must be one of {NAME_POLICIES}, not {names!r}")
    view = view_or_corpus if isinstance(view_or_corpus, View) else apply_filter(view_or_corpus)
    tindex = term_index(view.corpus)
    sent_ok = view.sentence_mask
    if sentence_ids is not None:
        wanted = np.zeros(len(sent_ok), dtype=bool)
        ids = view.corpus.sentences["sentence_id"].to_numpy(dtype=np.int64)
        wanted[np.isin(ids, np.asarray(list(sentence_ids), dtype=np.int64))] = True
        sent_ok = sent_ok & wanted
    rows = tindex.term_sent >= 0
    if len(sent_ok):
        rows &= sent_ok[np.clip(tindex.term_sent, 0, None)]
    else:
        rows &= False
    rows &= tindex.term_code >= 0
    counts = np.bincount(tindex.term_code[rows], minlength=len(tindex.terms)).astype(np.int64)
    extra = None
    if names != "split" and sentence_ids is None:
        extra = _name_adjustment(view, tindex, counts, names)
    present = np.flatnonzero(counts)
    out = pd.DataFrame(
        {
            "term": pd.array(tindex.terms[present], dtype="string"),
            "display": pd.array(tindex.labels[present], dtype="string"),
            "count": counts[present].astype(np.int64),
        }
    )
    if extra is not None and len(extra):
        out = pd.concat([out, extra.astype(out.dtypes.to_dict())], ignore_index=True)
        out = out.groupby(["term"], sort=False, as_index=False).agg(
            display=("display", "first"), count=("count", "sum")
        )
    out = out.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    return out if top_n is None else out.head(top_n)


def word_cloud_frequencies(
    view_or_corpus, max_words: int = 150, names: str = "merge"
) -> dict[str, int]:
    """``display -> count`` of the ``max_words`` most frequent terms, for the word cloud
    (``names`` as in ``term_frequencies``).

    Two keys that share a display form are merged (their counts add up).
    """
    freqs = term_frequencies(view_or_corpus, names=names)
    merged = freqs.groupby("display", sort=False)["count"].sum()
    merged = merged.sort_values(ascending=False, kind="stable").head(max_words)
    return {str(k): int(v) for k, v in merged.items()}


def _counts_in(view: View, tindex: TermIndex) -> np.ndarray:
    """Count of every term code in the view's sentences."""
    rows = (tindex.term_sent >= 0) & (tindex.term_code >= 0)
    if len(view.sentence_mask):
        rows &= view.sentence_mask[np.clip(tindex.term_sent, 0, None)]
    else:
        rows &= False
    return np.bincount(tindex.term_code[rows], minlength=len(tindex.terms))


def distinctive_terms(
    view: View, top_n: int = 50, min_count: int = 3, prior: float = 1000.0
) -> pd.DataFrame:
    """Words that set the view apart from the rest of the corpus.

    Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
    Quinn 2008, "Fightin' words"; ``dashboard.analysis.scoring.log_odds``): the view's
    sentences against every other non-duplicate sentence of the corpus; the prior follows the corpus-wide word
    distribution with total weight ``prior``. Terms seen fewer than ``min_count``
    times in the view are left out. Columns: term, display, count (in the view),
    rest (in the rest of the corpus), z (the z-score; higher = more typical of the
    view); sorted by z descending. Empty when the view is the whole corpus.
    """
    tindex = term_index(view.corpus)
    in_view = _counts_in(view, tindex).astype(float)
    everything = _counts_in(apply_filter(view.corpus), tindex).astype(float)
    rest = np.clip(everything - in_view, 0, None)
    n_view, n_rest = in_view.sum(), rest.sum()
    columns = {"term": "string", "display": "string", "count": "int64", "rest": "int64"}
    if n_view == 0 or n_rest == 0:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()}).assign(
            z=pd.Series(dtype=float)
        )
    z = weighted_log_odds(in_view, rest, informative_prior(everything, prior)).z
    keep = np.flatnonzero((in_view >= min_count) & np.isfinite(z))
    out = pd.DataFrame(
        {
            "term": pd.array(tindex.terms[keep], dtype="string"),
            "display": pd.array(tindex.labels[keep], dtype="string"),
            "count": in_view[keep].astype(np.int64),
            "rest": rest[keep].astype(np.int64),
            "z": z[keep],
        }
    )
    out = out.sort_values(["z", "term"], ascending=[False, True], kind="stable")
    return out.head(top_n).reset_index(drop=True)
