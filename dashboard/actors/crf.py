"""A linear-chain CRF in numpy: weights read from a CRFsuite model, batched decoding.

CRFsuite trains the recogniser (``dashboard.actors.train``); tagging with it costs a
dictionary look-up of every feature string of every token, twice (two stages). Here the
model's exact double-precision weights are read from the model file once, and a
sentence's state scores become sums of per-token weight vectors (memoised per distinct
token by the caller) — decoding is then a few numpy operations over many sentences at
once.

* :func:`read_model` (path) → :class:`CRFModel` (labels, attribute names, state weights
  ``(attributes, labels)``, transition weights ``(labels, labels)``);
* :func:`viterbi` (state scores ``(tokens, labels)``, sentence lengths, transitions) →
  best label id per token, the same path CRFsuite's ``Tagger.tag`` finds (same tie-breaks:
  the lowest label id wins);
* :func:`marginals` (same inputs) → probability of every label at every token, as
  CRFsuite's ``Tagger.marginal``.

The model file layout is CRFsuite's ``crf1dmodel.c`` ("lCRF" header, a "FEAT" chunk of
(type, source, destination, weight) records, label and attribute names in "CQDB"
string databases).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_HEADER = struct.Struct("<4s11I")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


class ModelFormatError(ValueError):
    """The file is not a CRFsuite first-order CRF model this reader understands."""


@dataclass(frozen=True)
class CRFModel:
    """A first-order linear-chain CRF: ``score(y | x) = Σ state[attr, y_t] + Σ trans[y_t-1, y_t]``."""

    labels: tuple[str, ...]
    attributes: tuple[str, ...]
    state: np.ndarray  # (attributes, labels) float64
    trans: np.ndarray  # (labels, labels) float64, from → to


def _cqdb_strings(data: bytes, offset: int) -> list[str]:
    """The strings of a CQDB chunk at ``offset``, in id order (its backward array)."""
    if data[offset : offset + 4] != b"CQDB":
        raise ModelFormatError("string database chunk not found")
    _size, _flag, _order, n, bwd = struct.unpack_from("<5I", data, offset + 4)
    refs = struct.unpack_from(f"<{n}I", data, offset + bwd)
    out = []
    for i, ref in enumerate(refs):
        sid, ksize = struct.unpack_from("<2I", data, offset + ref)
        if sid != i:
            raise ModelFormatError("string database out of order")
        start = offset + ref + 8
        out.append(data[start : start + ksize - 1].decode("utf-8"))  # ksize counts the NUL
    return out


def read_model(path: str | Path) -> CRFModel:
    """Read a CRFsuite model file (as written by ``pycrfsuite.Trainer``) into numpy arrays."""
    data = Path(path).read_bytes()
    if len(data) < _HEADER.size:
        raise ModelFormatError(f"{path}: too short for a CRFsuite model")
    magic, _size, kind, _ver, _nf, n_labels, n_attrs, off_f, off_l, off_a, _, _ = (
        _HEADER.unpack_from(data, 0)
    )
    if magic != b"lCRF" or kind != int.from_bytes(b"FOMC", "little"):
        raise ModelFormatError(f"{path}: not a CRFsuite first-order model")
    if data[off_f : off_f + 4] != b"FEAT":
        raise ModelFormatError(f"{path}: feature chunk not found")
    (n_features,) = struct.unpack_from("<I", data, off_f + 8)
    feats = np.frombuffer(data, dtype=_FEATURE, count=n_features, offset=off_f + 12)
    labels = _cqdb_strings(data, off_l)
    attributes = _cqdb_strings(data, off_a)
    if len(labels) != n_labels or len(attributes) != n_attrs:
        raise ModelFormatError(f"{path}: label or attribute count does not match its header")
    state = np.zeros((n_attrs, n_labels))
    trans = np.zeros((n_labels, n_labels))
    is_state = feats["type"] == 0
    s = feats[is_state]
    np.add.at(state, (s["src"].astype(np.int64), s["dst"].astype(np.int64)), s["weight"])
    t = feats[feats["type"] == 1]
    np.add.at(trans, (t["src"].astype(np.int64), t["dst"].astype(np.int64)), t["weight"])
    return CRFModel(tuple(labels), tuple(attributes), state, trans)


class _Layout:
    """Sentences sorted longest first: at step ``t`` the sentences still running are a
    prefix (``alive[t]`` of them), so each step works on that prefix alone — no padding."""

    def __init__(self, lengths: np.ndarray):
        lengths = np.asarray(lengths, dtype=np.int64)
        offsets = np.zeros(len(lengths), dtype=np.int64)
        np.cumsum(lengths[:-1], out=offsets[1:])
        order = np.argsort(-lengths, kind="stable")
        order = order[lengths[order] > 0]
        self.lengths = lengths[order]
        self.starts = offsets[order]  # first token of each sorted sentence
        longest = int(self.lengths[0]) if len(order) else 0
        self.alive = np.searchsorted(-self.lengths, -np.arange(longest), side="left")

    def at(self, t: int) -> np.ndarray:
        """Token index of step ``t`` of every sentence still running."""
        return self.starts[: self.alive[t]] + t


def viterbi(scores: np.ndarray, lengths: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Best label id for every token.

    ``scores``: ``(tokens, labels)`` state scores of sentences laid end to end;
    ``lengths``: tokens per sentence (sums to ``len(scores)``); ``trans``: ``(labels,
    labels)``. Returns an int array of ``len(scores)``. Ties go to the lowest label id,
    as in CRFsuite.
    """
    out = np.zeros(len(scores), dtype=np.int64)
    lay = _Layout(lengths)
    if not len(lay.alive):
        return out
    alive = lay.alive.tolist()
    at = [lay.at(t) for t in range(len(alive))]
    # Labels first, sentences last: each step's max and argmax over the previous label run
    # over the leading axis, element-wise across the sentences (numpy reduces a short last
    # axis one row at a time, several times slower).
    by_label = np.ascontiguousarray(scores.T)  # (labels, tokens)
    delta = by_label[:, at[0]]  # (labels, sentences running)
    final = np.empty_like(delta)  # each sentence's scores at its last token
    back: list[np.ndarray] = []  # back[t - 1]: best previous label at step t, (to, sentence)
    trans_from_to = trans[:, :, None]
    n = delta.shape[1]
    for t in range(1, len(alive)):
        k = alive[t]
        if k < n:  # these sentences ended at t - 1
            final[:, k:n] = delta[:, k:]
            delta, n = delta[:, :k], k
        cand = delta[:, None, :] + trans_from_to  # (from, to, sentence)
        back.append(cand.argmax(axis=0))  # the first of equal maxima: the lowest label id
        delta = cand.max(axis=0)
        delta += by_label[:, at[t]]
    final[:, :n] = delta
    label = final.argmax(axis=0)
    out[lay.starts + lay.lengths - 1] = label
    sentence = np.arange(len(label))
    for t in range(len(back), 0, -1):
        step = back[t - 1]
        k = step.shape[1]
        label[:k] = step.ravel()[label[:k] * k + sentence[:k]]  # step[label, sentence]
        out[at[t - 1][:k]] = label[:k]
    return out


