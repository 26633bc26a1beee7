"""State scores of sentences under one or more CRF models, from memoised token vectors.

A CRF's state score of label ``y`` at token ``t`` is the sum of the weights
``w[a, y]`` of the token's attributes ``a`` (``dashboard.actors.token_features``). Most
attributes are facts about one token as seen from some position — its own word, or the
word before or after it as seen from its neighbour — so the sum splits into five
vectors per *distinct* token (own, as the previous token, as the next, as the one two
before, two after), computed once and kept in a table. A batch of sentences is then
scored with a few numpy gathers and shifted additions; the few attributes that need the
whole sentence (bigrams, sentence ends, quotes, multi-word gazetteer matches, trigger
phrases) are added on top, and the second stage adds its document features the same way.

The attribute lists are exactly those ``Featurizer.sentence`` / ``document_features``
give CRFsuite (tests/test_crf.py checks the scores agree), so tags are the same.

    scorer = StateScorer(featurizer, [stage1_model, final_model])
    batch = scorer.score(sentences)          # batch.scores: (tokens, all models' labels)
    stage1 = batch.scores[:, scorer.columns[0]]
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

import numpy as np
from scipy.sparse import csr_matrix

from dashboard.actors.crf import CRFModel
from dashboard.actors.features import Featurizer
from dashboard.actors.quote_features import OPEN_QUOTES
from dashboard.actors.token_features import FAR_OFFSETS, NEAR_OFFSETS, TokenInfo, compute_token

#: Distinct tokens kept in the table (about 0.9 KB a token: five vectors of all models'
#: labels, the token, its key and stem). When it is full, the half of the tokens seen most
#: often stays (news vocabulary is Zipfian: those are most of the next articles' tokens).
#: 30,000 articles hold some 232,000 distinct tokens: at this size they never shrink the
#: table (at 120,000 they did four times and 84,000 tokens were computed again, 6 % of
#: the tagging's CPU) for some 60 MB more at the peak.
TABLE_SIZE = 250_000
_OWN, _PREV, _NEXT, _PREV2, _NEXT2 = range(5)
# Token flags: where a sentence-level feature can start; a bigram known to a model.
_QUOTE, _GAZ, _TRIG, _BIGRAM = 1, 2, 4, 8
_CONTEXT = _QUOTE | _GAZ | _TRIG


@dataclass
class ScoredBatch:
    """Sentences laid end to end with their state scores."""

    scores: np.ndarray  # (tokens, columns) float64
    rows: np.ndarray  # table row of each token
    lengths: np.ndarray  # tokens per sentence
    offsets: np.ndarray  # first token of each sentence
    positions: np.ndarray  # index of each token within its sentence


class StateScorer:
    """Scores sentences under ``models`` (their labels side by side in ``columns``)."""

    def __init__(self, featurizer: Featurizer, models: list[CRFModel]):
        self.featurizer = featurizer
        self.models = models
        ids: dict[str, int] = {}
        for model in models:
            for name in model.attributes:
                ids.setdefault(name, len(ids))
        self.attr_ids = ids
        self.null = len(ids)  # a zero row: attributes no model knows
        n_cols = sum(len(m.labels) for m in models)
        weights = np.zeros((len(ids) + 1, n_cols))
        self.columns: list[slice] = []
        col = 0
        for model in models:
            index = np.fromiter((ids[a] for a in model.attributes), np.int64, len(model.attributes))
            weights[index, col : col + len(model.labels)] = model.state
            self.columns.append(slice(col, col + len(model.labels)))
            col += len(model.labels)
        self.weights = weights
        self._ends = {name: weights[self.attr(name)] for name in ("BOS", "EOS", "-2BOS", "+2EOS")}
        self._bigram_back = {a[4:]: i for a, i in ids.items() if a.startswith("bg-=")}
        self._bigram_ahead = {a[4:]: i for a, i in ids.items() if a.startswith("bg+=")}
        # Every key a known bigram may start with: its text before any of its "|" (keys
        # may hold one). A pair whose first key is not here is known to no model.
        self._bigram_firsts = {
            pair[:j]
            for pair in (*self._bigram_back, *self._bigram_ahead)
            for j, ch in enumerate(pair)
            if ch == "|"
        }
        # The ids of the attributes a token shows its neighbours, per position prefix and
        # keyed without it (``seen_from[off][f] == attr(off + f)``): a token's ``near`` and
        # ``far`` features are looked up four times without building the prefixed strings.
        self._seen_from = {
            off: {a[len(off) :]: i for a, i in ids.items() if a.startswith(off)}
            for off in (*NEAR_OFFSETS, *FAR_OFFSETS)
        }
        self.clear()

    def attr(self, name: str) -> int:
        """Row of ``name`` in ``weights`` (the zero row if no model knows it)."""
        return self.attr_ids.get(name, self.null)

    def attr_rows(self, names: list[str]) -> np.ndarray:
        """:meth:`attr` of each of ``names``, as an array (looked up in one C loop)."""
        return np.fromiter(map(self.attr_ids.get, names, repeat(self.null)), np.int64, len(names))

    # -- the token table ----------------------------------------------------------
    def clear(self) -> None:
        """Forget every token (the table is rebuilt as tokens come)."""
        self._row_of: dict[str, int] = {}
        # Only tokens where a sentence-level feature can start keep their TokenInfo.
        self.infos: list[TokenInfo | None] = []
        self.keys: list[str] = []
        self.stems: list[str] = []
        self._flags = np.zeros(1024, dtype=np.uint8)
        self._hits = np.zeros(1024, dtype=np.int64)
        self._vectors = np.zeros((1024, 5, self.weights.shape[1]))

    def __len__(self) -> int:
        return len(self.infos)

    def _shrink(self) -> None:
        """Keep the half of the table seen most often (ties: the earlier token)."""
        n = len(self)
        keep = np.sort(np.argsort(-self._hits[:n], kind="stable")[: n // 2])
        tokens = list(self._row_of)  # rows are numbered in insertion order
        self._row_of = {tokens[r]: i for i, r in enumerate(keep.tolist())}
        self.infos = [self.infos[r] for r in keep.tolist()]
        self.keys = [self.keys[r] for r in keep.tolist()]
        self.stems = [self.stems[r] for r in keep.tolist()]
        self._flags = self._flags[keep]
        self._hits = np.zeros_like(self._flags, dtype=np.int64)
        self._vectors = self._vectors[keep]

    def rows(self, tokens: list[str]) -> np.ndarray:
        """Table rows of ``tokens``, adding the tokens not seen before."""
        # map() over dict methods loops in C: a million tokens per batch of articles.
        rows = list(map(self._row_of.get, tokens, repeat(-1)))
        if -1 in rows:
            new = [t for t in dict.fromkeys(tokens) if t not in self._row_of]
            self._add(new)
            rows = list(map(self._row_of.__getitem__, tokens))
        return np.array(rows, dtype=np.int64)

    def _add(self, tokens: list[str]) -> None:
        fz = self.featurizer
        res, fs = fz.res, fz.fs
        first = len(self.infos)
        # Each token's features by where they are seen from: its own, from one and from
        # two positions away (without the position prefix), and how many of each.
        own: list[str] = []
        near: list[str] = []
        far: list[str] = []
        own_n: list[int] = []
        near_n: list[int] = []
        far_n: list[int] = []
        flags = []
        gaz_on = fs.gazetteer and bool(res.names)
        trig_on = fs.triggers and bool(res.triggers)
        bigram_firsts = self._bigram_firsts
        for token in tokens:
            info = compute_token(token, res, fs)
            own += info.own
            near += info.near
            far += info.far
            own_n.append(len(info.own))
            near_n.append(len(info.near))
            far_n.append(len(info.far))
            info.own = info.near = info.far = ()  # kept as vectors
            flag = (
                (_QUOTE if fs.quotes and info.key in OPEN_QUOTES else 0)
                | (_GAZ if gaz_on and info.gaz_starts else 0)
                | (_TRIG if trig_on and (info.trig or info.tstart) else 0)
                | (_BIGRAM if info.key in bigram_firsts else 0)
            )
            self._row_of[token] = len(self.infos)
            self.infos.append(info if flag & (_GAZ | _TRIG) else None)
            self.keys.append(info.key)
            self.stems.append(info.stem)
            flags.append(flag)
        end = len(self.infos)
        if end > len(self._vectors):
            # Double, but not far past the bound: the table shrinks at the next batch.
            size = max(end, min(2 * len(self._vectors), TABLE_SIZE + TABLE_SIZE // 4))
            self._vectors = np.resize(self._vectors, (size, *self._vectors.shape[1:]))
            self._flags = np.resize(self._flags, size)
            self._hits = np.resize(self._hits, size)
        seen_from = self._seen_from
        prev, next_ = (seen_from[off] for off in NEAR_OFFSETS)
        prev2, next2 = (seen_from[off] for off in FAR_OFFSETS)
        vectors = self._vectors
        vectors[first:end, _OWN] = self._sums(own, own_n, self.attr_ids)
        vectors[first:end, _PREV] = self._sums(near, near_n, prev)
        vectors[first:end, _NEXT] = self._sums(near, near_n, next_)
        vectors[first:end, _PREV2] = self._sums(far, far_n, prev2)
        vectors[first:end, _NEXT2] = self._sums(far, far_n, next2)
        self._flags[first:end] = flags
        self._hits[first:end] = 0

    def _sums(self, names: list[str], counts: list[int], ids: dict[str, int]) -> np.ndarray:
        """Per token, the sum of the weight rows of its ``counts[k]`` attributes in
        ``names`` (looked up in ``ids``; the zero row when unknown): one sparse row of
        attribute counts per token times the weights."""
        null = self.null
        columns = np.fromiter(map(ids.get, names, repeat(null)), np.int64, len(names))
        indptr = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        ones = np.ones(len(columns))
        counts_matrix = csr_matrix((ones, columns, indptr), shape=(len(counts), null + 1))
        return counts_matrix @ self.weights

    # -- sentences ------------------------------------------------------------------
    def score(self, sentences: list[list[str]]) -> ScoredBatch:
        """State scores of every token of ``sentences`` (empty sentences allowed)."""
        if len(self) > TABLE_SIZE:
            self._shrink()
        lengths = np.fromiter((len(s) for s in sentences), np.int64, len(sentences))
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        rows = self.rows([t for s in sentences for t in s])
        n = len(rows)
        self._hits[: len(self)] += np.bincount(rows, minlength=len(self))
        positions = np.arange(n) - np.repeat(offsets, lengths)
        to_end = np.repeat(lengths, lengths) - 1 - positions  # tokens after this one
        # The five vectors of every token in one gather (the table's rows are read once,
        # in token order, instead of five times).
        vectors = self._vectors[rows]  # (tokens, 5, columns), a copy
        scores = vectors[:, _OWN].copy()
        ends = self._ends
        # Neighbours one and two tokens away (zeros where that crosses the sentence's
        # edge), or the sentence-end markers; each zeroed in place in the copy.
        seen = vectors[:-1, _PREV]
        seen[positions[1:] < 1] = 0.0
        scores[1:] += seen
        scores[positions == 0] += ends["BOS"]
        seen = vectors[:-2, _PREV2]
        seen[positions[2:] < 2] = 0.0
        scores[2:] += seen
        scores[positions == 1] += ends["-2BOS"]
        seen = vectors[1:, _NEXT]
        seen[to_end[:-1] < 1] = 0.0
        scores[:-1] += seen
        scores[to_end == 0] += ends["EOS"]
        seen = vectors[2:, _NEXT2]
        seen[to_end[:-2] < 2] = 0.0
        scores[:-2] += seen
        scores[to_end == 1] += ends["+2EOS"]
        self._add_bigrams(scores, rows, positions)
        self._add_context(scores, sentences, rows, offsets, lengths)
        return ScoredBatch(scores, rows, lengths, offsets, positions)

    def _add_bigrams(self, scores, rows, positions) -> None:
        """The ``bg-=``/``bg+=`` weights of each pair of neighbours in a sentence that a
        model knows (only pairs whose first key starts a known bigram are looked up)."""
        if len(rows) < 2:
            return
        inside = positions[1:] > 0  # the pair does not cross a sentence boundary
        pairs_at = np.flatnonzero((self._flags[rows[:-1]] & _BIGRAM).astype(bool) & inside)
        keys = self.keys
        firsts = map(keys.__getitem__, rows[pairs_at].tolist())
        seconds = map(keys.__getitem__, rows[pairs_at + 1].tolist())
        pairs = list(map("|".join, zip(firsts, seconds, strict=True)))  # "key|next key"
        null = self.null
        for ids, shift in ((self._bigram_back, 1), (self._bigram_ahead, 0)):
            found = np.fromiter(map(ids.get, pairs, repeat(null)), np.int64, len(pairs))
            known = found != null
            # bg-= on the second token of the pair, bg+= on the first (back ones first).
            scores[pairs_at[known] + shift] += self.weights[found[known]]

    def _add_context(self, scores, sentences, rows, offsets, lengths) -> None:
        """Quotes, multi-word gazetteer matches and trigger phrases (sentence-level)."""
        flags = self._flags[rows] & _CONTEXT
        flagged = np.flatnonzero(flags)
        if not len(flagged):
            return
        # Offsets of empty sentences repeat; searchsorted lands on the last (non-empty) one.
        sentence_of = np.searchsorted(offsets, flagged, side="right") - 1
        relative = flagged - offsets[sentence_of]  # index within the sentence
        kinds = flags[flagged]
        # The flagged tokens come in sentence order: one group of them per sentence.
        group_start = np.flatnonzero(np.r_[True, sentence_of[1:] != sentence_of[:-1]])
        group_end = np.r_[group_start[1:], len(flagged)]
        # Per kind (quote, gazetteer, trigger), where each may start: the indices of all
        # groups in one list, and each group's range in it (numpy, not a loop per token).
        per_kind = []
        for bit in (_QUOTE, _GAZ, _TRIG):
            has = (kinds & bit).astype(bool)
            before = np.r_[0, np.cumsum(has)]
            per_kind.append(
                (relative[has].tolist(), before[group_start].tolist(), before[group_end].tolist())
            )
        # Plain lists from here: tens of thousands of sentences, a few tokens each; the
        # batch's keys and token infos once, sliced per sentence.
        rows_of = rows.tolist()
        keys = list(map(self.keys.__getitem__, rows_of))
        infos = list(map(self.infos.__getitem__, rows_of))
        starts, ends = offsets.tolist(), (offsets + lengths).tolist()
        (quotes, q_lo, q_hi), (gaz, g_lo, g_hi), (trig, t_lo, t_hi) = per_kind
        at: list[int] = []
        names: list[str] = []
        fz = self.featurizer
        for g, s in enumerate(sentence_of[group_start].tolist()):
            first, end = starts[s], ends[s]
            cands = (
                quotes[q_lo[g] : q_hi[g]],
                gaz[g_lo[g] : g_hi[g]],
                trig[t_lo[g] : t_hi[g]],
            )
            for i, feature in fz.context_features(
                keys[first:end], infos[first:end], candidates=cands
            ):
                at.append(first + i)
                names.append(feature)
        if at:
            np.add.at(scores, np.array(at), self.weights[self.attr_rows(names)])
