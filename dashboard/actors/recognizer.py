"""The statistical named-entity recogniser: a CRF plus document-level propagation.

In: tokenised sentences (CoNLL-like tokens, clitics attached). Out: IOB2 tags
over PER, LOC (countries, cities, regions: ANERcorp's LOC covers GPE) and ORG.
Nisba adjectives (الروسي) stay ``O`` as in ANERcorp.

    rec = Recognizer.load()              # data/model/ner.crfsuite; never touches the network
    rec.tag_document([["قال", "الرئيس", "الروسي", "فلاديمير", "بوتين"]])

Propagation: a name the CRF is confident about somewhere in a document is also
tagged where the same (clitic-stripped) token sequence occurs untagged elsewhere
in that document (for a CoNLL stream: within ``window`` sentences).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np

from dashboard.actors.crf import CRFModel, marginals, read_model, viterbi
from dashboard.actors.document_features import MAX_NAME_TOKENS, document_context
from dashboard.actors.features import Featurizer
from dashboard.actors.iob import entity_spans, trim_punctuation, valid_iob2
from dashboard.actors.resources import Resources
from dashboard.actors.scoring import StateScorer
from dashboard.actors.token_features import FeatureSet
from dashboard.paths import data_file

# Propagation settings (tuned on the ANERcorp dev part; see bench/ner_score.py).
CONFIDENCE = 0.9  # min marginal probability over a span for it to be a propagation source
MIN_KEY_CHARS = 3  # single-token names shorter than this never propagate
PARTIAL_NAMES = True  # a confident full person name also propagates its last token
SKIP_QUIET = True  # two-stage: sentences with no names at all keep their first-stage tags


class ModelMissingError(FileNotFoundError):
    """The CRF model file is not where it should be."""


class Recognizer:
    """A loaded CRF model (two stages, or one) with its feature resources.

    Tagging runs in numpy on the models' weights (``dashboard.actors.crf``,
    ``dashboard.actors.scoring``): the same tags CRFsuite gives for the same features,
    for many sentences at a time.
    """

    def __init__(
        self,
        final: CRFModel,
        featurizer: Featurizer,
        path: Path,
        stage1: CRFModel | None = None,
    ):
        self.final = final  # the final CRF (second stage when ``stage1`` is given)
        self.stage1 = stage1  # first-stage CRF whose tags feed the document features
        self.featurizer = featurizer
        self.path = path
        self.propagate = True
        self.scorer = StateScorer(featurizer, [stage1, final] if stage1 else [final])
        if stage1 is not None:
            attr, final_cols = self.scorer.attr, self.scorer.columns[-1]
            weights = self.scorer.weights[:, final_cols]
            # Weights of the stage-1 tag features (s1=, s1-=, s1+=) by stage-1 label id;
            # one more row for the sentence ends (BOS before the first, EOS after the last).
            self._s1_own = weights[[attr("s1=" + t) for t in stage1.labels]]
            self._s1_before = weights[[attr("s1-=" + t) for t in (*stage1.labels, "BOS")]]
            self._s1_after = weights[[attr("s1+=" + t) for t in (*stage1.labels, "EOS")]]

    @classmethod
    def load(
        cls,
        path: str | Path | None = None,
        feature_set: FeatureSet | None = None,
        *,
        two_stage: bool = True,
    ) -> Recognizer:
        """Open the model at ``path`` (default ``data/model/ner.crfsuite``).

        The feature resources (gazetteer, clusters, triggers) are read from the
        model's folder, and so is the first-stage model ``<stem>.stage1.crfsuite``
        when the model is two-stage. ``two_stage=False`` uses only that first stage
        (about one F1 point less). Raises ``ModelMissingError`` with a hint if the
        file is absent.
        """
        path = Path(path) if path else data_file("model", "ner.crfsuite")
        if not path.is_file():
            raise ModelMissingError(
                f"NER model not found at {path}. Train it with: python -m "
                "dashboard.actors.train --train TRAIN.txt --test TEST.txt --out "
                f"{path}"
            )
        stage1_path = stage1_path_of(path)
        if not two_stage and stage1_path.is_file():
            path, stage1_path = stage1_path, path  # tag with the first stage alone
        stage1 = read_model(stage1_path) if two_stage and stage1_path.is_file() else None
        featurizer = Featurizer(Resources.load(path.parent), feature_set)
        return cls(read_model(path), featurizer, path, stage1)

    # -- tagging ----------------------------------------------------------------
    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        """IOB2 tags for every sentence of one document (propagation across the document)."""
        return self.tag_documents([sentences])[0]

    def tag_documents(self, documents: list[list[list[str]]]) -> list[list[list[str]]]:
        """:meth:`tag_document` of each document, computed together (much faster than
        one at a time: the CRF runs over all their sentences at once)."""
        sentences = [s for doc in documents for s in doc]
        spans, start = [], 0
        for doc in documents:
            spans.append((start, start + len(doc), len(doc)))
            start += len(doc)
        tags = self._tag(sentences, spans)
        return [tags[a:b] for a, b, _ in spans]

    def tag_stream(self, sentences: list[list[str]], window: int = 20) -> list[list[str]]:
        """Tags for a sentence stream without document breaks (a CoNLL file).

        Each sentence takes names from the ``window`` sentences on either side.
        """
        return self._tag(sentences, [(0, len(sentences), window)])

    def clear_cache(self) -> None:
        """Forget the memoised tokens (for timing a cold start)."""
        self.scorer.clear()

    def _tag(self, sentences: list[list[str]], docs: list[tuple[int, int, int]]):
        """Tags of ``sentences``; ``docs``: (first, end, window) sentence ranges whose
        sentences see each other (document features, propagation)."""
        if not sentences:
            return []
        batch = self.scorer.score(sentences)
        lengths, offsets = batch.lengths, batch.offsets
        keys, stems = self.scorer.keys, self.scorer.stems
        rows = batch.rows.tolist()
        cuts = list(zip(offsets.tolist(), (offsets + lengths).tolist(), strict=True))
        flat_keys = list(map(keys.__getitem__, rows))
        flat_stems = list(map(stems.__getitem__, rows))
        sent_keys = [flat_keys[a:b] for a, b in cuts]
        sent_stems = [flat_stems[a:b] for a, b in cuts]
        final_scores = batch.scores[:, self.scorer.columns[-1]]
        active = np.ones(len(sentences), dtype=bool)
        settled: list[list[str]] = []  # stage 1's tags (read only where stage 2 is skipped)
        if self.stage1 is not None:
            first = viterbi(batch.scores[:, self.scorer.columns[0]], lengths, self.stage1.trans)
            settled = _split(np.array(self.stage1.labels, dtype=object)[first], lengths)
            final_scores, with_context = self._second_stage_scores(
                final_scores, batch, first, settled, sent_stems, sent_keys, docs
            )
            if SKIP_QUIET:
                # Stage 1 found no name there and no name from elsewhere occurs there:
                # stage 2 has no evidence to add, the sentence keeps stage 1's all-O tags.
                named = np.zeros(len(sentences), dtype=bool)
                sent_of = np.repeat(np.arange(len(sentences)), lengths)
                named[sent_of[first != self.stage1.labels.index("O")]] = True
                active = named | with_context
        labels = np.array(self.final.labels, dtype=object)
        token_active = np.repeat(active, lengths)
        ids = viterbi(final_scores[token_active], lengths[active], self.final.trans)
        found = _split(labels[ids], lengths[active])
        tags: list[list[str]] = []
        it = iter(found)
        for k in range(len(sentences)):
            tags.append(next(it) if active[k] else settled[k])
        sources = self._sources(
            final_scores, token_active, ids, lengths, active, tags, sent_stems, sent_keys
        )
        tags = [
            trim_punctuation(toks, valid_iob2(t)) if t.count("O") < len(t) else t
            for toks, t in zip(sentences, tags, strict=True)
        ]
        if self.propagate and sources:
            for a, b, window in docs:
                doc_sources: dict[tuple[str, ...], list[tuple[int, str]]] = {}
                for k in range(a, b):
                    for key, typ in sources.get(k, ()):
                        doc_sources.setdefault(key, []).append((k - a, typ))
                if doc_sources:
                    _propagate(sent_stems[a:b], sent_keys[a:b], tags[a:b], doc_sources, window)
        return tags

    def _second_stage_scores(self, scores, batch, first, tags1, stems, keys, docs):
        """Final-stage scores: the shared token scores plus the stage-1 tag features and
        the document context; also which sentences got any document context."""
        positions, lengths = batch.positions, batch.lengths
        assert self.stage1 is not None, "only a two-stage model has a second stage"
        n_labels = len(self.stage1.labels)
        n = len(first)
        before = np.full(n, n_labels)  # BOS
        before[1:] = np.where(positions[1:] > 0, first[:-1], n_labels)
        after = np.full(n, n_labels)  # EOS
        last = positions == np.repeat(lengths, lengths) - 1
        after[:-1] = np.where(~last[:-1], first[1:], n_labels)
        scores = scores + self._s1_own[first] + self._s1_before[before] + self._s1_after[after]
        with_context = np.zeros(len(lengths), dtype=bool)
        at: list[int] = []
        names: list[str] = []
        offsets = batch.offsets.tolist()
        for a, b, window in docs:
            for s_idx, i, feature in document_context(stems[a:b], keys[a:b], tags1[a:b], window):
                with_context[a + s_idx] = True
                at.append(offsets[a + s_idx] + i)
                names.append(feature)
        if at:
            weights = self.scorer.weights[:, self.scorer.columns[-1]]
            np.add.at(scores, np.array(at), weights[self.scorer.attr_rows(names)])
        return scores, with_context

    def _sources(self, scores, token_active, ids, lengths, active, tags, stems, keys):
        """Confident entities of the decoded sentences: {sentence: [(key, type)]}.

        A span is confident when every token's marginal probability of its label is
        at least ``CONFIDENCE``; a confident full person name also gives its surname.
        """
        if not self.propagate:
            return {}
        sentence_ids = np.flatnonzero(active)
        act_lengths = lengths[active]
        o_id = self.final.labels.index("O")
        sent_of = np.repeat(np.arange(len(sentence_ids)), act_lengths)
        has_name = np.zeros(len(sentence_ids), dtype=bool)
        has_name[sent_of[ids != o_id]] = True
        if not has_name.any():
            return {}
        sub = np.repeat(has_name, act_lengths)
        probs = marginals(scores[token_active][sub], act_lengths[has_name], self.final.trans)
        chosen = probs[np.arange(len(probs)), ids[sub]]
        conf = _split(chosen, act_lengths[has_name])
        sources: dict[int, list[tuple[tuple[str, ...], str]]] = {}
        for k, sent_conf in zip(sentence_ids[has_name].tolist(), conf, strict=True):
            sent_tags = tags[k]
            found = []
            for start, end, typ in entity_spans(sent_tags):
                if min(sent_conf[start:end]) < CONFIDENCE:
                    continue
                key = _key(stems[k], keys[k], start, end)
                if key:
                    found.append((key, typ))
                if PARTIAL_NAMES and typ == "PER" and end - start > 1:
                    # A person named in full is later called by the surname alone.
                    surname = _key(stems[k], keys[k], end - 1, end)
                    if surname:
                        found.append((surname, typ))
            if found:
                sources[k] = found
        return sources


def _split(values, lengths) -> list:
    """A flat array cut into consecutive lists of ``lengths``."""
    flat = values.tolist()
    out, start = [], 0
    for n in lengths.tolist():
        out.append(flat[start : start + n])
        start += n
    return out


def _key(stems: list[str], keys: list[str], start: int, end: int) -> tuple[str, ...] | None:
    """Matching key of a token span: stem of the first token, normalised rest."""
    key = (stems[start], *keys[start + 1 : end])
    if len(key) == 1 and len(key[0]) < MIN_KEY_CHARS:
        return None
    return key


def _propagate(stems, keys, tags, sources, window) -> None:
    """Tag untagged occurrences of confident names (in place), majority type in window.

    ``stems``/``keys``/``tags``: per sentence of one document or stream; ``sources``:
    name key → [(sentence index, type)].
    """
    sources = {k: v for k, v in sources.items() if len(k) <= MAX_NAME_TOKENS}
    if not sources:
        return
    firsts = {key[0] for key in sources}
    max_len = max(len(key) for key in sources)
    for s_idx, (sent_stems, sent_keys) in enumerate(zip(stems, keys, strict=True)):
        sent_tags = tags[s_idx]
        n = len(sent_stems)
        after = 0  # a name just tagged covers tokens up to here
        for i in [i for i, stem in enumerate(sent_stems) if stem in firsts]:
            if i < after or sent_tags[i] != "O":
                continue
            for length in range(min(max_len, n - i), 0, -1):
                key = (sent_stems[i], *sent_keys[i + 1 : i + length])
                found = sources.get(key)
                if not found:
                    continue
                if any(sent_tags[j] != "O" for j in range(i, i + length)):
                    continue
                if i + length < n and sent_tags[i + length].startswith("I-"):
                    continue
                votes = Counter(t for j, t in found if abs(j - s_idx) <= window)
                if not votes:
                    continue
                typ = votes.most_common(1)[0][0]
                sent_tags[i] = "B-" + typ
                for j in range(i + 1, i + length):
                    sent_tags[j] = "I-" + typ
                after = i + length
                break


def stage1_path_of(path: Path) -> Path:
    """Where a two-stage model keeps its first stage: ``ner.crfsuite`` → ``ner.stage1.crfsuite``."""
    return path.with_name(path.stem + ".stage1" + path.suffix)