def marginals(scores: np.ndarray, lengths: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """``P(y_t = label | sentence)`` for every token and label: ``(tokens, labels)``.

    Forward-backward with each step rescaled (as CRFsuite does), over the same
    longest-first layout as :func:`viterbi`.
    """
    out = np.zeros(scores.shape)
    lay = _Layout(lengths)
    if not len(lay.alive):
        return out
    exp_trans = np.exp(trans)
    # Shifting a token's scores by a constant cancels out in its marginals.
    exp_state = np.exp(scores - scores.max(axis=1, keepdims=True))
    alpha = [exp_state[lay.at(0)]]
    alpha[0] /= alpha[0].sum(axis=1, keepdims=True)
    for t in range(1, len(lay.alive)):
        a = (alpha[-1][: lay.alive[t]] @ exp_trans) * exp_state[lay.at(t)]
        alpha.append(a / a.sum(axis=1, keepdims=True))
    beta = np.ones_like(alpha[-1])
    for t in range(len(lay.alive) - 1, -1, -1):
        p = alpha[t] * beta
        out[lay.at(t)] = p / p.sum(axis=1, keepdims=True)
        if t:
            nxt = np.ones_like(alpha[t - 1])  # sentences ending at t - 1 start from 1
            b = (exp_state[lay.at(t)] * beta) @ exp_trans.T
            nxt[: len(b)] = b / b.sum(axis=1, keepdims=True)
            beta = nxt
    return out
