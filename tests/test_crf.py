"""The numpy CRF decoder gives what CRFsuite gives: same weights, same scores, same tags.

The recogniser no longer asks CRFsuite to tag; it reads the model's weights and sums
memoised per-token vectors (dashboard.actors.scoring). These tests hold that path to
CRFsuite itself on the seed article: any feature the vectors missed or counted twice, or
a decoding slip, shows up as a score, tag or probability that differs.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from dashboard.actors.crf import CRFModel, marginals, read_model, viterbi
from dashboard.actors.document_features import document_features
from dashboard.actors.features import Featurizer
from dashboard.actors.recognizer import Recognizer, stage1_path_of
from dashboard.actors.resources import Resources
from dashboard.actors.scoring import StateScorer
from dashboard.arabic.sentences import split_sentences
from dashboard.arabic.tokens import tokenize
from dashboard.paths import data_file

SEED = next(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))
MORE = [
    "قال وزير الخارجية الأمريكي «مايك بومبيو» إن واشنطن ستدعم الأمم المتحدة .",
    "واستقبل الرئيس المصري عبد الفتاح السيسي في القاهرة نظيره الفرنسي إيمانويل ماكرون",
    "بومبيو",
    "",
    '" الأهرام " : السيسي يلتقي ماكرون',
]


def _document() -> list[list[str]]:
    text = SEED.read_text(encoding="utf-8")
    sentences = [text[s:e] for s, e in split_sentences(text)]
    return [[t[a:b] for a, b in tokenize(t)] for t in sentences] + [s.split() for s in MORE]


@pytest.fixture(scope="module")
def rec():
    return Recognizer.load()


def _crfsuite(path: Path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def _scores_from_strings(model, feats: list[list[str]]) -> np.ndarray:
    """State scores the slow way: every feature string of every token looked up."""
    index = {a: i for i, a in enumerate(model.attributes)}
    out = np.zeros((len(feats), len(model.labels)))
    for t, token_feats in enumerate(feats):
        for f in token_feats:
            if f in index:
                out[t] += model.state[index[f]]
    return out


def test_weights_read_from_the_model_file_match_crfsuite():
    path = data_file("model", "ner.crfsuite")
    model = read_model(path)
    info = _crfsuite(path).info()
    assert list(model.labels) == _crfsuite(path).labels()
    lab = {label: i for i, label in enumerate(model.labels)}
    attr = {a: i for i, a in enumerate(model.attributes)}
    # CRFsuite's dump prints six decimals; the file holds the exact doubles.
    for (a, label), w in info.state_features.items():
        assert model.state[attr[a], lab[label]] == pytest.approx(w, abs=1e-6)
    for (a, b), w in info.transitions.items():
        assert model.trans[lab[a], lab[b]] == pytest.approx(w, abs=1e-6)
    assert np.count_nonzero(model.state) == len(info.state_features)


def test_token_vectors_add_up_to_the_feature_strings(rec):
    """Stage-1 scores from memoised vectors = the sum over Featurizer.sentence's strings."""
    doc = [s for s in _document() if s]
    batch = rec.scorer.score(doc)
    strings = Featurizer(Resources.load(data_file("model")))
    expected = np.vstack([_scores_from_strings(rec.stage1, strings.sentence(s)) for s in doc])
    got = batch.scores[:, rec.scorer.columns[0]]
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)


def test_a_model_knowing_every_feature_scores_as_the_feature_strings_do():
    """A model that weighs every feature the sentences show (each position's, bigrams of
    keys that hold "|", sentence ends, quotes, gazetteer and trigger context): the
    table's sums equal the strings' sums, so none is missed or counted twice."""
    doc = [s for s in _document() if s] + [["ا|ب", "|", "ج"], ["|", "|", "x|y", "«", "ب", "»"]]
    featurizer = Featurizer(Resources.load(data_file("model")))
    strings = [featurizer.sentence(s) for s in doc]
    attributes = tuple(sorted({f for sent in strings for token in sent for f in token}))
    state = np.random.default_rng(7).normal(size=(len(attributes), 2))
    model = CRFModel(("O", "B-PER"), attributes, state, np.zeros((2, 2)))
    got = StateScorer(featurizer, [model]).score(doc).scores
    expected = np.vstack([_scores_from_strings(model, s) for s in strings])
    assert any(a.startswith("bg-=|") for a in attributes)  # bigrams of "|" keys are in
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)


