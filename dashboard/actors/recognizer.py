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

import contextlib
import hashlib
from collections import Counter
from pathlib import Path

import pycrfsuite

from dashboard.actors.features import (
    MAX_NAME_TOKENS,
    FeatureSet,
    Featurizer,
    Resources,
    document_features,
)
from dashboard.arabic.normalize import normalize
from dashboard.paths import data_file

# Propagation settings (tuned on the ANERcorp dev part; see bench/ner_score.py).
CONFIDENCE = 0.9  # min marginal probability over a span for it to be a propagation source
MIN_KEY_CHARS = 3
PARTIAL_NAMES = True
SKIP_QUIET = True  # two-stage: sentences with no names at all skip the second stage  # a confident full person name also propagates its last token  # single-token names shorter than this never propagate


class ModelMissingError(FileNotFoundError):
    """The CRF model file is not where it should be."""


class Recognizer:
    """A loaded CRF model with its feature resources."""

    def __init__(
        self,
        tagger: pycrfsuite.Tagger,
        featurizer: Featurizer,
        path: Path,
        stage1: pycrfsuite.Tagger | None = None,
    ):
        self.tagger = tagger  # the final CRF (second stage when ``stage1`` is given)
        self.stage1 = stage1  # first-stage CRF whose tags feed the document features
        self.featurizer = featurizer
        self.path = path
        self.propagate = True

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
        (about twice as fast, about one F1 point less). Raises ``ModelMissingError``
        with a hint if the file is absent.
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
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        resources = Resources.load(path.parent)
        stage1 = None
        if two_stage and stage1_path.is_file():
            stage1 = pycrfsuite.Tagger()
            stage1.open(str(stage1_path))
        known = known_attributes(tagger, path)
        if stage1 is not None:
            known |= known_attributes(stage1, stage1_path)
        featurizer = Featurizer(resources, feature_set, known, encode=True)
        return cls(tagger, featurizer, path, stage1)

    # -- tagging ----------------------------------------------------------------
    def tag_sentence(self, tokens: list[str]) -> list[str]:
        """IOB2 tags of one sentence on its own."""
        return self.tag_stream([tokens], window=0)[0]

    def _features(self, sentences: list[list[str]], window: int):
        """Final-stage features per sentence, and the tags of sentences already settled.

        Two-stage: stage 1 tags every sentence; a sentence where stage 1 found nothing
        and no name from elsewhere in the document occurs keeps stage 1's all-O tags
        (stage 2 has no evidence to add there), which saves most of the second pass.
        """
        feats = [self.featurizer.sentence(s) if s else [] for s in sentences]
        if self.stage1 is None:
            return feats, [None] * len(feats)
        tag1 = self.stage1.tag
        first = [tag1(f) if f else [] for f in feats]
        doc = document_features(self.featurizer, sentences, first, window)
        settled: list[list[str] | None] = []
        for k, (f, d, t) in enumerate(zip(feats, doc, first, strict=True)):
            if SKIP_QUIET and all(x == "O" for x in t) and all(len(x) == 3 for x in d):
                settled.append(t)
            else:
                settled.append(None)
                feats[k] = [a + b for a, b in zip(f, d, strict=True)]
        return feats, settled

    def _tag_with_sources(self, tokens: list[str], feats: list[list[str]], settled=None):
        """Tags of one sentence and its confident entities: [(key tuple, type)]."""
        if not tokens:
            return [], []
        if settled is not None:
            return settled, []
        tagger = self.tagger
        tags = tagger.tag(feats)
        sources = []
        if self.propagate:
            for start, end, typ in _spans(tags):
                conf = min(tagger.marginal(tags[i], i) for i in range(start, end))
                if conf >= CONFIDENCE:
                    key = self._key(tokens, start, end)
                    if key:
                        sources.append((key, typ))
                    if PARTIAL_NAMES and typ == "PER" and end - start > 1:
                        # A person named in full is later called by the surname alone.
                        surname = self._key(tokens, end - 1, end)
                        if surname:
                            sources.append((surname, typ))
        return tags, sources

    def _key(self, tokens: list[str], start: int, end: int) -> tuple[str, ...] | None:
        """Matching key of a token span: stem of the first token, normalised rest."""
        infos = [self.featurizer.token_info(t) for t in tokens[start:end]]
        key = (infos[0].stem, *(i.key for i in infos[1:]))
        if len(key) == 1 and len(key[0]) < MIN_KEY_CHARS:
            return None
        return key

    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        """IOB2 tags for every sentence of one document (propagation across the document)."""
        return self.tag_stream(sentences, window=len(sentences))

    def tag_stream(self, sentences: list[list[str]], window: int = 20) -> list[list[str]]:
        """Tags for a sentence stream without document breaks (a CoNLL file).

        Each sentence takes names from the ``window`` sentences on either side.
        """
        feats, settled = self._features(sentences, window)
        results = [
            self._tag_with_sources(s, f, done)
            for s, f, done in zip(sentences, feats, settled, strict=True)
        ]
        tags = [_valid_iob2(t) for t, _ in results]
        if self.propagate:
            sources: dict[tuple[str, ...], list[tuple[int, str]]] = {}
            for i, (_, found) in enumerate(results):
                for key, typ in found:
                    sources.setdefault(key, []).append((i, typ))
            if sources:
                self._propagate(sentences, tags, sources, window)
        return tags

    def _propagate(self, sentences, tags, sources, window) -> None:
        """Tag untagged occurrences of confident names (in place), majority type in window."""
        sources = {k: v for k, v in sources.items() if len(k) <= MAX_NAME_TOKENS}
        if not sources:
            return
        firsts = {key[0] for key in sources}
        max_len = max(len(key) for key in sources)
        for s_idx, tokens in enumerate(sentences):
            infos = [self.featurizer.token_info(t) for t in tokens]
            sent_tags = tags[s_idx]
            n = len(tokens)
            i = 0
            while i < n:
                if sent_tags[i] != "O" or infos[i].stem not in firsts:
                    i += 1
                    continue
                step = 1
                for length in range(min(max_len, n - i), 0, -1):
                    key = (infos[i].stem, *(infos[j].key for j in range(i + 1, i + length)))
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
                    step = length
                    break
                i += step