def test_both_stages_tag_as_crfsuite_does(rec):
    doc = [s for s in _document() if s]
    strings = Featurizer(Resources.load(data_file("model")))
    feats = [strings.sentence(s) for s in doc]
    first = _crfsuite(stage1_path_of(rec.path))
    tags1 = [first.tag(f) for f in feats]
    doc_feats = document_features(strings, doc, tags1, len(doc))
    final = _crfsuite(rec.path)
    feats2 = [
        [a + b for a, b in zip(f, d, strict=True)] for f, d in zip(feats, doc_feats, strict=True)
    ]
    expected = [final.tag(f) for f in feats2]
    expected_probs = []
    for f, tags in zip(feats2, expected, strict=True):
        final.set(f)
        expected_probs += [final.marginal(y, i) for i, y in enumerate(tags)]

    batch = rec.scorer.score(doc)
    lengths = batch.lengths
    ids1 = viterbi(batch.scores[:, rec.scorer.columns[0]], lengths, rec.stage1.trans)
    assert [rec.stage1.labels[i] for i in ids1] == [t for s in tags1 for t in s]
    scores2, _ = rec._second_stage_scores(
        batch.scores[:, rec.scorer.columns[-1]],
        batch,
        ids1,
        tags1,
        [[rec.scorer.stems[r] for r in rec.scorer.rows(s)] for s in doc],
        [[rec.scorer.keys[r] for r in rec.scorer.rows(s)] for s in doc],
        [(0, len(doc), len(doc))],
    )
    np.testing.assert_allclose(
        scores2, np.vstack([_scores_from_strings(rec.final, f) for f in feats2]), atol=1e-9
    )
    ids2 = viterbi(scores2, lengths, rec.final.trans)
    assert [rec.final.labels[i] for i in ids2] == [t for s in expected for t in s]
    probs = marginals(scores2, lengths, rec.final.trans)[np.arange(len(ids2)), ids2]
    np.testing.assert_allclose(probs, expected_probs, atol=1e-9)
    assert any(t != "O" for s in expected for t in s)  # the check had names to get right


def _brute_force(scores, trans):
    """Best path and marginals of one sentence by enumerating every label sequence."""
    n, n_labels = scores.shape
    paths = list(itertools.product(range(n_labels), repeat=n))
    totals = np.array(
        [
            sum(scores[t, y] for t, y in enumerate(p))
            + sum(trans[a, b] for a, b in itertools.pairwise(p))
            for p in paths
        ]
    )
    weights = np.exp(totals - totals.max())
    probs = np.zeros((n, n_labels))
    for p, w in zip(paths, weights, strict=True):
        for t, y in enumerate(p):
            probs[t, y] += w
    return list(paths[int(totals.argmax())]), probs / weights.sum()


def test_decoding_is_exact_on_sentences_of_every_length():
    rng = np.random.default_rng(7)
    lengths = np.array([3, 1, 0, 4, 2, 4, 1])
    scores = rng.normal(scale=2.0, size=(lengths.sum(), 3))
    trans = rng.normal(scale=2.0, size=(3, 3))
    ids = viterbi(scores, lengths, trans)
    probs = marginals(scores, lengths, trans)
    start = 0
    for n in lengths:
        if n:
            best, expected = _brute_force(scores[start : start + n], trans)
            assert ids[start : start + n].tolist() == best
            np.testing.assert_allclose(probs[start : start + n], expected, atol=1e-12)
        start += n


def test_batched_documents_tag_as_one_at_a_time(rec):
    doc = _document()
    other = [["زار", "ماكرون", "موسكو"], [], ["والتقى", "ماكرون", "بوتين"]]
    together = rec.tag_documents([doc, other, []])
    assert together == [rec.tag_document(doc), rec.tag_document(other), []]
    # Each document's names stay its own: propagation never crosses documents.
    rec.clear_cache()
    assert rec.tag_documents([other]) == [together[1]]


def test_a_full_token_table_keeps_its_frequent_tokens_and_the_same_tags(monkeypatch):
    from dashboard.actors import scoring

    doc = _document()
    expected = Recognizer.load().tag_document(doc)
    small = Recognizer.load()
    monkeypatch.setattr(scoring, "TABLE_SIZE", 20)
    small.tag_document(doc)  # fills the table far past 20 tokens
    seen = len(small.scorer)
    frequent = max(small.scorer._row_of, key=lambda t: sum(s.count(t) for s in doc))
    small.tag_document([["قال"]])  # a full table shrinks to its frequent half first
    assert len(small.scorer) <= seen // 2 + 1
    assert frequent in small.scorer._row_of
    assert small.tag_document(doc) == expected  # evicted tokens come back, same tags