def model_attributes(tagger: pycrfsuite.Tagger) -> set[str]:
    """The attribute (feature) names a loaded CRF has state weights for (slow: ~0.5 s)."""
    return {attr for attr, _label in tagger.info().state_features}


def attributes_path_of(path: Path) -> Path:
    """Where a model's attribute list is cached: ``ner.crfsuite`` → ``ner.attributes.txt``."""
    return path.with_name(path.stem + ".attributes.txt")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_attributes(path: str | Path, tagger: pycrfsuite.Tagger | None = None) -> set[str]:
    """Compute the model's attribute names and cache them next to it; returns them.

    The cache's first line is ``# sha256 <hex of the model file>``, so a retrained model
    never reads a stale list. Call after training; :func:`known_attributes` also writes it
    when it is missing or stale (unless the folder is read-only).
    """
    path = Path(path)
    if tagger is None:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
    attrs = model_attributes(tagger)
    if not any("\n" in a for a in attrs):  # one name per line must stay unambiguous
        text = f"# sha256 {_sha256(path)}\n" + "".join(a + "\n" for a in sorted(attrs))
        with contextlib.suppress(OSError):  # a read-only install still works, more slowly
            attributes_path_of(path).write_text(text, encoding="utf-8")
    return attrs


def known_attributes(tagger: pycrfsuite.Tagger, path: Path) -> set[str]:
    """The attribute names of the model at ``path`` (opened in ``tagger``), from the cache
    file when it matches the model's sha256, else computed (and cached)."""
    cache = attributes_path_of(path)
    try:
        with open(cache, encoding="utf-8", newline="") as fh:  # keep any \r in names
            head = fh.readline()
            if head == f"# sha256 {_sha256(path)}\n":
                return set(fh.read().split("\n")[:-1])
    except OSError:
        pass
    return write_attributes(path, tagger)


def stage1_path_of(path: Path) -> Path:
    """Where a two-stage model keeps its first stage: ``ner.crfsuite`` → ``ner.stage1.crfsuite``."""
    return path.with_name(path.stem + ".stage1" + path.suffix)


def _valid_iob2(tags: list[str]) -> list[str]:
    """Make a tag sequence valid IOB2: an I-X that does not continue an X becomes B-X."""
    prev = "O"
    for i, tag in enumerate(tags):
        if tag[0] == "I" and prev[1:] != tag[1:]:
            tags[i] = "B" + tag[1:]
        prev = tag
    return tags


def _spans(tags: list[str]):
    start, typ = None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == typ):
            yield start, i, typ
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, typ = i, tag[2:]


def normalised_key(tokens: list[str]) -> str:
    """Normalised, space-joined form of a token span (for callers linking mentions)."""
    return " ".join(normalize(t) for t in tokens)
